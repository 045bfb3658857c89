"""Names that the context of the document marks, through the real CLI: a team
name kept in one sentence of the translation is a name in the others
(TQA-MIX-002 leaves it alone), and a surname after a first name is a name
even when the German dictionary can split it (TQA-ACC-002 reports it
translated away, once)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair, needs_hunspell

GERMAN_TEAM = (
    "Derby-Debakel der MHP Riesen Ludwigsburg bei den Merlins Crailsheim\n"
    "Zum zweiten Mal verloren die Riesen in Crailsheim.\n"
)


@needs_hunspell
def test_a_team_name_kept_in_the_title_is_a_name_in_every_sentence(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Débâcle lors du derby entre les MHP Riesen Ludwigsburg et les Merlins Crailsheim\n"
        "Pour la deuxième fois, les Riesen ont perdu à Crailsheim.\n",
        GERMAN_TEAM,
        "TQA-MIX-002",
    )
    assert findings == []


@needs_hunspell
def test_the_same_word_marked_nowhere_in_the_translation_is_still_reported(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Débâcle lors du derby à Crailsheim\nPour la deuxième fois, les Riesen ont perdu à Crailsheim.\n",
        GERMAN_TEAM,
        "TQA-MIX-002",
    )
    assert [f["text"] for f in findings] == ["Riesen"]
    # a label with a usual French form is never taken for a name
    _, findings = check_pair(
        tmp_path,
        "Les Quellen (sources) sont citées.\nLes Quellen sont officielles.\n",
        "Die Quellen werden genannt.\nDie Quellen sind offiziell.\n",
        "TQA-MIX-002",
    )
    assert [f["text"] for f in findings] == ["Quellen"]


GERMAN_DRIVER = "Max Verstappen soll nach Ansicht von Mercedes zwei Regelbrüche begangen haben.\n"


@needs_hunspell
def test_a_surname_after_a_first_name_translated_away_is_reported_once(tmp_path: Path) -> None:
    status, findings = check_pair(
        tmp_path,
        "De l'avis de Mercedes, les arrêts de Max auraient commis deux infractions.\n",
        GERMAN_DRIVER,
        "TQA-ACC-002,TQA-ACC-009",
    )
    assert status == 1
    assert [(f["code"], f["severity"]) for f in findings] == [("TQA-ACC-002", "major")]
    assert "Verstappen" in findings[0]["message"]
    _, findings = check_pair(
        tmp_path,
        "De l'avis de Mercedes, Max Verstappen aurait commis deux infractions.\n",
        GERMAN_DRIVER,
        "TQA-ACC-002,TQA-ACC-009",
    )
    assert findings == []


GERMAN_STREET = "In der Kleinen Bergstraße ereignete sich ein Unfall.\n"


@needs_hunspell
def test_a_street_of_dictionary_words_translated_word_for_word_is_reported(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Un accident a eu lieu dans la petite route de montagne.\n",
        GERMAN_STREET,
        "TQA-ACC-002",
    )
    assert [(f["text"], f["suggestions"]) for f in findings] == [("route", ["Bergstraße"])]
    assert "street" in findings[0]["evidence"]
    # kept (the adjective in another case), or a mountain road that is no street's name
    _, findings = check_pair(
        tmp_path, "Un accident a eu lieu dans la Kleine Bergstraße.\n", GERMAN_STREET, "TQA-ACC-002"
    )
    assert findings == []
    _, findings = check_pair(
        tmp_path,
        "Un accident a eu lieu sur une route de montagne.\n",
        "Auf einer Bergstraße ereignete sich ein Unfall.\n",
        "TQA-ACC-002",
    )
    assert findings == []


@needs_hunspell
def test_a_word_the_german_french_dictionary_translates_is_no_major_lost_name(
    tmp_path: Path,
) -> None:
    # "Fase" kept in one sentence and rendered "chanfrein" in the other: the
    # rendering is right, so the inconsistency is minor, not a name translated away
    _, findings = check_pair(
        tmp_path,
        "La Fase mesure 2 mm.\nLe chanfrein doit être propre.\n",
        "Die Fase misst 2 mm.\nDie Fase muss sauber sein.\n",
        "TQA-ACC-009",
    )
    assert [(f["text"], f["severity"]) for f in findings] == [("chanfrein", "minor")]


@needs_hunspell
def test_a_french_transliteration_is_the_name_kept(tmp_path: Path) -> None:
    # Lukaschenko is Loukachenko in French: kept, not missing
    _, findings = check_pair(
        tmp_path,
        "L'UE accuse Alexandre Loukachenko, au pouvoir à Minsk, de l'avoir attiré.\n",
        "Die EU wirft Alexander Lukaschenko als Machthaber in Minsk vor, sie angelockt zu haben.\n",
        "TQA-ACC-002",
    )
    assert findings == []


@needs_hunspell
def test_a_loanword_kept_in_one_sentence_and_rendered_in_another_is_no_lost_name(
    tmp_path: Path,
) -> None:
    # Land (german-allowed.tsv, a loanword): "le Land de Thuringe" and "l'État"
    # are both usual French; neither is a name translated away
    _, findings = check_pair(
        tmp_path,
        "Le Land de Thuringe a le taux le plus élevé.\nL'État prolonge les restrictions.\n",
        "Das Land Thüringen hat den höchsten Wert.\nDas Land verlängert die Regeln.\n",
        "TQA-ACC-009",
    )
    assert findings == []
