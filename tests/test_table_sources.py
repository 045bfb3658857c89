"""Every file a dictionary table is built from is one of its sources: tables
are keyed by their sources' content (tqa.backends.cache), so a file read by
the build but left out of the key would keep a stale table after a
dictionary package changes it (a FreeDict ``.dict.dz`` whose ``.index`` stays
the same, hunspell's ``.aff`` beside an unchanged ``.dic``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tqa import align_score
from tqa.backends import compounds, freedict, index, pivot, senses


@pytest.fixture()
def sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, tuple[str | None, ...]]]:
    """The sources each table is asked for with (nothing is built)."""
    asked: dict[str, tuple[str | None, ...]] = {}
    real = index.indexed

    def recorded(name: str, version: int, files: Any, build: Any, kinds: Any) -> Any:
        asked[name] = tuple(files)
        if name.endswith("-entries"):
            return real(name, version, files, build, kinds)  # the dictionaries themselves
        return {table: {} for table in kinds}

    cached = (pivot._tables, compounds._tables, senses._inverted)
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(index, "indexed", recorded)
    yield asked
    monkeypatch.undo()
    for function in cached:
        function.cache_clear()


def test_the_dictionary_tables_are_keyed_by_every_file_they_read(
    sources: dict[str, tuple[str | None, ...]],
) -> None:
    deu, fra = freedict.load("freedict-deu-fra"), freedict.load("freedict-fra-deu")
    if deu is None or fra is None:
        pytest.skip("FreeDict deu-fra and fra-deu are not installed")
    pivot._tables()
    compounds._tables()
    senses._inverted()
    align_score._cached_inverse(fra)
    assert {"pivot-index", "compound-index", "deu-fra-inverted", "fra-deu-inverted"} <= set(sources)
    for name, files in sources.items():
        present = [f for f in files if f is not None]
        for path in present:
            if path.endswith(".index"):
                assert path[: -len(".index")] + ".dict.dz" in present, (name, files)
            if path.endswith(".dic"):
                assert path[: -len(".dic")] + ".aff" in present, (name, files)
        assert present, name
