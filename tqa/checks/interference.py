"""German→French interference from a curated lexicon: false friends and wrong
senses, calques of German constructions, idioms translated word for word,
translated names of newspapers and companies, German boilerplate.

The entries are data (``corpora/lexicon/interference.tsv``): a trigger regex,
context conditions that keep the entry quiet on correct uses (``require`` and
``forbid`` regexes within a window), a suggestion, an MQM category and a
severity. Each row also carries a sentence where it fires and one where it
must stay silent; the test suite runs them all. No model is needed.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.lexicon import read_table
from tqa.model import Finding, Severity

# The regex parser is private (re._parser since 3.11, without type stubs); it
# is only used to derive prefilter keywords, and ``keywords`` falls back to no
# prefilter if it ever changes.
_sre: Any = importlib.import_module("re._constants")
_sre_parse: Any = importlib.import_module("re._parser")

LEXICON = "interference.tsv"
#: characters that IGNORECASE matching folds differently from ``str.lower``
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "ẛ": "ṡ"})


@dataclass(frozen=True)
class Entry:
    id: str
    trigger: re.Pattern[str]
    require: re.Pattern[str] | None
    forbid: re.Pattern[str] | None
    window: int | None
    suggestions: tuple[str, ...]
    category: str
    severity: Severity
    german: str
    note: str
    fires: str
    silent: str
    keywords: tuple[str, ...] = ()
    """Lower-case strings one of which every trigger match contains (empty: no prefilter)."""


@dataclass(frozen=True)
class Hit:
    """One lexicon match inside a text (offsets relative to that text)."""

    entry: Entry
    start: int
    end: int


def _compile(pattern: str) -> re.Pattern[str] | None:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE) if pattern else None


def _literal(item: tuple[Any, Any]) -> str | None:
    """The lower-case character an item matches, when it matches exactly one letter."""
    op, arg = item
    if op is _sre.LITERAL:
        char = chr(arg).lower()  # type: ignore[call-overload]
        return char if len(char) == 1 and ord(char) < 0x250 else None
    if op is _sre.IN and arg:
        chars = {_literal(sub) for sub in arg}  # type: ignore[attr-defined]
        return chars.pop() if len(chars) == 1 else None
    return None


def _required(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """Strings one of which any match of the parsed sequence ``items`` contains.

    Literal runs are kept whole; alternations give the union of their
    branches; optional parts, classes and repeats end a run. Of the
    candidates, the one whose shortest string is longest is kept: a necessary
    condition, so filtering with it never loses a match.
    """
    candidates: list[frozenset[str]] = []
    run = ""

    def flush() -> None:
        nonlocal run
        if run:
            candidates.append(frozenset({run}))
        run = ""

    for op, arg in items:
        char = _literal((op, arg))
        if char is not None:
            run += char
            continue
        if op is _sre.AT:
            continue  # zero-width: the run goes on
        flush()
        found: frozenset[str] | None = None
        if op is _sre.SUBPATTERN or op is getattr(_sre, "ATOMIC_GROUP", None):
            body = arg[-1] if op is _sre.SUBPATTERN else arg  # type: ignore[index]
            found = _required(list(body))  # type: ignore[arg-type]
        elif op is _sre.BRANCH:
            branches = [_required(list(b)) for b in arg[1]]  # type: ignore[index]
            if all(b is not None for b in branches):
                found = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
            low, _high, body = arg  # type: ignore[misc]
            if low >= 1:
                found = _required(list(body))
        elif op is _sre.ASSERT and arg[0] == 1:  # type: ignore[index]
            found = _required(list(arg[1]))  # type: ignore[index]
        if found:
            candidates.append(found)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(len(s.strip()) for s in c), -len(c)))


def keywords(pattern: str) -> tuple[str, ...]:
    """Prefilter strings for a trigger regex (see ``_required``); () when none is certain."""
    try:
        found = _required(list(_sre_parse.parse(pattern, re.IGNORECASE | re.MULTILINE)))
    except Exception:  # noqa: BLE001 - an unusual pattern is simply not prefiltered
        return ()
    return tuple(sorted(found)) if found else ()


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n")


#: bumped whenever the stored keyword table changes layout
KEYWORDS_VERSION = 1


def keyword_table(rows: Sequence[dict[str, str]]) -> dict[str, tuple[str, ...]]:
    """``keywords`` of every trigger of the lexicon, from the table cache
    (tqa.backends.cache) once derived: parsing the 225 triggers with
    ``re``'s parser took 0.06-0.07 s of CPU at every start. The entry is kept
    for the lexicon file, this module (the derivation) and ``re``'s parser
    (another Python parses otherwise); a trigger it lacks is derived here."""
    from tqa.backends import cache
    from tqa.lexicon import DATA_DIR

    triggers = sorted({row["trigger"] for row in rows if row.get("trigger")})
    sources = (str(DATA_DIR / LEXICON), __file__, getattr(_sre_parse, "__file__", None))
    return cache.cached(
        "interference-keywords",
        KEYWORDS_VERSION,
        sources,
        lambda: {trigger: keywords(trigger) for trigger in triggers},
        dict[str, tuple[str, ...]],
    )


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The lexicon, read and compiled once."""
    result = []
    rows = read_table(LEXICON)
    derived = keyword_table(rows)
    for row in rows:
        trigger = _compile(row.get("trigger", ""))
        if trigger is None:
            continue
        window = row.get("window", "")
        result.append(
            Entry(
                id=row["id"],
                trigger=trigger,
                require=_compile(row.get("require", "")),
                forbid=_compile(row.get("forbid", "")),
                window=int(window) if window else None,
                suggestions=tuple(
                    s.strip() for s in row.get("suggestion", "").split(" | ") if s.strip()
                ),
                category=row.get("category", "accuracy/mistranslation"),
                severity=row.get("severity", "minor"),  # type: ignore[arg-type]
                german=row.get("german", ""),
                note=row.get("note", ""),
                fires=_unescape(row.get("fires", "")),
                silent=_unescape(row.get("silent", "")),
                keywords=(
                    derived[row["trigger"]]
                    if row["trigger"] in derived
                    else keywords(row["trigger"])
                ),
            )
        )
    return tuple(result)


