"""TQA-ACC-011 and TQA-ACC-012 through the real CLI: a French imperative where
the German writer speaks of what they will do; vous where the German says
sie (they); and the cases both leave alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import check_pair
from tqa.backends import resources

#: TQA-ACC-011 reads imperatives with hunspell-fr
needs_hunspell = pytest.mark.skipif(
    resources.by_name("hunspell-fr").location() is None, reason="hunspell-fr not installed"
)


def check(
    tmp_path: Path, french: str, german: str, code: str = "TQA-ACC-011"
) -> tuple[int, list[dict[str, Any]]]:
    return check_pair(tmp_path, french, german, code, name="mail")


GERMAN = "Ich werde die 30 € aus meinem Warenkorb entfernen und woanders bestellen.\n"


@needs_hunspell
def test_an_imperative_for_what_the_writer_will_do_is_a_minor_finding(tmp_path: Path) -> None:
    _, findings = check(tmp_path, "Enlevez les 30 € de mon panier et commandez ailleurs.\n", GERMAN)
    assert [f["text"] for f in findings] == ["Enlevez", "commandez"]
    assert all(f["severity"] == "minor" for f in findings)
    assert "first person" in findings[0]["evidence"]


def test_the_writer_s_own_plan_and_an_addressed_reader_are_left_alone(tmp_path: Path) -> None:
    _, findings = check(
        tmp_path, "Je vais enlever les 30 € de mon panier et commander ailleurs.\n", GERMAN
    )
    assert findings == []
    _, findings = check(
        tmp_path,
        "Enlevez le couvercle, je vous montre la suite.\n",
        "Nehmen Sie den Deckel ab, ich zeige Ihnen den Rest.\n",
    )
    assert findings == []
    # a question with an inverted subject is no imperative
    _, findings = check(
        tmp_path,
        "Pouvez-vous m'aider ? J'ai perdu mon colis.\n",
        "Können wir das klären? Ich habe mein Paket verloren.\n",
    )
    assert findings == []


NEWS = (
    "Schöffen entscheiden am Landgericht mit.\n"
    "Doch von ihrem Urteil hängt viel ab, auch wenn sie keine Robe tragen.\n"
)


def test_vous_for_a_third_person_sie_is_reported_in_a_text_that_addresses_no_one(
    tmp_path: Path,
) -> None:
    french = (
        "Les échevins participent aux décisions du tribunal.\n"
        "Mais beaucoup dépend de votre jugement, même si vous ne portez pas de robe.\n"
    )
    _, findings = check(tmp_path, french, NEWS, "TQA-ACC-012")
    assert [f["text"] for f in findings] == ["votre", "vous"]
    assert all(f["severity"] == "minor" and f["segment"] == 1 for f in findings)
    assert NEWS[findings[0]["source_start"] : findings[0]["source_end"]] == "ihrem"


def test_a_mail_or_a_polite_sie_before_a_plural_verb_is_left_alone(tmp_path: Path) -> None:
    mail = "Hallo, sind sie schon mal auf den Stühlen gesessen.\n"
    _, findings = check(
        tmp_path, "Bonjour, vous êtes-vous déjà assis sur les chaises.\n", mail, "TQA-ACC-012"
    )
    assert findings == []
    _, findings = check(
        tmp_path,
        "Vous pouvez régler la luminosité.\n",
        "Sie können die Helligkeit anpassen.\n",
        "TQA-ACC-012",
    )
    assert findings == []


# --- TQA-ACC-018 address-switched -------------------------------------------------------


def flagged_018(tmp_path: Path, french: str, german: str) -> list[str]:
    _, findings = check_pair(tmp_path, french, german, "TQA-ACC-018", name="mail")
    return [f["text"] for f in findings]


def test_a_possessive_ihr_before_a_noun_does_not_make_the_german_plural(tmp_path: Path) -> None:
    # "Ihr Paket" is the polite your, not "ihr" (you, plural) with a verb in -t
    french = "Votre colis est en route. Tu peux le suivre en ligne.\n"
    german = "Ihr Paket ist unterwegs. Online können Sie es verfolgen.\n"
    assert flagged_018(tmp_path, french, german) == ["Tu"]


def test_ihr_after_a_preposition_is_her_not_you_plural(tmp_path: Path) -> None:
    french = "Tu peux parler avec elle. Ensuite, vous pouvez décider. Tu verras.\n"
    german = "Du kannst mit ihr reden. Dann kannst du entscheiden. Du wirst sehen.\n"
    assert flagged_018(tmp_path, french, german) == ["vous"]


def test_the_german_still_addresses_several_people_with_ihr_and_a_verb(tmp_path: Path) -> None:
    french = "Tu peux venir ? Vous partez demain, les enfants.\n"
    german = "Kannst du kommen? Ihr fahrt morgen, Kinder.\n"
    assert flagged_018(tmp_path, french, german) == []


def test_je_tiens_and_the_noun_ton_are_not_the_reader_addressed_as_tu(tmp_path: Path) -> None:
    french = "Je tiens à vous remercier. Le ton de votre message était aimable.\n"
    german = "Ich möchte Ihnen danken. Der Ton Ihrer Nachricht war freundlich.\n"
    assert flagged_018(tmp_path, french, german) == []


def test_du_inside_german_guillemets_is_quoted_speech(tmp_path: Path) -> None:
    # German books quote with »…«: the du inside is someone else's
    french = "Il a dit « tu dois partir ». Nous vous informons du changement, tu sais.\n"
    german = "Er sagte »du musst gehen«. Wir informieren Sie über die Änderung.\n"
    assert flagged_018(tmp_path, french, german) == ["tu"]
