"""Findings → MQM-style score.

Each finding costs the penalty of its severity (neutral 0, minor 1, major 5,
critical 25 by default); the score is ``100 × (1 − penalty / words)`` floored
at 0. A critical finding fails the document whatever its score, and so does
an accuracy finding (category ``accuracy/…``) at or above ``fail-on-accuracy``
(major by default): a mistranslated sentence must not pass because the rest
of a long document is clean.
"""

from __future__ import annotations

from collections.abc import Iterable

from tqa.config import Config
from tqa.model import SEVERITY_RANK, Finding, Score


def score(findings: Iterable[Finding], words: int, config: Config) -> Score:
    findings = tuple(findings)
    penalty = sum(config.penalties.get(f.severity, 0.0) for f in findings)
    value = (
        100.0 if words == 0 and penalty == 0 else max(0.0, 100.0 * (1.0 - penalty / max(words, 1)))
    )
    value = round(value, 1)
    passed = value >= config.fail_under and not any(f.severity == "critical" for f in findings)
    if config.fail_on_accuracy is not None:
        floor = SEVERITY_RANK[config.fail_on_accuracy]
        passed = passed and not any(
            f.category.startswith("accuracy/") and SEVERITY_RANK[f.severity] >= floor
            for f in findings
        )
    if config.fail_on is not None:
        floor = SEVERITY_RANK[config.fail_on]
        passed = passed and not any(SEVERITY_RANK[f.severity] >= floor for f in findings)
    return Score(value=value, threshold=config.fail_under, passed=passed, penalty=round(penalty, 2))
