#!/usr/bin/env python3
"""Time added by the accuracy checks against the source (TQA-ACC-*, with the
word alignment they run on) to ``tqa check`` of the WMT22 de→fr references
with their German sources, models and dictionaries loaded once beforehand
(as in one ``tqa check`` run).

    python scripts/bench_accuracy.py [--repeat 2]

Exits 0 with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402

from tqa.config import Config  # noqa: E402
from tqa.model import Document  # noqa: E402
from tqa.pipeline import active_rules, check_document  # noqa: E402

Pair = tuple[str, str]


def timed(pairs: list[Pair], config: Config, repeat: int) -> float:
    rules, _ = active_rules(config)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for i, (source, target) in enumerate(pairs):
            check_document(
                Document(f"d{i}", target), config, source=Document("src", source), rules=rules
            )
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not WMT.exists():
        print(f"WMT22 data absent ({WMT}); nothing to measure")
        return 0
    pairs = [("\n".join(d.src) + "\n", "\n".join(d.ref) + "\n") for d in read_wmt()]
    words = sum(len(t.split()) for _, t in pairs)
    full = Config(segmentation="lines")
    without = Config(segmentation="lines", ignore=("TQA-ACC",))
    started = time.perf_counter()
    timed(pairs, full, 1)  # load models, vectors, dictionaries and word caches once
    print(f"warm-up (model and dictionary loading): {time.perf_counter() - started:.1f} s")
    base = timed(pairs, without, args.repeat)
    with_acc = timed(pairs, full, args.repeat)
    base = min(base, timed(pairs, without, 1))
    print(
        f"{len(pairs)} documents, {words} words with their sources: "
        f"tqa check without TQA-ACC {base:.2f} s; with: {with_acc:.2f} s; "
        f"overhead {100 * (with_acc - base) / base:.0f} % ({words / with_acc:,.0f} words/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
