"""Size and first render of the HTML report of a batch: bytes, and, when
Playwright and Chromium are installed, how tall the page is and how many
elements Chromium lays out on opening it.

    python scripts/bench_html.py [--docs 61] [--corpus wmt|sample] [--keep DIR]
    python scripts/bench_html.py --measure report.html [other.html ...]
    python scripts/bench_html.py --growth

``--corpus wmt`` checks the first N documents of the WMT22 de→fr test set,
their French references only (one file per document, a segment per line, as
scripts/bench_batch.py writes them), read from
../shared/data/wmt22-defr/wmttest2022.de-fr.all.xml; when it is absent the
script says so and exits 0. ``--corpus sample`` checks N copies of
corpora/kazakhstan-summit.fr.txt. ``--measure`` only measures HTML files
already written (to compare two versions of the renderer). ``--growth``
renders one document of 1,000 and 10,000 segments, each with a finding (and
one finding in ten spanning five segments), and prints the time ratio, which
stays near 10 when rendering is linear.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import DATA, write_documents  # noqa: E402

#: elements the reader's browser renders on opening (not those of a closed <details>)
LAID_OUT = """() => Array.from(document.body.querySelectorAll('*'))
  .filter(e => e.checkVisibility()).length"""


def tqa(*args: str) -> subprocess.CompletedProcess[bytes]:
    exe = Path(sys.executable).with_name("tqa")
    command = [str(exe) if exe.exists() else "tqa", *args]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"tqa failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return done


def make_report(folder: Path, corpus: str, docs: int) -> Path | None:
    texts = folder / "texts"
    texts.mkdir()
    options = []
    if corpus == "wmt":
        if not DATA.exists():
            print(f"{DATA} is absent: nothing to measure")
            return None
        write_documents(DATA, texts, docs)
        options = ["--segmentation", "lines"]
    else:
        for n in range(docs):
            shutil.copy(SAMPLE, texts / f"copy-{n:03d}.fr.txt")
    saved = folder / "report.json"
    start = time.perf_counter()
    tqa("check", str(texts), *options, "--format", "json", "-o", str(saved), "--jobs", "2")
    print(f"checked {docs} documents in {time.perf_counter() - start:.1f} s")
    html = folder / "report.html"
    tqa("render", str(saved), "--format", "html", "-o", str(html))
    return html


def measure(paths: list[Path]) -> None:
    for path in paths:
        print(f"{path}: {path.stat().st_size:,} bytes")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: no browser measurements")
        return
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        print("chromium is not installed: no browser measurements")
        return
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        for path in paths:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load")
            loaded = time.perf_counter() - start
            height = page.evaluate("document.documentElement.scrollHeight")
            shown = page.evaluate(LAID_OUT)
            print(
                f"{path.name}: loaded in {loaded * 1000:.0f} ms, page height {height:,} px, "
                f"{shown:,} elements rendered"
            )
            page.close()
        browser.close()


def synthetic(segments: int) -> Any:
    from tqa.model import DocumentReport, Finding, Report, Score, Segment

    line = "Le sommet commence à Astana und Kasachstan.\n"
    word = line.index("Kasachstan")
    text = line * segments
    segs, findings = [], []
    for n in range(segments):
        at = n * len(line)
        segs.append(Segment(n, at, at + len(line) - 1, line[:-1], "line", n, lang="fr"))
        findings.append(
            Finding(
                "TQA-MIX-002",
                "source-word-in-target",
                "accuracy/untranslated",
                "major",
                0.9,
                n,
                at + word,
                at + word + 10,
                "Kasachstan",
                "German word",
                ("Kazakhstan",),
                "zipf",
            )  # fmt: skip
        )
        if n % 10 == 0:
            findings.append(
                Finding(
                    "TQA-TYP-007",
                    "x",
                    "fluency/punctuation",
                    "minor",
                    0.5,
                    n,
                    at,
                    at + 5 * len(line),
                    text[at : at + 5 * len(line)],
                    "span",
                    (),
                    "",
                )  # fmt: skip
            )
    score = Score(50.0, 95.0, False, 1.0)
    doc = DocumentReport("big.txt", text, "de", "fr", 7 * segments, score, tuple(segs), (),
                         tuple(findings))  # fmt: skip
    return Report((doc,), "0.3.0")


def growth() -> None:
    from tqa.render.html import render

    render(synthetic(10))  # compile the template
    times = []
    for size in (1_000, 10_000):
        report = synthetic(size)
        start = time.perf_counter()
        render(report)
        times.append(time.perf_counter() - start)
        print(f"{size:,} segments: {times[-1]:.2f} s")
    print(f"ratio {times[1] / times[0]:.1f} for 10x the input")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=61, help="documents in the batch")
    parser.add_argument("--corpus", choices=("wmt", "sample"), default="wmt")
    parser.add_argument("--keep", type=Path, help="copy the JSON and HTML reports here")
    parser.add_argument("--measure", type=Path, nargs="+", help="only measure these HTML files")
    parser.add_argument("--growth", action="store_true", help="time rendering at two sizes")
    args = parser.parse_args()
    if args.growth:
        growth()
        return 0
    if args.measure:
        measure(args.measure)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        html = make_report(Path(tmp), args.corpus, args.docs)
        if html is None:
            return 0
        measure([html])
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for name in ("report.json", "report.html"):
                shutil.copy(Path(tmp) / name, args.keep / f"{args.corpus}-{args.docs}-{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
