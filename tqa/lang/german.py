"""German word forms that several checks share: the linking elements of
compounds, umlaut folding, and whether a German word occurs in a source text
as such, inflected or as the head of a longer compound."""

from __future__ import annotations

import re

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
