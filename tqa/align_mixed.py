"""Alignment of a document against its source, and inside one mixed document
between its German and French segments: each German segment's French twin,
found by score nearby, by claims between rivals, and by position in runs of
untranslated and translated sentences (figures in docs/alignment.md)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tqa.config import Config
from tqa.model import Bead, Segment

#: inside one mixed document, a German segment's French twin is at most this many segments away
MIXED_TWIN_DISTANCE = 3
#: pair score (tqa.align.pair_score, 0..1) from which the best nearby French is a twin
MIXED_MIN_BEAD_SCORE = 0.45
#: a French neighbour (next or previous segment) scoring below MIXED_MIN_BEAD_SCORE is
#: still the twin from this score on, when it scores MIXED_MARGIN times better than
#: any other candidate (a free translation shares few dictionary words: "Außerdem kann
#: man noch jede Menge Zubehör verstauen." / "Il est également possible de ranger de
#: nombreux accessoires." scores 0.32, but nothing else nearby competes)
MIXED_MIN_NEIGHBOUR_SCORE = 0.3
MIXED_MARGIN = 2.0
#: the neighbour rule's MIXED_MIN_NEIGHBOUR_SCORE for a German segment on a line of its
#: own (a caption kept beside the French paragraph it translates; docs/alignment.md)
MIXED_LINE_SCORE = 0.25
#: pair score a candidate needs when a French segment lies between it and the
#: German segment (chosen on tuning seeds of eval_mixed.py, docs/alignment.md)
MIXED_FAR_SCORE = 0.8


def align_segments(
    segments: tuple[Segment, ...],
    source_segments: tuple[Segment, ...],
    config: Config,
    *,
    bilingual: bool,
) -> tuple[Bead, ...]:
    """Alignment between a source file and the target, or inside a mixed
    document between its German and French segments (bead ids are segment ids)."""
    from functools import partial

    from tqa import align as aligner

    scorer = aligner.scorer_for(config.align_scorer, config.neural_model, config.device)
    if bilingual:
        return aligner.align(
            [s.text for s in source_segments], [s.text for s in segments], scorer=scorer
        )
    # a scorer that looks again (sentence embeddings) only scores the German
    # segments that the lexical scorer leaves without a twin (see _look_again)
    again = scorer if getattr(scorer, "looks_again", False) else None
    if again is not None:
        scorer = aligner.default_scorer()
    # the lexical scorer weighs words by their frequency in this document: a name
    # that most sentences hold does not make two of them twins
    french = {s.id: s for s in segments if s.lang == config.target_lang}
    texts = [s.text for s in segments]
    scorer = _for_document(scorer, texts, french)
    german = [s for s in segments if s.lang == config.source_lang]
    by_id = {s.id: s for s in german}
    pair_score = partial(aligner.pair_score, scorer=scorer)
    blocks = {s.id: s.block for s in segments}
    alone = {s.id for s in german if _own_line(s, blocks)}
    beads = {s.id: _twin(s, french, pair_score, own_line=s.id in alone) for s in german}

    # A French segment translates one German segment: where two claim it, the
    # nearer one keeps it (a mixed document keeps a twin next to its
    # translation), the better-scoring one between equals, and the other looks
    # again without it, so an untranslated sentence beside a twin pair stays alone.
    def claim(item: tuple[int, Bead]) -> tuple[int, float, int]:
        sid, bead = item
        return min((abs(t - sid) for t in bead.target), default=0), -bead.score, sid

    taken: dict[int, int] = {}
    for sid, bead in sorted(beads.items(), key=claim):
        if any(t in taken for t in bead.target):
            near = range(sid - MIXED_TWIN_DISTANCE, sid + MIXED_TWIN_DISTANCE + 2)
            free = {i: french[i] for i in near if i in french and i not in taken}
            bead = beads[sid] = _twin(
                by_id[sid], free, pair_score, set(french), own_line=sid in alone
            )
        taken.update((t, sid) for t in bead.target)
    _follow_runs(segments, beads, taken, config.target_lang, pair_score)
    if again is not None:
        again = _for_document(again, texts, french)
        _look_again(beads, by_id, french, alone, partial(aligner.pair_score, scorer=again))
    return tuple(beads[s.id] for s in german)


def _for_document(scorer: object, texts: list[str], french: dict[int, Segment]) -> Any:
    """``scorer`` weighing words by the segments of this document, when it can."""
    for_document = getattr(scorer, "for_document", None)
    if for_document is None:
        return scorer
    return for_document(texts, [s.text for s in french.values()])


#: the pair score a twin found on the second look needs (embeddings mixed with the
#: lexical score): on tuning seeds 3, 5, 7 and 13, 34 of its 39 right twins score
#: 0.40 or more, and 4 of the 13 untranslated German sentences it paired
MIXED_AGAIN_SCORE = 0.4


def _look_again(
    beads: dict[int, Bead],
    german: dict[int, Segment],
    french: dict[int, Segment],
    alone: set[int],
    pair_score: Callable[[str, list[str]], float],
) -> None:
    """A second look, with another scorer (sentence embeddings), at each German
    segment left without a twin: :func:`_twin` again, among the French segments
    nearby that no German segment has taken, in document order. A free
    translation shares no dictionary word with its German (*Außerdem kann man
    noch jede Menge Zubehör verstauen.* / *Il est également possible de ranger
    de nombreux accessoires.*), but its embedding is close; embedding only these
    segments and their free neighbours costs a fraction of scoring every
    candidate with embeddings, and finds more twins (docs/alignment.md). A
    twin found here needs MIXED_AGAIN_SCORE, above the neighbour rule's floor:
    an untranslated German sentence and the French one beside it on the same
    subject often score 0.30–0.40 with embeddings."""
    taken = {t for bead in beads.values() for t in bead.target}
    for sid in sorted(beads):
        if beads[sid].target:
            continue
        near = range(sid - MIXED_TWIN_DISTANCE, sid + MIXED_TWIN_DISTANCE + 2)
        free = {i: french[i] for i in near if i in french and i not in taken}
        if not free:
            continue
        bead = _twin(german[sid], free, pair_score, set(french), own_line=sid in alone)
        if bead.target and bead.score >= MIXED_AGAIN_SCORE:
            beads[sid] = bead
            taken.update(bead.target)


#: a twin found by position alone (:func:`_follow_runs`) needs a French side of
#: 1/MIXED_RUN_RATIO to MIXED_RUN_RATIO times the German length in characters
MIXED_RUN_RATIO = 2.5


def _follow_runs(
    segments: tuple[Segment, ...],
    beads: dict[int, Bead],
    taken: dict[int, int],
    target_lang: str,
    pair_score: Callable[[str, list[str]], float],
) -> None:
    """Twins by position inside runs of German segments: consecutive German
    segments beside consecutive French ones translate them in order (a German
    paragraph kept beside its French, a sentence the splitter cut in two on
    both sides). A German segment without a twin whose neighbour in the run
    has one takes the French segment just past that twin (after it for the
    next German segment, before it for the previous one) when that segment is
    free and of a plausible length; or, when the two German segments are one
    sentence cut in two (the second starts in lower case), the same twin. Two
    passes, forward then backward, so a twin passes along the whole run.

    Position alone is not enough: an untranslated German sentence at the end
    of a run would take the first sentence of the French paragraph after it.
    The French segment must also share something with the German one (a pair
    score of MIXED_MIN_NEIGHBOUR_SCORE), or the run must close at the same
    point on both sides (:func:`_closed`)."""
    by_id = {s.id: s for s in segments}
    for step in (1, -1):
        for sid in sorted(beads, reverse=step < 0):
            mate = beads.get(sid - step)
            if beads[sid].target or mate is None or not mate.target:
                continue
            german = by_id[sid].text
            nxt = max(mate.target) + 1 if step > 0 else min(mate.target) - 1
            candidate = by_id.get(nxt)
            if (
                candidate is not None
                and candidate.lang == target_lang
                and nxt not in taken
                and 1 / MIXED_RUN_RATIO
                <= len(candidate.text) / max(len(german), 1)
                <= MIXED_RUN_RATIO
                and (
                    (score := pair_score(german, [candidate.text])) >= MIXED_MIN_NEIGHBOUR_SCORE
                    or _closed(sid, nxt, step, by_id, beads)
                )
            ):
                beads[sid] = Bead((sid,), (nxt,), round(score, 3))
                taken[nxt] = sid
            elif _starts_lower(by_id[max(sid, sid - step)].text):
                score = pair_score(german, [by_id[t].text for t in mate.target])
                beads[sid] = Bead((sid,), mate.target, round(score, 3))


def _closed(
    sid: int, nxt: int, step: int, by_id: dict[int, Segment], beads: dict[int, Bead]
) -> bool:
    """True when German segment ``sid`` and French segment ``nxt`` close their
    runs together (``step`` 1: looking forward, -1: backward): the German
    segment past ``sid`` has its twin just past ``nxt``, or both segments end
    (begin) their paragraphs. A German paragraph of two sentences beside a
    French one of two, the first pair twins, makes the second pair twins."""
    after = beads.get(sid + step)
    if after is not None and after.target:
        edge = min(after.target) if step > 0 else max(after.target)
        return edge == nxt + step
    german, french = by_id[sid], by_id[nxt]
    german_past, french_past = by_id.get(sid + step), by_id.get(nxt + step)
    return (german_past is None or german_past.block != german.block) and (
        french_past is None or french_past.block != french.block
    )


#: a likely sentence end inside a segment: final punctuation or a colon, a space,
#: then at most a few marks (a footnote star, a colon, a quote) before a capital
_INNER_END = re.compile(r"[.!?…):](?=\s+[^\w]{0,4}[A-ZÀ-ÖØ-Þ])")


def _end_sentences(text: str) -> list[str]:
    """The first and the last sentence of a segment that seems to hold more than
    one (none when it holds one): text up to its first inner sentence end, and
    from its last."""
    ends = [m.end() for m in _INNER_END.finditer(text)]
    if not ends:
        return []
    head, tail = text[: ends[0]].strip(), text[ends[-1] :].strip()
    return [piece for piece in (head, tail) if piece]


def _starts_lower(text: str) -> bool:
    """True when ``text`` starts with a lower-case letter (a sentence goes on),
    after spaces and opening marks; a sentence that starts with a number (*1 g
    NEKTON-Bio auf 250 ml Wasser.*) does not go on another one."""
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def _far(sid: int, ids: tuple[int, ...], french_ids: set[int]) -> bool:
    """True when a French segment lies between German segment ``sid`` and the
    nearest of ``ids``: the candidate is not beside it."""
    nearest = min(ids, key=lambda i: abs(i - sid))
    lo, hi = sorted((sid, nearest))
    return any(i in french_ids for i in range(lo + 1, hi))


def _own_line(german: Segment, blocks: dict[int, int]) -> bool:
    """True when the German segment is a line (a block) of its own: the segments
    before and after it, if any, belong to other blocks."""
    return all(blocks.get(i, -1) != german.block for i in (german.id - 1, german.id + 1))


def _twin(
    german: Segment,
    french: dict[int, Segment],
    pair_score: Callable[[str, list[str]], float],
    french_ids: set[int] | None = None,
    *,
    own_line: bool = False,
) -> Bead:
    """The French translation of a German segment inside a mixed document:
    the nearby French segment, or pair of consecutive segments, that the
    pair score rates best. A mixed document keeps a German passage next to
    its twin (caption beside caption), so only segments at most
    MIXED_TWIN_DISTANCE away are candidates. The best one is the twin when it
    scores MIXED_MIN_BEAD_SCORE or more, or when it is the German segment's
    neighbour, scores MIXED_MIN_NEIGHBOUR_SCORE or more and MIXED_MARGIN
    times more than every candidate it does not overlap (MIXED_LINE_SCORE
    instead for a German segment on a line of its own, ``own_line``: a caption
    kept beside the paragraph it translates); otherwise the German
    segment has no counterpart (an untranslated sentence). A candidate with
    another French segment between it and the German one needs
    MIXED_FAR_SCORE: a translation left beside its German is next to it, and
    a sentence on the same subject a little further on often scores 0.5–0.8
    against an untranslated German sentence. For the same reason a candidate
    beside the German segment that scores MIXED_MIN_BEAD_SCORE comes before
    a further one that scores more from MIXED_FAR_SCORE on (a title or a lead
    repeating the names and numbers); below it, such a further candidate
    leaves the German segment without a counterpart, as before. A French segment
    that seems to hold more than one sentence is also scored by its first and
    its last sentence alone (:func:`_end_sentences`)."""
    near = [
        i
        for i in range(german.id - MIXED_TWIN_DISTANCE, german.id + MIXED_TWIN_DISTANCE + 1)
        if i in french
    ]
    candidates = [(i,) for i in near] + [(i, i + 1) for i in near if i + 1 in french]
    scored = [(pair_score(german.text, [french[i].text for i in ids]), ids) for ids in candidates]
    # a French segment that the splitter did not cut may hold the twin and the
    # next sentence: its first and its last sentence are scored on their own
    # too, for the best candidate (a rival is scored whole)
    pieces = [
        (pair_score(german.text, [piece]), (i,))
        for i in near
        for piece in _end_sentences(french[i].text)
    ]
    ids_known = french_ids or set(french)
    best: tuple[int, ...] = ()
    best_score = 0.0
    far: tuple[int, ...] = ()
    far_score = 0.0
    for value, ids in scored + pieces:
        if _far(german.id, ids, ids_known):
            if value > far_score + 1e-9:
                far, far_score = ids, value
        elif value > best_score + 1e-9:
            best, best_score = ids, value
    # a twin beside the German segment comes before one further on that scores
    # more (a title or a lead repeating its names and numbers: "97 Jahren"), but
    # a sentence further on that scores more without reaching MIXED_FAR_SCORE
    # is taken as a sign of a sentence on the same subject, not translated
    if best_score >= MIXED_MIN_BEAD_SCORE and (
        best_score >= far_score or far_score >= MIXED_FAR_SCORE
    ):
        return Bead((german.id,), best, round(best_score, 3))
    if far_score >= MIXED_FAR_SCORE and far_score > best_score:
        return Bead((german.id,), far, round(far_score, 3))
    if far_score > best_score:
        best, best_score = far, far_score
    neighbour = german.id - 1 in best or german.id + 1 in best
    rival = max((value for value, ids in scored if not set(ids) & set(best)), default=0.0)
    floor = MIXED_LINE_SCORE if own_line else MIXED_MIN_NEIGHBOUR_SCORE
    if neighbour and best_score >= floor and best_score >= MIXED_MARGIN * rival:
        return Bead((german.id,), best, round(best_score, 3))
    return Bead((german.id,), (), 0.0)
