"""Word-level evidence for both languages: wordfreq frequencies (always) and
hunspell dictionaries (when Debian's hunspell-fr/-de-de and the binding are
installed). Lookups are cached: articles repeat their words."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from tqa.backends import resources

log = logging.getLogger(__name__)

#: longer "words" are not looked up: hunspell stops at 100 characters and
#: wordfreq knows none, and a lookup of a 100,000-letter run of hostile text
#: would only encode and cache it (the callers' own loops over its letters
#: were quadratic); known() answers None ("cannot tell") for them
MAX_WORD = 100


@lru_cache(maxsize=1 << 18)
def zipf(word: str, lang: str) -> float:
    if len(word) > MAX_WORD:
        return 0.0
    from tqa.backends import frequencies

    return frequencies.zipf(word, lang)


@lru_cache(maxsize=4)
def _hunspell(lang: str) -> Any | None:
    paths = resources.hunspell_paths(lang)
    if paths is None:
        return None
    try:
        import hunspell
    except ImportError:  # pragma: no cover - probe checks the module first
        return None
    return hunspell.HunSpell(*paths)


def has_dictionary(lang: str) -> bool:
    return _hunspell(lang) is not None


@lru_cache(maxsize=1 << 18)
def known(word: str, lang: str) -> bool | None:
    """Whether hunspell accepts ``word`` for ``lang``; None when no dictionary
    (or when the word is longer than MAX_WORD)."""
    if len(word) > MAX_WORD:
        return None
    speller = _hunspell(lang)
    if speller is None:
        return None
    try:
        return bool(speller.spell(word))
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=1 << 16)
def stems(word: str, lang: str) -> tuple[str, ...]:
    if len(word) > MAX_WORD:
        return ()
    speller = _hunspell(lang)
    if speller is None:
        return ()
    try:
        return tuple(
            s.decode("utf-8", "replace") if isinstance(s, bytes) else s for s in speller.stem(word)
        )
    except UnicodeEncodeError:
        return ()


@lru_cache(maxsize=1 << 16)
def analyze(word: str, lang: str) -> tuple[str, ...]:
    """hunspell morphological analyses ("st:concret po:adj is:fem is:pl")."""
    if len(word) > MAX_WORD:
        return ()
    speller = _hunspell(lang)
    if speller is None:
        return ()
    try:
        return tuple(
            a.decode("utf-8", "replace") if isinstance(a, bytes) else a
            for a in speller.analyze(word)
        )
    except UnicodeEncodeError:
        return ()


def is_noun(word: str, lang: str = "fr") -> bool:
    """hunspell knows ``word`` as a noun ("magasin", not "grand" alone); True
    when no dictionary is installed, so that callers stay permissive."""
    analyses = analyze(word, lang)
    return not analyses or any("po:nom" in a for a in analyses)
