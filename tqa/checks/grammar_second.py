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
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

from tqa.backends import morph, resources, words
from tqa.checks.base import REGISTRY, CheckInput, Example, Rule, rule
from tqa.checks.grammar_families import default_families
from tqa.model import Finding, Segment

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
#: on professional French (WMT22 references, dev documents) it fired on measures
#: ("l'ouverture de 35 mm située")
LEFT_OUT_RULES = ("gn_nombre_chiffres",)
#: rules that read the first words of a sentence as one noun group ("Femmes mariée"):
#: kept, but not where those words are no noun group (see _start_group)
_START_GROUP = ("gn_start_2m", "gn_start_3m")
#: the rule that reads a sentence opening with a verb in -t as a wrong imperative
#: ("Finit ton assiette" → Finis): kept only where the paragraph speaks to "tu"
_IMPERATIVE_T = "imp_verbe_groupe2_groupe3_t"
#: a word of the second person singular: the paragraph says "tu" to someone
_SECOND_PERSON = re.compile(r"\b(?:tu|te|toi|ton|ta|tes|tien|tienne|tiens|tiennes)\b|\bt['’]", re.I)
#: the rest of a sentence after a word, up to its end mark
_SENTENCE_REST = re.compile(r"[^.!?…\n]{0,300}[.!?…]*")
#: what may follow a verb standing alone: "pas", "plus" or "jamais", then an end mark
_BARE_END = re.compile(r"(?:(?:pas|plus|jamais)\s*)?[.!?…]+")
#: nouns used as prepositions after a noun, which keep their own number:
#: "des questions type bac", "les gays genre clichés", "un gâteau façon grand-mère"
_PREPOSITION_NOUNS = frozenset("genre type style façon côté niveau question mode version".split())
_QUOTES = '«»"“”'
#: what follows a word inside a code or a file name: "locale.alias", "bin/", "x_y"
_CODE = re.compile(r"[./_@\\][^\W_]|[-_]?\d")
#: the words of the noun group an error is measured against: « Notice », « Grande manifestation »
_PARTNER = re.compile(r"«\s*([^»]+?)\s*»")
#: "c'est parce que … que": the second "que" belongs to the cleft, not to the verb before it
_CLEFT = re.compile(r"\bc(?:e n)?['’]est (?:pas |justement |seulement |uniquement )?parce qu", re.I)
#: a subject coordinated after its verb: "que suscitent la façon … et celle dont"
_COORDINATED_AFTER = re.compile(
    r"\bet\s+(?:l[ae]s?|l['’]|une?|des|ce|cet|cette|ces|celles?|celui|ceux|[mts](?:on|a|es)|"
    r"leurs?|notre|nos|votre|vos)\b",
    re.IGNORECASE,
)
#: prepositions that open a phrase between a noun and an adjective agreeing with it
_PREPOSITIONS = frozenset("de d du des à au aux en sans pour par avec sur sous".split())
_DETERMINERS = frozenset("le la les l' l’ un une des du au aux ce cet cette ces".split())
_SOMETHING_OF = frozenset(("chose de", "rien de", "personne de", "quoi de", "chose d'", "chose d’"))
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_FUNCTION_WORDS = frozenset("de des du le la les en au aux un une et ou".split())
_RULE_NAME = re.compile(r"__(\w+?)__")
#: what may stand before the first word of a sentence: spaces, quotes, dashes, brackets
_OPENERS = " \t\n\u00a0\u202f«»\"“”„'‘’([–—-"


class Overlaps:
    """Spans (start, end), asked whether any overlaps a given one in
    logarithmic time: a long paragraph has thousands of German spans and
    Grammalecte errors, which compared pair by pair took quadratic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # the furthest end among the spans that start at or before each one
        self._reach = list(accumulate((end for _, end in ordered), max))

    def hits(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans that start before ``end``
        return before > 0 and self._reach[before - 1] > start


def _own_spans(check: CheckInput) -> Overlaps:
    """Spans reported by tqa's own agreement rules (when their resources exist),
    from the findings the pipeline has already made on this document (a rule
    not run yet is run once, and its findings kept for the pipeline)."""
    if any(resources.by_name(n).location() is None for n in ("spacy-fr", "hunspell-fr")):
        return Overlaps(())
    spans: list[tuple[int, int]] = []
    for code in OWN_RULES:
        declared = REGISTRY.get(code)
        if declared is not None and declared.enabled(check.config):
            spans.extend((f.start, f.end) for f in check.findings_of(declared))
    return Overlaps(spans)


def _all_french(text: str) -> bool:
    """Whether every word of ``text`` is French: known to the French lexicon or
    to Grammalecte's own, which also has the reformed spellings of 1990
    ("connaitras", "aout") that Debian's hunspell-fr leaves out."""
    if not words.has_dictionary("fr"):
        return True
    from tqa.backends import grammalecte as backend

    return all(
        words.known(w, "fr") or words.known(w.lower(), "fr") or backend.morphology(w)
        for w in _WORD.findall(text)
    )


