"""Untrusted XML (XLIFF, TMX) is checked before anything builds a tree of it.

One pass of expat, which builds nothing, refuses what a localisation file
never needs and an attacker always does: entity declarations (the
billion-laughs expansion bomb, external entities that read local files or
fetch URLs). The check stops at the first declaration, so memory stays
bounded whatever the file holds. A DOCTYPE that only names a DTD (``<!DOCTYPE
tmx SYSTEM "tmx14.dtd">``, as TMX files do) is allowed: it is never fetched.
A file that is not well-formed is reported with the line and column of the
error. The parser used afterwards (translate-toolkit's, lxml) is itself set
not to resolve entities nor to use the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any
from xml.parsers import expat

from tqa.errors import InputError
from tqa.read.units import plain


class _Refused(Exception):
    pass


def check(data: bytes, name: str) -> None:
    """Raise InputError when ``data`` is not well-formed XML or declares entities."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def entity(entity_name: str, *_: object) -> None:
        raise _Refused(f"entity declaration {entity_name!r}")

    def unparsed(entity_name: str, *_: object) -> None:
        raise _Refused(f"unparsed entity declaration {entity_name!r}")

    def external(*_: object) -> int:
        raise _Refused("external entity reference")

    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        where = f"line {parser.CurrentLineNumber}, column {parser.CurrentColumnNumber + 1}"
        raise InputError(
            f"{name}: {where}: {exc} refused (XML entities are not allowed in "
            "localisation files: they can expand without bound or read other files)"
        ) from None
    except LookupError as exc:  # an encoding Python does not know, named in the declaration
        raise InputError(f"{name}: the XML declaration names an unknown encoding ({exc})") from None
    except expat.ExpatError as exc:
        message = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
        raise InputError(
            f"{name}: not well-formed XML at line {exc.lineno}, column {exc.offset + 1}: {message}"
        ) from None


def iterparse(data: bytes, name: str) -> Iterator[tuple[str, Any]]:
    """``start`` and ``end`` events of ``data`` (already :func:`check`-ed),
    parsed incrementally by lxml with the settings translate-toolkit uses
    (no entities resolved, no network, CDATA kept as text)."""
    from lxml import etree

    try:
        yield from etree.iterparse(
            BytesIO(data),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            strip_cdata=False,
        )
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise InputError(
            f"{name}: not well-formed XML at line {line}, column {column}: {plain(exc.msg)}"
        ) from None


def drop(element: Any) -> None:
    """Free an element read by :func:`iterparse` and the siblings before it."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
