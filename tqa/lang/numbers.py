"""Numbers, clock times, dates and scale words in German and French text,
for comparing a translation with its source (TQA-ALN-003).

German and French write them differently: thousands with points or spaces
(1.500 / 1 500), decimals with commas in both, scale words after the figure
(5,4 Mrd. / 5,4 milliards; German Billion is 10^12), clock times (8.30 Uhr /
8 h 30), dates (12.12.19 / 12/12/2019), ordinals ("2." / "2e"), decades
(90er-Jahre / années 1990), numerals written as words (fünfundzwanzig /
vingt-cinq) and measures converted to other units (320 Kilometer / 200
milles; corpora/lexicon/units.tsv). ``numbers(text, lang)`` finds them with their values;
``Number.matches`` compares two across the languages.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, deque
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from tqa.spans import Spans

_WORD = re.compile(r"[^\W\d_]+")
NNBSP = "\u202f"
NBSP = "\u00a0"

_SPACE = "[ \u00a0\u202f]"
# thousands grouped by points or spaces, or a plain number with an optional decimal part
# (a stray space before the point, "25 .000", is a typo of the grouping; after a
# dimension's "x", as in "30mm x15.5mm", a number starts too)
_NUMBER = re.compile(
    rf"(?:(?<![\w.,])|(?<=[\s\d]x))"
    rf"(?:\d{{1,3}}(?: ?\.\d{{3}})+(?![\d])|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)|\d+)"
    r"(?:[,.]\d+)?"
)
#: German sayings written with figures: "0815" (run-of-the-mill), "von 0 auf 100" (all at once)
_SAYINGS_DE = re.compile(r"(?<![\w.,])(?:08/?15|von 0 auf 100)(?![\w,]|\.\d)", re.I)
# tried only where a run of address characters starts (linear on a long word)
_MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_DAY_FR = re.compile(rf"\s*(?:er\s+)?(?:{_MONTHS_FR})\b", re.I)
_ORDINAL_FR = re.compile(r"(?:e|er|re|ème|eme|nd|nde)\b", re.I)
_WORDS_DE = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "hundert": 100, "tausend": 1000,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_WORDS_FR = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "cent": 100, "mille": 1000,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip
#: a German numeral built with "und" (fünfundzwanzig) or a teen (dreizehn)
_COMPOUND_DE = re.compile(
    r"(?P<unit>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?P<ten>\w+zig|dreißig)"
    r"|(?P<teen>drei|vier|fünf|sech|sieb|acht|neun)zehn",
    re.I,
)
#: a French numeral of several words joined by hyphens or "et" (vingt-cinq,
#: quatre-vingt-dix, trente et un, deux-cents)
_COMPOUND_FR = re.compile(
    r"(?<![^\W\d_])[^\W\d_]+(?:(?:-|\s+et\s+(?=(?:un|une|onze)\b))[^\W\d_]+)+", re.I
)
#: a decade: "90er-Jahre", "1990er Jahren" / "les années 1990", "années 90"
_DECADE_DE = re.compile(r"er(?:\b|Jahre)")
#: what follows a number that the patterns below may read (a unit, a scale
#: word, a month): a bounded window, so that reading every number of a long
#: text stays linear
_AFTER = 200
#: the full stop of a sentence right after a German number, with only closing
#: marks after it ("Solo 15.", "(Seite 3.)"), not the point of an ordinal
_SENTENCE_END = re.compile(r"\.[\s)\]\"'»“”’]*\Z")
_DECADE_FR = re.compile(r"\bannées[ \u00a0\u202f]$", re.I)


#: a converted measure is rounded: 320 km is "200 miles" (198.8), 6 ft "1,80 m" (1.83);
#: or it is given in whole units (40 °F is "4 °C", 4.4)
CONVERSION_TOLERANCE = 0.05


@dataclass(frozen=True)
class Unit:
    """A unit of measurement (corpora/lexicon/units.tsv): its dimension and how
    a value in it becomes a value in the dimension's base unit."""

    dimension: str
    factor: float
    offset: float = 0.0

    def base(self, value: float) -> float:
        return value * self.factor + self.offset


