"""Where a ``tqa`` process spends its time, from the first import to the report.

    python scripts/profile_start.py [--top 40] [--sort cumulative|tottime]
                                    [--save out.prof] [-- TQA ARGUMENTS...]

Profiles (cProfile, standard library) one ``tqa`` command in this process,
imports included: by default ``tqa check`` of the sample article with every
check. Prints the functions that take most time; ``--save`` keeps the raw
profile for ``python -m pstats`` or snakeviz. What this found is in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=40, help="functions listed")
    parser.add_argument("--sort", default="cumulative", choices=("cumulative", "tottime"))
    parser.add_argument("--save", default=None, help="write the raw profile here")
    parser.add_argument("tqa_args", nargs="*", help="arguments of tqa (after --)")
    args = parser.parse_args()
    tqa_args = args.tqa_args or ["check", str(SAMPLE), "--format", "json", "--isolated"]
    sys.argv = ["tqa", *tqa_args]
    sys.path.insert(0, str(ROOT))
    profile = cProfile.Profile()
    start, cpu = time.perf_counter(), time.process_time()
    status: object = 0
    stdout = sys.stdout
    sys.stdout = io.StringIO()  # the report itself is not wanted here
    profile.enable()
    try:
        from tqa.cli import main as tqa_main

        tqa_main(leave=False)
    except SystemExit as exc:
        status = exc.code
    finally:
        profile.disable()
        sys.stdout = stdout
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"tqa {' '.join(tqa_args)}: exit {status}, {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"under the profiler (load {os.getloadavg()[0]:.2f})"
    )
    if args.save:
        profile.dump_stats(args.save)
    stats = pstats.Stats(profile, stream=sys.stdout)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
