"""German ↔ French word alignment inside one aligned sentence pair.

Sentence alignment (:mod:`tqa.align`) says which German segments a French
segment translates; the accuracy checks need to know which German *words*
each French word renders, and which words on either side have no
counterpart. This module links them in the manner of competitive linking
(Melamed 2000): every candidate pair of words gets a score from the evidence
that they translate each other, and pairs are linked best first, each word
at most once, with a small penalty for distance from the diagonal.

Evidence, strongest first:

``same``
    the same word or number (names, figures, codes; accents and case folded);
``dict``
    a dictionary rendering: FreeDict deu-fra and inverted fra-deu, German
    compounds split into known parts (the lexicon of :mod:`tqa.align_score`);
``model``
    an optional learnt model (:class:`LinkModel`, for example from eflomal
    over a batch of documents) that scores word pairs;
``pivot``
    a shared English gloss: Ding de-en against FreeDict fra-eng/eng-fra
    (:mod:`tqa.backends.pivot`), for words the German–French dictionaries miss;
``cognate``
    a long common prefix after folding (Expedition/expédition, Strategie/stratégie);
``function``
    closed-class words from ``function-words.tsv`` (der/le, mit/avec, nicht/pas),
    linked only near a linked neighbour or near the diagonal.

A German compound may link to several French words (Weltmeisterschaft →
championnat, monde): once a German word has a link, other unlinked French
words that its dictionary entry explains are attached to it.
"""

from __future__ import annotations

import heapq
import os
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from tqa.align_score import Lexicon
from tqa.align_score import key as _key
from tqa.align_score import normalise as _normalise

# Word pairs are compared n × m times per sentence pair: fold each word once.
normalise = lru_cache(maxsize=1 << 17)(_normalise)
key = lru_cache(maxsize=1 << 17)(_key)


@lru_cache(maxsize=1 << 17)
def _lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


#: letters and digits, with combining marks (text in decomposed form: u + U+0308)
_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
#: a common prefix this long (after folding) makes two words cognates
COGNATE_PREFIX = 6
#: cost of distance from the diagonal, per unit of relative position
DISTORTION = 0.25
#: pairs scored below this are never linked
MIN_LINK = 0.3
#: a sentence pair of more word pairs than this (a 200-word sentence and
#: its translation) is aligned inside a band around the diagonal: each German
#: word is compared with the BAND French words on either side of its place,
#: so that one huge segment pair costs time in proportion to its length
MAX_PAIRS = 40_000
BAND = 64
#: in a banded pair, the candidate links first kept per source word, its best
#: ones: the others matter only when none of these is linked, which is
#: checked after linking (the word then gets them all and the linking is
#: redone), so the links are the same as with every candidate kept
KEEP = 8
#: word pairs whose evidence one sentence pair remembers (see link_tokens)
MEMO = 1 << 12


@dataclass(frozen=True)
class Token:
    index: int
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return _lower(self.text)

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()


@dataclass(frozen=True)
class Link:
    source: int
    target: int
    kind: str
    score: float


@dataclass(frozen=True)
class WordAlignment:
    """Links between the tokens of a German text and a French text. Token
    offsets are relative to the texts given to :func:`align_words` plus the
    offsets passed there."""

    source: tuple[Token, ...]
    target: tuple[Token, ...]
    links: tuple[Link, ...]

    def targets_of(self, source_index: int) -> tuple[Token, ...]:
        return tuple(self.target[k.target] for k in self.links if k.source == source_index)

    def sources_of(self, target_index: int) -> tuple[Token, ...]:
        return tuple(self.source[k.source] for k in self.links if k.target == target_index)

    def linked_source(self) -> frozenset[int]:
        return frozenset(k.source for k in self.links)

    def linked_target(self) -> frozenset[int]:
        return frozenset(k.target for k in self.links)


