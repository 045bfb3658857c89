"""The one place where the stages are wired together:

read → segment → identify → align → check → score → DocumentReport.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from tqa import __version__
from tqa.backends import resources
from tqa.checks import CheckInput, Rule, all_rules
from tqa.checks.structure import one_finding_for_an_empty_target
from tqa.config import Config
from tqa.errors import MissingResource
from tqa.identify import identify
from tqa.merge import merge
from tqa.model import (
    Bead,
    Document,
    DocumentReport,
    DocumentSide,
    Finding,
    Note,
    Origin,
    ReferenceKind,
    Report,
    Segment,
    TextMap,
)
from tqa.read import UNIT_FORMATS
from tqa.score import score
from tqa.segment import segment

log = logging.getLogger(__name__)

#: inside one mixed document, a German segment's French twin is at most this many segments away
MIXED_TWIN_DISTANCE = 3
#: pair score (tqa.align.pair_score, 0..1) from which the best nearby French is a twin
MIXED_MIN_BEAD_SCORE = 0.5
#: a French neighbour (next or previous segment) scoring below MIXED_MIN_BEAD_SCORE is
#: still the twin from this score on, when it scores MIXED_MARGIN times better than
#: any other candidate (a free translation shares few dictionary words: "Außerdem kann
#: man noch jede Menge Zubehör verstauen." / "Il est également possible de ranger de
#: nombreux accessoires." scores 0.32, but nothing else nearby competes)
MIXED_MIN_NEIGHBOUR_SCORE = 0.3
MIXED_MARGIN = 2.0
#: pair score a candidate needs when a French segment lies between it and the
#: German segment (chosen on tuning seeds of eval_mixed.py, docs/alignment.md)
MIXED_FAR_SCORE = 0.8


def analyse(document: Document, config: Config) -> tuple[Segment, ...]:
    """Segments of ``document`` with their languages (what ``tqa langid`` shows)."""
    return identify(segment(document, config.segmentation), config)


def active_rules(config: Config) -> tuple[list[Rule], list[Note]]:
    """The rules to run, and a note for each one skipped for a missing resource."""
    rules, notes = [], []
    for declared in all_rules():
        if not declared.enabled(config):
            continue
        missing = [name for name in declared.requires if resources.by_name(name).location() is None]
        if missing:
            hint = "; ".join(resources.by_name(name).install for name in missing)
            message = f"{declared.code} skipped: {', '.join(missing)} not installed ({hint})"
            if config.strict:
                raise MissingResource(message)
            notes.append(Note("skipped-check", message))
            continue
        rules.append(declared)
    return rules, notes


def check_document(
    document: Document,
    config: Config,
    *,
    source: Document | None = None,
    rules: Iterable[Rule] | None = None,
    notes: Iterable[Note] = (),
) -> DocumentReport:
    """Check one document (against its source when one is given). A
    bilingual document (``document.units``: XLIFF, TMX, PO) is checked unit
    by unit, each unit one bead with its own source (see check_units)."""
    if rules is None:
        rules, notes = active_rules(config)
    if document.units or document.format in UNIT_FORMATS:
        return check_units(document, config, rules=rules, notes=notes)
    segments, source_segments, alignment, findings, all_notes = _check_pair(
        document, source, config, rules, notes
    )
    if document.map is not None:  # a markup file: where each finding is in the file
        findings = _placed(findings, document.map)
    words = sum(s.words for s in segments)
    if not document.text.strip():
        all_notes.append(Note("empty", "no text: the document is empty"))
    return DocumentReport(
        path=document.path,
        text=document.text,
        source_lang=config.source_lang,
        target_lang=config.target_lang,
        words=words,
        score=score(findings, words, config),
        segments=segments,
        alignment=alignment,
        findings=tuple(findings),
        notes=tuple(all_notes),
        source=DocumentSide(source.path, source.text, source_segments) if source else None,
        format=document.format,
    )


def _check_pair(
    document: Document,
    source: Document | None,
    config: Config,
    rules: Iterable[Rule],
    notes: Iterable[Note],
) -> tuple[tuple[Segment, ...], tuple[Segment, ...], tuple[Bead, ...], list[Finding], list[Note]]:
    """Segments, source segments, alignment, findings and notes of one text (pair)."""
    segments = analyse(document, config)
    source_segments = analyse(source, config) if source is not None else ()
    alignment = align_segments(segments, source_segments, config, bilingual=source is not None)
    check = CheckInput(document, segments, config, alignment, source, source_segments)
    findings: list[Finding] = []
    all_notes = list(notes)
    for declared in rules:
        try:
            findings.extend(declared.function(check))
        except MissingResource as exc:
            if config.strict:
                raise
            all_notes.append(Note("skipped-check", f"{declared.code} skipped: {exc}"))
        except Exception as exc:  # noqa: BLE001 - one broken check must not lose the report
            # one warning line comes from the CLI; the traceback only with --verbose
            log.debug("check %s failed on %s", declared.code, document.path, exc_info=True)
            all_notes.append(
                Note("check-error", f"{declared.code} failed: {type(exc).__name__}: {exc}")
            )
    findings = one_finding_for_an_empty_target(merge(findings, segments))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return segments, source_segments, alignment, findings, all_notes


def check_units(
    document: Document,
    config: Config,
    *,
    rules: Iterable[Rule],
    notes: Iterable[Note] = (),
) -> DocumentReport:
    """A bilingual document, unit by unit: each unit's target is checked
    against its source exactly as the same pair of plain texts would be
    (segmented and aligned inside the unit; nothing crosses into another
    unit), then the findings are placed in the document text and carry
    their unit (id, state, notes) and the unit's line in the file."""
    rules = list(rules)
    base_notes = list(notes)
    source_doc = document.source or Document(document.path, "", format=document.format)
    segments: list[Segment] = []
    source_segments: list[Segment] = []
    alignment: list[Bead] = []
    findings: list[Finding] = []
    seen_notes = {(n.kind, n.message) for n in base_notes}
    all_notes = list(base_notes)
    for unit in document.units:
        # the unit goes with its text: its inline tags (offsets into the whole document)
        target = Document(document.path, document.text[unit.start : unit.end], (unit,))
        source = Document(source_doc.path, source_doc.text[unit.source_start : unit.source_end])
        tgt, src, beads, found, unit_notes = _check_pair(target, source, config, rules, ())
        for note in unit_notes:
            if (note.kind, note.message) not in seen_notes:
                seen_notes.add((note.kind, note.message))
                all_notes.append(note)
        first, source_first = len(segments), len(source_segments)
        segments.extend(_moved(s, first, unit.start) for s in tgt)
        source_segments.extend(_moved(s, source_first, unit.source_start) for s in src)
        alignment.extend(
            Bead(
                tuple(i + source_first for i in b.source),
                tuple(j + first for j in b.target),
                b.score,
            )
            for b in beads
        )
        origin = Origin(unit.line) if unit.line is not None else None
        for finding in found:
            source_start = finding.source_start
            source_end = finding.source_end
            findings.append(
                replace(
                    finding,
                    segment=None if finding.segment is None else finding.segment + first,
                    start=finding.start + unit.start,
                    end=finding.end + unit.start,
                    source_start=None if source_start is None else source_start + unit.source_start,
                    source_end=None if source_end is None else source_end + unit.source_start,
                    unit=unit.info,
                    origin=origin,
                )
            )
    words = sum(s.words for s in segments)
    if not document.units:
        all_notes.append(Note("empty", "no translation units: the file is empty"))
    return DocumentReport(
        path=document.path,
        text=document.text,
        source_lang=config.source_lang,
        target_lang=config.target_lang,
        words=words,
        score=score(findings, words, config),
        segments=tuple(segments),
        alignment=tuple(alignment),
        findings=tuple(findings),
        notes=tuple(all_notes),
        source=DocumentSide(source_doc.path, source_doc.text, tuple(source_segments)),
        units=document.units,
        format=document.format,
    )


