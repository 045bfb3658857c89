"""TQA-ACC-010 through the real CLI: a known wrong sense (Corona → couronne,
a bicycle's Schlauch → tuyau, selected by the domain of the German document)
and a cancelled event said to take place, with the German words as the
finding's source span."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import check_pair
from tqa.checks.accuracy_senses import wrong_senses


def check(tmp_path: Path, french: str, german: str) -> tuple[int, list[dict[str, Any]]]:
    return check_pair(tmp_path, french, german, "TQA-ACC-010")


def test_a_wrong_sense_is_reported_on_the_french_word_with_the_german_word(
    tmp_path: Path,
) -> None:
    german = "Die Corona-Krise hat die Künstler hart getroffen.\nSie hoffen auf das neue Jahr.\n"
    french = "La crise de la couronne a durement frappé les artistes.\nIls espèrent en la nouvelle année.\n"
    status, findings = check(tmp_path, french, german)
    assert status == 1  # major: fails the default gate
    [finding] = findings
    assert finding["text"] == "couronne" and finding["severity"] == "major"
    assert german[finding["source_start"] : finding["source_end"]] == "Corona"
    assert "corona-couronne" in finding["evidence"]


def test_the_domain_of_the_german_document_selects_the_sense(tmp_path: Path) -> None:
    bicycle = "Der Reifen war platt.\nIch hatte keinen Ersatzschlauch dabei.\n"
    french = "Le pneu était à plat.\nJe n'avais pas de tuyau de rechange.\n"
    _, findings = check(tmp_path, french, bicycle)
    assert [f["text"] for f in findings] == ["tuyau"]
    garden = "Der Garten war trocken.\nIch hatte keinen Ersatzschlauch dabei.\n"
    french = "Le jardin était sec.\nJe n'avais pas de tuyau de rechange.\n"
    _, findings = check(tmp_path, french, garden)
    assert findings == []


def test_a_cancelled_event_said_to_take_place_is_an_omission_at_the_german_verb(
    tmp_path: Path,
) -> None:
    german = "Auch seine Konzerte im Advent sollen ausfallen.\n"
    _, findings = check(tmp_path, "Ses concerts de l'Avent doivent aussi se produire.\n", german)
    [finding] = findings
    assert finding["text"] == ""
    assert german[finding["source_start"] : finding["source_end"]] == "ausfallen"
    _, findings = check(tmp_path, "Ses concerts de l'Avent sont aussi annulés.\n", german)
    assert findings == []
    # not an event: days that turn out shorter
    _, findings = check(
        tmp_path,
        "Il faut compter avec des jours plus courts.\n",
        "Man muss damit rechnen, dass die Tage kürzer ausfallen.\n",
    )
    assert findings == []


def test_every_row_of_the_table_compiles_and_names_its_scope_severity_and_origin() -> None:
    from tqa.lexicon import read_table

    table = wrong_senses()
    assert len(table) >= 20
    assert {s.scope for s in table} <= {"document", "sentence"}
    assert {s.severity for s in table} <= {"minor", "major"}
    assert {row["origin"] for row in read_table("wrong-senses.tsv")} == {"dev", "general"}


@pytest.mark.parametrize(
    ("german", "french", "flagged"),
    [
        (
            "Wegen der Krise sind viele Beschäftigte in Kurzarbeit.\n",
            "En raison de la crise, de nombreux salariés sont en travail court.\n",
            "travail court",
        ),
        (
            "Das Netzteil ist im Lieferumfang enthalten.\n",
            "La partie du réseau est comprise dans la livraison.\n",
            "partie du réseau",
        ),
        (
            "Der Stürmer erzielte in der Bundesliga sein drittes Tor.\n",
            "L'attaquant a marqué sa troisième porte en Bundesliga.\n",
            "porte",
        ),
        (
            "Der Täter ist nach dem Unfall geflüchtet, die Polizei hat Anzeige erstattet.\n",
            "L'auteur a pris la fuite après l'accident, la police a publié une annonce.\n",
            "annonce",
        ),
    ],
)
def test_rows_written_from_general_knowledge_report_their_wrong_rendering(
    tmp_path: Path, german: str, french: str, flagged: str
) -> None:
    _, findings = check(tmp_path, french, german)
    assert [f["text"] for f in findings] == [flagged]
