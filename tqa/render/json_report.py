"""The canonical JSON report (schema_version 1, see CONTRACT.md), and its
reader. Output is deterministic: same input and config, same bytes."""

from __future__ import annotations

import json
from typing import Any

from tqa.errors import InputError
from tqa.model import (
    Bead,
    DocumentReport,
    DocumentSide,
    Finding,
    LangSpan,
    Note,
    Report,
    Score,
    Segment,
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
    return {
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
    if doc.source is not None:
        data["source"] = {
            "path": doc.source.path,
            "segments": [segment_dict(s) for s in doc.source.segments],
            "text": doc.source.text,
        }
    return data


def to_dict(report: Report) -> dict[str, Any]:
    findings = sum(len(d.findings) for d in report.documents)
    passed = sum(1 for d in report.documents if d.score.passed)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tqa", "version": report.tool_version},
        "documents": [document_dict(d) for d in report.documents],
        "summary": {
            "documents": len(report.documents),
            "passed": passed,
            "failed": len(report.documents) - passed,
            "findings": findings,
        },
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(report: Report) -> str:
    return dumps(to_dict(report))


def load(text: str, name: str) -> Report:
    """Read a JSON report written by ``render`` back into a Report."""
    try:
        data = json.loads(text)
        if data.get("schema_version") != SCHEMA_VERSION:
            raise InputError(
                f"{name}: unsupported report schema_version {data.get('schema_version')!r}"
            )
        documents = tuple(_document(d) for d in data["documents"])
        return Report(documents, data["tool"]["version"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{name}: not a tqa JSON report ({type(exc).__name__}: {exc})") from None


def _segments(items: list[dict[str, Any]], text: str) -> tuple[Segment, ...]:
    return tuple(
        Segment(
            id=s["id"],
            start=s["start"],
            end=s["end"],
            text=text[s["start"] : s["end"]],
            kind=s.get("kind", "sentence"),
            block=s["id"],
            lang=s["lang"],
            confidence=s["confidence"],
            spans=tuple(
                LangSpan(p["start"], p["end"], p["text"], p["lang"], p["confidence"], "")
                for p in s.get("spans", ())
            ),
        )
        for s in items
    )


def _document(d: dict[str, Any]) -> DocumentReport:
    text = d.get("text", "")
    source = d.get("source")
    return DocumentReport(
        path=d["path"],
        text=text,
        source_lang=d["source_lang"],
        target_lang=d["target_lang"],
        words=d["words"],
        score=Score(**d["score"]),
        segments=_segments(d["segments"], text),
        alignment=tuple(
            Bead(tuple(b["source"]), tuple(b["target"]), b["score"]) for b in d["alignment"]
        ),
        findings=tuple(
            Finding(**{**f, "suggestions": tuple(f["suggestions"])}) for f in d["findings"]
        ),
        notes=tuple(Note(n["kind"], n["message"]) for n in d.get("notes", ())),
        source=DocumentSide(
            source["path"],
            source.get("text", ""),
            _segments(source["segments"], source.get("text", "")),
        )
        if source
        else None,
    )
