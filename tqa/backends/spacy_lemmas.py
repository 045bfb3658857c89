"""The French lemmatizer's tables, looked up on disk instead of loaded whole.

spaCy's French rule lemmatizer reads four tables from the model
(``lemmatizer/lookups/lookups.bin``, 9.6 MB of msgpack): a form → lemma
table of 217,000 words, the known lemmas and the exceptions of each part of
speech, and suffix rules. Loading them took about 1 s of every start, for
the few hundred words a document has. Here they are kept in the cache
directory as one index file (tqa.backends.index), made once from that
file, and the lemmatizer is given objects that answer its questions
(``get_table(name).get(key, default)``, ``word in index``) from it, with
the keys it uses (spaCy's string hashes), so it lemmatizes exactly as with
its own tables. Without the file, or for a lemmatizer of another kind, the
pipe loads its tables as usual.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: the tables of the French rule lemmatizer and how they are nested
TABLES = ("lemma_lookup", "lemma_rules", "lemma_exc", "lemma_index")
#: bumped whenever the stored layout changes
VERSION = 1


def add_lemmatizer(nlp: Any) -> None:
    """Add the model's lemmatizer (left out of ``spacy.load``) to ``nlp``:
    its French rule tables looked up on disk, any other one read as usual."""
    import spacy

    model = Path(nlp.path)
    config = dict(spacy.util.load_config(model / "config.cfg")["components"]["lemmatizer"])
    factory = config.pop("factory")
    pipe = nlp.add_pipe(factory, name="lemmatizer", config=config)
    lookups = model / "lemmatizer" / "lookups" / "lookups.bin"
    if (
        config.get("mode") != "rule"
        or type(pipe).__name__ != "FrenchLemmatizer"
        or sorted(pipe.get_lookups_config("rule")[0]) != sorted(TABLES)
        or not lookups.is_file()
    ):
        pipe.from_disk(model / "lemmatizer", exclude=["vocab"])
        _index_as_sets(pipe)
        return
    pipe.lookups = DiskLookups(_tables(lookups))


def _index_as_sets(pipe: Any) -> None:
    """A rule lemmatizer asks whether a word is in its index of known lemmas
    (one per part of speech) for every token it has not seen: the index is a
    list of up to 66,000 words, scanned from the start each time (a third of
    the time of a parse). It only ever asks whether a word is in it, so a set
    answers the same, at once."""
    lookups = getattr(pipe, "lookups", None)
    if lookups is None or "lemma_index" not in lookups:
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list | tuple):
            table[key] = frozenset(words)


def _tables(lookups: Path) -> dict[str, Mapping[str, Any]]:
    from tqa.backends import index

    return index.indexed(
        "spacy-fr-lemmas",
        VERSION,
        (str(lookups),),
        lambda: _flatten(lookups),
        {
            "lookup": list[str],
            "rules": list[tuple[str, str]],
            "parts": bool,
            "index": bool,
            "exc": list[str],
        },
    )


def _flatten(path: Path) -> dict[str, dict[str, Any]]:
    """The four tables keyed by text: a hash as its decimal digits, a word of
    a part of speech as "hash<TAB>word"; "parts" names the parts of speech
    of the index ("i<TAB>hash") and of the exceptions ("e<TAB>hash")."""
    loaded = _read_tables(path)
    lookup = {str(k): list(v) for k, v in loaded["lemma_lookup"].items()}
    rules = {
        str(k): [(str(old), str(new)) for old, new in v] for k, v in loaded["lemma_rules"].items()
    }
    parts: dict[str, bool] = {}
    members: dict[str, bool] = {}
    for pos, words in loaded["lemma_index"].items():
        parts[f"i\t{pos}"] = True
        for word in words:
            members[f"{pos}\t{word}"] = True
    exceptions: dict[str, list[str]] = {}
    for pos, forms in loaded["lemma_exc"].items():
        parts[f"e\t{pos}"] = True
        for form, lemmas in forms.items():
            exceptions[f"{pos}\t{form}"] = list(lemmas)
    return {"lookup": lookup, "rules": rules, "parts": parts, "index": members, "exc": exceptions}


def _read_tables(path: Path) -> dict[str, Mapping[Any, Any]]:
    """The tables of a ``lookups.bin`` file as spaCy's ``Lookups().from_disk``
    holds them (each a ``Table``: its items in the file's order, keyed by
    string id), read without building the ``Table`` objects and their Bloom
    filters (1 s of the 1.7 s the lemmatizer's tables took to build)."""
    import srsly

    with open(path, "rb") as handle:
        tables = srsly.msgpack_loads(handle.read())
    if not isinstance(tables, dict):
        raise ValueError(f"{path}: not a lookups file")
    for name, data in tables.items():
        if not all(type(key) is int for key in data):
            from spacy.strings import get_string_id

            tables[name] = {get_string_id(key): value for key, value in data.items()}
    return tables


def _key(key: str | int) -> str:
    from spacy.strings import get_string_id

    return str(get_string_id(key))


class _Table:
    """A table keyed by string hash (lemma_lookup, lemma_rules)."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self._table = table

    def get(self, key: str | int, default: Any = None) -> Any:
        return self._table.get(_key(key), default)

    def __contains__(self, key: str | int) -> bool:
        return _key(key) in self._table


#: parts of speech whose suffix rules are kept decoded (French has about 20)
MAX_RULE_PARTS = 64


class _Rules(_Table):
    """lemma_rules: a part of speech's suffix rules, decoded once. The
    lemmatizer asks for a part of speech's rules (hundreds of pairs) for
    every word it has not lemmatized yet, and decoding them each time took a
    sixth of the parse; the rules are only ever read."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        super().__init__(table)
        self._decoded: dict[str, Any] = {}

    def get(self, key: str | int, default: Any = None) -> Any:
        hashed = _key(key)
        if hashed in self._decoded:
            return self._decoded[hashed]
        found = self._table.get(hashed)
        if found is None:
            return default
        if len(self._decoded) < MAX_RULE_PARTS:
            self._decoded[hashed] = found
        return found


class _Words:
    """The known lemmas of one part of speech."""

    def __init__(self, table: Mapping[str, Any], pos: str) -> None:
        self._table, self._prefix = table, pos + "\t"

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._prefix + word in self._table


class _Exceptions(_Words):
    """The exceptions of one part of speech: form → lemmas."""

    def get(self, word: str, default: Any = None) -> Any:
        return self._table.get(self._prefix + word, default)


class _ByPart:
    """lemma_index or lemma_exc: per part of speech (a hash), its words."""

    def __init__(
        self, parts: Mapping[str, Any], table: Mapping[str, Any], tag: str, make: type[_Words]
    ) -> None:
        self._parts, self._table, self._tag, self._make = parts, table, tag, make

    def get(self, key: str | int, default: Any = None) -> Any:
        pos = _key(key)
        if f"{self._tag}\t{pos}" not in self._parts:
            return default
        return self._make(self._table, pos)

    def __contains__(self, key: str | int) -> bool:
        return f"{self._tag}\t{_key(key)}" in self._parts


class DiskLookups:
    """What the French lemmatizer asks of its ``Lookups``."""

    def __init__(self, tables: Mapping[str, Mapping[str, Any]]) -> None:
        parts = tables["parts"]
        self._tables: dict[str, Any] = {
            "lemma_lookup": _Table(tables["lookup"]),
            "lemma_rules": _Rules(tables["rules"]),
            "lemma_exc": _ByPart(parts, tables["exc"], "e", _Exceptions),
            "lemma_index": _ByPart(parts, tables["index"], "i", _Words),
        }

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def __contains__(self, name: str) -> bool:
        return name in self._tables

    def get_table(self, name: str, default: Any = None) -> Any:
        return self._tables.get(name, default)
