"""The faster ways a first run builds its tables give what the slower ones
gave: index files of the same bytes as records packed one by one from
``cache._encode``, a FreeDict dictionary read in one pass as it is looked up
word by word, and an expression recorded as it is compiled in the form a
second compilation gives (docs/performance.md, "First run: building the
tables")."""

from __future__ import annotations

import array
import gzip
import json
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import msgpack
import pytest

from tqa.backends import cache, freedict, index, patterns, resources
from tqa.backends.compounds import Phrase

KINDS: dict[str, Any] = {
    "glosses": tuple[str, ...],
    "rules": list[tuple[str, str]],
    "phrases": tuple[Phrase, ...],
    "keys": set[str],
    "seen": bool,
    "empty": str,
}
TABLES: dict[str, dict[str, Any]] = {
    "glosses": {
        "erklärung": ("explication", "déclaration"),
        "ort": (),
        # not of the declared kind: made plain as cache._encode makes it
        "menge": {"quantité", "foule"},
        "liste": ["a", "b"],
    },
    "rules": {"1": [("aux", "al"), ("s", "")], "2": []},
    "phrases": {
        "central": (Phrase("centrale électrique", "Kraftwerk", ("central", "électr")),),
        "réseau": [Phrase("réseau ferroviaire", "Schienennetz", ("réseau", "ferroviaire"))],
    },
    "keys": {"kosten": {"coût", "frais", "dépense"}, "x": set()},
    "seen": {"a\tb": True, "\udcff": True},
    "empty": {},
}


def _encoded_one_by_one(built: dict[str, dict[str, Any]], kinds: dict[str, Any]) -> bytes:
    """The index file's payload as it was written before: each record
    packed by msgpack.packb from cache._encode, appended to a bytearray."""
    parts: list[bytes] = []
    places: dict[str, tuple[int, str]] = {}
    offset = 0
    for table, kind in kinds.items():
        records = bytearray()
        hashes: list[tuple[int, int]] = []
        for key, value in built[table].items():
            raw = key.encode("utf-8", "surrogatepass")
            packed = msgpack.packb(cache._encode(value), use_bin_type=True)
            hashes.append((zlib.crc32(raw), len(records) + 1))
            records += struct.pack("<HI", len(raw), len(packed)) + raw + packed
        slots = 8
        while slots <= 2 * len(hashes):
            slots *= 2
        table_slots = array.array("I", bytes(4 * slots))
        for code, at in hashes:
            i = code & (slots - 1)
            while table_slots[i]:
                i = (i + 1) & (slots - 1)
            table_slots[i] = at
        part = struct.pack("<II", slots, len(hashes)) + table_slots.tobytes() + bytes(records)
        places[table] = (offset, index.describe(kind))
        parts.append(part)
        offset += len(part)
    directory = json.dumps({"byteorder": sys.byteorder, "tables": places}).encode("ascii")
    return struct.pack("<I", len(directory)) + directory + b"".join(parts)


def test_an_index_file_has_the_bytes_of_records_packed_one_by_one() -> None:
    assert index._encode(TABLES, KINDS) == _encoded_one_by_one(TABLES, KINDS)


def test_many_records_have_the_bytes_of_records_packed_one_by_one() -> None:
    built = {
        "glosses": {f"wort{i}": tuple(f"mot{j}" for j in range(i % 4)) for i in range(3000)},
        "keys": {f"k{i}": {f"v{i}", f"w{i % 7}"} for i in range(3000)},
    }
    kinds = {"glosses": tuple[str, ...], "keys": set[str]}
    assert index._encode(built, kinds) == _encoded_one_by_one(built, kinds)


