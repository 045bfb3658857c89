"""Cheap fingerprints of the files a report depends on, for ``--resume``
(tqa.runner): a digest of a file's bytes, and of a model folder's listing.

Neither reads more than it must: a file is hashed in chunks (memory stays
constant, time grows with its size), a special file (a FIFO, a device,
standard input) is never opened for reading, and a model folder is only
listed and stat'ed, never loaded.
"""

from __future__ import annotations

import hashlib
import os
import stat

#: bytes read at a time while hashing a file
CHUNK_BYTES = 1 << 20
#: hex digits kept of a SHA-256 digest (64 bits: a changed file is told
#: from the old one, which is all a fingerprint is for)
DIGITS = 16

#: what stands for a file that has no contents to hash
MISSING, SPECIAL = "missing", "special"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGITS]


def file_digest(path: str) -> str:
    """A digest of the bytes of regular file ``path``; ``MISSING`` when it
    cannot be opened, ``SPECIAL`` when it is no regular file (read once,
    as standard input or a FIFO is, it cannot be read again to compare)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return SPECIAL  # never opened
        # non-blocking: should it have become a FIFO since, opening it must not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return MISSING
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return SPECIAL
        hashed = hashlib.sha256()
        while chunk := os.read(fd, CHUNK_BYTES):
            hashed.update(chunk)
        return hashed.hexdigest()[:DIGITS]
    except OSError:
        return MISSING
    finally:
        os.close(fd)


def inputs_fingerprint(path: str, source: str | None) -> str:
    """The fingerprint of a checked file and of the German source paired
    with it (None: checked on its own): another one when either changed."""
    checked = SPECIAL if path == "-" else file_digest(path)
    paired = "none" if source is None else file_digest(source)
    return digest(f"{checked}\0{paired}".encode())


def folder_fingerprint(folder: str) -> str:
    """A fingerprint of a model folder from its listing: the relative path,
    size and modification time (ns) of every file under it, in sorted order,
    after the folder's real path. Links are followed, as a model loader
    follows them (a Hugging Face snapshot is links into its blobs; a model's
    subfolder may be a link to a shared one), each folder walked once (by
    its real path), so that a loop of links cannot hold the walk. Another model saved or copied
    in its place changes it; nothing is read but the folders' entries."""
    entries = [os.path.realpath(folder)]  # a hub snapshot is named by its commit
    seen: set[str] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)  # not the inode: some file systems give 0 for all
        if real in seen:  # reached again through a link
            dirs.clear()
            continue
        seen.add(real)
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(top, name)
            try:
                info = os.stat(full)
            except OSError:
                entries.append(f"{os.path.relpath(full, folder)}\0{MISSING}")
                continue
            relative = os.path.relpath(full, folder)
            entries.append(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}")
    return digest("\n".join(entries).encode("utf-8", "surrogateescape"))
