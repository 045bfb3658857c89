"""gettext PO (translate-toolkit's ``pypo``).

A unit is an entry (the header and obsolete ``#~`` entries are not
checked); a plural entry gives one bead per form: ``msgid`` with
``msgstr[0]``, ``msgid_plural`` with each further form. The id is the
``msgctxt`` and ``msgid`` (``context|msgid``), with ``[n]`` for the plural
form n; the state is ``fuzzy`` for a fuzzy entry; the notes are its
translator and extracted comments.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tqa.errors import InputError
from tqa.model import Document, UnitInfo
from tqa.read.units import Builder, Collector, Record, Sink, notes_of


def read(data: bytes, name: str) -> Document:
    builder = Builder(name, "po")
    for unit in _entries(data, name):
        _entry(builder, unit)
    return builder.document()


def records(data: bytes, name: str) -> Iterator[Record]:
    """The units of a PO file, as :func:`read` finds them. translate-toolkit
    parses the whole file first (its entries stay in memory); the units are
    handed out one entry at a time."""
    sink = Collector()
    for unit in _entries(data, name):
        _entry(sink, unit)
        yield from sink.take()


def _entries(data: bytes, name: str) -> list[Any]:
    from translate.storage.poparser import PoParseError
    from translate.storage.pypo import pofile

    try:
        store = pofile(data)
    except PoParseError as exc:
        message = str(exc).split(":", 1)[0]
        raise InputError(f"{name}: not a valid PO file: {message}") from None
    except (ValueError, UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{name}: not a valid PO file ({exc})") from None
    return [u for u in store.units if not (u.isheader() or u.isobsolete())]


def _entry(builder: Sink, unit: Any) -> None:
    context = unit.getcontext()
    line = getattr(unit, "line_number", None) or None
    state = "fuzzy" if unit.isfuzzy() else None
    notes = notes_of(unit.getnotes().splitlines())
    if unit.hasplural():
        sources = list(unit.source.strings)
        targets = list(unit.target.strings) if unit.target is not None else [""]
        msgid = sources[0]
        for n, target in enumerate(targets or [""]):
            source = sources[min(n, len(sources) - 1)]
            ident = f"{context}|{msgid}" if context else msgid
            info = UnitInfo(f"{ident}[{n}]", None, state, notes)
            builder.add(info, (source, ()), (target or "", ()), line)
        return
    ident = f"{context}|{unit.source}" if context else str(unit.source)
    info = UnitInfo(ident, None, state, notes)
    builder.add(info, (str(unit.source), ()), (str(unit.target or ""), ()), line)
