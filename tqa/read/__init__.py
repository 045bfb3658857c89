"""Input: expand paths (files, directories, globs, "-") and decode documents.

Text is decoded strictly: UTF-8 with or without BOM, UTF-16 with BOM.
Nothing but the BOM is removed, so offsets in reports index the text as the
user's editor shows it. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tqa.errors import InputError
from tqa.model import Document

#: files picked up when a directory is given
TEXT_SUFFIXES = (".txt", ".text", ".md")
#: how many leading bytes are sniffed for binary content
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Input:
    """A path to read; ``display`` is how reports name it."""

    path: str
    display: str


def expand_paths(paths: Iterable[str]) -> Iterator[Input]:
    """Yield the inputs named by files, directories (recursively, text suffixes
    only, hidden entries skipped), globs and "-" (standard input), in order and
    without duplicates."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield Input("-", "-")
            continue
        candidates: list[str]
        if os.path.exists(raw):
            candidates = [raw]
        elif glob.has_magic(raw):
            candidates = sorted(glob.glob(raw, recursive=True))
            if not candidates:
                raise InputError(f"{raw}: no file matches this pattern")
        else:
            raise InputError(f"{raw}: no such file or directory")
        for candidate in candidates:
            for path in _walk(candidate):
                key = os.path.realpath(path)
                if key not in seen:
                    seen.add(key)
                    yield Input(path, path)


def _walk(path: str) -> Iterator[str]:
    if not os.path.isdir(path):
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(TEXT_SUFFIXES):
                yield os.path.join(root, name)


def read_document(item: Input, max_bytes: int) -> Document:
    """Read and decode one input; every failure is an InputError naming the file."""
    if item.path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(item.path)
        try:
            if path.is_dir():
                raise InputError(f"{item.display}: is a directory")
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{item.display}: file too large ({_mb(size)} > {_mb(max_bytes)}); "
                    "split it or raise the limit with --max-bytes"
                )
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{item.display}: no such file or directory") from None
        except PermissionError:
            raise InputError(f"{item.display}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{item.display}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{item.display}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{item.display}: input too large (over {_mb(max_bytes)})")
    return Document(item.display, decode(data, item.display))


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 (BOM required); reject binary data."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding = "utf-16"
        body = data
    else:
        if b"\x00" in data[:SNIFF_BYTES]:
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
    sample = text[:SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
