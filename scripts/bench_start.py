"""Cold start: how long a whole ``tqa`` process takes, as an editor waits for it.

    python scripts/bench_start.py [-n 5] [--select CODES] [--cold-cache]

Runs ``tqa --help`` and ``tqa check`` of the sample article (every check, or
``--select``) N times each as new processes and prints the median wall time,
the median CPU time (user + system of the child) and the load average before
and after, since the machine may be shared. ``--cold-cache`` points
``XDG_CACHE_HOME`` at an empty folder for the first run, to show what a
first run (which builds the cached tables) costs. The processes run with
Python's bytecode cache on (in a temporary folder, written by a warm-up
run), as an installed tqa does, even where ``PYTHONDONTWRITEBYTECODE`` is
set; ``--no-bytecode`` keeps the environment's setting (compiling tqa's
sources at every start then costs about 0.4 s). Targets: ``tqa --help``
under 0.3 s, the sample with every check at most 3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
TQA = [sys.executable, "-m", "tqa"]


#: the environment of the measured processes (see --no-bytecode)
ENV: dict[str, str] | None = None


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        env=env or ENV,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(label: str, command: list[str], runs: int, target: float | None) -> float:
    load = os.getloadavg()[0]
    results = [run_once(command) for _ in range(runs)]
    walls = [w for w, _ in results]
    wall, cpu = statistics.median(walls), statistics.median(c for _, c in results)
    goal = f" (target ≤ {target} s: {'met' if wall <= target else 'NOT met'})" if target else ""
    print(
        f"{label}: median {wall:.2f} s wall, {cpu:.2f} s CPU over {runs} runs "
        f"(min {min(walls):.2f}, max {max(walls):.2f}; load {load:.2f} → "
        f"{os.getloadavg()[0]:.2f}){goal}"
    )
    return wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=5, help="processes per measurement")
    parser.add_argument("--select", default=None, help="checks to run (default: every check)")
    parser.add_argument(
        "--cold-cache", action="store_true", help="also time one run with an empty table cache"
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="leave PYTHONDONTWRITEBYTECODE as it is (sources compiled at every start)",
    )
    args = parser.parse_args()
    global ENV
    with tempfile.TemporaryDirectory(prefix="tqa-pycache-") as pycache:
        if not args.no_bytecode:
            ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            ENV["PYTHONPYCACHEPREFIX"] = pycache
        return bench(args)


def bench(args: argparse.Namespace) -> int:
    bytecode = "without bytecode cache" if args.no_bytecode else "bytecode cached"
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {bytecode}")
    run_once([*TQA, "--help"])  # writes the bytecode of what --help imports
    measure("tqa --help", [*TQA, "--help"], args.runs, 0.3)
    check = [*TQA, "check", str(SAMPLE), "--format", "json", "--isolated"]
    label = "tqa check sample, every check"
    if args.select:
        check += ["--select", args.select]
        label = f"tqa check sample --select {args.select}"
    run_once(check)  # the table cache is built and the files are in the page cache
    if args.cold_cache:
        with tempfile.TemporaryDirectory(prefix="tqa-cache-") as empty:
            env = {**(ENV or os.environ), "XDG_CACHE_HOME": empty}
            wall, cpu = run_once(check, env)
            print(f"{label}, empty cache (first run): {wall:.2f} s wall, {cpu:.2f} s CPU")
    measure(label, check, args.runs, None if args.select else 3.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
