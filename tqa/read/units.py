"""What the bilingual readers (XLIFF, TMX, PO) share: a translation unit's
text with its inline tags kept out, and the Document made of the units.

The checked text of a unit is its text content: inline codes (``<x/>``,
``<ph>``, ``<bpt>``…, whose content is native markup) are left out, paired
tags (``<g>``, ``<pc>``, ``<mrk>``, ``<hi>``) are left out around their
content (an XLIFF 1.2 segment marker, ``<mrk mtype="seg">``, is no tag; a
``<mrk>`` of text not to translate is left out as a code is);
every one is kept as an :class:`InlineTag` at the offset where it stood, so
that the structure checks compare them and nothing that a
translator cannot change is reported as a language error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from tqa.model import Document, InlineTag, Unit, UnitInfo

#: between two units in the document text: each unit is its own paragraph
SEPARATOR = "\n\n"
#: paired tags whose content is text to check
CONTENT_TAGS = frozenset({"g", "pc", "mrk", "hi"})
#: XLIFF 1.2 ``<mrk mtype="seg">``: a segment of a segmented unit (``<seg-source>``
#: and the target), written by the tool that segmented it, not by the translator
SEGMENT_MARK = "seg"
#: XLIFF 2 ``<cp hex="…"/>``: a code point that XML cannot hold
CODE_POINT = "cp"
#: characters of native code kept with a tag (for messages)
CODE_CHARS = 80


def local(tag: str) -> str:
    """``{urn:…}target`` → ``target``."""
    return tag.rsplit("}", 1)[-1]


def _scalar(hex_digits: str) -> str:
    """The character of a ``<cp hex>``; ValueError for what is no Unicode
    scalar value (a surrogate, beyond U+10FFFF), which no report could encode."""
    code = int(hex_digits, 16)
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"U+{code:04X} is a surrogate")
    return chr(code)


def _protected(element: Any) -> bool:
    """Whether a ``<mrk>`` holds text not to translate (XLIFF 2
    ``translate="no"``, XLIFF 1.2 ``mtype="protected"``): kept out of the
    checked text as a code is, so that a German name or quote the file protects
    is no German left in the French."""
    return element.get("translate") == "no" or element.get("mtype") == "protected"


def inline(element: Any) -> tuple[str, list[InlineTag]]:
    """The text of an lxml element with its inline tags taken out (offsets
    into that text). Comments, processing instructions and unresolved entity
    references are left out."""
    parts: list[str] = []
    tags: list[InlineTag] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            parts.append(text)
            length += len(text)

    def walk(node: Any) -> None:
        add(node.text)
        for child in node:
            if isinstance(child.tag, str):
                kind = local(child.tag)
                ident = child.get("id") or child.get("i") or child.get("x") or ""
                if kind == CODE_POINT:
                    try:
                        add(_scalar(child.get("hex", "")))
                    except (ValueError, OverflowError):
                        tags.append(InlineTag(length, kind, ident))
                elif kind == "mrk" and child.get("mtype") == SEGMENT_MARK:
                    walk(child)  # where a segment starts and ends: no tag of the text
                elif kind in CONTENT_TAGS and not _protected(child):
                    tags.append(InlineTag(length, kind, ident))
                    walk(child)
                    tags.append(InlineTag(length, kind, ident, closing=True))
                else:
                    code = child.get("equiv") or child.get("disp") or "".join(child.itertext())
                    tags.append(InlineTag(length, kind, ident, code=code[:CODE_CHARS]))
            add(child.tail)

    if element is not None:
        walk(element)
    return "".join(parts), tags


#: one unit as a reader finds it: its info, (source text, tags), (target text,
#: tags) with offsets into those texts, and its line in the file
Record = tuple[
    UnitInfo, tuple[str, Iterable[InlineTag]], tuple[str, Iterable[InlineTag]], int | None
]


class Sink(Protocol):
    """Where a reader puts the units it finds (a Builder, or a Collector)."""

    def add(
        self,
        info: UnitInfo,
        source: tuple[str, Iterable[InlineTag]],
        target: tuple[str, Iterable[InlineTag]],
        line: int | None = None,
    ) -> None: ...


@dataclass
class Collector:
    """Units as records, for a reader that hands them out as it goes."""

    records: list[Record] = field(default_factory=list)

    def add(
        self,
        info: UnitInfo,
        source: tuple[str, Iterable[InlineTag]],
        target: tuple[str, Iterable[InlineTag]],
        line: int | None = None,
    ) -> None:
        self.records.append((info, source, target, line))

    def take(self) -> list[Record]:
        records, self.records = self.records, []
        return records


@dataclass
class Builder:
    """Collects units in file order and makes the Document of a bilingual file."""

    path: str
    format: str
    _target: list[str] = field(default_factory=list)
    _source: list[str] = field(default_factory=list)
    _units: list[Unit] = field(default_factory=list)
    _length: int = 0
    _source_length: int = 0

    def add(
        self,
        info: UnitInfo,
        source: tuple[str, Iterable[InlineTag]],
        target: tuple[str, Iterable[InlineTag]],
        line: int | None = None,
    ) -> None:
        if self._units:
            self._target.append(SEPARATOR)
            self._source.append(SEPARATOR)
            self._length += len(SEPARATOR)
            self._source_length += len(SEPARATOR)
        source_text, source_tags = source
        target_text, target_tags = target
        start, source_start = self._length, self._source_length
        self._target.append(target_text)
        self._source.append(source_text)
        self._length += len(target_text)
        self._source_length += len(source_text)
        self._units.append(
            Unit(
                info,
                start,
                self._length,
                source_start,
                self._source_length,
                line,
                tuple(replace(t, offset=t.offset + start) for t in target_tags),
                tuple(replace(t, offset=t.offset + source_start) for t in source_tags),
            )
        )

    def document(self) -> Document:
        source = Document(self.path, "".join(self._source), format=self.format)
        return Document(
            self.path, "".join(self._target), tuple(self._units), source, format=self.format
        )


def notes_of(texts: Iterable[str | None]) -> tuple[str, ...]:
    """Notes as a tuple of their non-empty, stripped texts."""
    return tuple(t.strip() for t in texts if t and t.strip())


#: what the parsers under the readers say, in a user's words
_REASONS = (
    (
        re.compile(r"Excessive depth in document: (\d+)"),
        "elements nested more than {0} levels deep",
    ),
    (re.compile(r"Please use the XLIFF 2\.0 parser"), "an XLIFF 2 file read as XLIFF 1"),
    (re.compile(r"invalid literal for int\(\) with base 10: (.{0,40})"), "not a number: {0}"),
    (re.compile(r"Exceeds the limit \((\d+) digits\)"), "a number of more than {0} digits"),
)


def plain(text: str) -> str:
    """A parser's message without its internals (option names of libxml2,
    class names of translate-toolkit)."""
    for pattern, words in _REASONS:
        found = pattern.search(text)
        if found:
            return words.format(*found.groups())
    return text


def reason(exc: BaseException) -> str:
    """Why a parser refused a file, on one line, in a user's words."""
    lines = str(exc).strip().splitlines()
    return plain(lines[0]) if lines else type(exc).__name__
