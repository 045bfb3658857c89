"""Writing reports without harming anything: inputs are never overwritten,
links and devices are never replaced, and a killed run leaves nothing
half-written behind.

* ``-o FILE`` naming a regular file or a new path: the report is written to a
  temporary file beside it (``.NAME.tqa-tmp-PID``) and renamed into place, so
  a reader sees the old report or the new one, never a mix. A new file gets
  the mode ``0666 & ~umask`` like any Unix tool's output; an existing one
  keeps its mode. A temporary file left by a process that no longer exists
  (``kill -9``) is removed on the next write to the same target.
* a symbolic link is written through: its target gets the report and the link
  stays a link.
* a character device or a FIFO (``/dev/null``, a named pipe) is written
  directly: no temporary file, no rename. ``/dev/stdout``, ``/dev/stderr``
  and ``/dev/fd/N`` write to that open descriptor of tqa, as shells do.
* a missing directory is an error, not created silently.
* an existing file that is read-only (no write permission for anyone, or
  none for this user) is an error: the rename could replace it, but whoever
  made it read-only meant to keep it.
* a streamed report (``--format jsonl``) is the one exception to the
  temporary file: it is written in place, line by line, so that a stopped
  run keeps the documents done (:func:`open_stream`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable

from tqa.errors import TqaError

#: infix of temporary report files; what follows it is the writer's process id
TMP_MARK = ".tqa-tmp-"
#: how much of the target's name goes into its temporary file's name (names are
#: limited to 255 bytes on most file systems)
TMP_NAME_CHARS = 200
#: symbolic links followed, at most, when looking for /dev/stdout and the like
MAX_LINKS = 40

_FD_PATH = re.compile(r"/(?:dev/fd|proc/self/fd|proc/(\d+)/fd)/(\d+)")
_STD_NAMES = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


#: characters that must not reach a terminal raw in a message: C0 and C1
#: controls (newlines, ESC), line separators, and invisible or reordering marks
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def one_line(text: str) -> str:
    """``text`` as one safe line: unsafe characters written as escapes (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(lambda match: ascii(match.group())[1:-1], text)


class OutputError(TqaError):
    """A report cannot be written where it was asked to go."""


def check_target(target: str | os.PathLike[str], inputs: Iterable[str | None] = ()) -> None:
    """Refuse, before any work is done, an output that would overwrite one of
    ``inputs`` (the same file by device and inode: hard links, symbolic links
    and other spellings of its name count), a directory, or a path whose
    directory does not exist."""
    name = os.fspath(target)
    if name == "-" or _descriptor(name) is not None:
        return
    try:
        info = os.stat(name)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{name}: cannot write report ({_reason(exc)})") from None
    if info is None:
        missing = _missing_directory(name)
        if missing is not None:
            raise OutputError(f"{name}: no such directory {missing}; create it first")
        return
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{name}: is a directory; give a file name for the report")
    if not (
        stat.S_ISREG(info.st_mode) or stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)
    ):
        raise OutputError(f"{name}: not a regular file, character device or FIFO")
    if not stat.S_ISREG(info.st_mode):
        return  # writing to /dev/null or a pipe cannot destroy an input
    for item in inputs:
        if item is None:
            continue
        try:
            if item == "-":  # standard input redirected from this very file
                stdin = os.fstat(0)
                same = stdin.st_ino == info.st_ino and stdin.st_dev == info.st_dev
                what = "the file standard input reads"
            else:
                same = os.path.samefile(name, item)
                what = f"the input {item}"
        except (OSError, ValueError):
            continue
        if same:
            raise OutputError(
                f"{name}: is {what}; tqa never overwrites its inputs, choose another output file"
            )
    if not stat.S_IMODE(info.st_mode) & 0o222 or not os.access(name, os.W_OK):
        # the rename would replace it all the same; a read-only report is kept
        raise OutputError(
            f"{name}: is read-only; tqa does not replace it: make it writable or choose "
            "another output file"
        )


