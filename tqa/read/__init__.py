"""Input: expand paths (files, directories, globs, "-"), pair French files
with their German sources, and read documents. One module per concern:

- ``paths``: files, directories, globs → inputs (nothing opened);
- ``pairs``: French inputs paired with German sources (folder pairs,
  ``NAME.de.EXT`` beside ``NAME.fr.EXT``), and what is left unpaired;
- ``text``: bytes within the size limit, decoded strictly (UTF-8, UTF-16 with BOM);
- ``markdown``, ``html``: the prose of markup files, mapped back to the
  file (helped by ``markup``);
- ``xliff``, ``tmx``, ``po``: bilingual files, read as translation units
  (translate-toolkit; XML checked by ``xmlsafe`` first), helped by ``units``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tqa.errors import InputError
from tqa.model import Document
from tqa.read.paths import BILINGUAL_SUFFIXES, TEXT_SUFFIXES, Input, expand_paths
from tqa.read.text import SNIFF_BYTES, decode, read_bytes, read_document

if TYPE_CHECKING:
    from tqa.read.units import Record

#: file suffix → reader of a bilingual format
FORMATS = {
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlif": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
#: formats read as translation units (each with its source)
UNIT_FORMATS = ("xliff", "tmx", "po")
INSTALL = "pip install 'tqa[formats]'"


def format_of(path: str) -> str:
    """``text``, or the bilingual format its suffix names."""
    return FORMATS.get(os.path.splitext(path)[1].lower(), "text")


def read_input(item: Input, max_bytes: int, source_lang: str, target_lang: str) -> Document:
    """Read one input as its format asks (plain text unless the suffix names
    a bilingual format); every failure is an InputError naming the file."""
    kind = format_of(item.path) if item.path != "-" else "text"
    if kind == "text":
        return read_document(item, max_bytes)
    if kind in ("markdown", "html"):
        document = read_document(item, max_bytes)
        if kind == "markdown":
            from tqa.read import markdown

            return markdown.read(document.text, item.display)
        from tqa.read import html

        return html.read(document.text, item.display)
    data = read_bytes(item, max_bytes)
    try:
        if kind == "xliff":
            from tqa.read import xliff

            return xliff.read(data, item.display, source_lang, target_lang)
        if kind == "tmx":
            from tqa.read import tmx

            return tmx.read(data, item.display, source_lang, target_lang)
        from tqa.read import po

        po.check_language(data, item.display, target_lang)
        return po.read(data, item.display)
    except ModuleNotFoundError as exc:
        _missing(exc, item, kind)
        raise


def read_records(
    item: Input, max_bytes: int, source_lang: str, target_lang: str
) -> Iterator[Record]:
    """The translation units of a bilingual file (XLIFF, TMX, PO) one at a
    time, in file order: what :func:`read_input` makes a Document of, for a
    file checked in blocks (tqa.blocks). Failures are InputErrors naming the
    file, raised before the first unit for a file that is not well-formed."""
    kind = format_of(item.path)
    if kind not in UNIT_FORMATS:
        raise InputError(f"{item.display}: not a file of translation units")
    data = read_bytes(item, max_bytes)
    try:
        if kind == "xliff":
            from tqa.read import xliff

            yield from xliff.records(data, item.display, source_lang, target_lang)
        elif kind == "tmx":
            from tqa.read import tmx

            yield from tmx.records(data, item.display, source_lang, target_lang)
        else:
            from tqa.read import po

            po.check_language(data, item.display, target_lang)
            yield from po.records(data, item.display)
    except ModuleNotFoundError as exc:
        _missing(exc, item, kind)
        raise


def _missing(exc: ModuleNotFoundError, item: Input, kind: str) -> None:
    """An InputError with the install command when translate-toolkit is missing."""
    if exc.name and exc.name.split(".")[0] == "translate":
        raise InputError(
            f"{item.display}: reading {kind.upper()} files needs translate-toolkit ({INSTALL})"
        ) from None


__all__ = [
    "BILINGUAL_SUFFIXES",
    "FORMATS",
    "SNIFF_BYTES",
    "TEXT_SUFFIXES",
    "UNIT_FORMATS",
    "Input",
    "decode",
    "expand_paths",
    "format_of",
    "read_bytes",
    "read_document",
    "read_input",
    "read_records",
]
