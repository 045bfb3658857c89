"""tqa check --executor dask --scheduler ADDRESS: the per-document work on
the workers of a Dask cluster (a LocalCluster of two worker processes here),
with the same report as a local run, a worker that dies, and the usage
errors."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

distributed = pytest.importorskip("distributed", reason="distributed (tqa[dask]) is missing")

from tqa.backends import dask_executor  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
XLIFF = ROOT / "tests" / "data" / "formats" / "anleitung.fr.xlf"
#: fast checks: the structure and typography checks, and the alignment of pairs
FAST = ("--isolated", "--select", "TQA-TYP,TQA-STR,TQA-ALN")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A scheduler and two single-threaded worker processes; the folder of
    the test hook that makes a worker exit on a named document. The
    scheduler gives up on a document after its worker died twice."""
    import dask
    from distributed import LocalCluster

    hook = tmp_path_factory.mktemp("exit-hook")
    os.environ[dask_executor.EXIT_HOOK] = str(hook)  # inherited by the worker processes
    settings = {
        "distributed.scheduler.allowed-failures": 1,
        "distributed.scheduler.worker-saturation": 1.0,
    }
    try:
        with dask.config.set(settings):
            with LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                scheduler_port=0,
                dashboard_address=None,
            ) as local:
                yield local.scheduler_address, hook
    finally:
        del os.environ[dask_executor.EXIT_HOOK]


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Plain texts, a source/translation pair and an XLIFF file."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    (folder / "b.txt").write_text("Le sommet s'ouvre lundi .\n", encoding="utf-8")
    (folder / "c.txt").write_text("Le sommet s'ouvre lundi.\n", encoding="utf-8")
    (folder / "d.de.txt").write_text("Die Datei wurde gespeichert.\n", encoding="utf-8")
    (folder / "d.fr.txt").write_text("Le fichier a été sauvé.\n", encoding="utf-8")
    (folder / "e.txt").write_text("Der Gipfel beginnt am Montag in Astana.\n", "utf-8")
    if importlib.util.find_spec("translate") is not None:
        shutil.copy(XLIFF, folder / "f.fr.xlf")
    return folder


def test_every_check_gives_the_local_report_byte_for_byte(
    cluster: tuple[str, Path], batch: Path
) -> None:
    address, _ = cluster
    local = invoke("check", str(batch), "--format", "json", "--isolated")
    remote = invoke("check", str(batch), "--format", "json", "--isolated", "--scheduler", address)
    assert local[0] == remote[0] == 1, remote[2]
    assert remote[1] == local[1]
    paths = [Path(d["path"]).name for d in json.loads(remote[1])["documents"]]
    assert paths[:5] == ["a.txt", "b.txt", "c.txt", "d.fr.txt", "e.txt"]
    # each worker loaded the spaCy pipeline once (the plugin), not once per document
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        loads = client.run(_spacy_loads)
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert len(loads) == 2 and set(loads.values()) == {1}
    assert not any(name.startswith("tqa-") for names in plugins.values() for name in names)


def _spacy_loads() -> int:
    from tqa.backends import spacy_fr

    return spacy_fr.load.cache_info().misses


def test_a_stream_and_its_resumption_are_those_of_a_local_run(
    cluster: tuple[str, Path], batch: Path, tmp_path: Path
) -> None:
    address, _ = cluster
    whole = tmp_path / "whole.jsonl"
    code, _, err = invoke("check", str(batch), "--format", "jsonl", "-o", str(whole), *FAST)
    streamed = tmp_path / "dask.jsonl"
    got = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(streamed), *FAST,
        "--executor", "dask", "--scheduler", address,
    )  # fmt: skip
    assert got[0] == code and streamed.read_bytes() == whole.read_bytes(), got[2]
    # a run stopped after two documents, resumed on the cluster
    stopped = tmp_path / "stopped.jsonl"
    stopped.write_bytes(b"".join(whole.read_bytes().splitlines(keepends=True)[:2]))
    resumed = invoke(
        "check", str(batch), "--format", "jsonl", "-o", str(stopped), "--resume", *FAST,
        "--scheduler", address,
    )  # fmt: skip
    assert resumed[0] == code and stopped.read_bytes() == whole.read_bytes(), resumed[2]


def test_standard_input_is_read_here_and_checked_there(cluster: tuple[str, Path]) -> None:
    address, _ = cluster
    text = "Le sommet s'ouvre lundi .\n"
    local = CliRunner().invoke(app, ["check", "-", "--format", "json", *FAST], input=text)
    remote = CliRunner().invoke(
        app, ["check", "-", "--format", "json", *FAST, "--scheduler", address], input=text
    )
    assert remote.exit_code == local.exit_code and remote.stdout == local.stdout, remote.stderr
    assert json.loads(remote.stdout)["documents"][0]["path"] == "-"


