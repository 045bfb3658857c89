"""What tqa knows about itself, behind ``tqa rules``, ``tqa explain``,
``tqa doctor`` and ``tqa models list``: the rules, the resources on disk and
the cache. Returns strings; printing stays in cli.py. Imports nothing heavy."""

from __future__ import annotations

import json
from pathlib import Path

from tqa.errors import TqaError
from tqa.runner import build_config


def rules_listing(format: str) -> str:
    from tqa.checks import all_rules

    rules = all_rules()
    if format == "json":
        return (
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "category": r.category,
                        "severity": r.severity,
                        "title": r.title,
                        "description": r.description,
                        "requires": list(r.requires),
                        "default": r.default,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    width = max(len(r.name) for r in rules)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity:<8} {r.category}"
        f"{'' if r.default else '  (off by default)'}\n    {r.title}\n"
        for r in rules
    )


def _explain_hint(wanted: str) -> str:
    """What to explain instead of an unknown code: the rules of a family, or
    the one rule code or name most like it."""
    import difflib

    from tqa.checks import PREFIX, SIMILAR, all_rules

    rules = all_rules()
    upper = PREFIX + wanted.upper().removeprefix(PREFIX)
    members = [r.code for r in rules if r.code.startswith(upper + "-")]
    if wanted and members:
        shown = ", ".join(members[:6]) + (", …" if len(members) > 6 else "")
        return f": a family of {len(members)} rules ({shown}); explain one of them"
    close = difflib.get_close_matches(upper, [r.code for r in rules], n=1, cutoff=SIMILAR)
    if not close:
        close = difflib.get_close_matches(
            wanted.lower(), [r.name for r in rules], n=1, cutoff=SIMILAR
        )
    if wanted and close:
        return f"; did you mean {close[0]!r}?"
    return "; `tqa rules` lists every code"


def explain(code: str) -> str:
    from tqa.checks import get_rule

    wanted = code.strip()
    found = get_rule(wanted)
    if found is None and not wanted.upper().startswith("TQA-"):
        found = get_rule(f"TQA-{wanted}")  # mix-002 → TQA-MIX-002
    if found is None:
        raise TqaError(f"unknown rule {code!r}{_explain_hint(wanted)}")
    out = [
        f"{found.code} {found.name}",
        f"category: {found.category}",
        f"default severity: {found.severity}",
    ]
    if found.requires:
        out.append(f"requires: {', '.join(found.requires)}")
    if not found.default:
        out.append(f"off by default: runs only with --select {found.code}")
    out += ["", found.title, "", found.description, "", "Examples:"]
    for example in found.examples:
        verdict = (
            "flags " + ", ".join(f"“{t}”" for t in example.flagged)
            if example.flagged
            else "no finding"
        )
        # every line of an example indented: a text of several paragraphs
        # ran on at the margin, where it read as the rule's own description
        if example.source:
            out.append(_indented(f"source: {example.source.strip()}"))
        out.append(_indented(example.text.strip()))
        out.append(f"    → {verdict}")
    return "\n".join(out) + "\n"


def _indented(text: str) -> str:
    """``text`` indented by two spaces, each of its lines (blank ones left empty)."""
    return "\n".join(f"  {line}" if line.strip() else "" for line in text.splitlines())


def doctor(config_path: Path | None = None) -> str:
    from tqa.backends.resources import RESOURCES

    lines = ["Optional resources:"]
    for resource in RESOURCES:
        where = resource.location()
        mark = "ok     " if where else "missing"
        lines.append(f"  {mark} {resource.name:<18} {resource.purpose}")
        lines.append(f"          {where}" if where else f"          install: {resource.install}")
    lines.append(models_listing(config_path).rstrip("\n"))
    lines.append(_cache_line())
    return "\n".join(lines) + "\n"


def models_listing(config_path: Path | None = None) -> str:
    """The translation models of the configuration (``neural-model``,
    ``neural-back-model``; the opus-mt defaults when none is configured), and
    whether each is on disk. Looks at files only: imports nothing heavy."""
    from tqa.backends import marian

    cfg = build_config(config_path=config_path, first_path=None)
    configured = [
        ("neural-model", cfg.neural_model),
        ("neural-back-model", cfg.neural_back_model),
    ]
    named = [(key, name) for key, name in configured if name]
    lines = []
    if named:
        lines.append("Translation models (configured):")
    else:
        lines.append("Translation models (none configured; the defaults tqa knows):")
        named = list(zip(("neural-model", "neural-back-model"), marian.DEFAULT_MODELS, strict=True))
    for key, name in named:
        where = marian.locate(name)
        mark = "ok     " if where else "missing"
        lines.append(f"  {mark} {key:<18} {name}")
        if where:
            lines.append(f"          {where}")
        else:
            get = f"tqa models pull {name}" if not marian.is_folder_name(name) else "a model folder"
            lines.append(f"          not in {marian.hub_cache()}; get it with: {get}")
    missing = marian.missing_packages()
    if missing:
        lines.append(
            f"  missing packages for the neural checks: {', '.join(missing)} ({marian.INSTALL})"
        )
    return "\n".join(lines) + "\n"


def _cache_line() -> str:
    """Where derived tables are kept, and how much they take (safe to delete)."""
    import os

    from tqa.backends import cache

    directory = cache.directory()
    try:
        sizes = [entry.stat().st_size for entry in os.scandir(directory) if entry.is_file()]
    except OSError:
        sizes = []
    held = f"{len(sizes)} tables, {sum(sizes) / 1e6:.1f} MB" if sizes else "empty"
    return f"Cache of derived dictionary tables (safe to delete): {directory} ({held})"
