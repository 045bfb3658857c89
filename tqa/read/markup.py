"""What the markup readers (Markdown, HTML) share: the prose taken out of a
file, and the map from each character of that prose back to the file.

The checked text of a markup file is its prose: each block (paragraph,
heading, list item, table cell, image alt text…) one paragraph of the text,
a blank line between two. Reports index that text (``text[start:end]`` is
the finding's text, as for any document); each finding also carries its
``origin``, the line and column in the file itself, computed here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from tqa.model import Origin, TextMap

#: between two blocks of prose
BLOCK = "\n\n"
#: what stands in the text for code or a URL left out of a sentence (U+FFFC, the
#: object replacement character: no letter, no digit, no punctuation, so the
#: words around it do not run together and no check reads it as a word)
STAND_IN = "\ufffc"
#: URLs written out in prose are not prose (digits, dots and words inside them)
URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]\"']{1,2000}", re.IGNORECASE)


@dataclass
class Prose:
    """Builds the prose of a markup file piece by piece with its map."""

    original: str
    _parts: list[str] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _origins: list[int] = field(default_factory=list)
    _lengths: list[int] = field(default_factory=list)
    _size: int = 0
    _open: bool = False
    _code: list[tuple[int, int]] = field(default_factory=list)

    def copy(self, start: int, end: int) -> None:
        """The file's characters ``start:end``, verbatim, URLs left out."""
        at = start
        for match in URL.finditer(self.original, start, end):
            self._piece(self.original[at : match.start()], at, match.start() - at)
            self._piece(STAND_IN, match.start(), match.end() - match.start())
            at = match.end()
        self._piece(self.original[at:end], at, end - at)

    def text(self, text: str, start: int, length: int) -> None:
        """``text`` that stands for the file's ``length`` characters at ``start``
        (an entity, a run of white space made one space, an attribute value)."""
        self._piece(text, start, length)

    def find(self, text: str, start: int, limit: int) -> int:
        """Copy ``text`` from where it is in the file between ``start`` and
        ``limit`` and return where it ends there; a character the file
        spells otherwise (an entity, an escape) is mapped to where it stands."""
        at = self.original.find(text, start, limit) if text else -1
        if at >= 0:
            self.copy(at, at + len(text))
            return at + len(text)
        cursor = start
        for char in text:
            found = self.original.find(char, cursor, min(limit, cursor + 12))
            if found < 0:
                self._piece(char, cursor, 0)
            else:
                self._piece(char, found, 1)
                cursor = found + 1
        return cursor

    def stand_in(self, start: int, length: int) -> None:
        """Code or a URL left out of a sentence: one STAND_IN character in its place."""
        self._piece(STAND_IN, start, length)

    def block(self) -> None:
        """End the current block of prose (a blank line in the text)."""
        self._open = False

    def code_block(self, start: int, end: int) -> None:
        """The file's characters ``start:end`` are a block of code (left out)."""
        self._code.append((start, end))

    def _piece(self, text: str, start: int, length: int) -> None:
        if not text:
            return
        if not self._open:
            if self._size:
                self._add(BLOCK, start, 0)
            self._open = True
        self._add(text, start, length)

    def _add(self, text: str, start: int, length: int) -> None:
        self._parts.append(text)
        self._starts.append(self._size)
        self._origins.append(start)
        self._lengths.append(length)
        self._size += len(text)

    def result(self) -> tuple[str, TextMap]:
        text = "".join(self._parts)
        return text, TextMap(
            self.original,
            tuple(self._starts),
            tuple(self._origins),
            tuple(self._lengths),
            tuple(self._code),
        )


def original_offset(mapping: TextMap, offset: int, *, end: bool = False) -> int:
    """Where text offset ``offset`` is in the original file (``end``: the
    offset ends a span, so it maps just after the character before it)."""
    if not mapping.starts:
        return 0
    if end and offset > 0:
        return (
            original_offset(mapping, offset - 1) + 1
            if _verbatim_at(mapping, offset - 1)
            else (_piece_end(mapping, offset - 1))
        )
    index = max(0, bisect.bisect_right(mapping.starts, offset) - 1)
    inside = offset - mapping.starts[index]
    length = mapping.lengths[index]
    return mapping.origins[index] + min(inside, length)


def prose_offset(mapping: TextMap, offset: int, length: int) -> int:
    """Where offset ``offset`` of the original file falls in the prose of
    ``length`` characters (the start of the piece after it when the file's
    character there was left out)."""
    index = bisect.bisect_right(mapping.origins, offset) - 1
    if index < 0:
        return 0
    following = mapping.starts[index + 1] if index + 1 < len(mapping.starts) else length
    inside = offset - mapping.origins[index]
    if inside >= max(1, mapping.lengths[index]):
        return following  # past what the piece stands for
    return mapping.starts[index] + min(inside, following - mapping.starts[index])


def _verbatim_at(mapping: TextMap, offset: int) -> bool:
    index = max(0, bisect.bisect_right(mapping.starts, offset) - 1)
    following = mapping.starts[index + 1] if index + 1 < len(mapping.starts) else offset + 1
    return mapping.lengths[index] == following - mapping.starts[index]


def _piece_end(mapping: TextMap, offset: int) -> int:
    index = max(0, bisect.bisect_right(mapping.starts, offset) - 1)
    return mapping.origins[index] + mapping.lengths[index]


class Lines:
    """Offsets of the original file → 1-based line and column (code points)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def origin(mapping: TextMap, lines: Lines, start: int, end: int) -> Origin:
    """The origin in the file of the text span ``start:end``."""
    first = original_offset(mapping, start)
    last = max(first, original_offset(mapping, end, end=True)) if end > start else first
    line, column = lines.line_col(first)
    end_line, end_column = lines.line_col(last)
    return Origin(line, column, end_line, end_column)
