"""The check registry: every check is declared once with a stable code, a
kebab-case name, an MQM category, a default severity, its docs and examples.

A check is a pure function ``(CheckInput) -> Iterable[Finding]``. Check
modules are listed explicitly in ``tqa.checks.MODULES`` (no discovery by
reflection); importing one registers its rules through ``@rule``.
"""

from __future__ import annotations

import bisect
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from tqa.config import Config
from tqa.model import Bead, Document, Finding, Segment, Severity

if TYPE_CHECKING:
    from tqa.word_align import AlignedPair


@dataclass(frozen=True)
class Example:
    """A documented and tested behaviour of a rule.

    ``flagged`` lists the exact span texts the rule must report on ``text``
    (empty: the rule must stay silent). ``source`` gives a German source text
    for bilingual rules.
    """

    text: str
    flagged: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class CheckInput:
    """What a check sees: one target document, its segments (with languages),
    the alignment, and the German source when one was given."""

    document: Document
    segments: tuple[Segment, ...]
    config: Config
    alignment: tuple[Bead, ...] = ()
    source: Document | None = None
    source_segments: tuple[Segment, ...] = ()

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def target_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.lang == self.config.target_lang)

    @cached_property
    def word_pairs(self) -> tuple[AlignedPair, ...]:
        """Every bead with words on both sides, with its word alignment
        (computed once per document, on first use). Source offsets index the
        source document, or this document inside a mixed one."""
        from tqa.word_align import AlignedPair, align_pair, default_resources

        lexicon, pivot = default_resources()
        if self.source is not None:
            src_by_id = {s.id: s for s in self.source_segments}
        else:
            src_by_id = {s.id: s for s in self.segments}
        tgt_by_id = {s.id: s for s in self.segments}
        pairs = []
        for bead in self.alignment:
            src = [src_by_id[i] for i in bead.source if i in src_by_id]
            tgt = [tgt_by_id[j] for j in bead.target if j in tgt_by_id]
            if not src or not tgt:
                continue
            words = align_pair(
                [(s.start, s.text) for s in src],
                [(t.start, t.text) for t in tgt],
                lexicon=lexicon,
                pivot=pivot,
            )
            pairs.append(
                AlignedPair(
                    bead.source,
                    bead.target,
                    " ".join(s.text for s in src),
                    " ".join(t.text for t in tgt),
                    words,
                )
            )
        return tuple(pairs)

    @cached_property
    def _rule_findings(self) -> dict[str, tuple[Finding, ...]]:
        return {}

    def findings_of(self, declared: Rule) -> tuple[Finding, ...]:
        """The findings of rule ``declared`` on this document, computed once:
        the pipeline asks for them, and so does a rule that must not report
        what another one already has (TQA-GRM-010 and tqa's own agreement
        rules). A rule that raises is not remembered: asked again, it raises
        again."""
        found = self._rule_findings.get(declared.code)
        if found is None:
            found = tuple(declared.function(self))
            self._rule_findings[declared.code] = found
        return found

    @property
    def source_text(self) -> str:
        """The text that source offsets index: the source document, or this one."""
        return self.source.text if self.source is not None else self.document.text

    @cached_property
    def _segments_by_id(self) -> dict[int, Segment]:
        return {s.id: s for s in self.segments}

    @cached_property
    def source_segments_by_id(self) -> dict[int, Segment]:
        """Id → segment of the segments that source offsets index (built once:
        a dict per finding was quadratic in a document of many segments)."""
        pool = self.source_segments if self.source is not None else self.segments
        return {s.id: s for s in pool}

    @cached_property
    def _segment_starts(self) -> list[int] | None:
        """Segment starts, for a bisection: None unless the segments follow
        each other without overlapping (then the first segment holding an
        offset is found by scanning)."""
        starts = [s.start for s in self.segments]
        for before, after in zip(self.segments, self.segments[1:], strict=False):
            if after.start < before.end or after.start < before.start:
                return None
        return starts

    def segment_at(self, offset: int) -> int | None:
        """Id of the first segment whose [start, end] holds ``offset`` (end
        included), or None: a bisection, not a scan per finding."""
        starts = self._segment_starts
        if starts is None:
            return next(
                (s.id for s in self.segments if s.start <= offset <= s.end),
                None,
            )
        index = bisect.bisect_right(starts, offset) - 1
        # a segment ending where the next one starts holds that offset first
        for candidate in (index - 1, index):
            if 0 <= candidate < len(self.segments):
                segment = self.segments[candidate]
                if segment.start <= offset <= segment.end:
                    return segment.id
        return None

    @cached_property
    def _beads_of_target(self) -> dict[int, list[int]]:
        """Target segment id → indexes of the beads holding it, in order (built
        once: a check asks for every segment, and a scan per call was quadratic)."""
        index: dict[int, list[int]] = {}
        for number, bead in enumerate(self.alignment):
            for target in bead.target:
                index.setdefault(target, []).append(number)
        return index

    def aligned_source(self, segment_id: int, reach: int = 1) -> str | None:
        """The source text aligned with target segment ``segment_id``.

        With ``--source``: the bead's source segments, widened by ``reach``
        beads on each side so that a small alignment error does not hide the
        word a check looks for (the whole source when the segment is in no
        bead). In a mixed document: the German segment whose translation the
        segment is (a caption and its twin), or None when it has none."""
        beads = self._beads_of_target.get(segment_id, [])
        if self.source is None:
            by_id = self._segments_by_id
            twins = [by_id[i].text for b in beads for i in self.alignment[b].source if i in by_id]
            return " ".join(twins) if twins else None
        index = beads[0] if beads else None
        if index is None:
            return self.source.text
        ids = {
            i
            for bead in self.alignment[max(0, index - reach) : index + reach + 1]
            for i in bead.source
        }
        return " ".join(
            self.source_segments[i].text for i in sorted(ids) if 0 <= i < len(self.source_segments)
        )


