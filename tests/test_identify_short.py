"""Language of short strings (words, word pairs, chat lines) through `tqa langid`:
answer when the evidence agrees, abstain only on names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import check_text, needs_hunspell
from tqa.cli import app

runner = CliRunner()


def langs(tmp_path: Path, *lines: str) -> list[str]:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["langid", str(path), "--segmentation", "lines", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    segments = json.loads(result.output)["documents"][0]["segments"]
    return [s["lang"] for s in segments[: len(lines)]]


@needs_hunspell
def test_lower_case_german_words_are_german(tmp_path: Path) -> None:
    # German nouns written in lower case were `und`: hunspell only knows them capitalised
    words = ("wissenschaft", "möglichkeit", "gottesdienst", "mahlzeiten", "familie", "bestellung")
    assert langs(tmp_path, *words) == ["de"] * len(words)


@needs_hunspell
def test_german_word_pairs_with_function_words(tmp_path: Path) -> None:
    pairs = ("die wohnung", "der kinder", "um die", "satz im", "freunden das")
    assert langs(tmp_path, *pairs) == ["de"] * len(pairs)


@needs_hunspell
def test_french_short_strings_stay_french(tmp_path: Path) -> None:
    lines = ("la semaine", "londres", "trop basse", "New York avait battu la Philadelphia Union,")
    assert langs(tmp_path, *lines) == ["fr"] * len(lines)


@needs_hunspell
@pytest.mark.parametrize("name", ["Volkswagen", "Westnetz", "Kollegah", "Gratenfels"])
def test_a_name_alone_has_no_language(tmp_path: Path, name: str) -> None:
    assert langs(tmp_path, name) == ["und"]


@needs_hunspell
def test_words_that_only_tell_the_language_are_not_reported_in_french() -> None:
    report = check_text(
        "Le parti Die Linke a voté contre, et le titre a atteint la deuxième place des charts.\n"
    )
    assert [f.text for f in report.findings if f.code.startswith("TQA-MIX")] == []


@needs_hunspell
def test_a_german_noun_in_lower_case_inside_french_is_reported() -> None:
    report = check_text("Nous avons enfin trouvé une wohnung près de la gare de Munich.\n")
    assert [f.text for f in report.findings if f.code == "TQA-MIX-002"] == ["wohnung"]


@needs_hunspell
def test_an_agency_credit_in_lower_case_is_no_german_segment() -> None:
    # "dpa" (allowed: a news agency) alone on its line went to lingua: German
    report = check_text("Le match a été reporté à dimanche.\n\ndpa\n")
    assert [f.code for f in report.findings if f.code.startswith("TQA-MIX")] == []


@needs_hunspell
def test_a_rare_german_compound_left_in_french_is_reported_without_making_it_german(
    tmp_path: Path,
) -> None:
    # "Glassplitter" (Glas + Splitter) is too rare for the frequency lists and
    # was taken for a possible name; a compound of two common words is none.
    # It is reported, but does not turn a short French line German.
    report = check_text("Glassplitter sur la route.\n\nIl avait des Ersatzmantel dans son sac.\n")
    assert [f.text for f in report.findings if f.code == "TQA-MIX-002"] == [
        "Glassplitter",
        "Ersatzmantel",
    ]
    assert langs(tmp_path, "Glassplitter sur la route.") == ["fr"]
    # a capitalised word whose parts are not both common words stays a possible name
    assert langs(tmp_path, "Lahnstein") == ["und"]


@needs_hunspell
def test_a_german_word_after_a_french_elision_is_reported_without_the_elision() -> None:
    # "d'ampel" was reported whole, so its span took the article and no
    # dictionary knew the word; "n'a" and "jusqu'à" stay whole French words
    text = "Il n'a pas exclu une coalition d'ampel jusqu'à la fin de l'année.\n"
    report = check_text(text)
    found = [f for f in report.findings if f.code == "TQA-MIX-002"]
    assert [f.text for f in found] == ["ampel"]
    assert text[found[0].start : found[0].end] == "ampel"


@needs_hunspell
def test_a_short_french_sentence_around_one_german_word_stays_french(tmp_path: Path) -> None:
    # lingua's n-grams said German; three French words against one decide
    lines = ("Voir la Rechnung ci-jointe.", "Merci pour la Rechnung.", "Die Rechnung ist da.")
    assert langs(tmp_path, *lines) == ["fr", "fr", "de"]
    report = check_text("Bonjour.\n\nVoir la Rechnung ci-jointe.\n")
    assert [(f.code, f.text) for f in report.findings if f.code.startswith("TQA-MIX")] == [
        ("TQA-MIX-002", "Rechnung")
    ]


@needs_hunspell
def test_a_german_label_whose_only_vote_is_a_shared_word_is_german(tmp_path: Path) -> None:
    # "max" was the one word vote (German's dictionary lacks it, French's has
    # it, German uses it more): the label was French at 0.90, and in a mixed
    # document its French twin below was never looked for
    assert langs(tmp_path, "Leuchtdauer max. 10 Std.", "Durée d'éclairage maximum de 10 h") == [
        "de",
        "fr",
    ]
    # a short French line with a word French uses more still needs no n-grams
    assert langs(tmp_path, "10 h maximum", "Prix max. 10 euros") == ["fr", "fr"]
