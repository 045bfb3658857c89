"""Terminology: required French renderings of German terms, from a glossary
file named in the configuration (``glossary = "terms.tsv"``).

The glossary is a CSV or TSV file with a header naming the columns
``german`` and ``french``; several renderings of one term go on several rows
or in one cell separated by ``|``. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.errors import ConfigError
from tqa.lang.terms import TermIndex
from tqa.model import Finding
from tqa.word_align import AlignedPair, tokenize


@dataclass(frozen=True)
class Term:
    """A German term and its required French renderings (matched in their
    inflected forms by tqa.lang.terms)."""

    german: str
    french: tuple[str, ...]


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")


def parse_glossary(text: str, name: str) -> tuple[Term, ...]:
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        return ()
    lines = [line for _, line in numbered]
    header = lines[0]
    if "\t" in header or name.lower().endswith(".tsv"):
        delimiter = "\t"
    elif ";" in header and "," not in header:
        delimiter = ";"  # what a spreadsheet saves as CSV in French or German settings
    else:
        delimiter = ","
    # strict: a quote left open at the end is an error, not a row dropped
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter=delimiter, strict=True)
    try:
        fields = [f.strip().lower() for f in reader.fieldnames or ()]
    except csv.Error as exc:
        raise ConfigError(f"{name}: not a readable glossary ({exc})") from None
    if "german" not in fields or "french" not in fields:
        raise ConfigError(f"{name}: a glossary needs a header with the columns german and french")
    reader.fieldnames = fields
    renderings: dict[str, list[str]] = {}
    try:
        read = reader.line_num  # lines of the joined text read so far (the header)
        for row in reader:
            first, read = read, reader.line_num
            if _swallowed(row, delimiter):
                # a quote never closed takes in every row after it, silently
                raise ConfigError(
                    f"{name}: line {numbered[first][0]}: a quoted field runs over several "
                    "lines (a quote that is never closed?)"
                )
            german = (row.get("german") or "").strip()
            french = [f.strip() for f in (row.get("french") or "").split("|") if f.strip()]
            if german and french:
                renderings.setdefault(german, []).extend(french)
    except csv.Error as exc:  # a quote left open at the end, a field over 131,072 characters
        if "unexpected end of data" in str(exc) and read < len(numbered):
            raise ConfigError(
                f"{name}: line {numbered[read][0]}: a quoted field runs over several "
                "lines (a quote that is never closed?)"
            ) from None
        raise ConfigError(f"{name}: not a readable glossary ({exc})") from None
    return tuple(
        Term(german, tuple(dict.fromkeys(french))) for german, french in sorted(renderings.items())
    )


def _swallowed(row: dict[str, Any], delimiter: str) -> bool:
    """Whether a row took in the rows after it through a quote never closed:
    its term or its translations run over several lines, or another field
    does and holds what looks like rows (a multi-line note of a spreadsheet,
    "imposé par le client" over two lines, is a field, not rows)."""
    for key, value in row.items():
        if not isinstance(value, str) or "\n" not in value:
            continue
        if key in ("german", "french"):
            return True
        if any(delimiter in line for line in value.split("\n")[1:]):
            return True
    return False


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> tuple[Term, ...]:
    from tqa.read.text import GLOSSARY_MAX_BYTES, read_limited

    # a regular file only: it is read again when it changes, and a FIFO
    # would be waited on (a device read) for ever
    data = read_limited(path, GLOSSARY_MAX_BYTES, "glossary", pipes=False)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: cannot read glossary (not valid UTF-8 at byte {exc.start})"
        ) from None
    return parse_glossary(text, path)


#: glossaries read by the machine that runs ``tqa check`` and sent to workers
#: that may not see its files (tqa.backends.dask_executor), by path
SENT: dict[str, tuple[Term, ...]] = {}


def load_glossary(path: str) -> tuple[Term, ...]:
    """The glossary at ``path``, read once per process (and again if it
    changes), or as it was sent to this worker."""
    if path in SENT:
        return SENT[path]
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        raise ConfigError(f"{path}: glossary file not found") from None
    return _load(path, mtime)


#: the widest run of French tokens pointed at as the rendering of one term
MAX_RENDERING_TOKENS = 8


@lru_cache(maxsize=8)
def term_indexes(
    terms: tuple[Term, ...],
) -> tuple[TermIndex, TermIndex, tuple[tuple[int, ...], ...]]:
    """The German terms, every French rendering, and the numbers of each
    term's renderings in the second index."""
    german = TermIndex([words_of(t.german) for t in terms], "de")
    french_words: list[tuple[str, ...]] = []
    owners: list[tuple[int, ...]] = []
    for term in terms:
        numbers = []
        for rendering in term.french:
            numbers.append(len(french_words))
            french_words.append(words_of(rendering))
        owners.append(tuple(numbers))
    return german, TermIndex(french_words, "fr"), tuple(owners)


