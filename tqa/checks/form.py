"""Cheap form checks on French text: spelling, repeated words, capitals after
an elision and on months, quotation marks, the space before %, and quotes
used as apostrophes.

Each rule is a dictionary lookup or a regular expression over the French
segments, with hunspell-fr and wordfreq lookups cached, so together they cost
a small fraction of the parser-based checks. Precision comes first: names,
numbers, URLs, identifiers, quoted words and the document's own consistent
conventions are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tqa import lexicon
from tqa.backends import spelling
from tqa.backends import words as wordstats
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.lang import months
from tqa.model import Finding, Segment

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = " \u00a0\u202f"
#: a word: letters, with inner hyphens and apostrophes ("aujourd'hui", "a-t-il")
_WORD = re.compile(r"(?<![\w@/\\])[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\S+\.(?:com|org|net|fr|de|at|ch|eu|io)\b\S*",
    re.I,
)
_QUOTED = re.compile(
    r"«[^»\n]{0,400}»|\"[^\"\n]{0,400}\"|“[^”\n]{0,400}”|„[^“”\n]{0,400}[“”]|‹[^›\n]{0,200}›"
)
#: a word more frequent than this in French (wordfreq zipf) is a word, whatever hunspell says
KNOWN_ZIPF = 3.0
#: the elided words of French: l', d', j', m', n', s', t', c', qu', jusqu', lorsqu', puisqu'
_ELIDED = r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu|[Pp]resqu)"
_VOWEL = "aeiouyhàâäéèêëîïôöûùüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ"
#: punctuation after which a capital starts a sentence, a quotation or a list item
_OPENERS = '.!?…:;«»"“”„()/\n-–—•*#>|'


def _french(check: CheckInput) -> Iterator[Segment]:
    return (s for s in check.segments if s.lang == check.config.target_lang)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo <= start and end <= hi for lo, hi in spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo < end and start < hi for lo, hi in spans)


def _sentence_start(text: str, start: int) -> bool:
    """Nothing but spaces and sentence or quotation punctuation before ``start``
    since the last sentence boundary: a capital there is expected."""
    before = text[:start].rstrip(_SPACES)
    return not before or before[-1] in _OPENERS or before[-1].isdigit() and "." in before[-3:]


# --- TQA-FRM-001 spelling -------------------------------------------------------------


def _name_like(word: str) -> bool:
    """Capitalised words (names, acronyms, sentence starts) are not spell-checked."""
    return any(ch.isupper() for ch in word)


#: productive French prefixes: "ré·électrification", "géo·facteurs", "mono·bob"
PREFIXES = tuple(
    sorted(
        "ré re r dé dés co multi géo sur sous pré post anti auto bi tri inter mono méga micro "
        "mini néo non pro pseudo semi super télé trans ultra vidéo éco bio cyber hyper hypo "
        "extra contre entre mi poly omni".split(),
        key=len,
        reverse=True,
    )
)
#: a word this frequent in English is a loanword or a quoted English term
ENGLISH_ZIPF = 2.5
#: unknown lower-case words this short are abbreviations and brands ("epd", "mfx")
MIN_LENGTH = 5
#: 2 of 6 findings right on what was read (WMT22 references and dev MT): minor, below 0.5
SPELLING_CONFIDENCE = 0.35
#: hunspell's suggestions cost about 0.2 s a word: only this many words of a document get them
MAX_SUGGESTED = 20


def _frequent(word: str) -> bool:
    return wordstats.zipf(word.lower(), "fr") >= KNOWN_ZIPF


def _word(part: str) -> bool:
    return bool(wordstats.known(part, "fr")) or (len(part) > 3 and _frequent(part))


def _plain(word: str) -> str:
    return unicodedata.normalize("NFD", word).encode("ascii", "ignore").decode().lower()


def _variant(word: str) -> bool:
    """``word`` is a spelling the 1990 rectifications allow that the dictionary
    lacks: no circumflex on i and u ("envoutant" for "envoûtant"), accents on
    a loanword ("caméramans" for "cameramans")."""
    for i, ch in enumerate(word):
        hatted = word[:i] + ("î" if ch == "i" else "û") + word[i + 1 :]
        if ch in "iu" and wordstats.known(hatted, "fr"):
            return True
    plain = _plain(word)
    return plain != word.lower() and bool(wordstats.known(plain, "fr"))


@lru_cache(maxsize=1 << 16)
def _misspelt(word: str) -> bool:
    """hunspell-fr rejects ``word``, and nothing says it is a word all the same:
    wordfreq (frequent in French, or in English: a loanword), a productive
    prefix on a known word, a hyphenated compound of words, a spelling of
    the 1990 rectifications. German words are left to the mixing checks."""
    if wordstats.known(word, "fr") is not False or len(word) < MIN_LENGTH:
        return False
    if wordstats.known(word, "de"):
        return False  # a German word: the mixing checks report it
    if "-" in word:
        if all(_word(p) or p.lower() in PREFIXES for p in word.split("-") if p):
            return False  # "franco-allemand", "co-fondateur"
    else:
        core = re.split(r"['’]", word)[-1]
        if len(core) < MIN_LENGTH or _word(core) or wordstats.zipf(core, "en") >= ENGLISH_ZIPF:
            return False
        for prefix in PREFIXES:
            rest = core[len(prefix) :]
            if core.startswith(prefix) and len(rest) > 3 and _word(rest):
                return False  # "réélectrification", "monobob"
        stem = re.sub(r"ables?$", "", core)
        if stem != core and wordstats.known(stem + "ant", "fr"):
            return False  # an adjective in -able on a verb: "vernissable", "positionnable"
        if _variant(core):
            return False
    return True


@rule(
    "TQA-FRM-001",
    "spelling",
    "fluency/spelling",
    "minor",
    examples=(
        Example(
            "Le gouvernement a annoncé une nouvelle réglementaton des loyers.\n",
            flagged=("réglementaton",),
        ),
        Example("Y at-il encore des places pour le concert de ce soir ?\n", flagged=("at-il",)),
        Example(
            "Le maire de Pfaffenhofen a parlé à l'ONU du « Klimaschutzprogramm », "
            "voir www.stadt-pfaffenhofen.de ou kontakt@pfaffenhofen.de (réf. 12b).\n"
        ),
    ),
    requires=("hunspell-fr", "wordfreq"),
)
def spelling_error(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A word that the French dictionary does not know (hunspell-fr), with its suggestions.

    A misspelt word in a translation is a typo of the translator or a word
    the MT engine made up. To stay precise the check leaves alone every
    capitalised word (names, acronyms, words starting a sentence), words of
    the allow-list (``allow-words``) and of tqa's list of German names and
    loanwords, numbers and words glued to digits, URLs, e-mail addresses and
    identifiers, words inside quotation marks (titles, quoted foreign text),
    words that wordfreq knows as frequent in French (zipf ≥ 3: recent
    loanwords and neologisms the dictionary lacks) and German words (the
    mixing checks report those). Misfires on rare technical words and on
    names written in lower case.
    """
    allowed = lexicon.allowed_words(check.config.allow_words)
    suggested: set[str] = set()
    for segment in _french(check):
        text = segment.text
        skip = _spans(_URL, text) + _spans(_QUOTED, text)
        foreign = [(s.start - segment.start, s.end - segment.start) for s in segment.spans]
        for match in _WORD.finditer(text):
            word = match.group(0)
            start, end = match.span()
            if _name_like(word) or len(word) < 2 or word in allowed or word.lower() in allowed:
                continue
            if end < len(text) and (text[end].isdigit() or text[end] in "@_/\\"):
                continue
            if start > 0 and text[start - 1].isdigit():
                continue
            if _overlaps(skip, start, end) or _overlaps(foreign, start, end):
                continue
            if not _misspelt(word):
                continue
            suggested.add(word)
            suggestions = [
                s
                for s in (spelling.suggest(word, "fr") if len(suggested) <= MAX_SUGGESTED else ())
                if " " not in s and s.lower() != word.lower()
            ][:3]
            yield self.finding(
                check,
                segment.start + start,
                segment.start + end,
                f"“{word}” is not in the French dictionary",
                segment=segment.id,
                confidence=SPELLING_CONFIDENCE,
                suggestions=suggestions,
                evidence="hunspell-fr rejects it; wordfreq zipf "
                f"{wordstats.zipf(word.lower(), 'fr'):.1f} in French",
            )


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
    for segment in _french(check):
        text = segment.text
        previous: re.Match[str] | None = None
        for match in _TOKEN.finditer(text):
            if previous is not None:
                gap = text[previous.end() : match.start()]
                first, second = previous.group(0), match.group(0)
                if (
                    gap
                    and not gap.strip(_SPACES)
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

_ELISION = re.compile(rf"(?<![^\W\d_])(?P<el>{_ELIDED})(?P<ap>['’])(?P<word>[^\W\d_][^\W_]*)")


@lru_cache(maxsize=1)
def _capitalised_nouns() -> frozenset[str]:
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


def _common_noun(word: str) -> bool:
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
    l'Intérieur" is an adjective reading). Headings are not checked.
    """
    capitalised = _capitalised_nouns()
    for segment in _french(check):
        if segment.kind == "heading":
            continue
        text = segment.text
        for match in _ELISION.finditer(text):
            el, word = match.group("el"), match.group("word")
            start, end = match.span()
            if word.isupper() or len(word) < 2:
                continue  # an acronym or a letter: "l'UE", "l'E-book"
            mid = not _sentence_start(text, start)
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
            if not word[0].isupper() or word in capitalised or not _common_noun(word):
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
    for segment in _french(check):
        text = segment.text
        for match in _CAPITAL_MONTH.finditer(text):
            group = "month" if match.group("month") else "month2"
            month = match.group(group)
            start, end = match.span(group)
            if group == "month2" and _sentence_start(text, start):
                continue
            day = (match.group("day") or "").strip(_SPACES)
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


# --- TQA-FRM-005 quotation marks ------------------------------------------------------

#: an opening quote (after a space, a bracket or the start) paired with the next
#: closing one (after a non-space, before no letter), or a quotation mark alone
_STRAIGHT = re.compile(
    r"(?<![^\s(\[\u00a0])\"(?P<inner>[^\"\n]{1,400}?)(?<![\s\u00a0])\"(?![^\W_])|(?<![\d=])\""
)
_CURLY = re.compile(r"“(?P<inner>[^”“\n]{1,400})”|“|”")
_GUILLEMETS = re.compile(r"«[^»]{0,2000}»")


@dataclass(frozen=True)
class _Quote:
    segment: Segment
    start: int
    end: int
    inner: str
    curly: bool


def _quotes(check: CheckInput) -> tuple[list[_Quote], int]:
    """Straight and English quotation marks outside guillemets, and how many
    guillemet pairs the document has. Quotes that stand for an apostrophe
    (TQA-FRM-007) are blanked first, so that they pair with nothing."""
    found: list[_Quote] = []
    guillemets = 0
    for segment in _french(check):
        text = segment.text
        for match in _QUOTE_APOSTROPHE.finditer(segment.text):
            lo, hi = match.span("quote")
            text = text[:lo] + " " * (hi - lo) + text[hi:]
        inside = _spans(_GUILLEMETS, text)
        guillemets += len(inside)
        inside += _spans(_URL, text)
        for pattern, curly in ((_STRAIGHT, False), (_CURLY, True)):
            for match in pattern.finditer(text):
                start, end = match.span()
                if not _overlaps(inside, start, end):  # inside a quotation or a URL
                    found.append(_Quote(segment, start, end, match.group("inner") or "", curly))
    return found, guillemets


@rule(
    "TQA-FRM-005",
    "english-quotation-marks",
    "fluency/punctuation",
    "minor",
    examples=(
        Example(
            "Le ministre a parlé d'un « succès » et d'un \"tournant\" historique.\n",
            flagged=('"tournant"',),
        ),
        Example(
            "Le ministre a parlé d'un « succès » et d'un “tournant” historique.\n",
            flagged=("“tournant”",),
        ),
        Example(
            "Le ministre a parlé d'un « succès qualifié de “tournant” » ; l'écran mesure 24\".\n"
        ),
    ),
)
def english_quotes(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """Straight "…" or English “…” quotation marks in a text that otherwise quotes with « ».

    French quotes with guillemets; “…” is for a quotation inside a quotation.
    Text pasted from elsewhere or translated by machine brings "…" along,
    and one document then mixes both styles. Only documents that use « »
    somewhere are checked (a document that never uses them has its own
    convention); quotes inside guillemets, inches (24") and quotes standing
    for an apostrophe (TQA-FRM-007) are left alone.
    """
    quotes, guillemets = _quotes(check)
    for quote in quotes:
        inner = quote.inner.strip(_SPACES)
        mark = "English quotation marks “…”" if quote.curly else 'straight quotation marks "…"'
        yield self.finding(
            check,
            quote.segment.start + quote.start,
            quote.segment.start + quote.end,
            f"{mark} in a text that quotes with « »" if guillemets else f"{mark} in French text",
            segment=quote.segment.id,
            confidence=0.85 if guillemets else 0.6,
            suggestions=(f"«{NBSP}{inner}{NBSP}»",) if inner else (_guillemet(quote),),
            evidence=f"{guillemets} quotation(s) with « » in the document"
            if guillemets
            else "French quotes with « »; the document has none",
        )


def _guillemet(quote: _Quote) -> str:
    """The guillemet a lone quotation mark stands for: « before a word, » after one."""
    text = quote.segment.text
    before = text[quote.start - 1 : quote.start]
    return f"{NBSP}»" if before and not before.isspace() else f"«{NBSP}"


# --- TQA-FRM-006 space before % -------------------------------------------------------

_PERCENT = re.compile(r"(?P<number>\d(?:[\d,.]*\d)?)(?P<space>[ \u00a0\u202f]?)%")
#: a document that writes this many percentages, all without a space, has made it its convention
MIN_CONVENTION = 3


@rule(
    "TQA-FRM-006",
    "percent-spacing",
    "fluency/punctuation",
    "minor",
    examples=(
        Example("Les prix ont augmenté de 5,4% en un an.\n", flagged=("5,4%",)),
        Example(f"Les prix ont augmenté de 5,4{NNBSP}% en un an, les loyers de 3{NBSP}%.\n"),
        Example("Hausse de 2% en mars, 3% en avril, 4% en mai et 5% en juin.\n"),
    ),
)
def percent_spacing(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A percent sign glued to its number ("50%"): French sets a (narrow) no-break space ("50 %").

    German and English write "50%"; French typography puts a narrow
    no-break space between the number and the sign. A document that writes
    at least three percentages and never a space has chosen its convention
    and is left alone.
    """
    found = [
        (segment, match)
        for segment in _french(check)
        for match in _PERCENT.finditer(segment.text)
        if _outside_url(segment.text, match.start())
    ]
    glued = [(s, m) for s, m in found if not m.group("space")]
    if not glued or (len(glued) == len(found) and len(found) >= MIN_CONVENTION):
        return
    for segment, match in glued:
        number = match.group("number")
        yield self.finding(
            check,
            segment.start + match.start(),
            segment.start + match.end(),
            "no space between the number and “%”",
            segment=segment.id,
            confidence=0.85,
            suggestions=(f"{number}{NNBSP}%",),
            evidence=f"{len(found) - len(glued)} of {len(found)} percentages in the document have a space",
        )


def _outside_url(text: str, at: int) -> bool:
    return not any(lo <= at < hi for lo, hi in _spans(_URL, text))


# --- TQA-FRM-007 quote used as an apostrophe ---------------------------------------------

_QUOTE_APOSTROPHE = re.compile(
    rf"(?<![^\W\d_])(?P<el>{_ELIDED})"
    rf"(?P<quote>[ \u00a0]?[\"“”][ \u00a0]?|[ \u00a0]['’][ \u00a0]?|['’][ \u00a0])"
    rf"(?P<word>[{_VOWEL}][^\W\d_]*)"
)


@rule(
    "TQA-FRM-007",
    "quote-as-apostrophe",
    "fluency/punctuation",
    "minor",
    examples=(
        Example(
            "L \"économie allemande a besoin d ’ acier et l ' eau manque.\n",
            flagged=('L "économie', "d ’ acier", "l ' eau"),
        ),
        Example('L\'économie allemande a besoin d’acier ; la classe D "Premium" coûte 10 €.\n'),
    ),
)
def quote_as_apostrophe(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A quotation mark, or an apostrophe between spaces, where French elides: "L "économie", "d ’ acier".

    MT engines and OCR turn apostrophes into quotation marks or surround
    them with spaces. Only an elided word (l, d, qu…) followed by a word
    starting with a vowel or h is reported: that is where French elides.
    """
    for segment in _french(check):
        for match in _QUOTE_APOSTROPHE.finditer(segment.text):
            el, word = match.group("el"), match.group("word")
            yield self.finding(
                check,
                segment.start + match.start(),
                segment.start + match.end(),
                f"“{match.group('quote').strip()}” used as an apostrophe",
                segment=segment.id,
                confidence=0.9,
                suggestions=(f"{el}’{word}",),
                evidence="an elision is written with an apostrophe and no space",
            )
