"""A woman named by a German feminine noun (die Pilotin, eine Kollegin) made a
man in French (un ancien pilote, un collègue, le présentateur)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import (
    nearest_target,
    segment_of,
    source_offset,
    source_span,
    target_offset,
    word_pairs,
)
from tqa.lexicon import read_table
from tqa.model import Finding
from tqa.word_align import AlignedPair


@dataclass(frozen=True)
class Person:
    """A German noun of a person with its feminine in -in, and its French renderings:
    nouns whose form is masculine (présentateur), nouns of both genders whose
    determiner tells (un/une collègue), and the feminine forms (présentatrice)."""

    feminine: str
    masculine: str
    male: tuple[str, ...] = ()
    both: tuple[str, ...] = ()
    female: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def persons() -> tuple[Person, ...]:
    """The nouns of tqa/data/feminine-persons.tsv (its header names the source)."""

    def words(cell: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in cell.split("|") if w.strip())

    return tuple(
        Person(
            row["feminine"],
            row["masculine"],
            words(row.get("male", "")),
            words(row.get("both", "")),
            words(row.get("female", "")),
        )
        for row in read_table("feminine-persons.tsv")
        if row.get("feminine") and row.get("masculine")
    )


@lru_cache(maxsize=1)
def _by_ending() -> tuple[Person, ...]:
    """Longest ending first, so that Schauspielerin is not read as Spielerin."""
    return tuple(sorted(persons(), key=lambda p: -len(p.feminine)))


_WORD = re.compile(r"[\w-]++")
_MALE_ENDINGS = ("", "e", "en", "n", "s", "es")
_SPACE = r"[\s\u00a0\u202f]"
#: adjectives that stand before the noun (un ancien pilote, le nouveau ministre)
_BEFORE = (
    r"(?:ancien|nouveau|nouvel|premier|jeune|futur|seul|même|grand|meilleur|vieux|vieil"
    r"|cher|célèbre|actuel)"
)
_BEFORE_F = (
    r"(?:ancienne|nouvelle|première|jeune|future|seule|même|grande|meilleure|vieille"
    r"|chère|célèbre|actuelle)"
)
#: a masculine singular determiner, and my/your/his only before a consonant
#: (son amie is feminine)
_MALE_DET = (
    r"(?:un|le|du|au|ce|cet|(?:mon|ton|son)(?="
    + _SPACE
    + r"++[^\W\d_aeiouyhâàéèêîïôûAEIOUYHÂÀÉÈÊÎÏÔÛ]))"
)
_FEMALE_DET = r"(?:une|la|cette|ma|ta|sa|l['’]une)"


def _noun(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", _SPACE + "++") for w in words)


def _compile(person: Person) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The French forms that make the person a man, and those that make her a woman."""
    male = []
    if person.male:  # with its determiner, when it has one: the suggestion changes both
        male.append(
            rf"(?<![\w-])(?:{_MALE_DET}{_SPACE}++(?:{_BEFORE}{_SPACE}++){{0,2}})?"
            rf"(?:vice-|ex-|co-)?(?:{_noun(person.male)})(?![\w-])"
        )
    if person.both:
        male.append(
            rf"(?<![\w-]){_MALE_DET}{_SPACE}++(?:{_BEFORE}{_SPACE}++){{0,2}}"
            rf"(?:vice-|ex-|co-)?(?:{_noun(person.both)})(?![\w-])"
        )
    female = []
    if person.female:
        female.append(rf"(?<![\w-])(?:vice-|ex-|co-)?(?:{_noun(person.female)})(?![\w-])")
    if person.both:
        female.append(
            rf"(?<![\w'’-]){_FEMALE_DET}{_SPACE}++(?:{_BEFORE_F}{_SPACE}++){{0,2}}"
            rf"(?:vice-|ex-|co-)?(?:{_noun(person.both)})(?![\w-])"
        )
    return (
        re.compile("|".join(male), re.I) if male else None,
        re.compile("|".join(female), re.I) if female else None,
    )


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    return {p.feminine: _compile(p) for p in persons()}


