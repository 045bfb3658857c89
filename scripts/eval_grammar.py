"""Evaluate tqa's French grammar checks (TQA-GRM-*) against Grammalecte alone.

Three data sets, none written for tqa:

1. Grammalecte's own rule tests: the TEST lines of its rules source
   ``fr-rules.txt``, shipped in Debian's ``libreoffice-grammalecte`` package
   (GPL-3.0-or-later). The file is read where it lies, never copied into tqa:
   ``bash scripts/fetch_grammalecte_tests.sh`` unpacks it into
   ``~/.cache/tqa/grammalecte`` (download only, no LibreOffice), or give its
   path with ``--grammalecte-tests``. A line with ``{{…}}`` marks an error;
   a line without is a correct sentence. Each test is put in a class by the
   rule family it tests (determiner–noun, noun–adjective, participle,
   subject–verb, verb form, confusion); the tests after the rules (sentences
   taken from LanguageTool, literary texts) by what Grammalecte reports there.
   Split: by rule (sha256 of its name; line number outside rules), so that
   the tests of one rule are all dev or all test.
2. The grammar errors of the project's blind WMT22 annotation
   (corpora/dev/accuracy-wmt22.jsonl, texts in ../shared/data), split by its
   ``split`` field (by document).
3. The professional French references of WMT22 de→fr: findings per 1,000
   words, every one listed (they are mostly false alarms).

4. With ``--messages``: the French message catalogues Debian installs
   (``/usr/share/locale/fr/LC_MESSAGES/*.mo``: coreutils, bash, apt, GTK,
   PostgreSQL…; translated by their projects' French teams, each under its
   package's licence), read where they lie: interface labels, option
   descriptions ("Définit le nom du programme") and headings, neither dev nor
   test data. Every string of at least two words without a format
   placeholder is one paragraph; the findings of the rules named in
   ``WATCHED`` are counted for tqa and Grammalecte alone and tqa's listed,
   and so is every finding of the own rules on by default (GRM-001, GRM-005).

Measured in one run: tqa as configured by default (every TQA-GRM rule,
the default Grammalecte families), Grammalecte alone (every grammar family,
typography and style off, nothing filtered), each own rule (GRM-001…006)
alone and each Grammalecte family inside tqa alone.

    python scripts/eval_grammar.py [--split dev|test] [--grammalecte-tests PATH]
        [--fragments] [--write-families] [--list] [--limit N] [--messages [DIR]]
        [--mt [SYSTEMS]]

``--mt`` lists the own rules' findings on the WMT22 MT of the documents
outside the annotation's test split (all six systems, or those named), with
whether Grammalecte alone finds the same. ``--fragments`` also checks every test sentence without its final
punctuation. ``--write-families`` rewrites corpora/lexicon/grammalecte-families.tsv
from the dev figures (keep a family when its precision on the rule tests is
at least 0.9 and it reports at most 0.3 findings per 1,000 words on the WMT22
references). Absent data is said and skipped (exit 0).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import ANNOTATION, WMT, read_wmt, test_documents  # noqa: E402

FAMILIES_TSV = ROOT / "corpora" / "lexicon" / "grammalecte-families.tsv"
TEST_PATHS = (
    "/usr/lib/libreoffice/share/extensions/grammalecte/fr-rules.txt",
    str(
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "tqa/grammalecte/fr-rules.txt"
    ),
)
OWN = ("TQA-GRM-001", "TQA-GRM-002", "TQA-GRM-003", "TQA-GRM-004", "TQA-GRM-005", "TQA-GRM-006")
#: Grammalecte families and the error class their tests fall in
CLASS_OF = {
    "conj": "subject-verb",
    "ppas": "participle",
    "infi": "verb-form",
    "imp": "verb-form",
    "inte": "verb-form",
    "vmode": "verb-form",
    "conf": "confusion",
    "loc": "confusion",
    "eleu": "other",
}
DETERMINERS = frozenset(
    "le la les l un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre "
    "nos votre vos leur leurs quel quelle quels quelles chaque plusieurs quelque quelques aucun "
    "aucune certains certaines nul nulle tout toute tous toutes".split()
)
MESSAGES = Path("/usr/share/locale/fr/LC_MESSAGES")
#: Grammalecte rules whose findings on the message catalogues are counted and listed
WATCHED = ("gn_start_2m", "gn_start_3m", "imp_verbe_groupe2_groupe3_t")
#: a family is on by default from these figures on (dev split)
MIN_PRECISION = 0.9
MAX_REF_RATE = 0.3
BATCH = 200


@dataclass
class Case:
    text: str
    spans: list[tuple[int, int]]
    family: str | None
    rule: str
    split: str
    cls: str = ""
    hits: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)


def _split(key: str) -> str:
    return "dev" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "test"


_RULE = re.compile(r"__(?:[\[<][^\]>]*[\]>]/?(\w*)\(([^)]*)\)|([^_\s][^\s]*?))(?:!\d+)?__")
_ACTION = re.compile(r"<<-[^/]*?/(\w+)/")
_SECTION = re.compile(r"^!!!\s+(\S.*?)\s*$")


def grammalecte_tests(path: Path) -> list[Case]:
    """Every TEST line of Grammalecte's rules source, with its expected spans."""
    cases = []
    family: str | None = None
    rule = ""
    after_rules = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("@@@@END_GRAPH"):
            after_rules = True  # until the next graph: the last one ends the rules
        elif line.startswith("@@@@GRAPH"):
            after_rules = False
        if after_rules:
            section = _SECTION.match(line)
            if section:
                family, rule = None, "section:" + section.group(1)
        elif line.startswith("__"):
            found = _RULE.match(line)
            if found:
                family = found.group(1) or None
                rule = found.group(2) or found.group(3)
        elif (action := _ACTION.search(line)) and "TEST:" not in line:
            family = action.group(1)
        if not line.lstrip().startswith("TEST:"):
            continue
        body = line.lstrip()[5:].strip()
        if body.startswith("__"):
            continue  # a test that needs an option switched on
        body = body.split("->>")[0].rstrip()
        text, spans = _spans(body)
        if not text.strip() or "{{" in text or "}}" in text:
            continue
        key = rule if not after_rules else f"line {number}"
        cases.append(Case(text, spans, family, rule, _split(key)))
    return cases


