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


def test_a_duration_in_heures_is_a_decimal_not_a_time() -> None:
    report = check_text("Le chantier a demandé 12.50 heures de travail, livré à 14.30 heures.\n")
    found = [(f.text, f.suggestions) for f in report.findings if f.code == "TQA-TYP-004"]
    assert [text for text, _ in found] == ["12.50", "14.30 heures"]
    assert found[0][1] == ("12,50",)
