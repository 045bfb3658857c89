"""French grammar: agreement with the subject. A finite verb whose number
differs from its subject's (TQA-GRM-005), and an adjective or participle
after subjects joined by "et" that is not plural (TQA-GRM-006).

The parse, the lexicon and the helpers they share with the other agreement
rules are those of tqa.checks.grammar, whose precision-first policy they
follow: an ambiguous parse or an unknown word means silence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tqa.backends import morph, words
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.grammar import (
    _CLAUSE_WORDS,
    _INTERROGATIVES,
    _NAMES,
    _SUBORDINATORS,
    NEEDS,
    _agreement,
    _etre_participles,
    _predicatives,
)
from tqa.checks.grammar_parse import finite_of, parsed, subject_control
from tqa.model import Finding


@rule(
    "TQA-GRM-005",
    "subject-verb-agreement",
    "fluency/grammar",
    "major",
    examples=(
        Example("Les enfants du village mange du pain chaque matin.\n", flagged=("mange",)),
        Example("Le ministre et son conseiller est arrivé hier à Astana.\n", flagged=("est",)),
        Example("Les enfants du village mangent du pain, et la plupart des pays ont signé.\n"),
        Example(
            "Les failles par lesquelles entrait l’eau étaient impossibles à boucher ; "
            "une nation avec une armée et une volonté a toutes les chances ; "
            "le porteur pas plus que la créatrice ne sont revenus.\n"
        ),
        Example(
            "Votre nom et votre adresse courriel ont été configurés ; "
            "un motif plus long que 15 caractères ne retournera rien ; "
            "il trace les informations lorsqu'un délai est dépassé ; "
            "le masque indiquant quel type de fichiers sont acceptés est vide.\n"
        ),
        Example(
            "Arrêtez la restauration dès qu'un état consistent est atteint ; "
            "les options d'invite du mot de passe ne changent pas.\n"
        ),
    ),
    requires=NEEDS,
)
def subject_verb(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A finite verb whose number differs from its subject's ("les enfants mange").

    Subjects coordinated with "et" are plural. Collective and quantity
    subjects ("la plupart", "une série de", "un tas de"), inverted subjects
    ("Quel âge ont vos enfants"), a relative clause between subject and verb,
    subjects joined by a comma, "ou"/"ni" coordination and coordinated
    clauses, each with its own verb ("mon oncle est contre et ma tante se
    dit pour"), are left alone. So are subjects the parser picked where
    another clause opens between subject and verb ("les informations …
    lorsqu'un délai est dépassé", "quel type de fichiers sont"), a bare
    noun complementing the noun before it ("votre adresse courriel ont"), a
    noun after a comparison ("plus long que 15 caractères ne retournera")
    and a "verb" followed by another finite verb, an adjective the tagger
    misread ("un état consistent est atteint").
    """
    for segment, doc in parsed(check):
        seen: set[int] = set()
        for token in doc:
            if token.dep_ not in ("nsubj", "nsubj:pass") or token.head.i in seen:
                continue
            predicate = token.head
            seen.add(predicate.i)
            verb = finite_of(predicate)
            found = subject_control(predicate)
            if verb is None or found is None or found[0].number is None:
                continue
            control = found[0]
            number = control.number
            if number is None:
                continue
            if not token.i < verb.i <= token.i + 12 or any(
                t.pos_ == "PUNCT" for t in doc[token.i : verb.i]
            ):
                continue
            edge = token.left_edge.i
            if any(t.lower_ in _CLAUSE_WORDS for t in doc[edge : verb.i]) or (
                edge > 0 and doc[edge - 1].text in (",", "et", "ou")
            ):
                continue  # a relative clause or a coordination the parser did not attach
            if any(t.lower_ in _SUBORDINATORS for t in doc[token.i + 1 : verb.i]):
                continue  # the verb may be that of a clause opened in between
            if verb.i + 1 < len(doc) and _finite(doc[verb.i + 1]):
                continue  # two finite verbs in a row: "un état consistent est atteint"
            if doc[verb.i - 1].pos_ == "ADP" or _counted(token, number):
                continue  # a noun after "de" ("les options d'invite"); "deux instruction peuvent"
            if doc[edge].lower_ in _INTERROGATIVES:
                continue  # an inverted subject: "Quel âge ont vos enfants ?"
            if _not_the_subject(doc, edge):
                continue  # "par lesquelles entrait l'eau étaient", "d'elles sera", "Voir les enfants jouer"
            if control.coordinated and _loose_coordination(doc, token, verb):
                continue  # "une nation avec une armée et une volonté a", "çà et là"
            numbers = morph.person_numbers(verb.text)
            if len(numbers) != 1 or number in numbers:
                continue
            start = segment.start + verb.idx
            suggestions = _conjugate(verb.text, number)
            yield self.finding(
                check,
                start,
                start + len(verb.text),
                f"verb “{verb.text}” should be {_NAMES[number]} to agree with its subject",
                segment=segment.id,
                confidence=0.8,
                suggestions=suggestions,
                evidence=f"{control.evidence}; {verb.text}: 3{min(numbers)} (lexicon); nsubj",
            )


