"""Spelling suggestions from hunspell (Debian hunspell-fr), cached: a
misspelt word tends to recur in a document, and ``suggest`` is far slower
than a lookup (milliseconds, not microseconds)."""

from __future__ import annotations

from functools import lru_cache

from tqa.backends import words


@lru_cache(maxsize=1 << 12)
def suggest(word: str, lang: str) -> tuple[str, ...]:
    """hunspell's suggestions for ``word`` (best first); () without a dictionary."""
    speller = words._hunspell(lang)
    if speller is None:
        return ()
    try:
        found = speller.suggest(word)
    except UnicodeEncodeError:
        return ()
    return tuple(s.decode("utf-8", "replace") if isinstance(s, bytes) else s for s in found)


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
