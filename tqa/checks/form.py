"""Cheap form checks on French text: spelling, repeated words, capitals after
an elision and on months, quotation marks, the space before %, and quotes
used as apostrophes.

Each rule is a dictionary lookup or a regular expression over the French
segments, with hunspell-fr and wordfreq lookups cached, so together they cost
a small fraction of the parser-based checks. Precision comes first: names,
numbers, URLs, identifiers, quoted words and the document's own consistent
conventions are left alone. The spelling check lives in form_spelling.py,
the checks of quotation marks and of the space before % in form_marks.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tqa import lexicon
from tqa.backends import spelling
from tqa.backends import words as wordstats
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.clause import is_clause
from tqa.lang import months
from tqa.model import Finding, Segment

NBSP = "\u00a0"
NNBSP = "\u202f"
SPACES = " \u00a0\u202f"
#: a word: letters, with inner hyphens and apostrophes ("aujourd'hui", "a-t-il")
WORD = re.compile(r"(?<![\w@/\\])[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# the address and domain alternatives start only where a run starts (linear on a long word)
URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"
    r"|(?<!\S)\S+\.(?:com|org|net|fr|de|at|ch|eu|io)\b\S*",
    re.I,
)
QUOTED = re.compile(
    r"«[^»\n]{0,400}»|\"[^\"\n]{0,400}\"|“[^”\n]{0,400}”|„[^“”\n]{0,400}[“”]|‹[^›\n]{0,200}›"
)
#: the elided words of French: l', d', j', m', n', s', t', c', qu', jusqu', lorsqu', puisqu'
ELIDED = r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu|[Pp]resqu)"
VOWEL = "aeiouyhàâäéèêëîïôöûùüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ"
#: punctuation after which a capital starts a sentence, a quotation or a list item
OPENERS = '.!?…:;«»"“”„()/\n-–—•*#>|'


def french_segments(check: CheckInput) -> Iterator[Segment]:
    return (s for s in check.segments if s.lang == check.config.target_lang)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def sentence_start(text: str, start: int) -> bool:
    """Nothing but spaces and sentence or quotation punctuation before ``start``
    since the last sentence boundary: a capital there is expected."""
    at = start - 1
    while at >= 0 and text[at] in SPACES:
        at -= 1
    if at < 0:
        return True
    return text[at] in OPENERS or (text[at].isdigit() and "." in text[max(0, at - 2) : at + 1])


# --- TQA-FRM-002 repeated word -----------------------------------------------------------

#: words whose doubling is grammatical ("nous nous sommes vus") or a spoken emphasis
#: ("très très", "non non"); measured on the WMT22 references
LEGITIMATE_REPEATS = frozenset(
    "nous vous très si non oui bon vite beaucoup trop allez voilà tant bien plus".split()
)
#: a word with the elided form it may stand before ("le l'"): tokens keep their apostrophe
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*['’]?")


@rule(
    "TQA-FRM-002",
    "repeated-word",
    "fluency/grammar",
    "minor",
    examples=(
        Example("Le ministre a présenté le le projet de loi au Parlement.\n", flagged=("le le",)),
        Example("Les prix de de l'énergie augmentent.\n", flagged=("de de",)),
        Example(
            "Nous nous sommes vus à Bora Bora ; vous vous souvenez ? "
            "C'était très très beau, avec l'amplificateur de classe D d'une grande puissance.\n"
        ),
    ),
)
def repeated_word(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """The same word twice in a row ("le le", "de de").

    A slip of the translator or of the MT engine. Doublings that French
    grammar needs (the reflexive "nous nous", "vous vous") or that speech uses
    for emphasis ("très très", "non non") are not reported, nor are names
    written twice ("Bora Bora", two capitalised words) and words separated by
    punctuation.
    """
    for segment in french_segments(check):
        text = segment.text
        previous: re.Match[str] | None = None
        for match in _TOKEN.finditer(text):
            if previous is not None:
                gap = text[previous.end() : match.start()]
                first, second = previous.group(0), match.group(0)
                if (
                    gap
                    and not gap.strip(SPACES)
                    and first.lower() == second.lower()
                    and first.lower() not in LEGITIMATE_REPEATS
                    and not (first[:1].isupper() and second[:1].isupper())
                    and not (len(first) == 1 and first.isupper())
                ):
                    yield self.finding(
                        check,
                        segment.start + previous.start(),
                        segment.start + match.end(),
                        f"“{second}” repeated",
                        segment=segment.id,
                        confidence=0.9,
                        suggestions=(first,),
                        evidence="the same word twice in a row",
                    )
            previous = match


# --- TQA-FRM-003 capital after an elision ----------------------------------------------

_ELISION = re.compile(rf"(?<![^\W\d_])(?P<el>{ELIDED})(?P<ap>['’])(?P<word>[^\W\d_][^\W_]*)")


@lru_cache(maxsize=1)
def capitalised_nouns() -> frozenset[str]:
    """Nouns French capitalises when they name an institution, a period or a
    region (capitalised-nouns.tsv)."""
    return frozenset(
        row["noun"] for row in lexicon.read_table("capitalised-nouns.tsv") if row.get("noun")
    )


def _is_name(word: str) -> bool:
    """hunspell-fr knows ``word`` as a name: a capitalised stem ("Allemagne",
    "Angela"), or it knows it only capitalised."""
    stems = spelling.stems(word, "fr")
    if any(s[:1].isupper() for s in stems):
        return True
    return (
        not stems and bool(wordstats.known(word, "fr")) and not wordstats.known(word.lower(), "fr")
    )


def common_noun(word: str) -> bool:
    """hunspell-fr knows ``word`` as a common noun with a lower-case stem, and
    not as a name or an adjective (which also names peoples: "Allemands")."""
    analyses = wordstats.analyze(word, "fr")
    if not analyses or _is_name(word):
        return False
    return any("po:nom" in a for a in analyses) and not any(
        "po:adj" in a or "po:npr" in a or "po:prn" in a for a in analyses
    )


def _next_word(text: str, end: int) -> str:
    match = re.match(r"[\s\u00a0\u202f]*([^\W\d_][\w'’-]*)", text[end : end + 60])
    return match.group(1) if match else ""


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([^\W\d_][\w-]*)[\s\u00a0\u202f]*$", text[max(0, start - 60) : start])
    return match.group(1) if match else ""


@rule(
    "TQA-FRM-003",
    "capital-after-elision",
    "fluency/spelling",
    "minor",
    examples=(
        Example(
            "La région a besoin D'aide et le conseil étudie L'incidence du projet.\n",
            flagged=("D'aide", "L'incidence"),
        ),
        Example(
            "L'Ensemble des habitants connaît l'Histoire du village.\n",
            flagged=("L'Ensemble", "l'Histoire"),
        ),
        Example(
            "L'Allemagne et l'Union européenne ont salué le discours d'Angela Merkel "
            "devant l'Assemblée nationale et le journal L'Équipe, pendant l'Avent.\n"
        ),
        Example(
            "Le conseil municipal étudie L'incidence du projet\n\nIl se réunira demain.\n",
            flagged=("L'incidence",),
        ),
        Example("Chronique D'automne\n\nLe conseil se réunira demain.\n"),
    ),
    requires=("hunspell-fr",),
)
def capital_after_elision(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A wrong capital after an elision: "besoin D'aide", "l'Histoire", "L'Ensemble".

    Two errors of machine translation and retyping. An elided article or
    preposition written with a capital in mid-sentence ("le conseil étudie
    L'incidence"). And a common noun capitalised after an elision, German
    style ("l'Éruption", "l'Article"): only when hunspell-fr knows the word
    solely as a common noun with a lower-case stem, so names ("l'Allemagne",
    "d'Angela Merkel"), peoples ("d'Allemands") and words the dictionary
    does not know stay quiet; so do nouns that French capitalises when they
    name an institution, a state, a feast or a region (corpora/lexicon/
    capitalised-nouns.tsv: "l'Union européenne", "l'État", "l'Avent"), a word
    followed or preceded by another capitalised word (a name of several
    words: "l'Enfant Jésus", "l'Ours d'Argent"), and titles ("ministère de
    l'Intérieur" is an adjective reading). Headings are not checked, except
    those with a finite verb (a headline such as "Le ministre rejette l'Accord").
    """
    capitalised = capitalised_nouns()
    for segment in french_segments(check):
        if segment.kind == "heading" and not is_clause(segment.text):
            continue
        text = segment.text
        for match in _ELISION.finditer(text):
            el, word = match.group("el"), match.group("word")
            start, end = match.span()
            if word.isupper() or len(word) < 2:
                continue  # an acronym or a letter: "l'UE", "l'E-book"
            mid = not sentence_start(text, start)
            if el[0].isupper() and mid:
                if word[0].isupper() and not _is_name(word):
                    continue  # a title or a name: "le journal L'Équipe", "L'Oréal"
                fixed = el.lower() + match.group("ap") + word
                yield self.finding(
                    check,
                    segment.start + start,
                    segment.start + end,
                    f"capital “{el}” after the start of the sentence",
                    segment=segment.id,
                    confidence=0.85,
                    suggestions=(fixed,),
                    evidence="an elided word takes a capital only at the start of a sentence",
                )
                continue
            if not word[0].isupper() or word in capitalised or not common_noun(word):
                continue
            after, before = _next_word(text, end), _previous_word(text, start)
            if after[:1].isupper() or (before[:1].isupper() and mid):
                continue  # a name of several words: "l'Enfant Jésus", "l'Ours d'Argent"
            fixed = el + match.group("ap") + word[0].lower() + word[1:]
            yield self.finding(
                check,
                segment.start + start,
                segment.start + end,
                f"common noun “{word}” capitalised after an elision",
                segment=segment.id,
                confidence=0.7,
                suggestions=(fixed,),
                evidence=f"hunspell-fr knows “{word.lower()}” only as a common noun",
            )


