"""Who does what: a French imperative that orders the reader to do what the
German writer says they will do themselves (*ich werde … entfernen und
woanders bestellen* → *Enlevez … et commandez ailleurs*)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, target_offset, word_pairs
from tqa.model import Finding

#: the German sentence speaks of its writer
FIRST_PERSON = re.compile(r"(?<!\w)(?:ich|wir|mein\w*|unser\w*)(?!\w)", re.I)
#: the German sentence addresses someone (polite Sie, du, ihr, an imperative with bitte)
#: or speaks of anyone (man): a French imperative may render it
ADDRESSED = re.compile(
    r"(?<!\w)(?:Sie|Ihnen|Ihre?[mnrs]?|bitte|Bitte|du|Du|dich|Dich|dir|Dir|dein\w*|Dein\w*"
    r"|euch|Euch|eure?\w*|Eure?\w*|ihr|man|Man)(?!\w)"
)
#: a word that opens a clause: the start, after punctuation, et, puis, ou
CLAUSE_START = re.compile(
    r"(?:^|[.!?,;:]\s*|(?<!\w)(?:et|puis|ou)\s+)(\w+ez)(?!\w)(?!\s*-\s*(?:vous|nous)(?!\w))",
    re.I,
)


def _imperative(word: str) -> bool:
    """hunspell-fr reads ``word`` as an imperative of the second person plural."""
    from tqa.backends import words

    return any("po:impe" in a and "po:2pl" in a for a in words.analyze(word.lower(), "fr"))


@rule(
    "TQA-ACC-011",
    "imperative-without-addressee",
    "accuracy/mistranslation",
    "minor",
    examples=(
        Example(
            "Enlevez 30 € de mon panier et commandez ailleurs.\n",
            flagged=("Enlevez", "commandez"),
            source="Ich werde die 30 € aus meinem Warenkorb entfernen und woanders bestellen.\n",
        ),
        Example(
            "Je vais enlever 30 € de mon panier et commander ailleurs.\n",
            source="Ich werde die 30 € aus meinem Warenkorb entfernen und woanders bestellen.\n",
        ),
        Example(
            "Enlevez le couvercle, je vous montre la suite.\n",
            source="Nehmen Sie den Deckel ab, ich zeige Ihnen den Rest.\n",
        ),
    ),
)
def imperative_without_addressee(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A French imperative (Enlevez, commandez) where the German writer speaks of what they do.

    Machine translation reads a German infinitive as an instruction: *ich
    werde 30 € aus meinem Warenkorb entfernen und woanders bestellen* (I will
    remove … and order elsewhere) becomes *Enlevez 30 € de mon panier et
    commandez ailleurs*, an order to the reader. Reported when the German
    sentence speaks in the first person (ich, wir, mein, unser) and addresses
    no one (no Sie, du, ihr, bitte, nor the impersonal man), and a clause
    of the French opens with a verb that hunspell-fr reads as an imperative
    of the second person plural. Minor: a translator may turn a writer's
    plan into advice on purpose.
    """
    for pair in word_pairs(check):
        german = pair.source_text
        if not FIRST_PERSON.search(german) or ADDRESSED.search(german):
            continue
        french = pair.target_text
        for found in CLAUSE_START.finditer(french):
            word = found.group(1)
            if not _imperative(word):
                continue
            start, end = target_offset(check, pair, found.start(1), found.end(1))
            if start is None or end is None:
                continue
            token = next((t for t in pair.words.target if t.start == start), None)
            sources = pair.words.sources_of(token.index) if token is not None else ()
            yield self.finding(
                check,
                start,
                end,
                f"“{word}” orders the reader; the source speaks of what its writer does",
                segment=segment_of(check, start),
                confidence=0.6,
                evidence="first person in the German sentence, no one addressed"
                + (f"; “{word}” renders “{sources[0].text}”" if sources else ""),
                source_span=(sources[0].start, sources[0].end) if sources else None,
            )
