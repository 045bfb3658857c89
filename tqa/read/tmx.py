"""TMX 1.4 (translate-toolkit's ``tmx`` store).

A unit is a ``<tu>``: its source is the ``<tuv>`` in the source language
(``de``, ``de-DE``…), its target the one in the target language; when the
languages are not marked, the first and the second ``<tuv>``. The id is
``tuid`` (else the unit's number in the file); the notes are its
``<note>`` elements. The file is checked by tqa.read.xmlsafe first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tqa.errors import InputError
from tqa.model import Document, UnitInfo
from tqa.read import xmlsafe
from tqa.read.units import Builder, Collector, Record, Sink, inline, local, notes_of, reason

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NAMESPACE}}}lang"


class _Seen(Exception):
    """Every language looked for was found: the parse stops there."""


def languages(data: bytes, wanted: Iterable[str] = ()) -> set[str]:
    """The languages of the file's ``<tuv>`` variants (primary subtags,
    lower case; "" for a variant without one), read in one linear pass that
    stops as soon as every language of ``wanted`` has been seen (a memory
    holding them shows it in its first unit)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    found: set[str] = set()
    looked_for = {lang.lower() for lang in wanted}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.rsplit(" ", 1)[-1] == "tuv":
            lang = attrs.get(f"{XML_NAMESPACE} lang", attrs.get("lang", ""))
            found.add(lang.strip().replace("_", "-").split("-")[0].lower())
            if looked_for and looked_for <= found:
                raise _Seen

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)  # well-formed and free of entities: xmlsafe.check said so
    except _Seen:
        pass
    return found


def check_languages(data: bytes, name: str, source_lang: str, target_lang: str) -> None:
    """Refuse a memory whose variants are all marked with languages and none
    with the source or none with the target language (an English→French
    memory would be checked against empty sources, one finding per unit)."""
    found = languages(data, (source_lang, target_lang))
    if not found or "" in found:
        return  # unmarked variants: the first is the source, the second the target
    missing = [lang for lang in (source_lang, target_lang) if lang.lower() not in found]
    if missing:
        raise InputError(
            f"{name}: the memory has no {' or '.join(missing)} variant (its languages: "
            f"{', '.join(sorted(found))}); tqa checks {source_lang} → {target_lang} "
            "(the source-lang and target-lang settings)"
        )


def read(data: bytes, name: str, source_lang: str, target_lang: str) -> Document:
    xmlsafe.check(data, name)
    check_languages(data, name, source_lang, target_lang)
    from translate.storage.tmx import tmxfile

    try:
        store = tmxfile(data, sourcelanguage=source_lang, targetlanguage=target_lang)
    except (ValueError, AssertionError, SyntaxError) as exc:
        raise InputError(f"{name}: not a TMX file ({reason(exc)})") from None
    builder = Builder(name, "tmx")
    for number, unit in enumerate(store.units, 1):
        _tu(builder, unit.xmlelement, number, source_lang, target_lang)
    return builder.document()


def records(data: bytes, name: str, source_lang: str, target_lang: str) -> Iterator[Record]:
    """The units of a TMX file in file order, as :func:`read` finds them,
    read incrementally (see tqa.read.xliff.records)."""
    xmlsafe.check(data, name)
    check_languages(data, name, source_lang, target_lang)
    sink = Collector()
    root, number = False, 0
    for event, element in xmlsafe.iterparse(data, name):
        if event == "start":
            if not root and element.tag != "tmx":
                raise InputError(f"{name}: not a TMX file (root element {element.tag})")
            root = True
            continue
        if element.tag == "tu":
            number += 1
            _tu(sink, element, number, source_lang, target_lang)
            xmlsafe.drop(element)
            yield from sink.take()


def _tu(sink: Sink, element: Any, number: int, source_lang: str, target_lang: str) -> None:
    variants = [c for c in element if isinstance(c.tag, str) and local(c.tag) == "tuv"]
    source = _variant(variants, source_lang, 0)
    target = _variant(variants, target_lang, 1)
    notes = notes_of(c.text for c in element if isinstance(c.tag, str) and local(c.tag) == "note")
    info = UnitInfo(element.get("tuid") or str(number), None, None, notes)
    line = target.sourceline if target is not None else element.sourceline
    sink.add(info, inline(_seg(source)), inline(_seg(target)), line)


def _variant(variants: list[Any], lang: str, position: int) -> Any:
    for variant in variants:
        tag = (variant.get(XML_LANG) or variant.get("lang") or "").strip().lower()
        if tag == lang or tag.startswith(lang + "-") or tag.startswith(lang + "_"):
            return variant
    marked = any(v.get(XML_LANG) or v.get("lang") for v in variants)
    return variants[position] if not marked and len(variants) > position else None


def _seg(variant: Any) -> Any:
    if variant is None:
        return None
    return next((c for c in variant if isinstance(c.tag, str) and local(c.tag) == "seg"), None)
