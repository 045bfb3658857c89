"""Machine-translation bead scorer for the aligner (:mod:`tqa.align`), optional.

In the manner of Bleualign (Sennrich and Volk, 2010): each German sentence is
translated into French once with the configured Marian model
(``neural-model``, :mod:`tqa.backends.marian`), and a candidate bead is scored
by sacrebleu's chrF of the translation of its German side (the sentences'
translations joined) against its French side. chrF is mapped to 0..1
between ``low`` (what unrelated French sentences of the same kind score) and
``high`` (a close translation), and mixed with the lexical similarity of
:class:`tqa.align_score.LexicalScorer`, which supplies the anchors:
``(1 - weight) · lexical + weight · chrF``.

The weight and the band are not tuned: no real translation model can be
fetched where tqa is developed (docs/neural.md), so they are set from the
usual range of sentence chrF (unrelated sentences of one language score
about 0.15–0.25, a good translation 0.5–0.7). Every translation and every
bead's chrF is computed once per document pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tqa.align_score import LexicalPair, LexicalScorer, MixedPair

Translate = Callable[[Sequence[str]], list[str]]

#: share of the bead similarity that comes from chrF (not tuned, see above)
WEIGHT = 0.5
#: chrF (0..1) of unrelated sentences (→ 0) and of a close translation (→ 1)
LOW = 0.2
HIGH = 0.6


class TranslationScorer:
    """chrF of machine translations of the German side against the French side,
    mixed with the lexical similarity. ``translate`` maps German sentences to
    French; None loads ``model`` (:func:`tqa.backends.marian.load`)."""

    def __init__(
        self,
        translate: Translate | None = None,
        lexical: LexicalScorer | None = None,
        *,
        model: str | None = None,
        device: str = "auto",
        weight: float = WEIGHT,
        low: float = LOW,
        high: float = HIGH,
    ) -> None:
        self._translate = translate
        self._lexical = lexical or LexicalScorer()
        self.model = model
        self.device = device
        self.weight = weight
        self.low = low
        self.high = high
        self._known: dict[str, str] = {}

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translations of ``texts``, each distinct text translated once per scorer."""
        if self._translate is None:
            from tqa.backends import marian

            if not self.model:
                from tqa.errors import MissingResource

                raise MissingResource("--align-scorer translation needs neural-model")
            self._translate = marian.load(self.model, self.device).translate
        todo = list(dict.fromkeys(t for t in texts if t not in self._known))
        if todo:
            self._known.update(zip(todo, self._translate(todo), strict=True))
        return [self._known[t] for t in texts]

    @property
    def description(self) -> str:
        return (
            f"chrF of machine translations ({self.model}) x {self.weight:g} "
            f"+ {self._lexical.description} x {1 - self.weight:g}"
        )

    def prepare(self, source: Sequence[str], target: Sequence[str]) -> TranslationPair:
        return TranslationPair(self._lexical.prepare(source, target), source, target, self)


class TranslationPair(MixedPair):
    def __init__(
        self,
        lexical: LexicalPair,
        source: Sequence[str],
        target: Sequence[str],
        scorer: TranslationScorer,
    ) -> None:
        from sacrebleu.metrics import CHRF

        super().__init__(lexical, scorer.weight, scorer.low, scorer.high)
        self._hyp = scorer.translate(list(source))
        self._tgt = list(target)
        self._chrf = CHRF()
        self._cache: dict[tuple[int, int, int, int], float] = {}

    def chrf(self, src_start: int, src_len: int, end: int, tgt_len: int) -> float:
        """chrF (0..1) of the source span's translation against the target span."""
        key = (src_start, src_len, end, tgt_len)
        value = self._cache.get(key)
        if value is None:
            hyp = " ".join(self._hyp[src_start : src_start + src_len])
            ref = " ".join(self._tgt[end - tgt_len : end])
            value = self._chrf.sentence_score(hyp, [ref]).score / 100 if hyp and ref else 0.0
            self._cache[key] = value
        return value

    def signal(
        self, src_start: int, src_len: int, tgt_ends: np.ndarray, tgt_len: int
    ) -> np.ndarray:
        return np.array(
            [self.chrf(src_start, src_len, int(end), tgt_len) for end in tgt_ends],
            dtype=np.float64,
        )