CheckFunction = Callable[[CheckInput], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    function: CheckFunction = field(repr=False)
    examples: tuple[Example, ...] = ()
    requires: tuple[str, ...] = ()
    """Names of resources (see backends.resources) without which the rule is skipped."""
    configured_by: str = ""
    """The configuration key that turns the rule on (it is silent without it)."""
    default: bool = True
    """False: the rule runs only when its code is selected (--select TQA-GRM-002),
    because it does not earn a place by default (its measured figures say why)."""

    def enabled(self, config: Config) -> bool:
        """Whether ``config`` runs this rule."""
        if not config.rule_enabled(self.code):
            return False
        return self.default or self.code in config.select

    @property
    def title(self) -> str:
        doc = inspect.getdoc(self.function) or ""
        return doc.splitlines()[0] if doc else self.name

    @property
    def description(self) -> str:
        doc = inspect.getdoc(self.function) or ""
        return "\n".join(doc.splitlines()[1:]).strip()

    def finding(
        self,
        check: CheckInput,
        start: int,
        end: int,
        message: str,
        *,
        segment: int | None,
        confidence: float,
        suggestions: Iterable[str] = (),
        evidence: str = "",
        severity: Severity | None = None,
        source_span: tuple[int, int] | None = None,
    ) -> Finding:
        """Build a Finding of this rule; the span text comes from the document."""
        configured = check.config.severities.get(self.code) or check.config.severities.get(
            self.name
        )
        return Finding(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=configured or severity or self.severity,  # type: ignore[arg-type]
            confidence=round(confidence, 2),
            segment=segment,
            start=start,
            end=end,
            text=check.text[start:end],
            message=message,
            suggestions=tuple(dict.fromkeys(suggestions)),
            evidence=evidence,
            source_start=source_span[0] if source_span else None,
            source_end=source_span[1] if source_span else None,
        )


#: items that a finding's message or evidence lists before "… (N in all)"
LISTED = 20


def listed(items: list[str], sep: str = " ") -> str:
    """``items`` joined by ``sep``, only the first LISTED of them when there are
    more: a finding that lists every placeholder or number of a sentence pair
    grew with its size (thousands of them made a report quadratic)."""
    if len(items) <= LISTED:
        return sep.join(items)
    return sep.join(items[:LISTED]) + f" … ({len(items)} in all)"


REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    category: str,
    severity: Severity,
    *,
    examples: Iterable[Example] = (),
    requires: Iterable[str] = (),
    configured_by: str = "",
    default: bool = True,
) -> Callable[[Callable[[Rule, CheckInput], Iterable[Finding]]], Rule]:
    """Declare a check. The decorated function receives its own Rule (to build
    findings) and the CheckInput."""

    def register(function: Callable[[Rule, CheckInput], Iterable[Finding]]) -> Rule:
        if code in REGISTRY:
            raise ValueError(f"duplicate rule code {code}")
        holder: list[Rule] = []

        def bound(check: CheckInput) -> Iterable[Finding]:
            return function(holder[0], check)

        bound.__doc__ = function.__doc__
        bound.__name__ = function.__name__
        declared = Rule(
            code,
            name,
            category,
            severity,
            bound,
            tuple(examples),
            tuple(requires),
            configured_by,
            default,
        )
        holder.append(declared)
        REGISTRY[code] = declared
        return declared

    return register
