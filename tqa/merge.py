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


def merge(findings: Sequence[Finding], segments: Sequence[Segment] = ()) -> list[Finding]:
    """Findings of different rules on the same span, or a segment-wide
    mistranslation finding around a precise one, merged into one."""
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
    # a segment-wide finding around a precise one of the same family
    precise = [f for f in ordered if id(f) not in dropped]
    for wide in precise:
        if id(wide) in dropped:
            continue
        for narrow in precise:
            if narrow is wide or id(narrow) in dropped or narrow.code == wide.code:
                continue
            if (
                narrow.category == wide.category
                and wide.category in PRECISE_WINS
                and _covers(wide, narrow, whole)
            ):
                dropped.add(id(wide))
                absorbed.setdefault(id(narrow), []).append(wide)
                break
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
