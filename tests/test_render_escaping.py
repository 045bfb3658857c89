"""Text from a document or a report never reaches a terminal, a CI log or a
pull-request comment raw: escape sequences (OSC title, colours, C1 CSI),
other control characters and bidi overrides are shown visibly, and every
field is escaped for its format, through the real command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.render.plain import visible

runner = CliRunner()

FILLER = "Le sommet des chefs d'État a lieu à Astana cette semaine, selon les organisateurs. " * 12
HOSTILE = (
    FILLER + "\n\nBonjour \x1b]0;pwned\x07 le monde: ici \x1b[31mrouge\x1b[0m et Kasachstan.\n"
    "Puis \u202eenrevni\u202c et \x9b31m\x7f Kasachstan, voilà.\n"
)
#: what must never be written raw (line feed and tab excepted)
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMATS = ["text", "github", "markdown", "junit", "sarif", "json", "html"]


def _check(tmp_path: Path, fmt: str, text: str = HOSTILE, *args: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8", newline="")
    return runner.invoke(
        app, ["check", str(path), "--isolated", "--select", "TQA-TYP-001,TQA-MIX", "-f", fmt, *args]
    )


def test_visible_shows_controls_as_caret_notation_and_code_points() -> None:
    assert visible("a\x1b]0;t\x07b\x1b[31m") == "a^[]0;t^Gb^[[31m"
    assert visible("\x00\r\x7f\x9b\u202e\u2066\t\n") == "^@^M^?<U+009B><U+202E><U+2066>\t\n"
    assert visible("Déjà « vu » — ok’") == "Déjà « vu » — ok’"


def test_escape_sequences_in_a_document_come_out_escaped_in_the_text_report(
    tmp_path: Path,
) -> None:
    result = _check(tmp_path, "text")
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    assert not RAW.search(out), RAW.findall(out)
    assert "^[]0;pwned^G" in out  # the OSC title sequence, shown
    assert "^[[31mrouge^[[0m" in out  # colour codes, shown
    assert "<U+202E>" in out and "<U+009B>" in out and "^?" in out


def test_escape_sequences_do_not_reach_a_colour_terminal_either(tmp_path: Path) -> None:
    out = _check(tmp_path, "text", HOSTILE, "--color").stdout
    # rich's own colour codes are the only escape sequences: SGR, ESC [ ... m
    assert "\x1b]" not in out and "\x07" not in out and "\x9b" not in out
    assert "\u202e" not in out
    assert "^[]0;pwned^G" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_writes_a_control_character_from_the_document_raw(
    tmp_path: Path, fmt: str
) -> None:
    result = _check(tmp_path, fmt)
    assert result.exit_code in (0, 1), result.output
    assert not RAW.search(result.stdout), (fmt, RAW.findall(result.stdout)[:5])


def test_crlf_context_lines_end_at_the_line_break(tmp_path: Path) -> None:
    text = (FILLER + "\r\n\r\nBonjour le monde: ici.\r\nDeuxième ligne.\r\n").replace("\n", "\r\n")
    text = text.replace("\r\r\n", "\r\n")
    out = _check(tmp_path, "text", text).stdout
    assert "^M" not in out
    assert "…Bonjour le ⟦monde:⟧ ici.…" in out


def test_counts_are_singular_for_one(tmp_path: Path) -> None:
    text = FILLER + "\n\nBonjour le monde: ici.\n"
    out = _check(tmp_path, "text", text).stdout
    assert "  1 finding, " in out and "1 findings" not in out
    out = _check(tmp_path, "github", text).stdout
    assert ", 1 finding, " in out


# -- a crafted report: every string field hostile -------------------------------

EVIL = "x\x1b]0;t\x07|`*_<b>&amp;</b>[l](u) @me #1 $m$ \\ ~~s~~ \u202e\r\n::error::y%0A,:"


def _crafted() -> dict[str, Any]:
    text = f"Avant {EVIL} après.\n"
    start = text.index(EVIL)
    end = start + len(EVIL)
    finding = {
        "code": "TQA-NEW-001", "name": "new-rule", "category": "accuracy/new",
        "severity": "major", "confidence": 0.5, "segment": 0, "start": start, "end": end,
        "text": EVIL, "message": f"message {EVIL}", "suggestions": [EVIL, " lead"],
        "evidence": f"evidence {EVIL}",
    }  # fmt: skip
    document = {
        "path": f"dir/{EVIL}.txt", "source_lang": "de", "target_lang": "fr", "words": 3,
        "score": {"value": 0.0, "threshold": 95.0, "passed": False, "penalty": 5.0},
        "segments": [{"id": 0, "start": 0, "end": len(text) - 1, "lang": "fr",
                      "confidence": 0.9, "kind": "sentence"}],
        "alignment": [], "findings": [finding],
        "notes": [{"kind": "check-error", "message": f"note {EVIL}"}], "text": text,
    }  # fmt: skip
    return {
        "schema_version": 1,
        "tool": {"name": "tqa", "version": f"9.9 {EVIL}"},
        "documents": [document],
        "summary": {"documents": 1, "passed": 0, "failed": 1, "findings": 1},
        "errors": [f"b.txt: {EVIL}"],
    }


def _render(tmp_path: Path, fmt: str) -> str:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(_crafted()), encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", fmt])
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout), (fmt, RAW.findall(result.stdout)[:5])
    return result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_crafted_report_renders_escaped_in_every_format(tmp_path: Path, fmt: str) -> None:
    _render(tmp_path, fmt)


def test_github_annotations_stay_one_command_per_line(tmp_path: Path) -> None:
    lines = _render(tmp_path, "github").splitlines()
    assert all(line.startswith("::") for line in lines), lines
    error, notice, input_error = lines
    head, _, data = error[2:].partition("::")
    assert head.startswith("error file=dir/x^[]0;t^G|`") and "%3A" in head and "%2C" in head
    assert "%0D%0A%3A%3Aerror" not in data and "%0D%0A::error::y%250A,:" in data
    assert input_error.startswith("::error title=tqa::b.txt: x^[]0;t^G")


def test_markdown_cells_cannot_break_the_table_or_carry_markup(tmp_path: Path) -> None:
    out = _render(tmp_path, "markdown")
    rows = [line for line in out.splitlines() if line.startswith("| dir/")]
    assert len(rows) == 2
    for row in rows:
        assert row.count("|") == 7, row  # six cells
        bare = re.sub(r"&(#\d+|amp|lt|gt);", "", row)  # all but character references
        for markup in ("<", ">", "`", "[", "@", "#", "$", "~", "*", "_", "\\", "&"):
            assert markup not in bare, (markup, row)
    assert "TQA-NEW-001" in rows[1]
    assert "- b.txt: x^&#91;&#93;0;t^G" in out


def test_junit_is_well_formed_xml_with_the_controls_shown(tmp_path: Path) -> None:
    root = ET.fromstring(_render(tmp_path, "junit"))
    suites = root.findall("testsuite")
    assert suites[0].get("name", "").startswith("dir/x^[]0;t^G|`*_<b>&amp;</b>")
    failure = next(c for c in suites[0].iter("testcase") if c.get("name", "").startswith("TQA-NEW"))
    assert "^M" in (failure.find("failure").text or "")  # type: ignore[union-attr]
    assert suites[-1].get("name") == "unreadable inputs"
    assert root.get("errors") == "1"


def test_sarif_keeps_the_text_and_escapes_it_as_json(tmp_path: Path) -> None:
    out = _render(tmp_path, "sarif")
    data = json.loads(out)
    run = data["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == (
        EVIL
    )
    assert "\\u202e" in out and "\\u001b" in out
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert notification["message"]["text"] == f"b.txt: {EVIL}"


@pytest.mark.parametrize(
    "args",
    [("langid", "{doc}"), ("align", "{doc}"), ("align", "{src}", "{doc}")],
    ids=["langid", "align-mixed", "align-pair"],
)
def test_langid_and_align_tables_show_controls_from_the_document(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "Le sommet a lieu à Astana \x1b]0;pwned\x07 cette semaine \u202e. "
        "Der Gipfel findet \x1b[31m diese Woche in Astana statt.\x9b31m\n\n" + FILLER,
        encoding="utf-8",
    )
    src = tmp_path / "src.txt"
    src.write_text(
        "Der Gipfel \x1b]0;pwned\x07 findet statt. "
        + "Der Gipfel findet diese Woche in Astana statt. " * 4,
        encoding="utf-8",
    )
    result = runner.invoke(app, [a.format(doc=doc, src=src) for a in args])
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout), RAW.findall(result.stdout)
    assert "^[]0;pwned^G" in result.stdout or "^[[31m" in result.stdout


def test_a_line_break_in_a_path_or_a_unit_id_stays_on_its_line_of_the_text_report(
    tmp_path: Path,
) -> None:
    """A PO context (the unit id) or a file name holding a line feed cannot
    start a line of the report, which a CI log could read as a command
    (``::error …``); the Markdown table shows a bilingual finding's line alone."""
    po = tmp_path / "c.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "a\\n::error file=x::injected"\nmsgid "Haus"\nmsgstr ""\n',
        encoding="utf-8",
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b]0;t\x07b\rc\n::warning::d.txt").write_text("La maison.\n", encoding="utf-8")
    for args in (
        [str(po), "--select", "TQA-STR"],
        [str(folder), "--select", "TQA-TYP"],
    ):
        result = runner.invoke(app, ["check", *args, "--isolated"])
        assert result.exit_code in (0, 1), result.output
        lines = result.stdout.splitlines()
        assert not any(line.lstrip().startswith("::") for line in lines), result.stdout
        assert "^J::" in result.stdout
        assert not RAW.search(result.stdout), RAW.findall(result.stdout)
    result = runner.invoke(app, ["check", str(po), "--select", "TQA-STR", "-f", "markdown"])
    row = next(line for line in result.stdout.splitlines() if "TQA-STR-003" in line)
    assert "None" not in row and "| 5 |" in row, row


