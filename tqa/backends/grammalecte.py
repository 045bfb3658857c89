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
import sys
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
    module = importlib.import_module("grammalecte")
    checker = module.GrammarChecker("fr")
    engine = checker.getGCEngine()
    engine.setOptions({name: False for name in OFF_OPTIONS})
    log.info("loaded Grammalecte from %s", found)
    return checker


@lru_cache(maxsize=1 << 12)
def check(text: str) -> tuple[Error, ...]:
    """Grammar errors of one French paragraph (spelling errors are not asked for)."""
    engine = load().getGCEngine()
    errors = engine.parse(text, "FR", bDebug=False)
    return tuple(
        sorted(
            (
                Error(
                    int(e["nStart"]),
                    int(e["nEnd"]),
                    str(e["sType"]),
                    str(e["sRuleId"]),
                    str(e["sMessage"]),
                    tuple(e.get("aSuggestions", ())),
                )
                for e in errors
            ),
            key=lambda e: (e.start, e.end, e.rule),
        )
    )
