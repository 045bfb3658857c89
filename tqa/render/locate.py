"""Offsets → line and column (1-based, columns in code points), for renderers."""

from __future__ import annotations

import bisect


class LineIndex:
    def __init__(self, text: str) -> None:
        self._starts = [0]
        for index, ch in enumerate(text):
            if ch == "\n":
                self._starts.append(index + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
