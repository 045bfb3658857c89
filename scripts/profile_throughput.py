"""Where the time goes after start-up: cProfile of checking the WMT22 references.

    python scripts/profile_throughput.py [--limit N] [--select CODES]
                                         [--top 40] [--sort tottime|cumulative]
                                         [--save out.prof] [--mt SYSTEM]

Loads every model by checking the sample article first (not profiled), then
profiles (cProfile, standard library) the checking of the French references
of the WMT22 de→fr test set, one document per <doc> and a segment per line,
as ``scripts/bench_throughput.py`` times them. ``--mt SYSTEM`` profiles that
system's output checked against the German source instead. Prints the CPU
time of the run, the functions that take most time, and the time of each
backend (tqa/backends, spaCy, thinc, Grammalecte, hunspell) counted once
per call from outside it. ``--save`` keeps the raw profile for ``python -m
pstats`` or snakeviz. What this found is in docs/performance.md. Exits 0
without the data.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402

SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--select", default=None, help="checks to run (default: every check)")
    parser.add_argument("--top", type=int, default=40, help="functions listed")
    parser.add_argument("--sort", default="tottime", choices=("cumulative", "tottime"))
    parser.add_argument("--save", default=None, help="write the raw profile here")
    parser.add_argument("--mt", default=None, help="an MT system's output, with its source")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: nothing profiled (the data lives in ../shared/data)")
        return 0

    from tqa import pipeline
    from tqa.config import Config
    from tqa.model import Document

    config = Config(
        segmentation="lines", select=tuple(args.select.split(",")) if args.select else ()
    )
    rules, notes = pipeline.active_rules(config)
    documents = []
    for n, doc in enumerate(read_wmt()):
        lines = doc.hyps.get(args.mt, []) if args.mt else doc.ref
        if not lines:
            continue
        text = "\n".join(" ".join(s.split()) for s in lines) + "\n"
        source = (
            Document(
                f"wmt22-{n:03d}.de.txt", "\n".join(" ".join(s.split()) for s in doc.src) + "\n"
            )
            if args.mt
            else None
        )
        documents.append((Document(f"wmt22-{n:03d}.txt", text), source))
    documents = documents[: args.limit]
    pipeline.check_document(
        Document("warm-up", SAMPLE.read_text(encoding="utf-8")), config, rules=rules, notes=notes
    )
    profile = cProfile.Profile()
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    reports = [
        pipeline.check_document(doc, config, source=source, rules=rules, notes=notes)
        for doc, source in documents
    ]
    profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    words = sum(r.words for r in reports)
    print(
        f"{len(reports)} documents, {words:,} words: {cpu:.1f} s CPU, {wall:.1f} s wall under "
        f"the profiler (load {load:.2f} → {os.getloadavg()[0]:.2f})"
    )
    if args.save:
        profile.dump_stats(args.save)
    stats = pstats.Stats(profile, stream=sys.stdout)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
