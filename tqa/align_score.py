"""Bead scorers for the sentence aligner (:mod:`tqa.align`).

A scorer turns two lists of sentences into a :class:`PairScorer` that the
dynamic programme asks for the similarity of candidate beads. The interface is
deliberately small so that a neural scorer (sentence embeddings of the
concatenated spans, as in vecalign/Bertalign) can be dropped in later.

The default :class:`LexicalScorer` maps every word of both sides into one key
space ("French-ish" five-letter prefixes, accents stripped): a French word is
its own key, a German word contributes its own key (cognates, names, German
text on the French side) plus the keys of its FreeDict translations, with
compounds split into known parts. Numbers and sentence punctuation are keys
too. Words are weighted by inverse document frequency on their own side, so
function words count little without a stop-word list.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from tqa.lang.german import LINKING_ELEMENTS

log = logging.getLogger(__name__)

_WORD = re.compile(r"\d+|[^\W\d_]+|[?!:;()\"«»„“”]")
_GERMAN_SUFFIXES = ("en", "em", "er", "es", "e", "n", "s")
#: try the longest linking element first; no element last
_LINKS_LONGEST_FIRST = sorted(LINKING_ELEMENTS, key=len, reverse=True)
_PREFIX = 5  # prefix length of a key: long enough to be specific, short enough to ignore endings
_MIN_WORD = 4  # shorter words are mostly function words, whose translations match everywhere
_IDF_MIN_DOCS = 50
NUMBER_WEIGHT = 2.0


class PairScorer(Protocol):
    """Similarity of candidate beads between one fixed pair of documents."""

    def anchors(self) -> Sequence[tuple[int, int, float]]:
        """Confident (source sentence, target sentence, weight) pairs, in any order."""
        ...

    def restrict(self, lo: np.ndarray, hi: np.ndarray, max_bead: int) -> None:
        """Announce the band: the DP will only ask about beads of at most ``max_bead``
        sentences a side ending in row ``i`` (``i`` source sentences consumed) at
        target positions ``lo[i]..hi[i]``."""
        ...

    def similarity(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        """Similarity in 0..1 of source span ``[src_start, src_start+src_len)`` with
        each target span ``[e - tgt_len, e)`` for ``e`` in ``tgt_ends``."""
        ...


class BeadScorer(Protocol):
    @property
    def description(self) -> str: ...

    def prepare(self, source: Sequence[str], target: Sequence[str]) -> PairScorer: ...


def normalise(word: str) -> str:
    """Lowercase, ß→ss, accents and umlauts stripped (cognates: Expedition/expédition)."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(word: str) -> str:
    return normalise(word)[:_PREFIX]


def _tokens(text: str) -> list[str]:
    return [t for t in _WORD.findall(text) if t[0].isdigit() or len(t) >= _MIN_WORD or len(t) == 1]


def _token_key(token: str) -> str:
    # Digits compare exactly; punctuation is its own key.
    return token if not token[0].isalpha() else key(token)


class Lexicon:
    """German word → French keys, from FreeDict deu-fra plus inverted fra-deu."""

    def __init__(self, deu_fra: object | None, fra_deu: object | None) -> None:
        self._deu_fra = deu_fra
        self._inverse: dict[str, set[str]] = _cached_inverse(fra_deu) if fra_deu is not None else {}
        self.available = deu_fra is not None or fra_deu is not None

    def _direct(self, word: str) -> frozenset[str]:
        keys: set[str] = set(self._inverse.get(word, ()))
        if self._deu_fra is not None:
            for entry in self._deu_fra.lookup(word):  # type: ignore[attr-defined]
                keys |= _gloss_keys(entry.glosses)
        return frozenset(keys)

    def _inflected(self, word: str) -> frozenset[str]:
        keys = self._direct(word)
        if keys:
            return keys
        for suffix in _GERMAN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                keys = self._direct(word[: -len(suffix)])
                if keys:
                    return keys
        return frozenset()

    @lru_cache(maxsize=1 << 17)  # noqa: B019 - one Lexicon per process, cached on purpose
    def translate(self, word: str) -> frozenset[str]:
        """French keys for a German word; compounds fall back to their known parts."""
        word = word.lower()
        keys = self._inflected(word)
        if keys or len(word) < 8:
            return keys
        # German compounds: the longest known tail is the head of the compound.
        for cut in range(3, len(word) - 3):
            tail = self._inflected(word[cut:])
            if not tail:
                continue
            head = word[:cut]
            for link in _LINKS_LONGEST_FIRST:
                if head.endswith(link) and len(head) - len(link) >= 3:
                    found = self._inflected(head[: len(head) - len(link)] if link else head)
                    if found:
                        return tail | found
            return tail
        return frozenset()


