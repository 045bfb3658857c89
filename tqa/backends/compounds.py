"""German compounds and French multi-word renderings, from both FreeDict dictionaries.

German writes a compound where French writes a phrase: Kraftwerk is *centrale
électrique*, Schienennetz *réseau ferroviaire*. Machine translation that
renders a compound part by part produces *usine de force* (Kraft + Werk) or
*filet ferroviaire* (Netz in its other sense). This module gives the two
look-ups the round trip needs:

``compounds(modifiers, heads)``
    German dictionary words built from a modifier and a head (with the
    usual linking elements: Kranken·haus, Präsidentschafts·wahl) and their
    French renderings.
``phrases(word)``
    French multi-word renderings that contain ``word`` (normalised), with the
    German word they translate.
``attested(a, b)``
    Whether some French multi-word rendering in either dictionary contains
    both words: the combination is known French and must not be questioned.

The tables are built from deu-fra (headword → glosses) and fra-deu (French
headword → German glosses, inverted): 1–3 s the first time, then looked up
word by word in the user's cache directory (tqa.backends.index).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from tqa.backends import freedict
from tqa.backends import words as wordstats
from tqa.lang.german import LINKING_ELEMENTS

log = logging.getLogger(__name__)

#: French words that carry no content in a rendering ("couverture en laine")
FUNCTION_WORDS = frozenset(
    "de du des d la le les l en à au aux un une et pour sur sous par avec".split()
)
_SPLIT = re.compile(r"[\s'’\-]+")
MAX_PHRASE_WORDS = 5


@dataclass(frozen=True)
class Phrase:
    """A French multi-word rendering of a German word."""

    french: str
    german: str
    words: tuple[str, ...]
    """Its content words, normalised."""


@dataclass(frozen=True)
class Compound:
    """A German dictionary compound and its French renderings."""

    german: str
    modifier: str
    head: str
    french: tuple[str, ...]


@lru_cache(maxsize=1 << 16)
def norm(word: str) -> str:
    """A French word reduced to its hunspell stem (présidentielle → présidentiel)."""
    low = word.lower()
    found = wordstats.stems(low, "fr")
    return found[0].lower() if found else low


def content_words(phrase: str) -> list[str]:
    return [w for w in _SPLIT.split(phrase.lower()) if w and w not in FUNCTION_WORDS]


@dataclass
class _Tables:
    french_for: Mapping[str, tuple[str, ...]]
    phrases: Mapping[str, tuple[Phrase, ...]]
    pairs: Mapping[str, bool]
    """``pair_key(a, b)`` of every two words met in one rendering."""


def pair_key(a: str, b: str) -> str:
    return f"{a}\t{b}" if a <= b else f"{b}\t{a}"


def _renderings() -> Iterable[tuple[str, str]]:
    """(German word, French rendering) from both dictionaries."""
    deu = freedict.load("freedict-deu-fra")
    if deu is not None:
        for _, headword, senses in deu.all_glosses():
            for gloss in freedict.glosses_of(senses):
                yield headword, gloss
    fra = freedict.load("freedict-fra-deu")
    if fra is not None:
        for _, headword, senses in fra.all_glosses():
            for gloss in freedict.glosses_of(senses):
                if gloss[:1].isalpha() and " " not in gloss:
                    yield gloss, headword


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Built once (1–3 s), then looked up word by word in the user's cache
    directory (tqa.backends.index): loaded whole, they took 0.7–1.2 s."""
    from tqa.backends import index, resources

    deu, fra = freedict.load("freedict-deu-fra"), freedict.load("freedict-fra-deu")
    if deu is None and fra is None:
        return _Tables({}, {}, {})
    hunspell = resources.hunspell_paths("fr")
    # every file the tables are built from (tqa.backends.cache keys them by content)
    sources = (
        *(deu.files if deu else (None, None)),
        *(fra.files if fra else (None, None)),
        *(hunspell if hunspell else (None, None)),
    )
    tables = index.indexed(
        "compound-index",
        1,
        sources,
        lambda: vars(_build()),
        {"french_for": tuple[str, ...], "phrases": tuple[Phrase, ...], "pairs": bool},
    )
    return _Tables(tables["french_for"], tables["phrases"], tables["pairs"])


