"""TQA-ACC-015 through the real CLI: a German weekday of one date (am Samstag)
rendered with the article of a habit (le samedi), and the dates, habits and
weekend narratives it leaves alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

CODE = "TQA-ACC-015"


def test_one_day_rendered_as_a_habit_is_a_minor_finding(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Les Riesen reçoivent déjà Bonn. Le samedi à la Hohenlohe-Arena, seuls 750 spectateurs sont admis.\n",
        "Die Riesen empfangen bereits Bonn. Am Samstag in der Hohenlohe-Arena sind nur 750 Zuschauer "
        "zugelassen.\n",
        CODE,
    )
    assert [f["text"] for f in findings] == ["Le samedi"]
    finding = findings[0]
    assert finding["severity"] == "minor" and finding["suggestions"] == ["Samedi"]
    assert "“Am Samstag”" in finding["evidence"] and finding["source_start"] is not None


def test_dates_habits_and_a_weekend_told_in_turn_are_left_alone(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Samedi, à la Hohenlohe-Arena, seuls 750 spectateurs sont admis.\n"
        "Le samedi 3 mars, la salle était pleine.\n"
        "Le marché se tient le samedi sur la place.\n"
        "Le samedi matin, il neigeait.\n"
        "Le samedi, il a repoussé l'attaque.\n"
        "Puis, le dimanche, il a accru son avance.\n",
        "Am Samstag in der Hohenlohe-Arena sind nur 750 Zuschauer zugelassen.\n"
        "Am Samstag, 3. März, war die Halle voll.\n"
        "Der Markt findet jeden Samstag auf dem Platz statt.\n"
        "Am Samstag schneite es morgens.\n"
        "Erst wehrte er am Samstag den Angriff ab.\n"
        "Dann fuhr er am Sonntag einen größeren Vorsprung heraus.\n",
        CODE,
    )
    assert findings == []


# --- TQA-ACC-019 night-before-made-night-after ---------------------------------------


def test_the_night_before_saturday_made_saturday_evening_is_major(tmp_path: Path) -> None:
    status, findings = check_pair(
        tmp_path,
        "Samedi soir, plusieurs tornades ont causé de graves ravages aux États-Unis.\n"
        "55 migrants ont été arrêtés dans la nuit de dimanche et reconduits à la frontière.\n"
        "Il a plu dans la nuit de vendredi à samedi.\n",
        "In der Nacht auf den Samstag haben mehrere Tornados in den USA schwere Verwüstungen "
        "angerichtet.\n"
        "55 Migranten seien in der Nacht auf Sonntag festgenommen und zurückgebracht worden.\n"
        "In der Nacht zum Samstag regnete es.\n",
        "TQA-ACC-019",
        name="night",
    )
    assert status == 1
    assert [(f["text"], f["severity"]) for f in findings] == [
        ("Samedi soir", "major"),
        ("nuit de dimanche", "major"),
    ]
    assert findings[0]["suggestions"] == ["Dans la nuit de vendredi à samedi"]
    assert findings[1]["suggestions"] == ["nuit de samedi à dimanche"]
    assert all(f["source_start"] is not None for f in findings)
