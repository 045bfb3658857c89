"""Input paths: expand files, directories, globs and "-" into the inputs to
read, in order and without duplicates. Nothing is opened here."""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tqa.errors import InputError

#: files picked up when a directory is given
TEXT_SUFFIXES = (".txt", ".text", ".md")
#: bilingual files picked up when a directory is given (XLIFF, TMX, PO)
BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".xlif", ".tmx", ".po")
#: markup files picked up when a directory is given (Markdown is in TEXT_SUFFIXES)
MARKUP_SUFFIXES = (".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Input:
    """A path to read; ``display`` is how reports name it.

    ``explicit``: named on the command line, so a FIFO or a device such as
    /dev/stdin may be read; a file found in a directory or by a glob must be
    a regular file. ``error``: why it cannot be read, found while expanding
    the paths (reported in its place, the other inputs are still checked).
    ``source``: see below."""

    path: str
    display: str
    explicit: bool = True
    error: str | None = None
    source: str | None = None
    """The German source paired with this French file (a folder pair, or
    ``NAME.de.EXT`` beside ``NAME.fr.EXT``); None: checked on its own."""


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
            if not entry.name.lower().endswith(
                TEXT_SUFFIXES + BILINGUAL_SUFFIXES + MARKUP_SUFFIXES
            ):
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


def _reason(exc: OSError) -> str:
    """An OSError as a reader wants it: "permission denied", not "[Errno 13] …"."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc)
