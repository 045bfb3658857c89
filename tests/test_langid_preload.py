"""The language identifier is made once per process: preloaded by ``tqa
check`` in a helper process (lingua holds the interpreter lock of the
process that builds it), waited for by the first document, and a failure to
make it is met by that document's caller, not lost in the helper."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

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
    monkeypatch.setattr(langid, "_STARTED", {})
    monkeypatch.setattr(langid, "LinguaIdentifier", Slow)
    Slow.made = 0
    return Slow


def test_a_preloaded_identifier_is_made_once_and_waited_for(slow: type[Slow]) -> None:
    langid.preload("lingua", ("fr", "de"))
    found = langid.get_identifier("lingua", ("fr", "de"))  # while the helper makes it
    assert isinstance(found, langid.LinguaHelper) and slow.made == 0
    assert langid.get_identifier("lingua", ("fr", "de")) is found
    assert langid.get_identifier("lingua", ("fr", "en")) is not found and slow.made == 1
    found.close()


#: lingua's values differ in their last bits from one process to the next
#: (its own sums run in another order), as much in two runs of tqa as
#: between tqa's process and the helper
LAST_BITS = 1e-12
TEXTS = (
    "Le président a rencontré ses homologues à Astana.",
    "Der Gipfel fand in Kasachstan statt.",
    "The summit",
    "",
    "Bonjour\nGuten Tag",
    "« Ça », 42 !",
)


def test_the_helper_answers_as_lingua_does_in_this_process() -> None:
    helper = langid.LinguaHelper(("fr", "de", "en"))
    here = langid.LinguaIdentifier(("fr", "de", "en"))
    try:
        assert helper.ready()
        for text in TEXTS:
            asked, own = helper.confidences(text), here.confidences(text)
            assert asked.keys() == own.keys(), text
            assert all(abs(asked[code] - own[code]) <= LAST_BITS for code in own), text
        # a text UTF-8 cannot write meets lingua's own error, here
        with pytest.raises(UnicodeEncodeError):
            helper.confidences("x\ud800y")
    finally:
        helper.close()


def _ready_helper() -> tuple[langid.LinguaHelper, subprocess.Popen[bytes]]:
    """A helper that has built its detector, and its process."""
    helper = langid.LinguaHelper(("fr", "de"))
    assert helper.ready()
    process = helper._process
    assert process is not None
    return helper, process


def test_a_helper_that_ends_is_replaced_by_lingua_in_this_process() -> None:
    helper, process = _ready_helper()
    process.kill()
    process.wait()
    answer = helper.confidences("Der Gipfel fand in Kasachstan statt.")
    assert max(answer, key=answer.__getitem__) == "de"
    assert helper._process is None and helper._local is not None


def test_closing_the_helper_ends_its_process() -> None:
    helper, process = _ready_helper()
    helper.close()
    assert process.returncode == 0


def test_a_helper_let_go_before_it_answered_is_stopped_not_waited_for() -> None:
    """A run that never asks the identifier (no document, or one without a
    sentence to identify) does not wait at exit for the helper to finish
    building a detector no one will use: it is stopped. Asked nothing
    afterwards either, neither call builds one in this process."""
    for let_go in ("close", "release"):
        helper = langid.LinguaHelper(("fr", "de", "en"))
        process = helper._process
        assert process is not None
        getattr(helper, let_go)()
        assert process.wait(timeout=30) == -signal.SIGKILL, let_go
        assert helper._local is None


def test_a_failed_preload_is_raised_to_the_caller(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The helper cannot build the detector: the caller builds it itself and
    meets the error."""
    monkeypatch.setattr(langid, "_MADE", {})
    monkeypatch.setattr(langid, "_STARTED", {})
    failing = tmp_path / "helper.py"
    failing.write_text("import sys\nsys.stdout.write('error\\n')\n", encoding="utf-8")
    monkeypatch.setattr(langid, "HELPER", failing)

    def broken(languages: tuple[str, ...]) -> None:
        raise RuntimeError("no models")

    monkeypatch.setattr(langid, "LinguaIdentifier", broken)
    langid.preload("lingua", ("fr",))
    with pytest.raises(RuntimeError, match="no models"):
        langid.get_identifier("lingua", ("fr",))


def test_a_pool_about_to_fork_gets_the_detector_made_here(slow: type[Slow]) -> None:
    """Forked workers must not share the helper's pipe: langid.settle makes
    the detector in this process (the workers inherit it) and lets the
    helper go, and a helper nobody asked for is let go too."""
    langid.preload("lingua", ("fr", "de"))
    helper = langid.get_identifier("lingua", ("fr", "de"))
    assert isinstance(helper, langid.LinguaHelper)
    langid.preload("lingua", ("fr", "en"))
    unused = langid._STARTED[("lingua", ("fr", "en"))]
    langid.settle()
    assert isinstance(langid.get_identifier("lingua", ("fr", "de")), Slow)
    assert helper._process is None and unused._process is None and not langid._STARTED


