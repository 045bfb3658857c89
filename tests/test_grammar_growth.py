"""TQA-GRM-010 filters Grammalecte's errors of a paragraph against the
paragraph's German spans and tqa's own findings in time that grows linearly
with the paragraph: a long line of French with German words (thousands of
spans and errors) was compared pair by pair. As in tests/test_linear_growth.py,
only the ratio of CPU times at two sizes is asserted (linear ≈ 10, quadratic
≈ 100), never a wall-clock bound."""

from __future__ import annotations

import random
import time
from types import SimpleNamespace

import pytest

from tqa.checks.grammar_second import Overlaps, dropped

SMALL, LARGE = 2_000, 20_000
MAX_RATIO = 40.0


def test_overlaps_answers_as_comparing_every_span() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 60)
            spans.append((start, start + rng.randint(0, 15)))
        found = Overlaps(spans)
        for start in range(0, 80):
            for end in (start, start + 1, start + 7):
                expected = any(s < end and start < e for s, e in spans)
                assert found.hits(start, end) == expected, (spans, start, end)


def _cpu(n: int, dense: str) -> float:
    """CPU time to filter an error every 8 characters against a span every 2
    characters, German (``dense`` "spans") or tqa's own ("own"): each error
    overlaps one, found after all those before it when compared pair by pair."""
    text = ("le chat mange la soupe " * (n // 23 + 1))[:n]
    many = Overlaps((i, i + 3) for i in range(0, n, 2))
    spans, own = (many, Overlaps(())) if dense == "spans" else (Overlaps(()), many)
    errors = [
        SimpleNamespace(rule="x", start=i, end=i + 1, kind="conj", suggestions=(), message="")
        for i in range(5, n - 2, 8)
    ]
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        for error in errors:
            dropped(error, text, 0, spans, own)
        best = min(best, time.process_time() - began)
    return max(best, 1e-6)


@pytest.mark.growth
@pytest.mark.parametrize("dense", ["spans", "own"])
def test_filtering_a_long_paragraph_grows_linearly(dense: str) -> None:
    ratios = []
    for _ in range(3):
        ratios.append(_cpu(LARGE, dense) / _cpu(SMALL, dense))
        if ratios[-1] < MAX_RATIO:
            return
    pytest.fail(f"{LARGE:,} characters take {ratios} times the time of {SMALL:,} (linear ≈ 10)")
