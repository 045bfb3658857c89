#!/usr/bin/env python3
"""List the findings of some rules on the WMT22 machine translations outside
the accuracy annotation's test split, for reading them one by one.

The six MT systems' outputs of every WMT22 de→fr document whose id is not in
the test split of corpora/dev/accuracy-wmt22.jsonl are checked with their
German source. Each finding is printed with its system, document, context and
evidence, then a count per rule. This is how a new accuracy rule's precision
on real MT is read before it goes into the defaults (docs/accuracy.md quotes
these counts); the test split's documents are never looked at.

    python scripts/mt_findings.py TQA-ACC-017
    python scripts/mt_findings.py TQA-ACC-01 --systems Online-W,LT22

Exits 0 with a message when the WMT22 data is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt, test_documents  # noqa: E402

from tqa.config import Config  # noqa: E402
from tqa.model import Document  # noqa: E402
from tqa.pipeline import active_rules, check_document  # noqa: E402

CONTEXT = 50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("select", help="comma-separated rule codes or prefixes")
    parser.add_argument("--systems", default="", help="comma-separated system names (default: all)")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT}: not found; nothing measured")
        return 0
    config = dataclasses.replace(Config(), select=tuple(args.select.split(",")))
    rules, _ = active_rules(config)
    wanted = {s for s in args.systems.split(",") if s}
    held_out = test_documents()
    per_rule: Counter[str] = Counter()
    words = 0
    for doc in read_wmt():
        if doc.id in held_out:
            continue
        source = Document(f"{doc.id}.de", "\n".join(doc.src) + "\n")
        for system, lines in sorted(doc.hyps.items()):
            if wanted and system not in wanted:
                continue
            text = "\n".join(lines) + "\n"
            report = check_document(Document(doc.id, text), config, source=source, rules=rules)
            words += report.words
            for f in report.findings:
                per_rule[f.code] += 1
                context = text[max(0, f.start - CONTEXT) : f.end + CONTEXT // 2]
                print(
                    f"{f.code} {system:10} {doc.id[:28]:28} “{f.text}” | {context!r} [{f.evidence}]"
                )
    print(f"\n{sum(per_rule.values())} findings in {words} words of MT outside the test split")
    for code, n in sorted(per_rule.items()):
        print(f"  {code}  {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
