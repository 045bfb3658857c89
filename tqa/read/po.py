"""gettext PO (translate-toolkit's ``pypo``).

A unit is an entry (the header and obsolete ``#~`` entries are not
checked); a plural entry gives one bead per form: ``msgid`` with
``msgstr[0]``, ``msgid_plural`` with each further form. The id is the
``msgctxt`` and ``msgid`` (``context|msgid``), with ``[n]`` for the plural
form n; the state is ``fuzzy`` for a fuzzy entry; the notes are its
translator and extracted comments.
"""

from __future__ import annotations

from tqa.errors import InputError
from tqa.model import Document, UnitInfo
from tqa.read.units import Builder, notes_of


def read(data: bytes, name: str) -> Document:
    from translate.storage.poparser import PoParseError
    from translate.storage.pypo import pofile

    try:
        store = pofile(data)
    except PoParseError as exc:
        message = str(exc).split(":", 1)[0]
        raise InputError(f"{name}: not a valid PO file: {message}") from None
    except (ValueError, UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{name}: not a valid PO file ({exc})") from None
    builder = Builder(name, "po")
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
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
            continue
        ident = f"{context}|{unit.source}" if context else str(unit.source)
        info = UnitInfo(ident, None, state, notes)
        builder.add(info, (str(unit.source), ()), (str(unit.target or ""), ()), line)
    return builder.document()
