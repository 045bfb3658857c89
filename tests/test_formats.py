"""Bilingual files (XLIFF 1.2 and 2.x, TMX 1.4, PO): units as beads, inline
tags kept out of the checked text, the unit in every report format, hostile
and broken files refused with a clear one-line error."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app
from tqa.config import Config
from tqa.errors import InputError
from tqa.model import Document
from tqa.pipeline import check_document
from tqa.read import Input, read_input, read_records, xmlsafe

pytest.importorskip("translate.storage.xliff", reason="translate-toolkit (tqa[formats]) is missing")

DATA = Path(__file__).parent / "data" / "formats"
XLIFF12 = DATA / "menü.fr.xlf"
XLIFF2 = DATA / "anleitung.fr.xlf"
TMX = DATA / "grüße.tmx"
PO = DATA / "anwendung.po"


def read(path: Path) -> Document:
    return read_input(Input(str(path), str(path)), 10_000_000, "de", "fr")


def invoke(*args: str) -> tuple[int, str, str]:
    extra = ["--isolated"] if args[0] == "check" else []
    result = CliRunner().invoke(app, [*args, *extra])
    return result.exit_code, result.stdout, result.stderr


def test_xliff_12_units_nested_tags_state_and_notes() -> None:
    document = read(XLIFF12)
    assert [u.info.id for u in document.units] == [
        "save",
        "größe",
        "leer",
    ]  # translate="no" left out
    save = document.units[0]
    target = document.text[save.start : save.end]
    assert target == "Cliquez sur Enregistrer maintenant pour sauvegarder {0}."
    assert document.source is not None
    source = document.source.text[save.source_start : save.source_end]
    assert source == "Klicken Sie auf Speichern jetzt, um {0} zu sichern."
    # nested <g> and <x/>: opening and closing entries, at the offsets where they stood
    tags = [(t.offset - save.start, t.kind, t.id, t.closing) for t in save.tags]
    assert tags == [
        (12, "g", "1", False),
        (24, "g", "2", False),
        (34, "g", "2", True),
        (34, "g", "1", True),
        (34, "x", "3", False),
    ]
    assert save.info.state == "translated" and save.info.notes == ("Schaltfläche im Menü",)
    assert save.line == 7
    assert document.units[2].start == document.units[2].end  # the empty target


def test_xliff_2_unit_of_several_segments_with_crlf() -> None:
    assert b"\r\n" in XLIFF2.read_bytes()
    document = read(XLIFF2)
    units = document.units
    assert [(u.info.id, u.info.segment, u.info.state) for u in units] == [
        ("intro", "s1", "translated"),
        ("intro", "s2", "reviewed"),
    ]
    assert all(u.info.notes == ("Einleitung der Anleitung",) for u in units)
    assert document.text[units[0].start : units[0].end] == "Ouvrez le menu ."
    assert [(t.kind, t.closing) for t in units[0].tags] == [
        ("pc", False),
        ("ph", False),
        ("pc", True),
    ]


XLIFF_GROUPS = {
    "1.2": """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="de" target-language="fr" datatype="plaintext"><body>
  <group id="names" translate="no">
   <trans-unit id="1"><source>Bundesamt</source><target>Bundesamt</target></trans-unit>
   <group id="inner"><trans-unit id="2"><source>Land</source><target>Land</target></trans-unit>
   </group>
   <trans-unit id="3" translate="yes"><source>Hund</source><target>chien</target></trans-unit>
  </group>
  <trans-unit id="4"><source>Katze</source><target>chat</target></trans-unit>
 </body></file>
</xliff>
""",
    "2.0": """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="fr">
 <file id="f1" translate="no">
  <unit id="1"><segment><source>Bundesamt</source><target>Bundesamt</target></segment></unit>
 </file>
 <file id="f2">
  <group id="g" translate="no">
   <group id="inner"><unit id="2"><segment><source>Land</source><target>Land</target></segment>
   </unit></group>
   <unit id="3" translate="yes"><segment><source>Hund</source><target>chien</target></segment>
   </unit>
  </group>
  <unit id="4"><segment><source>Katze</source><target>chat</target></segment></unit>
 </file>
