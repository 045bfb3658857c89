"""Plain-text helpers for the renderers: ``visible`` and ``plural``.

Characters from a document must not reach a terminal (or a CI log, which
renders ANSI sequences) as they are.

A document, or a report from elsewhere, may hold escape sequences: an OSC
sequence that sets the terminal's title or writes to its clipboard, colour
codes, a C1 CSI (U+009B), bidirectional overrides that make a line read
otherwise than it is (Trojan Source). Text renderers show them visibly
instead, as ``cat -v``, ``less`` and git do: C0 controls and DEL in caret
notation (ESC → ``^[``, BEL → ``^G``, CR → ``^M``, DEL → ``^?``), C1
controls and invisible direction marks as ``<U+202E>``. Tab and line feed
are left to the caller; ``visible_line`` shows a line feed as ``^J`` too,
for text that must stay on one line of the report (a path, a unit id, a
message): a line break there could start a line that a CI log reads as a
command of its own (``::error …``).
"""

from __future__ import annotations

import re

#: C0 controls but tab and line feed, DEL, C1 controls, bidi marks,
#: embeddings, overrides and isolates, line and paragraph separators
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every UNSAFE character shown as printable text."""
    return UNSAFE.sub(_show, text)


def visible_line(text: str) -> str:
    """``visible(text)`` on one line: a line feed is shown as ``^J``."""
    return visible(text).replace("\n", "^J")


def plural(count: int, noun: str) -> str:
    """``1 finding``, ``2 findings``, ``0 findings``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