@lru_cache(maxsize=4)
def _units(lang: str) -> tuple[re.Pattern[str] | None, dict[str, Unit]]:
    """A pattern of the units written after a number in ``lang`` (longest
    first; words of more than two letters in any case), and the unit of each
    spelling in lower case."""
    from tqa.lexicon import read_table

    table: dict[str, Unit] = {}
    for row in read_table("units.tsv"):
        if row.get("lang") not in (lang, "both") or not row.get("unit"):
            continue
        try:
            unit = Unit(row["dimension"], float(row["factor"]), float(row.get("offset") or 0))
        except (KeyError, ValueError):
            continue
        table.setdefault(row["unit"].lower() if len(row["unit"]) > 2 else row["unit"], unit)
    if not table:
        return None, {}
    spellings = sorted(table, key=len, reverse=True)
    alternatives = [f"(?i:{re.escape(u)})" if len(u) > 2 else re.escape(u) for u in spellings]
    pattern = re.compile(rf"{_SPACE}?(?:{'|'.join(alternatives)})(?![^\W\d_]|['’])")
    return pattern, table


def _unit(after: str, lang: str) -> Unit | None:
    """The unit that ``after`` (the text right after a number) starts with."""
    pattern, table = _units(lang)
    found = pattern.match(after) if pattern else None
    if found is None:
        return None
    written = found.group(0).lstrip(" \u00a0\u202f")
    return table.get(written) or table.get(written.lower())


@dataclass(frozen=True)
class Number:
    value: float
    """A number's value; a clock time's minutes since midnight; a date as yyyymmdd."""
    start: int
    end: int
    text: str
    soft: bool = False
    """Written as a word: may match, never reported."""
    kind: Literal["number", "time", "date"] = "number"
    scale: float | None = None
    """The factor of a scale word after the number (5,4 Mrd. → 1e9), which a
    translation may write otherwise (5 400 millions)."""
    parts: tuple[float, ...] = ()
    """A clock time's hour and minutes, or a date's year, for a side that
    wrote them as plain numbers (a score "16:32" that the other side took for
    a time "16h32"; "12.12.2019" against "12 décembre 2019")."""
    short_year: bool = False
    """A year written short after an apostrophe ('49), which matches 1849 or 1949."""
    unit: Unit | None = None
    """The unit written after the number (320 Kilometer), which a translation
    may convert (200 milles)."""

    @property
    def scaled(self) -> float | None:
        return None if self.scale is None else self.value * self.scale

    def matches(self, other: Number) -> bool:
        if self.kind != other.kind:
            # "01.02" in French text: a German-style date (TQA-TYP-005 reports the format)
            return any(
                a.kind == "number" and b.kind == "date" and _as_day(a.text) == b.value % 10_000
                for a, b in ((self, other), (other, self))
            )
        if self.scaled is not None and other.scaled is not None:  # 1,5 Mio. ≠ 1,5 milliard
            return math.isclose(self.scaled, other.scaled, rel_tol=1e-9)
        mine = {self.value} | ({self.scaled} if self.scaled is not None else set())
        theirs = {other.value} | ({other.scaled} if other.scaled is not None else set())
        if any(math.isclose(a, b, rel_tol=1e-9) for a in mine for b in theirs):
            return True
        return _short_year(self, other) or _short_year(other, self) or _converted(self, other)


def _converted(a: Number, b: Number) -> bool:
    """The same measure in two units of one dimension (320 km = 200 miles,
    100 °F = 38 °C), rounded as a translator rounds a conversion."""
    if a.unit is None or b.unit is None or a.unit.dimension != b.unit.dimension:
        return False
    if (a.unit.factor, a.unit.offset) == (b.unit.factor, b.unit.offset):
        return False  # the same unit: the numbers themselves must agree
    x, y = a.unit.base(a.value), b.unit.base(b.value)
    # a share of the measure, or half of either unit (4 °C for 40 °F = 4.4 °C)
    tolerance = max(
        CONVERSION_TOLERANCE * max(abs(x), abs(y)), a.unit.factor / 2, b.unit.factor / 2
    )
    return abs(x - y) <= tolerance


def _short_year(short: Number, year: Number) -> bool:
    """'49 written short on one side, 1849 or 1949 on the other."""
    return (
        short.short_year
        and 1000 <= year.value <= 2099
        and year.value == int(year.value)
        and int(year.value) % 100 == short.value
    )