def _spans(body: str) -> tuple[str, list[tuple[int, int]]]:
    out, spans, position = [], [], 0
    for match in re.finditer(r"\{\{(.*?)\}\}", body):
        out.append(body[position : match.start()])
        start = sum(len(p) for p in out)
        out.append(match.group(1))
        spans.append((start, start + len(match.group(1))))
        position = match.end()
    out.append(body[position:])
    return "".join(out), spans


def classify(case: Case, alone: list[tuple[int, int, str]]) -> str:
    """The error class of a test: from its rule's family, or (tests outside the
    rules) from the family Grammalecte reports on its span."""
    if not case.spans:
        return "correct"
    family = case.family
    if family is None:
        families = [f for s, e, f in alone if any(s < b and a < e for a, b in case.spans)]
        family = families[0] if families else None
    if family is None:
        return "unattributed"
    if family == "gn":
        words = {case.text[a:b].lower().strip("’' ") for a, b in case.spans}
        return "determiner-noun" if words & DETERMINERS else "noun-adjective"
    return CLASS_OF.get(family, "other")


def strip_final(text: str) -> str:
    return text.rstrip(' .!?…»"”')


# -- running the checkers ------------------------------------------------------


def grammalecte_alone(text: str) -> list[tuple[int, int, str]]:
    from tqa.backends import grammalecte as backend
    from tqa.checks.grammar_families import FAMILIES

    return [(e.start, e.end, e.kind) for e in backend.check(text) if e.kind in FAMILIES]


#: Grammalecte errors that TQA-GRM-010 leaves out, with the filter's name:
#: (document offset start, end, filter, family), filled while a check runs
FILTERED: list[tuple[int, int, str, str]] = []


