"""Reading never hangs and never ends in a traceback: unreadable folders,
globs into them, FIFOs and sockets inside folders, NUL bytes past the first
8 KB. What cannot be read is one line on stderr and an entry of the report's
"errors" while the other files are still checked. Everything goes through
the real entry point (CliRunner, or a subprocess where the process matters)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

TEXT = "Le sommet a lieu à Astana, lundi.\n"
FAST = ("--select", "TQA-TYP-001", "--isolated")  # one cheap rule: these tests are about I/O


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def one_error_line(stderr: str, *needles: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("tqa: error: "), stderr
    for needle in needles:
        assert needle in lines[0], stderr
    assert "Traceback" not in stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# -- unreadable directories and files -----------------------------------------------


def _denied(monkeypatch, *paths: Path) -> None:  # type: ignore[no-untyped-def]
    """os.scandir and os.stat fail with EACCES on ``paths`` (and below), as for a
    user without permission; root cannot be refused by chmod."""
    names = [str(p) for p in paths]

    def blocked(path: object) -> bool:
        text = os.path.abspath(os.fspath(path))  # type: ignore[call-overload]
        return any(text == n or text.startswith(n + os.sep) for n in names)

    real_scandir, real_stat = os.scandir, os.stat

    def scandir(path: object = ".") -> object:
        if blocked(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_scandir(path)  # type: ignore[call-overload]

    def fake_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, (str, os.PathLike)) and blocked(path) and str(path) not in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", fake_stat)


def test_unreadable_directory_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    _denied(monkeypatch, locked)
    result = run("check", str(locked), *FAST)
    assert result.exit_code == 2
    one_error_line(result.stderr, str(locked), "cannot read directory", "permission denied")
    result = run("check", str(locked / "*.txt"), *FAST)
    assert result.exit_code == 2
    one_error_line(result.stderr, "cannot read directory", "permission denied")


def test_unreadable_directory_in_a_batch_is_an_error_entry(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(TEXT, encoding="utf-8")
    locked = good / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    _denied(monkeypatch, locked)
    result = run("check", str(good), "-f", "json", *FAST)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(good / "a.txt")]
    assert report["errors"] == [f"{locked}: cannot read directory (permission denied)"]
    assert result.stderr == f"tqa: error: {locked}: cannot read directory (permission denied)\n"


def _unprivileged() -> list[str]:
    """A command prefix that runs without root's power to read anything:
    nothing as a normal user; as root, setpriv dropping the capabilities that
    bypass file permissions. Skips the test when neither is possible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    caps = "-dac_override,-dac_read_search"
    prefix = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import os; os.listdir('/proc/1/root')"],
        capture_output=True, check=False,
    )  # fmt: skip
    if probe.returncode == 0 or b"PermissionError" not in probe.stderr:
        pytest.skip("setpriv cannot drop the capabilities that bypass file permissions here")
    return prefix


