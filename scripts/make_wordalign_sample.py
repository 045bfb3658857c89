#!/usr/bin/env python3
"""Draw the sentence pairs of the hand-aligned word-alignment sample.

Deterministic (fixed seed): 40 German source / French reference pairs and 20
German source / MT pairs of WMT22 de→fr, 6–35 words each, with numbered
tokens (letters and digits runs; each other non-space character is a token
of its own). Annotators link token numbers; links are stored with their
character offsets, so any tokenizer can be scored against them.

    python scripts/make_wordalign_sample.py OUT.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wmt22 import WMT, read_wmt, sha  # noqa: E402

SEED = 4242
TOKEN = re.compile(r"\w+|[^\w\s]")


def tokens(text: str) -> list[list[int | str]]:
    return [[m.group(), m.start(), m.end()] for m in TOKEN.finditer(text)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: the WMT22 data is not beside the project", file=sys.stderr)
        return 0
    rng = random.Random(SEED)
    pairs = []
    for doc in read_wmt():
        if doc.domain == "conversation":
            continue
        for i, src in enumerate(doc.src):
            if 6 <= len(src.split()) <= 35:
                pairs.append((doc, i))
    rng.shuffle(pairs)
    rows = []
    for n, (doc, i) in enumerate(pairs[:60]):
        side = "ref" if n < 40 else rng.choice(["LT22", "Online-G", "Online-A", "Online-W"])
        fr = doc.ref[i] if side == "ref" else doc.hyps[side][i]
        rows.append(
            {
                "key": f"{doc.id}#{side}#{i + 1}",
                "source": doc.src[i],
                "target": fr,
                "source_tokens": tokens(doc.src[i]),
                "target_tokens": tokens(fr),
                "source_sha": sha(doc.src[i]),
                "target_sha": sha(fr),
            }
        )
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pairs written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
