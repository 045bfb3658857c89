"""Markdown (markdown-it-py, CommonMark with tables): the prose only.

Kept: paragraphs, headings, list items, table cells, block quotes, image alt
text, link texts. Left out: code (fenced, indented and inline), HTML, the
front matter (``---`` … ``---`` at the top), link and image targets, and
URLs, written out or as autolinks. Each block is one paragraph of the text;
a line break inside a paragraph stays a line break. Every character of the
text maps back to the file (tqa.read.markup).
"""

from __future__ import annotations

import re
from typing import Any

from tqa.errors import InputError
from tqa.model import Document
from tqa.read.html import HIDDEN
from tqa.read.markup import Prose

#: block quotes and lists nested this deep are refused, not read in part
#: (markdown-it's default of 20 left out a 20th level silently; deeper than
#: about 1,000 its parser recurses too deeply)
MAX_NESTING = 200
#: how deep links and images may nest inside a paragraph: markdown-it's
#: CommonMark default. The inline parser tries every rule again at each level
#: for every "[" it meets, so its work per character grows with this limit:
#: with MAX_NESTING (200) here, 40 kB of "![" took 10.5 s to parse, 1.3 s with 20
INLINE_NESTING = 20
#: inline HTML whose content is no prose: what the HTML reader hides
_HIDDEN = "|".join(sorted(HIDDEN))
_HIDDEN_OPEN = re.compile(rf"<(?:{_HIDDEN})\b[^>]*(?<!/)>", re.I)
_HIDDEN_CLOSE = re.compile(rf"</(?:{_HIDDEN})\s*>", re.I)
#: YAML (---) or TOML (+++) front matter at the very top
FRONT_MATTER = re.compile(
    r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M
)


def read(text: str, name: str) -> Document:
    from markdown_it import MarkdownIt

    front = FRONT_MATTER.match(text)
    # the front matter's lines stay, blank, so that line numbers do not move
    body = text
    if front is not None:
        body = re.sub(r"[^\r\n]", " ", front.group()) + text[front.end() :]
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")
    # blocks are parsed with MAX_NESTING, the inline content of each with
    # INLINE_NESTING (markdown-it reads the option as each parser runs)
    parser.core.ruler.before("inline", "tqa_inline_nesting", _inline_nesting)
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    prose = Prose(text)
    cursor = 0
    tokens = parser.parse(body)
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        # markdown-it stops at its nesting limit and leaves out what lies deeper
        raise InputError(
            f"{name}: block quotes or lists nested too deeply (the Markdown reader's "
            f"limit is {MAX_NESTING} levels): the text inside would not be checked"
        )
    for token in tokens:
        if token.type in ("fence", "code_block") and token.map is not None:
            first, last = token.map
            prose.code_block(
                starts[min(first, len(starts) - 1)],
                starts[last] if last < len(starts) else len(text),
            )
            continue
        if token.type != "inline" or token.map is None:
            continue
        first, last = token.map
        begin = max(cursor, starts[first] if first < len(starts) else len(text))
        limit = starts[last] if last < len(starts) else len(text)
        cursor = _inline(prose, token.children or [], begin, max(limit, begin))
        prose.block()
    checked, mapping = prose.result()
    return Document(name, checked, format="markdown", map=mapping)


def _inline_nesting(state: Any) -> None:
    state.md.options["maxNesting"] = INLINE_NESTING


def _inline(prose: Prose, children: list[Any], cursor: int, limit: int) -> int:
    """Copy the prose of an inline token's children; returns where it ended in the file."""
    skip = 0  # inside an autolink
    hidden = 0  # inside inline <script>, <code>…: not prose (tqa.read.html.HIDDEN)
    for child in children:
        kind = child.type
        if kind == "link_open" and child.markup == "autolink":
            skip += 1
            href = child.attrs.get("href", "")
            at = prose.original.find(str(href), cursor, limit) if href else -1
            if at >= 0:
                prose.stand_in(at, len(str(href)))
        elif kind == "link_close" and child.markup == "autolink":
            skip -= 1
        elif kind == "text" and not skip and not hidden:
            cursor = prose.find(child.content, cursor, limit)
        elif kind in ("softbreak", "hardbreak"):
            at = prose.original.find("\n", cursor, limit)
            if at >= 0:
                end = at + 1
                start = at - 1 if at > 0 and prose.original[at - 1] == "\r" else at
                prose.text("\n", start, end - start)
                cursor = end
        elif kind == "image":  # its alt text is a block of its own, as a caption is
            prose.block()
            cursor = _inline(prose, child.children or [], cursor, limit)
            prose.block()
        elif kind in ("code_inline", "html_inline"):
            if kind == "html_inline" and _HIDDEN_OPEN.match(child.content):
                hidden += 1
            elif kind == "html_inline" and _HIDDEN_CLOSE.match(child.content):
                hidden = max(0, hidden - 1)
            at = prose.original.find(child.content, cursor, limit) if child.content else -1
            if at >= 0:
                if kind == "code_inline":
                    prose.stand_in(at, len(child.content))
                cursor = at + len(child.content)

    return cursor
