#!/usr/bin/env python3
"""Draw the sentences of the accuracy dev set from WMT22 de→fr MT output.

The sample is deterministic (fixed seed), so anyone with the WMT22 data gets
the same sentences. It takes whole windows of consecutive segments (so that
document-level checks see context), one MT system per document, weighted
towards the weaker systems by their chrF against the reference (LT22 54.4,
Online-G 62.7, Online-A 64.5, Online-W 65.5; Online-Y 66.8 and Online-B 74.6
are left out), and spreads the documents over the four domains. Whole
documents go to the dev or the test split, never both.

    python scripts/make_accuracy_sample.py OUT.jsonl

writes one line per sentence with its German source and the MT output, for
annotators; the texts stay outside the project (corpora/dev holds only keys
and annotations).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wmt22 import WMT, read_wmt, sha  # noqa: E402

SEED = 20261129
#: system → share of the sampled documents
SYSTEMS = {"LT22": 0.35, "Online-G": 0.25, "Online-A": 0.2, "Online-W": 0.2}
#: domain → (sentences wanted, longest window of consecutive segments)
DOMAINS = {"news": (180, 8), "ecommerce": (70, 8), "social": (70, 8), "conversation": (45, 6)}
#: share of each domain's documents kept for the test split
TEST_SHARE = 0.4


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: the WMT22 data is not beside the project", file=sys.stderr)
        return 0
    rng = random.Random(SEED)
    docs = read_wmt()
    systems = list(SYSTEMS)
    weights = [SYSTEMS[s] for s in systems]
    rows = []
    for domain, (wanted, window) in DOMAINS.items():
        pool = [d for d in docs if d.domain == domain]
        rng.shuffle(pool)
        taken = 0
        chosen = []
        for doc in pool:
            if taken >= wanted:
                break
            n = len(doc.src)
            size = min(window, n, wanted - taken)
            first = rng.randrange(0, n - size + 1)
            system = rng.choices(systems, weights)[0]
            chosen.append((doc, first, size, system))
            taken += size
        n_test = round(len(chosen) * TEST_SHARE)
        for k, (doc, first, size, system) in enumerate(chosen):
            split = "test" if k < n_test else "dev"
            for i in range(first, first + size):
                rows.append(
                    {
                        "key": f"{doc.id}#{system}#{i + 1}",
                        "doc": doc.id,
                        "domain": domain,
                        "system": system,
                        "seg": i + 1,
                        "split": split,
                        "source": doc.src[i],
                        "mt": doc.hyps[system][i],
                        "source_sha": sha(doc.src[i]),
                        "mt_sha": sha(doc.hyps[system][i]),
                    }
                )
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    by_split = {s: sum(1 for r in rows if r["split"] == s) for s in ("dev", "test")}
    print(f"{len(rows)} sentences ({by_split}) written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