def record_filters() -> None:
    """Wrap TQA-GRM-010's filter so that every error it leaves out is recorded
    in FILTERED (measurement only: the findings are unchanged)."""
    from tqa.checks import grammar_second

    if getattr(grammar_second.dropped, "recording", False):
        return
    original = grammar_second.dropped

    def dropped(error, text, base, spans, own):  # type: ignore[no-untyped-def]
        reason = original(error, text, base, spans, own)
        if reason is not None:
            FILTERED.append((base + error.start, base + error.end, reason, error.kind))
        return reason

    dropped.recording = True  # type: ignore[attr-defined]
    grammar_second.dropped = dropped


def run_tqa(texts: list[str], configs: dict[str, object]) -> dict[str, list[list[tuple]]]:
    """Findings (start, end, label) of each configuration on each text, one
    sentence per paragraph, in batches (the parse is shared by the configurations);
    under "filtered", the Grammalecte errors TQA-GRM-010 left out (label: the filter)."""
    from tqa.model import Document
    from tqa.pipeline import active_rules, check_document

    record_filters()
    rules = {name: active_rules(config)[0] for name, config in configs.items()}  # type: ignore[arg-type]
    result: dict[str, list[list[tuple]]] = {name: [] for name in configs}
    result["filtered"] = []
    for first in range(0, len(texts), BATCH):
        batch = texts[first : first + BATCH]
        starts, position = [], 0
        for text in batch:
            starts.append(position)
            position += len(text) + 2
        document = Document("eval.txt", "\n\n".join(batch) + "\n")
        for name, config in configs.items():
            FILTERED.clear()
            report = check_document(document, config, rules=rules[name])  # type: ignore[arg-type]
            if name == "g010":
                left: list[list[tuple]] = [[] for _ in batch]
                for start, end, reason, family in FILTERED:
                    offset = starts[_bisect(starts, start)]
                    left[_bisect(starts, start)].append(
                        (start - offset, end - offset, reason, family)
                    )
                result["filtered"].extend(left)
            found: list[list[tuple]] = [[] for _ in batch]
            for f in report.findings:
                index = _bisect(starts, f.start)
                offset = starts[index]
                label = f.code
                if f.code == "TQA-GRM-010":
                    label += "/" + f.evidence.rsplit("(", 1)[-1].rstrip(")")
                found[index].append((f.start - offset, f.end - offset, label))
            result[name].extend(found)
    return result


def _bisect(starts: list[int], position: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, position) - 1)


# -- scoring --------------------------------------------------------------------


def overlaps(found: list[tuple], spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e, *_ in found for a, b in spans)


def score_cases(cases: list[Case], system: str) -> tuple[Counter, Counter, int, int]:
    """(found per class, cases per class, correct flagged, correct)."""
    found, total = Counter(), Counter()
    flagged = correct = 0
    for case in cases:
        hits = case.hits.get(system, [])
        if case.spans:
            total[case.cls] += 1
            found[case.cls] += overlaps(hits, case.spans)
        else:
            correct += 1
            flagged += bool(hits)
    return found, total, flagged, correct


def precision_of(cases: list[Case], system: str, label: str) -> tuple[int, int, int, int]:
    """(findings on an expected span, findings, error cases found, error cases found
    by this label and not by Grammalecte alone) for one rule or family."""
    right = allf = caught = extra = 0
    for case in cases:
        mine = [h for h in case.hits.get(system, []) if h[2] == label]
        allf += len(mine)
        good = [h for h in mine if any(h[0] < b and a < h[1] for a, b in case.spans)]
        right += len(good)
        if case.spans and good:
            caught += 1
            extra += not overlaps(case.hits.get("grammalecte", []), case.spans)
    return right, allf, caught, extra


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:.1f} %" if b else f"{a}/0"