def check_distinct(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> None:
    """Two outputs of one run must not be the same file."""
    a, b = os.fspath(first), os.fspath(second)
    if "-" in (a, b):
        return
    try:
        same = os.path.samefile(a, b)
    except OSError:
        same = os.path.realpath(a) == os.path.realpath(b)
    if same:
        raise OutputError(f"{b}: is also the report's output file; choose another file")


def write_text(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8, newlines as given) to ``target`` as the module
    docstring describes; every failure is an OutputError naming ``target``."""
    write_bytes(target, text.encode("utf-8"))


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` as write_text does (an annotated copy of an input)."""
    name = os.fspath(target)
    try:
        special = _open_special(name)
        if special is not None:
            fd, owned = special
            try:
                _write_all(fd, data)
            finally:
                if owned:
                    os.close(fd)
            return
        check_target(name)
        try:
            info: os.stat_result | None = os.stat(name)
        except FileNotFoundError:
            info = None
        _write_replace(os.path.realpath(name), data, info)
    except OSError as exc:
        raise OutputError(f"{name}: cannot write report ({_reason(exc)})") from None


def _open_special(name: str) -> tuple[int, bool] | None:
    """(descriptor, whether to close it) for an output written directly: the
    descriptor /dev/stdout and the like stand for, or a character device or
    FIFO opened as it is (never created or renamed); None for a regular file
    or a new path."""
    fd = _descriptor(name)
    if fd is not None:
        return fd, False
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return None
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return os.open(name, os.O_WRONLY | getattr(os, "O_NOCTTY", 0)), True
    return None


class StreamOutput:
    """A report written line by line (``--format jsonl``): each ``write`` goes
    to the file at once, so a stopped run leaves the lines already done."""

    def __init__(self, name: str, fd: int, owned: bool) -> None:
        self.name, self._fd, self._owned = name, fd, owned

    def write(self, text: str) -> None:
        try:
            _write_all(self._fd, text.encode("utf-8"))
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot write report ({_reason(exc)})") from None

    def close(self) -> None:
        if self._owned:
            self._owned = False
            os.close(self._fd)

    def __enter__(self) -> StreamOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_stream(target: str | os.PathLike[str], *, keep_bytes: int | None = None) -> StreamOutput:
    """``target`` opened for a streamed report: a regular file or a new path
    is created or emptied (mode ``0666 & ~umask``); with ``keep_bytes`` (to
    resume a stopped run) the file keeps that many bytes and is written on.
    A symbolic link is written through, a device, a FIFO or /dev/stdout
    directly. Check inputs first with :func:`check_target`."""
    name = os.fspath(target)
    try:
        special = _open_special(name)
        if special is not None:
            return StreamOutput(name, *special)
        check_target(name)
        path = os.path.realpath(name)
        if keep_bytes is None:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        else:
            fd = os.open(path, os.O_WRONLY)
            os.ftruncate(fd, keep_bytes)
            os.lseek(fd, 0, os.SEEK_END)
        return StreamOutput(name, fd, owned=True)
    except OSError as exc:
        raise OutputError(f"{name}: cannot write report ({_reason(exc)})") from None


def _descriptor(name: str) -> int | None:
    """The descriptor that /dev/stdout, /dev/fd/N or /proc/self/fd/N (or a
    link to one of them) stands for; None for any other path."""
    path = os.path.abspath(name)
    for _ in range(MAX_LINKS):
        if path in _STD_NAMES:
            return _STD_NAMES[path]
        match = _FD_PATH.fullmatch(path)
        if match and (match.group(1) is None or int(match.group(1)) == os.getpid()):
            return int(match.group(2))
        if not os.path.islink(path):
            return None
        path = os.path.abspath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_replace(path: str, data: bytes, old: os.stat_result | None) -> None:
    """Temporary file beside ``path``, then an atomic rename over it."""
    directory, base = os.path.split(path)
    directory = directory or "."
    prefix = f".{base[:TMP_NAME_CHARS]}{TMP_MARK}"
    remove_stale(directory, prefix)
    tmp = os.path.join(directory, f"{prefix}{os.getpid()}")
    fd = _create(tmp)
    try:
        try:
            if old is not None:
                _keep_owner_and_mode(fd, old)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _create(tmp: str) -> int:
    """Create the temporary file; 0o666 is masked by the umask as for any new
    file. O_EXCL never follows a link planted under that name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(tmp, flags, 0o666)
    except FileExistsError:
        # left by an earlier process with our id (ids are reused)
        os.unlink(tmp)
        return os.open(tmp, flags, 0o666)


def _keep_owner_and_mode(fd: int, old: os.stat_result) -> None:
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:
            pass  # only root may give a file away; the report is written anyway
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)


def remove_stale(directory: str, prefix: str) -> list[str]:
    """Remove ``prefix + PID`` files in ``directory`` whose process is gone:
    what a killed write left behind. Returns the names removed."""
    removed: list[str] = []
    try:
        entries = [entry.name for entry in os.scandir(directory) if entry.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        pid = entry[len(prefix) :]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            os.unlink(os.path.join(directory, entry))
            removed.append(entry)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or not a process id we can ask about
    return True


def _missing_directory(name: str) -> str | None:
    """The directory a new file ``name`` would go into, when it does not exist."""
    real = os.path.dirname(os.path.realpath(name))
    if os.path.isdir(real):
        return None
    return real if os.path.islink(name) else (os.path.dirname(name) or ".")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
