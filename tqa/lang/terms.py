"""Matching a glossary term in its inflected forms: German terms in the source
(*Werkvertrag* → *Werkverträge*, *Werkverträgen*, *des Gipfels*) and their
French renderings in the target (*contrat de travail* → *contrats de
travail*, *sommet européen* → *sommets européens*).

A term is a sequence of words; it matches a run of consecutive tokens whose
words match one by one. Two words match when they are equal (ignoring case),
when the token is the term plus a regular ending, when the term is one of
the token's hunspell stems (*Verträge* → *Vertrag*, *européennes* →
*européen*; a derived word such as *Versorgung* for *versorgen* is not an
inflection and does not match) or, for a German
compound, when the token starts with the term's first elements and its last
element is an inflection of the term's (*Werk|verträge* ~ *Werk|vertrag*).
A German term written with a capital (a noun) matches only tokens written
with one. Without the hunspell dictionaries only the first two apply.

The work is linear in the tokens of a text for a glossary of any size: terms
are looked up by the first three letters (umlauts folded) of their first
word, which no German or French inflection changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: regular German inflection endings (Gipfel → Gipfels, Kooperation → Kooperationen)
GERMAN_ENDINGS = ("e", "en", "n", "s", "es", "er", "ern", "ns")
#: regular French plural and feminine endings (sommet → sommets, européen → européenne)
FRENCH_ENDINGS = ("s", "x", "e", "es")
#: elided articles and prepositions written as in the glossary (d'entreprise ~ de entreprise)
ELIDED = {"d": "de", "l": "le", "qu": "que", "j": "je", "n": "ne", "s": "se", "c": "ce"}
#: the shortest head of a German compound that is matched on its own
MIN_HEAD = 4
#: the letters a term is indexed by
PREFIX = 3


@dataclass(frozen=True)
class Match:
    """Tokens ``[start, end)`` of the text's token sequence."""

    start: int
    end: int


def fold(word: str) -> str:
    """Lower case without accents: the key of a word's first letters."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


def straight_apostrophes(text: str) -> str:
    """``text`` with typographic apostrophes (’) written straight ('), as
    tqa's tables write them."""
    return text.replace("’", "'")


def _lower(word: str) -> str:
    return straight_apostrophes(word.lower())


@lru_cache(maxsize=1 << 16)
def _stems(word: str, lang: str) -> frozenset[str]:
    from tqa.backends import words

    return frozenset(s.lower() for s in words.stems(word, lang)) | {word.lower()}


def _with_ending(token: str, term: str, endings: Sequence[str]) -> bool:
    return token.startswith(term) and token[len(term) :] in endings


@lru_cache(maxsize=1 << 16)
def word_matches(term: str, token: str, lang: str) -> bool:
    """Whether ``token`` is an inflected form of the glossary word ``term``."""
    t, w = _lower(term), _lower(token)
    if lang == "fr":
        t, w = ELIDED.get(t, t), ELIDED.get(w, w)
    if t == w:
        return True
    if len(t) < 3 or len(w) < 3:
        return False
    if lang == "de" and term[:1].isupper() and not token[:1].isupper():
        return False  # a German noun is written with a capital
    if _with_ending(w, t, GERMAN_ENDINGS if lang == "de" else FRENCH_ENDINGS):
        return True
    if t in _stems(token, lang):
        return True
    return lang == "de" and _compound_matches(term, token)


def _compound_matches(term: str, token: str) -> bool:
    """*Werkvertrag* ~ *Werkverträgen*: the same first elements, and last
    elements that match as words of their own."""
    from tqa.backends import words

    t, w = term.lower(), token.lower()
    for cut in range(3, len(t) - MIN_HEAD + 1):
        if not w.startswith(t[:cut]) or len(w) - cut < 3:
            continue
        head, tail = t[cut:].capitalize(), w[cut:].capitalize()
        if words.known(head, "de") and head.lower() in _stems(tail, "de"):
            return True
    return False


class TermIndex:
    """Terms (each a sequence of words) looked up in a token sequence."""

    def __init__(self, terms: Iterable[Sequence[str]], lang: str) -> None:
        self.lang = lang
        self._by_prefix: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for number, words in enumerate(terms):
            words = tuple(words)
            if words:
                self._by_prefix.setdefault(self._key(words[0]), []).append((number, words))

    def _key(self, word: str) -> str:
        lowered = _lower(word)
        if self.lang == "fr":
            lowered = ELIDED.get(lowered, lowered)
        return fold(lowered)[:PREFIX]

    def find(self, tokens: Sequence[str]) -> dict[int, Match]:
        """The first match of every term found in ``tokens``, by term number."""
        found: dict[int, Match] = {}
        for i, token in enumerate(tokens):
            for number, words in self._by_prefix.get(self._key(token), ()):
                if number in found or i + len(words) > len(tokens):
                    continue
                if all(word_matches(w, tokens[i + k], self.lang) for k, w in enumerate(words)):
                    found[number] = Match(i, i + len(words))
        return found