class LinkModel(Protocol):
    """A learnt word-translation model: a score in 0..1 for a German and a
    French word (lower case), or 0 when it knows nothing of the pair."""

    def score(self, german: str, french: str) -> float: ...


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    return tuple(
        Token(i, m.group(), m.start() + offset, m.end() + offset)
        for i, m in enumerate(_TOKEN.finditer(text))
    )


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """German function word → French function words it is usually rendered by."""
    from tqa.lexicon import read_table

    table: dict[str, set[str]] = {}
    for row in read_table("function-words.tsv"):
        french = {w.strip().lower() for w in row.get("french", "").split("|") if w.strip()}
        for german in row.get("german", "").split("|"):
            if german.strip():
                table.setdefault(german.strip().lower(), set()).update(french)
    return {g: frozenset(f) for g, f in table.items()}


@lru_cache(maxsize=1)
def _french_function_words() -> frozenset[str]:
    return frozenset(w for ws in function_words().values() for w in ws)


def is_function_word(word: str, lang: str) -> bool:
    low = word.lower()
    if lang == "de":
        return low in function_words()
    return low in _french_function_words()


def _cognate(a: str, b: str) -> bool:
    """Expedition/expédition, Euro/euros: a long common prefix, or one word
    is the other plus a short ending."""
    fa, fb = normalise(a), normalise(b)
    if fa[:4] != fb[:4]:
        return False  # every test below needs a common prefix of 4 letters
    short, long_ = sorted((fa, fb), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2:
        return True
    # Dosen/doses, Strategie/stratégie: they differ only in the ending
    common = len(os.path.commonprefix((fa, fb)))
    if common >= 4 and common >= 0.8 * len(short) and len(long_) - common <= 3:
        return True
    if len(fa) < COGNATE_PREFIX or len(fb) < COGNATE_PREFIX:
        return False
    return fa[:COGNATE_PREFIX] == fb[:COGNATE_PREFIX]


@lru_cache(maxsize=1 << 16)
def german_keys(word: str, lexicon: Lexicon | None) -> frozenset[str]:
    """French keys (see tqa.align_score.key) of a German word's dictionary
    renderings, from the word itself and its hunspell-de stems (arbeitet →
    arbeiten, Häuser → Haus)."""
    if lexicon is None or len(word) < 4:
        return frozenset()
    from tqa.backends import words

    keys = set(lexicon.translate(word))
    for stem in words.stems(word, "de"):
        if stem.lower() != word and len(stem) >= 3:
            keys |= lexicon.translate(stem.lower())
    return frozenset(keys)


def _digits(token: Token) -> str:
    return token.text if token.is_number else ""


def pair_evidence(
    german: Token,
    french: Token,
    lexicon: Lexicon | None,
    model: LinkModel | None = None,
    pivot: bool = False,
) -> tuple[str, float]:
    """The strongest evidence that two words translate each other, and its score."""
    g, f = german.lower, french.lower
    if german.is_number or french.is_number:
        return ("same", 1.0) if _digits(german) and _digits(german) == _digits(french) else ("", 0)
    if normalise(g) == normalise(f) and (len(g) > 2 or german.text[0].isupper()):
        return "same", 1.0
    german_function = g in function_words()
    french_function = f in _french_function_words()
    if german_function or french_function:
        if german_function and f in function_words().get(g, ()):
            return "function", 0.5
        if german_function or len(f) < 4:
            return "", 0.0
    if len(f) >= 4 and key(f) in german_keys(g, lexicon):
        return "dict", 0.9
    if model is not None:
        learnt = model.score(g, f)
        if learnt >= MIN_LINK:
            return "model", 0.4 + 0.4 * learnt
    if _cognate(g, f):
        return "cognate", 0.7
    if pivot and len(g) >= 4 and len(f) >= 4:
        from tqa.backends import pivot as english

        if not english.german(g).isdisjoint(english.french(f)):
            return "pivot", 0.6
    return "", 0.0


def align_words(
    german: str,
    french: str,
    *,
    lexicon: Lexicon | None = None,
    model: LinkModel | None = None,
    pivot: bool = False,
    source_offset: int = 0,
    target_offset: int = 0,
) -> WordAlignment:
    """Link the words of ``german`` and ``french`` (one sentence pair)."""
    src = tokenize(german, source_offset)
    tgt = tokenize(french, target_offset)
    return link_tokens(src, tgt, lexicon=lexicon, model=model, pivot=pivot)


def link_tokens(
    src: Sequence[Token],
    tgt: Sequence[Token],
    *,
    lexicon: Lexicon | None = None,
    model: LinkModel | None = None,
    pivot: bool = False,
) -> WordAlignment:
    if not src or not tgt:
        return WordAlignment(tuple(src), tuple(tgt), ())
    n, m = len(src), len(tgt)
    evidence: dict[tuple[int, int], tuple[str, float]] = {}
    banded = n * m > MAX_PAIRS
    # The evidence of a pair depends on the two words' text only: a pair met
    # again (a placeholder, number or word repeated thousands of times in one
    # unit) is looked up, not weighed again. At most MEMO pairs are kept.
    memo: dict[tuple[str, str], tuple[str, float]] = {}

    def weigh(g: Token, f: Token) -> tuple[str, float]:
        known = memo.get((g.text, f.text))
        if known is None:
            known = pair_evidence(g, f, lexicon, model, pivot)
            if len(memo) < MEMO:
                memo[(g.text, f.text)] = known
        return known

    def row(i: int) -> list[int]:
        """The candidate links of source word i (see _rank), best first."""
        g = src[i]
        if banded:
            middle = int((i + 0.5) * m / n)
            columns = range(max(0, middle - BAND), min(m, middle + BAND + 1))
        else:
            columns = range(m)
        ranks = []
        for j in columns:
            kind, score = weigh(g, tgt[j])
            if not kind:
                continue
            if kind in ("dict", "function"):  # what the passes below read again
                evidence[(i, j)] = (kind, score)
            if kind == "function":
                continue  # placed in the second pass, next to content links
            adjusted = score - DISTORTION * abs((i + 0.5) / n - (j + 0.5) / m)
            if adjusted >= MIN_LINK:  # never linked otherwise
                ranks.append(_rank(adjusted, i, j))
        return ranks

    candidates: list[int] = []
    cut: set[int] = set()  # source words whose weaker candidates are left out
    for i in range(n):
        ranks = row(i)
        if banded and len(ranks) > KEEP:
            ranks = heapq.nsmallest(KEEP, ranks)
            cut.add(i)
        candidates.extend(ranks)
    links, used_src, used_tgt = _compete(candidates, src, tgt, lexicon, model, pivot)
    # A word's weaker candidates could have been linked only if none of its
    # best ones was: such a word gets them all and the linking is redone (the
    # second time, every word still cut does), so that the links are those of
    # every candidate compared.
    for again in (False, True):
        missed = {i for i in cut if i not in used_src}
        if not missed:
            break
        if again:
            missed = cut
        cut = cut - missed
        candidates = [c for c in candidates if ((c >> 32) & _LOW) not in missed]
        for i in sorted(missed):
            candidates.extend(row(i))
        links, used_src, used_tgt = _compete(candidates, src, tgt, lexicon, model, pivot)
    # A compound renders as several French words: attach the unlinked ones
    # that its dictionary entry also explains, near its first link.
    linked: dict[int, list[int]] = {}  # source → its link targets
    for i, j in links:
        linked.setdefault(i, []).append(j)
    for (i, j), (kind, score) in sorted(evidence.items()):
        if kind != "dict" or j in used_tgt or i not in used_src:
            continue
        if any(abs(j - k) <= 3 for k in linked[i]):
            links[(i, j)] = Link(i, j, kind, round(score * 0.9, 3))
            linked[i].append(j)
            used_tgt.add(j)
    _place_function_words(src, tgt, evidence, links, used_src, used_tgt)
    return WordAlignment(tuple(src), tuple(tgt), tuple(sorted(links.values(), key=_order)))


_DOUBLE = struct.Struct("<d")
_BITS = struct.Struct("<Q")
_LOW = (1 << 32) - 1


def _rank(adjusted: float, i: int, j: int) -> int:
    """One int that sorts as (-adjusted, i, j) does, for a positive
    ``adjusted`` and positions under 2**32: the bits of a positive double
    order as the number does. A candidate so kept takes about 60 bytes
    where a tuple of its score, positions and evidence took 250 with its sort
    key: a huge sentence pair had millions of them ("1 Kilometer " × 20,000
    against "1 km " × 20,000: 1.3 million, 333 MB → 77 MB, and 9 MB with
    KEEP)."""
    (bits,) = _BITS.unpack(_DOUBLE.pack(adjusted))
    return (((1 << 63) - bits) << 64) | (i << 32) | j


def _compete(
    candidates: list[int],
    src: Sequence[Token],
    tgt: Sequence[Token],
    lexicon: Lexicon | None,
    model: LinkModel | None,
    pivot: bool,
) -> tuple[dict[tuple[int, int], Link], set[int], set[int]]:
    """Competitive linking: candidates best first, each word linked once."""
    candidates.sort()  # best first; ties by source, then target position
    links: dict[tuple[int, int], Link] = {}
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    for rank in candidates:
        i, j = (rank >> 32) & _LOW, rank & _LOW
        if i in used_src or j in used_tgt:
            continue
        kind, score = pair_evidence(src[i], tgt[j], lexicon, model, pivot)
        links[(i, j)] = Link(i, j, kind, round(score, 3))
        used_src.add(i)
        used_tgt.add(j)
    return links, used_src, used_tgt


def _order(link: Link) -> tuple[int, int]:
    return link.source, link.target


def _place_function_words(
    src: Sequence[Token],
    tgt: Sequence[Token],
    evidence: dict[tuple[int, int], tuple[str, float]],
    links: dict[tuple[int, int], Link],
    used_src: set[int],
    used_tgt: set[int],
) -> None:
    """Function words go with their phrase: a German article or preposition is
    linked to a French function word that it can render, close to where the
    word after it (or before it) is linked, else close to the diagonal."""
    n, m = len(src), len(tgt)
    anchor: dict[int, int] = {}
    for link in links.values():
        anchor.setdefault(link.source, link.target)
    options: list[tuple[float, int, int]] = []
    for (i, j), (kind, _score) in evidence.items():
        if kind != "function" or i in used_src or j in used_tgt:
            continue
        expected = None
        for step in (1, -1, 2, -2):
            if i + step in anchor:
                expected = anchor[i + step] - (1 if step > 0 else -1)
                break
        if expected is not None:
            distance = abs(j - expected)
            if distance > 3:
                continue
            options.append((distance / 4.0, i, j))
        else:
            spread = abs((i + 0.5) / n - (j + 0.5) / m)
            if spread > 0.15:
                continue
            options.append((1.0 + spread, i, j))
    for _cost, i, j in sorted(options):
        if i in used_src or j in used_tgt:
            continue
        links[(i, j)] = Link(i, j, "function", 0.5)
        used_src.add(i)
        used_tgt.add(j)


def aer(
    predicted: Iterable[tuple[int, int]],
    sure: Iterable[tuple[int, int]],
    possible: Iterable[tuple[int, int]],
) -> tuple[int, int, int, int]:
    """Counts for the alignment error rate (Och & Ney 2003): |A∩S|, |A∩P|, |A|, |S|
    where P includes S. AER = 1 − (|A∩S| + |A∩P|) / (|A| + |S|)."""
    a = set(predicted)
    s = set(sure)
    p = set(possible) | s
    return len(a & s), len(a & p), len(a), len(s)


@dataclass(frozen=True)
class AlignedPair:
    """One bead of the sentence alignment with its word alignment. Source
    token offsets index the source document (the same document inside a mixed
    one), target token offsets the target document."""

    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    source_text: str
    target_text: str
    words: WordAlignment


def _segment_tokens(segments: Sequence[tuple[int, str]]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for start, text in segments:
        for m in _TOKEN.finditer(text):
            tokens.append(Token(len(tokens), m.group(), start + m.start(), start + m.end()))
    return tuple(tokens)


def align_pair(
    source: Sequence[tuple[int, str]],
    target: Sequence[tuple[int, str]],
    *,
    lexicon: Lexicon | None = None,
    model: LinkModel | None = None,
    pivot: bool = False,
) -> WordAlignment:
    """Word alignment of a bead: (start offset, text) of each segment on each side."""
    return link_tokens(
        _segment_tokens(source), _segment_tokens(target), lexicon=lexicon, model=model, pivot=pivot
    )


@lru_cache(maxsize=1)
def default_resources() -> tuple[Lexicon | None, bool]:
    """The installed dictionaries: FreeDict de↔fr (None when missing) and
    whether the English pivot is available."""
    from tqa.align_score import default_lexicon
    from tqa.backends import pivot

    lexicon = default_lexicon()
    return (lexicon if lexicon.available else None), pivot.available()


@dataclass(frozen=True)
class Crossings:
    """Content-word links of a block of two adjacent beads (see :func:`crossings`)."""

    staying: int
    """links inside the first bead or inside the second"""
    crossing: int
    """links from one bead's source to the other bead's target, each word's only match"""
    words: tuple[tuple[str, str, str], ...]
    """the crossing links: German word, French word, kind of evidence"""


def _content_tokens(texts: Sequence[str], lang: str) -> list[Token]:
    """The content words of ``texts``: not numbers, function words or words under 3 letters."""
    return [
        t
        for text in texts
        for t in tokenize(text)
        if not t.is_number and len(t.text) >= 3 and not is_function_word(t.text, lang)
    ]


def _renumbered(tokens: Sequence[Token]) -> tuple[Token, ...]:
    return tuple(Token(k, t.text, t.start, t.end) for k, t in enumerate(tokens))


def crossings(
    source: Sequence[Sequence[str]],
    target: Sequence[Sequence[str]],
    *,
    lexicon: Lexicon | None = None,
    pivot: bool = False,
) -> Crossings:
    """Word links across the boundary between two adjacent beads.

    ``source`` and ``target`` each hold the sentences of the first bead and
    those of the second. The words of the two beads are aligned jointly (as
    one sentence pair, competitive linking) and each link between content
    words (not numbers, function words or words under 3 letters) either stays
    inside a bead or crosses from one bead's source to the other's target. A
    crossing link counts only when neither of its words has evidence of a
    translation on its own side of the boundary (a German word of the first
    bead and any word of the first bead's French, the French word and the
    second bead's German): a word repeated in both sentences, *Gipfel* and
    *sommet*, says nothing about where a clause went. A translator who moved a
    clause into the next sentence leaves crossing links; two sentences that
    translate their own counterparts leave few or none.
    """
    src_side = [_content_tokens(part, "de") for part in source]
    tgt_side = [_content_tokens(part, "fr") for part in target]
    src = _renumbered(src_side[0] + src_side[1])
    tgt = _renumbered(tgt_side[0] + tgt_side[1])
    alignment = link_tokens(src, tgt, lexicon=lexicon, pivot=pivot)
    src_cut, tgt_cut = len(src_side[0]), len(tgt_side[0])

    def evidence(german: Token, french: Token) -> bool:
        return pair_evidence(german, french, lexicon, pivot=pivot)[0] not in ("", "function")

    staying = crossing = 0
    words: list[tuple[str, str, str]] = []
    for link in alignment.links:
        german, french = src[link.source], tgt[link.target]
        if link.kind == "function":
            continue
        g_side, f_side = int(link.source >= src_cut), int(link.target >= tgt_cut)
        if g_side == f_side:
            staying += 1
        elif not any(evidence(german, f) for f in tgt_side[g_side]) and not any(
            evidence(g, french) for g in src_side[f_side]
        ):
            crossing += 1
            words.append((german.text, french.text, link.kind))
    return Crossings(staying, crossing, tuple(words))
