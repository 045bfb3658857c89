"""Input: expand paths (files, directories, globs, "-"), pair French files
with their German sources, and read documents. One module per concern:

- ``paths``: files, directories, globs → inputs (nothing opened);
- ``pairs``: French inputs paired with German sources (folder pairs,
  ``NAME.de.EXT`` beside ``NAME.fr.EXT``), and what is left unpaired;
- ``text``: bytes within the size limit, decoded strictly (UTF-8, UTF-16 with BOM).
"""

from __future__ import annotations

from tqa.read.paths import TEXT_SUFFIXES, Input, expand_paths
from tqa.read.text import SNIFF_BYTES, decode, read_bytes, read_document

__all__ = [
    "SNIFF_BYTES",
    "TEXT_SUFFIXES",
    "Input",
    "decode",
    "expand_paths",
    "read_bytes",
    "read_document",
]
