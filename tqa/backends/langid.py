"""Segment-level language identification behind one small interface.

``lingua`` (default) and ``langdetect`` both answer with a probability per
candidate language. langdetect is seeded so that its answers are repeatable.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Protocol

log = logging.getLogger(__name__)


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


#: the script of the helper process (it imports nothing of tqa)
HELPER = Path(__file__).with_name("lingua_helper.py")


class LinguaHelper:
    """lingua's detector built and asked in a helper process
    (tqa/backends/lingua_helper.py): its answers are those of
    ``LinguaIdentifier``, the very doubles, in the same order. lingua's build
    holds the interpreter lock of the process it runs in for 0.7–1 s of CPU;
    in a process of its own it runs beside the rest of tqa's start instead of
    stopping it. The helper reads its models on one thread
    (``RAYON_NUM_THREADS=1``), leaving the other core to tqa's process.

    Anything wrong with the helper (it cannot start, lingua fails in it, the
    pipe breaks) makes this process ask lingua itself from then on
    (``LinguaIdentifier``), so the answers and the errors met are the same
    as without it. A forked child never shares the pipe: it asks lingua
    itself (``langid.settle`` makes the in-process detector before a process
    pool forks, so that the workers inherit it)."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        self._lock = threading.Lock()
        self._owner = os.getpid()
        self._local: LinguaIdentifier | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._ready: bool | None = None  # None: not heard from yet
        self._heard = False  # the helper said whether it built the detector
        try:
            self._process = subprocess.Popen(
                # -P: the helper's folder (tqa/backends) is not put on its
                # module path, where a module could hide one it imports
                [sys.executable, "-P", str(HELPER), *self.languages],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "RAYON_NUM_THREADS": "1"},
            )
        except (OSError, ValueError) as exc:
            log.debug("language identifier helper not started: %s", exc)
            self._ready = False
        else:
            atexit.register(self.close)

    def ready(self) -> bool:
        """Whether the helper has built the detector (waits for it)."""
        with self._lock:
            return self._is_ready()

    def _is_ready(self) -> bool:
        if self._ready is None:
            self._ready = self._line() == b"ok\n"
            self._heard = True
            if not self._ready:
                self._close()
        return self._ready and os.getpid() == self._owner

    def confidences(self, text: str) -> dict[str, float]:
        with self._lock:
            if self._local is None and self._is_ready():
                found = self._ask(text)
                if found is not None:
                    return found
            return self._in_process().confidences(text)

    def _ask(self, text: str) -> dict[str, float] | None:
        """lingua's answer from the helper; None when it cannot answer."""
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: lingua's own error, met here
            return None
        try:
            process.stdin.write(len(data).to_bytes(4, "big") + data)
            process.stdin.flush()
            answer = json.loads(self._line())
        except (OSError, ValueError) as exc:
            log.debug("language identifier helper lost: %s", exc)
            self._close()
            return None
        if not isinstance(answer, list):
            return None
        return {code: value for code, value in answer}

    def _line(self) -> bytes:
        process = self._process
        if process is None or process.stdout is None:
            return b""
        try:
            return process.stdout.readline()
        except (OSError, ValueError):
            return b""

    def _in_process(self) -> LinguaIdentifier:
        if self._local is None:
            self._local = LinguaIdentifier(self.languages)
            self._close()
        return self._local

    def in_process(self) -> LinguaIdentifier:
        """The detector built in this process (the helper is let go)."""
        with self._lock:
            return self._in_process()

    def close(self) -> None:
        """Let the helper go and wait for it to end (it ends at once when its
        questions end), so that its time counts as this process's children's."""
        with self._lock:
            self._close()

    def release(self) -> None:
        """Let the helper go without waiting for it (``close``, at exit at the
        latest, waits); a later question is answered in this process."""
        with self._lock:
            self._ready = False
            if self._process is not None and os.getpid() == self._owner:
                self._close_pipes(self._process)
                if not self._heard:  # still building a detector no one will ask
                    self._process.kill()

    def _close(self) -> None:
        self._ready = False
        process, self._process = self._process, None
        if process is None or os.getpid() != self._owner:
            return
        atexit.unregister(self.close)
        self._close_pipes(process)
        if not self._heard:  # still building a detector no one will ask: nothing to wait for
            process.kill()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    @staticmethod
    def _close_pipes(process: subprocess.Popen[bytes]) -> None:
        streams: tuple[IO[bytes] | None, ...] = (process.stdin, process.stdout)
        for stream in streams:
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


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
#: helpers started by ``preload`` that no caller has asked for yet
_STARTED: dict[tuple[str, tuple[str, ...]], LinguaHelper] = {}


def get_identifier(backend: str, languages: tuple[str, ...]) -> Identifier:
    """The identifier, made once per process (waiting for the helper that
    ``preload`` started, when it did)."""
    key = (backend, languages)
    start = time.perf_counter()
    with _LOCK:
        found = _MADE.get(key)
        if found is None:
            helper = _STARTED.pop(key, None)
            if helper is not None and helper.ready():
                found = helper
            elif backend == "langdetect":
                found = LangdetectIdentifier(languages)
            else:
                found = LinguaIdentifier(languages)
            _MADE[key] = found
    waited = time.perf_counter() - start
    if waited > 0.01:
        log.debug("waited %.2f s for the language identifier", waited)
    return found


def preload(backend: str, languages: tuple[str, ...]) -> None:
    """Start making lingua's detector in a helper process (``LinguaHelper``);
    the first caller of ``get_identifier`` waits for it. lingua's Python call
    that builds the detector holds the interpreter lock for 0.7–1 s of CPU
    (measured: Python code in another thread does not run until the build
    ends), so built in a thread of this process it stopped the rest of the
    start; in the helper it runs beside it. A failure is left for that
    caller to meet and report (it builds the detector itself).
    langdetect needs no preloading."""
    if backend != "lingua":
        return
    key = (backend, languages)
    with _LOCK:
        if key not in _MADE and key not in _STARTED:
            _STARTED[key] = LinguaHelper(languages)


def release() -> None:
    """The documents are checked: the helpers are let go (they end while
    this process writes its report; it waits for them at exit)."""
    with _LOCK:
        for found in _MADE.values():
            if isinstance(found, LinguaHelper):
                found.release()


def settle() -> None:
    """Before this process forks a pool of workers: an identifier answered by
    a helper process is made here instead (the workers inherit it; they must
    not share the helper's pipe), and helpers nobody asked for are let go."""
    with _LOCK:
        while _STARTED:
            _STARTED.popitem()[1].close()
        for key, found in list(_MADE.items()):
            if isinstance(found, LinguaHelper):
                try:
                    _MADE[key] = found.in_process()
                except Exception as exc:  # noqa: BLE001 - each worker meets it again
                    log.debug("language identifier not made before forking: %s", exc)
