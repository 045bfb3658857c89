"""TQA-ACC-016 through the real CLI: each row of calques-source.tsv fires on a
German construction copied into French and stays quiet on a French rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import check_pair
from tqa.lexicon import read_table

CODE = "TQA-ACC-016"

#: row id: (German, French copy, flagged text, French rendering that keeps quiet)
CASES = {
    "nur-am-satzanfang": (
        "Lediglich im letzten Viertel verhinderten die Riesen ein Debakel.",
        "Seulement dans le dernier quart, les Riesen ont évité la débâcle.",
        "Seulement",
        "Ce n'est que dans le dernier quart que les Riesen ont évité la débâcle.",
    ),
    "als-einziger": (
        "Als einziges Bundesland liegt Thüringen über 1000.",
        "En tant que seul État fédéral, la Thuringe dépasse 1000.",
        "En tant que seul",
        "Seul État fédéral à dépasser 1000, la Thuringe inquiète.",
    ),
    "bitte-infinitiv": (
        "Bitte beachten Sie die Pflegesymbole.",
        "S'il vous plaît noter les symboles d'entretien.",
        "S'il vous plaît noter",
        "Veuillez noter les symboles d'entretien.",
    ),
    "gesagt-getan": (
        "Gesagt, getan.",
        "Dit, fait.",
        "Dit, fait",
        "Aussitôt dit, aussitôt fait.",
    ),
    "alter-werden": (
        "Der Sänger, der heute 59 wird, tritt auf.",
        "Le chanteur, qui devient aujourd'hui 59, se produit.",
        "devient aujourd'hui 59",
        "Le chanteur, qui fête aujourd'hui ses 59 ans, se produit.",
    ),
    "paragraf": (
        "Es gilt die Ausnahme nach § 312d BGB.",
        "L'exception selon le paragraphe 312d BGB s'applique.",
        "paragraphe",
        "L'exception de l'article 312d du BGB s'applique.",
    ),
    "bezieht-sich-auf": (
        "Ein Protest bezieht sich auf einen Verstoß.",
        "Une protestation se réfère à une infraction.",
        "se réfère à",
        "Une protestation porte sur une infraction.",
    ),
    "bereits-am": (
        "Bereits am Mittwoch empfangen die Riesen Bonn.",
        "Déjà le mercredi, les Riesen reçoivent Bonn.",
        "Déjà le",
        "Dès mercredi, les Riesen reçoivent Bonn.",
    ),
    "es-gibt": (
        "Es gibt keine Lösung.",
        "Il donne aucune solution.",
        "Il donne",
        "Il n'y a aucune solution.",
    ),
    "in-der-lage": (
        "Er ist nicht in der Lage, das zu bezahlen.",
        "Il n'est pas dans la situation de le payer.",
        "dans la situation de",
        "Il n'est pas en mesure de le payer.",
    ),
    "auf-jeden-fall": (
        "Das machen wir auf jeden Fall.",
        "Nous le ferons sur chaque cas.",
        "sur chaque cas",
        "Nous le ferons en tout cas.",
    ),
    "auf-keinen-fall": (
        "Das machen wir auf keinen Fall.",
        "Nous ne le ferons sur aucun cas.",
        "sur aucun cas",
        "Nous ne le ferons en aucun cas.",
    ),
    "gas-geben": (
        "Im Finale muss das Team Gas geben.",
        "En finale, l'équipe doit donner du gaz.",
        "donner du gaz",
        "En finale, l'équipe doit accélérer.",
    ),
    "in-frage-kommen": (
        "Ein Umzug kommt nicht in Frage.",
        "Un déménagement ne vient pas en question.",
        "vient pas en question",
        "Un déménagement n'est pas envisageable.",
    ),
    "in-kraft-treten": (
        "Das Gesetz tritt morgen in Kraft.",
        "La loi entre en force demain.",
        "entre en force",
        "La loi entre en vigueur demain.",
    ),
    "ums-leben-kommen": (
        "Zwei Menschen kamen ums Leben.",
        "Deux personnes sont venues autour de la vie.",
        "autour de la vie",
        "Deux personnes ont perdu la vie.",
    ),
    "recht-haben": (
        "Du hast Recht.",
        "Tu as droit.",
        "as droit",
        "Tu as raison.",
    ),
}


def test_every_row_has_a_case() -> None:
    assert {row["id"] for row in read_table("calques-source.tsv")} == set(CASES)


@pytest.mark.parametrize("row", sorted(CASES))
def test_each_construction_fires_on_the_copy_and_not_on_a_rendering(
    row: str, tmp_path: Path
) -> None:
    german, copy, flagged, rendering = CASES[row]
    _, findings = check_pair(tmp_path, copy + "\n", german + "\n", CODE)
    assert [f["text"] for f in findings] == [flagged]
    assert findings[0]["severity"] == "minor"
    assert row in findings[0]["evidence"] and findings[0]["source_start"] is not None
    _, findings = check_pair(tmp_path, rendering + "\n", german + "\n", CODE)
    assert findings == []


def test_right_translations_that_share_words_with_a_calque_are_left_alone(
    tmp_path: Path,
) -> None:
    # the right (das Recht: le droit), a year before "wurde" (not an age), real gas,
    # and "en question" after a noun (die in Frage kommenden …)
    _, findings = check_pair(
        tmp_path,
        "Il en a le droit.\n"
        "En 2019, elle est devenue présidente des 27 commissaires.\n"
        "Les ventes en question ont été annulées.\n"
        "Les vins en question ont été rappelés.\n"
        "En hiver, la Russie a donné du gaz à l'Ukraine.\n",
        "Er hat das Recht dazu.\n"
        "Im Jahr 2019 wurde sie Chefin der 27 Kommissare.\n"
        "Die in Frage kommenden Verkäufe wurden storniert.\n"
        "Die in Frage stehenden Weine wurden zurückgerufen.\n"
        "Russland gab der Ukraine im Winter Gas.\n",
        CODE,
    )
    assert findings == []
