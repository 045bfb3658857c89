"""Derived tables kept on disk between runs.

Some tables take seconds to derive from installed resources (inverting a
dictionary, joining two). They are kept in the user's cache directory
(``$XDG_CACHE_HOME/tqa`` or ``~/.cache/tqa``), keyed by the size and date of
every file they were derived from, and rebuilt whenever the cache is
missing, stale or unreadable; a rebuilt table replaces the stale ones of its
name. A read-only home only costs the rebuild.

A cache file is data, never code: a header line (magic, format version,
length and sha256 of the payload) and a msgpack payload of plain values
(strings, numbers, lists, maps), which is rebuilt into the caller's declared
type (``dict[str, set[str]]``, a dataclass…) and checked against it, or,
without a declared type, returned as plain data. A file that is truncated,
altered, of another format or type, planted (a pickle named like an old
cache file is never opened), owned by another user or writable by group or
others is ignored and the table rebuilt silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import stat
import tempfile
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: first bytes of every cache file
MAGIC = b"tqa-table"
#: version of the file layout and of the encoding of values
FORMAT = 1
SUFFIX = ".table"
#: the header line is short; a longer one is not a cache file
MAX_HEADER = 1024


def directory() -> str:
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tqa")


def _key(sources: Iterable[str | None]) -> str:
    parts = []
    for source in sources:
        if source is None or not os.path.exists(source):
            parts.append(f"{source}:absent")
            continue
        stat_ = os.stat(source)
        parts.append(f"{source}:{stat_.st_size}:{int(stat_.st_mtime)}")
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def path_for(name: str, version: int, sources: Iterable[str | None]) -> str:
    """Where the table ``name`` (of this version, from these sources) is kept."""
    return os.path.join(directory(), f"{name}-v{version}-{_key(sources)}{SUFFIX}")


def cached(
    name: str,
    version: int,
    sources: Iterable[str | None],
    build: Callable[[], T],
    kind: Any = None,
) -> T:
    """``build()``, or its result stored by an earlier run on the same sources.

    ``kind`` is the type of the table (``dict[str, tuple[str, ...]]``, a
    dataclass whose fields are such types…): values are stored as plain
    msgpack data and rebuilt into that type on load, sets and tuples
    included, and a file of another shape is rebuilt. Without ``kind`` the
    table must be plain data (str, numbers, lists, dicts with str keys),
    which comes back as it went; any other table is built and not stored."""
    sources = tuple(sources)
    path = path_for(name, version, sources)
    try:
        data = _read(path, lists=kind is None)
        value: T = data if kind is None else _decode(data, kind)
        return value
    except FileNotFoundError:
        pass
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - any bad file
        log.debug("cache %s unusable, rebuilding: %s", path, exc)
    value = build()
    try:
        _write(path, _encode(value) if kind is not None else _plain(value))
        _prune(name, path)
    except (OSError, TypeError, ValueError, RecursionError) as exc:
        log.debug("cannot write cache %s: %s", path, exc)
    return value


def _read(path: str, *, lists: bool = False) -> Any:
    """The payload of a cache file (arrays as tuples, or as lists with
    ``lists``), or an exception saying why not."""
    import msgpack

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise PermissionError(f"owned by uid {info.st_uid}")
        if info.st_mode & 0o022:
            raise PermissionError(f"writable by others (mode {info.st_mode & 0o777:o})")
        line = handle.readline(MAX_HEADER)
        magic, _, header_text = line.rstrip(b"\n").partition(b" ")
        if magic != MAGIC or not line.endswith(b"\n"):
            raise ValueError("not a tqa table")
        header = json.loads(header_text)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError(f"format {header.get('format') if isinstance(header, dict) else '?'}")
        length = header.get("length")
        if not isinstance(length, int) or length != info.st_size - len(line):
            raise ValueError("truncated or extended")
        payload = handle.read(length)
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise ValueError("checksum mismatch")
    return msgpack.unpackb(payload, raw=False, use_list=lists, strict_map_key=False)


def _write(path: str, data: Any) -> None:
    import msgpack

    payload = msgpack.packb(data, use_bin_type=True)
    header = json.dumps(
        {"format": FORMAT, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    )
    os.makedirs(directory(), mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".tmp", dir=directory())
    try:
        with os.fdopen(fd, "wb") as handle:
            # readable by all, writable by the owner only, whatever the umask:
            # a group-writable cache file would be refused on the next run
            os.fchmod(handle.fileno(), 0o644)
            handle.write(MAGIC + b" " + header.encode("ascii") + b"\n")
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise


def _prune(name: str, keep: str) -> None:
    """Remove the tables of ``name`` built from older sources or versions,
    and those of the earlier pickle format."""
    for entry in os.scandir(directory()):
        if entry.name.startswith(f"{name}-") and entry.name.endswith((SUFFIX, ".pickle")):
            if entry.path != keep:
                try:
                    os.remove(entry.path)
                except OSError:
                    pass


def _encode(value: Any) -> Any:
    """Plain msgpack data: sets, frozensets and tuples become lists, a
    dataclass the list of its fields."""
    if isinstance(value, str | int | float | bool | bytes) or value is None:
        return value
    if isinstance(value, dict):
        return {_encode(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, set | frozenset):
        return [_encode(v) for v in sorted(value, key=repr)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init]
    raise TypeError(f"cannot store a {type(value).__name__} in the table cache")


def _plain(value: Any) -> Any:
    """``value`` when it is plain data that msgpack gives back unchanged
    (arrays read as lists); TypeError otherwise."""
    if isinstance(value, str | int | float | bytes) or value is None:
        return value
    if type(value) is list:
        for item in value:
            _plain(item)
        return value
    if type(value) is dict:
        for key, item in value.items():
            if not isinstance(key, str | int | float | bytes):
                raise TypeError(f"a {type(key).__name__} key needs a declared type")
            _plain(item)
        return value
    raise TypeError(f"a {type(value).__name__} needs a declared type to be stored")


def _decode(data: Any, kind: Any) -> Any:
    """``data`` (as msgpack gives it: arrays as tuples) rebuilt into ``kind``;
    TypeError when it does not have that shape."""
    return _decoder(kind)[0](data)


#: kind → (decode, whether decode returns its argument once it has checked it)
_DECODERS: dict[Any, tuple[Callable[[Any], Any], bool]] = {}


def _decoder(kind: Any) -> tuple[Callable[[Any], Any], bool]:
    """The decoder of ``kind``. Where msgpack already gives the right Python
    type (str, int, tuples of them, dicts of them) the data is only checked,
    not copied: a table of 100,000 entries loads in a fraction of a second."""
    try:
        return _DECODERS[kind]
    except (KeyError, TypeError):
        pass
    made = _make_decoder(kind)
    try:
        _DECODERS[kind] = made
    except TypeError:
        pass
    return made


def _fail(kind: Any, data: Any) -> TypeError:
    return TypeError(f"expected {kind}, found {type(data).__name__}")


def _make_decoder(kind: Any) -> tuple[Callable[[Any], Any], bool]:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind in (str, bytes, bool, int, type(None)):
        exact = kind

        def scalar(data: Any) -> Any:
            if type(data) is not exact:
                raise _fail(kind, data)
            return data

        return scalar, True
    if kind is float:

        def number(data: Any) -> float:
            if type(data) not in (float, int):
                raise _fail(kind, data)
            return float(data)

        return number, False
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(arg)[0] for arg in args]

        def union(data: Any) -> Any:
            for option in options:
                try:
                    return option(data)
                except TypeError:
                    continue
            raise _fail(kind, data)

        return union, False
    if origin is dict:
        (key_of, key_same), (value_of, value_same) = _decoder(args[0]), _decoder(args[1])

        def mapping(data: Any) -> dict[Any, Any]:
            if type(data) is not dict:
                raise _fail(kind, data)
            if key_same and value_same:
                for key, value in data.items():
                    key_of(key)
                    value_of(value)
                return data
            return {key_of(k): value_of(v) for k, v in data.items()}

        return mapping, key_same and value_same
    if origin in (list, set, frozenset) or (origin is tuple and args[-1:] == (Ellipsis,)):
        item_of, item_same = _decoder(args[0])
        build: Callable[[Any], Any] = origin
        strings = args[0] is str

        def sequence(data: Any) -> Any:
            if type(data) is not tuple:
                raise _fail(kind, data)
            if strings:  # the usual case: join raises TypeError on anything but str
                "".join(data)
                return data if build is tuple else build(data)
            if item_same:
                for item in data:
                    item_of(item)
                return data if build is tuple else build(data)
            return build(item_of(item) for item in data)

        return sequence, origin is tuple and item_same
    if origin is tuple:
        items = [_decoder(arg) for arg in args]
        all_same = all(same for _, same in items)

        def record(data: Any) -> tuple[Any, ...]:
            if type(data) is not tuple or len(data) != len(items):
                raise _fail(kind, data)
            if all_same:
                for (item_of, _), item in zip(items, data, strict=True):
                    item_of(item)
                return data
            return tuple(item_of(item) for (item_of, _), item in zip(items, data, strict=True))

        return record, all_same
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [_decoder(hints[f.name]) for f in dataclasses.fields(kind) if f.init]
        names = [f.name for f in dataclasses.fields(kind) if f.init]
        texts = [i for i, name in enumerate(names) if hints[name] is str]
        others = [(i, field) for i, field in enumerate(fields) if i not in texts]
        copy = not all(same for _, (_, same) in others)
        cls = kind

        def instance(data: Any) -> Any:
            if type(data) is not tuple or len(data) != len(fields):
                raise _fail(kind, data)
            for i in texts:
                if type(data[i]) is not str:
                    raise _fail(kind, data[i])
            if copy:
                values = list(data)
                for i, (field_of, _) in others:
                    values[i] = field_of(data[i])
                return cls(*values)
            for i, (field_of, _) in others:
                field_of(data[i])
            return cls(*data)

        return instance, False
    raise TypeError(f"the table cache cannot store {kind!r}")
