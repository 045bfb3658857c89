"""The form checks (TQA-FRM-*) through the command line: what they report,
what they leave alone, and the document conventions they respect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.backends import resources
from tqa.cli import app

runner = CliRunner()
NNBSP = "\u202f"

needs_hunspell = pytest.mark.skipif(
    resources.by_name("hunspell-fr").location() is None, reason="hunspell-fr not installed"
)


def check(tmp_path: Path, text: str, *options: str) -> list[dict]:  # type: ignore[type-arg]
    path = tmp_path / "article.fr.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app,
        ["check", str(path), "--isolated", "--format", "json", "--select", "TQA-FRM", *options],
    )
    assert result.exit_code in (0, 1), result.output
    return [f for doc in json.loads(result.output)["documents"] for f in doc["findings"]]


def found(findings: list[dict]) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f["code"], f["text"]) for f in findings]


@needs_hunspell
def test_form_errors_of_machine_translation_are_reported_with_fixes(tmp_path: Path) -> None:
    findings = check(
        tmp_path,
        "Le ministre a présenté le le projet le 3 Mars à Berlin.\n\n"
        "Selon lui, L'économie a besoin d ’ acier et les prix ont augmenté de 5%, "
        f"contre 3{NNBSP}% l'an dernier.\n\n"
        "Il a parlé d'un « succès » et d'un \"tournant\".\n",
    )
    assert found(findings) == [
        ("TQA-FRM-002", "le le"),
        ("TQA-FRM-004", "Mars"),
        ("TQA-FRM-003", "L'économie"),
        ("TQA-FRM-007", "d ’ acier"),
        ("TQA-FRM-006", "5%"),
        ("TQA-FRM-005", '"tournant"'),
    ]
    fixes = {f["code"]: f["suggestions"] for f in findings}
    assert fixes["TQA-FRM-002"] == ["le"]
    assert fixes["TQA-FRM-004"] == ["mars"]
    assert fixes["TQA-FRM-003"] == ["l'économie"]
    assert fixes["TQA-FRM-007"] == ["d’acier"]
    assert fixes["TQA-FRM-006"] == [f"5{NNBSP}%"]
    assert fixes["TQA-FRM-005"] == ["«\u00a0tournant\u00a0»"]
    assert all(f["severity"] == "minor" for f in findings)


def test_professional_french_stays_quiet(tmp_path: Path) -> None:
    text = (
        "Nous nous sommes rendus à Bora Bora le 14 Juillet ; vous vous en souvenez ?\n\n"
        "L'Allemagne et l'Union européenne ont salué le discours d'Angela Merkel "
        "devant l'Assemblée nationale, au ministère de l'Intérieur.\n\n"
        "Le chômage a baissé de 5 %, selon « Le Monde » qui cite un « tournant “historique” ».\n\n"
        'La mission vers Mars partira en mars 2026 ; voir https://example.org/l\'"eau".\n'
    )
    assert found(check(tmp_path, text)) == []


def test_a_document_that_always_glues_percentages_keeps_its_convention(tmp_path: Path) -> None:
    consistent = "Hausse de 2% en mars, 3% en avril et 4% en mai.\n"
    assert found(check(tmp_path, consistent)) == []
    mixed = f"Hausse de 2% en mars, 3{NNBSP}% en avril et 4{NNBSP}% en mai.\n"
    assert found(check(tmp_path, mixed)) == [("TQA-FRM-006", "2%")]


def test_straight_quotes_are_surer_in_a_text_that_quotes_with_guillemets(tmp_path: Path) -> None:
    alone = check(tmp_path, 'Il a parlé d\'un "tournant" historique.\n')
    mixed = check(tmp_path, "Il a parlé d'un « succès » et d'un \"tournant\" historique.\n")
    assert found(alone) == found(mixed) == [("TQA-FRM-005", '"tournant"')]
    assert alone[0]["confidence"] < 0.8 <= mixed[0]["confidence"]


@needs_hunspell
def test_spelling_reports_unknown_words_but_not_names_loanwords_or_the_allow_list(
    tmp_path: Path,
) -> None:
    text = (
        "Le feu s'est propagé d'un hangard à l'immeuble voisin.\n\n"
        "Le PDG de Biontech, Ugur Sahin, regarde un film en streaming sur sa tablette "
        "avec le « Klimaschutzprogramm » et la réélectrification du réseau.\n"
    )
    findings = check(tmp_path, text)
    assert found(findings) == [("TQA-FRM-001", "hangard")]
    assert "hangar" in findings[0]["suggestions"]
    assert findings[0]["confidence"] < 0.5  # measured precision below 80 %
    assert found(check(tmp_path, text, "--allow", "hangard")) == []


@needs_hunspell
@pytest.mark.skipif(
    resources.by_name("grammalecte").location() is None, reason="Grammalecte not installed"
)
def test_a_word_of_grammalecte_s_lexicon_that_hunspell_lacks_is_not_misspelt(
    tmp_path: Path,
) -> None:
    # hunspell-fr rejects "piètement" (the base of a table), Grammalecte's lexicon knows it
    text = "Le piètement de la table est en chêne et le hangard est vide.\n"
    assert found(check(tmp_path, text)) == [("TQA-FRM-001", "hangard")]


def test_explain_shows_the_documentation(tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", "TQA-FRM-003"])
    assert result.exit_code == 0
    assert "L'Ensemble" in result.output and "capitalised-nouns.tsv" in result.output


def test_spans_overlap_as_a_scan_of_every_span_would_say() -> None:
    """form.Spans answers by bisection what scanning every span answered."""
    import random

    from tqa.spans import Spans

    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 60) for _ in range(8))]
        index = Spans(spans)
        for start in range(0, 70):
            for end in range(start + 1, min(start + 8, 72)):
                expected = any(lo < end and start < hi for lo, hi in spans)
                assert index.overlaps(start, end) == expected, (spans, start, end)
