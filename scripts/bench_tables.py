"""A first run's cost, table by table: every cached table built into an empty cache.

    python scripts/bench_tables.py [-n 3] [--keep DIR] [-- TQA ARGUMENTS...]

Runs ``tqa check`` of the sample article (every check; or the arguments
given after ``--``) N times, each in a new process whose table cache
(``XDG_CACHE_HOME``) is a new empty folder, so that each run builds every
table as a first run on a fresh install does. Inside each process a timer
around ``cache.cached``, ``cache.keep`` and ``index.indexed`` gives the
wall and CPU time of each table: its build, encoding and writing, less the
time of the tables it builds on the way (a table built inside another is
counted once, as itself). Prints the median of each table over the runs
and the median of the whole processes. Python's bytecode cache is on (a
temporary folder, written by a warm-up run with a cache of its own), as in
an installed tqa.

``--keep DIR``: the cache folder of the last run is kept there (for
comparing the tables two versions build: ``scripts/compare_tables.py``).
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
#: what makes two names one table: the Python and ``_sre`` versions of a patterns entry
_VERSIONS = re.compile(r"-py\d+-sre\d+$")


def child(out: str, tqa_args: list[str]) -> None:
    """Run tqa in this process, timing each table; the times go to ``out`` (JSON)."""
    sys.path.insert(0, str(ROOT))
    from tqa.backends import cache, index
    from tqa.cli import main as tqa_main

    spent: dict[str, list[float]] = {}
    stack: list[list[float]] = []

    def timed(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(name: str, *args: Any, **kwargs: Any) -> Any:
            stack.append([0.0, 0.0])
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(name, *args, **kwargs)
            finally:
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                inner_wall, inner_cpu = stack.pop()
                if stack:
                    stack[-1][0] += wall
                    stack[-1][1] += cpu
                total = spent.setdefault(_VERSIONS.sub("", name), [0.0, 0.0])
                total[0] += wall - inner_wall
                total[1] += cpu - inner_cpu

        return wrapper

    cache.cached = timed(cache.cached)  # type: ignore[method-assign]
    cache.keep = timed(cache.keep)  # type: ignore[method-assign]
    index.indexed = timed(index.indexed)  # type: ignore[method-assign]
    sys.argv = ["tqa", *tqa_args]
    stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        tqa_main(leave=False)
    except SystemExit:
        pass
    finally:
        sys.stdout = stdout
    Path(out).write_text(json.dumps(spent), encoding="utf-8")


def run(tqa_args: list[str], env: dict[str, str], keep: str | None) -> tuple[dict[str, Any], float]:
    """One process on an empty cache: its tables' times and its wall time."""
    with tempfile.TemporaryDirectory(prefix="tqa-tables-") as folder:
        out = os.path.join(folder, "times.json")
        cache_home = os.path.join(folder, "cache")
        os.mkdir(cache_home)
        command = [sys.executable, __file__, "--child", out, "--", *tqa_args]
        start = time.perf_counter()
        done = subprocess.run(
            command,
            env={**env, "XDG_CACHE_HOME": cache_home},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )
        wall = time.perf_counter() - start
        if done.returncode != 0 or not os.path.exists(out):
            sys.exit(f"run failed ({done.returncode}): {done.stderr.decode()[-800:]}")
        if keep:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(os.path.join(cache_home, "tqa"), keep)
        return json.loads(Path(out).read_text(encoding="utf-8")), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=3, help="processes (each a first run)")
    parser.add_argument("--keep", default=None, help="keep the last run's cache folder here")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("tqa", nargs=argparse.REMAINDER, help="tqa arguments, after --")
    args = parser.parse_args()
    tqa_args = args.tqa[1:] if args.tqa[:1] == ["--"] else args.tqa
    if not tqa_args:
        tqa_args = ["check", str(SAMPLE), "--format", "json", "--isolated"]
    if args.child:
        child(args.child, tqa_args)
        return 0
    with tempfile.TemporaryDirectory(prefix="tqa-pycache-") as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
        run(tqa_args, env, None)  # bytecode written, sources in the page cache
        load = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        results = [run(tqa_args, env, args.keep) for _ in range(args.runs)]
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / args.runs
    walls = [wall for _, wall in results]
    print(
        f"tqa {' '.join(tqa_args)}, empty cache: median {statistics.median(walls):.2f} s wall "
        f"(min {min(walls):.2f}, max {max(walls):.2f}), {cpu:.2f} s CPU on average, "
        f"{args.runs} runs (load {load:.2f} → {os.getloadavg()[0]:.2f})"
    )
    names = sorted({name for times, _ in results for name in times})
    rows = []
    for name in names:
        wall = statistics.median(times.get(name, [0.0, 0.0])[0] for times, _ in results)
        cpu_t = statistics.median(times.get(name, [0.0, 0.0])[1] for times, _ in results)
        rows.append((wall, cpu_t, name))
    print(f"  {'table':<40} {'wall':>7} {'CPU':>7}   (medians)")
    for wall, cpu_t, name in sorted(rows, reverse=True):
        print(f"  {name:<40} {wall:6.2f}s {cpu_t:6.2f}s")
    print(f"  {'all tables':<40} {sum(r[0] for r in rows):6.2f}s {sum(r[1] for r in rows):6.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
