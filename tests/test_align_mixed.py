"""German sentences left beside their French translations inside one document:
``tqa align FILE`` pairs each with its twin, and leaves an untranslated one alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.backends import resources
from tqa.cli import app

runner = CliRunner()

needs_freedict = pytest.mark.skipif(
    any(resources.by_name(n).location() is None for n in ("freedict-deu-fra", "freedict-fra-deu")),
    reason="FreeDict dictionaries not installed",
)

MIXED = """\
Rucksack für die Stadt

Le sac à dos coûte 49 euros et pèse 800 grammes. Außerdem kann man noch jede Menge \
Zubehör verstauen. Il est également possible de ranger de nombreux accessoires.

Les critiques n'ont rien trouvé à redire. Mais Kollegah continue de propager des thèses \
antisémites. Aber Kollegah reproduziert ständig irgendwelche antisemitischen Botschaften.

Bitte das Innenkissen zum Erwärmen vorher aus dem Bezug heraus nehmen!

La housse est amovible et lavable en machine à 30 °C.
"""


def twins(tmp_path: Path, text: str) -> dict[str, list[str]]:
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["align", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    segments = report["source"]["segments"]

    def words(i: int) -> str:
        return text[segments[i]["start"] : segments[i]["end"]]

    return {
        words(b["source"][0]): [words(i) for i in b["target"]]
        for b in report["alignment"]
        if b["source"]
    }


def test_twin_found_and_untranslated_sentence_left_alone(tmp_path: Path) -> None:
    found = twins(tmp_path, MIXED)
    # the Kollegah sentence is the twin of the French sentence before it, alone: the
    # unrelated sentence before that would only even out the lengths
    assert found[
        "Aber Kollegah reproduziert ständig irgendwelche antisemitischen Botschaften."
    ] == ["Mais Kollegah continue de propager des thèses antisémites."]
    # no French sentence translates this instruction: no twin, however close
    assert found["Bitte das Innenkissen zum Erwärmen vorher aus dem Bezug heraus nehmen!"] == []


@needs_freedict
def test_free_translation_next_to_its_german_is_its_twin(tmp_path: Path) -> None:
    # only Zubehör/accessoires and verstauen/ranger are shared (score about 0.3), but
    # the next sentence is the only nearby French that shares anything
    found = twins(tmp_path, MIXED)
    assert found["Außerdem kann man noch jede Menge Zubehör verstauen."] == [
        "Il est également possible de ranger de nombreux accessoires."
    ]


def test_german_next_to_unrelated_french_has_no_twin(tmp_path: Path) -> None:
    text = (
        "Le conseil municipal a voté le budget lundi soir.\n\n"
        "Die Feuerwehr rückte gegen Mitternacht zu einem Brand aus.\n\n"
        "Les travaux de la piscine commenceront en mars.\n"
    )
    assert twins(tmp_path, text) == {
        "Die Feuerwehr rückte gegen Mitternacht zu einem Brand aus.": []
    }


def test_a_french_sentence_is_the_twin_of_one_german_sentence(tmp_path: Path) -> None:
    # the second German sentence shares the names and a number with the French one
    # and even scores higher, but the French stands beside its translation
    text = (
        "Le maire Peter Labonte a remis un chèque de 45 000 euros aux pompiers de Lahnstein.\n\n"
        "Bürgermeister Peter Labonte überreichte der Lahnsteiner Feuerwehr einen Scheck "
        "über 45.000 Euro.\n\n"
        "Peter Labonte dankte den Lahnsteiner Helfern für 45 Einsätze.\n\n"
        "La piscine rouvrira en mars.\n"
    )
    found = twins(tmp_path, text)
    assert found == {
        "Bürgermeister Peter Labonte überreichte der Lahnsteiner Feuerwehr einen Scheck "
        "über 45.000 Euro.": [
            "Le maire Peter Labonte a remis un chèque de 45 000 euros aux pompiers de Lahnstein."
        ],
        "Peter Labonte dankte den Lahnsteiner Helfern für 45 Einsätze.": [],
    }


@needs_freedict
def test_german_inside_a_french_sentence_is_cut_out_and_paired(tmp_path: Path) -> None:
    # No sentence end between the languages: after a colon, and after a closing
    # bracket. The German is cut out at the language change and paired.
    text = (
        "Nous garantissons ces outils dans les conditions suivantes : Für diese Werkzeuge "
        "leisten wir Garantie gemäß nachstehenden Bedingungen: Nous réparons gratuitement "
        "les défauts de matière.\n\n"
        "Une zone souple dans le col améliore l'étanchéité (réglage fin de la largeur) "
        "Eine weiche Zone im Kragen verbessert die Abdichtung (Feineinstellung der Weite)\n"
    )
    found = twins(tmp_path, text)
    assert found == {
        "Für diese Werkzeuge leisten wir Garantie gemäß nachstehenden Bedingungen:": [
            "Nous garantissons ces outils dans les conditions suivantes :"
        ],
        "Eine weiche Zone im Kragen verbessert die Abdichtung (Feineinstellung der Weite)": [
            "Une zone souple dans le col améliore l'étanchéité (réglage fin de la largeur)"
        ],
    }


def langid_segments(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["langid", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    segments = json.loads(result.output)["documents"][0]["segments"]
    return [(text[s["start"] : s["end"]], s["lang"]) for s in segments]


def test_language_change_cuts_a_sentence_in_langid(tmp_path: Path) -> None:
    text = (
        "Il régale son public avec des tubes des années 20 et 30. Derzeit ist er mit "
        "dem neuen Programm unterwegs, wenn er denn auftreten darf.\n"
    )
    assert langid_segments(tmp_path, text) == [
        ("Il régale son public avec des tubes des années 20 et 30.", "fr"),
        ("Derzeit ist er mit dem neuen Programm unterwegs, wenn er denn auftreten darf.", "de"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a quoted German title, a short German quotation, German names
        "Il est en tournée avec le programme « Guten Tag, liebes Glück » (Bonjour et "
        "bonne chance) : sous couvert d'autorisation administrative.",
        "Le journal titrait : Die Zeit ist reif ; le maire a démenti le lendemain matin.",
        "Le club de Fribourg (SC Freiburg) affrontera le Bayern München : le match aura lieu "
        "samedi.",
    ],
)
def test_french_sentence_with_some_german_is_not_cut(tmp_path: Path, text: str) -> None:
    assert [lang for _, lang in langid_segments(tmp_path, text + "\n")] == ["fr"]


@needs_freedict
def test_a_german_paragraph_beside_its_french_is_paired_in_order(tmp_path: Path) -> None:
    # "Das war's." and "Sans plus." share no word; the sentence before it has
    # its twin, so the next French sentence is its twin by position. An
    # untranslated German sentence further on, with no twin beside it, stays alone.
    text = (
        "Die Feuerwehr rückte gegen Mitternacht zu einem Brand in der Altstadt aus. "
        "Das war's.\n\n"
        "Les pompiers sont intervenus vers minuit pour un incendie dans la vieille ville. "
        "Sans plus.\n\n"
        "Le conseil municipal a voté le budget lundi soir.\n\n"
        "Der Verein dankt allen Spendern für ihre Unterstützung.\n\n"
        "Les travaux de la piscine commenceront en mars.\n"
    )
    found = twins(tmp_path, text)
    assert found["Das war's."] == ["Sans plus."]
    assert found["Der Verein dankt allen Spendern für ihre Unterstützung."] == []


@needs_freedict
def test_a_german_sentence_cut_in_two_shares_its_twin(tmp_path: Path) -> None:
    # The splitter read "349." as a sentence end; the second piece starts in
    # lower case, so both pieces are one sentence and share the French twin.
    text = (
        "La course a été remportée par Max Verstappen devant Lewis Hamilton.\n\n"
        "Es war sein 349. und letzter Grand Prix, der Iceman beendet seine Karriere "
        "in der Motorsport-Königsklasse.\n\n"
        "C'était son 349e et dernier Grand Prix, l'homme de glace a ainsi terminé sa "
        "carrière dans la catégorie reine du sport automobile.\n"
    )
    found = twins(tmp_path, text)
    pieces = [k for k in found if "349" in k or "Iceman" in k]
    assert all(found[k] for k in pieces), found


@needs_freedict
def test_a_french_segment_holding_two_sentences_is_still_a_twin(tmp_path: Path) -> None:
    # The splitter left a footnote ("*\xa0: …") in the same segment as the
    # translation; the German sentence is scored against that segment's first
    # sentence too, not only against the whole, twice as long, segment.
    text = (
        "Les valeurs ont été déterminées en laboratoire à 21 °C.\n\n"
        "Die Werte können je nach verwendeter Taschenlampe, Alter und Umgebung abweichen.\n\n"
        "Les valeurs peuvent varier en fonction de la lampe de poche utilisée, de l'âge et de "
        "l'environnement. *\xa0: La durée de combustion dans le compartiment à piles est "
        "mesurée sans interruption, avec des batteries neuves et à température ambiante.\n"
    )
    found = twins(tmp_path, text)
    (twin,) = found[
        "Die Werte können je nach verwendeter Taschenlampe, Alter und Umgebung abweichen."
    ]
    assert twin.startswith("Les valeurs peuvent varier")


@needs_freedict
def test_a_german_plural_with_an_umlaut_is_looked_up(tmp_path: Path) -> None:
    # "Arbeitsblätter": the dictionary knows Arbeit and Blatt, not the plural
    # Blätter; with the umlaut undone the compound shares "travail" with its
    # French twin, which the next sentence (travailler) no longer outscores.
    text = (
        "Nous avons le livre Terra et je suis plutôt insatisfait de la plupart des tâches "
        "qu'il propose.\n\n"
        "Daher auch die Arbeitsblätter.\n\n"
        "D'où les fiches de travail.\n\n"
        "Peut-être qu'un professeur de géographie pourrait me dire comment travailler avec "
        "le livre de manière efficace.\n"
    )
    assert twins(tmp_path, text)["Daher auch die Arbeitsblätter."] == [
        "D'où les fiches de travail."
    ]


@needs_freedict
def test_conjugated_german_verbs_are_looked_up_as_infinitives(tmp_path: Path) -> None:
    # "vorbereitet" and "eingesetzt" are found as vorbereiten (préparer) and
    # einsetzen (installer): the twin before the German sentence now outscores
    # the next sentence, which shares only "Frequenzweiche" with it.
    text = (
        "Dans la partie supérieure du boîtier, acheminez le câble vers l'ouverture du "
        "haut-parleur et laissez-le également pendre librement. "
        "S'ensuit la préparation et l'installation de l'interrupteur de fréquence. "
        "Nachfolgend wird die Frequenzweiche vorbereitet und eingesetzt.\n\n"
        "Le plan de construction de l'interrupteur de fréquence et le plan de raccordement "
        "correspondant figurent dans le document suivant.\n"
    )
    assert twins(tmp_path, text)[
        "Nachfolgend wird die Frequenzweiche vorbereitet und eingesetzt."
    ] == ["S'ensuit la préparation et l'installation de l'interrupteur de fréquence."]


@needs_freedict
def test_a_french_segment_cut_after_a_colon_is_scored_by_its_first_sentence(
    tmp_path: Path,
) -> None:
    # "… conditions suivantes : Nous fournissons …" is one French segment;
    # its first sentence, up to the colon, translates the German one. The
    # Bosch guarantee sentence two segments before shares Garantie and
    # Werkzeuge and used to be taken as the twin.
    text = (
        "Bosch accorde donc une garantie pour les outils électriques, pneumatiques et de "
        "mesure Bosch. Cette garantie n'hypothèque ni les réclamations de l'acheteur "
        "concernant les défauts découlant du contrat d'achat avec le vendeur, ni les "
        "dispositions légales. Für diese Werkzeuge leisten wir Garantie gemäß nachstehenden "
        "Bedingungen: Nous garantissons ces outillages dans les conditions suivantes : Nous "
        "fournissons une garantie conformément aux réglementations qui suivent (n° 2 à 7)\n"
    )
    (twin,) = twins(tmp_path, text)[
        "Für diese Werkzeuge leisten wir Garantie gemäß nachstehenden Bedingungen:"
    ]
    assert twin.startswith("Nous garantissons ces outillages")


@needs_freedict
def test_a_rival_is_scored_whole_not_by_its_sentences(tmp_path: Path) -> None:
    # The heading's twin is the heading before it (0.3-0.5: a free rendering).
    # The quotation two segments before holds a sentence after a colon that
    # shares "vorne"/"avant" with the German heading; scored on its own, it
    # would be a rival close enough to refuse the twin.
    text = (
        "«\xa0Nous n'étions tout simplement pas sur le terrain, ni en attaque ni en "
        "défense\xa0», a admis l'arrière Xenia Smits, avant de poursuivre : «\xa0Il faut "
        "maintenant vite se projeter vers l'avant\xa0».\n\n"
        '"Wir waren einfach nicht da - weder im Angriff, noch in der Abwehr", räumte '
        'Rückraumspielerin Xenia Smits ein und forderte: "Wir müssen jetzt schnell nach '
        'vorne schauen".\n\n'
        "Pas à la hauteur, quel que soit le poste\n\n"
        "Von vorne bis hinten nicht auf der Höhe\n\n"
        "Contrairement aux cinq matchs précédents du tournoi, l'équipe allemande a sombré "
        "dès le coup d'envoi.\n"
    )
    assert twins(tmp_path, text)["Von vorne bis hinten nicht auf der Höhe"] == [
        "Pas à la hauteur, quel que soit le poste"
    ]


@needs_freedict
def test_an_untranslated_sentence_ending_a_german_run_takes_no_twin_by_position(
    tmp_path: Path,
) -> None:
    # The first German sentence has its twin; the second was left untranslated.
    # The French paragraph goes on with an unrelated sentence: by position alone
    # it would be the second sentence's twin, but the two share nothing and the
    # French sentence does not end its paragraph as the German one does.
    text = (
        "Die Feuerwehr rückte gegen Mitternacht zu einem Brand in der Altstadt aus. "
        "Der Verein dankt allen Spendern für ihre Unterstützung.\n\n"
        "Les pompiers sont intervenus vers minuit pour un incendie dans la vieille ville. "
        "Les travaux de la piscine commenceront en mars. "
        "Le conseil municipal a voté le budget lundi soir.\n"
    )
    found = twins(tmp_path, text)
    assert found["Die Feuerwehr rückte gegen Mitternacht zu einem Brand in der Altstadt aus."] == [
        "Les pompiers sont intervenus vers minuit pour un incendie dans la vieille ville."
    ]
    assert found["Der Verein dankt allen Spendern für ihre Unterstützung."] == []


@needs_freedict
def test_a_sentence_starting_with_a_number_does_not_continue_the_one_before(
    tmp_path: Path,
) -> None:
    # "1 g NEKTON-Bio …" starts with a number, not in lower case: the German
    # sentence before it is not its first half and does not share its twin.
    text = (
        "Veuillez noter que NEKTON-Bio ne doit pas être administré pendant la période "
        "de reproduction.\n\n"
        "Die Vögel brauchen im Winter mehr Futter als im Sommer. "
        "1 g NEKTON-Bio auf 250 ml Wasser oder 100 g Weichfutter. "
        "1 g de NEKTON-Bio pour 250 ml d'eau ou 100 g de nourriture molle.\n"
    )
    found = twins(tmp_path, text)
    assert found["1 g NEKTON-Bio auf 250 ml Wasser oder 100 g Weichfutter."] == [
        "1 g de NEKTON-Bio pour 250 ml d'eau ou 100 g de nourriture molle."
    ]
    assert found["Die Vögel brauchen im Winter mehr Futter als im Sommer."] == []


needs_hunspell_fr = pytest.mark.skipif(
    resources.hunspell_paths("fr") is None, reason="hunspell-fr not installed"
)


@needs_freedict
@needs_hunspell_fr
def test_an_irregular_french_verb_meets_its_infinitive(tmp_path: Path) -> None:
    # "boivent" shares no prefix with "boire", the dictionary's translation of
    # "trinken": the French word's lemma (hunspell-fr) makes them one key.
    text = (
        "Le conseil municipal a voté le budget lundi soir.\n\n"
        "Ils boivent.\n\n"
        "Sie trinken.\n\n"
        "Les travaux de la piscine commenceront en mars.\n"
    )
    assert twins(tmp_path, text)["Sie trinken."] == ["Ils boivent."]


@needs_freedict
def test_a_twin_beyond_another_french_sentence_needs_strong_evidence(tmp_path: Path) -> None:
    # The German sentence shares the fire brigade and the old town with the
    # French sentence two segments on (pair score about 0.6), but that sentence
    # is not its translation and another French sentence stands between them:
    # a translation left beside its German is next to it.
    text = (
        "Le conseil municipal a voté le budget lundi soir. Die Feuerwehr rückte gegen "
        "Mitternacht zu einem Brand in der Altstadt aus. Les travaux de la piscine "
        "commenceront en mars. Les pompiers de la vieille ville ont reçu un nouveau camion.\n"
    )
    assert twins(tmp_path, text) == {
        "Die Feuerwehr rückte gegen Mitternacht zu einem Brand in der Altstadt aus.": []
    }


@needs_freedict
def test_a_sentence_between_two_twins_takes_the_french_between_them(tmp_path: Path) -> None:
    # "Das war's." / "Sans plus." share nothing, but the German sentences on
    # either side have their twins on either side of "Sans plus.": the run
    # closes at the same point on both sides.
    text = (
        "Die Feuerwehr rückte gegen Mitternacht zu einem Brand in der Altstadt aus. "
        "Das war's. Der Verein dankt allen Spendern für ihre großzügige Unterstützung.\n\n"
        "Les pompiers sont intervenus vers minuit pour un incendie dans la vieille ville. "
        "Sans plus. L'association remercie tous les donateurs pour leur généreux soutien. "
        "Les travaux de la piscine commenceront en mars.\n"
    )
    found = twins(tmp_path, text)
    assert found["Das war's."] == ["Sans plus."]
    assert found["Der Verein dankt allen Spendern für ihre großzügige Unterstützung."] == [
        "L'association remercie tous les donateurs pour leur généreux soutien."
    ]


@needs_freedict
def test_a_name_that_many_sentences_share_is_weak_evidence_of_a_twin(tmp_path: Path) -> None:
    # Every sentence of the document names the LokSound decoder; the German
    # sentence was left untranslated. Weighted as in a pair of two sentences,
    # "LokSound" and "Decoder" made the French sentence after it a twin (pair
    # score 0.51); weighted by their frequency in the document, they count
    # little and the German sentence stays without a counterpart.
    text = (
        "Le décodeur LokSound reconnaît les formats DCC et Motorola. Le décodeur "
        "LokSound se monte sans soudure dans la locomotive. Unser kleines Team hat "
        "den LokSound Decoder in zwei Jahren entwickelt. Le décodeur LokSound commande "
        "aussi les feux de la locomotive.\n"
    )
    assert twins(tmp_path, text) == {
        "Unser kleines Team hat den LokSound Decoder in zwei Jahren entwickelt.": []
    }


@needs_freedict
def test_a_translation_scoring_045_beside_its_german_needs_no_margin(tmp_path: Path) -> None:
    # A free translation (pair score 0.46) with a sentence on the same subject
    # before the German one (0.33, more than half as much): the margin rule
    # refuses it, and from MIXED_MIN_BEAD_SCORE (0.45) it is the twin anyway.
    text = (
        "La lampe solaire s'allume automatiquement au crépuscule. La batterie se "
        "recharge quand le soleil brille. Sobald die Sonne wieder scheint, beginnt der "
        "Ladezyklus am nächsten Tag von vorne. Dès que le soleil se lève le lendemain, "
        "le cycle de charge recommence. Elle éclaire le jardin pendant huit heures.\n"
    )
    german = "Sobald die Sonne wieder scheint, beginnt der Ladezyklus am nächsten Tag von vorne."
    assert twins(tmp_path, text)[german] == [
        "Dès que le soleil se lève le lendemain, le cycle de charge recommence."
    ]


@needs_freedict
@pytest.mark.parametrize(
    ("layout", "twin"),
    [
        # a caption on a line of its own, beside the French paragraph it translates
        ("\n\n{de}\n\n", ["Ceci grâce à des sangles agréables et faciles à ajuster."]),
        # the same sentence inside the French paragraph: too little evidence
        (" {de} ", []),
    ],
)
def test_a_german_line_of_its_own_takes_its_neighbour_on_less_evidence(
    tmp_path: Path, layout: str, twin: list[str]
) -> None:
    # The free translation shares one dictionary word with its German (pair
    # score 0.28, nothing else nearby scoring): below MIXED_MIN_NEIGHBOUR_SCORE
    # (0.3), above MIXED_LINE_SCORE (0.25) for a German line of its own.
    german = "Bequeme, leicht verstellbare Gurte helfen dabei."
    text = (
        "Le sac contient vingt litres et pèse un kilo. Il existe en trois couleurs."
        + layout.format(de=german)
        + "Ceci grâce à des sangles agréables et faciles à ajuster. Le fond est renforcé.\n"
    )
    assert twins(tmp_path, text)[german] == twin


@needs_freedict
@needs_hunspell_fr
def test_a_short_french_word_meets_its_german_translation(tmp_path: Path) -> None:
    # "an" is shorter than the four letters a word needs to be a key, so the
    # pair shared nothing (score 0) and the German line had no twin; a French
    # content word of two or three letters now meets a German word whose
    # dictionary translation it is (Jahr: année, an).
    text = (
        "Le conseil municipal a voté le budget lundi soir.\n\n"
        "Es ist ein Jahr her.\n\n"
        "Cela fait un an.\n\n"
        "Les travaux de la piscine commenceront en mars.\n"
    )
    assert twins(tmp_path, text)["Es ist ein Jahr her."] == ["Cela fait un an."]


@needs_freedict
@needs_hunspell_fr
def test_short_french_function_words_do_not_make_a_twin(tmp_path: Path) -> None:
    # The dictionaries translate "nicht" to "pas" and "über" to "sur", but
    # hunspell-fr marks both French words grammatical: they are not keys, and
    # the untranslated German sentence beside them keeps no twin (counted as
    # content words, they made a pair score of 0.76).
    text = (
        "Le conseil municipal a voté le budget lundi soir. Der Hund ist nicht über "
        "den Zaun gesprungen. Il ne faut pas compter sur le beau temps. Les travaux "
        "de la piscine commenceront en mars.\n"
    )
    assert twins(tmp_path, text) == {"Der Hund ist nicht über den Zaun gesprungen.": []}


@needs_freedict
def test_a_twin_beside_its_german_comes_before_a_title_that_repeats_it(
    tmp_path: Path,
) -> None:
    # The title, three segments up with French between, repeats the name, the
    # age and the death (pair score 0.92, above MIXED_FAR_SCORE); the
    # translation beside the German line scores 0.75. A translation left
    # beside its German is next to it: the neighbour is the twin.
    text = (
        "Le metteur en scène Günther Rühle est mort à l'âge de 97 ans\n\n"
        "Il s'est fait un nom comme critique de théâtre et comme directeur artistique. "
        "Il a ensuite écrit une monumentale histoire du théâtre.\n\n"
        "Am Freitag ist Günther Rühle im Alter von 97 Jahren gestorben.\n\n"
        "Vendredi, Günther Rühle est décédé à 97 ans. Son dernier livre vient de paraître.\n"
    )
    assert twins(tmp_path, text)[
        "Am Freitag ist Günther Rühle im Alter von 97 Jahren gestorben."
    ] == ["Vendredi, Günther Rühle est décédé à 97 ans."]
