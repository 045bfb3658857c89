"""Derived tables kept on disk between runs.

Some tables take seconds to derive from installed resources (inverting a
dictionary, joining two). They are pickled in the user's cache directory
(``$XDG_CACHE_HOME/tqa`` or ``~/.cache/tqa``), keyed by the size and date of
every file they were derived from, and rebuilt whenever the cache is missing,
stale or unreadable; a rebuilt table replaces the stale ones of its name. A
read-only home only costs the rebuild.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Iterable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def directory() -> str:
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tqa")


def _key(sources: Iterable[str | None]) -> str:
    parts = []
    for source in sources:
        if source is None or not os.path.exists(source):
            parts.append(f"{source}:absent")
            continue
        stat = os.stat(source)
        parts.append(f"{source}:{stat.st_size}:{int(stat.st_mtime)}")
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def cached(name: str, version: int, sources: Iterable[str | None], build: Callable[[], T]) -> T:
    """``build()``, or its pickled result from an earlier run on the same sources."""
    path = os.path.join(directory(), f"{name}-v{version}-{_key(sources)}.pickle")
    try:
        with open(path, "rb") as handle:
            data: T = pickle.load(handle)
        return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    value = build()
    try:
        os.makedirs(directory(), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(name, path)
    except OSError as exc:
        log.debug("cannot write cache %s: %s", path, exc)
    return value


def _prune(name: str, keep: str) -> None:
    """Remove the tables of ``name`` built from older sources or versions."""
    for entry in os.scandir(directory()):
        if entry.name.startswith(f"{name}-") and entry.name.endswith(".pickle"):
            if entry.path != keep:
                try:
                    os.remove(entry.path)
                except OSError:
                    pass
