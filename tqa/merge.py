"""One finding per problem.

Two rules may report the same span (TQA-MT-005 and TQA-MT-006 on a
translated domain name), or a rule may report a whole segment for what
another reports precisely (TQA-ALN-004 "source identifier missing" on the
sentence, TQA-MT-006 "identifier changed" on the word). Readers then see two
findings, sometimes with different suggestions, and the score counts the
problem twice. Here they become one: the more severe (then more confident,
then more precise) finding is kept, and the evidence names the others.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from tqa.model import SEVERITY_RANK, Finding, Segment


def _rank(finding: Finding) -> tuple[int, float, int]:
    return (SEVERITY_RANK[finding.severity], finding.confidence, -(finding.end - finding.start))


#: categories where a segment-wide finding ("source identifier missing") gives
#: way to a precise one inside it ("identifier changed"); elsewhere the
#: segment-wide finding says more (an untranslated segment against its words)
PRECISE_WINS = frozenset({"accuracy/mistranslation"})


def _covers(wide: Finding, narrow: Finding, whole: set[tuple[int, int]]) -> bool:
    """``wide`` is a finding on a whole segment that contains ``narrow``."""
    return (
        (wide.start, wide.end) in whole
        and wide.start <= narrow.start
        and narrow.end <= wide.end
        and (wide.end - wide.start) > (narrow.end - narrow.start)
        and wide.segment is not None
        and wide.segment == narrow.segment
        and narrow.end > narrow.start
    )


#: rules whose findings are a translation model's opinion (tqa.checks.neural):
#: evidence for another accuracy finding on the same words rather than a second finding
MODEL_EVIDENCE = ("TQA-NEU-",)
#: accuracy findings that take a model's opinion as evidence
CORROBORATED = ("accuracy/mistranslation", "accuracy/omission")


def _touches(finding: Finding, start: int, end: int) -> bool:
    """``finding`` overlaps [start, end), or is an empty span (an omission) at its edge or inside."""
    if finding.end == finding.start:
        return start <= finding.start <= end
    return finding.start < end and start < finding.end


def corroborate(findings: Sequence[Finding]) -> list[Finding]:
    """A translation model's finding (TQA-NEU-*) on words that another accuracy
    finding (mistranslation, omission) of the same segment also reports is
    folded into that finding: its evidence gains the model's, and its
    confidence the support of a second, independent signal (noisy-or,
    at most 0.99). Linear in the findings times the few accuracy findings
    of one place."""
    model = [f for f in findings if f.code.startswith(MODEL_EVIDENCE)]
    if not model:
        return list(findings)
    others = sorted(
        (
            f
            for f in findings
            if not f.code.startswith(MODEL_EVIDENCE) and f.category in CORROBORATED
        ),
        key=lambda f: (f.start, f.end),
    )
    starts = [f.start for f in others]
    widest = max((f.end - f.start for f in others), default=0)
    support: dict[int, list[Finding]] = {}
    used: set[int] = set()
    for opinion in model:
        # an accuracy finding touching [start, end) starts at most `widest` before it
        first = bisect.bisect_left(starts, opinion.start - widest)
        last = bisect.bisect_right(starts, opinion.end)
        for other in others[first:last]:
            if other.segment == opinion.segment and _touches(other, opinion.start, opinion.end):
                support.setdefault(id(other), []).append(opinion)
                used.add(id(opinion))
    out: list[Finding] = []
    for finding in findings:
        if id(finding) in used:
            continue
        opinions = support.get(id(finding))
        if opinions:
            doubt = 1.0 - finding.confidence
            for opinion in opinions:
                doubt *= 1.0 - opinion.confidence
            said = "; ".join(f"{o.code}: {o.evidence or o.message}" for o in opinions)
            evidence = (
                f"{finding.evidence}; model: {said}" if finding.evidence else f"model: {said}"
            )
            finding = replace(
                finding, evidence=evidence, confidence=round(min(0.99, 1.0 - doubt), 2)
            )
        out.append(finding)
    return out


def merge(findings: Sequence[Finding], segments: Sequence[Segment] = ()) -> list[Finding]:
    """Findings of different rules on the same span, or a segment-wide
    mistranslation finding around a precise one, merged into one; a
    translation model's finding on another accuracy finding's words becomes
    its evidence (corroborate)."""
    findings = corroborate(findings)
    whole = {(s.start, s.end) for s in segments}
    kept: list[Finding] = []
    absorbed: dict[int, list[Finding]] = {}
    ordered = sorted(findings, key=lambda f: (f.start, f.end, f.code))
    by_span: dict[tuple[int, int], list[Finding]] = {}
    for finding in ordered:
        if finding.end > finding.start:
            by_span.setdefault((finding.start, finding.end), []).append(finding)
    dropped: set[int] = set()
    for group in by_span.values():
        codes = {f.code for f in group}
        if len(codes) < 2:
            continue
        best = max(group, key=_rank)
        for other in group:
            if other is not best and other.code != best.code:
                dropped.add(id(other))
                absorbed.setdefault(id(best), []).append(other)
    # a segment-wide finding around a precise one of the same family; only a
    # finding on a whole segment can be one, and only findings of its segment
    # can be inside it (looking at every pair was quadratic: 10,000 findings
    # on one line took minutes)
    precise = [f for f in ordered if id(f) not in dropped]
    in_segment: dict[int, list[Finding]] = {}
    for finding in precise:
        if finding.segment is not None:
            in_segment.setdefault(finding.segment, []).append(finding)
    # Wide findings of one rule on one segment look for the same narrow one:
    # the answer of the first look is kept (thousands of "number missing"
    # findings on one segment, each scanning the segment's findings, were
    # quadratic). A look that found nothing stays right, as only wide findings
    # are dropped here; a narrow finding found is checked again before reuse.
    found: dict[tuple[int, int, int, str, str], Finding | None] = {}
    for wide in precise:
        if (
            id(wide) in dropped
            or wide.segment is None
            or wide.category not in PRECISE_WINS
            or (wide.start, wide.end) not in whole
        ):
            continue
        look = (wide.segment, wide.start, wide.end, wide.code, wide.category)
        narrow_found = found.get(look)
        if look not in found or (narrow_found is not None and id(narrow_found) in dropped):
            narrow_found = next(
                (
                    narrow
                    for narrow in in_segment[wide.segment]
                    if narrow is not wide
                    and id(narrow) not in dropped
                    and narrow.code != wide.code
                    and narrow.category == wide.category
                    and _covers(wide, narrow, whole)
                ),
                None,
            )
            found[look] = narrow_found
        if narrow_found is not None:
            dropped.add(id(wide))
            absorbed.setdefault(id(narrow_found), []).append(wide)
    for finding in ordered:
        if id(finding) in dropped:
            continue
        others = absorbed.get(id(finding))
        if others:
            also = "; ".join(f"{o.code}: {o.message}" for o in others)
            evidence = f"{finding.evidence}; also {also}" if finding.evidence else f"also {also}"
            finding = replace(finding, evidence=evidence)
        kept.append(finding)
    return kept
