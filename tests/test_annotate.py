"""tqa check FILE --annotate OUT: findings written back into a copy of an
XLIFF or PO file, nothing else changed, the input never written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

pytest.importorskip("translate.storage.xliff", reason="translate-toolkit (tqa[formats]) is missing")

DATA = Path(__file__).parent / "data" / "formats"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", *args, "--isolated"])
    return result.exit_code, result.stderr


def copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / name, tmp_path / name))


def inserted(before: bytes, after: bytes) -> list[bytes]:
    """The lines of ``after`` that are not in ``before`` (which must all be kept, in order)."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    added, at = [], 0
    for line in new:
        if at < len(old) and line == old[at]:
            at += 1
        else:
            added.append(line)
    assert at == len(old), "a line of the input was changed or dropped"
    return added


def test_a_file_without_findings_is_copied_byte_for_byte(tmp_path: Path) -> None:
    source = copy("anleitung.fr.xlf", tmp_path)  # CRLF, XLIFF 2, no finding
    out = tmp_path / "out.xlf"
    code, err = run(str(source), "--annotate", str(out))
    assert code == 0, err
    assert out.read_bytes() == source.read_bytes()


def test_xliff_12_notes_and_review_state(tmp_path: Path) -> None:
    source = copy("menü.fr.xlf", tmp_path)
    before = source.read_bytes()
    out = tmp_path / "annotated.xlf"
    code, err = run(str(source), "--annotate", str(out))
    assert code == 1, err
    assert source.read_bytes() == before  # the input is never written
    after = out.read_bytes()
    changed = after.replace(
        b'<target state="needs-review-translation"></target>', b'<target state="new"></target>'
    )
    added = inserted(before, changed)
    assert added == [
        '    <note from="tqa">TQA-ALN-003 minor: number “3” is not in the source, '
        "which has “5” “3” → 5</note>\n".encode(),
        '    <note from="tqa">TQA-STR-003 major: empty target; the source is “Hallo Welt”'
        "</note>\n".encode(),
    ]
    from translate.storage.xliff import Xliff1File

    units = {u.xmlelement.get("id"): u for u in Xliff1File(after).units}
    assert "TQA-STR-003" in units["leer"].getnotes()
    assert units["leer"].xmlelement[1].get("state") == "needs-review-translation"
    assert units["save"].xmlelement[1].get("state") == "translated"  # no finding: untouched


def test_xliff_2_notes_in_the_unit_and_substate_on_the_segment(tmp_path: Path) -> None:
    text = (DATA / "anleitung.fr.xlf").read_bytes().replace(b"12 entr", b"21 entr")
    source = tmp_path / "anleitung.fr.xlf"
    source.write_bytes(text)
    out = tmp_path / "out.xlf"
    code, err = run(str(source), "--annotate", str(out))
    assert code == 1, err
    after = out.read_bytes()
    assert b'<notes><note>Einleitung der Anleitung</note><note category="tqa">TQA-ALN-003' in after
    # the segment with the major finding is marked; the other is left as it was
    assert b'<segment id="s2" state="translated" subState="tqa:needs-review">' in after
    assert b'<segment id="s1" state="translated">' in after
    from translate.storage.xliff2 import Xliff2File

    assert len(Xliff2File(after).units) == 2  # still valid XLIFF 2 for the toolkit


SHARED_IDS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="fr">
 <file id="f1" translate="no">
  <unit id="u1"><segment><source>Bundesamt</source><target>Bundesamt</target></segment></unit>
 </file>
 <file id="f2">
  <unit id="u0" translate="no"><segment><source>Amt</source><target>Amt</target></segment></unit>
  <unit id="u1"><segment><source>Der Gipfel beginnt am Montag.</source><target>Le sommet \
commence Montag.</target></segment></unit>
 </file>
