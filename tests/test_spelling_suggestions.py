"""Spelling suggestions (tqa.backends.spelling): read from the dictionary's
own TRY/MAP/REP lines, found without hunspell's time-limited search, and so
the same on every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tqa.backends import resources, spelling, words
from tqa.cli import app

needs_hunspell = pytest.mark.skipif(
    resources.by_name("hunspell-fr").location() is None, reason="hunspell-fr not installed"
)

AFFIX = """\
# a comment
SET UTF-8
TRY esaéAB
MAP 3
MAP eéèE
MAP (ss)(ß)
MAP aà
REP 3
REP f ph
REP ^l l'
REP ième$ e
"""


def test_the_affix_file_s_letters_variants_and_slips_are_read_in_lower_case() -> None:
    rules = spelling.parse_rules(AFFIX)
    assert rules.letters == "esaé"
    assert rules.variants["e"] == "eéè" and rules.variants["é"] == "éeè"
    assert rules.variants["a"] == "aà" and "s" not in rules.variants
    assert rules.replacements == (("f", "ph"), ("^l", "l'"), ("ième$", "e"))


def test_a_slip_is_made_good_where_its_anchors_allow() -> None:
    rules = spelling.parse_rules(AFFIX)
    assert list(spelling.replaced("filofie", rules.replacements)) == ["philofie", "filophie"]
    assert list(spelling.replaced("lami", rules.replacements)) == ["l'ami"]
    assert list(spelling.replaced("allumer", rules.replacements)) == []  # ^l: at the start only
    assert list(spelling.replaced("deuxième", rules.replacements)) == ["deuxe"]


def test_one_edit_and_accent_variants_are_generated_in_a_fixed_order() -> None:
    assert list(spelling.edits("ab", "x"))[:4] == ["b", "a", "ba", "xb"]
    assert "a'b" in spelling.edits("ab", "x")  # an apostrophe inside a word
    assert "'ab" not in spelling.edits("ab", "x")
    variants = {"e": "eé", "é": "ée"}
    assert list(spelling.mapped("ete", variants)) == ["éte", "été", "eté"]
    assert list(spelling.mapped("ete", variants, pairs=False)) == ["éte", "eté"]


class NoSearch:
    """hunspell with its own suggestion search forbidden."""

    def __init__(self, speller: Any) -> None:
        self.speller = speller

    def __getattr__(self, name: str) -> Any:  # spell, analyze, generate
        return getattr(self.speller, name)

    def suggest(self, word: str) -> list[str]:
        raise AssertionError("hunspell's time-limited suggest was called")


@pytest.fixture
def no_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """hunspell-fr without its timed search, and the answers cached before forgotten."""
    from tqa.backends import morph

    speller = NoSearch(words._hunspell("fr"))
    monkeypatch.setattr(words, "_hunspell", lambda lang: speller)
    spelling.suggest.cache_clear()
    morph.inflect.cache_clear()
    yield
    spelling.suggest.cache_clear()
    morph.inflect.cache_clear()


@needs_hunspell
@pytest.mark.usefixtures("no_search")
def test_suggestions_come_from_the_dictionary_without_hunspell_s_timed_search() -> None:
    assert spelling.suggest("developement", "fr")[0] == "développement"  # accent + REP
    assert spelling.suggest("evenement", "fr")[0] == "événement"  # two accents
    assert spelling.suggest("hangard", "fr")[0] == "hangar"  # one edit
    assert spelling.suggest("filosophie", "fr") == ("philosophie",)  # REP f → ph
    assert spelling.suggest("australie", "fr")[0] == "Australie"  # a name
    assert spelling.suggest("Monteeurs", "fr")[0] == "Monteurs"  # the word's case
    assert spelling.suggest("Verkehrsministerium", "fr") == ()  # nothing close
    assert spelling.suggest("x" * 40, "fr") == ()


WORDS = [
    "Verkehrsministerium",
    "Baumgartner",
    "Heiligendamm",
    "Francfortois",
    "Monteeurs",
    "developement",
    "concretes",
    "Califurnia",
]


@needs_hunspell
def test_the_same_suggestions_whatever_the_hash_seed_and_the_load(tmp_path: Path) -> None:
    # hunspell's own search gave some of these words other suggestions from
    # one run to the next on a loaded machine
    code = (
        "import json, sys\n"
        "from tqa.backends import spelling\n"
        f"print(json.dumps([spelling.suggest(w, 'fr') for w in {WORDS!r}]))\n"
    )
    answers = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        answers.add(done.stdout)
    assert len(answers) == 1
    assert json.loads(answers.pop())[5] == ["développement"]


@needs_hunspell
def test_the_spelling_check_offers_the_close_word(tmp_path: Path) -> None:
    path = tmp_path / "article.fr.txt"
    path.write_text("Le developement du réseau a pris du retard.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(path), "--isolated", "--format", "json", "--select", "TQA-FRM-001"]
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)["documents"][0]["findings"]
    assert [(f["text"], f["suggestions"]) for f in findings] == [
        ("developement", ["développement"])
    ]


@needs_hunspell
@pytest.mark.usefixtures("no_search")
def test_the_grammar_checks_inflect_without_hunspell_s_timed_search() -> None:
    from tqa.backends import morph

    assert morph.inflect("rouge", "adj", None, "pl") == ("rouges",)  # epicene
    assert morph.inflect("difficiles", "adj", None, "sg") == ("difficile",)
    assert morph.inflect("silencieuse", "adj", "mas", "sg") == ("silencieux",)
    assert morph.inflect("concrètes", "adj", "mas", "pl") == ("concrets",)
    assert morph.inflect("juste", "adj", "fem", "sg") == ()  # not the name "Juste"