def _placed(findings: list[Finding], mapping: TextMap) -> list[Finding]:
    """Findings on the prose of a markup file, with their line and column in the file."""
    from tqa.read.markup import Lines, origin

    lines = Lines(mapping.original)
    return [replace(f, origin=origin(mapping, lines, f.start, f.end)) for f in findings]


def _moved(segment: Segment, first: int, offset: int) -> Segment:
    """A unit's segment placed in the document: ids after ``first``, offsets by ``offset``."""
    return replace(
        segment,
        id=segment.id + first,
        start=segment.start + offset,
        end=segment.end + offset,
        block=segment.block + first,
        spans=tuple(
            replace(span, start=span.start + offset, end=span.end + offset)
            for span in segment.spans
        ),
    )


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
    french = {s.id: s for s in segments if s.lang == config.target_lang}
    german = [s for s in segments if s.lang == config.source_lang]
    by_id = {s.id: s for s in german}
    pair_score = partial(aligner.pair_score, scorer=scorer)
    beads = {s.id: _twin(s, french, pair_score) for s in german}

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
            bead = beads[sid] = _twin(by_id[sid], free, pair_score, set(french))
        taken.update((t, sid) for t in bead.target)
    _follow_runs(segments, beads, taken, config.target_lang, pair_score)
    return tuple(beads[s.id] for s in german)


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


