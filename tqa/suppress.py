"""Inline suppressions: ``<!-- tqa: ignore[TQA-MIX-002] -->`` in the document.

Scope (what an editor expects from a comment placed above a paragraph):

- a comment alone on its line(s) covers the *following paragraph*: from the
  comment to the next blank line after some text (Markdown/HTML paragraph);
- a comment after text on the same line covers *that line* only;
- codes are comma-separated and match by prefix, as ``--ignore`` does
  (``ignore[TQA-TYP]`` covers every typography rule); rule names work too;
  ``<!-- tqa: ignore -->`` without brackets covers every rule;
- findings inside the comment itself are always dropped.

Suppressed findings are removed from the report and do not count for the
score; the document gets a note saying how many were suppressed. Codes are
looked up as ``--ignore`` looks them up (any case, ``TQA-`` optional); a code
that matches no rule suppresses nothing and gets a note of kind
``unknown-code``, which ``tqa check`` also prints as a warning, so that a
typo does not pass for a fix.
"""

from __future__ import annotations

import logging
import re
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass

from tqa.model import Finding, Note

log = logging.getLogger(__name__)

#: unknown codes reported one by one in a document; the rest are counted
MAX_NOTES = 20

COMMENT = re.compile(r"<!--\s*tqa:\s*ignore(?:\[(?P<codes>[^\]]*)\])?\s*-->", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    codes: tuple[str, ...]  # empty: every rule
    comment: tuple[int, int]

    def covers(self, finding: Finding) -> bool:
        if self.comment[0] <= finding.start and finding.end <= self.comment[1]:
            return True
        if not self.start <= finding.start < self.end:
            return False
        if not self.codes:
            return True
        return any(finding.code.startswith(c) or finding.name == c.lower() for c in self.codes)


def regions(text: str) -> list[Region]:
    found: list[Region] = []
    for match in COMMENT.finditer(text):
        codes = tuple(_prefix(code) or code.upper() for code in _codes(match))
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end == -1 else line_end
        if text[line_start : match.start()].strip():
            start, end = line_start, line_end  # trailing comment: this line
        else:
            start = match.start()
            rest = match.end()
            # skip blank lines between the comment and its paragraph
            while rest < len(text) and text[rest] in " \t\r\n":
                rest += 1
            blank = _BLANK_LINE.search(text, rest)
            end = blank.start() if blank else len(text)
        found.append(Region(start, end, codes, (match.start(), match.end())))
    return found


def _codes(match: re.Match[str]) -> list[str]:
    raw = match.group("codes") or ""
    return [code.strip() for code in raw.split(",") if code.strip()]


def _prefix(code: str) -> str | None:
    from tqa.checks import selector_prefix

    return selector_prefix(code)


def unknown_codes(text: str, path: str) -> list[Note]:
    """A note (kind ``unknown-code``) for each code in a ``tqa: ignore[...]``
    comment of ``text`` that matches no rule (the first MAX_NOTES, then a
    count); ``tqa check`` also prints them as warnings."""
    from tqa.checks import unknown_rule_hint

    notes: list[Note] = []
    line, counted = 1, 0  # lines counted once, comment after comment
    for match in COMMENT.finditer(text):
        for code in _codes(match):
            if _prefix(code) is not None:
                continue
            line += text.count("\n", counted, match.start())
            counted = match.start()
            message = (
                f"line {line}: unknown rule code {reprlib.repr(code)} in a tqa: ignore comment "
                f"(it suppresses nothing){unknown_rule_hint(code)}"
            )
            log.debug("%s: %s", path, message)
            notes.append(Note("unknown-code", message))
    if len(notes) > MAX_NOTES:
        more = f"… and {len(notes) - MAX_NOTES} more unknown rule codes in tqa: ignore comments"
        notes[MAX_NOTES:] = [Note("unknown-code", more)]
    return notes


def apply(text: str, findings: Iterable[Finding]) -> tuple[tuple[Finding, ...], int]:
    """Findings that no comment suppresses, and how many were suppressed."""
    findings = tuple(findings)
    found = regions(text)
    if not found:
        return findings, 0
    kept = tuple(f for f in findings if not any(r.covers(f) for r in found))
    return kept, len(findings) - len(kept)
