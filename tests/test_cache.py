"""Derived tables cached on disk: reused while their sources are unchanged,
rebuilt when a source changes or the cache is unreadable, never fatal, and
never code: a corrupted, altered, planted or foreign file is rebuilt, not run."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import msgpack
import pytest

from tests.conftest import ROOT, SEED
from tqa.backends import cache

Table = dict[str, tuple[str, ...]]


@pytest.fixture()
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "dictionary.index"
    path.write_text("eins\n", encoding="utf-8")
    return path


class Builds:
    """A table builder that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def _cached(source: Path, build: Builds, kind: object = Table) -> object:
    return cache.cached("table", 1, [str(source)], build, kind)


def _written(source: Path) -> Path:
    return Path(cache.path_for("table", 1, [str(source)]))


def _store(path: Path, payload: bytes, **header: object) -> None:
    """A well-formed cache file around ``payload`` (header fields overridable)."""
    fields = {"format": 1, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    fields.update(header)
    path.write_bytes(b"tqa-table " + json.dumps(fields).encode() + b"\n" + payload)
    path.chmod(0o644)


class Planted:
    """Unpickling this runs code: it creates the file ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_second_call_reads_the_cache_and_a_changed_source_rebuilds(source: Path) -> None:
    build = Builds({"eins": ("un",)})
    assert _cached(source, build) == {"eins": ("un",)}
    assert _cached(source, build) == {"eins": ("un",)}
    assert build.calls == 1
    source.write_text("eins\nzwei\n", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))
    assert _cached(source, Builds({"zwei": ("deux",)})) == {"zwei": ("deux",)}
    # tables of other sources or versions, unread for longer than UNUSED_DAYS, are pruned
    unused = time.time() - (cache.UNUSED_DAYS + 1) * 24 * 3600
    for old in Path(cache.directory()).glob("table-*"):
        os.utime(old, (unused, unused))
    assert cache.cached("table", 2, [str(source)], Builds({}), Table) == {}  # a new version
    assert len(list(Path(cache.directory()).glob("table-*"))) == 1


def test_building_a_table_removes_the_retired_ones_and_nothing_else(source: Path) -> None:
    # what earlier releases left in the cache: tables that no release reads now
    folder = Path(cache.directory())
    folder.mkdir(parents=True)
    retired = [
        "compound-tables-v1-f09dc3ab4575899d.table",
        "compound-tables-v1-f09dc3ab4575899d.pickle",
        "pivot-de-en-v3-71c24dbeb91bac69.table",
        "deu-fra-inverse-v1-116898c32b67f9bc.table",
    ]
    kept = [
        "deu-fra-inverted-v1-116898c32b67f9bc.table",  # today's name, one letter longer
        "compound-index-v1-f09dc3ab4575899d.table",
        "eval-embeddings.npz",  # not a table of tqa's
    ]
    # retired tables that some other installation read yesterday
    recent = ["pivot-fr-en-v3-71c24dbeb91bac69.table", "fra-deu-inverse-v1-116898c32b67f9bc.table"]
    unused = time.time() - (cache.UNUSED_DAYS + 1) * 24 * 3600
    for name in retired + kept + recent:
        (folder / name).write_bytes(b"old")
        if name not in recent:
            os.utime(folder / name, (unused, unused))
    assert _cached(source, Builds({"eins": ("un",)})) == {"eins": ("un",)}
    left = {p.name for p in folder.iterdir()}
    assert not left & set(retired)
    assert set(kept) | set(recent) <= left


def test_two_versions_sharing_the_cache_keep_each_other_s_tables(source: Path) -> None:
    # one version builds its table, another its own: neither removes the other's
    def of_version(version: int, build: Builds) -> object:
        return cache.cached("table", version, [str(source)], build, Table)

    first = of_version(1, Builds({"eins": ("un",)}))
    second = of_version(2, Builds({"eins": ("une",)}))
    assert first != second
    again = Builds({"eins": ("un",)})
    assert of_version(1, again) == first and again.calls == 0
    names = sorted(p.name for p in Path(cache.directory()).glob("table-*"))
    assert [n.split("-")[1] for n in names] == ["v1", "v2"]


def test_the_same_sources_installed_again_elsewhere_find_the_table(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package installed again (the same file, a new date, another
    environment, as in CI) finds the tables derived from it; a changed file
    does not."""
    build = Builds({"eins": ("un",)})
    _cached(source, build)
    again = tmp_path / "venv-2" / "dictionary.index"
    again.parent.mkdir()
    again.write_bytes(source.read_bytes())
    os.utime(again, (2_000_000, 2_000_000))
    monkeypatch.setattr(cache, "_digests", None)  # another process
    assert _cached(again, build) == {"eins": ("un",)} and build.calls == 1
    again.write_text("zwei\n", encoding="utf-8")
    assert _cached(again, Builds({"zwei": ("deux",)})) == {"zwei": ("deux",)}


def test_each_source_file_is_read_once_then_known_by_how_it_looks(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tqa import fingerprint

    reads: list[object] = []
    digest = fingerprint.file_digest

    def counted(path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return digest(path)

    monkeypatch.setattr(fingerprint, "file_digest", counted)
    monkeypatch.setattr(cache, "_digests", None)
    first = _written(source)
    monkeypatch.setattr(cache, "_digests", None)  # a new process reads the digests file
    assert _written(source) == first
    assert reads == [str(source)]
    # a damaged digests file only costs reading the sources again
    digests = Path(cache.directory()) / cache.DIGESTS
    digests.write_bytes(digests.read_bytes()[:-3])
    monkeypatch.setattr(cache, "_digests", None)
    assert _written(source) == first and len(reads) == 2


def test_reading_a_table_marks_it_used(source: Path) -> None:
    _cached(source, Builds({"eins": ("un",)}))
    path = _written(source)
    old = time.time() - 10 * 24 * 3600
    os.utime(path, (old, old))
    _cached(source, Builds({"eins": ("un",)}))
    assert path.stat().st_mtime > time.time() - 60
    # within a day of the last mark, a read writes nothing
    recent = time.time() - 3600
    os.utime(path, (recent, recent))
    _cached(source, Builds({"eins": ("un",)}))
    assert abs(path.stat().st_mtime - recent) < 1


@dataclass(frozen=True)
class Phrase:
    german: str
    french: tuple[str, ...]


@dataclass
class Tables:
    words: dict[str, set[str]]
    phrases: dict[str, tuple[Phrase, ...]]
    pairs: frozenset[tuple[str, str]]
    weights: dict[str, float]
    note: str | None


def test_round_trip_keeps_sets_tuples_frozensets_and_dataclasses(source: Path) -> None:
    tables = Tables(
        {"kraft": {"force", "énergie"}},
        {"kraftwerk": (Phrase("Kraftwerk", ("centrale",)),)},
        frozenset({("Kraft", "force"), ("Werk", "usine")}),
        {"a": 1.5, "b": 2},
        None,
    )
    assert _cached(source, Builds(tables), Tables) == tables
    loaded = _cached(source, Builds(None), Tables)  # from the file
    assert isinstance(loaded, Tables) and loaded == tables
    assert isinstance(loaded.words["kraft"], set)
    assert isinstance(loaded.phrases["kraftwerk"][0], Phrase)
    assert isinstance(loaded.phrases["kraftwerk"][0].french, tuple)
    assert isinstance(loaded.pairs, frozenset) and ("Kraft", "force") in loaded.pairs
    assert isinstance(loaded.weights["b"], float)


def test_the_file_is_data_with_a_versioned_checksummed_header(source: Path) -> None:
    _cached(source, Builds({"eins": ("un", "une")}))
    header, _, payload = _written(source).read_bytes().partition(b"\n")
    magic, _, fields = header.partition(b" ")
    assert magic == b"tqa-table"
    info = json.loads(fields)
    assert info["format"] == 1 and info["length"] == len(payload)
    assert info["sha256"] == hashlib.sha256(payload).hexdigest()
    assert msgpack.unpackb(payload) == {"eins": ["un", "une"]}


@pytest.mark.parametrize(
    "damage",
    ["garbage", "empty", "truncated", "extended", "payload-bit", "header-bit", "format"],
)
def test_a_damaged_file_is_rebuilt(source: Path, damage: str) -> None:
    _cached(source, Builds({"eins": ("un",)}))
    path = _written(source)
    data = bytearray(path.read_bytes())
    if damage == "garbage":
        data = bytearray(b"not a table at all")
    elif damage == "empty":
        data = bytearray()
    elif damage == "truncated":
        data = data[:-3]
    elif damage == "extended":
        data += b"\x00" * 10
    elif damage == "payload-bit":
        data[-2] ^= 0x10
    elif damage == "header-bit":
        data[3] ^= 0x01
    else:
        data = data.replace(b'"format": 1', b'"format": 9')
    path.write_bytes(bytes(data))
    rebuilt = Builds({"zwei": ("deux",)})
    assert _cached(source, rebuilt) == {"zwei": ("deux",)}
    assert rebuilt.calls == 1
    assert _cached(source, Builds(None)) == {"zwei": ("deux",)}  # the rebuilt file is good


def test_a_planted_pickle_is_never_unpickled(source: Path, tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    evil = pickle.dumps(Planted(marker))
    new_name = _written(source)
    new_name.parent.mkdir(parents=True, exist_ok=True)
    old_name = new_name.with_suffix(".pickle")  # the file name of earlier versions
    old_name.write_bytes(evil)
    new_name.write_bytes(evil)
    new_name.chmod(0o644)
    assert _cached(source, Builds({"eins": ("un",)})) == {"eins": ("un",)}
    assert not marker.exists()
    assert not old_name.exists()  # pruned with the stale tables


def test_a_well_formed_file_of_the_wrong_type_is_rebuilt(source: Path) -> None:
    path = _written(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    for payload in (
        msgpack.packb(["a", "list"]),
        msgpack.packb({"eins": [1, 2]}),
        msgpack.packb({"eins": "un"}),
        msgpack.packb({1: ["un"]}),
        msgpack.packb(None),
    ):
        _store(path, payload)
        assert _cached(source, Builds({"ok": ("oui",)})) == {"ok": ("oui",)}
    _store(path, msgpack.packb([{"k": ["v"]}, {}, [], {}, None, "extra"]))
    assert _cached(source, Builds(None), Tables) is None  # wrong field count: rebuilt
    _store(path, msgpack.packb({"eins": ["un"]}) + msgpack.packb("more"))
    assert _cached(source, Builds({"x": ()})) == {"x": ()}  # data after the table


def test_a_huge_claimed_length_or_a_memory_error_is_rebuilt(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _written(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    _store(path, msgpack.packb({"eins": ["un"]}), length=10**15)
    assert _cached(source, Builds({"a": ("b",)})) == {"a": ("b",)}

    def no_memory(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr(msgpack, "Unpacker", no_memory)
    monkeypatch.setattr(msgpack, "unpackb", no_memory)
    assert _cached(source, Builds({"c": ("d",)})) == {"c": ("d",)}
    assert cache.cached("plain", 1, [str(source)], Builds({"e": ["f"]})) == {"e": ["f"]}
    assert cache.cached("plain", 1, [str(source)], Builds({"g": ["h"]})) == {"g": ["h"]}


@pytest.mark.parametrize("mode", [0o664, 0o646, 0o666])
def test_a_file_writable_by_others_is_refused(source: Path, mode: int) -> None:
    _cached(source, Builds({"eins": ("un",)}))
    path = _written(source)
    path.chmod(mode)
    rebuilt = Builds({"zwei": ("deux",)})
    assert _cached(source, rebuilt) == {"zwei": ("deux",)} and rebuilt.calls == 1
    assert path.stat().st_mode & 0o777 == 0o644  # replaced by a file of our own


def test_a_file_owned_by_another_user_is_refused(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cached(source, Builds({"eins": ("un",)}))
    owner = _written(source).stat().st_uid
    monkeypatch.setattr(os, "getuid", lambda: owner + 1)
    rebuilt = Builds({"zwei": ("deux",)})
    assert _cached(source, rebuilt) == {"zwei": ("deux",)} and rebuilt.calls == 1


def test_a_fifo_or_a_symlink_in_place_of_the_file_is_rebuilt(source: Path, tmp_path: Path) -> None:
    path = _written(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    assert _cached(source, Builds({"a": ("b",)})) == {"a": ("b",)}  # does not block
    _cached(source, Builds({"a": ("b",)}))
    elsewhere = tmp_path / "elsewhere.table"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    rebuilt = Builds({"c": ("d",)})
    assert _cached(source, rebuilt) == {"c": ("d",)} and rebuilt.calls == 1


def test_a_permissive_umask_still_writes_a_file_that_is_read_back(source: Path) -> None:
    previous = os.umask(0o002)
    try:
        _cached(source, Builds({"eins": ("un",)}))
    finally:
        os.umask(previous)
    assert _written(source).stat().st_mode & 0o777 == 0o644
    assert _cached(source, Builds(None)) == {"eins": ("un",)}


def test_an_unwritable_cache_directory_only_costs_the_rebuild(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, not a directory
    assert _cached(source, Builds({"a": ("built",)})) == {"a": ("built",)}
    assert cache.cached("table", 1, [None, str(source)], Builds({}), Table) == {}


def test_without_a_declared_type_plain_data_is_stored_and_the_rest_built(source: Path) -> None:
    plain = Builds({"eins": ["un", "une"], "zwei": [], "drei": {"n": 3}})
    assert cache.cached("plain", 1, [str(source)], plain) == plain.value
    loaded = cache.cached("plain", 1, [str(source)], Builds(None))
    assert loaded == plain.value and isinstance(loaded["eins"], list)
    assert plain.calls == 1
    sets = Builds({"eins": {"un"}})  # would come back as a list: not stored
    assert cache.cached("sets", 1, [str(source)], sets) == {"eins": {"un"}}
    assert cache.cached("sets", 1, [str(source)], sets) == {"eins": {"un"}}
    assert sets.calls == 2 and not list(Path(cache.directory()).glob("sets-*"))


def test_tqa_check_ignores_planted_cache_files(tmp_path: Path) -> None:
    """Through the CLI: every table name of tqa planted as a pickle that would
    run code, under the old and the new file names, in the cache directory."""
    marker = tmp_path / "code-ran"
    home = tmp_path / "cache" / "tqa"
    home.mkdir(parents=True)
    evil = pickle.dumps(Planted(marker))
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "tqa.cli", "check", str(SEED), "--format", "json"]
    # the report and the table names from the user's own cache, built by the
    # suite's other runs (building every table twice took 30-45 s of CPU)
    first = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    assert first.returncode in (0, 1), first.stderr
    own = Path(cache.directory())
    names = sorted(p.name for p in own.glob("*.table")) if own.is_dir() else []
    if not names:  # no cache of the user's: build one where the files will be planted
        first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        assert first.returncode in (0, 1), first.stderr
        names = sorted(p.name for p in home.iterdir())
    for name in names or ["compound-tables-v1-0000000000000000.table"]:
        table = home / name
        table.write_bytes(evil)
        table.with_suffix(".pickle").write_bytes(evil)
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    assert again.returncode == first.returncode, again.stderr
    assert again.stdout == first.stdout  # the same report
    assert not marker.exists()
    assert b"Traceback" not in again.stderr


def test_a_digests_file_of_another_layout_only_costs_reading_the_sources_again(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A well-formed digests file whose keys are not this version's (planted,
    or written by another release) is ignored, never a crash."""
    payload = msgpack.packb({"some/old/key": "0" * 16}, use_bin_type=True)
    folder = Path(cache.directory())
    folder.mkdir(parents=True)
    _store(folder / cache.DIGESTS, payload)
    monkeypatch.setattr(cache, "_digests", None)
    build = Builds({"eins": ("un",)})
    assert _cached(source, build) == {"eins": ("un",)}
    monkeypatch.setattr(cache, "_digests", None)
    assert _cached(source, build) == {"eins": ("un",)} and build.calls == 1


def test_a_source_that_became_a_fifo_is_not_read(source: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.index"
    os.mkfifo(fifo)
    assert _cached(fifo, Builds({"eins": ("un",)})) == {"eins": ("un",)}  # returns at once


def test_the_first_run_notice_is_given_once_only_for_a_table_never_built_into_a_writable_cache(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    cache.on_build(told.append)
    try:
        _cached(source, Builds({"eins": ("un",)}))
        assert told == ["table"]
        cache.on_build(told.append)
        source.write_text("zwei\n", encoding="utf-8")  # a table of that name is there
        _cached(source, Builds({"zwei": ("deux",)}))
        assert told == ["table"]
        monkeypatch.setattr(os, "access", lambda path, mode: False)  # a cache it cannot write
        cache.building("other")
        assert told == ["table"]
    finally:
        cache.on_build(None)


def test_a_forked_worker_does_not_inherit_the_notice() -> None:
    cache.on_build(lambda name: None)
    try:
        pid = os.fork()
        if pid == 0:
            os._exit(0 if cache._on_build is None else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert cache._on_build is not None
    finally:
        cache.on_build(None)
