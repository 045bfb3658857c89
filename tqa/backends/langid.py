"""Segment-level language identification behind one small interface.

``lingua`` (default) and ``langdetect`` both answer with a probability per
candidate language. langdetect is seeded so that its answers are repeatable.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol


class Identifier(Protocol):
    def confidences(self, text: str) -> dict[str, float]:
        """Probability per ISO 639-1 code for ``text`` (may be empty)."""


class LinguaIdentifier:
    def __init__(self, languages: Sequence[str]) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        langs = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages
        ]
        self._detector = (
            LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()
        )

    def confidences(self, text: str) -> dict[str, float]:
        return {
            value.language.iso_code_639_1.name.lower(): value.value
            for value in self._detector.compute_language_confidence_values(text)
        }


class LangdetectIdentifier:
    def __init__(self, languages: Sequence[str]) -> None:
        from langdetect import DetectorFactory

        DetectorFactory.seed = 0  # unseeded, langdetect changes its answers between runs
        self._languages = tuple(languages)

    def confidences(self, text: str) -> dict[str, float]:
        from langdetect import detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        try:
            found = {p.lang: p.prob for p in detect_langs(text)}
        except LangDetectException:
            return {}
        kept = {lang: found.get(lang, 0.0) for lang in self._languages}
        total = sum(kept.values())
        return {lang: p / total for lang, p in kept.items()} if total else {}


@lru_cache(maxsize=4)
def get_identifier(backend: str, languages: tuple[str, ...]) -> Identifier:
    if backend == "langdetect":
        return LangdetectIdentifier(languages)
    return LinguaIdentifier(languages)
