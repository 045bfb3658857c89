"""Terminology: required French renderings of German terms, from a glossary
file named in the configuration (``glossary = "terms.tsv"``).

The glossary is a CSV or TSV file with a header naming the columns
``german`` and ``french``; several renderings of one term go on several rows
or in one cell separated by ``|``. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.errors import ConfigError
from tqa.model import Finding, Segment

#: German inflection endings accepted after a glossary term (Gipfel → Gipfels)
GERMAN_ENDINGS = "(?:e|en|n|s|es|er|ern|ns)?"
#: French plural endings accepted after a rendering (sommet → sommets)
FRENCH_ENDINGS = "(?:s|x|es)?"


@dataclass(frozen=True)
class Term:
    german: str
    french: tuple[str, ...]
    pattern: re.Pattern[str]
    renderings: tuple[re.Pattern[str], ...]


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")


def _phrase(term: str, endings: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in _norm(term).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + endings + r"(?!\w)", re.IGNORECASE)


def parse_glossary(text: str, name: str) -> tuple[Term, ...]:
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return ()
    delimiter = "\t" if "\t" in lines[0] or name.lower().endswith(".tsv") else ","
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    fields = [f.strip().lower() for f in reader.fieldnames or ()]
    if "german" not in fields or "french" not in fields:
        raise ConfigError(f"{name}: a glossary needs a header with the columns german and french")
    reader.fieldnames = fields
    renderings: dict[str, list[str]] = {}
    for row in reader:
        german = (row.get("german") or "").strip()
        french = [f.strip() for f in (row.get("french") or "").split("|") if f.strip()]
        if german and french:
            renderings.setdefault(german, []).extend(french)
    return tuple(
        Term(german, tuple(dict.fromkeys(french)), _phrase(german, GERMAN_ENDINGS),
             tuple(_phrase(f, FRENCH_ENDINGS) for f in dict.fromkeys(french)))
        for german, french in sorted(renderings.items())
    )  # fmt: skip


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> tuple[Term, ...]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read glossary ({exc})") from None
    return parse_glossary(text, path)


def load_glossary(path: str) -> tuple[Term, ...]:
    """The glossary at ``path``, read once per process (and again if it changes)."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        raise ConfigError(f"{path}: glossary file not found") from None
    return _load(path, mtime)


def _pairs(check: CheckInput) -> Iterator[tuple[list[Segment], list[Segment]]]:
    """(German segments, French segments) of each alignment bead: from the
    ``--source`` file, or German segments inside a mixed document."""
    source = check.source_segments if check.source is not None else check.segments
    by_source = {s.id: s for s in source}
    by_target = {s.id: s for s in check.segments}
    for bead in check.alignment:
        german = [by_source[i] for i in bead.source if i in by_source]
        french = [by_target[i] for i in bead.target if i in by_target]
        if german and french:
            yield german, french


@rule(
    "TQA-TRM-001",
    "glossary-term",
    "terminology/wrong-term",
    "major",
    examples=(
        Example(
            "Le sommet commence lundi.\n",
            source="Der Gipfel beginnt am Montag.\n",
        ),
    ),
    configured_by="glossary",
)
def glossary_term(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German glossary term is not rendered by any of its required French terms.

    Localisation teams keep glossaries of agreed translations (product names,
    institutions, recurring terms). With ``glossary = "terms.tsv"`` in the
    configuration, every aligned pair of a German source segment and its French
    segment(s) is checked: when the German term occurs in the source and none of
    its French renderings occurs in the target, the French segment is flagged.
    Needs a German source (``--source``) or a mixed document with aligned German
    segments. Terms match case-insensitively with common German inflection
    endings and French plurals; other inflected forms and paraphrases that keep
    the meaning are flagged too, so review before correcting.
    """
    if not check.config.glossary:
        return
    terms = load_glossary(check.config.glossary)
    if not terms:
        return
    for german, french in _pairs(check):
        source_text = _norm(" ".join(s.text for s in german))
        target_text = _norm(" ".join(s.text for s in french))
        for term in terms:
            found = term.pattern.search(source_text)
            if found is None or any(r.search(target_text) for r in term.renderings):
                continue
            # In an n-m bead, point at the French segment closest in length to the German.
            first = min(french, key=lambda s: abs(len(s.text) - len(source_text)))
            wanted = " or ".join(f"“{f}”" for f in term.french)
            yield self.finding(
                check, first.start, first.end,
                f"glossary: “{found.group(0)}” should be translated as {wanted}",
                segment=first.id, confidence=0.8, suggestions=term.french,
                evidence=f"German segment {', '.join(str(s.id) for s in german)} has "
                f"“{found.group(0)}”; aligned French {', '.join(str(s.id) for s in french)} "
                "has none of the glossary renderings",
            )  # fmt: skip
