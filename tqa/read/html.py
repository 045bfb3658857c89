"""HTML: the visible text only (the standard library's HTMLParser).

Kept: the text of the page, entities decoded (``f&eacute;d`` is « féd »,
mapped to the entity in the file), and the ``alt`` and ``title``
attributes, each its own block. Left out: ``<script>``, ``<style>``,
``<template>``, code (``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``),
comments and URLs written out. Block elements (p, div, h1, li, td…) end a
block of prose; runs of white space count as one space, as a browser shows
them. Every character of the text maps back to the file (tqa.read.markup).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from tqa.model import Document
from tqa.read.markup import Prose

HIDDEN = frozenset({"script", "style", "template", "code", "pre", "kbd", "samp", "head"})
#: inside <head>, only the title is shown (in the window's title bar)
SHOWN_IN_HEAD = frozenset({"title"})
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
        "option", "p", "section", "summary", "table", "td", "th", "title", "tr", "ul",
        "body", "html", "button", "label", "legend",
    }
)  # fmt: skip
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
ATTRIBUTES = ("alt", "title")
_SPACE = re.compile(r"\s+")


class _Visible(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.prose = Prose(text)
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.hidden: list[str] = []
        self.space = True  # the last character given was white space

    def _at(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closes=tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closes=True)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], *, closes: bool) -> None:
        if tag in BLOCKS:
            self._block()
        start = self._at()
        raw = self.get_starttag_text() or ""
        if not self.hidden:
            for name, value in attrs:
                if name in ATTRIBUTES and value and value.strip():
                    self._block()
                    at = raw.find(value) if value else -1
                    if at >= 0:
                        self.prose.copy(start + at, start + at + len(value))
                    else:
                        self.prose.find(value, start, start + len(raw))
                    self._block()
        if tag in HIDDEN and not closes:
            self.hidden.append(tag)
        elif self.hidden and self.hidden[-1] == "head" and tag in SHOWN_IN_HEAD:
            self.hidden.append("")  # shown inside head

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and (
            self.hidden[-1] == tag or (tag in SHOWN_IN_HEAD and self.hidden[-1] == "")
        ):
            self.hidden.pop()
        if tag in BLOCKS:
            self._block()

    def _shown(self) -> bool:
        return not self.hidden or self.hidden[-1] == ""

    def handle_data(self, data: str) -> None:
        if not self._shown():
            return
        start = self._at()
        at = 0
        for match in _SPACE.finditer(data):
            self._copy(start + at, start + match.start())
            if not self.space:
                self.prose.text(" ", start + match.start(), match.end() - match.start())
                self.space = True
            at = match.end()
        self._copy(start + at, start + len(data))

    def _copy(self, start: int, end: int) -> None:
        if end > start:
            self.prose.copy(start, end)
            self.space = False

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, written: str) -> None:
        if not self._shown():
            return
        start = self._at()
        end = self.prose.original.find(";", start, start + 40)
        length = end + 1 - start if end >= 0 else len(written) - 1
        char = unescape(written)
        if char.isspace():
            if not self.space:
                self.prose.text(" ", start, length)
                self.space = True
            return
        self.prose.text(char, start, length)
        self.space = False

    def _block(self) -> None:
        self.prose.block()
        self.space = True


def read(text: str, name: str) -> Document:
    parser = _Visible(text)
    parser.feed(text)
    if parser.rawdata.startswith("<!"):
        # an unclosed comment or declaration ("<!--" to the end of the file):
        # the parser would hand it over as text, a browser shows none of it
        parser.rawdata = ""
    parser.close()
    checked, mapping = parser.prose.result()
    return Document(name, checked, format="html", map=mapping)
