"""Expressions that libraries compile while they load come compiled from the
table cache (tqa.backends.patterns): exactly what ``re.compile`` makes, only
for the same expression and flags, and a bad entry costs only the
compilation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tqa.backends import cache, patterns

EXPRESSIONS = [
    (r"(?P<word>\w+)-(?P=word)|(x)?y", 0),
    (r"^[a-zà-ÿ]+(?:'[a-z]+)?$", re.IGNORECASE),
    (
        r"""
        (?P<year>\d{4})   # a year
        -(?P<month>\d\d)
    """,
        re.VERBOSE,
    ),
    (rb"\x00[\x80-\xff]+\b", 0),
    ("^[{}]+$".format("".join(chr(c) for c in range(0x100, 0x2000, 7))), 0),
]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    re.purge()


@pytest.mark.parametrize(("expression", "flags"), EXPRESSIONS)
def test_a_stored_expression_is_the_one_re_compiles(expression: str, flags: int) -> None:
    stored = patterns.compile_pattern(expression, flags)
    again = cache._load(_packed(patterns.Stored([stored])), patterns.Stored).patterns[0]
    rebuilt = patterns.rebuild(again)
    # Pattern equality compares the flags, the text and the compiled code
    assert rebuilt == re.compile(expression, flags)
    assert rebuilt.groupindex == re.compile(expression, flags).groupindex


def _packed(value: object) -> bytes:
    import msgpack

    return msgpack.packb(cache._encode(value), use_bin_type=True)  # type: ignore[no-any-return]


def test_the_block_records_what_it_compiles_and_a_later_run_finds_it_compiled() -> None:
    before = re.compile(r"compiled before the block \d+")
    with patterns.kept("test", ()):
        inside = [re.compile(e, f) for e, f in EXPRESSIONS]
    stored = cache.lookup(patterns._name("test"), patterns.VERSION, (), patterns.Stored)
    recorded = {(c.pattern, c.flags) for c in stored.patterns}
    assert recorded == {(e, f) for e, f in EXPRESSIONS}
    assert (before.pattern, 0) not in recorded
    re.purge()  # as in a new process
    with patterns.kept("test", ()):
        for expression, flags in EXPRESSIONS:
            assert (type(expression), expression, flags) in re._cache  # type: ignore[attr-defined]
        again = [re.compile(e, f) for e, f in EXPRESSIONS]
    assert again == inside
    assert [p.match("ab-ab") for p in again[:1]][0] is not None


def test_altered_code_is_refused_and_the_expressions_compiled_as_usual() -> None:
    good = patterns.compile_pattern(*EXPRESSIONS[0])
    bad = patterns.Compiled(
        good.pattern, good.flags, good.code_flags, b"\xff\xff\x00\x00" + good.code[4:],
        good.groups, good.groupindex, good.indexgroup,
    )  # fmt: skip
    with pytest.raises(RuntimeError):
        patterns.rebuild(bad)
    cache.keep(patterns._name("test"), patterns.VERSION, (), patterns.Stored([bad]))
    re.purge()
    with patterns.kept("test", ()):
        assert (str, good.pattern, good.flags) not in re._cache  # type: ignore[attr-defined]
        assert re.compile(EXPRESSIONS[0][0]).match("ab-ab")


def test_a_damaged_entry_is_ignored(tmp_path: Path) -> None:
    with patterns.kept("test", ()):
        re.compile(r"first \w+")
    [entry] = (tmp_path / "tqa").glob("patterns-test-*.table")
    entry.write_bytes(entry.read_bytes()[:-5])
    re.purge()
    with patterns.kept("test", ()):
        assert re.compile(r"first \w+").match("first run")


def test_an_expression_utf8_cannot_write_is_compiled_as_usual() -> None:
    with patterns.kept("test", ()):
        re.compile("[\ud800-\udfff]")
        re.compile(r"kept \d")
    stored = cache.lookup(patterns._name("test"), patterns.VERSION, (), patterns.Stored)
    assert [c.pattern for c in stored.patterns] == [r"kept \d"]


def test_importing_wordfreq_twice_reads_its_expressions_from_the_cache(tmp_path: Path) -> None:
    """In a new process each time: the first import records langcodes' and
    ftfy's expressions, the second finds them compiled; wordfreq tokenizes
    and rates words alike."""
    pytest.importorskip("wordfreq")
    script = (
        "import json, re, time\n"
        "from tqa.backends import frequencies\n"
        "frequencies._import_wordfreq()\n"
        "from wordfreq import lossy_tokenize\n"
        "words = ['l’année', 'Kassym-Jomart', 'œuvre', '2021e', 'Straße']\n"
        "print(json.dumps([lossy_tokenize(w, l) for w in words for l in ('fr', 'de')]\n"
        "  + [frequencies.zipf(w, 'fr') for w in words]))\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        for _ in range(2)
    ]
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    [entry] = (tmp_path / "tqa").glob("patterns-wordfreq-import-*.table")
    stored = cache._load(cache._read(str(entry)), patterns.Stored)
    assert len(stored.patterns) > 10


def test_a_block_inside_another_keeps_its_own_expressions() -> None:
    with patterns.kept("outer", ()):
        re.compile(r"outer \d+")
        with patterns.kept("inner", ()):
            re.compile(r"inner \d+")
    outer = cache.lookup(patterns._name("outer"), patterns.VERSION, (), patterns.Stored)
    inner = cache.lookup(patterns._name("inner"), patterns.VERSION, (), patterns.Stored)
    assert [c.pattern for c in outer.patterns] == [r"outer \d+"]
    assert [c.pattern for c in inner.patterns] == [r"inner \d+"]


def test_a_block_that_compiles_more_than_re_keeps_records_them_all() -> None:
    many = [rf"many {n} \w+" for n in range(700)]
    with patterns.kept("many", ()):
        for expression in many:
            re.compile(expression)
    assert re._MAXCACHE == 512  # type: ignore[attr-defined]
    stored = cache.lookup(patterns._name("many"), patterns.VERSION, (), patterns.Stored)
    assert sorted(c.pattern for c in stored.patterns) == sorted(many)


def _stored(step: str) -> patterns.Stored | None:
    return cache.lookup(patterns._name(step), patterns.VERSION, (), patterns.Stored)


def test_a_block_that_compiles_nothing_records_nothing() -> None:
    """A process that had already compiled the block's expressions (a test
    suite, a program that checked a document before) recorded an empty entry,
    and every later process compiled them all again: 0.2-0.9 s of each start."""
    mine = [rf"compiled before its block {n} \d+" for n in range(3)]
    for expression in mine:
        re.compile(expression)
    with patterns.kept("empty", ()):
        [re.compile(e) for e in mine]  # found in re's own cache
    assert _stored("empty") is None
    re.purge()
    with patterns.kept("empty", ()):
        [re.compile(e) for e in mine]
    stored = _stored("empty")
    assert stored is not None and [p.pattern for p in stored.patterns] == mine


def test_a_block_that_may_not_record_uses_an_entry_but_writes_none() -> None:
    with patterns.kept("partial", (), record=False):
        re.compile(r"only part of the block \d+")
    assert _stored("partial") is None
    with patterns.kept("partial", ()):
        re.compile(r"the whole block \d+")
    re.purge()
    with patterns.kept("partial", (), record=False):
        found = re.compile(r"the whole block \d+")
    assert found == re.compile(r"the whole block \d+")
    assert [p.pattern for p in _stored("partial").patterns] == [r"the whole block \d+"]  # type: ignore[union-attr]


def test_the_checks_of_the_first_document_are_recorded_only_in_a_fresh_process(
    tmp_path: Path,
) -> None:
    """tqa's own step: a document checked in the process before the command's
    first (a test, a program calling tqa.pipeline) leaves no partial entry."""
    code = (
        "import sys; from tqa.config import Config; from tqa.model import Document;"
        "from tqa.pipeline import check_document;"
        "check_document(Document('a.txt', 'Le sommet a lieu lundi.'), Config());"
        "from tqa.cli import main; sys.argv = ['tqa', 'check', sys.argv[1], '-f', 'json',"
        " '-o', sys.argv[2]]; main(leave=False)"
    )
    sample = tmp_path / "a.fr.txt"
    sample.write_text("Le sommet a lieu lundi à Astana.\n", encoding="utf-8")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code, str(sample), str(tmp_path / "r.json")],
        cwd=ROOT, env=env, capture_output=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    assert not list((tmp_path / "cache" / "tqa").glob("patterns-tqa-checks-*"))

    def check_fresh(path: Path) -> None:
        """``tqa check`` of ``path`` in a process of its own."""
        done = subprocess.run(
            [sys.executable, "-m", "tqa.cli", "check", str(path), "-f", "json",
             "-o", str(tmp_path / f"{path.stem}.json")],
            cwd=ROOT, env=env, capture_output=True, check=False,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr

    check_fresh(sample)
    assert list((tmp_path / "cache" / "tqa").glob("patterns-tqa-checks-*"))

    # recorded from a one-line document, the entry lacked most of what a
    # longer one needs: the next fresh process's first document adds it
    def entry() -> int:
        from tqa.runner import own_files

        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
            stored = cache.lookup(
                patterns._name("tqa-checks"), patterns.VERSION, own_files(), patterns.Stored
            )
        return 0 if stored is None else len(stored.patterns)

    short = entry()
    check_fresh(ROOT / "corpora" / "kazakhstan-summit.fr.txt")
    assert 0 < short < entry()


def test_a_growing_entry_keeps_all_a_block_compiles_up_to_its_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each growing block adds what its entry lacks, even more than the 512
    expressions ``re`` keeps, and never past GROWN_LIMIT."""
    with patterns.kept("growing", (), grow=True):
        re.compile(r"first document \d+")
    re.purge()
    with patterns.kept("growing", (), grow=True):
        for n in range(700):
            re.compile(rf"a longer document {n} \d+")
    stored = _stored("growing")
    assert stored is not None and len(stored.patterns) == 701
    re.purge()
    monkeypatch.setattr(patterns, "GROWN_LIMIT", 703)
    with patterns.kept("growing", (), grow=True):
        for n in range(5):
            re.compile(rf"yet another document {n} \d+")
    stored = _stored("growing")
    assert stored is not None and len(stored.patterns) == 703


def test_a_library_block_adds_to_its_entry_what_the_entry_lacked() -> None:
    """An entry recorded in a process that had compiled part of a library's
    expressions already is completed by the next run of a growing block,
    once: the run after it compiles nothing."""
    early = r"compiled before the block, by a module imported earlier \d+"
    re.compile(early)
    with patterns.kept("library", (), grow=True):
        re.compile(early)
        re.compile(r"the library's own \d+")
    assert [p.pattern for p in _stored("library").patterns] == [r"the library's own \d+"]  # type: ignore[union-attr]
    re.purge()  # a new process, where nothing was imported before the block
    with patterns.kept("library", (), grow=True):
        re.compile(early)
        re.compile(r"the library's own \d+")
    stored = _stored("library")
    assert stored is not None
    assert sorted(p.pattern for p in stored.patterns) == sorted([early, r"the library's own \d+"])
    re.purge()
    compiled: list[object] = []
    real = re._compiler.compile  # type: ignore[attr-defined]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(re._compiler, "compile", lambda *a: compiled.append(a) or real(*a))
        with patterns.kept("library", (), grow=True):
            re.compile(early)
            re.compile(r"the library's own \d+")
    assert compiled == []
