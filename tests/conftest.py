from __future__ import annotations

from pathlib import Path

import pytest

from tqa.backends import words
from tqa.config import Config
from tqa.model import Document, DocumentReport
from tqa.pipeline import check_document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "kazakhstan-summit.fr.txt"

needs_hunspell = pytest.mark.skipif(
    not (words.has_dictionary("fr") and words.has_dictionary("de")),
    reason="hunspell-fr/hunspell-de-de and the hunspell binding are not installed",
)


def check_text(
    text: str, config: Config | None = None, *, source: str | None = None
) -> DocumentReport:
    config = config or Config()
    src = Document("source.txt", source) if source is not None else None
    return check_document(Document("example.txt", text), config, source=src)


@pytest.fixture(scope="session")
def seed_report() -> DocumentReport:
    text = SEED.read_text(encoding="utf-8")
    return check_document(Document(str(SEED), text), Config())
