"""A report (or baseline) that does not begin like JSON is refused after a
small prefix: ``tqa render /dev/zero`` read up to the 1,000 MB limit and
peaked at about 1 GB before saying the report was too large. The peak
memory of the tqa process is measured in its own process (VmHWM)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
#: far under the 1 GB the whole read took, far over what starting tqa takes
PEAK_KB = 300_000


def _peak(tmp_path: Path, *args: str) -> tuple[int, str, int]:
    """Exit status, standard error and peak resident memory (kB) of tqa
    ``args`` in its own process: VmHWM, which exec resets (the rusage of a
    child counts what its parent held when it forked)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = (
        "import sys\n"
        "from tqa.cli import main\n"
        "sys.argv[0] = 'tqa'\n"
        "try:\n"
        "    main(leave=False)\n"
        "finally:\n"
        "    peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "    open('peak.txt', 'w').write(peak[0].split()[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        timeout=120,
    )
    peak = int((tmp_path / "peak.txt").read_text(encoding="utf-8"))
    return done.returncode, done.stderr.decode("utf-8", "replace"), peak


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux (/dev/zero, VmHWM)")
@pytest.mark.parametrize(
    "args",
    [["render", "/dev/zero", "-f", "sarif"], ["check", "a.txt", "--baseline", "/dev/zero"]],
    ids=["render", "baseline"],
)
def test_dev_zero_is_refused_after_a_small_prefix(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text("Le chat dort.\n", encoding="utf-8")
    code, stderr, peak = _peak(tmp_path, *args)
    kind = "report" if args[0] == "render" else "baseline"
    assert code == 2
    assert stderr.splitlines() == [
        f"tqa: error: /dev/zero: not a JSON {kind}: binary data (a NUL byte at byte 0)"
    ]
    assert peak < PEAK_KB, f"{peak:,} kB"


def test_a_nul_byte_past_the_prefix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b'{"schema_version": 1, "x": "' + b"a" * 100_000 + b'\x00"}')
    result = runner.invoke(app, ["render", str(path), "-f", "sarif"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"tqa: error: {path}: not a JSON report: binary data (a NUL byte at byte 100,028)"
    )


def test_a_large_file_that_is_no_json_object_is_refused_by_its_first_byte(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.txt"
    path.write_text("\ufeff \n" + "Le chat dort. " * 200_000, encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "sarif"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"tqa: error: {path}: not a JSON report: it begins with “L”, where a report begins with “{{”"
    )


def test_a_small_file_that_is_no_json_object_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("  [1, 2]\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "sarif"])
    assert result.exit_code == 2
    assert "the top level is an array, not an object" in result.stderr
