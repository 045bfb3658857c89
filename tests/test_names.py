"""Names are not German words left in French text: context (first names,
titles, organisations, runs of capitalised words), glued names, and the
German source where the name stands too. Through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ROOT, needs_hunspell
from tqa.cli import app

runner = CliRunner()


def mixing(tmp_path: Path, french: str, german: str | None = None) -> list[str]:
    """The texts of the TQA-MIX findings of `tqa check` (lines segmentation)."""
    target = tmp_path / "text.fr.txt"
    target.write_text(french, encoding="utf-8")
    args = ["check", str(target), "--isolated", "--segmentation", "lines", "--format", "json"]
    if german is not None:
        source = tmp_path / "text.de.txt"
        source.write_text(german, encoding="utf-8")
        args += ["--source", str(source)]
    result = runner.invoke(app, [*args, "--select", "TQA-MIX"])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["documents"][0]["findings"]
    return [f["text"] for f in findings]


NAMED_BY_CONTEXT = [
    "Hubertus Heil a présenté le projet lundi.",  # after a first name
    "Le ministre des Affaires étrangères Heiko Maas est arrivé à Paris.",  # exonym Maas → Meuse
    "Selon M. Maas, la situation reste tendue.",  # after a civility
    "Le chancelier Kurz a démissionné samedi.",  # after a title
    "Le ministre du Travail, Heil, a présenté le projet.",
    "Le groupe de presse Springer a racheté le site en 2015.",  # kind of organisation
    "Selon Business Insider, les ventes ont baissé.",  # a run of capitalised words
    "Le quotidien BildZeitung a publié la photo.",  # a glued newspaper name
    "Patrik Schick avait permis à Leverkusen de mener 2-0.",
    "Les joueurs ont trouvé un accord avec Mme Kurz.",
]


@needs_hunspell
@pytest.mark.parametrize("sentence", NAMED_BY_CONTEXT)
def test_a_name_marked_by_its_context_is_not_a_german_word(tmp_path: Path, sentence: str) -> None:
    assert mixing(tmp_path, sentence + "\n") == []


@needs_hunspell
def test_a_german_word_after_a_french_article_is_still_reported(tmp_path: Path) -> None:
    found = mixing(tmp_path, "Mme Kurz a répondu aux Quellen du journal.\n")
    assert found == ["Quellen"]


@needs_hunspell
def test_a_name_that_stands_in_the_source_is_not_a_german_word(tmp_path: Path) -> None:
    german = (
        "Der Verlag kaufte 2015 die Website von Springer.\n"
        "Am Samstag trat Kurz zurück.\n"
        "Die Quellen der Zeitung bleiben geheim.\n"
    )
    french = (
        "En 2015, la maison d'édition a racheté le site de Springer.\n"
        "Samedi, Kurz a démissionné.\n"
        "Les Quellen du journal restent secrètes.\n"
    )
    # without the source, Springer (plongeur) is a German word like Quellen
    assert mixing(tmp_path, french) == ["Springer", "Quellen"]
    # with it: a name there too (used in English as much), an adjective only
    # a name capitalises mid-sentence; Quellen is a German noun left untranslated
    assert mixing(tmp_path, french, german) == ["Quellen"]


@needs_hunspell
def test_a_headline_that_ends_in_an_exclamation_in_brackets(tmp_path: Path) -> None:
    french = "Victoire historique du club (!)\nLa décision du championnat (!) a été reportée.\n"
    german = (
        "Historischer Sieg des Vereins (!)\nDie Meisterschaftsentscheidung (!) wurde verschoben.\n"
    )
    assert mixing(tmp_path, french) == []
    assert mixing(tmp_path, french, german) == []


def test_first_names_file_names_its_source_and_licence() -> None:
    header = (ROOT / "corpora" / "lexicon" / "first-names.tsv").read_text(encoding="utf-8")[:2000]
    assert "Source: Faker" in header and "Licence: MIT" in header
    titles = (ROOT / "corpora" / "lexicon" / "name-titles.tsv").read_text(encoding="utf-8")
    assert "Source:" in titles and "Licence: CC0-1.0" in titles
