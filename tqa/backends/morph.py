"""French gender and number from the Dicollecte lexicon (Debian hunspell-fr).

spaCy's French morphologizer leaves many inflected forms without gender
("concrètes") and sometimes tags them wrongly, so agreement checks read gender
and number from the lexicon instead. A feature is *definite* only when every
analysis of the word for the part of speech asked for agrees on it: epicene
words ("facile", "ministre"), invariable ones ("pays", "prix") and nouns of
both genders ("livre", "poste") give ``None`` and the checks stay silent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tqa.backends import words

#: hunspell-fr ``po:`` tags for each word class the agreement checks ask about
CLASSES: dict[str, tuple[str, ...]] = {
    "noun": ("po:nom",),
    "adj": ("po:adj", "po:ppas"),
    "ppas": ("po:ppas",),
    "det": ("po:det", "po:detpos", "po:detdem"),
    "pron": ("po:propersuj",),
}

#: one regular word per gender/number, used as hunspell ``generate`` examples
_EXAMPLES: dict[str, dict[tuple[str, str], str]] = {
    "adj": {
        ("mas", "sg"): "grand",
        ("mas", "pl"): "grands",
        ("fem", "sg"): "grande",
        ("fem", "pl"): "grandes",
    },
    "ppas": {
        ("mas", "sg"): "fini",
        ("mas", "pl"): "finis",
        ("fem", "sg"): "finie",
        ("fem", "pl"): "finies",
    },
    "det": {("mas", "sg"): "le", ("fem", "sg"): "la", ("mas", "pl"): "les", ("fem", "pl"): "les"},
}


@dataclass(frozen=True)
class Features:
    """Gender ("mas"/"fem") and number ("sg"/"pl") of one word; None = unknown or both."""

    word: str
    gender: str | None
    number: str | None
    stems: tuple[str, ...] = ()

    def describe(self) -> str:
        return f"{self.word}: {self.gender or '?'} {self.number or '?'} (lexicon)"


def _fields(analysis: str) -> tuple[set[str], set[str], set[str], set[str]]:
    po, gender, number, stem = set(), set(), set(), set()
    for item in analysis.split():
        key, _, value = item.partition(":")
        if key == "po":
            po.add(item)
        elif key == "is" and value in ("mas", "fem", "epi"):
            gender.add(value)
        elif key == "is" and value in ("sg", "pl", "inv"):
            number.add(value)
        elif key == "st":
            stem.add(value)
    return po, gender, number, stem


@lru_cache(maxsize=1 << 16)
def features(word: str, cls: str) -> Features | None:
    """Gender/number of ``word`` read as ``cls`` (noun, adj, ppas, det, pron);
    None when the lexicon does not know the word in that class."""
    tags = CLASSES[cls]
    analyses = words.analyze(word, "fr")
    if not analyses and word[:1].isupper():
        analyses = words.analyze(word.lower(), "fr")
    genders: set[str] = set()
    numbers: set[str] = set()
    stems: set[str] = set()
    found = False
    for analysis in analyses:
        po, gender, number, stem = _fields(analysis)
        if not po.intersection(tags):
            continue
        found = True
        genders |= gender or {"epi"}
        numbers |= number or {"inv"}
        stems |= stem
    if not found:
        return None
    gender_value = genders.pop() if len(genders) == 1 else None
    number_value = numbers.pop() if len(numbers) == 1 else None
    return Features(
        word,
        gender_value if gender_value in ("mas", "fem") else None,
        number_value if number_value in ("sg", "pl") else None,
        tuple(sorted(stems)),
    )


def has_class(word: str, cls: str) -> bool:
    return features(word, cls) is not None


def person_numbers(word: str) -> frozenset[str]:
    """Third-person numbers ("sg", "pl") a finite verb form can have."""
    found: set[str] = set()
    for analysis in words.analyze(word, "fr"):
        if "po:v" not in analysis:
            continue
        for item in analysis.split():
            if item.startswith("po:3sg"):
                found.add("sg")
            elif item.startswith("po:3pl"):
                found.add("pl")
    return frozenset(found)


#: what an adjective or participle may end with in another gender or number,
#: beyond the forms hunspell generates from a model word ("grand"): the
#: epicene "rouge"/"rouges", "difficiles"/"difficile", "eu"/"eue"/"eus"
_ENDINGS = ("", "s", "x", "e", "es")


def _endings(word: str) -> list[str]:
    """``word`` with up to two final letters replaced by one of _ENDINGS, in
    a fixed order (hunspell's ``suggest`` found these too, but stops after a
    time limit, so it gave other forms from one run to the next, and took
    0.07 s a word)."""
    return [
        word[: len(word) - cut] + ending
        for cut in (0, 1, 2)
        for ending in _ENDINGS
        if cut < len(word)
    ]


@lru_cache(maxsize=1 << 14)
def inflect(word: str, cls: str, gender: str | None, number: str | None) -> tuple[str, ...]:
    """Forms of ``word``'s lemma with the wanted gender/number (hunspell
    ``generate`` from a model word, then other endings), checked by analysis."""
    speller = words._hunspell("fr")
    base = features(word, cls)
    if speller is None or base is None:
        return ()
    candidates: list[str] = []
    examples = _EXAMPLES.get(cls, _EXAMPLES["adj"])
    for (g, n), example in examples.items():
        if (gender is None or g == gender) and (number is None or n == number):
            try:
                candidates.extend(_text(c) for c in speller.generate(word, example))
            except UnicodeEncodeError:
                pass
    if cls == "ppas" or cls == "adj":
        candidates.extend(_endings(word))
    result = []
    for candidate in dict.fromkeys(candidates):
        if candidate == word:
            continue
        got = features(candidate, cls)
        if got is None or not set(got.stems) & set(base.stems):
            continue
        if gender is not None and got.gender not in (gender, None):
            continue
        if number is not None and got.number not in (number, None):
            continue
        if got.gender is None and got.number is None:
            continue
        result.append(candidate)
    return tuple(result[:3])


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
