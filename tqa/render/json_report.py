"""The canonical JSON report (schema_version 1, see CONTRACT.md), and its
reader. Output is deterministic: same input and config, same bytes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from tqa import __version__
from tqa.errors import InputError
from tqa.model import (
    Bead,
    DocumentReport,
    DocumentSide,
    Edit,
    Finding,
    LangSpan,
    Note,
    Origin,
    ReferenceScores,
    Report,
    Score,
    ScoredBead,
    Segment,
    UnitInfo,
    Unpaired,
)

SCHEMA_VERSION = 1


def segment_dict(segment: Segment) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": segment.id,
        "start": segment.start,
        "end": segment.end,
        "lang": segment.lang,
        "confidence": segment.confidence,
        "kind": segment.kind,
    }
    if segment.spans:
        data["spans"] = [
            {
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "lang": s.lang,
                "confidence": s.confidence,
            }
            for s in segment.spans
        ]
    return data


def finding_dict(finding: Finding) -> dict[str, Any]:
    data = {
        "code": finding.code,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity,
        "confidence": finding.confidence,
        "segment": finding.segment,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "suggestions": list(finding.suggestions),
        "evidence": finding.evidence,
    }
    if finding.source_start is not None and finding.source_end is not None:
        data["source_start"] = finding.source_start
        data["source_end"] = finding.source_end
    if finding.unit is not None:
        data["unit"] = unit_dict(finding.unit)
    if finding.origin is not None:
        data["origin"] = {
            key: value
            for key, value in (
                ("line", finding.origin.line),
                ("column", finding.origin.column),
                ("end_line", finding.origin.end_line),
                ("end_column", finding.origin.end_column),
            )
            if value is not None
        }
    return data


def unit_dict(unit: UnitInfo) -> dict[str, Any]:
    """A translation unit as the report shows it: id, and segment, state and notes when known."""
    data: dict[str, Any] = {"id": unit.id}
    if unit.segment is not None:
        data["segment"] = unit.segment
    if unit.state is not None:
        data["state"] = unit.state
    if unit.notes:
        data["notes"] = list(unit.notes)
    return data


def document_dict(doc: DocumentReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": doc.path,
        "source_lang": doc.source_lang,
        "target_lang": doc.target_lang,
        "words": doc.words,
        "score": {
            "value": doc.score.value,
            "threshold": doc.score.threshold,
            "passed": doc.score.passed,
            "penalty": doc.score.penalty,
        },
        "segments": [segment_dict(s) for s in doc.segments],
        "alignment": [
            {"source": list(b.source), "target": list(b.target), "score": b.score}
            for b in doc.alignment
        ],
        "findings": [finding_dict(f) for f in doc.findings],
        "notes": [{"kind": n.kind, "message": n.message} for n in doc.notes],
        "text": doc.text,
    }
    if doc.format != "text":
        data["format"] = doc.format
    if doc.source is not None:
        data["source"] = {
            "path": doc.source.path,
            "segments": [segment_dict(s) for s in doc.source.segments],
            "text": doc.source.text,
        }
    if doc.references:  # --reference, --post-edited
        data["references"] = [reference_dict(r) for r in doc.references]
    return data


def reference_dict(ref: ReferenceScores) -> dict[str, Any]:
    """Scores against a reference or a post-edited version (see docs/reports.md)."""
    beads = []
    for bead in ref.beads:
        item: dict[str, Any] = {
            "hypothesis": list(bead.hypothesis),
            "reference": list(bead.reference),
            "bleu": bead.bleu,
            "chrf": bead.chrf,
            "ter": bead.ter,
        }
        if ref.kind == "post-edited":
            item["edits"] = [
                {
                    "op": e.op,
                    "start": e.start,
                    "end": e.end,
                    "reference_start": e.ref_start,
                    "reference_end": e.ref_end,
                    "text": e.text,
                    "replacement": e.replacement,
                }
                for e in bead.edits
            ]
        beads.append(item)
    return {
        "kind": ref.kind,
        "path": ref.path,
        "pairing": ref.pairing,
        "scores": {"bleu": ref.bleu, "chrf": ref.chrf, "ter": ref.ter},
        "signatures": dict(ref.signatures),
        "beads": beads,
        "segments": [segment_dict(s) for s in ref.segments],
        "text": ref.text,
    }


def to_dict(report: Report) -> dict[str, Any]:
    head = envelope(
        report.tool_version,
        ((d.score.passed, len(d.findings)) for d in report.documents),
        report.unpaired,
        report.errors,
    )
    documents = [document_dict(d) for d in report.documents]
    return {"schema_version": head.pop("schema_version"), "tool": head.pop("tool"),
            "documents": documents, **head}  # fmt: skip


def envelope(
    tool_version: str,
    verdicts: Iterable[tuple[bool, int]],
    unpaired: Iterable[Unpaired] = (),
    errors: Iterable[str] = (),
) -> dict[str, Any]:
    """The fields of a report other than its documents: the summary of the
    (passed, number of findings) of each document, the inputs that could not
    be checked ("PATH: why") and the files of a batch of pairs left without
    their partner (shared with the streamed report, tqa.render.jsonl)."""
    documents = passed = findings = 0
    for ok, count in verdicts:
        documents += 1
        passed += ok
        findings += count
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tqa", "version": tool_version},
        "summary": {
            "documents": documents,
            "passed": passed,
            "failed": documents - passed,
            "findings": findings,
        },
    }
    if errors := list(errors):
        data["errors"] = errors
    if unpaired := list(unpaired):
        data["unpaired"] = [
            {"path": u.path, "side": u.side, "message": u.message} for u in unpaired
        ]
    return data


#: characters json.dumps(ensure_ascii=False) leaves raw that a terminal or an
#: editor acts on: DEL, C1 controls (U+009B is CSI), bidirectional overrides
#: and isolates, and the line separators JavaScript does not allow in strings
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(data: Any) -> str:
    """Pretty, deterministic JSON. Outside strings JSON text is ASCII, so the
    characters of _UNSAFE can only be inside strings, where a \\uXXXX escape
    stands for the same character: same data, bytes safe to print."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps_line(data: Any) -> str:
    """One line of JSON (a line of a jsonl stream), as safe to print as ``dumps``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(report: Report) -> str:
    return dumps(to_dict(report))


def load(text: str, name: str) -> Report:
    """Read a JSON report written by ``render`` back into a Report, after
    checking it against the published schema (tqa/render/report.schema.json):
    a crafted or foreign file is an InputError naming the file and the JSON
    path of its first bad field, never a traceback or a half-rendered report."""
    from tqa.render.validate import ReportError, parse

    try:
        data = parse(text)
    except ReportError as exc:
        raise InputError(f"{name}: {exc}") from None
    documents = tuple(_document(d) for d in data["documents"])
    unpaired = tuple(Unpaired(u["path"], u["side"], u["message"]) for u in data.get("unpaired", ()))
    return Report(documents, data["tool"]["version"], tuple(data.get("errors", ())), unpaired)


def load_document(data: dict[str, Any], name: str) -> DocumentReport:
    """One document of a report (a line of a stream), checked against the schema."""
    report = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tqa", "version": __version__},
        "documents": [data],
        "summary": {"documents": 1, "passed": 0, "failed": 0, "findings": 0},
    }
    return load(dumps_line(report), name).documents[0]


# The schema allows 1.0 where an integer is expected (JSON Schema does); the
# model holds ints.


def _segments(items: list[dict[str, Any]], text: str) -> tuple[Segment, ...]:
    return tuple(
        Segment(
            id=int(s["id"]),
            start=int(s["start"]),
            end=int(s["end"]),
            text=text[int(s["start"]) : int(s["end"])],
            kind=s["kind"],
            block=int(s["id"]),
            lang=s["lang"],
            confidence=s["confidence"],
            spans=tuple(
                LangSpan(int(p["start"]), int(p["end"]), p["text"], p["lang"], p["confidence"], "")
                for p in s.get("spans", ())
            ),
        )
        for s in items
    )


def _finding(f: dict[str, Any]) -> Finding:
    return Finding(
        code=f["code"],
        name=f["name"],
        category=f["category"],
        severity=f["severity"],
        confidence=f["confidence"],
        segment=None if f["segment"] is None else int(f["segment"]),
        start=int(f["start"]),
        end=int(f["end"]),
        text=f["text"],
        message=f["message"],
        suggestions=tuple(f["suggestions"]),
        evidence=f["evidence"],
        source_start=f.get("source_start"),
        source_end=f.get("source_end"),
        unit=_unit(f["unit"]) if "unit" in f else None,
        origin=_origin(f["origin"]) if "origin" in f else None,
    )


def _unit(u: dict[str, Any]) -> UnitInfo:
    return UnitInfo(u["id"], u.get("segment"), u.get("state"), tuple(u.get("notes", ())))


def _origin(o: dict[str, Any]) -> Origin:
    def number(key: str) -> int | None:
        return None if o.get(key) is None else int(o[key])

    return Origin(int(o["line"]), number("column"), number("end_line"), number("end_column"))


def _document(d: dict[str, Any]) -> DocumentReport:
    text = d["text"]
    source = d.get("source")
    score = d["score"]
    return DocumentReport(
        path=d["path"],
        text=text,
        source_lang=d["source_lang"],
        target_lang=d["target_lang"],
        words=int(d["words"]),
        score=Score(score["value"], score["threshold"], score["passed"], score["penalty"]),
        segments=_segments(d["segments"], text),
        alignment=tuple(
            Bead(tuple(map(int, b["source"])), tuple(map(int, b["target"])), b["score"])
            for b in d["alignment"]
        ),
        findings=tuple(_finding(f) for f in d["findings"]),
        notes=tuple(Note(n["kind"], n["message"]) for n in d["notes"]),
        format=d.get("format", "text"),
        source=DocumentSide(
            source["path"], source["text"], _segments(source["segments"], source["text"])
        )
        if source is not None
        else None,
        references=tuple(_reference(r) for r in d.get("references", ())),
    )


def _reference(r: dict[str, Any]) -> ReferenceScores:
    scores = r["scores"]
    return ReferenceScores(
        kind=r["kind"],
        path=r["path"],
        text=r["text"],
        segments=_segments(r["segments"], r["text"]),
        beads=tuple(
            ScoredBead(
                tuple(map(int, b["hypothesis"])),
                tuple(map(int, b["reference"])),
                b["bleu"],
                b["chrf"],
                b["ter"],
                tuple(
                    Edit(
                        e["op"],
                        int(e["start"]),
                        int(e["end"]),
                        int(e["reference_start"]),
                        int(e["reference_end"]),
                        e["text"],
                        e["replacement"],
                    )
                    for e in b.get("edits", ())
                ),
            )
            for b in r["beads"]
        ),
        bleu=scores["bleu"],
        chrf=scores["chrf"],
        ter=scores["ter"],
        signatures=tuple(r["signatures"].items()),
        pairing=r.get("pairing", "alignment"),
    )
