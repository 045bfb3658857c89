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


#: the weekday before each French weekday
_EVE = {
    "lundi": "dimanche",
    "mardi": "lundi",
    "mercredi": "mardi",
    "jeudi": "mercredi",
    "vendredi": "jeudi",
    "samedi": "vendredi",
    "dimanche": "samedi",
}
_GERMAN_DAYS = "|".join(d.capitalize() for d in DAYS)
#: "(in der) Nacht auf/zum/zu (den) Samstag": the night that ends on Saturday
#: morning ("in der Nacht von Freitag auf Samstag" names both days and does
#: not match)
NIGHT_BEFORE = re.compile(
    rf"(?<!\w)Nacht{_SPACE}++(?:auf|zum|zu){_SPACE}++(?:den{_SPACE}++)?({_GERMAN_DAYS})(?!\w)"
)
_EVENING = re.compile(r"abend", re.I)
#: French "samedi soir", "la nuit de samedi", "la nuit du samedi au dimanche"
_FRENCH_NIGHT = re.compile(
    rf"(?<!\w)(?:({_FRENCH_DAYS}){_SPACE}++soir"
    rf"|nuit{_SPACE}++d(?:e|u){_SPACE}++({_FRENCH_DAYS})"
    rf"(?:{_SPACE}++(?:à|au){_SPACE}++(?:l[ae]{_SPACE}++)?({_FRENCH_DAYS}))?)(?!\w)",
    re.I,
)


@rule(
    "TQA-ACC-019",
    "night-before-made-night-after",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Samedi soir, plusieurs tornades ont causé de graves ravages aux États-Unis.\n"
            "55 migrants ont été arrêtés dans la nuit de dimanche à dimanche.\n",
            flagged=("Samedi soir", "nuit de dimanche à dimanche"),
            source="In der Nacht auf den Samstag haben mehrere Tornados in den USA schwere "
            "Verwüstungen angerichtet.\n"
            "55 Migranten seien in der Nacht auf Sonntag festgenommen worden.\n",
        ),
        Example(
            "Dans la nuit de vendredi à samedi, plusieurs tornades ont ravagé les États-Unis.\n"
            "55 migrants ont été arrêtés dans la nuit et reconduits à la frontière.\n"
            "Dans la nuit de vendredi à samedi, la police a fermé la route.\n"
            "Samedi soir, le match a eu lieu.\n"
            "Dans la nuit de vendredi à samedi, il a plu, et samedi soir encore.\n"
            "Dans la nuit de vendredi à samedi, une maison a brûlé, et samedi soir une autre.\n",
            source="In der Nacht auf den Samstag haben mehrere Tornados die USA verwüstet.\n"
            "55 Migranten seien in der Nacht auf Sonntag festgenommen und zurückgebracht "
            "worden.\n"
            "In der Nacht von Freitag auf Samstag sperrte die Polizei die Straße.\n"
            "Am Samstagabend fand das Spiel statt.\n"
            "In der Nacht auf Samstag regnete es, und am Samstagabend wieder.\n"
            "In der Nacht auf Samstag brannte ein Haus, am Samstag gegen 22 Uhr ein weiteres.\n",
        ),
    ),
)
def night_before_made_night_after(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """“In der Nacht auf Samstag” (the night before Saturday) rendered as Saturday night or evening.

    German *in der Nacht auf (zum) Samstag* is the night that ends on
    Saturday morning, from Friday to Saturday; French says *dans la nuit de
    vendredi à samedi*. Machine translation keeps the German day and moves
    the event a day later: *samedi soir*, *la nuit de samedi* (Saturday
    night), or writes *la nuit de samedi à samedi*. Reported when the German
    of a bead has *Nacht auf/zum/zu* with a weekday and its French has that
    weekday with *soir*, or *nuit de/du* with that weekday first, or a night
    that ends on another day. *La nuit de vendredi (à samedi)* and *dans la
    nuit* are right; *in der Nacht von Freitag auf Samstag*, which names both
    days, is not looked at.
    """
    for pair in word_pairs(check):
        nights = {DAYS[m.group(1).lower()]: m for m in NIGHT_BEFORE.finditer(pair.source_text)}
        if not nights:
            continue
        french = list(_FRENCH_NIGHT.finditer(pair.target_text))
        # nights the French already gives rightly (la nuit de vendredi à samedi)
        given = {
            g[2].lower()
            for m in french
            if (g := m.groups())[1] and g[2] and _EVE.get(g[2].lower()) == g[1].lower()
        }
        for match in french:
            evening, first, last = (g.lower() if g else None for g in match.groups())
            if evening is not None:  # unless the German has that evening too (am Samstagabend)
                day = evening
                wrong = not (_EVENING.search(pair.source_text) or evening in given)
            elif last is not None:
                day = last if last in nights else first
                wrong = first == last or _EVE.get(day or "") != first or last not in nights
            else:
                day, wrong = first, first in nights
            source = nights.get(day or "")
            if not wrong or source is None or day is None:
                continue
            start, end = target_offset(check, pair, match.start(), match.end())
            if start is None or end is None:
                continue
            right = f"nuit de {_EVE[day]} à {day}"
            if evening is not None:  # "Samedi soir, …" → "Dans la nuit de vendredi à samedi, …"
                right = f"dans la {right}"
                right = right[0].upper() + right[1:] if match.group()[0].isupper() else right
            yield self.finding(
                check,
                start,
                end,
                f"“{source.group()}” ends on {day} morning ({right.lower()}): "
                f"“{match.group()}” is a day late",
                segment=segment_of(check, start),
                confidence=0.8,
                suggestions=(right,),
                evidence=f"source “{source.group()}”: the night that ends on {day} morning",
                source_span=source_span(check, pair, source.start(), source.end()),
            )
