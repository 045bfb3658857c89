"""Check families. Each module listed in MODULES registers its rules when
imported; ``all_rules()`` imports them all (lazily, on first call)."""

from __future__ import annotations

import importlib

from tqa.checks.base import REGISTRY, CheckInput, Example, Rule, rule

__all__ = ["CheckInput", "Example", "Rule", "all_rules", "get_rule", "rule"]

MODULES = (
    "tqa.checks.mixing",
    "tqa.checks.typography",
    "tqa.checks.interference",
    "tqa.checks.identifiers",
    "tqa.checks.senses",
    "tqa.checks.collocations",
    "tqa.checks.glossary",
    "tqa.checks.grammar",
    "tqa.checks.bilingual",
)


def all_rules() -> tuple[Rule, ...]:
    for module in MODULES:
        importlib.import_module(module)
    return tuple(REGISTRY[code] for code in sorted(REGISTRY))


def get_rule(code_or_name: str) -> Rule | None:
    for declared in all_rules():
        if code_or_name.upper() == declared.code or code_or_name.lower() == declared.name:
            return declared
    return None
