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
