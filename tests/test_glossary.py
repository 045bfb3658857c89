"""Glossaries (TQA-TRM-001) and configuration-file errors, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.checks.glossary import Term, parse_glossary, term_indexes, words_of
from tqa.cli import app
from tqa.errors import ConfigError

GLOSSARY = (
    "german\tfrench\n# agreed terms\nGipfeltreffen\tsommet\n"
    "Kooperation\tcoopération|collaboration\n"
)
SOURCE = (
    "Das Gipfeltreffen beginnt am Montag in Astana.\n\n"
    "Die Kooperation zwischen den Ländern wird gestärkt.\n"
)
TARGET = "La réunion commence lundi à Astana.\n\nLa coopération entre les pays est renforcée.\n"


def _check(tmp_path: Path, *args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json", "--select", "TQA-TRM"])
    data = json.loads(result.stdout) if result.exit_code in (0, 1) else {}
    return result.exit_code, data, result.stderr


def _check_project(tmp_path: Path) -> tuple[int, dict, str]:
    """tqa check target.fr.txt --source source.de.txt --config tqa.toml in ``tmp_path``."""
    return _check(
        tmp_path,
        str(tmp_path / "target.fr.txt"),
        "--source",
        str(tmp_path / "source.de.txt"),
        "--config",
        str(tmp_path / "tqa.toml"),
    )


def _project(tmp_path: Path, config: str) -> None:
    (tmp_path / "terms.tsv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "tqa.toml").write_text(config, encoding="utf-8")
    (tmp_path / "source.de.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "target.fr.txt").write_text(TARGET, encoding="utf-8")


def test_parse_glossary_csv_and_tsv() -> None:
    terms = parse_glossary(
        "german,french\nGipfel,sommet|rencontre au sommet\nGipfel,sommet\n", "g.csv"
    )
    assert [(t.german, t.french) for t in terms] == [("Gipfel", ("sommet", "rencontre au sommet"))]
    german, french, _ = term_indexes(terms)
    assert german.find(words_of("des Gipfels"))
    assert french.find(words_of("les Sommets"))
    assert [t.german for t in parse_glossary(GLOSSARY, "terms.tsv")] == [
        "Gipfeltreffen",
        "Kooperation",
    ]


def test_parse_glossary_separated_by_semicolons() -> None:
    """A spreadsheet in French or German settings saves CSV with ";": the
    header "german;french" was one column, and the glossary refused for
    lacking german and french."""
    text = "german;french\r\nGipfel;sommet|cime\r\n# note\r\nAbkommen, das;accord\r\n"
    assert parse_glossary(text, "g.csv") == (
        Term("Abkommen, das", ("accord",)),
        Term("Gipfel", ("sommet", "cime")),
    )
    with pytest.raises(ConfigError, match="columns german and french"):
        parse_glossary("german,fr;ench\nGipfel,sommet\n", "g.csv")


def test_a_quote_never_closed_is_an_error_not_an_empty_glossary(tmp_path: Path) -> None:
    """terms.tsv with the row '"Zoll<TAB>pouce' (a stray quote) before
    'Gipfeltreffen<TAB>sommet': csv read every row after the quote as one
    field, the glossary had no term, and tqa check passed (exit 0) without a
    word. Now one line naming the file and the quote's line, exit 2."""
    with pytest.raises(ConfigError, match=r"^g\.tsv: line 3: a quoted field runs over"):
        parse_glossary('# terms\ngerman\tfrench\n"Zoll\tpouce\nGipfel\tsommet\n', "g.tsv")
    with pytest.raises(ConfigError, match=r"^g\.csv: line 2: "):
        parse_glossary('german,french\n"Zoll,pouce\n\nGipfel,sommet\n', "g.csv")
    # quotes that are closed, or inside a field, are read as before
    text = 'german,french\nZoll "Inch",pouce\n"Gipfel","sommet|cime"\n'
    assert parse_glossary(text, "g.csv") == (
        Term("Gipfel", ("sommet", "cime")),
        Term('Zoll "Inch"', ("pouce",)),
    )
    # a spreadsheet's note over two lines is a field, not rows taken in
    text = (
        'german,french,note\nGipfel,réunion,"imposé par le client\nvoir ticket 12"\nZoll,pouce,\n'
    )
    assert parse_glossary(text, "g.csv") == (Term("Gipfel", ("réunion",)), Term("Zoll", ("pouce",)))
    # a quote left open on the last row: an error, not the row dropped
    with pytest.raises(ConfigError, match=r"^g\.csv: line 3: a quoted field runs over"):
        parse_glossary('german,french\nGipfel,sommet\n"Zoll,pouce\n', "g.csv")
    _project(tmp_path, 'glossary = "terms.tsv"\n')
    (tmp_path / "terms.tsv").write_text(
        'german\tfrench\n"Zoll\tpouce\n' + GLOSSARY.split("\n", 1)[1], encoding="utf-8"
    )
    code, _, err = _check_project(tmp_path)
    assert code == 2 and "terms.tsv: line 2: a quoted field" in err, err


