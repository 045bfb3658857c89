"""Reading the WMT22 de→fr test set (../shared/data/wmt22-defr), shared by the
evaluation scripts. The data stays outside the project; these helpers say so
when it is absent."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WMT = ROOT.parent / "shared" / "data" / "wmt22-defr" / "wmttest2022.de-fr.all.xml"
#: the blind annotation of WMT22 MT sentences (dev and test splits, by document)
ANNOTATION = ROOT / "corpora" / "dev" / "accuracy-wmt22.jsonl"


@dataclass
class WmtDoc:
    id: str
    domain: str
    src: list[str]
    ref: list[str]
    hyps: dict[str, list[str]] = field(default_factory=dict)


def read_wmt(path: Path = WMT) -> list[WmtDoc]:
    """Every document, its segments in order (seg ids are 1-based in the file)."""
    docs = []
    for doc in ET.parse(path).getroot().iter("doc"):

        def segs(node: ET.Element | None) -> list[str]:
            return [s.text or "" for s in node.iter("seg")] if node is not None else []

        docs.append(
            WmtDoc(
                id=doc.get("id", "?"),
                domain=doc.get("domain", "?"),
                src=segs(doc.find("src")),
                ref=segs(doc.find("ref")),
                hyps={h.get("system", "?"): segs(h) for h in doc.findall("hyp")},
            )
        )
    return docs


def sha(text: str) -> str:
    """Short fingerprint of a sentence, to notice if the data a key points to changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def half(doc_id: str) -> int:
    """1 or 2: the half of the documents a document belongs to, by the sha256
    of its id (deterministic, independent of the order of the file). Rules
    are tuned by reading the findings of half 1; half 2 is only measured."""
    return 1 if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else 2


def test_documents(annotation: Path = ANNOTATION) -> set[str]:
    """Ids of the documents in the annotation's test split: the evaluations
    that read findings on MT leave them out, so that the test split stays
    measured only."""
    with annotation.open(encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines if line.strip())
        return {str(row["doc"]) for row in rows if row.get("split") == "test"}
