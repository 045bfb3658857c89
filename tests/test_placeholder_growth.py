"""Thousands of placeholders in one sentence pair or one PO unit: the report
grows in proportion to the input. Each lost source placeholder, source number
and added placeholder used to be a finding of its own, each listing every
number of the bead or marking the whole segment, and every finding of a unit
carries the unit's id (a PO msgid is the whole source): 2,000 placeholders
gave a 54 MB report, four times as many sixteen times that. Sizes are
compared, never times."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

runner = CliRunner()


def _pair(k: int) -> tuple[str, str]:
    german = "Die Werte sind " + " ".join(f"{{{i}}}" for i in range(k)) + "."
    french = "Les valeurs sont " + " ".join(f"{{v{i}}}" for i in range(k)) + "."
    return german, french


def _report(args: list[str], out: Path) -> dict:
    result = runner.invoke(app, [*args, "--format", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output  # the placeholders are reported
    return json.loads(out.read_text(encoding="utf-8"))


def _text_pair(tmp_path: Path, k: int) -> tuple[dict, int]:
    german, french = _pair(k)
    (tmp_path / f"de{k}.txt").write_text(german + "\n", encoding="utf-8")
    (tmp_path / f"fr{k}.txt").write_text(french + "\n", encoding="utf-8")
    args = ["check", str(tmp_path / f"fr{k}.txt"), "--source", str(tmp_path / f"de{k}.txt")]
    report = _report(args, tmp_path / f"r{k}.json")
    return report, (tmp_path / f"r{k}.json").stat().st_size


def _po_unit(tmp_path: Path, k: int) -> tuple[dict, int]:
    pytest.importorskip("translate")
    german, french = _pair(k)
    (tmp_path / f"u{k}.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{german}"\nmsgstr "{french}"\n',
        encoding="utf-8",
    )
    report = _report(["check", str(tmp_path / f"u{k}.po")], tmp_path / f"p{k}.json")
    return report, (tmp_path / f"p{k}.json").stat().st_size


@pytest.mark.parametrize("make", [_text_pair, _po_unit], ids=["text-pair", "po-unit"])
def test_report_of_many_placeholders_grows_linearly(tmp_path: Path, make) -> None:
    small, small_size = make(tmp_path, 300)
    large, large_size = make(tmp_path, 1200)
    # four times the placeholders: about four times the report, not sixteen
    assert large_size < 6 * small_size, (small_size, large_size)
    findings = large["documents"][0]["findings"]
    codes = {f["code"] for f in findings}
    assert {"TQA-ACC-001", "TQA-STR-002"} <= codes
    # the placeholders past the first few of a bead are counted in one finding
    lost = [f for f in findings if f["code"] == "TQA-ACC-001"]
    assert any("1195 more placeholders" in f["message"] for f in lost)
    assert len(lost) == 6


def _number_findings(tmp_path: Path, german: str, french: str) -> list[dict]:
    """``tqa check fr.txt --source de.txt --select TQA-ALN-003`` through the
    CLI, which must fail the gate: its findings."""
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(french, encoding="utf-8")
    out = tmp_path / "r.json"
    args = ["check", str(tmp_path / "fr.txt"), "--source", str(tmp_path / "de.txt")]
    result = runner.invoke(app, [*args, "--select", "TQA-ALN-003", "-f", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output
    findings: list[dict] = json.loads(out.read_text(encoding="utf-8"))["documents"][0]["findings"]
    return findings


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times Number.matches is called (one counter, in a list)."""
    from tqa.lang import numbers

    calls = [0]
    real = numbers.Number.matches

    def counted(self: numbers.Number, other: numbers.Number) -> bool:
        calls[0] += 1
        return real(self, other)

    monkeypatch.setattr(numbers.Number, "matches", counted)
    return calls


def test_figures_in_another_order_are_matched_without_comparing_every_pair(
    tmp_path: Path, comparisons: list[int]
) -> None:
    """TQA-ALN-003 looks for each source figure among the translation's, first
    match first: it compared every pair (1,500 figures in the other order:
    over a million comparisons). Counted, not timed."""
    figures = [str(1000 + i) for i in range(1500)]
    [finding] = _number_findings(
        tmp_path,
        f"Die Werte sind {' '.join(figures)}.\n",
        f"Les valeurs sont {' '.join(reversed(figures))}, 99999.\n",
    )
    assert finding["text"] == "99999"  # the one figure not in the source
    assert comparisons[0] < 10 * len(figures), comparisons[0]


def test_dates_in_another_order_are_matched_without_comparing_every_pair(
    tmp_path: Path, comparisons: list[int]
) -> None:
    """Dates and clock times are indexed by kind and value, and dates by day
    for a figure written as one (01.02): 1,000 dates in the other order, beside
    as many figures, were compared pair by pair (2,000 took 21 s). Counted,
    not timed."""
    dates = [(1 + i % 28, 1 + i % 12, 1990 + i % 40) for i in range(1000)]
    german = ", ".join(f"{d}.{m}.{y} (Nr. {i})" for i, (d, m, y) in enumerate(dates))
    french = ", ".join(
        f"{d}/{m:02d}/{y} (n° {i})" for i, (d, m, y) in reversed(list(enumerate(dates)))
    )
    findings = _number_findings(
        tmp_path, f"Termine: {german}.\n", f"Dates : {french}, le 31/12/2099.\n"
    )
    assert [f["text"] for f in findings] == ["31/12/2099"]  # the one date not in the source
    assert comparisons[0] < 10 * 2 * len(dates), comparisons[0]


