"""Whether asking lingua for a whole document at once would save time.

    python scripts/bench_langid_batch.py [--rounds 3]

Segments and identifies the French references of the WMT22 de→fr test set
(a document per <doc>, a segment per line, as ``tqa check --segmentation
lines`` does) and records the texts the identifier is asked about, then
gives lingua those same texts, alternately, once per text
(``compute_language_confidence_values``, as tqa does) and per document in
one call (``compute_language_confidence_values_in_parallel``), and prints
the CPU time (process time: every thread of lingua counted) and wall time
of each, with the load average. Also counts the texts whose confidence
values differ between two runs of the same per-text calls: lingua's values
are not bit-for-bit repeatable, so only values rounded as the report
rounds them (2 decimals) can be compared. Exits 0 without the data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402


def _values(found: list[Any]) -> list[tuple[str, float]]:
    return [(v.language.name, v.value) for v in found]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each way")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: nothing measured (the data lives in ../shared/data)")
        return 0

    from tqa import pipeline
    from tqa.backends import langid
    from tqa.config import Config
    from tqa.model import Document

    config = Config(segmentation="lines")
    documents = [
        Document(f"wmt22-{n:03d}.txt", "\n".join(" ".join(s.split()) for s in doc.ref) + "\n")
        for n, doc in enumerate(read_wmt())
        if doc.ref
    ]
    asked: list[list[str]] = []
    original = langid.LinguaIdentifier.confidences

    def recording(self: langid.LinguaIdentifier, text: str) -> dict[str, float]:
        asked[-1].append(text)
        return original(self, text)

    langid.LinguaIdentifier.confidences = recording  # type: ignore[method-assign]
    for document in documents:
        asked.append([])
        pipeline.analyse(document, config)
    langid.LinguaIdentifier.confidences = original  # type: ignore[method-assign]
    identifier = langid.get_identifier("lingua", ("fr", "de", "en"))
    detector = identifier._detector  # type: ignore[attr-defined]
    texts = sum(len(a) for a in asked)
    segments = sum(len(pipeline.analyse(d, config)) for d in documents)
    print(f"{len(documents)} documents, {segments} segments, {texts} asked of lingua")

    def per_text() -> list[list[Any]]:
        return [[detector.compute_language_confidence_values(t) for t in a] for a in asked]

    def per_document() -> list[list[Any]]:
        return [detector.compute_language_confidence_values_in_parallel(a) for a in asked]

    times: dict[str, list[tuple[float, float]]] = {"per text": [], "per document": []}
    results: dict[str, list[list[Any]]] = {}
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for label, run in (("per text", per_text), ("per document", per_document)):
            cpu, wall = time.process_time(), time.perf_counter()
            results[label] = run()
            times[label].append((time.process_time() - cpu, time.perf_counter() - wall))
    print(f"load {load:.2f} → {os.getloadavg()[0]:.2f}; medians of {args.rounds}:")
    for label, spent in times.items():
        cpus = [c for c, _ in spent]
        print(
            f"  {label:<13} {statistics.median(cpus):.3f} s CPU "
            f"({', '.join(f'{c:.3f}' for c in cpus)}), "
            f"{statistics.median(w for _, w in spent):.3f} s wall"
        )
    again = per_text()
    flat = [v for doc in results["per text"] for v in doc]
    flat_again = [v for doc in again for v in doc]
    flat_batch = [v for doc in results["per document"] for v in doc]
    exact = sum(_values(a) != _values(b) for a, b in zip(flat, flat_again, strict=True))
    print(f"  per text, run twice: {exact}/{len(flat)} texts with values not bit-identical")

    def rounded(found: list[Any]) -> list[tuple[str, float]]:
        return [(name, round(value, 2)) for name, value in _values(found)]

    batch = sum(rounded(a) != rounded(b) for a, b in zip(flat, flat_batch, strict=True))
    print(f"  per document against per text, rounded to 2 decimals: {batch} texts differ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
