#!/usr/bin/env python3
"""Time added by the MT error checks (TQA-MT-*) to ``tqa check`` on the WMT22
de→fr references, models loaded once beforehand (as in one ``tqa check`` run).

    python scripts/bench_mt.py [--repeat 2]

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

from eval_mt import WMT, read_wmt  # noqa: E402

from tqa.checks import interference  # noqa: E402
from tqa.config import Config  # noqa: E402
from tqa.model import Document  # noqa: E402
from tqa.pipeline import active_rules, check_document  # noqa: E402


def timed(texts: list[str], config: Config, repeat: int) -> float:
    rules, _ = active_rules(config)
    best = float("inf")
    for _ in range(repeat):
        interference._scan_all.cache_clear()  # per-text cache: a real run sees each text once
        started = time.perf_counter()
        for i, text in enumerate(texts):
            check_document(Document(f"d{i}", text), config, rules=rules)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not WMT.exists():
        print(f"WMT22 data absent ({WMT}); nothing to measure")
        return 0
    texts = ["\n".join(d["ref"]) + "\n" for d in read_wmt(WMT)]  # type: ignore[arg-type]
    full = Config(segmentation="lines")
    without = Config(segmentation="lines", ignore=("TQA-MT",))
    started = time.perf_counter()
    timed(texts, full, 1)  # load models, vectors, dictionaries and word caches once
    print(f"warm-up (model loading): {time.perf_counter() - started:.1f} s")
    base = timed(texts, without, args.repeat)
    with_mt = timed(texts, full, args.repeat)
    base = min(base, timed(texts, without, 1))
    print(
        f"tqa check without TQA-MT: {base:.2f} s; with: {with_mt:.2f} s; "
        f"overhead {100 * (with_mt - base) / base:.0f} %"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
