"""What makes ``spacy.load`` of the French pipeline slow, and how tqa avoids it.

Profiling a cold ``tqa check`` (scripts/profile_start.py) showed three costs
that have nothing to do with the model:

* ``import spacy`` imports thinc, which imports PyTorch when it is installed
  (about 1 s) although the French pipeline never uses it. While spaCy is
  imported, ``torch`` is hidden from thinc (only when nothing has imported
  it yet); ``import torch`` works as usual afterwards.
* importing ``spacy.lang.fr`` compiles one regular expression of about
  1,000 alternatives over large Unicode character classes (the tokenizer's
  ``token_match``: "faux-vampire", "entr'abat"): 2.5–4 s, every time. The
  compiled form of that expression (the code that ``re`` hands to ``_sre``)
  is kept in the table cache (tqa.backends.cache: msgpack data with a
  checksum, never pickle) and put in ``re``'s own cache before spaCy asks for
  it, so ``re.compile`` finds it there. ``_sre`` checks compiled code before
  it accepts it. The cache entry is keyed by the Python version and spaCy's
  French sources; whenever anything is off (another Python, other spaCy
  files, an unreadable cache), spaCy simply compiles the expression itself.
* ``import spacy`` imports spaCy's command line (``spacy.cli``: weasel,
  requests, httpx, 330 modules, about 0.3 s) for ``spacy.info``; it is
  put off until something asks for it (see ``cli_deferred``).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from typing import Any

from tqa.backends.patterns import Compiled, Recording, compile_pattern, rebuild

#: the stored compiled form of an expression (tqa.backends.patterns)
CompiledPattern = Compiled

log = logging.getLogger(__name__)

#: the module whose import compiles the expression, and the name it keeps it under
TOKEN_MATCH_MODULE = "spacy.lang.fr.tokenizer_exceptions"
#: spaCy's files the expression is built from (relative to the spacy package)
SOURCES = ("lang/fr/tokenizer_exceptions.py", "lang/fr/punctuation.py", "lang/char_classes.py")
#: bumped whenever the stored layout changes (2: the code as array bytes,
#: read ten times faster than a list of 200,000 numbers)
VERSION = 2


@contextmanager
def torch_hidden() -> Iterator[None]:
    """``import torch`` fails inside the block unless torch is imported already."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@contextmanager
def cli_deferred() -> Iterator[None]:
    """``import spacy`` without its command line: spacy/__init__ imports
    ``spacy.cli.info`` for ``spacy.info``, and with it every ``spacy``
    command, weasel, requests and httpx (330 modules, about 0.3 s), none of
    which loading or running a pipeline uses. Inside the block
    ``spacy.cli`` is a placeholder whose ``info`` imports the real one when
    called; afterwards ``import spacy.cli`` imports the real package."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    import types

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")
    module.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = package, module
    try:
        yield
    finally:
        for name, placeholder in (("spacy.cli", package), ("spacy.cli.info", module)):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is package:
            del spacy.cli


def import_spacy() -> Any:
    """``import spacy`` without importing PyTorch or spaCy's command line on
    the way."""
    from tqa.backends import patterns

    if "spacy" in sys.modules and "thinc.api" in sys.modules:
        return sys.modules["spacy"]
    # the expressions the import compiles come compiled from the table cache
    with (
        torch_hidden(),
        cli_deferred(),
        patterns.kept("spacy-import", _import_sources(), grow=True),
    ):
        import spacy

        # the thinc modules spaCy's French pipeline needs, imported while
        # torch is hidden (they look for it once, at import)
        import thinc.api  # noqa: F401
    return spacy


def _import_sources() -> tuple[str | None, ...]:
    from tqa.backends.patterns import package_files

    return package_files("spacy", "thinc", "confection", "pydantic", "packaging", "srsly")


def _spacy_dir() -> str | None:
    spec = find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def _cache_name() -> str:
    import _sre

    version = "".join(str(part) for part in sys.version_info[:3])
    return f"spacy-fr-token-match-py{version}-sre{_sre.MAGIC}"


def _token_match() -> Compiled:
    """Built on a cache miss: import the module, which compiles the
    expression (spaCy's ``re.compile``, as always), and keep the compiled
    form of that one compilation. The expressions compiled meanwhile are
    compiled by ``compile_pattern`` and rebuilt from what it gives (what
    ``re`` does in one step), so that the expression, which takes seconds,
    is compiled once, not a second time to be stored."""
    import importlib

    compiled = Recording()
    with torch_hidden(), compiled:
        module = importlib.import_module(TOKEN_MATCH_MODULE)
    expression = module.TOKEN_MATCH.__self__
    # the flags re.compile was given: the inline "(?iu)" adds its own again
    found = compiled.seen.get((expression.pattern, 0))
    return found if found is not None else compile_pattern(expression.pattern, 0)


def seed_token_match() -> bool:
    """Put the compiled tokenizer expression in ``re``'s cache, from the table
    cache (built on the first run). False when it could not be done: spaCy
    then compiles it as usual."""
    from tqa.backends import cache

    if TOKEN_MATCH_MODULE in sys.modules:
        return False  # compiled already in this process
    store = getattr(re, "_cache", None)
    folder = _spacy_dir()
    if not isinstance(store, dict) or folder is None:
        return False
    sources = [os.path.join(folder, *name.split("/")) for name in SOURCES]
    try:
        compiled = cache.cached(_cache_name(), VERSION, sources, _token_match, Compiled)
        if TOKEN_MATCH_MODULE in sys.modules:
            return True  # just built: the import compiled it, and re keeps it
        pattern = rebuild(compiled)
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - spaCy compiles it itself
        log.debug("tokenizer expression not taken from the cache: %s", exc)
        return False
    # re.compile looks for (type, pattern, flags) before compiling anything
    store[str, compiled.pattern, 0] = pattern
    return True
