"""Check families. Each module listed in MODULES registers its rules when
imported; ``all_rules()`` imports them all (lazily, on first call).

Rule codes are looked up here, case-insensitively, for ``tqa explain``,
``--select``/``--ignore``, ``severities`` and inline ``tqa: ignore[...]``
comments: a code may be written without its ``TQA-`` prefix
(``mix-002``), and a rule may also be named (``source-word-in-target``).
"""

from __future__ import annotations

import difflib
import importlib

from tqa.checks.base import REGISTRY, CheckInput, Example, Rule, rule

__all__ = [
    "CheckInput",
    "Example",
    "Rule",
    "all_rules",
    "closest_code",
    "families",
    "get_rule",
    "rule",
    "selector_prefix",
    "unknown_rule_hint",
]

MODULES = (
    "tqa.checks.mixing",
    "tqa.checks.typography",
    "tqa.checks.form",
    "tqa.checks.interference",
    "tqa.checks.identifiers",
    "tqa.checks.senses",
    "tqa.checks.collocations",
    "tqa.checks.glossary",
    "tqa.checks.grammar",
    "tqa.checks.bilingual",
    "tqa.checks.accuracy",
    "tqa.checks.accuracy_names",
    "tqa.checks.accuracy_meaning",
    "tqa.checks.accuracy_phrases",
    "tqa.checks.accuracy_senses",
    "tqa.checks.accuracy_person",
    "tqa.checks.accuracy_capitals",
    "tqa.checks.accuracy_modal",
    "tqa.checks.accuracy_days",
    "tqa.checks.accuracy_gender",
    "tqa.checks.structure",
    "tqa.checks.neural",
)

PREFIX = "TQA-"
#: difflib ratio above which a known code is offered as "did you mean"
SIMILAR = 0.7


_imported = False


def all_rules() -> tuple[Rule, ...]:
    global _imported
    if not _imported:  # the rule modules register their rules when imported
        for module in MODULES:
            importlib.import_module(module)
        _imported = True
    return tuple(REGISTRY[code] for code in sorted(REGISTRY))


def _tables() -> tuple[frozenset[str], dict[str, Rule]]:
    """Every prefix of every code, and each rule by code, short code and name:
    built again only when a rule was registered since."""
    global _table_cache
    rules = all_rules()
    if _table_cache is None or _table_cache[0] != len(rules):
        prefixes = frozenset(r.code[:n] for r in rules for n in range(1, len(r.code) + 1))
        keys: dict[str, Rule] = {}
        for declared in reversed(rules):  # the first rule wins, as a scan in code order
            keys[declared.name] = declared
            keys[declared.code.removeprefix(PREFIX)] = declared
            keys[declared.code] = declared
        _table_cache = (len(rules), prefixes, keys)
    return _table_cache[1], _table_cache[2]


_table_cache: tuple[int, frozenset[str], dict[str, Rule]] | None = None


def get_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (any case, ``TQA-`` optional) or name."""
    wanted = code_or_name.strip()
    keys = _tables()[1]
    return keys.get(wanted.upper()) or keys.get(wanted.lower())


def selector_prefix(selector: str) -> str | None:
    """A ``--select``/``--ignore`` entry as the code prefix it stands for, or
    None when it matches no rule.

    An entry is a rule code or a prefix of codes (``TQA-TYP``, ``TQA-MT-00``,
    ruff-style), in any case, with or without ``TQA-``, or a rule name."""
    wanted = selector.strip().upper()
    if not wanted:
        return None
    prefixes = _tables()[0]
    for candidate in (wanted, PREFIX + wanted):
        if candidate in prefixes:
            return candidate
    named = get_rule(selector)
    return named.code if named is not None else None


def families() -> list[str]:
    """Code prefixes of the check families: TQA-ALN, TQA-GRM, …"""
    return sorted({declared.code.rsplit("-", 1)[0] for declared in all_rules()})


def closest_code(text: str) -> str | None:
    """The rule code, family prefix (``TQA-TYP``) or rule name most like
    ``text``, for a "did you mean" hint."""
    rules = all_rules()
    upper = [declared.code for declared in rules] + families()
    wanted = text.strip().upper()
    for query in (wanted, PREFIX + wanted.removeprefix(PREFIX)):
        close = difflib.get_close_matches(query, upper, n=1, cutoff=SIMILAR)
        if close:
            return close[0]
    names = [declared.name for declared in rules]
    close = difflib.get_close_matches(text.strip().lower(), names, n=1, cutoff=SIMILAR)
    return close[0] if close else None


def unknown_rule_hint(text: str) -> str:
    """``; did you mean 'X'?``, or the families and a pointer to ``tqa rules``."""
    close = closest_code(text)
    if close is not None:
        return f"; did you mean {close!r}?"
    return f"; rule families: {', '.join(families())} (`tqa rules` lists every code)"
