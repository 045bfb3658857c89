"""Plain text: read a file's bytes within the size limit and decode them.

Text is decoded strictly: UTF-8 with or without BOM, UTF-16 and UTF-32 with BOM.
Nothing but the BOM is removed, so offsets in reports index the text as the
user's editor shows it. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from typing import BinaryIO

from tqa.errors import InputError
from tqa.model import Document
from tqa.read.paths import Input, _kind, _reason

#: how many leading characters are sniffed for control characters (NUL is
#: looked for in the whole text)
SNIFF_BYTES = 8192


def read_document(item: Input, max_bytes: int) -> Document:
    """Read and decode one input; every failure is an InputError naming the file."""
    return Document(item.display, decode(read_bytes(item, max_bytes), item.display))


def read_bytes(item: Input, max_bytes: int) -> bytes:
    """The bytes of one input, at most ``max_bytes`` of them (InputError beyond)."""
    if item.error is not None:
        raise InputError(item.error)
    if item.path == "-":
        if sys.stdin is None:
            raise InputError(f"{item.display}: standard input is closed")
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{item.display}: cannot read ({_reason(exc)})") from None
    else:
        data = _read_file(item, max_bytes)
    if len(data) > max_bytes:
        raise InputError(f"{item.display}: input too large (over {_mb(max_bytes)})")
    return data


#: the largest configuration file (tqa.toml, pyproject.toml) read
CONFIG_MAX_BYTES = 1_000_000
#: the largest glossary read (the default --max-bytes of an input)
GLOSSARY_MAX_BYTES = 20_000_000
#: the largest baseline read (about 100 bytes a recorded finding)
BASELINE_MAX_BYTES = 200_000_000
#: the largest report ``tqa render`` reads (the largest --max-bytes)
REPORT_MAX_BYTES = 1_000_000_000


#: the first read of a file that must hold a JSON object, judged before more is read
JSON_PREFIX = 65_536
#: later reads of such a file, each checked for NUL bytes
JSON_CHUNK = 1 << 20
#: a file whose first non-blank byte is not "{" is read no further than this:
#: a small one is parsed to say what it is (an array, a string, no JSON at all)
NOT_AN_OBJECT_MAX = 1_000_000
_JSON_BLANK = b" \t\r\n"


def read_limited(
    path: str, limit: int, kind: str, *, pipes: bool, json: bool = False, stdin: bool = False
) -> bytes:
    """The bytes of a file tqa reads beside its inputs (``kind``: a
    configuration, glossary, baseline or report), at most ``limit`` of them;
    an InputError naming the file beyond, or when it cannot be read. With
    ``pipes`` (a file named on the command line) a FIFO or a device is read
    once, at most ``limit`` bytes of it, as an input named on the command line
    is; without, anything but a regular file is refused without blocking.

    ``json``: the file must hold a JSON object, and is read in pieces that
    are judged as they come: a NUL byte (never in JSON) is refused at once,
    and a file whose first non-blank byte is not "{" is read no further than
    NOT_AN_OBJECT_MAX bytes (``tqa render /dev/zero`` read 1 GB before).
    ``stdin``: "-" names standard input, read the same way."""
    judge = _JsonJudge(path, kind) if json else None
    if stdin and path == "-":
        if sys.stdin is None:
            raise InputError(f"-: standard input is closed; no {kind} to read")
        try:
            handle = sys.stdin.buffer
            data = handle.read(limit + 1) if judge is None else _read_judged(handle, limit, judge)
        except (OSError, ValueError) as exc:  # ValueError: a closed file
            raise InputError(f"-: cannot read the {kind} ({exc})") from None
    else:
        item = Input(path, path, explicit=pipes)
        data = _read_file(item, limit, kind=kind, advice="", judge=judge)
    if len(data) > limit:
        raise InputError(f"{path}: {kind} too large (over {_mb(limit)})")
    return data


class _JsonJudge:
    """Judges the pieces of a file that must hold a JSON object as they are
    read; returns how many bytes may be read in all, or raises an InputError."""

    def __init__(self, path: str, kind: str) -> None:
        self.path = path
        self.kind = kind
        self.first: bytes | None = None  # the first non-blank byte, once seen
        self.read = 0

    def __call__(self, chunk: bytes, limit: int) -> int:
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise InputError(
                f"{self.path}: not a JSON {self.kind}: binary data "
                f"(a NUL byte at byte {self.read + nul:,})"
            )
        if self.first is None:
            piece = chunk.removeprefix(b"\xef\xbb\xbf") if self.read == 0 else chunk
            piece = piece.lstrip(_JSON_BLANK)
            if piece:
                self.first = piece[:1]
        self.read += len(chunk)
        if self.first == b"{":
            return limit
        if self.read > NOT_AN_OBJECT_MAX:
            begins = "nothing but blanks" if self.first is None else _shown(self.first)
            raise InputError(
                f"{self.path}: not a JSON {self.kind}: it begins with {begins}, "
                f"where a {self.kind} begins with “{{”"
            )
        return min(limit, NOT_AN_OBJECT_MAX)


def _shown(byte: bytes) -> str:
    """A byte as a message shows it: “x” when printable ASCII, else its value."""
    return f"“{byte.decode()}”" if 0x21 <= byte[0] < 0x7F else f"byte 0x{byte[0]:02x}"


def _read_file(
    item: Input,
    max_bytes: int,
    *,
    kind: str = "",
    advice: str = "split it or raise the limit with --max-bytes",
    judge: Callable[[bytes, int], int] | None = None,
) -> bytes:
    """The file's bytes (at most ``max_bytes`` + 1). A file that is not named
    explicitly is opened without blocking and must be a regular file (checked
    on the open descriptor, so it cannot be swapped for a FIFO meanwhile).
    ``kind`` names what the file is in messages (an input when empty)."""
    missing = f"no such {kind} file" if kind else "no such file or directory"
    large = f"{kind} file too large" if kind else "file too large"
    skipped = "" if kind else ", skipped"
    # which file it is, when it is not an input: "glossary = '.'" gave ".: is a directory"
    directory = f"is a directory, not a {kind} file" if kind else "is a directory"
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not item.explicit:
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(item.path, flags)
    except FileNotFoundError:
        raise InputError(f"{item.display}: {missing}") from None
    except PermissionError:
        denied = f"cannot read {kind} (permission denied)" if kind else "permission denied"
        raise InputError(f"{item.display}: {denied}") from None
    except IsADirectoryError:
        raise InputError(f"{item.display}: {directory}") from None
    except OSError as exc:
        what = f" {kind}" if kind else ""
        raise InputError(f"{item.display}: cannot read{what} ({_reason(exc)})") from None
    try:
        # before open(): a directory named explicitly (tqa align DIR) opens on
        # Linux, and the file object built on it raises IsADirectoryError
        is_directory = stat.S_ISDIR(os.fstat(fd).st_mode)
    except OSError:
        is_directory = False
    if is_directory:
        os.close(fd)
        raise InputError(f"{item.display}: {directory}")
    with open(fd, "rb", closefd=True) as handle:
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise InputError(f"{item.display}: {directory}")
            if stat.S_ISREG(mode):
                size = os.fstat(fd).st_size
                if size > max_bytes:
                    raise InputError(
                        f"{item.display}: {large} ({_mb(size)} > {_mb(max_bytes)})"
                        + (f"; {advice}" if advice else "")
                    )
            elif not item.explicit:
                what = f"the {kind} is " if kind else ""
                raise InputError(
                    f"{item.display}: {what}not a regular file ({_kind(mode)}){skipped}"
                )
            if judge is None:
                return handle.read(max_bytes + 1)
            return _read_judged(handle, max_bytes, judge)
        except IsADirectoryError:
            raise InputError(f"{item.display}: {directory}") from None
        except OSError as exc:
            what = f" {kind}" if kind else ""
            raise InputError(f"{item.display}: cannot read{what} ({_reason(exc)})") from None


def _read_judged(handle: BinaryIO, max_bytes: int, judge: Callable[[bytes, int], int]) -> bytes:
    """At most ``max_bytes`` + 1 bytes read in pieces, each handed to ``judge``
    (which may lower the limit, or raise) before the next is read."""
    parts: list[bytes] = []
    total = 0
    limit = max_bytes
    size = JSON_PREFIX
    while total <= limit:
        chunk = handle.read(min(size, limit + 1 - total))
        if not chunk:
            break
        limit = judge(chunk, limit)
        parts.append(chunk)
        total += len(chunk)
        size = JSON_CHUNK
    return b"".join(parts)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM optional), UTF-16 or UTF-32 (BOM required); reject binary data."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"  # its byte-order mark begins as UTF-16's little-endian one
        body = data
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding = "utf-16"
        body = data
    else:
        if b"\x00" in data:  # anywhere: one C-speed scan; hunspell and others choke on NUL
            if _utf16_without_bom(data):
                raise InputError(
                    f"{name}: UTF-16 without a byte-order mark, it seems (a NUL byte in every "
                    "second byte); save the file as UTF-8"
                )
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
        label = {"utf-16": "UTF-16", "utf-32": "UTF-32"}.get(encoding, "UTF-8")
        raise InputError(
            f"{name}: not valid {label} at byte {offset}; save the file as UTF-8"
        ) from None
    if encoding in ("utf-16", "utf-32") and text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        raise InputError(f"{name}: binary file (control characters), not text")
    return text


def _utf16_without_bom(data: bytes) -> bool:
    """Whether the first bytes read as UTF-16 text of Latin letters: a NUL
    in every second byte (little- or big-endian), none in the others."""
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 8:
        return False
    high, low = sample[1::2], sample[0::2]
    for zeros, letters in ((high, low), (low, high)):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) == 0:
            return True
    return False


def _looks_binary(text: str) -> bool:
    if "\x00" in text:  # the whole text, not only the sample
        return True
    sample = text[:SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(2, len(sample) // 100)


def _mb(size: int) -> str:
    """A size as a reader compares it: in bytes under 100 kB ("0.0 MB > 0.0 MB" said nothing)."""
    return f"{size:,} bytes" if size < 100_000 else f"{size / 1_000_000:.1f} MB"
