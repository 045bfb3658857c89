"""The streamed report (``tqa check --format jsonl``): one JSON object per
line, written as each document is done.

* ``{"type": "document", "index": N, ...}``: the report of input N (counted
  from 0 in input order), with the fields of a document of the JSON report
  (tqa/render/report.schema.json). Documents come in input order.
* ``{"type": "error", "index": N, "message": "PATH: why"}``: input N could
  not be checked.
* after every input, ``{"type": "document", "index": N, "update": true, ...}``
  for a document that checks comparing the documents of the batch with one
  another (TQA-STR-005/006) gave new findings: the whole document again,
  which replaces the first one;
* the first line (input 0) also carries ``"settings": {...}``: the
  options of the run that change its reports (the effective configuration,
  digests of the baseline and of the glossary, --source, --reference and
  --post-edited files, fingerprints of the model folders in use), which
  ``--resume`` compares with its own;
* every document and error line (not the updates) carries
  ``"fingerprint": "…"``: a digest of the input file's bytes and of the
  German source file paired with it, which ``--resume`` compares with the
  files as they are now to check a changed one again;
* last, ``{"type": "summary", "schema_version": ..., "tool": ...,
  "summary": ..., "unpaired": [...], "exit_status": S}``, the fields of the
  JSON report other than its documents and errors.

A stream that stops early (a killed run) ends with complete lines for the
documents done, and maybe a part of a line: :func:`read` takes the complete
ones, and ``--resume`` goes on from there. Every other format renders from a
stream: ``tqa render report.jsonl --format html``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tqa import __version__
from tqa.errors import InputError
from tqa.model import DocumentReport, Report, Unpaired
from tqa.render.json_report import SCHEMA_VERSION, document_dict, dumps_line, envelope
from tqa.render.validate import finite_number, no_constant

#: line types
DOCUMENT, ERROR, SUMMARY = "document", "error", "summary"


def document_line(index: int, doc: DocumentReport, *, update: bool = False) -> str:
    return dumps_line(document_data(index, doc, update=update))


def document_data(index: int, doc: DocumentReport, *, update: bool = False) -> dict[str, Any]:
    """What :func:`document_line` writes, as a dict."""
    data: dict[str, Any] = {"type": DOCUMENT, "index": index}
    if update:
        data["update"] = True
    data.update(document_dict(doc))
    return data


def error_line(index: int, message: str) -> str:
    return dumps_line({"type": ERROR, "index": index, "message": message})


def summary_line(
    verdicts: Iterable[tuple[bool, int]], unpaired: Iterable[Unpaired], exit_status: int
) -> str:
    """The summary: (passed, number of findings) of every document checked,
    the files left unpaired, and the exit status of the run."""
    head = envelope(__version__, verdicts, unpaired)
    return dumps_line({"type": SUMMARY, **head, "exit_status": exit_status})


@dataclass
class Stream:
    """What a (maybe unfinished) stream holds."""

    documents: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: (passed, number of findings) of every document, by index
    verdicts: dict[int, tuple[bool, int]] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    summary: dict[str, Any] | None = None
    #: bytes of the complete document and error lines at the start of the
    #: stream, before any update, summary or broken line
    prefix_bytes: int = 0
    #: (index, path or message) of those lines, in order
    done: list[tuple[int, str]] = field(default_factory=list)
    #: the byte offset where each of those lines starts, in the same order
    starts: list[int] = field(default_factory=list)
    #: the settings of the run the first line records (None: not recorded)
    settings: dict[str, Any] | None = None
    #: the fingerprint of the inputs each document or error line records, by index
    fingerprints: dict[int, str] = field(default_factory=dict)
    #: the file the stream was read from (None: read from lines)
    path: str | None = None


def with_fields(first: str, index: int, fields: dict[str, Any]) -> str:
    """The first piece written of the document or error line of input
    ``index``, with ``fields`` after its index (``settings`` on the stream's
    first line, the ``fingerprint`` of its inputs)."""
    for kind in (DOCUMENT, ERROR):
        head = dumps_line({"type": kind, "index": index})[:-2]
        if first.startswith(head + ","):
            extra = dumps_line(fields)[1:-2]
            return f"{head},{extra}{first[len(head) :]}"
    raise ValueError(f"not the line of input {index} of a stream")


#: how every line of a stream begins (the compact JSON of tqa.render.jsonl)
LINE_START = b'{"type":"'


def parse(
    lines: Iterable[bytes],
    name: str,
    keep: Callable[[dict[str, Any]], bool] | None = None,
    *,
    updates: bool = True,
) -> Stream:
    """Read a stream's lines (a last line without its newline is dropped:
    the stream was stopped while writing it). ``keep``: which documents to
    hold in memory (all by default); the verdict of every one is kept.
    ``updates``: whether update lines replace the first report of their
    document (not when resuming: the batch-wide checks run again)."""
    stream = Stream()
    offset = 0
    in_prefix = True
    for number, raw in enumerate(lines, 1):
        if not raw.endswith(b"\n"):
            # the line a stopped run was writing: it begins as every line of
            # a stream does; anything else is some other file, kept untouched
            if not (raw.startswith(LINE_START) or LINE_START.startswith(raw)):
                raise InputError(f"{name}: line {number} is not a line of a tqa jsonl report")
            break
        try:
            data = json.loads(raw, parse_float=finite_number, parse_constant=no_constant)
        except (UnicodeDecodeError, ValueError) as exc:
            from tqa.read.units import plain

            raise InputError(f"{name}: line {number} is not JSON ({plain(str(exc))})") from None
        except RecursionError:
            raise InputError(f"{name}: line {number} is JSON nested too deeply to read") from None
        if not isinstance(data, dict) or data.get("type") not in (DOCUMENT, ERROR, SUMMARY):
            raise InputError(f"{name}: line {number} is not a line of a tqa jsonl report")
        kind = data["type"]
        if stream.summary is not None:
            raise InputError(f"{name}: line {number} comes after the summary line")
        if kind == SUMMARY:
            status = data.get("exit_status")
            if not isinstance(status, int) or isinstance(status, bool) or status not in (0, 1, 2):
                raise InputError(f"{name}: line {number}: exit_status is not 0, 1 or 2")
            stream.summary = data
            in_prefix = False
        else:
            index = data.get("index")
            if not isinstance(index, int) or isinstance(index, bool) or index < 0:
                raise InputError(f"{name}: line {number} has no valid index")
            settings = data.pop("settings", None)
            if number == 1 and isinstance(settings, dict):
                stream.settings = settings
            fingerprint = data.pop("fingerprint", None)
            update = kind == DOCUMENT and data.get("update") is True
            if update and index not in stream.verdicts:
                raise InputError(
                    f"{name}: line {number} updates document {index}, not reported before"
                )
            if not update and (index in stream.verdicts or index in stream.errors):
                raise InputError(f"{name}: line {number} reports document {index} a second time")
            if kind == DOCUMENT:
                if update:
                    in_prefix = False
                    if not updates:
                        offset += len(raw)
                        continue
                data = {k: v for k, v in data.items() if k not in ("type", "index", "update")}
                stream.verdicts[index] = _verdict(data, name, number)
                if keep is None or keep(data):
                    stream.documents[index] = data
                else:
                    stream.documents.pop(index, None)
                label = str(data.get("path"))
            else:
                message = data.get("message")
                if not isinstance(message, str):
                    raise InputError(f"{name}: line {number} has no error message")
                stream.errors[index] = message
                label = message
            if isinstance(fingerprint, str) and not update:
                stream.fingerprints[index] = fingerprint
            if in_prefix:
                stream.done.append((index, label))
                stream.starts.append(offset)
        offset += len(raw)
        if in_prefix:
            stream.prefix_bytes = offset
    return stream


def _verdict(data: dict[str, Any], name: str, number: int) -> tuple[bool, int]:
    """(passed, number of findings) of a document line, whose verdict must
    follow from its score as in a JSON report (tqa.render.validate): a
    stream resumed or rendered counts it as written."""
    from tqa.render.validate import ReportError, verdict

    score, findings = data.get("score"), data.get("findings")
    passed = score.get("passed") if isinstance(score, dict) else None
    if not isinstance(passed, bool) or not isinstance(findings, list):
        raise InputError(f"{name}: line {number} is not a document report")
    try:
        verdict(data, f"line {number}: score")
    except ReportError as exc:
        raise InputError(f"{name}: {exc}") from None
    return passed, len(findings)


def load(text: str, name: str) -> Report:
    """A stream read back into a Report (validated as a JSON report is)."""
    from tqa.render.json_report import load as load_json

    stream = parse(text.encode("utf-8").splitlines(keepends=True), name)
    if stream.summary is None:
        raise InputError(f"{name}: the stream has no summary line: the run did not finish")
    data = {k: v for k, v in stream.summary.items() if k not in ("type", "exit_status")}
    data["schema_version"] = data.get("schema_version", SCHEMA_VERSION)
    data["documents"] = [stream.documents[i] for i in sorted(stream.documents)]
    errors = [stream.errors[i] for i in sorted(stream.errors)]
    if errors:
        data["errors"] = errors
    return load_json(dumps_line(data), name)


def looks_like_stream(text: str) -> bool:
    """Whether a report file is a stream: its first line is one object with a type."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}") and '"type"' in first[:40]
