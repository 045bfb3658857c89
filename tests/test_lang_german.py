"""German word forms shared by the compound tables, the aligner and the MT checks."""

from __future__ import annotations

from tqa.lang.german import LINKING_ELEMENTS, mentions, words


def test_a_word_is_mentioned_inflected_or_as_a_compound_head_not_as_its_first_part() -> None:
    source = words("Die Achterbahnzüge und zwei Wolldecken; die Abschlusserklärung. Schlossgarten")
    assert mentions(source, "Achterbahnzug")  # plural with umlaut
    assert mentions(source, "Wolldecke")  # inflected
    assert mentions(source, "Erklärung")  # head of a compound
    assert not mentions(source, "Schloss")  # only the first part of Schlossgarten
    assert not mentions(source, "Kraftwerk")


def test_linking_elements_include_none() -> None:
    assert "" in LINKING_ELEMENTS and {"s", "n", "en", "es"} <= set(LINKING_ELEMENTS)


def test_german_base_forms_are_tried_in_order() -> None:
    from tqa.lang.german import base_forms, infinitives

    assert list(base_forms("wolldecken"))[:2] == ["wolldecken", "wolldeck"]
    assert "land" in base_forms("länder") and "kind" in base_forms("kindern")
    assert "ware" not in base_forms("wäre")
    assert "einstellen" in infinitives("eingestellt") and "lesen" in infinitives("gelesen")