def _left_out(error: Any, text: str) -> str | None:
    """The filter that leaves a Grammalecte error out, or None: a rule left
    out, a determiner before a name or a code ("la E 95", "la St 2179":
    Grammalecte reads the letter as a noun), or "A" for "À" at the start of a
    sentence (a capital without its accent: typography, not grammar)."""
    name = _RULE_NAME.search(error.rule)
    flagged = text[error.start : error.end]
    before = text[max(0, error.start - 30) : error.start].split()
    if name and name.group(1).startswith(_START_GROUP):
        return _start_group(error, text)
    if name and name.group(1).startswith(_IMPERATIVE_T) and not _imperative(text, error.end):
        # no "tu" in the paragraph, no exclamation and a complement: a label or
        # a description whose subject is left out ("Convient à toutes les
        # surfaces", "Définit le nom du programme"), or a subject after its
        # verb ("Suit maintenant l'insonorisation")
        return "third-person"
    if name and name.group(1).startswith(LEFT_OUT_RULES):
        # a noun right after its number stays: "0 points" (zero takes the singular)
        number = before[-1].lstrip("([") if before else ""
        if not (name.group(1).startswith("gn_nombre") and number.isdigit()):
            return "rule:" + next(r for r in LEFT_OUT_RULES if name.group(1).startswith(r))
        return None
    if flagged == "A" and "À" in error.suggestions:
        return "capital-A"
    letters = _LETTERS.findall(" ".join(before[-2:]))
    if letters and letters[-1].isupper() and letters[-1].lower() in _FUNCTION_WORDS:
        return "acronym"  # an acronym read as a word: "Sky DE n'avait" (de + infinitive)
    if error.kind == "infi" and " ".join(before[-2:]).lower() in _SOMETHING_OF:
        return "something-of"  # "quelque chose de cassé", "rien de prévu"
    if (
        name
        and "sans_sujet" in name.group(1)
        and before
        and before[-1].lower() in ("et", "ou", "mais")
    ):
        return "shared-subject"  # "je retire… et commanderai"
    if error.kind == "vmode" and _CLEFT.search(text, max(0, error.start - 120), error.start):
        return "cleft"  # "ce n'est pas parce qu'il s'en défend qu'il n'est pas": no subjunctive
    if " ".join(before[-3:]).lower() == "fois de plus":
        return "set-phrase"  # "une fois de plus inviter": "de plus" is no determiner and noun
    if error.kind == "conj" and name and "verbe_sujet_sing" in name.group(1):
        # a plural verb asked to agree with the first of subjects coordinated
        # after it; a singular verb before them stays wrong ("que lit les
        # enfants et leurs parents")
        sentence = re.split(r"[.;:!?]", text[error.end : error.end + 200], maxsplit=1)[0]
        if _COORDINATED_AFTER.search(sentence):
            return "coordinated-subject"  # "que suscitent la façon … et celle dont"
    if error.kind == "gn" and flagged.lower() in _DETERMINERS:
        after = text[error.end : error.end + 3].lstrip()
        if (after[:1].isupper() or after[:1].isdigit()) and not _gendered_name(text, error.end):
            return "determiner-name"  # "la E 95", "la St 2179", "la Corona" (German for the virus)
    if error.kind == "gn" and _apposed_noun(error, text):
        return "apposition"  # "les gays genre clichés", "des questions type bac"
    return None


