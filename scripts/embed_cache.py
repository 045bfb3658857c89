"""A sentence-embedding encoder kept on disk between evaluation runs.

Embedding is the slow part of the embedding scorer (tens of sentences a second
on two cores): the evaluation scripts wrap the backend's encoder with this
file-backed cache so that tuning runs embed each text once. The cache is a
``.npz`` file of texts and float32 vectors, written with ``numpy.savez`` and
read back with ``allow_pickle=False``; it is keyed by the exact text.

    from scripts.embed_cache import persistent_encoder
    encode = persistent_encoder(Path("/tmp/tqa-embeddings.npz"))
    vectors = encode(["Guten Tag.", "Bonjour."])
    encode.save()
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.backends import embeddings  # noqa: E402

DEFAULT = Path.home() / ".cache" / "tqa" / "eval-embeddings.npz"


class PersistentEncoder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._inner = embeddings.encoder()
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = 0
        self.embedded = 0
        if path.exists():
            with np.load(path, allow_pickle=False) as data:
                for text, vec in zip(data["texts"].tolist(), data["vectors"], strict=True):
                    self._vectors[text] = vec
        self.dim = next(iter(self._vectors.values())).shape[0] if self._vectors else 384

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [t.strip()[: embeddings.MAX_CHARS] for t in texts]
        todo = sorted({k for k in keys if k and k not in self._vectors})
        if todo:
            vectors = self._inner(todo)
            self._vectors.update(zip(todo, vectors, strict=True))
            self._dirty += len(todo)
            self.embedded += len(todo)
            if self._dirty >= 500:
                self.save()
        out = np.zeros((len(keys), self.dim), dtype=np.float32)
        for n, k in enumerate(keys):
            if k:
                out[n] = self._vectors[k]
        return out

    def save(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        texts = list(self._vectors)
        tmp = self.path.with_name(self.path.name + ".tmp.npz")
        np.savez(tmp, texts=np.array(texts), vectors=np.stack([self._vectors[t] for t in texts]))
        tmp.replace(self.path)
        self._dirty = 0


def persistent_encoder(path: Path = DEFAULT) -> PersistentEncoder:
    return PersistentEncoder(path)
