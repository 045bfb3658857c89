"""Is this text a tqa JSON report? ``tqa render`` asks before it renders.

A report may come from elsewhere (a fork's CI, an older or newer tqa, a
hand edit) and every renderer trusts its types: a string ``score`` or an
unknown ``severity`` would crash it or, in HTML, end up inside markup. So the
text is parsed (NaN, Infinity and nesting too deep to parse are refused),
foreign files are named (SARIF, JUnit XML, HTML, a baseline, tqa langid or
align output), and the data is checked against the JSON Schema that tqa
publishes (``tqa/render/report.schema.json``) and then for what a schema
cannot say: every ``start`` at most its ``end``, every ``end`` within the
text it points into, and verdicts that follow from the scores (a document
that passes has a score at its threshold or above and no critical finding;
since every renderer and CI annotation shows ``passed`` as it is written;
the summary is counted again from the documents, so a report put together
from two runs renders).

The schema is interpreted here rather than by the ``jsonschema`` package:
the subset of keywords it uses (``KEYWORDS``) takes a page, needs no extra
dependency, names the first bad field by its JSON path, and recurses only as
deep as the schema does, whatever the input. The test suite checks with
``jsonschema`` that the schema is valid and that both agree.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
from functools import cache
from importlib.resources import files
from typing import Any

#: the keywords this validator implements; the schema must use no others
KEYWORDS = frozenset(
    {
        "$schema", "$id", "$defs", "$ref", "title", "description",
        "type", "const", "enum", "properties", "required", "items",
        "minimum", "maximum", "pattern",
    }
)  # fmt: skip

READS = "tqa render reads reports written by tqa check --format json"

_SURROGATE = re.compile("[\ud800-\udfff]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlist = _REPR.maxdict = 3
_REPR.maxlevel = 1


class ReportError(ValueError):
    """Why a text is not a valid tqa JSON report (one line, without the file name)."""


@cache
def schema() -> dict[str, Any]:
    """The published JSON Schema of the report."""
    text = files("tqa.render").joinpath("report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def parse(text: str) -> dict[str, Any]:
    """The report in ``text``, checked; raises ReportError."""
    data = _parse_json(text)
    _foreign(data)
    root = schema()
    try:
        _validate(data, root, root, None)
        for n, document in enumerate(data["documents"]):
            _offsets(document, f"$.documents[{n}]")
            _verdict(document, f"$.documents[{n}].score")
    except ReportError as exc:
        raise ReportError(f"invalid tqa JSON report: {exc}") from None
    return data  # type: ignore[no-any-return]


# -- parsing and foreign files ------------------------------------------------


def finite_number(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise ValueError(f"number {literal[:40]} is out of range")
    return number


def no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _parse_json(text: str) -> Any:
    head = text.lstrip()[:2000].lower()
    if head.startswith("<"):
        if "<testsuite" in head:
            raise ReportError(f"this is a JUnit XML file, not a tqa JSON report ({READS})")
        if head.startswith("<!doctype html") or "<html" in head:
            raise ReportError(f"this is an HTML file, not a tqa JSON report ({READS})")
        raise ReportError(f"this is an XML file, not a tqa JSON report ({READS})")
    try:
        return json.loads(text, parse_float=finite_number, parse_constant=no_constant)
    except RecursionError:
        raise ReportError("not a tqa JSON report: JSON nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _is_json(text[: exc.pos]):
            raise ReportError(
                f"not a tqa JSON report: more than one JSON value (line {exc.lineno}), "
                f"as in JSON Lines ({READS})"
            ) from None
        raise ReportError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError as exc:  # from finite_number, no_constant, or an integer too long
        from tqa.read.units import plain

        raise ReportError(f"not a tqa JSON report: {plain(str(exc))}") from None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _foreign(data: Any) -> None:
    """Name what the file is when it is clearly something else."""
    if not isinstance(data, dict):
        raise ReportError(
            f"not a tqa JSON report: the top level is {_kind(data)}, not an object ({READS})"
        )
    schema_uri = data.get("$schema")
    if "runs" in data and (
        data.get("version") == "2.1.0" or (isinstance(schema_uri, str) and "sarif" in schema_uri)
    ):
        raise ReportError(f"this is a SARIF file, not a tqa JSON report ({READS})")
    if "tqa_baseline" in data:
        raise ReportError(
            f"this is a tqa baseline (written by --write-baseline), not a tqa JSON report ({READS})"
        )
    if not {"tool", "summary"} & data.keys() and data.get("schema_version") == 1:
        if {"source", "target", "alignment"} <= data.keys():
            raise ReportError(
                f"this is the output of tqa align --format json, not a tqa JSON report ({READS})"
            )
        documents = data.get("documents")
        if isinstance(documents, list) and all(
            isinstance(d, dict) and d.keys() <= {"path", "segments"} for d in documents
        ):
            raise ReportError(
                f"this is the output of tqa langid --format json, not a tqa JSON report ({READS})"
            )
    if "schema_version" not in data:
        raise ReportError(f"not a tqa JSON report: it has no schema_version ({READS})")
    version = data["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version != 1:
        raise ReportError(
            f"a tqa JSON report of schema_version {version}; this version of tqa reads "
            "schema_version 1 (render it with the tqa that wrote it)"
        )


# -- the schema ---------------------------------------------------------------

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        if isinstance(value, float):  # JSON Schema: 1.0 is an integer
            return value.is_integer()
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1.0 is 1."""
    return isinstance(a, bool) == isinstance(b, bool) and type(a) is not dict and a == b


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref {ref}")
        node = root["$defs"][ref.removeprefix("#/$defs/")]
    return node