@lru_cache(maxsize=1)
def _all_keywords() -> tuple[str, ...]:
    """Every entry's keywords, each once."""
    return tuple(sorted({k for entry in entries() for k in entry.keywords}))


def scan(text: str, categories: frozenset[str] | None = None) -> list[Hit]:
    """Lexicon hits in ``text`` (one French segment), in text order; overlapping
    hits of the same category are reduced to the first, longest one."""
    kept: list[Hit] = []
    for hit in _scan_all(text):
        if categories is not None and hit.entry.category not in categories:
            continue
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


@lru_cache(maxsize=4096)
def _scan_all(text: str) -> tuple[Hit, ...]:
    """Every hit of every entry, computed once per segment text for the four rules.

    An entry's regex runs only on texts that contain one of its keywords
    (a plain substring test), which skips most of the 224 regexes per segment.
    Each of the lexicon's distinct keywords (about 350) is looked for once per
    text, not once per entry that lists it.
    """
    hits: list[Hit] = []
    folded = text.translate(_FOLD).lower()
    present = frozenset(k for k in _all_keywords() if k in folded)
    for entry in entries():
        if entry.keywords and present.isdisjoint(entry.keywords):
            continue
        for match in entry.trigger.finditer(text):
            start, end = match.span("x") if "x" in entry.trigger.groupindex else match.span()
            if start < 0 or start == end:
                continue
            if entry.window is None:
                context = text
            else:
                context = text[max(0, match.start() - entry.window) : match.end() + entry.window]
            if entry.require is not None and not entry.require.search(context):
                continue
            if entry.forbid is not None and entry.forbid.search(context):
                continue
            hits.append(Hit(entry, start, end))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.entry.id))
    return tuple(hits)


def _findings(self: Rule, check: CheckInput, category: str, label: str) -> Iterator[Finding]:
    wanted = frozenset({category})
    for segment in check.target_segments:
        for hit in scan(segment.text, wanted):
            start, end = segment.start + hit.start, segment.start + hit.end
            if category == "accuracy/untranslated" and any(
                span.start < end and start < span.end for span in segment.spans
            ):
                continue  # already reported as a German word (TQA-MIX-002)
            entry = hit.entry
            confidence = 0.85 if entry.severity == "major" else 0.75
            if entry.require is not None:
                confidence += 0.05
            suggestion = " or ".join(f"“{s}”" for s in entry.suggestions[:2])
            use = f"; use {suggestion}" if suggestion else ""
            yield self.finding(
                check,
                start,
                end,
                f"{label} (German “{entry.german}”){use}",
                segment=segment.id,
                confidence=confidence,
                suggestions=entry.suggestions,
                evidence=f"{entry.note} [interference.tsv: {entry.id}]",
                severity=entry.severity,
            )