def test_tqa_check_preloads_the_identifier_it_uses(slow: type[Slow]) -> None:
    started: list[tuple[str, tuple[str, ...]]] = []
    preload = langid.preload

    def spy(backend: str, languages: tuple[str, ...]) -> None:
        started.append((backend, languages))
        preload(backend, languages)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(langid, "preload", spy)
        done = CliRunner().invoke(
            app, ["check", str(SEED), "--isolated", "--select", "TQA-MIX", "--format", "json"]
        )
    assert done.exit_code in (0, 1), done.output
    assert started == [("lingua", ("fr", "de", "en"))]
    helper = langid.get_identifier("lingua", ("fr", "de", "en"))
    assert isinstance(helper, langid.LinguaHelper) and slow.made == 0
    helper.close()


def test_a_batch_for_a_process_pool_starts_no_helper(slow: type[Slow], tmp_path: Path) -> None:
    """--jobs 2 on several documents: the workers inherit a detector made in
    this process, so no helper builds lingua's a second time; the detector
    is made once, here."""
    started: list[tuple[str, tuple[str, ...]]] = []
    preload = langid.preload

    def spy(backend: str, languages: tuple[str, ...]) -> None:
        started.append((backend, languages))
        preload(backend, languages)

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Le fichier {name} a été enregistré.\n", "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(langid, "preload", spy)
        done = CliRunner().invoke(
            app, ["check", str(tmp_path), "--jobs", "2", "--isolated", "--select", "TQA-MIX"]
        )
    assert done.exit_code in (0, 1), done.output
    assert started == [] and slow.made == 1


def test_a_lone_file_that_cannot_be_read_is_answered_before_the_models_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tqa check of one binary file: its one-line error, exit 2, without
    loading the models first (it took 2.4 s, against 0.6 s now); a readable
    file still loads them before it is checked."""
    from tqa import runner

    loaded: list[str] = []
    monkeypatch.setattr(runner, "_preload", lambda config, **_: loaded.append("models"))
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"PK\x03\x04\x00\x00" * 100)
    done = CliRunner().invoke(app, ["check", str(binary), "--isolated"])
    assert done.exit_code == 2 and "binary" in done.stderr, done.output
    assert len(done.stderr.strip().splitlines()) == 1 and loaded == []
    text = tmp_path / "a.txt"
    text.write_text("Le sommet a lieu lundi.\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["check", str(text), "--isolated", "--select", "TQA-TYP"])
    assert done.exit_code in (0, 1), done.output
    assert loaded == ["models"]


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


def test_a_released_helper_ends_and_later_questions_are_answered_here() -> None:
    """Once the documents are checked the helper is let go (langid.release),
    to end while the report is written; a question after that is answered
    by lingua in this process."""
    helper, process = _ready_helper()
    helper.release()
    assert process.wait(timeout=30) == 0
    answer = helper.confidences("Le sommet a eu lieu au Kazakhstan.")
    assert max(answer, key=answer.__getitem__) == "fr"
    assert helper._local is not None and helper._process is None


def test_the_word_lists_of_identification_load_before_the_first_document(
    slow: type[Slow], monkeypatch: pytest.MonkeyPatch
) -> None:
    """wordfreq's tables and the hunspell dictionaries every document's
    identification reads load while the helper builds lingua's detector; one
    that fails to load is left to the identification."""
    from tqa import pipeline
    from tqa.backends import frequencies, words

    events: list[str] = []
    table, check_document = frequencies.table, pipeline.check_document

    def counted(lang: str) -> object:
        events.append(f"table {lang}")
        if lang == "en":
            raise RuntimeError("no English list after all")
        return table(lang)

    def checked(*args: object, **kwargs: object) -> object:
        events.append("check")
        return check_document(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(frequencies, "table", counted)
    monkeypatch.setattr(words, "has_dictionary", lambda lang: events.append(f"hunspell {lang}"))
    monkeypatch.setattr(pipeline, "check_document", checked)
    done = CliRunner().invoke(
        app, ["check", str(SEED), "--isolated", "--select", "TQA-TYP", "--format", "json"]
    )
    assert done.exit_code in (0, 1), done.output
    first = events.index("check")
    assert events[:first] == [
        "table fr", "table de", "table en", "hunspell fr", "hunspell de"
    ]  # fmt: skip
