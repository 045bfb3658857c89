"""Baselines: accept today's findings, gate only on new ones.

``tqa check --write-baseline FILE`` records, per document path, one
fingerprint per finding: its code, its text and a hash of its context (the
characters around it on its line, whitespace collapsed). Offsets and line
numbers are not part of it, so editing other lines does not make old findings
new. ``--baseline FILE`` drops the findings that match the baseline (counting
duplicates) from the report: they neither show nor count for the score or the
gate, and the document gets a note with their number.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections import Counter
from typing import Any

from tqa.errors import InputError
from tqa.model import DocumentReport, Finding, Report

VERSION = 1
#: characters of context on each side of a finding that go into its fingerprint
CONTEXT = 40

Fingerprint = tuple[str, str, str]


def fingerprint(text: str, finding: Finding) -> Fingerprint:
    # Context stops at the line's ends, so that edits on other lines leave it alone.
    before = text[max(0, finding.start - CONTEXT) : finding.start].rsplit("\n", 1)[-1]
    after = text[finding.end : finding.end + CONTEXT].split("\n", 1)[0]
    before, after = " ".join(before.split()), " ".join(after.split())
    digest = hashlib.sha256(f"{before}\0{finding.text}\0{after}".encode()).hexdigest()[:16]
    return finding.code, finding.text, digest


def _key(path: str) -> str:
    """The document's key in a baseline: its path as typed, with "/" for
    "\\" and written the shortest way ("./a//b.txt" is "a/b.txt")."""
    return posixpath.normpath(path.replace("\\", "/"))


def _keys(path: str) -> list[str]:
    """Every key a baseline may know the document by, its own first: the
    path as typed, and the same file named the other way round, absolute
    for a relative path, relative to the working folder for an absolute one
    inside it (through links too: a shell's ``$PWD`` may name the folder by
    a link that the process's working folder resolves), so that
    ``tqa check a.txt --write-baseline b.json`` and ``tqa check $PWD/a.txt
    --baseline b.json`` meet, either way round."""
    keys = [_key(path)]
    if path == "-":
        return keys
    try:
        here = os.getcwd()
        named = [os.path.abspath(path), os.path.realpath(path)]
        keys += [_key(p) for p in named]
        for full, folder in ((named[0], here), (named[1], os.path.realpath(here))):
            relative = os.path.relpath(full, folder)
            if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
                keys.append(_key(relative))
    except (OSError, ValueError):  # no working folder, another drive
        pass
    return list(dict.fromkeys(keys))


def dumps(report: Report) -> str:
    documents: dict[str, list[dict[str, str]]] = {}
    for doc in report.documents:
        prints = sorted(fingerprint(doc.text, f) for f in doc.findings)
        documents[_key(doc.path)] = [{"code": c, "text": t, "context": h} for c, t, h in prints]
    data: dict[str, Any] = {"tqa_baseline": VERSION, "documents": dict(sorted(documents.items()))}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: str) -> dict[str, Counter[Fingerprint]]:
    """The baseline at ``path``: a file of at most BASELINE_MAX_BYTES (a pipe,
    as from ``<(git show main:baseline.json)``, is read once, as much)."""
    from tqa.read.text import BASELINE_MAX_BYTES, read_limited

    raw = read_limited(path, BASELINE_MAX_BYTES, "baseline", pipes=True, json=True)
    try:
        data = json.loads(raw.decode("utf-8"))
        version = data.get("tqa_baseline")
        if type(version) is not int or version != VERSION:  # `true` is not version 1
            raise ValueError(f"unsupported baseline version {version!r}")
        return {
            _key(name): Counter((i["code"], i["text"], i["context"]) for i in items)
            for name, items in data["documents"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: not a tqa baseline ({exc})") from None
    except RecursionError:
        raise InputError(f"{path}: not a tqa baseline (JSON nested too deeply to read)") from None


def apply(
    doc: DocumentReport, baseline: dict[str, Counter[Fingerprint]]
) -> tuple[tuple[Finding, ...], int]:
    """The findings of ``doc`` that are not in the baseline, and how many were."""
    name = next((k for k in _keys(doc.path) if k in baseline), None)
    known = Counter(baseline[name]) if name is not None else Counter()
    new: list[Finding] = []
    for finding in doc.findings:
        key = fingerprint(doc.text, finding)
        if known[key] > 0:
            known[key] -= 1
        else:
            new.append(finding)
    return tuple(new), len(doc.findings) - len(new)