# --- TQA-FRM-004 capitalised month -----------------------------------------------------

_MONTHS = "|".join(m.capitalize() for m in months.FRENCH)
_CAPITAL_MONTH = re.compile(
    rf"(?<![\w.])(?P<day>(?:1er|\d{{1,2}})[\s\u00a0\u202f]+)(?P<month>{_MONTHS})(?!\w)"
    rf"|(?<![\w.])(?P<month2>{_MONTHS})(?=[\s\u00a0\u202f]+\d{{4}}(?!\d))"
)
#: dates that name a holiday or an event and keep their capital ("le 14 Juillet", "le 1er Mai")
HOLIDAYS = frozenset(("1er mai", "8 mai", "14 juillet", "15 août", "11 novembre", "11 septembre"))


@rule(
    "TQA-FRM-004",
    "capitalised-month",
    "fluency/spelling",
    "minor",
    examples=(
        Example("La réunion aura lieu le 3 Mars à Berlin.\n", flagged=("Mars",)),
        Example("Le chantier a commencé en Septembre 2021.\n", flagged=("Septembre",)),
        Example(
            "La réunion aura lieu le 3 mars ; la mission vers Mars partira le 14 Juillet.\n"
            "Septembre 2021 a été pluvieux.\n"
        ),
    ),
)
def capitalised_month(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A month name with a capital in a date in mid-sentence ("le 3 Mars", "en Septembre 2021").

    French writes months in lower case; German and English capitalise them.
    Only months in a date (after a day, or before a year) are checked, so the
    planet Mars stays quiet, and so do dates that name a holiday or an event
    ("le 14 Juillet", "le 1er Mai", "le 11 Septembre") and a month at the
    start of a sentence.
    """
    for segment in french_segments(check):
        text = segment.text
        for match in _CAPITAL_MONTH.finditer(text):
            group = "month" if match.group("month") else "month2"
            month = match.group(group)
            start, end = match.span(group)
            if group == "month2" and sentence_start(text, start):
                continue
            day = (match.group("day") or "").strip(SPACES)
            if f"{day} {month.lower()}" in HOLIDAYS:
                continue
            yield self.finding(
                check,
                segment.start + start,
                segment.start + end,
                f"month “{month}” with a capital",
                segment=segment.id,
                confidence=0.9,
                suggestions=(month.lower(),),
                evidence="French writes the months in lower case",
            )


from tqa.checks import form_marks, form_spelling  # noqa: E402,F401  (register TQA-FRM-001, 005…007)
