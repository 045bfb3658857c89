"""TQA-ACC-014 through the real CLI: müssen with nicht (need not) rendered
ne doit pas (must not), the hearsay sollen … haben rendered aurait dû, and the
renderings and constructions it leaves alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

CODE = "TQA-ACC-014"


def test_need_not_rendered_as_must_not_is_a_major_finding(tmp_path: Path) -> None:
    status, findings = check_pair(
        tmp_path,
        "Honnêtement, je suis infiniment reconnaissant de ne pas travailler : je ne dois pas travailler.\n",
        "Ehrlich, ich bin unendlich dankbar, dass ich nicht arbeiten muss.\n",
        CODE,
    )
    assert [f["text"] for f in findings] == ["ne dois pas"]
    assert findings[0]["severity"] == "major"
    assert "nicht arbeiten muss" in findings[0]["evidence"]
    assert findings[0]["source_start"] is not None
    assert status == 1  # a major error fails the default gate


def test_hearsay_rendered_as_should_have_is_reported(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Un protêt vise une infraction de Max Verstappen, car il aurait dû dépasser illégalement.\n",
        "Ein Protest bezieht sich auf einen Verstoß von Max Verstappen, "
        "als er regelwidrig überholt haben soll.\n",
        CODE,
    )
    assert [f["text"] for f in findings] == ["aurait dû"]
    assert "überholt haben soll" in findings[0]["evidence"]


def test_right_renderings_and_other_modals_are_left_alone(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Je ne suis pas obligé de travailler.\n"
        "Ils ne doivent pas forcément accepter cela.\n"
        "Les enfants ne doivent pas jouer ici.\n"
        "Il aurait dépassé illégalement.\n"
        "Nous ne devons pas seulement parler, mais agir.\n"
        "Il aurait dû venir.\n",
        "Ich muss nicht arbeiten.\n"
        "Sie müssen das nicht unbedingt hinnehmen.\n"
        "Die Kinder dürfen hier nicht spielen.\n"
        "Er soll regelwidrig überholt haben.\n"
        "Wir müssen nicht nur reden, sondern handeln.\n"
        "Er hätte kommen sollen.\n",
        CODE,
    )
    assert findings == []


def test_sollte_with_a_perfect_infinitive_is_should_have_not_hearsay(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Le train aurait dû arriver depuis longtemps.\n"
        "En fait, les travaux auraient dû être terminés l'an dernier.\n",
        "Der Zug sollte längst angekommen sein.\n"
        "Eigentlich sollten die Arbeiten letztes Jahr beendet worden sein.\n",
        CODE,
    )
    assert findings == []
