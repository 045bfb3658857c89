"""German that belongs in French text draws no finding."""

from __future__ import annotations

import pytest

from tests.conftest import check_text, needs_hunspell

LEGITIMATE = [
    "Le Bundestag a adopté la réforme, a rapporté la Frankfurter Allgemeine Zeitung.",
    "Volkswagen et Siemens ont annoncé de nouveaux investissements en Bavière.",
    "Les Länder ont obtenu un compromis ; chaque Land gère ses écoles.",
    "La politique de l'Ostpolitik a marqué les années 1970.",
    "Selon la Süddeutsche Zeitung et Der Spiegel, la Bundesbank reste prudente.",
    "Thomas Müller a marqué deux buts pour le Bayern Munich.",
    "En 1986, il fonde le Palast Orchester avec des camarades.",
    "Les Riesen (géants) ont perdu à domicile pour la deuxième fois.",
    "Le maire de Lahnstein a inauguré la nouvelle caserne des pompiers.",
    "Il vit à San Marino depuis dix ans et travaille au Salvador.",
    "Le SC Freiburg a battu le 1. FC Köln, tandis que Hannover 96 a perdu à domicile.",
    "Les supporters du Sport-Club Freiburg et de Borussia Dortmund ont fêté ensemble.",
    "Le câble sera mis en service entre Simbach et Pfarrkirchen.",
    "La police de Fürstenfeldbruck mène l'enquête.",
    # a German place that ends the name of a club, a bank or a museum
    "Mariama Jamanka du BRC Thüringen a terminé deuxième.",
    "Les géants accueillent les Skyliners Frankfurt mercredi.",
    "Tout comme chez ING Deutschland, les frais augmentent.",
    # a generic geographic term before a German name that is also a noun (Geisel: hostage)
    "Les trains de charbon de la vallée de la Geisel roulaient vers Halle.",
    "Le col de Kesselberg est fermé, comme le lac de Walchen.",
]


@needs_hunspell
@pytest.mark.parametrize("sentence", LEGITIMATE)
def test_no_mixing_finding(sentence: str) -> None:
    report = check_text(sentence + "\n")
    assert [f.text for f in report.findings if f.code.startswith("TQA-MIX")] == []


@needs_hunspell
def test_german_words_in_unseen_sentences_are_found() -> None:
    report = check_text(
        "Le Schaufenster de la coopération a été présenté.\n\n"
        "Les ouvriers construisent la nouvelle Gasleitung près de la Grenze.\n"
    )
    found = {f.text for f in report.findings if f.code == "TQA-MIX-002"}
    assert {"Schaufenster", "Grenze"} <= found


@needs_hunspell
def test_a_german_place_name_of_several_words_is_one_finding_with_its_french_name() -> None:
    report = check_text(
        "Le président des Vereinigte Staaten arrive lundi.\n\n"
        "La Bosnien und Herzegowina a voté contre la résolution.\n"
    )
    found = [(f.text, f.suggestions) for f in report.findings if f.code == "TQA-MIX-002"]
    assert found == [
        ("Vereinigte Staaten", ("États-Unis",)),
        ("Bosnien und Herzegowina", ("Bosnie-Herzégovine",)),
    ]


@needs_hunspell
def test_a_place_name_outside_a_club_name_is_still_reported() -> None:
    report = check_text("Le SC Freiburg est un club de Freiburg, à 96 km de Stuttgart.\n")
    found = [(f.text, f.suggestions) for f in report.findings if f.code == "TQA-MIX-002"]
    assert found == [("Freiburg", ("Fribourg",))]


@needs_hunspell
def test_a_place_after_a_french_word_or_before_a_name_is_still_reported() -> None:
    report = check_text(
        "Il est parti pour Frankfurt hier.\n\nLes supporters de Thüringen Erfurt chantent.\n\n"
        "Il nage dans le lac de Konstanz.\n"
    )
    found = [f.text for f in report.findings if f.code == "TQA-MIX-002"]
    assert found == ["Frankfurt", "Thüringen", "Konstanz"]


@needs_hunspell
def test_german_nouns_after_a_preposition_are_still_found() -> None:
    # a place name after "de" or "entre … et" has no article; German nouns that the
    # dictionary translates, also inflected or compounded, are still reported
    report = check_text(
        "Les ouvriers réparent la conduite de Gasleitung depuis lundi.\n\n"
        "Les habitants de Wohnungen sociales protestent.\n"
    )
    found = {f.text for f in report.findings if f.code == "TQA-MIX-002"}
    assert found == {"Gasleitung", "Wohnungen"}