def _as_day(token: str) -> float | None:
    """``dd.mm`` read as a day of a month (mmdd), or None."""
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", token)
    if not match:
        return None
    day, month = int(match.group(1)), int(match.group(2))
    return month * 100 + day if 1 <= day <= 31 and 1 <= month <= 12 else None


#: units written right after a number ("10kHz", "5kg", "230V")
_GLUED_UNIT = re.compile(
    r"(?:[kKMGTmcµn]?(?:Hz|Wh|W|V|Ah|A|g|m|l|L|B|bit)|mAh|min|sec|ms|h|s|°C?|px|dpi|fps|PS|ps|"
    r"mm|cm|kms?|kg|mg|ml|cl|dl|EUR|Euro|CHF|USD|GBP)(?![^\W\d_])"
)


#: scale words after a number, and what they multiply it by (German Billion = 10^12)
_SCALES = {
    "de": (
        (re.compile(r"\s?(?:Mrd\.?|Milliarden?)(?!\w)"), 1e9),
        (re.compile(r"\s?(?:Mio\.?|Millionen|Million)(?!\w)"), 1e6),
        (re.compile(r"\s?(?:Billionen|Billion)(?!\w)"), 1e12),
        (re.compile(r"\s?(?:Tsd\.?|Tausend)(?!\w)"), 1e3),
    ),
    "fr": (
        (re.compile(r"\s?(?:milliards?|Mrd)(?!\w)", re.I), 1e9),
        (re.compile(r"\s?(?:millions?|M€|Mio)(?!\w)", re.I), 1e6),
        (re.compile(r"\s?billions?(?!\w)", re.I), 1e12),
        (re.compile(r"\s?mille(?!\w)", re.I), 1e3),
    ),
}
#: clock times: "8.30 Uhr", "8:30 Uhr" / "8 h 30", "8h30", "08:30"
_TIMES = {
    "de": re.compile(r"(?<![\d.,])(\d{1,2})[.:](\d{2})(?=\s?Uhr\b)"),
    "fr": re.compile(
        rf"(?<![\d.,])(\d{{1,2}}){_SPACE}?h{_SPACE}?(\d{{2}})(?!\d)|(?<![\d.,:])(\d{{1,2}}):(\d{{2}})(?![\d:])"
    ),
}
_FRENCH_SCALES = {1e9: "milliard", 1e6: "million", 1e12: "billion", 1e3: "mille"}


def _times(text: str, lang: str) -> list[Number]:
    found = []
    for match in _TIMES[lang].finditer(text):
        hour, minute = (g for g in match.groups() if g is not None)
        h, m = int(hour), int(minute)
        if h <= 24 and m < 60:
            found.append(
                Number(
                    h * 60 + m,
                    match.start(),
                    match.end(),
                    match.group(0),
                    kind="time",
                    parts=(float(h), float(m)),
                )
            )
    return found


#: numeric dates: "12.12.2019", "12.12.19", "3.1." / "12/12/2019"
_DATES = {
    "de": re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})(?![\d,]|\.\d))?"),
    "fr": re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"),
}


#: a French day and month without a year, after le, du or au ("envoyé le 26/12",
#: "du 3/1 au 5/1"): elsewhere "3/4" is a fraction or a score
_FRENCH_DAY_MONTH = re.compile(
    r"(?:(?<=\ble\s)|(?<=\bdu\s)|(?<=\bau\s))(\d{1,2})/(\d{1,2})(?![\d/])(?!\s*%)", re.I
)