def test_sarif_locations_are_uri_references_that_name_their_own_file(tmp_path: Path) -> None:
    """A space, "#", "%", "?" or ":" in a file name is percent-encoded: read as a
    URI, "a b#c.txt" would otherwise name "a b" with a fragment."""
    path = tmp_path / "a b#c%20d?e:f.txt"
    path.write_text('Le ministre parle d\'un "succès".\n', encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(path), "--isolated", "--select", "TQA-FRM-005", "-f", "sarif"]
    )
    sarif = json.loads(result.stdout)
    uris = [a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]]
    uris += [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    ]
    assert uris and all(u.endswith("/a%20b%23c%2520d%3Fe%3Af.txt") for u in uris), uris


def test_sarif_gives_an_absolute_path_as_a_file_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqa check /abs/a.txt -f sarif wrote "uri": "/abs/a.txt", a reference
    without a scheme that a code-scanning upload reads relative to the
    repository (and "C:/a.txt" as the scheme "C"); a relative path stays a
    relative reference."""
    from tqa.render.sarif import uri

    path = tmp_path / "a b.txt"
    path.write_text('Le ministre parle d\'un "succès".\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name, expected in ((str(path), path.as_uri()), ("a b.txt", "a%20b.txt")):
        result = runner.invoke(
            app, ["check", name, "--isolated", "--select", "TQA-FRM-005", "-f", "sarif"]
        )
        run = json.loads(result.stdout)["runs"][0]
        uris = {a["location"]["uri"] for a in run["artifacts"]}
        uris |= {
            loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]
            for loc in r["locations"]
        }
        assert uris == {expected}, (name, uris)
    assert uri("C:/texts/a b.txt") == "file:///C:/texts/a%20b.txt"
    assert uri("//server/share/a.txt") == "file://server/share/a.txt"


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="names must be bytes")
@pytest.mark.parametrize("fmt", [*FORMATS, "jsonl"])
def test_a_file_name_that_is_not_utf8_is_reported_not_an_internal_error(
    tmp_path: Path, fmt: str
) -> None:
    """tqa check 'bad\\xff.txt' -f json -o r.json: the name's byte that is not
    UTF-8 is written \\xff in every report (it stopped every format but html
    and junit with "internal error (UnicodeEncodeError …)", exit 2), and the
    report reads back."""
    folder = tmp_path / "texts"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff.txt")
    (folder / name).write_text("Le chat dort:ici.\n", encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    args = ["check", str(folder), "--isolated", "--select", "TQA-TYP", "-f", fmt, "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "tqa", *args, "-q"], capture_output=True, cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    text = out.read_text(encoding="utf-8")
    # raw, in JSON, in a URI, in Markdown
    written = ("bad\\xff.txt", "bad\\\\xff.txt", "bad%5Cxff.txt", "bad&#92;xff.txt")
    assert any(name in text for name in written), text[:2000]
    if fmt in ("json", "jsonl"):
        back = subprocess.run(
            [sys.executable, "-m", "tqa", "render", str(out), "-f", "markdown"],
            capture_output=True,
            cwd=tmp_path,
        )
        assert back.returncode == 0 and b"bad&#92;xff.txt" in back.stdout, back.stderr


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="names must be bytes")
def test_an_unpaired_file_whose_name_is_not_utf8_is_listed_not_an_internal_error(
    tmp_path: Path,
) -> None:
    """tqa check up -f json -o r.json with up/b\\xffd.de.txt and no translation:
    the unpaired entry's message names the missing translation with the raw
    byte, and the report stopped with "internal error (UnicodeEncodeError …)"."""
    folder = tmp_path / "up"
    folder.mkdir()
    (folder / os.fsdecode(b"b\xffd.de.txt")).write_text("Der Hund schläft.\n", encoding="utf-8")
    (folder / "ok.txt").write_text("Le chat dort.\n", encoding="utf-8")
    out = tmp_path / "report.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tqa",
            "check",
            str(folder),
            "--isolated",
            "-f",
            "json",
            "-o",
            str(out),
        ],
        capture_output=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    unpaired = json.loads(out.read_text(encoding="utf-8"))["unpaired"]
    assert [u["side"] for u in unpaired] == ["source"]
    assert "b\\xffd.fr.txt was not found" in unpaired[0]["message"]