def test_the_records_walked_in_one_pass_are_the_items(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "source.txt"
    source.write_text("eins\n", encoding="utf-8")
    kinds = {name: KINDS[name] for name in ("glosses", "phrases", "seen", "empty")}
    tables = index.indexed("walk", 1, [str(source)], lambda: TABLES, kinds)
    for table in tables.values():
        assert isinstance(table, index.Table)
        assert list(table.pairs()) == list(table.items())


def _b64(value: int) -> str:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    text = ""
    while True:
        text = digits[value % 64] + text
        value //= 64
        if not value:
            return text


def _dictionary(folder: Path, entries: list[tuple[str, str]]) -> freedict.Dictionary:
    """A dictd dictionary of these (index headword, entry text), in order."""
    data = b""
    lines = ["00databaseinfo\tA\tA"]
    for headword, text in entries:
        raw = text.encode("utf-8")
        lines.append(f"{headword}\t{_b64(len(data))}\t{_b64(len(raw))}")
        data += raw
    (folder / "test-deu-fra.index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(folder / "test-deu-fra.dict.dz", "wb") as handle:
        handle.write(data)
    return freedict.Dictionary(str(folder / "test-deu-fra.index"))


ENTRIES = [
    (
        "Erklärung",
        "Erklärung /ɛɐ̯ˈklɛːʁʊŋ/ <n, fem>\n1. explication, éclaircissement 2\n"
        "Darlegung\n2. déclaration\nÄußerung\n",
    ),
    ("Erklärung", "Erklärung <n>\n  1. explication,  aveu.\n\n"),
    ("ort", "Ort <n, masc>\n1. lieu, endroit\nStelle\n2. 3, 4\nZahl\n"),
    ("ǅ", "ǅ <n>\n1. dz\n"),  # kept in lower case: ǆ
    ("leer", "leer\n"),
]


def _by_look_ups(dictionary: freedict.Dictionary) -> list[tuple[str, str, list[tuple[str, ...]]]]:
    return [
        (word, entry.headword, [sense.glosses for sense in entry.senses])
        for word in dictionary.headwords()
        for entry in dictionary.lookup(word)
    ]


def test_a_dictionary_read_in_one_pass_gives_what_its_look_ups_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    dictionary = _dictionary(tmp_path, ENTRIES)
    assert list(dictionary.all_glosses()) == _by_look_ups(dictionary)
    for word, _, senses in dictionary.all_glosses():
        assert freedict.glosses_of(senses) in [e.glosses for e in dictionary.lookup(word)]


@pytest.mark.parametrize("name", ["freedict-deu-fra", "freedict-fra-deu"])
def test_an_installed_dictionary_read_in_one_pass_gives_what_its_look_ups_give(
    name: str,
) -> None:
    if resources.find_file(resources.DICTD_DIRS, f"{name}.index") is None:
        pytest.skip(f"{name} is not installed")
    dictionary = freedict.load(name)
    assert dictionary is not None
    assert list(dictionary.all_glosses()) == _by_look_ups(dictionary)


EXPRESSIONS = [
    (r"(?iu)(?:l[’']a?|qu[’']?)(?P<mot>\w+)", 0),
    (r"^\s*\d+\.\s*$", re.MULTILINE),
    (r"[^\x00-\x7f]{2,}|x", re.IGNORECASE),
]


def test_an_expression_recorded_as_it_is_compiled_is_the_one_compiled_again() -> None:
    re.purge()
    with patterns.Recording() as compiled:
        made = [re.compile(expression, flags) for expression, flags in EXPRESSIONS]
        made.append(re.compile(rb"\d+ \w+"))
    for (expression, flags), pattern in zip(EXPRESSIONS, made, strict=False):
        again = patterns.compile_pattern(expression, flags)
        assert compiled.seen[expression, flags] == again
        assert pattern == patterns.rebuild(again)
    assert compiled.seen[rb"\d+ \w+", 0] == patterns.compile_pattern(rb"\d+ \w+", 0)
    re.purge()
    outside = re.compile(EXPRESSIONS[0][0])
    assert (EXPRESSIONS[0][0], 0) in compiled.seen and outside == made[0]
    assert len(compiled.seen) == len(EXPRESSIONS) + 1  # nothing recorded after the block


def test_a_recording_ended_out_of_order_passes_through() -> None:
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    first, second = patterns.Recording(), patterns.Recording()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the second's wrapper stays in place
    second.__exit__(None, None, None)
    try:
        re.purge()
        assert re.compile("abc+") == re.compile("abc+")
        assert not first.seen and not second.seen
    finally:
        _compiler.compile = original
        re.purge()


_COMPOUND_ORDER = """
import json
from tqa.backends import compounds
pairs = [("Kraftwerk", "centrale électrique"), ("Schienennetz", "réseau ferroviaire national"),
         ("Wasserwerk", "usine des eaux potables"), ("Stromnetz", "réseau électrique")]
compounds._renderings = lambda: iter(pairs)
print(json.dumps(list(compounds._build().phrases)))
"""


def test_the_compound_table_is_in_the_same_order_whatever_the_hash_seed() -> None:
    """Its words were keyed through a set, so the table's bytes changed with
    PYTHONHASHSEED from one first run to the next (same content)."""
    import os
    import subprocess

    orders = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _COMPOUND_ORDER],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        orders.add(run.stdout)
    assert len(orders) == 1
    assert json.loads(orders.pop())[:2] == ["central", "électrique"]
