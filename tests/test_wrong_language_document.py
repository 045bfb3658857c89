"""A document that is mostly not in the target language gets one clear verdict
(TQA-MIX-000, critical, exit 1) instead of a flood of segment and word findings."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SEED
from tqa.cli import app

runner = CliRunner()

GERMAN = (
    "Um Gerüchte zu entkräften, hat der Firmenchef am Montag ein Foto veröffentlicht.\n\n"
    "Darauf ist zu sehen, wie er sich impfen lässt. Die Aufnahme wurde in Mainz gemacht.\n\n"
    "Quellen\n"
)
ENGLISH = (
    "The summit was held in Astana on Monday, where the leaders discussed trade.\n\n"
    "What was agreed is a new railway connection, which is also under construction.\n"
)


def check(tmp_path: Path, text: str, *options: str) -> tuple[int, list[dict[str, str]]]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--isolated", "--format", "json", *options])
    findings = json.loads(result.output)["documents"][0]["findings"]
    return result.exit_code, findings


def test_a_german_file_gets_one_critical_verdict(tmp_path: Path) -> None:
    code, findings = check(tmp_path, GERMAN)
    assert code == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("TQA-MIX-000", "critical")]
    assert findings[0]["message"] == "document is in German, not French (100 % of words)"


def test_an_english_file_is_not_read_for_german_words(tmp_path: Path) -> None:
    # "was" and "also" were reported as German words with French suggestions
    code, findings = check(tmp_path, ENGLISH)
    assert code == 1
    assert [f["code"] for f in findings] == ["TQA-MIX-000"]
    assert findings[0]["message"].startswith("document is in English, not French")


def test_the_text_report_says_it_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--isolated"])
    assert result.exit_code == 1
    assert result.output.count("TQA-MIX") == 1
    assert "document is in German, not French" in result.output


def test_segment_findings_come_back_when_the_verdict_is_not_selected(tmp_path: Path) -> None:
    code, findings = check(tmp_path, GERMAN, "--ignore", "TQA-MIX-000")
    assert code == 1 and {f["code"] for f in findings} == {"TQA-MIX-001"}
    code, findings = check(tmp_path, GERMAN, "--select", "TQA-MIX-001")
    assert {f["code"] for f in findings} == {"TQA-MIX-001"}


def test_a_mixed_document_keeps_its_segment_findings(tmp_path: Path) -> None:
    code, findings = check(tmp_path, SEED.read_text(encoding="utf-8"))
    codes = {f["code"] for f in findings}
    assert code == 1 and "TQA-MIX-000" not in codes
    assert {"TQA-MIX-001", "TQA-MIX-002"} <= codes
