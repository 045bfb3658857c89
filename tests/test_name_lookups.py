"""The indexed name lookups (tqa.lang.names.FrenchWords, tqa.names.in_source)
answer as a scan of the whole sentence does: each is compared here with the
direct scan on random sentences built from similar names (Müller, Muller,
Mueller, Moller…), acronyms, exonyms and hyphenated words."""

from __future__ import annotations

import difflib
import random
import re

from tqa import names as context_names
from tqa.lang import names
from tqa.word_align import Token, tokenize

WORDS = (
    "Müller Muller Mueller Moller Miller Mullers Müllers MÜLLER Berlin Berliner berlinois "
    "München Munich munichois Sars SRAS Sras Nato OTAN Otan Ilse îles Lukaschenko "
    "Loukachenko Abu Abou Dhabi Dabi Ugur Usur Uğur Lünen Lunes lunes Riiber Riber "
    "Kilometer Milliarden milliards Jean-Pierre Jean Pierre Saint-Étienne le la de et "
    "Springer Kurz Heil Maas M. Hubertus"
).split()


def _sentence(rng: random.Random, size: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(size)) + "."


def _near_miss_scan(name: str, french_tokens: tuple[Token, ...]) -> Token | None:
    """Every French token compared with the name, the best first one kept."""
    target = names.fold(name)
    if any(names.skeleton(t.text) == names.skeleton(name) for t in french_tokens):
        return None
    best: tuple[float, Token] | None = None
    for token in french_tokens:
        if not token.text[:1].isupper() or len(token.text) < 3 or token.text.isupper():
            continue
        other = names.fold(token.text)
        if abs(len(other) - len(target)) > 2:
            continue
        ratio = difflib.SequenceMatcher(None, target, other).ratio()
        if ratio >= names.NEAR_MISS and (best is None or ratio > best[0]):
            best = (ratio, token)
    return best[1] if best else None


def _kept_scan(name: str, french: str) -> bool:
    """The folded French text searched for each form of the name, and every
    word of it compared."""
    from tqa import lexicon

    folded = names.fold(french)
    candidates = {names.fold(name)}
    if name.endswith("s") and len(name) > 3:
        candidates.add(names.fold(name[:-1]))
    if name.endswith("er") and len(name) > 5:
        candidates.add(names.fold(name[:-2]))
    french_name = lexicon.exonym(name) or (
        lexicon.exonym(name[:-1]) if name.endswith("s") else None
    )
    if french_name:
        candidates.add(names.fold(french_name))
        candidates.add(names.fold(french_name)[:5])
    if any(re.search(rf"(?<!\w){re.escape(c)}", folded) for c in candidates if c):
        return True
    shape = names.skeleton(name, merge=False)
    if len(shape) >= 4 and any(
        names.skeleton(word, merge=False) == shape
        for word in re.findall(r"(?<!\w)[^\W\d_][^\W\d_]{2,}", french)
        if word[:1].isupper()
    ):
        return True
    letters = sorted(names.fold(name))
    return any(
        (word.isupper() or (len(letters) <= names.ACRONYM_LETTERS and word[:1].isupper()))
        and sorted(names.fold(word)) == letters
        for word in re.findall(r"[^\W\d_]{3,}", french)
    )


def _spelt_otherwise_scan(word: str, french: tuple[Token, ...]) -> bool:
    target, shape = names.fold(word), names.skeleton(word)
    for token in french:
        if names.skeleton(token.text) == shape:
            return True
        other = names.fold(token.text)
        if (
            abs(len(other) - len(target)) <= 2
            and difflib.SequenceMatcher(None, target, other).ratio() >= names.NEAR_MISS
        ):
            return True
    return False


def test_indexed_french_words_answer_as_a_scan_does() -> None:
    rng = random.Random(7)
    compared = found = 0
    for _ in range(150):
        french = _sentence(rng, rng.randint(0, 25))
        tokens = tokenize(french)
        indexed = names.FrenchWords(french, tokens)
        for name in rng.sample(WORDS, 12):
            compared += 1
            assert indexed.keeps(name) == _kept_scan(name, french), (name, french)
            assert names.kept(name, french) == _kept_scan(name, french)
            scanned = _near_miss_scan(name, tokens)
            assert indexed.near_miss(name) == scanned, (name, french)
            assert names.near_miss(name, tokens) == scanned
            assert indexed.spelt_otherwise(name) == _spelt_otherwise_scan(name, tokens)
            found += scanned is not None
    assert compared == 1800 and found > 100  # the near misses are not all None


def test_near_miss_keeps_the_first_of_equally_close_words() -> None:
    tokens = tokenize("Selon Moller et Miller, puis Moller.")
    assert names.near_miss("Muller", tokens) == _near_miss_scan("Muller", tokens)
    assert names.near_miss("Muller", tokens) == tokens[1]


def _in_source_scan(word: str, source: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", source)]


def test_the_source_index_finds_a_word_where_the_search_does() -> None:
    rng = random.Random(11)
    for _ in range(100):
        source = _sentence(rng, rng.randint(0, 30)).replace(" et ", "-et-")
        runs = context_names._runs(source)
        for word in WORDS:
            if context_names._RUN.fullmatch(word):
                assert runs.get(word, []) == _in_source_scan(word, source), (word, source)