def _build() -> _Tables:
    french_for: dict[str, dict[str, None]] = defaultdict(dict)
    phrases: dict[str, dict[Phrase, None]] = defaultdict(dict)
    pairs: set[str] = set()
    for german, french in _renderings():
        french = french.strip()
        if not french or len(french.split()) > MAX_PHRASE_WORDS:
            continue
        french_for[german.lower()].setdefault(french, None)
        words = content_words(french)
        if not 2 <= len(words) <= 3:
            continue
        normal = tuple(norm(w) for w in words)
        phrase = Phrase(french, german, normal)
        # in order, not through a set: the table's bytes do not depend on the hash seed
        for word in dict.fromkeys(normal):
            phrases[word].setdefault(phrase, None)
        for i, a in enumerate(normal):
            for b in normal[i + 1 :]:
                pairs.add(pair_key(a, b))
    log.debug("compound tables: %d German words, %d phrase words", len(french_for), len(phrases))
    return _Tables(
        {k: tuple(v) for k, v in french_for.items()},
        {k: tuple(v) for k, v in phrases.items()},
        dict.fromkeys(sorted(pairs), True),
    )


def available() -> bool:
    return bool(_tables().french_for)


def attested(a: str, b: str) -> bool:
    """Both words occur in one French multi-word rendering of either dictionary."""
    return pair_key(norm(a), norm(b)) in _tables().pairs


@lru_cache(maxsize=1 << 12)
def phrases(word: str) -> tuple[Phrase, ...]:
    """The dictionary phrases ``word`` occurs in (decoded once per word: a
    common word's list is long)."""
    return _tables().phrases.get(norm(word), ())


def _modifier_forms(modifier: str) -> set[str]:
    """The forms a word takes as a compound's first part."""
    low = modifier.lower()
    forms = {low}
    if low.endswith("e"):  # Schule → Schul·leiter
        forms.add(low[:-1])
    if low.endswith(("eln", "ern")):  # Wandern → Wander·weg
        forms.add(low[:-1])
    elif low.endswith("en") and len(low) > 4:  # Schwimmen → Schwimm·bad (a verb's stem)
        forms.add(low[:-2])
    return forms


def compounds(modifiers: Iterable[str], heads: Iterable[str]) -> list[Compound]:
    """Dictionary compounds modifier+link+head, for every pair of candidates."""
    return list(_compounds(tuple(modifiers), tuple(heads)))


@lru_cache(maxsize=1 << 12)
def _compounds(modifiers: tuple[str, ...], heads: tuple[str, ...]) -> tuple[Compound, ...]:
    """compounds() of the same candidates, found once: the candidates are a
    word's German pivots, and every form of each modifier with each linking
    element and each head is a look-up in the dictionary (about 200 per
    word pair)."""
    global _lookups

    table = _tables().french_for
    known = _candidates_known()
    found: dict[str, Compound] = {}
    head_list = [h for h in heads if h[:1].isupper() and h.isalpha()]
    for modifier in modifiers:
        if not modifier.isalpha():
            continue
        for form in _modifier_forms(modifier):
            for head in head_list:
                for link in LINKING_ELEMENTS:
                    german = form + link + head.lower()
                    if known is not None and german not in known:
                        continue
                    _lookups += 1
                    french = table.get(german)
                    if french and german not in found and german != head.lower():
                        found[german] = Compound(german.capitalize(), modifier, head, french)
    return tuple(found.values())


#: look-ups of candidate compounds on disk before the compounds' names are
#: read into a set (about 40 ms for 70,000 names), which answers most
#: look-ups (almost all of them misses) at once: a batch makes hundreds of
#: thousands, the sample article a few thousand
KEYS_AFTER = 20_000
_lookups = 0


@lru_cache(maxsize=1)
def _german_keys() -> frozenset[str]:
    return frozenset(_tables().french_for)


def _candidates_known() -> frozenset[str] | None:
    """The German compounds of the table, once enough look-ups were made."""
    return _german_keys() if _lookups >= KEYS_AFTER else None


#: a word-for-word rendering uses a common rendering of each German part
MAX_RENDERING_RANK = 3


@lru_cache(maxsize=1 << 16)
def rank(german: str, french: str) -> int:
    """How early ``french`` comes among the renderings of ``german``: its
    position among the deu-fra glosses of ``german``, or of ``german`` among
    the fra-deu glosses of ``french``, whichever is better (1 = first; a
    large number when neither dictionary pairs them directly)."""
    best = 1 << 10
    target = norm(french)
    deu = freedict.load("freedict-deu-fra")
    if deu is not None:
        glosses = [g for e in deu.lookup(german) for g in e.glosses]
        for i, gloss in enumerate(glosses, 1):
            if gloss.lower() == french.lower() or norm(gloss) == target:
                best = min(best, i)
                break
    fra = freedict.load("freedict-fra-deu")
    if fra is not None:
        glosses = [g for e in fra.lookup(french) for g in e.glosses]
        for i, gloss in enumerate(glosses, 1):
            if gloss.lower() == german.lower():
                best = min(best, i)
                break
    return best


def common_rendering(german: str, french: str) -> bool:
    return rank(german, french) <= MAX_RENDERING_RANK
