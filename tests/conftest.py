from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


def check_pair(
    folder: Path, french: str, german: str, select: str, name: str = "text"
) -> tuple[int, list[dict[str, Any]]]:
    """``tqa check NAME.fr.txt --source NAME.de.txt --select SELECT`` through
    the real CLI, a line a segment: the exit status and the findings."""
    from typer.testing import CliRunner

    from tqa.cli import app

    target, source = folder / f"{name}.fr.txt", folder / f"{name}.de.txt"
    target.write_text(french, encoding="utf-8")
    source.write_text(german, encoding="utf-8")
    options = ["--isolated", "--segmentation", "lines", "--format", "json", "--select", select]
    result = CliRunner().invoke(app, ["check", str(target), "--source", str(source), *options])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["documents"][0]["findings"]


@pytest.fixture(scope="session")
def seed_report() -> DocumentReport:
    text = SEED.read_text(encoding="utf-8")
    return check_document(Document(str(SEED), text), Config())