def test_a_glossary_in_the_home_folder_is_named_with_a_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """glossary = "~/terms.tsv" is the home folder's file, as model folders
    in the same configuration are (it was 'glossary file not found')."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    project = tmp_path / "project"
    project.mkdir()
    _project(project, 'glossary = "~/terms.tsv"\n')
    (project / "terms.tsv").rename(home / "terms.tsv")
    code, data, err = _check_project(project)
    assert code in (0, 1), err
    assert [f["code"] for f in data["documents"][0]["findings"]] == ["TQA-TRM-001"]


def test_missing_rendering_is_flagged_with_source(tmp_path: Path) -> None:
    _project(tmp_path, 'glossary = "terms.tsv"\n')
    code, data, _ = _check_project(tmp_path)
    findings = data["documents"][0]["findings"]
    assert [f["code"] for f in findings] == ["TQA-TRM-001"]
    # the French word aligned with the German term, not the whole sentence
    assert findings[0]["text"] == "réunion"
    assert findings[0]["suggestions"] == ["sommet"]
    source = SOURCE[findings[0]["source_start"] : findings[0]["source_end"]]
    assert source == "Gipfeltreffen"
    assert (
        findings[0]["category"] == "terminology/wrong-term" and findings[0]["severity"] == "major"
    )


def test_mixed_document_pairs_german_and_french_segments(tmp_path: Path) -> None:
    _project(tmp_path, 'glossary = "terms.tsv"\n')
    mixed = tmp_path / "mixed.fr.txt"
    mixed.write_text(
        "Das Gipfeltreffen beginnt am Montag in der Hauptstadt Astana.\n\n"
        "La réunion commence lundi dans la capitale Astana.\n\n"
        "Cinq pays y participent.\n",
        encoding="utf-8",
    )
    code, data, _ = _check(tmp_path, str(mixed))
    texts = [f["text"] for f in data["documents"][0]["findings"]]
    assert texts == ["réunion"]


def test_no_glossary_no_finding(tmp_path: Path) -> None:
    _project(tmp_path, "fail-under = 90\n")
    code, data, _ = _check_project(tmp_path)
    assert data["documents"][0]["findings"] == []


def test_missing_glossary_file_is_a_usage_error(tmp_path: Path) -> None:
    _project(tmp_path, 'glossary = "nowhere.tsv"\n')
    code, _, err = _check_project(tmp_path)
    assert code == 2 and "nowhere.tsv" in err and "glossary" in err


def test_glossary_without_header_is_a_usage_error(tmp_path: Path) -> None:
    _project(tmp_path, 'glossary = "terms.tsv"\n')
    (tmp_path / "terms.tsv").write_text("Gipfel\tsommet\n", encoding="utf-8")
    code, _, err = _check_project(tmp_path)
    assert code == 2 and "german and french" in err


def test_unknown_config_key_exits_2_with_hint(tmp_path: Path) -> None:
    _project(tmp_path, 'glosary = "terms.tsv"\n')
    code, _, err = _check(tmp_path, str(tmp_path / "target.fr.txt"))
    assert code == 2
    assert "unknown configuration key 'glosary'" in err and "did you mean 'glossary'?" in err
    assert len(err.strip().splitlines()) == 1


def test_unknown_key_in_pyproject_exits_2(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tqa]\nfail-undr = 90\n", encoding="utf-8")
    (tmp_path / "a.fr.txt").write_text("Le sommet commence lundi.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.fr.txt")])
    assert result.exit_code == 2 and "did you mean 'fail-under'?" in result.stderr


WERKVERTRAG = (
    "german\tfrench\nWerkvertrag\tcontrat d'entreprise\nEuropäischer Rat\tConseil européen\n"
)
WERK_SOURCE = (
    "Die Regierung will Werkverträge in der Fleischindustrie verbieten.\n\n"
    "Mit Werkverträgen beschäftigen die Betriebe Tausende Arbeiter.\n\n"
    "Der Europäische Rat tagt am Montag.\n"
)


def _werk(tmp_path: Path, target: str) -> list[dict]:
    (tmp_path / "terms.tsv").write_text(WERKVERTRAG, encoding="utf-8")
    (tmp_path / "tqa.toml").write_text('glossary = "terms.tsv"\n', encoding="utf-8")
    (tmp_path / "source.de.txt").write_text(WERK_SOURCE, encoding="utf-8")
    (tmp_path / "target.fr.txt").write_text(target, encoding="utf-8")
    code, data, err = _check_project(tmp_path)
    assert code in (0, 1), err
    return data["documents"][0]["findings"]  # type: ignore[no-any-return]


def test_inflected_terms_are_matched_on_both_sides(tmp_path: Path) -> None:
    # Werkverträge, Werkverträgen (plural and dative of the compound) and the
    # declined "Europäische Rat" against plural and feminine French renderings
    findings = _werk(
        tmp_path,
        "Le gouvernement veut interdire les contrats d'entreprise dans l'industrie de la viande.\n\n"
        "Avec des contrats d'entreprise, les entreprises emploient des milliers d'ouvriers.\n\n"
        "Le Conseil européen se réunit lundi.\n",
    )
    assert findings == []


def test_a_wrong_rendering_of_an_inflected_term_is_pointed_at(tmp_path: Path) -> None:
    findings = _werk(
        tmp_path,
        "Le gouvernement veut interdire les contrats de travail dans l'industrie de la viande.\n\n"
        "Avec des contrats d'entreprise, les entreprises emploient des milliers d'ouvriers.\n\n"
        "Le Conseil européen se réunit lundi.\n",
    )
    assert len(findings) == 1
    (finding,) = findings
    assert "contrats" in finding["text"] and len(finding["text"]) < 30
    assert "“Werkverträge”" in finding["message"]
    assert WERK_SOURCE[finding["source_start"] : finding["source_end"]] == "Werkverträge"
    assert finding["suggestions"] == ["contrat d'entreprise"]


def test_term_matching_follows_inflection() -> None:
    from tqa.lang.terms import TermIndex, word_matches

    assert word_matches("Gipfel", "Gipfels", "de")
    assert word_matches("sommet", "Sommets", "fr")
    assert not word_matches("Vertrag", "Vortrag", "de")
    index = TermIndex([("contrat", "de", "travail"), ("sommet",)], "fr")
    found = index.find("Les contrats de travail du sommet".split())
    assert {n: (m.start, m.end) for n, m in found.items()} == {0: (1, 4), 1: (5, 6)}
