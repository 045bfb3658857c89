"""wordfreq's Zipf frequencies from a compact table.

wordfreq holds each language's word list as a Python dict of floats: about
60 MB for German (634,000 words) and 50 MB each for French and English, a
sixth of what a check holds in memory, and half a second or more to read per
language at every start. The same list is kept here as three byte strings
(the words sorted and joined, their offsets, their centibel bands), stored
in tqa's table cache (tqa.backends.cache: msgpack, checksummed), about
10 MB for German, and searched by bisection.

:func:`zipf` answers exactly what ``wordfreq.zipf_frequency(word, lang)``
answers (tests/test_frequencies.py compares them): the text is tokenized by
wordfreq's own ``lossy_tokenize``, digits are smashed and weighted by
``digit_freq`` as wordfreq does, the frequencies of several tokens are
combined as ``1 / f = 1 / f1 + 1 / f2 …``, and the result is rounded to
three significant digits and then to hundredths of a Zipf unit. Languages
whose tokenizer infers word breaks (Chinese, Japanese) are left to wordfreq.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: version of the stored table's layout
VERSION = 2
#: wordfreq's minimum frequency for zipf_frequency(minimum=0): 10 ** -9
MINIMUM = 1e-9


@dataclass(frozen=True)
class Stored:
    """The table as it is kept in the cache: the words joined by newlines,
    their end offsets (``array('I')`` bytes, a leading 0) and their bands
    (``array('H')`` bytes). A stored table that does not hold together
    raises ValueError when it is read, so the cache builds and writes it
    again instead of rebuilding it at every run."""

    words: bytes
    offsets: bytes
    bands: bytes
    #: the table they make (not stored: built, and so checked, on reading)
    table: Table = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", Table(self.words, self.offsets, self.bands))


class Table:
    """One language's words (sorted, UTF-8) and their centibel bands."""

    def __init__(self, words: bytes, offsets: bytes, bands: bytes) -> None:
        self._words = words
        self._offsets = array("I")
        self._bands = array("H")
        if len(offsets) % self._offsets.itemsize or len(bands) % self._bands.itemsize:
            raise ValueError("inconsistent frequency table")
        self._offsets.frombytes(offsets)
        self._bands.frombytes(bands)
        if len(self._offsets) != len(self._bands) + 1 or self._offsets[-1] > len(words):
            raise ValueError("inconsistent frequency table")

    def __len__(self) -> int:
        return len(self._bands)

    def __getitem__(self, index: int) -> bytes:
        return self._words[self._offsets[index] : self._offsets[index + 1] - 1]

    def band(self, token: str) -> int | None:
        """The centibel band of ``token`` (its frequency is 10 ** (-band / 100)), or None."""
        key = token.encode("utf-8")
        at = bisect_left(self, key)
        if at < len(self._bands) and self[at] == key:
            return self._bands[at]
        return None


def _data_files(lang: str) -> tuple[str, ...]:
    """What a table is derived from: wordfreq's lists for ``lang`` and the
    module that reads them (tables are keyed by the content of these files)."""
    import wordfreq

    data = Path(wordfreq.__file__).parent / "data"
    lists = tuple(str(data / f"{size}_{lang}.msgpack.gz") for size in ("large", "small"))
    return (*lists, wordfreq.__file__)


def _build(lang: str) -> Stored:
    from wordfreq import get_frequency_list

    # half a million strings: cache.cached builds with the collector paused
    bands = {w: band for band, bucket in enumerate(get_frequency_list(lang)) for w in bucket}
    words = sorted((w.encode("utf-8"), band) for w, band in bands.items())
    blob = bytearray()
    offsets = array("I", [0])
    values = array("H")
    for word, band in words:
        blob += word + b"\n"
        offsets.append(len(blob))
        values.append(band)
    return Stored(bytes(blob), offsets.tobytes(), values.tobytes())


@lru_cache(maxsize=8)
def table(lang: str) -> Table | None:
    """The table of ``lang``; None when wordfreq has no word list for it or
    infers word breaks (its own zipf_frequency is used then)."""
    _import_wordfreq()
    from wordfreq import get_language_info

    from tqa.backends import cache

    if get_language_info(lang)["tokenizer"] not in ("regex", None):
        return None
    files = _data_files(lang)
    if not any(Path(f).exists() for f in files):
        return None
    data = cache.cached(f"wordfreq-{lang}", VERSION, files, lambda: _build(lang), Stored)
    return data.table


def _import_wordfreq() -> None:
    """``import wordfreq``, the expressions it compiles (langcodes' list of
    language codes, ftfy's) taken compiled from the table cache
    (tqa.backends.patterns)."""
    if "wordfreq" in sys.modules:
        return
    from tqa.backends import patterns

    with (
        patterns.kept(
            "wordfreq-import",
            patterns.package_files("wordfreq", "langcodes", "ftfy"),
            grow=True,
        ),
        _caller_folder_from_frame(),
    ):
        import wordfreq  # noqa: F401


@contextmanager
def _caller_folder_from_frame() -> Iterator[None]:
    """wordfreq finds its data folder at import with ``locate.this_dir()``,
    which calls ``inspect.stack()`` for the caller's ``__file__``: that reads
    the source lines of every frame on the call stack from their files and
    looks up the module of each among all loaded modules (0.1 s of CPU at
    the depth of tqa's check, for one path). Inside the block it gets the
    same answer from locate's own ``_this_dir`` given the caller's frame
    (all it reads of the stack); outside, locate is as it was."""
    import types

    try:
        import locate
        from locate import _locate
    except ImportError:
        yield
        return
    original, from_stack = getattr(locate, "this_dir", None), getattr(_locate, "_this_dir", None)
    if original is None or from_stack is None:
        yield
        return

    def this_dir() -> Path:
        return from_stack([None, types.SimpleNamespace(frame=sys._getframe(1))])  # type: ignore[no-any-return]

    locate.this_dir = this_dir
    try:
        yield
    finally:
        locate.this_dir = original


#: languages whose words of lower-case letters wordfreq leaves whole
PLAIN_LANGS = frozenset(("fr", "de", "en"))
#: lower-case letters that NFC, case folding and wordfreq's regex tokenizer
#: leave alone (not "ß", which folds to "ss")
_PLAIN = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+")


def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``, from the compact table."""
    found = table(lang)
    if found is None:
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, lang))
    from wordfreq import digit_freq, lossy_tokenize, smash_numbers

    # a word of lower-case letters is its own one token (wordfreq's case
    # folding, normalisation and tokenizer leave it as it is): checked on
    # 983,000 such words of wordfreq's and hunspell's fr, de and en lists
    tokens = (
        [word] if lang in PLAIN_LANGS and _PLAIN.fullmatch(word) else lossy_tokenize(word, lang)
    )
    if not tokens:
        return _zipf(MINIMUM)
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        band = found.band(smashed)
        if band is None:
            return _zipf(MINIMUM)
        freq = 10 ** (-band / 100)
        if smashed != token:
            freq *= digit_freq(token)
        one_over += 1.0 / freq
    return _zipf(max(1.0 / one_over, MINIMUM))


def _zipf(freq: float) -> float:
    leading_zeroes = math.floor(-math.log(freq, 10))
    return round(math.log(round(freq, leading_zeroes + 3), 10) + 9, 2)
