"""Offsets → line and column (1-based, columns in code points), for renderers."""

from __future__ import annotations

import bisect
import re

from tqa.model import Finding

#: a line ends at LF, CRLF or a lone CR (old Mac files), as editors and SARIF count them
_LINE_END = re.compile(r"\r\n?|\n")


class LineIndex:
    def __init__(self, text: str) -> None:
        breaks = list(_LINE_END.finditer(text))
        self._starts = [0] + [m.end() for m in breaks]
        self._ends = [m.start() for m in breaks] + [len(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(offset, 0)
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end (before its line break) of the line holding ``offset``."""
        line = bisect.bisect_right(self._starts, max(offset, 0)) - 1
        return self._starts[line], self._ends[line]


def where(lines: LineIndex, finding: Finding) -> tuple[int, int | None, int, int | None]:
    """Line, column, end line and end column of a finding in the file as its
    user has it: the finding's origin when the checked text was extracted
    from the file (a bilingual or markup file; a column may be unknown),
    else computed from the text."""
    if finding.origin is not None:
        origin = finding.origin
        end_line = origin.end_line if origin.end_line is not None else origin.line
        return origin.line, origin.column, end_line, origin.end_column
    line, col = lines.line_col(finding.start)
    end_line, end_col = lines.line_col(finding.end)
    return line, col, end_line, end_col


def unit_label(finding: Finding) -> str:
    """``unit 12``, ``unit u1 segment s2``, or "" outside a bilingual file."""
    if finding.unit is None:
        return ""
    label = f"unit {finding.unit.id}"
    if finding.unit.segment is not None:
        label += f" segment {finding.unit.segment}"
    return label
