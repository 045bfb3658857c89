"""Peak memory of a streamed batch against a whole report, by batch size.

    python scripts/bench_stream.py [--sizes 1000 10000 100000] [--select TQA-TYP]
                                   [--formats jsonl json] [--jobs 1]

Writes N small French documents (paragraphs of the sample article
corpora/kazakhstan-summit.fr.txt, one to three each, numbered so that no two
are the same) into a temporary folder and runs `tqa check FOLDER --format F
-o REPORT` in a child process for each size and format, printing wall time,
documents per second and that child's peak resident memory (ru_maxrss from
wait4, as /usr/bin/time -v reports it). With --format jsonl each document's report is
written and dropped as it is done, so the peak should not grow with N; with
--format json the whole report is held until the end.

The default --select (typography) keeps the runs short: reading, segmenting
and identifying languages run whatever is selected, and they are what a
streamed batch must not accumulate.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


def write_batch(folder: Path, count: int) -> int:
    paragraphs = [p.strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    size = 0
    for n in range(count):
        first = n % len(paragraphs)
        text = "\n\n".join(paragraphs[first : first + 1 + n % 3]) + f"\n\nDocument {n}.\n"
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{n:06d}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def run(
    folder: Path, report: Path, format: str, select: str, jobs: int
) -> tuple[float, float, int]:
    """Wall seconds, peak MB of the child, exit status."""
    command = [
        sys.executable, "-m", "tqa", "check", str(folder), "--format", format, "-o", str(report),
        "--select", select, "--isolated", "--jobs", str(jobs),
    ]  # fmt: skip
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE)
        assert child.stderr is not None
        errors = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak
        child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if child.returncode not in (0, 1):
        print(errors.decode("utf-8", "replace"), file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, child.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--formats", nargs="+", default=["jsonl", "json"])
    parser.add_argument("--select", default="TQA-TYP")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'documents':>9} {'MB in':>6} {'format':6} {'seconds':>8} {'docs/s':>7} {'peak MB':>8}")
    for size in sorted(args.sizes):
        with tempfile.TemporaryDirectory(prefix="tqa-bench-stream-") as tmp:
            folder = Path(tmp) / "batch"
            folder.mkdir()
            megabytes = write_batch(folder, size) / 1e6
            for format in args.formats:
                report = Path(tmp) / f"report.{format}"
                seconds, peak, status = run(folder, report, format, args.select, args.jobs)
                print(
                    f"{size:9} {megabytes:6.1f} {format:6} {seconds:8.1f} {size / seconds:7.0f} "
                    f"{peak:8.0f}" + ("" if status in (0, 1) else f"  exit {status}")
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
