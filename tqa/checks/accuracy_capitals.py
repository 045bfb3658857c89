"""Capitals carried from German into French: a French pronoun, article or
preposition capitalised in mid-sentence where the German word is in lower
case (*dans la salle d'audience, Ils sont assis* for *sitzen sie*), and a
French common noun capitalised because its German noun is (*1700 Terrains de
football* for *Fußballfeldern*)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from tqa import lexicon
from tqa.backends import words as wordstats
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import segment_of, word_pairs
from tqa.checks.form import QUOTED, capitalised_nouns, common_noun, sentence_start, spans
from tqa.model import Finding
from tqa.word_align import Link, Token

#: French pronouns, articles and prepositions that take a capital only at the start of a
#: sentence (vous and nous are left out: letters sometimes write a courteous "Vous")
SMALL_WORDS = frozenset(
    "il ils elle elles on le la les un une des du de au aux dans pour par sur avec".split()
)
_SPACE = "[\\s\u00a0\u202f]"
#: the word before: a capital there makes a title or a name ("Autant En emporte le vent")
_WORD_BEFORE = re.compile(rf"(?<!\w)(\w+){_SPACE}+$")
_NEXT_LETTER = re.compile(rf"{_SPACE}+([^\W\d_])")


def _best_links(links: Sequence[Link]) -> dict[int, Link]:
    """The strongest link of each French word (target index → link)."""
    best: dict[int, Link] = {}
    for link in links:
        if link.target not in best or link.score > best[link.target].score:
            best[link.target] = link
    return best


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
        best = _best_links(pair.words.links)
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


# --- TQA-ACC-017 common noun capitalised as in German ------------------------------------

#: a capitalised domain after "ministère de la", "ministre de l'" is French usage
#: ("le ministre de l'Intérieur", "le ministère de la Santé")
_MINISTRY = re.compile(
    r"(?:minist(?:re|ère|res|ères)|secrétaire|secrétariat|département|office|ministerin)"
    r"[\s\u00a0]+(?:fédéra\w*[\s\u00a0]+|régiona\w*[\s\u00a0]+)?"
    r"(?:de[\s\u00a0]+la|de[\s\u00a0]+l['’]|des|du|de)[\s\u00a0]*$",
    re.I,
)
#: words that may stand between two words of one name ("Fondation pour la Science")
_NAME_GLUE = frozenset("de d l la le les des du et pour sur en à aux au".split())
_LINKS = frozenset({"dict", "pivot", "model"})


def _in_name(text: str, tokens: Sequence[Token], index: int) -> bool:
    """A capitalised word next to it, directly or across glue words ("Flèches
    d'Argent", "Palais de Kensington", "Fondation berlinoise pour la
    Science"), with no punctuation between: a name or a title. A neighbour
    that is itself a common noun given a capital ("Types de Palettes") is no
    such evidence."""
    institutions = capitalised_nouns()

    def name_word(k: int) -> bool | None:
        word = tokens[k].text
        if word[:1].isupper():
            return word in institutions or not common_noun(word)
        return None if word.lower() in _NAME_GLUE else False

    def joined(a: int, b: int) -> bool:
        return _JOIN.fullmatch(text, tokens[a].end, tokens[b].start) is not None

    for step in (1, -1):
        k = index + step
        while (
            0 <= k < len(tokens)
            and abs(k - index) <= 4
            and joined(min(k, k - step), max(k, k - step))
        ):
            found = name_word(k)
            if found is not None:
                if found:
                    return True
                break
            k += step
    return False


#: what may stand between two words of one name: spaces, an apostrophe, a hyphen
_JOIN = re.compile(r"[\s\u00a0\u202f'’-]*")


def _kept_from_german(word: str, source: Sequence[Token]) -> bool:
    """The word stands in a German noun of the sentence as written (*Land* in
    *Bundesland*, *Euro* in *Europaletten*): a term or a name kept from the
    German, not a French noun given a German capital."""
    for t in source:
        german = t.lower
        if not t.text[:1].isupper() or word not in german:
            continue
        if (
            german == word
            or german.endswith(word)
            or german.startswith(word)
            and len(german) - len(word) >= 4
        ):
            return True
    return False


#: how far back the word that introduces a label, a title or a name is looked for (characters)
_LABEL_REACH = 60
_DE = r"(?:du|des|de[\s\u00a0]+la|de)"


@lru_cache(maxsize=1)
def _label_head() -> re.Pattern[str] | None:
    """The words after which French writes a label, a title or a name with a
    capital (label-heads.tsv), as a pattern that ends where that word is read."""
    rows = lexicon.read_table("label-heads.tsv")

    def words(*kinds: str) -> str:
        found = sorted({r["word"] for r in rows if r.get("kind") in kinds}, key=len, reverse=True)
        return "|".join(re.escape(w) for w in found)

    alternatives = []
    if direct := words("interface", "work"):
        alternatives.append(rf"(?:{direct})[sx]?")
    if place := words("place"):
        alternatives.append(rf"(?:{place})[sx]?[\s\u00a0]+{_DE}")
    if naming := words("naming"):
        alternatives.append(rf"(?:{naming})(?:e|s|es)?")
    if not alternatives:
        return None
    return re.compile(rf"(?i:(?<![\w-])(?:{'|'.join(alternatives)}))[\s\u00a0\u202f]+$")


def _after_label_head(text: str, start: int) -> str | None:
    """The word that makes the capitalised word at ``start`` a label, a title
    or a name: "l'onglet Commandes", "le film Aide", "le col du Griffon",
    "une fenêtre intitulée Avertissement"; or None."""
    pattern = _label_head()
    found = pattern.search(text, max(0, start - _LABEL_REACH), start) if pattern else None
    return found.group(0).strip() if found else None


#: endings of a German adjective's inflected forms
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def _german_name(source: str, tokens: Sequence[Token], index: int) -> bool:
    """The German noun follows an adjective that the German writes with a
    capital in mid-sentence: a name or a defined term (*die Allgemeinen
    Geschäftsbedingungen*, *die Vereinten Nationen*), which French also
    writes with a capital on its first word (*les Conditions générales de
    vente*, *les Nations unies*)."""
    if index == 0:
        return False
    before = tokens[index - 1]
    word = before.text
    if not word[:1].isupper() or not word[1:].islower() or not word.endswith(_ADJECTIVE_ENDINGS):
        return False
    if sentence_start(source, before.start):
        return False
    low = word.lower()
    if not wordstats.known(low, "de"):
        return False  # a noun: German knows it only with its capital
    return not any(s[:1].isupper() for s in wordstats.stems(word, "de"))  # not "Essen"


def _title_case(text: str) -> bool:
    """A line whose longer words mostly start with a capital (a headline in
    title case)."""
    long_words = [w for w in re.findall(r"[^\W\d_]{4,}", text)]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) * 2 > len(long_words)


@rule(
    "TQA-ACC-017",
    "noun-capitalised-as-in-german",
    "fluency/spelling",
    "minor",
    examples=(
        Example(
            "Cela correspond à près de 1700 Terrains de football.\n",
            flagged=("Terrains",),
            source="Das entspricht fast 1700 Fußballfeldern.\n",
        ),
        Example(
            "La commande et le Paiement ont eu lieu le 12 janvier.\n",
            flagged=("Paiement",),
            source="Die Bestellung und die Bezahlung waren am 12. Januar.\n",
        ),
        Example(
            "Le ministre de l'Intérieur a parlé au Parlement et à la Bourse de Francfort.\n",
            source="Der Innenminister sprach im Parlament und an der Frankfurter Börse.\n",
        ),
        Example(
            "Il a gagné en Formule 1 avec les Flèches d'Argent, contre les Néerlandais.\n",
            source="Er gewann in der Formel 1 mit den Silberpfeilen gegen die Niederländer.\n",
        ),
        Example(
            "La Thuringe est le seul Land à dépasser ce seuil, près du Palais de Kensington.\n",
            source="Thüringen ist das einzige Bundesland über dieser Schwelle, nahe dem Kensington-Palast.\n",
        ),
        Example(
            "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\n",
            source="Mit freundlichen Grüßen an Sie, sehr geehrte Damen und Herren.\n",
        ),
        Example(
            "Le président de la République a reçu la délégation.\n",
            source="Der Präsident der Republik hat die Delegation empfangen.\n",
        ),
        Example(
            "Je vois les bleus, le Sang, les Yeux désespérés.\n",
            flagged=("Sang", "Yeux"),
            source="Ich sehe die blauen Flecken, das Blut, die verzweifelten Augen.\n",
        ),
        Example(
            "Vous trouverez la facture dans l'onglet Commandes, sous la rubrique Livraison "
            "ou dans Mon compte.\n",
            source="Sie finden die Rechnung im Reiter Bestellungen, unter der Rubrik Lieferung "
            "oder in Mein Konto.\n",
        ),
        Example(
            "Une fenêtre intitulée Avertissement apparaît, puis cliquez sur le champ Remarque.\n",
            source="Ein Fenster mit dem Titel Warnung erscheint, dann klicken Sie auf das Feld "
            "Bemerkung.\n",
        ),
        Example(
            "Il a vu le film Aide avant de passer par le col du Griffon.\n",
            source="Er hat den Film Hilfe gesehen, bevor er über den Greifenpass fuhr.\n",
        ),
        Example(
            "Les images de là rappellent une zone de Guerre.\n",
            flagged=("Guerre",),
            source="Die Bilder von dort erinnern an ein Kriegsgebiet.\n",
        ),
        Example(
            "Veuillez lire nos Conditions générales de vente avant la commande.\n",
            source="Bitte lesen Sie unsere Allgemeinen Geschäftsbedingungen vor der Bestellung.\n",
        ),
    ),
)
def noun_capitalised_as_in_german(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A French common noun capitalised in mid-sentence where its German noun has the capital.

    German writes every noun with a capital; machine translation sometimes
    carries it into French: *près de 1700 Terrains de football*, *la
    commande et le Paiement*. Reported when the word stands in mid-sentence,
    hunspell-fr knows it only as a common noun (not as a name, a nationality
    or a party: *les Néerlandais*, *les Verts*), the word alignment links it
    to a German noun by the dictionaries, and it is not part of a name or
    title (a capitalised word beside it or across *de*, *la*, *pour*…: *le
    Palais de Kensington*; a number after it: *Formule 1*), and not a German
    word or compound part kept as written (*le Land*, *palettes Euro*).
    Nouns that French capitalises when they name an institution, a period or
    a feast, and forms of address (*le Parlement*, *la Bourse*, *la Réforme*,
    *Madame, Monsieur*: capitalised-nouns.tsv)
    and a ministry's domain (*le ministre de l'Intérieur*) are left alone, as
    are quoted words, a capital after a colon, a quotation mark or an elision
    (TQA-FRM-003 reports *l'Éruption*) and lines in title case. So is a
    label, a title or a place name, which French writes with a capital
    after the word that introduces it (label-heads.tsv): a place of a user
    interface (*l'onglet Commandes*, *la rubrique Livraison*, *le champ
    Remarque*), a kind of work (*le film Aide*), a generic place noun
    across *de*, *du*, *des* (*le col du Griffon*), a naming participle
    (*une fenêtre intitulée Avertissement*); and the first word of a name or
    defined term whose German adjective has a capital too (*die Allgemeinen
    Geschäftsbedingungen* → *les Conditions générales de vente*, *die
    Vereinigten Arabischen Emirate* → *les Émirats arabes unis*). A
    trademark that French writes with a capital (*une fermeture Velcro*)
    is still reported: no dictionary at hand marks trademarks.
    """
    text = check.text
    source_text = check.source.text if check.source is not None else text
    quoted = spans(QUOTED, text)
    institutions = capitalised_nouns()
    for pair in word_pairs(check):
        best = _best_links(pair.words.links)
        tokens = pair.words.target
        title_case: bool | None = None
        for token in tokens:
            word = token.text
            if len(word) < 3 or not word[0].isupper() or not word[1:].islower():
                continue
            found = best.get(token.index)
            if found is None or found.kind not in _LINKS:
                continue
            german = pair.words.source[found.source]
            if not german.text[:1].isupper() or word in institutions:
                continue
            start, end = token.start, token.end
            if start > 0 and text[start - 1] in "'’-":
                continue
            if not _mid_sentence(text, start) or any(lo <= start < hi for lo, hi in quoted):
                continue
            before = text[max(0, start - 40) : start].rstrip(" \u00a0\u202f")
            if before.endswith((":", "«", '"', "“", "„", "(", "-", "–", "—", "/", "+")):
                continue
            if _MINISTRY.search(before + " "):
                continue
            if token.index + 1 < len(tokens) and tokens[token.index + 1].is_number:
                continue  # Formule 1, Article 5
            if _in_name(text, tokens, token.index) or not common_noun(word):
                continue
            if _kept_from_german(token.lower, pair.words.source):
                continue  # a German word or compound part kept: "le Land", "palettes Euro"
            if _after_label_head(text, start) is not None:
                continue  # a label, a title or a place name: "l'onglet Commandes", "le film Aide"
            if _german_name(source_text, pair.words.source, found.source):
                continue  # a name or a defined term in German too: "die Allgemeinen Geschäftsbedingungen"
            if title_case is None:
                title_case = _title_case(pair.target_text)
            if title_case:
                break
            yield self.finding(
                check,
                start,
                end,
                f"“{word}” capitalised in mid-sentence, as the German noun “{german.text}”",
                segment=segment_of(check, start),
                confidence=0.7,
                suggestions=(word.lower(),),
                evidence=f"renders the German noun “{german.text}” ({found.kind}); "
                "French writes a common noun in lower case",
                source_span=(german.start, german.end),
            )
