"""The HTML report in a real browser (headless Chromium through Playwright):
filters hide findings, a finding opens its details, hostile document text
never runs. Skipped when Playwright or Chromium is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tqa.config import Config
from tqa.model import Document
from tqa.pipeline import build_report, check_document
from tqa.render.html import render

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
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
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
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = Config()
    documents = [
        check_document(
            Document("corpora/kazakhstan-summit.fr.txt", SEED.read_text(encoding="utf-8")), config
        ),
        check_document(Document("hostile.txt", HOSTILE), config),
    ]
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render(build_report(iter(documents))), encoding="utf-8")
    return path


def test_filter_details_and_no_script_injection(browser, report_file: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report_file.as_uri())

    # score, verdict and the index of documents
    assert page.locator("#index tbody tr").count() == 2
    assert page.locator("#doc-0 .score").inner_text() != ""
    assert page.locator("#doc-0 .badge").first.inner_text() in ("PASS", "FAIL")
    # side by side: the German sentence of the mixed article sits in the German column
    assert "Gipfeltreffen" in page.locator("#doc-0 table.aligned td.lang-de").all_inner_texts()[
        0
    ] + "".join(page.locator("#doc-0 table.aligned td.lang-de").all_inner_texts())

    total = page.locator("li.finding-item").count()
    minor = page.locator("li.finding-item[data-severity=minor]").count()
    assert total > minor > 0
    assert page.locator("#shown-count").inner_text() == str(total)

    # unticking "minor" hides the minor findings in the list and un-highlights their marks
    page.locator("input[name=severity][value=minor]").uncheck()
    assert page.locator("#shown-count").inner_text() == str(total - minor)
    assert page.locator("li.finding-item[data-severity=minor]:visible").count() == 0
    assert page.locator("li.finding-item[data-severity=major]:visible").count() > 0
    page.locator("input[name=severity][value=minor]").check()

    # choosing one check in the select keeps only its findings
    page.locator("#filter-code").select_option("TQA-MIX-002")
    visible = page.locator("li.finding-item:visible")
    assert visible.count() == page.locator("li.finding-item[data-code='TQA-MIX-002']").count()
    page.locator("#filter-code").select_option("")

    # keyboard: focus a highlighted finding in the text, Enter opens its details
    mark = page.locator("#doc-0 mark.f", has_text="Symbolbild").first
    mark.focus()
    page.keyboard.press("Enter")
    details = page.locator("#details")
    assert details.is_visible()
    shown = details.inner_text()
    assert "TQA-MIX-002" in shown and "Symbolbild" in shown and "Evidence" in shown
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=False)
    page.keyboard.press("Escape")
    assert not details.is_visible()

    # clicking a finding in the list opens it too
    page.locator("#doc-0 li.finding-item[data-code='TQA-MIX-001'] button").first.click()
    assert "TQA-MIX-001" in details.inner_text()

    # hostile text is shown as text and never ran
    hostile = page.locator("#doc-1")
    assert "<script>window.__pwned=1</script>" in hostile.inner_text()
    assert 'onerror="window.__pwned=1"' in hostile.inner_text()
    assert hostile.locator("img").count() == 0 and page.locator("body script").count() == 1
    assert page.evaluate("window.__pwned") is None
    assert errors == []
    page.close()
