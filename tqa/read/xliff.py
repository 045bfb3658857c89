"""XLIFF 1.2 and 2.x (translate-toolkit's ``xliff`` and ``xliff2`` stores).

A unit is a ``<trans-unit>`` (1.2) or a ``<segment>`` of a ``<unit>`` (2.x:
each segment is its own bead, the unit's id with the segment's). Units
marked ``translate="no"`` are not checked. The state is the target's
``state`` (1.2) or the segment's (2.x); the notes are the unit's
``<note>`` elements. A PO header carried into XLIFF (``restype=
"x-gettext-domain-header"``) is not a unit. The file is checked by tqa.read.xmlsafe first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from tqa.errors import InputError
from tqa.model import Document, UnitInfo
from tqa.read import xmlsafe
from tqa.read.units import Builder, Collector, Record, Sink, inline, local, notes_of, reason

VERSION_2 = b"urn:oasis:names:tc:xliff:document:2."


def languages(data: bytes) -> list[tuple[str, str]]:
    """The (source, target) languages an XLIFF file declares: XLIFF 2's
    ``srcLang``/``trgLang`` on its root, XLIFF 1's
    ``source-language``/``target-language`` on each ``<file>`` ("" where absent)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[tuple[str, str]] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = tag.rsplit(" ", 1)[-1]
        if element == "xliff" and ("srcLang" in attrs or "trgLang" in attrs):
            found.append((attrs.get("srcLang", ""), attrs.get("trgLang", "")))
        elif element == "file" and ("source-language" in attrs or "target-language" in attrs):
            found.append((attrs.get("source-language", ""), attrs.get("target-language", "")))

    parser.StartElementHandler = start
    parser.Parse(data, True)  # well-formed and free of entities: xmlsafe.check said so
    return found


def _same_language(declared: str, wanted: str) -> bool:
    """Whether a declared language tag ("de-DE", "fr_CH", "") is ``wanted`` ("de")."""
    primary = declared.strip().replace("_", "-").split("-")[0].lower()
    return not primary or primary == wanted.lower()


def check_languages(data: bytes, name: str, source_lang: str, target_lang: str) -> None:
    """Refuse a file that declares other languages than those checked: an
    English source would be read as German, a French→German file backwards."""
    for source, target in languages(data):
        if not (_same_language(source, source_lang) and _same_language(target, target_lang)):
            raise InputError(
                f"{name}: the file is declared {source or '?'} → {target or '?'}; tqa checks "
                f"{source_lang} → {target_lang} (the source-lang and target-lang settings)"
            )


def read(data: bytes, name: str, source_lang: str = "de", target_lang: str = "fr") -> Document:
    xmlsafe.check(data, name)
    check_languages(data, name, source_lang, target_lang)
    try:
        if VERSION_2 in data[:4096]:
            from translate.storage.xliff2 import Xliff2File

            store: Any = Xliff2File(data)
        else:
            from translate.storage.xliff import Xliff1File

            store = Xliff1File(data)
    except (ValueError, AssertionError, SyntaxError) as exc:
        raise InputError(f"{name}: not an XLIFF file ({reason(exc)})") from None
    except StopIteration:  # translate-toolkit looks for the first <file> with next()
        raise InputError(f"{name}: not an XLIFF file (no <file> element)") from None
    builder = Builder(name, "xliff")
    for unit in store.units:
        element = unit.xmlelement
        if local(element.tag) == "segment":
            _segment(builder, element)
        elif local(element.tag) == "trans-unit":
            _trans_unit(builder, element)
    return builder.document()


#: the namespace of XLIFF 1.x (translate-toolkit takes any version of it)
VERSION_1 = "urn:oasis:names:tc:xliff:document:"