def _invert(fra_deu: object) -> dict[str, set[str]]:
    inverse: dict[str, set[str]] = {}
    for french in fra_deu.headwords():  # type: ignore[attr-defined]
        french_keys = _gloss_keys((french,))
        if not french_keys:
            continue
        for entry in fra_deu.lookup(french):  # type: ignore[attr-defined]
            for gloss in entry.glosses:
                german = gloss.lower()
                if " " not in german:
                    inverse.setdefault(german, set()).update(french_keys)
    return inverse


def _cached_inverse(fra_deu: object) -> dict[str, set[str]]:
    """Inverting fra-deu parses 40k entries (about 2 s); the result is kept in
    the user's cache directory (tqa.backends.cache), keyed by the dictionary
    file's size and date."""
    from tqa.backends import cache

    source = getattr(fra_deu, "path", None)
    if source is None:
        return _invert(fra_deu)
    return cache.cached("fra-deu-inverse", 1, (source,), lambda: _invert(fra_deu))


def _gloss_keys(glosses: Sequence[str]) -> set[str]:
    return {key(w) for g in glosses for w in _WORD.findall(g) if len(w) >= _MIN_WORD}


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    from tqa.backends import freedict

    return Lexicon(freedict.load("freedict-deu-fra"), freedict.load("freedict-fra-deu"))


