"""Grammalecte, the French grammar checker (Debian ``python3-grammalecte``).

Debian installs it for the system Python, outside tqa's virtual environment,
so the directory that holds the package is added to ``sys.path`` on first use
(only when the package is really there). It is pure Python: about 0.3 s to
load and a few thousand words per second.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

#: where distributions install it; TQA_GRAMMALECTE_PATH comes first
SEARCH_PATHS = ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages")

#: Grammalecte options switched off: typography, spacing and style are other
#: tqa checks' business (or not errors in edited prose)
OFF_OPTIONS = (
    "typo",
    "apos",
    "esp",
    "nbsp",
    "tab",
    "num",
    "unit",
    "nf",
    "liga",
    "mapos",
    "chim",
    "ocr",
    "maj",
    "minis",
    "virg",
    "poncfin",
    "date",
    "eepi",
    "tu",
    "html",
    "latex",
    "md",
    "pleo",
    "redon1",
    "redon2",
    "bs",
    "mc",
)


@dataclass(frozen=True)
class Error:
    start: int
    end: int
    kind: str
    rule: str
    message: str
    suggestions: tuple[str, ...]


def _paths() -> tuple[str, ...]:
    extra = os.environ.get("TQA_GRAMMALECTE_PATH", "")
    return tuple(p for p in extra.split(os.pathsep) if p) + SEARCH_PATHS


def location() -> str | None:
    """Directory holding the ``grammalecte`` package (for ``tqa doctor``), or None."""
    if importlib.util.find_spec("grammalecte") is not None:
        spec = importlib.util.find_spec("grammalecte")
        return os.path.dirname(spec.origin) if spec and spec.origin else None
    for directory in _paths():
        if os.path.isfile(os.path.join(directory, "grammalecte", "fr", "gc_engine.py")):
            return os.path.join(directory, "grammalecte")
    return None


@lru_cache(maxsize=1)
def load() -> Any:
    """The French checker, loaded once per process; raises MissingResource."""
    from tqa.errors import MissingResource

    found = location()
    if found is None:
        raise MissingResource("Grammalecte not installed (apt-get install python3-grammalecte)")
    parent = os.path.dirname(found)
    if importlib.util.find_spec("grammalecte") is None and parent not in sys.path:
        sys.path.append(parent)  # appended: never shadow the venv's own packages
    from tqa.backends import patterns

    # the expressions it compiles come compiled from the table cache, as
    # those of its rules at the first check (see check)
    with patterns.kept("grammalecte-load", _sources(), grow=True), _dictionary_from_cache(found):
        module = importlib.import_module("grammalecte")
        checker = module.GrammarChecker("fr")
    engine = checker.getGCEngine()
    engine.setOptions({name: False for name in OFF_OPTIONS})
    _keep_compiled()
    _remember_first_arcs()
    log.info("loaded Grammalecte from %s", found)
    return checker


#: the French dictionary Grammalecte's engine loads (graphspell/_dictionaries)
DICTIONARY = "fr-allvars.json"
#: bumped whenever the stored layout of the dictionary changes
DICTIONARY_VERSION = 1


@contextmanager
def _dictionary_from_cache(found: str) -> Iterator[None]:
    """Inside the block, Grammalecte's dictionary (``DICTIONARY``, 4 MB of
    JSON: 542,570 numbers of its word graph and a few fields, 0.1–0.15 s to
    read and decode at every start) is given to its ``IBDAWG`` as the data
    that decoding the JSON gives, from the table cache (tqa.backends.cache:
    msgpack with a checksum; the graph's numbers as array bytes), which
    ``IBDAWG`` accepts in place of a file name. Any other dictionary, or one
    that cannot be stored, is read from its file as usual."""
    path = os.path.join(found, "graphspell", "_dictionaries", DICTIONARY)
    try:
        ibdawg = importlib.import_module("grammalecte.graphspell.ibdawg")
    except ImportError:
        yield
        return
    original = getattr(ibdawg, "IBDAWG", None)
    if original is None or not os.path.isfile(path):
        yield
        return

    def made(source: Any) -> Any:
        if source == DICTIONARY:
            data = dictionary_data(path)
            if data is not None:
                return original(data)
        return original(source)

    setattr(ibdawg, "IBDAWG", made)  # noqa: B010 - a module found at run time
    try:
        yield
    finally:
        setattr(ibdawg, "IBDAWG", original)  # noqa: B010


def dictionary_data(path: str) -> dict[str, Any] | None:
    """What ``json.loads`` gives for the dictionary at ``path``, from the
    table cache (built from the file on a first run); None when the file's
    graph cannot be stored as unsigned 32-bit numbers."""
    from array import array

    from tqa.backends import cache

    stored = cache.cached(
        f"grammalecte-{DICTIONARY.removesuffix('.json')}",
        DICTIONARY_VERSION,
        (path,),
        lambda: _stored_dictionary(path),
    )
    if not stored:
        return None
    data = dict(stored["fields"])
    arcs = array("I")
    arcs.frombytes(stored["arcs"])
    data["lByDic"] = arcs.tolist()
    return data


def _stored_dictionary(path: str) -> dict[str, Any]:
    """The dictionary's fields, and its graph as array bytes ({} when it has
    no graph of unsigned 32-bit numbers: the file is read as usual then)."""
    import json
    from array import array

    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    arcs = data.pop("lByDic", None) if isinstance(data, dict) else None
    if not isinstance(arcs, list) or not all(type(n) is int for n in arcs):
        return {}
    try:
        packed = array("I", arcs).tobytes()
    except OverflowError:
        return {}
    return {"fields": data, "arcs": packed}


#: Grammalecte's modules that search with expressions given as strings
_SEARCHING = (
    "grammalecte.fr.gc_engine",
    "grammalecte.fr.gc_functions",
    "grammalecte.fr.phonet",
    "grammalecte.graphspell.spellchecker",
    "grammalecte.graphspell.ibdawg",
)
#: the most expressions kept compiled for Grammalecte: its rules use about 850
#: (the WMT22 references); a few are built from the words checked
MAX_COMPILED = 4096


class CompiledRe:
    """Stands for the ``re`` module inside Grammalecte's engine, with the
    expressions it searches with kept compiled.

    Grammalecte's graph rules call ``re.search(pattern, word)`` with
    patterns given as strings, about 80 times per word checked. ``re`` looks
    each one up in its own cache (512 entries, fewer than the 850 patterns
    of the rules, so that patterns were compiled again and again: 3,000
    compilations on 120 WMT22 documents), and the look-up itself cost more
    than most searches. Here a string with no flags is compiled once, by
    ``re.compile``, into the same pattern object ``re`` would use, and found
    again in a dict; everything else goes to ``re`` as before. What a search
    finds is unchanged."""

    def __init__(self, limit: int = MAX_COMPILED) -> None:
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._limit = limit

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        if flags or type(pattern) is not str:
            return re.compile(pattern, flags)
        found = self._compiled.get(pattern)
        if found is None:
            found = re.compile(pattern)
            if len(self._compiled) < self._limit:
                self._compiled[pattern] = found
        return found

    def search(self, pattern: Any, string: str, flags: int = 0) -> Any:
        found = None if flags else self._compiled.get(pattern)
        if found is None:
            found = self.compile(pattern, flags)
        return found.search(string)

    def match(self, pattern: Any, string: str, flags: int = 0) -> Any:
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern: Any, string: str, flags: int = 0) -> Any:
        return self.compile(pattern, flags).fullmatch(string)

    def finditer(self, pattern: Any, string: str, flags: int = 0) -> Any:
        return self.compile(pattern, flags).finditer(string)

    def findall(self, pattern: Any, string: str, flags: int = 0) -> Any:
        return self.compile(pattern, flags).findall(string)

    def sub(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> Any:
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(self, pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> Any:
        return self.compile(pattern, flags).subn(repl, string, count)

    def split(self, pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> Any:
        return self.compile(pattern, flags).split(string, maxsplit)


def _keep_compiled() -> None:
    """Grammalecte's modules search through one CompiledRe instead of ``re``."""
    shared = CompiledRe()
    for name in _SEARCHING:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "re", None) is re:
            module.re = shared  # type: ignore[attr-defined]


