"""One file in one role: --source FILE pairs with exactly one French file
(never a folder, never the file itself), standard input is read for one
role only, and --resume goes on only with the options of the stopped run.
Each refusal is one line on stderr and exit status 2, before any work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

GERMAN = "Der Präsident sagte Hallo.\n"
FRENCH = "Le président a dit bonjour.\n"
FAST = ("--isolated", "--select", "TQA-TYP-001")


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def refused(result, *needles: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqa: error: "), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for needle in needles:
        assert needle in lines[0], result.stderr


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "a.fr.txt").write_text(FRENCH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- --source FILE with a folder or a glob --------------------------------------------


def test_source_file_with_a_folder_is_refused(pair: Path) -> None:
    """The source was paired with every file of the folder, itself included."""
    refused(run("check", "-q", ".", "--source", "a.de.txt", *FAST), "a.de.txt", "folder")
    refused(run("check", "-q", str(pair), "--source", "a.de.txt", *FAST), "is a folder")


def test_source_file_with_a_glob_of_several_files_is_refused(pair: Path) -> None:
    refused(run("check", "-q", "a.*.txt", "--source", "a.de.txt", *FAST), "gives 2 files")


def test_source_file_with_one_french_file_still_pairs(pair: Path) -> None:
    result = run("check", "a.fr.txt", "--source", "a.de.txt", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output
    [document] = json.loads(result.stdout)["documents"]
    assert document["path"] == "a.fr.txt" and document["source"]["path"] == "a.de.txt"
    # a glob that gives the one French file pairs as well
    result = run("check", "a.f?.txt", "--source", "a.de.txt", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output


def test_source_folder_that_is_the_french_folder_is_refused(pair: Path) -> None:
    """Every file was paired with itself."""
    refused(run("check", "-q", ".", "--source", str(pair), *FAST), "the folder of sources")


def test_a_folder_of_sources_inside_the_french_folder_is_not_checked_as_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqa check . --source de/: the German files under de/ are the sources,
    not French documents of their own."""
    (tmp_path / "de").mkdir()
    (tmp_path / "a.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "de" / "a.txt").write_text(GERMAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", ".", "--source", "de/", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)["documents"]
    assert [(Path(d["path"]).name, d["source"]["path"]) for d in documents] == [
        ("a.txt", str(Path("de") / "a.txt"))
    ]


# -- one file, two roles ---------------------------------------------------------------


def test_standard_input_as_target_and_source_is_refused(pair: Path) -> None:
    result = run("check", "-q", "-", "--source", "-", *FAST, input=FRENCH)
    refused(result, "-:", "--source", "standard input can be read only once")


def test_standard_input_checked_twice_is_refused(pair: Path) -> None:
    """The second "-" read an empty document."""
    result = run("check", "-q", "-", "-", *FAST, input=FRENCH)
    refused(result, "-: given twice as the checked file", "read only once")


def test_one_file_as_target_and_source_is_refused(pair: Path) -> None:
    refused(run("check", "-q", "a.fr.txt", "--source", "./a.fr.txt", *FAST), "--source")
    refused(run("check", "-q", "a.fr.txt", "--reference", "a.fr.txt", *FAST), "--reference")
    refused(
        run("check", "-q", "a.fr.txt", "--reference", "-", "--post-edited", "-", *FAST),
        "--reference",
        "--post-edited",
    )


def test_the_same_file_named_twice_is_still_checked_once(pair: Path) -> None:
    result = run("check", "a.fr.txt", "./a.fr.txt", "-f", "json", *FAST)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["documents"]) == 1


# -- --resume with other options -------------------------------------------------------


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    for n in (1, 2, 3):
        (folder / f"f{n}.txt").write_text(f"Le chat {n} dort. Das ist gut.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _stopped(*options: str, isolated: bool = True) -> tuple[bytes, Path]:
    """A whole stream with ``options``, and the same stopped after its first line."""
    full = Path("full.jsonl")
    options = ("--isolated", *options) if isolated else options
    result = run("check", "-q", "d", "-f", "jsonl", "-o", str(full), *options)
    assert result.exit_code in (0, 1), result.output
    stopped = Path("stopped.jsonl")
    stopped.write_bytes(full.read_bytes().splitlines(keepends=True)[0])
    return full.read_bytes(), stopped


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (("--select", "TQA-TYP", "--fail-under", "0"), "--fail-under, --select"),
        (("--ignore", "TQA-TYP-001"), "--ignore"),
        (("--target-lang", "fr", "--fail-on", "minor"), "--fail-on"),
        (("--allow", "chat"), "--allow"),
    ],
)
def test_resume_with_other_options_is_refused(
    batch: Path, options: tuple[str, ...], names: str
) -> None:
    _, stopped = _stopped()
    before = stopped.read_bytes()
    result = run(
        "check", "-q", "d", "-f", "jsonl", "--resume", "-o", str(stopped), "--isolated", *options
    )
    refused(result, "--resume", f"other options ({names})")
    assert stopped.read_bytes() == before  # left alone


