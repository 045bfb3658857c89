"""One finding per problem (tqa.merge)."""

from __future__ import annotations

from tqa.merge import merge
from tqa.model import Finding, Segment


def _finding(code: str, start: int, end: int, **kw: object) -> Finding:
    values: dict[str, object] = {
        "name": code.lower(),
        "category": "accuracy/mistranslation",
        "severity": "major",
        "confidence": 0.8,
        "segment": 0,
        "text": "x" * (end - start),
        "message": f"{code} says so",
    }
    values.update(kw)
    return Finding(code=code, start=start, end=end, **values)  # type: ignore[arg-type]


def test_two_rules_on_one_span_become_one_finding_naming_both() -> None:
    a = _finding("TQA-MT-005", 10, 20, suggestions=("China.org.cn",), confidence=0.9)
    b = _finding("TQA-MT-006", 10, 20, suggestions=("Chine.org",), confidence=0.7)
    [kept] = merge([b, a])
    assert kept.code == "TQA-MT-005"
    assert kept.suggestions == ("China.org.cn",)
    assert "TQA-MT-006" in kept.evidence


def test_a_segment_wide_finding_gives_way_to_the_precise_one_inside() -> None:
    wide = _finding("TQA-ALN-004", 0, 40, message="source identifier #Wozu is missing")
    narrow = _finding("TQA-MT-006", 0, 10, message="identifier #Pourquoi is not in the source")
    [kept] = merge([wide, narrow], [Segment(0, 0, 40, "x" * 40, "sentence", 0)])
    assert kept.code == "TQA-MT-006"
    assert "#Wozu" in kept.evidence


def test_different_problems_stay_apart() -> None:
    untranslated = _finding("TQA-ALN-005", 0, 40, category="accuracy/untranslated")
    word = _finding("TQA-MIX-002", 5, 10, category="accuracy/untranslated")
    same_rule = [_finding("TQA-TYP-001", 3, 4), _finding("TQA-TYP-001", 3, 4)]
    assert len(merge([untranslated, word], [Segment(0, 0, 40, "x" * 40, "sentence", 0)])) == 2
    scale = _finding("TQA-ACC-006", 4, 12)
    number = _finding("TQA-ALN-003", 0, 12)
    assert len(merge([scale, number], [Segment(0, 0, 40, "x" * 40, "sentence", 0)])) == 2
    assert len(merge(same_rule)) == 2


def test_a_translated_domain_gets_one_finding_not_two() -> None:
    """Issue reproduction: TQA-MT-005 and TQA-MT-006 both reported énergie.NRW."""
    from tests.conftest import check_text

    report = check_text(
        "Selon énergie.NRW, les prix baissent.\n", source="Laut Energie.NRW sinken die Preise.\n"
    )
    spans = [(f.start, f.end) for f in report.findings if f.text == "énergie.NRW"]
    assert len(spans) == 1, report.findings