#: the most first-arc answers kept (about 51,000 for the 33,483 words of the
#: WMT22 references); all are dropped when it is reached, which bounds memory
MAX_FIRST_ARCS = 1 << 17


def _remember_first_arcs() -> None:
    """Grammalecte's engine matches every token against the first node of each
    rule graph, and the answer depends only on the node and on the token's
    text, type and morphology (its lemmas, phonetics and dictionary look-ups
    are functions of the text), so it is computed once per distinct token.

    ``TextParser._getMatches`` is a generator that its only caller,
    ``parseGraph``, always runs to the end; the remembered answer is the same
    sequence of arcs, in the same order. Tokens that carry tags set by earlier
    rules (a set, whose order is not part of the key) and the other nodes
    (reached from a pointer, a fifth of the calls with little repetition) go
    to the engine as before. On the WMT22 references 83 % of first-node calls
    are answered here, and Grammalecte takes 12–20 % less time; its findings
    are identical (``scripts/bench_throughput.py --compare``)."""
    engine = sys.modules.get("grammalecte.fr.gc_engine")
    parser = getattr(engine, "TextParser", None)
    original = getattr(parser, "_getMatches", None)
    if parser is None or original is None or getattr(original, "_tqa_first_arcs", False):
        return
    answers: dict[tuple[int, str, str, tuple[str, ...] | None], tuple[Any, ...]] = {}

    # the engine passes its own keyword (bKeep) when it follows a jump arc
    def matches(self: Any, graph: Any, token: Any, node: Any, bKeep: bool = False) -> Any:  # noqa: N803
        if node is not graph[0] or bKeep or "aTags" in token:
            return original(self, graph, token, node, bKeep)
        morph = token.get("lMorph")
        key = (id(node), token["sValue"], token["sType"], None if morph is None else tuple(morph))
        found = answers.get(key)
        if found is None:
            found = tuple(original(self, graph, token, node))
            if len(answers) >= MAX_FIRST_ARCS:
                answers.clear()
            answers[key] = found
        return found

    matches._tqa_first_arcs = True  # type: ignore[attr-defined]
    matches.__wrapped__ = original  # type: ignore[attr-defined]
    matches.answers = answers  # type: ignore[attr-defined]
    parser._getMatches = matches


