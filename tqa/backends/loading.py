"""Loading big tables without the garbage collector in the way.

Building a table of a million strings, tuples and dicts makes Python's
cyclic garbage collector run again and again over everything allocated so
far, although none of it is garbage: measured at start-up, that was 30–60 %
of the time to load the cached dictionary tables (compound tables 1.03 →
0.71 s, English pivot 0.79 → 0.32 s). While a table or a model is loaded the
collector is paused; it runs as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector is off inside the block (reference counting
    still frees everything that is dropped), and back as it was after it.
    Its threshold is set to 0 as well, which also stops it: srsly, which
    spaCy reads its models with, switches the collector back on after each
    msgpack file it reads (``gc.enable()``), and that alone let it run
    through most of spaCy's load."""
    enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.disable()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()
        else:
            gc.disable()
