"""Big tables looked up on disk (tqa.backends.index): the same values as the
tables they were made from, read back without rebuilding while the sources
are unchanged, and rebuilt, never fatal and never code, when the file is
damaged, planted, foreign or of other value types."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import struct
import time
from pathlib import Path

import pytest

from tests.test_cache import Builds, Planted
from tqa.backends import cache, index
from tqa.backends.compounds import Phrase

KINDS = {"glosses": tuple[str, ...], "phrases": tuple[Phrase, ...], "seen": bool, "empty": str}
TABLES = {
    "glosses": {"erklärung": ("explication", "déclaration"), "ort": (), "x" * 400: ("long",)},
    "phrases": {"central": (Phrase("centrale électrique", "Kraftwerk", ("central", "électr")),)},
    "seen": {"a\tb": True, "\udcff": True},  # a lone surrogate is a key like any other
    "empty": {},
}


@pytest.fixture()
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "dictionary.index"
    path.write_text("eins\n", encoding="utf-8")
    return path


def _indexed(source: Path, build: Builds, kinds: dict[str, object] = KINDS) -> dict[str, object]:
    return index.indexed("words", 1, [str(source)], build, kinds)  # type: ignore[arg-type]


def _written(source: Path) -> Path:
    return Path(cache.path_for("words", 1, [str(source)]))


def _same(tables: dict[str, object]) -> None:
    for name, expected in TABLES.items():
        table = tables[name]
        assert isinstance(table, index.Table)
        assert dict(table) == expected and list(table) == list(expected)
        assert len(table) == len(expected)
        for key, value in expected.items():
            assert key in table and table[key] == value and table.get(key) == value
        assert "absent" not in table and table.get("absent", 7) == 7 and 3 not in table
        with pytest.raises(KeyError):
            table["absent"]


def test_tables_read_back_from_disk_equal_the_built_ones(source: Path) -> None:
    build = Builds(TABLES)
    _same(_indexed(source, build))
    _same(_indexed(source, build))
    assert build.calls == 1
    # a changed source: rebuilt; the earlier file, unread for cache.UNUSED_DAYS, is pruned
    (stale,) = Path(cache.directory()).glob("words-*")
    unused = time.time() - (cache.UNUSED_DAYS + 1) * 24 * 3600
    os.utime(stale, (unused, unused))
    source.write_text("eins\nzwei\n", encoding="utf-8")
    _same(_indexed(source, build))
    assert build.calls == 2
    assert [p for p in Path(cache.directory()).glob("words-*")] != [stale]
    assert len(list(Path(cache.directory()).glob("words-*"))) == 1


def test_many_keys_are_all_found(source: Path) -> None:
    many = {f"mot{i}": str(i) for i in range(20_000)}
    table = index.indexed("many", 1, [str(source)], Builds({"m": many}), {"m": str})["m"]
    assert isinstance(table, index.Table)
    assert all(table.get(key) == value for key, value in many.items())
    assert table.get("mot20000") is None


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flip":
        data[-5] ^= 0xFF
    elif how == "truncate":
        del data[-100:]
    elif how == "header":
        data[:9] = b"tqa-table"  # a table cache file's magic: another format
    elif how == "empty":
        data = bytearray()
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flip", "truncate", "header", "empty"])
def test_a_damaged_file_is_rebuilt(source: Path, how: str) -> None:
    build = Builds(TABLES)
    _indexed(source, build)
    _damage(_written(source), how)
    _same(_indexed(source, build))
    assert build.calls == 2
    _same(_indexed(source, build))  # and written again
    assert build.calls == 2


def _store(path: Path, payload: bytes) -> None:
    """A file with a valid header and checksum around ``payload``."""
    header = {"format": index.FORMAT, "length": len(payload)}
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    path.write_bytes(index.MAGIC + b" " + json.dumps(header).encode() + b"\n" + payload)
    path.chmod(0o644)


def test_a_checksummed_file_with_a_bad_layout_is_rebuilt(source: Path) -> None:
    """Written by something else than tqa, with a valid checksum: slots that do
    not match the keys (a probe would never stop), offsets out of the file, a
    directory that is not a map."""
    build = Builds(TABLES)
    _indexed(source, build)
    path = _written(source)
    payload = path.read_bytes().split(b"\n", 1)[1]
    (size,) = struct.unpack_from("<I", payload)
    directory = json.loads(payload[4 : 4 + size])
    start = 4 + size + directory["tables"]["seen"][0]
    full = bytearray(payload)
    struct.pack_into("<II", full, start, 8, 2)
    for slot in range(8):  # every slot taken: a look-up of an absent key would loop
        struct.pack_into("I", full, start + 8 + 4 * slot, 1)
    bad_offsets = bytearray(payload)
    struct.pack_into("<II", bad_offsets, start, 1 << 30, 2)
    not_a_map = struct.pack("<I", 2) + b"[]"
    for bad in (bytes(full), bytes(bad_offsets), not_a_map, b"\xff\xff"):
        _store(path, bad)
        _same(_indexed(source, build))
    assert build.calls == 5


def test_a_file_for_other_value_types_is_rebuilt(source: Path) -> None:
    build = Builds(TABLES)
    _indexed(source, build)
    other = dict(KINDS, glosses=tuple[int, ...])
    table = _indexed(source, Builds({**TABLES, "glosses": {"eins": (1,)}}), other)["glosses"]
    assert table["eins"] == (1,)
    _same(_indexed(source, build))
    assert build.calls == 2


def test_a_planted_pickle_is_never_unpickled(source: Path, tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    path = _written(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(Planted(marker)))
    path.chmod(0o644)
    build = Builds(TABLES)
    _same(_indexed(source, build))
    assert build.calls == 1 and not marker.exists()


@pytest.mark.parametrize("mode", [0o664, 0o646])
def test_a_file_writable_by_others_is_refused(source: Path, mode: int) -> None:
    build = Builds(TABLES)
    _indexed(source, build)
    os.chmod(_written(source), mode)
    _same(_indexed(source, build))
    assert build.calls == 2


def test_an_unwritable_cache_directory_gives_the_built_tables(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    build = Builds(TABLES)
    assert _indexed(source, build) == TABLES
    assert _indexed(source, build) == TABLES
    assert build.calls == 2


def test_a_key_too_long_to_store_gives_the_built_tables(source: Path) -> None:
    huge = {"glosses": {"x" * 70_000: ("long",)}}
    got = index.indexed("huge", 1, [str(source)], Builds(huge), {"glosses": tuple[str, ...]})
    assert got == huge and not list(Path(cache.directory()).glob("huge-*"))