# -- main -------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--grammalecte-tests", type=Path)
    parser.add_argument("--wmt", type=Path, default=WMT)
    parser.add_argument("--annotation", type=Path, default=ANNOTATION)
    parser.add_argument("--fragments", action="store_true")
    parser.add_argument("--write-families", action="store_true")
    parser.add_argument("--list", action="store_true", help="list misses and false alarms")
    parser.add_argument("--limit", type=int, default=0, help="at most N rule tests (quick runs)")
    parser.add_argument(
        "--mt",
        nargs="?",
        const="all",
        help="also list the own rules' findings on the WMT22 MT of the documents outside "
        "the annotation's test split (comma-separated systems, default all)",
    )
    parser.add_argument(
        "--messages",
        type=Path,
        nargs="?",
        const=MESSAGES,
        help=f"also measure Debian's French message catalogues (default {MESSAGES})",
    )
    args = parser.parse_args()

    from tqa.backends import resources
    from tqa.checks.grammar_families import FAMILIES, default_families
    from tqa.config import Config

    missing = [
        n
        for n in ("grammalecte", "spacy-fr", "hunspell-fr")
        if resources.by_name(n).location() is None
    ]
    if missing:
        print(f"not measured: {', '.join(missing)} not installed")
        return 0
    everything = tuple(FAMILIES)
    configs = {
        "own": Config(segmentation="auto", select=OWN),
        "g010": Config(
            segmentation="auto", select=("TQA-GRM-010",), grammalecte_families=everything
        ),
        # what tqa reports by default: the own rules on by default, GRM-010 with
        # the default families and without what the own rules report
        "tqa": Config(segmentation="auto", select=("TQA-GRM",)),
    }
    defaults = sorted(default_families())
    print(f"split: {args.split}; default Grammalecte families in tqa: {', '.join(defaults)}")
    started, cpu = time.perf_counter(), time.process_time()
    figures: dict[str, dict[str, object]] = defaultdict(dict)

    path = args.grammalecte_tests or next((Path(p) for p in TEST_PATHS if Path(p).is_file()), None)
    cases: list[Case] = []
    if path is None or not path.is_file():
        print("Grammalecte's rule tests not found: run bash scripts/fetch_grammalecte_tests.sh")
    else:
        cases = [c for c in grammalecte_tests(path) if c.split == args.split]
        cases = [c for c in cases if c.family is None or c.family in FAMILIES]
        if args.limit:
            cases = cases[: args.limit]
        if args.fragments:
            cases += [
                Case(strip_final(c.text), c.spans, c.family, c.rule, c.split, "fragment")
                for c in cases
                if strip_final(c.text) != c.text
                and all(b <= len(strip_final(c.text)) for _, b in c.spans)
            ]
        # tqa's check of a capital A without its accent ("A Berlin" → "À Berlin")
        # is TQA-TYP-008, which TQA-GRM-010 leaves that error to: counted in
        # its own column, on errors and on correct sentences alike
        with_typography = dict(
            configs, typ=Config(segmentation="auto", select=("TQA-GRM", "TQA-TYP-008"))
        )
        measure(cases, with_typography, defaults)
        for case in cases:
            fragment = case.cls == "fragment"
            case.cls = classify(case, case.hits["grammalecte"])
            if fragment:
                case.cls = "fragment:" + ("correct" if not case.spans else "error")
        whole = [c for c in cases if not c.cls.startswith("fragment")]
        report_cases(f"Grammalecte rule tests ({path})", whole, args.list)
        fragments = [c for c in cases if c.cls.startswith("fragment")]
        if fragments:
            for c in fragments:
                c.cls = "no final punctuation"
            report_cases("the same tests without final punctuation", fragments, args.list)
        per_rule(whole, figures)
        per_filter(whole, defaults)

    annotated = wmt_annotation(args)
    if annotated:
        measure(annotated, configs, defaults)
        report_cases("WMT22 MT, annotated grammar errors", annotated, args.list)
        per_rule(annotated, defaultdict(dict))

    refs = wmt_refs(args, configs, defaults, figures)
    if args.mt:
        wmt_mt(args, configs, defaults)
    if args.messages:
        messages(args.messages, configs["g010"], defaults)
        messages_own(args.messages)
    print(
        f"time: {time.perf_counter() - started:.0f} s wall, "
        f"{time.process_time() - cpu:.0f} s CPU, load {os.getloadavg()[0]:.1f}"
    )
    if args.write_families and refs and cases:
        write_families(figures)
    return 0


