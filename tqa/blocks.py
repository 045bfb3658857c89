"""A large bilingual file (XLIFF, TMX, PO) checked in blocks of units, so
that memory does not grow with the units already done.

A unit file is one document, and its units are checked one by one anyway
(tqa.pipeline.check_units: nothing crosses from one unit into another).
Here the units are read one at a time (tqa.read.read_records), checked
BLOCK_UNITS at a time as a small document, and each block's report is
placed in the whole document's coordinates (offsets, segment ids) exactly
as check_units places each unit. What grows with the units and only the
report needs — segments, alignment, source segments and source text — is
written as JSON to temporary files as each block is done and copied into
the report line at the end (:func:`write_document`); the block's texts,
parses and alignment are dropped. Memory keeps the findings, the notes,
the target text (inline suppressions and the baseline read it) and, for
the batch-wide consistency checks (TQA-STR-005/006), one compact entry per
unit.

Only the streamed report (``--format jsonl``) is written this way: its
document line is byte for byte the line of the same file checked at once
(the score, in the line's head, is known only at the end, so the line is
written once the file is done). Other formats render a Report in memory.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import chain, islice
from typing import IO, TYPE_CHECKING, Any

from tqa.model import Bead, Document, DocumentReport, DocumentSide, Finding, Note, Spill

if TYPE_CHECKING:
    from tqa.checks import Rule
    from tqa.config import Config
    from tqa.read import Input
    from tqa.read.units import Record

#: units checked together; a file with more is checked in blocks
BLOCK_UNITS = 1000
#: the spilled parts of a report: lists of JSON values, and the source text
LISTS = ("segments", "alignment", "source_segments")
SOURCE_TEXT = "source_text"
#: bytes copied at a time from a spill file into the report
COPY_BYTES = 1 << 20


def check_in_blocks(
    item: Input,
    config: Config,
    rules: Iterable[Rule],
    notes: Iterable[Note] = (),
    block_units: int | None = None,
) -> DocumentReport | Document:
    """The report of a bilingual file checked ``block_units`` units at a
    time (BLOCK_UNITS by default), its growing parts spilled (see the module
    docstring); or, when the file has no more units than one block, the
    file read (what read_input gives), to check at once without reading
    it again. InputError as read_input raises it."""
    from tqa.read import format_of, read_records
    from tqa.read.units import Builder

    size = block_units or BLOCK_UNITS
    records = read_records(item, config.max_bytes, config.source_lang, config.target_lang)
    first = list(islice(records, size + 1))
    if len(first) <= size:
        whole = Builder(item.display, format_of(item.path))
        for record in first:
            whole.add(*record)
        return whole.document()
    rules, notes = list(rules), list(notes)
    report = _Spiller(item.display, format_of(item.path), config)
    try:
        rest = chain(first[size:], records)
        block = first[:size]
        while block:
            report.add(_check_block(block, report, config, rules, notes))
            block = list(islice(rest, size))
        return report.finish()
    except BaseException:
        report.discard()
        raise


#: the spill folders' names: tqa-blocks-PID-HOST-…, HOST a hash of the host name
PREFIX = "tqa-blocks-"
_STALE = re.compile(PREFIX + r"(\d{1,10})-([0-9a-f]{8})-")
_swept = False


def spill_directory() -> str:
    """A new folder for spill files, named after this process. The first
    call of a process also removes the folders that earlier tqa processes
    of this host and user left behind when they were killed before they
    could remove them (their process is gone)."""
    global _swept
    host = _host_tag()
    if not _swept and os.name == "posix":
        _swept = True
        _remove_stale(tempfile.gettempdir(), host)
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-{host}-")


def _host_tag() -> str:
    import hashlib
    import socket

    return hashlib.sha1(socket.gethostname().encode("utf-8")).hexdigest()[:8]


def _remove_stale(folder: str, host: str) -> None:
    """Remove the spill folders in ``folder`` of dead processes of ``host``
    owned by this user; anything else (a live process, another host or
    user, a link, a name of another shape) is left alone."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _STALE.match(entry.name)
        if found is None or found[2] != host or _alive(int(found[1])):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError, OSError):
        return True
    return True


def _check_block(
    block: list[Record], report: _Spiller, config: Config, rules: list[Rule], notes: list[Note]
) -> DocumentReport:
    from tqa.pipeline import check_units
    from tqa.read.units import Builder

    builder = Builder(report.path, report.format)
    for record in block:
        builder.add(*record)
    return check_units(builder.document(), config, rules=rules, notes=notes)


