"""French grammar rules (TQA-GRM-*): agreement read from spaCy's parse and the
Dicollecte lexicon, Grammalecte as a second opinion, and clean skipping when
those resources are missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import check_text
from tqa.backends import resources
from tqa.config import Config
from tqa.pipeline import active_rules

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev" / "grammar-dev.tsv"


def _have(*names: str) -> bool:
    return all(resources.by_name(name).location() is not None for name in names)


needs_parse = pytest.mark.skipif(
    not _have("spacy-fr", "hunspell-fr"), reason="spaCy French model or hunspell-fr not installed"
)
needs_grammalecte = pytest.mark.skipif(not _have("grammalecte"), reason="Grammalecte not installed")
#: every own rule, those off by default included (they run when their code is selected)
OWN = Config(select=tuple(f"TQA-GRM-00{n}" for n in range(1, 7)))


def grammar(text: str, config: Config = OWN) -> list[tuple[str, str, tuple[str, ...]]]:
    report = check_text(text, config)
    return [
        (f.code, f.text, f.suggestions) for f in report.findings if f.code.startswith("TQA-GRM")
    ]


def dev_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, error, corrected, span = line.split("\t")
        if kind != "type":
            rows.append((kind, error, corrected, span))
    return rows


def test_dev_set_names_source_and_licence_and_covers_every_agreement_type() -> None:
    header = DEV.read_text(encoding="utf-8").splitlines()[:4]
    assert any("written for tqa" in line for line in header)
    assert any("CC0" in line for line in header)
    rows = dev_rows()
    assert len(rows) >= 50
    assert {r[0] for r in rows} >= {
        "attributive",
        "predicative",
        "determiner",
        "participle-etre",
        "subject-verb",
        "coordination",
    }


@needs_parse
def test_seed_article_concretes_is_flagged_with_concrets() -> None:
    text = (ROOT / "corpora" / "kazakhstan-summit.fr.txt").read_text(encoding="utf-8")
    report = check_text(text, OWN)
    found = [f for f in report.findings if f.code.startswith("TQA-GRM")]
    assert [(f.code, f.text) for f in found] == [("TQA-GRM-001", "concrètes")]
    assert found[0].suggestions == ("concrets",)
    assert text[found[0].start : found[0].end] == "concrètes"
    assert "résultats: mas pl" in found[0].evidence


@needs_parse
@pytest.mark.parametrize(
    ("text", "code", "span", "suggestion"),
    [
        ("Les deux pays ont conclu une accord sur le gaz.", "TQA-GRM-003", "une", None),
        ("Le ministre a évoqué la problème des transports.", "TQA-GRM-003", "la", "le"),
        (
            "Les négociations entre les deux pays sont difficile.",
            "TQA-GRM-002",
            "difficile",
            "difficiles",
        ),
        (
            "La déclaration commune a été signé par les présidents.",
            "TQA-GRM-004",
            "signé",
            "signée",
        ),
        (
            "Les mesures que le gouvernement a pris sont impopulaires.",
            "TQA-GRM-004",
            "pris",
            "prises",
        ),
        ("Les experts pense que la croissance ralentira.", "TQA-GRM-005", "pense", "pensent"),
        (
            "Le président et la ministre sont satisfaites du résultat.",
            "TQA-GRM-006",
            "satisfaites",
            "satisfaits",
        ),
    ],
)
def test_agreement_errors_are_flagged_with_the_right_form(text, code, span, suggestion) -> None:  # type: ignore[no-untyped-def]
    found = grammar(text + "\n")
    assert [(c, s) for c, s, _ in found] == [(code, span)]
    if suggestion is not None:
        assert suggestion in found[0][2]


@needs_parse
@pytest.mark.parametrize(
    "text",
    [
        "Le ministre et sa femme sont arrivés hier à Astana.",  # mixed genders → masculine plural
        "Les langues française et allemande sont enseignées.",  # coordinated adjectives
        "Elles se sont parlé longtemps.",  # pronominal: not checked
        "La moitié des pays ont signé l'accord.",  # collective subject
        "La ministre est satisfaite, son amie aussi.",  # epicene noun; son + vowel
        "Les pays de la région souhaitent renforcer leur coopération.",
        "Des véhicules venant en sens inverse ont été heurtés.",  # present participle
    ],
)
def test_correct_sentences_are_not_flagged(text: str) -> None:
    assert grammar(text + "\n") == []


@needs_parse
def test_corrected_twins_of_the_dev_set_are_silent_and_most_errors_caught() -> None:
    rows = dev_rows()
    twins = check_text(
        "\n".join(r[2] for r in rows) + "\n", Config(segmentation="lines", select=OWN.select)
    )
    assert [f.text for f in twins.findings] == []
    errors = check_text(
        "\n".join(r[1] for r in rows) + "\n", Config(segmentation="lines", select=OWN.select)
    )
    caught = {f.segment for f in errors.findings if f.text == rows[f.segment or 0][3]}
    assert len(caught) >= 0.8 * len(rows)


@needs_parse
def test_german_segments_are_not_parsed_as_french() -> None:
    text = "Die Ergebnisse sind konkrete Schritte.\nLes résultats sont concrets.\n"
    assert grammar(text, Config(segmentation="lines", select=("TQA-GRM",))) == []


@needs_grammalecte
def test_grammalecte_second_opinion_keeps_grammar_and_drops_duplicates_and_spelling() -> None:
    config = Config(select=("TQA-GRM",))
    found = grammar(
        "Le ministre a décidé de renforcé la coopération entre les deux pays.\n", config
    )
    assert found == [("TQA-GRM-010", "renforcé", ("renforcer",))]
    # a German word is a mixing finding, never a Grammalecte spelling finding
    assert grammar("Le ministre a parlé du Gipfeltreffen avec les présidents.\n", config) == []
    if _have("spacy-fr", "hunspell-fr"):
        # Grammalecte also sees "signé"; when GRM-004 (off by default) is selected,
        # only tqa's own finding is kept; by default Grammalecte's is reported
        text = "La déclaration commune a été signé par les présidents.\n"
        both = Config(select=("TQA-GRM-004", "TQA-GRM-010"))
        assert [c for c, _, _ in grammar(text, both)] == ["TQA-GRM-004"]
        assert [c for c, _, _ in grammar(text, config)] == ["TQA-GRM-010"]


@needs_grammalecte
@needs_parse
def test_grammalecte_reads_the_own_rules_findings_of_the_document_without_running_them_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """TQA-GRM-010 drops what TQA-GRM-001…006 report: it reads the findings
    the pipeline made on the document, and each own rule runs once per
    document (it ran twice where Grammalecte reported something)."""
    import json
    from dataclasses import replace

    from typer.testing import CliRunner

    from tqa.checks.base import REGISTRY
    from tqa.cli import app

    runs: dict[str, int] = {}
    for code in ("TQA-GRM-001", "TQA-GRM-004"):
        declared = REGISTRY[code]

        def counted(check, code=code, function=declared.function):  # type: ignore[no-untyped-def]
            runs[code] = runs.get(code, 0) + 1
            return function(check)

        monkeypatch.setitem(REGISTRY, code, replace(declared, function=counted))
    path = tmp_path / "article.txt"
    path.write_text(
        "La déclaration commune a été signé par les présidents.\n\n"
        "Le ministre a décidé de renforcé la coopération entre les deux pays.\n",
        encoding="utf-8",
    )
    selected = "TQA-GRM-001,TQA-GRM-004,TQA-GRM-010"
    result = CliRunner().invoke(app, ["check", str(path), "--select", selected, "--format", "json"])
    assert result.exit_code == 1, result.output
    codes = [f["code"] for d in json.loads(result.stdout)["documents"] for f in d["findings"]]
    # GRM-004's "signé" is not reported again by Grammalecte; "renforcé" is its own
    assert sorted(codes) == ["TQA-GRM-004", "TQA-GRM-010"]
    assert runs == {"TQA-GRM-001": 1, "TQA-GRM-004": 1}


def test_missing_resources_skip_the_rules_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from tqa.checks import all_rules

    all_rules()
    broken = tuple(
        resources.Resource(r.name, r.purpose, r.install, (lambda: None))
        if r.name in ("spacy-fr", "grammalecte")
        else r
        for r in resources.RESOURCES
    )
    monkeypatch.setattr(resources, "RESOURCES", broken)
    rules, notes = active_rules(Config(select=("TQA-GRM",)))
    assert rules == []
    messages = " ".join(n.message for n in notes)
    assert "TQA-GRM-001 skipped: spacy-fr not installed" in messages
    assert "apt-get install python3-grammalecte" in messages


def test_importing_the_cli_and_the_grammar_rules_does_not_import_spacy() -> None:
    code = "import sys, tqa.cli, tqa.checks.grammar; print('spacy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


@needs_grammalecte
def test_grammalecte_gets_from_the_table_cache_the_dictionary_its_json_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Grammalecte's dictionary comes from the table cache as the very data
    that decoding its JSON file gives (a first run builds the entry, a
    second reads it), and its engine is then given that data."""
    import json
    import os

    from tqa.backends import grammalecte

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = grammalecte.location()
    assert found is not None
    path = os.path.join(found, "graphspell", "_dictionaries", grammalecte.DICTIONARY)
    with open(path, encoding="utf-8") as handle:
        expected = json.load(handle)
    built = grammalecte.dictionary_data(path)
    assert list(tmp_path.rglob("grammalecte-*.table"))
    read = grammalecte.dictionary_data(path)
    assert built == expected and read == expected
    assert read is not None and all(type(n) is int for n in read["lByDic"][:1000])
    checker = grammalecte.load()
    dictionary = checker.getSpellChecker().oMainDic
    assert dictionary.lByDic == expected["lByDic"] and dictionary.sFileName == expected["sFileName"]
