"""The one place where the stages are wired together:

read → segment → identify → align → check → score → DocumentReport.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace

from tqa import __version__
from tqa.align_mixed import align_segments
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
from tqa.suppress import Region

log = logging.getLogger(__name__)


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


#: documents this process has begun to check (tqa.runner records the
#: expressions its first check compiles only when it is the first)
documents_begun = 0


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
    global documents_begun
    documents_begun += 1
    if rules is None:
        rules, notes = active_rules(config)
    if document.units or document.format in UNIT_FORMATS:
        return check_units(document, config, rules=rules, notes=notes)
    segments, source_segments, alignment, findings, all_notes = _check_pair(
        document, source, config, rules, notes
    )
    if document.map is not None:  # a markup file: where each finding is in the file
        findings = _placed(findings, document.map)
        findings, markup_notes = _suppressed_in_file(findings, document)
        all_notes.extend(markup_notes)
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
            findings.extend(check.findings_of(declared))
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


def _suppressed_in_file(
    findings: list[Finding], document: Document
) -> tuple[list[Finding], list[Note]]:
    """The findings of a markup file that no ``tqa: ignore`` comment of the
    file suppresses (its comments are not in the prose the checks read, so
    tqa.runner cannot see them), with the notes of the file's comments. A
    comment in a code block is an example shown, not a comment. In HTML,
    whose elements follow one another without blank lines, a comment alone
    on its line covers the next block of text (a paragraph, a heading, an
    item), not everything up to the next blank line of the file."""
    import bisect

    from tqa import suppress
    from tqa.read.markup import original_offset

    mapping = document.map
    assert mapping is not None
    code = sorted(mapping.code)
    code_starts = [start for start, _ in code]

    def shown(offset: int) -> bool:
        index = bisect.bisect_right(code_starts, offset) - 1
        return index >= 0 and code[index][0] <= offset < code[index][1]

    found = [r for r in suppress.regions(mapping.original) if not shown(r.comment[0])]
    if document.format == "html":
        found = [_next_block(r, document.text, mapping) for r in found]

    def placed(finding: Finding) -> tuple[int, int]:
        start = original_offset(mapping, finding.start)
        end = (
            original_offset(mapping, finding.end, end=True)
            if finding.end > finding.start
            else start
        )
        return start, max(start, end)

    kept, suppressed = suppress.apply_regions(found, findings, placed)
    notes = suppress.unknown_codes(mapping.original, document.path, shown)
    if suppressed:
        notes.append(suppress.suppressed_note(suppressed))
    return list(kept), notes


def _next_block(region: Region, prose: str, mapping: TextMap) -> Region:
    """An HTML comment's region alone on its line, ended with the block of
    prose after the comment."""
    from tqa.read.markup import original_offset, prose_offset

    if region.start != region.comment[0]:
        return region  # after text on its line: that line
    at = prose_offset(mapping, region.comment[1], len(prose))
    while at < len(prose) and prose[at] in " \t\r\n":
        at += 1
    end = prose.find("\n\n", at)
    end = len(prose) if end < 0 else end
    cap = original_offset(mapping, end, end=True) if end > at else region.comment[1]
    return replace(region, end=min(region.end, max(cap, region.comment[1])))


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