def _twin(
    german: Segment,
    french: dict[int, Segment],
    pair_score: Callable[[str, list[str]], float],
    french_ids: set[int] | None = None,
) -> Bead:
    """The French translation of a German segment inside a mixed document:
    the nearby French segment, or pair of consecutive segments, that the
    pair score rates best. A mixed document keeps a German passage next to
    its twin (caption beside caption), so only segments at most
    MIXED_TWIN_DISTANCE away are candidates. The best one is the twin when it
    scores MIXED_MIN_BEAD_SCORE or more, or when it is the German segment's
    neighbour, scores MIXED_MIN_NEIGHBOUR_SCORE or more and MIXED_MARGIN
    times more than every candidate it does not overlap; otherwise the German
    segment has no counterpart (an untranslated sentence). A candidate with
    another French segment between it and the German one needs
    MIXED_FAR_SCORE: a translation left beside its German is next to it, and
    a sentence on the same subject a little further on often scores 0.5–0.8
    against an untranslated German sentence. A French segment
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
    best: tuple[int, ...] = ()
    best_score = 0.0
    for value, ids in scored + pieces:
        if value > best_score + 1e-9:
            best, best_score = ids, value
    if best_score >= MIXED_MIN_BEAD_SCORE and (
        best_score >= MIXED_FAR_SCORE or not _far(german.id, best, french_ids or set(french))
    ):
        return Bead((german.id,), best, round(best_score, 3))
    neighbour = german.id - 1 in best or german.id + 1 in best
    rival = max((value for value, ids in scored if not set(ids) & set(best)), default=0.0)
    if neighbour and best_score >= MIXED_MIN_NEIGHBOUR_SCORE and best_score >= MIXED_MARGIN * rival:
        return Bead((german.id,), best, round(best_score, 3))
    return Bead((german.id,), (), 0.0)


def with_references(
    report: DocumentReport,
    references: Iterable[tuple[ReferenceKind, Document]],
    config: Config,
) -> DocumentReport:
    """``report`` with its scores against each reference translation or
    post-edited version (tqa.metrics); scores never change the verdict."""
    from tqa.metrics import compare

    scored = tuple(compare(report, document, kind, config) for kind, document in references)
    return replace(report, references=report.references + scored) if scored else report


def build_report(documents: Iterator[DocumentReport], errors: Iterable[str] = ()) -> Report:
    return Report(tuple(documents), __version__, tuple(errors))
