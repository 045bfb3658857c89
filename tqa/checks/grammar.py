"""French grammar: gender and number agreement in machine-translated text.

The dependency parse comes from spaCy's French pipeline; gender and number come
from the Dicollecte lexicon (Debian hunspell-fr), which knows "concrètes" is
feminine plural when spaCy's morphologizer does not. Every rule is tuned for
precision: an ambiguous parse, a word the lexicon does not know, an epicene or
invariable form, or a noun of both genders means silence. Grammalecte, when
installed, gives a second opinion (TQA-GRM-010).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tqa.backends import morph, words
from tqa.checks.base import CheckInput, Example, Rule, rule
from tqa.checks.grammar_parse import (
    Control,
    has_aux,
    in_coordination,
    is_elided,
    is_pronominal,
    link_verb,
    mismatches,
    noun_control,
    only_noun,
    other_noun_agrees,
    other_noun_fits,
    parsed,
    subject_control,
)
from tqa.model import Finding, Segment

NEEDS = ("spacy-fr", "hunspell-fr")
#: parts of speech that end a noun phrase: an adjective after them is not attributive
_BREAKS = frozenset(("VERB", "AUX", "PUNCT", "PRON", "SCONJ", "CCONJ"))
_NAMES = {"mas": "masculine", "fem": "feminine", "sg": "singular", "pl": "plural"}
#: adjectives used invariably ("des robes orange", "des postes clé")
#: adjectives that work as determiners or pronouns ("autres que", "tel que")
_NOT_QUALIFYING = frozenset(
    "autre autres même mêmes tel tels telle telles tout tous toute toutes "
    "seul seuls seule seules quelconque quelconques".split()
)
_INVARIABLE = frozenset(
    "orange marron clé standard super extra bon-marché cash neuf maximum minimum".split()
)
#: colour adjectives, and the words that make a compound colour with them:
#: a compound colour is invariable ("des fleurs jaune vif", "des yeux bleu clair")
_COLOURS = frozenset(
    "jaune rouge vert bleu gris noir blanc brun rose violet orange marron beige "
    "turquoise pourpre mauve ocre kaki doré argenté fauve blond châtain roux".split()
)
_SHADES = frozenset(
    "vif clair foncé pâle sombre tendre intense profond marine ciel nuit roi olive "
    "pomme bouteille citron saumon acier perle ardoise sang canard électrique fluo "
    "émeraude platine cendré doré vénitien".split()
)
#: adjectives in set phrases where they do not agree: "des voitures dernier cri",
#: "un moteur nouvelle génération", "les hommes haut placés", "j'ai grand faim"
_SET_PHRASES = frozenset(
    (
        ("dernier", "cri"),
        ("nouvelle", "génération"),
        ("haut", "placé"),
        ("haut", "placés"),
        ("haut", "placée"),
        ("haut", "placées"),
        ("grand", "faim"),
        ("grand", "peur"),
        ("grand", "soif"),
        ("grand", "chose"),
        ("grand", "mère"),
        ("grand", "rue"),
        ("grand", "place"),
        ("belle", "ouvrage"),
    )
)
#: adjectives used as adverbs after a verb or a noun: "pique droit", "les ayants droit",
#: "met la barre très haut", "coûte cher"
_ADVERBIAL = frozenset("droit haut bas cher fort net court clair juste faux".split())
#: nouns of an adverbial phrase of time or degree: "un jour", "une nouvelle fois",
#: "à ce moment", "en un sens", "un brin", "un poil": an adjective after them
#: agrees with the subject, not with them
_ADVERBIAL_NOUNS = frozenset(
    "jour jours fois moment moments instant instants temps cas sens année années heure heures "
    "brin poil peu base départ minute minutes seconde secondes coup coups part point "
    "façon manière sorte".split()
)
#: words that open a clause between a subject and its verb: the parse is often wrong there
_CLAUSE_WORDS = frozenset(
    "qui que qu' qu’ dont où lequel laquelle lesquels lesquelles auxquels auxquelles".split()
)
_INTERROGATIVES = frozenset("quel quelle quels quelles combien".split())
#: words that open a clause of its own between a subject and a verb: a
#: subordinate clause ("les informations … lorsqu'un délai est dépassé") or
#: an indirect question ("le masque indiquant quel type de fichiers sont acceptés")
_SUBORDINATORS = (
    frozenset(
        "lorsque lorsqu' lorsqu’ quand puisque puisqu' puisqu’ quoique quoiqu' quoiqu’".split()
    )
    | _INTERROGATIVES
)
#: possessives that stay masculine before a vowel ("son amie")
_VOWEL_POSSESSIVES = frozenset(("mon", "ton", "son"))
#: participles that do not agree after "que": measure verbs, faire/laisser + infinitive
_NO_AGREEMENT_PPAS = frozenset(
    (
        "faire",
        "laisser",
        "coûter",
        "valoir",
        "peser",
        "durer",
        "vivre",
        "courir",
        "mesurer",
        "régner",
        "dormir",
        "falloir",
        "pouvoir",
        "vouloir",
        "devoir",
        "croire",
        "penser",
        "dire",
        "savoir",
    )
)


def _wanted(control: Control, target: morph.Features) -> str:
    parts = []
    if control.gender and target.gender:
        parts.append(_NAMES[control.gender])
    if control.number and target.number:
        parts.append(_NAMES[control.number])
    return " ".join(parts)


def _agreement(
    self: Rule,
    check: CheckInput,
    segment: Segment,
    target: Any,
    control: Control,
    cls: str,
    relation: str,
    confidence: float = 0.85,
) -> Finding | None:
    """A finding when ``target`` (read as ``cls``) disagrees with ``control``."""
    if target.text.isupper() or target.lower_ in _INVARIABLE:
        return None
    found = morph.features(target.text, cls)
    if found is None:
        return None
    wrong = mismatches(control, found)
    if not wrong:
        return None
    gender = control.gender if found.gender else None
    number = control.number if found.number else None
    suggestions = morph.inflect(target.text, cls, gender, number)
    if not suggestions and wrong == ["number"] and control.number == "pl":
        return None  # no plural form in the lexicon: probably used invariably
    start = segment.start + target.idx
    return self.finding(
        check,
        start,
        start + len(target.text),
        f"“{target.text}” should be {_wanted(control, found)} to agree ({' and '.join(wrong)})",
        segment=segment.id,
        confidence=confidence,
        suggestions=suggestions,
        evidence=f"{control.evidence}; {found.describe()}; {relation}",
    )


@rule(
    "TQA-GRM-001",
    "adjective-noun-agreement",
    "fluency/grammar",
    "major",
    examples=(
        Example(
            "Le sommet provoquera des résultats concrètes en coopération.\n", flagged=("concrètes",)
        ),
        Example("Les dirigeants ont signé des accords bilatérales.\n", flagged=("bilatérales",)),
        Example("Le sommet provoquera des résultats concrets en coopération.\n"),
        Example(
            "La coopération des pays européens est forte, "
            "ses politiques économique et sociale aussi.\n"
        ),
        Example(
            "Elle a l’air jolie avec ses cheveux châtain clair ; les voitures dernier cri "
            "des premier et deuxième trimestres sont en un sens chères.\n"
        ),
        Example(
            "Il avait de toutes ses forces tenté de venir ; la qualité desdits malheureux ; "
            "à l’origine spécifiquement américain, le mouvement grandit.\n"
        ),
        # a noun the tagger read as an adjective, with which the adjective agrees
        Example(
            "Initialise le nombre de chiffres affichés pour les valeurs à virgule flottante.\n"
        ),
        Example("Luminosité écran plus forte\n"),  # a noun read as a determiner
        Example("Un bâtiment basse consommation\n"),  # a compound with the bare noun after it
        Example("Des étoiles plein les yeux\n"),  # "plein" as a preposition
        Example("Fautes page majeurs\n", flagged=("majeurs",)),  # agrees with neither noun
    ),
    requires=NEEDS,
)
def adjective_noun(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """An adjective that does not agree in gender or number with its noun.

    "des résultats concrètes": the lexicon says résultats is masculine plural and
    concrètes feminine plural. Silent when another noun just before the
    adjective could be the one it agrees with ("la coopération des pays
    européenne" is ambiguous to a parser), for coordinated adjectives
    ("les politiques économique et sociale") and coordinated nouns, for
    compound colours, which are invariable ("des fleurs jaune vif", "rouge de
    Venise"), for an adjective after a prepositional phrase that is the
    predicate of être ("la route était à cet endroit très dangereuse"), for a
    word after a preposition ("des bus à impériale"), for a finite verb
    form the parser took for an adjective ("le séjour dure deux semaines"),
    for "avoir l'air" + adjective, set phrases ("dernier cri"), adjectives
    used as adverbs ("droit", "haut"), an adjective after an adverbial phrase
    ("en un sens maigres", "un jour délaissées", "de toute façon ténu"),
    an adjective used as an adverb or after a number ("tout juste partis",
    "0,30 seconde"), a name between the noun and the adjective ("le réseau
    d'Allemagne centrale") or a noun the tagger read as an adverb
    ("l'horloge temps réel") or an adjective ("les valeurs à virgule
    flottante"), an adjective that agrees with a noun the tagger did not read
    as one ("Luminosité écran plus forte", "panne système imminente") or
    makes a compound with the bare noun after it ("un bâtiment basse
    consommation"), an adjective that is also a preposition, before a
    determiner ("des étoiles plein les yeux"), "quelque chose" and a
    number before the noun ("la numéro 1 mondiale"), a noun in apposition
    ("l'expérience utilisateur") and a participle after a finite avoir ("il
    avait de toutes ses forces tenté"). A participle after its noun is left
    to Grammalecte (TQA-GRM-010), which checks it with its context.
    """
    for segment, doc in parsed(check):
        for token in doc:
            if not _attributive(token):
                continue
            head = token.head
            if head.pos_ != "NOUN" or in_coordination(token) or in_coordination(head):
                continue
            if token.i < head.i and any(
                t.pos_ not in ("ADJ", "ADV") for t in doc[token.i + 1 : head.i]
            ):
                continue
            if token.i > head.i and any(t.pos_ in _BREAKS for t in doc[head.i + 1 : token.i]):
                continue
            if (
                _has_complement(token)
                or token.lower_ in _NOT_QUALIFYING
                or _present_participle(token)
            ):
                continue  # "haut de gamme", "capable de", "la plus longue", "autres que", "suivant"
            if _compound_colour(token) or _finite_verb(token):
                continue  # "des fleurs jaune vif"; "le séjour dure deux semaines"
            if _near_coordination(token, head) or _indefinite_head(head):
                continue  # "les premier et deuxième trimestres", "quelque chose tombé"
            if _set_phrase(token) or _looks_adverbial(token, head):
                continue  # "dernier cri", "pique droit", "en un sens maigres", "a l'air belles"
            if _compound_with_next(token, head) or _preposition(token):
                continue  # "un bâtiment basse consommation", "des étoiles plein les yeux"
            if token.i > head.i and any(
                t.lower_ in ("et", "ou", ",") for t in doc[max(head.i, token.i - 3) : token.i]
            ):
                continue  # coordinated adjectives: "les premier et deuxième trimestres"
            if token.i > head.i and doc[token.i - 1].pos_ == "ADP":
                continue  # a noun after a preposition that the tagger took for an adjective: "bus à impériale"
            if not any(c.dep_ == "det" for c in head.children) and (
                any(c.dep_ == "case" for c in head.children)
                or (head.i > 0 and doc[head.i - 1].pos_ == "NOUN")
            ):
                continue  # bare nouns in set phrases and compounds: "de fait", "équipements photo"
            if _after_mistagged_noun(token, head):
                continue  # "panne système imminente", "Luminosité écran plus forte"
            if head.dep_ == "nmod" and head.head.pos_ in ("PRON", "NUM"):
                continue  # "l'une des rares fêtes encore capable"
            if _detached(token, head) or _predicate_after_phrase(token, head):
                continue  # "Il avait de toutes ses forces tenté", "la route était à cet endroit plus large"
            if token.i > head.i and _participle(token):
                continue  # after its noun a participle is Grammalecte's (ppas, gn): "existence tenaillé par"
            control = noun_control(head)
            if control is None or (token.i > head.i and other_noun_agrees(token, head)):
                continue
            if _apposition(token, control) and control.number != "pl":
                continue  # "l'expérience utilisateur"
            found = _agreement(self, check, segment, token, control, "adj", "amod")
            if found is not None:
                yield found


def _attributive(token: Any) -> bool:
    """An adjective modifying a noun, or a bare past participle after it ("un rapport détaillé")."""
    if token.dep_ == "amod":
        return token.pos_ in ("ADJ", "VERB")
    return (
        token.dep_ == "acl"
        and token.pos_ == "VERB"
        and "Part" in token.morph.get("VerbForm")
        and token.i == token.head.i + 1
        and not any(
            c.dep_ in ("aux", "aux:tense", "aux:pass", "nsubj", "nsubj:pass", "expl:comp")
            for c in token.children
        )
    )


#: determiners written as one word with "dit": "la qualité desdits malheureux"
_DIT = frozenset("ledit ladite lesdits lesdites desdits desdites dudit auxdits auxdites".split())


def _participle(token: Any) -> bool:
    """A past participle by the parse or the lexicon ("perlé", "tenaillé")."""
    return token.pos_ == "VERB" or any("po:ppas" in a for a in words.analyze(token.lower_, "fr"))


def _apposition(token: Any, control: Control) -> bool:
    """A noun in its base form after another noun, which it does not agree
    with in gender: "l'expérience utilisateur", "une pause café"."""
    if control.gender != "fem" or token.i < token.head.i:
        return False
    found = morph.features(token.text, "noun")
    return found is not None and found.gender == "mas" and found.number == "sg"


def _detached(token: Any, head: Any) -> bool:
    """An adjective that is no attribute of the noun before it: a participle
    after a finite "avoir" with no other participle between ("il avait de
    toutes ses forces tenté"); a word after "desdits", which makes it a noun;
    an adjective after an adverb and before a comma, detached at the start of
    the sentence ("À l'origine spécifiquement américain, le mouvement")."""
    doc = token.doc
    if token.i < head.i:
        return False
    between = doc[head.i + 1 : token.i]
    if any(t.lower_ in _DIT for t in between):
        return True
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.text == "," and between and between[-1].pos_ == "ADV":
        return True
    if token.pos_ != "VERB":
        return False
    for t in reversed(doc[token.sent.start : head.i]):
        if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm"):
            return False
        if t.lemma_ == "avoir" and "Fin" in t.morph.get("VerbForm"):
            return True
    return False


def _predicate_after_phrase(token: Any, head: Any) -> bool:
    """An adjective after the noun of a prepositional phrase that the parser
    made the predicate of être, agreeing with the subject: the adjective is
    the predicate, the phrase an adverbial between ("la route était à cet
    endroit très dangereuse", "il avait été pendant des années malade")."""
    if token.i < head.i:
        return False
    children = list(head.children)
    if not any(c.dep_ == "cop" for c in children) or not any(c.dep_ == "case" for c in children):
        return False
    found = subject_control(head)
    target = morph.features(token.text, "adj")
    return found is not None and target is not None and not mismatches(found[0], target)


def _near_coordination(token: Any, head: Any) -> bool:
    """ "et"/"ou" next to the adjective, or between the noun phrase's start and
    the adjective: coordinated adjectives or nouns ("d'une simplicité et d'une
    grâce champêtres"); a number before the noun ("la numéro 1 mondiale")."""
    doc = token.doc
    low, high = min(token.i, head.i, head.left_edge.i), max(token.i, head.i)
    window = doc[max(0, low - 1) : min(len(doc), high + 2)]
    return any(t.lower_ in ("et", "ou", "ni") for t in window) or any(
        t.is_digit for t in doc[low:high]
    )


def _indefinite_head(head: Any) -> bool:
    """ "quelque chose", "autre chose", "grand-chose": masculine whatever the noun says."""
    doc = head.doc
    return head.lower_ == "chose" and head.i > 0 and doc[head.i - 1].lower_ in ("quelque", "autre")


def _set_phrase(token: Any) -> bool:
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return (token.lower_, after) in _SET_PHRASES or (before, token.lower_) in _SET_PHRASES


def _compound_with_next(token: Any, head: Any) -> bool:
    """An adjective after its noun that makes a compound with the bare noun
    right after it, and agrees with that one: "un bâtiment basse
    consommation", "des outils haute fréquence", "des haut-parleurs large
    bande" (the compound qualifies the noun and stays as it is)."""
    doc = token.doc
    if token.i < head.i or token.i + 1 >= len(doc) or not token.whitespace_:
        return False
    after = doc[token.i + 1]
    if after.pos_ != "NOUN" or not only_noun(after.lower_) or after.text[:1].isupper():
        return False
    adjective = morph.features(token.text, "adj")
    noun = morph.features(after.text, "noun")
    return (
        adjective is not None
        and noun is not None
        and adjective.number is not None
        and adjective.number == noun.number
        and (adjective.gender is None or adjective.gender == noun.gender)
    )


def _after_mistagged_noun(token: Any, head: Any) -> bool:
    """An adjective after a bare noun that follows another noun the tagger
    read as something else (an adjective, a determiner), agreeing with that
    one: "panne système imminente", "Luminosité écran plus forte" (a noun
    used as a modifier between the noun and its adjective). "Fautes page
    majeurs" agrees with neither and stays wrong."""
    doc = token.doc
    if token.i < head.i or head.i == 0 or any(c.dep_ == "det" for c in head.children):
        return False
    before = doc[head.i - 1]
    if before.pos_ == "NOUN" or not only_noun(before.lower_):
        return False
    noun = morph.features(before.text, "noun")
    adjective = morph.features(token.text, "adj")
    return (
        noun is not None
        and adjective is not None
        and not mismatches(Control(noun.gender, noun.number, ""), adjective)
    )


def _preposition(token: Any) -> bool:
    """An adjective that the lexicon also knows as a preposition, right
    before a determiner: the preposition, which is invariable ("des étoiles
    plein les yeux", "tous les invités excepté les enfants")."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        after is not None
        and after.pos_ == "DET"
        and any("po:prep" in a for a in words.analyze(token.lower_, "fr"))
    )


def _looks_adverbial(token: Any, head: Any) -> bool:
    """An adjective that does not modify the noun the parser attached it to:
    an adverb ("droit", "haut"), the complement of "avoir l'air" ("elle a
    l'air jolie"), or an adjective after the noun of an adverbial phrase ("les
    gains sont en un sens maigres", "elles seraient un jour délaissées")."""
    if token.i > head.i and token.lower_ in _ADVERBIAL:
        return True
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if (
        token.lower_ in _ADVERBIAL
        and after is not None
        and (after.pos_ in ("ADJ", "VERB") or _participle(after))
    ):
        return True  # an adverb before a participle: "tout juste partis", "haut placés"
    if token.i > 0 and any(c.isdigit() for c in token.doc[token.i - 1].text):
        return True  # a noun after a number: "avec 0,30 seconde d'avance"
    if head.lower_ == "air" and head.i > 0 and head.doc[head.i - 1].lower_ in ("l'", "l’"):
        return True
    return head.lower_ in _ADVERBIAL_NOUNS and token.i > head.i


def _compound_colour(token: Any) -> bool:
    """A member of a compound colour ("jaune vif", "bleu clair", "vert bouteille",
    "noir de jais"), which is invariable."""
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else ""
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    low = token.lower_
    if low in _COLOURS and token.i < token.head.i:
        return True  # a colour before its noun is a noun or a compound: "du blanc lumière du jour"
    if low in _COLOURS and after in ("de", "d'", "d’"):
        return True  # a colour named after a thing: "noir de jais", "bleu de Prusse", "vert d'eau"
    return (low in _COLOURS and (after in _SHADES or after in _COLOURS)) or (
        before in _COLOURS and (low in _SHADES or low in _COLOURS)
    )


def _finite_verb(token: Any) -> bool:
    """An "adjective" that is a finite verb form of the lexicon ("dure", "inquiète")
    in a sentence the parser left without a verb, or followed by a determiner
    or a number: the verb read as an adjective ("le séjour dure deux semaines")."""
    if not morph.person_numbers(token.text):
        return False
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.pos_ in ("DET", "NUM"):
        return True
    sent = token.sent
    if sent.root.pos_ in ("VERB", "AUX"):
        return False
    key = ("tqa-verbs", sent.start)  # counted once per sentence: the check stays linear
    if key not in doc.user_data:
        doc.user_data[key] = sum(1 for t in sent if t.pos_ in ("VERB", "AUX"))
    return int(doc.user_data[key]) == 0


def _present_participle(token: Any) -> bool:
    """ "des véhicules venant en sens inverse": present participles do not agree."""
    return any("po:ppre" in a for a in words.analyze(token.lower_, "fr"))


def _has_complement(adjective: Any) -> bool:
    """An adjective with a determiner ("la plus longue") or a complement right
    after it ("capable de", "haut de gamme", "prêt à")."""
    doc = adjective.doc
    if any(c.dep_ == "det" for c in adjective.children):
        return True
    rest = doc[adjective.i + 1 : adjective.i + 3]
    return len(rest) == 2 and rest[0].lower_ in ("de", "d'", "d’", "à") and rest[1].pos_ == "NOUN"


def _predicatives(doc: Any) -> Iterator[tuple[Any, Any, str]]:
    """(adjective, predicate with the subject, relation): adjectives after être or a link verb."""
    for token in doc:
        if (
            token.pos_ != "ADJ"
            or in_coordination(token)
            or any(c.dep_ == "det" for c in token.children)
        ):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN":
            continue  # "est désormais un vrai gâchis"
        if any(c.dep_ == "cop" and c.lemma_ == "être" for c in token.children):
            yield token, token, "copula être"
        elif (
            token.dep_ == "xcomp" and token.head.pos_ == "VERB" and (link := link_verb(token.head))
        ):
            yield token, token.head, f"complement of {link}"


def _etre_participles(doc: Any) -> Iterator[Any]:
    for token in doc:
        if token.pos_ != "VERB" or "Part" not in token.morph.get("VerbForm"):
            continue
        if has_aux(token, "être") and not is_pronominal(token) and not in_coordination(token):
            yield token


@rule(
    "TQA-GRM-002",
    "predicative-agreement",
    "fluency/grammar",
    "major",
    examples=(
        Example("Les négociations entre les deux pays sont difficile.\n", flagged=("difficile",)),
        Example(
            "La situation économique reste compliqué selon le ministre.\n", flagged=("compliqué",)
        ),
        Example("Les négociations entre les deux pays sont difficiles.\n"),
    ),
    requires=NEEDS,
    default=False,
)
def predicative(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A predicative adjective (after être, devenir, rester…) that does not agree with the subject.

    "Les négociations sont difficile". Only third-person subjects whose gender
    and number are certain count: common nouns known to the lexicon and
    il/elle/ils/elles; "vous" (polite singular) and "on" are left alone.
    Coordinated subjects are TQA-GRM-006.
    """
    for segment, doc in parsed(check):
        for adjective, predicate, relation in _predicatives(doc):
            found = subject_control(predicate)
            if found is None or found[0].coordinated or other_noun_fits(adjective, "adj", found[1]):
                continue
            finding = _agreement(self, check, segment, adjective, found[0], "adj", relation)
            if finding is not None:
                yield finding


@rule(
    "TQA-GRM-003",
    "determiner-noun-agreement",
    "fluency/grammar",
    "major",
    examples=(
        Example("Les deux pays ont conclu une accord sur le gaz.\n", flagged=("une",)),
        Example("Le ministre a évoqué la problème des transports.\n", flagged=("la",)),
        Example("Les deux pays ont conclu un accord sur la question du gaz, selon son amie.\n"),
    ),
    requires=NEEDS,
    default=False,
)
def determiner_noun(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A determiner whose gender or number differs from its noun's ("une accord", "la problème").

    Nouns of both genders ("le/la poste"), epicene nouns ("ministre"),
    invariable ones ("pays") and elided determiners (l') are skipped, and so
    are mon/ton/son before a vowel ("son amie" is correct).
    """
    for segment, doc in parsed(check):
        for token in doc:
            if token.dep_ != "det" or token.pos_ != "DET" or is_elided(token):
                continue
            noun = token.head
            if noun.i <= token.i or any(
                t.pos_ not in ("ADJ", "ADV", "NUM") for t in doc[token.i + 1 : noun.i]
            ):
                continue
            if (
                token.lower_ in _VOWEL_POSSESSIVES
                and doc[token.i + 1].lower_[:1] in "aeiouyhéèêâîôû"
            ):
                continue
            after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
            if len(noun.text) < 3 or (
                after is not None
                and (after.pos_ in ("NOUN", "NUM") or after.text[:1] in "-.+" or after.is_digit)
            ):
                continue  # "une large avance", "les cure-dents", "la St 2179", "la numéro 1"
            if in_coordination(noun) or (after is not None and after.lower_ in ("et", "ou")):
                continue  # coordinated nouns share a plural determiner: "vos nom et prénom"
            if noun.pos_ != "NOUN" or any("po:infi" in a for a in words.analyze(noun.lower_, "fr")):
                continue  # "que la toucher portait chance"
            if (
                after is not None
                and after.lower_ == "de"
                and noun.dep_ != "nsubj"
                and token.lower_ in ("ce", "cette")
            ):
                continue  # an expressive noun before "de": "ce putain de train"
            if after is not None and after.is_alpha and morph.has_class(noun.text, "adj"):
                real = noun_control(after, with_det=False)
                det = morph.features(token.lower_, "det")
                if real is None or real.gender in (None, det.gender if det else None):
                    continue  # the "noun" is a prenominal adjective: "une large avance"
            before = doc[token.i - 1] if token.i > 0 else None
            if (
                before is not None
                and token.lower_ in ("le", "la", "les")
                and (before.pos_ == "PRON" or before.lower_ in ("ne", "n'", "n’"))
            ):
                continue  # a clitic object before a verb: "on le branche"
            control = noun_control(noun, with_det=False)
            if control is None:
                continue
            finding = _agreement(
                self, check, segment, token, control, "det", "det", confidence=0.85
            )
            if finding is not None:
                yield finding


@rule(
    "TQA-GRM-004",
    "participle-agreement",
    "fluency/grammar",
    "major",
    examples=(
        Example("La déclaration commune a été signé par les présidents.\n", flagged=("signé",)),
        Example("Les lettres que le ministre a écrit sont arrivées hier.\n", flagged=("écrit",)),
        Example(
            "La déclaration commune a été signée hier "
            "et les lettres qu'il a écrites sont arrivées.\n"
        ),
        Example("Elles se sont parlé longtemps, puis elles ont signé.\n"),
    ),
    requires=NEEDS,
    default=False,
)
def participle(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A past participle that does not agree: with the subject after être, or
    with a preceding relative "que" after avoir.

    "La déclaration a été signé"; "les lettres que le ministre a écrit".
    Pronominal verbs ("elles se sont parlé") are skipped, and so are
    participles after avoir except when the direct object is a relative
    "que" right after its noun; verbs of measure (coûté, duré, vécu),
    modals and faire/laisser (+ infinitive) do not agree there and are skipped.
    """
    for segment, doc in parsed(check):
        for token in _etre_participles(doc):
            found = subject_control(token)
            if found is None or found[0].coordinated or other_noun_fits(token, "ppas", found[1]):
                continue
            finding = _agreement(
                self, check, segment, token, found[0], "ppas", "participle with être"
            )
            if finding is not None:
                yield finding
        for token in doc:
            control = _relative_object(token)
            if control is not None:
                finding = _agreement(
                    self,
                    check,
                    segment,
                    token,
                    control,
                    "ppas",
                    "participle with avoir, object “que” before it",
                    confidence=0.75,
                )
                if finding is not None:
                    yield finding


def _relative_object(token: Any) -> Control | None:
    if (
        token.pos_ != "VERB"
        or "Part" not in token.morph.get("VerbForm")
        or token.dep_ not in ("acl:relcl", "acl")
    ):
        return None
    if not has_aux(token, "avoir") or has_aux(token, "être") or token.lemma_ in _NO_AGREEMENT_PPAS:
        return None
    if any(c.dep_ in ("xcomp", "ccomp", "obj") and c.i > token.i for c in token.children):
        return None
    rel = [c for c in token.children if c.dep_ == "obj" and c.lower_ in ("que", "qu'", "qu’")]
    antecedent = token.head
    if len(rel) != 1 or antecedent.i != rel[0].i - 1 or antecedent.dep_ == "nmod":
        return None
    found = noun_control(antecedent)
    return Control(found.gender, found.number, f"que → {found.evidence}") if found else None


# registered after the names above, which they import
from tqa.checks import grammar_subjects  # noqa: E402,F401,I001  (TQA-GRM-005, TQA-GRM-006)
from tqa.checks import grammar_second  # noqa: E402,F401  (registers TQA-GRM-010)
