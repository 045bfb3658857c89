"""The neural checks (TQA-NEU-001 token confidence, TQA-NEU-002 round trip),
end to end through the command line, on tiny Marian models built and trained
here (tests/tiny_marian.py): nothing is downloaded. The models are kept in
pytest's cache folder, keyed by the builder's source, so only the first run
pays for building them (about 20 s of CPU on two cores).

Tests that need torch, transformers and sentencepiece (the test extra
installs them) are skipped without them; the rest run everywhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.backends import marian
from tqa.checks.neural import Span, unlikely_spans
from tqa.cli import app
from tqa.merge import merge
from tqa.model import Finding

ROOT = Path(__file__).resolve().parents[1]
HAS_NEURAL = marian.available()
needs_neural = pytest.mark.skipif(not HAS_NEURAL, reason=f"needs {marian.INSTALL}")

GERMAN = "Der Gipfel beginnt am Montag.\n"
RIGHT = "Le sommet commence lundi.\n"
WRONG = "Le tribunal commence lundi.\n"


@pytest.fixture(scope="session")
def models(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """Tiny de→fr and fr→de models (built once, kept in pytest's cache when it is on)."""
    if not HAS_NEURAL:
        pytest.skip(f"needs {marian.INSTALL}")
    from tests import tiny_marian

    key = hashlib.sha256(Path(tiny_marian.__file__).read_bytes()).hexdigest()[:12]
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        folder = Path(cache.mkdir(f"tiny-marian-{key}"))
    else:
        folder = tmp_path_factory.mktemp("tiny-marian")
    forward, back = folder / "de-fr", folder / "fr-de"
    if marian.missing_files(forward) or marian.missing_files(back):
        tiny_marian.build_pair(folder)
    return forward, back


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def check_json(*args: str) -> dict:  # type: ignore[type-arg]
    """The JSON report of the neural checks alone (the others are tested elsewhere)."""
    options = ("--format", "json", "--isolated", "--fail-under", "0", "--select", "TQA-NEU")
    code, out, err = run("check", *args, *options)
    assert code in (0, 1), err
    return json.loads(out)["documents"][0]  # type: ignore[no-any-return]


# -- token confidence against the source ---------------------------------------


@needs_neural
def test_an_unlikely_word_is_reported_with_the_models_choice(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    source = write(tmp_path, "a.de.txt", GERMAN)
    target = write(tmp_path, "a.fr.txt", WRONG)
    doc = check_json(target, "--source", source, "--neural-model", str(forward), "--device", "cpu")
    found = [f for f in doc["findings"] if f["code"] == "TQA-NEU-001"]
    assert [f["text"] for f in found] == ["tribunal"]
    finding = found[0]
    assert WRONG[finding["start"] : finding["end"]] == "tribunal"
    assert finding["severity"] == "minor"
    assert finding["suggestions"] == ["sommet"]
    assert "Gipfel" in finding["evidence"] and "probability" in finding["evidence"]
    assert 0 < finding["confidence"] < 0.8


@needs_neural
def test_a_faithful_translation_gives_no_neural_finding(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    source = write(tmp_path, "a.de.txt", GERMAN + "Die Kommission tagt in Berlin.\n")
    target = write(tmp_path, "a.fr.txt", RIGHT + "La commission se réunit à Berlin.\n")
    doc = check_json(target, "--source", source, "--neural-model", str(forward))
    assert [f for f in doc["findings"] if f["code"].startswith("TQA-NEU")] == []
    assert not [n for n in doc.get("notes", []) if "NEU" in n["message"]]


@needs_neural
def test_a_sentence_longer_than_the_model_reads_is_cut_not_an_error(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, back = models
    long = " ".join(["Le sommet commence lundi et"] * 60) + " fin.\n"
    target = write(tmp_path, "a.fr.txt", long)
    source = write(
        tmp_path, "a.de.txt", " ".join(["Der Gipfel beginnt am Montag und"] * 60) + ".\n"
    )
    for extra in (("--source", source), ("--neural-back-model", str(back))):
        doc = check_json(target, "--neural-model", str(forward), *extra)
        assert not [n for n in doc["notes"] if n["kind"] == "check-error"], doc["notes"]


@needs_neural
def test_worker_processes_check_with_the_model_too(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    for n in range(3):
        write(tmp_path, f"a{n}.de.txt", GERMAN)
        write(tmp_path, f"a{n}.fr.txt", WRONG)
    options = ("--isolated", "--select", "TQA-NEU", "--format", "json", "--jobs", "2")
    code, out, err = run("check", str(tmp_path), *options, "--neural-model", str(forward))
    assert code in (0, 1), err
    found = [[f["text"] for f in d["findings"]] for d in json.loads(out)["documents"]]
    assert found == [["tribunal"]] * 3
    assert "Loading weights" not in err


@needs_neural
def test_mixed_document_twins_are_force_decoded(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    mixed = write(tmp_path, "mixed.txt", GERMAN + "\n" + WRONG)
    doc = check_json(mixed, "--neural-model", str(forward))
    assert [f["text"] for f in doc["findings"] if f["code"] == "TQA-NEU-001"] == ["tribunal"]


@needs_neural
def test_model_named_in_tqa_toml_relative_to_it(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    (tmp_path / "models").mkdir()
    os.symlink(forward, tmp_path / "models" / "de-fr")
    (tmp_path / "tqa.toml").write_text(
        'neural-model = "models/de-fr"\nfail-under = 0\ndevice = "cpu"\nselect = ["TQA-NEU"]\n',
        encoding="utf-8",
    )
    source = write(tmp_path, "a.de.txt", GERMAN)
    target = write(tmp_path, "a.fr.txt", WRONG)
    config = str(tmp_path / "tqa.toml")
    code, out, err = run(
        "check", target, "--source", source, "--format", "json", "--config", config
    )
    assert code in (0, 1), err
    doc = json.loads(out)["documents"][0]
    assert [f["text"] for f in doc["findings"] if f["code"] == "TQA-NEU-001"] == ["tribunal"]


# -- round trip without a source -------------------------------------------------


@needs_neural
def test_round_trip_reports_what_german_cannot_give_back(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, back = models
    target = write(tmp_path, "a.fr.txt", WRONG)
    doc = check_json(target, "--neural-model", str(forward), "--neural-back-model", str(back))
    found = [f for f in doc["findings"] if f["code"] == "TQA-NEU-002"]
    assert [f["text"] for f in found] == ["tribunal"]
    assert "round trip through German: “Die " in found[0]["evidence"]  # the German it went through
    assert found[0]["suggestions"] and found[0]["suggestions"] != ["tribunal"]


@needs_neural
def test_round_trip_is_silent_on_what_it_reproduces_and_with_a_source(
    tmp_path: Path, models
) -> None:  # type: ignore[no-untyped-def]
    forward, back = models
    target = write(tmp_path, "a.fr.txt", RIGHT)
    options = ("--neural-model", str(forward), "--neural-back-model", str(back))
    doc = check_json(target, *options)
    assert [f for f in doc["findings"] if f["code"].startswith("TQA-NEU")] == []
    wrong = write(tmp_path, "b.fr.txt", WRONG)
    source = write(tmp_path, "b.de.txt", GERMAN)
    doc = check_json(wrong, "--source", source, *options)
    assert {f["code"] for f in doc["findings"] if f["code"].startswith("TQA-NEU")} == {
        "TQA-NEU-001"
    }


# -- alignment scorer: chrF of the model's translations (Bleualign-style) ----------


@needs_neural
def test_translation_scorer_aligns_through_the_models_translations(tmp_path: Path, models) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    source = write(
        tmp_path,
        "a.de.txt",
        "Der Gipfel beginnt am Montag.\nDie Kommission tagt am Dienstag.\n"
        "Das Parlament endet heute.\n",
    )
    target = write(
        tmp_path, "a.fr.txt", "Le sommet commence lundi.\nLe parlement se termine aujourd'hui.\n"
    )
    options = ("--segmentation", "lines", "--format", "json")
    code, out, err = run(
        "align", source, target, *options, "--align-scorer", "translation",
        "--neural-model", str(forward),
    )  # fmt: skip
    assert code == 0, err
    translated = json.loads(out)["alignment"]
    lexical = json.loads(run("align", source, target, *options)[1])["alignment"]
    # the same beads as the dictionary scorer here (a 2-1 bead rather than a deletion)
    beads = [(b["source"], b["target"]) for b in translated]
    assert beads == [(b["source"], b["target"]) for b in lexical] == [([0], [0]), ([1, 2], [1])]


def test_translation_scorer_needs_a_model(tmp_path: Path) -> None:
    source = write(tmp_path, "a.de.txt", GERMAN)
    target = write(tmp_path, "a.fr.txt", RIGHT)
    code, _, err = run("align", source, target, "--align-scorer", "translation")
    assert code == 2 and "--neural-model" in err
    code, _, err = run("check", target, "--isolated", "--align-scorer", "translation")
    assert code == 2 and "--neural-model" in err


def test_translation_scorer_scores_by_chrf_of_translations() -> None:
    from tqa.align_translate import TranslationScorer

    table = {"Der Hund schläft.": "Le chien dort.", "Die Katze trinkt.": "Le chat boit."}
    scorer = TranslationScorer(lambda texts: [table[t] for t in texts], weight=1.0)
    pair = scorer.prepare(list(table), ["Le chat boit.", "Le chien dort."])
    assert pair.chrf(0, 1, 2, 1) == 1.0  # "Le chien dort." against itself
    assert pair.chrf(0, 1, 1, 1) < 0.5  # against "Le chat boit."
    assert pair.chrf(0, 2, 2, 2) > 0.9  # a 2-2 bead: both translations joined, in another order


# -- loading: offline only, clear errors ---------------------------------------


@needs_neural
def test_a_check_never_opens_a_network_connection(
    tmp_path: Path, models, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    forward, back = models
    tried: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        tried.append(args)
        raise OSError("network used during a check")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(marian, "_MODELS", {})  # load the models again, under the patch
    target = write(tmp_path, "a.fr.txt", WRONG)
    doc = check_json(target, "--neural-model", str(forward), "--neural-back-model", str(back))
    assert [f["code"] for f in doc["findings"] if f["code"].startswith("TQA-NEU")]
    assert tried == []
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_a_missing_hub_model_is_a_usage_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    target = write(tmp_path, "a.fr.txt", RIGHT)
    code, out, err = run(
        "check", target, "--isolated", "--neural-model", "Helsinki-NLP/opus-mt-de-fr"
    )
    assert code == 2
    assert err.startswith("tqa: error: ") and len(err.strip().splitlines()) == 1
    if HAS_NEURAL:
        assert "Helsinki-NLP/opus-mt-de-fr is not in the local Hugging Face cache" in err
        assert "tqa models pull Helsinki-NLP/opus-mt-de-fr" in err
    else:
        assert "tqa[neural]" in err


@needs_neural
def test_an_incomplete_model_folder_names_what_it_lacks(tmp_path: Path) -> None:
    folder = tmp_path / "half-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    target = write(tmp_path, "a.fr.txt", RIGHT)
    code, _, err = run("check", target, "--isolated", "--neural-model", str(folder))
    assert code == 2
    assert str(folder) in err and "source.spm" in err and "model.safetensors" in err


def test_a_model_in_the_configuration_that_is_missing_skips_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    (tmp_path / "tqa.toml").write_text(
        'neural-model = "Helsinki-NLP/opus-mt-de-fr"\nfail-under = 0\n', encoding="utf-8"
    )
    source = write(tmp_path, "a.de.txt", GERMAN)
    target = write(tmp_path, "a.fr.txt", RIGHT)
    config = str(tmp_path / "tqa.toml")
    code, out, err = run(
        "check", target, "--source", source, "--format", "json", "--config", config
    )
    assert code == 0, err
    notes = json.loads(out)["documents"][0]["notes"]
    skipped = [n["message"] for n in notes if n["message"].startswith("TQA-NEU-001 skipped")]
    assert len(skipped) == 1
    assert "Helsinki-NLP/opus-mt-de-fr" in skipped[0] or "tqa[neural]" in skipped[0]
    # --strict turns the missing model into an error
    code, _, err = run("check", target, "--source", source, "--strict", "--config", config)
    assert code == 2
    assert "opus-mt-de-fr" in err or "tqa[neural]" in err


def test_without_a_configured_model_the_neural_checks_stay_silent(tmp_path: Path) -> None:
    target = write(tmp_path, "a.fr.txt", WRONG)
    source = write(tmp_path, "a.de.txt", GERMAN)
    doc = check_json(target, "--source", source)
    assert not [n for n in doc.get("notes", []) if "NEU" in n["message"]]
    assert not [f for f in doc["findings"] if f["code"].startswith("TQA-NEU")]


def test_models_pull_fails_clearly_without_a_network(tmp_path: Path) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, "-m", "tqa", "models", "pull", "Helsinki-NLP/opus-mt-de-fr"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.startswith("tqa: error: ") and len(out.stderr.strip().splitlines()) == 1
    assert "Helsinki-NLP/opus-mt-de-fr" in out.stderr or "tqa[neural]" in out.stderr


@needs_neural
def test_doctor_and_models_list_show_configured_models(tmp_path: Path, models, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    forward, _ = models
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    config = tmp_path / "tqa.toml"
    config.write_text(
        f'neural-model = "{forward}"\nneural-back-model = "Helsinki-NLP/opus-mt-fr-de"\n',
        encoding="utf-8",
    )
    code, out, _ = run("models", "list", "--config", str(config))
    assert code == 0
    lines = out.splitlines()
    assert any(line.split()[:2] == ["ok", "neural-model"] for line in lines), out
    assert any(
        line.split()[:3] == ["missing", "neural-back-model", "Helsinki-NLP/opus-mt-fr-de"]
        for line in lines
    ), out
    assert "tqa models pull Helsinki-NLP/opus-mt-fr-de" in out
    code, out, _ = run("doctor", "--config", str(config))
    assert code == 0 and "Translation models (configured):" in out


def test_cuda_without_a_device_is_a_usage_error(tmp_path: Path) -> None:
    target = write(tmp_path, "a.fr.txt", RIGHT)
    if HAS_NEURAL:
        import torch

        if torch.cuda.is_available():
            pytest.skip("this machine has a CUDA device")
    code, _, err = run("check", target, "--isolated", "--device", "cuda")
    assert code == 2 and "--device cuda" in err


def test_a_bad_threshold_in_the_configuration_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "tqa.toml").write_text("neural-threshold = 2\n", encoding="utf-8")
    target = write(tmp_path, "a.fr.txt", RIGHT)
    code, _, err = run("check", target)
    assert code == 2 and "neural-threshold" in err and "probability" in err


# -- span logic and evidence (no model needed) ------------------------------------


class _Token:
    def __init__(self, start: int, end: int, prob: float, best: str) -> None:
        self.start, self.end, self.prob, self.best = start, end, prob, best


def test_low_tokens_become_whole_words_and_adjacent_words_one_span() -> None:
    text = "Les contrats de travail sont signés."
    tokens = [
        _Token(0, 3, 0.9, "\u2581Les"),
        _Token(4, 9, 0.001, "\u2581Werk"),  # "contr": inside "contrats"
        _Token(9, 12, 0.5, "ver"),
        _Token(13, 15, 0.002, "trä"),
        _Token(16, 23, 0.003, "ge"),
        _Token(24, 28, 0.9, "\u2581sont"),
        _Token(35, 36, 0.0001, "!"),  # punctuation never starts a span
    ]
    spans = unlikely_spans(text, tokens, 0.01)
    assert spans == [Span(4, 23, 0.001, "Werkverträge")]
    assert text[4:23] == "contrats de travail"


def test_model_opinion_becomes_evidence_of_an_accuracy_finding() -> None:
    def finding(code: str, start: int, end: int, category: str, confidence: float) -> Finding:
        return Finding(
            code, code.lower(), category, "minor" if "NEU" in code else "major", confidence,
            0, start, end, "x" * (end - start), f"{code} message", evidence=f"{code} evidence",
        )  # fmt: skip

    accuracy = finding("TQA-ACC-002", 10, 18, "accuracy/mistranslation", 0.6)
    opinion = finding("TQA-NEU-001", 12, 16, "accuracy/mistranslation", 0.5)
    elsewhere = finding("TQA-NEU-001", 30, 34, "accuracy/mistranslation", 0.4)
    kept = merge([accuracy, opinion, elsewhere])
    assert [f.code for f in kept] == ["TQA-ACC-002", "TQA-NEU-001"]
    assert kept[0].severity == "major" and kept[0].confidence == 0.8
    assert "model: TQA-NEU-001: TQA-NEU-001 evidence" in kept[0].evidence
    assert kept[1] == elsewhere  # not corroborated: stays a minor finding of its own


def test_help_does_not_import_torch() -> None:
    code = (
        "import sys; import tqa.cli, tqa.checks.neural, tqa.backends.marian; "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False False"
