"""A self-contained HTML report: German and French side by side, findings
highlighted in the text, their details in a side panel (or, without
JavaScript, in the findings list itself), filters by severity, category and
check, score and verdict, a findings chart (inline SVG), and a sortable,
filterable index of documents for batch runs, whose documents start collapsed.

The report is safe to open whatever the JSON it was rendered from holds (a
report from a fork's CI may be crafted):

* the page is a Jinja template with autoescaping on: every value taken from
  the report is escaped where it is written, and no HTML is built here by
  joining strings;
* numbers are validated and formatted here; severities, verdicts and
  ``lang`` attributes come from whitelists; element ids are made of integers;
  anything else is an ``InputError`` (one line, exit status 2);
* control characters in any text are shown escaped (ESC as ``^[``), never raw;
* a Content-Security-Policy allows only the report's own style and script (by
  hash): no external assets, no inline event handlers, no other script.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from tqa.errors import InputError
from tqa.model import SEVERITIES, DocumentReport, Finding, Report
from tqa.render.html_scores import ReferenceView
from tqa.render.html_scores import views as reference_views
from tqa.render.html_text import Row, Span, rows
from tqa.render.locate import LineIndex, unit_label, where

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

SEVERITY_COLOURS = {
    "critical": "#8b0000",
    "major": "#c62828",
    "minor": "#e0a100",
    "neutral": "#8a96a3",
}
#: characters never written raw: C0 controls but tab, line feed and carriage
#: return (a browser reads CR LF as one line break), DEL, C1 controls, the
#: invisible direction marks, embeddings, overrides and isolates that reorder
#: what the reader sees, line and paragraph separators, and lone surrogates
#: (they cannot be encoded)
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)
#: a BCP 47 language tag, loosely: the only values written into ``lang``
LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}")
SNIPPET = 80


def _asset(name: str) -> str:
    return files("tqa.render").joinpath("templates", name).read_text(encoding="utf-8")


def notation(char: str) -> str:
    """How a control character is shown, as in the text reports (and ``cat -v``):
    C0 controls and DEL in caret notation (ESC → ``^[``), others as ``<U+202E>``."""
    code = ord(char)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def plain(value: object) -> str:
    """Any value as text with its control characters written out (for attributes)."""
    return CONTROL.sub(lambda m: notation(m.group()), str(value))


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup, escape

    def visible(value: object) -> Markup:
        """Escaped text with each control character as a visible, styled escape."""
        text = str(value)
        if CONTROL.search(text) is None:
            return escape(text)
        parts = []
        last = 0
        for match in CONTROL.finditer(text):
            parts.append(escape(text[last : match.start()]))
            parts.append(
                Markup('<span class="ctl" title="U+{:04X}">{}</span>').format(
                    ord(match.group()), notation(match.group())
                )
            )
            last = match.end()
        parts.append(escape(text[last:]))
        return Markup("").join(parts)

    def finalize(value: object) -> object:
        # whatever a template writes without |visible still has no raw control character
        if isinstance(value, Markup) or (isinstance(value, str) and CONTROL.search(value) is None):
            return value
        return plain(value)

    env = Environment(
        loader=FunctionLoader(_asset),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["visible"] = visible
    return env


# -- validation: what the page is built from ---------------------------------------------


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{what}: expected a whole number ≥ 0, got {type(value).__name__}")
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{what}: expected a finite number, got {type(value).__name__}")
    return float(value)


def _flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{what}: expected true or false, got {type(value).__name__}")
    return value


def _severity(value: object, what: str) -> str:
    if value not in SEVERITIES:
        raise InputError(f"{what}: unknown severity; expected one of {', '.join(SEVERITIES)}")
    return str(value)


def _lang(value: object) -> str | None:
    return value if isinstance(value, str) and LANG_TAG.fullmatch(value) else None


def _validate(report: Report) -> None:
    for index, doc in enumerate(report.documents):
        where = f"documents[{index}]"
        _count(doc.words, f"{where}.words")
        for name in ("value", "threshold", "penalty"):
            _number(getattr(doc.score, name), f"{where}.score.{name}")
        _flag(doc.score.passed, f"{where}.score.passed")
        sides = [("segments", doc.segments)]
        if doc.source is not None:
            sides.append(("source.segments", doc.source.segments))
        for label, segments in sides:
            for n, seg in enumerate(segments):
                for name in ("id", "start", "end"):
                    _count(getattr(seg, name), f"{where}.{label}[{n}].{name}")
        for n, bead in enumerate(doc.alignment):
            for name in ("source", "target"):
                for i in getattr(bead, name):
                    _count(i, f"{where}.alignment[{n}].{name}")
        for n, f in enumerate(doc.findings):
            at = f"{where}.findings[{n}]"
            _severity(f.severity, f"{at}.severity")
            _number(f.confidence, f"{at}.confidence")
            _count(f.start, f"{at}.start")
            _count(f.end, f"{at}.end")
            if f.segment is not None:
                _count(f.segment, f"{at}.segment")


# -- views: plain values for the template -------------------------------------------------


@dataclass(frozen=True)
class FindingView:
    id: str
    severity: str
    code: str
    name: str
    category: str
    message: str
    snippet: str
    text: str
    loc: str
    segment: str
    href: str | None
    suggestions: tuple[str, ...]
    evidence: str
    confidence: str
    offsets: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    parts: tuple[tuple[str, str, str, str], ...]  # x, width, colour, tooltip
    total: int
    total_x: str


@dataclass(frozen=True)
class Chart:
    label: str
    width: int
    height: int
    left: int
    bar: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[int, int, str, str], ...]  # x, y, colour, severity


@dataclass(frozen=True)
class DocView:
    index: int
    path: str
    open: bool
    score: str
    threshold: str
    penalty: str
    words: int
    verdict: str
    findings: tuple[FindingView, ...]
    notes: tuple[str, ...]
    chart: Chart | None
    two: bool
    left_label: str
    left_lang: str | None
    source_lang: str
    target_lang: str
    target_lang_attr: str | None
    rows: tuple[Row, ...]
    references: tuple[ReferenceView, ...] = ()


def render(report: Report) -> str:
    _validate(report)
    env = _environment()
    from markupsafe import Markup

    script = _asset("report.js")
    css = _asset("report.css")
    csp = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    documents = report.documents
    title = "tqa report — " + (
        str(documents[0].path) if len(documents) == 1 else f"{len(documents)} documents"
    )
    findings = [f for d in documents for f in d.findings]
    docs = [_document(i, d, open=len(documents) == 1) for i, d in enumerate(documents)]
    passed = sum(1 for d in docs if d.verdict == "pass")
    return env.get_template("report.html.j2").render(
        csp=csp,
        title=title,
        css=Markup(css),
        script=Markup(script),
        passed=report.passed and not report.errors,
        version=report.tool_version,
        errors=tuple(report.errors),
        unpaired=tuple(report.unpaired),
        docs=docs,
        docs_passed=passed,
        total_findings=len(findings),
        chart=_chart(findings, "All documents") if len(documents) > 1 else None,
        severities=tuple(reversed(SEVERITIES)),
        categories=sorted({str(f.category) for f in findings}),
        checks=sorted({(str(f.code), str(f.name)) for f in findings}),
    )


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _document(index: int, doc: DocumentReport, *, open: bool) -> DocView:
    lines = LineIndex(doc.text)
    ids = [f"d{index}-f{n}" for n in range(len(doc.findings))]
    spans = [
        Span(fid, f.start, f.end, f.severity, str(f.code))
        for fid, f in zip(ids, doc.findings, strict=True)
    ]
    two, table = rows(index, doc, spans, lines, _langs(doc))
    marked = {
        piece_anchor for row in table for side in (row.left, row.right) for seg in side
        for piece in seg.pieces for piece_anchor in piece.anchors
    }  # fmt: skip
    row_of = {i: row.anchor for row in reversed(table) for i in row.ids}
    views = tuple(
        _finding(fid, f, lines, marked, row_of) for fid, f in zip(ids, doc.findings, strict=True)
    )
    value = float(doc.score.value)
    target = str(doc.target_lang)
    if doc.source is not None:
        left_label, left_lang = str(doc.source.path), _lang(doc.source_lang)
    else:
        left_label, left_lang = f"German ({doc.source_lang})", _lang(doc.source_lang)
    return DocView(
        index=index,
        path=str(doc.path),
        open=open,
        score=f"{value:.1f}",
        threshold=f"{float(doc.score.threshold):g}",
        penalty=f"{float(doc.score.penalty):g}",
        words=doc.words,
        verdict="pass" if doc.score.passed else "fail",
        findings=views,
        notes=tuple(str(n.message) for n in doc.notes),
        chart=_chart(doc.findings, str(doc.path)),
        two=two,
        left_label=left_label,
        left_lang=left_lang,
        source_lang=str(doc.source_lang),
        target_lang=target,
        target_lang_attr=_lang(target),
        rows=tuple(table),
        references=reference_views(doc, f"documents[{index}]"),
    )


def _langs(doc: DocumentReport) -> dict[str, str | None]:
    segments = [*doc.segments, *(doc.source.segments if doc.source else ())]
    return {str(s.lang): _lang(s.lang) for s in segments}


def _finding(
    fid: str, f: Finding, lines: LineIndex, marked: set[str], row_of: dict[int, str]
) -> FindingView:
    line, col, _, _ = where(lines, f)
    loc = f"{line}:{col}" if col is not None else f"line {line}"
    if f.unit is not None:  # a bilingual file: the unit as CAT tools name it, and its line
        loc = f"{unit_label(f)}, {loc}"
    text = str(f.text)
    if f"{fid}-m" in marked:
        href: str | None = f"#{fid}-m"
    elif f.segment is not None and f.segment in row_of:
        href = "#" + row_of[f.segment]
    else:
        href = None
    return FindingView(
        id=fid,
        severity=f.severity,
        code=str(f.code),
        name=str(f.name),
        category=str(f.category),
        message=str(f.message),
        snippet=text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…",
        text=text,
        loc=loc,
        segment="" if f.segment is None else f"seg {f.segment}",
        href=href,
        suggestions=tuple(str(s) for s in f.suggestions),
        evidence=str(f.evidence),
        confidence=f"{float(f.confidence):.2f}",
        offsets=f"{f.start}–{f.end}",
    )


def _chart(findings: Iterable[Finding], label: str) -> Chart | None:
    """Horizontal stacked bars: one bar per category, one colour per severity."""
    counts = Counter((str(f.category), f.severity) for f in findings)
    categories = sorted({c for c, _ in counts})
    if not categories:
        return None
    totals = {c: sum(n for (cat, _), n in counts.items() if cat == c) for c in categories}
    most = max(totals.values())
    left, width, bar, gap = 230, 360, 18, 8
    bars = []
    for row, category in enumerate(categories):
        x = float(left)
        parts = []
        for severity in reversed(SEVERITIES):
            n = counts.get((category, severity), 0)
            if n:
                w = width * n / most
                tip = f"{category}: {n} {severity}"
                parts.append((f"{x:.1f}", f"{w:.1f}", SEVERITY_COLOURS[severity], tip))
                x += w
        bars.append(
            Bar(category, row * (bar + gap) + 4, tuple(parts), totals[category], f"{x + 6:.1f}")
        )
    y = len(categories) * (bar + gap) + 14
    legend = tuple(
        (left + 85 * n, y, SEVERITY_COLOURS[s], s) for n, s in enumerate(reversed(SEVERITIES))
    )
    height = len(categories) * (bar + gap) + 34
    return Chart(label, left + width + 60, height, left, bar, tuple(bars), legend)
