"""Linear growth on hostile and unusual text: segmentation, the regex-heavy
checks and the whole check pipeline.

    python scripts/bench_linear.py                   # segmentation, typography, identifiers
    python scripts/bench_linear.py --pipeline        # and every check, through check_document
    python scripts/bench_linear.py --sizes 2000,20000 --only segment

Each case is a function of the text and an input family ("!" * n, one
n-letter word, "mot: " repeated, a paragraph of ordinary sentences…). The
case is timed at each size (the best of a few runs, each repeated until it
takes a few milliseconds) and the ratio between the two largest sizes is
printed: about 10 for linear work over a tenfold size, 100 for quadratic.
The script exits 1 when a ratio is over --limit (default 30).

Times are the process's CPU time (time.process_time), not wall-clock time:
on a busy machine a run longer than the scheduler's time slice is stretched
three to eight times by waiting for a core, which alone made linear work
look quadratic; the CPU time of the same runs varied by 20 % at most.

tests/test_linear_growth.py runs the same cases at 2,000 and 20,000
characters and compares ratios only, never wall-clock times.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _punctuation(size: int) -> str:
    rng = random.Random(size)  # the same text on every run
    return "".join(rng.choice("!?.;:,»«…()[]-'\"”„“ \u00a0") for _ in range(size))


def _sentences() -> str:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return " ".join(line.strip() for line in lines if line.strip().endswith("."))


def _paragraph(size: int) -> str:
    """Ordinary sentences (the sample article's) run together in one paragraph."""
    return _repeat(_sentences() + " ", size)


def _dense_line(size: int) -> str:
    """One line dense with what the regexes look at: abbreviations, initials,
    ordinals, URLs, high punctuation, numbers and dates."""
    unit = (
        "Selon M. Dupont, z.B. le 16. Juni, G. O. Dyhrenfurth a vu www.x.com: 1.500 MW! "
        "Voir https://ottes.at/a-b ou a@b.fr; le 16.06.2025 „oui“ et l'accord d’Astana? "
    )
    return _repeat(unit, size)


_MIXED_UNIT = (
    "Nous garantissons ces outils dans les conditions suivantes : Für diese Werkzeuge "
    "leisten wir Garantie gemäß nachstehenden Bedingungen (eine weiche Zone) "
)


#: input families: size in characters → text
FAMILIES: dict[str, Callable[[int], str]] = {
    "bangs": lambda n: "!" * n,
    "periods": lambda n: "." * n,
    "punctuation": _punctuation,
    "fin-spaces": lambda n: "Fin." + " " * max(0, n - 5) + "%",
    "mot-colon": lambda n: _repeat("mot: ", n),
    "long-word": lambda n: "a" * n,
    "i-word": lambda n: "Le mot " + "i" * max(0, n - 7),
    "a-hyphen": lambda n: _repeat("a-", n),
    "a-hyphen-dot": lambda n: _repeat("a-a.", n),
    "handles": lambda n: "".join(f"@h{i} #t{i} " for i in range(n // 8))[:n],
    "addresses": lambda n: "".join(f"a{i}@b{i}.com https://www.c{i}.org " for i in range(n // 30))[
        :n
    ],
    "paragraph": _paragraph,
    "dense-line": _dense_line,
    "cr-lines": lambda n: _repeat("Une ligne sans fin\r", n),
    # German left beside its French in one sentence, again and again (whole
    # units, so that every piece is a clear language): every colon and bracket
    # is a language change to cut at
    "mixed-line": lambda n: _MIXED_UNIT * max(1, round(n / len(_MIXED_UNIT))),
    # a weekday, then a long run of spaces; a sentence opener, then ". " again and again
    "am-day-spaces": lambda n: "am Samstag" + " " * max(0, n - 11) + "x",
    "nur-periods": lambda n: "Nur " + _repeat(". ", max(0, n - 4)),
    # a capital A alone again and again, each one at the start of a sentence
    "capital-a": lambda n: _repeat("A. A  A ", n),
    # one hyphenated run of capitalised names: each capital may start a name
    "capital-hyphens": lambda n: _repeat("Jean-", n),
    # one long number, without and with separators, and no "%" after it
    "digits": lambda n: "1" * n,
    "digit-dots": lambda n: _repeat("1.", n),
    # a question of one letter again and again: one short sentence every 4 characters
    "question-marks": lambda n: _repeat("a ? ", n),
    # tqa: ignore comments after text on one line, and alone on their lines
    # with a different unknown code each
    "ignore-trailing": lambda n: _repeat("a <!-- tqa: ignore[ZZ] --> ", n),
    "ignore-codes": lambda n: "".join(f"<!-- tqa: ignore[Z{i}] -->\n" for i in range(n // 24))[:n],
    # German quotation marks again and again, and quoted words: every quotation
    # mark checked against every quotation of the segment was quadratic
    "german-quotes": lambda n: _repeat("„x“ ", n),
    "quoted-words": lambda n: _repeat('le "mot" ', n),
    # placeholders of software strings in one unit: all different, one
    # repeated, and printf ones (see _placeholder_pair: the translation
    # changes every one of them)
    "placeholders": lambda n: "".join(f"{{{i}}} " for i in range(n // 4))[:n],
    "same-placeholder": lambda n: _repeat("{0} ", n),
    "printf": lambda n: _repeat("%s ", n),
    # figures all different (see _number_pair: the translation gives them in
    # the other order)
    "numbers": lambda n: "".join(f"{1000 + i} " for i in range(n // 5))[:n],
    "dates": lambda n: "".join(
        f"{1 + i % 28}.{1 + i % 12}.{1990 + i % 40} " for i in range(n // 10)
    )[:n].rsplit(" ", 1)[0],
    # measures in units, scaled figures and years written short (see
    # _measure_pair: the translation converts and spells them otherwise)
    "measures": lambda n: "".join(_measure(i) + ", " for i in range(n // 8))[:n].rsplit(", ", 1)[0],
    # the same with the scaled figures written out (1,5 Milliarden), which
    # the translation of _measure_pair leaves in German: a German word again
    # and again in the French sentence, each looked for in the German one
    "measures-words": lambda n: "".join(_measure(i, "Milliarden") + ", " for i in range(n // 8))[
        :n
    ].rsplit(", ", 1)[0],
}


def _measure(i: int, billions: str = "Mrd.") -> str:
    """The i-th item of the "measures" family."""
    return (
        f"{100 + i} Kilometer",
        f"{1 + i % 9},{i % 10} {billions}",
        f"’{i % 100:02d}",
        f"{10 + i} Meilen",
    )[i % 4]


def _document(text: str) -> Any:
    from tqa.model import Document

    return Document("bench.txt", text)


def _segment(text: str) -> Any:
    from tqa.segment import segment

    return segment(_document(text))


def _segment_lines(text: str) -> Any:
    from tqa.segment import segment

    return segment(_document(text), "lines")


def _french_input(text: str) -> Any:
    """The check input of ``text`` with every segment taken as French (language
    identification is measured with the pipeline)."""
    from tqa.checks import CheckInput
    from tqa.config import Config

    segments = tuple(dataclasses.replace(s, lang="fr") for s in _segment(text))
    return CheckInput(_document(text), segments, Config())


def _run_rules(prefix: str) -> Callable[[str], Any]:
    def run(text: str) -> Any:
        from tqa.checks import all_rules

        check = _french_input(text)
        return [list(r.function(check)) for r in all_rules() if r.code.startswith(prefix)]

    return run


def _checks(text: str) -> Any:
    """Every check that can run here, on every segment taken as French."""
    from tqa.errors import MissingResource
    from tqa.pipeline import active_rules

    check = _french_input(text)
    rules, _ = active_rules(check.config)
    found = []
    for declared in rules:
        try:
            found.append(list(declared.function(check)))
        except MissingResource:
            pass
    return found


def _identifiers(text: str) -> Any:
    from tqa.checks import bilingual, identifiers

    return (
        list(identifiers.find_identifiers(text)),
        list(identifiers.DOMAIN.finditer(text)),
        bilingual._source_identifiers(text),
    )


def _identifier_rules(text: str) -> Any:
    """TQA-MT-006 and TQA-ALN-004 with the text as its own German source,
    less its last identifier (so that one is missing)."""
    from tqa.checks import CheckInput, all_rules
    from tqa.config import Config

    french = _french_input(text)
    source = _document(text[: len(text) // 2])
    check = CheckInput(french.document, french.segments, Config(), (), source, ())
    codes = ("TQA-MT-006", "TQA-ALN-004")
    return [list(r.function(check)) for r in all_rules() if r.code in codes]


def _grammalecte(text: str) -> Any:
    from tqa.backends import grammalecte

    return grammalecte.check.__wrapped__(text)  # not the per-text cache


def _spacy(text: str) -> Any:
    from tqa.backends import spacy_fr

    return list(spacy_fr.parse([text]))


def _identify(text: str) -> Any:
    """Segmentation and language identification (sentences cut where the language changes)."""
    from tqa.config import Config
    from tqa.pipeline import analyse

    return analyse(_document(text), Config())


def _align_regexes(text: str) -> Any:
    """The sentence aligner's and the mixed-document twin finder's patterns on
    one long segment: boundary kinds (weak end, brackets, no final punctuation)
    and the sentences inside a French segment that holds more than one."""
    from tqa import align, align_mixed

    return (
        align._is_weak_end(text),
        align._brackets(text),
        align._unterminated(text),
        align_mixed._end_sentences(text),
    )


def _lexicon(text: str) -> Any:
    """The sentence aligner's German dictionary look-up on every word of the
    text, compounds split into their known parts (one word of 100,000 letters
    was quadratic)."""
    from tqa.align_score import default_lexicon

    lexicon = default_lexicon()
    lexicon.translate.cache_clear()
    return [lexicon.translate(w) for w in text.split()]


def _source_patterns(text: str) -> Any:
    """The patterns that the meaning checks match on a German sentence and its
    French rendering (TQA-ACC-008, 014, 015, 016: every row of idioms.tsv and
    calques-source.tsv; TQA-ACC-017's ministry context, TQA-ACC-018's forms
    of address and quotations; TQA-ACC-019's nights; TQA-ACC-020's masculine and
    feminine French forms of every person it knows, and its German feminines),
    each searched over the text, on both sides."""
    from tqa.checks import (
        accuracy_capitals,
        accuracy_days,
        accuracy_gender,
        accuracy_modal,
        accuracy_person,
        accuracy_phrases,
    )

    patterns = [
        accuracy_days.ONE_DAY,
        accuracy_days.HABIT,
        accuracy_days.HABITUAL,
        accuracy_modal.NEED_NOT,
        accuracy_modal.MUST_NOT,
        accuracy_modal.MUST_NOT_FR,
        accuracy_modal.NEED_NOT_FR,
        accuracy_modal.HEARSAY,
        accuracy_modal.SHOULD_HAVE,
        accuracy_capitals._MINISTRY,
        accuracy_person.TU,
        accuracy_person.VOUS,
        accuracy_person.DU,
        accuracy_person.POLITE,
        accuracy_person.PLURAL,
        accuracy_person._QUOTED,
        accuracy_days.NIGHT_BEFORE,
        accuracy_days._FRENCH_NIGHT,
        accuracy_gender._WORD,
    ]
    patterns += [p for pair in accuracy_gender._patterns().values() for p in pair if p is not None]
    for row in accuracy_phrases.idioms() + accuracy_phrases.calques():
        patterns += [row.german, row.literal]
    return [len(p.findall(text)) for p in patterns]


def _omissions(text: str) -> Any:
    """TQA-ALN-001 with the text as the German source of a one-line French
    document, its first segment aligned and every other one a 1-0 bead (an
    omission): what the aligner makes of a long hostile source."""
    from tqa.checks import CheckInput, all_rules
    from tqa.config import Config
    from tqa.model import Bead

    source = _segment(text)
    french = _french_input("Le chien dort dans le jardin.")
    beads = (Bead((0,), (0,), 1.0), *(Bead((s.id,), (), 0.0) for s in source[1:]))
    check = CheckInput(french.document, french.segments, Config(), beads, _document(text), source)
    return [list(r.function(check)) for r in all_rules() if r.code == "TQA-ALN-001"]


def _merge(text: str) -> Any:
    """tqa.merge on one finding per word of one segment (a spelling finding and
    a mistranslation in turn) and a mistranslation finding on the whole
    segment: what the checks report on one long line of "mot: mot: …"."""
    import re

    from tqa.merge import merge
    from tqa.model import Finding, Segment

    def finding(number: int, start: int, end: int) -> Finding:
        category = "accuracy/mistranslation" if number % 2 else "fluency/spelling"
        return Finding(
            f"TQA-B-{number % 2}", "b", category, "minor", 0.5, 0, start, end, text[start:end], "b"
        )

    words = [finding(n, *m.span()) for n, m in enumerate(re.finditer(r"\w+", text))]
    wide = finding(1, 0, len(text))
    return merge([*words, wide], [Segment(0, 0, len(text), text, "sentence", 0)])


def _suppress(text: str) -> Any:
    """Inline suppressions: the comments' regions, one finding per word looked
    up in them, and the notes on unknown codes."""
    import re

    from tqa import suppress
    from tqa.model import Finding

    words = [
        Finding("TQA-TYP-001", "b", "fluency/punctuation", "minor", 0.5, 0, *m.span(), m[0], "b")
        for m in re.finditer(r"\w+", text)
    ]
    return suppress.apply(text, words), suppress.unknown_codes(text, "x")


def _changed_placeholders(text: str) -> str:
    return text.replace("{", "{v").replace("%s", "%d")


def _placeholder_pair(text: str) -> Any:
    """Every check of a German sentence of placeholders and its French
    translation, whose placeholders were all changed ({0} → {v0}, %s → %d):
    the word alignment of one huge sentence pair, the placeholder and
    number rules and the merging of their findings (10,000 placeholders
    took minutes and gigabytes)."""
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import check_document

    source = Document("bench.de.txt", f"Die Werte sind {text}.")
    target = Document("bench.fr.txt", f"Les valeurs sont {_changed_placeholders(text)}.")
    return check_document(target, Config(), source=source)


def _number_pair(text: str) -> Any:
    """Every check of a German sentence of figures and its French translation
    giving them in the other order: each figure is looked for among the
    other side's (TQA-ALN-003 compared every pair: 10,000 figures were 50
    million comparisons)."""
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import check_document

    source = Document("bench.de.txt", f"Die Werte sind {text}.")
    target = Document("bench.fr.txt", f"Les valeurs sont {' '.join(reversed(text.split()))}.")
    return check_document(target, Config(), source=source)


def _date_pair(text: str) -> Any:
    """Every check of a German sentence of numeric dates (12.3.2020) and its
    French translation giving them in the other order (12/3/2020): dates were
    compared with every number of the other side, and reconcile_parts scanned
    the other side for each date."""
    import re

    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import check_document

    french = [
        re.sub(r"^(\d+)\.(\d+)\.(\d+)$", r"\1/\2/\3", word) for word in reversed(text.split())
    ]
    source = Document("bench.de.txt", f"Termine: {text}.")
    target = Document("bench.fr.txt", f"Dates : {' '.join(french)}.")
    return check_document(target, Config(), source=source)


#: a German item of the "measures" family → how the translation gives it
_MEASURES_FR = (
    (r"(\d+) Kilometer", lambda m: f"{round(int(m[1]) / 1.609344)} milles"),
    (r"(\d+),(\d) Mrd\.", lambda m: f"{m[1]},{m[2]} milliards"),
    (r"’(\d\d)", lambda m: f"19{m[1]}"),
    (r"(\d+) Meilen", lambda m: f"{round(int(m[1]) * 1.609344)} km"),
)


def _measure_sentences(text: str) -> tuple[Any, Any]:
    """The German sentence of the "measures" family and its French translation."""
    import re

    from tqa.model import Document

    french = []
    for item in reversed(text.split(", ")):
        for pattern, spell in _MEASURES_FR:
            if found := re.fullmatch(pattern, item):
                item = spell(found)
                break
        french.append(item)
    source = Document("bench.de.txt", f"Werte: {text}.")
    target = Document("bench.fr.txt", f"Valeurs : {', '.join(french)}.")
    return source, target


def _measure_pair(text: str) -> Any:
    """The number check (TQA-ALN-003) of a German sentence of measures (320
    Kilometer, 10 Meilen), scaled figures (1,5 Mrd.) and years written short
    (’19), and its French translation giving them in the other order,
    converted (200 milles, 16 km), spelt out (1,5 milliards) and in full
    (1919): each was compared with every number of the other side. The
    number check alone; measure-pair-all runs every check."""
    from tqa.config import Config
    from tqa.pipeline import check_document

    source, target = _measure_sentences(text)
    return check_document(target, Config(select=("TQA-ALN-003",)), source=source)


def _measure_pair_all(text: str) -> Any:
    """Every check of the same sentence pair: one sentence of thousands of
    capitalised words (Kilometer, Meilen, Milliarden), where the name checks
    compared each German name with every French word (TQA-ACC-002,
    tqa.lang.names.near_miss) and looked for each capitalised French word at
    every place where it stands in the German sentence (tqa.names.in_source)."""
    from tqa.config import Config
    from tqa.pipeline import check_document

    source, target = _measure_sentences(text)
    return check_document(target, Config(), source=source)


def _placeholder_unit(text: str) -> Any:
    """The same sentence pair as one unit of a PO file, read by the PO reader:
    every finding of a unit carries its id, the whole msgid."""
    from tqa.config import Config
    from tqa.pipeline import check_document
    from tqa.read import po

    def quoted(line: str) -> str:
        return '"' + line.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    data = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"msgid {quoted(f'Die Werte sind {text}.')}\n"
        f"msgstr {quoted(f'Les valeurs sont {_changed_placeholders(text)}.')}\n"
    )
    return check_document(po.read(data.encode("utf-8"), "bench.po"), Config())


def _pipeline(text: str) -> Any:
    from tqa.config import Config
    from tqa.pipeline import check_document

    return check_document(_document(text), Config())


def _forget_documents() -> None:
    from tqa.backends import grammalecte
    from tqa.checks import grammar_parse

    grammar_parse._parse.cache_clear()
    grammalecte.check.cache_clear()


@dataclass(frozen=True)
class Case:
    name: str
    function: Callable[[str], Any]
    families: tuple[str, ...]
    reset: Callable[[], None] | None = None
    """Clears the caches that would serve a second call on the same text
    (the parses of a document, Grammalecte's answers), before every timed call."""
    requires: str = ""
    """The resource (tqa.backends.resources), or "module:NAME" a Python
    package, without which the case is skipped."""


ALL = tuple(FAMILIES)
CASES: tuple[Case, ...] = (
    Case("segment", _segment, ALL),
    Case("segment-lines", _segment_lines, ("cr-lines", "long-word", "paragraph")),
    Case("typography", _run_rules("TQA-TYP"), ALL),
    Case("identifiers", _identifiers, ALL),
    Case("align-regexes", _align_regexes, ALL),
    Case("lexicon", _lexicon, ("long-word", "paragraph", "a-hyphen"), requires="freedict-deu-fra"),
    Case("source-patterns", _source_patterns, ALL),
    Case(
        "identify",
        _identify,
        ("mixed-line", "paragraph", "dense-line", "mot-colon", "capital-hyphens"),
    ),
    Case("merge", _merge, ("mot-colon", "paragraph", "a-hyphen")),
    Case("suppress", _suppress, ("ignore-trailing", "ignore-codes", "cr-lines", "paragraph")),
    Case("omissions", _omissions, ("paragraph", "nur-periods", "question-marks")),
    Case(
        "form",
        _run_rules("TQA-FRM"),
        ("digits", "digit-dots", "mot-colon", "paragraph", "german-quotes", "quoted-words"),
    ),
    Case(
        "identifier-rules", _identifier_rules, ("a-hyphen", "a-hyphen-dot", "handles", "addresses")
    ),
    Case(
        "grammalecte",
        _grammalecte,
        ("fin-spaces", "mot-colon", "long-word", "paragraph"),
        requires="grammalecte",
    ),
    Case(
        "placeholder-pair",
        _placeholder_pair,
        ("placeholders", "same-placeholder", "printf"),
        reset=_forget_documents,
    ),
    Case("number-pair", _number_pair, ("numbers",), reset=_forget_documents),
    Case("date-pair", _date_pair, ("dates",), reset=_forget_documents),
    Case("measure-pair", _measure_pair, ("measures",), reset=_forget_documents),
    Case(
        "measure-pair-all",
        _measure_pair_all,
        ("measures", "measures-words"),
        reset=_forget_documents,
    ),
    Case(
        "placeholder-unit",
        _placeholder_unit,
        ("placeholders", "same-placeholder", "printf"),
        reset=_forget_documents,
        requires="module:translate",
    ),
    Case(
        "checks",
        _checks,
        ("periods", "i-word", "a-hyphen-dot", "cr-lines", "mot-colon"),
        reset=_forget_documents,
    ),
    Case(
        "spacy-parse",
        _spacy,
        ("bangs", "punctuation", "long-word", "fin-spaces", "paragraph"),
        requires="spacy-fr",
    ),
)
#: every check (spaCy, hunspell, Grammalecte when installed): on French
#: segments, and through the whole pipeline (language identification first)
PIPELINE_CASES: tuple[Case, ...] = (
    Case("all-checks", _checks, ALL, reset=_forget_documents),
    Case("pipeline", _pipeline, ALL, reset=_forget_documents),
)


#: CPU seconds of this process (see the module docstring)
clock = time.process_time


def available(case: Case) -> bool:
    import importlib.util

    from tqa.backends import resources

    if case.requires.startswith("module:"):  # a Python package, not a tqa resource
        return importlib.util.find_spec(case.requires.removeprefix("module:")) is not None
    return not case.requires or resources.by_name(case.requires).location() is not None


def measure_once(function: Callable[[str], Any], text: str) -> float:
    start = clock()
    function(text)
    return clock() - start


def measure(
    function: Callable[[str], Any],
    text: str,
    repeat: int = 5,
    *,
    warm: bool = True,
    enough: float = 0.0,
    hopeless: float = float("inf"),
    reset: Callable[[], None] | None = None,
) -> float:
    """CPU seconds per call: the best of ``repeat`` runs, each of enough calls
    to take at least 5 ms (so that timer resolution and one-off pauses drop out),
    or of one call after ``reset`` when a case has caches to clear.

    Stops early once the best is at most ``enough`` (it can only get lower)
    or at least ``hopeless`` (a quadratic case need not be timed five times)."""
    if warm:
        function(text)  # lazy imports and tables
    if reset is not None:
        best = float("inf")
        for _ in range(repeat):
            reset()
            best = min(best, measure_once(function, text))
            if best <= enough or best >= hopeless:
                break
        return best
    number = 1
    while True:
        start = clock()
        for _ in range(number):
            function(text)
        elapsed = clock() - start
        if elapsed >= 0.005 or number >= 1024:
            break
        number *= 4
    best = elapsed / number
    for _ in range(repeat - 1):
        if best <= enough or best >= hopeless:
            break
        start = clock()
        for _ in range(number):
            function(text)
        best = min(best, (clock() - start) / number)
    return best


def growth(case: Case, family: str, small: int, large: int, limit: float, repeat: int = 5) -> float:
    """How much longer ``case`` takes on ``family`` at ``large`` than at ``small``
    characters (timed no longer than needed to tell whether it is under ``limit``)."""
    make = FAMILIES[family]
    base = measure(case.function, make(small), repeat, reset=case.reset)
    return (
        measure(
            case.function,
            make(large),
            repeat,
            warm=False,
            enough=limit * base,
            hopeless=3 * limit * base,
            reset=case.reset,
        )
        / base
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="sizes in characters")
    parser.add_argument("--limit", type=float, default=30.0, help="largest accepted ratio")
    parser.add_argument("--pipeline", action="store_true", help="also time every check")
    parser.add_argument("--only", default="", help="cases or families whose name contains this")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    cases = CASES + (PIPELINE_CASES if args.pipeline else ())
    print(f"{'CPU seconds':32}" + "".join(f"{n:>11,}" for n in sizes) + "   ratio")
    failed = []
    for case in cases:
        if not available(case):
            print(f"{case.name:18} skipped: {case.requires} not installed")
            continue
        for family in case.families:
            if args.only and args.only not in case.name and args.only not in family:
                continue
            if case.reset is not None:
                case.function(SAMPLE.read_text(encoding="utf-8"))  # load models and tables
            times = [
                measure(case.function, FAMILIES[family](n), args.repeat, reset=case.reset)
                for n in sizes
            ]
            ratio = times[-1] / times[-2] if len(times) > 1 else 0.0
            flag = "" if ratio <= args.limit else "  SUPER-LINEAR"
            print(
                f"{case.name:18} {family:13}"
                + "".join(f"{t:10.4f}s" for t in times)
                + f"  {ratio:6.1f}{flag}",
                flush=True,
            )
            if ratio > args.limit:
                failed.append(f"{case.name}/{family}")
    if failed:
        print(
            f"growth over {args.limit:g}× for a {sizes[-1] // sizes[-2]}× larger text: "
            + ", ".join(failed)
        )
        return 1
    print("every case grows linearly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
