"""Input paths: expand files, directories, globs and "-" into the inputs to
read, in order and without duplicates. Nothing is opened here."""

from __future__ import annotations

import fnmatch
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

    def __post_init__(self) -> None:
        # a name that is not UTF-8 (bytes kept by Python as lone surrogates) is
        # shown with U+FFFD in their place: no report or message can encode it
        object.__setattr__(self, "display", shown(self.display))
        if self.error is not None:
            object.__setattr__(self, "error", shown(self.error))


def shown(name: str) -> str:
    """``name`` as reports write it: the bytes of a file name that are not
    UTF-8 (lone surrogates in ``name``) written as ``\\xff``, so that two
    such names stay two names (``c\\xff.txt``, ``c\\xfe.txt``); any other
    lone surrogate (a name Windows gives that is not UTF-16) as ``\\ud800``."""
    if name.isascii():
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


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
    found = sorted(_glob(raw), key=lambda hit: hit[0])
    if not found:
        raise InputError(f"{raw}: no file matches this pattern")
    for candidate, denied in found:
        if denied is not None:
            yield Input(candidate, candidate, explicit=False, error=denied)
        elif os.path.isdir(candidate):
            yield from _walk(candidate)
        else:
            problem = _not_regular(candidate)
            error = f"{candidate}: {problem}, skipped" if problem else None
            yield Input(candidate, candidate, explicit=False, error=error)


def _glob(pattern: str) -> list[tuple[str, str | None]]:
    """What ``glob.glob(pattern, recursive=True)`` finds, as (path, None), and
    each folder on the way that cannot be listed, as (folder, its error).

    The same rules as glob: ``*``, ``?`` and ``[...]`` match inside one name,
    ``**`` matches any number of folders (zero included), a name starting with
    "." is matched only by a pattern part starting with "."; unlike glob,
    ``**`` does not descend into links to folders (as folders given as PATH
    are walked), the walk is iterative (no limit on depth) and a folder that
    cannot be listed is reported instead of skipped."""
    head, parts = _split(pattern)
    hits: list[tuple[str, str | None]] = []
    # (folder, index of the next pattern part, whether ``**`` already matched
    # the folder); folder "" is the current one
    todo: list[tuple[str, int, bool]] = [(head, 0, False)]
    seen: set[tuple[str, int, bool]] = set()
    while todo:
        folder, at, below = todo.pop()
        if (folder, at, below) in seen:
            continue
        seen.add((folder, at, below))
        if at == len(parts):
            hits.append((folder, None))
            continue
        part = parts[at]
        last = at == len(parts) - 1
        if part == "":  # a trailing separator: folders only
            if folder and _is_folder(folder):
                hits.append((os.path.join(folder, ""), None))
            continue
        if not glob.has_magic(part):
            path = os.path.join(folder, part)
            if last:
                if os.path.lexists(path):
                    hits.append((path, None))
            elif _is_folder(path):
                todo.append((path, at + 1, False))
            continue
        names, denied = _listing(folder)
        if denied is not None:
            hits.append((folder or ".", denied))
            continue
        if part == "**":
            # zero folders: the rest of the pattern right here
            if last:
                if folder and not below:
                    hits.append((os.path.join(folder, ""), None))
            else:
                todo.append((folder, at + 1, False))
            for name, is_folder in names:
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                if last:
                    hits.append((path, None))
                if is_folder:
                    todo.append((path, at, True))
            continue
        hidden = part.startswith(".")
        for name, is_folder in names:
            if name.startswith(".") and not hidden:
                continue
            if not fnmatch.fnmatchcase(name, part):
                continue
            path = os.path.join(folder, name)
            if last:
                hits.append((path, None))
            elif is_folder or _is_folder(path):
                todo.append((path, at + 1, False))
    return list(dict.fromkeys(hits))


def _split(pattern: str) -> tuple[str, list[str]]:
    """A pattern as its folder before the first wildcard and the parts after."""
    parts = pattern.split(os.sep)
    first = next(n for n, part in enumerate(parts) if glob.has_magic(part))
    head = os.sep.join(parts[:first])
    if not head and pattern.startswith(os.sep):
        head = os.sep
    rest = parts[first:]
    # "a//b" and "a/**/**/b" mean "a/b" and "a/**/b", as for glob
    cleaned: list[str] = []
    for n, part in enumerate(rest):
        if part == "" and n != len(rest) - 1:
            continue
        if part == "**" and cleaned and cleaned[-1] == "**":
            continue
        cleaned.append(part)
    return head, cleaned


def _listing(folder: str) -> tuple[list[tuple[str, bool]], str | None]:
    """The names in ``folder`` and whether each is a folder (not a link to
    one), or the error that says why it cannot be listed (none when it does
    not exist or is not a folder: nothing matches there)."""
    try:
        with os.scandir(folder or ".") as listing:
            names = []
            for entry in listing:
                try:
                    is_folder = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_folder = False
                names.append((entry.name, is_folder))
            return names, None
    except (FileNotFoundError, NotADirectoryError):
        return [], None
    except OSError as exc:
        return [], f"{folder or '.'}: cannot read directory ({_reason(exc)})"


def _is_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path or ".").st_mode)
    except OSError:
        return False


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


def _reason(exc: OSError) -> str:
    """An OSError as a reader wants it: "permission denied", not "[Errno 13] …"."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc)