def test_the_glossary_is_sent_to_the_workers(cluster: tuple[str, Path], tmp_path: Path) -> None:
    address, _ = cluster
    (tmp_path / "terms.tsv").write_text("german\tfrench\nGipfeltreffen\tsommet\n", "utf-8")
    (tmp_path / "tqa.toml").write_text('glossary = "terms.tsv"\n', encoding="utf-8")
    (tmp_path / "t.de.txt").write_text("Das Gipfeltreffen beginnt am Montag.\n", "utf-8")
    (tmp_path / "t.fr.txt").write_text("La réunion commence lundi.\n", encoding="utf-8")
    options = ("--format", "json", "--select", "TQA-TRM", "--config", str(tmp_path / "tqa.toml"))
    local = invoke("check", str(tmp_path / "t.fr.txt"), *options)
    remote = invoke("check", str(tmp_path / "t.fr.txt"), *options, "--scheduler", address)
    assert remote[0] == local[0] and remote[1] == local[1], remote[2]
    assert [f["text"] for f in json.loads(remote[1])["documents"][0]["findings"]] == ["réunion"]
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        sent = client.run(_glossaries_sent)
    assert [len(terms) for terms in sent.values()] == [1, 1]


def _glossaries_sent() -> list[str]:
    from tqa.checks import glossary

    return [path for path in glossary.SENT if path.endswith("terms.tsv")]


def test_a_worker_that_dies_loses_no_document(cluster: tuple[str, Path], batch: Path) -> None:
    address, hook = cluster
    marker = hook / "c.txt.once"
    marker.touch()  # the worker that checks c.txt exits, the first time only
    local = invoke("check", str(batch), "--format", "json", *FAST)
    remote = invoke("check", str(batch), "--format", "json", *FAST, "--scheduler", address)
    assert not marker.exists()  # a worker did die on it
    assert remote[0] == local[0] and remote[1] == local[1], remote[2]


def test_a_document_that_kills_its_workers_twice_is_an_input_error(
    cluster: tuple[str, Path], batch: Path
) -> None:
    address, hook = cluster
    (batch / "poison.txt").write_text("Le sommet s'ouvre lundi.\n", encoding="utf-8")
    always = hook / "poison.txt.always"
    always.touch()
    try:
        code, out, err = invoke(
            "check", str(batch), "--format", "json", *FAST, "--scheduler", address
        )
    finally:
        always.unlink()
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("tqa: error:")]
    assert len(errors) == 1 and "poison.txt: the Dask worker checking it died" in errors[0]
    assert "Traceback" not in err
    report = json.loads(out)
    assert [e for e in report["errors"] if "poison.txt" in e]
    # every other document is checked, as a local run checks it
    (batch / "poison.txt").unlink()
    local = json.loads(invoke("check", str(batch), "--format", "json", *FAST)[1])
    assert report["documents"] == local["documents"]


def test_a_check_that_raises_twice_is_an_input_error(
    cluster: tuple[str, Path], batch: Path
) -> None:
    address, hook = cluster
    failing = hook / "b.txt.raise"
    failing.touch()
    try:
        code, out, err = invoke(
            "check", str(batch), "--format", "json", *FAST, "--scheduler", address
        )
    finally:
        failing.unlink()
    assert code == 2 and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("tqa: error:")]
    assert len(errors) == 1 and "b.txt: the check failed twice on the Dask cluster" in errors[0]
    assert "the test hook makes this check fail" in errors[0]
    paths = [Path(d["path"]).name for d in json.loads(out)["documents"]]
    assert "b.txt" not in paths and "c.txt" in paths


def test_workers_with_another_tqa_version_are_refused(
    cluster: tuple[str, Path], batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address, _ = cluster
    monkeypatch.setattr(dask_executor, "__version__", "0.0.1")  # the client's version
    code, out, err = invoke("check", str(batch), *FAST, "--quiet", "--scheduler", address)
    assert code == 2 and out == "" and len(err.splitlines()) == 1, err
    assert err.startswith(f"tqa: error: --scheduler {address}: the workers cannot run tqa")
    assert "not 0.0.1" in err
    from distributed import Client

    with Client(address, set_as_default=False) as client:  # no plugin left behind
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert not any(name.startswith("tqa-") for names in plugins.values() for name in names)


def test_an_unreachable_scheduler_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dask_executor, "CONNECT_SECONDS", 1)
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    code, out, err = invoke("check", str(SAMPLE), *FAST, "--scheduler", address)
    assert code == 2 and out == ""
    assert err.startswith(f"tqa: error: --scheduler {address}: cannot reach the scheduler")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--scheduler", "nonsense"), "--scheduler nonsense: not a scheduler address"),
        (("--scheduler", "tcp://"), "--scheduler tcp://: not a scheduler address"),
        (("--executor", "dask"), "--executor dask needs --scheduler tcp://HOST:PORT"),
        (("--executor", "local", "--scheduler", "tcp://h:1"), "use it with --executor dask"),
        (("--scheduler", "tcp://h:1", "--jobs", "2"), "--jobs sets the worker processes"),
    ],
)
def test_usage_errors(options: tuple[str, ...], expected: str) -> None:
    code, out, err = invoke("check", str(SAMPLE), *FAST, *options)
    assert code == 2 and out == ""
    assert err.startswith("tqa: error: ") and expected in err and len(err.splitlines()) == 1


def test_without_distributed_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "distributed" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    code, _, err = invoke("check", str(SAMPLE), *FAST, "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2 and len(err.splitlines()) == 1
    assert "distributed" in err and "pip install 'tqa[dask]'" in err


def test_the_command_line_does_not_import_distributed() -> None:
    code = "import sys, tqa.cli, tqa.runner, tqa.executors; print('distributed' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
