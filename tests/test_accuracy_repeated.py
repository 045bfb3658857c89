"""TQA-ACC-005 through the real CLI: a repeated name is major, a repeated
phrase of common words minor (the aligner may have missed the German words
of a genuine second mention)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair


def test_a_repeated_name_is_major_and_a_repeated_common_phrase_minor(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Selon le président, John Donahue quittera la société, a déclaré John Donahue.\n"
        "Le son atteint un niveau exceptionnellement élevé, un niveau exceptionnellement élevé.\n",
        "Laut dem Präsidenten wird John Donahue die Firma verlassen.\n"
        "Der Klang erreicht ein außergewöhnlich hohes Niveau.\n",
        "TQA-ACC-005",
    )
    assert [(f["text"], f["severity"]) for f in findings] == [
        ("John Donahue", "major"),
        ("exceptionnellement élevé", "minor"),
    ]
