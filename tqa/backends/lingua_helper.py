"""lingua's detector in a process of its own, answering over a pipe.

    python lingua_helper.py fr de en

Run by ``tqa.backends.langid.LinguaHelper`` as a script (by its path: it
imports nothing of tqa, only lingua and the standard library). lingua's
Python call that builds the detector holds the interpreter lock while it
reads its models (0.7–1 s of CPU), so in tqa's own process no other Python
code runs meanwhile; here it runs beside tqa's loading of spaCy and
Grammalecte, on the other core.

The protocol, on standard input and output (binary):

* once the detector is built, the helper writes ``ok\\n``; if it cannot be
  built, ``error\\n`` and it ends (the caller then builds it itself and
  meets the error);
* each question is a text: its length in bytes (4 bytes, big-endian), then
  the text in UTF-8; the answer is one line of JSON, the list of
  ``[ISO 639-1 code, confidence]`` pairs in lingua's order, or
  ``{"error": "..."}`` when lingua raised (the caller asks again in its own
  process). JSON writes a float's shortest exact representation, so the
  caller reads the very doubles lingua computed;
* the end of standard input ends the helper (``os._exit``: nothing is freed
  one by one). Interrupts from the terminal are left to tqa's process.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import BinaryIO


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(languages: list[str], questions: BinaryIO, answers: BinaryIO) -> None:
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        langs = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages
        ]
        detector = (
            LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()
        )
    except Exception:  # noqa: BLE001 - the caller builds it itself and meets the error
        answers.write(b"error\n")
        answers.flush()
        return
    answers.write(b"ok\n")
    answers.flush()
    while True:
        head = _read_exactly(questions, 4)
        if head is None:
            return
        body = _read_exactly(questions, int.from_bytes(head, "big"))
        if body is None:
            return
        try:
            values = detector.compute_language_confidence_values(body.decode("utf-8"))
            answer: object = [
                [value.language.iso_code_639_1.name.lower(), value.value] for value in values
            ]
        except Exception as exc:  # noqa: BLE001 - the caller asks lingua again itself
            answer = {"error": str(exc)}
        answers.write(json.dumps(answer).encode("ascii") + b"\n")
        answers.flush()


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    serve(sys.argv[1:], sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
