"""The text table of the HTML report as plain values for the template: rows of
German and French segments, each segment cut into pieces, a piece optionally
highlighted by the findings that cover it.

Nothing here builds HTML: the template writes every value through Jinja's
autoescaping, and identifiers (``d0-f3``, ``d0-s12``) are made from integers.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass

from tqa.model import SEVERITY_RANK, DocumentReport, Segment
from tqa.render.locate import LineIndex


@dataclass(frozen=True)
class Mark:
    """A highlighted piece: the findings covering it (space-separated element
    ids), the worst severity among them and the finding its link leads to."""

    ids: str
    severity: str
    href: str
    label: str


@dataclass(frozen=True)
class Piece:
    text: str
    mark: Mark | None = None
    #: element ids of the findings that start here (targets of the findings list)
    anchors: tuple[str, ...] = ()
    #: a finding of zero width (something missing at this point)
    gap: bool = False


@dataclass(frozen=True)
class SegmentView:
    lang: str
    lang_attr: str | None
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Row:
    anchor: str
    #: the ids of the checked document's segments shown in the row
    ids: tuple[int, ...]
    #: where each segment of the row starts, left column first: ("line:col",
    #: "seg N"); in the source file of a ``--source`` pair: ("line:col", "source seg N")
    where: tuple[tuple[str, str], ...]
    left: tuple[SegmentView, ...]
    right: tuple[SegmentView, ...]


@dataclass(frozen=True)
class Span:
    """A finding as the text table needs it (validated offsets)."""

    id: str
    start: int
    end: int
    severity: str
    code: str


def rows(
    index: int,
    doc: DocumentReport,
    spans: list[Span],
    lines: LineIndex,
    lang: dict[str, str | None],
) -> tuple[bool, list[Row]]:
    """Rows of the side-by-side view. Returns (two columns?, rows).

    ``lang`` maps a segment's language label to a valid ``lang`` attribute
    value (or None). Highlights are placed only in segments of the checked
    document, never in the German source file of a ``--source`` pair."""
    placed = _place(doc.segments, spans)
    source_lines = LineIndex(doc.source.text) if doc.source is not None else lines
    anchors: set[str] = set()

    def view(seg: Segment, inside: bool) -> SegmentView:
        pieces = _pieces(doc.text, seg, placed.get(seg.id, []), anchors) if inside else None
        return SegmentView(
            seg.lang, lang.get(seg.lang), pieces or (Piece(doc_text(doc, seg, inside)),)
        )

    def where(seg: Segment, inside: bool) -> tuple[str, str]:
        line, col = (lines if inside else source_lines).line_col(seg.start)
        return f"{line}:{col}", ("seg " if inside else "source seg ") + str(seg.id)

    def row(n: int, left: list[Segment], right: list[Segment], left_inside: bool) -> Row:
        return Row(
            f"d{index}-r{n}",
            tuple(s.id for s in right) + (tuple(s.id for s in left) if left_inside else ()),
            tuple(where(s, left_inside) for s in left) + tuple(where(s, True) for s in right),
            tuple(view(s, left_inside) for s in left),
            tuple(view(s, True) for s in right),
        )

    two, layout = _layout(doc)
    out = [row(n, left, right, inside) for n, (left, right, inside) in enumerate(layout)]
    return two, out


def doc_text(doc: DocumentReport, seg: Segment, inside: bool) -> str:
    if inside:
        return doc.text[seg.start : seg.end]
    return seg.text


def _layout(doc: DocumentReport) -> tuple[bool, list[tuple[list[Segment], list[Segment], bool]]]:
    """(left segments, right segments, left is in the checked document)."""
    target = {s.id: s for s in doc.segments}
    if doc.source is not None:
        source = {s.id: s for s in doc.source.segments}
        keyed: list[tuple[int, list[Segment], list[Segment]]] = []
        seen: set[int] = set()
        for bead in doc.alignment:
            left = [source[i] for i in bead.source if i in source]
            right = [target[i] for i in bead.target if i in target]
            if not left and not right:
                continue
            seen.update(s.id for s in right)
            key = min(s.id for s in right) if right else (keyed[-1][0] if keyed else -1)
            keyed.append((key, left, right))
        keyed.extend((s.id, [], [s]) for s in doc.segments if s.id not in seen)
        keyed.sort(key=lambda r: r[0])
        return True, [(left, right, False) for _, left, right in keyed]
    if doc.alignment:
        used: set[int] = set()
        mixed: list[tuple[int, list[Segment], list[Segment]]] = []
        for bead in doc.alignment:
            ids = [*bead.source, *bead.target]
            if not ids or used.intersection(ids) or not all(i in target for i in ids):
                continue
            used.update(ids)
            left = [target[i] for i in bead.source]
            right = [target[i] for i in bead.target]
            mixed.append((min(ids), left, right))
        for s in doc.segments:
            if s.id not in used:
                mixed.append((s.id, [s], []) if s.lang == doc.source_lang else (s.id, [], [s]))
        mixed.sort(key=lambda r: r[0])
        return True, [(left, right, True) for _, left, right in mixed]
    return False, [([], [s], True) for s in doc.segments]


def _place(segments: tuple[Segment, ...], spans: list[Span]) -> dict[int, list[Span]]:
    """Segment id → the findings that touch it. Segments do not overlap, so a
    finding is looked up by bisection: O((F + S) log S + overlaps)."""
    ordered = sorted(segments, key=lambda s: (s.start, s.end))
    starts = [s.start for s in ordered]
    placed: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        first = max(bisect.bisect_right(starts, span.start) - 1, 0)
        for i in range(first, len(ordered)):  # not a slice: that copies the rest of the list
            seg = ordered[i]
            if seg.start >= span.end and not (span.start == span.end == seg.start):
                break
            touches = span.start < seg.end and span.end > seg.start
            point = span.start == span.end and seg.start <= span.start <= seg.end
            if touches or point:
                placed[seg.id].append(span)
                if point:
                    break
    return placed


def _pieces(text: str, seg: Segment, spans: list[Span], anchors: set[str]) -> tuple[Piece, ...]:
    """``text[seg.start:seg.end]`` cut at every finding boundary, in one sweep
    over the boundaries (a finding enters and leaves the active set once)."""
    start, end = seg.start, seg.end
    events: dict[int, list[tuple[int, Span]]] = defaultdict(list)  # position → (kind, span)
    for span in spans:
        if span.start == span.end:
            events[span.start].append((0, span))  # a point: shown as a gap marker
            continue
        events[max(span.start, start)].append((2, span))
        events[min(span.end, end)].append((1, span))
    cuts = sorted({start, end, *(p for p in events if start <= p <= end)})
    active: dict[str, Span] = {}
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:] + [None], strict=True):
        for kind, span in sorted(events.get(a, ()), key=lambda e: e[0]):
            if kind == 1:
                active.pop(span.id, None)
            elif kind == 2:
                active[span.id] = span
            else:
                new = _new_anchors([span], anchors)
                out.append(Piece("", _mark([span]), new, gap=True))
        if b is None:
            break
        piece = text[a:b]
        if not active:
            out.append(Piece(piece))
            continue
        covering = list(active.values())
        out.append(Piece(piece, _mark(covering), _new_anchors(covering, anchors)))
    return tuple(out)


def _new_anchors(spans: list[Span], anchors: set[str]) -> tuple[str, ...]:
    new = tuple(f"{s.id}-m" for s in spans if f"{s.id}-m" not in anchors)
    anchors.update(new)
    return new


def _mark(covering: list[Span]) -> Mark:
    worst = max(covering, key=lambda s: SEVERITY_RANK[s.severity])
    codes = ", ".join(dict.fromkeys(s.code for s in covering))
    return Mark(" ".join(s.id for s in covering), worst.severity, "#" + worst.id, codes)
