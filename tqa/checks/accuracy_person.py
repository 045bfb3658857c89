"""Who does what: a French imperative that orders the reader to do what the
German writer says they will do themselves (*ich werde … entfernen und
woanders bestellen* → *Enlevez … et commandez ailleurs*), and the reader
addressed where the German speaks of a third person (*sie* → *vous*)."""

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
    requires=("hunspell-fr",),
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
    of the second person plural (so the rule needs hunspell-fr). Minor: a
    translator may turn a writer's plan into advice on purpose.
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


#: French words addressing the reader
YOU = re.compile(r"(?<!\w)(?:vous|votre|vos)(?!\w)", re.I)
#: German third person: lower-case sie or ihr… anywhere (a sentence start has
#: no lower case), or a capital Sie before a verb in the third person
#: singular (Sie sagte, Sie ist), which the polite Sie never takes
THIRD = re.compile(
    r"(?<!\w)(?:sie|ihr|ihre|ihren|ihrem|ihrer|ihres)(?!\w)"
    r"|(?<!\w)Sie\s+(?:ist|war|hat|wird|kann|muss|soll|will|darf|mag|\w+te|\w+t)(?!\w)"
)
#: German addressing someone: capital Sie/Ihnen/Ihr… after a sentence's first
#: word, du, ihr as a subject, man; bitte
SECOND = re.compile(
    r"(?<=\w)[^\w.!?:]*\s(?:Sie|Ihnen|Ihre?[mnrs]?)(?!\w)"
    r"|(?<!\w)(?:du|Du|dich|Dich|dir|Dir|dein\w*|Dein\w*|euch|Euch|eure?\w*|Eure?\w*"
    r"|man|Man|bitte|Bitte)(?!\w)"
)
#: a document that talks to someone (a mail, a post, a chat): its writer, a
#: greeting or a question; there a lower-case sie is often the polite Sie
DIALOGUE = re.compile(
    r"(?<!\w)(?:ich|Ich|mir|mich|wir|Wir|uns|hallo|Hallo|hi|Hi|danke|Danke|Grüße|LG|MfG)(?!\w)|\?"
)


@rule(
    "TQA-ACC-012",
    "third-person-as-you",
    "accuracy/mistranslation",
    "minor",
    examples=(
        Example(
            "Beaucoup dépend de votre jugement, même si vous ne portez pas de robe.\n",
            flagged=("votre", "vous"),
            source="Doch von ihrem Urteil hängt viel ab, auch wenn sie keine Robe tragen.\n",
        ),
        Example(
            "Beaucoup dépend de leur jugement, même s'ils ne portent pas de robe.\n",
            source="Doch von ihrem Urteil hängt viel ab, auch wenn sie keine Robe tragen.\n",
        ),
        Example(
            "Vous pouvez régler la luminosité.\n",
            source="Sie können die Helligkeit anpassen.\n",
        ),
    ),
)
def third_person_as_you(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """The reader addressed (vous, votre) where the German speaks of a third person (sie, ihr).

    German *sie* is she or they, and *Sie* at the start of a sentence may
    also be the polite you; machine translation takes the one for the other:
    *von ihrem Urteil hängt viel ab, auch wenn sie keine Robe tragen* (their
    judgement … they wear no robe) becomes *votre jugement … vous ne portez
    pas*. Reported when a French sentence says vous, votre or vos, its
    German sentence has a lower-case sie or ihr…, or a capital Sie before a
    verb in the singular (Sie sagte), and nobody is addressed in it (no Sie
    after the first word, du, ihr, man, bitte). Only in documents that talk
    to no one (no ich, wir, greeting or question): in mails and posts a
    lower-case sie is often the polite Sie. Minor.
    """
    source = check.source_text
    if DIALOGUE.search(source):
        return
    for pair in word_pairs(check):
        german = pair.source_text
        third = THIRD.search(german)
        if third is None or SECOND.search(german):
            continue
        for found in YOU.finditer(pair.target_text):
            start, end = target_offset(check, pair, found.start(), found.end())
            if start is None or end is None:
                continue
            src_at = next(
                (t for t in pair.words.source if t.text == third.group().split()[0]), None
            )
            yield self.finding(
                check,
                start,
                end,
                f"“{found.group()}” addresses the reader; the source says “{third.group()}” "
                "(a third person)",
                segment=segment_of(check, start),
                confidence=0.6,
                evidence=f"source “{third.group()}”; no one addressed in the German document",
                source_span=(src_at.start, src_at.end) if src_at is not None else None,
            )
