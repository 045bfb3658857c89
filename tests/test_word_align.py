"""Word alignment inside a sentence pair (tqa.word_align)."""

from __future__ import annotations

import pytest

from tqa.align_score import Lexicon, key
from tqa.word_align import aer, align_words, tokenize


class _Entry:
    def __init__(self, glosses: tuple[str, ...]) -> None:
        self.glosses = glosses


class _Dict:
    """A two-word German→French dictionary in the shape of tqa.backends.freedict."""

    def __init__(self, table: dict[str, tuple[str, ...]]) -> None:
        self.table = table

    def lookup(self, word: str) -> tuple[_Entry, ...]:
        return (_Entry(self.table[word]),) if word in self.table else ()

    def headwords(self) -> list[str]:
        return []


def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A one-item counter of the word pairs the aligner compares (calls of
    tqa.word_align.pair_evidence) from now on; set it to 0 to count again."""
    from tqa import word_align

    calls = [0]
    real = word_align.pair_evidence

    def counted(*args: object, **kwargs: object) -> tuple[str, float]:
        calls[0] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(word_align, "pair_evidence", counted)
    return calls


def _pairs(german: str, french: str, **kwargs: object) -> set[tuple[str, str]]:
    alignment = align_words(german, french, **kwargs)  # type: ignore[arg-type]
    return {
        (alignment.source[k.source].text, alignment.target[k.target].text) for k in alignment.links
    }


def test_names_numbers_and_cognates_link_without_dictionaries() -> None:
    pairs = _pairs(
        "Am Samstag kamen 750 Besucher in die Hohenlohe-Arena.",
        "Samedi, 750 visiteurs sont venus à la Hohenlohe Arena.",
    )
    assert {("750", "750"), ("Hohenlohe", "Hohenlohe"), ("Arena", "Arena")} <= pairs


def test_dictionary_links_and_function_words_follow_their_phrase() -> None:
    lexicon = Lexicon(_Dict({"besucher": ("visiteur",), "samstag": ("samedi",)}), None)
    pairs = _pairs(
        "Die Besucher kamen am Samstag.", "Les visiteurs sont venus samedi.", lexicon=lexicon
    )
    assert ("Besucher", "visiteurs") in pairs
    assert ("Samstag", "samedi") in pairs
    assert ("Die", "Les") in pairs


def test_a_compound_links_to_each_word_of_its_rendering() -> None:
    lexicon = Lexicon(_Dict({"weltmeisterschaft": ("championnat du monde",)}), None)
    pairs = _pairs(
        "Er gewann die Weltmeisterschaft.", "Il a gagné le championnat du monde.", lexicon=lexicon
    )
    assert ("Weltmeisterschaft", "championnat") in pairs
    assert ("Weltmeisterschaft", "monde") in pairs


def test_unrelated_words_stay_unlinked() -> None:
    alignment = align_words("Die Kapsel landete sicher.", "Le chat dort.")
    assert not [k for k in alignment.links if k.kind != "function"]


def test_offsets_point_into_the_document() -> None:
    tokens = tokenize("Xi Jinping", offset=100)
    assert [(t.text, t.start, t.end) for t in tokens] == [("Xi", 100, 102), ("Jinping", 103, 110)]
    # decomposed umlauts stay inside their word
    assert [t.text for t in tokenize("natu\u0308rlich")] == ["natu\u0308rlich"]


def test_alignment_error_rate_counts() -> None:
    assert aer({(0, 0), (1, 2)}, sure={(0, 0)}, possible={(1, 1)}) == (1, 1, 2, 1)
    assert key("Visiteurs") == "visit"


def test_a_finding_carries_the_german_words_into_the_json_report_and_back() -> None:
    import json

    from tests.conftest import check_text
    from tqa.model import Report
    from tqa.render.json_report import load, render

    report = check_text(
        "Votre commande NAME est arrivée.\n", source="Ihre Bestellung #NAME# ist angekommen.\n"
    )
    [finding] = [f for f in report.findings if f.code == "TQA-ACC-001"]
    assert report.source is not None
    assert report.source.text[finding.source_start : finding.source_end] == "#NAME#"
    text = render(Report((report,), "test"))
    data = json.loads(text)["documents"][0]["findings"]
    assert {"source_start", "source_end"} <= set(
        next(f for f in data if f["code"] == "TQA-ACC-001")
    )
    again = load(text, "r.json").documents[0].findings
    assert any(f.source_start == finding.source_start for f in again)


def test_a_huge_sentence_pair_costs_time_in_proportion_to_its_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one segment pair without sentence ends (a table pasted as one line)
    from tqa import word_align

    calls = compared(monkeypatch)
    counts = []
    for size in (1_000, 10_000):
        calls[0] = 0
        done = word_align.align_words("1 Kilometer " * size, "1 km " * size)
        counts.append(calls[0])
        ones = [k for k in done.links if done.source[k.source].text == "1"]
        assert len(ones) == size and all(done.target[k.target].text == "1" for k in ones)
        assert all(abs(k.source - k.target) <= 2 for k in ones)  # each with its own
    assert counts[1] < 11 * counts[0]  # linear, not a hundred times more
    # a sentence pair of ordinary length is compared word by word, whole
    # (each distinct pair of words once: a pair met again is remembered)
    calls[0] = 0
    word_align.align_words(
        " ".join(f"Ordner{i}" for i in range(40)), " ".join(f"dossier{i}" for i in range(40))
    )
    assert calls[0] == 40 * 40
    calls[0] = 0
    word_align.align_words("Der Ordner ist leer " * 10, "Le dossier est vide " * 10)
    assert calls[0] <= 4 * 4 + 40  # the 16 distinct pairs, then each link made


def test_a_huge_sentence_pair_keeps_little_per_word_pair_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The candidate links of a huge pair are few and compact: "1 Kilometer "
    × 20,000 against "1 km " × 20,000 has 1.3 million of them, and as tuples
    sorted with a key they took 333 MB, most of the check's peak memory. The
    figure is Python's own allocations (tracemalloc) per pair of words
    compared, the same on every machine: 62 bytes then, 16 with each
    candidate one int, 4.4 with only a word's best KEEP candidates kept."""
    import tracemalloc

    from tqa import word_align

    calls = compared(monkeypatch)
    monkeypatch.setattr(word_align, "MEMO", 0)  # every pair compared is counted
    src = word_align.tokenize("1 Kilometer " * 1_000)
    tgt = word_align.tokenize("1 km " * 1_000)
    word_align.link_tokens(src[:10], tgt[:10])  # the words' cached foldings
    calls[0] = 0
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        done = word_align.link_tokens(src, tgt)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len([k for k in done.links if done.source[k.source].text == "1"]) == 1_000
    assert calls[0] > 2_000 * word_align.BAND  # banded: about 129 per word (of 2,000)
    assert peak / calls[0] < 8


def test_keeping_a_word_s_best_candidates_gives_the_links_of_all_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a banded pair only a source word's KEEP best candidate links are
    kept at first; its others are brought back when none of these is
    linked. Random pairs of a few repeated numbers and words, where many
    words compete for the same partners, are linked exactly as with every
    candidate kept (KEEP unbounded)."""
    import random

    from tqa import word_align

    rng = random.Random(7)
    german = ["1", "2", "3", "Expedition", "Berlin", "Strategie", "Dosen", "Haus"]
    french = ["1", "2", "3", "expédition", "Berlin", "stratégie", "doses", "maison"]
    pairs = []
    for _ in range(12):
        kinds = rng.randint(1, len(german))
        n, m = rng.randint(210, 350), rng.randint(210, 350)
        pairs.append(
            (
                " ".join(rng.choice(german[:kinds]) for _ in range(n)),
                " ".join(rng.choice(french[:kinds]) for _ in range(m)),
            )
        )
    kept = [word_align.align_words(g, f).links for g, f in pairs]
    monkeypatch.setattr(word_align, "KEEP", 10**9)
    assert kept == [word_align.align_words(g, f).links for g, f in pairs]
