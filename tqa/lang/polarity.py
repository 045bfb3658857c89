"""Negation and time limits in German and French, for the accuracy checks.

Negation: German marks it with a word (nicht, kein, nie, nichts, niemand,
weder, ohne); French with a second word after *ne* (pas, plus, jamais, rien,
personne, aucun, guère, ni) or with *sans*, *non*, *aucun*. A bare *ne* is
not a negation (*ne … que* is "only", and an expletive *ne* follows *avant
que*), except before pouvoir, savoir, oser and cesser (*ne peut se faire*),
and *plus*, *personne* and *point* are negations only after *ne*; but
*personne* and *nul* before *ne* are the negative subject (*personne n'est
venu*), *personne* opening a clause is one too (*Et personne*), and so is
*nulle part*.

Time limits: *bis* (until, by) against *dès*, *à partir de*, *depuis* (from);
*ab* and *seit* (from, since) against *jusqu'à*, *avant* (until, before);
*vor* (before) against *après* (after). A translation that swaps one for the
other reverses a deadline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tqa.word_align import Token

GERMAN_NEGATION = frozenset(
    "nicht kein keine keinen keinem keiner keines keinerlei nie niemals nichts niemand "
    "niemanden niemandem nirgends nirgendwo weder ohne".split()
)
#: French words that negate on their own
FRENCH_NEGATION = frozenset("pas jamais rien aucun aucune aucuns aucunes guère ni sans non".split())
#: French words that negate only after ne/n'
FRENCH_AFTER_NE = frozenset("plus personne point".split())
_NE = frozenset({"ne", "n"})
#: how far after ne/n' its second word may stand (ne l'a plus jamais vu)
NE_REACH = 5


def german_negations(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.lower in GERMAN_NEGATION]


def french_negations(tokens: Sequence[Token]) -> list[Token]:
    found = []
    for i, token in enumerate(tokens):
        low = token.lower
        if low in FRENCH_NEGATION:
            if low == "pas" and i + 1 < len(tokens) and tokens[i + 1].lower == "mal":
                continue  # pas mal: quite a lot
            found.append(token)
        elif low in FRENCH_AFTER_NE and any(
            t.lower in _NE for t in tokens[max(0, i - NE_REACH) : i]
        ):
            found.append(token)
        elif low in _NE and _bare_ne_negates(tokens, i):
            found.append(token)
        elif low in _NEGATIVE_SUBJECTS and _negative_subject(tokens, i):
            found.append(token)
    return found


#: pronouns that negate as the subject of a following *ne* (personne n'est
#: venu, nul ne sait) or, for *personne*, alone at the head of a clause
_NEGATIVE_SUBJECTS = frozenset({"personne", "nul", "nulle"})
#: words after which *personne* still opens its clause (et personne, mais
#: personne), where a determiner or preposition makes it the noun (une
#: personne, en personne, par personne)
#: determiners that make *personne* the noun, also before *ne* (la personne ne
#: mange que…, chaque personne ne peut…)
_DETERMINERS = frozenset(
    "la une cette chaque toute ma ta sa notre votre leur quelle quelque certaine".split()
)
_CLAUSE_OPENERS = frozenset("et mais ou ni car donc or puis presque quasiment absolument".split())


def _negative_subject(tokens: Sequence[Token], i: int) -> bool:
    """*personne* or *nul* before *ne* (Personne n'est venu: nobody came),
    *nulle part* (nowhere), and *personne* opening a clause without a
    determiner (Personne., Et personne qui …)."""
    low = tokens[i].lower
    after = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if i > 0 and tokens[i - 1].lower in _DETERMINERS:
        return False  # la personne ne mange que des légumes: the noun
    if after in _NE:
        return True
    if low == "nulle":
        return after == "part"
    return low == "personne" and (i == 0 or tokens[i - 1].lower in _CLAUSE_OPENERS)


#: verbs after which a bare *ne* negates on its own (il ne peut venir, je ne sais)
_BARE_NE_VERBS = re.compile(
    r"(?:peu[xt]?|pouv\w*|pourr\w*|pu|sai[st]|sav\w*|saur\w*|os\w*|cess\w*)$"
)
#: clitics between ne and its verb (ne le peut, ne s'en sait)
_CLITICS = frozenset("le la les l lui leur y en se s me m te t nous vous".split())


def _bare_ne_negates(tokens: Sequence[Token], i: int) -> bool:
    """*ne* before pouvoir, savoir, oser or cesser negates without *pas*
    (la livraison ne peut se faire), unless *que* follows (ne peut que: only)."""
    j = i + 1
    while j < len(tokens) and tokens[j].lower in _CLITICS:
        j += 1
    if j >= len(tokens) or not _BARE_NE_VERBS.match(tokens[j].lower):
        return False
    after = {t.lower for t in tokens[j + 1 : j + 1 + NE_REACH]}
    # ne peut que (only); ne peut pas: the second word is the negation counted
    return not after & {"que", "qu", *FRENCH_NEGATION, *FRENCH_AFTER_NE}


# German time prepositions followed by something that reads as a time
_TIME = (
    r"(?:\d|ende|anfang|mitte|beginn|januar|februar|märz|april|mai|juni|juli|august|september"
    r"|oktober|november|dezember|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|morgen|heute|jahresende|jahresbeginn|monatsende|frühjahr|sommer|herbst|winter|spätestens"
    r"|zum|zur|dem|den|der|nächste|kommende|vergangene|letzte|weihnachten|ostern|silvester)"
)
GERMAN_UNTIL = re.compile(
    rf"(?<!\w)(?:bis(?:\s+(?:spätestens|zum|zur))?|spätestens)\s+{_TIME}", re.I
)
GERMAN_FROM = re.compile(rf"(?<!\w)(?:ab|seit)\s+{_TIME}", re.I)
GERMAN_BEFORE = re.compile(rf"(?<!\w)vor\s+(?:dem\s+|der\s+)?{_TIME}", re.I)
FRENCH_UNTIL = re.compile(
    r"(?<!\w)(?:jusqu|jusque|d['’]ici|avant|au plus tard|pour le|pour la|d['’]ici à|limite|délai|échéance)",
    re.I,
)
FRENCH_FROM = re.compile(r"(?<!\w)(?:dès|à partir d|depuis|à compter d|à dater d)", re.I)
FRENCH_AFTER = re.compile(r"(?<!\w)(?:après|passé|au-delà d|au delà d|suite à)(?!\w)", re.I)
FRENCH_BEFORE = re.compile(
    r"(?<!\w)(?:avant|il y a|auparavant|d['’]ici|jusqu|au plus tard|plus tôt|précédent)", re.I
)
