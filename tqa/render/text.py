"""The terminal report for editors: findings grouped by segment, each with the
offending span shown in its context, then the score and verdict last.
Colours only on a terminal (rich); plain text otherwise.

Everything that comes from a document or a report (paths, spans, context,
messages, suggestions, evidence, notes) goes through ``plain.visible``:
an escape sequence in a document is shown as ``^[]0;…``, never sent to the
terminal."""

from __future__ import annotations

import io
import re
from itertools import groupby

from rich.console import Console
from rich.text import Text

from tqa.model import DocumentReport, Finding, Report
from tqa.render.locate import LineIndex, unit_label, where
from tqa.render.plain import plural, visible

SEVERITY_STYLE = {"critical": "bold red", "major": "red", "minor": "yellow", "neutral": "dim"}
CONTEXT = 40
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def render(report: Report, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    for doc in report.documents:
        _document(console, doc)
    if len(report.documents) > 1:
        passed = sum(1 for d in report.documents if d.score.passed)
        total = sum(len(d.findings) for d in report.documents)
        console.print(
            Text(
                f"{len(report.documents)} documents: {passed} passed, "
                f"{len(report.documents) - passed} failed, {plural(total, 'finding')}",
                style="bold",
            )
        )
    for unpaired in report.unpaired:  # files of a batch of pairs without their partner
        line = f"unpaired {unpaired.side}: {visible(unpaired.path)}: {visible(unpaired.message)}"
        console.print(Text(line, style="yellow"))
    for error in report.errors:  # inputs of a batch that could not be checked
        console.print(Text(f"error: {visible(error)}", style="bold red"))
    return buffer.getvalue()


def _document(console: Console, doc: DocumentReport) -> None:
    title = doc.path if doc.source is None else f"{doc.source.path} → {doc.path}"
    if doc.units:  # a bilingual file holds its sources
        title = f"{doc.path} ({doc.format.upper()}, {plural(len(doc.units), 'unit')})"
    console.print(Text(visible(title), style="bold underline"))
    for note in doc.notes:
        console.print(Text(f"  note: {visible(note.message)}", style="dim"))
    lines = LineIndex(doc.text)
    by_segment = groupby(doc.findings, key=lambda f: f.segment)
    for segment_id, group in by_segment:
        findings = list(group)
        segment = next((s for s in doc.segments if s.id == segment_id), None)
        header = f"  segment {segment_id}" if segment_id is not None else "  document"
        if segment is not None and doc.format != "text":  # lines of the file are per finding
            header += f" ({visible(segment.lang)})"
        elif segment is not None:
            line, _ = lines.line_col(segment.start)
            header += f" (line {line}, {visible(segment.lang)})"
        console.print()
        console.print(Text(header, style="bold"))
        for finding in findings:
            _finding(console, doc.text, finding, lines)
    console.print()
    verdict = "PASS" if doc.score.passed else "FAIL"
    style = "bold green" if doc.score.passed else "bold red"
    summary = Text(
        f"  {plural(len(doc.findings), 'finding')}, {plural(doc.words, 'word')}, "
        f"penalty {doc.score.penalty:g}. "
    )
    summary.append(f"Score {doc.score.value:.1f} (threshold {doc.score.threshold:g}): ")
    summary.append(verdict, style=style)
    console.print(summary)
    console.print()


def _finding(console: Console, text: str, finding: Finding, lines: LineIndex) -> None:
    line, col, _, _ = where(lines, finding)
    at = f"{line}:{col}" if col is not None else f"line {line}"
    unit = unit_label(finding)
    head = Text(f"    {visible(unit)}, {at} " if unit else f"    {at} ")
    head.append(f"{finding.severity:<8}", style=SEVERITY_STYLE.get(finding.severity, ""))
    head.append(f" {visible(finding.code)} ", style="cyan")
    head.append(visible(finding.message))
    console.print(head)
    # the context stops at the line's ends, whichever convention the file uses
    before = _LINE_BREAK.split(text[max(0, finding.start - CONTEXT) : finding.start])[-1]
    after = _LINE_BREAK.split(text[finding.end : finding.end + CONTEXT])[0]
    span = finding.text if len(finding.text) <= 160 else finding.text[:157] + "…"
    span = _LINE_BREAK.sub("⏎", span)
    before, span, after = visible(before), visible(span), visible(after)
    if console.is_terminal:
        context = Text("      …" + before, style="dim")
        context.append(span, style="bold reverse")
        context.append(after + "…", style="dim")
    else:  # without colours the span is marked with ⟦ ⟧
        context = Text(f"      …{before}⟦{span}⟧{after}…")
    console.print(context)
    if finding.suggestions:
        console.print(
            Text(
                "      suggestion: "
                + " | ".join(
                    visible(repr(s)[1:-1] if s.strip() != s else s) for s in finding.suggestions
                ),
                style="green",
            )
        )
    if finding.evidence:
        console.print(Text(f"      evidence: {visible(finding.evidence)}", style="dim"))
