"""``reports/`` is generated from ``corpora/`` by scripts/make_reports.py;
this fails when the committed reports are stale (regenerate them with
``python scripts/make_reports.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


def _notes(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return sorted(n["message"] for d in data["documents"] for n in d.get("notes", ()))


def test_reports_are_up_to_date(tmp_path: Path) -> None:
    committed = sorted(p.name for p in REPORTS.iterdir() if not p.name.startswith("."))
    assert committed, "reports/ is empty: run python scripts/make_reports.py"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_reports.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    fresh = sorted(p.name for p in tmp_path.iterdir())
    assert fresh == committed, "samples and reports differ: run python scripts/make_reports.py"
    stale = [n for n in fresh if (tmp_path / n).read_bytes() != (REPORTS / n).read_bytes()]
    if stale:
        # A machine without an optional resource (dictionary, model) skips
        # checks and cannot reproduce the reports; that is not staleness.
        differing = [
            n for n in fresh
            if n.endswith(".json") and _notes(tmp_path / n) != _notes(REPORTS / n)
        ]  # fmt: skip
        if differing:
            pytest.skip(
                f"optional resources differ from the machine that made reports/: {differing}"
            )
    assert not stale, f"stale reports {stale}: run python scripts/make_reports.py"


def test_reports_are_deterministic_and_relative(tmp_path: Path) -> None:
    for path in REPORTS.iterdir():
        text = path.read_text(encoding="utf-8")
        assert str(ROOT) not in text, f"{path.name} holds an absolute path"
        assert "corpora/" in text
