"""Derived tables kept on disk between runs.

Some tables take seconds to derive from installed resources (inverting a
dictionary, joining two). They are kept in the user's cache directory
(``$XDG_CACHE_HOME/tqa`` or ``~/.cache/tqa``), keyed by the content of
every file they were derived from (its digest, tqa.fingerprint's, read
once per file as it is on disk: ``DIGESTS``), and rebuilt whenever the cache is missing, stale
or unreadable; a rebuilt table replaces the stale ones of its name. The same
files installed elsewhere or again (a new environment in CI) find the same
tables. A read-only home only costs the rebuild.

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
import sys
import tempfile
import time
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
    """The sources' part of a table's name: the content of each (in order),
    so that the same files give the same name wherever they are installed."""
    global _digests
    if _digests is None:
        _digests = _read_digests()
    known = len(_digests)
    parts = []
    for source in sources:
        try:
            info = None if source is None else os.stat(source)
        except OSError:
            info = None
        if source is None or info is None:
            parts.append(f"{os.path.basename(source or 'None')}:absent")
        elif not stat.S_ISREG(info.st_mode):
            parts.append(f"{source}:{info.st_size}:{int(info.st_mtime)}")
        else:
            parts.append(_content_digest(source, info))
    if len(_digests) != known:
        _write_digests(_digests)  # files read for the first time
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


#: the file that remembers the content digest of every source file read so
#: far, by where the file is and how it looks on disk (path, size,
#: modification time in ns, device, inode), so that each is read once: a package
#: installed again (the same files with new dates, in a new environment, as
#: in CI) finds the tables derived from it instead of building them again
#: (15–20 s for all of tqa's). A table file itself (header, checksum, owner).
DIGESTS = "source-digests-v2.table"
#: the most files it remembers
MAX_DIGESTS = 20_000
_digests: dict[str, str] | None = None


def _content_digest(source: str, info: os.stat_result) -> str:
    from tqa.fingerprint import DIGITS, file_digest

    assert _digests is not None
    seen = _signature(os.path.abspath(source), info)
    found = _digests.get(seen)
    if found is None:
        found = file_digest(source)  # never waits on a file swapped for a FIFO
        if len(found) != DIGITS:  # gone, or no regular file any more
            return f"{source}:{info.st_size}:{int(info.st_mtime)}"
        _digests[seen] = found
    return found


def _signature(path: str, info: os.stat_result) -> str:
    """How a file looks on disk: path, size, modification time (ns), device
    and inode, each a field of the digests file's keys."""
    return f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_dev}\0{info.st_ino}"


def _read_digests() -> dict[str, str]:
    """What the digests file holds ({} when it is missing or not sound)."""
    import msgpack

    from tqa.fingerprint import DIGITS

    try:
        data = msgpack.unpackb(_read(os.path.join(directory(), DIGESTS)), raw=False)
    except FileNotFoundError:
        return {}
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - any bad file
        log.debug("source digests unusable: %s", exc)
        return {}
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and k.count("\0") == 4 and isinstance(v, str) and len(v) == DIGITS
        for k, v in data.items()
    ):
        return {}  # another layout, damaged or planted: the sources are read again
    return data


def _write_digests(digests: dict[str, str]) -> None:
    """Store the digests of the files that are still as they were (a file
    changed or removed since is forgotten), the most recent last."""
    import msgpack

    kept = {}
    for seen, digest in list(digests.items())[-MAX_DIGESTS:]:
        path = seen.split("\0", 1)[0]
        try:
            if _signature(path, os.stat(path)) == seen:
                kept[seen] = digest
        except OSError:
            continue
    try:
        _write_payload(os.path.join(directory(), DIGESTS), msgpack.packb(kept, use_bin_type=True))
    except OSError as exc:
        log.debug("cannot write the source digests: %s", exc)


def path_for(name: str, version: int, sources: Iterable[str | None]) -> str:
    """Where the table ``name`` (of this version, from these sources) is kept."""
    return os.path.join(directory(), f"{name}-v{version}-{_key(sources)}{SUFFIX}")


#: told the name of the first table this process builds (``on_build``)
_on_build: Callable[[str], None] | None = None


def on_build(hook: Callable[[str], None] | None) -> None:
    """Call ``hook(name)`` before the first table this process builds: the
    tables of a first run take most of a minute, which the command line
    tells a person waiting at a terminal."""
    global _on_build
    _on_build = hook


def building(name: str) -> None:
    """A table is about to be built: the hook is called (then dropped) when
    this is a first run, the cache holding no table of that name (an
    upgrade or a changed source rebuilds a few tables in seconds), and when
    the cache can be written (else every run builds them again)."""
    global _on_build
    hook = _on_build
    if hook is None or not _first_run(name):
        return
    _on_build = None
    try:
        hook(name)
    except Exception as exc:  # noqa: BLE001 - a notice never stops a build
        log.debug("build notice failed: %s", exc)


