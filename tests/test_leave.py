"""How a ``tqa`` process ends: with the status ``sys.exit`` was given, after
the threads, the ``atexit`` functions and the flush of standard output and
error that Python runs at exit, but without freeing what it loaded
(tqa.cli_support.leave)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}


def _python(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**ENV, **env},
        check=False,
        timeout=120,
    )


LEAVING = """
import atexit, sys, threading, time
from tqa.cli_support import leave

class Loud:
    def __del__(self):
        print("freed", flush=True)

kept = Loud()  # freed one by one at a usual exit, not when the process leaves
atexit.register(lambda: print("atexit ran"))
def late():
    time.sleep(0.3)
    print("thread done")
threading.Thread(target=late).start()
sys.stdout.write("unflushed ")
leave({code})
"""


@pytest.mark.parametrize(("code", "status"), [("None", 0), ("0", 0), ("1", 1), ("2", 2)])
def test_leaving_keeps_the_status_threads_atexit_and_buffered_output(
    code: str, status: int
) -> None:
    done = _python(LEAVING.format(code=code))
    assert done.returncode == status
    assert done.stdout == "unflushed thread done\natexit ran\n"
    assert "freed" not in done.stdout
    assert done.stderr == ""


def test_leaving_with_a_message_writes_it_and_exits_1() -> None:
    done = _python(LEAVING.format(code="'tqa: bye'"))
    assert done.returncode == 1
    assert done.stderr == "tqa: bye\n"


def test_main_inside_another_program_raises_system_exit() -> None:
    script = (
        "import sys\n"
        "from tqa.cli import main\n"
        "sys.argv = ['tqa', '--version']\n"
        "try:\n"
        "    main(leave=False)\n"
        "except SystemExit as exc:\n"
        "    print('caught', exc.code)\n"
    )
    done = _python(script)
    assert done.returncode == 0
    assert done.stdout.startswith("tqa ")
    assert done.stdout.splitlines()[-1] == "caught 0"


def test_the_command_writes_its_report_and_status_before_leaving(tmp_path: Path) -> None:
    """A report written to a file and one written to a pipe are complete, and
    the exit statuses are those of the command (1: the gate failed, 2: an
    input error)."""
    text = tmp_path / "article.txt"
    text.write_text("Le sommet a eu lieu à Astana.\n\nDer Gipfel fand statt.\n", encoding="utf-8")
    command = [sys.executable, "-m", "tqa", "check", str(text), "--isolated", "--select", "TQA-MIX"]
    env = {**ENV, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "report.json"
    to_file = subprocess.run(
        [*command, "--format", "json", "-o", str(out)], capture_output=True, env=env, timeout=300
    )
    to_pipe = subprocess.run(
        [*command, "--format", "json"], capture_output=True, env=env, timeout=300
    )
    assert to_file.returncode == to_pipe.returncode == 1
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(to_pipe.stdout)
    missing = subprocess.run(
        [*command[:4], str(tmp_path / "missing.txt")], capture_output=True, env=env, timeout=300
    )
    assert missing.returncode == 2
    assert missing.stderr.decode().startswith("tqa: error: ")
