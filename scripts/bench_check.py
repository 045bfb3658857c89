"""Speed of the foundation: start-up, the sample article, words/s.

    python scripts/bench_check.py [--select TQA-MIX,TQA-TYP]

1. `tqa --help` wall time (best of 5 processes);
2. `tqa check` of the sample article, whole process (best of 3), with the
   selected checks and with every check;
3. words/s of the selected checks after start-up on the French references of
   ../shared/data/wmt22-defr concatenated into one document (skipped when
   the data is absent).
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
WMT = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"
TQA = [sys.executable, "-m", "tqa.cli"]


def best_of(n: int, command: list[str]) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def wmt_references() -> str:
    root = ET.parse(WMT).getroot()
    docs = []
    for doc in root.iter("doc"):
        ref = doc.find("ref")
        if ref is not None:
            docs.append("\n".join((seg.text or "").strip() for seg in ref.iter("seg")))
    return "\n\n".join(docs) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--select", default="TQA-MIX,TQA-TYP", help="checks measured (foundation by default)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list the findings on WMT22")
    args = parser.parse_args()

    print(f"tqa --help: {best_of(5, [*TQA, '--help']):.2f} s (target < 0.5 s)")
    seed = [*TQA, "check", str(SEED), "--format", "json"]
    print(
        f"tqa check sample --select {args.select}: {best_of(3, [*seed, '--select', args.select]):.2f} s "
        "(target < 3 s)"
    )
    print(f"tqa check sample, every check: {best_of(3, seed):.2f} s")

    if not WMT.exists():
        print(f"{WMT} not found: words/s not measured (the data lives in ../shared/data)")
        return 0
    from tqa.config import Config
    from tqa.model import Document, count_words
    from tqa.pipeline import active_rules, check_document

    config = Config(select=tuple(args.select.split(",")))
    rules, notes = active_rules(config)
    text = wmt_references()
    words = count_words(text)
    check_document(
        Document("warm-up", SEED.read_text(encoding="utf-8")), config, rules=rules, notes=notes
    )
    start = time.perf_counter()
    report = check_document(Document("wmt22-refs", text), config, rules=rules, notes=notes)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    codes = sorted({f.code for f in report.findings})
    print(
        f"WMT22 references: {words:,} words, {len(report.segments):,} segments in {elapsed:.2f} s = "
        f"{words / elapsed:,.0f} words/s after start-up (target ≥ 20,000); peak RSS {peak:.0f} MB"
    )
    print(
        f"  {len(report.findings)} findings ({1000 * len(report.findings) / words:.2f} per 1,000 words): "
        + ", ".join(f"{c}×{sum(f.code == c for f in report.findings)}" for c in codes)
    )
    if args.verbose:
        for f in report.findings:
            print("   ", f.code, re.sub(r"\s+", " ", text[max(0, f.start - 30) : f.end + 30]))
    # false alarms as a user meets them: one report per article, so that
    # per-document conventions (final punctuation in chat threads) apply
    per_doc = [
        finding
        for i, doc in enumerate(text.split("\n\n"))
        for finding in check_document(
            Document(f"doc{i}", doc + "\n"), config, rules=rules, notes=notes
        ).findings
    ]
    codes = sorted({f.code for f in per_doc})
    print(
        f"  checked one document at a time: {len(per_doc)} findings "
        f"({1000 * len(per_doc) / words:.2f} per 1,000 words): "
        + ", ".join(f"{c}×{sum(f.code == c for f in per_doc)}" for c in codes)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
