"""Idioms rendered word for word: German fixed phrases (data in idioms.tsv)
matched on the source side of a bead, whose literal French words stand in
the translation while none of the usual French equivalents does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, source_offset, target_offset
from tqa.lang.terms import straight_apostrophes
from tqa.model import Finding


@dataclass(frozen=True)
class Idiom:
    id: str
    german: re.Pattern[str]
    literal: re.Pattern[str]
    equivalents: tuple[re.Pattern[str], ...]
    suggestions: tuple[str, ...]
    note: str


@lru_cache(maxsize=1)
def idioms() -> tuple[Idiom, ...]:
    from tqa.lexicon import read_table

    table = []
    for row in read_table("idioms.tsv"):
        options = tuple(e.strip() for e in row["equivalents"].split("|") if e.strip())
        table.append(
            Idiom(
                row["id"],
                re.compile(row["german"], re.I),
                re.compile(row["literal"], re.I),
                tuple(re.compile(rf"(?<!\w){re.escape(e.lower())}", re.I) for e in options),
                options,
                row.get("note", ""),
            )
        )
    return tuple(table)


@rule(
    "TQA-ACC-008",
    "idiom-word-for-word",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Les spectateurs sont venus à leurs frais.\n",
            flagged=("frais",),
            source="Die Zuschauer kamen auf ihre Kosten.\n",
        ),
        Example(
            "Les spectateurs en ont eu pour leur argent.\n",
            source="Die Zuschauer kamen auf ihre Kosten.\n",
        ),
        Example(
            "Il a eu des taches bleues partout.\n",
            flagged=("taches bleues",),
            source="Er hatte überall blaue Flecken.\n",
        ),
    ),
)
def idiom_word_for_word(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German idiom translated word for word (auf seine Kosten kommen → venir à ses frais).

    Idioms mean something other than their words: *auf seine Kosten kommen*
    is to get one's money's worth, *unter vier Augen* in private, *blaue
    Flecken* bruises, *nicht zuletzt* notably. The idioms, the literal French
    words that betray a word-for-word rendering and the usual French
    equivalents are data (idioms.tsv). Reported when the German sentence
    holds the idiom, the aligned French sentence its literal words, and none
    of the equivalents. It misfires where French has the same image, which
    the table avoids listing.
    """
    table = idioms()
    for pair in check.word_pairs:
        german = pair.source_text
        french = straight_apostrophes(pair.target_text)
        for idiom in table:
            source = idiom.german.search(german)
            if source is None:
                continue
            literal = idiom.literal.search(french)
            if literal is None or any(e.search(french.lower()) for e in idiom.equivalents):
                continue
            start, end = target_offset(check, pair, literal.start(), literal.end())
            if start is None or end is None:
                continue
            src_start = source_offset(check, pair, source.start())
            src_end = None if src_start is None else src_start + len(source.group())
            yield self.finding(
                check,
                start,
                end,
                f"“{source.group()}” is an idiom ({idiom.note}); "
                f"“{check.text[start:end]}” renders it word for word",
                segment=segment_of(check, start),
                confidence=0.8,
                suggestions=idiom.suggestions[:3],
                evidence=f"idiom {idiom.id} (idioms.tsv): “{source.group()}”",
                source_span=(src_start, src_end) if src_start is not None and src_end else None,
            )