</xliff>
""",
}


@pytest.mark.parametrize("version", sorted(XLIFF_GROUPS))
def test_translate_no_on_a_group_or_file_leaves_its_units_out(tmp_path: Path, version: str) -> None:
    """translate="no" on a <group> (or an XLIFF 2 <file>) holds for the units
    inside it that do not say otherwise; it was read on the unit only, so a
    group of names not to translate was checked and their German reported
    (TQA-MIX-001, TQA-STR-004). Both readers (whole file, and one unit at a
    time for files checked in blocks) leave them out."""
    path = tmp_path / "groups.fr.xlf"
    path.write_text(XLIFF_GROUPS[version], encoding="utf-8")
    assert [u.info.id for u in read(path).units] == ["3", "4"]
    records = read_records(Input(str(path), str(path)), 10_000_000, "de", "fr")
    assert [info.id for info, _, _, _ in records] == ["3", "4"]


PROTECTED = {
    "1.2": """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="de" target-language="fr" datatype="plaintext"><body>
  <trans-unit id="1"><source>Auf dem Schild steht <mrk mtype="protected" mid="m1">Bitte nicht \
berühren und Abstand halten</mrk> in großen <mrk mtype="term">Buchstaben</mrk>.</source><target>Le panneau indique \
<mrk mtype="protected" mid="m1">Bitte nicht berühren und Abstand halten</mrk> en grandes \
<mrk mtype="term">lettres</mrk>.</target></trans-unit>
 </body></file>
</xliff>
""",
    "2.0": """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="fr">
 <file id="f1"><unit id="1"><segment><source>Auf dem Schild steht <mrk id="m1" \
