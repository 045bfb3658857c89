"""Linear growth on hostile text ("!" * n, one n-letter word, "mot: " * k…).

GROWTH TESTS (marker ``growth``): each runs one case of
scripts/bench_linear.py at 2,000 and 20,000 characters and compares the two
times. There is no wall-clock bound: only the *ratio* is asserted, which is
about 10 for linear work and 100 for quadratic work. Each time is CPU time
(time.process_time: waiting for a core does not stretch it) and the best of
several runs of a few milliseconds; what noise is left (CPU caches, frequency
changes) moves a ratio by well under a factor of two, so a ratio under 40
passes, and a case over 40 (but under 120) is measured again twice before
the test fails: a quadratic loop fails every time. Deselect with ``-m "not growth"``
on a machine too busy to time anything.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_linear", ROOT / "scripts" / "bench_linear.py")
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_linear"] = bench
_spec.loader.exec_module(bench)

SMALL, LARGE = 2_000, 20_000
#: linear: about 10; quadratic: about 100
MAX_RATIO = 40.0
TRIES = 3

CASES = [
    pytest.param(case, family, id=f"{case.name}-{family}")
    for case in bench.CASES
    for family in case.families
]


@pytest.mark.growth
@pytest.mark.parametrize(("case", "family"), CASES)
def test_linear_growth(case: bench.Case, family: str) -> None:
    if not bench.available(case):
        pytest.skip(f"{case.requires} not installed")
    ratios = []
    for _ in range(TRIES):
        ratios.append(bench.growth(case, family, SMALL, LARGE, MAX_RATIO))
        if ratios[-1] < MAX_RATIO:
            return
        if ratios[-1] > 3 * MAX_RATIO:
            break  # not noise
    pytest.fail(
        f"{case.name} on {family}: {LARGE:,} characters take "
        + ", ".join(f"{r:.0f}×" for r in ratios)
        + f" the time of {SMALL:,} (linear ≈ 10×)"
    )
