"""Inline suppressions: ``<!-- tqa: ignore[TQA-MIX-002] -->`` in the document.

Scope (what an editor expects from a comment placed above a paragraph):

- a comment alone on its line(s) covers the *following paragraph*: from the
  comment to the next blank line after some text (Markdown/HTML paragraph);
- a comment after text on the same line covers *that line* only;
- codes are comma-separated and match by prefix, as ``--ignore`` does
  (``ignore[TQA-TYP]`` covers every typography rule); rule names work too;
  ``<!-- tqa: ignore -->`` without brackets covers every rule, and
  ``ignore[]`` with none named covers none (it gets a note, as an unknown
  code does);
- findings inside the comment itself are always dropped.

Suppressed findings are removed from the report and do not count for the
score; the document gets a note saying how many were suppressed. Codes are
looked up as ``--ignore`` looks them up (any case, ``TQA-`` optional); a code
that matches no rule suppresses nothing and gets a note of kind
``unknown-code``, which ``tqa check`` also prints as a warning, so that a
typo does not pass for a fix.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from tqa.model import Finding, Note
from tqa.render.locate import LineIndex
from tqa.spans import Spans

log = logging.getLogger(__name__)

#: unknown codes reported one by one in a document; the rest are counted
MAX_NOTES = 20

COMMENT = re.compile(r"<!--\s*tqa:\s*ignore(?:\[(?P<codes>[^\]]*)\])?\s*-->", re.IGNORECASE)
#: a blank line: lines end at LF, CRLF or a lone CR, as the reports count them
_BLANK_LINE = re.compile(r"(?:\r\n?+|\n)[ \t]*+(?=\r|\n)")


#: the code of ``ignore[]``: no finding's code starts with it
NO_RULE = "\x00"


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    codes: tuple[str, ...]  # empty: every rule
    comment: tuple[int, int]


def regions(text: str) -> list[Region]:
    found: list[Region] = []
    comments = list(COMMENT.finditer(text))
    if not comments:
        return found
    # lines and blank lines are found once, so that many comments stay linear
    lines = LineIndex(text)
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    previous_start = -1
    for match in comments:
        codes = tuple(_prefix(code) or code.upper() for code in _codes(match))
        line_start, line_end = lines.line_span(match.start())
        # text before the comment on its line (an earlier comment there counts as text)
        after_text = line_start == previous_start or bool(text[line_start : match.start()].strip())
        previous_start = line_start
        if after_text:
            start, end = line_start, line_end  # trailing comment: this line
        else:
            start = match.start()
            rest = match.end()
            # skip blank lines between the comment and its paragraph
            while rest < len(text) and text[rest] in " \t\r\n":
                rest += 1
            index = bisect.bisect_left(blanks, rest)
            end = blanks[index] if index < len(blanks) else len(text)
        if match.group("codes") is not None and not codes:
            codes = (NO_RULE,)  # "ignore[]" names no rule: only the comment itself is covered
        found.append(Region(start, end, codes, (match.start(), match.end())))
    return found


class _Index:
    """Regions by code, each code's spans merged, so that a finding is looked
    up in time logarithmic in the number of comments."""

    def __init__(self, found: list[Region]) -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for region in found:
            for code in region.codes or ("",):  # "": every rule
                spans.setdefault(code, []).append((region.start, region.end))
        self._spans = {code: Spans(pairs) for code, pairs in spans.items()}
        self._comments = Spans(region.comment for region in found)

    def covers(self, finding: Finding) -> bool:
        if self._comments.covers(finding.start, finding.end):
            return True
        keys = {""} | {finding.code[:n] for n in range(1, len(finding.code) + 1)}
        keys.add(finding.name.upper())
        return any(key in self._spans and self._spans[key].covers(finding.start) for key in keys)


def _codes(match: re.Match[str]) -> list[str]:
    raw = match.group("codes") or ""
    return [code.strip() for code in raw.split(",") if code.strip()]


@functools.lru_cache(maxsize=256)
def _prefix(code: str) -> str | None:
    from tqa.checks import selector_prefix

    return selector_prefix(code)


def unknown_codes(text: str, path: str, shown: Callable[[int], bool] | None = None) -> list[Note]:
    """A note (kind ``unknown-code``) for each code in a ``tqa: ignore[...]``
    comment of ``text`` that matches no rule (the first MAX_NOTES, then a
    count); ``tqa check`` also prints them as warnings. ``shown(offset)``:
    whether the comment there is an example shown (in a code block), not one."""
    from tqa.checks import unknown_rule_hint

    notes: list[Note] = []
    lines: LineIndex | None = None
    more = 0  # past MAX_NOTES, codes are only counted (no hint to compute)
    for match in COMMENT.finditer(text):
        if shown is not None and shown(match.start()):
            continue
        named = _codes(match)
        if match.group("codes") is not None and not named:
            named = [""]  # "ignore[]": reported as naming no rule
        for code in named:
            if code and _prefix(code) is not None:
                continue
            if len(notes) >= MAX_NOTES:
                more += 1
                continue
            if lines is None:
                lines = LineIndex(text)
            line = lines.line_col(match.start())[0]
            message = (
                f"line {line}: unknown rule code {reprlib.repr(code)} in a tqa: ignore comment "
                f"(it suppresses nothing){unknown_rule_hint(code)}"
                if code
                else f"line {line}: tqa: ignore[] names no rule code (it suppresses nothing; "
                "tqa: ignore without brackets suppresses every rule)"
            )
            log.debug("%s: %s", path, message)
            notes.append(Note("unknown-code", message))
    if more:
        more_codes = f"… and {more} more unknown rule codes in tqa: ignore comments"
        notes.append(Note("unknown-code", more_codes))
    return notes


def apply(text: str, findings: Iterable[Finding]) -> tuple[tuple[Finding, ...], int]:
    """Findings that no comment suppresses, and how many were suppressed."""
    findings = tuple(findings)
    found = regions(text)
    if not found:
        return findings, 0
    index = _Index(found)
    kept = tuple(f for f in findings if not index.covers(f))
    return kept, len(findings) - len(kept)


def apply_regions(
    found: list[Region], findings: Iterable[Finding], placed: Callable[[Finding], tuple[int, int]]
) -> tuple[tuple[Finding, ...], int]:
    """``apply`` for a markup file (Markdown, HTML), whose findings are on the
    prose taken out of it while its comments stay in the file: ``found``
    are the regions of the file's comments (``regions`` of the file, as the
    reader bounds them), and each finding is placed in the file by
    ``placed`` (its start and end there)."""
    findings = tuple(findings)
    if not found:
        return findings, 0
    index = _Index(found)
    kept = []
    for finding in findings:
        start, end = placed(finding)
        if not index.covers(replace(finding, start=start, end=end)):
            kept.append(finding)
    return tuple(kept), len(findings) - len(kept)


def suppressed_note(count: int) -> Note:
    """The note of a document in which ``count`` findings were suppressed."""
    findings = "1 finding" if count == 1 else f"{count} findings"
    return Note("suppressed", f"{findings} suppressed by tqa: ignore comments")