translate="no">Bitte nicht berühren und Abstand halten</mrk> in großen <mrk id="m2" \
type="term">Buchstaben</mrk>.</source>\
<target>Le panneau indique <mrk id="m1" translate="no">Bitte nicht berühren und Abstand \
halten</mrk> en grandes <mrk id="m2" type="term">lettres</mrk>.</target></segment></unit></file>
</xliff>
""",
}


@pytest.mark.parametrize("version", sorted(PROTECTED))
def test_text_an_xliff_marks_not_to_translate_is_not_checked(tmp_path: Path, version: str) -> None:
    """<mrk translate="no"> (XLIFF 2) and <mrk mtype="protected"> (XLIFF 1.2)
    hold text not to translate; it was checked as the translation's own, so a
    protected German phrase made the unit German (TQA-MIX-000, critical, score
    0). It is left out as an inline code is; other <mrk> keep their text."""
    path = tmp_path / "protected.fr.xlf"
    path.write_text(PROTECTED[version], encoding="utf-8")
    document = read(path)
    assert document.text == "Le panneau indique  en grandes lettres."
    assert [(t.kind, t.code) for t in document.units[0].tags][0] == (
        "mrk",
        "Bitte nicht berühren und Abstand halten",
    )
    code, out, _ = invoke("check", str(path), "-f", "json")
    assert code == 0 and json.loads(out)["documents"][0]["findings"] == []


def _unit_texts(document: Document) -> list[tuple[str, str, str]]:
    """(id, source text, target text) of each unit of a bilingual document."""
    assert document.source is not None
    return [
        (
            u.info.id,
            document.source.text[u.source_start : u.source_end],
            document.text[u.start : u.end],
        )
        for u in document.units
    ]


def test_tmx_with_bom_crlf_and_languages_in_either_order() -> None:
    assert TMX.read_bytes().startswith(b"\xef\xbb\xbf")
    document = read(TMX)
    assert document.source is not None
    assert _unit_texts(document) == [
        ("gruß", "Guten Tag, Frau Müller!", "Bonjour, Madame Müller !"),
        ("2", "Vor 7 Tagen.", "Il y a 7 jours."),
    ]
    assert [(t.kind, t.code) for t in document.units[0].tags] == [("bpt", "<b>"), ("ept", "</b>")]


def test_po_plurals_context_fuzzy_and_obsolete() -> None:
    document = read(PO)
    assert document.source is not None
    states = [u.info.state for u in document.units]
    texts = _unit_texts(document)
    units = [(i, state, src, tgt) for (i, src, tgt), state in zip(texts, states, strict=True)]
    assert units == [
        ("menu|Open %s file", "fuzzy", "Open %s file", "Ouvrir le fichier"),
        ("One file deleted[0]", None, "One file deleted", "Un fichier supprimé"),
        ("One file deleted[1]", None, "%d files deleted", "%d fichiers supprimés"),
        ("Save", None, "Save", "Enregistrer"),
    ]
    assert document.units[0].info.notes == ("Menüeintrag",)


def test_a_plural_form_left_out_of_a_po_entry_is_an_empty_target(tmp_path: Path) -> None:
    """An entry with msgid_plural and only msgstr[0]: its plural form was not
    read at all, so the untranslated form (and its %d) passed unseen. It is
    now a unit with an empty target, reported as TQA-STR-003."""
    path = tmp_path / "plural.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Eine Datei gelöscht"\nmsgid_plural "%d Dateien gelöscht"\n'
        'msgstr[0] "Un fichier supprimé"\n',
        encoding="utf-8",
    )
    document = read(path)
    assert document.source is not None
    assert _unit_texts(document) == [
        ("Eine Datei gelöscht[0]", "Eine Datei gelöscht", "Un fichier supprimé"),
        ("Eine Datei gelöscht[1]", "%d Dateien gelöscht", ""),
    ]
    code, out, _ = invoke("check", str(path), "--select", "TQA-STR-003", "-f", "json")
    found = json.loads(out)["documents"][0]["findings"]
    assert code == 1 and [f["unit"]["id"] for f in found] == ["Eine Datei gelöscht[1]"]


def test_findings_carry_the_unit_in_json_and_index_the_text(tmp_path: Path) -> None:
    code, out, err = invoke("check", str(XLIFF12), "--format", "json")
    assert code == 1, err
    document = json.loads(out)["documents"][0]
    assert document["format"] == "xliff"
    number = next(f for f in document["findings"] if f["code"] == "TQA-ALN-003")
    assert number["text"] == "3" == document["text"][number["start"] : number["end"]]
    assert number["unit"] == {"id": "größe", "state": "needs-review-translation"}
    assert number["origin"] == {"line": 12}
    source = document["source"]["text"]
    assert "5 MB" in source
    saved = tmp_path / "report.json"
    saved.write_text(out, encoding="utf-8")
    code, again, err = invoke("render", str(saved), "--format", "json")
    assert code == 0, err
    assert again == out


@pytest.mark.parametrize("format", ["text", "github", "sarif", "html", "markdown", "junit"])
def test_every_format_shows_the_unit_id_and_file_line(format: str) -> None:
    code, out, _ = invoke("check", str(XLIFF12), "--format", format)
    assert code == 1
    assert "größe" in out
    if format == "github":
        line = next(x for x in out.splitlines() if "TQA-ALN-003" in x)
        assert "line=12," in line and "col=" not in line
    if format == "sarif":
        result = next(
            r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "TQA-ALN-003"
        )
        location = result["locations"][0]
        assert location["physicalLocation"]["region"]["startLine"] == 12
        assert location["logicalLocations"] == [{"name": "größe", "kind": "element"}]


def test_a_unit_checks_like_the_same_pair_as_plain_text() -> None:
    """Each unit is its own bead: its findings are those of its source and
    target checked as a plain-text pair, moved to the unit's place."""
    config = Config(select=("TQA-ALN", "TQA-ACC", "TQA-TYP", "TQA-MIX"))
    for path in (XLIFF12, TMX, PO):
        document = read(path)
        report = check_document(document, config)
        assert document.source is not None
        for unit in document.units:
            target = document.text[unit.start : unit.end]
            source = document.source.text[unit.source_start : unit.source_end]
            alone = check_document(Document("t", target), config, source=Document("s", source))
            expected = [(f.code, f.start, f.end, f.text, f.message) for f in alone.findings]
            found = [
                (f.code, f.start - unit.start, f.end - unit.start, f.text, f.message)
                for f in report.findings
                if f.unit == unit.info
            ]
            assert found == expected, (path.name, unit.info.id)


