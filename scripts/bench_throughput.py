"""Words per second of every check after start-up, and where the time goes.

    python scripts/bench_throughput.py [--limit N] [--select CODES]
                                       [--reports DIR] [--compare DIR]

Checks the French references of the WMT22 de→fr test set
(../shared/data/wmt22-defr, one document per <doc>, a segment per line, as
``tqa check --segmentation lines`` does) in this process, after a warm-up
on the sample article, and prints the words per second per core (words /
CPU seconds: the machine may be shared) and per wall second, with the load
average, then the CPU time of each stage (language identification,
alignment, spaCy's parse, Grammalecte's engine, each check, the garbage
collector's passes) counted exclusively. The target is 5,000 words/s per
core with every check.

``--reports DIR`` writes each document's JSON report there; ``--compare
DIR`` checks that the reports are byte for byte those of an earlier run
(made with ``--reports`` by another version: findings must not change when
only speed does). Exits 0 without the data.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402

SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


class Stages:
    """CPU time charged to the innermost stage running (exclusive time)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[str] = ["other"]
        self.mark = time.process_time()

    def _switch(self) -> None:
        now = time.process_time()
        self.spent[self.stack[-1]] += now - self.mark
        self.mark = now

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._switch()
            self.stack.append(label)
            try:
                result = function(*args, **kwargs)
                if label.startswith("TQA-"):  # a check: its findings are a generator
                    result = list(result)
                return result
            finally:
                self._switch()
                self.stack.pop()

        return timed

    def collector(self, phase: str, info: dict[str, int]) -> None:
        """A ``gc.callbacks`` hook: the garbage collector's passes are a stage
        of their own, not charged to the check they happen to interrupt."""
        if phase == "start":
            self._switch()
            self.stack.append("garbage collector")
        elif self.stack[-1] == "garbage collector":
            self._switch()
            self.stack.pop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--select", default=None, help="checks to run (default: every check)")
    parser.add_argument("--reports", type=Path, default=None, help="write JSON reports here")
    parser.add_argument("--compare", type=Path, default=None, help="compare with reports here")
    parser.add_argument("--top", type=int, default=15, help="stages listed")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"{WMT} not found: nothing measured (the data lives in ../shared/data)")
        return 0

    from tqa import pipeline
    from tqa.backends import grammalecte, spacy_fr
    from tqa.config import Config
    from tqa.model import Document, Report
    from tqa.render.json_report import render

    config = Config(
        segmentation="lines", select=tuple(args.select.split(",")) if args.select else ()
    )
    rules, notes = pipeline.active_rules(config)
    documents = [
        Document(f"wmt22-{n:03d}.txt", "\n".join(" ".join(s.split()) for s in doc.ref) + "\n")
        for n, doc in enumerate(read_wmt())
        if doc.ref
    ][: args.limit]
    start = time.perf_counter()
    pipeline.check_document(
        Document("warm-up", SAMPLE.read_text(encoding="utf-8")), config, rules=rules, notes=notes
    )
    print(f"start-up and warm-up on the sample: {time.perf_counter() - start:.2f} s")

    stages = Stages()
    timed_rules = [replace(r, function=stages.wrap(r.code, r.function)) for r in rules]
    pipeline.analyse = stages.wrap("segment + identify", pipeline.analyse)  # type: ignore[assignment]
    pipeline.align_segments = stages.wrap("align", pipeline.align_segments)  # type: ignore[assignment]
    spacy_fr.Parses = stages.wrap("spaCy parse", spacy_fr.Parses)  # type: ignore[assignment,misc]
    # Grammalecte's own engine, apart from what TQA-GRM-010 does with its errors
    grammalecte.check = stages.wrap("Grammalecte engine", grammalecte.check)  # type: ignore[assignment]
    load = os.getloadavg()[0]
    gc.callbacks.append(stages.collector)
    wall, cpu = time.perf_counter(), time.process_time()
    stages.mark = cpu
    reports = [
        pipeline.check_document(doc, config, rules=timed_rules, notes=notes) for doc in documents
    ]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    gc.callbacks.remove(stages.collector)
    stages._switch()
    words = sum(r.words for r in reports)
    findings = sum(len(r.findings) for r in reports)
    print(
        f"{len(reports)} WMT22 reference documents, {words:,} words, {findings} findings: "
        f"{cpu:.1f} s CPU = {words / cpu:,.0f} words/s per core (target 5,000); "
        f"{wall:.1f} s wall = {words / wall:,.0f} words/s (load {load:.2f} → "
        f"{os.getloadavg()[0]:.2f})"
    )
    print("CPU time by stage (exclusive):")
    for label, spent in sorted(stages.spent.items(), key=lambda x: -x[1])[: args.top]:
        print(f"  {label:<22} {spent:7.2f} s  {100 * spent / cpu:5.1f} %")

    texts = {r.path: render(Report((r,), "bench")) for r in reports}
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
        for path, text in texts.items():
            (args.reports / f"{path}.json").write_text(text, encoding="utf-8")
    if args.compare:
        differ = [
            p for p, t in texts.items() if (args.compare / f"{p}.json").read_text("utf-8") != t
        ]
        print(f"reports identical to {args.compare}: {len(texts) - len(differ)}/{len(texts)}")
        if differ:
            print("  differ:", ", ".join(differ[:10]))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
