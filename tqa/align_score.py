"""Bead scorers for the sentence aligner (:mod:`tqa.align`).

A scorer turns two lists of sentences into a :class:`PairScorer` that the
dynamic programme asks for the similarity of candidate beads. The interface is
deliberately small so that a neural scorer (sentence embeddings of the
concatenated spans, as in vecalign/Bertalign) can be dropped in later.

The default :class:`LexicalScorer` maps every word of both sides into one key
space ("French-ish" five-letter prefixes, accents stripped): a French word is
its own key plus those of its lemmas (hunspell-fr, when installed: *boivent*
also gives the key of *boire*); a German word contributes its own key
(cognates, names, German text on the French side) plus the keys of its
FreeDict translations, with compounds split into known parts. Numbers and
sentence punctuation are keys too. Words of two or three letters are mostly
function words and are left out, except French content words (*an*, *vie*,
*loi*: hunspell-fr does not mark them grammatical), which are keys of their
own (``~an``) that count where a German word's dictionary translation meets
them (*Jahr* → *an*). Words are weighted by inverse document frequency on
their own side, so function words count little without a stop-word list;
inside one mixed document, by their frequency in the whole document
(:meth:`LexicalScorer.for_document`).
"""

from __future__ import annotations

import copy
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple, Protocol, Self

import numpy as np

from tqa.lang import german
from tqa.lang.german import LINKING_ELEMENTS

log = logging.getLogger(__name__)

_WORD = re.compile(r"\d+|[^\W\d_]+|[?!:;()\"«»„“”]")
#: try the longest linking element first; no element last
_LINKS_LONGEST_FIRST = sorted(LINKING_ELEMENTS, key=len, reverse=True)
_PREFIX = 5  # prefix length of a key: long enough to be specific, short enough to ignore endings
_MIN_WORD = 4  # shorter words are mostly function words, whose translations match everywhere
#: the longest word split as a German compound (Donaudampfschifffahrtsgesellschaftskapitän: 42)
_MAX_COMPOUND = 64
#: a French content word shorter than _MIN_WORD is a key of its own in this namespace
#: ("~an"), which only dictionary translations reach, never a German word's own key
_SHORT_MARK = "~"
#: hunspell-fr (Dicollecte) analyses of a grammatical word: "po:mg" (mot grammatical:
#: articles, pronouns, prepositions, conjunctions) and "po:v0" (être, avoir)
_GRAMMATICAL = ("po:mg", "po:v0")
_IDF_MIN_DOCS = 50
NUMBER_WEIGHT = 2.0
#: share of a bead's similarity that is the plain mean, over its sentences, of
#: the share of each sentence's weight matched inside the bead (the rest is the
#: weight-averaged overlap): a sentence that brings nothing to a bead, a caption
#: or a line of OCR debris, then lowers the bead's similarity.
COVER_WEIGHT = 0.25


