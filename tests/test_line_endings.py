"""CRLF, CR-only and LF files give the same segments and findings.

A file saved with classic Mac OS line endings (CR alone) was read as one long
line: 19 segments instead of 27 for the sample article, and other findings.
Offsets stay those of the file as read (the text is never rewritten).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.conftest import SEED
from tqa.cli import app
from tqa.model import Document
from tqa.segment import segment

ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _report(path: Path, out: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    return document


def test_the_sample_article_reads_the_same_with_lf_crlf_and_cr_endings(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    reports = {}
    for name, ending in ENDINGS.items():
        path = tmp_path / f"article-{name}.txt"
        path.write_bytes(text.replace("\n", ending).encode("utf-8"))
        reports[name] = _report(path, tmp_path / f"{name}.json")
        original = path.read_bytes().decode("utf-8")
        for finding in reports[name]["findings"]:  # offsets into the file as read
            assert original[finding["start"] : finding["end"]] == finding["text"]

    def summary(doc: dict[str, Any]) -> tuple[object, ...]:
        segments = [(s["lang"], s.get("kind")) for s in doc["segments"]]
        findings = [(f["code"], _lf(f["text"]), f["message"]) for f in doc["findings"]]
        return len(doc["segments"]), segments, findings, doc["score"], doc["words"]

    assert len(reports["lf"]["segments"]) == 27
    assert summary(reports["cr"]) == summary(reports["lf"])
    assert summary(reports["crlf"]) == summary(reports["lf"])
    # CR and LF are both one character: even the offsets agree
    assert reports["cr"]["segments"] == reports["lf"]["segments"]
    assert reports["cr"]["findings"] == reports["lf"]["findings"]


def test_every_line_ending_ends_a_line_and_offsets_stay_true() -> None:
    text = "Titre\r\rPremière phrase. Deuxième phrase.\r\nLigne\rsuivante.\n"
    lines = segment(Document("t", text), "lines")
    assert [s.text for s in lines] == [
        "Titre",
        "",
        "Première phrase. Deuxième phrase.",
        "Ligne",
        "suivante.",
    ]
    for s in lines:
        assert text[s.start : s.end] == s.text
    auto = segment(Document("t", text), "auto")
    assert [s.text for s in auto] == [
        "Titre",
        "Première phrase.",
        "Deuxième phrase.",
        "Ligne\rsuivante.",  # hard-wrapped: the next line goes on in lower case
    ]
    assert [s.kind for s in auto] == ["heading", "sentence", "sentence", "sentence"]
    for s in auto:
        assert text[s.start : s.end] == s.text


def test_lines_and_columns_are_counted_alike_with_every_line_ending(tmp_path: Path) -> None:
    # a CR-only file showed every finding on line 1 in the text, SARIF,
    # GitHub and JUnit reports: lines were counted at LF only
    text = SEED.read_text(encoding="utf-8")
    regions = {}
    for name, ending in ENDINGS.items():
        path = tmp_path / f"article-{name}.txt"
        path.write_bytes(text.replace("\n", ending).encode("utf-8"))
        out = tmp_path / f"{name}.sarif"
        result = CliRunner().invoke(app, ["check", str(path), "-f", "sarif", "-o", str(out)])
        assert result.exit_code in (0, 1), result.output
        sarif = json.loads(out.read_text(encoding="utf-8"))
        regions[name] = [
            {
                k: v
                for k, v in r["locations"][0]["physicalLocation"]["region"].items()
                if "Line" in k or "Column" in k
            }
            for r in sarif["runs"][0]["results"]
        ]
    assert max(r["startLine"] for r in regions["lf"]) > 10
    assert regions["cr"] == regions["lf"]
    assert regions["crlf"] == regions["lf"]