_ARTICLE = {"un": "une", "le": "la", "du": "de la", "au": "à la", "ce": "cette", "cet": "cette"}
_ARTICLE.update({"mon": "ma", "ton": "ta", "son": "sa"})


def _women(german: str) -> dict[str, tuple[Person, re.Match[str]]]:
    """The German feminine nouns of persons in a bead whose masculine the bead
    does not also have (Autor / Autorin, Kollegen und eine Kollegin)."""
    women: dict[str, tuple[Person, re.Match[str]]] = {}
    men: set[str] = set()
    for match in _WORD.finditer(german):
        word = match.group()
        lower = word.lower()
        if lower.endswith("in") and not word.endswith("In"):  # KollegIn: both genders
            person = next((p for p in _by_ending() if lower.endswith(p.feminine)), None)
            if person is not None:
                women.setdefault(person.feminine, (person, match))
                continue
        for person in persons():  # der Autor, die Kollegen, des Politikers
            if lower.endswith(tuple(person.masculine + end for end in _MALE_ENDINGS)):
                men.add(person.feminine)
    return {k: v for k, v in women.items() if k not in men}


_FEMININE_BEFORE = {
    "ancien": "ancienne",
    "nouveau": "nouvelle",
    "nouvel": "nouvelle",
    "premier": "première",
    "futur": "future",
    "seul": "seule",
    "grand": "grande",
    "meilleur": "meilleure",
    "vieux": "vieille",
    "vieil": "vieille",
    "cher": "chère",
    "actuel": "actuelle",
}


def _feminine_noun(person: Person, text: str) -> str:
    """``text`` with its last words, a masculine form of ``person``, made
    feminine by the form at the same place in the table (directeur →
    directrice, homme politique → femme politique); a noun of both genders
    stays as it is."""
    lower = text.lower()
    for male, female in zip(person.male, person.female, strict=False):
        if lower.endswith(male):
            return text[: len(text) - len(male)] + female
    return text


def _suggestion(person: Person, text: str) -> str:
    """The feminine of the French words found (un ancien pilote → une ancienne
    pilote, le directeur → la directrice, son ancien collègue → son ancienne
    collègue)."""
    text = _feminine_noun(person, text)
    first, _, rest = text.partition(" ")
    article = _ARTICLE.get(first.lower())
    if article is None or not rest:
        return text
    words = rest.split(" ")
    words[:-1] = [_FEMININE_BEFORE.get(w.lower(), w) for w in words[:-1]]
    if article in ("ma", "ta", "sa") and words[0][:1].lower() in _VOWELS:
        article = first.lower()  # son ancienne collègue, not sa ancienne
    article = article[0].upper() + article[1:] if first[0].isupper() else article
    return " ".join([article, *words])


#: the initials before which French keeps mon, ton, son for a feminine noun
_VOWELS = frozenset("aeiouyhâàéèêîïôû")
#: a masculine form counts only this many words from where the word
#: alignment puts the German noun: "le responsable" at the other end of the
#: sentence is another person
NEAR_WORDS = 4


def _near(check: CheckInput, pair: AlignedPair, german_at: int, start: int, end: int) -> bool:
    """Whether French document span ``start``..``end`` is where the word
    alignment puts the German word at source character ``german_at`` of the
    pair: one of its own French words, or the word next to one; without a
    link of its own, within NEAR_WORDS words of its closest linked
    neighbour's French."""
    offset = source_offset(check, pair, german_at)
    index = next(
        (t.index for t in pair.words.source if offset is not None and t.start <= offset < t.end),
        None,
    )
    if index is None:
        return True  # nothing to place it by: the bead's French as before
    inside = [t.index for t in pair.words.target if t.end > start and t.start < end]
    if not inside:
        return False
    own = [k.target for k in pair.words.links if k.source == index and k.kind != "function"]
    if own:
        return any(abs(i - j) <= 1 for i in inside for j in own)
    near = nearest_target(pair, index)
    return near is None or min(abs(i - near.index) for i in inside) <= NEAR_WORDS


