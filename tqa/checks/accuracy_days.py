"""A German weekday of one date (*am Samstag*, on Saturday) rendered with the
article that makes it a habit in French (*le samedi*, on Saturdays)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, source_span, target_offset, word_pairs
from tqa.model import Finding

DAYS = {
    "montag": "lundi",
    "dienstag": "mardi",
    "mittwoch": "mercredi",
    "donnerstag": "jeudi",
    "freitag": "vendredi",
    "samstag": "samedi",
    "sonnabend": "samedi",
    "sonntag": "dimanche",
}
_SPACE = r"[\s\u00a0\u202f]"
#: "am Samstag", one day, unless a date or a part of the day follows (am Samstag, 3. März;
#: am Samstagabend is one word and does not match)
ONE_DAY = re.compile(
    rf"(?<!\w)[Aa]m{_SPACE}+({'|'.join(d.capitalize() for d in DAYS)})(?!\w)"
    rf"(?!{_SPACE}*+,?{_SPACE}*+(?:den{_SPACE}+)?\d)",
)
#: German words that make the day a habit, which "le samedi" renders rightly
HABIT = re.compile(
    rf"(?<!\w)(?:{'|'.join(DAYS)})s(?!\w)|(?<!\w)(?:jeden|immer|meist|meistens|jeweils|regelmäßig|wöchentlich)(?!\w)",
    re.I,
)
_FRENCH_DAYS = "|".join(sorted(set(DAYS.values())))
#: French "le samedi" with nothing after it that makes it one date (le samedi 3 mars,
#: le samedi suivant, le samedi matin)
HABITUAL = re.compile(
    rf"(?<![\w'’])([Ll]e){_SPACE}+({_FRENCH_DAYS})(?!\w)"
    rf"(?!{_SPACE}*(?:\d|premier|1er|dernier|suivant|précédent|d['’]avant|d['’]après|même"
    rf"|matin|soir|après-midi|midi|en{_SPACE}+question)(?!\w))"
)
_ANY_DAY = re.compile(rf"(?<!\w)(?:{_FRENCH_DAYS})(?!\w)", re.I)


@rule(
    "TQA-ACC-015",
    "weekday-made-habitual",
    "style/unidiomatic",
    "minor",
    examples=(
        Example(
            "Le samedi à la Hohenlohe-Arena, seuls 750 spectateurs sont admis.\n",
            flagged=("Le samedi",),
            source="Am Samstag in der Hohenlohe-Arena sind nur 750 Zuschauer zugelassen.\n",
        ),
        Example(
            "Samedi, à la Hohenlohe-Arena, seuls 750 spectateurs sont admis.\n"
            "Le samedi 3 mars, la salle était pleine.\n"
            "Le samedi, le marché se tient sur la place.\n"
            "Le samedi, il a repoussé l'attaque.\n"
            "Puis, le dimanche, il a accru son avance.\n",
            source="Am Samstag in der Hohenlohe-Arena sind nur 750 Zuschauer zugelassen.\n"
            "Am Samstag, 3. März, war die Halle voll.\n"
            "Samstags findet der Markt auf dem Platz statt.\n"
            "Erst wehrte er am Samstag den Angriff ab.\n"
            "Dann fuhr er am Sonntag einen größeren Vorsprung heraus.\n",
        ),
    ),
)
def weekday_made_habitual(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A weekday of one date (am Samstag) rendered as a habit (le samedi): French says “samedi”.

    *Am Samstag* is one Saturday; French news writes *samedi* without an
    article, and *le samedi* reads as every Saturday (*Le samedi à la
    Hohenlohe-Arena, seuls 750 spectateurs*). Reported when the German of a
    bead has *am* with a weekday and no date after it, nor a word that makes
    it a habit (*samstags*, *jeden*, *immer*, *regelmäßig*), and the French
    has *le* with the same weekday and no date, *matin*, *soir*, *suivant*
    or *même* after it. Left alone where the French names another weekday in
    the same or a neighbouring sentence (*Le samedi, il attaque. … le
    dimanche, il creuse l'écart*: the days of one weekend, told in turn).
    Minor: the reader usually understands.
    """
    pairs = word_pairs(check)
    for at, pair in enumerate(pairs):
        german = pair.source_text
        if HABIT.search(german):
            continue
        days = {DAYS[m.group(1).lower()]: m for m in ONE_DAY.finditer(german)}
        if not days:
            continue
        french = pair.target_text
        around = " ".join(p.target_text for p in pairs[max(0, at - 1) : at + 2])
        if len({m.group().lower() for m in _ANY_DAY.finditer(around)}) > 1:
            continue  # the days of one weekend, told in turn
        for match in HABITUAL.finditer(french):
            source = days.get(match.group(2).lower())
            if source is None:
                continue
            start, end = target_offset(check, pair, match.start(), match.end())
            if start is None or end is None:
                continue
            day = match.group(2)
            yield self.finding(
                check,
                start,
                end,
                f"“{match.group()}” reads as a weekly habit; the source means one day",
                segment=segment_of(check, start),
                confidence=0.6,
                suggestions=(day.capitalize() if match.group(1) == "Le" else day,),
                evidence=f"source “{source.group()}”: one day, not a habit",
                source_span=source_span(check, pair, source.start(), source.end()),
            )
