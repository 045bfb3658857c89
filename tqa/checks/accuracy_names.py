"""Accuracy checks on names and placeholders of the source: a placeholder
(#NAME#, {0}, %s) or a name (person, place, company, street) that the
translation changed, translated, garbled or dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from tqa import lexicon
from tqa.checks.base import CheckInput, Example, Rule, listed, rule
from tqa.checks.beads import (
    omission_point,
    segment_of,
    source_segments,
    source_span,
    word_pairs,
)
from tqa.lang import names
from tqa.model import Finding
from tqa.names import first_names
from tqa.word_align import AlignedPair, Link, Token, is_function_word

#: placeholders of CAT tools and software strings: #NAME#, {0}, {name}, %s, %(name)s, ${var}
PLACEHOLDER = re.compile(
    r"#[A-Z][A-Z0-9_]{1,40}#|\{[\w.:-]{0,40}\}|%(?:\([\w]{1,40}\))?[sdif]|\$\{[\w.]{1,40}\}"
)


#: placeholders lost in one bead reported one by one; the rest are one finding
MAX_LOST = 5

#: a placeholder starting at any position, overlapping ones included: a
#: placeholder is a substring of a text exactly when it is one of these,
#: since each alternative of PLACEHOLDER starts with its own character and
#: matches exactly one string there
_ANYWHERE = re.compile(f"(?=({PLACEHOLDER.pattern}))")


def _first_inside(core: str, first_token: dict[str, Token]) -> Token | None:
    """The first target token (of 3 characters or more) whose lower-case text
    is inside ``core``: its substrings looked up, at most a placeholder's
    length squared, rather than every token compared."""
    best: Token | None = None
    for start in range(len(core)):
        for end in range(start + 3, len(core) + 1):
            token = first_token.get(core[start:end])
            if token is not None and (best is None or token.index < best.index):
                best = token
    return best


@rule(
    "TQA-ACC-001",
    "placeholder-changed",
    "accuracy/do-not-translate",
    "major",
    examples=(
        Example(
            "Votre commande NAME est arrivée.\n",
            flagged=("NAME",),
            source="Ihre Bestellung #NAME# ist angekommen.\n",
        ),
        Example(
            "Votre commande #NAME# est arrivée.\n",
            source="Ihre Bestellung #NAME# ist angekommen.\n",
        ),
    ),
)
def placeholder_changed(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A placeholder of the source (#NAME#, {0}, %s) that the translation changed or dropped.

    Placeholders are filled in by software after translation: a changed one
    breaks the text or the program that uses it. They must come through
    character for character. The finding marks the French text that looks
    like the placeholder (NAME, «NAME», 'PRS'ORG'), or the place where it is
    missing. It misfires only when a translator deliberately spells a
    placeholder out.
    """
    for pair in word_pairs(check):
        # every placeholder in the target, at every position: a placeholder of
        # the source is kept when it is one of them (a substring search per
        # placeholder, and a scan of the tokens per lost one, were quadratic
        # in a unit of thousands of placeholders)
        kept = {m.group(1) for m in _ANYWHERE.finditer(pair.target_text)}
        first_token: dict[str, Token] = {}
        for token in pair.words.target:
            if len(token.text) >= 3:
                first_token.setdefault(token.text.lower(), token)
        seen: set[str] = set()
        lost: list[str] = []
        for match in PLACEHOLDER.finditer(pair.source_text):
            placeholder = match.group()
            if placeholder in seen or placeholder in kept:
                continue
            seen.add(placeholder)
            if len(seen) > MAX_LOST:  # counted in one finding below
                lost.append(placeholder)
                continue
            core = re.sub(r"\W", "", placeholder).lower()
            where = _first_inside(core, first_token)
            start = where.start if where else pair.words.target[0].start
            end = where.end if where else start
            yield self.finding(
                check,
                start,
                end,
                f"placeholder “{placeholder}” of the source is changed or missing",
                segment=segment_of(check, start),
                confidence=0.9 if where else 0.8,
                suggestions=(placeholder,),
                evidence=f"source: {placeholder}",
                source_span=source_span(check, pair, match.start(), match.end()),
            )
        if lost:
            # one finding for the rest: every finding of a translation unit
            # carries its id (a PO msgid may be the whole unit), so thousands
            # of them made a report quadratic in size
            start = pair.words.target[0].start
            yield self.finding(
                check,
                start,
                start,
                f"{len(lost)} more placeholders of the source are changed or missing",
                segment=segment_of(check, start),
                confidence=0.8,
                evidence=f"source: {listed(lost)}",
            )


