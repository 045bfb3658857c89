#!/usr/bin/env python3
"""Evaluate the machine-translation error checks (TQA-MT-*) on both sides.

Precision: findings per 1,000 words on the professional French references of
WMT22 de→fr (../shared/data/wmt22-defr), each one listed for inspection.
Recall: on the seed article's known errors, on corpora/dev/mt-dev.tsv
(sentences with an error and their corrected twins: a finding on a twin is a
false alarm), and on corpora/dev/mt-heldout.tsv, written after the rules and
never used to tune them.

    python scripts/eval_mt.py                 # everything
    python scripts/eval_mt.py --no-wmt        # seed + dev set only
    python scripts/eval_mt.py --hyps          # also count findings on the MT systems' outputs
    python scripts/eval_mt.py --select TQA-MT-00   # a subset of rules

Exits 0 with a message when the shared data is absent.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.config import Config  # noqa: E402
from tqa.model import Document, Finding, count_words  # noqa: E402
from tqa.pipeline import active_rules, check_document  # noqa: E402

WMT = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"
DEV = ROOT / "corpora" / "dev" / "mt-dev.tsv"
HELDOUT = ROOT / "corpora" / "dev" / "mt-heldout.tsv"
SEED = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
SEED_ERRORS = ("piles", "explication", "fenêtre d'atelier", "Cela rapporte", "Chine.org.cn")


def read_wmt(path: Path) -> list[dict[str, object]]:
    """Documents as {"id", "src": [..], "ref": [..], "hyps": {system: [..]}} (segments in order)."""
    docs = []
    for doc in ET.parse(path).getroot().iter("doc"):

        def segs(node: ET.Element | None) -> list[str]:
            return [s.text or "" for s in node.iter("seg")] if node is not None else []

        hyps = {h.get("system", "?"): segs(h) for h in doc.findall("hyp")}
        docs.append(
            {
                "id": doc.get("id"),
                "src": segs(doc.find("src")),
                "ref": segs(doc.find("ref")),
                "hyps": hyps,
            }
        )
    return docs


def read_dev(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def run(texts: list[str], config: Config, sources: list[str] | None = None) -> list[list[Finding]]:
    rules, notes = active_rules(config)
    for note in notes:
        print(f"  note: {note.message}")
    out = []
    for i, text in enumerate(texts):
        source = Document("src", sources[i]) if sources else None
        report = check_document(Document(f"doc{i}", text), config, source=source, rules=rules)
        out.append(list(report.findings))
    return out


def eval_seed(config: Config) -> tuple[int, int]:
    text = SEED.read_text(encoding="utf-8")
    (findings,) = run([text], config)
    found = 0
    for want in SEED_ERRORS:
        hit = [f for f in findings if want.lower() in f.text.lower()]
        found += bool(hit)
        print(
            f"  {'OK  ' if hit else 'MISS'} {want!r}: "
            + "; ".join(f"{f.code} {f.text!r}" for f in hit)
        )
    others = [f for f in findings if not any(w.lower() in f.text.lower() for w in SEED_ERRORS)]
    for f in others:
        print(f"  also {f.code} {f.text!r} → {', '.join(f.suggestions[:2])}")
    print(f"seed recall: {found}/{len(SEED_ERRORS)} known errors; {len(findings)} findings in all")
    return found, len(SEED_ERRORS)


def eval_dev(config: Config, path: Path = DEV, sources: bool = False) -> None:
    """Recall on the error sentences and false alarms on their corrected twins;
    with ``sources``, each sentence is checked against its German construction."""
    if not path.exists():
        print(f"{path.name} absent")
        return
    rows = read_dev(path)
    german = [r["german"] + "\n" for r in rows] if sources else None
    errors = run([r["error"] + "\n" for r in rows], config, german)
    twins = run([r["corrected"] + "\n" for r in rows], config, german)
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for row, found, twin in zip(rows, errors, twins, strict=True):
        kind = row["kind"]
        span = row.get("span", "")
        hit = (
            any(span.lower() in f.text.lower() or f.text.lower() in span.lower() for f in found)
            if span
            else bool(found)
        )
        by_kind[kind]["n"] += 1
        by_kind[kind]["hit"] += hit
        by_kind[kind]["fa"] += bool(twin)
        if not hit:
            print(f"  MISS [{kind}] {row['error']}  (want {span!r})")
        for f in twin:
            print(f"  FALSE ALARM on twin [{kind}] {f.code} {f.text!r} in: {row['corrected']}")
    total = Counter()
    for kind, c in sorted(by_kind.items()):
        total.update(c)
        print(f"  {kind:14} recall {c['hit']}/{c['n']}  twin false alarms {c['fa']}/{c['n']}")
    print(
        f"dev recall: {total['hit']}/{total['n']} = {total['hit'] / total['n']:.0%}; "
        f"twin false-alarm rate {total['fa']}/{total['n']} = {total['fa'] / total['n']:.0%}"
    )


def eval_wmt(config: Config, hyps: bool, with_source: bool = False) -> None:
    if not WMT.exists():
        print(f"WMT22 data absent ({WMT}); skipping the precision measurement")
        return
    docs = read_wmt(WMT)
    texts = ["\n".join(d["ref"]) + "\n" for d in docs]  # type: ignore[arg-type]
    sources = ["\n".join(d["src"]) + "\n" for d in docs]  # type: ignore[arg-type]
    words = sum(count_words(t) for t in texts)
    started = time.perf_counter()
    results = run(texts, config)
    elapsed = time.perf_counter() - started
    codes: Counter[str] = Counter()
    for doc, findings in zip(docs, results, strict=True):
        for f in findings:
            codes[f.code] += 1
            print(
                f"  REF {doc['id']} {f.code} {f.text!r} → {', '.join(f.suggestions[:2])}"
                f" | {f.evidence[:110]}"
            )
    n = sum(codes.values())
    print(
        f"WMT22 refs: {words} words, {n} findings = {1000 * n / words:.2f} per 1,000 words "
        f"({dict(sorted(codes.items()))}); {elapsed:.1f} s"
    )
    if with_source:
        results = run(texts, config, sources)
        n = sum(len(r) for r in results)
        print(
            f"WMT22 refs with German source: {n} findings = {1000 * n / words:.2f} per 1,000 words"
        )
    if hyps:
        systems = sorted(docs[0]["hyps"])  # type: ignore[arg-type]
        for system in systems:
            texts = ["\n".join(d["hyps"].get(system, [])) + "\n" for d in docs]  # type: ignore[union-attr]
            results = run(texts, config)
            w = sum(count_words(t) for t in texts)
            n = sum(len(r) for r in results)
            print(f"  {system}: {n} findings = {1000 * n / w:.2f} per 1,000 words")
            for doc, findings in zip(docs, results, strict=True):
                for f in findings:
                    print(
                        f"    HYP {system} {doc['id']} {f.code} {f.text!r}"
                        f" → {', '.join(f.suggestions[:2])}"
                    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default="TQA-MT", help="rule code prefix(es), comma-separated")
    parser.add_argument("--no-wmt", action="store_true")
    parser.add_argument("--hyps", action="store_true", help="also run on the WMT22 MT outputs")
    parser.add_argument(
        "--with-source", action="store_true", help="also run with the German source"
    )
    args = parser.parse_args()
    config = Config(segmentation="lines", select=tuple(args.select.split(",")))
    print("== seed article")
    eval_seed(config)
    print("== dev set")
    eval_dev(config)
    print("== held-out set (not used to tune any rule)")
    eval_dev(config, HELDOUT)
    if args.with_source:
        print("== held-out set, each sentence with its German construction as the source")
        eval_dev(config, HELDOUT, sources=True)
    if not args.no_wmt:
        print("== WMT22 references")
        eval_wmt(config, args.hyps, args.with_source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
