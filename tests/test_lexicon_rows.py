"""The data files' rows are read as csv.DictReader reads them (tab-separated,
no quoting), without its per-row cost (tqa.lexicon.parse_rows)."""

from __future__ import annotations

import csv
import random

import pytest

from tqa import lexicon


def _by_csv(lines: list[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _same(lines: list[str]) -> None:
    found, expected = lexicon.parse_rows(lines), _by_csv(lines)
    assert found == expected, lines
    assert [list(row) for row in found] == [list(row) for row in expected], lines


@pytest.mark.parametrize("path", sorted(lexicon.DATA_DIR.glob("*.tsv")), ids=lambda p: p.name)
def test_every_data_file_reads_as_csv_reads_it(path: object) -> None:
    with lexicon.DATA_DIR.joinpath(str(getattr(path, "name", path))).open(
        encoding="utf-8", newline=""
    ) as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    _same(lines)


@pytest.mark.parametrize(
    "lines",
    [
        ["a\tb\n", "1\t2\n"],
        ["a\tb\r\n", "1\r\n", "1\t2\t3\t4\r\n"],  # short and long rows
        ["a\t\tb\n", "1\t2\t3\n"],  # a column without a name
        ["a\tb\ta\n", "1\t2\t3\n"],  # a repeated name: the last field
        ['a\t"b"\n', '"1\t2"\t 3 \n'],  # quotes are text
        ["a\tb\n", "\n", "1\t2"],  # a bare line end, a last line without one
        ["\n", "a\n", "x\n"],
        ["a\tb\n", "1\x002\n"],  # a NUL: csv reads it
        [],
    ],
)
def test_edge_rows_read_as_csv_reads_them(lines: list[str]) -> None:
    _same(lines)


def test_random_rows_read_as_csv_reads_them() -> None:
    rng = random.Random(7)
    alphabet = ["a", "b", "a", " ", "\t", "\t", '"', "'", "é", "\u00a0"]
    for _ in range(2000):
        lines = []
        for _ in range(rng.randint(1, 5)):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
            lines.append(text + rng.choice(["\n", "\r\n", ""]))
        _same(lines)
