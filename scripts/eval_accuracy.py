#!/usr/bin/env python3
"""Measure tqa against real MT errors annotated against the German source.

Data: corpora/dev/accuracy-wmt22.jsonl (365 WMT22 de-fr MT sentences, 616
errors, annotated blind before tqa ran on them; dev and test splits by
document) and its verdicts file corpora/dev/accuracy-verdicts.tsv (every
finding that matches no annotated error, judged once by a reviewer). The
texts come from ../shared/data/wmt22-defr.

Each window of consecutive sentences is checked as one document with its
German source (``--segmentation lines``, so line n of the MT is segment n).

- recall: an annotated error is found when a finding on its line overlaps
  its span (for an omission, which has no French span: a finding whose
  German span overlaps the omitted words), per category and per severity;
- precision per rule: a finding is right when it matches an annotated error
  or the verdicts file judges it right; unjudged findings are listed;
- ``--refs``: findings per 1,000 words on the WMT22 professional references
  (each document with its source), and how many documents pass the default
  gate and ``--fail-on major``; for each half of the documents (by the
  sha256 of the document id) and for all. Rules are tuned by reading the
  findings of half 1 (``--refs --refs-half 1 --show-findings``); half 2 is
  only measured;
- ``--systems``: the mean score of each WMT22 system (and the reference)
  over all 271 documents, against sacrebleu chrF, with Kendall's τ.

    python scripts/eval_accuracy.py                  # dev split
    python scripts/eval_accuracy.py --split test     # the test split: measure only
    python scripts/eval_accuracy.py --refs --systems
    python scripts/eval_accuracy.py --no-annotated --refs --refs-half 1 --show-findings
    python scripts/eval_accuracy.py --unjudged FILE  # write unjudged findings to judge
    python scripts/eval_accuracy.py --neural-model DIR|ID   # with a translation model

The neural checks (TQA-NEU-001, token confidence against the source) run
whenever a de→fr Marian model is named (``--neural-model``) or
Helsinki-NLP/opus-mt-de-fr is in the local Hugging Face cache (``--no-neural``
leaves them out); their precision is then printed by confidence band, which is
how their confidence mapping (tqa.checks.neural.confidence) is calibrated.

Exits 0 with a message when the WMT22 data is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, WmtDoc, half, read_wmt, sha  # noqa: E402

from tqa.config import Config  # noqa: E402
from tqa.model import Document, DocumentReport, Finding, count_words  # noqa: E402
from tqa.pipeline import active_rules, check_document  # noqa: E402

DEV = ROOT / "corpora" / "dev" / "accuracy-wmt22.jsonl"
VERDICTS = ROOT / "corpora" / "dev" / "accuracy-verdicts.tsv"
#: categories that the issue's "other than typography" leaves out
TYPOGRAPHY = ("fluency/punctuation", "locale-convention/", "fluency/inconsistency")


@dataclass
class Sentence:
    key: str
    split: str
    source: str
    mt: str
    errors: list[dict[str, object]]
    findings: list[Finding] = field(default_factory=list)
    src_offset: int = 0
    mt_offset: int = 0


def load(split: str) -> list[list[Sentence]]:
    """Windows (one per document and system) of annotated sentences, in order."""
    docs = {d.id: d for d in read_wmt()}
    windows: dict[tuple[str, str], list[Sentence]] = {}
    with DEV.open(encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            if "key" not in row or (split != "all" and row["split"] != split):
                continue
            doc = docs[row["doc"]]
            i = row["seg"] - 1
            source, mt = doc.src[i], doc.hyps[row["system"]][i]
            if sha(source) != row["source_sha"] or sha(mt) != row["mt_sha"]:
                raise SystemExit(f"{row['key']}: the WMT22 text differs from the annotated one")
            windows.setdefault((row["doc"], row["system"]), []).append(
                Sentence(row["key"], row["split"], source, mt, row["errors"])
            )
    return list(windows.values())


def check_window(window: list[Sentence], config: Config, rules: list) -> DocumentReport:  # type: ignore[type-arg]
    src_text, mt_text = "", ""
    for s in window:
        s.src_offset, s.mt_offset = len(src_text), len(mt_text)
        src_text += s.source + "\n"
        mt_text += s.mt + "\n"
    report = check_document(
        Document("mt", mt_text), config, source=Document("src", src_text), rules=rules
    )
    for finding in report.findings:
        line = mt_text.count("\n", 0, finding.start)
        if line < len(window):
            window[line].findings.append(finding)
    return report


def matches(sentence: Sentence, finding: Finding, error: dict[str, object]) -> bool:
    """Whether ``finding`` (document offsets of the window) hits ``error`` of
    ``sentence``: their French spans overlap, or their German spans do."""
    start, end = finding.start - sentence.mt_offset, finding.end - sentence.mt_offset
    e_start, e_end = error.get("start"), error.get("end")
    if isinstance(e_start, int) and isinstance(e_end, int):
        if start < e_end and e_start < max(end, start + 1):
            return True
    s_start, s_end = error.get("source_start"), error.get("source_end")
    if finding.source_start is not None and isinstance(s_start, int) and isinstance(s_end, int):
        f_start = finding.source_start - sentence.src_offset
        f_end = (finding.source_end or finding.source_start) - sentence.src_offset
        return f_start < s_end and s_start < max(f_end, f_start + 1)
    return False


def verdict_key(sentence: Sentence, finding: Finding) -> tuple[str, str, str]:
    return sentence.key, finding.code, finding.text


def load_verdicts() -> dict[tuple[str, str, str], str]:
    if not VERDICTS.exists():
        return {}
    with VERDICTS.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return {
        (row["key"], row["code"], row["text"]): row["verdict"]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    }


def evaluate(split: str, config: Config, args: argparse.Namespace) -> None:
    rules, notes = active_rules(config)
    for note in notes:
        print(f"  note: {note.message}")
    windows = load(split)
    started = time.perf_counter()
    for window in windows:
        check_window(window, config, rules)
    elapsed = time.perf_counter() - started
    sentences = [s for w in windows for s in w]
    words = sum(count_words(s.mt) for s in sentences)
    verdicts = load_verdicts()
    found: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    unjudged: list[tuple[Sentence, Finding]] = []
    missed: list[tuple[Sentence, dict[str, object]]] = []
    window_of = {id(s): w for w in windows for s in w}

    def window_findings(s: Sentence) -> list[Finding]:
        return [f for other in window_of[id(s)] for f in other.findings]

    for s in sentences:
        for error in s.errors:
            hit = any(matches(s, f, error) for f in window_findings(s))
            for dim in (("category", str(error["category"])), ("severity", str(error["severity"]))):
                total[dim] += 1
                found[dim] += hit
            if not hit:
                missed.append((s, error))
        for f in s.findings:
            if any(matches(o, f, e) for o in window_of[id(s)] for e in o.errors):
                by_rule[f.code]["right"] += 1
                continue
            verdict = verdicts.get(verdict_key(s, f))
            if verdict in ("right", "wrong"):
                by_rule[f.code][verdict] += 1
            else:
                by_rule[f.code]["unjudged"] += 1
                unjudged.append((s, f))
    print(
        f"\n== {split} split: {len(sentences)} sentences, {words} words, "
        f"{sum(len(s.errors) for s in sentences)} annotated errors; "
        f"checked in {elapsed:.1f} s =="
    )
    print("\nRecall by severity:")
    for sev in ("critical", "major", "minor"):
        key = ("severity", sev)
        if total[key]:
            print(f"  {sev:<9} {found[key]:>4}/{total[key]:<4} {found[key] / total[key]:6.1%}")
    major = sum(found[("severity", s)] for s in ("critical", "major"))
    major_total = sum(total[("severity", s)] for s in ("critical", "major"))
    print(f"  major+critical {major}/{major_total} = {major / max(1, major_total):.1%}")
    print("\nRecall by category:")
    for (dim, name), n in sorted(total.items()):
        if dim == "category":
            print(f"  {name:<15} {found[(dim, name)]:>4}/{n:<4} {found[(dim, name)] / n:6.1%}")
    non_typo = [k for k in total if k[0] == "category" and k[1] != "typography"]
    nt_found, nt_total = sum(found[k] for k in non_typo), sum(total[k] for k in non_typo)
    print(f"  all but typography {nt_found}/{nt_total} = {nt_found / max(1, nt_total):.1%}")
    print("\nPrecision by rule (right = matches an annotated error or judged right):")
    all_right = all_judged = 0
    for code in sorted(by_rule):
        c = by_rule[code]
        judged = c["right"] + c["wrong"]
        all_right += c["right"]
        all_judged += judged
        share = f"{c['right'] / judged:6.1%}" if judged else "   n/a"
        print(
            f"  {code:<12} {c['right']:>4} right {c['wrong']:>4} wrong "
            f"{c['unjudged']:>4} unjudged  precision {share}"
        )
    print(f"  all rules: {all_right}/{all_judged} = {all_right / max(1, all_judged):.1%} right")
    if config.neural_model:
        calibration(sentences, window_of, verdicts)
    if args.show_missed:
        print("\nMissed errors:")
        for s, e in missed:
            if args.show_missed == "major" and e["severity"] == "minor":
                continue
            print(
                f"  {s.key} [{e['category']}/{e['severity']}] “{e['target']}” ← “{e['source']}”: {e['note']}"
            )
    if unjudged:
        print(f"\n{len(unjudged)} findings match no annotated error and have no verdict yet")
        if args.unjudged:
            with open(args.unjudged, "w", encoding="utf-8") as handle:
                for s, f in unjudged:
                    handle.write(
                        json.dumps(
                            {
                                "key": s.key,
                                "code": f.code,
                                "text": f.text,
                                "message": f.message,
                                "evidence": f.evidence,
                                "suggestions": list(f.suggestions),
                                "source": s.source,
                                "mt": s.mt,
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
            print(f"  written to {args.unjudged}")
        elif args.show_findings:
            for s, f in unjudged:
                print(f"  {s.key} {f.code} “{f.text}”: {f.message} [{f.evidence}]")


def check_docs(
    docs: Iterable[WmtDoc],
    side: str,
    config: Config,
    rules: list,  # type: ignore[type-arg]
) -> list[DocumentReport]:
    reports = []
    for doc in docs:
        target = doc.ref if side == "ref" else doc.hyps[side]
        reports.append(
            check_document(
                Document(doc.id, "\n".join(target) + "\n"),
                config,
                source=Document("src", "\n".join(doc.src) + "\n"),
                rules=rules,
            )
        )
    return reports


def _typography(finding: Finding) -> bool:
    return finding.category.startswith(TYPOGRAPHY) or finding.code.startswith("TQA-TYP")


def references(config: Config, args: argparse.Namespace) -> None:
    """False alarms on the professional references, for each half of the
    documents (wmt22.half) and for all: rules are tuned by reading the
    findings of half 1 (``--refs-half 1 --show-findings``); half 2 is only
    measured."""
    rules, _ = active_rules(config)
    docs = [d for d in read_wmt() if args.refs_half in (None, half(d.id))]
    started = time.perf_counter()
    reports = check_docs(docs, "ref", config, rules)
    elapsed = time.perf_counter() - started
    halves = [half(d.id) for d in docs]
    shown = sorted(set(halves))
    words: Counter[int] = Counter()
    other: Counter[int] = Counter()
    codes: dict[str, Counter[int]] = defaultdict(Counter)
    for h, r in zip(halves, reports, strict=True):
        words[h] += r.words
        for f in r.findings:
            codes[f.code][h] += 1
            other[h] += not _typography(f)
    total_words = sum(words.values())
    passed = sum(r.score.passed for r in reports)
    no_major = sum(
        not any(f.severity in ("major", "critical") for f in r.findings) for r in reports
    )
    which = f"half {args.refs_half}" if args.refs_half else "all"
    print(
        f"\n== WMT22 references with their sources ({which}): {len(reports)} documents, "
        f"{total_words} words, checked in {elapsed:.1f} s =="
    )
    columns = [(f"half {h}", (h,)) for h in shown]
    if len(shown) > 1:
        columns.append(("all", tuple(shown)))

    def per_k(n: int, hs: tuple[int, ...]) -> str:
        w = sum(words[h] for h in hs)
        return f"{n:>4} {1000 * n / w:5.2f}/1k" if w else "   0"

    print("  findings other than typography per 1,000 words:")
    for label, hs in columns:
        n = sum(other[h] for h in hs)
        print(
            f"    {label:<7} {sum(halves.count(h) for h in hs):>4} documents "
            f"{sum(words[h] for h in hs):>6} words  {per_k(n, hs)}"
        )
    print(f"  pass the default gate: {passed}/{len(reports)}")
    print(f"  pass --fail-on major: {no_major}/{len(reports)}")
    print("  per rule" + "".join(f"{label:>14}" for label, _ in columns))
    ordered = sorted(codes, key=lambda c: (-sum(codes[c].values()), c))
    for code in ordered:
        mark = "  (typography)" if code.startswith("TQA-TYP") else ""
        cells = "".join(f"{per_k(sum(codes[code][h] for h in hs), hs):>14}" for _, hs in columns)
        print(f"    {code:<12}{cells}{mark}")
    if args.show_findings:
        for h, r in zip(halves, reports, strict=True):
            for f in r.findings:
                if not _typography(f):
                    print(
                        f"  [{h}] {r.path} {f.code} {f.severity} “{f.text}”: "
                        f"{f.message} [{f.evidence}]"
                    )


def kendall_tau(a: list[float], b: list[float]) -> float:
    concordant = discordant = 0
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            s = (a[i] - a[j]) * (b[i] - b[j])
            concordant += s > 0
            discordant += s < 0
    pairs = len(a) * (len(a) - 1) / 2
    return (concordant - discordant) / pairs if pairs else 0.0


def systems(config: Config) -> None:
    import sacrebleu

    rules, _ = active_rules(config)
    docs = read_wmt()
    refs = [s for d in docs for s in d.ref]
    names = sorted(docs[0].hyps)
    rows = []
    for name in [*names, "ref"]:
        reports = check_docs(docs, name, config, rules)
        mean = sum(r.score.value for r in reports) / len(reports)
        passed = sum(r.score.passed for r in reports)
        per_k = 1000 * sum(len(r.findings) for r in reports) / sum(r.words for r in reports)
        if name == "ref":
            chrf = float("nan")
        else:
            hyps = [s for d in docs for s in d.hyps[name]]
            chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
        rows.append((name, chrf, mean, passed, per_k))
    print(f"\n== Systems: mean tqa score over {len(docs)} documents (with sources) ==")
    print(f"  {'system':<10} {'chrF':>6} {'score':>7} {'pass':>5} {'findings/1k':>12}")
    for name, chrf, mean, passed, per_k in sorted(rows, key=lambda r: -r[2]):
        print(f"  {name:<10} {chrf:6.2f} {mean:7.2f} {passed:5d} {per_k:12.2f}")
    mt = [r for r in rows if r[0] != "ref"]
    tau = kendall_tau([r[1] for r in mt], [r[2] for r in mt])
    print(f"  Kendall τ (mean score vs chrF, {len(mt)} systems): {tau:.3f}")


def calibration(
    sentences: list[Sentence],
    window_of: dict[int, list[Sentence]],
    verdicts: dict[tuple[str, str, str], str],
) -> None:
    """Precision of the translation model's findings by confidence band: a
    calibrated band is right about as often as its confidence says. A finding
    folded into another rule's (tqa.merge.corroborate) counts with that rule."""
    bands: dict[float, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for f in s.findings:
            if not f.code.startswith("TQA-NEU"):
                continue
            band = int(f.confidence * 10 + 1e-9) / 10  # 0.75 is in the 0.7 band
            if any(matches(o, f, e) for o in window_of[id(s)] for e in o.errors):
                bands[band]["right"] += 1
            else:
                bands[band][verdicts.get(verdict_key(s, f), "unjudged")] += 1
    print("\nTranslation-model findings by confidence band (calibration):")
    if not bands:
        print("  none")
    for band in sorted(bands):
        c = bands[band]
        judged = c["right"] + c["wrong"]
        share = f"{c['right'] / judged:6.1%}" if judged else "   n/a"
        print(
            f"  confidence {band:.1f}: {c['right']:>4} right {c['wrong']:>4} wrong "
            f"{c['unjudged']:>4} unjudged  precision {share}"
        )


def neural_options(args: argparse.Namespace) -> dict[str, str]:
    """Config fields of the translation models: named, or the opus-mt ones when cached."""
    from tqa.backends import marian

    if args.no_neural:
        return {}
    model = args.neural_model
    if model is None and marian.locate(marian.DEFAULT_MODELS[0]):
        model = marian.DEFAULT_MODELS[0]
    if model is None:
        print("  note: no translation model on disk; the neural checks are left out")
        return {}
    if marian.missing_packages():
        print(f"  note: {model} is on disk but {marian.INSTALL} is missing; neural checks left out")
        return {}
    print(f"  translation model: {model} (device {args.device})")
    return {"neural_model": model, "device": args.device}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--no-annotated", action="store_true", help="skip the annotated set")
    parser.add_argument("--refs", action="store_true", help="false alarms on the references")
    parser.add_argument(
        "--refs-half",
        type=int,
        choices=(1, 2),
        help="with --refs: only the documents of this half (1: read to tune, 2: measure only)",
    )
    parser.add_argument("--systems", action="store_true", help="rank the WMT22 systems")
    parser.add_argument("--select", help="comma-separated rule codes or prefixes")
    parser.add_argument("--show-missed", nargs="?", const="all", choices=("all", "major"))
    parser.add_argument("--show-findings", action="store_true")
    parser.add_argument("--unjudged", help="write unjudged findings (JSON lines) to this file")
    parser.add_argument(
        "--write-docs",
        metavar="FILE",
        help="also write what is printed to FILE (Markdown), e.g. docs/accuracy-figures.md",
    )
    parser.add_argument("--neural-model", metavar="ID|DIR", help="de→fr Marian model")
    parser.add_argument("--no-neural", action="store_true", help="leave the neural checks out")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = parser.parse_args()
    if args.write_docs:
        return _tee(args)
    if not WMT.exists():
        print(f"{WMT} not found: the WMT22 data is not beside the project; nothing to measure")
        return 0
    select = tuple(c.strip().upper() for c in args.select.split(",")) if args.select else ()
    config = Config(segmentation="lines", select=select, **neural_options(args))
    if not args.no_annotated:
        evaluate(args.split, config, args)
    if args.refs:
        references(config, args)
    if args.systems:
        systems(config)
    return 0


def _tee(args: argparse.Namespace) -> int:
    """Run again with the same options, printing and keeping the output in a
    generated Markdown file (the figures in the docs are never typed by hand)."""
    import contextlib
    import io
    import shlex

    target = Path(args.write_docs)
    argv = [a for a in sys.argv[1:] if a != "--write-docs" and a != args.write_docs]
    buffer = io.StringIO()

    class Tee(io.TextIOBase):
        def write(self, text: str) -> int:
            sys.__stdout__.write(text)
            return buffer.write(text)

    with contextlib.redirect_stdout(Tee()):
        sys.argv = [sys.argv[0], *argv]
        status = main()
    command = "python scripts/eval_accuracy.py " + " ".join(shlex.quote(a) for a in argv)
    target.write_text(
        "# Accuracy figures (generated)\n\n"
        f"Written by `{command.strip()} --write-docs {args.write_docs}`; do not edit by hand.\n\n"
        "```\n" + buffer.getvalue().strip() + "\n```\n",
        encoding="utf-8",
    )
    return status


if __name__ == "__main__":
    raise SystemExit(main())
