#!/usr/bin/env python3
"""Speed, memory and accuracy of tqa.align on 1k, 5k and 10k sentences a side.

Test documents are built from WMT22 de-fr (German <src>, French <ref>):
documents are shuffled and repeated (fixed seed) until the size is reached,
then about 3 % of sentences are dropped on one side or the other (0-1/1-0
beads) and about 6 % of adjacent pairs are merged on one side (1-2/2-1). The
construction gives the gold alignment, so strict F1 is reported too.

Each size runs in its own subprocess so that peak RSS (ru_maxrss) belongs to
that size alone.

    python scripts/bench_align.py [--sizes 1000 5000 10000] [--no-dict] [--relearn 1]
    python scripts/bench_align.py --scorer embeddings [--embed-cache FILE]
    python scripts/bench_align.py --embed-rate 200   # sentences/s of the embedding model alone

With ``--scorer embeddings`` the time includes embedding every distinct text
(the benchmark repeats documents, so a repeated sentence is embedded once);
``--embed-cache FILE`` reads and keeps vectors on disk, so that a second run
times the alignment alone. The embedding time and rate are printed apart.

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"


def read_documents(path: Path) -> list[list[tuple[str, str]]]:
    docs = []
    for doc in ET.parse(path).getroot().iter("doc"):
        src = doc.find("src")
        ref = doc.find("ref")
        if src is None or ref is None:
            continue
        de = {s.get("id"): (s.text or "").strip() for s in src.iter("seg")}
        fr = {s.get("id"): (s.text or "").strip() for s in ref.iter("seg")}
        pairs = [(de[k], fr[k]) for k in de if k in fr and de[k] and fr[k]]
        if pairs:
            docs.append(pairs)
    return docs


def build(docs: list[list[tuple[str, str]]], size: int, seed: int = 13):
    """(source, target, gold beads) with ``size`` sentence pairs before perturbation."""
    rng = random.Random(seed)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < size:
        order = list(range(len(docs)))
        rng.shuffle(order)
        for d in order:
            pairs.extend(docs[d])
    pairs = pairs[:size]
    source: list[str] = []
    target: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    k = 0
    while k < len(pairs):
        roll = rng.random()
        de, fr = pairs[k]
        if roll < 0.015:
            gold.append(((len(source),), ()))
            source.append(de)
        elif roll < 0.03:
            gold.append(((), (len(target),)))
            target.append(fr)
        elif roll < 0.06 and k + 1 < len(pairs):
            de2, fr2 = pairs[k + 1]
            gold.append(((len(source), len(source) + 1), (len(target),)))
            source += [de, de2]
            target.append(f"{fr} {fr2}")
            k += 1
        elif roll < 0.09 and k + 1 < len(pairs):
            de2, fr2 = pairs[k + 1]
            gold.append(((len(source),), (len(target), len(target) + 1)))
            source.append(f"{de} {de2}")
            target += [fr, fr2]
            k += 1
        else:
            gold.append(((len(source),), (len(target),)))
            source.append(de)
            target.append(fr)
        k += 1
    return source, target, gold


class _Timed:
    """Counts the texts an encoder embeds and the time it takes."""

    def __init__(self, encode) -> None:  # type: ignore[no-untyped-def]
        self.encode, self.seconds, self.texts = encode, 0.0, 0

    def __call__(self, texts):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        out = self.encode(texts)
        self.seconds += time.perf_counter() - start
        self.texts += len(texts)
        return out


def run_one(
    size: int, no_dict: bool, relearn: int = 0, scorer_name: str = "lexical", cache: str = ""
) -> dict[str, float]:
    from scripts.eval_align import score
    from tqa import align as aligner
    from tqa.align_score import LexicalScorer, Lexicon

    source, target, gold = build(read_documents(DATA), size)
    scorer = LexicalScorer(Lexicon(None, None)) if no_dict else aligner.default_scorer()
    if not no_dict:
        aligner.align(["Haus"], ["maison"], scorer=scorer)  # load the dictionaries first
    timed = None
    persistent = None
    if scorer_name == "embeddings":
        from tqa.align_embed import EmbeddingScorer
        from tqa.backends import embeddings

        encode = embeddings.encoder()
        if cache:
            from scripts.embed_cache import persistent_encoder

            encode = persistent = persistent_encoder(Path(cache))
        # the model (or the disk) sees each distinct text once, as with tqa's own cache
        timed = _Timed(encode)
        cached = embeddings.CachedEncoder(timed, 384, capacity=10**6)
        scorer = EmbeddingScorer(cached, scorer)  # type: ignore[arg-type]
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    params = dataclasses.replace(aligner.DEFAULT_PARAMS, relearn=relearn)
    beads = aligner.align(source, target, scorer=scorer, params=params)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = score(gold, [(b.source, b.target) for b in beads])
    if persistent is not None:
        persistent.save()
    return {
        "embed_seconds": timed.seconds if timed else 0.0,
        "embedded": persistent.embedded if persistent else (timed.texts if timed else 0),
        "asked": timed.texts if timed else 0,
        "size": size,
        "source": len(source),
        "target": len(target),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": peak / 1024,
        "before_align_rss_mb": base_rss / 1024,
        "f1_strict": res["f1_strict"],
        "f1_lax": res["f1_lax"],
    }


def embed_rate(count: int) -> int:
    """Sentences a second that the embedding model takes: ``count`` distinct WMT22
    sentences (German and French alternately), in batches of 100 and one at a time."""
    from tqa.backends import embeddings

    if not embeddings.available():
        print(f"bench_align: {embeddings.INSTALL}")
        return 0
    every = list(dict.fromkeys(t for d in read_documents(DATA) for pair in d for t in pair))
    texts = every[:count]
    encode = embeddings.encoder()
    encode(["warm-up"])
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    start = time.perf_counter()
    for k in range(0, len(texts), 100):
        encode(texts[k : k + 100])
    batch = len(texts) / (time.perf_counter() - start)
    singles = every[count : count + max(1, count // 4)]  # not embedded yet
    start = time.perf_counter()
    for text in singles:
        encode([text])
    one = len(singles) / (time.perf_counter() - start)
    chars = sum(map(len, texts)) / max(len(texts), 1)
    print(
        f"{len(texts)} sentences ({chars:.0f} characters on average): {batch:.1f}/s in batches "
        f"of 100, {one:.1f}/s one at a time (load average {load})"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--no-dict", action="store_true")
    parser.add_argument(
        "--relearn", type=int, default=0, help="second passes with a learnt lexicon (default 0)"
    )
    parser.add_argument("--scorer", choices=("lexical", "embeddings"), default="lexical")
    parser.add_argument("--embed-cache", default="", help="file of embeddings kept between runs")
    parser.add_argument("--embed-rate", type=int, metavar="N", help="time the model on N sentences")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"bench_align: {DATA} not found; nothing to benchmark.")
        return 0
    if args.embed_rate:
        return embed_rate(args.embed_rate)
    if args.one:
        r = run_one(args.one, args.no_dict, args.relearn, args.scorer, args.embed_cache)
        print(json.dumps(r))
        return 0
    print(
        f"{'size':>6} {'src':>6} {'tgt':>6} {'seconds':>8} {'CPU s':>7} {'peak MB':>8} "
        f"{'pre MB':>7} {'F1 str':>7} {'F1 lax':>7}"
    )
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--relearn", str(args.relearn)]
        cmd += ["--no-dict"] * args.no_dict
        cmd += ["--scorer", args.scorer, "--embed-cache", args.embed_cache]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['size']:>6} {r['source']:>6} {r['target']:>6} {r['seconds']:>8.2f} "
            f"{r['cpu_seconds']:>7.2f} "
            f"{r['peak_rss_mb']:>8.1f} {r['before_align_rss_mb']:>7.1f} "
            f"{r['f1_strict']:>7.3f} {r['f1_lax']:>7.3f}"
        )
        if args.scorer == "embeddings":
            rate = r["embedded"] / r["embed_seconds"] if r["embed_seconds"] > 0.5 else 0.0
            print(
                f"{'':>6} of which embedding {r['embed_seconds']:.2f} s: {r['embedded']} texts "
                f"embedded ({rate:.1f}/s), {r['asked']} distinct texts asked"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