def measure(cases: list[Case], configs: dict[str, object], defaults: list[str]) -> None:
    texts = [c.text for c in cases]
    found = run_tqa(texts, configs)
    for index, case in enumerate(cases):
        own, g010 = found["own"][index], found["g010"][index]
        case.hits["own"] = own
        case.hits["g010"] = g010
        case.hits["tqa"] = found["tqa"][index]
        if "typ" in found:
            case.hits["tqa+TYP-008"] = found["typ"][index]
        case.hits["grammalecte"] = grammalecte_alone(case.text)
        case.hits["filtered"] = found["filtered"][index]


def report_cases(title: str, cases: list[Case], listing: bool) -> None:
    print(
        f"\n== {title}: {sum(bool(c.spans) for c in cases)} errors, {sum(not c.spans for c in cases)} correct sentences"
    )
    systems: tuple[str, ...] = ("tqa", "grammalecte", "own")
    if any("tqa+TYP-008" in c.hits for c in cases):
        systems = ("tqa", "tqa+TYP-008", "grammalecte", "own")
    results = {s: score_cases(cases, s) for s in systems}
    classes = sorted(results["tqa"][1])
    print(f"{'class':<18}" + "".join(f"{s:>24}" for s in systems))
    for cls in classes:
        print(
            f"{cls:<18}"
            + "".join(f"{pct(results[s][0][cls], results[s][1][cls]):>24}" for s in systems)
        )
    print(
        f"{'all errors':<18}"
        + "".join(
            f"{pct(sum(results[s][0].values()), sum(results[s][1].values())):>24}" for s in systems
        )
    )
    print(
        f"{'correct flagged':<18}"
        + "".join(f"{pct(results[s][2], results[s][3]):>24}" for s in systems)
    )
    if listing:
        for case in cases:
            if case.spans and not overlaps(case.hits["tqa"], case.spans):
                g = "G" if overlaps(case.hits["grammalecte"], case.spans) else "-"
                print(f"  miss {g} [{case.cls}] {case.text}")
            elif not case.spans and case.hits["tqa"]:
                print(
                    f"  false alarm {[(case.text[s:e], k) for s, e, k in case.hits['tqa']]}: "
                    + case.text
                )


def per_rule(cases: list[Case], figures: dict[str, dict[str, object]]) -> None:
    print(
        "\nper rule and family, alone (findings on an expected span / findings; "
        "errors found; of them missed by Grammalecte):"
    )
    from tqa.checks.grammar_families import FAMILIES

    labels = [("own", code) for code in OWN] + [("g010", f"TQA-GRM-010/{f}") for f in FAMILIES]
    for system, label in labels:
        right, allf, caught, extra = precision_of(cases, system, label)
        flagged = sum(
            1 for c in cases if not c.spans and any(h[2] == label for h in c.hits.get(system, []))
        )
        correct = sum(1 for c in cases if not c.spans)
        figures[label].update(
            right=right, findings=allf, caught=caught, extra=extra, flagged=flagged, correct=correct
        )
        print(
            f"  {label:<18} precision {pct(right, allf):>22}  found {caught:>4}  "
            f"not by Grammalecte {extra:>3}  correct flagged {pct(flagged, correct)}"
        )
    right, allf, caught, extra = 0, 0, 0, 0
    for case in cases:
        mine = case.hits["grammalecte"]
        allf += len(mine)
        right += sum(1 for h in mine if any(h[0] < b and a < h[1] for a, b in case.spans))
    print(f"  {'Grammalecte alone':<18} precision {pct(right, allf):>22}")


