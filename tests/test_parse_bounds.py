"""What one segment may cost: spaCy and Grammalecte get long segments in
pieces, and the results keep the segment's own offsets."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tqa.backends import grammalecte, resources, spacy_fr
from tqa.cli import app

needs_spacy = pytest.mark.skipif(
    resources.by_name("spacy-fr").location() is None, reason="spaCy French model not installed"
)
needs_grammalecte = pytest.mark.skipif(
    resources.by_name("grammalecte").location() is None, reason="Grammalecte not installed"
)

SENTENCE = "Le ministre a présenté le nouveau budget de la région aux députés. "


def _covers(text: str, pieces: list[tuple[int, int]], limit: int) -> None:
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in zip(pieces, pieces[1:], strict=False):
        assert end == start
    assert all(0 < end - start <= limit for start, end in pieces)


def test_parse_pieces_cover_the_text_and_cut_at_sentences_and_long_runs() -> None:
    text = SENTENCE * 200 + "!" * 1000 + " " + "a" * 600
    pieces = spacy_fr.pieces(text)
    _covers(text, pieces, spacy_fr.MAX_PIECE)
    for start, end in pieces:
        piece = text[start:end]
        assert max(len(run) for run in piece.split() or [""]) <= spacy_fr.MAX_RUN
        if end <= len(SENTENCE) * 200 and end < len(text):
            assert piece.endswith(". ")  # cut after a sentence
    assert spacy_fr.pieces("") == [(0, 0)]
    assert spacy_fr.pieces(SENTENCE) == [(0, len(SENTENCE))]


def test_grammalecte_chunks_cover_the_text() -> None:
    text = SENTENCE * 100 + " " * 5000 + "x" * 3000
    _covers(text, grammalecte.chunks(text), grammalecte.MAX_CHUNK)


@needs_spacy
def test_a_parsed_long_text_keeps_its_text_and_token_offsets() -> None:
    text = SENTENCE * 150 + "Bravo " + "!" * 700 + " et " + "z" * 400 + " fin."
    (doc,) = spacy_fr.parse([text])
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    assert [t.text for t in doc[:3]] == ["Le", "ministre", "a"]
    assert doc[1].head.text == "présenté"  # parsed, not just tokenised


@needs_spacy
def test_a_segment_longer_than_the_parser_limit_is_checked_not_crashed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy refuses texts over nlp.max_length (error E088, 1,000,000
    characters by default); the limit is lowered here so that the test stays
    small. The grammar checks used to fail with a check-error note."""
    monkeypatch.setattr(spacy_fr.load(), "max_length", 20_000)
    path = tmp_path / "long.txt"
    path.write_text(
        (SENTENCE * 500).replace("ministre a présenté", "ministres a présentés", 1) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app,
        ["check", str(path), "--segmentation", "paragraphs", "--select", "TQA-GRM", "-f", "json"]
        + ["-o", str(out)],
    )
    assert result.exit_code in (0, 1), result.output
    document = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    assert len(document["segments"]) == 1 and len(document["segments"][0]) > 0
    assert len(path.read_text(encoding="utf-8")) > 30_000
    assert not [n for n in document.get("notes", []) if "E088" in json.dumps(n)]
    assert not [n for n in document.get("notes", []) if n.get("kind") == "check-error"]


@needs_grammalecte
def test_grammalecte_errors_past_the_first_chunk_keep_their_offsets() -> None:
    correct = "Le ministre a décidé de renforcer la coopération entre les deux pays. "
    text = correct * 60 + "Le ministre a décidé de renforcé la coopération entre les deux pays."
    assert len(text) > 2 * grammalecte.MAX_CHUNK
    errors = [e for e in grammalecte.check(text) if e.kind == "infi"]
    assert [text[e.start : e.end] for e in errors] == ["renforcé"]