class PairScorer(Protocol):
    """Similarity of candidate beads between one fixed pair of documents."""

    def anchors(self) -> Sequence[tuple[int, int, float]]:
        """Confident (source sentence, target sentence, weight) pairs, in any order."""
        ...

    def restrict(self, lo: np.ndarray, hi: np.ndarray, max_bead: int) -> None:
        """Announce the band: the DP will only ask about beads of at most ``max_bead``
        sentences a side ending in row ``i`` (``i`` source sentences consumed) at
        target positions ``lo[i]..hi[i]``."""
        ...

    def similarity(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        """Similarity in 0..1 of source span ``[src_start, src_start+src_len)`` with
        each target span ``[e - tgt_len, e)`` for ``e`` in ``tgt_ends``."""
        ...


class BeadScorer(Protocol):
    @property
    def description(self) -> str: ...

    def prepare(self, source: Sequence[str], target: Sequence[str]) -> PairScorer: ...


def normalise(word: str) -> str:
    """Lowercase, ß→ss, accents and umlauts stripped (cognates: Expedition/expédition)."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(word: str) -> str:
    return normalise(word)[:_PREFIX]


def _counted(token: str) -> bool:
    """A token that is a key whatever the language: a number, punctuation, an
    acronym or a word of _MIN_WORD letters or more."""
    return token[0].isdigit() or len(token) >= _MIN_WORD or len(token) == 1 or _acronym(token)


def _tokens(text: str) -> list[str]:
    return [t for t in _WORD.findall(text) if _counted(t)]


def _acronym(token: str) -> bool:
    """An acronym of two or three capitals (DHL, PWM, AEG): a name, kept as a key
    however short."""
    return len(token) >= 2 and token.isupper()


def _short(word: str) -> bool:
    """A word of two or three letters, too short for _tokens (not an acronym)."""
    return 2 <= len(word) < _MIN_WORD and word.isalpha() and not word.isupper()


def short_key(word: str) -> str:
    """The key of a short French content word (*an* → ``~an``)."""
    return _SHORT_MARK + normalise(word)


def _long_keys(keys: frozenset[str]) -> bool:
    """True when ``keys`` hold one of a word of 4+ letters, not only short keys."""
    return any(k[0] != _SHORT_MARK for k in keys)


def _token_key(token: str) -> str:
    # Digits compare exactly; punctuation is its own key.
    return token if not token[0].isalpha() else key(token)


class Lexicon:
    """German word → French keys, from FreeDict deu-fra plus inverted fra-deu;
    French word → the keys of its lemmas (``french_stems``, hunspell-fr), so
    that an irregular form meets the infinitive a dictionary gives."""

    def __init__(
        self,
        deu_fra: object | None,
        fra_deu: object | None,
        french_stems: Callable[[str], Sequence[str]] | None = None,
        french_analyses: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self._deu_fra = deu_fra
        self._inverse: Mapping[str, set[str]] = (
            _cached_inverse(fra_deu) if fra_deu is not None else {}
        )
        self.available = deu_fra is not None or fra_deu is not None
        self._french_stems = french_stems if self.available else None
        self._french_analyses = french_analyses if self.available else None

    @lru_cache(maxsize=1 << 17)  # noqa: B019 - one Lexicon per process, cached on purpose
    def french(self, word: str) -> frozenset[str]:
        """Keys of a French word: its own, and those of its lemmas (*sais* →
        savoir, *peut* → pouvoir, *souffert* → souffrir, *voyez* → voir), which
        the dictionaries list where a German word's translation is a verb."""
        own = key(word)
        if self._french_stems is None:
            return frozenset((own,))
        stems = self._french_stems(word.lower())
        keys = {own, *(key(s) for s in stems if len(s) >= _MIN_WORD)}
        # a lemma too short for a key of its own: eaux → eau, ans → an
        shorts = [s for s in stems if _short(s)]
        if shorts and self._content(word):
            keys.update(short_key(s) for s in shorts)
        return frozenset(keys)

    def _content(self, word: str) -> bool:
        """True when hunspell-fr knows ``word`` and no analysis of it is a
        grammatical word (an article, a pronoun, a preposition, a conjunction,
        a form of être or avoir: *son*, *sur*, *vu*, *été* are left out)."""
        if self._french_analyses is None:
            return False
        analyses = self._french_analyses(word.lower())
        return bool(analyses) and not any(g in a for a in analyses for g in _GRAMMATICAL)

    @lru_cache(maxsize=1 << 16)  # noqa: B019 - one Lexicon per process, cached on purpose
    def french_short(self, word: str) -> frozenset[str]:
        """Keys of a French word of two or three letters: none for a grammatical
        word or without hunspell-fr; else its own short key (*an* → ``~an``)
        and those of its short lemmas (*ans* → ``~an``). The keys of its longer
        lemmas (*pu* → pouvoir, *dit* → dire) are left out: measured on mixed
        documents, *dit* met *sagt* in the wrong sentence as often as in its
        translation (docs/alignment.md)."""
        if not self._content(word):
            return frozenset()
        stems = self._french_stems(word.lower()) if self._french_stems is not None else ()
        return frozenset((short_key(word), *(short_key(s) for s in stems if _short(s))))

    def _direct(self, word: str) -> frozenset[str]:
        keys: set[str] = set(self._inverse.get(word, ()))
        if self._deu_fra is not None:
            for entry in self._deu_fra.lookup(word):  # type: ignore[attr-defined]
                keys |= _gloss_keys(entry.glosses)
        return frozenset(keys)

    def _inflected(self, word: str) -> frozenset[str]:
        """Keys of the first form of :func:`german.base_forms` the dictionaries know."""
        for form in german.base_forms(word):
            keys = self._direct(form)
            if keys:
                return keys
        return frozenset()

    @lru_cache(maxsize=1 << 17)  # noqa: B019 - one Lexicon per process, cached on purpose
    def translate(self, word: str) -> frozenset[str]:
        """French keys for a German word; compounds fall back to their known parts."""
        word = word.lower()
        keys = self._inflected(word)
        if keys:
            return keys
        for infinitive in german.infinitives(word):
            keys = self._direct(infinitive)
            if keys:
                return keys
        if not 8 <= len(word) <= _MAX_COMPOUND:
            return keys  # a longer "word" is no compound; splitting it costs its length squared
        # German compounds: the longest known tail is the head of the compound. A
        # part is known by a translation of 4+ letters: one known only by a short
        # gloss is too weak a guess (LokSound is no Lok + Sound, *son*).
        for cut in range(3, len(word) - 3):
            tail = self._inflected(word[cut:])
            if not _long_keys(tail):
                continue
            head = word[:cut]
            for link in _LINKS_LONGEST_FIRST:
                if head.endswith(link) and len(head) - len(link) >= 3:
                    found = self._inflected(head[: len(head) - len(link)] if link else head)
                    if _long_keys(found):
                        return tail | found
            return tail
        return frozenset()


def _invert(fra_deu: object) -> dict[str, set[str]]:
    inverse: dict[str, set[str]] = {}
    last: str | None = None
    french_keys: set[str] = set()
    for french, glosses in _all_glosses(fra_deu):
        if french != last:  # a word's entries come one after another
            last, french_keys = french, _gloss_keys((french,))
        if not french_keys:
            continue
        for gloss in glosses:
            german = gloss.lower()
            if " " not in german:
                inverse.setdefault(german, set()).update(french_keys)
    return inverse


def _all_glosses(dictionary: object) -> Iterator[tuple[str, Sequence[str]]]:
    """(headword, glosses of one of its entries) of every entry, in the
    order of the dictionary's headwords: a FreeDict dictionary reads them
    in one pass (``all_glosses``), any other is looked up word by word."""
    from tqa.backends import freedict

    each = getattr(dictionary, "all_glosses", None)
    if each is not None:
        for word, _, senses in each():
            yield word, freedict.glosses_of(senses)
        return
    for word in dictionary.headwords():  # type: ignore[attr-defined]
        for entry in dictionary.lookup(word):  # type: ignore[attr-defined]
            yield word, entry.glosses


def _cached_inverse(fra_deu: object) -> Mapping[str, set[str]]:
    """Inverting fra-deu parses 40k entries (about 2 s); the result is looked
    up in the user's cache directory (tqa.backends.index), keyed by the
    dictionary's files (their content)."""
    from tqa.backends import index

    files = getattr(fra_deu, "files", None)
    if files is None:
        return _invert(fra_deu)
    return index.indexed(
        "fra-deu-inverted",
        2,
        files,
        lambda: {"inverse": _invert(fra_deu)},
        {"inverse": set[str]},
    )["inverse"]


def _gloss_keys(glosses: Sequence[str]) -> set[str]:
    """Keys of the words of 4+ letters of dictionary glosses, and the short key of
    a gloss that is one word of two or three letters (*Jahr*: année, an → ``~an``;
    French text reaches it only through a content word, :meth:`Lexicon.french_short`)."""
    keys = {key(w) for g in glosses for w in _WORD.findall(g) if len(w) >= _MIN_WORD}
    keys.update(short_key(g.strip()) for g in glosses if _short(g.strip()))
    return keys


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    from tqa.backends import freedict

    stems = _hunspell_fr_stems()
    return Lexicon(
        freedict.load("freedict-deu-fra"),
        freedict.load("freedict-fra-deu"),
        stems,
        _french_analyses if stems is not None else None,
    )


def _hunspell_fr_stems() -> Callable[[str], Sequence[str]] | None:
    """hunspell-fr's lemmas of a French word (Debian hunspell-fr), or None
    without the dictionary."""
    from tqa.backends import words

    return _french_stems if words.has_dictionary("fr") else None


def _french_stems(word: str) -> Sequence[str]:
    from tqa.backends import words

    return words.stems(word, "fr")


def _french_analyses(word: str) -> Sequence[str]:
    from tqa.backends import words

    return words.analyze(word, "fr")


class LexicalScorer:
    """Weighted overlap of dictionary/cognate/number keys (see the module docstring)."""

    def __init__(
        self, lexicon: Lexicon | None = None, document: DocumentFrequencies | None = None
    ) -> None:
        self._lexicon = lexicon
        self._document = document

    @property
    def lexicon(self) -> Lexicon | None:
        if self._lexicon is None:
            self._lexicon = default_lexicon()
        return self._lexicon if self._lexicon.available else None

    @property
    def description(self) -> str:
        if self.lexicon is None:
            return "lexical (numbers, punctuation, cognates; FreeDict de-fr not installed)"
        return "lexical (numbers, punctuation, cognates, FreeDict deu-fra + inverted fra-deu)"

    def for_document(
        self, texts: Sequence[str], target: Sequence[str] | None = None
    ) -> LexicalScorer:
        """The same scorer with words weighted by their frequency in the segments
        ``texts`` of one document, German and French alike, rather than in the
        two sides of each pair: a name or a term that many sentences of the
        document share (a product, a place, *pompe* in a pump's manual) is weak
        evidence that two of them translate each other, a word of one sentence
        strong evidence. Used inside a mixed document (:mod:`tqa.align_mixed`),
        where a pair score compares one German sentence with one French one.
        ``target``, the French segments among ``texts`` (all of them when None),
        also count their short content words (*an*: German *an* is another word)."""
        df = Counter(t for text in texts for t in {_token_key(w) for w in _tokens(text)})
        lexicon = self.lexicon
        if lexicon is not None:
            df.update(
                k
                for text in (texts if target is None else target)
                for k in {k for k, _ in _target_tokens(text, lexicon) if k[0] == _SHORT_MARK}
            )
        return LexicalScorer(self._lexicon, DocumentFrequencies(df, len(texts)))

    def prepare(self, source: Sequence[str], target: Sequence[str]) -> LexicalPair:
        return LexicalPair(source, target, self.lexicon, self._document)


class DocumentFrequencies(NamedTuple):
    """How many segments of a document hold each key (:meth:`LexicalScorer.for_document`)."""

    counts: Mapping[str, int]
    segments: int


def _idf(tokens: list[list[str]], document: DocumentFrequencies | None = None) -> dict[str, float]:
    df = Counter(t for sent in tokens for t in set(sent))
    n = max(len(tokens), _IDF_MIN_DOCS)
    if document is not None:
        # a key's frequency in the document (at least its frequency in the pair)
        n = max(document.segments, _IDF_MIN_DOCS)
        df = Counter({t: max(c, document.counts.get(t, 0)) for t, c in df.items()})
    # Numbers survive translation unchanged and are rarely ambiguous: count them more.
    return {
        t: math.log(1.0 + n / c) * (NUMBER_WEIGHT if t[0].isdigit() else 1.0) for t, c in df.items()
    }


#: a learnt translation must co-occur in at least this many confident beads...
LEARN_MIN_PAIRS = 2
#: ...with a Dice coefficient of at least this
LEARN_MIN_DICE = 0.5
#: at most this many French keys are learnt per German word
LEARN_MAX_KEYS = 2


def learn_lexicon(
    source: Sequence[Sequence[str]], target: Sequence[Sequence[str]]
) -> dict[str, frozenset[str]]:
    """German word → French keys that co-occur with it in aligned sentence pairs.

    ``source[n]`` holds the (lowercased) German words of the n-th confident
    pair, ``target[n]`` the French keys. A German word of 4+ letters learns the
    French keys whose Dice coefficient with it, 2·c(g, f) / (c(g) + c(f)) over
    the pairs, is at least LEARN_MIN_DICE, with c(g, f) >= LEARN_MIN_PAIRS:
    the second pass of hunalign, where the first alignment of a document
    teaches its own vocabulary (terms missing from the dictionary, names spelt
    differently). The work is linear in the number of pairs.
    """
    src_sets = [{w for w in sent if w[0].isalpha() and len(w) >= _MIN_WORD} for sent in source]
    tgt_sets = [{k for k in sent if k[0].isalpha()} for sent in target]
    src_count = Counter(w for sent in src_sets for w in sent)
    tgt_count = Counter(k for sent in tgt_sets for k in sent)
    joint: Counter[tuple[str, str]] = Counter()
    for words, keys in zip(src_sets, tgt_sets, strict=True):
        frequent_keys = [k for k in keys if tgt_count[k] >= LEARN_MIN_PAIRS]
        for w in words:
            if src_count[w] >= LEARN_MIN_PAIRS:
                joint.update((w, k) for k in frequent_keys)
    candidates: dict[str, list[tuple[float, str]]] = {}
    for (w, k), c in joint.items():
        if c < LEARN_MIN_PAIRS:
            continue
        dice = 2.0 * c / (src_count[w] + tgt_count[k])
        if dice >= LEARN_MIN_DICE:
            candidates.setdefault(w, []).append((dice, k))
    return {
        w: frozenset(k for _, k in sorted(found, key=lambda p: (-p[0], p[1]))[:LEARN_MAX_KEYS])
        for w, found in candidates.items()
    }


def _target_tokens(text: str, lexicon: Lexicon | None) -> list[tuple[str, frozenset[str]]]:
    """(weight key, keys) of the counted words of a French sentence: those of
    :func:`_tokens` (a word's keys: its own and its lemmas'), and short content
    words (:meth:`Lexicon.french_short`, weighed by their short key)."""
    out: list[tuple[str, frozenset[str]]] = []
    for t in _WORD.findall(text):
        if _counted(t):
            k = _token_key(t)
            if lexicon is not None and t[0].isalpha() and len(t) >= _MIN_WORD:
                out.append((k, lexicon.french(t)))
            else:
                out.append((k, frozenset((k,))))
        elif lexicon is not None and _short(t):
            keys = lexicon.french_short(t)
            if keys:
                out.append((short_key(t), keys))
    return out


class LexicalPair:
    """Per-sentence key sets computed once; bead similarity from banded pair sums."""

    def __init__(
        self,
        source: Sequence[str],
        target: Sequence[str],
        lexicon: Lexicon | None,
        document: DocumentFrequencies | None = None,
    ):
        src_tokens = [[_token_key(t) for t in _tokens(s)] for s in source]
        tgt = [_target_tokens(text, lexicon) for text in target]
        self._src_raw = [[t.lower() for t in _tokens(s)] for s in source]
        # Source token: (its keys, weight); keys = own key ∪ dictionary translations.
        src_keys = [
            [
                frozenset((k,)) | lexicon.translate(raw)
                if lexicon is not None and raw[0].isalpha() and len(raw) >= _MIN_WORD
                else frozenset((k,))
                for k, raw in zip(keys, raws, strict=True)
            ]
            for keys, raws in zip(src_tokens, self._src_raw, strict=True)
        ]
        # A short French word counts only where a German word of the other side
        # translates to it: unmet, it is more likely a function word hunspell
        # does not mark (and counting it would lower every other pair's score).
        reach = frozenset().union(*(ks for sent in src_keys for ks in sent))
        tgt = [
            [(k, ks) for k, ks in sent if k[0] != _SHORT_MARK or not ks.isdisjoint(reach)]
            for sent in tgt
        ]
        src_idf = _idf(src_tokens, document)
        tgt_idf = _idf([[k for k, _ in sent] for sent in tgt], document)
        self._src: list[list[tuple[frozenset[str], float]]] = [
            [(ks, src_idf[k]) for k, ks in zip(keys, sent, strict=True)]
            for keys, sent in zip(src_tokens, src_keys, strict=True)
        ]
        # Target token: (its keys, weight); keys = own key ∪ its lemmas' keys.
        self._tgt: list[list[tuple[frozenset[str], float]]] = [
            [(ks, tgt_idf[k]) for k, ks in sent] for sent in tgt
        ]
        self._index()

    def _index(self) -> None:
        self._src_keys = [frozenset().union(*(ks for ks, _ in s)) for s in self._src]
        self._tgt_keys = [frozenset().union(*(ks for ks, _ in s)) for s in self._tgt]
        self._src_w = np.concatenate(([0.0], np.cumsum([sum(w for _, w in s) for s in self._src])))
        self._tgt_w = np.concatenate(([0.0], np.cumsum([sum(w for _, w in s) for s in self._tgt])))
        self._src_sw = np.diff(self._src_w)
        self._tgt_sw = np.diff(self._tgt_w)
        self._src_inv = np.divide(
            1.0, self._src_sw, out=np.zeros_like(self._src_sw), where=self._src_sw > 0
        )
        self._tgt_inv = np.divide(
            1.0, self._tgt_sw, out=np.zeros_like(self._tgt_sw), where=self._tgt_sw > 0
        )

    def refined(self, pairs: Sequence[tuple[int, int]]) -> LexicalPair | None:
        """The same scorer with a lexicon learnt from ``pairs`` (confident 1-1 beads
        of a first alignment) added to the dictionary; None when nothing was learnt.
        Word weights stay those of the first pass."""
        learned = learn_lexicon(
            [self._src_raw[i] for i, _ in pairs],
            [[k for ks, _ in self._tgt[j] for k in ks] for _, j in pairs],
        )
        if not learned:
            return None
        out = copy.copy(self)
        out._src = [
            [
                (keys | learned[raw], w) if raw in learned else (keys, w)
                for (keys, w), raw in zip(sent, raws, strict=True)
            ]
            for sent, raws in zip(self._src, self._src_raw, strict=True)
        ]
        out._index()
        return out

    def anchors(self) -> list[tuple[int, int, float]]:
        # Keys rare on both sides (names, numbers, rare terms) pin sentences together.
        src_post: dict[str, list[int]] = {}
        tgt_post: dict[str, list[int]] = {}
        for i, keys in enumerate(self._src_keys):
            for k in keys:
                src_post.setdefault(k, []).append(i)
        for j, keys in enumerate(self._tgt_keys):
            for k in keys:
                tgt_post.setdefault(k, []).append(j)
        points: Counter[tuple[int, int]] = Counter()
        for k, js in tgt_post.items():
            ins = src_post.get(k)
            if ins and len(ins) <= 2 and len(js) <= 2 and (len(k) >= _PREFIX or k[0].isdigit()):
                for i in ins:
                    for j in js:
                        points[(i, j)] += 1
        return [(i, j, float(c)) for (i, j), c in points.items()]

    def _pair(self, i: int, j: int) -> tuple[float, float]:
        tgt_keys, src_keys = self._tgt_keys[j], self._src_keys[i]
        ms = sum(w for ks, w in self._src[i] if not ks.isdisjoint(tgt_keys))
        mt = sum(w for ks, w in self._tgt[j] if not ks.isdisjoint(src_keys))
        return ms, mt

    def restrict(self, lo: np.ndarray, hi: np.ndarray, max_bead: int) -> None:
        n_src, n_tgt, max_b = len(self._src), len(self._tgt), max_bead
        # Source sentence r appears in beads ending in rows r+1.. with target ends lo..hi.
        rows = np.arange(n_src)
        starts = np.maximum(0, lo[rows + 1].astype(np.int64) - max_b)
        ends = np.minimum(n_tgt, hi[np.minimum(n_src, rows + max_b)].astype(np.int64))
        ends = np.maximum(starts, ends)
        counts = ends - starts
        # Row r's overlaps with targets start..start+count-1 are cells ptr[r]..: one
        # flat prefix sum per quantity, a leading 0 per row (hence the "+ r").
        ptr = np.concatenate(([0], np.cumsum(counts)[:-1])) if n_src else counts
        ms = np.empty(int(counts.sum()))
        mt = np.empty(len(ms))
        for r in range(n_src):
            start, end, at = int(starts[r]), int(ends[r]), int(ptr[r])
            pairs = np.asarray([self._pair(r, j) for j in range(start, end)], dtype=np.float64)
            ms[at : at + end - start] = pairs[:, 0] if len(pairs) else 0.0
            mt[at : at + end - start] = pairs[:, 1] if len(pairs) else 0.0
        self._row = (starts, counts, ptr + rows)
        self._row_ms = _row_prefix(ms, counts)
        del ms
        self._row_mt = _row_prefix(mt, counts)
        # The same overlaps by target column: a column's rows are contiguous (the
        # band is monotone), so a target sentence's matched weight over a source
        # span is a difference of one more prefix sum, in (column, row) order.
        edges = np.zeros(n_tgt + 1, dtype=np.int64)
        np.add.at(edges, starts, 1)
        np.add.at(edges, ends, -1)
        col_counts = np.cumsum(edges)[:n_tgt]
        col_ptr = np.concatenate(([0], np.cumsum(col_counts)[:-1])) if n_tgt else col_counts
        # first row covering column c: the first row whose targets end after c
        first = np.minimum(np.searchsorted(ends, np.arange(n_tgt), side="right"), max(n_src - 1, 0))
        # cell (r, c) sits at ptr[r] + c - starts[r] in row order; list them in column order
        rows = np.repeat(first, col_counts) + (np.arange(len(mt)) - np.repeat(col_ptr, col_counts))
        order = ptr[rows] + np.repeat(np.arange(n_tgt), col_counts) - starts[rows]
        self._col = (first, col_counts, col_ptr + np.arange(n_tgt))
        self._col_mt = _row_prefix(mt[order], col_counts)

    def similarity(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        ends = np.asarray(tgt_ends, dtype=np.int64)
        # Source rows of the bead x candidate ends: matched weight of each source sentence.
        rows = np.arange(src_start, src_start + src_len)
        starts, counts, base = (x[rows][:, None] for x in self._row)
        hi = base + np.minimum(np.maximum(ends[None, :] - starts, 0), counts)
        lo = base + np.minimum(np.maximum(ends[None, :] - tgt_len - starts, 0), counts)
        row_ms = self._row_ms[hi] - self._row_ms[lo]
        # Target columns of each candidate x the bead's source span.
        cols = ends[:, None] - tgt_len + np.arange(tgt_len)[None, :]
        first, counts, base = (x[cols] for x in self._col)
        hi = base + np.minimum(np.maximum(src_start + src_len - first, 0), counts)
        lo = base + np.minimum(np.maximum(src_start - first, 0), counts)
        col_mt = self._col_mt[hi] - self._col_mt[lo]
        # Share of each sentence's weight matched inside the bead; 0 for a sentence
        # without words (a page number or OCR debris adds nothing to a bead).
        src_w, src_inv = self._src_sw[rows][:, None], self._src_inv[rows][:, None]
        tgt_w, tgt_inv = self._tgt_sw[cols], self._tgt_inv[cols]
        cover = (np.minimum(row_ms, src_w) * src_inv).sum(axis=0) + (
            np.minimum(col_mt, tgt_w) * tgt_inv
        ).sum(axis=1)
        ws = self._src_w[src_start + src_len] - self._src_w[src_start]
        wt = self._tgt_w[ends] - self._tgt_w[ends - tgt_len]
        # Summing pair overlaps counts a word matched in two sentences twice: cap
        # it at each sentence's own weight (capped on the whole bead, a word that
        # twin target sentences both match stood for an unmatched word beside it)
        num = np.minimum(row_ms, src_w).sum(axis=0) + np.minimum(col_mt, tgt_w).sum(axis=1)
        weighted = num / (ws + wt + 1e-9)
        return (1.0 - COVER_WEIGHT) * weighted + COVER_WEIGHT * cover / (src_len + tgt_len)


class MixedPair:
    """A document pair scored by the lexical similarity mixed with a second
    signal (sentence embeddings, machine translation):
    ``(1 - weight) · lexical + weight · signal``, the signal mapped to 0..1
    between ``low`` and ``high``. The lexical side lays the anchors, takes the
    band and is refined by the second pass; subclasses give :meth:`signal`."""

    def __init__(self, lexical: LexicalPair, weight: float, low: float, high: float) -> None:
        self._lex = lexical
        self._weight = weight
        self._low = low
        self._scale = 1.0 / max(high - low, 1e-6)

    def anchors(self) -> Sequence[tuple[int, int, float]]:
        return self._lex.anchors()

    def restrict(self, lo: np.ndarray, hi: np.ndarray, max_bead: int) -> None:
        self._lex.restrict(lo, hi, max_bead)

    def signal(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        """The second signal of the source span against each target span."""
        raise NotImplementedError

    def similarity(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        lexical = self._lex.similarity(src_start, src_len, tgt_ends, tgt_len)
        raw = self.signal(src_start, src_len, tgt_ends, tgt_len)
        mapped = np.clip((raw - self._low) * self._scale, 0.0, 1.0)
        return (1.0 - self._weight) * lexical + self._weight * mapped

    def refined(self, pairs: Sequence[tuple[int, int]]) -> Self | None:
        """The second pass of :mod:`tqa.align`: a learnt lexicon on the lexical side."""
        lexical = self._lex.refined(pairs)
        if lexical is None:
            return None
        out = copy.copy(self)
        out._lex = lexical
        return out


def _row_prefix(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Prefix sums of consecutive runs of ``values`` (run k has ``counts[k]`` items),
    each run preceded by a 0: run k's sum over items [a, b) is out[p + b] - out[p + a]
    with p = (items before run k) + k."""
    out = np.zeros(len(values) + len(counts))
    if len(values):
        run_start = np.concatenate(([0], np.cumsum(counts)[:-1]))
        total = np.cumsum(values)
        before = np.where(run_start > 0, total[np.maximum(run_start - 1, 0)], 0.0)
        within = total - np.repeat(before, counts)
        slots = np.arange(len(values)) + np.repeat(np.arange(len(counts)), counts) + 1
        out[slots] = within
    return out
