"""Time ``tqa check DIR --jobs 1`` against ``--jobs 2`` on the WMT22 de→fr
references, one file per document (one segment per line).

    python scripts/bench_batch.py [--limit N] [--jobs 2]

Reads ../shared/data/wmt22-defr/wmttest2022.de-fr.all.xml (relative to the
repository root); when it is absent the script says so and exits 0.
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

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"


def write_documents(xml: Path, folder: Path, limit: int | None) -> int:
    """One text file per document: its first French reference, a segment per line."""
    count = 0
    for doc in ET.parse(xml).getroot().iter("doc"):
        ref = doc.find("ref[@lang='fr']")
        if ref is None:
            continue
        segments = [" ".join((seg.text or "").split()) for seg in ref.iter("seg")]
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in doc.get("id", str(count)))
        (folder / f"{count:03d}-{name[:60]}.txt").write_text(
            "\n".join(segments) + "\n", encoding="utf-8"
        )
        count += 1
        if limit is not None and count >= limit:
            break
    return count


def timed(folder: Path, jobs: int) -> tuple[float, float, int, bytes]:
    tqa = Path(sys.executable).with_name("tqa")
    command = [str(tqa) if tqa.exists() else "tqa", "check", str(folder), "--segmentation", "lines",
               "--format", "json", "--jobs", str(jobs)]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode not in (0, 1):
        sys.exit(
            f"tqa failed with status {done.returncode}: {done.stderr.decode(errors='replace')}"
        )
    return elapsed, cpu, done.returncode, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use the first N documents only")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes to compare with 1")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"bench_batch: {DATA} is not available; nothing to measure.")
        return 0
    with tempfile.TemporaryDirectory(prefix="tqa-bench-") as tmp:
        folder = Path(tmp)
        count = write_documents(DATA, folder, args.limit)
        print(f"{count} documents from {DATA.name} in {folder} ({os.cpu_count()} CPUs)")
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        serial, cpu, status, out1 = timed(folder, 1)
        print(f"--jobs 1: {serial:7.1f} s wall, {cpu:.1f} s CPU (exit {status})")
        parallel, cpu, status, out2 = timed(folder, args.jobs)
        print(
            f"--jobs {args.jobs}: {parallel:7.1f} s wall, {cpu:.1f} s CPU in all processes "
            f"(exit {status}; load average after: {os.getloadavg()[0]:.2f})"
        )
        print(f"speed-up: {serial / parallel:.2f}x; identical reports: {out1 == out2}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