#: where a value is, as (parent, key or index); spelled out only for a message
Where = tuple[Any, str | int] | None


def _validate(value: Any, node: dict[str, Any], root: dict[str, Any], where: Where) -> None:
    """Raise ReportError at the first place where ``value`` breaks ``node``.

    Recursion follows the schema, not the data: fields the schema does not
    name are not looked into, so its depth bounds the recursion."""
    node = _resolve(node, root)
    kinds = node.get("type")
    if kinds is not None:
        kinds = kinds if isinstance(kinds, list) else [kinds]
        for kind in kinds:
            if _is(value, kind):
                break
        else:
            raise _bad(where, " or ".join(_article(kind) for kind in kinds), value)
    if "const" in node and not _same(value, node["const"]):
        raise _bad(where, json.dumps(node["const"]), value)
    if "enum" in node and not any(_same(value, option) for option in node["enum"]):
        raise _bad(where, "one of " + ", ".join(map(json.dumps, node["enum"])), value)
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise _at(where, "a string with an unpaired surrogate (\\ud800-\\udfff)")
        if "pattern" in node and not _matches(node["pattern"], value):
            raise _bad(where, f"a string matching {node['pattern']}", value)
    elif isinstance(value, dict):
        for key in node.get("required", ()):
            if key not in value:
                raise _at(where, f"the field {key!r} is missing")
        for key, sub in node.get("properties", {}).items():
            if key in value:
                _validate(value[key], sub, root, (where, key))
    elif isinstance(value, list):
        items = node.get("items")
        if items is not None:
            for n, item in enumerate(value):
                _validate(item, items, root, (where, n))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in node and value < node["minimum"]:
            raise _bad(where, f"a number ≥ {node['minimum']}", value)
        if "maximum" in node and value > node["maximum"]:
            raise _bad(where, f"a number ≤ {node['maximum']}", value)


def path_of(where: Where) -> str:
    """``$.documents[0].score.value``"""
    steps: list[str] = []
    while where is not None:
        where, step = where
        if isinstance(step, int):
            steps.append(f"[{step}]")
        else:
            steps.append(f".{step}" if _IDENTIFIER.fullmatch(step) else f"[{json.dumps(step)}]")
    return "$" + "".join(reversed(steps))


def _matches(pattern: str, value: str) -> bool:
    """ECMA-262 semantics, as JSON Schema says: ``$`` only at the very end
    (Python's ``$`` also matches before a final newline)."""
    if pattern.endswith("$") and value.endswith("\n"):
        return False
    return re.search(pattern, value) is not None


def _article(kind: str) -> str:
    return {"integer": "an integer", "object": "an object", "array": "an array"}.get(
        kind, kind if kind == "null" else f"a {kind}"
    )


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _shown(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int) and len(str(abs(value))) > 20:
        return f"an integer of {len(str(abs(value)))} digits"
    if isinstance(value, int | float):
        return f"{_kind(value)} {value!r}"
    # repr escapes control characters: nothing from the file reaches the terminal raw
    return f"{_kind(value)} {_REPR.repr(value)}"


def _at(where: Where, problem: str) -> ReportError:
    return ReportError(f"{path_of(where)}: {problem}")


def _bad(where: Where, expected: str, value: Any) -> ReportError:
    return _at(where, f"expected {expected}, got {_shown(value)}")


# -- offsets ------------------------------------------------------------------


