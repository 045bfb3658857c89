"""Word lists kept as data files under ``corpora/lexicon`` (shipped as
``tqa/data``): German exonyms with their French names, German words and names
that are legitimate in French text. Each file starts with ``#`` lines naming
its source and licence, then a header row. Files are read once and cached.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tqa.backends import freedict
from tqa.backends import words as wordstats

DATA_DIR = Path(__file__).parent / "data"


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by its header (comments skipped)."""
    path = DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return parse_rows(lines)


def parse_rows(lines: list[str]) -> list[dict[str, str]]:
    """What ``csv.DictReader(lines, delimiter="\\t", quoting=csv.QUOTE_NONE)``
    reads from ``lines`` (each one line with its line end, none empty),
    with the values stripped and the columns without a name dropped: with
    no quoting, a line is its fields between tabs, so they are split here
    (csv's reader in Python took 11 µs a row: 0.03-0.08 s for the first
    names at every start). A row longer than the header keeps its first
    fields; a shorter one gets "" for the missing ones, as DictReader's
    restkey and restval come out here. Lines that csv would read
    differently (a NUL, a line end inside) go to csv
    (tests/test_lexicon_rows.py compares the two)."""
    if any("\0" in line or "\r" in line.rstrip("\r\n") for line in lines):
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    if not lines:
        return []
    # the first line is the header even when bare; a bare line after it is
    # no row (DictReader skips it)
    first = lines[0].rstrip("\r\n")
    header = first.split("\t") if first else []
    rows = [line.rstrip("\r\n").split("\t") for line in lines[1:] if line.rstrip("\r\n")]
    keep = [(n, name) for n, name in enumerate(header) if name]
    if len(keep) != len(set(name for _, name in keep)):
        # a repeated column name: DictReader keeps the last field of that name
        last = {name: n for n, name in keep}
        keep = [(n, name) for name, n in last.items()]
    return [{name: row[n].strip() if n < len(row) else "" for n, name in keep} for row in rows]


@lru_cache(maxsize=1)
def _exonyms() -> dict[str, str]:
    return {row["german"]: row["french"] for row in read_table("exonyms.tsv") if row.get("german")}


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return {
        row["german"]: row["french"] for row in read_table("german-labels.tsv") if row.get("german")
    }


def label(word: str) -> str | None:
    """The French form of a German page label ("Quellen" → "Sources")."""
    return _labels().get(word)


def exonym(word: str) -> str | None:
    """The French name of a German place name ("Kasachstan" → "Kazakhstan")."""
    return _exonyms().get(word)


@lru_cache(maxsize=1)
def _multiword_exonyms() -> re.Pattern[str] | None:
    names = sorted((g for g in _exonyms() if " " in g), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def multiword_exonyms(text: str) -> list[tuple[int, int, str, str]]:
    """German place names of several words in ``text`` ("Vereinigte Staaten"):
    (start, end, German, French)."""
    pattern = _multiword_exonyms()
    if pattern is None:
        return []
    return [
        (m.start(), m.end(), m.group(0), _exonyms()[m.group(0)]) for m in pattern.finditer(text)
    ]


@lru_cache(maxsize=1)
def _allowed_terms() -> tuple[frozenset[str], tuple[str, ...]]:
    single: set[str] = set()
    multi: list[str] = []
    for row in read_table("german-allowed.tsv"):
        term = row.get("term", "")
        if not term:
            continue
        if " " in term:
            multi.append(term)
        else:
            single.add(term)
            single.add(term.lower())
    return frozenset(single), tuple(sorted(multi, key=len, reverse=True))


@lru_cache(maxsize=1)
def _loanwords() -> frozenset[str]:
    return frozenset(
        row["term"].lower()
        for row in read_table("german-allowed.tsv")
        if row.get("kind") == "loanword" and row.get("term")
    )


def loanword(word: str) -> bool:
    """``word`` is a German loanword of French text (german-allowed.tsv, kind
    loanword: Land, Länder, Ostpolitik), which a translator may keep or render."""
    return word.lower() in _loanwords()


def allowed_words(extra: Iterable[str] = ()) -> frozenset[str]:
    single, _ = _allowed_terms()
    extra = tuple(extra)
    return single | frozenset(extra) | frozenset(e.lower() for e in extra) if extra else single


@lru_cache(maxsize=1)
def _allowed_names_pattern() -> re.Pattern[str] | None:
    _, multi = _allowed_terms()
    if not multi:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in multi) + r")(?!\w)")


_UPPER_WORD = r"[A-ZÄÖÜ][\w'’-]*"
#: the word before a club's founding year ("Hannover 96"), at most 64 characters:
#: every capital after a hyphen or an apostrophe may start one, so unbounded, a
#: run of capitalised pieces ("Jean-Jean-…", 100 kB) was scanned to its end from
#: each of them (quadratic: 18 s at 50,000 characters)
_NAME_BEFORE_YEAR = r"[A-ZÄÖÜ][\w'’-]{0,63}"