def _first_run(name: str) -> bool:
    folder = directory()
    try:
        entries = [e.name for e in os.scandir(folder)]
    except FileNotFoundError:
        parent = os.path.dirname(folder)
        while parent and not os.path.isdir(parent):
            parent = os.path.dirname(parent)
        return bool(parent) and os.access(parent, os.W_OK)
    except OSError:
        return False
    return os.access(folder, os.W_OK) and not any(e.startswith(f"{name}-") for e in entries)


def _forget_hook_in_child() -> None:
    global _on_build
    _on_build = None


# a forked worker never tells: the process that forked it has a terminal's
# bar, and the worker's copy of it would be drawn over the live one
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_hook_in_child)


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
    from tqa.backends.loading import gc_paused

    with gc_paused():
        return _cached(name, version, tuple(sources), build, kind)


def _cached(
    name: str, version: int, sources: tuple[str | None, ...], build: Callable[[], T], kind: Any
) -> T:
    path = path_for(name, version, sources)
    try:
        value: T = _load(_read(path), kind)
        return value
    except FileNotFoundError:
        pass
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - any bad file
        log.debug("cache %s unusable, rebuilding: %s", path, exc)
    building(name)
    value = build()
    try:
        _write(path, _encode(value) if kind is not None else _plain(value))
        _prune(name, path)
    except (OSError, TypeError, ValueError, RecursionError) as exc:
        log.debug("cannot write cache %s: %s", path, exc)
    return value


def lookup(name: str, version: int, sources: Iterable[str | None], kind: Any) -> Any:
    """The table ``name`` stored by an earlier run on the same sources, or
    None when there is none that can be used (for a table that is not built
    by a function but recorded while something else runs: see ``keep``)."""
    from tqa.backends.loading import gc_paused

    path = path_for(name, version, tuple(sources))
    try:
        with gc_paused():
            return _load(_read(path), kind)
    except FileNotFoundError:
        return None
    except (Exception, MemoryError, RecursionError) as exc:  # noqa: BLE001 - any bad file
        log.debug("cache %s unusable: %s", path, exc)
        return None


def keep(name: str, version: int, sources: Iterable[str | None], value: Any) -> None:
    """Store ``value`` as the table ``name`` (read back by ``lookup``); a
    table that cannot be written is left out silently."""
    path = path_for(name, version, tuple(sources))
    try:
        _write(path, _encode(value))
        _prune(name, path)
    except (OSError, TypeError, ValueError, RecursionError) as exc:
        log.debug("cannot write cache %s: %s", path, exc)


def _read(path: str, magic: bytes = MAGIC, form: int = FORMAT) -> bytes:
    """The checked payload of a cache file (of this magic and format), or an
    exception saying why not."""
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
        _mark_used(handle.fileno(), info.st_mtime)
        line = handle.readline(MAX_HEADER)
        found_magic, _, header_text = line.rstrip(b"\n").partition(b" ")
        if magic != found_magic or not line.endswith(b"\n"):
            raise ValueError("not a tqa table")
        header = json.loads(header_text)
        if not isinstance(header, dict) or header.get("format") != form:
            raise ValueError(f"format {header.get('format') if isinstance(header, dict) else '?'}")
        length = header.get("length")
        if not isinstance(length, int) or length != info.st_size - len(line):
            raise ValueError("truncated or extended")
        payload = handle.read(length)
    if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise ValueError("checksum mismatch")
    return payload


def _load(payload: bytes, kind: Any) -> Any:
    """The table in ``payload``: plain data without ``kind``; else decoded
    straight from the msgpack stream into ``kind``, without building the
    plain data first (which doubled the memory a table takes to load)."""
    import msgpack

    if kind is None:
        return msgpack.unpackb(payload, raw=False, strict_map_key=False)
    stream = msgpack.Unpacker(
        raw=False, use_list=False, strict_map_key=False, max_buffer_size=len(payload)
    )
    stream.feed(payload)
    value = _decoder(kind)(stream)
    if stream.tell() != len(payload):
        raise ValueError("data after the table")
    return value


def _write(path: str, data: Any) -> None:
    import msgpack

    _write_payload(path, msgpack.packb(data, use_bin_type=True))


