#!/usr/bin/env python3
"""Evaluate the form checks (TQA-FRM-*) and the grammar checks (TQA-GRM-*).

Precision: every finding on the professional French references of WMT22
de→fr (``<ref>`` only, one segment per line, one run per document) is listed
and looked up in corpora/dev/form-verdicts.tsv, where each was judged once by
reading it (right: a real error of the reference; wrong: a false alarm).
The script prints findings and false alarms per 1,000 words and the
precision per rule over the judged findings; new, unjudged findings are
listed so that they can be judged.

Recall: on the dev split of corpora/dev/accuracy-wmt22.jsonl (never the test
split), the annotated errors of the categories spelling, typography and
grammar that a finding overlaps. Each dev window of consecutive MT segments
of one document is checked as one document. Only counts are printed for the
MT text unless --show-missed is given.

    python scripts/eval_form.py [--select TQA-FRM,TQA-GRM] [--quiet] [--no-refs] [--no-dev]

The WMT22 data lives outside the project (../shared/data/wmt22-defr); without
it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402

from tqa.config import Config  # noqa: E402
from tqa.model import Document, DocumentReport, Finding  # noqa: E402
from tqa.pipeline import active_rules, check_document  # noqa: E402

VERDICTS = ROOT / "corpora" / "dev" / "form-verdicts.tsv"
ACCURACY = ROOT / "corpora" / "dev" / "accuracy-wmt22.jsonl"
RECALL_CATEGORIES = ("spelling", "typography", "grammar")


def key(doc: str, finding: Finding) -> tuple[str, str, str]:
    return (doc, finding.code, finding.text)


def read_verdicts(path: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(document, code, flagged text) → (verdict, note)."""
    if not path.exists():
        return {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = csv.DictReader(
        (line for line in lines if not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    return {(r["document"], r["code"], r["text"]): (r["verdict"], r.get("note", "")) for r in rows}


def run(text: str, config: Config, rules) -> DocumentReport:  # type: ignore[no-untyped-def]
    return check_document(Document("eval.txt", text), config, rules=rules)


def references(config: Config, rules, quiet: bool) -> int:  # type: ignore[no-untyped-def]
    verdicts = read_verdicts(VERDICTS)
    words = 0
    per_code: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    unjudged: list[str] = []
    started = time.perf_counter()
    for doc in read_wmt():
        lines = [seg.replace("\n", " ") for seg in doc.ref]
        report = run("\n".join(lines) + "\n", config, rules)
        words += report.words
        for finding in report.findings:
            per_code[finding.code] += 1
            line = lines[report.text[: finding.start].count("\n")]
            verdict, note = verdicts.get(key(doc.id, finding), ("", ""))
            if verdict == "right":
                right[finding.code] += 1
            elif verdict == "wrong":
                wrong[finding.code] += 1
            else:
                unjudged.append(f"{doc.id}\t{finding.code}\t{finding.text}\t?\t{line[:160]}")
            if not quiet:
                print(
                    f"  [{verdict or '?':>5}] {finding.code} “{finding.text}” → "
                    f"{list(finding.suggestions)[:2]} | {doc.id}{' | ' + note if note else ''}"
                )
                print(f"          {line[:200]}")
    elapsed = time.perf_counter() - started
    total = sum(per_code.values())
    print(
        f"WMT22 references: {words} words, {total} findings = "
        f"{1000 * total / max(words, 1):.2f} per 1,000 words; "
        f"false alarms {sum(wrong.values())} = {1000 * sum(wrong.values()) / max(words, 1):.2f} "
        f"per 1,000 words ({elapsed:.0f} s)"
    )
    for code in sorted(set(per_code) | {r.code for r in rules}):
        judged = right[code] + wrong[code]
        precision = f"{right[code] / judged:.0%}" if judged else "n/a"
        print(
            f"  {code}: {per_code[code]} findings, {wrong[code]} false alarms "
            f"({1000 * wrong[code] / max(words, 1):.2f} per 1,000 words), "
            f"precision {precision} ({right[code]}/{judged})"
        )
    if unjudged:
        print(f"{len(unjudged)} findings without a verdict in {VERDICTS.name}:")
        for row in unjudged:
            print("  " + row)
    return words


def dev_windows() -> list[tuple[str, str, list[dict]]]:  # type: ignore[type-arg]
    """Dev-split records grouped by (document, system), in segment order."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    with ACCURACY.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("split") != "dev":
                continue  # the test split is only measured by scripts/eval_accuracy.py
            groups[(record["doc"], record["system"])].append(record)
    return [(d, s, sorted(r, key=lambda x: x["seg"])) for (d, s), r in sorted(groups.items())]


def recall(config: Config, rules, show_missed: bool) -> None:  # type: ignore[no-untyped-def]
    docs = {doc.id: doc for doc in read_wmt()}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    findings_total = 0
    on_errors: Counter[str] = Counter()
    rule_findings: Counter[str] = Counter()
    for doc_id, system, records in dev_windows():
        hyps = docs[doc_id].hyps[system]
        lines = [hyps[r["seg"] - 1].replace("\n", " ") for r in records]
        report = run("\n".join(lines) + "\n", config, rules)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line) + 1)
        for index, record in enumerate(records):
            base = offsets[index]
            hits = [f for f in report.findings if base <= f.start < offsets[index + 1]]
            spans = [
                (base + e["start"], base + e["end"])
                for e in record["errors"]
                if e.get("start") is not None and e.get("end") is not None
            ]
            for f in hits:
                findings_total += 1
                rule_findings[f.code] += 1
                if any(lo < f.end and f.start < hi for lo, hi in spans):
                    on_errors[f.code] += 1
            for error in record["errors"]:
                category = error["category"]
                if category not in RECALL_CATEGORIES or error.get("start") is None:
                    continue
                lo, hi = base + error["start"], base + error["end"]
                total[category] += 1
                matched = [f for f in hits if f.start < max(hi, lo + 1) and lo < f.end]
                if matched:
                    found[category] += 1
                    for code in {f.code for f in matched}:
                        by_rule[code] += 1
                elif show_missed:
                    print(f"  missed [{category}] “{error['target']}” → “{error['correction']}”")
    print("dev split recall (errors a finding overlaps):")
    for category in RECALL_CATEGORIES:
        print(f"  {category:<11} {found[category]}/{total[category]}")
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"  together    {all_found}/{all_total} = {all_found / max(all_total, 1):.0%}")
    print("errors found per rule: " + ", ".join(f"{c} {n}" for c, n in sorted(by_rule.items())))
    print(
        "findings on an annotated error (any category) per rule: "
        + ", ".join(f"{c} {on_errors[c]}/{n}" for c, n in sorted(rule_findings.items()))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default="TQA-FRM,TQA-GRM")
    parser.add_argument("--quiet", action="store_true", help="do not list the reference findings")
    parser.add_argument("--no-refs", action="store_true")
    parser.add_argument("--no-dev", action="store_true")
    parser.add_argument("--show-missed", action="store_true", help="list missed dev errors")
    args = parser.parse_args()
    if not WMT.exists():
        print(f"WMT22 data not found at {WMT}: nothing to measure")
        return 0
    config = Config(segmentation="lines", select=tuple(args.select.split(",")))
    rules, notes = active_rules(config)
    for note in notes:
        print(f"note: {note.message}")
    if not args.no_refs:
        references(config, rules, args.quiet)
    if not args.no_dev:
        recall(config, rules, args.show_missed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