def test_billion_laughs_is_refused_quickly_with_bounded_memory() -> None:
    data = (DATA / "billion-laughs.xlf").read_bytes()
    tracemalloc.start()
    with pytest.raises(InputError, match="entity declaration 'a' refused"):
        xmlsafe.check(data, "bomb.xlf")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000  # 10^9 'a's would be a gigabyte
    code, out, err = invoke("check", str(DATA / "billion-laughs.xlf"))
    assert code == 2 and out == ""
    assert err.startswith("tqa: error: ") and "line 3, column" in err
    assert len(err.strip().splitlines()) == 1


def test_external_entity_is_refused_and_nothing_is_read() -> None:
    code, out, err = invoke("check", str(DATA / "xxe.xlf"), "--format", "json")
    assert code == 2 and out == ""
    assert "entity declaration 'secret' refused" in err
    assert "root:" not in err


@pytest.mark.parametrize(
    ("name", "where"),
    [("broken.xlf", "line 4, column 61: mismatched tag"), ("broken.po", "on line 2")],
)
def test_malformed_file_gives_its_line_and_the_batch_goes_on(
    tmp_path: Path, name: str, where: str
) -> None:
    shutil.copy(DATA / name, tmp_path / name)
    shutil.copy(XLIFF2, tmp_path / "good.xlf")
    code, out, err = invoke("check", str(tmp_path), "--format", "json")
    assert code == 2
    report = json.loads(out)
    assert [Path(d["path"]).name for d in report["documents"]] == ["good.xlf"]
    assert len(report["errors"]) == 1 and where in report["errors"][0]
    assert where in err


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in DATA.iterdir()}
    invoke("check", str(DATA), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert {p.name: p.read_bytes() for p in DATA.iterdir()} == before


def test_a_folder_picks_up_bilingual_files(tmp_path: Path) -> None:
    for path in (XLIFF12, XLIFF2, TMX, PO):
        shutil.copy(path, tmp_path / path.name)
    code, out, _ = invoke("check", str(tmp_path), "--format", "json", "--jobs", "2")
    report = json.loads(out)
    assert sorted(d["format"] for d in report["documents"]) == ["po", "tmx", "xliff", "xliff"]
    assert "unpaired" not in report  # a bilingual file holds its own source
    assert code == 1


def test_a_bilingual_file_takes_no_source_option(tmp_path: Path) -> None:
    other = tmp_path / "de.txt"
    other.write_text("Hallo\n", encoding="utf-8")
    code, out, err = invoke("check", str(XLIFF12), "--source", str(other))
    assert code == 2 and out == "" and "holds its own source" in err


def test_an_unknown_encoding_in_the_xml_declaration_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "e.xlf"
    path.write_text(
        XLIFF12.read_text("utf-8").replace('encoding="UTF-8"', 'encoding="x-bogus"', 1), "utf-8"
    )
    assert 'encoding="x-bogus"' in path.read_text("utf-8")
    code, out, err = invoke("check", str(path), "--format", "json")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"tqa: error: {path}: the XML declaration names an unknown "
        "encoding (unknown encoding: x-bogus)"
    ]


