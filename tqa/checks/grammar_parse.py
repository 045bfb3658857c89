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

from tqa.backends import morph, words
from tqa.checks.base import CheckInput
from tqa.model import Segment

SUBJECT_DEPS = ("nsubj", "nsubj:pass")
AUX_DEPS = ("aux", "aux:tense", "aux:pass", "cop")
#: third-person subject pronouns whose gender and number are certain
PRONOUNS = {
    "il": ("mas", "sg"),
    "elle": ("fem", "sg"),
    "ils": ("mas", "pl"),
    "elles": ("fem", "pl"),
}
#: collective and quantity nouns: "la plupart des pays ont", "la moitié sont venues"
COLLECTIVES = frozenset(
    "majorité minorité plupart moitié ensemble nombre série foule partie tiers quart groupe total "
    "tas paquet flopée kyrielle ribambelle quantité autant beaucoup peu "
    "reste dizaine douzaine quinzaine vingtaine trentaine quarantaine cinquantaine centaine "
    "millier "
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


@lru_cache(maxsize=1)  # the document being checked: its Docs are the bulk of tqa's memory
def _parse(texts: tuple[str, ...]) -> Any:
    from tqa.backends import spacy_fr

    return spacy_fr.Parses(spacy_fr.parse(texts, batch_size=64))


def parsed(check: CheckInput) -> Iterator[tuple[Segment, Any]]:
    """(segment, spaCy Doc) for every target-language segment, parsed once per
    document (a long document's Docs are rebuilt for each pass: keep none)."""
    segments = check.target_segments
    return zip(segments, _parse(tuple(s.text for s in segments)), strict=True)


def is_elided(token: Any) -> bool:
    return token.text.endswith(("'", "’"))


def noun_control(token: Any, *, with_det: bool = True) -> Control | None:
    """Gender/number of a common noun from the lexicon; an epicene or
    invariable noun takes what its (unambiguous) determiner says."""
    if token.pos_ != "NOUN" or token.text.isupper() or in_hyphenated(token):
        return None
    doc = token.doc
    if token.text[:1].isupper() and (
        token.i > token.sent.start or (token.i > 0 and not doc[token.i - 1].is_punct)
    ):
        return None  # a name: "les deux Corée", "les Dupont" take no plural, "Bw Halle P"
    found = morph.features(token.text, "noun")
    if found is None:
        return None
    gender, number = found.gender, found.number
    source = "lexicon"
    if with_det:
        for child in token.children:
            if child.dep_ == "det" and child.i < token.i and not is_elided(child):
                det = morph.features(child.text.lower(), "det")
                if det is None:
                    continue
                if found.number and det.number and found.number != det.number:
                    return None  # the noun is used invariably, or the parse is wrong
                if gender is None or number is None:
                    gender = gender or det.gender
                    number = number or det.number
                    source = f"lexicon + “{child.text}”"
    if token.lemma_.lower() in COLLECTIVES or token.text.lower() in COLLECTIVES:
        gender, number = None, None
    if gender is None and number is None:
        return None
    return Control(gender, number, f"{token.text}: {gender or '?'} {number or '?'} ({source})")


def in_hyphenated(token: Any) -> bool:
    """A part of a hyphenated word that the tokenizer split ("centre-ville" →
    centre, -, ville): not a noun of its own."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (before is not None and before.text == "-" and not before.whitespace_) or (
        after is not None and after.text == "-" and not token.whitespace_
    )


def _subject_control(token: Any, predicate: Any) -> Control | None:
    lower = token.text.lower()
    if token.pos_ == "PRON":
        if lower in PRONOUNS:
            gender, number = PRONOUNS[lower]
            return Control(gender, number, f"{token.text}: {gender} {number} (pronoun)")
        if lower == "qui" and predicate.dep_ == "acl:relcl":
            antecedent = predicate.head
            if (
                antecedent.i == token.i - 1
                and antecedent.dep_ != "nmod"
                and not _has_case(antecedent)
                and not in_coordination(antecedent)
            ):
                found = noun_control(antecedent)
                if found is not None:
                    return Control(found.gender, found.number, f"qui → {found.evidence}")
        return None
    if token.pos_ == "NOUN":
        return noun_control(token)
    return None


def _has_case(token: Any) -> bool:
    """A noun inside a prepositional phrase: as a subject it is a parse error."""
    return any(c.dep_ == "case" for c in token.children)


def _conjunct_ok(first: Any, conjunct: Any) -> bool:
    """ "le ministre et sa femme": a determiner-led conjunct right after "et"."""
    det = [c for c in conjunct.children if c.dep_ == "det" and c.i < conjunct.i]
    if conjunct.pos_ == "NOUN" and not det:
        return False  # "le sociologue et ethnologue X" is one person
    start = min([conjunct.i] + [d.i for d in det])
    before = conjunct.doc[start - 1]
    return before.lower_ == "et" and not _has_case(conjunct)


def subject_control(predicate: Any) -> tuple[Control, list[Any]] | None:
    """What ``predicate``'s subject imposes on it, with the subject tokens.

    Subjects coordinated with "et" are plural, and masculine as soon as one
    of them is. Inverted subjects, subjects inside a prepositional phrase,
    "ou"/"ni" coordination, any punctuation or loose coordination between
    subject and predicate, and subjects whose features cannot be read give None.
    """
    subjects = [c for c in predicate.children if c.dep_ in SUBJECT_DEPS]
    if not subjects:
        return None
    first = subjects[0]
    tokens: list[Any] = [first]
    for subject in subjects[1:]:
        tokens.append(subject)
    tokens.extend(
        c for c in first.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON")
    )
    if any(t.i > predicate.i or _has_case(t) for t in tokens):
        return None
    start = first.left_edge.i if first.pos_ != "PRON" else first.i
    between = predicate.doc[start : predicate.i]
    if start > 0 and predicate.doc[start - 1].pos_ == "CCONJ":
        return None  # the subject is the second conjunct of something the parser split off
    if any(t.pos_ == "PUNCT" for t in between):
        return None
    cconj = [t for t in between if t.pos_ == "CCONJ"]
    if len(tokens) == 1:
        if cconj:
            return None  # coordination the parser did not attach to the subject
        found = _subject_control(first, predicate)
        return (found, tokens) if found is not None else None
    if len(cconj) != len(tokens) - 1 or not all(_conjunct_ok(first, t) for t in tokens[1:]):
        return None
    if any(c.dep_ in ("cop", *SUBJECT_DEPS) for t in tokens for c in t.children):
        return None  # a conjunct with its own copula or subject: "ce n'est pas une réponse … et l'attente"
    last = max(t.i for t in tokens)
    if any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
        for t in predicate.doc[first.i + 1 : last]
    ):
        return None  # two clauses, each with its subject: "mon oncle est contre et ma tante se dit pour"
    if first.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    edge = first.left_edge.i
    if first.pos_ == "PROPN" and edge < first.i - 1:
        return None  # a name inside a longer noun phrase
    if edge > 0 and predicate.doc[edge - 1].pos_ not in ("PUNCT", "SCONJ"):
        return None  # coordinated names inside a longer noun phrase: "la combinaison des … X et Y"
    controls = [_subject_control(t, predicate) if t.pos_ != "PROPN" else None for t in tokens]
    genders = {c.gender for c in controls if c is not None}
    if "mas" in genders:
        gender: str | None = "mas"
    elif None in controls or None in genders:
        gender = None
    else:
        gender = "fem"
    evidence = "; ".join(
        c.evidence if c else f"{t.text}: ? (name)" for c, t in zip(controls, tokens, strict=True)
    )
    return Control(gender, "pl", f"{evidence}; coordinated with “et”", coordinated=True), tokens


def other_noun_fits(target: Any, cls: str, subjects: list[Any]) -> bool:
    """Whether a noun of the clause other than the parsed subject, outside any
    prepositional phrase, could be what ``target`` agrees with (the parser
    picked the wrong subject: "le délai a une nouvelle fois été prolongé")."""
    found = morph.features(target.text, cls)
    if found is None:
        return True
    ids = {t.i for t in subjects}
    for token in target.doc[target.sent.start : target.i]:
        if token.pos_ != "NOUN" or token.i in ids or _has_case(token):
            continue
        control = noun_control(token)
        if control is None or not mismatches(control, found):
            return True
    return False


def finite_of(predicate: Any) -> Any | None:
    """The finite verb of a clause: the predicate itself or its finite auxiliary/copula."""
    for child in predicate.children:
        if (
            child.dep_ in AUX_DEPS
            and "Fin" in child.morph.get("VerbForm")
            and child.i < predicate.i
        ):
            return child
    if "Fin" in predicate.morph.get("VerbForm") and predicate.pos_ in ("VERB", "AUX"):
        return predicate
    return None


def link_verb(token: Any) -> str | None:
    """The infinitive of a link verb (devenir, rester…), from spaCy's lemma or the lexicon."""
    if token.lemma_ in LINK_VERBS:
        return str(token.lemma_)
    for analysis in words.analyze(token.text.lower(), "fr"):
        for item in analysis.split():
            if item.startswith("st:") and item[3:] in LINK_VERBS and "po:v" in analysis:
                return item[3:]
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


def other_noun_agrees(adjective: Any, head: Any) -> bool:
    """Whether another noun the adjective could agree with sits in the same
    noun phrase: between the noun and the adjective ("la coopération des pays
    européenne"), or the noun the parsed head depends on; unknown nouns count."""
    between = adjective.doc[head.i + 1 : adjective.i]
    if any(t.pos_ == "PROPN" for t in between):
        return True  # a name, of unknown gender: "le réseau d'Allemagne centrale"
    # a noun the tagger read as an adverb counts: "l'horloge temps réel"
    candidates = [
        t
        for t in between
        if t.pos_ == "NOUN"
        or (
            t.pos_ == "ADV"
            and morph.features(t.text, "noun") is not None
            and not any("po:adv" in a for a in words.analyze(t.lower_, "fr"))
        )
    ]
    if head.dep_ == "nmod" and head.head.pos_ == "NOUN" and head.head.i < head.i:
        candidates.append(head.head)
    target = morph.features(adjective.text, "adj")
    if target is None:
        return True
    for token in candidates:
        control = noun_control(token)
        if control is None or not mismatches(control, target):
            return True
    # a noun the tagger read as an adjective, with the gender and number of
    # the lexicon: "les valeurs à virgule flottante"
    for token in between:
        if token.pos_ == "ADJ" and only_noun(token.lower_):
            found = morph.features(token.text, "noun")
            if found is not None and not mismatches(
                Control(found.gender, found.number, ""), target
            ):
                return True
    return False


#: parts of speech of the lexicon that make a word more than a noun ("sept" is
#: also a number, "dans" a preposition, "locale" an adjective)
_NOT_ONLY_NOUN = ("po:adj", "po:adv", "po:mg", "po:prep", "po:det", "po:nb", "po:pro", "po:cj")


def only_noun(word: str) -> bool:
    """A word the lexicon knows as a noun (or a verb form) and as nothing
    else: no adjective, adverb, number, determiner, pronoun or preposition
    ("virgule", "panne", "luminosité"): whatever the tagger read it as, it
    is a noun."""
    analyses = words.analyze(word, "fr")
    return (
        morph.features(word, "noun") is not None
        and any("po:nom" in a for a in analyses)
        and not any(tag in a for a in analyses for tag in _NOT_ONLY_NOUN)
    )


def in_coordination(token: Any) -> bool:
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


def tokens(doc: Any) -> Iterator[Any]:
    """Tokens worth a look: words, not punctuation, numbers or spaces."""
    for token in doc:
        if token.is_alpha or "-" in token.text:
            yield token
