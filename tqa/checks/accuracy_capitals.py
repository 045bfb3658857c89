"""A capital carried into French where the German word is in lower case: a
French pronoun, article or preposition capitalised in mid-sentence (*dans la
salle d'audience, Ils sont assis* for *sitzen sie*)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, word_pairs
from tqa.checks.form import QUOTED, sentence_start, spans
from tqa.model import Finding
from tqa.word_align import Link

#: French pronouns, articles and prepositions that take a capital only at the start of a
#: sentence (vous and nous are left out: letters sometimes write a courteous "Vous")
SMALL_WORDS = frozenset(
    "il ils elle elles on le la les un une des du de au aux dans pour par sur avec".split()
)
_SPACE = "[\\s\u00a0\u202f]"
#: the word before: a capital there makes a title or a name ("Autant En emporte le vent")
_WORD_BEFORE = re.compile(rf"(?<!\w)(\w+){_SPACE}+$")
_NEXT_LETTER = re.compile(rf"{_SPACE}+([^\W\d_])")


def _mid_sentence(text: str, start: int) -> bool:
    """Not at the start of a sentence, a quotation or a list item, nor after a
    footnote mark ("[4] Au fur et à mesure")."""
    if sentence_start(text, start):
        return False
    return not text[max(0, start - 8) : start].rstrip(" \u00a0\u202f").endswith(("]", ")"))


@rule(
    "TQA-ACC-013",
    "small-word-capitalised",
    "fluency/spelling",
    "minor",
    examples=(
        Example(
            "Dans la salle d'audience, Ils sont assis sur le banc des juges.\n",
            flagged=("Ils",),
            source="Im Gerichtssaal sitzen sie auf der Richterbank.\n",
        ),
        Example(
            "Le journaliste du Monde, Le Figaro et La Haye : Les juges sont assis.\n",
            source="Der Journalist von Le Monde, Le Figaro und Den Haag: Die Richter sitzen.\n",
        ),
        Example(
            "[4] Au fur et à mesure, les locomotives sont rénovées.\n",
            source="[4] Mit der Elektrifizierung werden die Lokomotiven erneuert.\n",
        ),
    ),
)
def small_word_capitalised(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A French pronoun, article or preposition capitalised in mid-sentence (“, Ils sont”).

    Machine translation sometimes capitalises a small word in mid-sentence
    (*dans la salle d'audience, Ils sont assis* for *sitzen sie*), often
    where the German has a capital nearby. Reported for il(s), elle(s), on,
    the articles and the common prepositions when the word stands in
    mid-sentence before a lower-case word and the German word that the word
    alignment links to it is in lower case. A capital word next to it makes
    it part of a name or a title (*Le Monde*, *La Haye*, *De Gaulle*,
    *Autant En emporte le vent*) and it stays quiet; so do quoted words and a
    capital after a colon, a quotation mark, a list mark or a footnote mark.
    Measured on the WMT22 references: no finding.
    """
    text = check.text
    quoted = spans(QUOTED, text)
    for pair in word_pairs(check):
        best: dict[int, Link] = {}
        for link in pair.words.links:
            if link.target not in best or link.score > best[link.target].score:
                best[link.target] = link
        for token in pair.words.target:
            word = token.text
            if token.lower not in SMALL_WORDS or not word[0].isupper() or not word[1:].islower():
                continue
            found = best.get(token.index)
            german = pair.words.source[found.source] if found is not None else None
            if german is not None and not german.text[:1].islower():
                continue
            start, end = token.start, token.end
            if (start > 0 and text[start - 1] in "'’-") or (end < len(text) and text[end] in "'’-"):
                continue
            if not _mid_sentence(text, start) or any(lo <= start < hi for lo, hi in quoted):
                continue
            after = _NEXT_LETTER.match(text, end, min(len(text), end + 4))
            if after is None or not after.group(1).islower():
                continue  # a name: "Le Monde", "La Haye", "De Gaulle"
            before = _WORD_BEFORE.search(text, max(0, start - 30), start)
            if before is not None and before.group(1)[:1].isupper():
                continue  # inside a title or a name
            yield self.finding(
                check,
                start,
                end,
                f"“{word}” capitalised in mid-sentence",
                segment=segment_of(check, start),
                confidence=0.8,
                suggestions=(word.lower(),),
                evidence=(f"renders the German “{german.text}”, in lower case; " if german else "")
                + "French capitalises it only at the start of a sentence",
                source_span=(german.start, german.end) if german else None,
            )