@needs_spacy
def test_a_long_document_s_docs_are_packed_and_read_back_the_same() -> None:
    texts = [f"{SENTENCE}Les {n} élus l'ont voté." for n in range(40)]
    live = list(spacy_fr.parse(texts))
    packed = spacy_fr.Parses(spacy_fr.parse(texts), max_tokens=50)

    def seen(doc: object) -> list[tuple[object, ...]]:
        return [
            (t.text, t.idx, t.whitespace_, t.pos_, t.tag_, t.dep_, t.head.i, t.lemma_)
            + (str(t.morph), t.is_sent_start)
            for t in doc  # type: ignore[attr-defined]
        ]

    assert len(packed) == len(texts)
    for _ in range(2):  # read as often as the checks need
        assert [seen(doc) for doc in packed] == [seen(doc) for doc in live]
    small = spacy_fr.Parses(spacy_fr.parse(texts[:2]))
    assert [doc.text for doc in small] == texts[:2]


class _CountingParser:
    """spaCy's French pipeline, recording the texts of every batch it parses."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self.batches: list[list[str]] = []
        self.docs: list[Any] = []

    def pipe(self, texts: Iterable[str], batch_size: int = 1000, **kwargs: Any) -> Iterator[Any]:
        texts = list(texts)
        for start in range(0, len(texts), batch_size):
            self.batches.append(texts[start : start + batch_size])
        for doc in self._nlp.pipe(texts, batch_size=batch_size, **kwargs):
            self.docs.append(doc)
            yield doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


@needs_spacy
def test_a_long_segment_is_parsed_in_batches_of_bounded_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser's memory grows with the characters of a batch: one line of
    100,000 characters ("1 km " × 20,000) was parsed as one batch of 20
    pieces and took 650 MB. Every batch now holds at most MAX_BATCH
    characters (or one piece), through `tqa check` and with the same parse."""
    counting = _CountingParser(spacy_fr.load())
    monkeypatch.setattr(spacy_fr, "load", lambda *args: counting)
    line = "1 km " * 3_000 + "la route longue " * 400 + "du pays"
    path = tmp_path / "long.fr.txt"
    path.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["check", str(path), "--select", "TQA-GRM-004", "-f", "json", "-o", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    assert not json.loads(out.read_text(encoding="utf-8"))["documents"][0]["notes"]
    parsed = [piece for batch in counting.batches for piece in batch]
    assert "".join(parsed) == line  # every piece once, in order
    assert len(parsed) >= 4  # a long line is parsed in pieces …
    for batch in counting.batches:  # … that are not all parsed at once
        assert len(batch) == 1 or sum(map(len, batch)) <= spacy_fr.MAX_BATCH

    counting.batches.clear()
    counting.docs.clear()
    (doc,) = spacy_fr.parse([line])
    assert len(counting.batches) > 1
    # nor do the pieces keep their tensors (384 bytes a token) while the
    # others are parsed: nothing reads them
    assert len(counting.docs) > 1 and not any(piece.tensor.size for piece in counting.docs)
    assert doc.tensor.size == 0
    monkeypatch.undo()
    nlp = spacy_fr.load()
    alone = [nlp(line[start:end]) for start, end in spacy_fr.pieces(line)]
    assert [(t.text, t.dep_, t.tag_) for t in doc] == [
        (t.text, t.dep_, t.tag_) for piece in alone for t in piece
    ]


def test_batches_keep_the_order_and_bound_the_characters() -> None:
    texts = ["a" * 6_000, "b" * 3_000, "c" * 3_000, "d" * 12_000, "e", "f"]
    got = list(spacy_fr.batches(texts, 64, max_chars=10_000))
    assert got == [[texts[0], texts[1]], [texts[2]], [texts[3]], texts[4:]]
    assert list(spacy_fr.batches(["x"] * 5, 2)) == [["x", "x"], ["x", "x"], ["x"]]
    assert list(spacy_fr.batches([], 64)) == []
