"""Document → segments (headings, paragraphs, sentences or lines) with offsets.

Blocks are runs of non-blank lines; a line break inside a block starts a new
block unless the text was hard-wrapped (the line does not end a sentence and
the next one starts in lower case). A one-line block without final
punctuation and of at most ``HEADING_MAX_WORDS`` words is a heading.
Paragraphs are split into sentences at . ! ? … followed by a space and an
upper-case letter, a digit, an opening quote or a list marker (``*`` ``•``
``>``), except after abbreviations, initials and ordinals ("2. Gipfeltreffen",
"16. Juni"). A number after "," or ":" (990,5. 9:19.) or with a leading zero
(06.) is not an ordinal; a unit after a degree sign (°C.) is not an initial;
"etc." and "usw." end a sentence before a capital.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.lang import abbreviations, months
from tqa.model import Document, Segment, SegmentKind, count_words

HEADING_MAX_WORDS = 20
TERMINAL = ".!?…:;"
#: a line break: CRLF, a lone CR (classic Mac OS files) and LF are all one break
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Every pattern here runs in time linear in the text, hostile text included
# ("!" * 100000, "Fin." + 100000 spaces): a punctuation run is only tried from
# its first character and consumed possessively, and the look-ahead cannot
# backtrack through a run of spaces.
_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++(?:\s?[»”])?+[\"»”’'\)\]]*+(?=\s++(?:[\"«„“(\[\-–—*•>]\s*+)?\w)"
)
_SPACE = re.compile(r"\s*+")
#: abbreviations that end a list, and often the sentence: a capital after them starts
#: a new one ("… une bouteille, etc. Toll …"), lower case does not ("etc. et")
_FINAL_ABBREVIATIONS = frozenset({"etc", "usw", "usf"})
_WORD = re.compile(r"\w++")
#: characters of the word before a period ("z.B.", "U.S.", "Jean-Pierre")
_WORD_CHARS = frozenset("_.-’'")


def segment(document: Document, mode: str = "auto") -> tuple[Segment, ...]:
    """Split ``document`` according to ``mode`` (auto, lines, sentences, paragraphs)."""
    if mode == "lines":
        return tuple(_lines(document.text))
    segments: list[Segment] = []
    for block_id, (start, end) in enumerate(_blocks(document.text)):
        text = document.text[start:end]
        heading = _is_heading(text)
        if mode == "paragraphs" or heading:
            kind: SegmentKind = "heading" if heading else "paragraph"
            segments.append(Segment(len(segments), start, end, text, kind, block_id))
            continue
        pieces = list(split_sentences(text))
        for index, (s, e) in enumerate(pieces):
            segments.append(
                Segment(
                    len(segments),
                    start + s,
                    start + e,
                    text[s:e],
                    "sentence",
                    block_id,
                    block_end=index == len(pieces) - 1,
                )
            )
    return tuple(segments)


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, its line break excluded. CRLF, CR and LF
    all end a line, so a file gives the same segments whatever its line
    endings; offsets stay those of the text as read."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _lines(text: str) -> Iterator[Segment]:
    for number, (start, end) in enumerate(_line_spans(text)):
        yield Segment(number, start, end, text[start:end], "line", number)


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each block, whitespace trimmed."""
    current: tuple[int, int] | None = None
    previous_line = ""
    for offset, end in _line_spans(text):
        line = text[offset:end]
        stripped = line.strip()
        line_start = offset + (len(line) - len(line.lstrip()))
        line_end = offset + len(line.rstrip())
        if not stripped:
            if current:
                yield current
            current = None
            previous_line = ""
            continue
        if current and _is_wrapped(previous_line, stripped):
            current = (current[0], line_end)
        else:
            if current:
                yield current
            current = (line_start, line_end)
        previous_line = stripped
    if current:
        yield current


def _is_wrapped(previous: str, line: str) -> bool:
    """A hard-wrapped continuation: the previous line does not end a sentence
    and this one starts in lower case (or with a closing bracket/quote)."""
    if not previous or previous[-1] in TERMINAL + "»”\"')":
        return False
    first = line[0]
    return first.islower() or first in ")»”,;"


def _is_heading(block: str) -> bool:
    if "\n" in block or "\r" in block:
        return False
    stripped = block.rstrip()
    if not stripped or stripped[-1] in TERMINAL:
        return False
    # one sentence only: "Première phrase. Deuxième phrase" is a paragraph
    return count_words(stripped) <= HEADING_MAX_WORDS and len(list(split_sentences(stripped))) == 1


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of one paragraph."""
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end <= start or not _is_sentence_end(text, match):
            continue
        yield start, end
        start = _skip_space(text, end)
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            yield start, end


def _skip_space(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    return match.end() if match else index


def _word_before(text: str, end: int) -> str:
    """The word (letters, digits, periods, hyphens, apostrophes) that ends at
    ``end``, read backwards: only that word is scanned, never the text before
    it, so checking every period of a paragraph stays linear."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _WORD_CHARS):
        start -= 1
    return text[start:end]


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    punct = match.group(0)
    if not punct.startswith(".") or punct.startswith(".."):
        return True
    before = _word_before(text, match.start())
    if not before:
        return True
    token = before.lstrip("-").lower()
    if token.rstrip(".") in _FINAL_ABBREVIATIONS:
        return _capital_follows(text, match.end())
    if token in abbreviations.ALL or token.rstrip(".") in abbreviations.ALL:
        return False
    if len(token) == 1 and token.isalpha():
        # an initial ("G. O. Dyhrenfurth"), unless it is a unit after a degree
        # sign ("30 °C. Bitte …") followed by a capital
        return _after(text, match.start() - len(before), "°") and _capital_follows(
            text, match.end()
        )
    if "." in token and all(len(part) <= 2 for part in token.split(".") if part):
        return False  # "z.B.", "u.a.", "U.S."
    if token.isdigit() and len(token) <= 2:
        # the end of a decimal, a score or a time ("990,5.", "9:19.", "39:59.") is
        # not an ordinal, nor is a number with a leading zero ("E 95 01 à 06.")
        # unless a month follows ("01. Januar")
        start = match.start() - len(before)
        if start >= 2 and text[start - 1] in ",:" and text[start - 2].isdigit():
            return True
        if token[0] == "0" and len(token) == 2:
            return not _month_follows(text, match.end())
        return not _ordinal_follows(text, match.end())
    return True


def _month_follows(text: str, index: int) -> bool:
    word = _WORD.match(text, _skip_space(text, index))
    return word is not None and word.group(0).lower() in months.ALL_LOWER


def _after(text: str, index: int, chars: str) -> bool:
    """True when the character before ``index`` is one of ``chars``."""
    return index > 0 and text[index - 1] in chars


def _capital_follows(text: str, index: int) -> bool:
    word = _WORD.match(text, _skip_space(text, index))
    return word is not None and word.group(0)[0].isupper()


def _ordinal_follows(text: str, index: int) -> bool:
    """After "16." a month name or any word is read as an ordinal ("16. Juni",
    "2. Gipfeltreffen"); a sentence rarely ends on a bare one- or two-digit number."""
    word = _WORD.match(text, _skip_space(text, index))
    if not word:
        return False
    return word.group(0).lower() in months.ALL_LOWER or word.group(0)[0].isalpha()
