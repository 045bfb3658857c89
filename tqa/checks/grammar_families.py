"""Grammalecte's rule families as parts of TQA-GRM-010, each selectable.

Grammalecte tags every error with the option (family) of the rule that found
it. tqa reports the families listed in the configuration key
``grammalecte-families``, or by default those marked ``yes`` in
``corpora/lexicon/grammalecte-families.tsv``; that file also carries each
family's measured figures, written by ``scripts/eval_grammar.py
--write-families`` (never typed by hand).
"""

from __future__ import annotations

from functools import lru_cache

#: family → what it checks (Grammalecte's option names and labels)
FAMILIES: dict[str, str] = {
    "gn": "noun-group agreement: determiner, noun and adjective in gender and number",
    "conf": "confusions between homophones and near-homophones (a/à, ou/où, son/sont, ce/se…)",
    "loc": "set phrases (locutions) written wrongly",
    "conj": "conjugation: the verb agrees with its subject",
    "ppas": "past participles and adjectives agreeing with the subject",
    "infi": "infinitive confused with another verb form (a mangé / manger)",
    "imp": "imperative forms",
    "inte": "interrogative forms (inversion of the subject)",
    "vmode": "verbal mood (subjunctive, indicative, conditional after a conjunction)",
    "eleu": "elisions and euphony",
}
#: the data file listing each family, whether it is on by default and its figures
DATA_FILE = "grammalecte-families.tsv"
#: used when the data file is missing: Grammalecte's verb families
FALLBACK = ("conj", "ppas", "infi", "imp", "inte", "vmode")


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], ...]:
    """Rows of the data file (family, default, figures), in file order."""
    from tqa.lexicon import read_table

    return tuple(row for row in read_table(DATA_FILE) if row.get("family") in FAMILIES)


def default_families() -> frozenset[str]:
    """The families TQA-GRM-010 reports when the configuration names none."""
    rows = table()
    if not rows:
        return frozenset(FALLBACK)
    return frozenset(row["family"] for row in rows if row.get("default") == "yes")


def figures(family: str) -> str:
    """The measured figures of one family, as the data file gives them."""
    for row in table():
        if row["family"] == family:
            return row.get("figures", "")
    return ""
