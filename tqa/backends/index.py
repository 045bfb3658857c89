"""Big derived tables looked up on disk, word by word, instead of loaded whole.

A table of a few hundred thousand words (the English glosses of every Ding
headword, the compound tables, a FreeDict dictionary's index) took 0.3–1.2 s
to load as Python dicts at every start, for the few hundred words a document
asks about. Here such a table is kept in the user's cache directory as one
open-addressing hash table per name: the file is read as bytes (a copy from
the page cache, about 10 ms for 10 MB), and each look-up hashes the key
(CRC-32), probes the slots and decodes the one value it finds (msgpack data
rebuilt into the declared type by tqa.backends.cache). Forked workers share
the bytes.

The file is a cache file like any other (tqa.backends.cache): a header line
with its own magic and format, the payload's length and sha256, checked
before use, owner and mode checked, keyed by the size and date of the
sources, and rebuilt whenever anything is off. The payload starts with a
directory (JSON) naming each table, its place and the type of its values;
a file made for other value types is rebuilt. Nothing in it is code.

Payload layout (numbers unsigned, little-endian but the slots, which are in
the byte order the directory names)::

    u32 length of the directory, the directory (JSON: byte order, and per
               table its offset after the directory and its value type)
    per table: u32 slot count (a power of two, more than the key count),
               u32 key count, slots (u32 each: 0 empty, else the offset of a
               record in the table's records, plus one), records
    record:    u16 key length, u32 value length, key (UTF-8), value (msgpack)

Records follow the order of the mapping they were written from, so
iterating a table gives its keys in that order.
"""

from __future__ import annotations

import array
import dataclasses
import json
import logging
import struct
import sys
import typing
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from tqa.backends import cache

log = logging.getLogger(__name__)

MAGIC = b"tqa-index"
FORMAT = 1
_HEAD = struct.Struct("<II")
_RECORD = struct.Struct("<HI")
_LENGTH = struct.Struct("<I")
MAX_KEY = 0xFFFF


def describe(kind: Any) -> str:
    """A stable description of a value type (a dataclass by its fields), so
    that a file written for another type is not read as this one."""
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = ",".join(
            f"{f.name}:{describe(hints[f.name])}" for f in dataclasses.fields(kind) if f.init
        )
        return f"{kind.__name__}({fields})"
    args = typing.get_args(kind)
    if args:
        origin = typing.get_origin(kind)
        name = getattr(origin, "__name__", str(origin))
        return f"{name}[{','.join('...' if a is Ellipsis else describe(a) for a in args)}]"
    return getattr(kind, "__name__", repr(kind))


class Table(Mapping[str, Any]):
    """One table of an index file: a read-only mapping from str keys."""

    def __init__(self, data: bytes, start: int, kind: Any) -> None:
        slots, count = _HEAD.unpack_from(data, start)
        if slots & (slots - 1) or count >= slots:
            raise ValueError("bad slot count")
        first = start + _HEAD.size
        self._records = first + 4 * slots
        if self._records > len(data):
            raise ValueError("truncated table")
        self._slots = memoryview(data)[first : self._records].cast("I")
        if array.array("I", data[first : self._records]).count(0) != slots - count:
            raise ValueError("slot count does not match the keys")
        self._data = data
        self._mask = slots - 1
        self._count = count
        self._decode = _value_decoder(kind)

    def _find(self, key: str) -> int:
        """The offset of the record of ``key``, or -1."""
        raw = key.encode("utf-8", "surrogatepass")
        data, slots, mask = self._data, self._slots, self._mask
        i = zlib.crc32(raw) & mask
        while True:
            slot = slots[i]
            if not slot:
                return -1
            at = self._records + slot - 1
            size = _RECORD.unpack_from(data, at)[0]
            start = at + _RECORD.size
            if data[start : start + size] == raw:
                return at
            i = (i + 1) & mask

    def _value(self, at: int) -> Any:
        size, length = _RECORD.unpack_from(self._data, at)
        start = at + _RECORD.size + size
        return self._decode(self._data[start : start + length])

    def get(self, key: str, default: Any = None) -> Any:
        at = self._find(key) if isinstance(key, str) else -1
        return default if at < 0 else self._value(at)

    def __getitem__(self, key: str) -> Any:
        at = self._find(key) if isinstance(key, str) else -1
        if at < 0:
            raise KeyError(key)
        return self._value(at)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        data, at = self._data, self._records
        for _ in range(self._count):
            size, length = _RECORD.unpack_from(data, at)
            start = at + _RECORD.size
            yield data[start : start + size].decode("utf-8", "surrogatepass")
            at = start + size + length


