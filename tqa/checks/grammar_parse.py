"""Shared machinery of the French grammar checks: one spaCy pass per document
(cached, so every GRM rule reuses it) and agreement features read from the
Dicollecte lexicon rather than from the tagger.

Precision comes first: whenever the parse is ambiguous, a word is unknown to
the lexicon, or a form is epicene or invariable, the helpers answer ``None``
and the checks stay silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tqa.backends import morph
from tqa.checks.base import CheckInput
from tqa.model import Segment

SUBJECT_DEPS = ("nsubj", "nsubj:pass")
AUX_DEPS = ("aux", "aux:tense", "aux:pass", "cop")
#: third-person subject pronouns whose gender and number are certain
PRONOUNS = {"il": ("mas", "sg"), "elle": ("fem", "sg"), "ils": ("mas", "pl"), "elles": ("fem", "pl")}
#: collective and quantity nouns: "la plupart des pays ont", "la moitié sont venues"
COLLECTIVES = frozenset(
    "majorité minorité plupart moitié ensemble nombre série foule partie tiers quart groupe total "
    "reste dizaine douzaine quinzaine vingtaine trentaine quarantaine cinquantaine centaine millier "
    "million milliard masse multitude poignée infinité totalité majeure couple paire type genre "
    "sorte espèce variété gamme ensemble pourcentage proportion part".split()
)
#: link verbs whose adjective complement agrees with the subject
LINK_VERBS = frozenset(("devenir", "sembler", "paraître", "rester", "demeurer", "redevenir"))


@dataclass(frozen=True)
class Control:
    """Gender/number an agreeing word must take, and why."""

    gender: str | None
    number: str | None
    evidence: str
    coordinated: bool = False


@lru_cache(maxsize=4)
def _parse(texts: tuple[str, ...]) -> tuple[Any, ...]:
    from tqa.backends import spacy_fr

    nlp = spacy_fr.load()
    return tuple(nlp.pipe(texts, batch_size=64))


def parsed(check: CheckInput) -> list[tuple[Segment, Any]]:
    """(segment, spaCy Doc) for every target-language segment, parsed once per document."""
    segments = check.target_segments
    return list(zip(segments, _parse(tuple(s.text for s in segments)), strict=True))


def is_elided(token: Any) -> bool:
    return token.text.endswith(("'", "’"))


def noun_control(token: Any, *, with_det: bool = True) -> Control | None:
    """Gender/number of a common noun from the lexicon; an epicene or
    invariable noun takes what its (unambiguous) determiner says."""
    if token.pos_ != "NOUN" or token.text.isupper():
        return None
    found = morph.features(token.text, "noun")
    if found is None:
        return None
    gender, number = found.gender, found.number
    source = "lexicon"
    if with_det and (gender is None or number is None):
        for child in token.children:
            if child.dep_ == "det" and child.i < token.i and not is_elided(child):
                det = morph.features(child.text.lower(), "det")
                if det is not None:
                    gender = gender or det.gender
                    number = number or det.number
                    source = f"lexicon + “{child.text}”"
    if token.lemma_.lower() in COLLECTIVES or token.text.lower() in COLLECTIVES:
        gender, number = None, None
    if gender is None and number is None:
        return None
    return Control(gender, number, f"{token.text}: {gender or '?'} {number or '?'} ({source})")


def _subject_control(token: Any, predicate: Any) -> Control | None:
    lower = token.text.lower()
    if token.pos_ == "PRON":
        if lower in PRONOUNS:
            gender, number = PRONOUNS[lower]
            return Control(gender, number, f"{token.text}: {gender} {number} (pronoun)")
        if lower == "qui" and predicate.dep_ == "acl:relcl":
            antecedent = predicate.head
            if antecedent.i == token.i - 1 and antecedent.dep_ != "nmod":
                found = noun_control(antecedent)
                if found is not None:
                    return Control(found.gender, found.number, f"qui → {found.evidence}")
        return None
    if token.pos_ == "NOUN":
        return noun_control(token)
    return None


def subject_control(predicate: Any) -> tuple[Control, list[Any]] | None:
    """What ``predicate``'s subject imposes on it, with the subject tokens.

    Subjects coordinated with "et" are plural, and masculine as soon as one
    of them is; "ou"/"ni" coordination, inverted subjects and subjects whose
    gender cannot be read give None.
    """
    subjects = [c for c in predicate.children if c.dep_ in SUBJECT_DEPS]
    if not subjects:
        return None
    tokens: list[Any] = []
    for subject in subjects:
        tokens.append(subject)
        tokens.extend(c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    if any(t.i > predicate.i for t in tokens):
        return None
    if len(tokens) == 1:
        found = _subject_control(tokens[0], predicate)
        return (found, tokens) if found is not None else None
    span = predicate.doc[min(t.i for t in tokens) : predicate.i]
    conjunctions = {t.lower_ for t in span if t.pos_ == "CCONJ"}
    if conjunctions != {"et"} or any(t.lower_ in ("ainsi", "comme", "avec") for t in span):
        return None
    controls = [_subject_control(t, predicate) for t in tokens]
    genders = {c.gender for c in controls if c is not None}
    if "mas" in genders:
        gender: str | None = "mas"
    elif None in controls or None in genders:
        gender = None
    else:
        gender = "fem"
    evidence = "; ".join(c.evidence for c in controls if c is not None)
    return Control(gender, "pl", f"{evidence}; coordinated with “et”", coordinated=True), tokens


def finite_of(predicate: Any) -> Any | None:
    """The finite verb of a clause: the predicate itself or its finite auxiliary/copula."""
    if "Fin" in predicate.morph.get("VerbForm"):
        return predicate
    for child in predicate.children:
        if child.dep_ in AUX_DEPS and "Fin" in child.morph.get("VerbForm") and child.i < predicate.i:
            return child
    return None


def has_aux(token: Any, lemma: str) -> bool:
    return any(c.dep_ in AUX_DEPS and c.lemma_ == lemma for c in token.children)


def is_pronominal(token: Any) -> bool:
    return any(
        "Yes" in c.morph.get("Reflex") or c.lower_ in ("se", "s'", "s’")
        for c in token.children
        if c.dep_.startswith(("expl", "obj", "iobj"))
    )


def mismatches(control: Control, target: morph.Features) -> list[str]:
    """Features in which ``target`` certainly disagrees with ``control``."""
    wrong = []
    if control.gender and target.gender and control.gender != target.gender:
        wrong.append("gender")
    if control.number and target.number and control.number != target.number:
        wrong.append("number")
    return wrong


def other_noun_agrees(adjective: Any, head: Any, window: int = 8) -> bool:
    """Whether a noun before ``adjective`` other than ``head`` could be what it
    agrees with ("la coopération des pays européenne"), or cannot be read."""
    sentence_start = adjective.sent.start
    for token in adjective.doc[max(sentence_start, adjective.i - window) : adjective.i]:
        if token.i == head.i or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.pos_ == "PROPN":
            continue
        found = morph.features(token.text, "noun")
        if found is None:
            return True
        control = Control(found.gender, found.number, "")
        target = morph.features(adjective.text, "adj")
        if target is None or not mismatches(control, target):
            return True
    return False


def in_coordination(token: Any) -> bool:
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


def tokens(doc: Any) -> Iterator[Any]:
    """Tokens worth a look: words, not punctuation, numbers or spaces."""
    for token in doc:
        if token.is_alpha or "-" in token.text:
            yield token
