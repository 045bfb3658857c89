"""Cold start: spaCy's tokenizer expression comes from the table cache
compiled exactly as ``re.compile`` compiles it, spaCy is imported without
PyTorch, and a bad cache only costs the compilation."""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import json
import re
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tqa.backends import spacy_start

HAS_SPACY = importlib.util.find_spec("spacy") is not None

#: character classes and alternatives like those of spaCy's French token_match
PATTERNS = [
    r"(?iu)(?:^a[-‐]sexualis[a-zà-ÿ]+$)|(?:^[ée]tats[-‐]uni[a-zà-ÿ]*$)",
    r"(?P<word>\w+)-(?P=word)|(x)?y",
    "^[{}]+$".format("".join(chr(c) for c in range(0x100, 0x2000, 7))),
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_stored_compiled_pattern_is_the_pattern_re_compiles(pattern: str) -> None:
    stored = spacy_start.compile_pattern(pattern)
    # through the table cache's own encoding (msgpack data, no pickle)
    from tqa.backends import cache

    data = cache._encode(stored)
    import msgpack

    stream = msgpack.Unpacker(raw=False, use_list=False, strict_map_key=False)
    stream.feed(msgpack.packb(data, use_bin_type=True))
    again = cache._decoder(spacy_start.CompiledPattern)(stream)
    rebuilt = spacy_start.rebuild(again)
    # Pattern equality compares the flags, the text and the compiled code
    assert rebuilt == re.compile(pattern)
    assert rebuilt.groupindex == re.compile(pattern).groupindex
    for text in ("états-unis", "Etats-Unie", "a-sexualisé", "ab-ab", "xy", "y", "Āa"):
        want, got = re.compile(pattern).match(text), rebuilt.match(text)
        assert (want and want.group(0)) == (got and got.group(0))


def test_altered_compiled_code_is_refused_not_run() -> None:
    stored = spacy_start.compile_pattern(PATTERNS[0])
    broken = dataclasses.replace(stored, code=array("I", [99999]).tobytes() + stored.code[4:])
    with pytest.raises(RuntimeError):
        spacy_start.rebuild(broken)


def test_torch_is_hidden_only_inside_the_block() -> None:
    had = sys.modules.get("torch", 0)
    with spacy_start.torch_hidden():
        if had == 0:
            with pytest.raises(ImportError):
                import torch  # noqa: F401
    assert sys.modules.get("torch", 0) is had


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
def test_spacy_loads_from_the_cache_without_torch_and_tokenizes_alike(tmp_path: Path) -> None:
    """First run builds the cache, the second takes the expression from it:
    both tokenize the hyphenated words of the expression the same way."""
    from tqa.backends import spacy_fr

    if spacy_fr.available_model() is None:
        pytest.skip("no French spaCy model")
    script = (
        "import json, sys\n"
        "from tqa.backends import spacy_fr, spacy_start\n"
        "nlp = spacy_fr.load()\n"
        "doc = nlp.make_doc(\"Les États-Unis, le black-out et l'entr'abat d'un faux-vampire.\")\n"
        "print(json.dumps({'tokens': [t.text for t in doc], 'torch': 'torch' in sys.modules,\n"
        "  'pipes': nlp.pipe_names,\n"
        "  'pattern': nlp.tokenizer.token_match.__self__.pattern[:40]}))\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        for _ in range(2)
    ]
    first, second = (json.loads(r.stdout) for r in runs)
    assert first == second
    assert "faux-vampire" in first["tokens"] and "entr'abat" in first["tokens"]
    assert first["torch"] is False
    assert "ner" not in first["pipes"] and "parser" in first["pipes"]
    assert list(tmp_path.glob("tqa/spacy-fr-token-match-*.table"))


#: words the French lemmatizer handles each way: known lemmas, exceptions
#: ("1ère", "yeux"), suffix rules, the form → lemma table (names, pronouns),
#: unknown words, numbers and punctuation
LEMMA_TEXT = (
    "Les yeux de la 1ère ministre brillaient : elle a reçu 10e prix à Astana. "
    "Nous aurions dû prévoir ces déclarations communes, dit-il aux Kazakhs. "
    "Les chevaux et les travaux s'étaient multipliés ; quelqu'un l'avait vu. "
    "Schienennetz, blablatage et zorglubs inconnus n'y changent rien."
)


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
def test_the_pipeline_parses_as_a_full_spacy_load() -> None:
    """Without the vocabulary's string table and with the lemmatizer's tables
    looked up on disk, every token gets what the model loaded whole gives."""
    from tqa.backends import spacy_fr, spacy_lemmas, spacy_vectors

    name = spacy_fr.available_model()
    if name is None:
        pytest.skip("no French spaCy model")
    nlp = spacy_fr.load()
    spacy = spacy_start.import_spacy()
    with spacy_start.torch_hidden():
        full = spacy.load(name, exclude=["ner", "senter"])
    assert nlp.pipe_names == full.pipe_names
    assert isinstance(nlp.get_pipe("lemmatizer").lookups, spacy_lemmas.DiskLookups)
    assert len(nlp.vocab.strings) < len(full.vocab.strings) // 10
    texts = [LEMMA_TEXT, SEED.read_text(encoding="utf-8")]

    def tokens(pipeline: object) -> list[tuple[object, ...]]:
        return [
            (t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph), t.norm_)
            for doc in pipeline.pipe(texts)  # type: ignore[attr-defined]
            for t in doc
        ]

    assert tokens(nlp) == tokens(full)
    assert nlp.vocab["déclaration"].vector.tolist() == full.vocab["déclaration"].vector.tolist()
    # the word vectors: their key → row map read from the table cache
    ours, theirs = nlp.vocab.vectors, full.vocab.vectors
    assert isinstance(ours.key2row, spacy_vectors.KeyRows)
    assert dict(ours.key2row.items()) == theirs.key2row
    assert (ours.shape, ours.n_keys, ours.is_full, ours.name, ours.mode) == (
        theirs.shape, theirs.n_keys, theirs.is_full, theirs.name, theirs.mode,
    )  # fmt: skip

    def vectors(pipeline: object) -> list[tuple[object, ...]]:
        return [
            (t.text, t.has_vector, t.vector.tobytes())
            for doc in pipeline.pipe(texts)  # type: ignore[attr-defined]
            for t in doc
        ]

    assert vectors(nlp) == vectors(full)
    assert nlp.vocab["sommet"].similarity(nlp.vocab["réunion"]) == full.vocab["sommet"].similarity(
        full.vocab["réunion"]
    )


