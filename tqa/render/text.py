"""The terminal report for editors: findings grouped by segment, each with the
offending span shown in its context, then the score and verdict last.
Colours only on a terminal (rich); plain text otherwise.

Everything that comes from a document or a report (paths, spans, context,
messages, suggestions, evidence, notes) goes through ``plain.visible_line``:
an escape sequence in a document is shown as ``^[]0;…``, never sent to the
terminal, and a line break inside a path, a unit id or a message as ``^J``,
so that no line of the report comes from a document's own text."""

from __future__ import annotations

import io
import re
from itertools import groupby

from rich.console import Console
from rich.text import Text

from tqa.model import DocumentReport, Finding, ReferenceScores, Report
from tqa.render import scores
from tqa.render.locate import LineIndex, unit_label, where
from tqa.render.plain import plural, visible_line

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
        line = f"unpaired {unpaired.side}: {visible_line(unpaired.path)}: {visible_line(unpaired.message)}"
        console.print(Text(line, style="yellow"))
    for error in report.errors:  # inputs of a batch that could not be checked
        console.print(Text(f"error: {visible_line(error)}", style="bold red"))
    return buffer.getvalue()


def _document(console: Console, doc: DocumentReport) -> None:
    title = doc.path if doc.source is None else f"{doc.source.path} → {doc.path}"
    if doc.units:  # a bilingual file holds its sources
        title = f"{doc.path} ({doc.format.upper()}, {plural(len(doc.units), 'unit')})"
    console.print(Text(visible_line(title), style="bold underline"))
    for note in doc.notes:
        console.print(Text(f"  note: {visible_line(note.message)}", style="dim"))
    lines = LineIndex(doc.text)
    by_segment = groupby(doc.findings, key=lambda f: f.segment)
    for segment_id, group in by_segment:
        findings = list(group)
        segment = next((s for s in doc.segments if s.id == segment_id), None)
        header = f"  segment {segment_id}" if segment_id is not None else "  document"
        if segment is not None and doc.format != "text":  # lines of the file are per finding
            header += f" ({visible_line(segment.lang)})"
        elif segment is not None:
            line, _ = lines.line_col(segment.start)
            header += f" (line {line}, {visible_line(segment.lang)})"
        console.print()
        console.print(Text(header, style="bold"))
        for finding in findings:
            _finding(console, doc.text, finding, lines)
    for ref in doc.references:
        _reference(console, ref)
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
    head = Text(f"    {visible_line(unit)}, {at} " if unit else f"    {at} ")
    head.append(f"{finding.severity:<8}", style=SEVERITY_STYLE.get(finding.severity, ""))
    head.append(f" {visible_line(finding.code)} ", style="cyan")
    head.append(visible_line(finding.message))
    console.print(head)
    # the context stops at the line's ends, whichever convention the file uses
    before = _LINE_BREAK.split(text[max(0, finding.start - CONTEXT) : finding.start])[-1]
    after = _LINE_BREAK.split(text[finding.end : finding.end + CONTEXT])[0]
    span = finding.text if len(finding.text) <= 160 else finding.text[:157] + "…"
    span = _LINE_BREAK.sub("⏎", span)
    before, span, after = visible_line(before), visible_line(span), visible_line(after)
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
                "      suggestion: " + " | ".join(_suggestion(s) for s in finding.suggestions),
                style="green",
            )
        )
    if finding.evidence:
        console.print(Text(f"      evidence: {visible_line(finding.evidence)}", style="dim"))


def _suggestion(text: str) -> str:
    """A suggestion as the editor must type it: quoted when it starts or ends
    with a space or is one (Grammalecte's "le " for "l'ouistiti", a narrow
    no-break space), so that the space is seen."""
    return visible_line(repr(text) if text.strip() != text or not text else text)


#: edits listed per segment in the terminal, at most (the JSON report has them all)
MAX_EDITS = 8


def _reference(console: Console, ref: ReferenceScores) -> None:
    """Document scores with sacrebleu's signatures, then one line per bead."""
    console.print()
    head = Text(f"  {scores.title(ref)} {visible_line(ref.path)}: ", style="bold")
    head.append(scores.headline(ref), style="bold cyan")
    console.print(head)
    console.print(Text(f"    {scores.counts(ref)}"))
    for name, label in scores.METRICS:
        line = f"    {label:<5} {visible_line(scores.signature(ref, name))}"
        console.print(Text(line, style="dim"))
    sentence = scores.signature(ref, "sentence_bleu")
    console.print(Text(f"    segment BLEU {visible_line(sentence)}", style="dim"))
    ter = "HTER" if ref.kind == "post-edited" else "TER"
    other = "edited" if ref.kind == "post-edited" else "reference"
    console.print(Text(f"    {'segment':>9} {other:>9}   BLEU   chrF  {ter:>5}", style="bold"))
    for bead in ref.beads:
        row = (
            f"    {scores.ids(bead.hypothesis):>9} {scores.ids(bead.reference):>9} "
            f"{bead.bleu:6.1f} {bead.chrf:6.1f} {bead.ter:6.1f}"
        )
        if bead.edits:
            shown = [visible_line(scores.edit_label(e)) for e in bead.edits[:MAX_EDITS]]
            more = len(bead.edits) - MAX_EDITS
            row += "  " + " | ".join(shown) + (f" | … {more} more" if more > 0 else "")
        console.print(Text(row))
