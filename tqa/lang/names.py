"""Names in a German sentence, and whether a French sentence keeps them.

German capitalises every noun, so capitals alone do not make a name. A
token is taken for a name when it is capitalised and the German dictionary
(hunspell-de) does not know it, or when it belongs to a company, media or
institution name of ``german-allowed.tsv``, or when it ends in a street
suffix (Bergstraße) together with a capitalised adjective before it (Kleine
Bergstraße). Acronyms in capitals (EU, ARD) are left to the identifier
checks: French often has its own (UE).

A French sentence keeps a name when the name appears in it with accents and
case folded (Şahin = Sahin, Räikkönen = Raikkonen), without a German genitive
-s (Merkels = Merkel), as its French exonym (München = Munich), or as the
place of a German derived adjective (Berliner → Berlin, berlinois).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from tqa.word_align import Token

STREET_SUFFIXES = (
    "straße", "strasse", "weg", "platz", "allee", "gasse", "damm", "chaussee"
)  # fmt: skip
#: a changed name is this similar to the original (Ugur/Usur 0.75, Lünen/Lunes 0.8)
NEAR_MISS = 0.7
#: a name this short whose French form has the same letters in another order
#: is an acronym that French spells in its own word order (Sars/Sras, Uno/Onu)
ACRONYM_LETTERS = 5
#: kinds of german-allowed.tsv entries that are names (loanwords are not)
NAME_KINDS = ("company", "media")
_SENTENCE_END = re.compile(r"[.!?:;»\"“”„(\[]\s*$|^\s*$")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def is_initial(text: str, token: Token, offset: int) -> bool:
    """The token starts a sentence or a quotation (its capital says nothing)."""
    before = text[max(0, token.start - offset - 3) : token.start - offset]
    return bool(_SENTENCE_END.search(before))


@lru_cache(maxsize=1 << 14)
def _unknown_german(word: str) -> bool:
    from tqa.backends import words

    known = words.known(word, "de")
    if known is None:
        return False  # without a dictionary nothing is taken for a name
    if known:
        return False
    # an inflected name keeps its stem: Merkels, Müllers
    return not (word.endswith("s") and words.known(word[:-1], "de"))


@lru_cache(maxsize=1)
def _listed() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Company, media, institution and party names of german-allowed.tsv: the
    single words (lower case), and a pattern of the names of several words."""
    from tqa.lexicon import read_table

    single, multi = set(), []
    for row in read_table("german-allowed.tsv"):
        term = row.get("term", "")
        if row.get("kind") not in NAME_KINDS or not term:
            continue
        if " " in term:
            words = re.findall(r"[^\W\d_]+", term)
            if any(len(w) >= 4 and not _translatable(w.lower()) for w in words):
                multi.append(term)  # not "Der Spiegel", "Die Zeit": common words too
        elif len(term) >= 3 and not _translatable(term.lower()):
            single.add(term.lower())  # not Spiegel, Bild, Stern: mostly common words
    multi.sort(key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, multi)) + r")(?!\w)") if multi else None
    )
    return frozenset(single), pattern


def _translatable(word: str) -> bool:
    from tqa.word_align import default_resources, german_keys

    return bool(german_keys(word, default_resources()[0]))


def listed_names() -> frozenset[str]:
    return _listed()[0]


def is_name_token(token: Token, text: str, offset: int, is_word: Callable[[str], bool]) -> bool:
    """A capitalised token that the German dictionary does not know and that no
    bilingual dictionary translates (``is_word``), or that belongs to a listed name."""
    word = token.text
    if len(word) < 2 or not word[0].isupper() or not word.isalpha():
        return False
    if word.isupper():
        return False
    if word.lower() in listed_names():
        return True
    if is_initial(text, token, offset):
        unknown = _unknown_german(word) and _unknown_german(word.lower().capitalize())
    else:
        unknown = _unknown_german(word)
    return unknown and not is_word(word.lower())


def german_names(
    tokens: Sequence[Token], text: str, offset: int, is_word: Callable[[str], bool]
) -> list[Token]:
    """The tokens of a German text (starting at ``offset`` in its document)
    that are names, with street names (Kleine Bergstraße) taken whole."""
    found = [
        t
        for t in tokens
        if is_name_token(t, text, offset, is_word) or surname(tokens, t, text, offset)
    ]
    pattern = _listed()[1]
    if pattern is not None:
        for match in pattern.finditer(text):
            start, end = match.start() + offset, match.end() + offset
            found += [t for t in tokens if start <= t.start < end and t not in found]
    for i, token in enumerate(tokens):
        low = token.text.lower()
        street = is_street(low) and (not is_word(low) or _street_context(tokens, i, text, offset))
        if token.text[:1].isupper() and street and token not in found:
            found.append(token)
            if (
                i
                and tokens[i - 1].text[:1].isupper()
                and not is_initial(text, tokens[i - 1], offset)
            ):
                found.append(tokens[i - 1])
    return sorted(found, key=lambda t: t.index)


def surname(tokens: Sequence[Token], token: Token, text: str, offset: int) -> bool:
    """A capitalised word right after a first name (first-names.tsv) that the
    German dictionary does not know is a surname, even when the word splits
    into dictionary parts (Max Verstappen: ver + Stappen)."""
    from tqa.names import first_names

    word = token.text
    if token.index == 0 or len(word) < 3 or not word[0].isupper() or word.isupper():
        return False
    before = tokens[token.index - 1]
    if before.text not in first_names() or text[before.end - offset : token.start - offset] != " ":
        return False
    return _unknown_german(word)