#: "on le juge", "il le dirige": a clitic pronoun, not the article of a noun
_CLITIC_BEFORE = re.compile(
    r"(?<![\w'’])(?:on|il|elle|ils|elles|je|tu|nous|vous|qui|ne|n['’]|j['’])[\s\u00a0]++$",
    re.I,
)


@rule(
    "TQA-ACC-020",
    "woman-made-man",
    "accuracy/mistranslation",
    "minor",
    examples=(
        Example(
            "Il était à bord avec un ancien pilote américain de 82 ans.\n"
            "Cela, ont entendu les gens du présentateur de télévision, était faux.\n",
            flagged=("un ancien pilote", "du présentateur"),
            source="Er war mit einer 82 Jahre alten früheren US-Pilotin an Bord.\n"
            "Das, hörten die Leute von der TV-Moderatorin, sei völlig falsch.\n",
        ),
        Example(
            "Il était à bord avec une ancienne pilote américaine de 82 ans.\n"
            "Les gens ont entendu la présentatrice de télévision dire que c'était faux.\n"
            "Le livre a été écrit par un auteur français.\n"
            "J'avais tout dit à votre collègue.\n"
            "Le présentateur a interrogé l'auteure.\n",
            source="Er war mit einer 82 Jahre alten früheren US-Pilotin an Bord.\n"
            "Das, hörten die Leute von der TV-Moderatorin, sei völlig falsch.\n"
            "Das Buch wurde von einem französischen Autor / Autorin verfasst.\n"
            "Ich hatte bereits alles Ihrer Kollegin gesagt.\n"
            "Der Moderator befragte die Autorin.\n",
        ),
    ),
)
def woman_made_man(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A woman (die Pilotin, eine Kollegin) made a man in French (un ancien pilote, un collègue).

    German marks a woman by the ending -in (*Pilotin*, *Kollegin*,
    *SPD-Politikerin*, *TV-Moderatorin*); machine translation often writes
    the masculine, and the French then speaks of a man: *un ancien pilote
    américain*, *un collègue*, *le politicien*, *du présentateur*. Reported
    when the German of a bead has such a noun (singular; 41 nouns in feminine-persons.tsv)
    and not its masculine too (*Autor / Autorin*), and the French has one of
    its renderings in the masculine: a noun whose form is masculine
    (*présentateur*, *végétalien*, *homme politique*), or a noun of both
    genders after *un*, *le*, *du*, *au*, *ce* (or *son* before a consonant).
    Left alone when the French also has the feminine (*la présentatrice*,
    *une collègue*), and where the determiner does not tell (*l'*, *votre*,
    *leur*). Minor: a name or a later pronoun often tells the reader.
    """
    for pair in word_pairs(check):
        women = _women(pair.source_text)
        if not women:
            continue
        french = pair.target_text
        for key, (person, source) in women.items():
            male, female = _patterns()[key]
            if male is None or (female is not None and female.search(french)):
                continue
            for match in male.finditer(french):
                start, end = target_offset(check, pair, match.start(), match.end())
                if start is None or end is None:
                    continue
                if not _near(check, pair, source.end() - 1, start, end):
                    continue  # another person (le responsable), or no noun (le service client)
                before = french[max(0, match.start() - 12) : match.start()]
                if match.group()[:2].lower() == "le" and _CLITIC_BEFORE.search(before):
                    continue  # a pronoun before a verb: "on le juge"
                suggestion = _suggestion(person, match.group())
                yield self.finding(
                    check,
                    start,
                    end,
                    f"“{match.group()}” is a man; the source “{source.group()}” is a woman",
                    segment=segment_of(check, start),
                    confidence=0.7,
                    suggestions=(suggestion,) if suggestion else (),
                    evidence=f"source “{source.group()}”: feminine (-in)",
                    source_span=source_span(check, pair, source.start(), source.end()),
                )
