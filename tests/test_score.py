from __future__ import annotations

from tqa.config import Config
from tqa.model import Finding
from tqa.score import score


def finding(severity: str) -> Finding:
    return Finding("TQA-X-001", "x", "fluency/grammar", severity, 1.0, 0, 0, 1, "x", "m")  # type: ignore[arg-type]


def test_mqm_formula_matches_the_contract() -> None:
    findings = [finding("major")] * 17 + [finding("minor")]
    result = score(findings, 560, Config())
    assert result.penalty == 86 and result.value == 84.6 and not result.passed


def test_critical_fails_whatever_the_score() -> None:
    assert not score([finding("critical")], 100_000, Config()).passed


def test_fail_on_and_threshold() -> None:
    assert score([finding("minor")], 1000, Config()).passed
    assert not score([finding("minor")], 1000, Config(fail_on="minor")).passed
    assert score([finding("minor")], 1000, Config(fail_on="major")).passed
    assert score([], 0, Config(fail_under=100.0)).passed  # an empty document scores 100


def test_floor_at_zero_and_empty_document() -> None:
    assert score([finding("major")] * 10, 3, Config()).value == 0.0
    assert score([], 0, Config()).value == 100.0
