"""Speed of the French grammar rules on the WMT22 de→fr references.

Prints the start-up cost (spaCy load, Grammalecte load) and words per second
of the spaCy parse, of tqa's own agreement rules on top of it, and of
Grammalecte. Not a test: numbers depend on the machine.

    python scripts/bench_grammar.py [--wmt PATH] [--pipeline]

``--pipeline`` times every TQA-GRM rule through tqa's pipeline instead
(CPU seconds, against a run of one cheap rule as the baseline).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402


def wmt_references(path: Path) -> list[list[str]]:
    return [[s.replace("\n", " ") for s in doc.ref] for doc in read_wmt(path)]


def pipeline_speed(docs: list[list[str]], select: str) -> None:
    """CPU and wall time of ``tqa check --select SELECT`` on every document,
    in one process, after start-up (the parse included: it is the grammar
    checks' cost)."""
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import active_rules, check_document

    config = Config(select=(select,))
    rules = active_rules(config)[0]
    check_document(Document("warm", "Le ministre est arrivé.\n"), config, rules=rules)
    wall, cpu = time.perf_counter(), time.process_time()
    words = findings = 0
    for lines in docs:
        report = check_document(Document("bench", "\n".join(lines) + "\n"), config, rules=rules)
        words += report.words
        findings += len(report.findings)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"tqa check --select {select}: {words} words, {findings} findings, "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU = {words / cpu:,.0f} words per CPU second"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt", type=Path, default=WMT)
    parser.add_argument(
        "--pipeline", action="store_true", help="only time every TQA-GRM rule through the pipeline"
    )
    args = parser.parse_args()
    if not args.wmt.exists():
        print(f"WMT22 references not found at {args.wmt}: nothing to measure")
        return 0
    docs = wmt_references(args.wmt)
    if args.pipeline:
        import os

        pipeline_speed(docs, "TQA-MIX-001")  # reading, segmenting, identifying: the baseline
        pipeline_speed(docs, "TQA-GRM")
        print(f"load average {os.getloadavg()[0]:.1f}")
        return 0
    segments = [s for doc in docs for s in doc]
    words = sum(len(s.split()) for s in segments)

    from tqa.backends import grammalecte, spacy_fr

    started = time.perf_counter()
    nlp = spacy_fr.load()
    print(f"spaCy load: {time.perf_counter() - started:.1f} s ({spacy_fr.available_model()})")
    started = time.perf_counter()
    parsed = list(nlp.pipe(segments, batch_size=64))
    parse_s = time.perf_counter() - started
    print(f"spaCy parse: {words} words in {parse_s:.1f} s = {words / parse_s:,.0f} words/s")

    from tqa.checks import CheckInput, all_rules, grammar_parse
    from tqa.config import Config
    from tqa.model import Document, Segment

    rules = [r for r in all_rules() if r.code.startswith("TQA-GRM-00")]
    config = Config()
    started = time.perf_counter()
    for lines in docs:
        text, segs, at = "", [], 0
        for i, line in enumerate(lines):
            segs.append(Segment(i, at, at + len(line), line, "line", i, lang="fr"))
            text += line + "\n"
            at += len(line) + 1
        check = CheckInput(Document("bench", text), tuple(segs), config)
        for declared in rules:
            list(declared.function(check))
    rules_s = time.perf_counter() - started
    print(
        f"parse + rules GRM-001..006 (cold caches): {words / rules_s:,.0f} words/s ({rules_s:.1f} s)"
    )
    del parsed

    started = time.perf_counter()
    grammalecte.load()
    print(f"Grammalecte load: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for segment in segments:
        grammalecte.check(segment)
    gl_s = time.perf_counter() - started
    print(f"Grammalecte: {words / gl_s:,.0f} words/s ({gl_s:.1f} s)")
    grammar_parse._parse.cache_clear()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
