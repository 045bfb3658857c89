"""French negations read by tqa.lang.polarity: personne and nul as the
negative subject, and personne as the noun."""

from __future__ import annotations

import pytest

from tqa.lang import polarity
from tqa.word_align import tokenize


@pytest.mark.parametrize(
    ("sentence", "negations"),
    [
        ("Personne n'est venu à la réunion.", ["Personne"]),
        ("Dans la salle, personne ne parle.", ["personne"]),
        ("Et personne.", ["personne"]),
        # a determiner makes personne the noun, before ne too (ne … que is only)
        ("La personne n'a signé que le contrat.", []),
        ("Chaque personne ne peut commander que deux articles.", []),
        ("La personne ne répond pas au téléphone.", ["pas"]),
    ],
)
def test_personne_negates_as_a_subject_and_not_as_the_noun(
    sentence: str, negations: list[str]
) -> None:
    found = [t.text for t in polarity.french_negations(tokenize(sentence))]
    assert found == negations