def records(
    data: bytes, name: str, source_lang: str = "de", target_lang: str = "fr"
) -> Iterator[Record]:
    """The units of an XLIFF file in file order, as :func:`read` finds them,
    read incrementally: memory holds one unit element at a time."""
    xmlsafe.check(data, name)
    check_languages(data, name, source_lang, target_lang)
    version_2 = VERSION_2 in data[:4096]
    sink = Collector()
    wanted = file = ""
    root: Any = None
    found_file = False
    for event, element in xmlsafe.iterparse(data, name):
        if event == "start":
            if root is None:
                root = element
                namespace = _namespace(element, name, version_2)
                unit = "unit" if version_2 else "trans-unit"
                wanted = f"{{{namespace}}}{unit}" if namespace else unit
                file = f"{{{namespace}}}file" if namespace else "file"
            elif element.tag == file and element.getparent() is root:
                found_file = True
            continue
        if element.tag != wanted:
            continue
        if not found_file:  # refused as translate-toolkit refuses it (read says why)
            raise InputError(f"{name}: not an XLIFF file (no <file> element)")
        if version_2:
            for segment in _children(element, "segment"):
                _segment(sink, segment)
        else:
            _trans_unit(sink, element)
        xmlsafe.drop(element)
        yield from sink.take()


def _namespace(root: Any, name: str, version_2: bool) -> str:
    """The XLIFF namespace of the file as translate-toolkit finds it; files
    it refuses are refused (with a short message: :func:`read` gives its own)."""
    if local(root.tag) != "xliff":
        raise InputError(f"{name}: not an XLIFF file (root element {root.tag})")
    default = root.nsmap.get(None, "") or ""
    if version_2:
        return default
    version = root.get("version", "")
    if version.startswith("2.") or (not version and ":2." in default):
        raise InputError(f"{name}: not an XLIFF 1 file")
    spaces = [ns for ns in root.nsmap.values() if ns and ns.startswith(VERSION_1)]
    return spaces[0] if spaces else default


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element if isinstance(c.tag, str) and local(c.tag) == name]


#: ``restype`` of units that hold no text to translate (a PO header turned into XLIFF)
NOT_TEXT = frozenset({"x-gettext-domain-header"})


def _not_translated(element: Any) -> bool:
    """Whether ``element`` is marked ``translate="no"``, by itself or, when it
    does not say, by the nearest ``<group>`` or ``<file>`` around it that does
    (XLIFF 2 says the value is inherited; XLIFF 1.2 tools read a group's so)."""
    node = element
    while node is not None:
        value = node.get("translate")
        if value is not None:
            return bool(value == "no")
        node = node.getparent()
    return False


def _trans_unit(builder: Sink, element: Any) -> None:
    if _not_translated(element) or element.get("restype") in NOT_TEXT:
        return
    sources = _children(element, "source")
    targets = _children(element, "target")
    target = targets[0] if targets else None
    state = target.get("state") if target is not None else None
    if state is None and element.get("approved") == "yes":
        state = "approved"
    notes = notes_of(n.text for n in _children(element, "note"))
    info = UnitInfo(element.get("id") or "", None, state, notes)
    line = target.sourceline if target is not None else element.sourceline
    builder.add(info, inline(sources[0] if sources else None), inline(target), line)


def _segment(builder: Sink, element: Any) -> None:
    unit = element.getparent()
    if unit is None or _not_translated(unit):
        return
    segments = [s for s in unit if isinstance(s.tag, str) and local(s.tag) == "segment"]
    number = segments.index(element) + 1 if element in segments else 1
    notes = [n.text for group in _children(unit, "notes") for n in _children(group, "note")]
    sources = _children(element, "source")
    targets = _children(element, "target")
    target = targets[0] if targets else None
    info = UnitInfo(
        unit.get("id") or "",
        element.get("id") or str(number) if len(segments) > 1 or element.get("id") else None,
        element.get("state"),
        notes_of(notes),
    )
    line = target.sourceline if target is not None else element.sourceline
    builder.add(info, inline(sources[0] if sources else None), inline(target), line)
