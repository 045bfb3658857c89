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
from itertools import accumulate, chain
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

    def pairs(self) -> Iterator[tuple[str, Any]]:
        """(key, value) of every record, in the order of ``iter``: what
        ``items()`` gives, read in one pass, without a look-up per key."""
        data, at, decode = self._data, self._records, self._decode
        for _ in range(self._count):
            size, length = _RECORD.unpack_from(data, at)
            start = at + _RECORD.size
            end = start + size
            yield data[start:end].decode("utf-8", "surrogatepass"), decode(data[end : end + length])
            at = end + length


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
    # the collector paused while the tables are built and encoded too: it
    # walked the built tables again and again (0.5-1 s per big table)
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

    # one packer for every value (msgpack.packb makes a new one each call);
    # the same bytes as packb
    pack = msgpack.Packer(use_bin_type=True).pack
    parts: list[bytes] = []
    places: dict[str, tuple[int, str]] = {}
    offset = 0
    for table, kind in kinds.items():
        mapping = built[table]
        # each step over all the records at once (list comprehensions, map,
        # join), not record by record: a third of the time
        keys = [key.encode("utf-8", "surrogatepass") for key in mapping]
        key_sizes = list(map(len, keys))
        if max(key_sizes, default=0) > MAX_KEY:
            raise ValueError(f"key of {max(key_sizes)} bytes")
        packed = _packed(pack, kind, mapping.values())
        value_sizes = list(map(len, packed))
        heads = list(map(_RECORD.pack, key_sizes, value_sizes))
        sizes = [_RECORD.size + k + v for k, v in zip(key_sizes, value_sizes, strict=True)]
        # (CRC-32 of the key, the record's offset in the records plus one: 0 is an empty slot)
        starts = list(accumulate(sizes, initial=1))
        starts.pop()
        hashes = list(zip(map(zlib.crc32, keys), starts, strict=True))
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
        records = b"".join(chain.from_iterable(zip(heads, keys, packed, strict=True)))
        part = b"".join((_HEAD.pack(slots, len(hashes)), table_slots.tobytes(), records))
        places[table] = (offset, describe(kind))
        parts.append(part)
        offset += len(part)
    directory = json.dumps({"byteorder": sys.byteorder, "tables": places}).encode("ascii")
    return _LENGTH.pack(len(directory)) + directory + b"".join(parts)


def _packed(pack: Callable[[Any], bytes], kind: Any, values: Iterable[Any]) -> list[bytes]:
    """The msgpack bytes of each of ``values`` (of ``kind``) made plain:
    the bytes of ``pack(cache._encode(value))``."""
    plain = _plainer(kind)
    try:
        return list(map(pack, values if plain is None else map(plain, values)))
    except TypeError:  # a value not of the declared kind: made plain as any other
        return [pack(cache._encode(value)) for value in values]


def _plainer(kind: Any) -> Callable[[Any], Any] | None:
    """A function that gives what ``cache._encode`` gives for a value of
    ``kind``, without its checks of every value's type at every level; None
    when such a value packs to those bytes as it is (strings, numbers, lists
    and tuples of them: a tuple packs as a list). A value that is not of
    ``kind`` is made plain by ``cache._encode``, and one it holds that
    msgpack cannot pack (a set where a list was declared) raises TypeError,
    for the caller to make the whole value plain by ``cache._encode``."""
    if kind in (str, bool, int, float, bytes):
        return None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    encode = cache._encode
    if origin in (list, tuple) and args:
        if origin is list or args[-1:] == (Ellipsis,):
            item = _plainer(args[0])
            if item is None:
                return None
            convert = item

            def sequence(value: Any) -> Any:
                if type(value) not in (list, tuple):
                    return encode(value)
                return [convert(x) for x in value]

            return sequence
        items = [_plainer(arg) for arg in args]
        if all(item is None for item in items):
            return None
        return encode
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _plainer(hints[f.name])) for f in dataclasses.fields(kind) if f.init]

        def record(value: Any) -> Any:
            if type(value) is not kind:
                return encode(value)
            return [
                getattr(value, name) if part is None else part(getattr(value, name))
                for name, part in fields
            ]

        return record
    return encode
