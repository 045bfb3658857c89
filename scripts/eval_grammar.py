"""Evaluate tqa's French grammar rules (TQA-GRM-*).

Precision: findings per 1,000 words on the professional French references of
WMT22 de→fr (../shared/data/wmt22-defr/wmttest2022.de-fr.all.xml), every
finding listed so false alarms can be inspected. Recall: share of the error
sentences of corpora/dev/grammar-dev.tsv on which the expected word is
flagged, and the false-alarm rate on their corrected twins.

    python scripts/eval_grammar.py [--wmt PATH] [--dev PATH] [--select TQA-GRM] [--quiet]

Without the WMT22 file the precision part says so and is skipped (exit 0).
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"
DEV = ROOT / "corpora" / "dev" / "grammar-dev.tsv"


def wmt_references(path: Path) -> list[list[str]]:
    """The French reference segments, one list per WMT document."""
    docs = []
    for doc in ET.parse(path).getroot().iter("doc"):
        for ref in doc.findall("ref"):
            if ref.get("lang") == "fr":
                docs.append([(seg.text or "").replace("\n", " ") for seg in ref.iter("seg")])
                break
    return docs


def read_dev(path: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, error, corrected, span = line.split("\t")
        if kind == "type":
            continue
        rows.append((kind, error, corrected, span))
    return rows


def run(lines: list[str], config):  # type: ignore[no-untyped-def]
    from tqa.model import Document
    from tqa.pipeline import active_rules, check_document

    rules, notes = active_rules(config)
    for note in notes:
        print(f"note: {note.message}")
    return check_document(Document("eval.txt", "\n".join(lines) + "\n"), config, rules=rules)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt", type=Path, default=WMT)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--select", default="TQA-GRM")
    parser.add_argument("--quiet", action="store_true", help="do not list the WMT22 findings")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tqa.config import Config

    config = Config(segmentation="lines", select=tuple(args.select.split(",")))

    dev = read_dev(args.dev)
    errors = run([row[1] for row in dev], config)
    twins = run([row[2] for row in dev], config)
    caught, by_type, total_by_type = 0, Counter(), Counter()
    for index, (kind, error, _corrected, span) in enumerate(dev):
        total_by_type[kind] += 1
        hits = [f for f in errors.findings if f.segment == index]
        if any(span in f.text or f.text in span for f in hits):
            caught += 1
            by_type[kind] += 1
        elif not args.quiet:
            print(f"  missed [{kind}] {error}  (expected “{span}”; got {[f.text for f in hits]})")
    false_twins = sorted({f.segment for f in twins.findings})
    for index in false_twins:
        hits = [f"{f.code} “{f.text}”" for f in twins.findings if f.segment == index]
        print(f"  twin false alarm: {dev[index][2]}  {hits}")
    print(f"dev recall: {caught}/{len(dev)} = {caught / len(dev):.1%} of error sentences")
    for kind in sorted(total_by_type):
        print(f"  {kind:<14} {by_type[kind]}/{total_by_type[kind]}")
    print(
        f"dev twin false alarms: {len(false_twins)}/{len(dev)} = {len(false_twins) / len(dev):.1%}"
    )

    if not args.wmt.exists():
        print(f"WMT22 references not found at {args.wmt}: precision not measured")
        return 0
    docs = wmt_references(args.wmt)
    words = 0
    findings = []
    started = time.perf_counter()
    for lines in docs:
        report = run(lines, config)
        words += report.words
        findings.extend(report.findings)
        if not args.quiet:
            for f in report.findings:
                line = report.text[: f.start].count("\n")
                print(f"  {f.code} “{f.text}” → {list(f.suggestions)} | {f.evidence}")
                print(f"      {lines[line]}")
    elapsed = time.perf_counter() - started
    per_code = Counter(f.code for f in findings)
    print(
        f"WMT22 refs: {len(docs)} documents, {words} words, {len(findings)} findings = "
        f"{1000 * len(findings) / max(words, 1):.2f} per 1,000 words ({elapsed:.0f} s)"
    )
    for code, count in sorted(per_code.items()):
        print(f"  {code}: {count} ({1000 * count / max(words, 1):.2f} per 1,000 words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
