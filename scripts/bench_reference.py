"""Speed of ``tqa check --reference`` and ``--post-edited``: the WMT22 French
reference documents scored against a copy with words perturbed.

    python scripts/bench_reference.py [--limit N] [--select CODES]

For each of the 271 documents of the WMT22 de→fr test set, the French
reference (one paragraph per WMT segment, segmented into sentences by tqa)
is the reference, and a perturbed copy is the checked document: about one
word in seven dropped, repeated, swapped with the next or replaced by another
word of the document, and one sentence boundary in ten removed (two sentences
merged), with a fixed seed. No MT output is read. Each document is checked in
this process (models and tables load once) three ways: a plain check, with
``--reference`` and with ``--post-edited``; the script prints the time of each
(wall and CPU), the overhead of the scores, and segment pairs scored per
second. As a check of the pairing, every reference is also scored against
itself: every bead must be one sentence to one sentence, BLEU 100.

Reads ../shared/data/wmt22-defr/wmttest2022.de-fr.all.xml (relative to the
repository root); when it is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from wmt22 import WMT, read_wmt  # noqa: E402

#: share of words perturbed, and of sentence ends removed
WORD_RATE = 0.15
MERGE_RATE = 0.10


def perturb(text: str, rng: random.Random) -> str:
    """Words dropped, repeated, swapped or replaced; some sentence ends removed."""
    words = text.split(" ")
    vocabulary = [w for w in words if w.isalpha()] or ["mot"]
    out: list[str] = []
    n = 0
    while n < len(words):
        word = words[n]
        if word.endswith(".") and n + 1 < len(words) and rng.random() < MERGE_RATE:
            out.append(word[:-1] + ",")
            words[n + 1] = words[n + 1][:1].lower() + words[n + 1][1:]
            n += 1
            continue
        if rng.random() >= WORD_RATE or "\n" in word:
            out.append(word)
            n += 1
            continue
        kind = rng.randrange(4)
        if kind == 0:  # dropped
            pass
        elif kind == 1:  # repeated
            out += [word, word]
        elif kind == 2 and n + 1 < len(words) and "\n" not in words[n + 1]:  # swapped
            out += [words[n + 1], word]
            n += 1
        else:  # replaced
            out.append(rng.choice(vocabulary))
        n += 1
    return " ".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument(
        "--select", default="TQA-TYP", help="checks run in every pass (default TQA-TYP)"
    )
    args = parser.parse_args()
    if not WMT.is_file():
        print(f"bench_reference: {WMT} is not available; nothing to measure.")
        return 0
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import active_rules, check_document, with_references

    docs = read_wmt()[: args.limit]
    rng = random.Random(20221)
    config = Config(select=tuple(c.strip() for c in args.select.split(",")))
    rules, notes = active_rules(config)
    pairs = []
    for n, doc in enumerate(docs):
        reference = "\n\n".join(" ".join(s.split()) for s in doc.ref) + "\n"
        pairs.append(
            (
                Document(f"{n:03d}.hyp.txt", perturb(reference, rng)),
                Document(f"{n:03d}.ref.txt", reference),
            )
        )
    words = sum(len(h.text.split()) for h, _ in pairs)
    # load what loads once (dictionaries, sacrebleu) before timing
    with_references(
        check_document(pairs[0][0], config, rules=rules, notes=notes),
        [("reference", pairs[0][1])],
        config,
    )

    wall, cpu = time.perf_counter(), time.process_time()
    reports = [check_document(h, config, rules=rules, notes=notes) for h, _ in pairs]
    plain_wall, plain_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{len(pairs)} documents, {words} words in the perturbed copies "
        f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}); checks: {args.select}"
    )
    print(f"plain check:        {plain_wall:6.2f} s wall, {plain_cpu:6.2f} s CPU")
    for kind in ("reference", "post-edited"):
        wall, cpu = time.perf_counter(), time.process_time()
        scored = [
            with_references(report, [(kind, ref)], config).references[0]  # type: ignore[list-item]
            for report, (_, ref) in zip(reports, pairs, strict=True)
        ]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        beads = sum(len(s.beads) for s in scored)
        merged = sum(
            1 for s in scored for b in s.beads if len(b.hypothesis) != 1 or len(b.reference) != 1
        )
        edits = sum(len(b.edits) for s in scored for b in s.beads)
        print(
            f"--{kind:<13}     +{wall:6.2f} s wall, +{cpu:6.2f} s CPU "
            f"({100 * cpu / plain_cpu:.0f} % of the plain check's CPU time): {beads} segment pairs, "
            f"{beads / cpu:,.0f} pairs per CPU second; {merged} beads other than 1-1"
            + (f"; {edits} word edits" if kind == "post-edited" else "")
        )
    beads = same = one_to_one = perfect = 0
    for _, ref in pairs:
        own = check_document(ref, config, rules=rules, notes=notes)
        (scored_self,) = with_references(own, [("reference", ref)], config).references
        beads += len(scored_self.beads)
        for bead in scored_self.beads:
            same += bead.hypothesis == bead.reference
            one_to_one += bead.hypothesis == bead.reference and len(bead.hypothesis) == 1
            perfect += bead.bleu == 100.0 and bead.chrf == 100.0 and bead.ter == 0.0
    print(
        f"each reference against itself: {same}/{beads} beads pair segments with themselves "
        f"({one_to_one} one to one), {perfect}/{beads} score BLEU 100, chrF 100, TER 0"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
