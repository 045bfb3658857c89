"""Grammalecte as a second opinion on French grammar (TQA-GRM-010).

Grammalecte's grammar is used in families (its options): noun-group
agreement ("gn"), confusions ("conf"), set phrases ("loc"), conjugation,
participles, infinitives, imperatives, interrogatives and moods. Each family
is selectable (configuration key ``grammalecte-families``); those on by
default, and each family's measured figures, are listed in
``corpora/lexicon/grammalecte-families.tsv`` (see tqa.checks.grammar_families).
Typography, spacing and style are switched off in the backend because other
tqa rules cover them. Spelling is never reported: in machine-translated text
an unknown word is usually a German word left in place, which the mixing
checks report. A Grammalecte error that touches a word outside the French
lexicon or a span identified as another language is dropped, and so is one
that overlaps a finding of tqa's own agreement rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from tqa.backends import resources, words
from tqa.checks.base import REGISTRY, CheckInput, Example, Rule, rule
from tqa.checks.grammar_families import default_families
from tqa.model import Finding

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
#: Grammalecte rules (names inside its rule ids) left out of its families, with why:
#: on professional French (WMT22 references, dev documents) they fired on
#: salutations and labels ("Bonjour chers collègues": gn_start), on an adjective
#: after a bare noun that agrees with the noun before ("visseuses sans fil
#: industrielles", "panneaux en néoprène collés": gn_pfx) and on measures
#: ("l'ouverture de 35 mm située": gn_nombre_chiffres)
LEFT_OUT_RULES = ("gn_start_", "gn_pfx_", "gn_nombre_chiffres")
_DETERMINERS = frozenset("le la les l' l’ un une des du au aux ce cet cette ces".split())
_SOMETHING_OF = frozenset(("chose de", "rien de", "personne de", "quoi de", "chose d'", "chose d’"))
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_FUNCTION_WORDS = frozenset("de des du le la les en au aux un une et ou".split())
_RULE_NAME = re.compile(r"__(\w+?)__")
#: what may stand before the first word of a sentence: spaces, quotes, dashes, brackets
_OPENERS = " \t\n\u00a0\u202f«»\"“”„'‘’([–—-"


def _own_spans(check: CheckInput) -> list[tuple[int, int]]:
    """Spans reported by tqa's own agreement rules (when their resources exist)."""
    if any(resources.by_name(n).location() is None for n in ("spacy-fr", "hunspell-fr")):
        return []
    spans: list[tuple[int, int]] = []
    for code in OWN_RULES:
        declared = REGISTRY.get(code)
        if declared is not None and declared.enabled(check.config):
            spans.extend((f.start, f.end) for f in declared.function(check))
    return spans


def _all_french(text: str) -> bool:
    if not words.has_dictionary("fr"):
        return True
    return all(words.known(w, "fr") or words.known(w.lower(), "fr") for w in _WORD.findall(text))


def _left_out(error: Any, text: str) -> bool:
    """A Grammalecte error of a rule left out, a determiner before a name or
    a code ("la E 95", "la St 2179": Grammalecte reads the letter as a noun),
    or "A" for "À" at the start of a sentence (a capital without its accent:
    typography, not grammar)."""
    name = _RULE_NAME.search(error.rule)
    flagged = text[error.start : error.end]
    before = text[max(0, error.start - 30) : error.start].split()
    if name and name.group(1).startswith(LEFT_OUT_RULES):
        # a noun right after its number stays: "0 points" (zero takes the singular)
        number = before[-1].lstrip("([") if before else ""
        return not (name.group(1).startswith("gn_nombre") and number.isdigit())
    if flagged == "A" and "À" in error.suggestions:
        return True
    letters = _LETTERS.findall(" ".join(before[-2:]))
    if letters and letters[-1].isupper() and letters[-1].lower() in _FUNCTION_WORDS:
        return True  # an acronym read as a word: "Sky DE n'avait" (de + infinitive)
    if error.kind == "infi" and " ".join(before[-2:]).lower() in _SOMETHING_OF:
        return True  # "quelque chose de cassé", "rien de prévu"
    if (
        name
        and "sans_sujet" in name.group(1)
        and before
        and before[-1].lower() in ("et", "ou", "mais")
    ):
        return True  # a subject shared with the verb before: "je retire… et commanderai"
    if error.kind == "gn" and flagged.lower() in _DETERMINERS:
        after = text[error.end : error.end + 3].lstrip()
        return after[:1].isupper() or after[:1].isdigit()
    return False


def _sentence_start(text: str, index: int) -> bool:
    """Whether ``index`` begins a sentence: only openers since a sentence end."""
    before = text[max(0, index - 40) : index].rstrip(_OPENERS)
    if not before:
        return index <= 40
    return before[-1] in ".!?…:;"


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
        Example("Le ministre va a Astana avec ses conseillers.\n", flagged=("a",)),
        Example("Bonjour chers collègues,\n\nÀ l’exception de la E 95 02, tout est prêt.\n"),
    ),
    requires=("grammalecte",),
)
def grammalecte(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A grammar error found by Grammalecte and not already reported by tqa's own rules.

    Grammalecte's hand-written French rules, in families: noun-group
    agreement (gn), confusions (conf) and set phrases (loc), conjugation,
    participles, infinitives, imperatives, interrogatives, moods (configuration
    key grammalecte-families; the default families and each family's measured
    precision are in corpora/lexicon/grammalecte-families.tsv). They are less
    careful with machine-translated and professional text: errors on words
    the French lexicon does not know, on a capitalised word inside a sentence
    (a name), inside a German span, on a determiner before a name or a code
    ("la E 95"), "A" for "À", an acronym read as a word ("Sky DE"), and a few
    rules that misfire on salutations, bare nouns after a preposition and
    measures are dropped, as are spelling errors.
    """
    from tqa.backends import grammalecte as backend

    families = check.config.grammalecte_families
    if families is None:
        families = tuple(default_families())
    own: list[tuple[int, int]] | None = None
    for segment in check.target_segments:
        errors = [e for e in backend.check(segment.text) if e.kind in families]
        if not errors:
            continue
        if own is None:
            own = _own_spans(check)
        for error in errors:
            if _left_out(error, segment.text):
                continue
            start, end = segment.start + error.start, segment.start + error.end
            if any(s < end and start < e for s, e in own):
                continue
            if any(span.start < end and start < span.end for span in segment.spans):
                continue
            flagged = segment.text[error.start : error.end]
            if not _all_french(flagged) or (
                flagged[:1].isupper() and not _sentence_start(segment.text, error.start)
            ):
                continue  # names, words the lexicon does not know
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
