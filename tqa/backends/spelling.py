"""Spelling suggestions for a word that hunspell rejects, the same on every
run: the words of the dictionary within a change of accents, one edit or
one of the dictionary's own replacements of it, most frequent first.

hunspell's own ``suggest`` stops its searches after a time limit counted in
CPU time, so on a loaded machine it returns fewer or other suggestions for
the same word: over the 915 words of WMT22's MT outputs that hunspell-fr
rejects, 44 got different suggestions in three runs of the same process.
A report must not change from one run to the next (CI compares them, and
a Dask cluster must give the report of a local run byte for byte), and that
search also cost about 0.12 s of CPU per word.

The search here uses what the dictionary's affix file says about its own
language, the lines hunspell's suggestions read too (hunspell(5)):
``TRY`` (the letters an edit may use), ``MAP`` (letters that are variants of
each other: ``aàâä``) and ``REP`` (likely slips: ``f ph``, ``ai é``, ``^l l'``).
For Debian's hunspell-fr these come from Grammalecte's French dictionary
(MPL-2.0)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tqa.backends import resources, words

#: the most suggestions returned
LIMIT = 5
#: words longer than this get none: the candidates grow with the length,
#: and such a "word" is a compound, a name or debris, not a slip
MAX_LENGTH = 30
#: at most this many letters are given other accents (two at a time), so a
#: word with many vowels stays cheap
MAX_MAPPED = 8


@dataclass(frozen=True)
class Rules:
    """What an affix file says about likely slips, in lower case."""

    #: letters an edit may put in or in place of another (TRY)
    letters: str
    #: each letter's variants, itself included (MAP)
    variants: dict[str, str]
    #: likely slips: (pattern, replacement), ^ and $ anchoring the pattern (REP)
    replacements: tuple[tuple[str, str], ...]


_WS = re.compile(r"\s+")


def parse_rules(text: str) -> Rules:
    """The TRY, MAP and REP lines of an affix file. Upper-case letters are
    left out (words are searched in lower case), as are MAP groups of
    several letters in parentheses, which hunspell-fr and -de do not use."""
    letters = ""
    variants: dict[str, str] = {}
    replacements: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = _WS.split(line.strip())
        if len(fields) == 2 and fields[0] == "TRY":
            letters = "".join(dict.fromkeys(c for c in fields[1] if c.isalpha() and c == c.lower()))
        elif len(fields) == 2 and fields[0] == "MAP" and not fields[1].isdigit():
            group = "".join(dict.fromkeys(c for c in fields[1] if c.isalpha() and c == c.lower()))
            if "(" in fields[1] or len(group) < 2:
                continue
            for c in group:
                variants[c] = "".join(dict.fromkeys(variants.get(c, c) + group))
        elif len(fields) == 3 and fields[0] == "REP":
            pattern, replacement = fields[1], fields[2].replace("_", " ")
            if pattern.lower() == pattern and replacement.lower() == replacement:
                replacements.append((pattern, replacement))
    return Rules(letters, variants, tuple(replacements))


@lru_cache(maxsize=4)
def rules(lang: str) -> Rules | None:
    """The rules of ``lang``'s hunspell dictionary; None without one."""
    paths = resources.hunspell_paths(lang)
    if paths is None:
        return None
    with open(paths[1], encoding="utf-8", errors="replace") as aff:
        return parse_rules(aff.read())