</xliff>
"""


@pytest.mark.parametrize("first", ['<file id="f1" translate="no">', '<file id="f1">'])
def test_a_note_goes_to_its_unit_not_to_another_of_the_same_id(tmp_path: Path, first: str) -> None:
    """Unit ids of XLIFF 2 are unique in their <file> only. A unit with the id
    of a checked one in another file got that unit's notes and review state:
    one left out (translate="no") because the first element with the id was
    taken, one checked just before because the two were taken for the
    segments of one unit."""
    text = SHARED_IDS.replace('<file id="f1" translate="no">', first)
    source = tmp_path / "shared.fr.xlf"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.xlf"
    code, err = run(str(source), "--annotate", str(out), "--select", "TQA-MIX-002")
    assert code == 1, err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [n for n, line in enumerate(lines) if 'category="tqa"' in line] == [7]
    assert "Le sommet" in lines[7] and "Montag" in lines[7]
    assert lines[3] == text.splitlines()[3] and lines[6] == text.splitlines()[6]


def test_po_translator_comments_and_fuzzy(tmp_path: Path) -> None:
    source = tmp_path / "b.po"
    source.write_bytes(
        b'# keep me\nmsgid "Copy %s to %d"\nmsgstr "Copier %d vers %s"\n\n'
        b'#, c-format\nmsgid "Open"\nmsgstr ""\n\nmsgid "Save"\nmsgstr "Enregistrer"\n'
    )
    out = tmp_path / "out.po"
    code, err = run(str(source), "--annotate", str(out), "--select", "TQA-STR")
    assert code == 1, err
    after = out.read_bytes()
    assert after == (
        b"# tqa: TQA-STR-002 major: placeholders are filled in order: %s %d in the source, "
        b"%d %s here \xe2\x80\x9c%d\xe2\x80\x9d\n"
        b'# keep me\n#, fuzzy\nmsgid "Copy %s to %d"\nmsgstr "Copier %d vers %s"\n\n'
        b"# tqa: TQA-STR-003 major: empty target; the source is \xe2\x80\x9cOpen\xe2\x80\x9d\n"
        b'#, fuzzy, c-format\nmsgid "Open"\nmsgstr ""\n\nmsgid "Save"\nmsgstr "Enregistrer"\n'
    )
    from translate.storage.pypo import pofile

    units = [u for u in pofile(after).units]
    assert [u.isfuzzy() for u in units] == [True, True, False]


def test_annotate_refuses_the_input_tmx_and_several_files(tmp_path: Path) -> None:
    source = copy("menü.fr.xlf", tmp_path)
    before = source.read_bytes()
    code, err = run(str(source), "--annotate", str(source))
    assert code == 2 and err.startswith("tqa: error: ") and source.read_bytes() == before
    code, err = run(str(copy("grüße.tmx", tmp_path)), "--annotate", str(tmp_path / "o.tmx"))
    assert code == 2 and "XLIFF and PO" in err
    code, err = run(str(tmp_path), "--annotate", str(tmp_path / "o.xlf"))
    assert code == 2 and "one XLIFF or PO file" in err


@pytest.mark.parametrize(
    ("charset", "encoding", "newline"),
    [("ISO-8859-1", "latin-1", b"\n"), ("UTF-8", "utf-8", b"\r"), ("CP1252", "cp1252", b"\r\n")],
)
def test_po_notes_keep_the_file_s_charset_and_line_ends(
    tmp_path: Path, charset: str, encoding: str, newline: bytes
) -> None:
    """A Latin-1 PO file gets its notes in Latin-1, a CR-only one CR line ends:
    the copy reads back as a PO file (it did not: UTF-8 notes in a Latin-1
    file, LF lines in a CR file)."""
    text = (
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
        'msgid "Das Haus ist groß."\nmsgstr "Das Haus ist groß."\n'
    )
    source = tmp_path / "a.po"
    source.write_bytes(text.replace("\n", newline.decode()).encode(encoding))
    out = tmp_path / "out.po"
    code, err = run(str(source), "--annotate", str(out), "--select", "TQA-MIX")
    assert code == 1, err
    after = out.read_bytes()
    added = inserted(source.read_bytes(), after)
    assert added and all(line.endswith(newline) for line in added)
    assert b"# tqa: TQA-MIX" in after and "groß".encode(encoding) in after
    after.decode(encoding)  # one charset throughout
    from translate.storage.pypo import pofile

    assert [u.isfuzzy() for u in pofile(after).units if u.source] == [True]
    code, err = run(str(out), "--select", "TQA-MIX")
    assert code == 1, err