def _python(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by a fresh Python that sees tqa's checkout and nothing
    of this environment (no site customisation through the variables)."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )


def test_spacy_is_imported_without_its_command_line() -> None:
    """spaCy's command line is imported when asked for, not with spaCy."""
    if not HAS_SPACY:
        pytest.skip("spaCy is not installed")
    script = (
        "import sys\n"
        "from tqa.backends import spacy_start\n"
        "spacy = spacy_start.import_spacy()\n"
        "print('spacy.cli' in sys.modules, hasattr(spacy, 'cli'), callable(spacy.info))\n"
        "import spacy.cli\n"
        "from spacy.cli.info import info\n"
        "print(spacy.cli.info is info, 'weasel' in sys.modules)\n"
    )
    done = _python(script)
    assert done.stdout.split() == ["False", "False", "True", "True", "True"]


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
def test_a_lemmatizer_of_another_kind_reads_its_own_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the model's lemmatizer is not the French rule lemmatizer with the
    four tables, it is loaded as spaCy loads it (its index made sets)."""
    from tqa.backends import spacy_fr, spacy_lemmas

    name = spacy_fr.available_model()
    if name is None:
        pytest.skip("no French spaCy model")
    spacy = spacy_start.import_spacy()
    with spacy_start.torch_hidden():
        nlp = spacy.load(name, exclude=["ner", "senter", "strings", "lemmatizer"])
    monkeypatch.setattr(spacy_lemmas, "TABLES", ("lemma_lookup",))
    spacy_lemmas.add_lemmatizer(nlp)
    lookups = nlp.get_pipe("lemmatizer").lookups
    assert not isinstance(lookups, spacy_lemmas.DiskLookups)
    assert all(isinstance(v, frozenset) for v in lookups.get_table("lemma_index").values())
    assert [t.lemma_ for t in nlp("Les chevaux dormaient.")] == ["le", "cheval", "dormir", "."]


def test_the_vector_map_answers_as_the_dict_it_replaces() -> None:
    from tqa.backends import spacy_vectors

    model = {2**63 + 5: 1, 7: 0, 2**64 - 1: 2, 12: 1}
    keys = sorted(model)
    stored = spacy_vectors.Stored(
        array("Q", keys).tobytes(), array("I", (model[k] for k in keys)).tobytes()
    )
    rows = spacy_vectors.KeyRows(stored)
    numpy = pytest.importorskip("numpy")
    for key in (
        *model,
        0,
        8,
        -7,
        2**64,
        2**70,
        numpy.uint64(12),
        numpy.int64(7),
        True,
        "7",
        7.0,
        7.5,
        float("nan"),
        float("inf"),
    ):
        assert rows.get(key) == model.get(key), key  # type: ignore[call-overload]
        assert rows.get(key, -1) == model.get(key, -1)  # type: ignore[call-overload]
        assert (key in rows) == (key in model)
    assert rows[12] == 1 and len(rows) == 4
    with pytest.raises(KeyError):
        rows[8]
    assert list(rows) == keys and sorted(rows.values()) == sorted(model.values())
    assert dict(rows.items()) == model and dict(rows) == model
    assert rows.max_row == 2


@pytest.mark.parametrize(
    "keys,rows",
    [([7, 3], [0, 1]), ([3, 3], [0, 1]), ([3, 7], [0]), ([3], [0, 1])],
)
def test_a_stored_vector_map_that_does_not_hold_together_is_refused(
    keys: list[int], rows: list[int]
) -> None:
    from tqa.backends import spacy_vectors

    with pytest.raises(ValueError):
        spacy_vectors.Stored(array("Q", keys).tobytes(), array("I", rows).tobytes())


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy is not installed")
def test_a_bad_vector_map_in_the_cache_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached map whose keys are out of order (under a valid checksum) is
    not used: the map is built again from the model and written."""
    from tqa.backends import cache, spacy_fr, spacy_vectors

    name = spacy_fr.available_model()
    if name is None:
        pytest.skip("no French spaCy model")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = Path(importlib.import_module(name).__file__).parent  # type: ignore[arg-type]
    key2row = next(source.glob("*/vocab/key2row"))
    path = cache.path_for("spacy-fr-key2row", spacy_vectors.VERSION, (str(key2row),))
    cache._write(path, [array("Q", [9, 4]).tobytes(), array("I", [0, 0]).tobytes()])
    rows = spacy_vectors.key_rows(key2row)
    assert len(rows) > 1000
    import srsly

    expected = srsly.read_msgpack(key2row)
    assert dict(rows.items()) == expected
    assert len(spacy_vectors.key_rows(key2row)) == len(expected)  # read back from the cache


def test_the_collector_stays_paused_when_a_library_switches_it_on() -> None:
    """srsly switches the collector on after every msgpack file it reads;
    inside gc_paused it still does not run, and afterwards it is as it was."""
    import gc

    from tqa.backends.loading import gc_paused

    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    before = gc.get_threshold()
    gc.callbacks.append(count)
    try:
        with gc_paused():
            gc.enable()  # what srsly.read_msgpack does
            for _ in range(50_000):
                cycle: list[object] = []
                cycle.append(cycle)
            assert runs == []
        assert gc.isenabled() and gc.get_threshold() == before
        gc.disable()
        with gc_paused():
            gc.enable()
        assert not gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.enable()


def test_wordfreq_finds_its_data_folder_without_reading_the_call_stack() -> None:
    """wordfreq's import asks locate.this_dir() for its folder; inside tqa's
    import the answer comes from the caller's frame, not inspect.stack(),
    is the one locate gives, and locate is left as it was."""
    if importlib.util.find_spec("wordfreq") is None:
        pytest.skip("wordfreq is not installed")
    script = (
        "import inspect, sys\n"
        "import locate\n"
        "before = locate.this_dir\n"
        "stacks = []\n"
        "real = inspect.getouterframes\n"
        "inspect.getouterframes = lambda *a, **k: stacks.append(1) or real(*a, **k)\n"
        "from tqa.backends import frequencies\n"
        "frequencies._import_wordfreq()\n"
        "import wordfreq, wordfreq.util\n"
        "print(wordfreq.DATA_PATH == wordfreq.util.data_path(), len(stacks))\n"
        "print(locate.this_dir is before, wordfreq.DATA_PATH.name)\n"
    )
    done = _python(script)
    # the comparison itself calls locate's own this_dir once, after the import
    assert done.stdout.split() == ["True", "1", "True", "data"]