def words_of(phrase: str) -> tuple[str, ...]:
    return tuple(token.text for token in tokenize(_norm(phrase)))


def _rendering_span(pair: AlignedPair, start: int, end: int) -> tuple[int, int] | None:
    """Character span of the French tokens linked to German tokens ``[start,
    end)``: all of them when they are close together, else those of the
    term's last word (the head of a German noun group)."""
    words = pair.words
    linked = sorted({k.target for k in words.links if start <= k.source < end})
    if linked and linked[-1] - linked[0] >= MAX_RENDERING_TOKENS:
        linked = sorted({k.target for k in words.links if k.source == end - 1})
    if not linked or linked[-1] - linked[0] >= MAX_RENDERING_TOKENS:
        return None
    return words.target[linked[0]].start, words.target[linked[-1]].end


@rule(
    "TQA-TRM-001",
    "glossary-term",
    "terminology/wrong-term",
    "major",
    examples=(
        Example(
            "Le sommet commence lundi.\n",
            source="Der Gipfel beginnt am Montag.\n",
        ),
    ),
    configured_by="glossary",
)
def glossary_term(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A German glossary term is not rendered by any of its required French terms.

    Localisation teams keep glossaries of agreed translations (product names,
    institutions, recurring terms). With ``glossary = "terms.tsv"`` in the
    configuration, every aligned pair of a German source segment and its French
    segment(s) is checked: when the German term occurs in the source and none of
    its French renderings occurs in the target, the French words aligned with
    the term are flagged (the whole segment when no word is aligned with it).
    Needs a German source (``--source``) or a mixed document with aligned German
    segments. Terms match in their inflected forms on both sides: German
    declensions and compounds' last elements (*Werkvertrag*: *Werkverträgen*),
    French plurals and feminines (*contrat de travail*: *contrats de travail*),
    from the hunspell dictionaries where installed. Paraphrases that keep the
    meaning are flagged too, so review before correcting.
    """
    if not check.config.glossary:
        return
    terms = load_glossary(check.config.glossary)
    if not terms:
        return
    german, french, owners = term_indexes(terms)
    segments = {s.id: s for s in check.segments}
    for pair in check.word_pairs:
        source_tokens = pair.words.source
        found = german.find([t.text for t in source_tokens])
        if not found:
            continue
        rendered = french.find([t.text for t in pair.words.target])
        for number, where in sorted(found.items(), key=lambda item: item[1].start):
            term = terms[number]
            if any(r in rendered for r in owners[number]):
                continue
            source_span = (source_tokens[where.start].start, source_tokens[where.end - 1].end)
            written = check.source_text[source_span[0] : source_span[1]]
            span = _rendering_span(pair, where.start, where.end)
            target = [segments[i] for i in pair.target_ids if i in segments]
            if span is None:
                # point at the French segment closest in length to the German
                first = min(target, key=lambda s: abs(len(s.text) - len(pair.source_text)))
                span, here = (first.start, first.end), ""
            else:
                first = next(s for s in target if s.start <= span[0] < s.end)
                here = f" (here “{check.text[span[0] : span[1]]}”)"
            wanted = " or ".join(f"“{f}”" for f in term.french)
            yield self.finding(
                check, span[0], span[1],
                f"glossary: “{written}” should be translated as {wanted}{here}",
                segment=first.id, confidence=0.8, suggestions=term.french,
                evidence=f"German segment {', '.join(str(i) for i in pair.source_ids)} has "
                f"“{written}” (glossary term “{term.german}”); aligned French "
                f"{', '.join(str(i) for i in pair.target_ids)} has none of its renderings",
                source_span=source_span,
            )  # fmt: skip
