"""German word forms that several checks share: the linking elements of
compounds, umlaut folding, whether a German word occurs in a source text as
such, inflected or as the head of a longer compound, and the base forms that
a dictionary lists for an inflected noun or a conjugated verb."""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Fugenelemente between a compound's parts: Kranke·n·haus, Präsidentschaft·s·wahl
LINKING_ELEMENTS = ("", "s", "es", "n", "en", "e", "er", "ens")
#: endings an inflected form adds after the word (Wolldecke·n, Kraftwerk·es)
MAX_ENDING = 3

_FOLD = str.maketrans("äöüÄÖÜ", "aouaou")
_WORD = re.compile(r"[^\W\d_]+")


def fold(word: str) -> str:
    """Lower case without umlauts, so that a plural matches (Züge ~ Zug)."""
    return word.lower().translate(_FOLD)


def words(text: str) -> frozenset[str]:
    """The folded words of a text."""
    return frozenset(fold(w) for w in _WORD.findall(text))


def mentions(source_words: frozenset[str], german: str) -> bool:
    """``german`` occurs among ``source_words`` (from ``words``) as such,
    inflected (Wolldecken, Achterbahnzüge) or as the head of a compound
    (Abschlusserklärung for Erklärung), not as a compound's first part."""
    stem = fold(german)
    for word in source_words:
        at = word.rfind(stem)
        if at >= 0 and len(word) - at - len(stem) <= MAX_ENDING:
            return True
    return False


#: endings of inflected nouns and adjectives, tried in this order (Kraftwerk·es, schön·en)
INFLECTION_SUFFIXES = ("en", "em", "er", "es", "e", "n", "s")
#: plural endings, with the umlaut undone (Länder, Blätter, Bäume, Bildern, Kindern)
PLURAL_SUFFIXES = ("ern", "er", "en", "e", "n", "")
_NO_UMLAUT = str.maketrans("äöü", "aou")
#: separable verb prefixes before the "ge" of a past participle (eingestellt, angepasst)
SEPARABLE_PREFIXES = (
    "zurück", "zusammen", "durch", "heraus", "herum", "nach", "fest", "frei", "vor",
    "auf", "aus", "ein", "mit", "weg", "los", "her", "hin", "dar", "ab", "an", "bei",
    "um", "zu",
)  # fmt: skip
_VERB_ENDINGS = ("test", "ten", "tet", "te", "st", "t", "e", "")


def base_forms(word: str) -> Iterator[str]:
    """Forms of a lower-case German word that a dictionary may list, most
    likely first: the word, the word without an inflection ending
    (Wolldecken → Wolldecke), a plural without its umlaut or its -ern
    (Länder → Land, Kindern → Kind; not wäre → Ware)."""
    yield word
    for suffix in INFLECTION_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            yield word[: -len(suffix)]
    for suffix in PLURAL_SUFFIXES:
        if not suffix and not word.endswith(("er", "el", "en")):
            continue  # Väter, Äpfel, Gärten; not wäre → Ware
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)]
            plain = stem.translate(_NO_UMLAUT)
            if plain != stem or suffix == "ern":
                yield plain


def infinitives(word: str) -> list[str]:
    """Candidate infinitives of a conjugated German verb, the form dictionaries
    list: bietet → bieten, teilte → teilen, finde → finden, gezeigt → zeigen,
    eingestellt → einstellen, verbessert → verbessern, gelesen → lesen."""
    stems = []
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems.append(word[: len(word) - len(ending)])
    out: list[str] = []
    for stem in stems:
        bases = [stem]
        if stem.startswith("ge") and len(stem) >= 5:
            bases.append(stem[2:])  # gezeig(t) → zeig
            if stem.endswith("en"):
                out.append(stem[2:])  # gelesen → lesen
        for prefix in SEPARABLE_PREFIXES:
            if stem.startswith(prefix + "ge") and len(stem) - len(prefix) >= 5:
                bases.append(prefix + stem[len(prefix) + 2 :])  # eingestell(t) → einstell
                break
        for base in bases:
            out += [base + "en", base + "n"]
    return out
