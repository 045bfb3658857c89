"""The files tqa reads beside its inputs — configuration (tqa.toml,
pyproject.toml), glossary, baseline and the report of ``tqa render`` — through
the real command line: each is read once and within a size limit, a FIFO or a
device where a regular file is expected is refused without waiting, and
every failure is one line ``tqa: error: FILE: …`` with exit status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
TEXT = "Le chat dort.\n"
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
needs_mkfifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _folder(tmp_path: Path, toml: str | None = None) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)  # the configuration search stops here
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    if toml is not None:
        (tmp_path / "tqa.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def _run(tmp_path: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str]:
    """tqa in its own process, in ``tmp_path``, under a time and memory bound:
    a read without a limit fails the test instead of eating the machine."""
    limits = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30)); "
        if sys.platform.startswith("linux")
        else ""
    )
    code = f"{limits}import sys; from tqa.cli import app; sys.argv[0] = 'tqa'; app()"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"tqa {' '.join(args)} did not finish in 120 s")
    return done.returncode, done.stderr.decode("utf-8", "replace")


def _one_line(code: int, stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert code == 2 and len(lines) == 1, (code, stderr)
    assert lines[0].startswith("tqa: error: ") and "internal error" not in lines[0], stderr
    return lines[0]


def _cli_line(result) -> str:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    return _one_line(result.exit_code, result.stderr)


# -- devices: refused, or read within the limit --------------------------------


@pytest.mark.parametrize(
    ("toml", "args", "expected"),
    [
        ('glossary = "."\n', ("check", "doc.txt"), ": is a directory, not a glossary file"),
        (
            None,
            ("check", "doc.txt", "--config", "sub"),
            "sub: is a directory, not a configuration file",
        ),
        (
            None,
            ("check", "doc.txt", "--baseline", "sub"),
            "sub: is a directory, not a baseline file",
        ),
        (None, ("render", "sub"), "sub: is a directory, not a report file"),
    ],
)
def test_a_folder_named_for_a_file_beside_the_inputs_says_which_file(
    tmp_path: Path, toml: str | None, args: tuple[str, ...], expected: str
) -> None:
    """glossary = "." in tqa.toml gave "tqa: error: .: is a directory": the
    message names the path but not that it is the glossary."""
    folder = _folder(tmp_path, toml)
    (folder / "sub").mkdir()
    code, stderr = _run(folder, *args)
    line = _one_line(code, stderr)
    assert line.endswith(expected) and ": is a directory, not a" in line, line


@needs_dev_zero
def test_a_glossary_that_is_a_device_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    _folder(tmp_path, 'glossary = "/dev/zero"\n')
    line = _one_line(*_run(tmp_path, "check", "-q", "doc.txt"))
    assert "/dev/zero: the glossary is not a regular file (device)" in line


@needs_dev_zero
def test_a_configuration_that_is_a_device_is_refused(tmp_path: Path) -> None:
    _folder(tmp_path)
    line = _one_line(*_run(tmp_path, "check", "-q", "--config", "/dev/zero", "doc.txt"))
    assert "/dev/zero: the configuration is not a regular file (device)" in line


@needs_dev_zero
def test_a_baseline_that_is_a_device_is_read_within_its_limit(tmp_path: Path) -> None:
    _folder(tmp_path)
    args = ("check", "-q", "--isolated", "doc.txt", "--baseline", "/dev/zero")
    line = _one_line(*_run(tmp_path, *args))
    # refused at its first byte now, not after 200 MB (tests/test_render_prefix.py)
    assert "/dev/zero: not a JSON baseline: binary data (a NUL byte at byte 0)" in line


@needs_dev_zero
def test_render_reads_a_device_within_the_report_limit(tmp_path: Path) -> None:
    line = _one_line(*_run(tmp_path, "render", "/dev/zero", "-f", "text"))
    # refused at its first byte now, not after 1,000 MB (tests/test_render_prefix.py)
    assert "/dev/zero: not a JSON report: binary data (a NUL byte at byte 0)" in line


def test_a_baseline_on_a_pipe_is_still_read(tmp_path: Path) -> None:
    """``--baseline <(git show main:baseline.json)``: a pipe named on the
    command line is read once, as an input named there is."""
    _folder(tmp_path)
    baseline = json.dumps({"tqa_baseline": 1, "documents": {}}).encode()
    code, stderr = _run(
        tmp_path, "check", "-q", "--isolated", "doc.txt", "--baseline", "/dev/stdin", stdin=baseline
    )
    assert code == 0, stderr


# -- regular files over the limit: refused before they are read ---------------


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no disk space used, no time spent
    return path


@pytest.mark.parametrize(
    ("name", "size", "args", "message"),
    [
        ("tqa.toml", 1_000_001, ("check", "-q", "doc.txt"), "configuration file too large"),
        ("c.toml", 1_000_001, ("check", "-q", "--config", "c.toml", "doc.txt"), "configuration"),
        ("b.json", 200_000_001, ("check", "-q", "--isolated", "doc.txt", "--baseline", "b.json"),
         "baseline file too large (200.0 MB > 200.0 MB)"),
        ("r.json", 1_000_000_001, ("render", "r.json", "-f", "text"),
         "report file too large (1000.0 MB > 1000.0 MB)"),
    ],
)  # fmt: skip
def test_a_file_over_its_limit_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, size: int, args: tuple[str, ...],
    message: str,
) -> None:  # fmt: skip
    _folder(tmp_path)
    _sparse(tmp_path / name, size)
    monkeypatch.chdir(tmp_path)
    line = _cli_line(runner.invoke(app, list(args)))
    assert f"{name}: " in line and message in line


def test_a_glossary_over_its_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    _folder(tmp_path, 'glossary = "g.csv"\n')
    _sparse(tmp_path / "g.csv", 20_000_001)
    line = _cli_line(runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")]))
    assert "g.csv: glossary file too large (20.0 MB > 20.0 MB)" in line


# -- FIFOs: refused at once, never waited on ----------------------------------


@needs_mkfifo
def test_a_glossary_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    _folder(tmp_path, 'glossary = "g.csv"\n')
    os.mkfifo(tmp_path / "g.csv")
    line = _one_line(*_run(tmp_path, "check", "-q", "doc.txt"))
    assert "g.csv: the glossary is not a regular file (FIFO)" in line


@needs_mkfifo
def test_a_configuration_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    _folder(tmp_path)
    os.mkfifo(tmp_path / "c.toml")
    line = _one_line(*_run(tmp_path, "check", "-q", "--config", "c.toml", "doc.txt"))
    assert "c.toml: the configuration is not a regular file (FIFO)" in line


# -- glossary contents --------------------------------------------------------


@pytest.mark.parametrize("header", ["", "german,french\n"])
def test_a_glossary_field_over_the_csv_limit_is_one_line_naming_the_glossary(
    tmp_path: Path, header: str
) -> None:
    _folder(tmp_path, 'glossary = "g.csv"\n')
    (tmp_path / "g.csv").write_text(header + "a" * 200_000 + ",b\n", encoding="utf-8")
    line = _cli_line(runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")]))
    assert "g.csv: not a readable glossary (field larger than field limit" in line


# -- pyproject.toml: [tool.tqa] found by parsing, whatever its spelling -------


@pytest.mark.parametrize(
    "pyproject",
    [
        "[tool.tqa]\nfail-under = 101\n",
        "[tool]\ntqa = {fail-under = 101}\n",
        "tool.tqa.fail-under = 101\n",
        "[ tool.tqa ]\nfail-under = 101\n",
        '[tool."tqa"]\nfail-under = 101\n',
        "[tool.'tqa']\nfail-under = 101\n",
    ],
)
def test_every_toml_spelling_of_tool_tqa_is_read(tmp_path: Path, pyproject: str) -> None:
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    line = _cli_line(runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")]))
    assert "pyproject.toml: fail-under: expected a number between 0 and 100" in line


@pytest.mark.parametrize(
    "pyproject",
    [
        "[tool.black]\nline-length = = 3\n",  # broken, but not about tqa
        '[tool.poetry.dependencies]\ntqa = "^1"\n',  # mentions tqa, not its table
        "[tool.tqa-other]\nx = 1\n",
    ],
)
def test_a_pyproject_without_tool_tqa_is_not_read(tmp_path: Path, pyproject: str) -> None:
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(pyproject.encode() + b"# \xff\n")
    result = runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "pyproject",
    [
        "[ tool . tqa ]\nfail-under = = 1\n",
        "[tool.tqa\nfail-under = 1\n",  # the closing bracket forgotten
        "[tool.tqa\r\nfail-under = 1\r\n",
    ],
)
def test_a_broken_pyproject_with_a_tool_tqa_table_is_an_error(
    tmp_path: Path, pyproject: str
) -> None:
    _folder(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(pyproject.encode())
    line = _cli_line(runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")]))
    assert "pyproject.toml: invalid TOML" in line


# -- rule codes ---------------------------------------------------------------


def test_a_family_prefix_in_severities_says_it_needs_a_full_code(tmp_path: Path) -> None:
    _folder(tmp_path, 'severities = {"TQA-MIX" = "critical"}\n')
    line = _cli_line(runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")]))
    assert "severities.TQA-MIX: 'TQA-MIX' is a prefix of" in line
    assert "one full rule code per key" in line and "did you mean 'TQA-MIX'" not in line


@pytest.mark.parametrize("selection", ["", ",,,", " , "])
def test_an_empty_select_is_an_error_not_every_rule(tmp_path: Path, selection: str) -> None:
    _folder(tmp_path)
    result = runner.invoke(app, ["check", "-q", "--select", selection, str(tmp_path / "doc.txt")])
    assert "--select: no rule code given" in _cli_line(result)


def test_an_empty_select_in_the_configuration_is_an_error_too(tmp_path: Path) -> None:
    _folder(tmp_path, "select = []\n")
    result = runner.invoke(app, ["check", "-q", str(tmp_path / "doc.txt")])
    line = _cli_line(result)
    assert "tqa.toml: select: selects no rule" in line, line


def test_an_empty_ignore_ignores_nothing(tmp_path: Path) -> None:
    _folder(tmp_path)
    result = runner.invoke(app, ["check", "-q", "--ignore", "", str(tmp_path / "doc.txt")])
    assert result.exit_code == 0, result.output
