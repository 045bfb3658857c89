"""TQA-TYP-004 on a time of day written the German way (9.05 h, 14.30 Uhr):
the message and evidence name the time that was found, not a fixed one."""

from __future__ import annotations

from tests.conftest import check_text
from tqa.config import Config


def test_a_german_time_is_reported_with_its_own_french_form() -> None:
    report = check_text("Rendez-vous à 9.05 h devant la gare.\n", Config(select=("TQA-TYP-004",)))
    [finding] = report.findings
    assert finding.text == "9.05 h"
    assert "9 h 05" in finding.message and "14 h 30" not in finding.message
    assert "“h”" in finding.evidence
