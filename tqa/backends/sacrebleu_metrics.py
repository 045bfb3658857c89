"""BLEU, chrF and TER from sacrebleu, the reference implementation of the
three metrics (Post 2018): scores computed here are the numbers sacrebleu
prints for the same pairs, with its signature strings.

sacrebleu is a dependency of tqa, but it is imported only when a check asks
for scores against a reference (``--reference``, ``--post-edited``), so that
``tqa --help`` and plain checks do not pay for it.

Settings are sacrebleu's defaults, so that the signatures read as users of
sacrebleu expect: BLEU with the 13a tokenizer and exponential smoothing,
chrF with character 6-grams (nw:0, chrF rather than chrF++), TER with the
tercom tokenizer and case-insensitive. Sentence-level BLEU uses
``effective_order=True`` (n-gram orders with no match in a short sentence do
not zero the score), corpus-level BLEU does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tqa.errors import MissingResource

INSTALL = "pip install 'sacrebleu>=2.4'"


@dataclass(frozen=True)
class Triple:
    """One score of each metric (0..100; TER can exceed 100)."""

    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True)
class Signatures:
    """sacrebleu's signature strings: corpus-level metrics, and sentence-level
    BLEU (``eff:yes``); sentence-level chrF and TER have the corpus signatures."""

    bleu: str
    chrf: str
    ter: str
    sentence_bleu: str


@cache
def _metrics() -> tuple[Any, Any, Any, Any]:
    try:
        from sacrebleu.metrics import BLEU, CHRF, TER
    except ModuleNotFoundError as exc:  # a broken install: sacrebleu is a dependency
        raise MissingResource(f"scores against a reference need sacrebleu ({INSTALL})") from exc
    metrics = (BLEU(), BLEU(effective_order=True), CHRF(), TER())
    for metric in metrics:  # a signature names the number of references: one, here
        metric.corpus_score(["."], [["."]])
    return metrics


def signatures() -> Signatures:
    corpus_bleu, sentence_bleu, chrf, ter = _metrics()
    return Signatures(
        str(corpus_bleu.get_signature()),
        str(chrf.get_signature()),
        str(ter.get_signature()),
        str(sentence_bleu.get_signature()),
    )


def scores(hypotheses: Sequence[str], references: Sequence[str]) -> tuple[list[Triple], Triple]:
    """Sentence-level BLEU (effective order), chrF and TER of each pair, and
    the corpus-level scores of all pairs (one reference each; at least one pair).

    sacrebleu's ``sentence_score`` and ``corpus_score`` both gather n-gram and
    edit statistics per pair and then compute a score from their sum; here
    the statistics of each pair are gathered once and serve both, which halves
    the time (TER's edit distance dominates it). The numbers are the same as
    the public calls give (tests/test_reference_metrics.py compares them);
    a sacrebleu without these two methods gets the public calls."""
    corpus_bleu, sentence_bleu, chrf, ter = _metrics()
    hyps, refs = list(hypotheses), [list(references)]
    if not all(
        hasattr(m, "_extract_corpus_statistics") and hasattr(m, "_aggregate_and_compute")
        for m in (corpus_bleu, chrf, ter)
    ):
        return _public(hyps, refs[0])
    bleu_stats = corpus_bleu._extract_corpus_statistics(hyps, refs)
    chrf_stats = chrf._extract_corpus_statistics(hyps, refs)
    ter_stats = ter._extract_corpus_statistics(hyps, refs)
    sentences = [
        Triple(
            float(sentence_bleu._aggregate_and_compute([b]).score),
            float(chrf._aggregate_and_compute([c]).score),
            float(ter._aggregate_and_compute([t]).score),
        )
        for b, c, t in zip(bleu_stats, chrf_stats, ter_stats, strict=True)
    ]
    corpus = Triple(
        float(corpus_bleu._aggregate_and_compute(bleu_stats).score),
        float(chrf._aggregate_and_compute(chrf_stats).score),
        float(ter._aggregate_and_compute(ter_stats).score),
    )
    return sentences, corpus


def _public(hyps: list[str], refs: list[str]) -> tuple[list[Triple], Triple]:
    corpus_bleu, sentence_bleu, chrf, ter = _metrics()
    sentences = [
        Triple(
            float(sentence_bleu.sentence_score(h, [r]).score),
            float(chrf.sentence_score(h, [r]).score),
            float(ter.sentence_score(h, [r]).score),
        )
        for h, r in zip(hyps, refs, strict=True)
    ]
    corpus = Triple(
        float(corpus_bleu.corpus_score(hyps, [refs]).score),
        float(chrf.corpus_score(hyps, [refs]).score),
        float(ter.corpus_score(hyps, [refs]).score),
    )
    return sentences, corpus
