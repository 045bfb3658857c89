"""The halves of the WMT22 references that scripts/eval_accuracy.py tunes on
(half 1) and only measures (half 2)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from wmt22 import half  # noqa: E402


def test_a_document_is_always_in_the_same_half_whatever_the_order() -> None:
    ids = [f"doc-{i}" for i in range(400)]
    first = {i: half(i) for i in ids}
    assert {i: half(i) for i in reversed(ids)} == first
    assert set(first.values()) == {1, 2}
    # sha256 spreads the ids evenly: neither half holds fewer than 40 %
    assert 0.4 < sum(h == 1 for h in first.values()) / len(ids) < 0.6


def test_the_half_is_the_parity_of_the_sha256_of_the_id() -> None:
    # sha256("nzz.ch.18035") is even, sha256("ecommerce_de_3") odd
    import hashlib

    for doc in ("nzz.ch.18035", "ecommerce_de_3", "t3_r0k6ip"):
        even = int(hashlib.sha256(doc.encode()).hexdigest(), 16) % 2 == 0
        assert half(doc) == (1 if even else 2)
