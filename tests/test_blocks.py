"""A bilingual file of more units than one block is checked in blocks
(tqa.blocks) when the report is streamed: the same report, byte for byte,
without holding the file's segments, alignment and source in memory."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa import blocks
from tqa.cli import app
from tqa.config import Config
from tqa.errors import InputError
from tqa.pipeline import active_rules
from tqa.read import Input, format_of, read_input, read_records
from tqa.read.units import Builder

pytest.importorskip("translate.storage.xliff", reason="translate-toolkit (tqa[formats]) is missing")

DATA = Path(__file__).parent / "data" / "formats"
UNIT_FILES = sorted(
    p for p in DATA.iterdir() if format_of(str(p)) in ("xliff", "tmx", "po")
)  # the good ones and the broken, bombs included
FAST = ("--select", "TQA-TYP,TQA-STR,TQA-ACC-001", "--isolated")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def report(*args: str) -> tuple[int, str]:
    """Exit status and the stream (standard error tells the time taken)."""
    code, out, _ = invoke(*args)
    return code, out


@pytest.fixture
def spill_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Temporary files go here, to see that none is left behind."""
    folder = tmp_path / "spill"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _units(pairs: list[tuple[str, str]]) -> str:
    body = "".join(
        f'   <trans-unit id="u{n}">\n    <source>{s}</source>\n'
        f'    <target state="translated">{t}</target>\n   </trans-unit>\n'
        for n, (s, t) in enumerate(pairs)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        ' <file original="x" source-language="de" target-language="fr" datatype="plaintext">\n'
        f"  <body>\n{body}  </body>\n </file>\n</xliff>\n"
    )


def test_the_incremental_readers_find_the_units_of_the_whole_file_readers() -> None:
    for path in UNIT_FILES:
        item = Input(str(path), str(path))
        try:
            expected: object = read_input(item, 1 << 24, "de", "fr")
        except InputError as exc:
            expected = str(exc)
        try:
            builder = Builder(str(path), format_of(str(path)))
            for record in read_records(item, 1 << 24, "de", "fr"):
                builder.add(*record)
            got: object = builder.document()
        except InputError as exc:
            got = str(exc)
        assert got == expected, path.name


def test_a_file_of_several_blocks_streams_the_report_of_the_file_checked_at_once(
    spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(p) for p in UNIT_FILES]
    at_once = report("check", *files, "--format", "jsonl", "--isolated")
    monkeypatch.setattr(blocks, "BLOCK_UNITS", 1)
    calls: list[str] = []
    check = blocks.check_in_blocks

    def counted(item: Input, *args: object, **kwargs: object) -> object:
        found = check(item, *args, **kwargs)  # type: ignore[arg-type]
        if found is not None:
            calls.append(Path(item.path).name)
        return found

    monkeypatch.setattr(blocks, "check_in_blocks", counted)
    in_blocks = report("check", *files, "--format", "jsonl", "--isolated")
    assert in_blocks == at_once
    # every good file has several units: each was checked in blocks
    assert sorted(calls) == sorted(
        p.name for p in UNIT_FILES if p.name not in ("broken.xlf", "broken.po")
        and "laughs" not in p.name and "xxe" not in p.name
    )  # fmt: skip
    assert at_once[0] == 2  # the broken files and the bombs
    assert list(spill_dir.iterdir()) == []  # the spill files are removed