def test_resume_with_other_configuration_file_is_refused(batch: Path) -> None:
    """The stopped run read tqa.toml beside the folder; the resumed one does not."""
    Path("tqa.toml").write_text("fail-under = 50\n", encoding="utf-8")
    _, stopped = _stopped(isolated=False)
    result = run("check", "-q", "d", "-f", "jsonl", "--resume", "-o", str(stopped), "--isolated")
    refused(result, "--fail-under")


def test_resume_with_the_same_options_gives_the_whole_stream(batch: Path) -> None:
    whole, stopped = _stopped("--select", "TQA-TYP", "--fail-under", "0")
    result = run("check", "-q", "d", "-f", "jsonl", "--resume", "-o", str(stopped),
                 "--isolated", "--select", "TQA-TYP", "--fail-under", "0")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert stopped.read_bytes() == whole
    first = json.loads(whole.splitlines()[0])
    assert first["settings"]["fail_under"] == 0 and first["settings"]["select"] == ["TQA-TYP"]
    assert all("settings" not in json.loads(line) for line in whole.splitlines()[1:])
    # the settings are not part of the document: tqa render gives the report of tqa check
    rendered = run("render", "full.jsonl", "-f", "json")
    direct = run("check", "d", "-f", "json", "--isolated", "--select", "TQA-TYP",
                 "--fail-under", "0")  # fmt: skip
    assert rendered.exit_code == 0, rendered.output
    assert rendered.stdout == direct.stdout


def test_resume_with_a_changed_glossary_is_refused(batch: Path) -> None:
    """The same --glossary path with other contents: the stopped run's
    results were made with the old terms and must not be kept."""
    glossary = Path("terms.tsv")
    glossary.write_text("german\tfrench\nKatze\tchat\n", encoding="utf-8")
    Path("cfg.toml").write_text('glossary = "terms.tsv"\n', encoding="utf-8")
    whole, stopped = _stopped("--config", "cfg.toml", isolated=False)
    glossary.write_text("german\tfrench\nKatze\tminou\n", encoding="utf-8")
    before = stopped.read_bytes()
    resume = ("check", "-q", "d", "-f", "jsonl", "--resume", "-o", str(stopped),
              "--config", "cfg.toml")  # fmt: skip
    refused(run(*resume), "--resume", "other options (the contents of the glossary)")
    assert stopped.read_bytes() == before  # left alone
    # the old contents again: the stream is resumed and completed
    glossary.write_text("german\tfrench\nKatze\tchat\n", encoding="utf-8")
    result = run(*resume)
    assert result.exit_code in (0, 1), result.output
    assert stopped.read_bytes() == whole


@pytest.mark.parametrize("option", ["--source", "--reference"])
def test_resume_with_a_changed_source_or_reference_is_refused(pair: Path, option: str) -> None:
    """One French file checked against one German source (or scored against a
    reference) whose contents changed since the stopped run."""
    other = Path("other.txt")
    other.write_text(GERMAN if option == "--source" else FRENCH, encoding="utf-8")
    out = Path("r.jsonl")
    args = ("check", "-q", "a.fr.txt", option, str(other), "-f", "jsonl", "-o", str(out),
            "--isolated", "--select", "TQA-TYP")  # fmt: skip
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    out.write_bytes(out.read_bytes().splitlines(keepends=True)[0])  # stopped after the document
    other.write_text((GERMAN if option == "--source" else FRENCH) + "Noch ein Satz.\n",
                     encoding="utf-8")  # fmt: skip
    refused(run(*args, "--resume"), "--resume", f"(the contents of {option})")


def test_resume_of_a_stream_without_settings_compares_paths_only(batch: Path) -> None:
    """A stream written before the settings were recorded still resumes."""
    whole, stopped = _stopped()
    first = json.loads(stopped.read_bytes())
    del first["settings"]
    stopped.write_text(json.dumps(first, ensure_ascii=False, separators=(",", ":")) + "\n",
                       encoding="utf-8")  # fmt: skip
    result = run("check", "-q", "d", "-f", "jsonl", "--resume", "-o", str(stopped), "--isolated")
    assert result.exit_code == 1, result.output
    assert len(stopped.read_bytes().splitlines()) == len(whole.splitlines())


def test_a_glossary_found_in_a_checked_folder_is_left_out_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The glossary of a project's tqa.toml may lie in the folder checked: it is
    not text to check, so the folder is checked without it; named as the file
    to check, it is refused."""
    (tmp_path / "terms.txt").write_text("german,french\nHaus,maison\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("La maison est belle.\n", encoding="utf-8")
    (tmp_path / "tqa.toml").write_text('glossary = "terms.txt"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", ".", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == ["a.txt"]
    refused(run("check", "terms.txt"), "terms.txt", "glossary")


def test_align_refuses_one_file_as_source_and_translation(pair: Path) -> None:
    refused(run("align", "a.fr.txt", "./a.fr.txt"), "given as both the source and the checked file")
    refused(run("align", "-", "-", input=FRENCH), "standard input can be read only once")
    result = run("align", "a.de.txt", "a.fr.txt")
    assert result.exit_code == 0, result.output
