"""The command line through its real entry point: exit codes, formats, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from tqa.cli import app

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_version_and_help_on_every_command() -> None:
    assert run("--version").output.strip() == "tqa 0.3.0"
    for command in ("check", "align", "langid", "render", "rules", "explain", "doctor"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_check_seed_fails_the_gate_with_a_readable_report() -> None:
    result = run("check", str(SEED))
    assert result.exit_code == 1
    assert "TQA-MIX-001" in result.output and "Quellen" in result.output
    assert result.output.rstrip().endswith("FAIL")


def test_gate_options(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Le sommet commence lundi à Astana.\n", encoding="utf-8")
    assert run("check", str(clean)).exit_code == 0
    assert run("check", str(SEED), "--fail-under", "0", "--select", "TQA-TYP").exit_code == 0
    assert run("check", str(SEED), "--fail-under", "0", "--fail-on", "minor").exit_code == 1


def test_json_report_is_deterministic_and_follows_the_contract(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("check", str(SEED), "--format", "json", "-o", str(first)).exit_code == 1
    assert run("check", str(SEED), "--format", "json", "-o", str(second)).exit_code == 1
    assert first.read_bytes() == second.read_bytes()
    report = json.loads(first.read_text(encoding="utf-8"))
    assert report["schema_version"] == 1 and report["tool"]["name"] == "tqa"
    doc = report["documents"][0]
    text = SEED.read_text(encoding="utf-8")
    assert set(doc["score"]) == {"value", "threshold", "passed", "penalty"}
    for finding in doc["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["text"]
        assert finding["severity"] in ("neutral", "minor", "major", "critical")
        assert set(finding) >= {
            "code",
            "name",
            "category",
            "confidence",
            "segment",
            "message",
            "suggestions",
            "evidence",
        }
    for segment in doc["segments"]:
        assert segment["lang"] in ("fr", "de", "en", "und")
    assert report["summary"] == {
        "documents": 1,
        "passed": 0,
        "failed": 1,
        "findings": len(doc["findings"]),
    }


def test_empty_file_scores_100_with_a_note(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("check", str(empty))
    assert result.exit_code == 0 and "no text" in result.output and "100.0" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "binary file"),
        (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "tqa.cli", "check", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert (
        result.stderr.count("\n") == 1 and str(path) in result.stderr and message in result.stderr
    )
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_path_and_bad_option(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tqa.cli", "check", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "nope.txt: no such file" in result.stderr
    assert run("check", str(SEED), "--segmentation", "words").exit_code == 2
    assert run("check", str(SEED), "--fail-under", "150").exit_code == 2


def test_huge_file_is_refused_and_long_line_is_checked(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write(("Le sommet commence lundi à Astana. " * 30 + "\n") * 20_000)
    result = run("check", str(huge))
    assert result.exit_code == 2 and "too large" in result.output
    line = tmp_path / "line.txt"
    # 140 kB in one line, every check (a 1 MB line, 180,000 words, took 70-220 s
    # of this suite; `python scripts/bench_large.py --megabytes 1 --one-line`
    # times it and bounds its memory)
    line.write_text(
        "Le sommet commence lundi à Astana et la Chine renforce le partenariat " * 2_000,
        encoding="utf-8",
    )
    result = run("check", str(line), "--format", "json")
    assert result.exit_code in (0, 1)
    assert json.loads(result.stdout)["documents"][0]["words"] == 24_000


def test_directory_with_text_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Le sommet a lieu à Astana.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = subprocess.run(
        [sys.executable, "-m", "tqa.cli", "check", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "broken.txt: binary file" in result.stderr and "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in report["documents"]] == ["good.txt"]


def test_stdin_utf16_and_crlf() -> None:
    data = "\ufeffLe sommet commence lundi.\r\nIl dure deux jours.\r\n".encode("utf-16-le")
    result = run("check", "-", "--format", "json", input=data)
    doc = json.loads(result.output)["documents"][0]
    assert doc["path"] == "-" and doc["words"] == 8


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "seed.txt"
    out.parent.mkdir()  # a missing directory is an error (tests/test_hardening_io.py)
    run("check", str(SEED), "-o", str(out))
    assert out.read_text(encoding="utf-8").rstrip().endswith("FAIL")
    assert [p.name for p in out.parent.iterdir()] == ["seed.txt"]


def test_langid_json_and_text() -> None:
    result = run("langid", str(SEED), "--format", "json")
    data = json.loads(result.output)
    langs = [s["lang"] for s in data["documents"][0]["segments"]]
    assert langs[1] == "de" and langs[2] == "fr"
    assert "de" in run("langid", str(SEED), "--backend", "langdetect").output


def test_rules_explain_doctor() -> None:
    rules = json.loads(run("rules", "--format", "json").output)
    assert {"TQA-MIX-001", "TQA-MIX-002", "TQA-TYP-001"} <= {r["code"] for r in rules}
    explained = run("explain", "TQA-MIX-002")
    assert explained.exit_code == 0 and "Kasachstan" in explained.output
    assert run("explain", "TQA-NOPE-999").exit_code == 2
    doctor = run("doctor").output
    assert "hunspell-fr" in doctor and "Cache of derived dictionary tables" in doctor


def test_import_cli_stays_light() -> None:
    code = (
        "import sys, tqa.cli; "
        "heavy = {'lingua', 'wordfreq', 'spacy', 'torch', 'transformers', 'langdetect', 'hunspell'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}
    )
    assert out.stdout.strip() == "[]"


def test_config_file_applies_unless_a_flag_overrides_it(tmp_path: Path) -> None:
    (tmp_path / "tqa.toml").write_text('segmentation = "lines"\nfail-under = 0\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Une phrase. Une autre.\n\nTroisième ligne.\n", encoding="utf-8")
    from_file = json.loads(run("check", str(article), "--format", "json").output)["documents"][0]
    assert {s["kind"] for s in from_file["segments"]} == {"line"}
    assert from_file["score"]["threshold"] == 0
    flags = run(
        "check", str(article), "--segmentation", "auto", "--fail-under", "90", "--format", "json"
    )
    overridden = json.loads(flags.output)["documents"][0]
    assert {s["kind"] for s in overridden["segments"]} == {"sentence"}
    assert overridden["score"]["threshold"] == 90


def test_config_is_found_from_the_checked_file_with_source_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqa check proj/a.fr.txt --source proj/a.de.txt run from another folder
    reads proj/tqa.toml, as the same check without --source does."""
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    (project / "tqa.toml").write_text("fail-under = 20\n", encoding="utf-8")
    (project / "a.fr.txt").write_text("Le sommet commence lundi.\n", encoding="utf-8")
    (project / "a.de.txt").write_text("Der Gipfel beginnt am Montag.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    target, source = str(project / "a.fr.txt"), str(project / "a.de.txt")
    for args in ((target,), (target, "--source", source)):
        result = run("check", *args, "--format", "json")
        assert json.loads(result.output)["documents"][0]["score"]["threshold"] == 20, args


def test_config_is_found_from_the_folder_a_glob_searches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqa check 'proj/*.fr.txt' from another folder reads proj/tqa.toml, as
    tqa check proj does: the pattern was no existing file, so the search
    started from the working directory."""
    project = tmp_path / "proj"
    (project / "texts" / ".git").mkdir(parents=True)
    (project / "texts" / "tqa.toml").write_text("fail-under = 20\n", encoding="utf-8")
    (project / "texts" / "a.fr.txt").write_text("Le sommet commence lundi.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    texts = project / "texts"
    for pattern in (f"{texts}/*.fr.txt", f"{texts}/**/*.txt", f"{texts}/[a]*"):
        result = run("check", pattern, "--format", "json")
        assert json.loads(result.output)["documents"][0]["score"]["threshold"] == 20, pattern
    # a folder whose name only looks like a pattern is the folder itself
    literal = tmp_path / "[1]" / "texts"
    shutil.copytree(texts, literal)
    (literal / "tqa.toml").write_text("fail-under = 30\n", encoding="utf-8")
    result = run("check", str(literal / "a.fr.txt"), "--format", "json")
    assert json.loads(result.output)["documents"][0]["score"]["threshold"] == 30


def test_config_search_stops_at_the_repository_root_and_isolated_ignores_it(tmp_path: Path) -> None:
    (tmp_path / "tqa.toml").write_text("fail-under = 10\n", encoding="utf-8")
    repo = tmp_path / "checkout"
    (repo / ".git").mkdir(parents=True)
    article = repo / "a.txt"
    article.write_text("Le sommet commence lundi.\n", encoding="utf-8")
    outside = json.loads(run("check", str(article), "--format", "json").output)["documents"][0]
    assert outside["score"]["threshold"] == 95.0  # the tqa.toml above the checkout is not read
    (repo / "tqa.toml").write_text("fail-under = 20\n", encoding="utf-8")
    inside = json.loads(run("check", str(article), "--format", "json").output)["documents"][0]
    assert inside["score"]["threshold"] == 20
    isolated = run("check", str(article), "--isolated", "--format", "json").output
    assert json.loads(isolated)["documents"][0]["score"]["threshold"] == 95.0
