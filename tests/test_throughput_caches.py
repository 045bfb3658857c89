"""What makes checking faster after start-up gives the answers it gave before:
Grammalecte's expressions kept compiled, the lemmatizer's rules decoded
once, word vectors and similarities, compound look-ups answered from a set."""

from __future__ import annotations

import math
import re
import sys

import pytest

from tqa.backends import compounds, grammalecte, resources, senses, spacy_lemmas

needs_grammalecte = pytest.mark.skipif(
    resources.by_name("grammalecte").location() is None, reason="Grammalecte not installed"
)
needs_spacy = pytest.mark.skipif(
    resources.by_name("spacy-fr").location() is None, reason="spaCy French model not installed"
)
needs_dictionaries = pytest.mark.skipif(
    resources.by_name("freedict-deu-fra").location() is None, reason="FreeDict not installed"
)

PATTERNS = (r"^[aâeéèêiîoôuûyœæ]", r"(?i)^(?:ie?ls|elles|tu)$", r":[NA].*:[fe]", r"(\w+)-(\w+)")
WORDS = ("arbre", "Elles", "ILS", ">grand/:A:f:s/*", "porte-monnaie", "", "tu")


def test_compiled_re_finds_what_re_finds_and_compiles_each_pattern_once() -> None:
    shim = grammalecte.CompiledRe()
    for pattern in PATTERNS:
        for word in WORDS:
            for flags in (0, re.IGNORECASE):
                assert _same(shim.search(pattern, word, flags), re.search(pattern, word, flags))
                assert _same(shim.match(pattern, word, flags), re.match(pattern, word, flags))
                assert _same(shim.fullmatch(pattern, word), re.fullmatch(pattern, word))
            assert [m.span() for m in shim.finditer(pattern, word)] == [
                m.span() for m in re.finditer(pattern, word)
            ]
            assert shim.findall(pattern, word) == re.findall(pattern, word)
            assert shim.sub(pattern, "_", word) == re.sub(pattern, "_", word)
            assert shim.subn(pattern, "_", word, count=1) == re.subn(pattern, "_", word, count=1)
            assert shim.split(pattern, word) == re.split(pattern, word)
    assert shim.compile(PATTERNS[0]) is shim.compile(PATTERNS[0])
    compiled = re.compile("x+")
    assert shim.compile(compiled) is compiled  # a compiled pattern passes through
    assert shim.IGNORECASE is re.IGNORECASE and shim.escape("a.b") == re.escape("a.b")


def test_compiled_re_keeps_at_most_its_limit() -> None:
    shim = grammalecte.CompiledRe(limit=2)
    for pattern in PATTERNS:
        assert _same(shim.search(pattern, "elles"), re.search(pattern, "elles"))
    assert len(shim._compiled) == 2


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups()


@needs_grammalecte
def test_grammalecte_searches_through_kept_patterns_with_the_same_errors() -> None:
    checker = grammalecte.load()
    engine = checker.getGCEngine()
    for name in grammalecte._SEARCHING:
        assert isinstance(sys.modules[name].re, grammalecte.CompiledRe)
    text = (
        "Le ministre a décidé de renforcé la coopération. Les résultat sont concrètes, "
        "et les enfant qu'il a vu jouer ne semblez pas content."
    )
    kept = grammalecte._check(engine, text)
    assert kept
    shims = {name: sys.modules[name].re for name in grammalecte._SEARCHING}
    try:
        for name in grammalecte._SEARCHING:
            sys.modules[name].re = re  # type: ignore[attr-defined]
        assert grammalecte._check(engine, text) == kept
    finally:
        for name, shim in shims.items():
            sys.modules[name].re = shim  # type: ignore[attr-defined]


@needs_grammalecte
def test_grammalecte_first_arcs_remembered_give_the_same_errors() -> None:
    from pathlib import Path

    checker = grammalecte.load()
    engine = checker.getGCEngine()
    parser = sys.modules["grammalecte.fr.gc_engine"].TextParser
    remembered = parser._getMatches
    assert remembered._tqa_first_arcs
    sample = Path(__file__).resolve().parent.parent / "corpora" / "kazakhstan-summit.fr.txt"
    text = sample.read_text(encoding="utf-8") + (
        " Le ministre a décidé de renforcé la coopération. Les résultat sont concrètes, "
        "et les enfant qu'il a vu jouer ne semblez pas content. Les enfant sont là."
    )
    remembered.answers.clear()
    kept = [grammalecte._check(engine, line) for line in text.splitlines()]
    assert any(kept)
    assert len(remembered.answers) > 100  # the first node's answers were kept
    try:
        parser._getMatches = remembered.__wrapped__
        assert [grammalecte._check(engine, line) for line in text.splitlines()] == kept
    finally:
        parser._getMatches = remembered


def test_lemma_rules_are_decoded_once_per_part_of_speech() -> None:
    decoded: list[str] = []

    class Table(dict[str, list[tuple[str, str]]]):
        def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
            decoded.append(key)
            return super().get(key, default)

    from spacy.strings import get_string_id

    noun = str(get_string_id("noun"))
    rules = spacy_lemmas._Rules(Table({noun: [("aux", "al")]}))
    first = rules.get("noun")
    assert first == [("aux", "al")] and rules.get("noun") is first
    assert rules.get("verb", []) == [] and rules.get("verb") is None
    assert decoded.count(noun) == 1
    assert "noun" in rules and "verb" not in rules


@needs_spacy
def test_vectors_and_similarities_are_those_of_the_sum_of_products() -> None:
    vocab = senses._vocab()
    words = ("sommet", "réunion", "maison", "déclaration", "explication", "accord")
    for word in words:
        values = vocab.get_vector(word)
        norm = math.sqrt(float((values * values).sum()))
        expected = tuple(float(v) / norm for v in values)
        found = senses.vector(word)
        assert found == expected and all(type(v) is float for v in found)
    for a in words:
        for b in words:
            va, vb = senses.vector(a), senses.vector(b)
            assert va is not None and vb is not None
            assert senses.similarity(a, b) == sum(x * y for x, y in zip(va, vb, strict=True))
    assert senses.similarity("sommet", "xqzwv") is None


@needs_dictionaries
def test_compounds_found_alike_on_disk_and_from_the_set_of_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    modifiers = ("Kranke", "Schule", "Wandern", "Sonne", "Stadt", "hoch")
    heads = ("Haus", "Leiter", "Weg", "Energie", "Rat", "Schule", "Bahn")
    monkeypatch.setattr(compounds, "KEYS_AFTER", 10**12)
    on_disk = compounds._compounds.__wrapped__(modifiers, heads)
    assert on_disk  # Krankenhaus, Schulleiter…
    monkeypatch.setattr(compounds, "KEYS_AFTER", 0)
    assert compounds._candidates_known() is not None
    assert compounds._compounds.__wrapped__(modifiers, heads) == on_disk
    assert compounds.compounds(list(modifiers), iter(heads)) == list(on_disk)
