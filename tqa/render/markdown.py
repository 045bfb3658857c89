"""A Markdown summary for pull-request comments and ``$GITHUB_STEP_SUMMARY``:
a table of documents (score, verdict) and a table of findings.

Cells are escaped so that document text cannot break the table or inject
HTML; the findings table is capped (PR comments are limited to 65 536 chars).
"""

from __future__ import annotations

from tqa.model import Report
from tqa.render.locate import LineIndex

MAX_FINDINGS = 200
MAX_CELL = 80
SEVERITY_ICON = {"critical": "🛑", "major": "🔴", "minor": "🟡", "neutral": "⚪"}


def cell(value: str, limit: int = MAX_CELL) -> str:
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    for char, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("|", "&#124;"),
        ("`", "&#96;"),
        ("[", "&#91;"),
        ("]", "&#93;"),
        ("*", "&#42;"),
        ("_", "&#95;"),
        ("@", "&#64;"),
    ):
        value = value.replace(char, entity)
    return value


def render(report: Report) -> str:
    passed = sum(1 for d in report.documents if d.score.passed)
    total = sum(len(d.findings) for d in report.documents)
    verdict = "✅ passed" if report.passed else "❌ failed"
    out = [
        "## tqa translation-quality report",
        "",
        f"**{verdict}** — {len(report.documents)} document(s): {passed} passed, "
        f"{len(report.documents) - passed} failed, {total} finding(s). "
        f"tqa {cell(report.tool_version)}",
        "",
        "| Document | Words | Findings | Score | Threshold | Verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for doc in report.documents:
        mark = "✅ pass" if doc.score.passed else "❌ fail"
        out.append(
            f"| {cell(doc.path, 120)} | {doc.words} | {len(doc.findings)} | "
            f"{doc.score.value:.1f} | {doc.score.threshold:g} | {mark} |"
        )
    if total:
        out += [
            "",
            "### Findings",
            "",
            "| Document | Line | Severity | Code | Text | Message |",
            "|---|---:|---|---|---|---|",
        ]
        shown = 0
        for doc in report.documents:
            lines = LineIndex(doc.text)
            for finding in doc.findings:
                if shown == MAX_FINDINGS:
                    break
                line, col = lines.line_col(finding.start)
                message = finding.message
                if finding.suggestions:
                    message += " → " + " | ".join(finding.suggestions)
                out.append(
                    f"| {cell(doc.path, 60)} | {line}:{col} | "
                    f"{SEVERITY_ICON.get(finding.severity, '')} {finding.severity} | "
                    f"{finding.code} | {cell(finding.text, 60)} | {cell(message, 120)} |"
                )
                shown += 1
        if total > shown:
            out += ["", f"_… and {total - shown} more finding(s); see the full report._"]
    notes = [(d.path, n.message) for d in report.documents for n in d.notes]
    if notes:
        out += ["", "<details><summary>Notes</summary>", ""]
        out += [f"- {cell(path, 120)}: {cell(message, 300)}" for path, message in notes]
        out += ["", "</details>"]
    return "\n".join(out) + "\n"
