#!/usr/bin/env python3
"""Speed of the form checks (TQA-FRM-*) on the WMT22 de→fr references.

Segments and languages are computed first (what every check shares); then
the form rules alone are timed, cold (empty hunspell/wordfreq caches, first
pass) and warm (second pass). Not a test: numbers depend on the machine.

    python scripts/bench_form.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402


def main() -> int:
    if not WMT.exists():
        print(f"WMT22 data not found at {WMT}: nothing to measure")
        return 0
    from tqa.checks import CheckInput, all_rules
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import analyse

    config = Config(segmentation="lines")
    inputs = []
    words = 0
    for doc in read_wmt():
        document = Document(doc.id, "\n".join(s.replace("\n", " ") for s in doc.ref) + "\n")
        segments = analyse(document, config)
        words += sum(s.words for s in segments)
        inputs.append(CheckInput(document, segments, config))
    rules = [r for r in all_rules() if r.code.startswith("TQA-FRM")]
    for label in ("cold", "warm"):
        started = time.perf_counter()
        findings = sum(len(list(rule.function(check))) for check in inputs for rule in rules)
        elapsed = time.perf_counter() - started
        print(
            f"form rules ({len(rules)}), {label}: {words} words in {elapsed:.2f} s = "
            f"{words / elapsed:,.0f} words/s ({findings} findings)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
