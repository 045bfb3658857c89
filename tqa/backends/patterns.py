"""Regular expressions that libraries compile while they load, kept compiled.

Importing spaCy and loading its French pipeline, importing wordfreq (for
langcodes and ftfy) and Grammalecte's first check compile about 500
regular expressions with ``re``, the same ones at every start: about
0.25 s of CPU (langcodes' list of language codes alone takes 0.05 s, spaCy's
tokenizer affixes 0.06 s, Grammalecte's rules 0.07 s). Around each such step
(``kept``), the expressions the step compiled are recorded on a first run:
their compiled form, the code that ``re`` hands to ``_sre``, is kept in the
table cache (tqa.backends.cache: msgpack data with a checksum, never
pickle), and at later runs it is put in ``re``'s own cache before the step
runs, so that ``re.compile`` finds it there instead of compiling it again.

An entry is an expression and its flags, exactly as ``re`` keys its own
cache, so an expression put there is only ever found by a ``re.compile`` of
that same expression with those flags: a library that changes its
expressions just compiles the new ones itself. ``_sre`` checks compiled code
before it accepts it. The cache entry is keyed by the Python version,
``_sre``'s format and the library's files given as sources (an upgrade
records the step again); whenever anything is off, the step compiles its
expressions as usual. This is what tqa.backends.spacy_start does for the
one expression of spaCy's French tokenizer that takes seconds.
"""

from __future__ import annotations

import logging
import re
import sys
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: bumped whenever the stored layout changes
VERSION = 1
#: the array type of ``_sre``'s code words (unsigned, CODESIZE bytes)
CODE = "I"
#: how many expressions ``re`` keeps while a block is recorded (512 else)
RECORDING_LIMIT = 100_000
#: the most expressions a growing entry holds: a block whose expressions
#: partly depend on what it reads (tqa's checks build a few from the
#: glossary) must not grow with every text checked
GROWN_LIMIT = 5_000


@dataclass(frozen=True)
class Compiled:
    """One expression as ``re`` keys it (the expression and the flags given
    to ``re.compile``) and what ``re._compiler.compile`` hands to
    ``_sre.compile`` for it (the code as ``array('I')`` bytes)."""

    pattern: str | bytes
    flags: int
    code_flags: int
    code: bytes
    groups: int
    groupindex: dict[str, int]
    indexgroup: list[str | None]


@dataclass(frozen=True)
class Stored:
    """The expressions one step compiled."""

    patterns: list[Compiled]


def compile_pattern(pattern: str | bytes, flags: int = 0) -> Compiled:
    """The compiled form of ``pattern``, as ``re.compile`` builds it."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return Compiled(
        pattern, flags, flags | parsed.state.flags, array(CODE, code).tobytes(),
        parsed.state.groups - 1, groupindex, indexgroup,
    )  # fmt: skip


def rebuild(compiled: Compiled) -> re.Pattern[Any]:
    """The pattern object, from its stored compiled form (``_sre`` checks the code)."""
    import _sre

    code = array(CODE)
    code.frombytes(compiled.code)
    return _sre.compile(  # type: ignore[no-any-return]
        compiled.pattern, compiled.code_flags, code.tolist(), compiled.groups,
        compiled.groupindex, tuple(compiled.indexgroup),
    )  # fmt: skip


class Recording:
    """Inside the block, every ``re`` compilation of an expression (str or
    bytes, without DEBUG) is made by ``compile_pattern`` and ``rebuild``:
    the same parse and code as ``re._compiler.compile``, and the same
    pattern object, whose compiled form is kept in ``seen`` by (expression,
    flags), so that recording it needs no second compilation. Outside, ``re``
    is as it was. Blocks nest: an inner block records what is compiled
    inside it."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str | bytes, int], Compiled] = {}
        self._active = False
        self._original: Any = None
        self._wrapper: Any = None

    def __enter__(self) -> Recording:
        from re import _compiler  # type: ignore[attr-defined]

        original = self._original = _compiler.compile
        seen = self.seen

        def compile(pattern: Any, flags: int = 0) -> Any:
            if (
                not self._active
                or not isinstance(pattern, str | bytes)
                or type(flags) is not int
                or flags & re.DEBUG
            ):
                return original(pattern, flags)
            found = seen[pattern, flags] = compile_pattern(pattern, flags)
            return rebuild(found)

        self._active = True
        _compiler.compile = self._wrapper = compile
        return self

    def __exit__(self, *exc: object) -> None:
        from re import _compiler  # type: ignore[attr-defined]

        self._active = False  # left in place by a block ended out of order: passes through
        if _compiler.compile is self._wrapper:
            _compiler.compile = self._original


def _usable() -> dict[Any, Any] | None:
    """``re``'s cache, when compiled code can be stored and given back here."""
    import _sre

    store = getattr(re, "_cache", None)
    if not isinstance(store, dict) or array(CODE).itemsize != _sre.CODESIZE:
        return None
    return store


def _name(step: str) -> str:
    import _sre

    version = "".join(str(part) for part in sys.version_info[:3])
    return f"patterns-{step}-py{version}-sre{_sre.MAGIC}"


