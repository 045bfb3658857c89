"""Derived tables cached on disk: reused while their sources are unchanged,
rebuilt when a source changes or the cache is unreadable, never fatal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tqa.backends import cache


@pytest.fixture()
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "dictionary.index"
    path.write_text("eins\n", encoding="utf-8")
    return path


def test_second_call_reads_the_cache_and_a_changed_source_rebuilds(source: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"size": len(calls)}

    assert cache.cached("table", 1, [str(source)], build) == {"size": 1}
    assert cache.cached("table", 1, [str(source)], build) == {"size": 1}
    assert len(calls) == 1
    source.write_text("eins\nzwei\n", encoding="utf-8")
    os.utime(source, (1_000_000, 1_000_000))
    assert cache.cached("table", 1, [str(source)], build) == {"size": 2}
    assert cache.cached("table", 2, [str(source)], build) == {"size": 3}  # a new version
    assert len(list(Path(cache.directory()).glob("table-*.pickle"))) == 1  # stale ones pruned


def test_a_corrupt_cache_file_is_rebuilt(source: Path) -> None:
    cache.cached("table", 1, [str(source)], lambda: [1, 2])
    (written,) = Path(cache.directory()).glob("table-v1-*.pickle")
    written.write_bytes(b"not a pickle")
    assert cache.cached("table", 1, [str(source)], lambda: [3]) == [3]


def test_an_unwritable_cache_directory_only_costs_the_rebuild(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, not a directory
    assert cache.cached("table", 1, [str(source)], lambda: "built") == "built"
    assert cache.cached("table", 1, [None, str(source)], lambda: "again") == "again"