@rule(
    "TQA-MT-001",
    "false-friend",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Lors du premier sommet, l'explication de Xi'an a été signée par les présidents.\n",
            flagged=("explication",),
        ),
        Example(
            "Les piles de pétrole brut et de gaz naturel sont déjà en activité au Kazakhstan.\n",
            flagged=("piles de pétrole",),
        ),
        Example(
            "Le sommet est vu comme une fenêtre d'atelier pour le succès de la coopération.\n",
            flagged=("fenêtre d'atelier",),
        ),
        Example(
            "Lors du premier sommet, la déclaration de Xi'an a été signée, et les oléoducs "
            "sont en activité.\n"
        ),
    ),
)
def false_friend(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German word rendered by a French word of another sense (false friend, wrong sense).

    Erklärung is both explication and déclaration; a Pipeline is not a pile;
    a Schaufenster is a vitrine. Each entry of the interference lexicon names
    the context in which the French word is wrong and the context in which it
    is right ("gymnase" next to "basket" is a sports hall), so correct uses
    stay quiet. Swiss and Belgian usages (gymnase, rente AVS, place de travail)
    are excluded where the text names Switzerland.
    """
    yield from _findings(self, check, "accuracy/mistranslation", "wrong sense or false friend")


@rule(
    "TQA-MT-002",
    "calque",
    "style/unidiomatic",
    "minor",
    examples=(
        Example(
            "Le sommet commence à Astana le 16 juin. Cela rapporte ottes.at.\n",
            flagged=("Cela rapporte",),
        ),
        Example(
            "La Chine soutiendra la recherche sur les vaccins, tels que Chine.org.cn rapporté.\n",
            flagged=("tels que Chine.org.cn rapporté",),
        ),
        Example(
            "La nouvelle loi entrera en force le premier janvier prochain.\n",
            flagged=("entrera en force",),
        ),
        Example(
            "Le sommet commence à Astana le 16 juin, selon ottes.at. La loi entrera en vigueur "
            "en janvier.\n"
        ),
    ),
)
def calque(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German construction copied word for word into French (calque).

    "Das berichtet X" gives "Cela rapporte X", "wie X berichtete" gives
    "tels que X rapporté", "in Kraft treten" gives "entrer en force", "Sinn
    machen" gives "faire du sens". The French is understandable but not
    idiomatic, sometimes ungrammatical. Entries use context conditions:
    "Cela rapporte" followed by a name or domain, not by an amount.
    """
    yield from _findings(self, check, "style/unidiomatic", "calque of a German construction")


@rule(
    "TQA-MT-003",
    "translated-name-or-term",
    "terminology/wrong-term",
    "major",
    examples=(
        Example(
            "Selon le Journal général de Francfort, la coalition reste divisée sur le budget.\n",
            flagged=("Journal général de Francfort",),
        ),
        Example(
            "Le nouveau contrat tarifaire prévoit une hausse des salaires de cinq pour cent.\n",
            flagged=("contrat tarifaire",),
        ),
        Example(
            "Selon la Frankfurter Allgemeine Zeitung, la nouvelle convention collective prévoit "
            "une hausse des salaires.\n"
        ),
    ),
)
def translated_term(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A translated name, or a German term given a non-standard French equivalent.

    Newspaper, company and institution names keep their original form (Der
    Spiegel, Deutsche Bank, Stiftung Warentest); German institutions have
    established French names (Loi fondamentale, Land, groupe parlementaire).
    """
    yield from _findings(self, check, "terminology/wrong-term", "wrong term")


@rule(
    "TQA-MT-004",
    "german-boilerplate",
    "accuracy/untranslated",
    "minor",
    examples=(
        Example(
            "La salle compte ca. 300 places, selon les organisateurs du festival.\n",
            flagged=("ca.",),
        ),
        Example("La salle compte environ 300 places, selon les organisateurs du festival.\n"),
    ),
)
def german_boilerplate(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """German boilerplate, abbreviations or labels left in French text (Uhr, Mrd., z. B.).

    Words that language identification already reports as German
    (TQA-MIX-002) are not reported twice; this rule adds the French
    replacement for fixed web and press boilerplate.
    """
    yield from _findings(self, check, "accuracy/untranslated", "German boilerplate")
