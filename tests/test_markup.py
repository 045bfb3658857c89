"""Markdown and HTML: the prose only, every finding mapped back to its line
and column in the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.read import Input, read_input

DATA = Path(__file__).parent / "data" / "markup"
MARKDOWN = DATA / "sommet.fr.md"
HTML = DATA / "sommet.fr.html"


def text_of(path: Path) -> str:
    document = read_input(Input(str(path), str(path)), 1_000_000, "de", "fr")
    return document.text


def report(path: Path, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["check", str(path), "--isolated", "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    saved = tmp_path / "report.json"
    saved.write_text(result.stdout, encoding="utf-8")
    again = CliRunner().invoke(app, ["render", str(saved), "--format", "json"])
    assert again.exit_code == 0, again.stderr  # valid against the published schema
    return json.loads(result.stdout)["documents"][0]  # type: ignore[no-any-return]


def in_file(path: Path, origin: dict) -> str:  # type: ignore[type-arg]
    """The file's text between an origin's line/column and end line/column."""
    lines = re.split(r"\r\n|\n", path.read_text(encoding="utf-8"))
    assert origin["line"] == origin["end_line"]
    line = lines[origin["line"] - 1]
    return line[origin["column"] - 1 : origin["end_column"] - 1]


def test_markdown_keeps_prose_headings_and_alt_text_only() -> None:
    text = text_of(MARKDOWN)
    assert "Le sommet de la fédération" in text  # heading, entities decoded
    assert "Les ministres au Kasachstan" in text  # image alt text
    assert "Les ministres ont signé trois accords." in text
    for left_out in ("lang:", "title:", "font-family", "faz.net", "1.4951234", "photo-1", "https"):
        assert left_out not in text, left_out
    assert "Voir\nle site" in text  # a line break in a paragraph stays one


def test_html_keeps_visible_text_alt_and_title() -> None:
    text = text_of(HTML)
    assert "Le sommet de la fédération" in text
    assert "Les ministres au Kasachstan" in text and "Le site du sommet" in text
    assert "s'est ouvert lundi au Kasachstan" in text  # white space as a browser shows it
    for left_out in ("font-family", "var lang", "1.5", "faz.net", "<", "&eacute;"):
        assert left_out not in text, left_out


@pytest.mark.parametrize("path", [MARKDOWN, HTML], ids=["markdown", "html"])
def test_every_finding_maps_to_its_line_and_column(path: Path, tmp_path: Path) -> None:
    document = report(path, tmp_path)
    words = [f for f in document["findings"] if f["code"] == "TQA-MIX-002"]
    assert [f["text"] for f in words] == ["Kasachstan", "Kasachstan"]
    for finding in document["findings"]:
        assert document["text"][finding["start"] : finding["end"]] == finding["text"]
        assert in_file(path, finding["origin"]) == finding["text"]
    assert document["format"] == path.suffix[1:].replace("md", "markdown")


def test_no_false_alarms_from_markup(tmp_path: Path) -> None:
    """The issue's cases: an entity, CSS, front matter and a URL's digits."""
    for path in (MARKDOWN, HTML):
        codes = {f["code"] for f in report(path, tmp_path)["findings"]}
        assert codes == {"TQA-MIX-002"}, path.name


def test_github_annotations_point_into_the_file() -> None:
    result = CliRunner().invoke(app, ["check", str(MARKDOWN), "--isolated", "--format", "github"])
    lines = [x for x in result.stdout.splitlines() if "TQA-MIX-002" in x]
    assert "line=7,col=33,endLine=7,endColumn=43" in lines[0]
    assert "line=10,col=20," in lines[1]


def test_deeply_nested_markdown_is_read_whole_or_refused(tmp_path: Path) -> None:
    """Block quotes 20 and 150 levels deep keep their text (markdown-it's
    default limit of 20 dropped it silently); nesting beyond the reader's
    limit is one line and exit 2, never text left out unchecked."""
    for depth in (20, 150):
        path = tmp_path / f"q{depth}.md"
        path.write_text("> " * depth + "Das Haus ist groß und schön.\n\nLa maison.\n", "utf-8")
        assert text_of(path).startswith("Das Haus ist groß und schön."), depth
    path = tmp_path / "deep.md"
    path.write_text("> " * 5000 + "Das Haus ist groß.\n", "utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--isolated"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"tqa: error: {path}: block quotes or lists nested too deeply (the Markdown "
        "reader's limit is 200 levels): the text inside would not be checked"
    ]


@pytest.mark.parametrize("run", ["![", "[", "[a"])
def test_brackets_in_markdown_cost_a_bounded_work_per_character(
    run: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every "[" makes markdown-it's inline parser try its rules again at
    each level of nesting up to its limit: with the block limit (200) for
    links too, 40 kB of "![" took 10.5 s to parse. Counted, not timed: the
    parser's look-aheads per character of the paragraph."""
    from markdown_it.parser_inline import ParserInline

    calls = 0
    skip = ParserInline.skipToken

    def counted(self, state):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        skip(self, state)

    monkeypatch.setattr(ParserInline, "skipToken", counted)
    path = tmp_path / "brackets.md"
    text = "Le sommet " + run * 2_000 + " commence lundi.\n"
    path.write_text(text, encoding="utf-8")
    assert text_of(path).startswith("Le sommet " + run)
    assert calls < 100 * len(text), calls


def test_hidden_markup_text_is_not_prose(tmp_path: Path) -> None:
    """Inline <script> in Markdown, and an HTML comment or declaration left
    open to the end of the file, are text a reader never sees."""
    cases = {
        "s.md": 'La maison <script>alert("Das Haus")</script> est <b>belle</b>.\n',
        "c.html": "<p>La maison.</p>\n<!-- Das Haus ist groß und schön.\n",
        "d.html": "<p>La maison.</p>\n<!DOCTYPE Das Haus ist groß und schön.\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        checked = text_of(path)
        assert "Haus" not in checked and "maison" in checked, (name, checked)
