"""The HTML report without a browser: every field of a crafted report is
escaped, numbers and whitelisted values are validated, the Content-Security-
Policy allows only the report's own style and script, control characters are
never written raw, batch errors are shown, and ``tqa render`` of a crafted
JSON report either renders it inert or refuses it in one line. (What a real
browser does with these pages: tests/test_html_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from html_payloads import ALLOWED_ATTRS, ALLOWED_TAGS, PAYLOADS, crafted_report, payload
from typer.testing import CliRunner

from tqa.cli import app
from tqa.errors import InputError
from tqa.model import Finding, Report, Score, Segment
from tqa.render.html import render
from tqa.render.json_report import to_dict


class Page(HTMLParser):
    """Elements, attributes and text as an HTML parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style = self.script = ""
        self._in = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.style += data
        elif self._in == "script":
            self.script += data
        else:
            self.text.append(data)


def _structure_is_safe(html: str) -> Page:
    page = Page(html)
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    assert {name for name, _ in page.attrs} <= ALLOWED_ATTRS
    assert page.tags.count("script") == 1 and page.tags.count("meta") == 4
    assert [v for k, v in page.attrs if k == "http-equiv"] == ["Content-Security-Policy"]
    assert all(v is not None and v.startswith("#") for k, v in page.attrs if k == "href")
    return page


def test_every_text_field_of_a_crafted_report_is_escaped() -> None:
    report = crafted_report()
    html = render(report)
    page = _structure_is_safe(html)
    shown = "".join(page.text)
    # each field's payload is shown as text, exactly
    fields = [
        "mixed path", "paired path", "source path", "version", "error", "note message",
        "message 0", "suggestion 1", "suggestion 1b", "evidence 2", "name 3", "category 0",
        "text 2", "segment lang",
    ]  # fmt: skip
    for field in fields:
        assert payload(field) in shown, field
    # the payload of a data attribute is escaped too (the filters read it)
    assert f'data-code="{payload("code 0")}"' not in html
    for raw in PAYLOADS.values():
        if raw.startswith("<"):
            assert raw not in html
    assert "&amp;lt;img src=x&amp;gt;" in html  # an entity in the data stays literal


CSP = re.compile(r'http-equiv="Content-Security-Policy" content="([^"]*)"')


def test_the_policy_allows_only_the_reports_own_style_and_script() -> None:
    html = render(crafted_report())
    page = Page(html)
    policy = CSP.search(html)
    assert policy is not None
    directives = dict(
        part.strip().split(" ", 1)
        for part in policy.group(1).replace("&#39;", "'").split(";")
        if part.strip()
    )

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == sha(page.style)
    assert directives["script-src"] == sha(page.script)
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    assert "unsafe" not in policy.group(1) and "http" not in policy.group(1)
    assert not any(name == "style" for name, _ in page.attrs)  # would be blocked


def _doc(report: Report, **changes: object) -> Report:
    return replace(report, documents=(replace(report.documents[0], **changes),))


def _finding(report: Report, **changes: object) -> Report:
    doc = report.documents[0]
    return _doc(report, findings=(replace(doc.findings[0], **changes), *doc.findings[1:]))


@pytest.mark.parametrize(
    "change",
    [
        lambda r: _doc(r, words=PAYLOADS["img"]),
        lambda r: _doc(r, words=True),
        lambda r: _doc(r, score=Score(PAYLOADS["meta"], 95.0, False, 1.0)),  # type: ignore[arg-type]
        lambda r: _doc(r, score=Score(float("nan"), 95.0, False, 1.0)),
        lambda r: _doc(r, score=Score(50.0, "95", False, 1.0)),  # type: ignore[arg-type]
        lambda r: _doc(r, score=Score(50.0, 95.0, "false", 1.0)),  # type: ignore[arg-type]
        lambda r: _finding(r, severity=PAYLOADS["img"]),
        lambda r: _finding(r, severity="blocker"),
        lambda r: _finding(r, confidence="0.5"),
        lambda r: _finding(r, start="3"),
        lambda r: _finding(r, segment='0" onclick="x'),
        lambda r: _doc(r, segments=(replace(r.documents[0].segments[0], id='0"><img>'),)),
    ],
)
def test_values_of_the_wrong_type_are_refused_in_one_line(change) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as raised:
        render(change(crafted_report()))
    assert "\n" not in str(raised.value) and "documents[0]" in str(raised.value)


RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_control_characters_are_shown_escaped_never_raw() -> None:
    text = "Titre\x1b]0;pwned\x07 et \x1b[31mrouge\x1b[0m, nul\x00, \u202eesrever, fin\x7f.\n"
    seg = Segment(0, 0, len(text) - 1, text[:-1], "sentence", 0, lang="fr", confidence=1.0)
    at = text.index("rouge")
    finding = Finding(
        "TQA-X", "x\x1b[2J", "fluency/x", "minor", 1.0, 0, at, at + 9, text[at : at + 9],
        "m\x1b[1mess\x9b", ("s\x08",), "e\x1b",
    )  # fmt: skip
    base = crafted_report().documents[0]
    doc = replace(base, path="a\x1b[31m.txt", text=text, segments=(seg,), alignment=(),
                  findings=(finding,), notes=())  # fmt: skip
    html = render(Report((doc,), "0.3.0", errors=("bad\x1b]8;;x\x07.txt: binary",)))
    assert RAW.search(html) is None
    # shown as the text reports show them: caret notation, or the code point
    assert '<span class="ctl" title="U+001B">^[</span>]0;pwned' in html
    assert '<span class="ctl" title="U+202E">&lt;U+202E&gt;</span>esrever' in html
    assert '<span class="ctl" title="U+0000">^@</span>' in html
    assert "<title>tqa report — a^[[31m.txt</title>" in html  # no markup where none can go


def test_batch_errors_are_shown() -> None:
    html = render(crafted_report())
    page = Page(html)
    assert "2 input(s) could not be checked" in "".join(page.text)
    assert 'role="alert"' in html and "2 error(s)" in "".join(page.text)


def test_line_and_column_and_segment_in_the_list_and_the_text_table() -> None:
    html = render(crafted_report())
    # the list: "line:col" and "seg N"; the table: the row's line:col and its segments
    assert re.search(r'<span class="loc">1:4</span> <span class="muted">seg 0</span>', html)
    assert '<td class="sid"><span>1:1 <small>seg 0</small></span></td>' in html
    # a German segment beside its French twin in a mixed document: both are located
    assert (
        '<td class="sid"><span>2:1 <small>seg 1</small></span><span>3:1 <small>seg 2</small>'
        in html
    )
    # the German source file of a pair has lines of its own
    assert "<span>1:1 <small>source seg 0</small></span><span>1:1 <small>seg 0</small>" in html


def test_documents_of_a_batch_start_collapsed_a_single_one_open() -> None:
    report = crafted_report()
    batch = render(report)
    assert (
        batch.count('<details class="doc"') == 3
        and '<details class="doc" id="doc-0" data-doc="0" open' not in batch
    )
    single = render(replace(report, documents=report.documents[:1]))
    assert '<details class="doc" id="doc-0" data-doc="0" open>' in single


def test_suggestions_and_evidence_are_in_the_page_without_javascript() -> None:
    page = Page(render(crafted_report()))
    shown = "".join(page.text)
    assert payload("suggestion 0") in shown and payload("evidence 0") in shown


# -- through the command line -------------------------------------------------------------


def _render_json(tmp_path: Path, data: dict) -> tuple[int, str, str]:  # type: ignore[type-arg]
    saved = tmp_path / "crafted.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "crafted.html"
    result = CliRunner().invoke(app, ["render", str(saved), "--format", "html", "-o", str(out)])
    html = out.read_text(encoding="utf-8") if out.exists() else ""
    return result.exit_code, result.stderr, html


def test_render_of_a_crafted_json_report_is_inert(tmp_path: Path) -> None:
    code, err, html = _render_json(tmp_path, to_dict(crafted_report(everywhere=False)))
    assert code == 0, err
    page = _structure_is_safe(html)
    shown = "".join(page.text)
    assert payload("message 0") in shown and payload("evidence 1") in shown


@pytest.mark.parametrize(
    "path, value",
    [
        (("documents", 0, "words"), PAYLOADS["img"]),
        (("documents", 0, "findings", 0, "severity"), PAYLOADS["img"]),
        (("documents", 0, "score", "value"), PAYLOADS["meta"]),
        (("documents", 0, "score", "passed"), "yes"),
        (("documents", 0, "findings", 0, "start"), "3"),
        (("documents", 0, "segments", 0, "id"), PAYLOADS["attr"]),
    ],
)
def test_render_refuses_a_crafted_json_field_of_the_wrong_type(
    tmp_path: Path, path: tuple[object, ...], value: object
) -> None:
    data = to_dict(crafted_report())
    node = data
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    code, err, html = _render_json(tmp_path, data)
    assert code == 2 and html == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqa: error: "), err
    assert "Traceback" not in err


def test_batch_errors_reach_the_html_written_directly_and_rendered_from_json(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.fr.txt").write_text("Le sommet commence à Astana.\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"abc\x00\x01<img src=x onerror=alert(1)>")
    runner = CliRunner()
    common = ["check", str(folder), "--select", "TQA-TYP"]
    direct, saved, rendered = tmp_path / "direct.html", tmp_path / "r.json", tmp_path / "r.html"
    result = runner.invoke(app, [*common, "--format", "html", "-o", str(direct)])
    assert result.exit_code == 2 and "b.txt" in result.stderr
    result = runner.invoke(app, [*common, "--format", "json", "-o", str(saved)])
    assert result.exit_code == 2
    result = runner.invoke(app, ["render", str(saved), "--format", "html", "-o", str(rendered)])
    assert result.exit_code == 0, result.stderr
    for path in (direct, rendered):
        page = _structure_is_safe(path.read_text(encoding="utf-8"))
        shown = "".join(page.text)
        assert "1 input(s) could not be checked" in shown, path.name
        assert "b.txt: binary file" in shown, path.name
