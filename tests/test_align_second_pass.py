"""The aligner's second pass (a lexicon learnt from the first alignment) and the
bead similarity that notices a sentence bringing nothing to its bead."""

from __future__ import annotations

import dataclasses

from tqa import align as aligner
from tqa.align_score import LexicalScorer, Lexicon, key, learn_lexicon
from tqa.model import Bead

# "Wolpertinger" (a Bavarian mythical beast) is in no dictionary; its French
# counterpart here is "dahu". Without a dictionary the first pass pairs
# sentences by numbers and names; the beast then becomes an anchor.
GERMAN = [
    "Am 3. Mai 1901 sah der Förster Anton Huber im Wald bei Mittenwald einen Wolpertinger.",
    "Der Wolpertinger hatte ein Geweih, Flügel und die Zähne eines Fuchses, berichtete Huber 1902.",
    "Im Jahr 1910 zeigte das Museum in Garmisch einen ausgestopften Wolpertinger mit 40 Zentimetern Länge.",
    "Der Jäger schläft im Wald.",
    "Der Wolpertinger schläft im Wald.",
    "Seit 1955 sammelt der Verein Werdenfels Berichte über jeden Wolpertinger aus 12 Gemeinden.",
]
FRENCH = [
    "Le 3 mai 1901, le garde forestier Anton Huber vit un dahu dans la forêt près de Mittenwald.",
    "Le dahu avait des bois, des ailes et les dents d'un renard, rapporta Huber en 1902.",
    "En 1910, le musée de Garmisch exposa un dahu empaillé de 40 centimètres de long.",
    "Le dahu dort dans la forêt.",  # the hunter's sentence was left out
    "Depuis 1955, l'association Werdenfels recueille les récits sur chaque dahu de 12 communes.",
]
NO_DICTIONARY = LexicalScorer(Lexicon(None, None))
SECOND_PASS = dataclasses.replace(aligner.DEFAULT_PARAMS, relearn=1)


def pairs(beads: tuple[Bead, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def test_learn_lexicon_keeps_pairs_seen_together_twice() -> None:
    learned = learn_lexicon(
        [["wolpertinger", "wald"], ["wolpertinger", "huber"], ["jäger", "wald"]],
        [[key("dahu"), key("forêt")], [key("dahu"), "huber"], [key("chasseur"), key("forêt")]],
    )
    assert key("dahu") in learned["wolpertinger"]
    assert key("forêt") in learned["wald"]
    assert "jäger" not in learned  # seen once: no evidence


def test_unknown_word_becomes_an_anchor_in_the_second_pass() -> None:
    first = aligner.align(GERMAN, FRENCH, scorer=NO_DICTIONARY)
    second = aligner.align(GERMAN, FRENCH, scorer=NO_DICTIONARY, params=SECOND_PASS)
    # the first pass cannot tell the hunter from the beast ...
    assert ((4,), (3,)) not in pairs(first)
    # ... the second knows Wolpertinger = dahu from the beads it was sure of
    assert pairs(second) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
        ((3,), ()),
        ((4,), (3,)),
        ((5,), (4,)),
    ]


def test_second_pass_keeps_a_clean_alignment() -> None:
    german = [s.replace("Wolpertinger", "Hirsch") for s in GERMAN]
    french = [s.replace("dahu", "cerf") for s in FRENCH]
    del german[3]
    beads = aligner.align(german, french, params=SECOND_PASS)
    assert pairs(beads) == [((i,), (i,)) for i in range(5)]


def test_a_sentence_that_shares_nothing_lowers_a_bead() -> None:
    german = "Aber Kollegah reproduziert ständig irgendwelche antisemitischen Botschaften."
    french = "Mais Kollegah continue de propager des thèses antisémites."
    unrelated = "Il n'y a aucun rapport entre les deux."
    alone = aligner.pair_score(german, french)
    assert alone > 0.3  # Kollegah, antisemitischen/antisémites (and the dictionary)
    # as a bead of two sentences the unrelated one costs a merge and brings nothing
    assert aligner.pair_score(german, [unrelated, french]) < 0.6 * alone
