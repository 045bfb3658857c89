"""Offsets → line and column (1-based, columns in code points), for renderers."""

from __future__ import annotations

import bisect


class LineIndex:
    def __init__(self, text: str) -> None:
        self._starts = [0]
        index = text.find("\n")
        while index >= 0:
            self._starts.append(index + 1)
            index = text.find("\n", index + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(offset, 0)
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