def _offsets(document: dict[str, Any], path: str) -> None:
    """Spans within their text: renderers slice the text with them."""
    _spans(document["segments"], len(document["text"]), f"{path}.segments")
    _spans(document["findings"], len(document["text"]), f"{path}.findings")
    for n, segment in enumerate(document["segments"]):
        _spans(segment.get("spans", ()), len(document["text"]), f"{path}.segments[{n}].spans")
    source = document.get("source")
    source_length = len(source["text"]) if source is not None else len(document["text"])
    for n, finding in enumerate(document["findings"]):
        if "source_start" in finding or "source_end" in finding:
            pair = {"start": finding.get("source_start", 0), "end": finding.get("source_end", -1)}
            if "source_start" not in finding or "source_end" not in finding:
                raise ReportError(f"{path}.findings[{n}]: source_start and source_end go together")
            _spans([pair], source_length, f"{path}.findings[{n}].source")
    if source is not None:
        length = len(source["text"])
        _spans(source["segments"], length, f"{path}.source.segments")
        for n, segment in enumerate(source["segments"]):
            _spans(segment.get("spans", ()), length, f"{path}.source.segments[{n}].spans")
    for n, reference in enumerate(document.get("references", ())):
        _reference_offsets(reference, len(document["text"]), f"{path}.references[{n}]")


def _reference_offsets(reference: dict[str, Any], length: int, path: str) -> None:
    """Reference segments within the reference text; edits within the
    document text and within the reference text."""
    reference_length = len(reference["text"])
    _spans(reference["segments"], reference_length, f"{path}.segments")
    for n, bead in enumerate(reference["beads"]):
        edits = bead.get("edits", ())
        _spans(edits, length, f"{path}.beads[{n}].edits")
        pairs = [{"start": e["reference_start"], "end": e["reference_end"]} for e in edits]
        _spans(pairs, reference_length, f"{path}.beads[{n}].edits.reference")


def _spans(items: Any, length: int, path: str) -> None:
    for n, item in enumerate(items):
        start, end = item["start"], item["end"]
        if start > end:
            raise ReportError(f"{path}[{n}]: start {start:.0f} is after end {end:.0f}")
        if end > length:
            raise ReportError(
                f"{path}[{n}].end: {end:.0f} is beyond the end of the text ({length} characters)"
            )


# -- verdicts -----------------------------------------------------------------


def verdict(document: dict[str, Any], path: str) -> None:
    """``_verdict`` for a document not checked against the schema (a line of
    a stream): fields of the wrong type are left to the schema's check."""
    score = document.get("score")
    words, findings = document.get("words"), document.get("findings")
    if not isinstance(score, dict) or not isinstance(findings, list):
        return
    numbers = (score.get("value"), score.get("threshold"), score.get("penalty"), words)
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        return
    if not isinstance(score.get("passed"), bool):
        return
    if not all(isinstance(f, dict) and isinstance(f.get("severity"), str) for f in findings):
        return
    _verdict(document, path)


def _verdict(document: dict[str, Any], path: str) -> None:
    """The score and verdict of a document as tqa.score makes them: the value
    from the penalty and the words (the penalty is written to two decimals),
    no penalty without findings, a pass only at the threshold or above and
    without a critical finding, a failure only under the threshold or with a
    finding (which --fail-on or --fail-on-accuracy may fail on)."""
    score, words, findings = document["score"], document["words"], document["findings"]
    value, threshold, penalty = score["value"], score["threshold"], score["penalty"]
    if not findings and penalty != 0:
        raise ReportError(f"{path}.penalty: {penalty:g} without any finding")
    try:
        expected = (
            100.0
            if words == 0 and penalty == 0
            else max(0.0, 100.0 * (1.0 - float(penalty) / max(words, 1)))
        )
    except OverflowError:
        raise ReportError(f"{path}.penalty: {_shown(penalty)} is out of range") from None
    if abs(value - expected) > 0.05 + 0.5 / max(words, 1) + 1e-9:
        raise ReportError(
            f"{path}.value: {value:g} does not follow from a penalty of {penalty:g}"
            f" on {words:.0f} words ({expected:.1f})"
        )
    if score["passed"]:
        if value < threshold:
            raise ReportError(
                f"{path}.passed: true with {value:g} under the threshold {threshold:g}"
            )
        if any(f["severity"] == "critical" for f in findings):
            raise ReportError(f"{path}.passed: true with a critical finding")
    elif value >= threshold and not findings:
        raise ReportError(
            f"{path}.passed: false with {value:g} at or over the threshold {threshold:g}"
            " and no finding"
        )
