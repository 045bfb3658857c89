"""Whether two versions of tqa write the same reports, and how long each takes.

    python scripts/compare_versions.py --base DIR [--refs N] [--mt N]
                                       [--system NAME] [--rounds 1] [--jobs 1]

``DIR`` is a checkout of the other version (``git worktree add /tmp/main
main``). Each version checks, through the command line (``python -m tqa
check … --format json``, run with that checkout first on ``PYTHONPATH``),
the same inputs:

* the sample article (corpora/kazakhstan-summit.fr.txt), every check;
* the first N French references of the WMT22 de→fr test set, a file per
  document, a segment per line (all 271 by default);
* the output of one MT system for the first N documents, each checked
  against its German source (``--source`` with a folder of sources).

The versions run one after the other for each input set, alternately (the
base first in odd rounds), so that both meet the same load on a shared
machine. Prints each run's wall and CPU time (user + system of the tqa
process and its workers) and the load average, and compares the reports
byte for byte: exits 1 when any differs. Reads the data from
../shared/data/wmt22-defr; without it only the sample is compared.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from wmt22 import WMT, read_wmt  # noqa: E402

SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


def _lines(segments: list[str]) -> str:
    return "\n".join(" ".join(s.split()) for s in segments) + "\n"


def inputs(folder: Path, refs: int, mt: int, system: str | None) -> list[tuple[str, list[str]]]:
    """(label, tqa check arguments) of each input set, written under ``folder``."""
    sets = [("sample", [str(SAMPLE)])]
    if not WMT.exists():
        print(f"{WMT} not found: only the sample is compared")
        return sets
    docs = [d for d in read_wmt() if d.ref]
    if refs:
        ref_dir = folder / "refs"
        ref_dir.mkdir()
        for n, doc in enumerate(docs[:refs]):
            (ref_dir / f"{n:03d}.txt").write_text(_lines(doc.ref), encoding="utf-8")
        sets.append(
            (f"{min(refs, len(docs))} references", [str(ref_dir), "--segmentation", "lines"])
        )
    if mt:
        systems = sorted({s for d in docs for s in d.hyps})
        name = system or (systems[0] if systems else None)
        fr_dir, de_dir = folder / "mt-fr", folder / "mt-de"
        fr_dir.mkdir()
        de_dir.mkdir()
        count = 0
        for n, doc in enumerate(docs):
            hyp = doc.hyps.get(name or "", [])
            if not hyp or not doc.src or count >= mt:
                continue
            (fr_dir / f"{n:03d}.txt").write_text(_lines(hyp), encoding="utf-8")
            (de_dir / f"{n:03d}.txt").write_text(_lines(doc.src), encoding="utf-8")
            count += 1
        sets.append(
            (
                f"{count} {name} outputs with sources",
                [str(fr_dir), "--source", str(de_dir), "--segmentation", "lines"],
            )
        )
    return sets


def run(root: Path, args: list[str], jobs: int) -> tuple[bytes, float, float, float, int]:
    """(report, wall s, CPU s, load before, exit status) of one tqa check."""
    env = dict(os.environ, PYTHONPATH=str(root))
    command = [sys.executable, "-m", "tqa", "check", *args, "--format", "json", "--quiet"]
    command += ["--jobs", str(jobs)]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode not in (0, 1):
        sys.exit(f"{root}: tqa failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return done.stdout, wall, cpu, load, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="checkout of the other version")
    parser.add_argument("--refs", type=int, default=271, help="WMT22 references checked")
    parser.add_argument("--mt", type=int, default=12, help="MT documents checked with sources")
    parser.add_argument("--system", default=None, help="MT system (default: first by name)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each version per set")
    parser.add_argument("--jobs", type=int, default=1, help="tqa check --jobs")
    args = parser.parse_args()
    versions = {"base": args.base.resolve(), "this": ROOT}
    differ = 0
    with tempfile.TemporaryDirectory(prefix="tqa-compare-") as tmp:
        for label, check_args in inputs(Path(tmp), args.refs, args.mt, args.system):
            reports: dict[str, bytes] = {}
            for round_ in range(args.rounds):
                order = ["base", "this"] if round_ % 2 == 0 else ["this", "base"]
                for name in order:
                    out, wall, cpu, load, status = run(versions[name], check_args, args.jobs)
                    print(
                        f"{label:<36} {name:<4} {wall:7.2f} s wall {cpu:7.2f} s CPU "
                        f"(load {load:.2f}, exit {status})",
                        flush=True,
                    )
                    if reports.setdefault(name, out) != out:
                        print(f"  {name}: the report changed between runs")
            same = reports["base"] == reports["this"]
            differ += not same
            print(
                f"{label}: reports {'identical' if same else 'DIFFER'} ({len(reports['this'])} bytes)"
            )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
