"""TQA-ACC-013 through the real CLI: a French pronoun, article or preposition
capitalised in mid-sentence where its German word is in lower case, and the
names, titles and sentence starts it leaves alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

CODE = "TQA-ACC-013"


def test_a_pronoun_capitalised_in_mid_sentence_is_a_minor_finding(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Dans la salle d'audience, Ils sont assis en tenue de tous les jours.\n",
        "Im Gerichtssaal sitzen sie in Alltagskleidung auf der Richterbank.\n",
        CODE,
    )
    assert [f["text"] for f in findings] == ["Ils"]
    finding = findings[0]
    assert finding["severity"] == "minor" and finding["suggestions"] == ["ils"]
    assert "“sie”" in finding["evidence"]  # the German word, in lower case, as evidence
    assert finding["source_start"] is not None


def test_names_titles_and_sentence_starts_are_left_alone(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Selon Le Monde et La Haye : Les juges sont assis.\n"
        "Il a lu « Les misérables » à la radio. Le soir, Il Divo chante.\n"
        "[4] Au fur et à mesure, les locomotives sont rénovées.\n",
        "Laut Le Monde und Den Haag: Die Richter sitzen.\n"
        "Er hat „Les misérables“ im Radio gelesen. Abends singt Il Divo.\n"
        "[4] Mit der Zeit werden die Lokomotiven erneuert.\n",
        CODE,
    )
    assert findings == []


def test_without_a_source_nothing_is_compared(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tqa.cli import app

    target = tmp_path / "text.fr.txt"
    target.write_text("Dans la salle d'audience, Ils sont assis.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(target), "--isolated", "--format", "json", "--select", CODE]
    )
    assert result.exit_code == 0, result.output
    assert '"findings": []' in result.output