@lru_cache(maxsize=1 << 14)
def spelled(word: str) -> bool | None:
    """Whether Grammalecte's French lexicon accepts ``word``; None when
    Grammalecte is not installed. Its lexicon is a later and larger one than
    Debian's hunspell-fr (it knows "piètement", "freineuse")."""
    from tqa.errors import MissingResource

    try:
        checker = load()
    except MissingResource:
        return None
    return bool(checker.getSpellChecker().isValid(word))


@lru_cache(maxsize=1 << 14)
def morphology(word: str) -> tuple[str, ...]:
    """Grammalecte's own analyses of one word, as its rules read them
    (">bonjour/:N:m:s/*", ">cher/:A:m:p/*"); raises MissingResource."""
    return tuple(str(a) for a in load().getSpellChecker().getMorph(word))


#: the longest text given to Grammalecte at once: some of its paragraph rules
#: take quadratic time (20,000 spaces: 3.4 s, twice as many: four times as
#: long), so a longer segment is checked in pieces cut at a sentence end or
#: a space; a sentence is rarely a tenth as long
MAX_CHUNK = 2000
_SENTENCE_END = (". ", "! ", "? ", "… ")


def chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text`` of at most ``limit`` characters, cut
    after the last sentence end of a piece, else at its last space, else hard."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        low = start + limit // 2
        cut = max(text.rfind(mark, low, end) for mark in _SENTENCE_END)
        if cut >= 0:
            cut += 2
        else:
            cut = max(text.rfind(space, low, end) for space in (" ", "\n", "\t", "\u00a0"))
            cut = cut + 1 if cut >= 0 else end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _sources() -> tuple[str | None, ...]:
    found = location()
    if found is None:
        return (None,)
    return tuple(os.path.join(found, "fr", name) for name in ("gc_engine.py", "gc_rules.py"))


_first_check = True


@lru_cache(maxsize=1 << 12)
def check(text: str) -> tuple[Error, ...]:
    """Grammar errors of one French paragraph (spelling errors are not asked for)."""
    global _first_check

    engine = load().getGCEngine()
    if _first_check:
        # Grammalecte compiles its rules' expressions (about 350) at its
        # first check: they come compiled from the table cache
        from tqa.backends import patterns

        _first_check = False
        with patterns.kept("grammalecte-rules", _sources()):
            return _check(engine, text)
    return _check(engine, text)


def _check(engine: Any, text: str) -> tuple[Error, ...]:
    found = []
    for start, end in chunks(text):
        piece = text[start:end]
        if not piece.strip():
            continue
        for e in engine.parse(piece, "FR", bDebug=False):
            found.append(
                Error(
                    start + int(e["nStart"]),
                    start + int(e["nEnd"]),
                    str(e["sType"]),
                    str(e["sRuleId"]),
                    str(e["sMessage"]),
                    tuple(e.get("aSuggestions", ())),
                )
            )
    return tuple(sorted(found, key=lambda e: (e.start, e.end, e.rule)))