def _first_match_by_every_pair(number, others, taken) -> int | None:  # type: ignore[no-untyped-def]
    """The first untaken number of ``others`` that ``number`` matches,
    found by comparing it with each in turn (what NumberPool must give)."""
    return next(
        (p for p, other in enumerate(others) if not taken[p] and number.matches(other)), None
    )


def test_the_number_pool_finds_the_first_match_as_comparing_every_pair() -> None:
    """NumberPool's indexes give the first untaken number that Number.matches
    accepts, as a scan of every number does, on random mixes of figures, figures
    written as a day, dates, clock times, measures and scaled numbers."""
    import random

    from tqa.lang import numbers

    rng = random.Random(7)
    pieces_de = [
        "12",
        "3",
        "1.5",
        "01.02",
        "3.1.",
        "1.2.2020",
        "12.12.19",
        "8.30 Uhr",
        "14:05 Uhr",
        "5 km",
        "5,4 Mrd.",
        "'49",
        "1949",
        "2020",
        "12.03",
    ]
    pieces_fr = ["12", "3", "1,5", "01.02", "1/2/2020", "12/12/2019", "le 3/1", "8 h 30",
                 "14:05", "8 km", "5,4 milliards", "1949", "2020", "20", "5"]  # fmt: skip
    for _ in range(300):
        de = " et ".join(rng.choice(pieces_de) for _ in range(rng.randint(1, 12)))
        fr = " et ".join(rng.choice(pieces_fr) for _ in range(rng.randint(1, 12)))
        first = numbers.numbers(f"Es sind {de} hier.", "de")
        second = numbers.numbers(f"Ce sont {fr} ici.", "fr")
        pool = numbers.NumberPool(second)
        taken = [False] * len(second)
        for number in first:
            expected = _first_match_by_every_pair(number, second, taken)
            assert pool.first_match(number) == expected, (de, fr, number)
            if expected is not None:
                taken[expected] = True
                assert pool.take(number)


def test_measures_scaled_figures_and_short_years_match_as_comparing_every_pair() -> None:
    """The indexes of measures (by unit and value: a converted measure is one
    range of values), of scaled figures and of years written short give the
    first untaken number that Number.matches accepts, on random mixes of
    them both ways, with figures of 400 digits (infinite values) too."""
    import random

    from tqa.lang import numbers

    rng = random.Random(11)
    pieces_de = [
        "12", "3", "1.5", "01.02", "1.2.2020", "8.30 Uhr", "5 km", "5,4 Mrd.", "'49", "’05",
        "1949", "2020", "1905", "100 Kilometer", "62 Meilen", "100 °F", "38 °C", "40 °F",
        "4 °C", "1,5 Mio.", "1500000", "2 Mrd.", "2000 Mio.", "6 ft", "1,80 m", "180 cm",
        "11 lb", "5 kg", "1999 Mio.", "1999", "’99", "0 km", "0,5 km", "500 m", "1 Meile",
        "7 Tsd.", "7000", "49",
    ]  # fmt: skip
    pieces_fr = [
        "12", "3", "1,5", "01.02", "1/2/2020", "le 3/1", "8 h 30", "8 km", "5,4 milliards",
        "1949", "2020", "20", "1905", "62 milles", "100 km", "38 °C", "100 °F", "4 °C",
        "1,5 million", "1 500 000", "2 milliards", "2000 millions", "1,80 m", "6 pieds",
        "180 cm", "5 kg", "11 lb", "1999", "1999 millions", "9" * 400 + " km",
        "9" * 400 + " milles", "0 milles", "500 m", "1,6 km", "7 mille", "49", "99",
    ]  # fmt: skip
    for _ in range(300):
        de = " und ".join(rng.choice(pieces_de) for _ in range(rng.randint(1, 16)))
        fr = " et ".join(rng.choice(pieces_fr) for _ in range(rng.randint(1, 16)))
        german = numbers.numbers(f"Es sind {de} hier.", "de")
        french = numbers.numbers(f"Ce sont {fr} ici.", "fr")
        for first, second in ((german, french), (french, german), (french, french)):
            pool = numbers.NumberPool(second)
            taken = [False] * len(second)
            for number in first:
                expected = _first_match_by_every_pair(number, second, taken)
                assert pool.first_match(number) == expected, (de, fr, number)
                if expected is not None and rng.random() < 0.8:
                    taken[expected] = True
                    assert pool.take(number)


def test_measures_in_another_order_are_matched_without_comparing_every_pair(
    tmp_path: Path, comparisons: list[int]
) -> None:
    """Measures converted to other units (320 Kilometer / 199 milles),
    scaled figures (1,5 Mrd. / 1,5 milliard) and years written short (’19 /
    1919) were each compared with every number of the other side (1,000 of
    them: about a million comparisons). Counted, not timed."""
    german, french = [], []
    for i in range(1000):
        german.append(
            (f"{100 + i} Kilometer", f"{1 + i % 9},{i % 10} Mrd.", f"’{i % 100:02d}")[i % 3]
        )
        french.append(
            (
                f"{round((100 + i) / 1.609344)} milles",
                f"{1 + i % 9},{i % 10} milliards",
                f"19{i % 100:02d}",
            )[i % 3]  # fmt: skip
        )
    findings = _number_findings(
        tmp_path,
        f"Werte: {', '.join(german)}.\n",
        f"Valeurs : {', '.join(reversed(french))}, 99999.\n",
    )
    assert "99999" in [f["text"] for f in findings]  # the one figure not in the source
    assert comparisons[0] < 10 * len(german), comparisons[0]
