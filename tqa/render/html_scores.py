"""The HTML report's view of scores against a reference and of the
post-editing effort: plain values for the template (which escapes them), the
raw MT of each segment cut into pieces at its edits (deleted, substituted and
inserted words are marked up by the template with ``<del>`` and ``<ins>``)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from tqa.errors import InputError
from tqa.model import DocumentReport, Edit, ReferenceScores, ScoredBead, Segment
from tqa.render import scores

#: edit kinds as the template may write them into a class name
_OPS = {"delete": "del", "substitute": "sub", "insert": "ins"}


@dataclass(frozen=True)
class Piece:
    """A run of the raw text; ``op`` "" (unchanged), del or sub (``text`` is the
    raw words, ``replacement`` what the post-editor wrote) or ins (``text``
    empty)."""

    text: str
    op: str = ""
    replacement: str = ""


@dataclass(frozen=True)
class BeadView:
    hypothesis: str
    reference: str
    bleu: str
    chrf: str
    ter: str
    pieces: tuple[Piece, ...]
    reference_text: str
    edits: int


@dataclass(frozen=True)
class ReferenceView:
    kind: str
    title: str
    path: str
    headline: str
    counts: str
    ter_label: str
    signatures: tuple[tuple[str, str], ...]
    beads: tuple[BeadView, ...]


def views(doc: DocumentReport, where: str) -> tuple[ReferenceView, ...]:
    return tuple(
        _view(doc, ref, f"{where}.references[{n}]") for n, ref in enumerate(doc.references)
    )


def _score(value: object, what: str) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(f"{what}: expected a finite number, got {type(value).__name__}")
    return f"{value:.1f}"


def _view(doc: DocumentReport, ref: ReferenceScores, where: str) -> ReferenceView:
    if ref.kind not in ("reference", "post-edited"):
        raise InputError(f"{where}.kind: expected reference or post-edited")
    for name in ("bleu", "chrf", "ter"):
        _score(getattr(ref, name), f"{where}.scores.{name}")
    hyp_segments = {s.id: s for s in doc.segments}
    ref_segments = {s.id: s for s in ref.segments}
    beads = tuple(
        _bead(doc.text, ref.text, bead, hyp_segments, ref_segments, f"{where}.beads[{n}]")
        for n, bead in enumerate(ref.beads)
    )
    labels = dict(scores.METRICS)
    return ReferenceView(
        kind=ref.kind,
        title=scores.title(ref),
        path=str(ref.path),
        headline=scores.headline(ref),
        counts=scores.counts(ref),
        ter_label="HTER" if ref.kind == "post-edited" else "TER",
        signatures=tuple(
            (labels.get(name, "segment BLEU"), str(value)) for name, value in ref.signatures
        ),
        beads=beads,
    )


def _region(segments: list[Segment]) -> tuple[int, int] | None:
    return (segments[0].start, segments[-1].end) if segments else None


def _bead(
    text: str,
    ref_text: str,
    bead: ScoredBead,
    hyp_segments: dict[int, Segment],
    ref_segments: dict[int, Segment],
    where: str,
) -> BeadView:
    hyp = [hyp_segments[i] for i in bead.hypothesis if i in hyp_segments]
    ref = [ref_segments[j] for j in bead.reference if j in ref_segments]
    region = _region(hyp)
    ref_region = _region(ref)
    return BeadView(
        hypothesis=scores.ids(bead.hypothesis),
        reference=scores.ids(bead.reference),
        bleu=_score(bead.bleu, f"{where}.bleu"),
        chrf=_score(bead.chrf, f"{where}.chrf"),
        ter=_score(bead.ter, f"{where}.ter"),
        pieces=_pieces(text, region, bead.edits, where),
        reference_text=ref_text[ref_region[0] : ref_region[1]] if ref_region else "",
        edits=len(bead.edits),
    )


def _pieces(
    text: str, region: tuple[int, int] | None, edits: tuple[Edit, ...], where: str
) -> tuple[Piece, ...]:
    """The raw text of a bead cut at its edits (an edit outside the text is an error)."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end != e.start))
    starts = [e.start for e in ordered] + ([region[0]] if region else [])
    ends = [e.end for e in ordered] + ([region[1]] if region else [])
    if not starts:
        return ()
    at, stop = min(starts), max(ends)
    if at < 0 or stop > len(text):
        raise InputError(f"{where}.edits: offsets beyond the text")
    pieces: list[Piece] = []
    for edit in ordered:
        if edit.op not in _OPS or edit.start < at or edit.end < edit.start:
            raise InputError(f"{where}.edits: an unknown or overlapping edit")
        if edit.start > at:
            pieces.append(Piece(text[at : edit.start]))
        op, replacement = _OPS[edit.op], str(edit.replacement)
        # shown beside the raw words: a space keeps the new words apart from them
        if op == "sub" or (op == "ins" and edit.start > 0 and not text[edit.start - 1].isspace()):
            replacement = " " + replacement
        if op == "ins" and edit.start < len(text) and text[edit.start].isalnum():
            replacement += " "
        pieces.append(Piece(text[edit.start : edit.end], op, replacement))
        at = edit.end
    if stop > at:
        pieces.append(Piece(text[at:stop]))
    return tuple(pieces)
