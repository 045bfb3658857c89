"""Wording shared by the renderers for scores against a reference
(``--reference``) and the post-editing effort (``--post-edited``): plain
strings, escaped by each renderer for its format."""

from __future__ import annotations

from tqa.model import Edit, ReferenceScores

METRICS = (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER"))


def number(value: float | None) -> str:
    """A score as sacrebleu prints it (one decimal); ``n/a`` when there was no text."""
    return "n/a" if value is None else f"{value:.1f}"


def ids(values: tuple[int, ...]) -> str:
    """``3``, ``3+4``, or ``–`` for an empty side."""
    return "+".join(map(str, values)) if values else "–"


def title(ref: ReferenceScores) -> str:
    """What the scores are, in a few words."""
    if ref.kind == "post-edited":
        return "Post-editing effort against"
    return "Scores against the reference"


def headline(ref: ReferenceScores) -> str:
    """``BLEU 44.5, chrF 73.5, TER 31.2`` (TER named HTER against a post-edited version)."""
    ter = "HTER" if ref.kind == "post-edited" else "TER"
    return f"BLEU {number(ref.bleu)}, chrF {number(ref.chrf)}, {ter} {number(ref.ter)}"


def counts(ref: ReferenceScores) -> str:
    """How many beads, how paired, and how many edits."""
    how = "line by line" if ref.pairing == "lines" else "aligned"
    text = f"{len(ref.beads)} segment pairs ({how})"
    if ref.kind == "post-edited":
        edits = [e for b in ref.beads for e in b.edits]
        by_op = {
            op: sum(1 for e in edits if e.op == op) for op in ("substitute", "delete", "insert")
        }
        text += (
            f", {len(edits)} edits: {by_op['substitute']} substituted, "
            f"{by_op['delete']} deleted, {by_op['insert']} inserted"
        )
    return text


def signature(ref: ReferenceScores, name: str) -> str:
    return dict(ref.signatures).get(name, "")


def edit_label(edit: Edit) -> str:
    """``canapé → sofa``, ``− très``, ``+ fort`` (line breaks as ⏎)."""
    text = " ".join(edit.text.split())
    replacement = " ".join(edit.replacement.split())
    if edit.op == "delete":
        return f"− {text}"
    if edit.op == "insert":
        return f"+ {replacement}"
    return f"{text} → {replacement}"
