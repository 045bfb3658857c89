"""A PO file is parsed in chunks of entries for a report checked in blocks
(tqa.read.po.records): the same units, states, notes and line numbers as the
whole file parsed at once, whatever its newlines, charset or layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqa.errors import InputError
from tqa.read import po
from tqa.read.units import Builder

pytest.importorskip("translate.storage.pypo", reason="translate-toolkit (tqa[formats]) is missing")

HEADER = (
    '# Übersetzung\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
ENTRIES = [
    '#. Menüeintrag\n#: src/menu.c:12\n#, fuzzy, c-format\nmsgctxt "menu"\n'
    'msgid "Open %s file"\nmsgstr "Ouvrir le fichier"\n',
    '#, c-format\nmsgid "One file deleted"\nmsgid_plural "%d files deleted"\n'
    'msgstr[0] "Un fichier supprimé"\nmsgstr[1] "%d fichiers supprimés"\n',
    'msgid ""\n"Save the "\n"file"\nmsgstr ""\n"Enregistrer le "\n"fichier"\n',
    '#~ msgid "Old"\n#~ msgstr "Vieux"\n',
    '#| msgid "Closed"\nmsgid "Close"\nmsgstr "Fermer"\n',
    '# a translator\'s comment\n\nmsgid "Quit"\n\nmsgstr "Quitter"\n',  # blank lines inside
    'msgid "Empty"\nmsgstr ""\n',
]


def units(data: bytes, size: int) -> list[object]:
    builder = Builder("x.po", "po")
    for record in po.records(data, "x.po", chunk_entries=size):
        builder.add(*record)
    return [builder.document()]


def whole(data: bytes) -> list[object]:
    return [po.read(data, "x.po")]


def text(entries: list[str], header: str = HEADER, glue: str = "\n") -> str:
    return header + glue.join(entries * 4)


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
@pytest.mark.parametrize(
    "data",
    [
        text(ENTRIES).encode("utf-8"),
        text(ENTRIES, glue="").encode("utf-8"),  # entries not parted by blank lines
        text(ENTRIES).replace("\n", "\r\n").encode("utf-8"),
        text(ENTRIES).replace("\n", "\r").encode("utf-8"),
        b"\xef\xbb\xbf" + text(ENTRIES).encode("utf-8"),
        text(ENTRIES).replace("UTF-8", "ISO-8859-1").encode("latin-1"),
        text(ENTRIES, header="").encode("utf-8"),  # no header
        text(ENTRIES, header='msgid ""\nmsgstr ""\n\n').encode("utf-8"),  # an empty first entry
    ],
    ids=["lf", "glued", "crlf", "cr", "bom", "latin-1", "no-header", "empty-first"],
)
def test_chunks_give_the_units_of_the_whole_file(data: bytes, size: int) -> None:
    assert units(data, size) == whole(data)
    lines = [u.line for u in units(data, size)[0].units]  # type: ignore[attr-defined]
    assert lines == sorted(lines) and len(set(lines)) > len(ENTRIES)


def test_a_chunk_that_does_not_parse_gives_the_whole_file_s_message() -> None:
    data = text(ENTRIES).encode("utf-8") + b'msgid "Broken\nmsgstr "x"\n'
    with pytest.raises(InputError) as whole_error:
        po.read(data, "x.po")
    with pytest.raises(InputError) as chunk_error:
        units(data, 2)
    assert str(chunk_error.value) == str(whole_error.value)


def test_a_plural_entry_without_msgstr_is_an_input_error_not_an_internal_one(
    tmp_path: Path,
) -> None:
    """translate-toolkit fails with an AttributeError on a msgid_plural with
    no msgstr after a comment: the user sees the file named and exit 2."""
    from typer.testing import CliRunner

    from tqa.cli import app

    path = tmp_path / "pl.po"
    path.write_bytes(b'#. extracted\n\nmsgid "\xc3\xa9t\xc3\xa9"\nmsgid_plural "pl"\n')
    with pytest.raises(InputError, match="not a valid PO file"):
        po.read(path.read_bytes(), "pl.po")
    result = CliRunner().invoke(app, ["check", str(path), "--select", "TQA-TYP-001", "--isolated"])
    assert result.exit_code == 2, result.output
    assert "not a valid PO file" in result.stderr and "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
