"""The HTML report in a real browser (headless Chromium through Playwright):
filters hide findings, a finding opens its details beside the text (never over
the French column), a crafted report neither runs, navigates nor creates an
element, the index of a batch sorts and filters, and without JavaScript every
finding's suggestion and evidence is still on the page. Skipped when
Playwright or Chromium is not installed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from html_payloads import ALLOWED_ATTRS, ALLOWED_TAGS, TARGET, crafted_report, payload
from typer.testing import CliRunner

from tqa.cli import app
from tqa.config import Config
from tqa.model import Document, DocumentReport, Report, Score, Segment
from tqa.pipeline import build_report, check_document
from tqa.render.html import render
from tqa.render.json_report import render as render_json

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SEED = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
HOSTILE = (
    "Le sommet <script>window.__pwned=1</script> commence à Astana.\n\n"
    'Une image <img src=x onerror="window.__pwned=1"> dans le texte, '
    "und das ist ein deutscher Satz hier.\n"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=executable, args=ARGS)
        except Exception as exc:  # a broken or incompatible browser is an environment problem
            pytest.skip(f"chromium does not start: {exc}")
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def seed_doc() -> DocumentReport:
    text = SEED.read_text(encoding="utf-8")
    return check_document(Document("corpora/kazakhstan-summit.fr.txt", text), Config())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("html")


@pytest.fixture(scope="module")
def batch_file(folder: Path, seed_doc: DocumentReport) -> Path:
    hostile = check_document(Document("hostile.txt", HOSTILE), Config())
    path = folder / "batch.html"
    path.write_text(render(build_report(iter([seed_doc, hostile]))), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_file(folder: Path, seed_doc: DocumentReport) -> Path:
    path = folder / "seed.html"
    path.write_text(render(build_report(iter([seed_doc]))), encoding="utf-8")
    return path


def _open(browser: Any, path: Path, **options: Any) -> tuple[Any, list[str]]:
    context = browser.new_context(**options)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}"))
    page.goto(path.as_uri())
    return page, problems


def test_filter_details_and_no_script_injection(browser: Any, batch_file: Path) -> None:
    page, problems = _open(browser, batch_file, viewport={"width": 1280, "height": 900})

    # score, verdict and the index of documents; a batch starts collapsed
    assert page.locator("#index tbody tr").count() == 2
    assert page.locator("#doc-0 td.src").first.is_visible() is False
    page.locator("#index a[href='#doc-0']").click()
    assert page.locator("#doc-0 .score").inner_text() != ""
    assert page.locator("#doc-0 .badge").first.inner_text() in ("PASS", "FAIL")
    # side by side: the German sentence of the mixed article sits in the German column
    assert "Gipfeltreffen" in "".join(page.locator("#doc-0 td.src").all_inner_texts())

    total = page.locator("li.finding-item").count()
    minor = page.locator("li.finding-item[data-severity=minor]").count()
    assert total > minor > 0
    assert page.locator("#shown-count").inner_text() == str(total)

    # unticking "minor" hides the minor findings in the list and un-highlights their marks
    page.locator("input[name=severity][value=minor]").uncheck()
    assert page.locator("#shown-count").inner_text() == str(total - minor)
    assert page.locator("#doc-0 li.finding-item[data-severity=minor]:visible").count() == 0
    assert page.locator("#doc-0 li.finding-item[data-severity=major]:visible").count() > 0
    page.locator("input[name=severity][value=minor]").check()

    # choosing one check in the select keeps only its findings
    page.locator("#filter-code").select_option("TQA-MIX-002")
    visible = page.locator("#doc-0 li.finding-item:visible")
    assert (
        visible.count() == page.locator("#doc-0 li.finding-item[data-code='TQA-MIX-002']").count()
    )
    page.locator("#filter-code").select_option("")

    # keyboard: focus a highlighted finding in the text, Enter opens its details
    page.locator("#doc-0 mark.f", has_text="Symbolbild").first.locator("a").focus()
    page.keyboard.press("Enter")
    details = page.locator("#details")
    assert details.is_visible()
    shown = details.inner_text()
    assert "TQA-MIX-002" in shown and "Symbolbild" in shown and "Evidence" in shown
    assert "Photo d'illustration" in shown  # the suggestion
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=False)
    page.keyboard.press("Escape")
    assert not details.is_visible()

    # clicking a finding in the list opens it too
    page.locator("#doc-0 li.finding-item[data-code='TQA-MIX-001'] a.finding").first.click()
    assert "TQA-MIX-001" in details.inner_text()

    # hostile text is shown as text and never ran
    page.locator("#doc-1 > summary").click()
    hostile = page.locator("#doc-1")
    assert "<script>window.__pwned=1</script>" in hostile.inner_text()
    assert 'onerror="window.__pwned=1"' in hostile.inner_text()
    assert hostile.locator("img").count() == 0 and page.locator("script").count() == 1
    assert page.evaluate("window.__pwned") is None
    assert problems == []
    page.context.close()


# -- crafted reports -----------------------------------------------------------------------

ELEMENTS = """() => Array.from(document.querySelectorAll('*')).map(e => [
  e.tagName.toLowerCase(), Array.from(e.attributes).map(a => a.name)])"""


def _assert_inert(browser: Any, path: Path) -> None:
    (path.parent / TARGET).write_text("<title>navigated</title>", encoding="utf-8")
    page, problems = _open(browser, path, viewport={"width": 1280, "height": 800})
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    url = page.url
    # open every document and every finding: the details panel clones list items
    if page.locator("#expand-all").count():
        page.locator("#expand-all").click()
    for mark in page.locator("mark.f").all():
        mark.click()
    for head in page.locator("li.finding-item .fhead").all():
        head.click()
    page.wait_for_timeout(1500)  # a refresh with content=0 or 1 would have fired
    assert page.url == url and navigations == [] and page.title().startswith("tqa report")
    elements = page.evaluate(ELEMENTS)
    assert {tag for tag, _ in elements} <= ALLOWED_TAGS
    assert {name.lower() for _, names in elements for name in names} <= ALLOWED_ATTRS
    assert page.locator("img, iframe, form, base, link, b, meta[http-equiv=refresh]").count() == 0
    assert page.locator("script").count() == 1 and page.locator("meta").count() == 4
    assert page.evaluate("window.__pwned") is None
    # nothing even tried: a blocked script or image would be reported on the console
    assert problems == []
    # the data is on the page, as text
    assert payload("message 0") in page.locator("body").inner_text()
    assert payload("evidence 0") in (page.locator("body").text_content() or "")
    page.context.close()


def test_a_crafted_report_neither_navigates_nor_creates_elements(
    browser: Any, folder: Path
) -> None:
    path = folder / "crafted" / "report.html"
    path.parent.mkdir()
    path.write_text(render(crafted_report()), encoding="utf-8")
    _assert_inert(browser, path)


def test_tqa_render_of_a_crafted_json_report_is_inert(browser: Any, folder: Path) -> None:
    saved = folder / "cli" / "crafted.json"
    saved.parent.mkdir()
    saved.write_text(render_json(crafted_report(everywhere=False)), encoding="utf-8")
    out = saved.with_suffix(".html")
    result = CliRunner().invoke(app, ["render", str(saved), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    _assert_inert(browser, out)


# -- layout ------------------------------------------------------------------------------


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("width, height", [(1280, 800), (800, 600)])
def test_the_details_panel_never_covers_the_french_column(
    browser: Any, seed_file: Path, width: int, height: int
) -> None:
    page, problems = _open(browser, seed_file, viewport={"width": width, "height": height})
    french = page.locator("#doc-0 table.aligned tbody td:last-child")
    panel = page.locator("#details")
    marks = page.locator("#doc-0 table.aligned td:last-child mark.f")
    items = page.locator("#doc-0 li.finding-item .fhead")
    # a mark near the top, a finding of the list whose mark is far down, the last mark
    for opener in (marks.first, items.last, marks.last):
        opener.click()
        assert panel.is_visible()
        box = panel.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + 40 < height  # in view
        cells = [c for c in (cell.bounding_box() for cell in french.all()) if c]
        assert cells and all(c["width"] >= 300 for c in cells)  # the text stays readable
        covered = [c for c in cells if _overlap(box, c)]
        assert covered == [], f"details panel {box} covers French cells {covered[:2]}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"html-details-{width}x{height}.png"))
    assert problems == []
    page.context.close()


def test_line_column_and_segment_agree_between_list_and_text(browser: Any, seed_file: Path) -> None:
    page, _ = _open(browser, seed_file, viewport={"width": 1280, "height": 800})
    pairs = page.evaluate(
        """() => Array.from(document.querySelectorAll('li.finding-item')).map(li => {
             const link = li.querySelector('a.finding');
             const target = link && document.getElementById(link.getAttribute('href').slice(1));
             const row = target && target.closest('tr');
             return [li.querySelector('.loc').textContent, li.querySelector('.fhead .muted').textContent,
                     row ? row.querySelector('.sid').innerText : null];
           })"""
    )
    assert len(pairs) > 10
    for loc, seg, sid in pairs:
        assert sid is not None, (loc, seg)
        # the row lists where each of its segments starts: "3:1 seg 1", "4:1 seg 2"
        starts = {int(n): int(line) for line, n in re.findall(r"(\d+):\d+ seg (\d+)", sid)}
        number = int(seg.removeprefix("seg "))
        assert number in starts, (loc, seg, sid)
        assert starts[number] <= int(loc.split(":")[0]), (loc, seg, sid)
    page.context.close()


# -- a batch: collapsed documents, sortable and filterable index ---------------------------


def _batch() -> Report:
    def doc(path: str, value: float, passed: bool) -> DocumentReport:
        text = f"Texte de {path}.\n"
        seg = Segment(0, 0, len(text) - 1, text[:-1], "sentence", 0, lang="fr", confidence=1.0)
        score = Score(value=value, threshold=95.0, passed=passed, penalty=100.0 - value)
        return DocumentReport(path, text, "de", "fr", 3, score, (seg,), (), ())

    docs = [
        doc("news/delta.txt", 72.5, False), doc("news/alpha.txt", 99.0, True),
        doc("blog/charlie.txt", 40.0, False), doc("news/bravo.txt", 96.5, True),
        doc("blog/echo.txt", 100.0, True),
    ]  # fmt: skip
    return Report(tuple(docs), "0.3.0")


def _index(page: Any) -> list[str]:
    return [
        text.split("\t")[0]
        for text in page.locator("#index-table tbody tr:visible").all_inner_texts()
    ]


def test_batch_index_sorts_and_filters_and_documents_start_collapsed(
    browser: Any, folder: Path
) -> None:
    path = folder / "index.html"
    path.write_text(render(_batch()), encoding="utf-8")
    page, problems = _open(browser, path, viewport={"width": 1280, "height": 800})
    assert (
        page.evaluate("Array.from(document.querySelectorAll('details.doc')).map(d => d.open)")
        == [False] * 5
    )
    assert not page.locator("#doc-0 table.aligned").is_visible()

    page.locator("th[data-key=score] button").click()
    assert _index(page) == [
        "blog/charlie.txt", "news/delta.txt", "news/bravo.txt", "news/alpha.txt", "blog/echo.txt",
    ]  # fmt: skip
    assert page.locator("th[data-key=score]").get_attribute("aria-sort") == "ascending"
    page.locator("th[data-key=score] button").click()
    assert _index(page)[0] == "blog/echo.txt"
    assert page.locator("th[data-key=score]").get_attribute("aria-sort") == "descending"
    page.locator("th[data-key=path] button").click()
    assert _index(page) == sorted(_index(page))

    page.locator("#index-verdict").select_option("fail")
    assert _index(page) == ["blog/charlie.txt", "news/delta.txt"]
    assert page.locator("#index-count").inner_text() == "2"
    assert page.locator("details.doc:visible").count() == 2  # the documents follow the index
    page.locator("#index-verdict").select_option("")
    page.locator("#index-min").fill("50")
    page.locator("#index-max").fill("99")
    assert _index(page) == ["news/alpha.txt", "news/bravo.txt", "news/delta.txt"]
    page.locator("#index-path").fill("news/b")
    assert _index(page) == ["news/bravo.txt"]
    page.locator("#index-min").fill("")
    page.locator("#index-max").fill("")
    page.locator("#index-path").fill("")
    assert len(_index(page)) == 5

    page.locator("#index-table a", has_text="news/bravo.txt").click()
    assert page.locator("#doc-3 table.aligned").is_visible()
    page.locator("#expand-all").click()
    assert page.locator("details.doc[open]").count() == 5
    page.locator("#collapse-all").click()
    assert page.locator("details.doc[open]").count() == 0
    assert problems == []
    page.context.close()


# -- without JavaScript ----------------------------------------------------------------------


def test_without_javascript_suggestions_and_evidence_are_visible(
    browser: Any, seed_file: Path, batch_file: Path
) -> None:
    page, problems = _open(
        browser, seed_file, java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    item = page.locator("li.finding-item", has_text="Symbolbild").first
    assert item.locator("dd.suggestion").is_visible()
    assert "Photo d'illustration" in item.locator("dd.suggestion").inner_text()
    assert item.locator("dd.evidence").is_visible()
    assert "hunspell" in item.locator("dd.evidence").inner_text()
    assert not page.locator("#side").is_visible()  # the filters need JavaScript
    # a highlighted word links to its finding
    page.locator("#doc-0 mark.f", has_text="Symbolbild").first.locator("a").click()
    assert re.search(r"#d0-f\d+$", page.url)
    target = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{target}").is_visible()
    assert problems == []
    page.context.close()

    page, problems = _open(browser, batch_file, java_script_enabled=False)
    assert not page.locator("#doc-1 table.aligned").is_visible()
    page.locator("#doc-1 > summary").click()  # details/summary needs no script
    assert page.locator("#doc-1 table.aligned").is_visible()
    assert problems == []
    page.context.close()


def test_control_characters_are_visible_escapes(browser: Any, folder: Path) -> None:
    text = "Titre\x1b]0;pwned\x07 et \x1b[31mrouge\x1b[0m, \u202eesrever.\n"
    seg = Segment(0, 0, len(text) - 1, text[:-1], "sentence", 0, lang="fr", confidence=1.0)
    doc = replace(_batch().documents[0], path="ctl\x1b.txt", text=text, segments=(seg,))
    path = folder / "ctl.html"
    path.write_text(render(Report((doc,), "0.3.0")), encoding="utf-8")
    page, problems = _open(browser, path)
    cell = page.locator("#doc-0 table.aligned td:last-child").inner_text()
    assert "^[]0;pwned^G" in cell and "<U+202E>esrever" in cell
    body = page.evaluate("document.documentElement.outerHTML")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", body)
    assert page.title() == "tqa report — ctl^[.txt"
    assert problems == []
    page.context.close()
