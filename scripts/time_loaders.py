"""CPU time of each loader during one ``tqa check``, without a profiler's overhead.

    python scripts/time_loaders.py [FUNCTION...] [-- TQA ARGUMENTS...]

Runs one ``tqa`` command in this process (by default ``tqa check`` of the
sample article with every check) with a timer around each named function
(``module.function``; by default the loaders of spaCy, lingua, Grammalecte,
hunspell, wordfreq and the dictionary tables) and prints the process's CPU
time (time.process_time: every thread of this process; lingua's detector
is built in a helper process, whose CPU is not counted, so
``langid.get_identifier`` shows only the wait for it) spent inside each,
inclusive. cProfile
(scripts/profile_start.py) says where time goes function by function but
doubles the time of Python code; these timers do not. A function a module
bound with ``from … import`` before the timers are set is not seen there.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"
DEFAULT = (
    "tqa.runner._load_models",
    "tqa.backends.spacy_start.import_spacy",
    "tqa.backends.spacy_fr.load",
    "tqa.backends.spacy_vectors.key_rows",
    "tqa.backends.langid.get_identifier",
    "tqa.backends.grammalecte.load",
    "tqa.backends.grammalecte.check",
    "tqa.backends.frequencies.table",
    "tqa.backends.words._hunspell",
    "tqa.backends.compounds._tables",
    "tqa.backends.pivot._tables",
    "tqa.backends.freedict.load",
    "tqa.backends.senses._inverted",
    "tqa.pipeline.analyse",
    "re._compile",
)


def timed(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start

    return wrapper


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("functions", nargs="*", help="module.function to time")
    parser.add_argument("--tqa", nargs=argparse.REMAINDER, default=None, help="tqa arguments")
    args = parser.parse_args()
    start = time.process_time()
    sys.path.insert(0, str(ROOT))
    from tqa.cli import main as tqa_main

    imported = time.process_time() - start
    spent: dict[str, float] = {}
    for name in args.functions or DEFAULT:
        module_name, attribute = name.rsplit(".", 1)
        module = importlib.import_module(module_name)
        setattr(module, attribute, timed(spent, name, getattr(module, attribute)))
    tqa_args = args.tqa or ["check", str(SAMPLE), "--format", "json", "--isolated"]
    sys.argv = ["tqa", *tqa_args]
    stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        tqa_main(leave=False)
    except SystemExit:
        pass
    finally:
        sys.stdout = stdout
    total = time.process_time() - start
    print(
        f"tqa {' '.join(tqa_args)}: {total:.2f} s CPU in all "
        f"(import of tqa.cli {imported:.2f} s; load {os.getloadavg()[0]:.2f})"
    )
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:<45} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