def test_a_code_point_that_is_no_character_is_a_tag_not_a_crash(tmp_path: Path) -> None:
    """XLIFF 2 ``<cp hex="D800"/>`` (a surrogate) cannot be written to a JSON
    report: like ``hex="zz"`` it stays an inline tag, reported as such."""
    path = tmp_path / "cp.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><xliff version="2.0" '
        'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de" trgLang="fr">'
        '<file id="f"><unit id="u1"><segment><source>Hallo Welt.</source>'
        '<target>Bonjour<cp hex="D800"/> le monde.</target></segment></unit></file></xliff>',
        "utf-8",
    )
    for fmt in ("json", "jsonl"):
        code, out, err = invoke("check", str(path), "--format", fmt)
        assert code == 1 and "internal error" not in err, err
        assert "TQA-STR-001" in out


@pytest.mark.parametrize(
    ("old", "new", "declared"),
    [
        ('source-language="de"', 'source-language="en-US"', "en-US → fr"),
        (
            'source-language="de" target-language="fr"',
            'source-language="fr" target-language="de"',
            "fr → de",
        ),
    ],
)
def test_an_xliff_file_declared_in_other_languages_is_refused(
    tmp_path: Path, old: str, new: str, declared: str
) -> None:
    """An English source would be read as German, a French→German file
    backwards: both are refused in one line (de-DE, fr_CH and no declaration pass)."""
    path = tmp_path / "other.xlf"
    text = XLIFF12.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    code, out, err = invoke("check", str(path), "--format", "json")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"tqa: error: {path}: the file is declared {declared}; tqa checks de → fr "
        "(the source-lang and target-lang settings)"
    ]
    regional = tmp_path / "regional.xlf"
    regional.write_text(
        text.replace(
            'source-language="de" target-language="fr"',
            'source-language="de-DE" target-language="fr_CH"',
        ),
        "utf-8",
    )
    assert invoke("check", str(regional), "--format", "json")[0] in (0, 1)


def test_a_po_catalogue_for_another_language_is_refused(tmp_path: Path) -> None:
    """A locale folder holds the Italian and German catalogues beside the
    French one: a file whose header says another language is refused in one
    line instead of being read as French (fr_FR, fr-CA, fr_FR.UTF-8,
    fr@latin, fra, a field naming no code such as "French", and no field pass)."""
    text = PO.read_text("utf-8")
    assert '"Language: fr\\n"' in text
    other = tmp_path / "it.po"
    other.write_text(text.replace('"Language: fr\\n"', '"Language: it\\n"'), "utf-8")
    code, out, err = invoke("check", str(other), "--format", "json")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"tqa: error: {other}: the file is a catalogue for it (its Language header); "
        "tqa checks translations into fr (the target-lang setting)"
    ]
    passing = ("fr_FR", "fr-CA", "fr_FR.UTF-8", "fr@latin", "fra", "fre", "French", "")
    for value in passing:  # a locale, a tag, a three-letter code; no code at all: read
        declared = f'"Language: {value}\\n"' if value else ""
        same = tmp_path / "same.po"
        same.write_text(text.replace('"Language: fr\\n"', declared), "utf-8")
        assert invoke("check", str(same), "--format", "json")[0] in (0, 1), declared
    assert [r for r in read_records(Input(str(PO), str(PO)), 10**7, "de", "fr")]
    with pytest.raises(InputError, match="a catalogue for it"):
        list(read_records(Input(str(other), str(other)), 10**7, "de", "fr"))


def test_a_memory_without_a_german_variant_is_refused(tmp_path: Path) -> None:
    """An English→French memory was checked against empty sources: one
    TQA-ALN-002 per unit. Refused in one line, in whole and unit by unit;
    a memory whose variants are not marked is read as before."""
    text = TMX.read_text("utf-8")
    assert 'xml:lang="de' in text
    english = tmp_path / "en.tmx"
    english.write_text(text.replace('xml:lang="de', 'xml:lang="en'), "utf-8")
    code, out, err = invoke("check", str(english), "--format", "json")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"tqa: error: {english}: the memory has no de variant (its languages: en, fr); "
        "tqa checks de → fr (the source-lang and target-lang settings)"
    ]
    with pytest.raises(InputError, match="has no de variant"):
        list(read_records(Input(str(english), str(english)), 10**7, "de", "fr"))
    assert invoke("check", str(TMX), "--format", "json")[0] in (0, 1)