def _dates(text: str, lang: str) -> list[Number]:
    found = []
    matches = list(_DATES[lang].finditer(text))
    if lang == "fr":
        matches += _FRENCH_DAY_MONTH.finditer(text)
    for match in matches:
        day, month = int(match.group(1)), int(match.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        year_text = match.group(3) if match.re.groups >= 3 else None
        year = None
        if year_text:
            year = int(year_text)
            if len(year_text) == 2:
                year += 2000 if year < 50 else 1900
        value = (year or 0) * 10_000 + month * 100 + day
        parts = (float(year),) if year else ()
        found.append(
            Number(value, match.start(), match.end(), match.group(0), kind="date", parts=parts)
        )
    return sorted(found, key=lambda number: number.start)


def reconcile_parts(first: list[Number], second: list[Number]) -> tuple[list[Number], list[Number]]:
    """Drop a clock time or date left over on one side whose parts (hour and
    minutes; year) are all left over as plain numbers on the other. Each side's
    kinds are counted and its plain numbers indexed by value once: a sentence
    pair of thousands of dates costs no more than their number."""
    dropped: set[int] = set()  # ids of the numbers dropped
    for side, other in ((first, second), (second, first)):
        kinds = Counter(n.kind for n in other if id(n) not in dropped)
        plain: dict[float, deque[Number]] = {}
        for n in other:
            if n.kind == "number" and id(n) not in dropped:
                plain.setdefault(n.value, deque()).append(n)
        for number in side:
            if number.kind == "number" or id(number) in dropped:
                continue
            if not number.parts and kinds[number.kind]:
                continue  # a day and month on both sides (26.12. / le 25/12): compared
            found: list[Number] = []
            for value in number.parts:
                # the first plain number of that value not found for an earlier part
                candidates = plain.get(value, deque())
                used = sum(1 for n in found if n.value == value)
                if used >= len(candidates):
                    break
                found.append(candidates[used])
            else:
                dropped.add(id(number))
                for match in found:
                    plain[match.value].popleft()
                    dropped.add(id(match))
                    kinds[match.kind] -= 1
    return (
        [n for n in first if id(n) not in dropped],
        [n for n in second if id(n) not in dropped],
    )


def _value(token: str) -> float | None:
    raw = re.sub(r"[ \u00a0\u202f]", "", token)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def numbers(text: str, lang: str) -> list[Number]:
    found: list[Number] = _times(text, lang)
    times = Spans((n.start, n.end) for n in found)
    taken = [(n.start, n.end) for n in found]
    reach = -1  # the furthest end of the dates kept (they come in order of start)
    for date in _dates(text, lang):
        if date.start >= reach and not times.overlaps(date.start, date.end):
            found.append(date)
            taken.append((date.start, date.end))
            reach = date.end
    within = Spans(taken)
    for match in _NUMBER.finditer(text):
        if within.covers(match.start()):
            continue  # part of a clock time
        token = match.group(0)
        after = text[match.end() : match.end() + _AFTER]
        value = _value(token)
        if value is None:
            continue
        if match.start() and text[match.start() - 1] in "'’‘" and len(token) == 2:
            # '49: a year written short, 1849 or 1949 in the translation
            found.append(
                Number(value, match.start(), match.end(), token, soft=True, short_year=True)
            )
            continue
        if (
            re.match(r"[^\W\d_]", after)
            and not _ORDINAL_FR.match(after)
            and not _GLUED_UNIT.match(after)
            and not re.match(r"x\d", after)  # 11x15: a dimension
        ):
            continue  # part of a word or a code (A4, 5G); not a unit (10kHz)
        if value % 10 == 0 and (
            (lang == "de" and _DECADE_DE.match(after))
            or (
                lang != "de" and _DECADE_FR.search(text[max(0, match.start() - 10) : match.start()])
            )
        ):
            value %= 100  # a decade: "90er-Jahre" = "années 1990" = "années 90"
        if lang == "de":
            if value.is_integer() and after.startswith(".") and (not after[1:2].isdigit()):
                if value <= 31 and not _SENTENCE_END.match(text, match.end()):
                    continue  # ordinal or day: "2.", "15. März"
                # "349." is an ordinal (sein 349. Grand Prix) or ends a sentence, and so
                # is "15." at the end of a sentence (Weiche Solo 15.: a product's
                # number): may match, never reported
                found.append(Number(value, match.start(), match.end(), token, soft=True))
                continue
        else:
            if _ORDINAL_FR.match(after):
                # "2e", "1ère", "349e": may match a German number, never reported
                found.append(Number(value, match.start(), match.end(), token, soft=True))
                continue
            if value <= 31 and _DAY_FR.match(after):
                continue  # "15 mars": German writes "15. März"
        scale = next(
            (
                (m, factor)
                for pattern, factor in _SCALES.get(lang, ())
                if (m := pattern.match(after))
            ),
            None,
        )
        if scale is None:
            found.append(Number(value, match.start(), match.end(), token, unit=_unit(after, lang)))
        else:  # the span and the message include the scale word: "1,5 milliard"
            end = match.end() + scale[0].end()
            found.append(
                Number(value, match.start(), end, text[match.start() : end], scale=scale[1])
            )
    found.extend(_numerals(text, lang))
    if lang == "de":
        sayings = Spans((m.start(), m.end()) for m in _SAYINGS_DE.finditer(text))
        found = [replace(n, soft=True) if sayings.covers(n.start) else n for n in found]
    return found


def _numerals(text: str, lang: str) -> list[Number]:
    """Numbers written as words: soft, they may match a figure but are never reported."""
    words = _WORDS_DE if lang == "de" else _WORDS_FR
    found = []
    taken: list[tuple[int, int]] = []
    if lang == "fr":
        for match in _COMPOUND_FR.finditer(text):
            phrase = _french_numeral(match.group(0))
            if phrase is not None:
                found.append(Number(phrase, match.start(), match.end(), match.group(0), soft=True))
                taken.append(match.span())
    for match in _WORD.finditer(text):
        if any(lo <= match.start() < hi for lo, hi in taken):
            continue
        word = match.group(0).lower()
        known = words.get(word)
        value = float(known) if known is not None else None
        if value is None and lang == "de":
            value = _german_numeral(word)
        if value is not None:
            found.append(Number(value, match.start(), match.end(), word, soft=True))
    return found


def _german_numeral(word: str) -> float | None:
    match = _COMPOUND_DE.fullmatch(word)
    if match is None:
        return None
    if match.group("teen"):
        teen = match.group("teen").lower()
        return 10.0 + {"sech": 6, "sieb": 7}.get(teen, _WORDS_DE.get(teen, 0))
    unit = 1 if match.group("unit") == "ein" else _WORDS_DE[match.group("unit")]
    ten = _WORDS_DE.get(match.group("ten"))
    return float(unit + ten) if ten else None


def _french_numeral(phrase: str) -> float | None:
    """The value of a French numeral of several words ("quatre-vingt-dix" →
    90, "trente et un" → 31); None when one word is not a numeral."""
    parts = re.split(r"-|\s+", phrase.lower())
    total, current = 0, 0
    for part in parts:
        if part == "et":
            continue
        if part in ("un", "une"):
            current += 1
        elif part in ("cent", "cents"):
            current = max(current, 1) * 100
        elif part == "mille":
            total += max(current, 1) * 1000
            current = 0
        elif part in ("vingt", "vingts") and current % 100 == 4:
            current = current - 4 + 80  # quatre-vingt(s)
        elif part in _WORDS_FR:
            current += _WORDS_FR[part]
        else:
            return None
    value = total + current
    return float(value) if value > 0 else None


def french_number(token: str) -> str:
    raw = re.sub(r"[ \u00a0\u202f]", "", token)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        whole, _, decimals = raw.partition(",")
        groups = whole.split(".")
    else:
        whole, _, decimals = raw.replace(".", ",").partition(",")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        if len(raw.partition(",")[0]) <= 4:
            groups = ["".join(groups)]  # an ungrouped four-digit number (2024) stays so
    text = NNBSP.join(groups)
    return f"{text},{decimals}" if decimals else text


def suggestion(number: Number) -> str:
    """The French way of writing a source number (a clock time as "8 h 30")."""
    if number.kind == "date":
        value = int(number.value)
        year, month, day = value // 10_000, value // 100 % 100, value % 100
        return f"{day:02d}/{month:02d}/{year}" if year else f"{day:02d}/{month:02d}"
    if number.kind == "time":
        minutes = int(number.value)
        return f"{minutes // 60}{NBSP}h{NBSP}{minutes % 60:02d}"
    digits = _NUMBER.match(number.text)
    text = french_number(digits.group(0) if digits else number.text)
    word = _FRENCH_SCALES.get(number.scale) if number.scale is not None else None
    if word:
        return f"{text} {word}{'s' if number.value >= 2 and word != 'mille' else ''}"
    return text


def _plain(number: Number) -> bool:
    """A number that matches another plain one exactly when their values are
    equal (see Number.matches: no scale, unit, short year or other kind)."""
    return (
        number.kind == "number"
        and number.scale is None
        and number.unit is None
        and (not number.short_year)
    )


def _keyed(number: Number) -> bool:
    """A date or clock time: it matches one of its own kind by value alone, and a
    date matches a plain number written as a day (``01.02``); nothing else."""
    return (
        number.kind in ("date", "time")
        and number.scale is None
        and number.unit is None
        and not number.short_year
    )


#: relative tolerance of Number.matches between values
REL_TOL = 1e-9


def _indexable(number: Number) -> bool:
    """A number as numbers() makes them, which NumberPool indexes: a date or
    clock time without a scale, unit or short year; a figure with one of
    them at most."""
    marks = (number.scale is not None) + (number.unit is not None) + number.short_year
    return marks == 0 if number.kind in ("date", "time") else number.kind == "number" and marks <= 1


def _year_like(number: Number) -> bool:
    """A figure that a year written short may stand for (see _short_year)."""
    return 1000 <= number.value <= 2099 and number.value == int(number.value)


class _Close:
    """Positions by value, for the first untaken position whose value is
    close to a given one (math.isclose with REL_TOL, as Number.matches
    compares): the distinct values sorted, and those in a window a little
    wider than the tolerance each compared (values that close without being
    equal take ten significant digits or more)."""

    def __init__(self) -> None:
        self.lists: dict[float, list[int]] = {}
        self.keys: list[float] = []

    def add(self, value: float, position: int) -> None:
        if not math.isnan(value):  # close to nothing
            self.lists.setdefault(value, []).append(position)

    def freeze(self) -> None:
        self.keys = sorted(self.lists)

    def first(self, pool: NumberPool, value: float) -> int | None:
        if math.isnan(value) or not self.lists:
            return None
        if math.isinf(value):  # close only to itself
            return pool._first_free(self.lists, value)
        # |a − b| ≤ REL_TOL·max(|a|, |b|) puts b within REL_TOL/(1 − REL_TOL)·|a| of a
        margin = 2 * REL_TOL * abs(value) + 1e-300
        at = bisect.bisect_left(self.keys, value - margin)
        best: int | None = None
        while at < len(self.keys) and self.keys[at] <= value + margin:
            key = self.keys[at]
            at += 1
            if math.isclose(value, key, rel_tol=REL_TOL):
                found = pool._first_free(self.lists, key)
                if found is not None and (best is None or found < best):
                    best = found
        return best


class _Measures:
    """The numbers written with one unit (a dimension, factor and offset),
    sorted by value, and a tree of the smallest untaken position over each
    range of them: the numbers a measure in another unit converts to are one
    range of values (see _converted), whose first untaken one is found
    without looking at the others."""

    def __init__(self, unit: Unit, members: list[tuple[float, int]]) -> None:
        self.unit = unit
        members.sort()
        self.values = [value for value, _ in members]
        self.positions = [position for _, position in members]
        self.size = 1
        while self.size < len(members):
            self.size *= 2
        self.none = -1  # set by the pool: a position past every number
        self.tree: list[int] = []
        self.leaf = {position: k for k, position in enumerate(self.positions)}

    def build(self, none: int) -> None:
        self.none = none
        tree = [none] * (2 * self.size)
        tree[self.size : self.size + len(self.positions)] = self.positions
        for k in range(self.size - 1, 0, -1):
            tree[k] = min(tree[2 * k], tree[2 * k + 1])
        self.tree = tree

    def set(self, position: int, value: int) -> None:
        """Leaf of ``position`` set to ``value`` (``none``: taken or left aside)."""
        k = self.size + self.leaf[position]
        self.tree[k] = value
        k //= 2
        while k:
            self.tree[k] = min(self.tree[2 * k], self.tree[2 * k + 1])
            k //= 2

    def smallest(self, lo: int, hi: int) -> int:
        """The smallest position left among numbers lo..hi−1 (in order of value)."""
        best = self.none
        lo += self.size
        hi += self.size
        while lo < hi:
            if lo & 1:
                best = min(best, self.tree[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                best = min(best, self.tree[hi])
            lo //= 2
            hi //= 2
        return best

    def spans(self, number: Number) -> list[tuple[int, int]]:
        """The numbers (lo..hi−1, in order of value) among which those that
        ``number`` converts to lie, with a margin: each is still checked."""
        mine, theirs = number.unit, self.unit
        assert mine is not None
        x = mine.base(number.value)
        infinite = bisect.bisect_left(self.values, math.inf)
        if math.isnan(x):
            return []
        if math.isinf(x):  # every finite measure is within an infinite tolerance
            return [(0, infinite)]
        # within half of either unit, or within a share of the larger measure
        half = max(mine.factor, theirs.factor) / 2
        near, far = (1 - CONVERSION_TOLERANCE) * x, x / (1 - CONVERSION_TOLERANCE)
        low, high = min(x - half, near, far), max(x + half, near, far)
        margin = REL_TOL * (abs(low) + abs(high) + abs(theirs.offset) + theirs.factor)
        low = (low - margin - theirs.offset) / theirs.factor
        high = (high + margin - theirs.offset) / theirs.factor
        margin = REL_TOL * (abs(low) + abs(high)) + 1e-300
        lo = bisect.bisect_left(self.values, low - margin)
        hi = bisect.bisect_right(self.values, high + margin)
        # and an infinite measure (a figure of 309 digits) is within an infinite tolerance
        return [(lo, min(hi, infinite)), (max(lo, infinite), len(self.values))]


class NumberPool:
    """Numbers to match, in order, indexed so that the first number of the pool
    that a number matches is found without comparing it with every other
    (10,000 numbers on each side of a sentence pair were 100 million
    comparisons): plain numbers by value, dates and clock times by kind and
    value, dates by day and month for a number written as a day (``01.02``);
    the values and scaled values of the others close to a value (math.isclose,
    as Number.matches compares), figures that may be years by their last two
    digits and years written short by value, and measures by unit and value,
    one range of values for the measures another converts to.
    Plain numbers are matched by equal value, where Number.matches compares with
    a relative tolerance of 1e-9: they differ only for numbers of ten
    significant digits or more. Every other match is Number.matches', first
    untaken number first, as a comparison with every number of the pool gives
    (tests/test_placeholder_growth.py compares the two)."""

    def __init__(self, numbers: list[Number]) -> None:
        self.numbers = numbers
        self.taken = [False] * len(numbers)
        self.by_value: dict[float, list[int]] = {}
        self.by_kind: dict[tuple[str, float], list[int]] = {}  # dates and times
        self.dates_by_day: dict[float, list[int]] = {}  # dates by mmdd
        self.days: dict[float, list[int]] = {}  # numbers written dd.mm, by mmdd
        # the other numbers (with a scale word, a unit or a year written short)
        self.plain_close = _Close()  # plain numbers by value
        self.other_close = _Close()  # numbers with a unit or a short year, by value
        self.scaled_close = _Close()  # scaled numbers by value and by scaled value
        self.scaled_only = _Close()  # scaled numbers by scaled value
        self.years: dict[int, list[int]] = {}  # figures that may be years, by last two digits
        self.short_years: dict[float, list[int]] = {}  # years written short, by value
        self.measures: dict[str, list[_Measures]] = {}  # by dimension
        self._measure_of: dict[int, _Measures] = {}
        by_unit: dict[Unit, list[tuple[float, int]]] = {}
        # a number made otherwise than by numbers() (a scale word and a unit…):
        # compared one by one with every other
        self.scan = not all(map(_indexable, numbers))
        for position, number in enumerate(numbers):
            if _plain(number):
                self.by_value.setdefault(number.value, []).append(position)
                self.plain_close.add(number.value, position)
            elif _keyed(number):
                self.by_kind.setdefault((number.kind, number.value), []).append(position)
                if number.kind == "date":
                    day = number.value % 10_000
                    self.dates_by_day.setdefault(day, []).append(position)
            elif number.scaled is not None:
                self.scaled_close.add(number.value, position)
                self.scaled_close.add(number.scaled, position)
                self.scaled_only.add(number.scaled, position)
            else:
                self.other_close.add(number.value, position)
                if number.short_year:
                    self.short_years.setdefault(number.value, []).append(position)
                if number.unit is not None:
                    by_unit.setdefault(number.unit, []).append((number.value, position))
            if number.kind == "number":
                as_day = _as_day(number.text)
                if as_day is not None:
                    self.days.setdefault(as_day, []).append(position)
                if _year_like(number):
                    self.years.setdefault(int(number.value) % 100, []).append(position)
        for close in (self.plain_close, self.other_close, self.scaled_close, self.scaled_only):
            close.freeze()
        for unit, members in by_unit.items():
            measures = _Measures(unit, members)
            measures.build(len(numbers))
            self.measures.setdefault(unit.dimension, []).append(measures)
            self._measure_of.update(dict.fromkeys(measures.positions, measures))
        # per table and key: where its first untaken position may be
        self._next: dict[tuple[int, object], int] = {}

    def _first_free(self, table: dict[Any, list[int]], key: object) -> int | None:
        """The first untaken position listed under ``key``; positions are only
        ever taken, so each table's search resumes where it last stopped."""
        positions = table.get(key, ())
        at = self._next.get((id(table), key), 0)
        while at < len(positions) and self.taken[positions[at]]:
            at += 1
        self._next[(id(table), key)] = at
        return positions[at] if at < len(positions) else None

    def first_match(self, number: Number) -> int | None:
        """Position of the first untaken number that ``number`` matches."""
        if self.scan or not _indexable(number):
            return next(
                (
                    position
                    for position, other in enumerate(self.numbers)
                    if not self.taken[position] and number.matches(other)
                ),
                None,
            )
        if _keyed(number):
            found = [self._first_free(self.by_kind, (number.kind, number.value))]
            if number.kind == "date":
                found.append(self._first_free(self.days, number.value % 10_000))
            return min((p for p in found if p is not None), default=None)
        value = number.value
        as_day = _as_day(number.text)
        found = [None if as_day is None else self._first_free(self.dates_by_day, as_day)]
        if number.scaled is not None:  # two scaled numbers compare their scaled values only
            found.append(self.scaled_only.first(self, number.scaled))
            for close in (self.plain_close, self.other_close):
                found += [close.first(self, value), close.first(self, number.scaled)]
        else:
            plain = _plain(number)
            if plain:
                found.append(self._first_free(self.by_value, value))
            else:
                found.append(self.plain_close.first(self, value))
            found += [self.other_close.first(self, value), self.scaled_close.first(self, value)]
        if number.short_year:
            found.append(self._first_free(self.years, value))
        if _year_like(number):
            found.append(self._first_free(self.short_years, int(value) % 100))
        if number.unit is not None:
            found += [
                self._converted(number, m) for m in self.measures.get(number.unit.dimension, ())
            ]
        return min((p for p in found if p is not None), default=None)

    def _converted(self, number: Number, measures: _Measures) -> int | None:
        """The first untaken measure in the unit of ``measures`` that ``number``
        converts to (_converted); the few in the margin of the range that do
        not are left aside while the next is looked for."""
        unit = number.unit
        assert unit is not None
        if (unit.factor, unit.offset) == (measures.unit.factor, measures.unit.offset):
            return None  # the same unit: the numbers themselves must agree
        if not (measures.unit.factor > 0 and math.isfinite(measures.unit.offset)):
            spans = [(0, len(measures.positions))]  # no range of values: every one is checked
        else:
            spans = measures.spans(number)
        aside: list[int] = []
        found: int | None = None
        for lo, hi in spans:
            while lo < hi:
                position = measures.smallest(lo, hi)
                if position == measures.none or (found is not None and position > found):
                    break
                if _converted(number, self.numbers[position]):
                    found = position
                    break
                measures.set(position, measures.none)
                aside.append(position)
        for position in aside:
            measures.set(position, position)
        return found

    def take(self, number: Number) -> bool:
        """Take the first number that ``number`` matches; False when none does."""
        position = self.first_match(number)
        if position is None:
            return False
        self.taken[position] = True
        measures = self._measure_of.get(position)
        if measures is not None:
            measures.set(position, measures.none)
        return True

    def any_match(self, number: Number) -> bool:
        return self.first_match(number) is not None


def unmatched(first: list[Number], second: list[Number]) -> list[Number]:
    """The numbers of ``first`` left when each is paired with the first
    number of ``second`` it matches that no earlier one took."""
    pool = NumberPool(second)
    return [number for number in first if not pool.take(number)]
