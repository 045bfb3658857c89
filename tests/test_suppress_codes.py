"""Inline ``tqa: ignore[...]`` comments with codes that match no rule: the
finding stays, and the report says why (a note of kind ``unknown-code``) and
standard error warns — a typo must not pass for a fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tqa.cli import app

runner = CliRunner()

TEXT = "Titre\n\n<!-- tqa: ignore[TQA-ZZZ] -->\nBonjour le monde: ceci est un texte.\n"


def _report(tmp_path: Path, text: str) -> dict:  # type: ignore[type-arg]
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(path), "--select", "TQA-TYP-001", "--format", "json", "--isolated"]
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["documents"][0]  # type: ignore[no-any-return]


def test_an_unknown_code_in_an_ignore_comment_is_a_note_and_suppresses_nothing(
    tmp_path: Path,
) -> None:
    doc = _report(tmp_path, TEXT)
    assert [f["code"] for f in doc["findings"]] == ["TQA-TYP-001"]
    notes = [n for n in doc["notes"] if n["kind"] == "unknown-code"]
    assert len(notes) == 1
    assert notes[0]["message"].startswith("line 3: unknown rule code 'TQA-ZZZ' in a tqa: ignore")
    assert "rule families: TQA-" in notes[0]["message"]


def test_a_close_unknown_code_gets_a_did_you_mean(tmp_path: Path) -> None:
    doc = _report(tmp_path, TEXT.replace("TQA-ZZZ", "TQA-TYP-01, TQA-MIX"))
    (note,) = [n for n in doc["notes"] if n["kind"] == "unknown-code"]
    assert "'TQA-TYP-01'" in note["message"] and "did you mean 'TQA-TYP-001'?" in note["message"]
    assert [f["code"] for f in doc["findings"]] == ["TQA-TYP-001"]


def test_codes_in_ignore_comments_are_case_insensitive_and_tqa_is_optional(
    tmp_path: Path,
) -> None:
    for codes in ("typ-001", "tqa-typ", "missing-space-before-punctuation"):
        doc = _report(tmp_path, TEXT.replace("TQA-ZZZ", codes))
        assert doc["findings"] == [], codes
        assert [n["kind"] for n in doc["notes"]] == ["suppressed"], codes


def test_unknown_codes_are_warned_about_on_standard_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tqa.cli", "check", str(path), "--select", "TQA-TYP", "--isolated"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert f"tqa: warning: {path}: line 3: unknown rule code 'TQA-ZZZ'" in done.stderr
    assert done.stderr.count("unknown rule code") == 1
    assert "Traceback" not in done.stderr
    assert "note: line 3: unknown rule code 'TQA-ZZZ'" in done.stdout  # the text report


def test_many_unknown_codes_are_counted_after_the_first_twenty(tmp_path: Path) -> None:
    text = "".join(f"Ligne {n} <!-- tqa: ignore[TQA-Q{n}] -->\n" for n in range(50))
    doc = _report(tmp_path, text)
    notes = [n["message"] for n in doc["notes"] if n["kind"] == "unknown-code"]
    assert len(notes) == 21
    assert notes[-1] == "… and 30 more unknown rule codes in tqa: ignore comments"


def test_comments_count_lines_alike_with_every_line_ending(tmp_path: Path) -> None:
    """A file with classic Mac (lone CR) or Windows line endings: the unknown
    code is on line 3, and a comment after text covers its own line only."""
    trailing = "Bonjour: un. <!-- tqa: ignore[TQA-TYP-001] -->\nBonjour: deux.\n"
    for newline in ("\n", "\r\n", "\r"):
        doc = _report(tmp_path, TEXT.replace("\n", newline))
        (note,) = [n for n in doc["notes"] if n["kind"] == "unknown-code"]
        assert note["message"].startswith("line 3: unknown rule code"), repr(newline)
        converted = trailing.replace("\n", newline)
        doc = _report(tmp_path, converted)
        assert [f["start"] for f in doc["findings"]] == [converted.index("Bonjour: deux")]


def test_a_comment_alone_covers_its_paragraph_with_every_line_ending(tmp_path: Path) -> None:
    text = "<!-- tqa: ignore[TQA-TYP-001] -->\nBonjour: un.\nSuite: deux.\n\nBonjour: trois.\n"
    for newline in ("\n", "\r\n", "\r"):
        converted = text.replace("\n", newline)
        doc = _report(tmp_path, converted)
        assert [f["start"] for f in doc["findings"]] == [converted.index("Bonjour: trois")]


def test_an_ignore_comment_with_empty_brackets_suppresses_nothing(tmp_path: Path) -> None:
    """``ignore[]`` names no rule: it suppressed every rule, as a bare
    ``tqa: ignore`` does; now it suppresses none and gets a note."""
    doc = _report(tmp_path, TEXT.replace("[TQA-ZZZ]", "[ , ]"))
    assert [f["code"] for f in doc["findings"]] == ["TQA-TYP-001"]
    notes = [n["message"] for n in doc["notes"] if n["kind"] == "unknown-code"]
    assert notes == [
        "line 3: tqa: ignore[] names no rule code (it suppresses nothing; "
        "tqa: ignore without brackets suppresses every rule)"
    ]
    bare = _report(tmp_path, TEXT.replace("[TQA-ZZZ]", ""))
    assert bare["findings"] == []


def test_a_comment_in_a_markdown_or_html_file_suppresses_as_in_plain_text(
    tmp_path: Path,
) -> None:
    """Markdown and HTML comments are not in the prose the checks read: they
    are read in the file itself, so that the example of docs/ci.md works in
    the files it is written for (a comment alone on its line covers the
    paragraph after it; one after text covers its line)."""
    cases = {
        "a.md": "# Titre\n\n<!-- tqa: ignore[TQA-TYP-001] -->\nBonjour le monde: ceci est"
        " un texte.\n\nUn autre monde: ici.\n",
        "a.html": "<p>Bonjour le monde: ceci est un texte. <!-- tqa: ignore[TQA-TYP] --></p>\n"
        "<p>Un autre monde: ici.</p>\n<!-- tqa: ignore[TQA-ZZZ] -->\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(
            app, ["check", str(path), "--select", "TQA-TYP-001", "--format", "json", "--isolated"]
        )
        assert result.exit_code in (0, 1), result.output
        doc = json.loads(result.stdout)["documents"][0]
        # the second paragraph's finding stays, the first's is suppressed
        assert [(f["code"], f["origin"]["line"]) for f in doc["findings"]] == [
            ("TQA-TYP-001", 6 if name == "a.md" else 2)
        ], name
        kinds = [n["kind"] for n in doc["notes"]]
        assert "suppressed" in kinds, (name, doc["notes"])
        assert ("unknown-code" in kinds) == (name == "a.html"), (name, doc["notes"])


def test_in_html_a_comment_covers_the_next_block_and_in_markdown_code_shows_one(
    tmp_path: Path,
) -> None:
    """HTML has no blank lines between its elements: a comment alone on its
    line covered every paragraph after it to the end of the page; it covers
    the next one. A comment shown in a Markdown code block (documentation of
    the syntax) is an example, not a comment: it suppressed the paragraph
    after the block."""
    page = tmp_path / "b.html"
    page.write_text(
        "<html><body>\n<p>Le sommet commence lundi.</p>\n<!-- tqa: ignore[TQA-TYP] -->\n"
        "<p>Bonjour le monde: ici.</p>\n<p>Un autre monde: ici.</p>\n</body></html>\n",
        encoding="utf-8",
    )
    guide = tmp_path / "doc.md"
    guide.write_text(
        "# Guide\n\n```markdown\n<!-- tqa: ignore[TQA-TYP] -->\n```\nBonjour le monde: ici.\n\n"
        "    <!-- tqa: ignore[TQA-ZZZ] -->\nUn autre monde: ici.\n",
        encoding="utf-8",
    )
    lines = {}
    for path in (page, guide):
        result = runner.invoke(
            app, ["check", str(path), "--select", "TQA-TYP-001", "--format", "json", "--isolated"]
        )
        assert result.exit_code in (0, 1), result.output
        doc = json.loads(result.stdout)["documents"][0]
        lines[path.name] = [f["origin"]["line"] for f in doc["findings"]]
        kinds = [n["kind"] for n in doc["notes"]]
        assert ("suppressed" in kinds) == (path is page), doc["notes"]
        assert "unknown-code" not in kinds, doc["notes"]
    assert lines == {"b.html": [5], "doc.md": [6, 9]}
