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

import bisect
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
    seen = set(found)  # what ``found`` holds, looked up in constant time
    pattern = _listed()[1]
    if pattern is not None:
        by_start = sorted(range(len(tokens)), key=lambda k: tokens[k].start)
        starts = [tokens[k].start for k in by_start]
        for match in pattern.finditer(text):
            start, end = match.start() + offset, match.end() + offset
            inside = by_start[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            new = [tokens[k] for k in sorted(inside) if tokens[k] not in seen]
            found += new
            seen.update(new)
    for i, token in enumerate(tokens):
        low = token.text.lower()
        street = is_street(low) and (not is_word(low) or _street_context(tokens, i, text, offset))
        if token.text[:1].isupper() and street and token not in seen:
            found.append(token)
            seen.add(token)
            if (
                i
                and tokens[i - 1].text[:1].isupper()
                and not is_initial(text, tokens[i - 1], offset)
            ):
                found.append(tokens[i - 1])
                seen.add(tokens[i - 1])
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
    return FrenchWords(french).keeps(name)


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
    return FrenchWords("", french_tokens).near_miss(name)


#: the most French words that near_miss compares with one name: a sentence
#: has a few dozen capitalised words; thousands of them (a list of names, a
#: table run into one line) would make every name a scan of all of them
NEAR_MISS_CANDIDATES = 200


class FrenchWords:
    """A French sentence indexed once for the names of its German source: its
    folded words in order (a name or its French form begins one of them), the
    skeletons and letters of its capitalised words, and its capitalised tokens
    by length. Each name is then looked up at a cost of its own length (and of
    at most NEAR_MISS_CANDIDATES comparisons), not of the sentence's, and the
    answer for a name that comes again is remembered."""

    def __init__(self, french: str, tokens: Sequence[Token] = ()) -> None:
        self.french = french
        self._folded = fold(french)
        self._words: list[str] | None = None
        self._shapes: frozenset[str] | None = None
        self._letters: tuple[frozenset[str], frozenset[str]] | None = None
        self._tokens = tokens
        self._skeletons: frozenset[str] | None = None
        self._by_length: dict[int, list[tuple[int, str, Token]]] | None = None
        self._all_by_length: dict[int, list[str]] | None = None
        self._kept: dict[str, bool] = {}
        self._near: dict[str, Token | None] = {}
        self._otherwise: dict[str, bool] = {}

    def keeps(self, name: str) -> bool:
        """``name`` appears in the French text, as written or in its usual French form."""
        if name not in self._kept:
            self._kept[name] = self._keeps(name)
        return self._kept[name]

    def _keeps(self, name: str) -> bool:
        from tqa import lexicon

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
        if any(self._begins_word(c) for c in candidates if c):
            return True
        # its French transliteration (Lukaschenko → Loukachenko): a capitalised
        # word with the same skeleton, letters not merged (Riiber → Riber is changed)
        shape = skeleton(name, merge=False)
        if len(shape) >= 4 and shape in self._capital_shapes():
            return True
        # a French acronym with the letters in its own order: Sars → SRAS, Nato →
        # OTAN; a short one also when written as a name (Sras, Otan), never as a
        # lower-case word ("îles" is no form of Ilse, "aimer" none of Marie)
        letters = _sorted_letters(name)
        upper, capitalised = self._word_letters()
        return letters in upper or (len(letters) <= ACRONYM_LETTERS and letters in capitalised)

    def _begins_word(self, folded: str) -> bool:
        """``folded`` stands in the folded French text at the start of a word."""
        if not re.fullmatch(r"\w+", folded):  # an exonym of several words: rare, searched
            return re.search(rf"(?<!\w){re.escape(folded)}", self._folded) is not None
        if self._words is None:
            self._words = sorted({m[0] for m in re.finditer(r"\w+", self._folded)})
        # a word of letters begins a word of the text when it begins the first
        # word of the text not before it in sorted order
        at = bisect.bisect_left(self._words, folded)
        return at < len(self._words) and self._words[at].startswith(folded)

    def _capital_shapes(self) -> frozenset[str]:
        if self._shapes is None:
            self._shapes = frozenset(
                skeleton(word, merge=False)
                for word in re.findall(r"(?<!\w)[^\W\d_][^\W\d_]{2,}", self.french)
                if word[:1].isupper()
            )
        return self._shapes

    def _word_letters(self) -> tuple[frozenset[str], frozenset[str]]:
        """The sorted letters of the French words in capitals, and of those
        capitalised."""
        if self._letters is None:
            words = re.findall(r"[^\W\d_]{3,}", self.french)
            self._letters = (
                frozenset(_sorted_letters(w) for w in words if w.isupper()),
                frozenset(_sorted_letters(w) for w in words if w[:1].isupper()),
            )
        return self._letters

    def near_miss(self, name: str) -> Token | None:
        """A capitalised French word that looks like a changed copy of ``name``
        (and is not its usual French transliteration)."""
        if name not in self._near:
            self._near[name] = self._near_miss(name)
        return self._near[name]

    def spelt_otherwise(self, name: str) -> bool:
        """A French word, of any case, is ``name`` in another spelling: its
        transliteration (Abu/Abou), or a word as similar as a near miss."""
        if name not in self._otherwise:
            self._otherwise[name] = self._spelt_otherwise(name)
        return self._otherwise[name]

    def _spelt_otherwise(self, name: str) -> bool:
        if skeleton(name) in self._token_skeletons():
            return True
        target = fold(name)
        if self._all_by_length is None:
            self._all_by_length = {}
            for other in dict.fromkeys(fold(t.text) for t in self._tokens):
                self._all_by_length.setdefault(len(other), []).append(other)
        candidates = sorted(
            (other for size in range(len(target) - 2, len(target) + 3)
             for other in self._all_by_length.get(size, ())),
            key=lambda other: other[:1] != target[:1],
        )  # fmt: skip
        return any(
            difflib.SequenceMatcher(None, target, other).ratio() >= NEAR_MISS
            for other in candidates[:NEAR_MISS_CANDIDATES]
        )

    def _token_skeletons(self) -> frozenset[str]:
        if self._skeletons is None:
            self._skeletons = frozenset(skeleton(t.text) for t in self._tokens)
        return self._skeletons

    def _near_miss(self, name: str) -> Token | None:
        if skeleton(name) in self._token_skeletons():
            return None
        target = fold(name)
        candidates = sorted(
            (candidate for size in range(len(target) - 2, len(target) + 3)
             for candidate in self._capitalised().get(size, ())),
            key=lambda c: (c[1][:1] != target[:1], c[0]),
        )  # fmt: skip
        best: tuple[float, int, Token] | None = None
        for position, other, token in candidates[:NEAR_MISS_CANDIDATES]:
            ratio = difflib.SequenceMatcher(None, target, other).ratio()
            if ratio >= NEAR_MISS and (
                best is None or ratio > best[0] or (ratio == best[0] and position < best[1])
            ):
                best = (ratio, position, token)
        return best[2] if best else None

    def _capitalised(self) -> dict[int, list[tuple[int, str, Token]]]:
        """The capitalised French tokens of three letters or more, not in
        capitals, by the length of their folded text: the first token of each
        folded text (a later one with the same text compares the same), with
        its place among the tokens."""
        if self._by_length is None:
            seen: set[str] = set()
            self._by_length = {}
            for position, token in enumerate(self._tokens):
                if not token.text[:1].isupper() or len(token.text) < 3:
                    continue
                if token.text.isupper():
                    continue  # a French acronym orders its letters its own way: Sars → SRAS
                other = fold(token.text)
                if other not in seen:
                    seen.add(other)
                    self._by_length.setdefault(len(other), []).append((position, other, token))
        return self._by_length


def _sorted_letters(word: str) -> str:
    return "".join(sorted(fold(word)))