def edits(word: str, letters: str) -> Iterator[str]:
    """Every string one edit away (deletion, swap of two neighbours,
    replacement, insertion: Damerau–Levenshtein), in a fixed order."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i, letter in enumerate(word):
        for other in letters:
            if other != letter:
                yield word[:i] + other + word[i + 1 :]
    for i in range(len(word) + 1):
        for other in letters if i in (0, len(word)) else letters + "'":  # "aujourdhui"
            yield word[:i] + other + word[i:]


def mapped(word: str, variants: dict[str, str], pairs: bool = True) -> Iterator[str]:
    """``word`` with one letter, or two with ``pairs``, put as one of its
    variants ("evenement" → "événement", "delay" → "délai")."""
    positions = [i for i, letter in enumerate(word) if letter in variants][:MAX_MAPPED]
    for n, i in enumerate(positions):
        for a in variants[word[i]]:
            if a == word[i]:
                continue
            once = word[:i] + a + word[i + 1 :]
            yield once
            if pairs:
                for j in positions[n + 1 :]:
                    for b in variants[word[j]]:
                        if b != word[j]:
                            yield once[:j] + b + once[j + 1 :]


def replaced(word: str, replacements: tuple[tuple[str, str], ...]) -> Iterator[str]:
    """``word`` with one of the likely slips made good, at each place it occurs."""
    for pattern, replacement in replacements:
        start, end = pattern.startswith("^"), pattern.endswith("$")
        core = pattern[int(start) : len(pattern) - int(end)]
        if not core:
            continue
        at = word.find(core)
        while at >= 0:
            if (not start or at == 0) and (not end or at + len(core) == len(word)):
                yield word[:at] + replacement + word[at + len(core) :]
            at = word.find(core, at + 1)


def _cased(candidate: str, word: str) -> str:
    """``candidate`` written with the case of ``word``."""
    if word.isupper() and len(word) > 1:
        return candidate.upper()
    if word[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


@lru_cache(maxsize=1 << 12)
def suggest(word: str, lang: str) -> tuple[str, ...]:
    """Up to LIMIT words of the ``lang`` dictionary close to ``word``, best
    first; () without a dictionary, for a long word, or when none is close.

    Closeness, in this order:
    0. other accents on one or two letters, or capitals ("australie", "sms");
    1. one edit, or one likely slip made good (REP);
    2. only when neither finds a word: other accents on one letter and a
       likely slip ("developement" → "développement"). Two edits of any
       kind would cost a thousand times as many lookups.
    Within each, the more frequent word (wordfreq) first, then alphabetical
    order, so the answer never depends on timing."""
    speller = words._hunspell(lang)
    found_rules = rules(lang)
    if speller is None or found_rules is None or not word or len(word) > MAX_LENGTH:
        return ()
    lower = word.lower()
    found: dict[str, int] = {}

    def collect(candidates: Iterator[str], closeness: int) -> None:
        seen: set[str] = set()
        for candidate in candidates:
            if candidate in seen or candidate == lower or not candidate.strip("-' "):
                continue
            seen.add(candidate)
            for form in dict.fromkeys((_cased(candidate, word), candidate)):
                try:
                    accepted = bool(speller.spell(form))
                except UnicodeEncodeError:
                    break
                if accepted:
                    if form != word and form not in found:
                        found[form] = closeness
                    break

    collect(mapped(lower, found_rules.variants), 0)
    if lower == word:  # "australie", "sms"
        collect(iter((lower[:1].upper() + lower[1:], lower.upper() if len(lower) <= 5 else "")), 0)
    collect(edits(lower, found_rules.letters), 1)
    collect(replaced(lower, found_rules.replacements), 1)
    if not found:
        for variant in mapped(lower, found_rules.variants, pairs=False):
            collect(replaced(variant, found_rules.replacements), 2)
    ranked = sorted(found, key=lambda w: (found[w], -words.zipf(w.lower(), lang), w))
    return tuple(ranked[:LIMIT])


@lru_cache(maxsize=1 << 16)
def stems(word: str, lang: str) -> frozenset[str]:
    """The stems of every analysis of ``word`` ("Allemagne" → {"Allemagne"},
    "Union" → {"union"}): a capitalised stem is a name in the dictionary."""
    return frozenset(
        item[3:]
        for analysis in words.analyze(word, lang)
        for item in analysis.split()
        if item.startswith("st:")
    )
