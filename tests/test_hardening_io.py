"""Inputs are never overwritten, outputs never replace links or devices, a
killed write leaves nothing behind, and bad options or a broken check end in
one line, never a traceback.
Everything goes through the real entry point (CliRunner, or a subprocess where
the process itself matters)."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

TEXT = "Le sommet a lieu à Astana, lundi.\n"
FAST = ("--select", "TQA-TYP-001", "--isolated")  # one cheap rule: these tests are about I/O


def run(*args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def one_error_line(stderr: str, *needles: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("tqa: error: "), stderr
    for needle in needles:
        assert needle in lines[0], stderr
    assert "Traceback" not in stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# -- -o never overwrites an input ---------------------------------------------------


def _same_file_spellings(article: Path) -> Iterator[tuple[str, str]]:
    """(how the input is named, how -o names it): same file, other names."""
    folder = article.parent
    yield str(article), str(article)
    yield str(article), str(folder / "." / article.name)
    os.link(article, folder / "hard.txt")
    yield str(article), str(folder / "hard.txt")
    (folder / "link.txt").symlink_to(article)
    yield str(article), str(folder / "link.txt")


def test_output_naming_an_input_is_refused(article: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(article.parent)
    for named, output in [*_same_file_spellings(article), ("a.txt", "./a.txt")]:
        result = run("check", named, "-o", output, *FAST)
        assert result.exit_code == 2, (named, output, result.output)
        one_error_line(result.stderr, str(Path(output)), "never overwrites its inputs")
        assert article.read_text(encoding="utf-8") == TEXT


def test_output_naming_an_input_found_in_a_directory_is_refused(article: Path) -> None:
    result = run("check", str(article.parent), "-o", str(article), *FAST)
    assert result.exit_code == 2 and article.read_text(encoding="utf-8") == TEXT
    one_error_line(result.stderr, "never overwrites its inputs")


def test_langid_align_render_and_source_refuse_their_inputs(article: Path, tmp_path: Path) -> None:
    source = tmp_path / "a.de.txt"
    source.write_text("Der Gipfel findet am Montag in Astana statt.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert run("check", str(article), "-f", "json", "-o", str(report), *FAST).exit_code == 0
    saved = report.read_bytes()
    attempts = [
        ("langid", str(article), "-o", str(article)),
        ("align", str(source), str(article), "-o", str(article)),
        ("align", str(source), str(article), "-o", str(source)),
        ("align", str(article), "-o", str(article)),
        ("render", str(report), "-f", "html", "-o", str(report)),
        ("check", str(article), "--source", str(source), "-o", str(source), *FAST),
        ("check", str(article), "--write-baseline", str(article), *FAST),
        ("check", str(article), "--baseline", str(report), "-o", str(report), *FAST),
    ]
    for args in attempts:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        one_error_line(result.stderr, "never overwrites its inputs")
    assert article.read_text(encoding="utf-8") == TEXT and report.read_bytes() == saved
    assert source.read_text(encoding="utf-8").startswith("Der Gipfel")


def test_configuration_file_is_an_input_too(article: Path, tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("fail-under = 10\n", encoding="utf-8")
    result = run("check", str(article), "--config", str(config), "-o", str(config), *FAST[:2])
    assert result.exit_code == 2 and config.read_text(encoding="utf-8") == "fail-under = 10\n"


@pytest.mark.parametrize(
    ("name", "settings"),
    [("tqa.toml", "fail-under = 10\n"), ("pyproject.toml", "[tool.tqa]\nfail-under = 10\n")],
)
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_configuration_file_found_beside_the_input_is_an_input_too(
    article: Path, monkeypatch, name: str, settings: str, option: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(article.parent)
    (article.parent / ".git").mkdir()  # the search for settings stops here
    config = article.parent / name
    config.write_text(settings, encoding="utf-8")
    result = run("check", article.name, option, name, "--select", "TQA-TYP-001")
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, name, "never overwrites its inputs")
    assert config.read_text(encoding="utf-8") == settings


def test_report_and_baseline_cannot_share_a_file(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("check", str(article), "-o", str(out), "--write-baseline", str(out), *FAST)
    assert result.exit_code == 2 and not out.exists()
    one_error_line(result.stderr, "out.json")


# -- links, devices, FIFOs and standard output --------------------------------------


def test_output_through_a_symlink_writes_its_target(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    assert run("check", str(article), "-o", str(link), *FAST).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").rstrip().endswith("PASS")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_output_to_a_link_to_dev_null_never_replaces_it(article: Path, tmp_path: Path) -> None:
    # Only through a link: were the link replaced, /dev/null itself stays safe.
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    assert run("check", str(article), "-o", str(link), *FAST).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "null"]


def test_output_to_a_fifo_is_written_directly(article: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = run("check", str(article), "-f", "json", "-o", str(fifo), *FAST)
    thread.join(timeout=60)
    assert result.exit_code == 0 and received
    assert json.loads(received[0])["documents"][0]["path"] == str(article)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "pipe"]


def test_dash_output_is_standard_output(article: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run("check", str(article), "-f", "json", "-o", "-", *FAST)
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["documents"] == 1
    assert not (tmp_path / "-").exists()


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout")
def test_dash_baseline_and_annotated_copy_are_standard_output(
    article: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "report.json"
    result = run(
        "check", str(article), "--write-baseline", "-", "-o", str(report), "-f", "json", *FAST
    )
    assert result.exit_code == 0, result.output
    assert str(article) in json.loads(result.stdout)["documents"]
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["documents"] == 1
    xliff = Path(__file__).parent / "data" / "formats" / "menü.fr.xlf"
    result = run("check", str(xliff), "--annotate", "-", "-o", str(report), *FAST)
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.startswith("<?xml") and "<trans-unit" in result.stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "args",
    [("--write-baseline", "-"), ("--write-baseline", "-", "-o", "-")],
)
def test_dash_baseline_with_the_report_on_standard_output_too_is_refused(
    article: Path, tmp_path: Path, monkeypatch, args: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run("check", str(article), *args, *FAST)
    assert result.exit_code == 2
    one_error_line(result.stderr, "--write-baseline -", "-o FILE")
    assert not (tmp_path / "-").exists()


def test_output_to_a_link_to_dev_stdout_writes_standard_output(
    article: Path, tmp_path: Path
) -> None:
    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    done = subprocess.run(
        [sys.executable, "-m", "tqa.cli", "check", str(article), "-f", "json", "-o", str(link), *FAST],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["documents"] == 1
    assert link.is_symlink() and os.readlink(link) == "/dev/stdout"
    assert os.path.islink("/dev/stdout")


def test_output_to_a_directory_is_refused(article: Path, tmp_path: Path) -> None:
    result = run("check", str(article), "-o", str(tmp_path), *FAST)
    assert result.exit_code == 2
    one_error_line(result.stderr, "is a directory")


# -- modes, missing directories, leftovers ------------------------------------------


def test_reports_honour_the_umask_and_keep_an_existing_mode(article: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    old_umask = os.umask(0o027)
    try:
        assert run("check", str(article), "-o", str(new), *FAST).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    kept = tmp_path / "kept.txt"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o604)
    assert run("check", str(article), "-o", str(kept), *FAST).exit_code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    assert kept.read_text(encoding="utf-8").rstrip().endswith("PASS")


def test_missing_output_directory_is_an_error(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.json"
    for option in ("-o", "--write-baseline"):
        result = run("check", str(article), option, str(out), *FAST)
        assert result.exit_code == 2, result.output
        one_error_line(result.stderr, str(out), "no such directory")
        assert not out.parent.exists()


def test_a_read_only_report_is_not_replaced(article: Path, tmp_path: Path) -> None:
    """The atomic rename could replace a file whose mode forbids writing; it
    is refused instead, for every output (report, baseline, streamed report)."""
    kept = tmp_path / "kept.json"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o444)
    for option in ("-o", "--write-baseline"):
        result = run("check", str(article), option, str(kept), *FAST)
        assert result.exit_code == 2, result.output
        one_error_line(result.stderr, str(kept), "is read-only")
    result = run("check", str(article), "--format", "jsonl", "-o", str(kept), *FAST)
    assert result.exit_code == 2, result.output
    assert kept.read_text(encoding="utf-8") == "old\n"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o444


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_of_dead_writers_are_removed(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    stale = tmp_path / f".report.json.tqa-tmp-{_dead_pid()}"
    stale.write_text('{"half": ', encoding="utf-8")  # what kill -9 mid-write leaves
    alive = tmp_path / f".report.json.tqa-tmp-{os.getppid()}"  # a writer still running
    alive.write_text("", encoding="utf-8")
    other = tmp_path / f".other.json.tqa-tmp-{_dead_pid()}"  # another target's
    other.write_text("", encoding="utf-8")
    assert run("check", str(article), "-f", "json", "-o", str(out), *FAST).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["documents"] == 1
    assert not stale.exists() and alive.exists() and other.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"a.txt", out.name, alive.name, other.name}


# -- inputs and configuration that cannot be looked at ---------------------------------


def test_unreadable_configuration_on_the_way_up_is_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "project"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    real_is_file = Path.is_file

    def is_file(self: Path) -> bool:
        if self.name == "tqa.toml" and self.parent == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    result = run("check", str(article), "--select", "TQA-TYP-001")
    assert result.exit_code == 2
    one_error_line(result.stderr, str(folder / "tqa.toml"), "configuration")


def test_input_that_cannot_be_looked_at_is_an_input_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Looking for tqa.toml beside an input that stat() refuses is not a
    configuration error: the input is named, once."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(TEXT, encoding="utf-8")
    real_stat = os.stat

    def fake_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path).startswith(str(locked) + os.sep):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", fake_stat)
    result = run("check", str(locked / "b.txt"), "--select", "TQA-TYP-001")
    assert result.exit_code == 2
    assert result.stderr == f"tqa: error: {locked / 'b.txt'}: permission denied\n"


# -- a check that crashes --------------------------------------------------------------


def test_a_crashing_check_is_one_warning_line_and_a_note(article: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tqa.pipeline
    import tqa.runner

    real = tqa.pipeline.all_rules

    def boom(check: object) -> list[object]:
        raise RuntimeError("boom\nsecond line")

    def rules() -> list[object]:
        return [
            dataclasses.replace(r, function=boom) if r.code == "TQA-TYP-001" else r for r in real()
        ]

    monkeypatch.setattr(tqa.pipeline, "all_rules", rules)
    monkeypatch.setattr(tqa.runner, "_RULES", {})
    result = run("check", str(article), "-f", "json", *FAST)
    assert result.exit_code == 0
    assert result.stderr == (
        f"tqa: warning: TQA-TYP-001 failed on {article}: RuntimeError: boom\\nsecond line\n"
    )
    notes = json.loads(result.stdout)["documents"][0]["notes"]
    assert [n["kind"] for n in notes] == ["check-error"]
    verbose = run("check", str(article), "--verbose", *FAST)
    assert "Traceback" in verbose.stderr and "RuntimeError: boom" in verbose.stderr
    quiet = run("check", str(article), *FAST)
    assert "Traceback" not in quiet.stderr


# -- CLI polish ---------------------------------------------------------------------


def test_langid_on_a_folder_without_text_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    result = run("langid", str(tmp_path))
    assert result.exit_code == 2
    one_error_line(result.stderr, "no text files found")


def test_langid_lists_the_readable_inputs_and_names_each_unreadable_one(tmp_path: Path) -> None:
    """As tqa check does: 'tqa langid good.txt bin.txt' listed nothing and
    exited 2 on bin.txt; now good.txt is listed (text and JSON, which also
    carries the errors), each unreadable input gets its line, exit 2."""
    good, binary = tmp_path / "good.txt", tmp_path / "bin.txt"
    good.write_text("Le sommet commence lundi à Astana.\n", encoding="utf-8")
    binary.write_bytes(b"abc\0def")
    result = run("langid", str(good), str(binary))
    assert result.exit_code == 2
    assert str(good) in result.stdout and " fr " in result.stdout
    one_error_line(result.stderr, str(binary), "binary file")
    result = run("langid", str(good), str(binary), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == [str(good)]
    assert data["errors"] == [f"{binary}: binary file (contains NUL bytes), not text"]
    alone = run("langid", str(binary))
    assert alone.exit_code == 2 and alone.stdout == ""
    one_error_line(alone.stderr, "binary file")


def test_a_folder_without_readable_files_names_every_suffix_a_folder_is_searched_for(
    tmp_path: Path,
) -> None:
    """The message listed .txt, .text and .md only, while XLIFF, TMX, PO,
    HTML and .markdown files in a folder are read too."""
    (tmp_path / "report.docx").write_bytes(b"PK")
    result = run("check", str(tmp_path), *FAST)
    assert result.exit_code == 2
    suffixes = (".txt", ".md", ".markdown", ".html", ".xlf", ".xliff", ".tmx", ".po")
    one_error_line(result.stderr, "no text files found", *suffixes)
    (tmp_path / "units.po").write_text(
        'msgid "Der Gipfel beginnt."\nmsgstr "Le sommet commence."\n', encoding="utf-8"
    )
    assert run("check", str(tmp_path), *FAST).exit_code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("-f", "pdf"), "'pdf' is not one of"),
        (("--jobs", "0"), "--jobs"),
        (("--max-bytes", "abc"), "--max-bytes"),
        (("--max-bytes", "-1"), "--max-bytes"),
        (("--max-bytes", "0"), "--max-bytes"),
        (("--nope",), "--nope"),
        (("--fail-on", "bogus"), "'bogus' is not one of 'minor', 'major', 'critical'"),
        (("--fail-under",), "--fail-under"),
    ],
)
def test_bad_option_value_is_a_short_error(
    article: Path, args: tuple[str, ...], needle: str
) -> None:
    # one line, as every error (CONTRACT.md), with where to find help at its end
    result = run("check", str(article), *args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqa: error: ") and needle in lines[0]
    assert lines[0].endswith(" --help'") and "Usage:" not in result.output


def test_bad_option_value_through_the_installed_entry_point(article: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tqa.cli", "check", str(article), "-f", "pdf"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("tqa: error: Invalid value for '--format'")


def test_help_shows_plain_metavars() -> None:
    for command in ("check", "langid", "align", "render", "explain"):
        text = run(command, "--help").output
        assert "{" not in text and "<list[" not in text and "<str>" not in text, text
    check = run("check", "--help").output
    assert "Usage: tqa check [OPTIONS] PATH..." in check
    assert "--allow WORD" in check and "--jobs N" in check and "-o, --output FILE" in check
    assert "Usage: tqa align [OPTIONS] SOURCE [TARGET]" in run("align", "--help").output


def test_explain_indents_every_line_of_its_examples() -> None:
    """tqa explain TQA-MIX-001: the example "Le sommet … Astana.\\n\\nDer Gipfel
    …" showed its second paragraph at the margin, read as the rule's
    description; every line of every example is now indented."""
    from tqa.checks import all_rules

    for found in all_rules():
        result = run("explain", found.code)
        assert result.exit_code == 0, found.code
        examples = result.output.split("\nExamples:\n", 1)[1]
        margin = [line for line in examples.splitlines() if line and not line.startswith("  ")]
        assert margin == [], (found.code, margin)


def test_explain_is_case_insensitive_and_prefix_optional() -> None:
    for code in ("mix-002", "tqa-mix-002", "TQA-MIX-002", " Mix-002 "):
        result = run("explain", code)
        assert result.exit_code == 0 and result.output.startswith("TQA-MIX-002 "), code


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("TQA-TYP-01", "did you mean 'TQA-TYP-001'?"),
        ("mix-02", "did you mean 'TQA-MIX-002'?"),
        ("missing-space-before-punctuatio", "did you mean 'missing-space-before-punctuation'?"),
        ("TQA-NEU", ": a family of 2 rules (TQA-NEU-001, TQA-NEU-002); explain one of them"),
        ("zzz", "; `tqa rules` lists every code"),
        ("", "; `tqa rules` lists every code"),
    ],
)
def test_explain_of_an_unknown_code_says_what_to_explain(code: str, hint: str) -> None:
    """It said only "`tqa rules` lists them"; and a family prefix must not get
    itself as a "did you mean" (TQA-NEU is a family, not a rule)."""
    result = run("explain", code)
    assert result.exit_code == 2
    one_error_line(result.stderr, f"unknown rule {code!r}", hint)


def test_write_baseline_exits_0_although_the_gate_fails(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Vraiment? Le sommet a lieu lundi.\n", encoding="utf-8")
    assert run("check", str(article), *FAST, "--fail-on", "minor").exit_code == 1
    baseline = tmp_path / "baseline.json"
    result = run(
        "check", str(article), *FAST, "--fail-on", "minor", "--write-baseline", str(baseline)
    )
    assert result.exit_code == 0 and json.loads(baseline.read_text(encoding="utf-8"))["documents"]


def test_notes_count_findings_in_the_singular_and_plural(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    baseline = tmp_path / "baseline.json"
    notes = []
    for text in ("Vraiment? Le sommet a lieu lundi.\n", "Vraiment? Oui? Le sommet a lieu lundi.\n"):
        article.write_text(text, encoding="utf-8")
        assert run("check", str(article), "--write-baseline", str(baseline), *FAST).exit_code == 0
        result = run("check", str(article), "-f", "json", "--baseline", str(baseline), *FAST)
        notes += [n["message"] for n in json.loads(result.stdout)["documents"][0]["notes"]]
    assert notes == [
        "1 finding already in the baseline is not shown",
        "2 findings already in the baseline are not shown",
    ]


def test_error_messages_escape_control_characters(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b]0;owned\x07\n.txt"
    result = run("check", str(name))
    assert result.exit_code == 2
    one_error_line(result.stderr, "\\x1b]0;owned\\x07\\n.txt")


def test_an_internal_error_is_one_line_and_verbose_shows_the_traceback(
    article: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import tqa.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(tqa.pipeline, "analyse", broken)
    result = run("check", str(article), *FAST)
    assert result.exit_code == 2
    one_error_line(result.stderr, "internal error", "ZeroDivisionError: division by zero")
    verbose = run("check", str(article), "--verbose", *FAST)
    assert verbose.exit_code == 2 and "Traceback" in verbose.stderr


def test_output_naming_the_file_standard_input_reads_is_refused(article: Path) -> None:
    with article.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "tqa.cli", "check", "-", "-o", str(article), *FAST],
            stdin=stdin, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert done.returncode == 2 and article.read_text(encoding="utf-8") == TEXT
    one_error_line(done.stderr, "is the file standard input reads", "never overwrites")


def _closing_fd(fd: int):  # type: ignore[no-untyped-def]
    return lambda: os.close(fd)


@pytest.mark.parametrize(
    ("args", "preexec", "stdout", "needle"),
    [
        (("check", "-"), _closing_fd(0), None, "-: standard input is closed"),
        (("check", "{a}"), _closing_fd(1), None, "standard output is closed"),
        (("check", "{a}", "-f", "jsonl"), _closing_fd(1), None, "standard output is closed"),
        (("check", "{a}"), None, "/dev/full", "standard output: cannot write report"),
        (("check", "{a}", "-f", "jsonl"), None, "/dev/full", "standard output: cannot write"),
        (("langid", "{a}"), None, "/dev/full", "standard output: cannot write report"),
    ],
    ids=["stdin-closed", "stdout-closed", "jsonl-closed", "full", "jsonl-full", "langid-full"],
)
def test_closed_or_full_standard_streams_are_one_line(
    article: Path, args: tuple[str, ...], preexec, stdout: str | None, needle: str
) -> None:  # type: ignore[no-untyped-def]
    if stdout is not None and not os.path.exists(stdout):
        pytest.skip(f"no {stdout} here")
    command = [a.format(a=article) for a in args]
    options = list(FAST) if command[0] == "check" else []
    with open(stdout or os.devnull, "w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "tqa.cli", *command, *options],
            stdout=out if stdout else None, stderr=subprocess.PIPE, text=True, timeout=300,
            preexec_fn=preexec,
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    one_error_line(done.stderr, needle)
    assert "internal error" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "x.txt", "--fail-on", "bogus"),
        ("check", "--bogus", "x.txt"),
        ("check",),
        ("bogus",),
        ("render",),
        ("explain", "a", "b"),
        ("check", "x.txt", "--fail-under"),
    ],
    ids=["bad-choice", "unknown-option", "missing-argument", "unknown-command",
         "missing-report", "extra-argument", "option-without-value"],
)  # fmt: skip
def test_a_usage_error_is_exactly_one_error_line_in_its_own_process(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """The documented shape of a usage error: one line ``tqa: error: …`` on
    stderr, nothing on stdout, exit status 2 (click's own handling printed
    the help hint as a second line)."""
    (tmp_path / "x.txt").write_text("Le chat dort.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tqa.cli", *args],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("tqa: error: ") and line.endswith(" --help'")
    if args[0] in ("check", "render", "explain"):  # the help of that command, not tqa's
        assert line.endswith(f" {args[0]} --help'"), line