#: words before "que" that make a comparison: "X pas plus que Y ne sont venus"
_COMPARATIVES = frozenset("plus moins autant aussi ainsi même bien".split())
#: pronouns that can be one of coordinated subjects
_SUBJECT_PRONOUNS = frozenset(
    "il elle ils elles eux lui moi toi nous vous celui celle ceux celles".split()
)


def _not_the_subject(doc: Any, edge: int) -> bool:
    """The noun phrase the parser made the subject follows a verb (the
    inverted subject of a relative clause, "par lesquelles entrait l'eau
    étaient"; the object of an infinitive subject, "Voir les enfants jouer ne
    me rend pas"), a preposition ("tout ce qui vient d'elles sera"), a
    noun it complements ("votre adresse courriel ont") or a comparison ("pas
    plus que la créatrice ne sont", "plus long que 15 caractères ne")."""
    if edge == 0:
        return False
    before = doc[edge - 1]
    if before.pos_ in ("VERB", "AUX", "ADP"):
        return True
    if before.pos_ in ("NOUN", "PROPN") and doc[edge].pos_ in ("NOUN", "PROPN"):
        return True  # a bare noun after a noun is its complement: "votre adresse courriel ont"
    return before.lower_ in ("que", "qu'", "qu’", "comme") and any(
        t.lower_ in _COMPARATIVES for t in doc[max(0, edge - 4) : edge - 1]
    )  # "pas plus que la créatrice ne sont", "plus long que 15 caractères ne retournera"


def _counted(noun: Any, number: str) -> bool:
    """A singular noun counted by a number above one ("deux instruction"): the
    noun lacks its plural, the verb is right."""
    return number == "sg" and any(
        c.dep_ == "nummod" and c.lower_ not in ("1", "un", "une") for c in noun.children
    )


def _finite(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def _loose_coordination(doc: Any, subject: Any, verb: Any) -> bool:
    """Coordination inside a complement of the subject ("une nation avec une
    armée et une volonté a") or of words that are no nouns ("une lueur çà et
    là vous parvient")."""
    conjuncts = [c for c in subject.children if c.dep_ == "conj"]
    conjuncts += [
        c for c in verb.head.children if c.dep_ in ("nsubj", "nsubj:pass") and c is not subject
    ]
    conjuncts += [
        c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c is not subject
    ]
    for conjunct in conjuncts:
        if conjunct.pos_ == "PRON" and conjunct.lower_ not in _SUBJECT_PRONOUNS:
            return True
        low, high = sorted((subject.i, conjunct.i))
        if any(t.dep_ in ("nmod", "case") for t in doc[low + 1 : high]):
            return True
    return False


def _conjugate(verb: str, number: str) -> tuple[str, ...]:
    """The third-person form of ``verb`` with the other number, checked in the lexicon."""
    stems = {i for a in words.analyze(verb, "fr") for i in a.split() if i.startswith("st:")}
    if number == "pl":
        guesses = [verb + "nt", verb + "ent", verb[:-1] + "ent", verb[:-1] + "vent"]
    else:
        guesses = [verb[:-2], verb[:-3], verb[:-3] + "t", verb[:-4] + "t"]
    guesses += {
        "sont": ["est"],
        "est": ["sont"],
        "ont": ["a"],
        "a": ["ont"],
        "vont": ["va"],
        "va": ["vont"],
        "font": ["fait"],
        "fait": ["font"],
    }.get(verb.lower(), [])
    out = []
    for guess in dict.fromkeys(guesses):
        if len(guess) < 1 or morph.person_numbers(guess) != {number}:
            continue
        if stems & {
            i for a in words.analyze(guess, "fr") for i in a.split() if i.startswith("st:")
        }:
            out.append(guess)
    return tuple(out[:2])


@rule(
    "TQA-GRM-006",
    "coordinated-subject-agreement",
    "fluency/grammar",
    "major",
    examples=(
        Example("Le ministre et sa femme sont arrivées hier à Astana.\n", flagged=("arrivées",)),
        Example(
            "Le président et la ministre sont satisfaites du résultat.\n", flagged=("satisfaites",)
        ),
        Example(
            "Le ministre et sa femme sont arrivés hier, "
            "et la présidente et la ministre sont satisfaites.\n"
        ),
    ),
    requires=NEEDS,
    default=False,
)
def coordinated(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """An adjective or participle after subjects joined by "et" that is not plural,
    or feminine although one subject is masculine.

    French agrees with mixed-gender coordinated subjects in the masculine
    plural: "le ministre et sa femme sont arrivés".
    """
    for segment, doc in parsed(check):
        targets = [(adj, pred, rel, "adj") for adj, pred, rel in _predicatives(doc)]
        targets += [(p, p, "participle with être", "ppas") for p in _etre_participles(doc)]
        for target, predicate, relation, cls in targets:
            found = subject_control(predicate)
            if found is None or not found[0].coordinated:
                continue
            finding = _agreement(
                self, check, segment, target, found[0], cls, relation, confidence=0.8
            )
            if finding is not None:
                yield finding
