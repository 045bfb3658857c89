"""Accuracy checks against the source, on the word alignment of each bead.

With ``--source`` (or inside a mixed document, against a German segment's
French twin) each bead of the sentence alignment is word-aligned
(:mod:`tqa.word_align`); the TQA-ACC checks read what the French kept,
dropped or reversed of the German. This module holds the repeated phrase and
the scale word; names and placeholders are in :mod:`accuracy_names`,
negations, time limits and meaning words in :mod:`accuracy_meaning`, idioms
in :mod:`accuracy_phrases`. The German words concerned are each finding's
source span and its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.beads import (
    segment_of,
    target_offset,
    word_pairs,
)
from tqa.model import Finding


@rule(
    "TQA-ACC-005",
    "repeated-phrase",
    "accuracy/addition",
    "major",
    examples=(
        Example(
            "John Donahue, président de la société, a déclaré John Donahue.\n",
            flagged=("John Donahue",),
            source="John Donahue, der Präsident der Firma, sagte.\n",
        ),
        Example(
            "Pas à pas, la ville avance.\n",
            source="Schritt für Schritt kommt die Stadt voran.\n",
        ),
    ),
)
def repeated_phrase(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A phrase that the translation says twice where the source says it once.

    Neural machine translation sometimes repeats a name or a phrase (*John
    Donahue … John Donahue*). Reported for a run of two to four words, with
    two content words or a name, whose second occurrence the word alignment
    links to no German word of its own: the German says it once (not when
    the German words of the first occurrence stand twice in the German
    sentence: *Grenzschutz, Grenzschutz*). Major when the phrase holds a
    name or a capitalised term (*John Donahue*, *Deutsche
    Reichsbahn-Gesellschaft*); minor otherwise, since it misfires where the
    aligner misses the German words of a genuine second mention (*wie … und
    wie* → *à la façon dont … et à la façon dont*): on the MT outside the
    test split, 11 findings, of which 6 right (both of those with a capital).
    """
    from tqa.word_align import is_function_word

    for pair in word_pairs(check):
        tokens = pair.words.target
        low = [t.lower for t in tokens]
        german = [t.text.lower() for t in pair.words.source]
        linked: dict[int, set[int]] = {}
        for link in pair.words.links:
            linked.setdefault(link.target, set()).add(link.source)
        reported: set[int] = set()
        for size in (4, 3, 2):
            seen: dict[tuple[str, ...], int] = {}
            for i in range(len(tokens) - size + 1):
                gram = tuple(low[i : i + size])
                content = [w for w in gram if len(w) >= 4 and not is_function_word(w, "fr")]
                first = seen.setdefault(gram, i)
                if first == i or first + size > i or reported & set(range(i, i + size)):
                    continue
                if len(content) < 2:
                    continue
                second = set().union(*(linked.get(k, set()) for k in range(i, i + size)))
                earlier = set().union(*(linked.get(k, set()) for k in range(first, first + size)))
                if second - earlier:
                    continue  # the German has its own words for the second mention
                said = [pair.words.source[k].text.lower() for k in earlier]
                if any(german.count(w) > 1 for w in said):
                    continue  # the German says it twice too (Grenzschutz, Grenzschutz)
                reported.update(range(i, i + size))
                start, end = tokens[i].start, tokens[i + size - 1].end
                # a capital inside the sentence: a name or a term, repeated by the MT
                named = any(tokens[k].text[:1].isupper() and k > 0 for k in range(i, i + size))
                yield self.finding(
                    check,
                    start,
                    end,
                    f"“{check.text[start:end]}” is repeated",
                    segment=segment_of(check, start),
                    severity="major" if named else "minor",
                    confidence=0.7 if named else 0.5,
                    evidence="said twice in the French sentence; the second time aligned with no German word",
                )


#: German scale words and their value, French ones and theirs (German Billion = 10^12)
_GERMAN_SCALE = re.compile(
    r"(?<!\w)(?:(?P<b>billion\w*)|(?P<m>milliard\w*|mrd)|(?P<mi>million\w*|mio))", re.I
)
_FRENCH_SCALE = re.compile(
    r"(?<!\w)(?:(?P<b>billions?|mille milliards?)|(?P<m>milliards?)|(?P<mi>millions?))(?!\w)",
    re.I,
)
_SCALE_VALUE = {"b": 1e12, "m": 1e9, "mi": 1e6}
_SCALE_NAME = {1e12: "billion (10¹²)", 1e9: "milliard (10⁹)", 1e6: "million (10⁶)"}


@rule(
    "TQA-ACC-006",
    "scale-word-changed",
    "accuracy/mistranslation",
    "major",
    examples=(
        Example(
            "Un programme de plusieurs milliards.\n",
            flagged=("milliards",),
            source="Ein billionenschweres Programm.\n",
        ),
        Example(
            "Un programme de mille milliards.\n",
            source="Ein Programm von einer Billion.\n",
        ),
    ),
)
def scale_word_changed(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A scale word whose value changed: Billion (10¹²) as milliard (10⁹), Milliarde as million.

    German *Billion* is a French *billion* (mille milliards), not a
    *milliard*; *billionenschwer* is worth trillions. Compared by value
    between the scale words of a bead, with or without a number before them
    (TQA-ALN-003 compares the numbers). It misfires when a translation
    converts the amount into another scale and says so with digits.
    """
    for pair in word_pairs(check):
        german = {
            _SCALE_VALUE[m.lastgroup or "m"] for m in _GERMAN_SCALE.finditer(pair.source_text)
        }
        if not german:
            continue
        for match in _FRENCH_SCALE.finditer(pair.target_text):
            if re.search(
                r"\d[\s\u00a0\u202f]?$", pair.target_text[max(0, match.start() - 2) : match.start()]
            ):
                continue  # "1,5 milliard": TQA-ALN-003 compares the scaled numbers
            value = _SCALE_VALUE[match.lastgroup or "m"]
            if value in german:
                continue
            start, end = target_offset(check, pair, match.start(), match.end())
            if start is None or end is None:
                continue
            expected = max(german) if len(german) == 1 else None
            if expected is None:
                continue
            yield self.finding(
                check,
                start,
                end,
                f"“{match.group()}” is a {_SCALE_NAME[value]}, the source says {_SCALE_NAME[expected]}",
                segment=segment_of(check, start),
                confidence=0.8,
                suggestions=(_SCALE_NAME[expected].split(" (")[0],),
                evidence="scale words of the bead compared by value",
            )
