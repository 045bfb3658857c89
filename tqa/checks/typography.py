"""French typography and punctuation, and German conventions left in French text.

Rules follow the French typographic tradition (Lexique des règles
typographiques en usage à l'Imprimerie nationale): a (narrow) no-break space
before ; ! ? and a no-break space before : and inside « »; a decimal comma;
spaces as thousands separators; no period after the day in a date.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.lang import months
from tqa.model import Finding, Segment

NBSP = "\u00a0"
NNBSP = "\u202f"
_MONTHS_FR = "|".join(months.FRENCH)

# a word character or closing bracket/quote glued to a high punctuation mark;
# tried only where such a run starts, and the run is never given back, so a
# 100,000-letter word costs one pass, not one pass per letter
_HIGH_PUNCT = re.compile(r"(?<![\w)\]»%”])(?P<word>[\w)\]»%”]++)(?P<mark>[:;!?])")
# URLs and e-mail addresses, found per run of non-space characters (see _url_spans)
_RUN = re.compile(r"\S++")
_URL_START = re.compile(r"https?|ftp|mailto|www", re.I)
_URL_TLD = re.compile(r"\.(?:com|org|net|fr|de|at|ch|cn|eu)", re.I)
_OPEN_GUILLEMET = re.compile(r"«(?=[^\s\u00a0\u202f])")
_CLOSE_GUILLEMET = re.compile(r"(?<=[^\s\u00a0\u202f])»")
_GERMAN_QUOTES = re.compile(r"„[^“”\"\n]{0,300}+[“”\"]|„")
_THOUSANDS_POINT = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\w.]|,\d)")
_DECIMAL_POINT = re.compile(r"(?<![\w.,])\d+\.(?:\d{1,2}|\d{4,})(?![\w]|[.,]\d)")
_ORDINAL_DATE = re.compile(rf"(?<![\w.])\d{{1,2}}\.\s?(?:{_MONTHS_FR})\b", re.I)
_NUMERIC_DATE = re.compile(
    r"(?<![\w.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:(?:\d{4}|\d{2})(?!\w|\.\d)|(?=[\s,;)]|$))"
)
#: "heures", "h" or "Uhr" right after a number: the number is a time of day
_HOURS_AFTER = re.compile(r"[\s\u00a0\u202f]?(?:heures?|h|uhr)(?!\w)", re.I)
#: a preposition of time before "14.30 heures": a time of day, not a duration
_AT_TIME = re.compile(r"(?<!\w)(?:à|vers|dès|jusqu['’]à|entre|et|de)[\s\u00a0\u202f]*$", re.I)
# "Python 3.11", "version 4.5", "Elaskin 8.8": a version or model number
_VERSIONED = re.compile(
    r"(?:\b(?i:version|v|release|firmware|mise à jour)|\b[A-Z][\w-]*[A-Za-z])\s?$"
)
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
_FINAL = ".!?…:;»\"”)]'’"
# the last word, tried only where a word starts
_LAST_WORD = re.compile(r"(?<!\S)\S++\Z")


def _french(check: CheckInput) -> Iterator[Segment]:
    return (s for s in check.segments if s.lang == check.config.target_lang)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) spans of URLs and e-mail addresses.

    A span runs to the end of its run of non-space characters and starts where
    the run starts when the run holds an ``@`` between two characters or a
    common top-level domain after its first character (ottes.at, a@b.fr),
    else at an ``http``, ``ftp``, ``mailto`` or ``www`` inside the run
    ("(https://x.org"). Each run is read once: one regex over all the text
    that tried every start would take quadratic time on a long run.
    """
    spans = []
    for run in _RUN.finditer(text):
        word = run.group(0)
        if _URL_START.match(word) or "@" in word[1:-1] or _URL_TLD.search(word, 1):
            spans.append(run.span())
            continue
        inner = _URL_START.search(word, 1)
        if inner:
            spans.append((run.start() + inner.start(), run.end()))
    return spans