def test_tmx_languages_with_spaces_still_find_their_variants() -> None:
    text = TMX.read_bytes().replace(b'xml:lang="de', b'xml:lang=" de')
    assert b'xml:lang=" de' in text
    from tqa.read import tmx

    spaced = tmx.read(text, "spaced.tmx", "de", "fr")
    plain = tmx.read(TMX.read_bytes(), "plain.tmx", "de", "fr")
    assert spaced.source is not None and plain.source is not None
    assert spaced.source.text == plain.source.text != ""


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        (
            "deep.xlf",
            '<?xml version="1.0"?><xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
            'source-language="de" target-language="fr"><body><trans-unit id="1">'
            "<source>Hallo</source><target>"
            + '<g id="1">' * 300
            + "Bonjour"
            + "</g>" * 300
            + "</target></trans-unit></body></file></xliff>",
            "not an XLIFF file (elements nested more than 256 levels deep)",
        ),
        (
            "plural.po",
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "a"\nmsgid_plural "b"\nmsgstr[x] "c"\n',
            "not a valid PO file (not a number: 'x')",
        ),
    ],
)
def test_a_parser_s_refusal_is_said_in_a_user_s_words(
    tmp_path: Path, name: str, content: str, says: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = invoke("check", str(path))
    assert code == 2 and err.splitlines() == [f"tqa: error: {path}: {says}"], err


def test_langid_reads_bilingual_and_markdown_files_as_check_does_not_their_markup(
    tmp_path: Path,
) -> None:
    """tqa langid read every file as plain text: an XLIFF file's segments were
    its XML lines ("<?xml version…" identified as French), a Markdown file's
    link targets and code were prose. It now reads them as tqa check does:
    the targets of the units, the prose of the Markdown."""
    code, out, err = invoke("langid", str(XLIFF12), "--format", "json")
    assert code == 0, err
    (document,) = json.loads(out)["documents"]
    assert document["format"] == "xliff" and document["text"] == read(XLIFF12).text
    texts = [document["text"][s["start"] : s["end"]] for s in document["segments"]]
    assert texts and not any("<" in t or "xliff" in t for t in texts), texts
    page = tmp_path / "page.md"
    page.write_text(
        "# Le sommet\n\nLe chien dort dans le [jardin](http://example.com/garten).\n\n"
        "```\nDer Code bleibt draußen.\n```\n",
        encoding="utf-8",
    )
    code, out, err = invoke("langid", str(page))
    assert code == 0, err
    assert "Le chien dort dans le jardin." in out
    assert "example.com" not in out and "```" not in out and "draußen" not in out


def test_align_reads_markdown_prose_and_refuses_bilingual_files(tmp_path: Path) -> None:
    """tqa align read every file as plain text: an XLIFF file gave an empty
    alignment with exit 0, a Markdown file's link targets and code fences
    were aligned as sentences. Markdown is now read for its prose; a
    bilingual file, already in pairs, is one line and exit 2."""
    for path, article in ((XLIFF12, "an XLIFF"), (TMX, "a TMX"), (PO, "a PO")):
        code, out, err = invoke("align", str(path))
        assert code == 2 and out == "", err
        assert err.splitlines() == [
            f"tqa: error: {path}: {article} file pairs each source with its translation "
            "already, unit by unit; tqa check reads it"
        ]
    german, french = tmp_path / "seite.de.md", tmp_path / "page.fr.md"
    german.write_text("Der Hund schläft im [Garten](http://example.com/garten).\n", "utf-8")
    french.write_text(
        "Le chien dort dans le [jardin](http://example.com/jardin).\n\n```\ncode\n```\n",
        encoding="utf-8",
    )
    code, out, err = invoke("align", str(german), str(french), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["target"]["format"] == "markdown"
    assert report["target"]["text"] == "Le chien dort dans le jardin."
    assert report["alignment"] == [
        {"source": [0], "target": [0], "score": report["alignment"][0]["score"]}
    ]
