"""Compare ``tqa check DIR`` serial, with ``--jobs 2``, and on a Dask
LocalCluster of two worker processes (``--executor dask``), on the WMT22
de→fr French references (one file per document, a segment per line).

    python scripts/bench_dask.py [--limit N] [--select CODES]

For each run: wall time, CPU time of every process involved (tqa and its
worker processes; for Dask also the scheduler, nannies and workers), and
the peak of the summed resident memory (RSS) of those processes, sampled
every 0.2 s, with the load average. The Dask cluster is started once;
its first run ("cold") loads the models in the workers, the second
("warm") finds them loaded, as on a cluster that checks batch after batch.
The reports of all runs are compared byte for byte. Needs tqa[dask].
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
import threading
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_batch import DATA, write_documents  # noqa: E402


def serve_cluster() -> None:
    """Start a LocalCluster of two single-threaded worker processes, print
    its address, and keep it until standard input closes."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()


def tree(pids: Iterable[int]) -> list:  # list[psutil.Process]
    import psutil

    found = []
    for pid in pids:
        try:
            root = psutil.Process(pid)
            found += [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    return found


def cpu_seconds(pids: Iterable[int]) -> float:
    """User and system time of these processes and their descendants."""
    total = 0.0
    for process in tree(pids):
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except Exception:  # gone meanwhile
            pass
    return total


class PeakMemory:
    """The largest sum of RSS of the process trees under ``pids``, sampled."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        while not self.stop.is_set():
            total = 0
            for process in tree(self.pids):
                try:
                    total += process.memory_info().rss
                except Exception:
                    pass
            self.peak = max(self.peak, total)
            self.stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run(
    label: str, folder: Path, options: list[str], cluster_pid: int | None = None
) -> tuple[bytes, str]:
    command = [sys.executable, "-m", "tqa", "check", str(folder), "--segmentation", "lines",
               "--format", "json", "--quiet", *options]  # fmt: skip
    load = os.getloadavg()[0]
    cluster_before = cpu_seconds([cluster_pid]) if cluster_pid else 0.0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = [process.pid] + ([cluster_pid] if cluster_pid else [])
    with PeakMemory(watched) as memory:
        out, err = process.communicate()
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    cluster_cpu = cpu_seconds([cluster_pid]) - cluster_before if cluster_pid else 0.0
    if process.returncode not in (0, 1):
        sys.exit(f"{label}: tqa failed ({process.returncode}): {err.decode(errors='replace')}")
    line = (
        f"{label:<22} {elapsed:7.1f} s wall  {cpu + cluster_cpu:7.1f} s CPU"
        + (f" ({cpu:.1f} client + {cluster_cpu:.1f} cluster)" if cluster_pid else "")
        + f"  peak RSS {memory.peak / 2**20:6.0f} MB  load {load:.2f}→{os.getloadavg()[0]:.2f}"
    )
    print(line, flush=True)
    return out, line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use the first N documents only")
    parser.add_argument("--select", default=None, help="checks to run (default: every check)")
    parser.add_argument("--cluster", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cluster:
        serve_cluster()
        return 0
    if not DATA.is_file():
        print(f"bench_dask: {DATA} is not available; nothing to measure.")
        return 0
    try:
        import distributed  # noqa: F401
    except ModuleNotFoundError:
        print("bench_dask: distributed is not installed (pip install 'tqa[dask]').")
        return 0
    options = ["--isolated"] + (["--select", args.select] if args.select else [])
    with tempfile.TemporaryDirectory(prefix="tqa-bench-") as tmp:
        folder = Path(tmp)
        count = write_documents(DATA, folder, args.limit)
        print(f"{count} documents from {DATA.name} ({os.cpu_count()} CPUs), "
              f"checks: {args.select or 'all'}")  # fmt: skip
        reports = [run("serial (--jobs 1)", folder, options)[0]]
        reports.append(run("--jobs 2", folder, [*options, "--jobs", "2"])[0])
        server = subprocess.Popen(
            [sys.executable, __file__, "--cluster"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert server.stdout is not None
            start = time.perf_counter()
            address = server.stdout.readline().strip()
            print(f"LocalCluster of 2 workers at {address}: started in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
            dask = [*options, "--scheduler", address]
            reports.append(run("dask, 2 workers (cold)", folder, dask, server.pid)[0])
            reports.append(run("dask, 2 workers (warm)", folder, dask, server.pid)[0])
        finally:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(timeout=60)
        same = all(report == reports[0] for report in reports)
        print(f"identical reports: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
