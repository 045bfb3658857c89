"""Structure and consistency checks (TQA-STR-*) on units, pairs and batches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import check_text
from tqa.cli import app

DATA = Path(__file__).parent / "data" / "formats"


def findings(*args: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["check", *args, "--isolated", "--format", "json"])
    report = json.loads(result.stdout)
    found = [
        {**f, "path": Path(d["path"]).name} for d in report["documents"] for f in d["findings"]
    ]
    return result.exit_code, found


@pytest.fixture
def needs_toolkit() -> None:
    pytest.importorskip("translate.storage.xliff", reason="translate-toolkit is missing")


@pytest.mark.usefixtures("needs_toolkit")
def test_inline_tags_lost_added_and_moved_in_xliff_units() -> None:
    code, found = findings(str(DATA / "tags.fr.xlf"), "--select", "TQA-STR-001")
    assert code == 1
    by_unit = {(f["unit"]["id"], f["severity"], f["message"]) for f in found}
    assert by_unit == {
        ("lost", "major", "inline tag <g id=1>…</g> of the source is missing"),
        ("added", "major", "inline tag <x id=9> is not in the source"),
        ("moved", "minor", "inline tags are in another order than in the source"),
    }


SEGMENTED = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="de" target-language="fr" datatype="plaintext"><body>
  <trans-unit id="1">
   <source>Der Hund schläft. Die Katze trinkt <g id="1">Milch</g>.</source>
   <seg-source><mrk mtype="seg" mid="1">Der Hund schläft.</mrk> <mrk mtype="seg" mid="2">Die \
Katze trinkt <g id="1">Milch</g>.</mrk></seg-source>
   <target><mrk mtype="seg" mid="1">Le chien dort.</mrk> <mrk mtype="seg" mid="2">Le chat \
boit du <g id="1">lait</g>.</mrk></target>
  </trans-unit>
  <trans-unit id="2">
   <source>Die Katze trinkt <g id="1">Milch</g>.</source>
   <target><mrk mtype="seg" mid="1">Le chat boit du lait.</mrk></target>
  </trans-unit>
 </body></file>
</xliff>
"""


@pytest.mark.usefixtures("needs_toolkit")
def test_segment_markers_of_a_segmented_xliff_are_not_inline_tags(tmp_path: Path) -> None:
    """An XLIFF 1.2 unit segmented by a CAT tool (<seg-source> and a target of
    <mrk mtype="seg"> elements) got one major TQA-STR-001 "inline tag
    <mrk>…</mrk> is not in the source" per segment; the markers are where
    segments start, not tags of the text. A tag really lost is still found."""
    path = tmp_path / "segmented.fr.xlf"
    path.write_text(SEGMENTED, encoding="utf-8")
    code, found = findings(str(path), "--select", "TQA-STR-001")
    assert [(f["unit"]["id"], f["message"]) for f in found] == [
        ("2", "inline tag <g id=1>…</g> of the source is missing")
    ]


def test_markup_written_as_text_counts_as_tags() -> None:
    report = check_text(
        "Lisez <b>le mode d'emploi</i>.\n", source="Lesen Sie <b>die Anleitung</b>.\n"
    )
    messages = [f.message for f in report.findings if f.code == "TQA-STR-001"]
    assert messages == [
        "inline tag </b> of the source is missing",
        "inline tag </i> is not in the source",
    ]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("Kopiere %s nach %d.\n", "Copier %s vers %d.\n", []),
        ("Kopiere %s nach %d.\n", "Copier %d vers %s.\n", ["%d"]),
        ("Kopiere %(name)s nach %(dir)s.\n", "Vers %(dir)s, copier %(name)s.\n", []),
        ("Kopiere {0}.\n", "Copier {0} vers {1}.\n", ["{1}"]),
    ],
)
def test_placeholders_added_or_reordered(source: str, target: str, expected: list[str]) -> None:
    report = check_text(target, source=source)
    assert [f.text for f in report.findings if f.code == "TQA-STR-002"] == expected


@pytest.mark.usefixtures("needs_toolkit")
def test_empty_target_is_one_finding_and_copied_target_is_reported() -> None:
    _, found = findings(str(DATA / "menü.fr.xlf"))
    empty = [f for f in found if f["unit"]["id"] == "leer"]
    assert [f["code"] for f in empty] == ["TQA-STR-003"]
    assert "TQA-ALN-001" in empty[0]["evidence"]
    _, found = findings(str(DATA / "tags.fr.xlf"), "--select", "TQA-STR-004")
    assert [(f["unit"]["id"], f["text"]) for f in found] == [
        ("copy", "Die Datei wurde nicht gefunden.")
    ]


