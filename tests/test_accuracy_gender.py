"""TQA-ACC-020 through the real CLI: a woman of the German source (die
Pilotin, eine Kollegin, die SPD-Politikerin) made a man in French, and the
renderings it leaves alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

CODE = "TQA-ACC-020"


def test_a_woman_made_a_man_is_a_minor_finding_with_the_feminine(tmp_path: Path) -> None:
    status, findings = check_pair(
        tmp_path,
        "Bezos était à bord avec son frère Mark, un ancien pilote américain de 82 ans.\n"
        "Aujourd'hui, j'ai eu une conversation avec un collègue que j'aime bien.\n"
        "« Nous discuterons des prochaines étapes », a souligné le politicien du SPD.\n"
        "C'est peut-être de là que vient la déclaration du psychologue.\n",
        "Bezos war mit seinem Bruder Mark und einer 82 Jahre alten früheren US-Pilotin an Bord.\n"
        "Heute hatte ich ein Gespräch mit einer Kollegin, die ich gerne mag.\n"
        "„Wir werden über weitere Schritte reden“, betonte die SPD-Politikerin.\n"
        "Vielleicht kommt daher auch die Aussage der Psychologin.\n",
        CODE,
    )
    assert status == 1
    assert [(f["text"], f["severity"]) for f in findings] == [
        ("un ancien pilote", "minor"),
        ("un collègue", "minor"),
        ("le politicien", "minor"),
        ("du psychologue", "minor"),
    ]
    assert [f["suggestions"] for f in findings] == [
        ["une ancienne pilote"],
        ["une collègue"],
        ["la politicienne"],
        ["de la psychologue"],
    ]
    assert "“US-Pilotin”" in findings[0]["evidence"]
    assert all(f["source_start"] is not None for f in findings)


def test_feminine_renderings_both_genders_and_undecided_articles_are_left_alone(
    tmp_path: Path,
) -> None:
    _, findings = check_pair(
        tmp_path,
        "Bezos était à bord avec une ancienne pilote américaine de 82 ans.\n"
        "Les gens ont entendu la présentatrice de télévision dire que c'était faux.\n"
        "Le livre a été écrit par un auteur français.\n"
        "J'avais déjà tout dit à votre collègue.\n"
        "Le présentateur a interrogé l'auteure.\n"
        "Le ministre a reçu sa collègue.\n"
        "Les présentateurs étaient nombreux.\n",
        "Bezos war mit einer 82 Jahre alten früheren US-Pilotin an Bord.\n"
        "Das, hörten die Leute von der TV-Moderatorin, sei völlig falsch.\n"
        "Das Buch wurde von einem französischen Autor / Autorin verfasst.\n"
        "Ich hatte bereits alles Ihrer Kollegin gesagt.\n"
        "Der Moderator befragte die Autorin.\n"
        "Der Minister empfing seine Kollegin.\n"
        "Es gab viele ModeratorInnen.\n",
        CODE,
    )
    assert findings == []


def test_another_person_or_no_noun_far_from_the_womans_place_is_left_alone(
    tmp_path: Path,
) -> None:
    # the masculine word must stand where the word alignment puts the German
    # noun: "le responsable" is another man, "client" an adjective, "juge" a verb
    _, findings = check_pair(
        tmp_path,
        "La cheffe de projet a expliqué que le responsable avait été licencié.\n"
        "L'acheteuse s'est plainte auprès du service client pendant des semaines.\n"
        "La magistrate savait exactement comment on le juge.\n",
        "Die Projektleiterin erklärte, dass der Verantwortliche entlassen wurde.\n"
        "Die Kundin beschwerte sich wochenlang beim Kundendienst.\n"
        "Die Richterin wusste genau, wie man so etwas beurteilt.\n",
        CODE,
        name="others",
    )
    assert findings == []


def test_each_masculine_form_is_given_its_own_feminine_with_its_determiner() -> None:
    from tqa.checks.accuracy_gender import _suggestion, persons

    chefin = next(p for p in persons() if p.feminine == "chefin")
    assert _suggestion(chefin, "Le directeur") == "La directrice"
    assert _suggestion(chefin, "le patron") == "la patronne"
    assert _suggestion(chefin, "son ancien chef") == "son ancienne chef"
    for person in persons():
        assert len(person.female) >= len(person.male), person
        for male, female in zip(person.male, person.female, strict=False):
            # the feminine at the same place is the same word's (directeur → directrice)
            assert female[:3] == male[:3] or male.startswith("homme"), (male, female)
