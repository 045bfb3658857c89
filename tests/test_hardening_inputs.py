"""One file in one role: --source FILE pairs with exactly one French file
(never a folder, never the file itself) and standard input is read for one
role only. Each refusal is one line on stderr and exit status 2, before any work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

GERMAN = "Der Präsident sagte Hallo.\n"
FRENCH = "Le président a dit bonjour.\n"
FAST = ("--isolated", "--select", "TQA-TYP-001")


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def refused(result, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqa: error: "), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for needle in needles:
        assert needle in lines[0], result.stderr


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "a.fr.txt").write_text(FRENCH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- --source FILE with a folder or a glob --------------------------------------------


def test_source_file_with_a_folder_is_refused(pair: Path) -> None:
    """The source was paired with every file of the folder, itself included."""
    refused(run("check", "-q", ".", "--source", "a.de.txt", *FAST), "a.de.txt", "folder")
    refused(run("check", "-q", str(pair), "--source", "a.de.txt", *FAST), "is a folder")


def test_source_file_with_a_glob_of_several_files_is_refused(pair: Path) -> None:
    refused(run("check", "-q", "a.*.txt", "--source", "a.de.txt", *FAST), "gives 2 files")


def test_source_file_with_one_french_file_still_pairs(pair: Path) -> None:
    result = run("check", "a.fr.txt", "--source", "a.de.txt", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output
    [document] = json.loads(result.stdout)["documents"]
    assert document["path"] == "a.fr.txt" and document["source"]["path"] == "a.de.txt"
    # a glob that gives the one French file pairs as well
    result = run("check", "a.f?.txt", "--source", "a.de.txt", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output


def test_source_folder_that_is_the_french_folder_is_refused(pair: Path) -> None:
    """Every file was paired with itself."""
    refused(run("check", "-q", ".", "--source", str(pair), *FAST), "the folder of sources")


# -- one file, two roles ---------------------------------------------------------------


def test_standard_input_as_target_and_source_is_refused(pair: Path) -> None:
    result = run("check", "-q", "-", "--source", "-", *FAST, input=FRENCH)
    refused(result, "-:", "--source", "standard input can be read only once")


def test_one_file_as_target_and_source_is_refused(pair: Path) -> None:
    refused(run("check", "-q", "a.fr.txt", "--source", "./a.fr.txt", *FAST), "--source")
    refused(run("check", "-q", "a.fr.txt", "--reference", "a.fr.txt", *FAST), "--reference")
    refused(
        run("check", "-q", "a.fr.txt", "--reference", "-", "--post-edited", "-", *FAST),
        "--reference",
        "--post-edited",
    )


def test_the_same_file_named_twice_is_still_checked_once(pair: Path) -> None:
    result = run("check", "a.fr.txt", "./a.fr.txt", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["documents"]) == 1