def test_inconsistent_units_in_different_blocks_are_found_and_the_update_streams_whole(
    tmp_path: Path, spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = [
        ("Die Datei wurde gespeichert.", "Le fichier a été enregistré."),
        ("Der Ordner ist leer.", "Le dossier est vide."),
        ("Klicken Sie auf {0}.", "Cliquez ."),
        ("Die Datei wurde gespeichert.", "Le fichier a été sauvegardé."),
        ("Der Ordner ist leer.", "Le dossier est vide."),
    ]
    path = tmp_path / "ui.fr.xlf"
    path.write_text(_units(pairs), encoding="utf-8")
    other = tmp_path / "other.fr.xlf"
    other.write_text(_units([pairs[0]]), encoding="utf-8")
    args = ("check", str(path), str(other), "--format", "jsonl", *FAST)
    at_once = report(*args)
    monkeypatch.setattr(blocks, "BLOCK_UNITS", 2)
    assert report(*args) == at_once
    got = [json.loads(line) for line in at_once[1].splitlines()]
    updates = [g for g in got if g.get("update")]
    assert [u["index"] for u in updates] == [0, 1]
    inconsistent = [f for f in updates[0]["findings"] if f["code"] == "TQA-STR-005"]
    assert [f["unit"]["id"] for f in inconsistent] == ["u0", "u3"]
    assert [f["origin"]["line"] for f in inconsistent] == [7, 19]
    text = updates[0]["text"]
    assert all(text[f["start"] : f["end"]] == f["text"] for f in updates[0]["findings"])
    assert any(f["code"] == "TQA-ACC-001" for f in updates[0]["findings"])
    assert list(spill_dir.iterdir()) == []


def test_a_file_of_several_blocks_is_not_held_whole(spill_dir: Path) -> None:
    pairs = [("Der Ordner ist leer.", "Le dossier est vide.")] * 5
    path = spill_dir.parent / "many.fr.xlf"
    path.write_text(_units(pairs), encoding="utf-8")
    config = Config(select=("TQA-TYP",))
    rules, notes = active_rules(config)
    item = Input(str(path), str(path))
    # one block: the file read, as read_input reads it, to check at once
    whole = blocks.check_in_blocks(item, config, rules, notes, block_units=5)
    assert whole == read_input(item, config.max_bytes, "de", "fr")
    assert not os.listdir(spill_dir)
    report = blocks.check_in_blocks(item, config, rules, notes, block_units=2)
    assert report is not None and report.spill is not None
    assert report.segments == () and report.alignment == ()
    assert report.source is not None and report.source.text == ""
    assert report.text == "\n\n".join(t for _, t in pairs)
    assert len(report.spill.entries) == 5
    assert sorted(os.listdir(report.spill.directory)) == sorted((*blocks.LISTS, blocks.SOURCE_TEXT))
    lines: list[str] = []
    blocks.write_document(lines.append, 0, report)
    data = json.loads("".join(lines))
    assert [s["id"] for s in data["segments"]] == [0, 1, 2, 3, 4]
    assert [(s["start"], s["end"]) for s in data["segments"]][-1] == (88, 108)
    assert data["source"]["text"] == "\n\n".join(s for s, _ in pairs)
    assert data["alignment"][4] == {"source": [4], "target": [4], "score": 1.0}
    blocks.discard(report)
    assert not os.path.exists(report.spill.directory)


def test_a_broken_large_file_is_an_error_with_line_and_column_and_the_batch_goes_on(
    tmp_path: Path, spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = [("Der Ordner ist leer.", "Le dossier est vide.")] * 6
    text = _units(pairs).replace(
        '<target state="translated">Le dossier est vide.</target>\n   </trans-unit>\n   '
        '<trans-unit id="u4">',
        '<target state="translated">Le dossier <g>est vide.</target>\n   </trans-unit>\n   '
        '<trans-unit id="u4">',
    )
    broken = tmp_path / "b.fr.xlf"
    broken.write_text(text, encoding="utf-8")
    good = tmp_path / "c.fr.xlf"
    good.write_text(_units(pairs), encoding="utf-8")
    monkeypatch.setattr(blocks, "BLOCK_UNITS", 2)
    code, out, err = invoke("check", str(broken), str(good), "--format", "jsonl", *FAST)
    assert code == 2
    got = [json.loads(line) for line in out.splitlines()]
    assert got[0]["type"] == "error"
    assert "not well-formed XML at line 19, column" in got[0]["message"]
    assert got[1]["type"] == "document" and got[1]["path"].endswith("c.fr.xlf")
    assert len(got[1]["segments"]) == 6
    assert got[-1]["exit_status"] == 2
    assert "tqa: error:" in err and "line 19, column" in err
    assert list(spill_dir.iterdir()) == []


def test_workers_check_large_files_in_blocks_too(
    tmp_path: Path, spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for n in range(3):
        pairs = [(f"Der Ordner {n} ist leer.", f"Le dossier {n} est vide.")] * (3 + n)
        path = tmp_path / f"{n}.fr.xlf"
        path.write_text(_units(pairs), encoding="utf-8")
        files.append(str(path))
    args = ("check", *files, "--format", "jsonl", *FAST)
    at_once = report(*args)
    monkeypatch.setattr(blocks, "BLOCK_UNITS", 2)
    assert report(*args, "--jobs", "2") == at_once
    assert list(spill_dir.iterdir()) == []


def test_resume_after_a_large_file_checks_it_again_in_blocks(
    tmp_path: Path, spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = [
        ("Die Datei wurde gespeichert.", "Le fichier a été enregistré."),
        ("Der Ordner ist leer.", "Le dossier est vide."),
        ("Die Datei wurde gespeichert.", "Le fichier a été sauvegardé."),
    ]
    big = tmp_path / "a.fr.xlf"
    big.write_text(_units(pairs * 2), encoding="utf-8")
    small = tmp_path / "b.fr.xlf"
    small.write_text(_units(pairs[:1]), encoding="utf-8")
    monkeypatch.setattr(blocks, "BLOCK_UNITS", 2)
    whole = tmp_path / "whole.jsonl"
    args = ("check", str(big), str(small), "--format", "jsonl", *FAST)
    report(*args, "-o", str(whole))
    data = whole.read_bytes()
    assert data.count(b'"update":true') == 2
    stopped = tmp_path / "stopped.jsonl"
    first, second = data.split(b"\n")[:2]
    stopped.write_bytes(first + b"\n" + second[:50])  # stopped while writing b.fr.xlf
    code, _ = report(*args, "-o", str(stopped), "--resume")
    assert code == 1
    assert stopped.read_bytes() == data
    assert list(spill_dir.iterdir()) == []


def test_a_file_the_incremental_reader_refuses_gets_the_message_it_always_had(
    tmp_path: Path, spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(blocks, "BLOCK_UNITS", 1)
    unit = '<trans-unit id="{}"><source>Hallo</source><target>Salut</target></trans-unit>'
    units = unit.format("a") + unit.format("b")
    for root in ("foo", 'xliff version="1.2"', 'xliff version="2.0"'):
        path = tmp_path / "x.fr.xlf"
        end = root.split()[0]
        path.write_text(f'<?xml version="1.0"?>\n<{root}>{units}</{end}>\n', "utf-8")
        code, out = report("check", str(path), "--format", "jsonl", *FAST)
        whole, _, err = invoke("check", str(path), "--format", "json", *FAST)
        assert code == whole == 2, root
        message = json.loads(out.splitlines()[0])["message"]
        assert message.startswith(f"{path}: not an XLIFF file") and message in err
    assert list(spill_dir.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="process ids are probed with signal 0")
def test_spill_folders_of_a_killed_run_are_removed_by_the_next_one(
    spill_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal
    import subprocess
    import sys

    env = {**os.environ, "TMPDIR": str(spill_dir)}
    code = (
        "from tqa.blocks import spill_directory; import time\n"
        "print(spill_directory(), flush=True); time.sleep(60)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    left = Path(child.stdout.readline().strip())
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert left.is_dir() and left.parent == spill_dir
    host = blocks._host_tag()
    alive = spill_dir / f"{blocks.PREFIX}{os.getppid()}-{host}-x"  # a live process
    elsewhere = spill_dir / f"{blocks.PREFIX}{child.pid}-{'0' * 8}-x"  # another host
    other = spill_dir / "tqa-blocks-x"  # not of this shape
    for folder in (alive, elsewhere, other):
        folder.mkdir()
    link = spill_dir / f"{blocks.PREFIX}{child.pid}-{host}-link"
    link.symlink_to(alive)
    monkeypatch.setattr(blocks, "_swept", False)
    mine = Path(blocks.spill_directory())
    assert not left.exists()
    assert alive.is_dir() and elsewhere.is_dir() and other.is_dir() and link.is_symlink()
    assert mine.is_dir() and mine.name.startswith(f"{blocks.PREFIX}{os.getpid()}-{host}-")
    # one sweep a process: a second folder does not list the temporary folder again
    left.mkdir()
    second = Path(blocks.spill_directory())
    assert left.is_dir() and second.is_dir()


def test_a_small_unit_file_streamed_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tqa.read as read

    path = tmp_path / "small.fr.xlf"
    path.write_text(_units([("Der Ordner ist leer.", "Le dossier est vide.")] * 3), "utf-8")
    code, at_once = report("check", str(path), "--format", "json", *FAST)
    reads: list[str] = []
    real = read.read_bytes

    def counted(item: Input, max_bytes: int) -> bytes:
        reads.append(item.path)
        return real(item, max_bytes)

    monkeypatch.setattr(read, "read_bytes", counted)
    code, streamed = report("check", str(path), "--format", "jsonl", *FAST)
    assert code == 0 and reads == [str(path)]
    document = json.loads(streamed.splitlines()[0])
    assert document["findings"] == json.loads(at_once)["documents"][0]["findings"]
    assert document["segments"] == json.loads(at_once)["documents"][0]["segments"]
