"""Idioms and constructions rendered word for word: German fixed phrases
(idioms.tsv) and constructions (calques-source.tsv) matched on the source
side of a bead, whose literal French words stand in the translation while
none of the usual French equivalents does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, source_span, target_offset
from tqa.lang.terms import straight_apostrophes
from tqa.model import Finding
from tqa.word_align import AlignedPair


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
    return _phrases("idioms.tsv")


@lru_cache(maxsize=1)
def calques() -> tuple[Idiom, ...]:
    return _phrases("calques-source.tsv")


def _phrases(name: str) -> tuple[Idiom, ...]:
    from tqa.lexicon import read_table

    table = []
    for row in read_table(name):
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
    for pair, idiom, source, literal in _matches(check, idioms()):
        start, end = target_offset(check, pair, literal.start(), literal.end())
        if start is None or end is None:
            continue
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
            source_span=source_span(check, pair, source.start(), source.end()),
        )


def _matches(
    check: CheckInput, table: tuple[Idiom, ...]
) -> Iterator[tuple[AlignedPair, Idiom, re.Match[str], re.Match[str]]]:
    """Each bead, row, German match and literal French match where no equivalent stands."""
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
            yield pair, idiom, source, literal


@rule(
    "TQA-ACC-016",
    "construction-calqued",
    "style/unidiomatic",
    "minor",
    examples=(
        Example(
            "Seulement dans le dernier quart, les Riesen ont évité la débâcle.\n",
            flagged=("Seulement",),
            source="Lediglich im letzten Viertel verhinderten die Riesen ein Debakel.\n",
        ),
        Example(
            "Ce n'est que dans le dernier quart que les Riesen ont évité la débâcle.\n",
            source="Lediglich im letzten Viertel verhinderten die Riesen ein Debakel.\n",
        ),
        Example(
            "S'il vous plaît vérifier mes coordonnées bancaires.\n",
            flagged=("S'il vous plaît vérifier",),
            source="Bitte überprüfen Sie meine Bankdaten.\n",
        ),
        Example(
            "Veuillez vérifier mes coordonnées bancaires, s'il vous plaît.\n",
            source="Bitte überprüfen Sie meine Bankdaten.\n",
        ),
    ),
)
def construction_calqued(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German construction copied into French word for word (Lediglich im … → Seulement dans …).

    Weak machine translation keeps the German build of a sentence where
    French has its own: a sentence opened by *nur*, *lediglich* or *erst*
    (only) copied as *Seulement …*, which in that place reads as *however*
    (French: *Ce n'est que dans le dernier quart que…*, *Seule la
    gardienne…*); *als einziges Bundesland* as *en tant que seul État*;
    *bitte beachten* as *s'il vous plaît noter*, an infinitive French does
    not build (*Veuillez noter*); *gesagt, getan* as *dit, fait*. The
    constructions, the French words that give the copy away and the
    renderings that keep a sentence quiet are data (calques-source.tsv).
    Reported when the German sentence holds the construction, the aligned
    French sentence the copy, and none of the renderings. Minor: the
    meaning mostly comes through. It misfires on a sentence opened by
    *Seulement* that a writer meant as *however*.
    """
    for pair, row, source, literal in _matches(check, calques()):
        start, end = target_offset(check, pair, literal.start(), literal.end())
        if start is None or end is None:
            continue
        text = check.text[start:end]
        lead = len(text) - len(text.lstrip(' .!?:;-\u00a0\u202f«"“(\n'))
        yield self.finding(
            check,
            start + lead,
            end,
            f"“{text[lead:]}” copies the German “{source.group().strip(' .!?:')}” ({row.note})",
            segment=segment_of(check, start + lead),
            confidence=0.6,
            suggestions=row.suggestions[:1],
            evidence=f"construction {row.id} (calques-source.tsv): “{source.group().strip(' .!?:')}”",
            source_span=source_span(check, pair, source.start(), source.end()),
        )
