"""Language identification and the names rules grow linearly on hostile text
(one 40,000-letter word, a glued label before one, runs of titles, first
names, quotes and club names). Only the ratio of CPU times at two sizes is
asserted (linear ≈ 10, quadratic ≈ 100), never a wall-clock bound, as in
tests/test_linear_growth.py."""

from __future__ import annotations

import time

import pytest

from tqa.checks import CheckInput
from tqa.checks.mixing import source_word_in_target
from tqa.config import Config
from tqa.identify import identify
from tqa.model import Document
from tqa.segment import segment

SMALL, LARGE = 4_000, 40_000
MAX_RATIO = 30.0
CONFIG = Config(segmentation="lines")

UNITS = {
    "one long word": "a",
    "glued label before a long word": "OrtA" + "a" * LARGE,
    "camel case": "a" * 50 + "Bb",
    "titles": "le ministre du Travail, Heil, ",
    "first names": "Hubertus Heil et ",
    "clubs": "SC Freiburg ",
    "quotes": "« Quellen ",
    "brackets": "Quellen (" + "1" * 30,
}


def _run(text: str) -> None:
    document = Document("x.txt", text)
    segments = identify(segment(document, "lines"), CONFIG)
    check = CheckInput(document, segments, CONFIG, (), Document("s.txt", text), segments)
    list(source_word_in_target.function(check))


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        _run(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


@pytest.mark.growth
@pytest.mark.parametrize("name", list(UNITS))
def test_identify_grows_linearly(name: str) -> None:
    unit = UNITS[name]

    def text(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    _run(text(SMALL))  # tables and models load outside the timing
    ratios = []
    for _ in range(3):
        ratios.append(_cpu(text(LARGE)) / _cpu(text(SMALL)))
        if ratios[-1] < MAX_RATIO:
            return
    pytest.fail(f"{name}: {LARGE:,} characters take {ratios} times the time of {SMALL:,}")
