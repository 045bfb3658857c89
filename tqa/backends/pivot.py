"""English glosses as a pivot between German and French words.

FreeDict's German–French dictionaries are small next to the German–English
Ding dictionary (Debian ``dict-de-en``, TU Chemnitz, GPL-2+, about 270k
single-word headwords). French words get their English glosses from FreeDict
fra-eng plus inverted eng-fra (Debian ``dict-freedict-fra-eng`` /
``-eng-fra``, GPL-2+, about 7.5k words). Two words that share an English
gloss probably translate each other: *Kosten* (cost, expense) and *coût*
(cost). Glosses of more than two content words are dropped; they describe
rather than translate.

The tables take about 9 s to derive; they are kept in the user's cache
directory, looked up there word by word (:mod:`tqa.backends.index`), and
rebuilt when a dictionary changes.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from tqa.backends import resources

DING = "german-english"
FRA_ENG = "freedict-fra-eng"
ENG_FRA = "freedict-eng-fra"
#: English words too common to tell senses apart
_STOP = frozenset(
    "a an the of to in on at for by with and or be is are was as from into its it this that "
    "not no one's sb sth someone something oneself".split()
)
_ENGLISH = re.compile(r"[a-z][a-z'-]+")
#: the last letters of the endings _stem removes
_STEMMED_LAST = frozenset("sgd")
_NOTES = re.compile(r"\[[^\]]*\]|\{[^}]*\}|\([^)]*\)|/[^/\n]*/|<[^>]*>")
_B64 = {
    ch: i for i, ch in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}


def _b64(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _B64[ch]
    return value


def _entries(index_path: str) -> Iterator[tuple[str, str]]:
    """(headword in lower case, raw entry text) of a dictd dictionary, single words only."""
    with gzip.open(index_path[: -len(".index")] + ".dict.dz", "rb") as handle:
        data = handle.read()
    with open(index_path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    for line in lines:
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00") or " " in parts[0]:
            continue
        offset, length = _b64(parts[1]), _b64(parts[2])
        yield parts[0].lower(), data[offset : offset + length].decode("utf-8", "replace")


#: between the English glosses of one word in a stored table
SEPARATOR = "|"


def _stem(word: str) -> str:
    """A crude English stem, so that signed/sign and costs/cost meet."""
    for ending, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + keep
    return word


def _english(gloss: str) -> set[str]:
    found = {w for w in _ENGLISH.findall(_NOTES.sub("", gloss).lower()) if len(w) >= 3}
    found -= _STOP
    if not 1 <= len(found) <= 2:
        return set()
    # most words end in no letter that _stem looks at
    return {_stem(w) if w[-1] in _STEMMED_LAST else w for w in found}


def _build_german() -> dict[str, str]:
    index = resources.find_file(resources.DICTD_DIRS, f"{DING}.index")
    table: dict[str, set[str]] = {}
    if index is None:
        return {}
    # the English words of each distinct gloss, found once: Ding repeats
    # glosses (675,000 of them, 364,000 distinct)
    english: dict[str, set[str]] = {}
    for headword, raw in _entries(index):
        glosses = None
        for line in raw.split("\n")[1:]:
            if line.startswith("   "):
                if glosses is None:
                    glosses = table.setdefault(headword, set())
                for part in line.split(";"):
                    found = english.get(part)
                    if found is None:
                        found = english[part] = _english(part)
                    glosses.update(found)
    return {w: SEPARATOR.join(sorted(e)) for w, e in table.items() if e}


def _build_french() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    fra_eng = resources.find_file(resources.DICTD_DIRS, f"{FRA_ENG}.index")
    if fra_eng is not None:
        for headword, raw in _entries(fra_eng):
            for line in raw.split("\n")[1:]:
                for part in line.split(","):
                    table.setdefault(headword, set()).update(_english(part))
    eng_fra = resources.find_file(resources.DICTD_DIRS, f"{ENG_FRA}.index")
    if eng_fra is not None:
        for headword, raw in _entries(eng_fra):
            english = _english(headword)
            for line in raw.split("\n")[1:]:
                for part in _NOTES.sub("", line).split(","):
                    french = part.strip().lower()
                    if french and " " not in french and english:
                        table.setdefault(french, set()).update(english)
    return {w: SEPARATOR.join(sorted(e)) for w, e in table.items() if e}


def _sources() -> tuple[str | None, ...]:
    return tuple(
        resources.find_file(resources.DICTD_DIRS, f"{name}.index")
        for name in (DING, FRA_ENG, ENG_FRA)
    )


def available() -> bool:
    ding, fra_eng, eng_fra = _sources()
    return ding is not None and (fra_eng is not None or eng_fra is not None)


@lru_cache(maxsize=1)
def _tables() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """German and French words → their English glosses joined by SEPARATOR,
    looked up on disk (tqa.backends.index): loading them whole as dicts took
    0.3–0.8 s at every start for the few words a document asks about."""
    from tqa.backends import index

    # every file the tables are built from, the dictionaries' data too
    files = tuple(
        path
        for found in _sources()
        for path in ((found, found[: -len(".index")] + ".dict.dz") if found else (None, None))
    )
    tables = index.indexed(
        "pivot-index",
        1,
        files,
        lambda: {"de": _build_german(), "fr": _build_french()},
        {"de": str, "fr": str},
    )
    return tables["de"], tables["fr"]


def _glosses(table: Mapping[str, str], word: str) -> list[str]:
    found = table.get(word)
    return found.split(SEPARATOR) if found else []


@lru_cache(maxsize=1 << 16)
def german(word: str) -> frozenset[str]:
    """English glosses of a German word (lower case), with its hunspell-de stems."""
    from tqa.backends import words

    table = _tables()[0]
    found = set(_glosses(table, word))
    for stem in words.stems(word, "de"):
        found.update(_glosses(table, stem.lower()))
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def french(word: str) -> frozenset[str]:
    """English glosses of a French word (lower case), with its hunspell-fr stems."""
    from tqa.backends import words

    table = _tables()[1]
    found = set(_glosses(table, word))
    for stem in words.stems(word, "fr"):
        found.update(_glosses(table, stem.lower()))
    return frozenset(found)