class _Spiller:
    """The report of a file checked in blocks, put together block by block."""

    def __init__(self, path: str, format: str, config: Config) -> None:
        self.path, self.format, self.config = path, format, config
        self.directory = spill_directory()
        self._files: dict[str, IO[str]] = {
            name: open(os.path.join(self.directory, name), "w", encoding="utf-8", newline="")
            for name in (*LISTS, SOURCE_TEXT)
        }
        self._empty = dict.fromkeys(LISTS, True)
        self._text: list[str] = []
        self._findings: list[Finding] = []
        self._notes: list[Note] = []
        self._seen: set[tuple[str, str]] = set()
        self._entries: list[Any] = []
        self._words = 0
        self._length = self._source_length = 0  # of the texts so far
        self._segments = self._source_segments = 0  # ids so far

    def _item(self, name: str, value: Any) -> None:
        from tqa.render.json_report import dumps_line

        handle = self._files[name]
        if not self._empty[name]:
            handle.write(",")
        self._empty[name] = False
        handle.write(dumps_line(value)[:-1])

    def _source_text(self, text: str) -> None:
        from tqa.render.json_report import dumps_line

        self._files[SOURCE_TEXT].write(dumps_line(text)[1:-2])

    def add(self, block: DocumentReport) -> None:
        """One block's report, placed after the blocks before it."""
        from tqa.checks.structure import block_entries
        from tqa.pipeline import _moved
        from tqa.read.units import SEPARATOR
        from tqa.render.json_report import segment_dict

        assert block.source is not None
        if self._text:  # a blank line between two units, as between two blocks
            self._text.append(SEPARATOR)
            self._source_text(SEPARATOR)
            self._length += len(SEPARATOR)
            self._source_length += len(SEPARATOR)
        at, source_at = self._length, self._source_length
        first, source_first = self._segments, self._source_segments
        for segment in block.segments:
            self._item("segments", segment_dict(_moved(segment, first, at)))
        for bead in block.alignment:
            moved = _moved_bead(bead, source_first, first)
            self._item("alignment", _bead_dict(moved))
        for segment in block.source.segments:
            self._item("source_segments", segment_dict(_moved(segment, source_first, source_at)))
        self._source_text(block.source.text)
        self._findings.extend(_moved_finding(f, first, at, source_at) for f in block.findings)
        for note in block.notes:
            if (note.kind, note.message) not in self._seen:
                self._seen.add((note.kind, note.message))
                self._notes.append(note)
        self._entries.extend(block_entries(block, first, at))
        self._words += block.words
        self._text.append(block.text)
        self._length += len(block.text)
        self._source_length += len(block.source.text)
        self._segments += len(block.segments)
        self._source_segments += len(block.source.segments)

    def finish(self) -> DocumentReport:
        from tqa.score import score

        for handle in self._files.values():
            handle.close()
        config = self.config
        return DocumentReport(
            path=self.path,
            text="".join(self._text),
            source_lang=config.source_lang,
            target_lang=config.target_lang,
            words=self._words,
            score=score(self._findings, self._words, config),
            segments=(),
            alignment=(),
            findings=tuple(self._findings),
            notes=tuple(self._notes),
            source=DocumentSide(self.path, "", ()),
            format=self.format,
            spill=Spill(self.directory, tuple(self._entries)),
        )

    def discard(self) -> None:
        for handle in self._files.values():
            handle.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def _moved_bead(bead: Bead, source_first: int, first: int) -> Bead:
    return Bead(
        tuple(i + source_first for i in bead.source),
        tuple(j + first for j in bead.target),
        bead.score,
    )


def _bead_dict(bead: Bead) -> dict[str, Any]:
    """As tqa.render.json_report.document_dict writes a bead."""
    return {"source": list(bead.source), "target": list(bead.target), "score": bead.score}


def _moved_finding(finding: Finding, first: int, at: int, source_at: int) -> Finding:
    source_start, source_end = finding.source_start, finding.source_end
    return replace(
        finding,
        segment=None if finding.segment is None else finding.segment + first,
        start=finding.start + at,
        end=finding.end + at,
        source_start=None if source_start is None else source_start + source_at,
        source_end=None if source_end is None else source_end + source_at,
    )


def _mark(name: str) -> str:
    return f"\x00tqa-spill:{name}\x00"


#: a mark as dumps_line writes it (a JSON string cannot hold it otherwise: NUL is escaped)
_MARKS = re.compile(r'"\\u0000tqa-spill:(\w+)\\u0000"')


def write_document(
    write: Callable[[str], None], index: int, doc: DocumentReport, *, update: bool = False
) -> None:
    """The stream line (tqa.render.jsonl) of ``doc``, written in pieces:
    for a report checked in blocks, its spilled parts are copied from their
    files, so that the line is the one the whole report would give."""
    from tqa.render import jsonl
    from tqa.render.json_report import dumps_line

    if doc.spill is None:
        write(jsonl.document_line(index, doc, update=update))
        return
    data = jsonl.document_data(index, doc, update=update)
    data["segments"], data["alignment"] = _mark("segments"), _mark("alignment")
    data["source"]["segments"] = _mark("source_segments")
    data["source"]["text"] = _mark(SOURCE_TEXT)
    line = dumps_line(data)
    done = 0
    for match in _MARKS.finditer(line):
        write(line[done : match.start()])
        name = match.group(1)
        if name == SOURCE_TEXT:
            write('"')
            _copy(os.path.join(doc.spill.directory, name), write)
            write('"')
        else:
            write("[")
            _copy(os.path.join(doc.spill.directory, name), write)
            write("]")
        done = match.end()
    write(line[done:])


def _copy(path: str, write: Callable[[str], None]) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        while chunk := handle.read(COPY_BYTES):
            write(chunk)


def discard(doc: DocumentReport) -> None:
    """Remove the spill files of a report checked in blocks (once written)."""
    if doc.spill is not None:
        shutil.rmtree(doc.spill.directory, ignore_errors=True)
