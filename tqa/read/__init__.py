"""Input: expand paths (files, directories, globs, "-") and decode documents.

Text is decoded strictly: UTF-8 with or without BOM, UTF-16 with BOM.
Nothing but the BOM is removed, so offsets in reports index the text as the
user's editor shows it. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tqa.errors import InputError
from tqa.model import Document

#: files picked up when a directory is given
TEXT_SUFFIXES = (".txt", ".text", ".md")
#: how many leading characters are sniffed for control characters (NUL is
#: looked for in the whole text)
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Input:
    """A path to read; ``display`` is how reports name it.

    ``explicit``: named on the command line, so a FIFO or a device such as
    /dev/stdin may be read; a file found in a directory or by a glob must be
    a regular file. ``error``: why it cannot be read, found while expanding
    the paths (reported in its place, the other inputs are still checked)."""

    path: str
    display: str
    explicit: bool = True
    error: str | None = None


def expand_paths(paths: Iterable[str]) -> Iterator[Input]:
    """Yield the inputs named by files, directories (recursively, text suffixes
    only, hidden entries skipped), globs and "-" (standard input), in order and
    without duplicates. What cannot be read (an unreadable directory, a FIFO
    or socket inside a directory) is yielded with its ``error``; it is never
    opened."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield Input("-", "-")
            continue
        for item in _expand_one(raw):
            key = item.path if item.error else os.path.realpath(item.path)
            if key not in seen:
                seen.add(key)
                yield item


def _expand_one(raw: str) -> Iterator[Input]:
    try:
        info: os.stat_result | None = os.stat(raw)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        if not glob.has_magic(raw):
            yield Input(raw, raw, error=f"{raw}: {_reason(exc)}")
            return
        info = None  # a pattern into an unreadable folder: said below
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(raw)
        else:
            yield Input(raw, raw)
        return
    if not glob.has_magic(raw):
        raise InputError(f"{raw}: no such file or directory")
    candidates = sorted(glob.glob(raw, recursive=True))
    if not candidates:
        denied = _unreadable_folder(raw)
        if denied is not None:
            yield Input(raw, raw, error=f"{raw}: cannot read directory {denied}")
            return
        raise InputError(f"{raw}: no file matches this pattern")
    for candidate in candidates:
        if os.path.isdir(candidate):
            yield from _walk(candidate)
        else:
            problem = _not_regular(candidate)
            error = f"{candidate}: {problem}, skipped" if problem else None
            yield Input(candidate, candidate, explicit=False, error=error)


def _walk(top: str) -> Iterator[Input]:
    """Text files under ``top``, depth first in name order, without following
    links to directories; nothing is opened, so a FIFO cannot block."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            denied = f"{folder}: cannot read directory ({_reason(exc)})"
            yield Input(folder, folder, explicit=False, error=denied)
            continue
        below: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            try:
                if entry.is_dir():
                    if not entry.is_symlink():
                        below.append(path)
                    continue
            except OSError:
                pass
            if not entry.name.lower().endswith(TEXT_SUFFIXES):
                continue
            problem = _not_regular(path)
            error = f"{path}: {problem}, skipped" if problem else None
            yield Input(path, path, explicit=False, error=error)
        folders.extend(reversed(below))


def _not_regular(path: str) -> str | None:
    """Why ``path`` is not a regular file one may open, or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "broken symbolic link"
    except OSError as exc:
        return _reason(exc)
    return None if stat.S_ISREG(mode) else f"not a regular file ({_kind(mode)})"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _unreadable_folder(pattern: str) -> str | None:
    """The folder before a glob's first wildcard, when it cannot be listed."""
    folder = pattern
    while glob.has_magic(folder):
        folder = os.path.dirname(folder)
    folder = folder or "."
    try:
        with os.scandir(folder):
            return None
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        return f"{folder} ({_reason(exc)})"


def read_document(item: Input, max_bytes: int) -> Document:
    """Read and decode one input; every failure is an InputError naming the file."""
    if item.error is not None:
        raise InputError(item.error)
    if item.path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        data = _read_file(item, max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"{item.display}: input too large (over {_mb(max_bytes)})")
    return Document(item.display, decode(data, item.display))


def _read_file(item: Input, max_bytes: int) -> bytes:
    """The file's bytes (at most ``max_bytes`` + 1). A file that is not named
    explicitly is opened without blocking and must be a regular file (checked
    on the open descriptor, so it cannot be swapped for a FIFO meanwhile)."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not item.explicit:
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(item.path, flags)
    except FileNotFoundError:
        raise InputError(f"{item.display}: no such file or directory") from None
    except PermissionError:
        raise InputError(f"{item.display}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{item.display}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{item.display}: cannot read ({_reason(exc)})") from None
    with open(fd, "rb", closefd=True) as handle:
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise InputError(f"{item.display}: is a directory")
            if stat.S_ISREG(mode):
                size = os.fstat(fd).st_size
                if size > max_bytes:
                    raise InputError(
                        f"{item.display}: file too large ({_mb(size)} > {_mb(max_bytes)}); "
                        "split it or raise the limit with --max-bytes"
                    )
            elif not item.explicit:
                raise InputError(f"{item.display}: not a regular file ({_kind(mode)}), skipped")
            return handle.read(max_bytes + 1)
        except IsADirectoryError:
            raise InputError(f"{item.display}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{item.display}: cannot read ({_reason(exc)})") from None


def _reason(exc: OSError) -> str:
    """An OSError as a reader wants it: "permission denied", not "[Errno 13] …"."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 (BOM required); reject binary data."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding = "utf-16"
        body = data
    else:
        if b"\x00" in data:  # anywhere: one C-speed scan; hunspell and others choke on NUL
            raise InputError(f"{name}: binary file (contains NUL bytes), not text")
        encoding = "utf-8-sig"
        body = data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        # utf-8-sig counts positions after the BOM it removed
        offset = exc.start + (
            3 if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else 0
        )
        label = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(
            f"{name}: not valid {label} at byte {offset}; save the file as UTF-8"
        ) from None
    if encoding == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        raise InputError(f"{name}: binary file (control characters), not text")
    return text


def _looks_binary(text: str) -> bool:
    if "\x00" in text:  # the whole text, not only the sample
        return True
    sample = text[:SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(2, len(sample) // 100)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
