"""Sentence aligner: bead types, coverage, degenerate input, no dictionaries."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa import align as aligner
from tqa.align_score import LexicalScorer, Lexicon
from tqa.backends import resources
from tqa.cli import app
from tqa.model import Bead

GERMAN = [
    "Am 12. März 1998 erreichte die Expedition den Gipfel des Matterhorns.",
    "Der Bergführer Hans Müller führte die Gruppe über den Grat.",
    "Das Wetter war schlecht.",
    "Der Abstieg dauerte sieben Stunden, weil der Schnee sehr tief war.",
    "Im Jahr 2004 wurde in Zermatt eine neue Hütte mit 80 Betten eröffnet.",
    "Die Hütte liegt auf 3260 Metern.",
    "Sie ist von Juni bis September geöffnet.",
    "Der Verein dankt allen Spendern für ihre Unterstützung.",
]
FRENCH = [
    "Le 12 mars 1998, l'expédition atteignit le sommet du Cervin.",
    "Le guide Hans Müller conduisit le groupe le long de l'arête.",
    "Le temps était mauvais.",
    "La descente dura sept heures, car la neige était très profonde.",
    "En 2004, une nouvelle cabane de 80 lits fut inaugurée à Zermatt.",
    "La cabane se trouve à 3260 mètres.",
    "Elle est ouverte de juin à septembre.",
    "L'association remercie tous les donateurs pour leur soutien.",
]


needs_freedict = pytest.mark.skipif(
    any(resources.by_name(n).location() is None for n in ("freedict-deu-fra", "freedict-fra-deu")),
    reason="FreeDict dictionaries not installed",
)


def pairs(beads: tuple[Bead, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def assert_covers(beads: tuple[Bead, ...], n_src: int, n_tgt: int) -> None:
    src = [i for b in beads for i in b.source]
    tgt = [j for b in beads for j in b.target]
    assert src == list(range(n_src))
    assert tgt == list(range(n_tgt))
    assert all(b.source or b.target for b in beads)
    assert all(0.0 <= b.score <= 1.0 for b in beads)


@pytest.fixture(params=["dictionaries", "no-dictionaries"])
def scorer(request: pytest.FixtureRequest) -> LexicalScorer:
    if request.param == "dictionaries":
        return LexicalScorer()  # uses FreeDict when installed, falls back otherwise
    return LexicalScorer(Lexicon(None, None))


def test_one_to_one(scorer: LexicalScorer) -> None:
    beads = aligner.align(GERMAN, FRENCH, scorer=scorer)
    assert pairs(beads) == [((i,), (i,)) for i in range(len(GERMAN))]
    assert_covers(beads, len(GERMAN), len(FRENCH))


def test_one_to_two_and_two_to_one(scorer: LexicalScorer) -> None:
    # French splits sentence 3 in two; German sentences 5 and 6 become one French sentence.
    french = FRENCH[:3] + [
        "La descente dura sept heures.",
        "Car la neige était très profonde.",
        FRENCH[4],
        "La cabane se trouve à 3260 mètres et elle est ouverte de juin à septembre.",
        FRENCH[7],
    ]
    beads = aligner.align(GERMAN, french, scorer=scorer)
    assert ((3,), (3, 4)) in pairs(beads)
    assert ((5, 6), (6,)) in pairs(beads)
    assert_covers(beads, len(GERMAN), len(french))


def test_insertion_and_deletion(scorer: LexicalScorer) -> None:
    # German sentence 3 untranslated; the French adds a sentence after 5.
    # (A very short sentence may as well be merged with its neighbour: not asserted.)
    french = FRENCH[:3] + FRENCH[4:6] + ["Réservation obligatoire par téléphone."] + FRENCH[6:]
    beads = aligner.align(GERMAN, french, scorer=scorer)
    got = pairs(beads)
    assert ((3,), ()) in got
    assert ((), (5,)) in got
    assert ((0,), (0,)) in got and ((7,), (7,)) in got
    assert_covers(beads, len(GERMAN), len(french))


@pytest.mark.parametrize("n_src, n_tgt", [(0, 0), (0, 3), (3, 0)])
def test_empty_side(n_src: int, n_tgt: int) -> None:
    beads = aligner.align(GERMAN[:n_src], FRENCH[:n_tgt])
    assert_covers(beads, n_src, n_tgt)
    assert all(b.score == 0.0 for b in beads)


def test_wildly_unequal_lengths(scorer: LexicalScorer) -> None:
    beads = aligner.align(GERMAN[:1], FRENCH * 30, scorer=scorer)
    assert_covers(beads, 1, len(FRENCH) * 30)
    beads = aligner.align(GERMAN * 40, FRENCH[:2], scorer=scorer)
    assert_covers(beads, len(GERMAN) * 40, 2)


def test_target_in_german_still_aligns() -> None:
    beads = aligner.align(GERMAN, GERMAN)
    assert pairs(beads) == [((i,), (i,)) for i in range(len(GERMAN))]


def test_banded_long_document(scorer: LexicalScorer) -> None:
    # 20 numbered copies force the banded path; dropping one sentence shifts the rest.
    german = [f"{s} ({k})" for k in range(20) for s in GERMAN]
    french = [f"{s} ({k})" for k in range(20) for s in FRENCH]
    del french[51]
    beads = aligner.align(german, french, scorer=scorer, band=5)
    assert_covers(beads, len(german), len(french))
    got = pairs(beads)
    assert ((51,), ()) in got
    assert ((100,), (99,)) in got


def test_deterministic() -> None:
    first = aligner.align(GERMAN, FRENCH[::-1])
    assert first == aligner.align(GERMAN, FRENCH[::-1])


def test_without_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    from tqa import align_score
    from tqa.backends import freedict

    monkeypatch.setattr(freedict, "load", lambda name: None)
    align_score.default_lexicon.cache_clear()
    try:
        scorer = LexicalScorer()
        assert "not installed" in aligner.scorer_description(scorer)
        beads = aligner.align(GERMAN, FRENCH, scorer=scorer)
        assert pairs(beads) == [((i,), (i,)) for i in range(len(GERMAN))]
    finally:
        align_score.default_lexicon.cache_clear()


def test_default_scorer_reports_resources() -> None:
    description = aligner.scorer_description()
    assert description.startswith("lexical")


def test_scores_reflect_similarity(scorer: LexicalScorer) -> None:
    beads = aligner.align(GERMAN, FRENCH, scorer=scorer)
    assert max(b.score for b in beads) > 0.5


# (German, its French translation, an unrelated French sentence of similar length)
TWINS = [
    (
        "Der Abstieg über den Gletscher dauerte wegen des tiefen Schnees sieben Stunden.",
        "La descente par le glacier dura sept heures à cause de la neige profonde.",
        "Le musée présente une collection de tableaux anciens et de sculptures.",
    ),
    (
        "Die Regierung verlangt einen Bericht über die gesammelten Pflanzen.",
        "Le gouvernement exige un rapport sur les plantes récoltées.",
        "Nous avons dîné tard dans un petit restaurant près de la gare.",
    ),
    (
        "Am nächsten Morgen erreichten zwei Bergsteiger den Gipfel.",
        "Le lendemain matin, deux alpinistes atteignirent le sommet.",
        "Les enfants jouent volontiers au ballon dans la cour de l'école.",
    ),
]


def test_pair_score_ranks_translation_above_unrelated(scorer: LexicalScorer) -> None:
    with_dict = scorer.lexicon is not None
    for german, french, unrelated in TWINS:
        good = aligner.pair_score(german, french, scorer=scorer)
        bad = aligner.pair_score(german, unrelated, scorer=scorer)
        assert 0.0 <= bad <= good <= 1.0
        if with_dict:
            assert good - bad >= 0.3, (german, good, bad)


def test_pair_score_uses_names_and_numbers_without_dictionaries() -> None:
    scorer = LexicalScorer(Lexicon(None, None))
    good = aligner.pair_score(GERMAN[4], FRENCH[4], scorer=scorer)
    bad = aligner.pair_score(GERMAN[4], FRENCH[3], scorer=scorer)
    assert good > bad + 0.3


def test_pair_score_empty() -> None:
    assert aligner.pair_score("", "Le temps était mauvais.") == 0.0


def test_single_bead_score_is_not_saturated(scorer: LexicalScorer) -> None:
    # A lone pair used to score 1.0 whatever it contained.
    german, french, unrelated = TWINS[0]
    (good,) = aligner.align([german], [french], scorer=scorer)
    (bad,) = aligner.align([german], [unrelated], scorer=scorer)
    assert bad.score < 0.5
    if scorer.lexicon is not None:
        assert good.score > bad.score + 0.3


def test_ocr_debris_is_left_out(scorer: LexicalScorer) -> None:
    french = FRENCH[:4] + ["- _- .....", "h * »"] + FRENCH[4:]
    got = pairs(aligner.align(GERMAN, french, scorer=scorer))
    # (The first may as well join the long sentence before it: not asserted.)
    assert ((), (5,)) in got
    assert ((4,), (6,)) in got
    assert_covers(aligner.align(GERMAN, french, scorer=scorer), len(GERMAN), len(french))


def test_three_to_three_bead(scorer: LexicalScorer) -> None:
    # A reference cut into pieces that cross: only a 3-3 bead pairs it correctly.
    german = GERMAN[:2] + ["Hans Müller :", "« Zermatt » ( Basel :", "Orell 1939 ) ."] + GERMAN[2:]
    french = FRENCH[:2] + ["Zermatt , 1939 ,", "Basel , Orell ,", "Hans Müller ."] + FRENCH[2:]
    got = pairs(aligner.align(german, french, scorer=scorer))
    assert ((2, 3, 4), (2, 3, 4)) in got
    assert ((5,), (5,)) in got


def test_reference_cut_inside_brackets_stays_in_one_bead(scorer: LexicalScorer) -> None:
    # A splitter cut a bibliographic reference inside its brackets, after "Nr ."
    # and "Dez .": the German fragments are parts of one sentence, so the bead
    # takes all three rather than leaving the last one (pages) untranslated.
    german = [
        *GERMAN[:2],
        "Darüber hat Hans Müller kürzlich einen Bericht veröffentlicht ( « Die Alpen » Nr .",
        "12 , Dez .",
        "1998 , S. 40-43 ) .",
        *GERMAN[2:],
    ]
    french = [
        *FRENCH[:2],
        "Hans Müller en a publié récemment un récit ( Les Alpes , n° 12 , décembre 1998 ) .",
        *FRENCH[2:],
    ]
    got = pairs(aligner.align(german, french, scorer=scorer))
    assert ((2, 3, 4), (2,)) in got
    assert ((5,), (3,)) in got
    assert_covers(aligner.align(german, french, scorer=scorer), len(german), len(french))


@pytest.mark.parametrize(
    ("text", "opens", "closes"),
    [
        ("Das Buch ( Zürich :", True, False),
        ("Orell Füssli 1956 ) vorliegt .", False, True),
        ("B.Arthaud ) , das auch deutsch vorliegt ( Zürich :", True, True),
        ("Ein Satz ( mit Klammer ) .", False, False),
        ("Siehe [ Anm .", True, False),
        ("Kein Paar ) ( .", True, True),
        # a list item's number and a smiley are not brackets
        ("2) Les revendeurs sont responsables.", False, False),
        ("a) Punkt eins ( siehe", True, False),
        ("Schreibt mir gerne :)", False, False),
    ],
)
def test_bracket_boundaries(text: str, opens: bool, closes: bool) -> None:
    assert aligner._opens(text) is opens
    assert aligner._closes(text) is closes


def test_short_acronyms_are_keys() -> None:
    # DHL, PWM: names of two or three capitals count, however short
    scorer = LexicalScorer(Lexicon(None, None))
    german = "Dann wähle bitte DHL aus, denn nur DHL darf dort liefern."
    french = "Veuillez dans ce cas sélectionner DHL, car seul DHL est autorisé à livrer."
    other = "Veuillez dans ce cas sélectionner un autre transporteur pour la livraison."
    assert aligner.pair_score(german, french, scorer=scorer) > 0.3
    assert aligner.pair_score(german, other, scorer=scorer) < 0.1


def test_numbers_crossing_a_boundary_keep_the_sentences_in_one_bead(scorer: LexicalScorer) -> None:
    # The translator moved "am 11. Mai" into the next sentence: split into two
    # 1-1 beads, the 11 would cross the boundary, so the pair is one 2-2 bead.
    german = [
        *GERMAN[:2],
        "Die erste Gruppe erreichte den Gipfel am 9. Mai 1954 , die zweite am 11. Mai .",
        "Nach einem Ruhetag stiegen alle 14 Bergsteiger zusammen ab .",
        *GERMAN[2:],
    ]
    french = [
        *FRENCH[:2],
        "Le premier groupe atteignit le sommet le 9 mai 1954 .",
        "Le second suivit le 11 mai , et après un jour de repos les 14 alpinistes "
        "redescendirent ensemble .",
        *FRENCH[2:],
    ]
    got = pairs(aligner.align(german, french, scorer=scorer))
    assert ((2, 3), (2, 3)) in got
    assert ((4,), (4,)) in got
    assert_covers(aligner.align(german, french, scorer=scorer), len(german), len(french))
    # without the crossing cost the two sentences were split at the wrong place
    plain = dataclasses.replace(aligner.DEFAULT_PARAMS, cross_number=0.0)
    assert ((2,), (2,)) in pairs(aligner.align(german, french, scorer=scorer, params=plain))


def cli_align(tmp_path: Path, german: list[str], french: list[str]) -> list[tuple[list[int], ...]]:
    """Beads of ``tqa align DE FR --segmentation lines --format json``."""
    de, fr = tmp_path / "de.txt", tmp_path / "fr.txt"
    de.write_text("\n".join(german) + "\n", encoding="utf-8")
    fr.write_text("\n".join(french) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["align", str(de), str(fr), "--segmentation", "lines", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return [(b["source"], b["target"]) for b in json.loads(result.output)["alignment"]]


def test_a_caption_left_out_does_not_count_as_a_crossing_number(tmp_path: Path) -> None:
    # A page break left OCR debris and a caption, "Lhotsé ( 8501 m )", after
    # the French sentence; the caption holds the figure of the next German
    # sentence. Left out, it is aligned with nothing, so its 8501 crosses no
    # boundary; the debris and caption used to be merged into the sentence
    # before (a 1-4 bead) to avoid that crossing cost.
    german = [
        *GERMAN[:2],
        "Jedenfalls erweist sich die Höhenzahl 8603 m auf der Karte von 1930 als recht gut .",
        "Der Lhotse misst amtlich noch immer 8501 m .",
        *GERMAN[2:],
    ]
    french = [
        *FRENCH[:2],
        "Quoi qu' il en soit , l' altitude de 8603 m qui figure sur la carte de Marcel Kurz "
        "peut être considérée comme exacte .",
        "- _-",
        "Lhotsé ( 8501 m )",
        "i - Photo Schweiz .",
        "Stiftung für alpine Forschungen , Zürich",
        "Officiellement , le Lhotsé mesure toujours 8501 m .",
        *FRENCH[2:],
    ]
    got = cli_align(tmp_path, german, french)
    assert ([2], [2]) in got
    assert ([], [4]) in got
    assert ([3], [7]) in got


def test_a_one_digit_number_does_not_cross_a_boundary(tmp_path: Path) -> None:
    # "2" is the day of "2. Juli" in the first German sentence and the camp of
    # "Camp 2 und 3" in the third: a one-digit number says little about which
    # sentence a clause came from. Counted as crossing, it merged the last
    # sentence into a 3-3 bead with the two before it.
    german = [
        *GERMAN[:2],
        "Endlich klarte es auf , und Ende Juni stand Lager 1 ( 5100 m ) , am 2. Juli Lager 2 "
        "( 5400 m ) .",
        "Lager 3 ( 6000 m ) musste auf dem Felssporn erstellt werden , der vom « Black Tooth » "
        "herabzieht .",
        "Diese Strecke zwischen Camp 2 und 3 war ein böses Stück , trotz 400 m fixer Seile .",
        *GERMAN[2:],
    ]
    french = [
        *FRENCH[:2],
        "Le temps finit par s' améliorer ;",
        "Fin juin le camp I était installé à 5100 m , le 2 juillet le camp II à 5400. Le camp III "
        "dut être placé sur un éperon rocheux au pied du Black Tooth .",
        "Le parcours entre le camp II et le camp III était extrêmement mauvais , malgré 400 m de "
        "cordes fixes .",
        *FRENCH[2:],
    ]
    got = cli_align(tmp_path, german, french)
    assert ([2, 3], [2, 3]) in got
    assert ([4], [4]) in got


@needs_freedict  # without it, "Das Wetter war schlecht ." matches nothing and the rest shifts
@pytest.mark.parametrize(
    "caption", ["10 - Photo Indian Air Force", "Kangchenjunga , Arête nord , vue du sommet"]
)
def test_a_caption_without_final_punctuation_is_left_out_not_merged(
    tmp_path: Path, caption: str
) -> None:
    # A line without final punctuation (a caption, a heading) stands alone: a
    # boundary next to it costs twice a merge, and the caption is left out
    # rather than merged into the next sentence's bead (a 1-2 bead before).
    german = [
        *GERMAN[:3],
        "Der Lhotse misst amtlich noch immer 8501 m , wird aber wahrscheinlich demnächst auf "
        "etwa 8510 m heraufgesetzt werden müssen .",
        *GERMAN[3:],
    ]
    french = [
        *FRENCH[:3],
        caption,
        "Officiellement , le Lhotsé mesure toujours 8501 m , mais ce chiffre devra "
        "vraisemblablement être élevé à 8510 m .",
        *FRENCH[3:],
    ]
    got = cli_align(tmp_path, german, french)
    assert ([], [3]) in got
    assert ([3], [4]) in got


def test_a_sentence_cut_at_a_line_end_still_merges(scorer: LexicalScorer) -> None:
    # A line that stops without punctuation and goes on in lower case on the
    # next line is one sentence cut in two, not a caption: merging stays cheap.
    german = [
        *GERMAN[:3],
        "Der Abstieg dauerte sieben Stunden",
        "weil der Schnee sehr tief war .",
        *GERMAN[4:],
    ]
    got = pairs(aligner.align(german, FRENCH, scorer=scorer))
    assert ((3, 4), (3,)) in got


@pytest.mark.parametrize(
    ("german", "french"),
    [("länder", "pays"), ("bildern", "image"), ("blätter", "feuil"), ("mütter", "mere")],
)
def test_german_plurals_with_an_umlaut_or_in_ern_find_their_singular(
    german: str, french: str
) -> None:
    from tqa.align_score import default_lexicon

    lexicon = default_lexicon()
    if not lexicon.available:
        pytest.skip("FreeDict dictionaries not installed")
    assert french in lexicon.translate(german)


@pytest.mark.parametrize(
    ("german", "french"),
    [
        ("bietet", "offri"),  # bieten
        ("teilte", "parta"),  # teilen
        ("hoffe", "esper"),  # hoffen
        ("gezeigt", "montr"),  # zeigen
        ("eingestellt", "ajust"),  # einstellen
        ("verbessert", "ameli"),  # verbessern
        ("gelesen", "lire"),  # lesen
    ],
)
def test_conjugated_german_verbs_find_their_infinitive(german: str, french: str) -> None:
    from tqa.align_score import default_lexicon

    lexicon = default_lexicon()
    if not lexicon.available:
        pytest.skip("FreeDict dictionaries not installed")
    assert french in lexicon.translate(german)


def test_a_verb_with_an_umlaut_is_not_read_as_a_plural() -> None:
    from tqa.align_score import default_lexicon

    lexicon = default_lexicon()
    if not lexicon.available:
        pytest.skip("FreeDict dictionaries not installed")
    assert "ware" not in lexicon.translate("wäre")  # not Ware (merchandise)


@needs_freedict
def test_one_french_sentence_given_for_two_german_ones_stays_two_pairs(tmp_path: Path) -> None:
    # gespeichert/gelöscht both rendered "enregistré" (a memory match reused): the
    # words the twin French sentences share are counted once per sentence, so
    # the two pairs are not merged into one bead that hides the mismatch
    source = tmp_path / "a.de.txt"
    target = tmp_path / "a.fr.txt"
    source.write_text("Die Datei wurde gespeichert.\n\nDie Datei wurde gelöscht.\n", "utf-8")
    target.write_text("Le fichier a été enregistré.\n\nLe fichier a été enregistré.\n", "utf-8")
    result = CliRunner().invoke(app, ["align", str(source), str(target)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t")[:2] for line in result.output.splitlines()[1:]]
    assert rows == [["0", "0"], ["1", "1"]]


def test_a_document_weights_a_word_by_how_many_of_its_sentences_hold_it() -> None:
    # Without dictionaries the two sentences share the name and the number;
    # in a document where every sentence names the Zappiti, the name is weak
    # evidence and the pair scores less; the number, rare there, keeps its weight.
    scorer = LexicalScorer(Lexicon(None, None))
    german, french = "Der Zappiti Player kostet 349 Euro.", "Le lecteur Zappiti coûte 349 euros."
    document = [german, french] + [f"Le Zappiti numéro {n} est arrivé." for n in range(20)]
    alone = aligner.pair_score(german, french, scorer=scorer)
    weighted = aligner.pair_score(german, french, scorer=scorer.for_document(document))
    assert 0 < weighted < alone


def test_a_long_compound_is_split_and_a_run_of_letters_beyond_any_word_is_not() -> None:
    """Compounds are split into known parts; a "word" longer than any German
    compound is left whole, since trying every cut of it costs its length
    squared (100,000 letters took minutes; scripts/bench_linear.py --only lexicon)."""
    from tqa.align_score import default_lexicon

    lexicon = default_lexicon()
    if not lexicon.available:
        pytest.skip("FreeDict dictionaries not installed")
    assert "capit" in lexicon.translate("Donaudampfschifffahrtsgesellschaftskapitän")
    assert lexicon.translate("haus" + "x" * 70 + "kapitän") == frozenset()


#: the translator moved "bald darauf auch der alte Koch" into the next sentence
MOVED_DE = [
    "Nach drei Wochen im Basislager verliessen uns die Träger , bald darauf auch der alte Koch .",
    "Der Aufstieg zum Nordgrat dauerte dann zwei Tage .",
]
MOVED_FR = [
    "Après trois semaines au camp de base , les porteurs nous quittèrent .",
    "Le vieux cuisinier partit bientôt aussi , et la montée vers l' arête nord dura deux jours .",
]


@needs_freedict
def test_words_moved_across_a_sentence_boundary_join_the_two_pairs(tmp_path: Path) -> None:
    # Split into two 1-1 beads, "alte Koch" and "bald" of the first German
    # sentence are found only in the second French one: aligned word by word
    # as one block, three of the eleven content links cross the boundary, and
    # the two pairs are one 2-2 bead, as a gold alignment keeps them.
    german = [*GERMAN[:2], *MOVED_DE, *GERMAN[2:]]
    french = [*FRENCH[:2], *MOVED_FR, *FRENCH[2:]]
    got = cli_align(tmp_path, german, french)
    assert ([2, 3], [2, 3]) in got
    assert ([1], [1]) in got and ([4], [4]) in got
    # without the second look, the similarity of the pairs split them
    plain = dataclasses.replace(aligner.DEFAULT_PARAMS, cross_words=0.0)
    assert ((2,), (2,)) in pairs(aligner.align(german, french, params=plain))


@needs_freedict
def test_crossing_links_count_only_words_without_a_match_on_their_own_side() -> None:
    from tqa.align_score import default_lexicon
    from tqa.word_align import crossings

    found = crossings(
        [[MOVED_DE[0]], [MOVED_DE[1]]], [[MOVED_FR[0]], [MOVED_FR[1]]], lexicon=default_lexicon()
    )
    assert {g for g, _, _ in found.words} == {"bald", "alte", "Koch"}
    assert found.staying >= 6
    # the second "Gipfel" is linked to the "sommet" of the second French
    # sentence, but the first French sentence has a "sommet" too: a word
    # matched on its own side says nothing about where a clause went
    found = crossings(
        [["Vom Gipfel sahen wir den nächsten Gipfel ."], ["Dann stiegen wir rasch ab ."]],
        [
            ["Du sommet nous vîmes le suivant ."],
            ["Puis nous descendîmes rapidement vers le sommet ."],
        ],
        lexicon=default_lexicon(),
    )
    assert found.crossing == 0
    assert found.staying >= 3


#: a German sentence cut twice inside its references by a sentence splitter; the
#: French renders it in one shorter sentence without the place of publication
#: and the second half's detail ("gehaltvollen", "grundsätzlich nicht viel Neues")
CUT_DE = [
    "Das schöne Buch von Paul Weber ( « Eiger » , Bern :",
    "Hallwag ) , das jetzt auch in französischer Fassung ( Lausanne :",
    "Payot 1958 ) vorliegt , bringt nach den gehaltvollen Tagebüchern der Teilnehmer"
    " und gegenüber unserer vorjährigen Chronik grundsätzlich nicht viel Neues .",
]
CUT_FR = [
    "Le beau livre de Paul Weber ( Eiger , Hallwag ) n' ajoute guère aux journaux"
    " ni à notre chronique .",
]


@needs_freedict
def test_a_sentence_left_out_whose_words_the_next_french_holds_joins_its_bead(
    tmp_path: Path,
) -> None:
    # The first two pieces match the French sentence in length; the third,
    # long and mostly untranslated, costs more in the length term than leaving
    # it out. But two of its words, "Tagebüchern" and "Chronik", are found in
    # that French sentence ("journaux", "chronique") and in none of the first
    # two pieces: it was translated there, and the three pieces are one bead.
    german = [*GERMAN[:3], *CUT_DE, *GERMAN[3:]]
    french = [*FRENCH[:3], *CUT_FR, *FRENCH[3:]]
    got = cli_align(tmp_path, german, french)
    assert ([3, 4, 5], [3]) in got
    assert ([2], [2]) in got and ([6], [4]) in got
    # without the second look at sentences left out, the third piece is left out
    plain = dataclasses.replace(aligner.DEFAULT_PARAMS, cross_null=0.0)
    assert ((5,), ()) in pairs(aligner.align(german, french, params=plain))


@pytest.mark.parametrize(
    ("german", "french"),
    [
        (["Das Haus hat 12 Zimmer."], ["La maison a 12 pièces.", "Photo 1234"]),
        (["Das Haus hat 12 Zimmer.", "Seite 1234"], ["La maison a 12 pièces."]),
        (["Das Haus hat 12 Zimmer."], ["Photo 1234", "La maison a 12 pièces."]),
        (["Seite 1234", "Das Haus hat 12 Zimmer."], ["La maison a 12 pièces."]),
        ([*CUT_DE, *GERMAN[:1]], [*CUT_FR, *FRENCH[:1]]),
        ([*GERMAN[:1], *CUT_DE], [*FRENCH[:1], *CUT_FR]),
    ],
)
def test_a_sentence_left_out_at_an_end_of_the_document_is_looked_at_again(
    scorer: LexicalScorer, german: list[str], french: list[str]
) -> None:
    # the boundary between a bead and a sentence left out may be an end of the
    # document, where no number crosses
    beads = aligner.align(german, french, scorer=scorer)
    assert_covers(beads, len(german), len(french))


@needs_freedict
def test_a_sentence_left_out_that_the_french_does_not_hold_stays_left_out(
    tmp_path: Path,
) -> None:
    # The same French sentence beside a German sentence it does not translate:
    # no word of it is found there, and it stays a 1-0 bead (an omission).
    untranslated = (
        "Die Hütte wurde im letzten Winter von einer Lawine schwer beschädigt und muss"
        " nun bis zum Frühling vollständig erneuert werden ."
    )
    german = [*GERMAN[:3], *CUT_DE[:2], untranslated, *GERMAN[3:]]
    french = [*FRENCH[:3], *CUT_FR, *FRENCH[3:]]
    got = cli_align(tmp_path, german, french)
    assert ([5], []) in got
    assert ([3, 4], [3]) in got and ([6], [4]) in got
