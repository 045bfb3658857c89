"""``tqa render`` on crafted or foreign files: every one is refused with one
line naming the file and the JSON path of the first bad field (or what the
file is), exit status 2 — never a traceback, never a half-rendered report.
The schema it checks against is published in tqa/render/report.schema.json."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.model import DocumentReport, DocumentSide, Finding, LangSpan, Report, Score, Segment
from tqa.render.json_report import render as render_json
from tqa.render.validate import KEYWORDS, parse

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads(files("tqa.render").joinpath("report.schema.json").read_text(encoding="utf-8"))
READS = "(tqa render reads reports written by tqa check --format json)"

TEXT = "Le sommet a lieu à Astana, Kasachstan.\nDeuxième ligne: ici.\n"
SOURCE = "Der Gipfel findet in Astana statt.\n"


def _report() -> dict[str, Any]:
    k = TEXT.index("Kasachstan")
    colon = TEXT.index(":")
    segments = (
        Segment(0, 0, 38, TEXT[0:38], "sentence", 0, lang="fr", confidence=0.99,
                spans=(LangSpan(k, k + 10, "Kasachstan", "de", 0.9, ""),)),
        Segment(1, 39, len(TEXT) - 1, TEXT[39:-1], "sentence", 1, lang="fr", confidence=0.9),
    )  # fmt: skip
    findings = (
        Finding("TQA-MIX-002", "source-word-in-target", "accuracy/untranslated", "major", 0.9,
                0, k, k + 10, "Kasachstan", "German word", ("Kazakhstan",), "zipf"),
        Finding("TQA-TYP-001", "missing-space-before-punctuation", "fluency/punctuation",
                "minor", 0.9, 1, colon - 5, colon + 1, TEXT[colon - 5 : colon + 1],
                "missing no-break space", (), ""),
    )  # fmt: skip
    source = DocumentSide("a.de.txt", SOURCE, (Segment(0, 0, 34, SOURCE[:34], "sentence", 0),))
    doc = DocumentReport(
        path="a.fr.txt", text=TEXT, source_lang="de", target_lang="fr", words=8,
        score=Score(value=25.0, threshold=95.0, passed=False, penalty=6.0),
        segments=segments, alignment=(), findings=findings, source=source,
    )  # fmt: skip
    return json.loads(render_json(Report((doc,), "0.3.0")))  # type: ignore[no-any-return]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit of the report: set the field at a dotted path (numbers index lists)."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for step in parents:
            node = node[int(step)] if step.isdigit() else node[step]
        node[int(last) if last.isdigit() else last] = value

    return edit


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for step in parents:
            node = node[int(step)] if step.isdigit() else node[step]
        del node[last]

    return edit


D = "documents.0."
# (id, edit of a valid report, words of the one-line message)
SCHEMA_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("string-score", _set(D + "score.value", "84.6"),
     "$.documents[0].score.value: expected a number, got a string '84.6'"),
    ("string-threshold", _set(D + "score.threshold", "95"),
     "$.documents[0].score.threshold: expected a number, got a string '95'"),
    ("string-penalty", _set(D + "score.penalty", "6"), "$.documents[0].score.penalty"),
    ("negative-penalty", _set(D + "score.penalty", -1000.0), "expected a number ≥ 0"),
    ("score-over-100", _set(D + "score.value", 1396.3), "expected a number ≤ 100"),
    ("threshold-boolean", _set(D + "score.threshold", True), "expected a number, got true"),
    ("passed-string", _set(D + "score.passed", "yes"), "score.passed: expected a boolean"),
    ("string-start", _set(D + "findings.0.start", "3"),
     "$.documents[0].findings[0].start: expected an integer, got a string '3'"),
    ("fraction-end", _set(D + "findings.0.end", 30.5), "findings[0].end: expected an integer"),
    ("unknown-severity", _set(D + "findings.0.severity", "fatal"),
     "findings[0].severity: expected one of \"neutral\", \"minor\", \"major\", \"critical\""),
    ("html-severity", _set(D + "findings.0.severity", '"><img src=x onerror=alert(1)>'),
     "findings[0].severity"),
    ("html-words", _set(D + "words", "<meta http-equiv=refresh content=0;url=x>"),
     "$.documents[0].words: expected an integer, got a string"),
    ("negative-words", _set(D + "words", -1), "words: expected a number ≥ 0"),
    ("huge-words", _set(D + "words", 2**60), "words: expected a number ≤ 9007199254740991"),
    ("html-code", _set(D + "findings.0.code", "<b>X</b>"), "findings[0].code: expected a string"),
    ("code-newline", _set(D + "findings.0.code", "TQA-MIX-002\n"), "findings[0].code"),
    ("category-html", _set(D + "findings.0.category", "a b<"), "findings[0].category"),
    ("confidence-2", _set(D + "findings.0.confidence", 2), "findings[0].confidence"),
    ("missing-code", _drop(D + "findings.0.code"),
     "$.documents[0].findings[0]: the field 'code' is missing"),
    ("suggestion-number", _set(D + "findings.0.suggestions", [1]),
     "findings[0].suggestions[0]: expected a string, got an integer 1"),
    ("segment-string", _set(D + "findings.0.segment", "0"), "findings[0].segment"),
    ("lang-html", _set(D + "segments.0.lang", "<x>"), "$.documents[0].segments[0].lang"),
    ("kind-unknown", _set(D + "segments.0.kind", "chapter"), "segments[0].kind"),
    ("bead-ids", _set(D + "alignment", [{"source": ["a"], "target": [], "score": 0}]),
     "$.documents[0].alignment[0].source[0]: expected an integer"),
    ("note-kind", _set(D + "notes", [{"kind": "<x>", "message": "m"}]), "notes[0].kind"),
    ("text-null", _set(D + "text", None), "$.documents[0].text: expected a string, got null"),
    ("text-missing", _drop(D + "text"), "$.documents[0]: the field 'text' is missing"),
    ("documents-object", _set("documents", {}), "$.documents: expected an array, got an object"),
    ("document-string", _set("documents", ["x"]), "$.documents[0]: expected an object"),
    ("tool-missing", _drop("tool"), "$: the field 'tool' is missing"),
    ("tool-other", _set("tool.name", "other"), '$.tool.name: expected "tqa"'),
    ("version-string", _set("schema_version", "1"), '$.schema_version: expected 1, got a string'),
    ("version-true", _set("schema_version", True), "$.schema_version: expected 1, got true"),
    ("summary-missing", _drop("summary"), "$: the field 'summary' is missing"),
    ("errors-number", _set("errors", [3]), "$.errors[0]: expected a string"),
    ("lone-surrogate", _set(D + "findings.0.message", "x\ud800"),
     "findings[0].message: a string with an unpaired surrogate"),
]  # fmt: skip

OFFSET_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("start-after-end", _set(D + "findings.0.start", 38),
     "$.documents[0].findings[0]: start 38 is after end 37"),
    ("end-past-text", _set(D + "findings.1.end", 10**6),
     "$.documents[0].findings[1].end: 1000000 is beyond the end of the text (60 characters)"),
    ("segment-past-text", _set(D + "segments.1.end", 61), "$.documents[0].segments[1].end"),
    ("span-past-text", _set(D + "segments.0.spans.0.end", 99),
     "$.documents[0].segments[0].spans[0].end"),
    ("source-span-past-text",
     _set(D + "source.segments.0.spans", [{"start": 30, "end": 40, "text": "x", "lang": "de",
                                            "confidence": 1}]),
     "$.documents[0].source.segments[0].spans[0].end: 40 is beyond the end of the text"),
    ("source-past-text", _set(D + "source.segments.0.end", 36),
     "$.documents[0].source.segments[0].end: 36 is beyond the end of the text (35 characters)"),
]  # fmt: skip

# verdicts that do not follow from the scores: every renderer, SARIF, JUnit
# and the GitHub annotations show ``passed`` as written, so a report that
# claims a pass its score denies (a fork's CI, a hand edit) is refused
VERDICT_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("pass-under-threshold", _set(D + "score.passed", True),
     "$.documents[0].score.passed: true with 25 under the threshold 95"),
    ("pass-with-critical",
     lambda d: (_set(D + "findings.0.severity", "critical")(d),
                _set(D + "score.threshold", 20.0)(d), _set(D + "score.passed", True)(d)),
     "$.documents[0].score.passed: true with a critical finding"),
    ("fail-without-cause",
     lambda d: (_set(D + "findings", [])(d), _set(D + "score.penalty", 0)(d),
                _set(D + "score.value", 100.0)(d)),
     "$.documents[0].score.passed: false with 100 at or over the threshold 95 and no finding"),
    ("value-not-from-penalty", _set(D + "score.value", 96.0),
     "$.documents[0].score.value: 96 does not follow from a penalty of 6 on 8 words (25.0)"),
    ("penalty-huge", _set(D + "score.penalty", 10**400), "$.documents[0].score.penalty: "),
    ("penalty-without-finding",
     lambda d: (_set(D + "findings", [])(d), _set(D + "score.passed", True)(d)),
     "$.documents[0].score.penalty: 6 without any finding"),
]  # fmt: skip


def _render(tmp_path: Path, text: str, name: str = "r.json", fmt: str = "html"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, runner.invoke(app, ["render", str(path), "--format", fmt])


def _one_line(result, path: Path) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and not result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"tqa: error: {path}: "), lines[0]
    return lines[0]


def _crafted(edit: Callable[[dict[str, Any]], None]) -> str:
    data = _report()
    edit(data)
    return json.dumps(data)  # ASCII: a lone surrogate is written as \\ud800


@pytest.mark.parametrize(
    ("edit", "message"),
    [(edit, message) for _, edit, message in SCHEMA_CASES + OFFSET_CASES + VERDICT_CASES],
    ids=[case for case, _, _ in SCHEMA_CASES + OFFSET_CASES + VERDICT_CASES],
)
def test_a_crafted_report_is_refused_with_the_path_of_its_first_bad_field(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    path, result = _render(tmp_path, _crafted(edit))
    line = _one_line(result, path)
    assert f"{path}: invalid tqa JSON report: " in line
    assert message in line, line
    assert "\x1b" not in line and "<img" not in line.split("got", 1)[0]


FOREIGN = [
    ("sarif", "x.sarif", json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                                     "version": "2.1.0", "runs": []}),
     f"this is a SARIF file, not a tqa JSON report {READS}"),
    ("junit", "x.xml", '<?xml version="1.0"?>\n<testsuites name="tqa"></testsuites>\n',
     "this is a JUnit XML file, not a tqa JSON report"),
    ("html", "x.html", "<!DOCTYPE html><html><body></body></html>",
     "this is an HTML file, not a tqa JSON report"),
    ("xml", "x.xlf", "<xliff/>", "this is an XML file, not a tqa JSON report"),
    ("baseline", "b.json", json.dumps({"tqa_baseline": 1, "documents": {}}),
     "this is a tqa baseline (written by --write-baseline)"),
    ("langid", "l.json", json.dumps({"schema_version": 1, "documents": [{"path": "a",
                                                                          "segments": []}]}),
     "this is the output of tqa langid --format json"),
    ("align", "a.json", json.dumps({"schema_version": 1, "source": {}, "target": {},
                                    "alignment": []}),
     "this is the output of tqa align --format json"),
    ("other-json", "o.json", json.dumps({"name": "package", "version": "1.0"}),
     f"not a tqa JSON report: it has no schema_version {READS}"),
    ("list", "l.json", "[1, 2]", "the top level is an array, not an object"),
    ("string", "s.json", '"report"', "the top level is a string, not an object"),
    ("null", "n.json", "null", "the top level is null, not an object"),
    ("empty", "e.json", "", "not valid JSON (line 1, column 1: Expecting value)"),
    ("truncated", "t.json", '{"schema_version": 1, "documents": [', "not valid JSON (line 1"),
    ("json-lines", "j.json", '{"a": 1}\n{"b": 2}\n', "more than one JSON value (line 2)"),
    ("nan", "n.json", '{"schema_version": 1, "x": NaN}', "NaN is not a JSON number"),
    ("infinity", "i.json", '{"x": -Infinity}', "-Infinity is not a JSON number"),
    ("huge-number", "h.json", '{"x": 1e999}', "number 1e999 is out of range"),
    ("long-integer", "h.json", '{"x": ' + "9" * 5000 + "}", "not a tqa JSON report: a number of more than 4300 digits"),
    ("deep-list", "d.json", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply to read"),
    ("deep-object", "d.json", '{"a":' * 100_000 + "1" + "}" * 100_000,
     "JSON nested too deeply to read"),
    ("schema-version-2", "v.json", json.dumps({"schema_version": 2, "tool": {}}),
     "a tqa JSON report of schema_version 2; this version of tqa reads schema_version 1"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [(name, text, message) for _, name, text, message in FOREIGN],
    ids=[case for case, _, _, _ in FOREIGN],
)
def test_a_foreign_file_is_named_for_what_it_is(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path, result = _render(tmp_path, text, name)
    assert message in _one_line(result, path)


def test_render_of_a_sarif_report_written_by_tqa_says_what_it_is(tmp_path: Path) -> None:
    sarif = (ROOT / "reports" / "kazakhstan-summit.fr.sarif").read_text(encoding="utf-8")
    path, result = _render(tmp_path, sarif, "x.sarif", "markdown")
    assert _one_line(result, path) == (
        f"tqa: error: {path}: this is a SARIF file, not a tqa JSON report {READS}"
    )


@pytest.mark.parametrize("fmt", ["html", "sarif", "junit", "github", "markdown", "text", "json"])
def test_a_valid_report_renders_in_every_format(tmp_path: Path, fmt: str) -> None:
    path, result = _render(tmp_path, json.dumps(_report()), fmt=fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout


def test_render_reads_a_report_from_standard_input(tmp_path: Path) -> None:
    """tqa check -f json … | tqa render -: "-" was looked for as a file
    ("-: no such report file"), although every input of tqa check takes it."""
    text = json.dumps(_report())
    result = runner.invoke(app, ["render", "-", "--format", "markdown"], input=text)
    assert result.exit_code == 0, result.output
    _, from_file = _render(tmp_path, text, fmt="markdown")
    assert result.stdout == from_file.stdout and "translation-quality report" in result.stdout
    for data, message in (
        (b"\x00" * 10, "-: not a JSON report: binary data (a NUL byte at byte 0)"),
        (b"[1]", "-: not a tqa JSON report: the top level is an array"),
    ):
        result = runner.invoke(app, ["render", "-"], input=data)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith(f"tqa: error: {message}"), result.stderr
        assert len(result.stderr.splitlines()) == 1


def test_json_rendered_from_a_report_is_the_same_report(tmp_path: Path) -> None:
    text = render_json_text = json.dumps(_report(), ensure_ascii=False, indent=2) + "\n"
    path, result = _render(tmp_path, text, fmt="json")
    assert result.exit_code == 0, result.output
    assert result.stdout == render_json_text


def test_fields_added_by_a_later_version_are_ignored_and_integral_numbers_accepted(
    tmp_path: Path,
) -> None:
    data = _report()
    data["producer"] = {"deeply": [[[[{"nested": True}]]]]}
    data["documents"][0]["findings"][0]["rank"] = 3
    data["documents"][0]["words"] = 8.0  # JSON Schema: 8.0 is an integer
    data["documents"][0]["findings"][0]["start"] = float(
        data["documents"][0]["findings"][0]["start"]
    )
    path, result = _render(tmp_path, json.dumps(data), fmt="text")
    assert result.exit_code == 0, result.output
    assert "8 words" in result.stdout


def test_input_errors_of_a_batch_survive_the_round_trip(tmp_path: Path) -> None:
    data = _report()
    data["errors"] = ["b.txt: binary file (NUL bytes)"]
    path, result = _render(tmp_path, json.dumps(data), fmt="json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["errors"] == ["b.txt: binary file (NUL bytes)"]


# -- the published schema -----------------------------------------------------


def _keywords(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    _keywords(sub, found)
            elif key not in ("required", "enum", "const"):
                _keywords(value, found)
    elif isinstance(node, list):
        for item in node:
            _keywords(item, found)
    return found


def test_the_schema_uses_only_keywords_the_validator_implements() -> None:
    assert _keywords(SCHEMA, set()) <= KEYWORDS


def test_the_schema_is_valid_json_schema_and_the_reports_tqa_writes_follow_it() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    validator.validate(_report())
    for path in sorted((ROOT / "reports").glob("*.json")):
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


def test_jsonschema_agrees_with_the_validator_on_every_crafted_case() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(SCHEMA)
    # Python's re (which jsonschema uses) lets `$` match before a final
    # newline; the ECMA-262 regexes JSON Schema specifies, and tqa, do not.
    python_regex_only = {"code-newline"}
    for case, edit, _ in SCHEMA_CASES:
        data = copy.deepcopy(_report())
        edit(data)
        if case == "lone-surrogate":  # a JSON string, but not text tqa can write out
            continue
        assert validator.is_valid(data) == (case in python_regex_only), case
    for case, edit, _ in OFFSET_CASES + VERDICT_CASES:  # beyond what a schema can say
        data = _report()
        edit(data)
        assert validator.is_valid(data), case


def test_the_reports_tqa_writes_have_verdicts_that_follow_from_their_scores() -> None:
    """The committed reports (sample article, batches, pairs, bilingual
    files) pass every check render makes, the verdicts' included."""
    reports = sorted((ROOT / "reports").glob("*.json"))
    assert reports
    for path in reports:
        parse(path.read_text(encoding="utf-8"))


def test_the_schema_is_published_with_the_package_and_documented() -> None:
    docs = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    assert "tqa/render/report.schema.json" in docs
    assert SCHEMA["properties"]["schema_version"] == {"const": 1}


def test_the_schema_is_package_data() -> None:
    import fnmatch
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["tqa"]
    assert any(fnmatch.fnmatch("render/report.schema.json", p) for p in patterns)
