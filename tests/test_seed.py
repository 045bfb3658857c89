"""The sample article: every language-mixing and typography error named in
the foundation issue is found, by its span text."""

from __future__ import annotations

from tests.conftest import needs_hunspell


def spans(report, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.text for f in report.findings if f.code == code]


def test_german_caption_and_boilerplate_are_german_segments(seed_report) -> None:  # type: ignore[no-untyped-def]
    found = spans(seed_report, "TQA-MIX-001")
    assert any(t.startswith("Xi Jinping nimmt am 2. Gipfeltreffen") for t in found)
    assert "Details" in found and "Quellen" in found


@needs_hunspell
def test_german_words_inside_french_text(seed_report) -> None:  # type: ignore[no-untyped-def]
    found = spans(seed_report, "TQA-MIX-002")
    assert "Symbolbild" in found
    assert "Kasachstan" in found
    assert "Ort" in found
    kasachstan = next(f for f in seed_report.findings if f.text == "Kasachstan")
    assert "Kazakhstan" in kasachstan.suggestions
    ort = next(f for f in seed_report.findings if f.text == "Ort")
    assert "glued" in ort.message


def test_french_names_and_words_are_not_flagged(seed_report) -> None:  # type: ignore[no-untyped-def]
    flagged = {f.text for f in seed_report.findings if f.code.startswith("TQA-MIX-002")}
    for word in ("Astana", "Kazakhstan", "Xi", "Jinping", "Tokayev", "DNAT", "Syrdarya", "Wang"):
        assert word not in flagged


def test_typography(seed_report) -> None:  # type: ignore[no-untyped-def]
    assert spans(seed_report, "TQA-TYP-001").count("Kazakhstan:") == 2
    assert spans(seed_report, "TQA-TYP-006") == ["’"] * 4
    assert spans(seed_report, "TQA-TYP-007") == ["précédente"]


def test_score_and_offsets(seed_report) -> None:  # type: ignore[no-untyped-def]
    assert not seed_report.score.passed
    assert seed_report.score.value < 95
    for finding in seed_report.findings:
        assert seed_report.text[finding.start : finding.end] == finding.text


def test_caption_aligned_with_its_french_twin_and_boilerplate_untranslated(seed_report) -> None:  # type: ignore[no-untyped-def]
    beads = {b.source: b.target for b in seed_report.alignment}
    assert 2 in beads[(1,)]  # the German caption ↔ the French caption below it
    assert beads[(24,)] == () and beads[(26,)] == ()  # "Details", "Quellen": no French counterpart
    untranslated = [f for f in seed_report.findings if f.code == "TQA-MIX-001"]
    assert "aligned with segment" in untranslated[0].evidence
    assert all("no French counterpart" in f.evidence for f in untranslated[1:])