def test_unreadable_paths_for_real(tmp_path: Path) -> None:
    """Real permissions (no monkeypatch): a locked directory in a batch, a
    glob into it, and a tqa.toml that cannot be read."""
    prefix = _unprivileged()
    (tmp_path / "ok.txt").write_text(TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    config_dir = tmp_path / "configured"
    config_dir.mkdir()
    (config_dir / "tqa.toml").write_text("fail-under = 10\n", encoding="utf-8")
    (config_dir / "c.txt").write_text(TEXT, encoding="utf-8")
    locked.chmod(0)
    (config_dir / "tqa.toml").chmod(0)
    tqa = [*prefix, sys.executable, "-m", "tqa.cli", "check"]
    fast = ("--select", "TQA-TYP-001")
    try:
        batch = subprocess.run(
            [*tqa, str(tmp_path / "ok.txt"), str(locked), "-f", "json", "--isolated", *fast],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        glob = subprocess.run(
            [*tqa, str(locked / "*.txt"), "--isolated", *fast],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        config = subprocess.run(
            [*tqa, str(config_dir / "c.txt"), *fast], capture_output=True, text=True, timeout=300
        )
    finally:
        locked.chmod(0o755)
        (config_dir / "tqa.toml").chmod(0o644)
    assert batch.returncode == 2, batch.stderr
    assert json.loads(batch.stdout)["errors"] == [
        f"{locked}: cannot read directory (permission denied)"
    ]
    one_error_line(batch.stderr, str(locked))
    assert glob.returncode == 2
    one_error_line(glob.stderr, "cannot read directory", "permission denied")
    assert config.returncode == 2
    one_error_line(config.stderr, "tqa.toml", "configuration")


# -- binary text, FIFOs and sockets -------------------------------------------------


def test_nul_byte_after_the_first_8_kb_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes(("Le sommet a lieu lundi. " * 500).encode() + b"\x00 suite.\n")
    assert path.stat().st_size > 8192
    result = run("check", str(path), "--isolated")
    assert result.exit_code == 2
    one_error_line(result.stderr, "late-nul.txt", "binary file")
    utf16 = tmp_path / "late-nul16.txt"
    utf16.write_bytes(("Le sommet a lieu lundi. " * 500 + "\x00 suite.\n").encode("utf-16"))
    result = run("check", str(utf16), "--isolated")
    assert result.exit_code == 2
    one_error_line(result.stderr, "late-nul16.txt", "binary file")


def test_fifo_and_socket_in_a_directory_never_block(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "to-pipe.txt").symlink_to(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        done = subprocess.run(
            [sys.executable, "-m", "tqa.cli", "check", str(tmp_path), "-f", "json", *FAST],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        globbed = subprocess.run(
            [sys.executable, "-m", "tqa.cli", "check", str(tmp_path / "p*.txt"), *FAST],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        server.close()
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert [d["path"] for d in report["documents"]] == [str(tmp_path / "a.txt")]
    assert report["errors"] == [
        f"{tmp_path / 'pipe.txt'}: not a regular file (FIFO), skipped",
        f"{tmp_path / 'sock.txt'}: not a regular file (socket), skipped",
        f"{tmp_path / 'to-pipe.txt'}: not a regular file (FIFO), skipped",
    ]
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 3
    assert globbed.returncode == 2
    one_error_line(globbed.stderr, "pipe.txt: not a regular file (FIFO), skipped")


def test_fifo_named_explicitly_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write(TEXT)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = run("check", str(fifo), "-f", "json", *FAST)
    thread.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["words"] == 7


def test_cr_only_text_is_kept_as_read(tmp_path: Path) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Le sommet a lieu.\rIl dure deux jours.\r")
    result = run("check", str(path), "-f", "json", "--segmentation", "lines", *FAST)
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["text"] == "Le sommet a lieu.\rIl dure deux jours.\r"


# -- batch errors reach every report format ------------------------------------------


def test_batch_errors_are_in_the_json_report_and_what_is_rendered_from_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "report.json"
    result = run("check", str(folder), "-f", "json", "-o", str(out), *FAST)
    assert result.exit_code == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    expected = f"{folder / 'broken.txt'}: binary file (contains NUL bytes), not text"
    assert data["errors"] == [expected] and data["schema_version"] == 1
    html = run("render", str(out), "-f", "html")
    assert html.exit_code == 0 and "broken.txt: binary file" in html.stdout
    clean = tmp_path / "clean.json"
    run("check", str(folder / "good.txt"), "-f", "json", "-o", str(clean), *FAST)
    assert "errors" not in json.loads(clean.read_text(encoding="utf-8"))


def test_a_small_max_bytes_limit_is_said_in_bytes(article: Path) -> None:
    size = article.stat().st_size
    result = run("check", str(article), "--max-bytes", "10", *FAST)
    assert result.exit_code == 2
    one_error_line(result.stderr, f"file too large ({size:,} bytes > 10 bytes)")
    result = run("check", "-", "--max-bytes", "10", *FAST, input=article.read_bytes())
    assert result.exit_code == 2
    one_error_line(result.stderr, "-: input too large (over 10 bytes)")


@pytest.mark.parametrize(
    "args",
    [("align", "{d}"), ("align", "{a}", "{d}"), ("render", "{d}")],
    ids=["align-one", "align-target", "render"],
)
def test_a_directory_given_to_align_or_render_is_one_line(
    article: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run(*(a.format(a=article, d=folder) for a in args))
    assert result.exit_code == 2
    one_error_line(result.stderr, f"{folder}: is a directory")
    assert "internal error" not in result.stderr


# -- recursive globs walk as folders do -----------------------------------------------


def test_recursive_glob_into_unreadable_folder_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``deep/**/*.txt`` with deep/inner unreadable says so, as ``tqa check deep``
    does (glob.glob skipped the folder and said that nothing matched)."""
    deep = tmp_path / "deep"
    inner = deep / "inner"
    inner.mkdir(parents=True)
    (inner / "ok.txt").write_text(TEXT, encoding="utf-8")
    _denied(monkeypatch, inner)
    for target in (str(deep), str(deep / "**" / "*.txt")):
        result = run("check", target, *FAST)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"tqa: error: {inner}: cannot read directory (permission denied)\n"
    # beside readable files: an error entry of the batch, the other files checked
    (deep / "top.txt").write_text(TEXT, encoding="utf-8")
    result = run("check", str(deep / "**" / "*.txt"), "-f", "json", *FAST)
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(deep / "top.txt")]
    assert report["errors"] == [f"{inner}: cannot read directory (permission denied)"]


def test_recursive_glob_into_unreadable_folder_for_real(tmp_path: Path) -> None:
    prefix = _unprivileged()
    inner = tmp_path / "deep" / "inner"
    inner.mkdir(parents=True)
    (inner / "ok.txt").write_text(TEXT, encoding="utf-8")
    inner.chmod(0)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "tqa.cli", "check", "-q", "--isolated", *FAST,
             str(tmp_path / "deep" / "**" / "*.txt")],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    finally:
        inner.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"tqa: error: {inner}: cannot read directory (permission denied)\n"


def test_recursive_glob_through_a_very_deep_tree(tmp_path: Path) -> None:
    """1,100 nested folders: ``n/**/*.txt`` finds the file at the bottom, as
    ``tqa check n`` does (glob.glob ended in a RecursionError)."""
    folder = str(tmp_path)
    for _ in range(1101):  # one by one: os.makedirs and Path.mkdir recurse
        folder = os.path.join(folder, "n")
        os.mkdir(folder)
    Path(folder, "a.txt").write_text(TEXT, encoding="utf-8")
    try:
        for target in (str(tmp_path / "n"), str(tmp_path / "n" / "**" / "*.txt")):
            result = run("check", target, "-f", "json", *FAST)
            assert result.exit_code in (0, 1), result.output
            assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [
                os.path.join(folder, "a.txt")
            ]
    finally:  # removed one by one too (shutil.rmtree recurses)
        os.remove(os.path.join(folder, "a.txt"))
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


def test_globs_match_as_python_glob(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The walk keeps glob's rules: ``**`` spans zero or more folders, ``*``,
    ``?`` and ``[...]`` stay inside one name, hidden names need a ``.``."""
    import glob

    from tqa.read.paths import expand_paths

    for name in ("1.txt", "b/2.txt", "b/c/3.md", ".h/4.txt", ".5.txt", "b/x.bin", "b2/6.txt"):
        path = tmp_path / "a" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for pattern in ("a/**/*.txt", "**/*.md", "a/*/*.txt", "a/b?/*", "a/[b]/*.txt", "a/.*",
                    "a/**/**/*.md", "./a/*.txt", "a/**/"):  # fmt: skip
        expected = []
        for hit in sorted(set(glob.glob(pattern, recursive=True))):
            if os.path.isdir(hit):
                expected += [i.path for i in expand_paths([hit])]
            else:
                expected.append(hit)
        got = [i.path for i in expand_paths([pattern])]
        assert got == list(dict.fromkeys(expected)), pattern


def test_an_unreadable_folder_to_check_is_said_so_even_when_configurations_are_looked_for(
    tmp_path: Path,
) -> None:
    """Without --isolated tqa looks for a tqa.toml in the folder to check; that
    it cannot search the folder is the reader's one line, not a complaint
    about a configuration file."""
    prefix = _unprivileged()
    (tmp_path / ".git").mkdir()  # the search for configurations stops here
    folder = tmp_path / "udir"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    folder.chmod(0)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "tqa.cli", "check", "-q", "--select", "TQA-TYP-001",
             str(folder)],
            capture_output=True, text=True, timeout=300, cwd=tmp_path,
        )  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"tqa: error: {folder}: cannot read directory (permission denied)\n"
