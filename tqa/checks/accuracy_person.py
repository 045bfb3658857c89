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


# --- TQA-ACC-018 reader addressed both as tu and as vous --------------------------------

#: French forms of the second person singular (tu, te, t', toi, ton, ta, tes, le tien…)
#: (ton after a determiner is the noun, le ton; tien, tiens only after an article
#: are the pronoun, le tien, not the verb, je tiens à)
TU = re.compile(
    r"(?<![\w'’-])(?:tu|te|toi|ta|tes)(?![\w'’-])"
    r"|(?<![\w'’-])(?<!(?:le|un|du|au|ce)\s)(?<!(?:son|mon|ton|cet|bon)\s)"
    r"(?<!(?:leur|même|quel)\s)(?<!(?:notre|votre)\s)ton(?![\w'’-])"
    r"|(?:(?<=le\s)|(?<=la\s)|(?<=les\s)|(?<=des\s)|(?<=du\s)|(?<=au\s)|(?<=aux\s))"
    r"tien(?:ne)?s?(?![\w'’-])"
    r"|(?<![\w'’-])t['’](?=[^\W\d_])",
    re.I,
)
#: French forms of the second person plural or polite (vous, votre, vos, le vôtre…)
VOUS = re.compile(r"(?<![\w'’-])(?:vous|votre|vos|vôtres?)(?![\w'’-])", re.I)
#: German du (Du in letters)
DU = re.compile(r"(?<!\w)(?:du|dich|dir|dein|deine[mnrs]?)(?!\w)", re.I)
#: German polite Sie: a capital Sie, Ihnen, Ihr… after a sentence's first word
POLITE = re.compile(r"(?<=\w)[^\w.!?:]*\s(?:Sie|Ihnen|Ihre?[mnrs]?)(?!\w)")
#: German addressing several people: euch, euer/eure…, ihr with a verb of the
#: second person plural (ihr habt, seid ihr). The verb is a lower-case word in -t
#: (Ihr Paket is the polite your before a noun); prepositions, adverbs and the
#: third person ist, hat before or after ihr make it her (mit ihr, es ist ihr
#: nicht recht), and so do es before the verb (es geht ihr gut) and verbs whose
#: third person singular takes a dative (das gefällt ihr, hilft ihr), and a verb
#: of the second person singular (du machst ihr eine Freude; lasst, wisst ihr
#: are plural)
PLURAL = re.compile(
    r"(?<!\w)(?:[Ee]uch|[Ee]uer|[Ee]ure[mnrs]?)(?!\w)"
    r"|(?<!\w)[Ii]hr\s+(?!(?:nicht|jetzt|oft|erst|selbst|bereits|sonst|meist|zuletzt|gut|recht)(?!\w))"
    r"(?:[a-zäöüß]\w*t|seid)(?!\w)"
    r"|(?<!\w)(?<![Ee]s\s)"
    r"(?!(?:[Mm]it|[Ss]eit|[Nn]icht|[Jj]etzt|[Ii]st|[Hh]at|[Ee]rst|[Ss]elbst|[Bb]ereits"
    r"|[Gg]efällt|[Hh]ilft|[Gg]ibt|[Ff]ällt|[Gg]elingt|[Ss]chmeckt)(?!\w))"
    r"(?:(?!\w*[^\Wsßzx]st(?!\w))\w+t|[Ss]eid)\s+ihr(?!\w)",
)
#: «…», “…” and "…": quoted speech may address someone else
#: »…« (German books) too
_QUOTED = re.compile(
    r"«[^»\n]{0,400}»|»[^«\n]{0,400}«|“[^”\n]{0,400}”|\"[^\"\n]{0,400}\"|„[^“”\n]{0,400}[“”]"
)


def _outside_quotes(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found, k = [], 0
    for match in pattern.finditer(text):
        while k < len(quoted) and quoted[k][1] <= match.start():
            k += 1
        if k < len(quoted) and quoted[k][0] <= match.start():
            continue
        found.append(match)
    return found


@rule(
    "TQA-ACC-018",
    "address-switched",
    "style/inconsistency",
    "minor",
    examples=(
        Example(
            "Tu peux régler la sangle. Ensuite, vous fermez la boucle. Tu verras, c'est simple.\n",
            flagged=("vous",),
            source="Du kannst den Gurt einstellen. Dann schließt du die Schnalle. Du wirst sehen, es ist einfach.\n",
        ),
        Example(
            "Vous pouvez régler la sangle, puis tu fermes la boucle.\n",
            flagged=("tu",),
            source="Sie können den Gurt einstellen, dann schließen Sie die Schnalle.\n",
        ),
        Example(
            "Tu peux venir ? Je vous attends tous les deux.\n",
            source="Kannst du kommen? Ich warte auf euch beide.\n",
        ),
        Example(
            "Vous pouvez régler la sangle. Vous fermez la boucle.\n",
            source="Du kannst den Gurt einstellen. Dann schließt du die Schnalle.\n",
        ),
        Example(
            "Ma sœur va bien, merci. Tu viens la voir ? Vous lui ferez plaisir.\n",
            flagged=("Vous",),
            source="Meiner Schwester geht es gut, danke. Es geht ihr gut. Kommst du sie "
            "besuchen? Du machst ihr eine Freude.\n",
        ),
    ),
)
def address_switched(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """The reader addressed as tu in one place and as vous in another, where the German keeps one form.

    Machine translation works sentence by sentence, and renders German *du*
    now as *tu*, now as *vous*; German *Sie* (polite) sometimes becomes
    *tu*. Either French form may be right for *du*, but not both in one
    document. Reported with the German source, outside quotations: where the
    German says only *du*, the rarer of the two French forms (the later one
    when they are as frequent); where it says only the polite *Sie*, every
    *tu*. A German text that also addresses several people (*euch*, *ihr
    habt*) or uses both *du* and *Sie* is left alone: *vous* may then be a
    plural or another addressee.
    """
    if check.source is None:
        return
    german = check.source.text
    if PLURAL.search(german):
        return
    says_du = bool(_outside_quotes(DU, german))
    says_sie = bool(_outside_quotes(POLITE, german))
    if says_du == says_sie:
        return
    text = check.text
    tu = _outside_quotes(TU, text)
    vous = _outside_quotes(VOUS, text)
    if not tu or (says_du and not vous):
        return
    if says_sie:
        wrong, usual, german_form = tu, "vous", "Sie"
    elif len(vous) < len(tu) or (len(vous) == len(tu) and vous[-1].start() > tu[-1].start()):
        wrong, usual, german_form = vous, "tu", "du"
    else:
        wrong, usual, german_form = tu, "vous", "du"
    others = len(vous) if wrong is tu else len(tu)
    seen: set[int | None] = set()
    for match in wrong:
        segment = segment_of(check, match.start())
        if segment in seen:
            continue  # one finding per sentence
        seen.add(segment)
        yield self.finding(
            check,
            match.start(),
            match.end(),
            f"“{match.group()}” addresses the reader, who is addressed as “{usual}” elsewhere",
            segment=segment,
            confidence=0.7 if says_sie else 0.6,
            evidence=(
                f"the German says only “{german_form}”; the French says “{usual}” "
                f"{others} time{'s' if others != 1 else ''}"
                if not says_sie
                else "the German says only the polite “Sie”"
            ),
        )
