"""Whether a line without final punctuation is a clause (a headline such as
"Le chancelier rencontre les syndicats") rather than a label ("Sources",
"Conférence de presse à Astana").

Checks that need a sentence skip headings; a heading with a finite verb is a
sentence all the same. The test reads the French lexicon (hunspell-fr), not
a parse, so that it costs a few dictionary look-ups: a finite verb is a word
the lexicon knows only as a conjugated verb ("meurt", "arrivent", "sera"), a
form of être or avoir, or a conjugated form right after a subject pronoun
("il porte"). Without the lexicon every heading counts as a label.
"""

from __future__ import annotations

import re

from tqa.backends import words

#: tenses of a finite verb in the Dicollecte analyses
_FINITE = ("po:ipre", "po:iimp", "po:ipsi", "po:ifut", "po:cond", "po:spre", "po:simp")
#: forms of être and avoir, which the lexicon also knows as nouns ("l'est", "un a")
_AUXILIARIES = frozenset(
    "est sont a ont était étaient sera seront avait avaient fut furent".split()
)
_SUBJECTS = frozenset("il elle ils elles on je j tu nous vous qui".split())
#: words after which a conjugated form is a noun ("la visite", "de presse")
_NOMINAL = frozenset(
    "le la les l un une des du de d au aux à en par pour sur sans sous avec ce cet cette ces "
    "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs et ou".split()
)
#: words that may open the object of a verb: "rencontre les syndicats"
_OBJECT = frozenset(
    "le la les l un une des du au aux à en son sa ses leur leurs ce cette ces".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: longer headings are not read (a clause is found well before)
_MAX_WORDS = 40


def _finite(analyses: tuple[str, ...]) -> bool:
    return any("po:v" in a and any(t in a for t in _FINITE) for a in analyses)


def is_clause(text: str) -> bool:
    """Whether ``text`` holds a finite verb (see the module's docstring)."""
    if not words.has_dictionary("fr"):
        return False
    previous = ""
    found = list(_WORD.finditer(text[:2000]))
    for number, match in enumerate(found):
        if number >= _MAX_WORDS:
            break
        word = match.group()
        lower = word.lower()
        if number and word[:1].isupper():
            previous = ""
            continue  # a name
        if lower in _AUXILIARIES:
            return True
        analyses = words.analyze(lower, "fr")
        if analyses and _finite(analyses):
            only_verb = all("po:v" in a for a in analyses) and not any(
                "po:ppas" in a or "po:adj" in a for a in analyses
            )
            if only_verb or previous in _SUBJECTS:
                return True
            after = found[number + 1].group() if number + 1 < len(found) else ""
            if (
                number >= 2
                and previous not in _NOMINAL
                and (after.lower().rstrip("'’") in _OBJECT or after[:1].isupper())
            ):
                return True  # "Le chancelier rencontre les syndicats"
        previous = lower.rstrip("'’")
    return False
