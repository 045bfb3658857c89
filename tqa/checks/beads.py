"""Helpers for the checks that read a bead of the sentence alignment with its
word alignment (CheckInput.word_pairs): where in the documents a bead's
words are, and where an omission is shown."""

from __future__ import annotations

from tqa.checks.base import CheckInput
from tqa.model import Segment
from tqa.word_align import AlignedPair, Token


def word_pairs(check: CheckInput) -> tuple[AlignedPair, ...]:
    return check.word_pairs if check.alignment else ()


def nearest_target(pair: AlignedPair, source_index: int) -> Token | None:
    """The French token linked to the closest linked German token (a place to
    point at when the German word itself has no counterpart)."""
    links = pair.words.links
    if not links:
        return None
    best = min(links, key=lambda k: (abs(k.source - source_index), k.source < source_index))
    return pair.words.target[best.target]


def segment_of(check: CheckInput, offset: int) -> int | None:
    return check.segment_at(offset)


def omission_point(pair: AlignedPair, check: CheckInput, source_index: int) -> int:
    """A zero-width target position for an omission: before the French word
    that renders the German word's neighbour."""
    near = nearest_target(pair, source_index)
    if near is not None:
        return near.start
    return pair.words.target[0].start if pair.words.target else 0


def source_offset(check: CheckInput, pair: AlignedPair, index: int) -> int | None:
    """Document offset of character ``index`` of ``pair.source_text`` (segments
    joined by one space)."""
    segments = source_segments(check, pair)
    position = 0
    for segment in segments:
        if index < position + len(segment.text):
            return segment.start + index - position
        position += len(segment.text) + 1
    return None


def source_span(
    check: CheckInput, pair: AlignedPair, start: int, end: int
) -> tuple[int, int] | None:
    """Document span of the (non-empty) characters ``start``..``end`` of
    ``pair.source_text``: the German words a finding gives as evidence."""
    first = source_offset(check, pair, start)
    last = source_offset(check, pair, max(start, end - 1))
    return None if first is None or last is None else (first, last + 1)


def source_segments(check: CheckInput, pair: AlignedPair) -> list[Segment]:
    by_id = check.source_segments_by_id
    return [by_id[i] for i in pair.source_ids if i in by_id]


def target_offset(
    check: CheckInput, pair: AlignedPair, start: int, end: int
) -> tuple[int, int] | tuple[None, None]:
    by_id = {s.id: s for s in check.segments}
    position = 0
    for sid in pair.target_ids:
        segment = by_id.get(sid)
        if segment is None:
            continue
        if start < position + len(segment.text):
            return segment.start + start - position, segment.start + end - position
        position += len(segment.text) + 1
    return None, None