@rule(
    "TQA-ACC-002",
    "name-not-kept",
    "accuracy/named-entity",
    "major",
    examples=(
        Example(
            "Le palais orchestre joue à Lunes.\n",
            flagged=("Lunes",),
            source="Das Palast Orchester spielt in Lünen.\n",
        ),
        Example(
            "Le Palast Orchester joue à Lünen.\n",
            source="Das Palast Orchester spielt in Lünen.\n",
        ),
        Example(
            "Selon Ugur Sahin, le vaccin protège.\n",
            source="Laut Uğur Şahin schützt der Impfstoff.\n",
        ),
        Example(
            "En Thuringe, 2242 nouvelles infections par le virus du Sras-CoV-2 ont été signalées.\n",
            source="In Thüringen wurden 2242 neue Ansteckungen mit dem Sars-CoV-2-Virus gemeldet.\n",
        ),
        Example(
            "Selon Ilsa Aigner, les îles sont belles en été.\n",
            flagged=("",),
            source="Laut Ilse Aigner sind die Inseln im Sommer schön.\n",
        ),
        Example(
            "De l'avis de Mercedes, les arrêts de Max auraient commis deux infractions.\n",
            flagged=("",),
            source="Max Verstappen soll nach Ansicht von Mercedes zwei Regelbrüche begangen haben.\n",
        ),
        Example(
            "Le concert a eu lieu dans la haute région.\n",
            flagged=("",),
            source="Das Konzert fand in Hohenlohe statt.\n",
        ),
        Example(
            "Un accident a eu lieu dans la petite route de montagne.\n",
            flagged=("route",),
            source="In der Kleinen Bergstraße ereignete sich ein Unfall.\n",
        ),
        Example(
            "Un accident a eu lieu dans la Kleine Bergstraße.\n",
            source="In der Kleinen Bergstraße ereignete sich ein Unfall.\n",
        ),
        Example(
            "De l'avis de Mercedes, Max Verstappen aurait commis deux infractions.\n",
            source="Max Verstappen soll nach Ansicht von Mercedes zwei Regelbrüche begangen haben.\n",
        ),
    ),
)
def name_not_kept(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A name of the source that the translation changed, translated or garbled.

    Person, place, company and street names come through as written (accents
    may go: Şahin → Sahin) or in their usual French form (München → Munich).
    Machine translation garbles them (Uğur → Usur) or translates them word
    for word (Lünen → les Lunes, Selb → autosuffisance). A German word is
    taken for a name when the German dictionary does not know it, or when it
    is a listed company or media name or a street. Reported when the French
    sentence neither keeps the name nor gives its French form, and a French
    word looks like a changed copy of it or is aligned with it through a
    dictionary. A name that is simply absent is left to the omission checks:
    translations often replace a repeated name by a pronoun. It misfires on
    names that French writes otherwise and that are not in exonyms.tsv. A
    surname after a first name of first-names.tsv that the German dictionary
    does not know is a name even when it splits into dictionary parts (Max
    Verstappen → les arrêts de Max); so is a compound of dictionary words
    with a street suffix after a capitalised adjective or before a house
    number (in der Kleinen Bergstraße → dans la petite route de montagne;
    Hauptstraße 12), reported once, at the street; and a word that the
    German–French dictionary renders only by itself (WikDict lists places:
    Hohenlohe → Hohenlohe). An
    acronym that French spells in its own word order (Sars → Sras, Nato →
    Otan) is kept, in capitals or written as a name (not "îles" for Ilse).
    """
    for pair in word_pairs(check):
        tokens = pair.words.source
        if not tokens:
            continue
        first = tokens[0].start
        segments = source_segments(check, pair)
        offset = segments[0].start if segments else first
        text = check.source_text[offset : segments[-1].end] if segments else pair.source_text
        found = names.german_names(tokens, text, offset, _translatable)
        french = names.FrenchWords(pair.target_text, pair.words.target)
        links = _links_by_source(pair)
        streets = {t.index for t in found if names.is_street(t.text)}
        for token in found:
            if french.keeps(token.text) or (
                token.index + 1 in streets and not names.is_street(token.text)
            ):
                continue  # a street's adjective is reported with its street (Kleinen Bergstraße)
            linked = [
                (k, pair.words.target[k.target])
                for k in links.get(token.index, ())
                if k.kind in ("dict", "pivot", "model")
            ]
            changed = french.near_miss(token.text)
            if linked:
                link, where = linked[0]
                how = f"translated: “{token.text}” → “{where.text}” ({link.kind})"
                confidence = 0.75
            elif changed is not None:
                where = changed
                how = f"changed: “{token.text}” → “{where.text}”"
                confidence = 0.7
            elif token.index in links:
                continue  # a compound rendered by its parts: a word, not a name
            elif _name_context(tokens, token, text, offset):
                at = omission_point(pair, check, token.index)
                yield self.finding(
                    check,
                    at,
                    at,
                    f"name “{token.text}” of the source is missing or replaced",
                    segment=segment_of(check, at),
                    confidence=0.6,
                    suggestions=(token.text,),
                    evidence=(
                        f"“{token.text}” (unknown to the German dictionary, or a listed name) "
                        "appears nowhere in the French sentence"
                    ),
                    source_span=(token.start, token.end),
                )
                continue
            else:
                continue
            yield self.finding(
                check,
                where.start,
                where.end,
                f"name “{token.text}” of the source is {how.split(':')[0]}",
                segment=segment_of(check, where.start),
                confidence=confidence,
                suggestions=(token.text,),
                evidence=f"{how}; "
                + (
                    "the source names a street (a street suffix after a capitalised "
                    "adjective, or before a house number)"
                    if names.is_street(token.text)
                    else "the source name is unknown to the German dictionary or listed as a name"
                ),
                source_span=(token.start, token.end),
            )


def _links_by_source(pair: AlignedPair) -> dict[int, list[Link]]:
    """The word links of a pair by their source token, in order."""
    links: dict[int, list[Link]] = {}
    for link in pair.words.links:
        links.setdefault(link.source, []).append(link)
    return links


#: German prepositions before a place name (bei Selb, in Lünen, aus Barsinghausen)
_PLACE_PREPOSITIONS = frozenset("in im bei beim aus nach von vom zwischen nahe".split())
#: zipf frequency (German) that a missing name must have: typos and one-off
#: compounds unknown to the dictionaries are rarer
NAME_ZIPF = 1.0


def _name_context(tokens: Sequence[Token], token: Token, text: str, offset: int) -> bool:
    """The context says the word is a name, so its absence from the French is
    an error: a place after a preposition, or one word of a person's or
    company's name of several capitalised words (Uğur Şahin, Jarl Magnus Riiber),
    or a surname after a first name (first-names.tsv: Max Verstappen)."""
    from tqa.backends import words as wordstats

    if names.is_initial(text, token, offset) or wordstats.zipf(token.lower, "de") < NAME_ZIPF:
        return False
    before = tokens[token.index - 1] if token.index else None
    after = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
    if before is not None and before.lower in _PLACE_PREPOSITIONS:
        return True
    if before is not None and before.text in first_names():
        return True  # Max Verstappen: a surname after a first name
    return any(
        t is not None and t.text[:1].isupper() and not _translatable(t.lower)
        for t in (before, after)
    )


@lru_cache(maxsize=1 << 14)
def _translatable(word: str) -> bool:
    """A common word rather than a name: a bilingual dictionary renders it or
    its compound parts (FreeDict, Ding through English), or it is a frequent
    English word (Stream, Delay, Safety in German social media)."""
    from tqa.align_score import key
    from tqa.backends import pivot
    from tqa.backends import words as wordstats
    from tqa.word_align import default_resources, german_keys

    lexicon, has_pivot = default_resources()
    # a dictionary that renders the word only by itself lists a name (WikDict
    # has places: Barsinghausen → Barsinghausen), not a common word
    if german_keys(word, lexicon) - {key(word)} or (has_pivot and pivot.german(word)):
        return True
    return wordstats.zipf(word, "en") >= ENGLISH_WORD


#: zipf frequency from which a word is ordinary English, not a name
ENGLISH_WORD = 3.0


@rule(
    "TQA-ACC-009",
    "name-lost-here",
    "accuracy/named-entity",
    "major",
    examples=(
        Example(
            "Le chef de la biotechnologie a parlé.\nBiontech a publié les chiffres.\n",
            flagged=("",),
            source="Der Biontech-Chef hat gesprochen.\nBiontech hat die Zahlen veröffentlicht.\n",
        ),
        Example(
            "Le chef de Biontech a parlé.\nBiontech a publié les chiffres.\n",
            source="Der Biontech-Chef hat gesprochen.\nBiontech hat die Zahlen veröffentlicht.\n",
        ),
        Example(
            "Verstappen a gagné.\nÀ Abou Dabi, le titre était en jeu.\n",
            source="Verstappen hat gewonnen.\nIn Abu Dhabi ging es um den Titel.\n",
        ),
        Example(
            "Uğur Şahin a parlé lundi.\nLe vaccin protège bien, a-t-il dit.\n",
            flagged=("",),
            source="Uğur Şahin sprach am Montag.\nDer Impfstoff schützt gut, teilte Şahin mit.\n",
        ),
    ),
)
def name_lost_here(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A name of the document missing or translated in one sentence, though kept or marked as a name elsewhere.

    A capitalised German word that stands, as written, in the French of
    another sentence of the same document is a name there: French never
    writes a German common noun as it is. So is a word that the source marks
    as a name elsewhere (after a first name, *Uğur Şahin*; after a place
    preposition, *in Selb*). When the French of its own sentence neither
    keeps it nor writes it otherwise (Abu → Abou), machine translation has
    translated or dropped it: *Biontech-Chef* → *le chef de la
    biotechnologie*, *Max Verstappen* → *les arrêts de Max*, *teilte Şahin
    mit* → *partageant avec lui*, *Effect Primer* → *Apprêt effet*. Names
    that TQA-ACC-002 reports are left to it when it runs. Major when the German
    dictionary does not know the word (Biontech, Verstappen, Şahin); minor
    when it is also a German or an ordinary English word (Park, Primer,
    Backpack), since a translator may then render it on purpose. It misfires
    where a translation replaces a repeated name by a pronoun or a
    description.
    """
    pairs = word_pairs(check)
    counts: dict[str, int] = {}
    for pair in pairs:
        for word in {t.text for t in pair.words.target}:
            counts[word] = counts.get(word, 0) + 1
    marked = _names_marked_in_source(check, pairs)
    for pair in pairs:
        here = {t.text for t in pair.words.target}
        french = names.FrenchWords(pair.target_text, pair.words.target)
        links = _links_by_source(pair)
        reported: set[str] = set()
        for token in pair.words.source:
            word = token.text
            if (
                len(word) < 3
                or not word[0].isupper()
                or word.isupper()
                or word in reported
                or (counts.get(word, 0) - (word in here) < 1 and word not in marked)
                or is_function_word(word, "de")
                or lexicon.loanword(word)  # Land kept in one sentence, État in another
                or french.keeps(word)
                or french.spelt_otherwise(word)  # Abu/Abou, Dhabi/Dabi
            ):
                continue
            if check.config.rule_enabled("TQA-ACC-002") and _left_to_name_check(
                check, pair, token, links
            ):
                continue
            reported.add(word)
            common = _common_word(word)
            kept_elsewhere = counts.get(word, 0) - (word in here) >= 1
            linked = [pair.words.target[k.target] for k in links.get(token.index, ())]
            if linked:
                start, end = linked[0].start, linked[-1].end
                how = f"rendered as “{check.text[start:end]}”"
            else:
                start = end = omission_point(pair, check, token.index)
                how = "missing"
            yield self.finding(
                check,
                start,
                end,
                f"name “{word}” of the source is {how} here, though "
                + (
                    "the translation keeps it elsewhere"
                    if kept_elsewhere
                    else "the source marks it as a name elsewhere"
                ),
                segment=segment_of(check, start),
                confidence=0.55 if common else 0.75,
                severity="minor" if common else "major",
                suggestions=(word,),
                evidence=(
                    (
                        f"“{word}” stands as written in the French of another sentence, "
                        "not in this one"
                        if kept_elsewhere
                        else f"the source marks “{word}” as a name in another sentence; "
                        "the French of this one neither keeps nor renders it"
                    )
                    + (
                        "; it is also a common word"
                        if common
                        else "; the German dictionary does not know it"
                    )
                ),
                source_span=(token.start, token.end),
            )


def _names_marked_in_source(check: CheckInput, pairs: Sequence[AlignedPair]) -> frozenset[str]:
    """Words of the source that their context marks as names somewhere in the
    document (Uğur Şahin, in Selb): the names TQA-ACC-002 reports where missing."""
    marked: set[str] = set()
    for pair in pairs:
        tokens = pair.words.source
        if not tokens:
            continue
        text, offset = _source_text(check, pair)
        for token in names.german_names(tokens, text, offset, _translatable):
            if _name_context(tokens, token, text, offset):
                marked.add(token.text)
    return frozenset(marked)


def _source_text(check: CheckInput, pair: AlignedPair) -> tuple[str, int]:
    """The source text of a bead and the offset where it starts."""
    segments = source_segments(check, pair)
    offset = segments[0].start if segments else pair.words.source[0].start
    text = check.source_text[offset : segments[-1].end] if segments else pair.source_text
    return text, offset


def _common_word(word: str) -> bool:
    """The German dictionary (hunspell) knows the word, the German–French one
    translates it (Fase → chanfrein), or it is ordinary English (Park, Primer,
    Backpack): a translator may render it on purpose. A split into compound
    parts does not count (Verstappen is not ver + stappen)."""
    from tqa.backends import words as wordstats

    return (
        bool(wordstats.known(word, "de"))
        or bool(lexicon.has_translation(word))
        or wordstats.zipf(word.lower(), "en") >= ENGLISH_WORD
    )


def _left_to_name_check(
    check: CheckInput, pair: AlignedPair, token: Token, links: dict[int, list[Link]]
) -> bool:
    """TQA-ACC-002 reports this token: a name linked to a dictionary rendering
    or missing where its context marks it as a name."""
    text, offset = _source_text(check, pair)
    if not (
        names.is_name_token(token, text, offset, _translatable)
        or names.surname(pair.words.source, token, text, offset)
    ):
        return False
    if any(k.kind in ("dict", "pivot", "model") for k in links.get(token.index, ())):
        return True
    if token.index in links:
        return False
    return _name_context(pair.words.source, token, text, offset)
