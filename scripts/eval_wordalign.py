#!/usr/bin/env python3
"""Alignment error rate of tqa's word aligner on the hand-aligned sample.

Gold: corpora/dev/wordalign-wmt22.jsonl (60 WMT22 de-fr sentence pairs, sure
and possible links as character spans). Texts: ../shared/data/wmt22-defr.
Links are compared as pairs of gold tokens: a predicted link between two
tqa tokens counts for every pair of gold tokens they overlap.

    python scripts/eval_wordalign.py            # tqa's aligner (dictionaries + cognates + function words)
    python scripts/eval_wordalign.py --no-dict  # without the dictionaries
    python scripts/eval_wordalign.py --eflomal  # an eflomal model trained on all WMT22 de-fr pairs (needs eflomal)

Exits 0 with a message when the WMT22 data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt, sha  # noqa: E402

from tqa.word_align import WordAlignment, aer, align_words  # noqa: E402

GOLD = ROOT / "corpora" / "dev" / "wordalign-wmt22.jsonl"

Span = tuple[int, int]


def load_gold() -> list[dict[str, object]]:
    with GOLD.open(encoding="utf-8") as handle:
        return [row for row in map(json.loads, handle) if "key" in row]


def texts(rows: list[dict[str, object]]) -> dict[str, tuple[str, str]]:
    docs = {d.id: d for d in read_wmt()}
    out = {}
    for row in rows:
        doc_id, side, seg = str(row["key"]).rsplit("#", 2)
        doc = docs[doc_id]
        i = int(seg) - 1
        french = doc.ref[i] if side == "ref" else doc.hyps[side][i]
        if sha(doc.src[i]) != row["source_sha"] or sha(french) != row["target_sha"]:
            raise SystemExit(f"{row['key']}: the WMT22 text differs from the annotated one")
        out[str(row["key"])] = (doc.src[i], french)
    return out


def _overlapping(spans: list[Span], start: int, end: int) -> list[Span]:
    return [s for s in spans if s[0] < end and start < s[1]]


def predicted_pairs(
    alignment: WordAlignment, src_spans: list[Span], tgt_spans: list[Span]
) -> set[tuple[Span, Span]]:
    pairs = set()
    for link in alignment.links:
        s = alignment.source[link.source]
        t = alignment.target[link.target]
        for a in _overlapping(src_spans, s.start, s.end):
            for b in _overlapping(tgt_spans, t.start, t.end):
                pairs.add((a, b))
    return pairs


def eflomal_model(pairs: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """Links from eflomal trained on ``pairs`` (all WMT22 de-fr src/ref + src/MT pairs)."""
    import tempfile

    import eflomal

    from tqa.word_align import tokenize

    src = [" ".join(t.lower for t in tokenize(a)) + "\n" for a, _ in pairs]
    tgt = [" ".join(t.lower for t in tokenize(b)) + "\n" for _, b in pairs]
    with tempfile.TemporaryDirectory() as tmp:
        fwd_path, rev_path = f"{tmp}/fwd", f"{tmp}/rev"
        eflomal.Aligner().align(src, tgt, links_filename_fwd=fwd_path, links_filename_rev=rev_path)
        with open(fwd_path) as fwd, open(rev_path) as rev:
            # symmetrised by intersection: the precise end of the usual heuristics
            return [
                " ".join(sorted(set(f.split()) & set(r.split())))
                for f, r in zip(fwd, rev, strict=True)
            ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-dict", action="store_true")
    parser.add_argument("--no-pivot", action="store_true", help="without the English pivot")
    parser.add_argument("--eflomal", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print the first N pairs' errors")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: the WMT22 data is not beside the project; nothing to measure")
        return 0
    rows = load_gold()
    pair_texts = texts(rows)
    lexicon = None
    if not args.no_dict:
        from tqa.align_score import default_lexicon

        lexicon = default_lexicon()
        if not lexicon.available:
            lexicon = None
    from tqa.backends import pivot

    use_pivot = not args.no_dict and not args.no_pivot and pivot.available()
    eflomal_links: dict[str, set[tuple[int, int]]] = {}
    if args.eflomal:
        from tqa.word_align import tokenize

        corpus = []
        for doc in read_wmt():
            corpus += list(zip(doc.src, doc.ref, strict=True))
            for hyp in doc.hyps.values():
                corpus += list(zip(doc.src, hyp, strict=True))
        keys = [str(r["key"]) for r in rows]
        corpus = [pair_texts[k] for k in keys] + corpus
        lines = eflomal_model(corpus)
        for k, line in zip(keys, lines, strict=False):
            eflomal_links[k] = {tuple(map(int, p.split("-"))) for p in line.split()}  # type: ignore[misc]
        _ = tokenize
    totals = [0, 0, 0, 0]
    for n, row in enumerate(rows):
        german, french = pair_texts[str(row["key"])]
        sure = {(tuple(a), tuple(b)) for a, b in row["sure"]}  # type: ignore[union-attr]
        possible = {(tuple(a), tuple(b)) for a, b in row["possible"]}  # type: ignore[union-attr]
        from tqa.word_align import tokenize

        src_spans = sorted({a for a, _ in sure | possible} | _gold_tokens(german))
        tgt_spans = sorted({b for _, b in sure | possible} | _gold_tokens(french))
        if args.eflomal:
            st, tt = tokenize(german), tokenize(french)
            alignment = WordAlignment(st, tt, ())
            pred = set()
            for i, j in eflomal_links[str(row["key"])]:
                for a in _overlapping(src_spans, st[i].start, st[i].end):
                    for b in _overlapping(tgt_spans, tt[j].start, tt[j].end):
                        pred.add((a, b))
        else:
            alignment = align_words(german, french, lexicon=lexicon, pivot=use_pivot)
            pred = predicted_pairs(alignment, src_spans, tgt_spans)
        counts = aer(pred, sure, possible)  # type: ignore[arg-type]
        for k in range(4):
            totals[k] += counts[k]
        if n < args.show:
            print(row["key"])
            for a, b in sorted(pred - sure - possible):
                print(f"   wrong  {german[a[0] : a[1]]} — {french[b[0] : b[1]]}")
            for a, b in sorted(sure - pred):
                print(f"   missed {german[a[0] : a[1]]} — {french[b[0] : b[1]]}")
    a_s, a_p, a, s = totals
    precision = a_p / a if a else 0.0
    recall = a_s / s if s else 0.0
    rate = 1 - (a_s + a_p) / (a + s) if a + s else 1.0
    name = "eflomal" if args.eflomal else ("tqa, no dictionaries" if args.no_dict else "tqa")
    name += "" if args.eflomal or args.no_dict else (" + English pivot" if use_pivot else "")
    print(
        f"{name}: {len(rows)} pairs, {a} links predicted, {s} sure gold links; "
        f"precision {precision:.3f}, recall (sure) {recall:.3f}, AER {rate:.3f}"
    )
    return 0


def _gold_tokens(text: str) -> set[Span]:
    import re

    return {(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)}


if __name__ == "__main__":
    raise SystemExit(main())
