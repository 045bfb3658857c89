"""Regenerate ``reports/`` from the samples in ``corpora/`` (the ``*.txt`` at
its top level): one JSON, HTML, SARIF and Markdown report per sample.

    python scripts/make_reports.py [--out DIR]

Run from anywhere; paths in the reports are relative to the repository root
and nothing in them depends on the time, so the output is byte-identical
from run to run (tests/test_reports_fresh.py checks that it is up to date).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: report format → file suffix
FORMATS = {"json": ".json", "html": ".html", "sarif": ".sarif", "markdown": ".md"}


def samples() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "corpora").glob("*.txt"))


def make_reports(out: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from tqa import runner

    os.chdir(ROOT)  # report paths are relative to the repository root
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for sample in samples():
        config = runner.build_config(config_path=None, first_path=sample, isolated=True)
        report = runner.run_check([sample], config)
        stem = Path(sample).name.removesuffix(".txt")
        for format, suffix in FORMATS.items():
            target = out / f"{stem}{suffix}"
            target.write_text(runner.render(report, format), encoding="utf-8", newline="")
            written.append(target)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="Regenerate reports/ from corpora/*.txt.")
    parser.add_argument("--out", type=Path, default=ROOT / "reports", help="folder to write into")
    args = parser.parse_args()
    out = args.out.resolve()
    for path in make_reports(out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
