"""Speed of the French grammar rules on the WMT22 de→fr references.

Prints the start-up cost (spaCy load, Grammalecte load) and words per second
of the spaCy parse, of tqa's own agreement rules on top of it, and of
Grammalecte. Not a test: numbers depend on the machine.

    python scripts/bench_grammar.py [--wmt PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_grammar import WMT, wmt_references  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt", type=Path, default=WMT)
    args = parser.parse_args()
    if not args.wmt.exists():
        print(f"WMT22 references not found at {args.wmt}: nothing to measure")
        return 0
    docs = wmt_references(args.wmt)
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