def per_filter(cases: list[Case], defaults: list[str]) -> None:
    """What each filter of TQA-GRM-010 costs and saves: errors that only a
    left-out Grammalecte error would have found (per filter), and correct
    sentences where it left out a Grammalecte error."""
    lost: Counter = Counter()
    saved: Counter = Counter()
    for case in cases:
        left = [h for h in case.hits.get("filtered", []) if h[3] in defaults]
        if case.spans:
            if overlaps(case.hits["tqa"], case.spans):
                continue
            for reason in sorted({h[2] for h in left if overlaps([h], case.spans)}):
                lost[reason] += 1
        else:
            for reason in {h[2] for h in left}:
                saved[reason] += 1
    print(
        "\nTQA-GRM-010's filters (errors tqa misses that the filtered error was on; correct sentences it keeps quiet):"
    )
    for reason in sorted(set(lost) | set(saved)):
        print(
            f"  {reason:<40} errors lost {lost[reason]:>3}   correct sentences kept quiet {saved[reason]:>3}"
        )


def wmt_annotation(args: argparse.Namespace) -> list[Case]:
    if not args.wmt.exists() or not args.annotation.exists():
        print(f"\nWMT22 data not found at {args.wmt}: annotated MT not measured")
        return []
    docs = {d.id: d for d in read_wmt(args.wmt)}
    cases = []
    for line in args.annotation.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "key" not in row or row["split"] != args.split:
            continue
        text = docs[row["doc"]].hyps[row["system"]][row["seg"] - 1]
        spans = [
            (e["start"], e["end"])
            for e in row["errors"]
            if e["category"] == "grammar" and e["end"] > e["start"]
        ]
        cases.append(
            Case(text, spans, None, row["key"], row["split"], "grammar" if spans else "correct")
        )
    return cases


def wmt_refs(args, configs, defaults, figures) -> bool:  # type: ignore[no-untyped-def]
    if not args.wmt.exists():
        print(
            f"\nWMT22 references not found at {args.wmt}: false alarms on professional French not measured"
        )
        return False
    from tqa.model import Document
    from tqa.pipeline import active_rules, check_document

    counts: Counter = Counter()
    left_out: Counter = Counter()
    words = 0
    listed = []
    record_filters()
    rules = {n: active_rules(c)[0] for n, c in configs.items()}  # type: ignore[arg-type]
    for doc in read_wmt(args.wmt):
        text = "\n".join(s.replace("\n", " ") for s in doc.ref) + "\n"
        document = Document(doc.id, text)
        hits = {}
        for name, config in configs.items():
            FILTERED.clear()
            report = check_document(document, config, rules=rules[name])  # type: ignore[arg-type]
            if name == "g010":
                left_out.update(reason for _, _, reason, family in FILTERED if family in defaults)
            words = words + report.words if name == "own" else words
            hits[name] = [
                (
                    f.start,
                    f.end,
                    f.code
                    + (
                        "/" + f.evidence.rsplit("(", 1)[-1].rstrip(")")
                        if f.code == "TQA-GRM-010"
                        else ""
                    ),
                    f.message,
                )
                for f in report.findings
            ]
        own, g010 = hits["own"], hits["g010"]
        default = [h[:3] for h in hits["tqa"]]
        alone = []
        position = 0
        for segment in text.split("\n"):
            alone += [
                (s + position, e + position, "G/" + k) for s, e, k in grammalecte_alone(segment)
            ]
            position += len(segment) + 1
        for label in {h[2] for h in own + g010}:
            counts[label] += sum(1 for h in own + g010 if h[2] == label)
        counts["tqa"] += len(default)
        counts["grammalecte"] += len(alone)
        for s, e, label in default:
            line = text[:s].count("\n")
            listed.append(f"  {label} “{text[s:e]}” | {doc.ref[line].strip()}")
    rate = 1000 / max(words, 1)
    print(f"\n== WMT22 references: {words} words")
    print(f"  tqa (default): {counts['tqa']} findings = {counts['tqa'] * rate:.2f} per 1,000 words")
    print(
        f"  Grammalecte alone: {counts['grammalecte']} = {counts['grammalecte'] * rate:.2f} per 1,000 words"
    )
    for label in sorted(k for k in counts if k.startswith("TQA")):
        print(f"  {label}: {counts[label]} = {counts[label] * rate:.2f} per 1,000 words")
        figures[label]["refs"] = counts[label] * rate
    print(
        "  Grammalecte errors left out by TQA-GRM-010's filters: "
        + ", ".join(f"{reason} {n}" for reason, n in sorted(left_out.items()))
    )
    for line in listed:
        print(line)
    return True


