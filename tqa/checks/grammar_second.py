"""Grammalecte as a second opinion on French grammar (TQA-GRM-010).

Only its verb families are kept (conjugation, participles, infinitives,
imperatives, interrogatives, moods): its noun-phrase agreement family ("gn")
fired on names, headings and salutations in professional French ("Bonjour
chers collègues", "la E 95") and tqa's own rules cover that ground; typography, spacing and
style are switched off in the backend because other tqa rules cover them.
Spelling is never reported: in machine-translated text an unknown word is
usually a German word left in place, which the mixing checks report. A
Grammalecte error that touches a word outside the French lexicon or a span
identified as another language is dropped, and so is one that overlaps a
finding of tqa's own agreement rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqa.backends import resources, words
from tqa.checks.base import REGISTRY, CheckInput, Example, Rule, rule
from tqa.model import Finding

#: Grammalecte error types (``sType``) kept, all mapped to MQM fluency/grammar
KEPT_TYPES = frozenset(("ppas", "conj", "infi", "imp", "inte", "vmode"))
OWN_RULES = (
    "TQA-GRM-001",
    "TQA-GRM-002",
    "TQA-GRM-003",
    "TQA-GRM-004",
    "TQA-GRM-005",
    "TQA-GRM-006",
)
#: about 4 in 10 of its findings on professional French were right (scripts/eval_form.py)
CONFIDENCE = 0.45
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _own_spans(check: CheckInput) -> list[tuple[int, int]]:
    """Spans reported by tqa's own agreement rules (when their resources exist)."""
    if any(resources.by_name(n).location() is None for n in ("spacy-fr", "hunspell-fr")):
        return []
    spans: list[tuple[int, int]] = []
    for code in OWN_RULES:
        declared = REGISTRY.get(code)
        if declared is not None and check.config.rule_enabled(code):
            spans.extend((f.start, f.end) for f in declared.function(check))
    return spans


def _all_french(text: str) -> bool:
    if not words.has_dictionary("fr"):
        return True
    return all(words.known(w, "fr") or words.known(w.lower(), "fr") for w in _WORD.findall(text))


@rule(
    "TQA-GRM-010",
    "grammalecte",
    "fluency/grammar",
    "minor",
    examples=(
        Example(
            "Le ministre a décidé de renforcé la coopération entre les deux pays.\n",
            flagged=("renforcé",),
        ),
        Example("Le ministre a décidé de renforcer la coopération entre les deux pays.\n"),
    ),
    requires=("grammalecte",),
)
def grammalecte(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A grammar error found by Grammalecte and not already reported by tqa's own rules.

    Grammalecte's hand-written French rules catch errors outside tqa's
    agreement rules (conjugation after a pronoun, infinitive after a
    preposition, mood after a conjunction). They are less careful with
    machine-translated text: errors on words the French lexicon does not
    know, or inside a German span, are dropped, as are spelling errors.
    """
    from tqa.backends import grammalecte as backend

    own: list[tuple[int, int]] | None = None
    for segment in check.target_segments:
        errors = [e for e in backend.check(segment.text) if e.kind in KEPT_TYPES]
        if not errors:
            continue
        if own is None:
            own = _own_spans(check)
        for error in errors:
            start, end = segment.start + error.start, segment.start + error.end
            if any(s < end and start < e for s, e in own):
                continue
            if any(span.start < end and start < span.end for span in segment.spans):
                continue
            flagged = segment.text[error.start : error.end]
            if flagged[:1].isupper() or not _all_french(flagged):
                continue  # headings, names, imperatives at the start of a label
            yield self.finding(
                check,
                start,
                end,
                f"Grammalecte: {error.message}",
                segment=segment.id,
                confidence=CONFIDENCE,
                suggestions=error.suggestions[:3],
                evidence=f"Grammalecte rule {error.rule} ({error.kind})",
            )
