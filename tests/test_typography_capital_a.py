"""TQA-TYP-008 through the real CLI: "A" for the preposition "À" at the start
of a sentence, and the capital A's it leaves alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair


def test_a_for_a_grave_at_the_start_of_a_sentence_is_reported(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "A Berlin, le Sénat a voté.\nIl a gagné. A 21 ans, il est champion.\n",
        "In Berlin hat der Senat abgestimmt.\nEr hat gewonnen. Mit 21 ist er Meister.\n",
        "TQA-TYP-008",
    )
    assert [(f["text"], f["suggestions"], f["severity"]) for f in findings] == [
        ("A", ["À"], "minor"),
        ("A", ["À"], "minor"),
    ]


def test_a_verb_a_letter_and_a_road_of_the_source_are_left_alone(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "A-t-il voté ?\nLe plan A a échoué.\nA 7 fermée entre Hambourg et Kiel.\n",
        "Hat er abgestimmt?\nPlan A ist gescheitert.\nA 7 zwischen Hamburg und Kiel gesperrt.\n",
        "TQA-TYP-008",
    )
    assert findings == []
