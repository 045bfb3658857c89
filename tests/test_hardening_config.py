"""Configuration values and rule codes, through the real command line: a
wrong type, an out-of-range value or an unknown code is one line on stderr
naming the file (or option), the key, what was expected and what was found,
with exit status 2 — never a traceback, never a silent run of no rule."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

runner = CliRunner()

TEXT = "Bonjour le monde: ceci est un texte.\nUn deuxième paragraphe ici.\n"


def _check(tmp_path: Path, toml: str | None, *args: str):  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir(exist_ok=True)  # the configuration search stops here
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    if toml is not None:
        (tmp_path / "tqa.toml").write_text(toml, encoding="utf-8")
    return runner.invoke(app, ["check", str(tmp_path / "a.txt"), *args])


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tqa: error: ")
    assert "Traceback" not in result.output
    return lines[0]


# (tqa.toml line, key as the message names it, words of the expectation, the value shown)
BAD_VALUES = [
    ("allow-words = 3", "allow-words", "array of words", "the integer 3"),
    ("allow-words = [1]", "allow-words", "array of words", "the array [1]"),
    ("allow-words = ['']", "allow-words", "array of words", "the array ['']"),
    ("select = [1]", "select", "array of rule codes", "the array [1]"),
    ("select = 1", "select", "array of rule codes", "the integer 1"),
    ("ignore = {a = 1}", "ignore", "array of rule codes", "the table {'a': 1}"),
    ('max-bytes = "x"', "max-bytes", "whole number of bytes", "the string 'x'"),
    ("max-bytes = 1.5", "max-bytes", "whole number of bytes", "the float 1.5"),
    ("max-bytes = -1", "max-bytes", "between 1 and", "the integer -1"),
    ("max-bytes = 0", "max-bytes", "between 1 and", "the integer 0"),
    ("max-bytes = true", "max-bytes", "whole number of bytes", "the boolean true"),
    ("max-bytes = 99999999999999999999", "max-bytes", "between 1 and", "99999999999999999999"),
    ('penalties = {minor = "a"}', "penalties.minor", "a number", "the string 'a'"),
    ("penalties = 3", "penalties", "table of severity", "the integer 3"),
    ("penalties = {minor = nan}", "penalties.minor", "a number between 0", "the float nan"),
    ("penalties = {minor = inf}", "penalties.minor", "a number between 0", "the float inf"),
    ("penalties = {minor = -1000.0}", "penalties.minor", "between 0", "the float -1000.0"),
    ("penalties = {minor = 1e300}", "penalties.minor", "between 0", "the float 1e+300"),
    ("penalties = {minor = true}", "penalties.minor", "a number", "the boolean true"),
    ("penalties = {fatal = 1}", "penalties.fatal", "unknown severity", "'fatal'"),
    ("glossary = 5", "glossary", "path of a CSV or TSV file", "the integer 5"),
    ('glossary = ""', "glossary", "path of a CSV or TSV file", "an empty string"),
    ("severities = {X = 1}", "severities.X", "unknown rule", "'X'"),
    ('severities = {TQA-MIX-002 = "huge"}', "severities.TQA-MIX-002", "one of", "'huge'"),
    ("severities = {TQA-MIX-002 = 1}", "severities.TQA-MIX-002", "one of", "the integer 1"),
    ("severities = 3", "severities", "table of rule code", "the integer 3"),
    ('fail-under = "x"', "fail-under", "between 0 and 100", "the string 'x'"),
    ("fail-under = true", "fail-under", "between 0 and 100", "the boolean true"),
    ("fail-under = 1e400", "fail-under", "between 0 and 100", "the float inf"),
    ("fail-under = nan", "fail-under", "between 0 and 100", "the float nan"),
    ("fail-under = 101", "fail-under", "between 0 and 100", "the integer 101"),
    ("fail-under = -5", "fail-under", "between 0 and 100", "the integer -5"),
    ("fail-on = 3", "fail-on", "one of", "the integer 3"),
    ('fail-on = "fatal"', "fail-on", "one of", "the string 'fatal'"),
    # as on the command line (--fail-on minor|major|critical)
    ('fail-on = "neutral"', "fail-on", "one of", "the string 'neutral'"),
    ('source-lang = "xx"', "source-lang", "ISO 639-1 code", "the string 'xx'"),
    ("source-lang = 3", "source-lang", "ISO 639-1 code", "the integer 3"),
    ('source-lang = "fr"', "source-lang", "German (de) → French (fr)", "the string 'fr'"),
    ('target-lang = ""', "target-lang", "ISO 639-1 code", "an empty string"),
    ('target-lang = "en"', "target-lang", "supported target language", "the string 'en'"),
    ("segmentation = 3", "segmentation", "one of auto, lines", "the integer 3"),
    ('langid-backend = ["x"]', "langid-backend", "one of lingua", "the array ['x']"),
    ('strict = "yes"', "strict", "true or false", "the string 'yes'"),
    ("strict = 1", "strict", "true or false", "the integer 1"),
]


@pytest.mark.parametrize(("toml", "key", "expected", "value"), BAD_VALUES)
def test_bad_configuration_value_is_one_line_naming_file_key_type_and_value(
    tmp_path: Path, toml: str, key: str, expected: str, value: str
) -> None:
    line = _one_line_error(_check(tmp_path, toml))
    assert line.startswith(f"tqa: error: {tmp_path / 'tqa.toml'}: {key}: "), line
    assert expected in line
    assert value in line


def test_a_control_character_in_a_configuration_value_is_shown_escaped(tmp_path: Path) -> None:
    line = _one_line_error(_check(tmp_path, 'source-lang = "x\\u001b]0;title\\u0007"'))
    assert "\x1b" not in line and "\x07" not in line
    assert "'x\\x1b]0;title\\x07'" in line


def test_pyproject_tool_tqa_must_be_a_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\ntqa = 3  # [tool.tqa\n", encoding="utf-8")
    line = _one_line_error(_check(tmp_path, None))
    assert "pyproject.toml: [tool.tqa]: expected a table, got the integer 3" in line


def test_an_integer_too_long_for_python_is_invalid_toml_not_a_traceback(tmp_path: Path) -> None:
    line = _one_line_error(_check(tmp_path, "max-bytes = " + "9" * 5000))
    assert "tqa.toml: invalid TOML" in line


@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, "{a = " * 5000 + "1" + "}" * 5000])
def test_arrays_nested_too_deeply_are_invalid_toml_not_an_internal_error(
    tmp_path: Path, nested: str
) -> None:
    line = _one_line_error(_check(tmp_path, f"select = {nested}"))
    assert "tqa.toml: invalid TOML" in line and "nested too deeply" in line
    assert "internal error" not in line


@pytest.mark.parametrize(
    ("args", "start", "words"),
    [
        (["--target-lang", ""], "--target-lang: ", "got an empty string"),
        (["--source-lang", "xx"], "--source-lang: ", "got the string 'xx'"),
        (["--fail-under", "nan"], "--fail-under: ", "got the float nan"),
        (["--fail-under", "101"], "--fail-under: ", "got the float 101.0"),
        (["--allow", ""], "--allow: ", "got the array ['']"),
    ],
)
def test_bad_option_values_are_one_line(
    tmp_path: Path, args: list[str], start: str, words: str
) -> None:
    line = _one_line_error(_check(tmp_path, None, *args))
    assert line.startswith("tqa: error: " + start), line
    assert words in line


@pytest.mark.parametrize(
    ("where", "args", "message"),
    [
        (None, ["--select", "TQA-NOPE"], "--select: 'TQA-NOPE' matches no rule code"),
        (None, ["--ignore", "TQA-ZZZ"], "--ignore: 'TQA-ZZZ' matches no rule code"),
        (None, ["--select", "TQA-TYPO"], "did you mean 'TQA-TYP'?"),
        (None, ["--select", "TQA-MIX-02"], "did you mean 'TQA-MIX-002'?"),
        ('select = ["TQA-TYPO"]', [], "tqa.toml: select: 'TQA-TYPO' matches no rule code"),
        ('ignore = ["tqa-typo"]', [], "did you mean 'TQA-TYP'?"),
        ('severities = {TQA-TYP-999 = "minor"}', [], "severities.TQA-TYP-999: unknown rule"),
    ],
)
def test_unknown_rule_codes_are_errors_with_a_hint(
    tmp_path: Path, where: str | None, args: list[str], message: str
) -> None:
    line = _one_line_error(_check(tmp_path, where, *args))
    assert message in line, line


def test_an_unknown_code_without_a_close_match_lists_the_families(tmp_path: Path) -> None:
    from tqa.checks import all_rules

    families = sorted({r.code.rsplit("-", 1)[0] for r in all_rules()})
    line = _one_line_error(_check(tmp_path, None, "--select", "TQA-QQQQ"))
    assert "rule families: " + ", ".join(families) in line
    assert "TQA-ACC" in families


def _json(result) -> dict:  # type: ignore[no-untyped-def,type-arg]
    def reject(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON report")

    return json.loads(result.stdout, parse_constant=reject)  # type: ignore[no-any-return]


def test_rule_codes_and_names_are_case_insensitive_in_select_and_severities(
    tmp_path: Path,
) -> None:
    toml = 'select = ["tqa-typ-001"]\nseverities = {"missing-space-before-punctuation" = "major"}\n'
    result = _check(tmp_path, toml, "--format", "json", "--fail-under", "0")
    assert result.exit_code == 0, result.output
    findings = _json(result)["documents"][0]["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("TQA-TYP-001", "major")]
    result = _check(tmp_path, None, "--select", "typ-001", "--format", "json", "--isolated")
    assert [f["code"] for f in _json(result)["documents"][0]["findings"]] == ["TQA-TYP-001"]


def test_huge_penalties_keep_the_score_within_0_and_100(tmp_path: Path) -> None:
    result = _check(
        tmp_path, 'select = ["TQA-TYP-001"]\npenalties = {minor = 1000000}\n', "--format", "json"
    )
    assert result.exit_code == 1, result.output
    score = _json(result)["documents"][0]["score"]
    assert score["value"] == 0.0 and score["penalty"] == 1000000.0
    assert score["threshold"] == 95.0 and score["passed"] is False


def test_an_integer_fail_under_is_a_number_threshold(tmp_path: Path) -> None:
    result = _check(tmp_path, 'select = ["TQA-TYP-001"]\nfail-under = 0\n', "--format", "json")
    assert result.exit_code == 0, result.output
    threshold = _json(result)["documents"][0]["score"]["threshold"]
    assert threshold == 0.0 and isinstance(threshold, float)


@pytest.mark.parametrize("name", ["tqa.toml", "pyproject.toml"])
def test_a_configuration_file_saved_with_a_byte_order_mark_is_read(
    tmp_path: Path, name: str
) -> None:
    """Windows editors save UTF-8 with a byte-order mark; tomllib called it an
    invalid statement at line 1, column 1. Its settings now apply."""
    table = "[tool.tqa]\n" if name == "pyproject.toml" else ""
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + f"{table}fail-under = 101\n".encode())
    line = _one_line_error(_check(tmp_path, None))
    assert f"{name}: fail-under: expected a number between 0 and 100" in line
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + f"{table}fail-under = 0\n".encode())
    result = _check(tmp_path, None, "--format", "json")
    assert result.exit_code == 0, result.output
    assert _json(result)["documents"][0]["score"]["threshold"] == 0.0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable folders")
def test_an_unreadable_folder_on_the_configuration_search_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    inner = locked / "inner"
    inner.mkdir(parents=True)
    (inner / "a.txt").write_text(TEXT, encoding="utf-8")
    locked.chmod(0o311)  # can be traversed, not listed or read
    try:
        (tmp_path / ".git").mkdir()
        (locked / "pyproject.toml").write_text("[tool.tqa]\n", encoding="utf-8")
        (locked / "pyproject.toml").chmod(0o000)
        result = runner.invoke(app, ["check", str(inner / "a.txt")])
    finally:
        locked.chmod(0o755)
    line = _one_line_error(result)
    assert "pyproject.toml" in line


def test_a_configuration_file_that_cannot_be_read_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an unreadable pyproject.toml does for a user who is not root."""
    (tmp_path / "pyproject.toml").write_text("[tool.tqa]\n", encoding="utf-8")
    os_open = os.open

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.basename(path) == "pyproject.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return os_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    line = _one_line_error(_check(tmp_path, None))
    assert f"{tmp_path / 'pyproject.toml'}: cannot read configuration" in line
    assert "permission denied" in line and "--isolated" in line
