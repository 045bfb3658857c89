"""Streamed reports: tqa check --format jsonl, --resume, and every format
rendered from a stream (tqa render REPORT.jsonl)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa import resume, runner
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

    checked = _counting(monkeypatch)
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


@pytest.mark.parametrize("cut", [1, 5, 9, 40])
def test_resume_of_a_first_line_cut_short_checks_everything(
    batch: Path, tmp_path: Path, cut: int
) -> None:
    """A run stopped while writing its first line left part of it: any
    part, even ``{``, is that line begun, and the batch is checked again."""
    whole = tmp_path / "whole.jsonl"
    invoke("check", str(batch), "--format", "jsonl", "-o", str(whole), *FAST)
    stopped = tmp_path / "stopped.jsonl"
    stopped.write_bytes(whole.read_bytes()[:cut])
    code, _, err = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(stopped), "--resume", *FAST
    )
    assert code in (0, 1), err
    assert stopped.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize("contents", [b"important notes, no newline", b'{"summary": 1}'])
def test_resume_into_another_file_of_one_line_is_refused_and_leaves_it(
    batch: Path, tmp_path: Path, contents: bytes
) -> None:
    """A file of one line without its newline that no tqa stream begins with
    (notes, a compact JSON report) is not taken for a stopped stream and
    replaced: refused in one line, left as it was."""
    other = tmp_path / "notes.txt"
    other.write_bytes(contents)
    code, _, err = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(other), "--resume", *FAST
    )
    assert code == 2 and err.startswith("tqa: error:") and len(err.splitlines()) == 1, err
    assert "not a line of a tqa jsonl report" in err
    assert other.read_bytes() == contents


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


def test_a_stream_line_whose_verdict_was_edited_is_refused_by_resume_and_render(
    tmp_path: Path, batch: Path
) -> None:
    """A document line claiming a pass its score denies would be counted as
    passed by --resume (and its exit status would follow): refused."""
    stream = tmp_path / "report.jsonl"
    # the sample (98.7 with these checks) fails at 100
    args = ("check", str(batch), "--format", "jsonl", "--fail-under", "100", *FAST)
    invoke(*args, "-o", str(stream))
    lines = stream.read_text("utf-8").splitlines()
    failed = next(n for n, line in enumerate(lines) if '"passed":false' in line)
    assert json.loads(lines[failed]).get("update") is None
    document = json.loads(lines[failed])
    document["score"]["passed"] = True
    lines[failed] = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    stream.write_text("\n".join(lines[: failed + 1]) + "\n", "utf-8")  # stopped there
    for command in (("render", str(stream)), (*args, "-o", str(stream), "--resume")):
        code, out, err = invoke(*command)
        assert code == 2 and "score.passed: true with" in err, err
        assert len(err.splitlines()) == 1 and "internal error" not in err


# -- --resume with inputs changed since the stopped run ---------------------------------


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """fr/ checked against de/ (pairs by relative path), three documents."""
    french, german = tmp_path / "fr", tmp_path / "de"
    french.mkdir()
    german.mkdir()
    for name in ("a", "b", "c"):
        (german / f"{name}.txt").write_text(f"Die Datei {name} wurde gespeichert.\n", "utf-8")
        (french / f"{name}.txt").write_text(f"Le fichier {name} a été enregistré.\n", "utf-8")
    return french, german


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read to be checked from now on (a lone file is
    read before the models load, then checked: tqa.runner.Batch.results)."""
    checked: list[str] = []
    read_one = runner._read_one

    def counting(item, config):  # type: ignore[no-untyped-def]
        checked.append(Path(item.path).name)
        return read_one(item, config)

    monkeypatch.setattr(runner, "_read_one", counting)
    return checked


def _resumed(
    args: tuple[str, ...], stream: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, list[str], bytes]:
    """A new run of ``args`` on the files as they are now, then ``stream``
    resumed with them: (the resumed run's exit status, the files it read,
    the new run's stream), which the resumed stream must equal."""
    fresh = tmp_path / "fresh.jsonl"
    invoke(*args, "-o", str(fresh))
    checked = _counting(monkeypatch)
    code, _, err = invoke(*args, "-o", str(stream), "--resume")
    assert "Traceback" not in err, err
    return code, checked, fresh.read_bytes()


@pytest.mark.parametrize(
    ("changed", "contents", "cut"),
    [
        ("b", b"Die Datei b wurde nicht gespeichert.\n", None),  # a finished stream
        ("a", b"Die Datei a wurde nicht gespeichert.\n", None),  # the first, with the settings
        ("c", b"Die Datei c wurde nicht gespeichert.\n", None),  # the last
        ("a", b"Die Datei a wurde nicht gespeichert.\n", 2),  # stopped after two documents
        ("b", b"\xff\xfe\x00\x00bad", None),  # now unreadable: an error in its place
    ],
)
def test_resume_checks_again_the_document_whose_source_in_the_folder_changed(
    folders: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    changed: str,
    contents: bytes,
    cut: int | None,
) -> None:
    """The stopped run's line of a document is kept only while the German
    file paired with it is the one it was checked against: the document
    whose source changed is checked again, the others are not, and the
    stream is the one a new run gives."""
    french, german = folders
    args = ("check", str(french), "--source", str(german), "--format", "jsonl", *FAST)
    stream = tmp_path / "stream.jsonl"
    invoke(*args, "-o", str(stream))
    before = stream.read_bytes().splitlines(keepends=True)
    if cut is not None:
        stream.write_bytes(b"".join(before[:cut]))
    (german / f"{changed}.txt").write_bytes(contents)
    code, checked, fresh = _resumed(args, stream, tmp_path, monkeypatch)
    assert code in (0, 1, 2)
    left = [] if cut is None else ["a.txt", "b.txt", "c.txt"][cut:]
    assert checked == sorted({f"{changed}.txt", *left})
    after = stream.read_bytes()
    assert after == fresh
    index = "abc".index(changed)
    assert after.splitlines(keepends=True)[index] != before[index]

    # resumed again: nothing has changed, nothing is checked
    checked.clear()
    invoke(*args, "-o", str(stream), "--resume")
    assert checked == [] and stream.read_bytes() == after


def test_resume_checks_again_a_pair_by_name_whose_source_changed(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NAME.de.txt beside NAME.fr.txt: the same, for the batch-wide checks
    too (d and e translate one sentence differently: TQA-STR-005)."""
    args = ("check", str(batch), "--format", "jsonl", *FAST)
    stream = tmp_path / "stream.jsonl"
    invoke(*args, "-o", str(stream))
    (batch / "d.de.txt").write_text("Die Datei wurde nicht gespeichert.\n", "utf-8")
    _, checked, fresh = _resumed(args, stream, tmp_path, monkeypatch)
    assert checked == ["d.fr.txt"]
    assert stream.read_bytes() == fresh


def test_resume_checks_again_a_changed_input_file(
    folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    french, german = folders
    args = ("check", str(french), "--source", str(german), "--format", "jsonl", *FAST)
    stream = tmp_path / "stream.jsonl"
    invoke(*args, "-o", str(stream))
    before = stream.read_bytes().splitlines()[2]
    (french / "c.txt").write_text("Le sommet s'ouvre lundi .\n", "utf-8")
    _, checked, fresh = _resumed(args, stream, tmp_path, monkeypatch)
    assert checked == ["c.txt"]
    assert stream.read_bytes() == fresh
    assert stream.read_bytes().splitlines()[2] != before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_resume_checks_again_a_file_changed_while_its_report_was_made(
    folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The fingerprint a line records is taken before its input is read: a
    file edited after tqa read it, before its line was written, is checked
    again by --resume, not kept with the report of its old text."""
    french, german = folders
    args = ("check", str(french), "--source", str(german), "--format", "jsonl", "--jobs", jobs)
    check_one = runner._check_one

    def edited_meanwhile(item, config, source):  # type: ignore[no-untyped-def]
        report = check_one(item, config, source)
        if Path(item.path).name == "b.txt":
            Path(item.path).write_text("Le fichier b a été enregistré .\n", "utf-8")
        return report

    stream = tmp_path / "stream.jsonl"
    with monkeypatch.context() as patched:
        patched.setattr(runner, "_check_one", edited_meanwhile)
        invoke(*args, *FAST, "-o", str(stream))
    assert (french / "b.txt").read_text("utf-8").endswith(" .\n")
    stopped = stream.read_bytes()
    code, checked, fresh = _resumed((*args, *FAST), stream, tmp_path, monkeypatch)
    assert code in (0, 1)
    assert stopped != fresh  # b's line reports the old text
    assert "b.txt" in checked and "a.txt" not in checked
    assert stream.read_bytes() == fresh


def test_resume_of_a_stream_without_fingerprints_compares_paths_only(
    folders: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stream written before the fingerprints were recorded still resumes."""
    french, german = folders
    args = ("check", str(french), "--source", str(german), "--format", "jsonl", *FAST)
    stream = tmp_path / "stream.jsonl"
    invoke(*args, "-o", str(stream))
    old = []
    for line in lines(stream.read_text("utf-8"))[:2]:
        assert line.pop("fingerprint")
        old.append(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    stream.write_text("".join(old), encoding="utf-8")
    (german / "a.txt").write_text("Die Datei a wurde nicht gespeichert.\n", "utf-8")
    checked = _counting(monkeypatch)
    invoke(*args, "-o", str(stream), "--resume")
    assert checked == ["c.txt"]


def test_the_fingerprint_is_no_part_of_the_document(folders: tuple[Path, Path]) -> None:
    french, german = folders
    code, out, _ = invoke("check", str(french), "--source", str(german), "-f", "jsonl", *FAST)
    got = lines(out)
    assert all(len(line["fingerprint"]) == 16 for line in got[:3])
    assert len({line["fingerprint"] for line in got[:3]}) == 3
    assert "fingerprint" not in got[-1]


def test_resume_with_several_jobs_checks_again_inputs_that_do_not_follow_one_another(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    french, german = folders
    for name in ("d", "e"):
        (german / f"{name}.txt").write_text(f"Die Datei {name} wurde gespeichert.\n", "utf-8")
        (french / f"{name}.txt").write_text(f"Le fichier {name} a été enregistré.\n", "utf-8")
    args = ("check", str(french), "--source", str(german), "--format", "jsonl", "--jobs", "2")
    stream = tmp_path / "stream.jsonl"
    invoke(*args, *FAST, "-o", str(stream))
    for name in ("a", "c", "e"):  # inputs 0, 2 and 4
        (german / f"{name}.txt").write_text("Die Datei wurde nicht gespeichert.\n", "utf-8")
    fresh = tmp_path / "fresh.jsonl"
    invoke(*args, *FAST, "-o", str(fresh))
    code, _, err = invoke(*args, *FAST, "-o", str(stream), "--resume")
    assert code in (0, 1), err
    assert stream.read_bytes() == fresh.read_bytes()


def _model(folder: Path) -> Path:
    """A folder with the files of a Marian model (never loaded here)."""
    folder.mkdir()
    for name in ("config.json", "source.spm", "target.spm", "vocab.json", "model.safetensors"):
        (folder / name).write_text("{}", encoding="utf-8")
    return folder


def test_resume_with_a_changed_model_folder_is_refused(tmp_path: Path) -> None:
    """A model saved again in the folder --neural-model names: the stopped
    run's reports were made with the old one. The folder is listed, not read."""
    from tqa.config import Config
    from tqa.render.jsonl import Stream

    text = tmp_path / "a.fr.txt"
    text.write_text("Le fichier a été enregistré.\n", encoding="utf-8")
    model = _model(tmp_path / "opus")
    config = Config(neural_model=str(model), select=("TQA-NEU-001",))
    batch = runner.prepare_batch([str(text)], config)
    before = resume.run_settings(batch)
    assert before["neural_model_files"] is not None and before["neural_back_model_files"] is None
    assert resume.run_settings(batch) == before
    (model / "model.safetensors").write_text('{"other": "weights"}', encoding="utf-8")
    after = resume.run_settings(batch)
    assert after["neural_model_files"] != before["neural_model_files"]
    stream = Stream(settings=before, done=[(0, str(text))], verdicts={0: (True, 0)})
    with pytest.raises(runner.InputError, match=r"other options \(the files of --neural-model\)"):
        resume.resume(batch, stream, {}, {}, {}, False, after)
    # a model that no active check loads is not looked at
    unused = runner.prepare_batch([str(text)], Config(neural_model=str(model), select=("TQA-TYP",)))
    assert resume.run_settings(unused)["neural_model_files"] is None
