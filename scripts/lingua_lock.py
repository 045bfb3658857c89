"""Whether lingua's detector build lets other Python threads run.

    python scripts/lingua_lock.py

Builds lingua's detector (fr, de, en, models preloaded, as tqa does) in a
background thread while the main thread runs a pure-Python loop in slices,
and prints when each slice ended and when the build ended. If the build
released the interpreter lock, the slices would end during the build; they
end after it (docs/performance.md).
"""

from __future__ import annotations

import os
import threading
import time

SLICES = 10


def main() -> int:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c)) for c in ("FR", "DE", "EN")]
    start = time.perf_counter()
    built: dict[str, float] = {}

    def build() -> None:
        began = time.perf_counter()
        LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
        built["end"] = time.perf_counter() - start
        built["wall"] = time.perf_counter() - began

    thread = threading.Thread(target=build)
    thread.start()
    ends = []
    for _ in range(SLICES):
        total = 0
        for i in range(300_000):
            total += i
        ends.append(time.perf_counter() - start)
    thread.join()
    during = sum(1 for end in ends if end < built["end"])
    print(
        f"build ended at {built['end']:.2f} s ({built['wall']:.2f} s wall); loop slices ended at "
        f"{', '.join(f'{e:.2f}' for e in ends)}: {during} of {SLICES} during the build "
        f"(load {os.getloadavg()[0]:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
