"""Time and peak memory of `tqa check` with every check on large or hostile input.

    python scripts/bench_large.py [--megabytes 2] [--max-rss-mb 1024] [--keep FILE]
    python scripts/bench_large.py --pair 20000 [--select CODES]
    python scripts/bench_large.py --megabytes 1 --one-line

The article is ordinary French: the WMT22 French references
(../shared/data/wmt22-defr, the <ref> elements only) run together and
repeated up to the size asked for, or the sample article
corpora/kazakhstan-summit.fr.txt repeated when the WMT22 data is absent.
With --pair N the input is instead one sentence pair without a sentence
end: a French target of "1 km " × N checked against a German source of
"1 Kilometer " × N (N = 20,000: 100 kB and 240 kB, one segment each).
With --one-line the article's line ends become spaces: one line of that
size, which the test suite checks at 140 kB only (tests/test_cli.py).
`tqa check … --format json` runs in a child process; its wall time, CPU
time (user + system) and peak resident memory (the child's ru_maxrss, as
/usr/bin/time -v reports it) are printed, with the load average. Exits 1
when the peak is over --max-rss-mb (default 1 GB).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
WMT = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"


def wmt_references(path: Path = WMT) -> str:
    """The French references, one paragraph per WMT22 document."""
    docs = []
    for doc in ET.parse(path).getroot().iter("doc"):
        ref = doc.find("ref")
        if ref is not None:
            docs.append("\n".join((seg.text or "").strip() for seg in ref.iter("seg")))
    return "\n\n".join(docs) + "\n"


def article(size: int) -> tuple[str, str]:
    """(text of at least ``size`` UTF-8 bytes, cut at a paragraph, where it comes from)."""
    if WMT.exists():
        base, origin = wmt_references(), "WMT22 French references"
    else:
        base, origin = SAMPLE.read_text(encoding="utf-8"), "the sample article"
    paragraphs = base.rstrip("\n").split("\n\n")
    chosen, used = [], 0
    while used < size:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph)
        used += len(paragraph.encode("utf-8")) + 2
    copies = len(chosen) / len(paragraphs)
    return "\n\n".join(chosen) + "\n", f"{origin} × {copies:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0, help="article size (UTF-8)")
    parser.add_argument(
        "--pair",
        type=int,
        metavar="N",
        help='check "1 km " x N against the source "1 Kilometer " x N instead',
    )
    parser.add_argument(
        "--max-rss-mb", type=float, default=1024.0, help="largest accepted peak, MiB (1 GiB)"
    )
    parser.add_argument(
        "--one-line", action="store_true", help="the article as one line (line ends as spaces)"
    )
    parser.add_argument("--keep", help="also write the checked text to this file")
    parser.add_argument("--select", help="checks to run (default: every check)")
    args = parser.parse_args()

    if args.pair:
        text, origin = "1 km " * args.pair, f'"1 km " × {args.pair:,}'
        source = "1 Kilometer " * args.pair
    else:
        text, origin = article(int(args.megabytes * 1_000_000))
        source = None
        if args.one_line:
            text, origin = " ".join(text.split()) + "\n", origin + ", one line"
    if args.keep:
        Path(args.keep).write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.fr.txt"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size
        command = [sys.executable, "-m", "tqa.cli", "check", str(path), "--format", "json"]
        if source is not None:
            source_path = Path(tmp) / "article.de.txt"
            source_path.write_text(source, encoding="utf-8")
            command += ["--source", str(source_path)]
            origin += f', source "1 Kilometer " × {args.pair:,}'
        if args.select:
            command += ["--select", args.select]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the one child
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    words = len(text.split())
    checks = args.select or "every check"
    print(f"input: {size / 1e6:.2f} MB, {words:,} words ({origin})")
    print(
        f"tqa check, {checks}: exit {done.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak RSS {peak_mb:.0f} MB (load average {os.getloadavg()[0]:.1f})"
    )
    if done.returncode not in (0, 1):
        print(done.stderr.decode("utf-8", "replace")[-2000:], file=sys.stderr)
        return 2
    if peak_mb > args.max_rss_mb:
        print(f"peak memory over {args.max_rss_mb:.0f} MiB")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
