"""Spans of a text (start, end), merged and sorted once, then asked about by
bisection: whether a range overlaps one, or lies inside one, costs the log
of their number. Checking every match or finding of a document against
every quotation, URL or ``tqa: ignore`` comment of it so stays linear."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Spans:
    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for lo, hi in sorted(spans):
            if starts and lo < ends[-1]:
                ends[-1] = max(ends[-1], hi)
            else:
                starts.append(lo)
                ends.append(hi)
        self._starts = starts
        self._ends = ends

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the non-empty range [start, end) shares a character with a span."""
        last = bisect_left(self._starts, end) - 1  # the last span that starts before ``end``
        return last >= 0 and self._ends[last] > start

    def covers(self, start: int, end: int | None = None) -> bool:
        """Whether ``start`` falls in a span (with ``end``: the whole of start..end does)."""
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return False
        return start < self._ends[index] if end is None else end <= self._ends[index]