def wmt_mt(args: argparse.Namespace, configs: dict[str, object], defaults: list[str]) -> None:
    """The own rules' findings on the MT of every WMT22 document outside the
    annotation's test split, each segment checked alone: per rule, how many,
    how many Grammalecte alone also reports (a finding of Grammalecte
    overlapping it), and every finding Grammalecte does not make, listed to be
    read; and what tqa reports by default there per 1,000 words."""
    if not args.wmt.exists() or not args.annotation.exists():
        print(f"\nWMT22 data not found at {args.wmt}: MT not measured")
        return
    test_docs = test_documents(args.annotation)
    texts: list[tuple[str, str]] = []
    for doc in read_wmt(args.wmt):
        if doc.id in test_docs:
            continue
        for system, segments in sorted(doc.hyps.items()):
            if args.mt != "all" and system not in args.mt.split(","):
                continue
            texts += [
                (f"{doc.id}#{system}#{i + 1}", s.replace("\n", " ")) for i, s in enumerate(segments)
            ]
    found = run_tqa([t for _, t in texts], configs)
    counts: Counter = Counter()
    shared: Counter = Counter()
    listed = []
    total = 0
    for (key, text), own, default in zip(texts, found["own"], found["tqa"], strict=True):
        alone = grammalecte_alone(text)
        total += len(default)
        for start, end, label in own:
            counts[label] += 1
            if overlaps(alone, [(start, end)]):
                shared[label] += 1
            else:
                listed.append(f"  {label} “{text[start:end]}” | {key} | {text}")
    words = sum(len(t.split()) for _, t in texts)
    print(
        f"\n== WMT22 MT outside the annotation's test split: {len(texts)} segments, {words} words"
    )
    print(f"  tqa (default): {total} findings = {1000 * total / max(words, 1):.2f} per 1,000 words")
    for label in OWN:
        print(f"  {label}: {counts[label]} findings, {shared[label]} also by Grammalecte alone")
    for line in sorted(listed):
        print(line)


def message_lines(directory: Path) -> list[str]:
    """Each distinct line of the French strings of the message catalogues in
    ``directory`` with at least two words and no format placeholder or markup."""
    import gettext

    seen: dict[str, None] = {}
    for path in sorted(directory.glob("*.mo")):
        try:
            with path.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        for key, value in catalog.items():
            if not key or not isinstance(value, str):
                continue  # the header
            for line in value.split("\n"):
                line = line.strip()
                if len(line.split()) >= 2 and not any(c in line for c in "%{}<>\\_$"):
                    seen.setdefault(line, None)
    return list(seen)


def messages(directory: Path, config: object, defaults: list[str]) -> None:
    """Findings of the WATCHED rules on Debian's French message catalogues:
    Grammalecte alone, and what tqa (TQA-GRM-010 through the pipeline, default
    families) keeps of them, or which filter left each out."""
    from tqa.backends import grammalecte as backend

    if not directory.is_dir():
        print(f"\n{directory} not found: message catalogues not measured")
        return
    lines = message_lines(directory)
    found = run_tqa(lines, {"g010": config})
    alone: Counter = Counter()
    kept: Counter = Counter()
    reasons: Counter = Counter()
    listed = []
    for line, hits, left in zip(lines, found["g010"], found["filtered"], strict=True):
        for error in backend.check(line):
            rule = next((r for r in WATCHED if r in error.rule), None)
            if rule is None or error.kind not in defaults:
                continue
            alone[rule] += 1
            if any(h[0] == error.start and h[1] == error.end for h in hits):
                kept[rule] += 1
                listed.append(f"  {rule} “{line[error.start : error.end]}” | {line[:120]}")
            else:
                why = [h[2] for h in left if h[0] == error.start and h[1] == error.end]
                reasons[why[0] if why else "not reported"] += 1
    words = sum(len(line.split()) for line in lines)
    print(f"\n== Debian message catalogues ({directory}): {len(lines)} strings, {words} words")
    for rule in WATCHED:
        print(f"  {rule}: Grammalecte alone {alone[rule]}, tqa {kept[rule]}")
    print("  left out: " + ", ".join(f"{r} {n}" for r, n in sorted(reasons.items())))
    for line in listed:
        print(line)


