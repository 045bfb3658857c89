"""SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run; ``rules[]`` comes from the check registry (with help text), every
finding is a result whose region gives 1-based line/column from the code-point
offsets (``columnKind`` says so). Deterministic: no timestamps, no absolute paths.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any
from urllib.parse import quote

from tqa.model import DocumentReport, Finding, Report
from tqa.render.json_report import dumps, unit_dict
from tqa.render.locate import LineIndex, unit_label, where

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/tqa-project/tqa"
#: severity → SARIF level
LEVELS = {"critical": "error", "major": "error", "minor": "warning", "neutral": "note"}


def uri(path: str) -> str:
    """A report path as the URI reference SARIF asks for: "/" between
    folders (Windows' "\\" too), every other character that a URI reserves or
    cannot hold percent-encoded ("a b#1.txt" → "a%20b%231.txt"), so that a
    name with "#", "%", "?", ":" or a line break still names its own file.
    An absolute path is a ``file:`` URI ("/srv/a.txt" → "file:///srv/a.txt",
    "C:\\a.txt" → "file:///C:/a.txt"), as SARIF asks: without a scheme it
    would be read relative to the repository, and "C:" as a scheme."""
    if os.sep == "\\":
        path = path.replace("\\", "/")
    if path.startswith("//"):  # a Windows share: //server/share/a.txt
        return "file:" + quote(path, safe="/")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    if _DRIVE.match(path):
        return "file:///" + path[:2] + quote(path[2:], safe="/")
    return quote(path, safe="/")


#: a Windows path from a drive's root ("C:/texts/a.txt", its "\\" made "/")
_DRIVE = re.compile(r"[A-Za-z]:/")


def _rules(report: Report) -> list[dict[str, Any]]:
    from tqa.checks import all_rules

    rules: dict[str, dict[str, Any]] = {}
    for declared in all_rules():
        help_text = declared.title + ("\n\n" + declared.description if declared.description else "")
        rules[declared.code] = {
            "id": declared.code,
            "name": declared.name,
            "shortDescription": {"text": declared.title},
            "fullDescription": {"text": declared.description or declared.title},
            "help": {
                "text": help_text,
                "markdown": f"**{declared.title}**\n\n{declared.description}".strip(),
            },
            "helpUri": f"{INFORMATION_URI}#{declared.code.lower()}",
            "defaultConfiguration": {"level": LEVELS[declared.severity]},
            "properties": {
                "category": declared.category,
                "severity": declared.severity,
                "tags": ["translation", declared.category],
            },
        }
    # A saved report may name rules this version does not know.
    for doc in report.documents:
        for finding in doc.findings:
            rules.setdefault(
                finding.code,
                {
                    "id": finding.code,
                    "name": finding.name,
                    "shortDescription": {"text": finding.name},
                    "help": {"text": finding.name},
                    "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
                    "properties": {"category": finding.category, "severity": finding.severity},
                },
            )
    return [rules[code] for code in sorted(rules)]


def region(lines: LineIndex, finding: Finding) -> dict[str, Any]:
    """SARIF region: endColumn is exclusive, as SARIF specifies. For text
    extracted from a file (its ``origin``), the region is in that file and
    has no character offsets (they would count the extracted text)."""
    if finding.origin is not None:
        line, col, end_line, end_col = where(lines, finding)
        found: dict[str, Any] = {"startLine": line}
        if col is not None:
            found["startColumn"] = col
        found["endLine"] = end_line
        if end_col is not None:
            found["endColumn"] = end_col
        found["snippet"] = {"text": finding.text}
        return found
    start_line, start_col = lines.line_col(finding.start)
    end_line, end_col = lines.line_col(finding.end)
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": finding.start,
        "charLength": finding.end - finding.start,
        "snippet": {"text": finding.text},
    }


def _result(
    path: str, lines: LineIndex, finding: Finding, rule_index: int, artifact: int
) -> dict[str, Any]:
    message = finding.message
    if finding.suggestions:
        message += " (suggestion: " + " | ".join(finding.suggestions) + ")"
    fingerprint = hashlib.sha256(f"{finding.code}\0{finding.text}".encode()).hexdigest()[:32]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path), "index": artifact},
                    "region": region(lines, finding),
                }
            }
        ],
        "partialFingerprints": {"tqaCodeText/v1": fingerprint},
        "properties": {
            "severity": finding.severity,
            "category": finding.category,
            "confidence": finding.confidence,
            "evidence": finding.evidence,
        },
    }
    if finding.unit is not None:  # the translation unit, as CAT tools name it
        unit = unit_dict(finding.unit)
        result["message"]["text"] = f"{unit_label(finding)}: {message}"
        result["locations"][0]["logicalLocations"] = [{"name": finding.unit.id, "kind": "element"}]
        result["properties"]["unit"] = unit
    return result


def _document_properties(doc: DocumentReport) -> dict[str, Any]:
    """A document's score, verdict and words (and its reference scores, with
    sacrebleu's signatures): the properties of its artifact."""
    properties: dict[str, Any] = {
        "score": doc.score.value,
        "passed": doc.score.passed,
        "words": doc.words,
    }
    if doc.references:
        properties["references"] = [
            {
                "kind": ref.kind,
                "path": ref.path,
                "bleu": ref.bleu,
                "chrf": ref.chrf,
                "ter": ref.ter,
                "signatures": dict(ref.signatures),
            }
            for ref in doc.references
        ]
    return properties


def to_dict(report: Report) -> dict[str, Any]:
    rules = _rules(report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    # One artifact per distinct URI, as SARIF requires (§3.24.2: no two
    # artifact objects for the same artifact), and each result points at it
    # by index. Documents of one path (a report put together from two runs)
    # share it: their scores are listed under properties.documents.
    artifact_of: dict[str, int] = {}
    for doc in report.documents:
        properties = _document_properties(doc)
        where = uri(doc.path)
        number = artifact_of.get(where)
        if number is None:
            number = artifact_of[where] = len(artifacts)
            artifacts.append({"location": {"uri": where}, "length": -1, "properties": properties})
        else:
            shared = artifacts[number]["properties"]
            if "documents" not in shared:
                shared = artifacts[number]["properties"] = {
                    "passed": shared["passed"],
                    "documents": [shared],
                }
            shared["documents"].append(properties)
            shared["passed"] = shared["passed"] and properties["passed"]
        lines = LineIndex(doc.text)
        results.extend(_result(doc.path, lines, f, index[f.code], number) for f in doc.findings)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "tqa",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
    }
    if report.errors or report.unpaired:  # inputs not checked, files without their partner
        notifications: list[dict[str, Any]] = [
            {"level": "error", "message": {"text": error}} for error in report.errors
        ]
        notifications += [
            {
                "level": "warning",
                "message": {"text": f"unpaired {u.side}: {u.message}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(u.path)}}}],
            }
            for u in report.unpaired
        ]
        run["invocations"] = [
            {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
        ]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    # json_report.dumps writes C1 controls and bidi overrides as \\u escapes
    return dumps(to_dict(report))
