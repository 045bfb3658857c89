"""Wrong senses that machine translation gives known German words, read
against the source: a word whose French rendering belongs to another of its
senses (Corona → couronne, Schlager → batteur, a bicycle's Schlauch → tuyau),
or an event cancelled or postponed in German whose French says neither. The
words, the domain that selects their sense, the wrong and the right French
renderings are data (wrong-senses.tsv)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import (
    omission_point,
    segment_of,
    source_span,
    target_offset,
    word_pairs,
)
from tqa.lang.terms import straight_apostrophes
from tqa.model import Finding
from tqa.word_align import AlignedPair


@dataclass(frozen=True)
class WrongSense:
    id: str
    german: re.Pattern[str]
    context: re.Pattern[str] | None
    #: where ``context`` is looked for: the whole German document (the
    #: domain of the text) or the German sentence (the event a verb is about)
    scope: str
    wrong: re.Pattern[str] | None
    right: re.Pattern[str]
    severity: str
    note: str


@lru_cache(maxsize=1)
def wrong_senses() -> tuple[WrongSense, ...]:
    from tqa.lexicon import read_table

    def compiled(pattern: str) -> re.Pattern[str] | None:
        return re.compile(pattern, re.I) if pattern else None

    table = []
    for row in read_table("wrong-senses.tsv"):
        right = compiled(row["right"])
        table.append(
            WrongSense(
                row["id"],
                re.compile(row["german"], re.I),
                compiled(row["context"]),
                row.get("scope") or "document",
                compiled(row["wrong"]),
                right if right is not None else re.compile(r"(?!)"),
                row.get("severity") or "major",
                row.get("note", ""),
            )
        )
    return tuple(table)


@rule(
    "TQA-ACC-010",
    "wrong-sense-known",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "La crise de la couronne a frappé les artistes.\n",
            flagged=("couronne",),
            source="Die Corona-Krise hat die Künstler getroffen.\n",
        ),
        Example(
            "La crise du coronavirus a frappé les artistes.\n",
            source="Die Corona-Krise hat die Künstler getroffen.\n",
        ),
        Example(
            "Son répertoire de batteurs et de chansons.\n",
            flagged=("batteurs",),
            source="Sein Repertoire aus Schlagern und Chansons.\n",
        ),
        Example(
            "Le pneu était à plat. Je n'avais pas de tuyau de rechange.\n",
            flagged=("tuyau",),
            source="Der Reifen war platt. Ich hatte keinen Ersatzschlauch.\n",
        ),
        Example(
            "Sectionnez le tuyau d'air et installez la valve.\n",
            source="Den Luftschlauch durchschneiden und das Ventil dazwischen setzen.\n",
        ),
        Example(
            "Ses concerts de l'Avent doivent aussi se produire.\n",
            flagged=("",),
            source="Auch seine Konzerte im Advent sollen ausfallen.\n",
        ),
        Example(
            "Ses concerts de l'Avent sont annulés.\n",
            source="Auch seine Konzerte im Advent sollen ausfallen.\n",
        ),
    ),
)
def wrong_sense_known(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German word rendered in a sense it does not have here (Corona → couronne), or an event's cancellation dropped.

    Machine translation picks the commonest sense of a word whatever the
    text is about: *Corona* becomes a crown, the popular songs of a singer
    (*Schlager*) drummers, the inner tube of a bicycle (*Schlauch*) a hose,
    the lay judges of a court (*Laien*) the laity, a brake disc (*Scheibe*)
    a window pane; a concert that is cancelled (*fällt aus*) or postponed
    (*verlegt*) is said to take place or to be scheduled. Each word is a row
    of wrong-senses.tsv: the German word, the words of the German document
    that select the sense (the domain: Reifen, Fahrrad for the bicycle; for
    an event, a word of the sentence: Konzert, Spiel, Termin), the
    French rendering that betrays the wrong sense and the right renderings.
    A row without a wrong rendering reports a French sentence that has none
    of the right ones (the cancellation is not said). The finding is the
    wrong French word, or an empty span where the German word would be
    rendered. Only the listed words are checked; a translation that renders
    the right sense with a word the row does not list may be reported.
    """
    table = wrong_senses()
    document = check.source_text
    domain: dict[str, bool] = {}
    for pair in word_pairs(check):
        french = straight_apostrophes(pair.target_text)
        for sense in table:
            found = sense.german.search(pair.source_text)
            if found is None:
                continue
            if sense.context is not None and sense.scope == "sentence":
                if sense.context.search(pair.source_text) is None:
                    continue
            elif sense.context is not None:
                if sense.id not in domain:
                    domain[sense.id] = sense.context.search(document) is not None
                if not domain[sense.id]:
                    continue
            if sense.right.search(french):
                continue
            yield from _report(self, check, pair, sense, found, french)


def _report(
    self: Rule,
    check: CheckInput,
    pair: AlignedPair,
    sense: WrongSense,
    found: re.Match[str],
    french: str,
) -> Iterator[Finding]:
    span = source_span(check, pair, found.start(), found.end())
    evidence = f"source “{found.group()}”; row {sense.id} of wrong-senses.tsv"
    if sense.wrong is not None:
        wrong = sense.wrong.search(french)
        if wrong is None:
            return
        start, end = target_offset(check, pair, wrong.start(), wrong.end())
        if start is None or end is None:
            return
        message = f"“{wrong.group()}” renders “{found.group()}” in a sense it does not have here ({sense.note})"
    else:
        at = span[0] if span is not None else 0
        index = next((t.index for t in pair.words.source if t.start >= at), 0)
        start = end = omission_point(pair, check, index)
        message = f"“{found.group()}”: {sense.note}"
    yield self.finding(
        check,
        start,
        end,
        message,
        segment=segment_of(check, start),
        confidence=0.8,
        severity=sense.severity,  # type: ignore[arg-type]
        evidence=evidence,
        source_span=span,
    )
