"""A Markdown summary for pull-request comments and ``$GITHUB_STEP_SUMMARY``:
a table of documents (score, verdict) and a table of findings.

Cells are escaped so that document text cannot break the table, inject
HTML or Markdown (links, emphasis, code, math), or carry control characters
to a terminal; the findings table is capped (PR comments are limited to
65 536 chars).
"""

from __future__ import annotations

import re

from tqa.model import Report
from tqa.render import scores
from tqa.render.locate import LineIndex, unit_label, where
from tqa.render.plain import plural, visible

MAX_FINDINGS = 200
MAX_CELL = 80
SEVERITY_ICON = {"critical": "🛑", "major": "🔴", "minor": "🟡", "neutral": "⚪"}


#: characters that make HTML, table cells, code, links, emphasis, strike-through,
#: math, mentions and issue references in GitHub Markdown; each becomes a
#: numeric character reference, in one pass (so no reference is escaped twice)
_MARKUP = re.compile(r"[&<>|`\[\]*_@~$!#\\]")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def cell(value: str, limit: int = MAX_CELL) -> str:
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return _MARKUP.sub(_reference, visible(value))


def _reference(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"&#{ord(char)};"


def render(report: Report) -> str:
    passed = sum(1 for d in report.documents if d.score.passed)
    total = sum(len(d.findings) for d in report.documents)
    verdict = "✅ passed" if report.passed else "❌ failed"
    out = [
        "## tqa translation-quality report",
        "",
        f"**{verdict}** — {plural(len(report.documents), 'document')}: {passed} passed, "
        f"{len(report.documents) - passed} failed, {plural(total, 'finding')}. "
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
                line, col, _, _ = where(lines, finding)
                message = finding.message
                if finding.unit is not None:
                    message = f"[{unit_label(finding)}] {message}"
                if finding.suggestions:
                    message += " → " + " | ".join(finding.suggestions)
                out.append(
                    f"| {cell(doc.path, 60)} | {line if col is None else f'{line}:{col}'} | "
                    f"{SEVERITY_ICON.get(finding.severity, '')} {cell(finding.severity)} | "
                    f"{cell(finding.code)} | {cell(finding.text, 60)} | {cell(message, 120)} |"
                )
                shown += 1
        if total > shown:
            more = plural(total - shown, "more finding")
            out += ["", f"_… and {more}; see the full report._"]
    out += _references(report)
    notes = [(d.path, n.message) for d in report.documents for n in d.notes]
    if notes:
        out += ["", "<details><summary>Notes</summary>", ""]
        out += [f"- {cell(path, 120)}: {cell(message, 300)}" for path, message in notes]
        out += ["", "</details>"]
    if report.unpaired:  # files of a batch of pairs without their partner
        out += ["", "### Unpaired files", ""]
        out += [
            f"- {cell(u.side)} {cell(u.path, 120)}: {cell(u.message, 300)}" for u in report.unpaired
        ]
    if report.errors:  # inputs of a batch that could not be checked
        out += ["", "### Errors", ""]
        out += [f"- {cell(error, 300)}" for error in report.errors]
    return "\n".join(out) + "\n"


def _references(report: Report) -> list[str]:
    """Scores against references (--reference, --post-edited): one row per
    document and reference, sacrebleu's signatures, then the segment scores
    (capped as the findings are)."""
    pairs = [(doc, ref) for doc in report.documents for ref in doc.references]
    if not pairs:
        return []
    out = [
        "",
        "### Scores against references",
        "",
        "| Document | Against | Kind | BLEU | chrF | TER | Segment pairs |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for doc, ref in pairs:
        out.append(
            f"| {cell(doc.path, 60)} | {cell(ref.path, 60)} | {cell(ref.kind)} | "
            f"{scores.number(ref.bleu)} | {scores.number(ref.chrf)} | {scores.number(ref.ter)} | "
            f"{cell(scores.counts(ref), 120)} |"
        )
    signatures = {(name, value) for _, ref in pairs for name, value in ref.signatures}
    out += ["", "<details><summary>sacrebleu signatures</summary>", ""]
    out += [f"- {cell(name)}: {cell(value, 200)}" for name, value in sorted(signatures)]
    out += ["", "</details>", "", "<details><summary>Segment scores</summary>", ""]
    out += [
        "| Document | Kind | Segment | Reference | BLEU | chrF | TER | Edits |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    shown = 0
    total = sum(len(ref.beads) for _, ref in pairs)
    for doc, ref in pairs:
        for bead in ref.beads[: MAX_FINDINGS - shown]:
            edits = " | ".join(scores.edit_label(e) for e in bead.edits)
            out.append(
                f"| {cell(doc.path, 60)} | {cell(ref.kind)} | {scores.ids(bead.hypothesis)} | "
                f"{scores.ids(bead.reference)} | {bead.bleu:.1f} | {bead.chrf:.1f} | "
                f"{bead.ter:.1f} | {cell(edits, 120)} |"
            )
            shown += 1
    if total > shown:
        out += ["", f"_… and {plural(total - shown, 'more segment')}; see the full report._"]
    return out + ["", "</details>"]
