"""Bilingual checks (TQA-ALN-*) on German source / French target pairs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import check_text
from tqa.cli import app
from tqa.lang.numbers import french_number, numbers

OPENING_DE = "Der Gipfel wurde am Montag in Astana eröffnet.\n\n"
OPENING_FR = "Le sommet s'est ouvert lundi à Astana.\n\n"
CLOSING_DE = "Die Minister unterzeichneten drei Abkommen.\n"
CLOSING_FR = "Les ministres ont signé trois accords.\n"


def codes(report, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.text for f in report.findings if f.code == code]


def test_omission_is_reported_with_the_german_text() -> None:
    source = (
        OPENING_DE
        + "Die Delegationen kamen aus zwölf verschiedenen Ländern Zentralasiens.\n\n"
        + CLOSING_DE
    )
    report = check_text(OPENING_FR + CLOSING_FR, source=source)
    found = [f for f in report.findings if f.code == "TQA-ALN-001"]
    assert len(found) == 1
    assert found[0].start == found[0].end
    assert "Delegationen" in found[0].message and "Delegationen" in found[0].evidence


def test_no_omission_when_complete() -> None:
    report = check_text(OPENING_FR + CLOSING_FR, source=OPENING_DE + CLOSING_DE)
    assert codes(report, "TQA-ALN-001") == []
    assert codes(report, "TQA-ALN-002") == []


def test_addition() -> None:
    added = "Les observateurs attendent des annonces importantes sur le commerce régional."
    report = check_text(OPENING_FR + added + "\n\n" + CLOSING_FR, source=OPENING_DE + CLOSING_DE)
    assert codes(report, "TQA-ALN-002") == [added]


def test_number_mismatch() -> None:
    report = check_text(
        "Le commerce a augmenté de 4,5 milliards de dollars.\n",
        source="Der Handel stieg um 5,4 Mrd. Dollar.\n",
    )
    found = [f for f in report.findings if f.code == "TQA-ALN-003"]
    assert [f.text for f in found] == ["4,5 milliards"]
    assert found[0].suggestions == ("5,4 milliards",)


def test_scales_and_clock_times_are_compared_by_value() -> None:
    source = "Der Umsatz stieg auf 5,4 Mrd. Euro.\nDie Sitzung beginnt um 8.30 Uhr.\n"
    same = "Le chiffre d'affaires a atteint 5 400 millions d'euros.\nLa séance ouvre à 8 h 30.\n"
    assert codes(check_text(same, source=source), "TQA-ALN-003") == []
    wrong = "Le chiffre d'affaires a atteint 5,4 millions d'euros.\nLa séance ouvre à 9 h 30.\n"
    found = [f for f in check_text(wrong, source=source).findings if f.code == "TQA-ALN-003"]
    assert [(f.text, f.suggestions) for f in found] == [
        ("5,4 millions", ("5,4 milliards",)),
        ("9 h 30", ("8\u00a0h\u00a030",)),
    ]


def test_numeric_dates_are_compared_as_dates() -> None:
    source = "Ich habe am 12.12.19 bestellt.\nDie Lieferung kam am 3.1.2020.\n"
    same = "J'ai commandé le 12/12/2019.\nLa livraison est arrivée le 3 janvier 2020.\n"
    assert codes(check_text(same, source=source), "TQA-ALN-003") == []
    wrong = "J'ai commandé le 21/12/2019.\nLa livraison est arrivée le 3 janvier 2021.\n"
    found = [f for f in check_text(wrong, source=source).findings if f.code == "TQA-ALN-003"]
    assert [(f.text, f.suggestions) for f in found] == [
        ("21/12/2019", ("12/12/2019",)),
        ("2021", ("03/01/2020",)),
    ]


def test_normalised_numbers_are_equal() -> None:
    report = check_text(
        "La centrale produit 1 500 MW, soit 94,8 % de la demande.\n",
        source="Das Kraftwerk liefert 1.500 MW, also 94,8 Prozent des Bedarfs.\n",
    )
    assert codes(report, "TQA-ALN-003") == []


def test_number_parsing() -> None:
    assert [n.value for n in numbers("1.500 MW am 2. März 2024, 5,4 Mrd.", "de")] == [
        1500.0,
        2024.0,
        5.4,
    ]
    found = numbers("1 500 MW le 2 mars 2024, le 3e, 5,4", "fr")
    assert [n.value for n in found if not n.soft] == [1500.0, 2024.0, 5.4]
    # an ordinal may match a German number ("Woche 1" → "1ère semaine") but is never reported
    assert [n.value for n in found if n.soft] == [3.0]
    assert [n.value for n in numbers("10kHz bis 50kHz", "de")] == [10.0, 50.0]
    assert french_number("1.500") == "1\u202f500"
    assert french_number("2024") == "2024"


def test_translated_domain_is_flagged_once() -> None:
    report = check_text(
        "La Chine soutiendra la recherche sur les vaccins, selon Chine.org.cn mardi.\n",
        source="China wird die Impfstoffforschung unterstützen, berichtet China.org.cn am Dienstag.\n",
    )
    flagged = [f for f in report.findings if f.text == "Chine.org.cn"]
    assert flagged, report.findings
    # TQA-MT-006 already reports a changed identifier of the same kind
    assert not [f for f in flagged if f.code == "TQA-ALN-004"] or not [
        f for f in flagged if f.code == "TQA-MT-006"
    ]


def test_identifier_with_other_tld_and_dropped_identifier() -> None:
    report = check_text(
        "Plus d'informations sur ottes.fr.\n",
        source="Mehr Informationen unter ottes.at.\n",
    )
    assert codes(report, "TQA-ALN-004") == ["ottes.fr"]
    report = check_text(
        "Plus d'informations sur le site officiel du gouvernement.\n",
        source="Mehr Informationen auf der offiziellen Seite https://www.bundesregierung.de/aktuell.\n",
    )
    found = [f for f in report.findings if f.code == "TQA-ALN-004"]
    assert len(found) == 1
    assert found[0].suggestions == ("https://www.bundesregierung.de/aktuell",)


def test_untranslated_copy_and_german_target() -> None:
    names = "Kassym-Jomart Tokaïev, Xi Jinping, Chavkat Mirzioïev, Sadyr Japarov."
    report = check_text(OPENING_FR + names + "\n", source=OPENING_DE + names + "\n")
    assert codes(report, "TQA-ALN-005") == [names]
    # a target that is actually German: no traceback, left to TQA-MIX-001
    german = OPENING_DE + CLOSING_DE
    report = check_text(german, source=german)
    assert codes(report, "TQA-ALN-005") == []
    assert not [n for n in report.notes if n.kind == "check-error"]


def test_empty_sides() -> None:
    for target, source in (("Le sommet s'est ouvert lundi à Astana.\n", ""), ("", OPENING_DE)):
        report = check_text(target, source=source)
        assert not [n for n in report.notes if n.kind == "check-error"]
    report = check_text("", source=OPENING_DE + CLOSING_DE)
    # an empty translation is one problem: its two omissions are named in the
    # empty-target finding rather than reported one by one
    assert codes(report, "TQA-ALN-001") == []
    (empty,) = [f for f in report.findings if f.code == "TQA-STR-003"]
    assert empty.severity == "major"
    assert "also TQA-ALN-001: 2 source sentence(s)" in empty.evidence


def test_mixed_document_without_source_reports_no_omission() -> None:
    text = (
        "Der Gipfel wurde am Montag in Astana eröffnet.\n\n"
        "Die Delegationen kamen aus zwölf verschiedenen Ländern Zentralasiens.\n\n"
        "Le sommet s'est ouvert lundi à Astana.\n"
    )
    report = check_text(text)
    assert codes(report, "TQA-ALN-001") == []
    assert not [n for n in report.notes if n.kind == "check-error"]


def test_cli_with_source(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Der Handel stieg um 5,4 Mrd. Dollar.\n\n" + CLOSING_DE, encoding="utf-8"
    )
    (tmp_path / "fr.txt").write_text(
        "Le commerce a augmenté de 4,5 milliards de dollars.\n\n" + CLOSING_FR, encoding="utf-8"
    )
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(tmp_path / "fr.txt"),
            "--source",
            str(tmp_path / "de.txt"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    text = json.dumps(data)
    assert "TQA-ALN-003" in text
    assert "alignment" in text


def test_a_figure_of_hundreds_of_digits_is_compared_not_a_failure() -> None:
    """A figure of 400 digits is an infinite value: int() of it raised, and
    TQA-ALN-003 failed on the whole document (German ordinal test, the
    small-number test of a French one)."""
    from tqa.config import Config

    huge = "9" * 400
    report = check_text(
        f"Il y a {huge} jours et 12345 euros.\n",
        Config(select=("TQA-ALN-003",)),
        source=f"Es sind {huge}. Tage.\n",
    )
    assert not [n for n in report.notes if "TQA-ALN-003" in n.message], report.notes
    assert codes(report, "TQA-ALN-003") == ["12345"]
