"""The idioms of idioms.tsv written from general German–French phraseology
(the rows from im-griff on) through the real CLI: each German idiom rendered
word for word is reported by TQA-ACC-008 with its row, and its usual French
equivalent is left alone."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check_pair

#: (row id, German, word-for-word French, usual French)
CASES = (
    (
        "im-griff",
        "Die Polizei hatte die Lage schnell im Griff.",
        "La police avait rapidement la situation dans la poignée.",
        "La police a rapidement maîtrisé la situation.",
    ),
    (
        "auf-der-kippe",
        "Das Projekt steht auf der Kippe.",
        "Le projet est sur la bascule.",
        "Le projet est menacé.",
    ),
    (
        "nase-vorn",
        "Am Ende hatte Berlin die Nase vorn.",
        "À la fin, Berlin avait le nez devant.",
        "À la fin, Berlin l'a emporté.",
    ),
    (
        "einen-korb",
        "Sie hat ihm einen Korb gegeben.",
        "Elle lui a donné un panier.",
        "Elle l'a éconduit.",
    ),
    (
        "auf-dem-schlauch",
        "Ich stehe gerade auf dem Schlauch.",
        "Je suis en ce moment sur le tuyau.",
        "Là, je ne comprends pas.",
    ),
    (
        "aus-dem-ruder",
        "Die Party ist aus dem Ruder gelaufen.",
        "La fête est sortie du gouvernail.",
        "La fête a dégénéré.",
    ),
    (
        "auf-die-palme",
        "Das bringt mich auf die Palme.",
        "Cela m'amène sur le palmier.",
        "Cela me met hors de moi.",
    ),
    (
        "ein-auge-zudruecken",
        "Der Lehrer hat ein Auge zugedrückt.",
        "Le professeur a fermé un œil.",
        "Le professeur a fermé les yeux.",
    ),
    (
        "blaues-auge",
        "Die Bank kam mit einem blauen Auge davon.",
        "La banque s'en est sortie avec un œil bleu.",
        "La banque s'en est tirée à bon compte.",
    ),
    (
        "in-die-hose",
        "Der Test ging in die Hose.",
        "Le test est allé dans le pantalon.",
        "Le test a échoué.",
    ),
    (
        "katze-aus-dem-sack",
        "Apple hat die Katze aus dem Sack gelassen.",
        "Apple a laissé le chat sortir du sac.",
        "Apple a vendu la mèche.",
    ),
    (
        "ruecken-staerken",
        "Die Partei will ihm den Rücken stärken.",
        "Le parti veut lui renforcer le dos.",
        "Le parti veut le soutenir.",
    ),
    (
        "zur-kasse-bitten",
        "Die Stadt bittet die Autofahrer zur Kasse.",
        "La ville demande aux automobilistes à la caisse.",
        "La ville fait payer les automobilistes.",
    ),
    (
        "loeffel-abgeben",
        "Der alte Drucker hat den Löffel abgegeben.",
        "La vieille imprimante a rendu la cuillère.",
        "La vieille imprimante est morte : elle a fini par mourir.",
    ),
    (
        "aus-der-reihe-tanzen",
        "Er tanzt gern aus der Reihe.",
        "Il aime danser hors de la rangée.",
        "Il aime se singulariser.",
    ),
    (
        "hand-und-fuss",
        "Der Plan hat Hand und Fuß.",
        "Le plan a main et pied.",
        "Le plan tient la route.",
    ),
    (
        "kuh-vom-eis",
        "Die Regierung will die Kuh vom Eis holen.",
        "Le gouvernement veut retirer la vache de la glace.",
        "Le gouvernement veut désamorcer la crise.",
    ),
    (
        "auf-nummer-sicher",
        "Wir gehen auf Nummer sicher.",
        "Nous allons sur le numéro sûr.",
        "Nous jouons la sécurité.",
    ),
    (
        "hals-ueber-kopf",
        "Sie verließen Hals über Kopf das Land.",
        "Ils ont quitté le pays cou sur tête.",
        "Ils ont quitté le pays précipitamment.",
    ),
    (
        "kein-blatt-vor-den-mund",
        "Er nimmt kein Blatt vor den Mund.",
        "Il ne prend pas de feuille devant la bouche.",
        "Il ne mâche pas ses mots.",
    ),
    (
        "einen-zahn-zulegen",
        "Wir müssen einen Zahn zulegen.",
        "Nous devons ajouter une dent.",
        "Nous devons accélérer.",
    ),
    (
        "ueber-den-tisch-ziehen",
        "Der Händler hat mich über den Tisch gezogen.",
        "Le marchand m'a tiré sur la table.",
        "Le marchand m'a arnaqué.",
    ),
    (
        "an-einem-strang",
        "Alle müssen an einem Strang ziehen.",
        "Tous doivent tirer sur une corde.",
        "Tous doivent tirer dans le même sens.",
    ),
    (
        "ins-leere-laufen",
        "Die Kritik lief ins Leere.",
        "La critique a couru dans le vide.",
        "La critique est tombée à plat.",
    ),
)


def test_each_general_idiom_rendered_word_for_word_is_reported(tmp_path: Path) -> None:
    german = "".join(c[1] + "\n" for c in CASES)
    literal = "".join(c[2] + "\n" for c in CASES)
    _, findings = check_pair(tmp_path, literal, german, "TQA-ACC-008")
    rows = [f["evidence"].split("idiom ")[1].split(" ")[0] for f in findings]
    assert rows == [c[0] for c in CASES]
    assert {f["severity"] for f in findings} == {"major"}


def test_each_general_idiom_in_its_usual_french_form_is_left_alone(tmp_path: Path) -> None:
    german = "".join(c[1] + "\n" for c in CASES)
    usual = "".join(c[3] + "\n" for c in CASES)
    _, findings = check_pair(tmp_path, usual, german, "TQA-ACC-008")
    assert findings == []