def messages_own(directory: Path) -> None:
    """Every finding of the own rules on by default (GRM-001, GRM-005) on
    Debian's French message catalogues, listed to be read, with whether
    Grammalecte alone makes it too."""
    from tqa.checks import all_rules
    from tqa.config import Config

    if not directory.is_dir():
        return
    on = {r.code for r in all_rules() if r.default}
    codes = tuple(code for code in OWN if code in on)
    lines = message_lines(directory)
    found = run_tqa(lines, {"own": Config(segmentation="auto", select=codes)})
    counts: Counter = Counter()
    shared: Counter = Counter()
    listed = []
    for line, hits in zip(lines, found["own"], strict=True):
        alone = grammalecte_alone(line) if hits else []
        for start, end, label in hits:
            counts[label] += 1
            both = overlaps(alone, [(start, end)])
            shared[label] += both
            listed.append(f"  {label} {'G' if both else '-'} “{line[start:end]}” | {line[:120]}")
    print(
        f"\n== own rules on the message catalogues ({', '.join(codes)}; G: Grammalecte alone too)"
    )
    for code in codes:
        print(f"  {code}: {counts[code]} findings, {shared[code]} also by Grammalecte alone")
    for line in sorted(listed):
        print(line)


def write_families(figures: dict[str, dict[str, object]]) -> None:
    from tqa.checks.grammar_families import FAMILIES

    lines = [
        "# Grammalecte's rule families as reported by TQA-GRM-010: which are on by default",
        "# and their measured figures. Written by `python scripts/eval_grammar.py --write-families`",
        "# (dev split of Grammalecte's rule tests from Debian's libreoffice-grammalecte, and the",
        "# WMT22 de-fr French references); do not edit by hand. A family is on by default when its",
        f"# precision on the rule tests is at least {MIN_PRECISION} and it reports at most {MAX_REF_RATE}",
        "# findings per 1,000 words of professional French. Licence: CC0-1.0 (tqa authors).",
        "family\tdefault\tprecision\tcorrect_flagged\trefs_per_1000_words\tfigures",
    ]
    for family in FAMILIES:
        f = figures.get(f"TQA-GRM-010/{family}", {})
        right, allf = int(f.get("right", 0)), int(f.get("findings", 0))  # type: ignore[call-overload]
        precision = right / allf if allf else 0.0
        refs = float(f.get("refs", 0.0))  # type: ignore[arg-type]
        on = allf > 0 and precision >= MIN_PRECISION and refs <= MAX_REF_RATE
        flagged, correct = int(f.get("flagged", 0)), int(f.get("correct", 0))  # type: ignore[call-overload]
        text = (
            f"rule tests (dev): {right} of {allf} findings on an expected error, "
            f"{f.get('caught', 0)} errors found; {flagged} of {correct} correct sentences flagged; "
            f"WMT22 references: {refs:.2f} per 1,000 words"
        )
        lines.append(
            f"{family}\t{'yes' if on else 'no'}\t{precision:.3f}\t{flagged}/{correct}\t{refs:.3f}\t{text}"
        )
    FAMILIES_TSV.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {FAMILIES_TSV}")


if __name__ == "__main__":
    raise SystemExit(main())
