"""The language identifier is made once per process: preloaded in the
background by ``tqa check``, waited for by the first document, and a
failure to make it is met by that document's caller, not lost in the thread."""

from __future__ import annotations

import threading
import time

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from tqa.backends import langid
from tqa.cli import app


class Slow:
    """An identifier that takes a while to make, and counts how often it is made."""

    made = 0

    def __init__(self, languages: tuple[str, ...]) -> None:
        time.sleep(0.2)
        type(self).made += 1
        self.languages = languages

    def confidences(self, text: str) -> dict[str, float]:
        return {}


@pytest.fixture()
def slow(monkeypatch: pytest.MonkeyPatch) -> type[Slow]:
    monkeypatch.setattr(langid, "_MADE", {})
    monkeypatch.setattr(langid, "LinguaIdentifier", Slow)
    Slow.made = 0
    return Slow


def test_a_preloaded_identifier_is_made_once_and_waited_for(slow: type[Slow]) -> None:
    thread = langid.preload("lingua", ("fr", "de"))
    found = langid.get_identifier("lingua", ("fr", "de"))  # while the thread makes it
    thread.join()
    assert isinstance(found, Slow) and slow.made == 1
    assert langid.get_identifier("lingua", ("fr", "de")) is found
    assert langid.get_identifier("lingua", ("fr", "en")) is not found and slow.made == 2


def test_a_failed_preload_is_raised_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(langid, "_MADE", {})

    def broken(languages: tuple[str, ...]) -> None:
        raise RuntimeError("no models")

    monkeypatch.setattr(langid, "LinguaIdentifier", broken)
    hooked: list[object] = []
    monkeypatch.setattr(threading, "excepthook", hooked.append)
    langid.preload("lingua", ("fr",)).join()
    assert not hooked  # nothing escaped the thread
    with pytest.raises(RuntimeError, match="no models"):
        langid.get_identifier("lingua", ("fr",))


def test_tqa_check_preloads_the_identifier_it_uses(slow: type[Slow]) -> None:
    started: list[tuple[str, tuple[str, ...]]] = []
    preload = langid.preload

    def spy(backend: str, languages: tuple[str, ...]) -> threading.Thread:
        started.append((backend, languages))
        return preload(backend, languages)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(langid, "preload", spy)
        done = CliRunner().invoke(
            app, ["check", str(SEED), "--isolated", "--select", "TQA-MIX", "--format", "json"]
        )
    assert done.exit_code in (0, 1), done.output
    assert started == [("lingua", ("fr", "de", "en"))]
    assert slow.made == 1


def test_the_models_of_the_active_checks_load_before_the_first_document(
    slow: type[Slow], monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the identifier loads in the background, tqa check loads the
    models its checks need (Grammalecte here; spaCy is not needed by the
    selected check); a model that fails to load is left to the check."""
    from tqa import pipeline
    from tqa.backends import grammalecte, spacy_fr

    events: list[str] = []
    check_document = pipeline.check_document

    def failing() -> None:
        events.append("grammalecte")
        raise RuntimeError("not installed after all")

    def checked(*args: object, **kwargs: object) -> object:
        events.append("check")
        return check_document(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(grammalecte, "load", failing)
    monkeypatch.setattr(spacy_fr, "load", lambda *a: events.append("spacy"))
    monkeypatch.setattr(pipeline, "check_document", checked)
    done = CliRunner().invoke(
        app, ["check", str(SEED), "--isolated", "--select", "TQA-GRM-010", "--format", "json"]
    )
    if "TQA-GRM-010 skipped" in done.output:
        pytest.skip("Grammalecte is not installed")
    assert done.exit_code in (0, 1), done.output
    assert events[:2] == ["grammalecte", "check"] and "spacy" not in events