def _apposed_noun(error: Any, text: str) -> bool:
    """A noun used as a preposition right after another noun, flagged for not
    taking that noun's number: it keeps its own ("les gays genre clichés",
    "des questions type bac", "des robes style Empire")."""
    flagged = text[error.start : error.end]
    if flagged.lower() not in _PREPOSITION_NOUNS:
        return False
    before = text[max(0, error.start - 40) : error.start]
    previous = _WORD.search(before.rstrip(" ").rsplit(" ", 1)[-1]) if before.endswith(" ") else None
    return previous is not None and previous.group().lower() not in _FUNCTION_WORDS | _DETERMINERS


def _imperative(text: str, end: int) -> bool:
    """Whether a sentence opening with a verb in -t that ends at ``end`` is
    said to someone: the paragraph says "tu", the sentence ends with "!", or
    the verb stands alone ("Vient.", "Ne le finit pas !"): a label or a
    description always has a complement and never exclaims."""
    if _SECOND_PERSON.search(text):
        return True
    rest = _SENTENCE_REST.match(text, end)
    tail = rest.group() if rest else ""
    return tail.rstrip().endswith("!") or _BARE_END.fullmatch(tail.strip()) is not None


def _gendered_name(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a proper noun whose gender the
    lexicon records ("Cameroun" masculine, "Guyane" feminine, "États-Unis"
    masculine plural): a determiner that does not agree with it is wrong. A
    letter, an abbreviation, a code or a common noun written with a capital
    ("la E 95", "la St 2179", "la Corona") is not one."""
    from tqa.backends import grammalecte as backend

    found = _WORD.match(text, end + len(text[end:]) - len(text[end:].lstrip()))
    if found is None or len(found.group()) < 3 or found.group().isupper():
        return False
    if _CODE.match(text, found.end()):
        return False
    return any(
        analysis[1:2].isupper()  # ">Cameroun/…": the lexicon writes it with a capital
        and ";S" not in analysis  # not an abbreviation
        and any(gender != "e" for gender, _ in _forms((analysis,), "N"))
        for analysis in backend.morphology(found.group())
    )


def _start_group(error: Any, text: str) -> str | None:
    """Why an error of Grammalecte's rules on a sentence's first words
    (gn_start_*) is no agreement error, or None. Those rules take the first
    two or three nouns and adjectives of a sentence for one noun group; they
    are not one when the last of them opens the next group and agrees with
    its noun ("Bonjour chers collègues", "Bonjour chères amies": a greeting
    before a vocative), when one of the later words is a name or a code
    ("Sélecteur CSS", "Plan Leçons"), or when the word flagged agrees with
    the noun right before it, which Grammalecte passed over ("Notice de
    montage interrupteur"), or when the last word is a noun that cannot be an
    adjective, in apposition ("Élément graphique icône")."""
    from tqa.backends import grammalecte as backend

    partner = _PARTNER.search(error.message)
    tokens = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    index = next((i for i, (start, _) in enumerate(tokens) if start == error.start), None)
    if partner is None or index is None:
        return None
    names = partner.group(1).lower().split()
    if (
        index + len(names) < len(tokens)
        and [w.lower() for _, w in tokens[index + 1 : index + 1 + len(names)]] == names
    ):
        group = list(range(index, index + 1 + len(names)))  # the word flagged comes first
    else:
        # the partner before the word flagged, perhaps with words passed over between
        last = next(
            (
                i
                for i in range(index - 1, max(-1, index - 5), -1)
                if tokens[i][1].lower() == names[-1]
            ),
            None,
        )
        if last is None or last - len(names) + 1 < 0:
            return None
        group = [*range(last - len(names) + 1, last + 1), index]
    end = group[-1]
    later = [tokens[i][1] for i in group[1:]]
    span = text[tokens[group[0]][0] : tokens[end][0] + len(tokens[end][1]) + 2]
    if (
        any(w[:1].isupper() for w in later)
        or any(len(tokens[i][1]) == 1 or tokens[i][1].isupper() for i in group)
        or any(q in span for q in _QUOTES)
        or any(_CODE.match(text, tokens[i][0] + len(tokens[i][1])) for i in group)
    ):
        # a name, a code or a word quoted: "Sélecteur CSS", "Plan Leçons (EK)",
        # "-w ignorée", "primitive « test »", "fichier locale.alias"
        return "name"
    if not _forms(backend.morphology(tokens[end][1]), "A"):
        return "apposition"  # a noun after a noun: "Élément graphique icône"
    before = index - 1
    if before >= 0 and before not in group and index == end:
        if _agree_forms(
            backend.morphology(tokens[index][1]), backend.morphology(tokens[before][1])
        ):
            return "other-noun"  # "Notice de montage interrupteur": with "montage"
    if end + 1 < len(tokens):
        gap = text[tokens[end][0] + len(tokens[end][1]) : tokens[end + 1][0]]
        adjective = backend.morphology(tokens[end][1])
        noun = backend.morphology(tokens[end + 1][1])
        if (
            gap.strip() == ""
            and _forms(adjective, "A")
            and _forms(noun, "N")
            and (index != end or _agree_forms(adjective, noun))
        ):
            # "Bonjour chers collègues": "chers" goes with "collègues", not with
            # "Bonjour"; in "Bonjour chères équipe" only "chères" is wrong
            return "next-group"
    return None


def _forms(analyses: Iterable[str], cls: str) -> set[tuple[str, str]]:
    """(gender, number) of each reading of class ``cls`` (Grammalecte's tags:
    N noun, A adjective; m f e gender, s p i number)."""
    found = set()
    for analysis in analyses:
        tags = [t for t in analysis.split("/")[1:2][0].split(":") if t] if "/" in analysis else []
        if cls in tags:
            gender = next((t for t in tags if t in ("m", "f", "e")), "e")
            number = next((t for t in tags if t in ("s", "p", "i")), "i")
            found.add((gender, number))
    return found


def _agree_forms(adjective: Iterable[str], noun: Iterable[str]) -> bool:
    """Whether a word read as an adjective agrees with the next read as a noun
    (Grammalecte's analyses of each; epicene and invariable forms agree with any)."""
    return any(
        (g1 == g2 or "e" in (g1, g2)) and (n1 == n2 or "i" in (n1, n2))
        for g1, n1 in _forms(adjective, "A")
        for g2, n2 in _forms(noun, "N")
    )


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
        Example("Procédure imbriquées\n", flagged=("Procédure", "imbriquées")),
        Example("Tu es en retard. Finit ton café !\n", flagged=("Finit",)),
        Example("Convient à toutes les surfaces lisses.\n"),
        Example("Ne le finit pas !\n", flagged=("finit",)),
        # a confusion between two names: the capital is what the rule is about
        Example("Il a rencontré le général de Gaule en 1944.\n", flagged=("Gaule",)),
    ),
    requires=("grammalecte",),
)
def grammalecte(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A grammar error found by Grammalecte and not already reported by tqa's own rules.

    Grammalecte's hand-written French rules, in families: noun-group
    agreement (gn), confusions (conf) and set phrases (loc), conjugation,
    participles, infinitives, imperatives, interrogatives, moods (configuration
    key grammalecte-families; the default families and each family's measured
    precision are in corpora/lexicon/grammalecte-families.tsv). Grammalecte
    reads each paragraph whole and finds its sentences itself. It is less
    careful with machine-translated and professional text, so these are
    left out: errors on words the French lexicon does not know (except a
    misspelt homophone or set phrase with a French suggestion, "le san qui
    coule" → sang), on a capitalised word inside a sentence (a name; not a
    verb joined to its pronoun, nor a confusion between two names, "le
    général de Gaule" → Gaulle), inside a German span, on a determiner before
    a name or a code ("la E 95"), "A" for "À", an acronym read as a word
    ("Sky DE"), an adjective that agrees with the noun before a prepositional
    phrase ("des dommages au plumage observés") or makes a compound with the
    bare noun after it ("haut-parleurs large bande"), a verb before
    coordinated subjects ("que suscitent la façon … et celle"), the second
    "que" of "ce n'est pas parce que … que", a rule that misfires on
    measures, the first words of a line read as one noun group where they are
    none (a greeting: "Bonjour chers collègues"; a name or code: "Sélecteur
    CSS"), a noun in apposition flagged for not taking the number of the
    noun before it ("les gays genre clichés"), an error measured against a
    word tqa's own rules already report ("Le prochaine match": one finding),
    and a line opening with a verb in -t read as an imperative where the
    paragraph never says "tu", the sentence does not exclaim and the verb has
    a complement (a label: "Convient à toutes les surfaces"; "Vient." and
    "Sert le plat !" stay). Spelling errors are never reported.
    """
    from tqa.backends import grammalecte as backend

    families = check.config.grammalecte_families
    if families is None:
        families = tuple(default_families())
    own: Overlaps | None = None
    for paragraph in paragraphs(check):
        first, last = paragraph[0], paragraph[-1]
        text = check.text[first.start : last.end]
        errors = [e for e in backend.check(text) if e.kind in families]
        if not errors:
            continue
        if own is None:
            own = _own_spans(check)
        spans = Overlaps((span.start, span.end) for segment in paragraph for span in segment.spans)
        for error in errors:
            if dropped(error, text, first.start, spans, own) is not None:
                continue
            start = first.start + error.start
            segment = next(s for s in reversed(paragraph) if s.start <= start)
            yield self.finding(
                check,
                start,
                first.start + error.end,
                f"Grammalecte: {error.message}",
                segment=segment.id,
                confidence=CONFIDENCE,
                suggestions=error.suggestions[:3],
                evidence=f"Grammalecte rule {error.rule} ({error.kind})",
            )


def paragraphs(check: CheckInput) -> Iterator[list[Segment]]:
    """Runs of target-language segments of one paragraph (and one line) with
    nothing else between them: Grammalecte reads a paragraph and finds its sentences
    itself ("ce chien […] ne semblez pas" is one sentence; "il vient… puis
    repart" is no imperative)."""
    run: list[Segment] = []
    for segment in check.segments:
        if segment.lang != check.config.target_lang:
            if run:
                yield run
            run = []
            continue
        if run and (
            segment.block != run[-1].block or "\n" in check.text[run[-1].end : segment.start]
        ):
            yield run
            run = []
        run.append(segment)
    if run:
        yield run


def dropped(error: Any, text: str, base: int, spans: Overlaps, own: Overlaps) -> str | None:
    """Why a Grammalecte error in paragraph ``text`` (at document offset
    ``base``) is not reported: the short name of the filter, which
    scripts/eval_grammar.py counts, or None."""
    reason = _left_out(error, text)
    if reason is not None:
        return reason
    start, end = base + error.start, base + error.end
    flagged = text[error.start : error.end]
    if own.hits(start, end) or (
        error.kind == "gn"
        and flagged.lower() in _DETERMINERS
        and _partner_reported(error, text, base, own)
    ):
        return "own-rule"
    if spans.hits(start, end):
        return "other-language"
    if not _all_french(flagged) and not (
        error.kind in ("conf", "loc")
        and error.suggestions
        and all(_all_french(suggestion) for suggestion in error.suggestions)
    ):
        # a misspelt set phrase or homophone ("le san qui coulera" → sang) stays:
        # the French suggestion shows it is no German word left in place
        return "unknown-word"
    if (
        flagged[:1].isupper()
        and not _sentence_start(text, error.start)
        and not _verb(error, flagged)
        and not _name_confusion(error)
    ):
        return "name"
    if error.kind == "gn" and words.has_dictionary("fr"):
        return _agrees_elsewhere(error, text)
    return None


def _partner_reported(error: Any, text: str, base: int, own: Overlaps) -> bool:
    """Whether the word a noun-group error is measured against, within 40
    characters of it, is reported by tqa's own rules: a determiner flagged
    against an adjective that GRM-001 finds wrong for its noun is one error,
    reported once ("Le prochaine match": Grammalecte flags "Le" against
    "prochaine", GRM-001 "prochaine" against "match"). A noun flagged against
    its adjective stays ("Une grande homme": which of the two is wrong, the
    reader decides)."""
    partner = _PARTNER.search(error.message)
    if partner is None:
        return False
    names = partner.group(1).lower().split()
    for found in _WORD.finditer(text, max(0, error.start - 40), error.end + 40):
        if (
            found.group().lower() in names
            and not (error.start <= found.start() < error.end)
            and own.hits(base + found.start(), base + found.end())
        ):
            return True
    return False


def _name_confusion(error: Any) -> bool:
    """A confusion between two names: a confusion or set-phrase rule whose
    suggestion is a proper noun of Grammalecte's lexicon, which it writes
    with a capital ("le général de Gaule" → Gaulle). There the capital is
    what the rule is about; elsewhere a capitalised word is a name that
    Grammalecte read as a common word ("à La Palma" → Palme)."""
    from tqa.backends import grammalecte as backend

    return error.kind in ("conf", "loc") and any(
        analysis[1:2].isupper()
        for suggestion in error.suggestions
        for analysis in backend.morphology(suggestion)
    )


def _verb(error: Any, flagged: str) -> bool:
    """A capitalised imperative or inverted verb joined to its pronoun
    ("Achèves moi", "Définit-moi"): a verb of the lexicon, never a name."""
    first = _WORD.match(flagged)
    return (
        error.kind in ("imp", "inte")
        and first is not None
        and any("po:v" in a for a in words.analyze(first.group().lower(), "fr"))
    )


def _agrees_elsewhere(error: Any, text: str) -> str | None:
    """A noun-group error on an adjective that agrees with another noun:
    the noun before a prepositional phrase ("des dommages au plumage
    observés", "des visseuses sans fil industrielles", "la remise en état
    opérationnelle"), or the bare noun right after it, with which it makes a
    compound ("les haut-parleurs large bande")."""
    window = max(0, error.start - 80)
    tokens = [(m.start(), m.group()) for m in _WORD.finditer(text, window, error.end + 40)]
    index = next((i for i, (start, _) in enumerate(tokens) if start == error.start), None)
    if index is None or tokens[index][0] + len(tokens[index][1]) != error.end:
        return None  # not one word
    word = tokens[index][1]
    adjective = _adjective(word)
    after_preposition = index > 0 and tokens[index - 1][1].lower() in _PREPOSITIONS
    after_determiner = index > 0 and tokens[index - 1][1].lower() in _DETERMINERS
    if (
        index + 1 < len(tokens)
        and not after_determiner  # "du maquette ferroviaire": the determiner is wrong
        and (adjective is None or ("gn_pfx_" in error.rule and after_preposition))
    ):
        # the noun of a bare group, flagged for the adjective after it ("sans fil industrielles")
        word = tokens[index + 1][1]
        adjective = _adjective(word) if morph.features(tokens[index][1], "noun") else None
        index += 1
    if adjective is None or index == 0:
        return None
    before = tokens[index - 1][1].lower()
    after_start, after = tokens[index + 1] if index + 1 < len(tokens) else (0, "")
    if (
        after
        and text[after_start - 1] == " "
        and _noun(before, only=True) is not None
        and _agree(adjective, _noun(after, only=True))
    ):
        return "compound"  # "les haut-parleurs large bande"
    # N1 [adjectives] PREPOSITION [determiner] [adjectives] N2 [adjectives] ADJECTIVE
    for i in range(index - 2, max(-1, index - 7), -1):
        if tokens[i][1].lower() not in _PREPOSITIONS:
            continue
        if not (
            "gn_pfx_" in error.rule
            or tokens[i][1].lower() in _DETERMINERS
            or tokens[i + 1][1].lower() in _DETERMINERS
        ):
            return None  # a set phrase: "de manière élégant" is an error
        for j in range(i - 1, max(-1, i - 4), -1):
            noun = _noun(tokens[j][1])
            if noun is not None:
                return "other-noun" if _agree(adjective, noun) else None
            if _adjective(tokens[j][1]) is None:
                return None
        return None
    return None


#: parts of speech of the lexicon that make a word no plain noun ("dans" is also a noun there)
_NOT_NOUN = ("po:mg", "po:prep", "po:det", "po:nb", "po:pro", "po:cj")
_NOT_ONLY_NOUN = (*_NOT_NOUN, "po:adv", "po:adj")


def _noun(word: str, only: bool = False) -> morph.Features | None:
    """A noun's features; None for a function word, or (``only``) for a word
    that can also be an adjective or an adverb."""
    if not word.replace("-", "").isalpha():
        return None
    found = morph.features(word, "noun")
    avoid = _NOT_ONLY_NOUN if only else _NOT_NOUN
    if found is None or any(tag in a for a in words.analyze(word, "fr") for tag in avoid):
        return None
    return found


def _adjective(word: str) -> morph.Features | None:
    return morph.features(word, "adj") or morph.features(word, "ppas")


def _agree(adjective: morph.Features, noun: morph.Features | None) -> bool:
    """Gender and number known on both sides and the same."""
    return (
        noun is not None
        and adjective.number is not None
        and adjective.number == noun.number
        and (adjective.gender is None or adjective.gender == noun.gender)
    )
