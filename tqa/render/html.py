"""A self-contained HTML report: German and French side by side, findings
highlighted in the text with their details on click (or Enter), filters by
severity, category and check, score and verdict, a findings chart (inline
SVG), and an index of documents for batch runs.

No external assets: CSS and JS come from ``templates/`` and are inlined.
Every piece of document text goes through ``html.escape`` and is shown with
``textContent`` by the script; a Content-Security-Policy that only allows the
report's own script (by hash) is a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable
from html import escape
from importlib.resources import files
from string import Template

from tqa.model import SEVERITIES, DocumentReport, Finding, Report, Segment
from tqa.render.locate import LineIndex

SEVERITY_COLOURS = {
    "critical": "#8b0000",
    "major": "#c62828",
    "minor": "#e0a100",
    "neutral": "#8a96a3",
}


def _asset(name: str) -> str:
    return files("tqa.render").joinpath("templates", name).read_text(encoding="utf-8")


def e(value: object) -> str:
    return escape(str(value), quote=True)


def render(report: Report) -> str:
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    documents = report.documents
    title = "tqa report — " + (
        documents[0].path if len(documents) == 1 else f"{len(documents)} documents"
    )
    body = [
        _header(report),
        _index(report),
        _filters(report),
        *(_document(index, doc) for index, doc in enumerate(documents)),
    ]
    return Template(_asset("report.html")).substitute(
        csp=e(csp), title=e(title), css=_asset("report.css"), body="\n".join(body), script=script
    )


def _header(report: Report) -> str:
    docs = report.documents
    passed = sum(1 for d in docs if d.score.passed)
    findings = sum(len(d.findings) for d in docs)
    verdict = _badge(report.passed)
    errors = "".join(f"<li>{e(err)}</li>" for err in report.errors)
    return (
        '<header class="top"><h1>Translation-quality report</h1>'
        f"<p>{verdict} {len(docs)} document(s): {passed} passed, {len(docs) - passed} failed, "
        f'{findings} finding(s). <span class="muted">tqa {e(report.tool_version)}</span></p>'
        + (f'<ul class="errors">{errors}</ul>' if errors else "")
        + "</header><main>"
    )


def _badge(passed: bool) -> str:
    return (
        '<span class="badge pass">PASS</span>' if passed else '<span class="badge fail">FAIL</span>'
    )


def _index(report: Report) -> str:
    rows = []
    for index, doc in enumerate(report.documents):
        rows.append(
            f'<tr><td><a href="#doc-{index}">{e(doc.path)}</a></td><td class="num">{doc.words}</td>'
            f'<td class="num">{len(doc.findings)}</td><td class="num">{doc.score.value:.1f}</td>'
            f'<td class="num">{doc.score.threshold:g}</td><td>{_badge(doc.score.passed)}</td></tr>'
        )
    chart = ""
    if len(report.documents) > 1:
        chart = _chart([f for d in report.documents for f in d.findings], "All documents")
    return (
        '<section id="index" aria-labelledby="index-title"><h2 id="index-title">Documents</h2>'
        '<table><thead><tr><th>Document</th><th class="num">Words</th><th class="num">Findings</th>'
        '<th class="num">Score</th><th class="num">Threshold</th><th>Verdict</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{chart}</section>"
    )


def _filters(report: Report) -> str:
    findings = [f for d in report.documents for f in d.findings]
    categories = sorted({f.category for f in findings})
    codes = sorted({(f.code, f.name) for f in findings})

    def box(name: str, value: str, label: str) -> str:
        return (
            f'<label><input type="checkbox" name="{name}" value="{e(value)}" checked> '
            f"{label}</label>"
        )

    sev = "".join(
        box("severity", s, f'<span class="sev sev-{s}">{s}</span>') for s in reversed(SEVERITIES)
    )
    cat = "".join(box("category", c, e(c)) for c in categories) or '<span class="muted">none</span>'
    options = "".join(f'<option value="{e(c)}">{e(c)} {e(n)}</option>' for c, n in codes)
    return (
        '<fieldset class="filters"><legend>Filters</legend>'
        f'<div class="group" role="group" aria-label="Severity"><span>Severity</span>{sev}</div>'
        f'<div class="group" role="group" aria-label="Category"><span>Category</span>{cat}</div>'
        '<div class="group"><label for="filter-code"><span>Check</span></label>'
        f'<select id="filter-code"><option value="">all checks</option>{options}</select></div>'
        f'<div class="group" aria-live="polite"><span id="shown-count">{len(findings)}</span>'
        "&nbsp;finding(s) shown</div></fieldset>"
    )


def _chart(findings: Iterable[Finding], label: str) -> str:
    """Horizontal stacked bars: one bar per category, one colour per severity."""
    counts = Counter((f.category, f.severity) for f in findings)
    categories = sorted({c for c, _ in counts})
    if not categories:
        return '<p class="muted">No findings.</p>'
    totals = {c: sum(n for (cat, _), n in counts.items() if cat == c) for c in categories}
    most = max(totals.values())
    left, width, bar, gap = 230, 360, 18, 8
    height = len(categories) * (bar + gap) + 34
    parts = [
        f'<svg class="chart" role="img" aria-label="{e(label)}: findings by category and severity" '
        f'width="{left + width + 60}" height="{height}" '
        f'viewBox="0 0 {left + width + 60} {height}">',
        f"<title>{e(label)}: findings by category and severity</title>",
    ]
    for row, category in enumerate(categories):
        y = row * (bar + gap) + 4
        parts.append(
            f'<text x="{left - 8}" y="{y + bar - 4}" text-anchor="end">{e(category)}</text>'
        )
        x = float(left)
        for severity in reversed(SEVERITIES):
            n = counts.get((category, severity), 0)
            if not n:
                continue
            w = width * n / most
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                f'fill="{SEVERITY_COLOURS[severity]}"><title>{e(category)}: {n} {severity}'
                "</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + bar - 4}">{totals[category]}</text>')
    y = len(categories) * (bar + gap) + 14
    x = float(left)
    for severity in reversed(SEVERITIES):
        parts.append(
            f'<rect x="{x:.0f}" y="{y}" width="12" height="12" '
            f'fill="{SEVERITY_COLOURS[severity]}"/>'
            f'<text x="{x + 16:.0f}" y="{y + 11}">{severity}</text>'
        )
        x += 85
    parts.append("</svg>")
    return "".join(parts)


def _rows(doc: DocumentReport) -> tuple[bool, list[tuple[list[Segment], list[Segment], bool]]]:
    """Rows of the side-by-side view: (left segments, right segments, left is
    in the target document). Returns (two columns?, rows)."""
    target = {s.id: s for s in doc.segments}
    if doc.source is not None:
        source = {s.id: s for s in doc.source.segments}
        rows: list[tuple[int, list[Segment], list[Segment], bool]] = []
        seen: set[int] = set()
        for bead in doc.alignment:
            left = [source[i] for i in bead.source if i in source]
            right = [target[i] for i in bead.target if i in target]
            seen.update(bead.target)
            key = min(bead.target) if bead.target else (rows[-1][0] if rows else -1)
            rows.append((key, left, right, False))
        for s in doc.segments:
            if s.id not in seen:
                rows.append((s.id, [], [s], False))
        rows.sort(key=lambda r: r[0])
        return True, [(lf, rt, inside) for _, lf, rt, inside in rows]
    if doc.alignment:
        used: set[int] = set()
        mixed: list[tuple[int, list[Segment], list[Segment], bool]] = []
        for bead in doc.alignment:
            left = [target[i] for i in bead.source if i in target]
            right = [target[i] for i in bead.target if i in target]
            ids = [*bead.source, *bead.target]
            if not ids or used.intersection(ids):
                continue
            used.update(ids)
            mixed.append((min(ids), left, right, True))
        for s in doc.segments:
            if s.id not in used:
                side = ([s], []) if s.lang == doc.source_lang else ([], [s])
                mixed.append((s.id, side[0], side[1], True))
        mixed.sort(key=lambda r: r[0])
        return True, [(lf, rt, inside) for _, lf, rt, inside in mixed]
    return False, [([], [s], True) for s in doc.segments]


def _highlight(text: str, start: int, end: int, findings: list[tuple[str, Finding]]) -> str:
    """``text[start:end]`` escaped, with <mark> around the parts covered by findings."""
    inside = [
        (fid, f)
        for fid, f in findings
        if f.start < end and f.end > start or (f.start == f.end and start <= f.start < end)
    ]
    cuts = {start, end}
    for _, f in inside:
        cuts.add(min(max(f.start, start), end))
        cuts.add(min(max(f.end, start), end))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = text[a:b]
        covering = [(fid, f) for fid, f in inside if f.start <= a and f.end >= b]
        if not covering:
            out.append(e(piece))
            continue
        ids = " ".join(fid for fid, _ in covering)
        worst = max(covering, key=lambda x: SEVERITIES.index(x[1].severity))[1]
        tip = "\n".join(f"{f.code} {f.severity}: {f.message}" for _, f in covering)
        out.append(
            f'<mark class="f s-{worst.severity}" tabindex="0" role="button" data-ids="{ids}" '
            f'title="{e(tip)}">{e(piece)}</mark>'
        )
    return "".join(out)


def _segment(doc: DocumentReport, seg: Segment, findings: list[tuple[str, Finding]] | None) -> str:
    if findings is None:
        body = e(seg.text)
    else:
        body = _highlight(doc.text, seg.start, seg.end, findings)
    return (
        f'<span class="seg" lang="{e(seg.lang)}"><span class="lang" aria-hidden="true">'
        f"{e(seg.lang)}</span>{body}</span>"
    )


def _document(index: int, doc: DocumentReport) -> str:
    findings = [(f"d{index}-f{n}", f) for n, f in enumerate(doc.findings)]
    two, rows = _rows(doc)
    source_label = e(doc.source.path) if doc.source else f"German ({e(doc.source_lang)})"
    table = [f'<table class="aligned{"" if two else " single"}"><thead><tr><th>#</th>']
    if two:
        table.append(f"<th>{source_label}</th><th>French ({e(doc.target_lang)})</th>")
    else:
        table.append(f"<th>{e(doc.path)}</th>")
    table.append("</tr></thead><tbody>")
    for left, right, left_inside in rows:
        ids = ",".join(str(s.id) for s in right) or ",".join(str(s.id) for s in left)
        table.append(f'<tr><td class="sid">{e(ids)}</td>')
        if two:
            cells = "".join(_segment(doc, s, findings if left_inside else None) for s in left)
            table.append(f'<td class="lang-de" lang="{e(doc.source_lang)}">{cells}</td>')
        cells = "".join(_segment(doc, s, findings) for s in right)
        table.append(f'<td lang="{e(doc.target_lang)}">{cells}</td></tr>')
    table.append("</tbody></table>")

    lines = LineIndex(doc.text)
    items = []
    for fid, f in findings:
        line, col = lines.line_col(f.start)
        data = {
            "id": fid,
            "code": f.code,
            "name": f.name,
            "severity": f.severity,
            "category": f.category,
            "message": f.message,
            "text": f.text,
            "evidence": f.evidence,
            "suggestions": " | ".join(f.suggestions),
            "confidence": f"{f.confidence:.2f}",
            "position": f"line {line}, column {col} "
            f"(offsets {f.start}–{f.end}, segment {f.segment})",
        }
        attrs = " ".join(f'data-{k}="{e(v)}"' for k, v in data.items())
        snippet = f.text if len(f.text) <= 80 else f.text[:79] + "…"
        items.append(
            f'<li class="finding-item" {attrs}><button type="button" class="finding">'
            f'<span class="sev sev-{f.severity}">{f.severity}</span> <code>{e(f.code)}</code> '
            f'{line}:{col} {e(f.message)} — <span class="snippet">{e(snippet)}</span></button></li>'
        )
    notes = "".join(f"<li>{e(n.message)}</li>" for n in doc.notes)
    return (
        f'<section class="doc" id="doc-{index}" aria-labelledby="doc-{index}-title">'
        f'<h2 id="doc-{index}-title">{e(doc.path)}</h2>'
        f'<div class="scoreline"><span class="score">{doc.score.value:.1f}</span>'
        f"{_badge(doc.score.passed)}<span>threshold {doc.score.threshold:g} · penalty "
        f"{doc.score.penalty:g} · {doc.words} words · {len(doc.findings)} finding(s)</span></div>"
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + _chart(doc.findings, doc.path)
        + f'<h3>Findings</h3><ol class="findings">{"".join(items)}</ol>'
        + "<h3>Text</h3>"
        + "".join(table)
        + "</section>"
    )
