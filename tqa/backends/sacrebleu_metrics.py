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


def sentence_scores(hypothesis: str, reference: str) -> Triple:
    """Sentence-level BLEU (effective order), chrF and TER of one pair."""
    _, bleu, chrf, ter = _metrics()
    return Triple(
        float(bleu.sentence_score(hypothesis, [reference]).score),
        float(chrf.sentence_score(hypothesis, [reference]).score),
        float(ter.sentence_score(hypothesis, [reference]).score),
    )


def corpus_scores(hypotheses: Sequence[str], references: Sequence[str]) -> Triple:
    """Corpus-level BLEU, chrF and TER of aligned pairs (one reference each)."""
    bleu, _, chrf, ter = _metrics()
    hyps, refs = list(hypotheses), [list(references)]
    return Triple(
        float(bleu.corpus_score(hyps, refs).score),
        float(chrf.corpus_score(hyps, refs).score),
        float(ter.corpus_score(hyps, refs).score),
    )