@pytest.mark.usefixtures("needs_toolkit")
def test_an_empty_target_is_one_finding_whatever_tags_its_source_has(tmp_path: Path) -> None:
    """A unit with an empty target got one major TQA-STR-001 per inline tag
    of its source beside its TQA-STR-003: they are named in its evidence."""
    path = tmp_path / "e.fr.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="de" target-language="fr" datatype="plaintext" original="m">'
        '<body><trans-unit id="1"><source>Klicken Sie auf <g id="1">Speichern</g> und'
        ' <x id="2"/> dann.</source><target></target></trans-unit>'
        '<trans-unit id="2"><source>Der Gipfel beginnt.</source>'
        "<target>Le sommet commence.</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    _, found = findings(str(path))
    assert [f["code"] for f in found] == ["TQA-STR-003"]
    assert "TQA-STR-001: 2 inline tag(s) of the source missing" in found[0]["evidence"]


@pytest.mark.usefixtures("needs_toolkit")
def test_consistency_inside_a_unit_file() -> None:
    _, found = findings(str(DATA / "tags.fr.xlf"), "--select", "TQA-STR-005")
    assert [(f["unit"]["id"], f["text"]) for f in found] == [
        ("save-1", "Enregistrer le fichier"),
        ("save-2", "Sauvegarder le fichier"),
    ]
    assert "Sauvegarder le fichier" in found[0]["message"]


@pytest.mark.usefixtures("needs_toolkit")
def test_consistency_across_a_batch_of_po_files(tmp_path: Path) -> None:
    (tmp_path / "a.po").write_text(
        'msgid "Save"\nmsgstr "Enregistrer"\n\nmsgid "Delete"\nmsgstr "Supprimer"\n',
        encoding="utf-8",
    )
    (tmp_path / "b.po").write_text(
        'msgid "Save"\nmsgstr "Sauvegarder"\n\nmsgid "Remove"\nmsgstr "Supprimer"\n',
        encoding="utf-8",
    )
    code, found = findings(str(tmp_path), "--select", "TQA-STR-005,TQA-STR-006", "--jobs", "2")
    assert code == 1
    got = sorted((f["path"], f["code"], f["text"]) for f in found)
    assert got == [
        ("a.po", "TQA-STR-005", "Enregistrer"),
        ("a.po", "TQA-STR-006", "Supprimer"),
        ("b.po", "TQA-STR-005", "Sauvegarder"),
        ("b.po", "TQA-STR-006", "Supprimer"),
    ]
    assert all(f["unit"]["id"] in ("Save", "Delete", "Remove") for f in found)
    assert any("in " in f["message"] and ".po" in f["message"] for f in found)


def test_consistency_across_plain_text_pairs(tmp_path: Path) -> None:
    for name, source, target in (
        ("a", "Die Datei wurde gespeichert.", "Le fichier a été enregistré."),
        ("b", "Die Datei wurde gespeichert.", "Le fichier a été sauvegardé."),
    ):
        (tmp_path / f"{name}.de.txt").write_text(source + "\n", encoding="utf-8")
        (tmp_path / f"{name}.fr.txt").write_text(target + "\n", encoding="utf-8")
    _, found = findings(str(tmp_path), "--select", "TQA-STR-005")
    assert sorted((f["path"], f["text"]) for f in found) == [
        ("a.fr.txt", "Le fichier a été enregistré."),
        ("b.fr.txt", "Le fichier a été sauvegardé."),
    ]


def test_consistency_inside_one_plain_document_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "a.de.txt").write_text(
        "Die Datei wurde gespeichert.\n\nDie Datei wurde gespeichert.\n", encoding="utf-8"
    )
    (tmp_path / "a.fr.txt").write_text(
        "Le fichier a été enregistré.\n\nLe fichier a été sauvegardé.\n", encoding="utf-8"
    )
    shutil.copy(tmp_path / "a.fr.txt", tmp_path / "copy.txt")  # no source: not compared
    _, found = findings(str(tmp_path), "--select", "TQA-STR-005")
    assert [(f["path"], f["text"]) for f in found] == [
        ("a.fr.txt", "Le fichier a été enregistré."),
        ("a.fr.txt", "Le fichier a été sauvegardé."),
    ]


def test_ignoring_the_rules_turns_the_batch_pass_off(tmp_path: Path) -> None:
    for name, target in (("a", "Le fichier a été enregistré."), ("b", "Le fichier est sauvé.")):
        (tmp_path / f"{name}.de.txt").write_text("Die Datei wurde gespeichert.\n", "utf-8")
        (tmp_path / f"{name}.fr.txt").write_text(target + "\n", encoding="utf-8")
    _, found = findings(str(tmp_path), "--select", "TQA-STR", "--ignore", "TQA-STR-005")
    assert not [f for f in found if f["code"] == "TQA-STR-005"]