@contextmanager
def kept(
    step: str, sources: Iterable[str | None], *, record: bool = True, grow: bool = False
) -> Iterator[None]:
    """Inside the block, ``re.compile`` finds compiled the expressions that
    the block compiled at an earlier run (``step`` names the block; the
    entry is kept for these ``sources``); at a first run, the expressions
    the block compiles are recorded. Nothing the block does changes.

    ``record=False``: the process has already done part of the block's work
    (imported its modules, checked a document), so what the block compiles
    now is not all it compiles in a fresh process; an entry recorded then
    would be short (empty, at worst) and every later process would compile
    the rest. Such a block uses an entry but records none, and nothing empty
    is ever recorded.

    ``grow=True``: what the block compiles that its entry lacks is added
    to the entry, up to GROWN_LIMIT expressions. An entry recorded by a
    process that had imported part of a library already (a test suite
    imports ``packaging`` before spaCy) was short of those modules'
    expressions, and one recorded by tqa's checks of a short first document
    (a one-line text needs few of them) was short of what longer documents
    need: every later start compiled the rest again."""
    from tqa.backends import cache

    store = _usable()
    if store is None:
        yield
        return
    sources = tuple(sources)
    name = _name(step)
    found = cache.lookup(name, VERSION, sources, Stored)
    if found is not None and record and grow:
        _seed(store, found)
        before = set(store)
        with _holding_all(), Recording() as compiled:
            yield
        new = [key for key in list(store) if key not in before and key not in _HANDLED]
        _HANDLED.update(new)
        room = max(0, GROWN_LIMIT - len(found.patterns))
        recordable = [key for key in new if _recordable(key)][:room]
        _keep(step, name, sources, found.patterns, recordable, compiled.seen)
        return
    if found is not None or not record:
        if found is not None:
            _seed(store, found)
        yield
        return
    before = set(store)
    with _holding_all(), Recording() as compiled:
        yield
    # not those of a block inside this one, which keeps its own
    new = [key for key in list(store) if key not in before and key not in _HANDLED]
    _HANDLED.update(new)
    if not new:
        return  # nothing compiled here: a fresh process records the block
    _keep(step, name, sources, [], [key for key in new if _recordable(key)], compiled.seen)


@contextmanager
def _holding_all() -> Iterator[None]:
    """``re`` drops its oldest entry past 512: inside, it keeps up to
    RECORDING_LIMIT, so that a block that compiles more loses none of them
    before they are recorded."""
    limit = getattr(re, "_MAXCACHE", None)
    if isinstance(limit, int):
        re._MAXCACHE = max(limit, RECORDING_LIMIT)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if isinstance(limit, int):
            re._MAXCACHE = limit  # type: ignore[attr-defined]


def _keep(
    step: str,
    name: str,
    sources: tuple[str | None, ...],
    kept: list[Compiled],
    new: list[Any],
    seen: dict[tuple[str | bytes, int], Compiled],
) -> None:
    """Store ``kept`` and the compiled form of ``new`` as the block's entry
    (nothing when ``new`` is empty): the form ``seen`` while the block
    compiled it, else compiled again."""
    from tqa.backends import cache

    if not new:
        return
    try:
        stored = Stored([*kept, *(seen.get(key[1:]) or _record(key) for key in new)])
        cache.keep(name, VERSION, sources, stored)
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - only a cost next time
        log.debug("expressions of %s not kept: %s", step, exc)


def package_files(*names: str) -> tuple[str | None, ...]:
    """The files of these installed packages that the entry of a step is
    keyed by (their ``__init__``; a new version of a package rewrites it),
    found without importing them."""
    from importlib.util import find_spec

    files: list[str | None] = []
    for name in names:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        files.append(spec.origin if spec is not None else None)
    return tuple(files)


def _recordable(key: Any) -> bool:
    """Whether the cache key of ``re`` can be stored: a str or bytes
    expression and int flags; not an expression that UTF-8 cannot write (one
    with lone surrogates, as ftfy has), which is compiled as usual."""
    if not (
        isinstance(key, tuple)
        and len(key) == 3
        and key[0] in (str, bytes)
        and isinstance(key[1], key[0])
        and type(key[2]) is int
        and not key[2] & re.DEBUG
    ):
        return False
    if isinstance(key[1], str):
        try:
            key[1].encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def _record(key: tuple[type, str | bytes, int]) -> Compiled:
    _, pattern, flags = key
    return compile_pattern(pattern, flags)


#: the expressions a block has put in re's cache or recorded in this process
_HANDLED: set[Any] = set()


def _seed(store: dict[Any, Any], stored: Stored) -> None:
    """Put the stored expressions in ``re``'s cache (those it lacks); none
    when one of them is refused."""
    try:
        made = {
            (type(c.pattern), c.pattern, c.flags): rebuild(c)
            for c in stored.patterns
            if (type(c.pattern), c.pattern, c.flags) not in store
        }
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - compiled as usual then
        log.debug("stored expressions refused: %s", exc)
        return
    store.update(made)
    _HANDLED.update(made)
