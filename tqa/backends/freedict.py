"""FreeDict bilingual dictionaries in dictd format (Debian's dict-freedict-deu-fra
and dict-freedict-fra-deu; CC BY-SA 3.0, from Wiktionary via WikDict).

An ``.index`` line is ``headword<TAB>offset<TAB>length`` (base64 numbers) into
the gzip-compressed ``.dict.dz``. An entry is a header line
(``Erklärung /…/ <n, fem>``) followed by pairs of lines: numbered French
glosses, then a German definition of that sense.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from tqa.backends import resources

log = logging.getLogger(__name__)

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_VALUE = {ch: i for i, ch in enumerate(_B64)}
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*")
_POS = re.compile(r"<([^>]*)>")
_TRAILING_NUMBER = re.compile(r"\s+\d+\.?$")


@dataclass(frozen=True)
class Sense:
    glosses: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class Entry:
    headword: str
    pos: str
    senses: tuple[Sense, ...]

    @property
    def glosses(self) -> tuple[str, ...]:
        return glosses_of(sense.glosses for sense in self.senses)


def glosses_of(senses: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The glosses of an entry's senses, each once, in order."""
    return tuple(dict.fromkeys(gloss for glosses in senses for gloss in glosses))


def _b64(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _B64_VALUE[ch]
    return value


class Dictionary:
    """One direction of a FreeDict dictionary. Its entries (headword in lower
    case → raw entry texts) are looked up on disk (tqa.backends.index), made
    once from the ``.index`` and ``.dict.dz`` files: reading those whole
    took 0.2 s per dictionary at every start."""

    def __init__(self, index_path: str) -> None:
        from tqa.backends import index

        self.path = index_path
        data_path = index_path[: -len(".index")] + ".dict.dz"
        #: the files the dictionary is read from: what a table derived from
        #: it is keyed by (tqa.backends.cache keys tables by their content)
        self.files = (index_path, data_path)
        name = os.path.basename(index_path)[: -len(".index")]
        self._entries: Mapping[str, tuple[str, ...]] = index.indexed(
            f"{name}-entries",
            1,
            (index_path, data_path),
            lambda: {"entries": _read(index_path, data_path)},
            {"entries": tuple[str, ...]},
        )["entries"]

    def __contains__(self, word: str) -> bool:
        return word.lower() in self._entries

    def headwords(self) -> list[str]:
        return list(self._entries)

    def lookup(self, word: str) -> tuple[Entry, ...]:
        return tuple(parse_entry(raw) for raw in self._entries.get(word.lower(), ()))

    def all_glosses(self) -> Iterator[tuple[str, str, list[tuple[str, ...]]]]:
        """(word of ``headwords()``, entry's headword, the glosses of each
        sense) of every entry: what ``lookup`` gives of each word of
        ``headwords()`` in turn (``sense_glosses``), in one pass over the
        stored entries, without a look-up per word nor Entry objects."""
        entries = self._entries
        pairs = getattr(entries, "pairs", None)  # an index table's walk over its records
        for word, raws in pairs() if pairs is not None else entries.items():
            if word.lower() != word:  # lookup's key: the word in lower case
                raws = entries.get(word.lower(), ())
            for raw in raws:
                yield (word, *sense_glosses(raw))


def _read(index_path: str, data_path: str) -> dict[str, tuple[str, ...]]:
    """Headword in lower case → its raw entries, in the order of the index."""
    with gzip.open(data_path, "rb") as handle:
        data = handle.read()
    entries: dict[str, list[str]] = {}
    with open(index_path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00database"):
                continue
            offset, length = _b64(parts[1]), _b64(parts[2])
            raw = data[offset : offset + length].decode("utf-8", "replace")
            entries.setdefault(parts[0].lower(), []).append(raw)
    return {word: tuple(raws) for word, raws in entries.items()}


def parse_entry(raw: str) -> Entry:
    header, body = _lines(raw)
    pos_match = _POS.search(header)
    senses = [Sense(glosses, definition) for glosses, definition in _senses(body)]
    return Entry(_headword(header), pos_match.group(1) if pos_match else "", tuple(senses))


def _lines(raw: str) -> tuple[str, list[str]]:
    """An entry's header line and the lines after it (blank lines left out)."""
    lines = [line for line in raw.split("\n") if line.strip()]
    return (lines[0] if lines else ""), lines[1:]


def _headword(header: str) -> str:
    return header.split(" /")[0].split(" <")[0].strip()


def _senses(body: list[str]) -> Iterator[tuple[tuple[str, ...], str]]:
    """(glosses, definition) of each sense that has glosses."""
    for i in range(0, len(body), 2):
        gloss_line = _SENSE_NUMBER.sub("", body[i])
        glosses = tuple(
            clean
            for g in gloss_line.split(",")
            if (clean := _TRAILING_NUMBER.sub("", g).strip()) and not clean[0].isdigit()
        )
        if glosses:
            yield glosses, body[i + 1].strip() if i + 1 < len(body) else ""


def sense_glosses(raw: str) -> tuple[str, list[tuple[str, ...]]]:
    """What ``parse_entry`` gives of an entry's headword and of the glosses
    of each of its senses, without the rest: the tables derived from a
    whole dictionary need no more."""
    header, body = _lines(raw)
    return _headword(header), [glosses for glosses, _ in _senses(body)]


@lru_cache(maxsize=2)
def load(name: str) -> Dictionary | None:
    """``load("freedict-deu-fra")``; None when the Debian package is missing."""
    index = resources.find_file(resources.DICTD_DIRS, f"{name}.index")
    if index is None:
        log.info("dictionary %s not installed", name)
        return None
    return Dictionary(index)
