"""Baselines, inline suppressions and batch runs (--jobs), through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.suppress import regions

ARTICLE = (
    "Le sommet a lieu à Astana, Kasachstan, lundi.\n\nLes Quellen officielles confirment la date.\n"
)


def _run(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def _codes(data: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["text"]) for d in data["documents"] for f in d["findings"]]


def test_baseline_only_new_findings_count(tmp_path: Path) -> None:
    article = tmp_path / "a.fr.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, before = _run(str(article), "--write-baseline", str(baseline))
    # writing a baseline is not a gate: exit 0 although the findings fail it
    assert code == 0 and ("TQA-MIX-002", "Kasachstan") in _codes(before)
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert len(recorded["documents"][str(article)]) == len(_codes(before))

    # the same findings, shifted down by new lines: nothing new, the gate passes
    article.write_text(
        "Nouveau titre\n\nUne phrase ajoutée au début.\n\n" + ARTICLE, encoding="utf-8"
    )
    code, after = _run(str(article), "--baseline", str(baseline))
    assert code == 0 and _codes(after) == []
    doc = after["documents"][0]
    assert doc["score"]["value"] == 100.0
    assert any("baseline" in n["message"] for n in doc["notes"])

    # a new German word is new: reported and counted
    article.write_text(
        ARTICLE + "\nLa Bundesregierung et le Zeitplan restent inchangés.\n", encoding="utf-8"
    )
    code, later = _run(str(article), "--baseline", str(baseline))
    assert code == 1
    assert ("TQA-MIX-002", "Kasachstan") not in _codes(later)
    assert ("TQA-MIX-002", "Zeitplan") in _codes(later)


def test_a_baseline_matches_the_file_however_its_path_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqa check a.fr.txt --write-baseline b.json, then tqa check ./a.fr.txt
    --baseline b.json: every finding came back as new (exit 1), the baseline
    being keyed by the path as typed."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.fr.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, before = _run("texts/a.fr.txt", "--write-baseline", "b.json")
    assert code == 0 and _codes(before)
    spellings = ("./texts/a.fr.txt", "texts//a.fr.txt", "texts/../texts/a.fr.txt", "./texts")
    absolute = str(tmp_path / "texts" / "a.fr.txt")  # "$PWD/texts/a.fr.txt"
    for spelling in (*spellings, absolute):
        code, after = _run(spelling, "--baseline", "b.json")
        assert code == 0 and _codes(after) == [], spelling
    code, _ = _run("./texts/a.fr.txt", "--write-baseline", "c.json")
    recorded = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert list(recorded["documents"]) == ["texts/a.fr.txt"]
    # written with the absolute path: found by it from any folder, and by
    # the relative path from the folder it is relative to
    code, _ = _run(absolute, "--write-baseline", "d.json")
    recorded = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert list(recorded["documents"]) == [absolute]
    for spelling in ("texts/a.fr.txt", absolute):
        code, after = _run(spelling, "--baseline", "d.json")
        assert code == 0 and _codes(after) == [], spelling
    monkeypatch.chdir(folder)
    code, after = _run(absolute, "--baseline", str(tmp_path / "d.json"))
    assert code == 0 and _codes(after) == []
    # through a link to the folder, as a shell's $PWD names it
    link = tmp_path / "link"
    link.symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(link)
    code, after = _run(str(link / "texts" / "a.fr.txt"), "--baseline", "b.json")
    assert code == 0 and _codes(after) == []


def test_baseline_errors_exit_2(tmp_path: Path) -> None:
    article = tmp_path / "a.fr.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    missing = runner.invoke(app, ["check", str(article), "--baseline", str(tmp_path / "none.json")])
    assert missing.exit_code == 2 and "no such baseline file" in missing.stderr
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    bad = runner.invoke(app, ["check", str(article), "--baseline", str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "not a tqa baseline" in bad.stderr


def test_inline_ignore_suppresses_the_following_paragraph(tmp_path: Path) -> None:
    article = tmp_path / "a.fr.txt"
    article.write_text(
        "<!-- tqa: ignore[TQA-MIX-002] -->\nLe sommet a lieu à Astana, Kasachstan, lundi.\n\n"
        "La ville de Kasachstan est loin.\n",
        encoding="utf-8",
    )
    code, data = _run(str(article), "--select", "TQA-MIX-002")
    kasachstan = [f for f in data["documents"][0]["findings"] if f["text"] == "Kasachstan"]
    assert len(kasachstan) == 1 and kasachstan[0]["start"] > ARTICLE.index("\n\n")
    assert any("suppressed" in n["message"] for n in data["documents"][0]["notes"])


def test_suppression_scope() -> None:
    text = (
        "Ligne un <!-- tqa: ignore -->\nLigne deux\n\n"
        "<!-- tqa: ignore[TQA-TYP, TQA-MIX-001] -->\n\nA\nB\n\nC\n"
    )
    first, second = regions(text)
    assert text[first.start : first.end].startswith("Ligne un") and first.codes == ()
    assert "Ligne deux" not in text[first.start : first.end]
    covered = text[second.start : second.end]
    assert "A\nB" in covered and "C" not in covered
    assert second.codes == ("TQA-TYP", "TQA-MIX-001")


def test_jobs_give_the_same_report_in_input_order(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"doc{n}.fr.txt").write_text(
            f"Article {n}. Le sommet a lieu à Astana, Kasachstan, lundi.\n", encoding="utf-8"
        )
    runner = CliRunner()
    one = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--jobs", "1"])
    two = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    paths = [d["path"] for d in json.loads(two.stdout)["documents"]]
    assert paths == sorted(paths) and len(paths) == 5


def test_a_crafted_baseline_is_one_line_not_an_internal_error(tmp_path: Path) -> None:
    article = tmp_path / "a.fr.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for name, content in [
        ("deep.json", '{"tqa_baseline": 1, "documents": {"a": ' + "[" * 100_000),
        ("bool.json", '{"tqa_baseline": true, "documents": {}}'),
    ]:
        (tmp_path / name).write_text(content, encoding="utf-8")
        result = CliRunner().invoke(
            app, ["check", str(article), "--baseline", str(tmp_path / name), "--isolated"]
        )
        assert result.exit_code == 2, (name, result.output)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "not a tqa baseline" in lines[0], result.stderr
        assert "internal error" not in result.stderr
