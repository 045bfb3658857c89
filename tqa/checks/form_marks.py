"""TQA-FRM-005…007: quotation marks, the space before %, and quotes used as
apostrophes (registered by ``tqa.checks.form``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.form import (
    ELIDED,
    NBSP,
    NNBSP,
    SPACES,
    URL,
    VOWEL,
    french_segments,
    spans,
)
from tqa.model import Finding, Segment
from tqa.spans import Spans

# --- TQA-FRM-005 quotation marks ------------------------------------------------------

#: an opening quote (after a space, a bracket or the start) paired with the next
#: closing one (after a non-space, before no letter), or a quotation mark alone
_STRAIGHT = re.compile(
    r"(?<![^\s(\[\u00a0])\"(?P<inner>[^\"\n]{1,400}?)(?<![\s\u00a0])\"(?![^\W_])|(?<![\d=])\""
)
_CURLY = re.compile(r"“(?P<inner>[^”“\n]{1,400})”|“|”")
_GUILLEMETS = re.compile(r"«[^»]{0,2000}»")
#: German quotation marks „…“ (or „…”): TQA-TYP-003 reports the pair, whose
#: closing mark is no English quotation mark of its own
_GERMAN_QUOTES = re.compile(r"„[^„“”\n]{0,400}[“”]")


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
    for segment in french_segments(check):
        text = segment.text
        pieces, last = [], 0
        for match in _QUOTE_APOSTROPHE.finditer(segment.text):
            lo, hi = match.span("quote")
            pieces += [text[last:lo], " " * (hi - lo)]
            last = hi
        text = "".join(pieces) + text[last:]
        quoted = spans(_GUILLEMETS, text)
        guillemets += len(quoted)
        inside = Spans(quoted + spans(URL, text) + spans(_GERMAN_QUOTES, text))
        for pattern, curly in ((_STRAIGHT, False), (_CURLY, True)):
            for match in pattern.finditer(text):
                start, end = match.span()
                if not inside.overlaps(start, end):  # inside a quotation or a URL
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
        Example("Il a dit „Nous venons“ puis il est parti.\n"),
    ),
)
def english_quotes(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """Straight "…" or English “…” quotation marks in a text that otherwise quotes with « ».

    French quotes with guillemets; “…” is for a quotation inside a quotation.
    Text pasted from elsewhere or translated by machine brings "…" along,
    and one document then mixes both styles. Only documents that use « »
    somewhere are checked (a document that never uses them has its own
    convention); quotes inside guillemets, inches (24"), quotes standing
    for an apostrophe (TQA-FRM-007) and the closing mark of German „…“
    (TQA-TYP-003 reports the pair) are left alone.
    """
    quotes, guillemets = _quotes(check)
    for quote in quotes:
        inner = quote.inner.strip(SPACES)
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

#: a number glued to (or spaced from) "%". Tried only where a run of digits,
#: commas and periods starts (the number is the run from its first digit, and
#: must end it): tried at every digit, a long run without "%" ("1" * 40,000)
#: was scanned to its end from each of them (quadratic: 43 s)
_PERCENT = re.compile(r"(?<![\d,.])[,.]*+(?P<number>\d[\d,.]*+)(?<=\d)(?P<space>[ \u00a0\u202f]?)%")
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
    found: list[tuple[Segment, re.Match[str]]] = []
    for segment in french_segments(check):
        urls = spans(URL, segment.text)
        found.extend(
            (segment, match)
            for match in _PERCENT.finditer(segment.text)
            if not any(lo <= match.start("number") < hi for lo, hi in urls)
        )
    glued = [(s, m) for s, m in found if not m.group("space")]
    if not glued or (len(glued) == len(found) and len(found) >= MIN_CONVENTION):
        return
    for segment, match in glued:
        number = match.group("number")
        yield self.finding(
            check,
            segment.start + match.start("number"),
            segment.start + match.end(),
            "no space between the number and “%”",
            segment=segment.id,
            confidence=0.85,
            suggestions=(f"{number}{NNBSP}%",),
            evidence=f"{len(found) - len(glued)} of {len(found)} percentages in the document have a space",
        )


# --- TQA-FRM-007 quote used as an apostrophe ---------------------------------------------

_QUOTE_APOSTROPHE = re.compile(
    rf"(?<![^\W\d_])(?P<el>{ELIDED})"
    rf"(?P<quote>[ \u00a0]?[\"“”][ \u00a0]?|[ \u00a0]['’][ \u00a0]?|['’][ \u00a0])"
    rf"(?P<word>[{VOWEL}][^\W\d_]*)"
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
    for segment in french_segments(check):
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
