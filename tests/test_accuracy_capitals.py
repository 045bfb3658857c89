"""TQA-ACC-013 through the real CLI: a French pronoun, article or preposition
capitalised in mid-sentence where its German word is in lower case, and the
names, titles and sentence starts it leaves alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

CODE = "TQA-ACC-013"


def test_a_pronoun_capitalised_in_mid_sentence_is_a_minor_finding(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Dans la salle d'audience, Ils sont assis en tenue de tous les jours.\n",
        "Im Gerichtssaal sitzen sie in Alltagskleidung auf der Richterbank.\n",
        CODE,
    )
    assert [f["text"] for f in findings] == ["Ils"]
    finding = findings[0]
    assert finding["severity"] == "minor" and finding["suggestions"] == ["ils"]
    assert "“sie”" in finding["evidence"]  # the German word, in lower case, as evidence
    assert finding["source_start"] is not None


def test_names_titles_and_sentence_starts_are_left_alone(tmp_path: Path) -> None:
    _, findings = check_pair(
        tmp_path,
        "Selon Le Monde et La Haye : Les juges sont assis.\n"
        "Il a lu « Les misérables » à la radio. Le soir, Il Divo chante.\n"
        "[4] Au fur et à mesure, les locomotives sont rénovées.\n",
        "Laut Le Monde und Den Haag: Die Richter sitzen.\n"
        "Er hat „Les misérables“ im Radio gelesen. Abends singt Il Divo.\n"
        "[4] Mit der Zeit werden die Lokomotiven erneuert.\n",
        CODE,
    )
    assert findings == []


def test_without_a_source_nothing_is_compared(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tqa.cli import app

    target = tmp_path / "text.fr.txt"
    target.write_text("Dans la salle d'audience, Ils sont assis.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(target), "--isolated", "--format", "json", "--select", CODE]
    )
    assert result.exit_code == 0, result.output
    assert '"findings": []' in result.output


NOUN = "TQA-ACC-017"


def test_a_label_after_an_interface_noun_is_left_alone_but_not_the_bare_noun(
    tmp_path: Path,
) -> None:
    _, findings = check_pair(
        tmp_path,
        "Vous trouverez la facture dans l'onglet Commandes.\n"
        "Vous trouverez la facture parmi les Commandes.\n",
        "Sie finden die Rechnung im Reiter Bestellungen.\n"
        "Sie finden die Rechnung bei den Bestellungen.\n",
        NOUN,
    )
    second_line = len("Vous trouverez la facture dans l'onglet Commandes.\n")
    assert [f["text"] for f in findings] == ["Commandes"]
    assert findings[0]["start"] > second_line


def test_a_defined_term_is_left_alone_where_german_capitalises_its_adjective(
    tmp_path: Path,
) -> None:
    french = "Veuillez lire nos Conditions générales de vente avant la commande.\n"
    _, named = check_pair(
        tmp_path,
        french,
        "Bitte lesen Sie unsere Allgemeinen Geschäftsbedingungen vor der Bestellung.\n",
        NOUN,
    )
    assert named == []
    _, plain = check_pair(
        tmp_path,
        french,
        "Bitte lesen Sie unsere allgemeinen Geschäftsbedingungen vor der Bestellung.\n",
        NOUN,
    )
    assert [f["text"] for f in plain] == ["Conditions"]


def test_label_heads_file_names_its_source_and_licence() -> None:
    root = Path(__file__).resolve().parent.parent
    header = (root / "corpora" / "lexicon" / "label-heads.tsv").read_text(encoding="utf-8")
    assert "Source:" in header and "Licence: CC0-1.0" in header
