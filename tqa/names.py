"""Capitalised words that their context marks as names, not as German words
left in French text.

* joined to another capitalised word ("Thomas Müller", "Business Insider"),
  or a place name right after a preposition ("entre Simbach et Pfarrkirchen");
* after a first name ("Hubertus Heil", "Heiko Maas"; corpora/lexicon/first-names.tsv,
  from Faker's lists);
* after a title or a role ("M. Maas", "le chancelier Kurz") or the kind of an
  organisation ("le groupe Springer"; corpora/lexicon/name-titles.tsv);
* standing verbatim in the aligned German source as a name: after a first
  name or title there too, an adjective that only a name capitalises
  mid-sentence ("Kurz", "Heil"), or a word that English and French use about
  as much as German does (names travel between languages, words do not:
  "Springer", "Insider"; "Quellen" stays a German word).

Every pattern here looks back a bounded number of characters, so the cost
per word is constant whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tqa import lexicon
from tqa.backends import words as wordstats

#: a capitalised neighbour this frequent in the target language is a common word,
#: not part of a name ("La", "Selon"; "Business" in "Business Insider" is not)
NAME_NEIGHBOUR_MAX_ZIPF = 5.0
#: how far back a title or first name is looked for (characters)
REACH = 60
#: a word of the source is a common noun when the source language uses it this
#: much more than English and the target language do (Zipf difference)
COMMON_NOUN_LEAD = 1.5

_PREVIOUS_WORD = re.compile(r"(?<![\w'’-])([A-ZÀ-ÖØ-Þ][\w'’-]{0,40}+)\s{1,3}+$")
_SENTENCE_END = '.!?:;«»“”"„(\n'


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(
        row["name"] for row in lexicon.read_table("first-names.tsv") if row.get("name")
    )


@lru_cache(maxsize=4)
def _titles(lang: str) -> re.Pattern[str] | None:
    rows = [r for r in lexicon.read_table("name-titles.tsv") if r.get("lang") == lang]
    exact = sorted((r["title"] for r in rows if r.get("kind") == "abbreviation"), key=len)
    nouns = sorted(
        (r["title"] for r in rows if r.get("kind") in ("person", "organisation")), key=len
    )
    suffixes = sorted((r["title"] for r in rows if r.get("kind") == "suffix"), key=len)
    alternatives = []
    if exact:
        joined = "|".join(re.escape(t) for t in reversed(exact))
        alternatives.append(rf"(?<![\w.])(?:{joined})")
    if nouns:
        joined = "|".join(re.escape(t) for t in reversed(nouns))
        # "le groupe de presse Springer", "le ministre du Travail, Heil"
        complement = r"(?:\s(?:de\sla\s|de\sl['’]|de\s|d['’]|du\s|des\s)[\w'’-]{1,30}+)?+"
        alternatives.append(rf"(?i:(?<![\w-])(?:{joined})){complement}")
    if suffixes:
        joined = "|".join(re.escape(t) for t in reversed(suffixes))
        alternatives.append(rf"(?i:(?:{joined}))")
    if not alternatives:
        return None
    return re.compile(r"(?:" + "|".join(alternatives) + r")(?:\s{0,3}+,)?+\s{1,3}+$")


@lru_cache(maxsize=4)
def _places(lang: str) -> re.Pattern[str] | None:
    rows = lexicon.read_table("name-titles.tsv")
    terms = sorted(
        (r["title"] for r in rows if r.get("lang") == lang and r.get("kind") == "place"), key=len
    )
    if not terms:
        return None
    joined = "|".join(re.escape(t) for t in reversed(terms))
    after = r"(?:\s(?:de\sla|du|des|de)\s{1,3}+|\s(?:de\sl|d)['’]|\s{1,3}+)$"
    return re.compile(rf"(?i:(?<![\w-])(?:{joined})){after}")


def place_context(text: str, offset: int, lang: str) -> str | None:
    """The generic term of a geographic name before the capitalised word at
    ``offset`` ("la vallée de la Geisel", "le col du Griffon"), or None."""
    places = _places(lang)
    found = places.search(text, max(0, offset - REACH), offset) if places else None
    return f"a place name: after “{found.group(0).strip()}”" if found else None


def context(text: str, offset: int, lang: str) -> str | None:
    """Why the capitalised word at ``offset`` of ``text`` is a name, judged
    from the words right before it, or None."""
    lo = max(0, offset - REACH)
    titles = _titles(lang)
    found = titles.search(text, lo, offset) if titles else None
    if found:
        return f"a name: after “{found.group(0).strip(' ,')}”"
    previous = _PREVIOUS_WORD.search(text, lo, offset)
    if previous:
        name = previous.group(1)
        if name in first_names() or name.split("-")[0] in first_names():
            return f"a name: after the first name {name}"
    return None


def mid_sentence(text: str, offset: int) -> bool:
    """A word is inside a sentence when a word, not the end of a sentence or
    an opening quote, comes before it."""
    before = text[max(0, offset - REACH) : offset].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_END


def in_source(word: str, source: str, source_lang: str, target_lang: str) -> str | None:
    """Why ``word``, capitalised inside a target sentence, is a name given the
    aligned source text ``source`` where it stands verbatim, or None (absent,
    or a common noun of the source language left untranslated)."""
    if _RUN.fullmatch(word):
        occurrences = _runs(source).get(word, [])
    else:  # not a word of letters, digits and hyphens: searched
        pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
        occurrences = [m.start() for m in re.finditer(pattern, source)]
    if not occurrences:
        return None
    for at in occurrences:
        why = context(source, at, source_lang)
        if why:
            return why + " in the source"
    if lexicon.exonym(word) or lexicon.label(word):
        return None  # Kasachstan, Quellen: words with a usual French form
    inside = [at for at in occurrences if mid_sentence(source, at)]
    if not inside:
        return None
    stems = wordstats.stems(word, source_lang)
    if stems and all(s[:1].islower() for s in stems):
        return "a name: capitalised mid-sentence in the source, where only a name would be"
    lower = word.lower()
    lead = wordstats.zipf(lower, source_lang) - max(
        wordstats.zipf(lower, "en"), wordstats.zipf(lower, target_lang)
    )
    if lead < COMMON_NOUN_LEAD:
        return (
            f"a name: stands in the source and is used in English or French too (lead {lead:.1f})"
        )
    return None


_RUN = re.compile(r"[\w-]+")


@lru_cache(maxsize=4)
def _runs(source: str) -> dict[str, list[int]]:
    """Where each run of letters, digits and hyphens of ``source`` starts: the
    places where a word of them stands with no such character either side,
    found once per source text rather than once per word looked up."""
    runs: dict[str, list[int]] = {}
    for match in _RUN.finditer(source):
        runs.setdefault(match[0], []).append(match.start())
    return runs


#: how far back from a word its preposition is looked for (characters)
PREPOSITION_REACH = 40
_PLACE_PREPOSITION = re.compile(r"(?:\b(?:de|à|entre|et|vers|depuis|près de)\s+|\bd['’])$", re.I)


def place_after_preposition(word: str, offset: int, initial: bool, text: str) -> bool:
    """A capitalised word right after a preposition, with no article ("entre
    Simbach et Pfarrkirchen", "la police de Fürstenfeldbruck"), that the
    German–French dictionary cannot translate, even as an inflected form or a
    compound of two dictionary words, is a place name: German nouns left in
    French text come with a French article ("près de la Grenze")."""
    if (
        initial
        or not word[:1].isupper()
        or not _PLACE_PREPOSITION.search(text, max(0, offset - PREPOSITION_REACH), offset)
    ):
        return False
    if lexicon.has_translation(word) is not False:
        return False  # a dictionary word or its inflection (Wohnungen), or no dictionary
    return not lexicon.german_compound(word)  # Gasleitung = Gas + Leitung


def joined_to_name(
    tokens: Sequence[tuple[str, int, bool]], index: int, text: str, target: str
) -> bool:
    """A capitalised word joined by a space to another capitalised word that
    is not a frequent French word ("Thomas Müller", "Palast Orchester",
    "Business Insider"), or to an acronym ("Modelleisenbahner ME", the name
    of a magazine), is part of a name: German words left by a translation
    come with a French article, not in runs of capitalised words."""
    return _joined(tokens, index, text, target, (index - 1, index + 1))


def after_name(tokens: Sequence[tuple[str, int, bool]], index: int, text: str, target: str) -> bool:
    """A capitalised word joined to the name or acronym before it, as a place
    ends the name of a club, a company or a museum ("BRC Thüringen", "ING
    Deutschland", "Skyliners Frankfurt")."""
    return _joined(tokens, index, text, target, (index - 1,))


def _joined(
    tokens: Sequence[tuple[str, int, bool]],
    index: int,
    text: str,
    target: str,
    neighbours: tuple[int, ...],
) -> bool:
    word, offset, initial = tokens[index]
    if not word[:1].isupper():
        return False
    for neighbour in neighbours:
        if not 0 <= neighbour < len(tokens):
            continue
        other, other_offset, other_initial = tokens[neighbour]
        lo, hi = sorted((offset, other_offset))
        first_len = len(word) if lo == offset else len(other)
        gap = text[lo + first_len : hi]
        if gap.strip() or not gap or not other[:1].isupper() or other_initial:
            continue
        if not _acronym(other, word) and (
            wordstats.zipf(other.lower(), target) >= NAME_NEIGHBOUR_MAX_ZIPF
        ):
            continue  # "Le", "La", "Selon": a capitalised common word, not a name
        return True  # "Thomas Müller", "Business Insider", "Water Dam System"
    return False


def _acronym(other: str, word: str) -> bool:
    """``other`` is written in capitals, of two letters or more, beside a
    word that is not ("Modelleisenbahner ME"): an acronym,
    not the French word it spells ("me", "la"); in a heading written all in
    capitals every word is."""
    letters = [c for c in other if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not word.isupper()
