"""Scores against a reference translation, and the post-editing effort of raw MT.

``tqa check hyp.fr --reference ref.fr`` scores the checked document (the
hypothesis) against a reference translation with sacrebleu's BLEU, chrF and
TER (tqa.backends.sacrebleu_metrics); ``--post-edited final.fr`` scores the
raw MT against its post-edited version the same way, TER being then the
HTER-style post-editing effort, and lists the word-level edits.

Pairing. The reference is segmented as the document is (``--segmentation``)
and its segments are paired with the document's by tqa's sentence aligner
(tqa.align) with a monolingual scorer: both sides are French, so words are
compared as themselves (five-letter prefixes, accents folded, numbers exact),
without the German→French dictionary. A bead may join 0..3 document segments
with 0..3 reference segments (MAX_BEAD) (a sentence the translator merged or split, left
out or added); it is scored on the joined texts of each side. With
``--segmentation lines`` and as many lines on both sides, line n pairs with
line n, as sacrebleu pairs lines. Beads with no text on either side (blank
lines) are left out.

Document scores are sacrebleu's corpus scores over the beads (BLEU counts
n-grams over all beads, TER sums edits over reference words), not means of
the segment scores.

Edits. The word-level edits of a bead are the differences between the
words of its two sides (a word with its inner apostrophes and hyphens, each
punctuation mark a word of its own), found by difflib's
SequenceMatcher (without its "junk" heuristic, which drops frequent words
such as "de"); words are compared exactly (TER ignores case, an edit list
shows a changed capital). A moved phrase, one shift for TER, shows as a
deletion and an insertion. SequenceMatcher takes time that grows with the
product of the two lengths in the worst case: after the common first and last
words are set aside, a bead whose remaining words multiply to more than
MAX_DIFF_CELLS is reported as one substitution of that middle part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from tqa.config import Config
from tqa.model import (
    Document,
    DocumentReport,
    Edit,
    ReferenceKind,
    ReferenceScores,
    ScoredBead,
    Segment,
)

if TYPE_CHECKING:
    from tqa.align_score import BeadScorer

#: a bead's two word lists, once their common ends are set aside, are diffed
#: word by word only when the product of their lengths is at most this
#: (about a second of SequenceMatcher in the worst case); beyond, the middle is
#: one substitution
MAX_DIFF_CELLS = 1_000_000
#: at most this many segments a side in a bead: a translator merges or splits
#: two or three sentences, rarely more; 3 instead of the aligner's 5 halves the
#: alignment time (scripts/bench_reference.py: 0.57-0.81 s against 1.48-1.53 s
#: of CPU for 100 WMT22 documents, the same beads)
MAX_BEAD = 3
#: scores are rounded to this many decimals in reports (sacrebleu prints 1 or 2)
DECIMALS = 4

#: a word (with its inner apostrophes and hyphens: aujourd'hui, l'homme, peut-être)
#: or any other character but a space (punctuation is a word of its own)
_WORD = re.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")

Pairs = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def compare(
    report: DocumentReport, reference: Document, kind: ReferenceKind, config: Config
) -> ReferenceScores:
    """The document of ``report`` scored against ``reference``."""
    from tqa.backends import sacrebleu_metrics as sb
    from tqa.segment import segment

    ref_segments = segment(reference, config.segmentation)
    pairs, pairing = pair_segments(report.segments, ref_segments, config.segmentation)
    by_id = {s.id: s for s in report.segments}
    hyp_anchor, ref_anchor = 0, 0
    kept: list[tuple[tuple[int, ...], tuple[int, ...], tuple[Edit, ...]]] = []
    hyps: list[str] = []
    refs: list[str] = []
    for hyp_ids, ref_ids in pairs:
        hyp = [by_id[i] for i in hyp_ids]
        ref = [ref_segments[j] for j in ref_ids]
        hyp_text, ref_text = joined(hyp), joined(ref)
        if hyp:
            hyp_anchor = hyp[-1].end
        if ref:
            ref_anchor = ref[-1].end
        if not hyp_text and not ref_text:
            continue
        edits: tuple[Edit, ...] = ()
        if kind == "post-edited":
            edits = word_edits(
                (report.text, _words(report.text, hyp), hyp_anchor),
                (reference.text, _words(reference.text, ref), ref_anchor),
            )
        kept.append((hyp_ids, ref_ids, edits))
        hyps.append(hyp_text)
        refs.append(ref_text)
    sentences, total = sb.scores(hyps, refs) if kept else ([], None)
    beads = tuple(
        ScoredBead(
            hyp_ids,
            ref_ids,
            round(score.bleu, DECIMALS),
            round(score.chrf, DECIMALS),
            round(score.ter, DECIMALS),
            edits,
        )
        for (hyp_ids, ref_ids, edits), score in zip(kept, sentences, strict=True)
    )
    sigs = sb.signatures()
    return ReferenceScores(
        kind=kind,
        path=reference.path,
        text=reference.text,
        segments=ref_segments,
        beads=beads,
        bleu=None if total is None else round(total.bleu, DECIMALS),
        chrf=None if total is None else round(total.chrf, DECIMALS),
        ter=None if total is None else round(total.ter, DECIMALS),
        signatures=(
            ("bleu", sigs.bleu),
            ("chrf", sigs.chrf),
            ("ter", sigs.ter),
            ("sentence_bleu", sigs.sentence_bleu),
        ),
        pairing=pairing,
    )


def joined(segments: Sequence[Segment]) -> str:
    """The text of consecutive segments as one line (whitespace runs as one space)."""
    return " ".join(word for s in segments for word in s.text.split())


def pair_segments(
    hypothesis: Sequence[Segment], reference: Sequence[Segment], segmentation: str
) -> tuple[Pairs, str]:
    """Beads of document segment ids ↔ reference segment ids, in order, and
    how they were found (``lines`` or ``alignment``)."""
    if segmentation == "lines" and len(hypothesis) == len(reference):
        return tuple(
            ((h.id,), (r.id,)) for h, r in zip(hypothesis, reference, strict=True)
        ), "lines"
    from tqa.align import align

    beads = align(
        [s.text for s in hypothesis],
        [s.text for s in reference],
        scorer=monolingual_scorer(),
        max_bead=MAX_BEAD,
    )
    ids = [s.id for s in hypothesis]
    return tuple((tuple(ids[i] for i in b.source), b.target) for b in beads), "alignment"


def monolingual_scorer() -> BeadScorer:
    """The aligner's lexical scorer without a dictionary: French words match
    French words by their keys (tqa.align_score)."""
    from tqa.align_score import LexicalScorer, Lexicon

    return LexicalScorer(Lexicon(None, None))


Word = tuple[int, int, str]


def _words(text: str, segments: Sequence[Segment]) -> list[Word]:
    """Words and punctuation marks of ``segments`` with their offsets in ``text``."""
    return [
        (m.start(), m.end(), m.group())
        for s in segments
        for m in _WORD.finditer(text, s.start, s.end)
    ]


Side = tuple[str, list[Word], int]
"""A text, words of it, and where an insertion or a deletion goes when there are none."""


def word_edits(raw_side: Side, edited_side: Side) -> tuple[Edit, ...]:
    """The edits that turn the words of ``raw_side`` into those of
    ``edited_side`` (see the module docstring); an edit's ``text`` and
    ``replacement`` are the texts between its offsets."""
    raw_text, raw, raw_at = raw_side
    edited_text, edited, edited_at = edited_side
    a = [w for _, _, w in raw]
    b = [w for _, _, w in edited]
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if not mid_a and not mid_b:
        return ()
    if len(mid_a) * len(mid_b) > MAX_DIFF_CELLS:
        ops = [("replace", 0, len(mid_a), 0, len(mid_b))]
    else:
        matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    edits = []
    for tag, i1, i2, j1, j2 in ops:
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        start, end = _span(raw, i1, i2, raw_at)
        ref_start, ref_end = _span(edited, j1, j2, edited_at)
        op = {"replace": "substitute", "delete": "delete", "insert": "insert"}[tag]
        edits.append(
            Edit(
                op,  # type: ignore[arg-type]
                start,
                end,
                ref_start,
                ref_end,
                raw_text[start:end],
                edited_text[ref_start:ref_end],
            )
        )
    return tuple(edits)


def _span(words: list[Word], first: int, last: int, fallback: int) -> tuple[int, int]:
    """Offsets of words[first:last]; when empty, the point before words[first]
    (after the last word at the end, ``fallback`` without words)."""
    if first < last:
        return words[first][0], words[last - 1][1]
    if first < len(words):
        return words[first][0], words[first][0]
    if words:
        return words[-1][1], words[-1][1]
    return fallback, fallback
