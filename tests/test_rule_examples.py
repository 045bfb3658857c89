"""Every rule's documented examples are run through the pipeline, so the docs
shown by `tqa explain` and the behaviour cannot drift apart."""

from __future__ import annotations

import pytest

from tests.conftest import check_text
from tqa.backends import resources
from tqa.checks import all_rules
from tqa.config import Config

CASES = [
    pytest.param(rule, example, id=f"{rule.code}-{index}")
    for rule in all_rules()
    for index, example in enumerate(rule.examples)
]


def test_every_rule_is_documented_with_a_firing_and_a_silent_example() -> None:
    for rule in all_rules():
        assert rule.title and rule.description, rule.code
        if not rule.configured_by:  # a rule that a config key turns on is silent by default
            assert any(e.flagged for e in rule.examples), f"{rule.code} has no firing example"
        assert any(not e.flagged for e in rule.examples), f"{rule.code} has no silent example"


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example) -> None:  # type: ignore[no-untyped-def]
    missing = [name for name in rule.requires if resources.by_name(name).location() is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    config = Config() if rule.default else Config(select=(rule.code,))  # off by default
    report = check_text(example.text, config, source=example.source)
    # a finding merged into another rule's on the same span (tqa.merge) names it in its evidence
    found = [
        f.text
        for f in report.findings
        if f.code == rule.code
        or f"also {rule.code}:" in f.evidence
        or f"; {rule.code}:" in f.evidence
    ]
    assert found == list(example.flagged)
    for finding in report.findings:
        assert example.text[finding.start : finding.end] == finding.text