def _write_payload(path: str, payload: bytes, magic: bytes = MAGIC, form: int = FORMAT) -> None:
    """``payload`` under a header line (magic, format, length, checksum),
    written to a temporary file that replaces ``path`` when complete."""
    header = json.dumps(
        {"format": form, "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    )
    os.makedirs(directory(), mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".", suffix=".tmp", dir=directory())
    try:
        with os.fdopen(fd, "wb") as handle:
            # readable by all, writable by the owner only, whatever the umask:
            # a group-writable cache file would be refused on the next run
            os.fchmod(handle.fileno(), 0o644)
            handle.write(magic + b" " + header.encode("ascii") + b"\n")
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise


#: tables that earlier releases kept and none reads any more (their content
#: now lives in the on-disk indexes of tqa.backends.index): removed whenever
#: a table is built, so an upgrade does not leave them behind
RETIRED = ("compound-tables", "pivot-de-en", "pivot-fr-en", "deu-fra-inverse", "fra-deu-inverse")


#: a table that no run has read for this long is removed when a table of the
#: same name is built (another version's or other sources'); one read since
#: then keeps it: another tqa release or checkout sharing the cache still uses it
UNUSED_DAYS = 30
#: a table's modification time is set to the time it is read at most this often
MARK_SECONDS = 24 * 3600


def _mark_used(fd: int, modified: float) -> None:
    """Record that the table open on ``fd`` is in use (its modification
    time, once a day at most; a cache folder that cannot be written is fine)."""
    if time.time() - modified > MARK_SECONDS and os.utime in os.supports_fd:
        try:
            os.utime(fd)
        except OSError:
            pass


def _prune(name: str, keep: str) -> None:
    """Remove the tables of ``name`` built from older sources or versions,
    and the retired tables, that no run has read for UNUSED_DAYS (two tqa
    versions or checkouts sharing the cache would otherwise remove each
    other's tables at every build); and those of the earlier pickle format,
    which no release reads any more."""
    prefixes = tuple(f"{old}-" for old in (name, *RETIRED))
    unused_since = time.time() - UNUSED_DAYS * 24 * 3600
    for entry in os.scandir(directory()):
        if entry.name.startswith(prefixes) and entry.name.endswith((SUFFIX, ".pickle")):
            if entry.path != keep:
                try:
                    pickled = entry.name.endswith(".pickle")  # never read again: unsafe
                    if pickled or entry.stat(follow_symlinks=False).st_mtime < unused_since:
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


_DECODERS: dict[Any, Callable[[Any], Any]] = {}


def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function that reads one value of ``kind`` from a msgpack Unpacker,
    checking its shape (TypeError, or msgpack's own errors, when it differs)."""
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


def _make_decoder(kind: Any) -> Callable[[Any], Any]:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    leaf = _leaf(kind)
    if leaf is not None:  # a small value, read whole: a string, a tuple of strings
        return lambda stream: leaf(stream.unpack())
    if origin is dict:
        key_of, value_of = _decoder(args[0]), _decoder(args[1])

        def mapping(stream: Any) -> dict[Any, Any]:
            return {key_of(stream): value_of(stream) for _ in range(stream.read_map_header())}

        return mapping
    if origin in (list, set, frozenset) or (origin is tuple and args[-1:] == (Ellipsis,)):
        item_of = _decoder(args[0])
        build: Callable[[Any], Any] = origin

        def sequence(stream: Any) -> Any:
            return build([item_of(stream) for _ in range(stream.read_array_header())])

        return sequence
    if origin is tuple or (isinstance(kind, type) and dataclasses.is_dataclass(kind)):
        make: Callable[[list[Any]], Any]
        if origin is tuple:
            parts, make = [_decoder(arg) for arg in args], tuple
        else:
            hints = typing.get_type_hints(kind)
            parts = [_decoder(hints[f.name]) for f in dataclasses.fields(kind) if f.init]
            make = lambda values: kind(*values)  # noqa: E731

        def record(stream: Any) -> Any:
            if stream.read_array_header() != len(parts):
                raise TypeError(f"expected {len(parts)} fields of {kind}")
            return make([part(stream) for part in parts])

        return record
    raise TypeError(f"the table cache cannot store {kind!r}")


def _leaf(kind: Any) -> Callable[[Any], Any] | None:
    """A converter for a value of ``kind`` already unpacked (tuples for arrays),
    for the kinds read whole: strings, numbers, unions and collections of them.
    Strings are interned (sys.intern also rejects anything but a str): msgpack
    gives a new string for every occurrence where pickle shared one."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is str:
        return sys.intern
    if kind in (bytes, bool, int, type(None)):
        exact = kind

        def scalar(data: Any) -> Any:
            if type(data) is not exact:
                raise _fail(kind, data)
            return data

        return scalar
    if kind is float:

        def number(data: Any) -> float:
            if type(data) not in (float, int):
                raise _fail(kind, data)
            return float(data)

        return number
    if origin in (typing.Union, types.UnionType):
        options = [_leaf(arg) for arg in args]
        if any(option is None for option in options):
            return None

        def union(data: Any) -> Any:
            for option in options:
                try:
                    return option(data)  # type: ignore[misc]
                except TypeError:
                    continue
            raise _fail(kind, data)

        return union
    if (
        origin in (list, set, frozenset, tuple)
        and args
        and (args[-1:] == (Ellipsis,) or origin is not tuple)
    ):
        item = _leaf(args[0])
        if item is None:
            return None
        build: Callable[[Any], Any] = origin

        def sequence(data: Any) -> Any:
            if type(data) is not tuple:
                raise _fail(kind, data)
            return build(map(item, data))

        return sequence
    if origin is tuple:
        items = [_leaf(arg) for arg in args]
        if any(item is None for item in items):
            return None

        def record(data: Any) -> tuple[Any, ...]:
            if type(data) is not tuple or len(data) != len(items):
                raise _fail(kind, data)
            return tuple(item(x) for item, x in zip(items, data, strict=True))  # type: ignore[misc]

        return record
    return None
