"""gettext PO (translate-toolkit's ``pypo``).

A unit is an entry (the header and obsolete ``#~`` entries are not
checked); a plural entry gives one bead per form: ``msgid`` with
``msgstr[0]``, ``msgid_plural`` with each further form. The id is the
``msgctxt`` and ``msgid`` (``context|msgid``), with ``[n]`` for the plural
form n; the state is ``fuzzy`` for a fuzzy entry; the notes are its
translator and extracted comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tqa.errors import InputError
from tqa.model import Document, UnitInfo
from tqa.read.units import Builder, Collector, Record, Sink, notes_of, reason

#: entries of a PO file parsed together (records)
CHUNK_ENTRIES = 1000
_STARTS = (b"#", b"msgctxt", b"msgid")


#: where a file's header entry is looked for (a header is a few hundred bytes)
HEADER_BYTES = 1 << 16


def check_language(data: bytes, name: str, target_lang: str) -> None:
    """Refuse a file whose header declares another language than the one
    checked (``Language: it``): the Italian or German catalogue beside the
    French one in a locale folder would be read as French. A file without
    the field is read as it is."""
    from translate.storage.pypo import pofile

    from tqa.read.xliff import _same_language

    # the header is the file's first entry: its first bytes are enough (a
    # pass over a whole catalogue of 17 MB cost 0.25 s)
    header, _, _ = _chunks(data[:HEADER_BYTES], 1)
    if not header:
        return
    try:
        declared = str(pofile(header).parseheader().get("Language", "") or "")
    except Exception:  # noqa: BLE001 - a header that does not parse: the read says why
        return
    language = _language_code(declared)
    if language is not None and not _same_language(language, target_lang):
        raise InputError(
            f"{name}: the file is a catalogue for {declared.strip()} (its Language header);"
            f" tqa checks translations into {target_lang} (the target-lang setting)"
        )


#: ISO 639-2 codes that gettext's Language field may carry for ISO 639-1 ones
_THREE_LETTERS = {"fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "eng": "en"}
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}")


def _language_code(declared: str) -> str | None:
    """The language of a PO Language field read as a POSIX locale
    (``ll_CC.codeset@modifier``: "fr_FR.UTF-8", "fr@latin", "fra") or a
    tag ("fr-CA"); None when it is empty or names no code ("French"): such
    a file is read as it is."""
    code = re.split(r"[-_.@]", declared.strip(), maxsplit=1)[0]
    if not _LANGUAGE_CODE.fullmatch(code):
        return None
    return _THREE_LETTERS.get(code.lower(), code.lower())


def read(data: bytes, name: str) -> Document:
    builder = Builder(name, "po")
    for unit in _entries(data, name):
        _entry(builder, unit)
    return builder.document()


def records(data: bytes, name: str, chunk_entries: int = CHUNK_ENTRIES) -> Iterator[Record]:
    """The units of a PO file, as :func:`read` finds them, handed out one
    entry at a time. translate-toolkit parses a whole text at once and keeps
    its entries, so a large file is parsed ``chunk_entries`` entries at a
    time (:func:`_chunks`), each chunk behind the file's header so that it
    is decoded with the file's charset, and the entries' line numbers are
    those of the file. A chunk that does not parse makes the whole file
    parse, for the message a whole parse gives."""
    sink = Collector()
    header, skip, chunks = _chunks(data, chunk_entries)
    try:
        for start, chunk in chunks:
            units = _entries(header + chunk if start else chunk, name)
            for unit in units:
                if start and unit.line_number is not None:
                    unit._line_number = unit.line_number - skip + start
                _entry(sink, unit)
                yield from sink.take()
    except InputError:
        _entries(data, name)  # the message of the whole file
        raise


def charset(data: bytes) -> str:
    """The charset the file's header declares, as translate-toolkit reads it
    from the header entry alone; UTF-8 when there is none."""
    from translate.storage.pypo import pofile

    header, _, _ = _chunks(data, 1)
    return str(pofile(header).encoding) if header else "utf-8"


def _chunks(data: bytes, entries: int) -> tuple[bytes, int, Iterator[tuple[int, bytes]]]:
    """The file's header entry (its bytes, or b"" when its first entry is
    not a header) and its number of lines, and the file's chunks of about
    ``entries`` entries, each with the number of lines before it (0 for the
    first, which holds the header).

    The lines are those of translate-toolkit's parser (its ``splitlines``:
    split at the file's own newline, which each keeps; a UTF-8 BOM dropped). The parser ends an entry
    where, after the strings of a ``msgstr``, a comment or a ``msgctxt`` or
    ``msgid`` keyword begins (blank lines mean nothing to it): the chunks
    are cut there and nowhere else, so each holds whole entries. One pass
    over the lines."""
    from translate.storage.pypo import splitlines

    if b"\x00" in data[:4096]:  # not an ASCII-compatible encoding: parsed whole
        return b"", 0, iter([(0, data)])
    lines, _ = splitlines(data)  # each line with its newline
    cuts: list[int] = []  # indexes of lines that begin an entry after a msgstr
    in_msgstr = False
    for n, line in enumerate(lines):
        text = line.lstrip()
        if not text:
            continue
        if in_msgstr and text.startswith(_STARTS):
            cuts.append(n)
        if text.startswith(b"msgstr"):
            in_msgstr = True
        elif not text.startswith(b'"'):
            in_msgstr = False
    if len(cuts) < entries:
        return b"", 0, iter([(0, data)])
    first = b"".join(lines[: cuts[0]])
    if not _is_header(first):
        first = b""
    return first, cuts[0] if first else 0, _cut(lines, cuts, entries)


def _is_header(entry: bytes) -> bool:
    """Whether ``entry``, the first of a file, is its header, as
    translate-toolkit decides (what it parses to)."""
    from translate.storage.pypo import pofile

    try:
        units = pofile(entry).units
    except Exception:  # noqa: BLE001 - the chunks' parse says what is wrong
        return False
    return len(units) == 1 and bool(units[0].isheader())


def _cut(lines: list[bytes], cuts: list[int], entries: int) -> Iterator[tuple[int, bytes]]:
    bounds = [0, *cuts[entries - 1 :: entries], len(lines)]
    for start, stop in zip(bounds, bounds[1:], strict=False):
        if stop > start:
            yield start, b"".join(lines[start:stop])


def _entries(data: bytes, name: str) -> list[Any]:
    """The entries of ``data`` that are checked (not the header, not obsolete)."""
    from translate.storage.poparser import PoParseError
    from translate.storage.pypo import pofile

    try:
        store = pofile(data)
    except PoParseError as exc:
        message = str(exc).split(":", 1)[0]
        raise InputError(f"{name}: not a valid PO file: {message}") from None
    except (ValueError, UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{name}: not a valid PO file ({reason(exc)})") from None
    except (AttributeError, TypeError, IndexError, KeyError):
        # translate-toolkit's parser fails inside on some malformed entries: a
        # msgid_plural with no msgstr after a comment ("'str' object has no
        # attribute 'strings'")
        raise InputError(f"{name}: not a valid PO file: an entry it cannot parse") from None
    return [u for u in store.units if not (u.isheader() or u.isobsolete())]


def _entry(builder: Sink, unit: Any) -> None:
    context = unit.getcontext()
    line = getattr(unit, "line_number", None) or None
    state = "fuzzy" if unit.isfuzzy() else None
    notes = notes_of(unit.getnotes().splitlines())
    if unit.hasplural():
        sources = list(unit.source.strings)
        targets = list(unit.target.strings) if unit.target is not None else []
        # a form the entry lacks (msgstr[1] left out) is an empty target: French
        # has a form for msgid and one for msgid_plural
        targets += [""] * (len(sources) - len(targets))
        msgid = sources[0]
        for n, target in enumerate(targets):
            source = sources[min(n, len(sources) - 1)]
            ident = f"{context}|{msgid}" if context else msgid
            info = UnitInfo(f"{ident}[{n}]", None, state, notes)
            builder.add(info, (source, ()), (target or "", ()), line)
        return
    ident = f"{context}|{unit.source}" if context else str(unit.source)
    info = UnitInfo(ident, None, state, notes)
    builder.add(info, (str(unit.source), ()), (str(unit.target or ""), ()), line)