def is_street(word: str) -> bool:
    low = word.lower()
    return any(low.endswith(s) and len(low) >= len(s) + 3 for s in STREET_SUFFIXES)


def street_adjective(token: Token, names: Sequence[Token]) -> bool:
    """``token`` is the capitalised adjective of a street name of ``names``
    (the Kleinen of Kleinen Bergstraße), which stands or falls with the street."""
    return any(
        n.index == token.index + 1 and is_street(n.text) and not is_street(token.text)
        for n in names
    )


def _street_context(tokens: Sequence[Token], i: int, text: str, offset: int) -> bool:
    """A compound of dictionary words with a street suffix (Bergstraße,
    Hauptstraße) is a street's name when a capitalised adjective stands right
    before it in mid-sentence (German capitalises an adjective only inside a
    name: in der Kleinen Bergstraße, die Berliner Straße) or a house number
    right after it (Hauptstraße 12)."""
    from tqa.backends import words
    from tqa.word_align import is_function_word

    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and after.is_number and after.start - tokens[i].end == 1:
        return True
    if not i:
        return False
    before = tokens[i - 1]
    word = before.text
    if (
        not word[:1].isupper()
        or word.isupper()
        or tokens[i].start - before.end != 1
        or is_initial(text, before, offset)
        or is_function_word(word, "de")
    ):
        return False
    stems = words.stems(word, "de")
    return (
        bool(stems)
        and all(s[:1].islower() for s in stems)
        or (word.endswith("er") and bool(stems) and all(s[:1].isupper() for s in stems))
    )


def kept(name: str, french: str) -> bool:
    """``name`` (a German name) appears in the French text, as written or in
    its usual French form."""
    from tqa import lexicon

    folded = fold(french)
    candidates = {fold(name)}
    if name.endswith("s") and len(name) > 3:
        candidates.add(fold(name[:-1]))
    if name.endswith("er") and len(name) > 5:
        candidates.add(fold(name[:-2]))  # Berliner → Berlin
    french_name = lexicon.exonym(name) or (
        lexicon.exonym(name[:-1]) if name.endswith("s") else None
    )
    if french_name:
        candidates.add(fold(french_name))
        candidates.add(fold(french_name)[:5])  # Munich → munichois
    if any(re.search(rf"(?<!\w){re.escape(c)}", folded) for c in candidates if c):
        return True
    # its French transliteration (Lukaschenko → Loukachenko): a capitalised
    # word with the same skeleton, letters not merged (Riiber → Riber is changed)
    shape = skeleton(name, merge=False)
    if len(shape) >= 4 and any(
        skeleton(word, merge=False) == shape
        for word in re.findall(r"(?<!\w)[^\W\d_][^\W\d_]{2,}", french)
        if word[:1].isupper()
    ):
        return True
    # a French acronym with the letters in its own order: Sars → SRAS, Nato →
    # OTAN; a short one also when written as a name (Sras, Otan), never as a
    # lower-case word ("îles" is no form of Ilse, "aimer" none of Marie)
    letters = sorted(fold(name))
    return any(
        (word.isupper() or (len(letters) <= ACRONYM_LETTERS and word[:1].isupper()))
        and sorted(fold(word)) == letters
        for word in re.findall(r"[^\W\d_]{3,}", french)
    )


_SKELETON = (
    ("sch", "s"), ("ch", "s"), ("sh", "s"), ("ou", "u"), ("ph", "f"), ("w", "v"), ("j", "i"),
    ("y", "i"), ("c", "k"), ("q", "k"), ("tz", "s"), ("ts", "s"), ("z", "s"), ("ie", "i"),
    ("ei", "i"),
)  # fmt: skip


def skeleton(name: str, merge: bool = True) -> str:
    """A name folded the way French transliterations differ from German spellings
    (Lukaschenko/Loukachenko, Abu/Abou, Myra/Myre, California/Californie): the
    same skeleton means the usual French form, not a changed name. ``merge``
    also merges doubled letters (Mussolini/Musolini)."""
    text = fold(name)
    for old, new in _SKELETON:
        text = text.replace(old, new)
    if merge:
        text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"[aeiou]+$", "", text)


def near_miss(name: str, french_tokens: Sequence[Token]) -> Token | None:
    """A capitalised French word that looks like a changed copy of ``name``
    (and is not its usual French transliteration)."""
    target = fold(name)
    if any(skeleton(t.text) == skeleton(name) for t in french_tokens):
        return None
    best: tuple[float, Token] | None = None
    for token in french_tokens:
        if not token.text[:1].isupper() or len(token.text) < 3:
            continue
        if token.text.isupper():
            continue  # a French acronym orders its letters its own way: Sars → SRAS, Nato → OTAN
        other = fold(token.text)
        if abs(len(other) - len(target)) > 2:
            continue
        ratio = difflib.SequenceMatcher(None, target, other).ratio()
        if ratio >= NEAR_MISS and (best is None or ratio > best[0]):
            best = (ratio, token)
    return best[1] if best else None
