"""The values passed between pipeline stages.

Data flows one way: Document → Segment (with language and LangSpans) →
Bead (alignment) → Finding → Score → DocumentReport → Report.
Every type here is a frozen dataclass without I/O; offsets are code-point
offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["neutral", "minor", "major", "critical"]
SEVERITIES: tuple[Severity, ...] = ("neutral", "minor", "major", "critical")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

SegmentKind = Literal["heading", "paragraph", "sentence", "line"]


@dataclass(frozen=True)
class Document:
    """A decoded input text. ``path`` is what reports show ("-" for stdin)."""

    path: str
    text: str


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


@dataclass(frozen=True)
class DocumentSide:
    """The German source of a ``--source`` pair, as shown in reports."""

    path: str
    text: str
    segments: tuple[Segment, ...]


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