@lru_cache(maxsize=1)
def _club_pattern() -> re.Pattern[str] | None:
    prefixes = sorted(
        (row["prefix"] for row in read_table("club-prefixes.tsv") if row.get("prefix")),
        key=len,
        reverse=True,
    )
    founded = rf"{_NAME_BEFORE_YEAR}\s(?:0\d|[1-9]\d)(?![\d.,:%])(?!\s*(?:%|h\b|km|ans?\b|heures))"
    if not prefixes:
        return re.compile(rf"(?<!\w){founded}")
    opener = "|".join(re.escape(p) for p in prefixes)
    return re.compile(
        rf"(?<!\w)(?:(?:[12]\.\s)?(?:{opener})(?:\s(?:{opener}))?\s{_UPPER_WORD}|{founded})"
    )


def allowed_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of multi-word German names that stay German in French
    ("Frankfurter Allgemeine Zeitung"), and sports clubs ("SC Freiburg",
    "Hannover 96"; corpora/lexicon/club-prefixes.tsv)."""
    pattern = _allowed_names_pattern()
    spans = [m.span() for m in pattern.finditer(text)] if pattern else []
    clubs = _club_pattern()
    if clubs is not None:
        spans.extend(m.span() for m in clubs.finditer(text))
    return sorted(set(spans))


@lru_cache(maxsize=1 << 14)
def french_for(word: str) -> str | None:
    """A French rendering of a German word: the exonym table first, then the
    first gloss of the FreeDict deu-fra entry of the word or of its stem (a
    German plural gets a French plural: "Quellen" → "sources")."""
    name = exonym(word) or label(word)
    if name:
        return name
    dictionary = freedict.load("freedict-deu-fra")
    if dictionary is None:
        return None
    stems = wordstats.stems(word, "de")
    # a capitalised word is a noun: its noun stems first ("Quellen" → "Quelle", not "quellen")
    candidates = [word, *sorted(stems, key=lambda s: not s[:1].isupper())]
    if word.endswith("en") or word.endswith("er"):
        candidates.append(word[:-1])  # plural stem when hunspell is missing
    for candidate in candidates:
        for entry in dictionary.lookup(candidate):
            if entry.glosses:
                gloss = entry.glosses[0]
                plural = candidate != word and word.endswith(("en", "n", "er", "e"))
                if plural and " " not in gloss and not gloss.endswith(("s", "x", "z")):
                    gloss += "s"
                return gloss
    return None


@lru_cache(maxsize=1 << 14)
def french_glosses(word: str) -> frozenset[str]:
    """Every one-word French gloss, lower-cased, of the FreeDict deu-fra
    entries of a German word and of its stems ("ersichtlichen" → clair,
    visible); empty without the dictionary."""
    dictionary = freedict.load("freedict-deu-fra")
    if dictionary is None:
        return frozenset()
    return frozenset(
        gloss.lower()
        for candidate in (word, *wordstats.stems(word, "de"))
        for entry in dictionary.lookup(candidate)
        for gloss in entry.glosses
        if " " not in gloss
    )


def has_translation(word: str) -> bool | None:
    """Whether the German–French dictionary translates ``word`` (or its stem)
    into something else than itself — a common word, not a name.
    None when the dictionary is not installed."""
    dictionary = freedict.load("freedict-deu-fra")
    if dictionary is None:
        return None
    for candidate in (word, *wordstats.stems(word, "de")):
        for entry in dictionary.lookup(candidate):
            if any(g.lower() != word.lower() for g in entry.glosses):
                return True
    return False


@lru_cache(maxsize=1 << 14)
def german_compound(word: str) -> bool:
    """``word`` splits into two German dictionary words ("Symbolbild" =
    Symbol + Bild, "Gasleitung" = Gas + Leitung), with an optional linking s.
    With the German–French dictionary installed, both parts must also be
    common words it translates: "Lahnstein" (Lahn, a river) is a name."""
    if len(word) < 8:
        return False
    for i in range(3, len(word) - 3):
        head, tail = word[:i], word[i:].capitalize()
        if not wordstats.known(tail, "de"):
            continue
        if not wordstats.known(head, "de"):
            if not (head.endswith("s") and wordstats.known(head[:-1], "de")):
                continue
            head = head[:-1]
        if has_translation(head) is not False and has_translation(tail) is not False:
            return True
    return False


#: kinds of names in german-allowed.tsv that French text never translates
UNTRANSLATED_KINDS = ("media", "company")


@lru_cache(maxsize=1)
def _untranslated_names() -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    names = sorted(
        (
            row["term"]
            for row in read_table("german-allowed.tsv")
            if row.get("term") and row.get("kind") in UNTRANSLATED_KINDS
        ),
        key=len,
        reverse=True,
    )
    if not names:
        return (), None
    # German inflects them: "der Süddeutschen Zeitung", "Volkswagens"
    alternatives = "|".join(re.escape(n) for n in names)
    pattern = re.compile(r"(?<!\w)(?P<name>" + alternatives + r")(?:e|en|er|es|n|r|s)?(?!\w)")
    return tuple(names), pattern


def untranslated_names(text: str) -> list[str]:
    """Newspaper, broadcaster and company names in ``text`` ("Süddeutsche
    Zeitung", "Volkswagen"), as listed in german-allowed.tsv; matched as
    written, so that a capitalised name is not found inside a common word."""
    _, pattern = _untranslated_names()
    return list(dict.fromkeys(m.group("name") for m in pattern.finditer(text))) if pattern else []