class LexicalScorer:
    """Weighted overlap of dictionary/cognate/number keys (see the module docstring)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon | None:
        if self._lexicon is None:
            self._lexicon = default_lexicon()
        return self._lexicon if self._lexicon.available else None

    @property
    def description(self) -> str:
        if self.lexicon is None:
            return "lexical (numbers, punctuation, cognates; FreeDict de-fr not installed)"
        return "lexical (numbers, punctuation, cognates, FreeDict deu-fra + inverted fra-deu)"

    def prepare(self, source: Sequence[str], target: Sequence[str]) -> LexicalPair:
        return LexicalPair(source, target, self.lexicon)


def _idf(tokens: list[list[str]]) -> dict[str, float]:
    df = Counter(t for sent in tokens for t in set(sent))
    n = max(len(tokens), _IDF_MIN_DOCS)
    # Numbers survive translation unchanged and are rarely ambiguous: count them more.
    return {
        t: math.log(1.0 + n / c) * (NUMBER_WEIGHT if t[0].isdigit() else 1.0) for t, c in df.items()
    }


class LexicalPair:
    """Per-sentence key sets computed once; bead similarity from banded pair sums."""

    def __init__(self, source: Sequence[str], target: Sequence[str], lexicon: Lexicon | None):
        src_tokens = [[_token_key(t) for t in _tokens(s)] for s in source]
        tgt_tokens = [[_token_key(t) for t in _tokens(s)] for s in target]
        src_raw = [[t.lower() for t in _tokens(s)] for s in source]
        src_idf, tgt_idf = _idf(src_tokens), _idf(tgt_tokens)
        # Source token: (its keys, weight); keys = own key ∪ dictionary translations.
        self._src: list[list[tuple[frozenset[str], float]]] = []
        for keys, raws in zip(src_tokens, src_raw, strict=True):
            sent = []
            for k, raw in zip(keys, raws, strict=True):
                own = frozenset((k,))
                if lexicon is not None and raw[0].isalpha() and len(raw) >= _MIN_WORD:
                    own = own | lexicon.translate(raw)
                sent.append((own, src_idf[k]))
            self._src.append(sent)
        self._tgt = [[(k, tgt_idf[k]) for k in sent] for sent in tgt_tokens]
        self._src_keys = [frozenset().union(*(ks for ks, _ in s)) for s in self._src]
        self._tgt_keys = [frozenset(k for k, _ in s) for s in self._tgt]
        self._src_w = np.concatenate(([0.0], np.cumsum([sum(w for _, w in s) for s in self._src])))
        self._tgt_w = np.concatenate(([0.0], np.cumsum([sum(w for _, w in s) for s in self._tgt])))
        self._rows: list[tuple[int, np.ndarray, np.ndarray]] = []

    def anchors(self) -> list[tuple[int, int, float]]:
        # Keys rare on both sides (names, numbers, rare terms) pin sentences together.
        src_post: dict[str, list[int]] = {}
        tgt_post: dict[str, list[int]] = {}
        for i, keys in enumerate(self._src_keys):
            for k in keys:
                src_post.setdefault(k, []).append(i)
        for j, keys in enumerate(self._tgt_keys):
            for k in keys:
                tgt_post.setdefault(k, []).append(j)
        points: Counter[tuple[int, int]] = Counter()
        for k, js in tgt_post.items():
            ins = src_post.get(k)
            if ins and len(ins) <= 2 and len(js) <= 2 and (len(k) >= _PREFIX or k[0].isdigit()):
                for i in ins:
                    for j in js:
                        points[(i, j)] += 1
        return [(i, j, float(c)) for (i, j), c in points.items()]

    def _pair(self, i: int, j: int) -> tuple[float, float]:
        tgt_keys, src_keys = self._tgt_keys[j], self._src_keys[i]
        ms = sum(w for ks, w in self._src[i] if not ks.isdisjoint(tgt_keys))
        mt = sum(w for k, w in self._tgt[j] if k in src_keys)
        return ms, mt

    def restrict(self, lo: np.ndarray, hi: np.ndarray, max_bead: int) -> None:
        n_src, n_tgt, max_b = len(self._src), len(self._tgt), max_bead
        self._rows = []
        for r in range(n_src):
            # Source sentence r appears in beads ending in rows r+1.. with target ends lo..hi.
            start = max(0, int(lo[r + 1]) - max_b)
            end = min(n_tgt, int(hi[min(n_src, r + max_b)]))
            pairs = [self._pair(r, j) for j in range(start, end)]
            ms = np.zeros(len(pairs) + 1)
            mt = np.zeros(len(pairs) + 1)
            if pairs:
                arr = np.asarray(pairs)
                ms[1:] = np.cumsum(arr[:, 0])
                mt[1:] = np.cumsum(arr[:, 1])
            self._rows.append((start, ms, mt))

    def similarity(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        ms = np.zeros(len(tgt_ends))
        mt = np.zeros(len(tgt_ends))
        for r in range(src_start, src_start + src_len):
            start, pms, pmt = self._rows[r]
            n = len(pms) - 1
            hi = np.clip(tgt_ends - start, 0, n)
            lo = np.clip(tgt_ends - tgt_len - start, 0, n)
            ms += pms[hi] - pms[lo]
            mt += pmt[hi] - pmt[lo]
        ws = self._src_w[src_start + src_len] - self._src_w[src_start]
        wt = self._tgt_w[tgt_ends] - self._tgt_w[tgt_ends - tgt_len]
        # Summing pair overlaps counts a word matched in two sentences twice: cap it.
        num = np.minimum(ms, ws) + np.minimum(mt, wt)
        return num / (ws + wt + 1e-9)
