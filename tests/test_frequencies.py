"""The compact word-frequency table answers what wordfreq answers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tqa.backends import frequencies

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "kazakhstan-summit.fr.txt"
TRICKY = [
    "", "   ", "x" * 150, "3,5", "2022", "12:30", "0,5%", "N°3", "l'Europe",
    "aujourd'hui", "co-opération", "énergie.NRW", "Straße", "STRASSE", "ﬁn",
    "Müller-Lüdenscheidt", "Kasachstan", "OrtAstana", "piles de pétrole",
    "der", "Gipfeltreffen", "zzzzqx",
]  # fmt: skip


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_zipf_equals_wordfreq(lang: str) -> None:
    from wordfreq import iter_wordlist, zipf_frequency

    listed = list(iter_wordlist(lang))
    words = SAMPLE.read_text(encoding="utf-8").split() + TRICKY
    words += listed[:: max(1, len(listed) // 2000)]  # across the bands
    words += [w.upper() for w in listed[:300]] + [w.title() for w in listed[300:600]]
    differing = [
        (w, zipf_frequency(w, lang), frequencies.zipf(w, lang))
        for w in words
        if zipf_frequency(w, lang) != frequencies.zipf(w, lang)
    ]
    assert differing == []
    assert frequencies.zipf("zzzzqx", lang) == 0.0


def test_the_table_is_read_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tqa.backends import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    frequencies.table.cache_clear()
    try:
        built = frequencies.table("fr")
        assert built is not None
        assert [p.name for p in (tmp_path / "tqa").iterdir() if p.name.startswith("wordfreq-fr")]
        frequencies.table.cache_clear()
        again = frequencies.table("fr")
        assert again is not None and len(again) == len(built) > 100_000
        assert again.band("maison") == built.band("maison") is not None
        assert again.band("maisonzz") is None
    finally:
        frequencies.table.cache_clear()
    assert cache.directory() == str(tmp_path / "tqa")


def test_a_broken_table_is_refused() -> None:
    with pytest.raises(ValueError):
        frequencies.Table(b"a\nb\n", b"\x00\x00\x00\x00", b"\x01\x00\x02\x00")


def test_a_stored_table_that_does_not_hold_together_is_built_and_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tqa.backends import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = cache.path_for("wordfreq-fr", frequencies.VERSION, frequencies._data_files("fr"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # checksummed and well formed, but two words with one offset pair
    cache._write(path, [b"a\nb\n", b"\x00\x00\x00\x00", b"\x01\x00\x02\x00"])
    frequencies.table.cache_clear()
    try:
        table = frequencies.table("fr")
        assert table is not None and len(table) > 100_000
        # the file now holds the good table: the next run reads it, builds nothing
        frequencies.table.cache_clear()

        def no_build(lang: str) -> frequencies.Stored:
            raise AssertionError("built again")

        monkeypatch.setattr(frequencies, "_build", no_build)
        again = frequencies.table("fr")
        assert again is not None and again.band("maison") == table.band("maison") is not None
    finally:
        frequencies.table.cache_clear()


@pytest.mark.parametrize("lang", sorted(frequencies.PLAIN_LANGS))
def test_plain_words_are_their_own_token(lang: str) -> None:
    """zipf() skips wordfreq's tokenizer for words of lower-case letters: it
    must leave every such word of the list whole (the first 50,000 and a
    slice across the rest), and it folds "ß", which is left to it."""
    from wordfreq import iter_wordlist, lossy_tokenize

    listed = list(iter_wordlist(lang))
    words = listed[:50_000] + listed[50_000 :: max(1, len(listed) // 20_000)]
    plain = [w for w in words if frequencies._PLAIN.fullmatch(w)]
    assert len(plain) > 10_000
    assert [w for w in plain if lossy_tokenize(w, lang) != [w]] == []
    assert not frequencies._PLAIN.fullmatch("straße")
    assert frequencies.zipf("straße", lang) == frequencies.zipf("strasse", lang)
