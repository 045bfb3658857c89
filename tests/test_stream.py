"""Streamed reports: tqa check --format jsonl, --resume, and every format
rendered from a stream (tqa render REPORT.jsonl)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa import runner
from tqa.cli import app

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "kazakhstan-summit.fr.txt"
FAST = ("--select", "TQA-TYP,TQA-STR", "--isolated")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Five documents: the sample, short texts with and without findings, and
    two source/translation pairs that translate one sentence differently."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    (folder / "b.txt").write_text("Le sommet s'ouvre lundi .\n", encoding="utf-8")
    (folder / "c.txt").write_text("Le sommet s'ouvre lundi.\n", encoding="utf-8")
    for name, target in (("d", "Le fichier a été enregistré."), ("e", "Le fichier est sauvé.")):
        (folder / f"{name}.de.txt").write_text("Die Datei wurde gespeichert.\n", "utf-8")
        (folder / f"{name}.fr.txt").write_text(target + "\n", encoding="utf-8")
    return folder


def test_one_line_per_document_in_input_order_then_a_summary(batch: Path) -> None:
    code, out, err = invoke("check", str(batch), "--format", "jsonl", *FAST)
    got = lines(out)
    documents = [g for g in got if g["type"] == "document" and not g.get("update")]
    assert [d["index"] for d in documents] == list(range(5))
    assert [Path(d["path"]).name for d in documents] == [
        "a.txt", "b.txt", "c.txt", "d.fr.txt", "e.fr.txt",
    ]  # fmt: skip
    # the two pairs translate one sentence differently: known once both are done
    updates = [g for g in got if g.get("update")]
    assert [u["index"] for u in updates] == [3, 4]
    assert all(any(f["code"] == "TQA-STR-005" for f in u["findings"]) for u in updates)
    assert got[-1]["type"] == "summary" and got[-1]["summary"]["documents"] == 5
    assert got[-1]["exit_status"] == code
    assert all("\n" not in line for line in out.splitlines())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_format_renders_from_the_stream_as_from_the_run(
    batch: Path, tmp_path: Path, jobs: str
) -> None:
    stream = tmp_path / "report.jsonl"
    code, out, err = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(stream), "--jobs", jobs, *FAST
    )
    assert out == "" and stream.exists()
    for format in ("json", "sarif", "junit", "markdown", "github", "html"):
        whole_code, whole, _ = invoke("check", str(batch), "--format", format, *FAST)
        assert whole_code == code
        rendered_code, rendered, error = invoke("render", str(stream), "--format", format)
        assert rendered_code == 0, error
        assert rendered == whole, format


def test_an_unreadable_input_is_an_error_line_and_exit_2(batch: Path) -> None:
    (batch / "bad.txt").write_bytes(b"\xff\xfe\x00\x00bad")
    code, out, err = invoke("check", str(batch), "--format", "jsonl", *FAST)
    got = lines(out)
    errors = [g for g in got if g["type"] == "error"]
    assert len(errors) == 1 and "bad.txt" in errors[0]["message"]
    assert code == 2 and got[-1]["exit_status"] == 2
    assert "bad.txt" in err and "Traceback" not in err


def test_resume_keeps_the_documents_done_and_checks_the_rest(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole.jsonl"
    invoke("check", str(batch), "--format", "jsonl", "-o", str(whole), *FAST)
    data = whole.read_bytes()
    # a run stopped while writing the third document: two lines and a part
    cut = tmp_path / "stopped.jsonl"
    first_lines = data.split(b"\n")
    cut.write_bytes(b"\n".join(first_lines[:2]) + b"\n" + first_lines[2][:100])

    checked: list[str] = []
    check_one = runner._check_one

    def counting(item, config, source):  # type: ignore[no-untyped-def]
        checked.append(Path(item.path).name)
        return check_one(item, config, source)

    monkeypatch.setattr(runner, "_check_one", counting)
    code, out, err = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(cut), "--resume", *FAST
    )
    assert code in (0, 1), err
    assert checked == ["c.txt", "d.fr.txt", "e.fr.txt"]
    assert cut.read_bytes() == data

    # resuming a finished stream checks nothing again and gives the same file
    checked.clear()
    invoke("check", str(batch), "--format", "jsonl", "-o", str(cut), "--resume", *FAST)
    assert checked == [] and cut.read_bytes() == data


def test_resume_of_a_missing_report_checks_everything(batch: Path, tmp_path: Path) -> None:
    stream = tmp_path / "new.jsonl"
    code, _, err = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(stream), "--resume", *FAST
    )
    assert code in (0, 1), err
    assert lines(stream.read_text(encoding="utf-8"))[-1]["summary"]["documents"] == 5


def test_resume_with_other_inputs_is_refused(batch: Path, tmp_path: Path) -> None:
    stream = tmp_path / "report.jsonl"
    invoke("check", str(batch / "a.txt"), str(batch / "b.txt"), "--format", "jsonl",
           "-o", str(stream), *FAST)  # fmt: skip
    before = stream.read_bytes()
    code, out, err = invoke(
        "check", str(batch / "c.txt"), str(batch / "b.txt"), "--format", "jsonl",
        "-o", str(stream), "--resume", *FAST,
    )  # fmt: skip
    assert code == 2 and err.startswith("tqa: error:") and len(err.splitlines()) == 1
    assert "same files" in err
    assert stream.read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--resume",), "--resume needs -o FILE"),
        (("--resume", "--format", "json", "-o", "r.json"), "--format jsonl"),
        (("--format", "jsonl", "--write-baseline", "b.json"), "need it whole"),
    ],
)
def test_option_mistakes_are_usage_errors(
    batch: Path, extra: tuple[str, ...], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(batch)
    args = [a for a in extra]
    if "--format" not in args:
        args += ["--format", "jsonl"]
    code, out, err = invoke("check", "a.txt", *args, *FAST)
    assert code == 2 and message in err and "Traceback" not in err


def test_the_stream_never_overwrites_an_input(batch: Path) -> None:
    before = (batch / "b.txt").read_bytes()
    code, _, err = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(batch / "b.txt"), *FAST
    )
    assert code == 2 and "never overwrites" in err
    assert (batch / "b.txt").read_bytes() == before


def test_an_unfinished_stream_does_not_render(tmp_path: Path, batch: Path) -> None:
    stream = tmp_path / "report.jsonl"
    invoke("check", str(batch / "a.txt"), "--format", "jsonl", "-o", str(stream), *FAST)
    stream.write_bytes(stream.read_bytes().split(b"\n")[0] + b"\n")
    code, out, err = invoke("render", str(stream), "--format", "html")
    assert code == 2 and "did not finish" in err and out == ""


def test_a_stream_nested_too_deeply_is_one_line_for_resume_and_render(
    batch: Path, tmp_path: Path
) -> None:
    stream = tmp_path / "deep.jsonl"
    stream.write_text('{"type": "document", "index": 0, "x": ' + "[" * 100_000 + "\n", "utf-8")
    saved = stream.read_bytes()
    for args in (
        ("check", str(batch), "--format", "jsonl", "--resume", "-o", str(stream), *FAST),
        ("render", str(stream), "--format", "html"),
    ):
        code, _, err = invoke(*args)
        assert code == 2, (args, err)
        assert len(err.splitlines()) == 1 and "nested too deeply" in err, err
        assert "internal error" not in err
    assert stream.read_bytes() == saved


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda ls: [ls[0].replace('"value":', '"value":NaN,"v":'), *ls[1:]], "NaN"),
        (lambda ls: [ls[0].replace('"words":', '"words":1e400,"w":'), *ls[1:]], "out of range"),
        (
            lambda ls: [ls[0].replace('"words":', '"words":' + "9" * 5000 + ',"w":'), *ls[1:]],
            "a number of more than 4300 digits",
        ),
        (lambda ls: [*ls[:-1], ls[-1].replace('"exit_status":', '"exit_status":NaN,"e":')], "NaN"),
        (
            lambda ls: [*ls[:-1], ls[-1].replace('"exit_status":', '"exit_status":"<b>","e":')],
            "0, 1 or 2",
        ),
        (lambda ls: [ls[0], ls[0], *ls[1:]], "a second time"),
        (lambda ls: [*ls, ls[-1]], "after the summary"),
        (
            lambda ls: [ls[0].replace('"index":0', '"index":7,"update":true'), *ls],
            "not reported before",
        ),
    ],
)
def test_a_crafted_stream_is_refused_in_one_line(
    tmp_path: Path, batch: Path, edit, expected
) -> None:  # type: ignore[no-untyped-def]
    """NaN and out-of-range numbers, a document reported twice, an update of a
    document never reported, a line after the summary and an exit status
    that is not one are refused as the JSON report refuses them."""
    stream = tmp_path / "report.jsonl"
    invoke("check", str(batch / "a.txt"), "--format", "jsonl", "-o", str(stream), *FAST)
    crafted = tmp_path / "crafted.jsonl"
    crafted.write_text("\n".join(edit(stream.read_text("utf-8").splitlines())) + "\n", "utf-8")
    code, out, err = invoke("render", str(crafted), "--format", "html")
    assert code == 2 and out == "" and expected in err, err
    assert len(err.splitlines()) == 1 and "internal error" not in err
