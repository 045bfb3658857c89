"""Progress on standard error: plain lines in a CI log (not a terminal) as
documents finish, a summary line at the end, nothing with --quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa import progress
from tqa.cli import app
from tqa.progress import LogProgress, duration


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_line_every_n_documents_or_every_ten_seconds_then_a_summary() -> None:
    lines: list[str] = []
    clock = Clock()
    log = LogProgress(lines.append, every=3, seconds=10, clock=clock)
    log.update(0, 8, 0)
    clock.now += 5  # models load
    log.update(1, 8, 100)  # the first document: the speed is measured from here
    for done in range(2, 5):
        clock.now += 1
        log.update(done, 8, 100 * done)
    assert lines == ["tqa: 3/8 documents, 300 words, 100 words/s, about 5 s left"]
    clock.now += 30  # a slow document: a line although fewer than 3 are done
    log.update(5, 8, 500)
    assert len(lines) == 2 and lines[1].startswith("tqa: 5/8 documents, 500 words")
    for done in (6, 7, 8):
        clock.now += 1
        log.update(done, 8, 100 * done)
    log.finish()
    assert len(lines) == 3  # no progress line for the last document: the summary says it
    assert lines[2] == "tqa: checked 8/8 documents, 800 words in 41 s (19 words/s after start-up)"


def test_nothing_to_say_before_the_first_document_and_for_an_empty_batch() -> None:
    lines: list[str] = []
    log = LogProgress(lines.append, clock=Clock())
    log.update(0, 3, 0)
    log.finish()
    assert lines == ["tqa: checked 0/3 documents, 0 words in 0 s"]
    lines.clear()
    LogProgress(lines.append).finish()
    assert lines == []


def test_a_resumed_batch_counts_only_this_run() -> None:
    """--resume: the documents of the stopped run are neither progress nor speed."""
    lines: list[str] = []
    clock = Clock()
    log = LogProgress(lines.append, every=2, seconds=1e9, clock=clock)
    log.update(10, 20, 0)  # skipped: done by the stopped run
    clock.now += 8  # models load
    for done in range(11, 16):
        clock.now += 1
        log.update(done, 20, 200 * (done - 10))
    assert lines == [
        "tqa: 12/20 documents, 400 words, 200 words/s, about 8 s left",
        "tqa: 14/20 documents, 800 words, 200 words/s, about 6 s left",
    ]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0.4, "0 s"), (42, "42 s"), (185, "3 min 05 s"), (3720, "1 h 02 min")]
)
def test_durations_read_as_people_write_them(seconds: float, text: str) -> None:
    assert duration(seconds) == text


def _batch(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02d}.txt").write_text(
            f"Le sommet numéro {n} s'est tenu à Astana. Les chefs d'État sont venus.\n",
            encoding="utf-8",
        )
    return folder


def test_a_ci_log_gets_progress_lines_and_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "LOG_DOCUMENTS", 2)
    monkeypatch.setattr(progress, "LOG_SECONDS", 1e9)  # lines by count only, however slow
    folder = _batch(tmp_path, 6)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["check", str(folder), "--select", "TQA-TYP", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code in (0, 1), result.output
    lines = [line for line in result.output.splitlines() if line.startswith("tqa: ")]
    assert [line.split(",")[0] for line in lines] == [
        "tqa: 2/6 documents",
        "tqa: 4/6 documents",
        "tqa: checked 6/6 documents",
    ]
    assert "words/s" in lines[1] and "left" in lines[1]
    assert "\x1b" not in result.output  # no terminal control characters in a log


def test_quiet_and_small_batches_write_no_progress(tmp_path: Path) -> None:
    folder = _batch(tmp_path, 6)
    out = tmp_path / "report.json"
    args = ["check", str(folder), "--select", "TQA-TYP", "--format", "json", "-o", str(out)]
    quiet = CliRunner().invoke(app, [*args, "--quiet"])
    assert quiet.exit_code in (0, 1) and quiet.output == ""
    (tmp_path / "few").mkdir()
    few = _batch(tmp_path / "few", 3)
    small = CliRunner().invoke(app, [*args[:1], str(few), *args[2:]])
    assert small.exit_code in (0, 1) and "tqa: checked" not in small.output


def test_on_a_terminal_the_bar_shows_while_models_load(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: the bar is drawn before the first document is done."""
    import os
    import pty
    import subprocess
    import sys

    from tests.conftest import ROOT

    folder = _batch(tmp_path, 6)
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}
    command = [sys.executable, "-m", "tqa", "check", str(folder), "--select", "TQA-TYP",
               "--format", "json", "-o", str(tmp_path / "report.json")]  # fmt: skip
    process = subprocess.Popen(command, stderr=follower, stdout=subprocess.DEVNULL, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.wait(timeout=300) in (0, 1)
    text = seen.decode("utf-8", "replace")
    assert "loading models" in text and "0/6" in text


def test_on_a_terminal_the_first_table_built_is_announced_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A first run builds its tables for most of a minute: a person at a
    terminal is told why, once; a CI log (no terminal) and a run outside the
    command get nothing."""
    import sys

    from tqa.backends import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))  # a first run
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress.batch_progress() as update:
        assert update is not None
        cache.building("wordfreq-fr")
        cache.building("wordfreq-de")
    err = capsys.readouterr().err
    assert err.count("tqa: first run: building tables in ") == 1, err
    assert cache.directory() in err
    cache.building("pivot-index")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with progress.batch_progress():
        cache.building("pivot-index")
    with progress.batch_progress(quiet=True):
        cache.building("pivot-index")
    assert capsys.readouterr().err == ""


def test_langid_and_align_say_why_a_first_run_is_slow_at_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sys

    from tqa.backends import cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with progress.first_run_notice():
        cache.building("wordfreq-fr")
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress.first_run_notice():
        cache.building("wordfreq-fr")
        cache.building("wordfreq-de")
    assert capsys.readouterr().err.count("tqa: first run: building tables in ") == 1
    cache.building("wordfreq-en")  # after the command: nothing
    assert capsys.readouterr().err == ""