def _value_decoder(kind: Any) -> Callable[[bytes], Any]:
    import msgpack

    leaf = cache._leaf(kind)
    if leaf is not None:
        return lambda raw: leaf(msgpack.unpackb(raw, raw=False, use_list=False))
    decoder = cache._decoder(kind)

    def decode(raw: bytes) -> Any:
        stream = msgpack.Unpacker(raw=False, use_list=False, strict_map_key=False)
        stream.feed(raw)
        value = decoder(stream)
        if stream.tell() != len(raw):
            raise ValueError("data after the value")
        return value

    return decode


def indexed(
    name: str,
    version: int,
    sources: Iterable[str | None],
    build: Callable[[], Mapping[str, Mapping[str, Any]]],
    kinds: Mapping[str, Any],
) -> dict[str, Mapping[str, Any]]:
    """The tables ``build()`` returns (table name → {key: value of
    ``kinds[table name]``}), looked up on disk: read from the index file of
    an earlier run on the same sources, else built, written and read back.
    When the file cannot be written, the built dicts are returned."""
    from tqa.backends.loading import gc_paused

    path = cache.path_for(name, version, tuple(sources))
    try:
        return _open(path, kinds)
    except FileNotFoundError:
        pass
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - any bad file
        log.debug("index %s unusable, rebuilding: %s", path, exc)
    cache.building(name)
    with gc_paused():
        built = build()
    try:
        cache._write_payload(path, _encode(built, kinds), MAGIC, FORMAT)
        cache._prune(name, path)
        return _open(path, kinds)
    except (OSError, TypeError, ValueError, OverflowError, RecursionError) as exc:
        log.debug("cannot write index %s: %s", path, exc)
    return {table: built[table] for table in kinds}


def _open(path: str, kinds: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    data = cache._read(path, MAGIC, FORMAT)
    (size,) = _LENGTH.unpack_from(data, 0)
    directory = json.loads(data[_LENGTH.size : _LENGTH.size + size])
    if not isinstance(directory, dict) or directory.get("byteorder") != sys.byteorder:
        raise ValueError("written on another kind of machine")
    places = directory.get("tables")
    expected = {table: describe(kind) for table, kind in kinds.items()}
    if not isinstance(places, dict) or {t: p[1] for t, p in places.items()} != expected:
        raise ValueError("tables of other types")
    base = _LENGTH.size + size
    return {table: Table(data, base + int(places[table][0]), kinds[table]) for table in kinds}


def _encode(built: Mapping[str, Mapping[str, Any]], kinds: Mapping[str, Any]) -> bytes:
    import msgpack

    parts: list[bytes] = []
    places: dict[str, tuple[int, str]] = {}
    offset = 0
    for table, kind in kinds.items():
        mapping = built[table]
        records = bytearray()
        hashes: list[tuple[int, int]] = []
        for key, value in mapping.items():
            raw = key.encode("utf-8", "surrogatepass")
            if len(raw) > MAX_KEY:
                raise ValueError(f"key of {len(raw)} bytes")
            packed = msgpack.packb(cache._encode(value), use_bin_type=True)
            hashes.append((zlib.crc32(raw), len(records) + 1))
            records += _RECORD.pack(len(raw), len(packed)) + raw + packed
        slots = 8
        while slots <= 2 * len(hashes):
            slots *= 2
        table_slots = array.array("I", bytes(4 * slots))
        mask = slots - 1
        for code, at in hashes:
            i = code & mask
            while table_slots[i]:
                i = (i + 1) & mask
            table_slots[i] = at
        part = _HEAD.pack(slots, len(hashes)) + table_slots.tobytes() + bytes(records)
        places[table] = (offset, describe(kind))
        parts.append(part)
        offset += len(part)
    directory = json.dumps({"byteorder": sys.byteorder, "tables": places}).encode("ascii")
    return _LENGTH.pack(len(directory)) + directory + b"".join(parts)
