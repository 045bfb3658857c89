"""TQA-ACC-011 through the real CLI: a French imperative where the German
writer speaks of what they will do, and the cases it leaves alone."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tqa.cli import app

runner = CliRunner()


def check(tmp_path: Path, french: str, german: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    target = tmp_path / "mail.fr.txt"
    source = tmp_path / "mail.de.txt"
    target.write_text(french, encoding="utf-8")
    source.write_text(german, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "check",
            str(target),
            "--source",
            str(source),
            "--isolated",
            "--segmentation",
            "lines",
            "--format",
            "json",
            "--select",
            "TQA-ACC-011",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["documents"][0]["findings"]


GERMAN = "Ich werde die 30 € aus meinem Warenkorb entfernen und woanders bestellen.\n"


def test_an_imperative_for_what_the_writer_will_do_is_a_minor_finding(tmp_path: Path) -> None:
    _, findings = check(tmp_path, "Enlevez les 30 € de mon panier et commandez ailleurs.\n", GERMAN)
    assert [f["text"] for f in findings] == ["Enlevez", "commandez"]
    assert all(f["severity"] == "minor" for f in findings)
    assert "first person" in findings[0]["evidence"]


def test_the_writer_s_own_plan_and_an_addressed_reader_are_left_alone(tmp_path: Path) -> None:
    _, findings = check(
        tmp_path, "Je vais enlever les 30 € de mon panier et commander ailleurs.\n", GERMAN
    )
    assert findings == []
    _, findings = check(
        tmp_path,
        "Enlevez le couvercle, je vous montre la suite.\n",
        "Nehmen Sie den Deckel ab, ich zeige Ihnen den Rest.\n",
    )
    assert findings == []
    # a question with an inverted subject is no imperative
    _, findings = check(
        tmp_path,
        "Pouvez-vous m'aider ? J'ai perdu mon colis.\n",
        "Können wir das klären? Ich habe mein Paket verloren.\n",
    )
    assert findings == []
