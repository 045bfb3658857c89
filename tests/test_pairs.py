"""Translation pairs in batches: folder pairs by relative path, NAME.de.EXT
beside NAME.fr.EXT, unpaired files listed in every report format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.read.pairs import retag

DE = "Der Gipfel wurde am Montag in Astana eröffnet.\n\nDie Minister unterzeichneten 3 Abkommen.\n"
FR = "Le sommet s'est ouvert lundi à Astana.\n\nLes ministres ont signé 3 accords.\n"
FR_WRONG = "Le sommet s'est ouvert lundi à Astana.\n\nLes ministres ont signé 5 accords.\n"
#: fast checks only: the bilingual ones need the pairs, the rest is not the point here
FAST = ("--isolated", "--select", "TQA-ALN,TQA-TYP")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    fr, de = tmp_path / "fr", tmp_path / "de"
    write(fr / "a.txt", FR)
    write(de / "a.txt", DE)
    write(fr / "sub" / "b.txt", FR_WRONG)
    write(de / "sub" / "b.txt", DE)
    write(fr / "c.fr.txt", FR)  # pairs with de/c.de.txt (the tag swapped)
    write(de / "c.de.txt", DE)
    write(fr / "lonely.txt", FR)  # no source
    write(de / "orphan.txt", DE)  # no translation
    return fr, de


def test_retag_keeps_the_case_and_needs_the_tag() -> None:
    assert retag("minden.de.txt", "de", "fr") == "minden.fr.txt"
    assert retag("Minden.DE.md", "de", "fr") == "Minden.FR.md"
    assert retag("minden.txt", "de", "fr") is None
    assert retag("minden.fr.txt", "de", "fr") is None
    assert retag("x.de.tar.gz", "de", "fr") is None


def test_folder_pairs_by_relative_path_and_lists_unpaired(folders: tuple[Path, Path]) -> None:
    fr, de = folders
    code, out, err = invoke("check", str(fr), "--source", str(de), "--format", "json", *FAST)
    assert code == 1, err  # sub/b.txt has a changed number
    report = json.loads(out)
    sources = {Path(d["path"]).name: d.get("source", {}).get("path") for d in report["documents"]}
    assert sources == {
        "a.txt": str(de / "a.txt"),
        "b.txt": str(de / "sub" / "b.txt"),
        "c.fr.txt": str(de / "c.de.txt"),
        "lonely.txt": None,
    }
    numbers = [
        f["text"]
        for d in report["documents"]
        if d["path"].endswith("b.txt")
        for f in d["findings"]
        if f["code"] == "TQA-ALN-003"
    ]
    assert numbers == ["5"]
    unpaired = {(Path(u["path"]).name, u["side"]) for u in report["unpaired"]}
    assert unpaired == {("lonely.txt", "target"), ("orphan.txt", "source")}
    lonely = next(d for d in report["documents"] if d["path"].endswith("lonely.txt"))
    assert [n["kind"] for n in lonely["notes"]].count("unpaired") == 1
    assert "orphan.txt" in err and "lonely.txt" in err  # warnings on standard error


def test_folder_pairs_with_jobs_give_the_same_report(folders: tuple[Path, Path]) -> None:
    fr, de = folders
    one = invoke("check", str(fr), "--source", str(de), "--format", "json", *FAST)
    two = invoke("check", str(fr), "--source", str(de), "--format", "json", "--jobs", "2", *FAST)
    assert one[0] == two[0] == 1
    assert one[1] == two[1]


@pytest.mark.parametrize("format", ["text", "html", "sarif", "junit", "github", "markdown"])
def test_unpaired_files_show_in_every_format(folders: tuple[Path, Path], format: str) -> None:
    fr, de = folders
    code, out, _ = invoke("check", str(fr), "--source", str(de), "--format", format, *FAST)
    assert code == 1
    assert "orphan.txt" in out and "lonely.txt" in out
    if format == "sarif":
        notes = json.loads(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert {n["level"] for n in notes} == {"warning"}


def test_unpaired_survive_tqa_render(folders: tuple[Path, Path], tmp_path: Path) -> None:
    fr, de = folders
    saved = tmp_path / "report.json"
    invoke("check", str(fr), "--source", str(de), "--format", "json", "-o", str(saved), *FAST)
    code, out, err = invoke("render", str(saved), "--format", "json")
    assert code == 0, err
    assert out == saved.read_text(encoding="utf-8")


def test_same_folder_name_pairs_and_german_never_checked_as_french(tmp_path: Path) -> None:
    write(tmp_path / "minden.de.txt", DE)
    write(tmp_path / "minden.fr.txt", FR_WRONG)
    write(tmp_path / "alone.de.txt", DE)
    code, out, err = invoke("check", str(tmp_path), "--format", "json", *FAST)
    report = json.loads(out)
    assert [Path(d["path"]).name for d in report["documents"]] == ["minden.fr.txt"]
    document = report["documents"][0]
    assert Path(document["source"]["path"]).name == "minden.de.txt"
    assert [f["text"] for f in document["findings"] if f["code"] == "TQA-ALN-003"] == ["5"]
    assert [(Path(u["path"]).name, u["side"]) for u in report["unpaired"]] == [
        ("alone.de.txt", "source")
    ]
    assert code == 1, err


def test_names_with_a_region_pair_as_names_without_one(tmp_path: Path) -> None:
    """CAT tools and CMS exports name files a.de-DE.txt and a.fr-FR.txt (or
    with "_"): they were not paired, and the German file was checked as
    French. The same region comes first, then no region, then the one file
    of another region; two of those is ambiguous and pairs none."""
    write(tmp_path / "art.de-DE.txt", DE)
    write(tmp_path / "art.fr-FR.txt", FR_WRONG)
    write(tmp_path / "b.de_CH.txt", DE)
    write(tmp_path / "b.fr_CH.txt", FR)
    write(tmp_path / "c.de-DE.txt", DE)
    write(tmp_path / "c.fr.txt", FR)
    write(tmp_path / "d.de-DE.txt", DE)
    write(tmp_path / "d.de-AT.txt", DE)
    write(tmp_path / "d.fr-FR.txt", FR)
    write(tmp_path / "notes.de-facto.txt", FR)  # no region: checked as French
    code, out, err = invoke("check", str(tmp_path), "--format", "json", *FAST)
    report = json.loads(out)
    sources = {
        Path(d["path"]).name: Path(d["source"]["path"]).name if d.get("source") else None
        for d in report["documents"]
    }
    assert sources == {
        "art.fr-FR.txt": "art.de-DE.txt",
        "b.fr_CH.txt": "b.de_CH.txt",
        "c.fr.txt": "c.de-DE.txt",
        "d.fr-FR.txt": None,  # de-DE or de-AT: not told
        "notes.de-facto.txt": None,
    }
    assert sorted(Path(u["path"]).name for u in report["unpaired"]) == [
        "d.de-AT.txt",
        "d.de-DE.txt",
    ]
    assert [f["text"] for f in report["documents"][0]["findings"] if f["code"] == "TQA-ALN-003"]
    assert code == 1, err


def test_a_named_french_file_takes_its_german_sibling(tmp_path: Path) -> None:
    write(tmp_path / "minden.de.txt", DE)
    target = write(tmp_path / "minden.fr.txt", FR)
    code, out, err = invoke("check", str(target), "--format", "json", *FAST)
    assert code == 0, err
    assert json.loads(out)["documents"][0]["source"]["path"] == str(tmp_path / "minden.de.txt")


def test_a_german_file_alone_is_a_usage_error(tmp_path: Path) -> None:
    german = write(tmp_path / "minden.de.txt", DE)
    code, out, err = invoke("check", str(german), *FAST)
    assert code == 2 and out == ""
    assert err.startswith("tqa: error: ") and "minden.de.txt" in err and "German source" in err
    assert len(err.strip().splitlines()) == 1


def test_explicit_source_file_wins_over_name_pairing(tmp_path: Path) -> None:
    write(tmp_path / "minden.de.txt", "Die Minister unterzeichneten 5 Abkommen.\n")
    target = write(tmp_path / "minden.fr.txt", FR)
    other = write(tmp_path / "other.txt", DE)
    code, out, err = invoke("check", str(target), "--source", str(other), "--format", "json", *FAST)
    assert code == 0, err
    assert json.loads(out)["documents"][0]["source"]["path"] == str(other)


def test_source_folder_needs_one_target_folder(tmp_path: Path) -> None:
    de = tmp_path / "de"
    write(de / "a.txt", DE)
    target = write(tmp_path / "a.txt", FR)
    code, _, err = invoke("check", str(target), "--source", str(de), *FAST)
    assert code == 2 and "folder" in err


def test_unreadable_source_of_a_pair_is_an_error_and_the_batch_goes_on(
    folders: tuple[Path, Path],
) -> None:
    fr, de = folders
    (de / "a.txt").write_bytes(b"\xff\xfe\x00broken\x00\x00\xd8")
    code, out, err = invoke("check", str(fr), "--source", str(de), "--format", "json", *FAST)
    assert code == 2
    report = json.loads(out)
    assert len(report["documents"]) == 3
    assert any("a.txt" in e for e in report["errors"])


GERMAN_PAGE = (
    "# Der Gipfel\n\nDer Hund schläft im [Garten](http://example.com/garten/sehr/lang).\n\n"
    "```\nDer Code bleibt hier und wird nicht übersetzt.\n```\n"
)
FRENCH_PAGE = (
    "# Le sommet\n\nLe chien dort dans le [jardin](http://example.com/garten/sehr/lang).\n\n"
    "```\nDer Code bleibt hier und wird nicht übersetzt.\n```\n"
)


@pytest.mark.parametrize("how", ["--source", "by name"])
def test_a_markdown_source_is_read_for_its_prose_as_its_translation_is(
    tmp_path: Path, how: str
) -> None:
    """The German source was read as plain text while its French Markdown was
    read for its prose: the link target and the code block of the source
    became a missing identifier and an untranslated sentence (two major
    findings, score 0 for a faithful page)."""
    german = write(tmp_path / "seite.de.md", GERMAN_PAGE)
    french = write(tmp_path / "seite.fr.md", FRENCH_PAGE)
    args = ["--source", str(german)] if how == "--source" else []
    code, out, err = invoke("check", str(french), *args, *FAST, "--format", "json")
    assert code == 0, err + out
    (document,) = json.loads(out)["documents"]
    assert document["source"]["text"].startswith("Der Gipfel\n\nDer Hund schläft im Garten.")
    assert [f["code"] for f in document["findings"]] == []


def test_a_bilingual_file_given_as_source_is_refused(tmp_path: Path) -> None:
    units = write(tmp_path / "units.po", 'msgid "Der Hund schläft."\nmsgstr "Le chien dort."\n')
    french = write(tmp_path / "page.fr.txt", "Le chien dort.\n")
    code, out, err = invoke("check", str(french), "--source", str(units), "--isolated")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"tqa: error: {units}: a PO file pairs each source with its translation already, "
        "unit by unit; tqa check reads it"
    ]