def _in_url(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``start`` or ``end - 1`` lies inside one of ``spans`` (a binary search)."""
    for point in (start, end - 1):
        index = bisect.bisect_right(starts, point) - 1
        if index >= 0 and point < spans[index][1]:
            return True
    return False


@rule(
    "TQA-TYP-001",
    "missing-space-before-punctuation",
    "fluency/punctuation",
    "minor",
    examples=(
        Example(
            "Deuxième sommet au Kazakhstan: la Chine renforce le partenariat.\n",
            flagged=("Kazakhstan:",),
        ),
        Example("Vraiment? Oui!\n", flagged=("Vraiment?", "Oui!")),
        Example(
            f"Deuxième sommet au Kazakhstan{NBSP}: voir https://example.org à 10:30 ; merci !\n"
        ),
    ),
)
def missing_space(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """No (no-break) space before a colon, semicolon, exclamation or question mark.

    French sets a no-break space before : and a narrow no-break space before
    ; ! ? — German and English set none, so MT output and copy-pasted text lose
    it. URLs, e-mail addresses, times (10:30) and ratios (3:1) are skipped.
    """
    for segment in _french(check):
        urls: list[tuple[int, int]] | None = None
        url_starts: list[int] = []
        for match in _HIGH_PUNCT.finditer(segment.text):
            mark_at = match.start("mark")
            after = segment.text[mark_at + 1 : mark_at + 2]
            word = match.group("word")
            if word[-1].isdigit() and after.isdigit():
                continue  # 10:30, 3:1
            if after in ("/", ":") or (after and after in "!?" and match.group("mark") in "!?"):
                continue
            if urls is None:  # URLs are looked for once per segment, and only when needed
                urls = _url_spans(segment.text)
                url_starts = [start for start, _ in urls]
            if _in_url(urls, url_starts, match.start(), match.end()):
                continue
            mark = match.group("mark")
            space = NBSP if mark == ":" else NNBSP
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                f"missing no-break space before “{mark}”",
                segment=segment.id,
                confidence=0.9,
                suggestions=(f"{word}{space}{mark}",),
                evidence="French typography: (narrow) no-break space before : ; ! ?",
            )


@rule(
    "TQA-TYP-002",
    "guillemet-spacing",
    "fluency/punctuation",
    "minor",
    examples=(
        Example("Il a parlé d'un «succès» historique.\n", flagged=("«", "»")),
        Example(f"Il a parlé d'un «{NBSP}succès{NBSP}» historique.\n"),
    ),
)
def guillemet_spacing(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """No space inside French guillemets « ».

    French sets a no-break space after « and before »; text converted from
    German („…“ or »…«) usually has none.
    """
    for segment in _french(check):
        for pattern, where in ((_OPEN_GUILLEMET, "after «"), (_CLOSE_GUILLEMET, "before »")):
            for match in pattern.finditer(segment.text):
                mark = match.group(0)
                yield self.finding(
                    check,
                    segment.start + match.start(),
                    segment.start + match.end(),
                    f"missing no-break space {where}",
                    segment=segment.id,
                    confidence=0.85,
                    suggestions=(f"«{NBSP}" if mark == "«" else f"{NBSP}»",),
                    evidence="French typography: no-break space inside « »",
                )


@rule(
    "TQA-TYP-003",
    "german-quotation-marks",
    "fluency/punctuation",
    "minor",
    examples=(
        Example(
            "Il a parlé d'un „succès historique“ à Berlin.\n", flagged=("„succès historique“",)
        ),
        Example("Il a parlé d'un « succès historique » à Berlin.\n"),
    ),
)
def german_quotes(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """German quotation marks „…“ in French text.

    French quotes with « » (and “ ” inside them); „…“ is German usage carried
    over by machine translation or copy and paste.
    """
    for segment in _french(check):
        for match in _GERMAN_QUOTES.finditer(segment.text):
            quoted = match.group(0)
            inner = quoted[1:-1] if len(quoted) > 1 else ""
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                "German quotation marks „…“ in French text",
                segment=segment.id,
                confidence=0.95,
                suggestions=(f"«{NBSP}{inner}{NBSP}»",) if inner else ("«",),
                evidence="French quotes with « »",
            )


@rule(
    "TQA-TYP-004",
    "foreign-number-format",
    "locale-convention/number-format",
    "minor",
    examples=(
        Example("Le commerce a augmenté de 5.4 milliards de dollars.\n", flagged=("5.4",)),
        Example("La centrale produit 1.500 MW depuis 2024.\n", flagged=("1.500",)),
        Example("Le rendez-vous est fixé à 14.30 heures à la gare.\n", flagged=("14.30 heures",)),
        Example("La centrale produit 1 500 MW, soit 5,4 % de plus, en version 2.0.1 (ottes.at).\n"),
    ),
)
def number_format(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A number written with German or English separators in French text.

    French writes the decimal comma (5,4) and groups thousands with a (narrow)
    no-break space (1 500). "5.4" (decimal point) and "1.500" (German thousands
    point) are wrong in French, and "1.500" is also ambiguous for the reader.
    A time of day before "heures" or "h" (German "14.30 Uhr") is reported as
    a time: French writes "14 h 30". Dotted version numbers, dates and domain
    names are skipped.
    """
    for segment in _french(check):
        text = segment.text
        dates = [m.span() for m in _NUMERIC_DATE.finditer(text)]
        for pattern, message in (
            (_THOUSANDS_POINT, "thousands separated by a point; French groups digits with a space"),
            (_DECIMAL_POINT, "decimal point; French writes a decimal comma"),
        ):
            for match in pattern.finditer(text):
                if any(lo <= match.start() < hi for lo, hi in dates):
                    continue
                before = text[max(0, match.start() - 30) : match.start()]
                if pattern is _DECIMAL_POINT and _VERSIONED.search(before):
                    continue
                number = match.group(0)
                hour, _, minutes = number.partition(".")
                hours = _HOURS_AFTER.match(text, match.end())
                if (
                    hours is not None
                    and hours.group().strip().lower().startswith("heure")
                    and not _AT_TIME.search(before)
                ):
                    hours = None  # "12.50 heures de travail": a duration, a decimal
                if (
                    pattern is _DECIMAL_POINT
                    and hours is not None
                    and len(minutes) == 2
                    and int(hour) <= 24
                    and int(minutes) <= 59
                ):
                    # "14.30 heures" (German 14.30 Uhr) is a time, not a decimal
                    yield self.finding(
                        check,
                        segment.start + match.start(),
                        segment.start + hours.end(),
                        "time written with a period (German convention); "
                        f"French writes {hour} h {minutes}",
                        segment=segment.id,
                        confidence=0.8,
                        suggestions=(f"{hour}{NBSP}h{NBSP}{minutes}",),
                        evidence=f"“{number}” before “{hours.group().strip()}”: a time of day",
                    )
                    continue
                if pattern is _THOUSANDS_POINT:
                    integer, _, decimals = number.partition(",")
                    fixed = integer.replace(".", NNBSP) + ("," + decimals if decimals else "")
                else:
                    fixed = number.replace(".", ",")
                yield self.finding(
                    check,
                    segment.start + match.start(),
                    segment.start + match.end(),
                    message,
                    segment=segment.id,
                    confidence=0.8,
                    suggestions=(fixed,),
                    evidence=f"“{number}” follows German/English number conventions",
                )


@rule(
    "TQA-TYP-005",
    "foreign-date-format",
    "locale-convention/date-format",
    "minor",
    examples=(
        Example("Le sommet commence le 16. juin à Astana.\n", flagged=("16. juin",)),
        Example("Le sommet commence le 16.06.2025 à Astana.\n", flagged=("16.06.2025",)),
        Example("La livraison a eu lieu le 15.01.2021.\n", flagged=("15.01.2021",)),
        Example("Installez la version 1.2.2021.5 du pilote, puis la version 2.1.2021.\n"),
        Example("Le sommet commence le 16 juin 2025 (16/06/2025) à Astana.\n"),
    ),
)
def date_format(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A date written the German way in French text.

    German marks the day with a period ("16. Juni", "16.06.2025"); French writes
    "16 juin" or "16/06/2025".
    """
    for segment in _french(check):
        for match in _ORDINAL_DATE.finditer(segment.text):
            day, _, month = match.group(0).partition(".")
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                "period after the day of the month (German date convention)",
                segment=segment.id,
                confidence=0.9,
                suggestions=(f"{day} {month.strip()}",),
                evidence="French writes “16 juin”, German “16. Juni”",
            )
        for match in _NUMERIC_DATE.finditer(segment.text):
            if _VERSIONED.search(segment.text[max(0, match.start() - 30) : match.start()]):
                continue  # "la version 2.1.2021 du logiciel"
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                "date with periods (German convention)",
                segment=segment.id,
                confidence=0.85,
                suggestions=(match.group(0).replace(".", "/"),),
                evidence="French writes dates as 16/06/2025 or 16 juin 2025",
            )


@rule(
    "TQA-TYP-006",
    "mixed-apostrophes",
    "fluency/inconsistency",
    "minor",
    examples=(
        Example(
            "L'accord d'Astana et l’explication de Xi’an, puis l'accord de Paris.\n",
            flagged=("’", "’"),
        ),
        Example("L’accord d’Astana et l’explication de Xi’an.\n"),
    ),
)
def mixed_apostrophes(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """Straight (') and typographic (’) apostrophes mixed in one document.

    Either style is acceptable; mixing them shows text assembled from several
    sources or partly retyped. The less frequent style is reported (on a tie,
    the straight apostrophe).
    """
    occurrences: list[tuple[Segment, re.Match[str]]] = [
        (segment, match)
        for segment in _french(check)
        for match in _APOSTROPHE.finditer(segment.text)
    ]
    counts = Counter(match.group(0) for _, match in occurrences)
    if len(counts) < 2:
        return
    minority = "'" if counts["'"] <= counts["’"] else "’"
    majority = "’" if minority == "'" else "'"
    for segment, match in occurrences:
        if match.group(0) == minority:
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                f"apostrophe {minority} where the document mostly uses {majority}",
                segment=segment.id,
                confidence=0.8,
                suggestions=(majority,),
                evidence=f"{counts[majority]}× {majority} and {counts[minority]}× {minority} in the document",
            )


#: more paragraphs than this without final punctuation make it the document's convention
MAX_BARE_SHARE = 0.2


@rule(
    "TQA-TYP-007",
    "missing-final-punctuation",
    "fluency/punctuation",
    "minor",
    examples=(
        Example(
            "Le commerce a atteint 94,8 milliards de dollars en 2024, ce qui correspond à une "
            "augmentation de 5,4 milliards par rapport à l'année précédente\n\nTitre suivant\n",
            flagged=("précédente",),
        ),
        Example("Coopération économique dans la région\n\nLe commerce a augmenté.\n"),
        Example(  # a chat whose messages never end with a period: its own convention
            "salut tout le monde, est-ce que quelqu'un parmi vous a déjà reçu sa commande "
            "passée la semaine dernière sur le site\n\n"
            "oui la mienne est arrivée ce matin sans problème, le colis était juste un peu "
            "abîmé sur un coin mais rien de grave\n\n"
            "moi toujours rien depuis lundi, je crois que je vais appeler le service client "
            "demain matin pour savoir ce qui se passe\n"
        ),
    ),
)
def missing_final_punctuation(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A paragraph (not a heading) that does not end with punctuation.

    A sentence cut off by the MT engine or the CMS export, or a lost period.
    Headings, lines of pre-segmented files and short labels are not paragraphs.
    A missing period is an error where the document otherwise ends its
    paragraphs with punctuation: when more than one in five of them (and more
    than one) have none, as in chat messages and product lists, the document's
    own convention is respected and nothing is reported.
    """
    paragraphs = [
        segment
        for segment in _french(check)
        if segment.kind in ("paragraph", "sentence") and segment.block_end and segment.text.strip()
    ]
    bare = [s for s in paragraphs if s.text.rstrip()[-1] not in _FINAL]
    if len(bare) > max(1, MAX_BARE_SHARE * len(paragraphs)):
        return
    for segment in bare:
        stripped = segment.text.rstrip()
        last = _LAST_WORD.search(stripped)
        assert last is not None
        yield self.finding(
            check,
            segment.start + last.start(),
            segment.start + last.end(),
            "paragraph without final punctuation",
            segment=segment.id,
            confidence=0.75,
            suggestions=(last.group(0) + ".",),
            evidence=f"paragraph of {segment.words} words ends with “{stripped[-1]}”",
        )


#: a capital A standing alone before a word or a number: the preposition à
#: written without its accent (not A-t-il, A., A), A:, A380, l'A7)
_BARE_A = re.compile(r"(?<![\w'’-])A(?=[ \u00a0]{1,3}+[^\W_])")
#: what may stand before a sentence-initial word (after trailing spaces)
_OPENERS = '.!?…«"“„(['
#: a road, a grade or a paper size in the source (A 7, A 4): the French keeps the A
_SOURCE_A = re.compile(r"(?<![\w-])A[ \u00a0]?+\d")
_NEXT_WORD = re.compile(r"[ \u00a0]{1,3}+([^\W_]{1,40}+)")
#: Latin locutions keep a bare "a": A priori, A fortiori, A capella
_LATIN_A = frozenset(
    {"priori", "posteriori", "fortiori", "contrario", "minima", "maxima", "capella", "cappella"}
)
_FINITE = ("po:ipre", "po:iimp", "po:ipsi", "po:ifut", "po:cond", "po:spre", "po:simp")


def _finite_verb_only(word: str) -> bool:
    """Every reading hunspell-fr gives ``word`` is a conjugated verb (devient),
    so the A before it is a name or a letter, its subject, not the preposition
    à (before a noun, an infinitive or a participle: À produit égal, À venir)."""
    from tqa.backends import words

    readings = words.analyze(word.lower(), "fr")
    return bool(readings) and all(any(f in r for f in _FINITE) for r in readings)


@rule(
    "TQA-TYP-008",
    "unaccented-capital-a",
    "fluency/typography",
    "minor",
    examples=(
        Example("A Berlin, le Sénat a voté la loi.\n", flagged=("A",)),
        Example("Il l'a dit. A 21 ans, il a gagné.\n", flagged=("A",)),
        Example("À Berlin, le Sénat a voté la loi.\n"),
        Example("A-t-il voté la loi ? Le plan A a échoué.\n"),
        Example("A priori, nul ne peut y parvenir. A devient notre meilleure chance.\n"),
        Example("A produit égal, le prix baisse.\n", flagged=("A",)),
        Example(
            "A 7 fermée entre Hambourg et Kiel.\n",
            source="A 7 zwischen Hamburg und Kiel gesperrt.\n",
        ),
    ),
)
def unaccented_capital_a(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """The preposition à written "A" at the start of a sentence.

    French typography keeps accents on capitals (Imprimerie nationale,
    Académie française): "À Berlin", "À 21 ans". Machine translation and
    keyboards without "À" write "A Berlin", which also reads as the verb
    avoir. Reported where a capital A stands alone at the start of a segment
    or after a sentence end, an opening quote or a bracket, before a word or
    a number. Left alone: "A-t-il", a letter in mid-sentence (le plan A),
    an A before a number that the German source writes too (the A 7
    motorway, an A 4 sheet), Latin locutions (A priori, A fortiori) and an A
    before a word that can only be a conjugated verb (A devient: a letter or
    a name as subject).
    """
    source_a = check.source is not None and bool(_SOURCE_A.search(check.source.text))
    for segment in _french(check):
        text = segment.text
        for match in _BARE_A.finditer(text):
            before = text[max(0, match.start() - 8) : match.start()].rstrip()
            if before and before[-1] not in _OPENERS:
                continue
            after = _NEXT_WORD.match(text, match.end())
            assert after is not None
            word = after.group(1)
            if word[:1].isdigit() and source_a:
                continue
            if word.lower() in _LATIN_A or _finite_verb_only(word):
                continue  # A priori (Latin); A devient (a letter or a name, the subject)
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                "“A” for the preposition “À”: French keeps the accent on a capital",
                segment=segment.id,
                confidence=0.8,
                suggestions=("À",),
                evidence="a capital A alone at the start of a sentence, before "
                + ("a number" if word[:1].isdigit() else f"“{word}”"),
            )
