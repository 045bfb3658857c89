"""The values passed between pipeline stages.

Data flows one way: Document → Segment (with language and LangSpans) →
Bead (alignment) → Finding → Score → DocumentReport → Report.
Every type here is a frozen dataclass without I/O; offsets are code-point
offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["neutral", "minor", "major", "critical"]
SEVERITIES: tuple[Severity, ...] = ("neutral", "minor", "major", "critical")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

SegmentKind = Literal["heading", "paragraph", "sentence", "line"]


@dataclass(frozen=True)
class Document:
    """A decoded input text. ``path`` is what reports show ("-" for stdin).

    A bilingual file (XLIFF, TMX, PO) is read as its translation units:
    ``text`` holds their targets one after the other (a blank line between
    two), ``source`` their sources likewise, and ``units`` where each unit's
    source and target are; such a document is checked unit by unit, each
    unit one bead (tqa.pipeline.check_document)."""

    path: str
    text: str
    units: tuple[Unit, ...] = ()
    source: Document | None = None
    format: str = "text"
    """The reader that made it: text, xliff, tmx, po, markdown, html."""
    map: TextMap | None = None
    """A markup file (Markdown, HTML): how ``text``, its prose, maps back to the file."""


@dataclass(frozen=True)
class TextMap:
    """How the prose taken out of a markup file maps back to it: piece n of
    the text starts at ``starts[n]`` and stands for the file's
    ``lengths[n]`` characters at ``origins[n]`` (copied verbatim when the
    lengths agree; an entity or a block break otherwise)."""

    original: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]
    lengths: tuple[int, ...]
    code: tuple[tuple[int, int], ...] = ()
    """The file's code blocks (start, end): a comment there is an example
    shown, not a comment of the file (``tqa: ignore`` comments are not read there)."""


@dataclass(frozen=True)
class InlineTag:
    """An inline tag or code of a bilingual file (``<g>``, ``<x/>``, ``<ph>``,
    ``<bpt>``, ``<pc>``…), kept out of the checked text; ``offset`` is where
    it stood in that text (code points). A paired tag has an opening and a
    ``closing`` entry; ``code`` is its native code or ``equiv`` text, if any."""

    offset: int
    kind: str
    id: str = ""
    closing: bool = False
    code: str = ""


@dataclass(frozen=True)
class UnitInfo:
    """What a report says about the translation unit of a finding: its id
    (``segment`` for one of several segments of an XLIFF 2 unit), its state
    (XLIFF ``state``, ``fuzzy`` for PO) and its notes."""

    id: str
    segment: str | None = None
    state: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit:
    """One translation unit of a bilingual file: ``start``/``end`` index
    ``Document.text``, ``source_start``/``source_end`` the source text;
    tags are offsets into the same texts; ``line`` is where the unit is in
    the file (1-based; None when the format does not say)."""

    info: UnitInfo
    start: int
    end: int
    source_start: int
    source_end: int
    line: int | None = None
    tags: tuple[InlineTag, ...] = ()
    source_tags: tuple[InlineTag, ...] = ()


@dataclass(frozen=True)
class Origin:
    """Where a finding is in the original file when the checked text is
    extracted from it (a bilingual or markup file): 1-based line and column
    (code points); a column is None when only the line is known."""

    line: int
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True)
class LangSpan:
    """A word or short run inside a segment whose language differs from the segment's."""

    start: int
    end: int
    text: str
    lang: str
    confidence: float
    evidence: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Segment:
    """A unit of text: a heading, a sentence, a paragraph or a line.

    ``block`` numbers the heading/paragraph the segment belongs to, so that
    checks about paragraphs (final punctuation) can see where one ends.
    ``lang``/``confidence`` are filled by language identification; ``spans``
    lists words in another language than ``lang``.
    """

    id: int
    start: int
    end: int
    text: str
    kind: SegmentKind
    block: int
    block_end: bool = True
    lang: str = "und"
    confidence: float = 0.0
    spans: tuple[LangSpan, ...] = ()

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass(frozen=True)
class Bead:
    """One alignment bead: source segment ids ↔ target segment ids (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    category: str
    severity: Severity
    confidence: float
    segment: int | None
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    evidence: str = ""
    source_start: int | None = None
    """With a source: the German words the finding is about (code-point offsets
    into the source document), for omissions above all, whose target span is empty."""
    source_end: int | None = None
    unit: UnitInfo | None = None
    """In a bilingual file: the translation unit the finding is in."""
    origin: Origin | None = None
    """In a bilingual or markup file: where the finding is in the original file."""


@dataclass(frozen=True)
class Score:
    value: float
    threshold: float
    passed: bool
    penalty: float


@dataclass(frozen=True)
class Note:
    """Something a reader of the report should know that is not a finding:
    a skipped check and why, an empty document."""

    kind: str
    message: str


@dataclass(frozen=True)
class DocumentReport:
    path: str
    text: str
    source_lang: str
    target_lang: str
    words: int
    score: Score
    segments: tuple[Segment, ...]
    alignment: tuple[Bead, ...]
    findings: tuple[Finding, ...]
    notes: tuple[Note, ...] = ()
    source: DocumentSide | None = None
    units: tuple[Unit, ...] = ()
    format: str = "text"
    references: tuple[ReferenceScores, ...] = ()
    """Scores against a reference translation (``--reference``) or the
    post-edited version of this raw MT (``--post-edited``), see tqa.metrics."""
    spill: Spill | None = None
    """A large bilingual file checked in blocks (tqa.blocks): where the parts
    of its report that are not held in memory are."""


@dataclass(frozen=True)
class Spill:
    """The parts of a report that grow with a bilingual file's units (its
    segments, alignment, source segments and source text), written as JSON
    to files in ``directory`` block by block instead of held in memory (the
    report's own ``segments``, ``alignment`` and ``source`` are left empty).
    ``entries``: what the batch-wide consistency checks compare, one per
    unit (tqa.checks.structure)."""

    directory: str
    entries: tuple[Any, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class DocumentSide:
    """The German source of a ``--source`` pair, as shown in reports."""

    path: str
    text: str
    segments: tuple[Segment, ...]


ReferenceKind = Literal["reference", "post-edited"]
EditOp = Literal["delete", "substitute", "insert"]


@dataclass(frozen=True)
class Edit:
    """A word-level edit that turned the raw MT into its post-edited version.
    ``start``/``end`` index the document (raw MT) text: the words deleted or
    substituted, or, for an insertion, the point where words were inserted
    (``start == end``); ``ref_start``/``ref_end`` index the post-edited text
    likewise (empty for a deletion). ``text`` is the raw words, ``replacement``
    the post-edited ones."""

    op: EditOp
    start: int
    end: int
    ref_start: int
    ref_end: int
    text: str
    replacement: str


@dataclass(frozen=True)
class ScoredBead:
    """Document segments ``hypothesis`` paired with reference segments
    ``reference`` by the alignment (either side may be empty: a sentence added
    or left out), scored on their joined texts; TER is the edits per reference
    word × 100. ``edits`` only against a post-edited version."""

    hypothesis: tuple[int, ...]
    reference: tuple[int, ...]
    bleu: float
    chrf: float
    ter: float
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class ReferenceScores:
    """A document scored against one reference file (sacrebleu BLEU, chrF,
    TER): ``kind`` reference, or post-edited (TER is then HTER, the share of
    words the post-editor changed). Document scores are sacrebleu's corpus
    scores over the beads (None when there is no text to score);
    ``signatures`` maps bleu, chrf, ter and sentence_bleu to sacrebleu's
    signature strings."""

    kind: ReferenceKind
    path: str
    text: str
    segments: tuple[Segment, ...]
    beads: tuple[ScoredBead, ...]
    bleu: float | None
    chrf: float | None
    ter: float | None
    signatures: tuple[tuple[str, str], ...]
    pairing: str = "alignment"
    """How the segments were paired: ``alignment`` (tqa's sentence aligner)
    or ``lines`` (line n with line n)."""


@dataclass(frozen=True)
class Unpaired:
    """A file of a batch of translation pairs that has no partner: a German
    source without its French translation (``side`` "source", not checked),
    or a French file without its source (``side`` "target", checked alone)."""

    path: str
    side: Literal["source", "target"]
    message: str


@dataclass(frozen=True)
class Report:
    documents: tuple[DocumentReport, ...]
    tool_version: str
    errors: tuple[str, ...] = field(default=())
    unpaired: tuple[Unpaired, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return all(doc.score.passed for doc in self.documents)


def count_words(text: str) -> int:
    """Words as MQM counts them: whitespace-separated tokens with a letter or digit."""
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
