"""Segment-level language identification behind one small interface.

``lingua`` (default) and ``langdetect`` both answer with a probability per
candidate language. langdetect is seeded so that its answers are repeatable.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger(__name__)

_PRELOADING: list[threading.Thread] = []


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


_LOCK = threading.Lock()
_MADE: dict[tuple[str, tuple[str, ...]], Identifier] = {}


def get_identifier(backend: str, languages: tuple[str, ...]) -> Identifier:
    """The identifier, made once per process (waiting for ``preload`` when it
    is making it)."""
    key = (backend, languages)
    start = time.perf_counter()
    with _LOCK:
        waited = time.perf_counter() - start
        if waited > 0.01:
            log.debug("waited %.2f s for the language identifier", waited)
        found = _MADE.get(key)
        if found is None:
            if backend == "langdetect":
                found = LangdetectIdentifier(languages)
            else:
                found = LinguaIdentifier(languages)
            _MADE[key] = found
    return found


def preload(backend: str, languages: tuple[str, ...]) -> threading.Thread:
    """Make the identifier in a background thread; whoever needs it first
    waits for it. lingua reads its models (0.7–1 s of CPU) on threads of
    its own, in parallel on two cores, but its Python call holds the
    interpreter lock meanwhile (measured: Python code in another thread
    does not run until the build ends), so the build does not overlap the
    rest of the start; it takes 0.4 s of wall time with a second core free.
    A failure is left for that caller to meet and report."""

    def make() -> None:
        try:
            get_identifier(backend, languages)
        except Exception as exc:  # noqa: BLE001 - the caller will raise it again
            log.debug("language identifier not preloaded: %s", exc)

    # not a daemon: one killed at exit while lingua's Rust code runs without
    # the interpreter lock can abort the process; the wait is about a second
    thread = threading.Thread(target=make, name="tqa-langid-preload", daemon=False)
    thread.start()
    _PRELOADING.append(thread)
    return thread


def settle() -> None:
    """Wait for the identifiers being made in the background (before this
    process forks: a child must not inherit a half-made one)."""
    while _PRELOADING:
        _PRELOADING.pop().join()
