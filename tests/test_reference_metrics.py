"""Scores against a reference translation (--reference) and the post-editing
effort of raw MT (--post-edited), through the command line: the numbers are
sacrebleu's on the pairs the alignment makes, every format shows them, and
bad references are usage errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from typer.testing import CliRunner

from tqa.cli import app

# The hypothesis merges the reference's second and third sentences into one.
HYPOTHESIS = (
    "Le sommet de Nour-Soultan s'est ouvert lundi en présence de six chefs d'État. "
    "Les délégations ont discuté du commerce et elles ont signé une déclaration commune. "
    "La prochaine réunion aura lieu à Pékin en 2026.\n"
)
REFERENCE = (
    "Le sommet de Nour-Soultan s'est ouvert lundi en présence de six chefs d'État. "
    "Les délégations ont parlé du commerce régional. "
    "Elles ont ensuite signé une déclaration commune. "
    "La prochaine rencontre se tiendra à Pékin en 2026.\n"
)
HYP_SENTENCES = [
    "Le sommet de Nour-Soultan s'est ouvert lundi en présence de six chefs d'État.",
    "Les délégations ont discuté du commerce et elles ont signé une déclaration commune.",
    "La prochaine réunion aura lieu à Pékin en 2026.",
]
REF_SENTENCES = [
    "Le sommet de Nour-Soultan s'est ouvert lundi en présence de six chefs d'État.",
    "Les délégations ont parlé du commerce régional.",
    "Elles ont ensuite signé une déclaration commune.",
    "La prochaine rencontre se tiendra à Pékin en 2026.",
]
#: a fast check set: the scores do not depend on which checks run
FAST = ["--select", "TQA-TYP-001", "--isolated"]

runner = CliRunner()


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def _files(
    tmp_path: Path, hypothesis: str = HYPOTHESIS, reference: str = REFERENCE
) -> tuple[Path, Path]:
    hyp, ref = tmp_path / "hyp.fr.txt", tmp_path / "ref.fr.txt"
    hyp.write_text(hypothesis, encoding="utf-8")
    ref.write_text(reference, encoding="utf-8")
    return hyp, ref


def _json(*args: str | Path) -> dict:
    code, out, err = _run("check", *args, *FAST, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_scores_are_sacrebleus_on_the_aligned_pairs(tmp_path: Path) -> None:
    hyp, ref = _files(tmp_path)
    data = _json(hyp, "--reference", ref)
    (scored,) = data["documents"][0]["references"]
    assert scored["kind"] == "reference" and scored["path"] == str(ref)
    assert scored["pairing"] == "alignment"
    # the hypothesis's second sentence pairs with the reference's second and third
    pairs = [(b["hypothesis"], b["reference"]) for b in scored["beads"]]
    assert pairs == [([0], [0]), ([1], [1, 2]), ([2], [3])]
    hyps = [HYP_SENTENCES[0], HYP_SENTENCES[1], HYP_SENTENCES[2]]
    refs = [REF_SENTENCES[0], " ".join(REF_SENTENCES[1:3]), REF_SENTENCES[3]]
    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    for bead, h, r in zip(scored["beads"], hyps, refs, strict=True):
        assert bead["bleu"] == pytest.approx(bleu.sentence_score(h, [r]).score, abs=1e-4)
        assert bead["chrf"] == pytest.approx(chrf.sentence_score(h, [r]).score, abs=1e-4)
        assert bead["ter"] == pytest.approx(ter.sentence_score(h, [r]).score, abs=1e-4)
    corpus = scored["scores"]
    assert corpus["bleu"] == pytest.approx(BLEU().corpus_score(hyps, [refs]).score, abs=1e-4)
    assert corpus["chrf"] == pytest.approx(CHRF().corpus_score(hyps, [refs]).score, abs=1e-4)
    assert corpus["ter"] == pytest.approx(TER().corpus_score(hyps, [refs]).score, abs=1e-4)
    assert 0 < corpus["bleu"] < 100 and corpus["ter"] > 0
    signatures = scored["signatures"]
    corpus_bleu, corpus_chrf, corpus_ter = BLEU(), CHRF(), TER()
    corpus_bleu.corpus_score(hyps, [refs])
    corpus_chrf.corpus_score(hyps, [refs])
    corpus_ter.corpus_score(hyps, [refs])
    assert signatures["bleu"] == str(corpus_bleu.get_signature())
    assert signatures["sentence_bleu"] == str(bleu.get_signature())
    assert signatures["chrf"] == str(corpus_chrf.get_signature())
    assert signatures["ter"] == str(corpus_ter.get_signature())
    assert "eff:yes" in signatures["sentence_bleu"] and "eff:no" in signatures["bleu"]
    # the reference's segments index its text
    for segment, sentence in zip(scored["segments"], REF_SENTENCES, strict=True):
        assert scored["text"][segment["start"] : segment["end"]] == sentence


def test_a_split_sentence_pairs_with_both_halves(tmp_path: Path) -> None:
    """The other way round: the reference merges what the hypothesis splits."""
    hyp, ref = _files(tmp_path, hypothesis=REFERENCE, reference=HYPOTHESIS)
    (scored,) = _json(hyp, "--reference", ref)["documents"][0]["references"]
    pairs = [(b["hypothesis"], b["reference"]) for b in scored["beads"]]
    assert pairs == [([0], [0]), ([1, 2], [1]), ([3], [2])]


def test_identical_texts_score_perfectly(tmp_path: Path) -> None:
    hyp, ref = _files(tmp_path, reference=HYPOTHESIS)
    (scored,) = _json(hyp, "--reference", ref)["documents"][0]["references"]
    assert scored["scores"] == {"bleu": 100.0, "chrf": 100.0, "ter": 0.0}
    assert all(b["hypothesis"] == b["reference"] for b in scored["beads"])


def test_lines_pair_line_by_line(tmp_path: Path) -> None:
    """Pre-segmented data: line n with line n, as sacrebleu pairs them (blank lines left out)."""
    hyp, ref = _files(tmp_path, "un chat noir\n\ndeux chiens\n", "un chat blanc\n\ntrois chiens\n")
    data = _json(hyp, "--reference", ref, "--segmentation", "lines")
    (scored,) = data["documents"][0]["references"]
    assert scored["pairing"] == "lines"
    assert [(b["hypothesis"], b["reference"]) for b in scored["beads"]] == [([0], [0]), ([2], [2])]
    hyps, refs = ["un chat noir", "deux chiens"], ["un chat blanc", "trois chiens"]
    assert scored["scores"]["chrf"] == pytest.approx(
        CHRF().corpus_score(hyps, [refs]).score, abs=1e-4
    )


RAW = "Le chat noir dort sur le canapé. Il fait beau.\n"
EDITED = "Le chat dort sur le grand canapé. Il fait très beau !\n"


def test_post_edited_gives_hter_and_the_edited_words(tmp_path: Path) -> None:
    raw, edited = _files(tmp_path, RAW, EDITED)
    (scored,) = _json(raw, "--post-edited", edited)["documents"][0]["references"]
    assert scored["kind"] == "post-edited"
    hyps = ["Le chat noir dort sur le canapé.", "Il fait beau."]
    refs = ["Le chat dort sur le grand canapé.", "Il fait très beau !"]
    assert scored["scores"]["ter"] == pytest.approx(
        TER().corpus_score(hyps, [refs]).score, abs=1e-4
    )
    edits = [e for b in scored["beads"] for e in b["edits"]]
    assert [(e["op"], e["text"], e["replacement"]) for e in edits] == [
        ("delete", "noir", ""),
        ("insert", "", "grand"),
        ("insert", "", "très"),
        ("substitute", ".", "!"),
    ]
    for edit in edits:  # offsets index the raw text and the post-edited text
        assert RAW[edit["start"] : edit["end"]] == edit["text"]
        assert EDITED[edit["reference_start"] : edit["reference_end"]] == edit["replacement"]
    assert edits[0]["start"] == RAW.index("noir")
    assert edits[1]["start"] == edits[1]["end"] == RAW.index("canapé")
    assert edits[2]["start"] == RAW.index("beau")
    # the HTML report marks them up in the raw text
    code, page, _ = _run("check", raw, "--post-edited", edited, *FAST, "--format", "html")
    assert code == 0
    assert '<del class="pe-del" title="deleted">noir</del>' in page
    assert 'le <ins class="pe-ins" title="inserted">grand </ins>canapé' in page
    assert '<del class="pe-sub" title="replaced by: !">.</del><ins class="pe-sub"> !</ins>' in page
    assert "HTER" in page


def test_a_huge_segment_is_diffed_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_DIFF_CELLS the middle of a bead is one substitution (the work stays linear)."""
    from tqa import metrics

    raw = "a b c d e f g h"
    edited = "a x c y e z g h"
    words_raw = [(m.start(), m.end(), m.group()) for m in metrics._WORD.finditer(raw)]
    words_edited = [(m.start(), m.end(), m.group()) for m in metrics._WORD.finditer(edited)]
    fine = metrics.word_edits((raw, words_raw, 0), (edited, words_edited, 0))
    assert [e.op for e in fine] == ["substitute"] * 3
    monkeypatch.setattr(metrics, "MAX_DIFF_CELLS", 4)
    (coarse,) = metrics.word_edits((raw, words_raw, 0), (edited, words_edited, 0))
    assert (coarse.op, coarse.text, coarse.replacement) == ("substitute", "b c d e f", "x c y e z")


FORMAT_MARKS = {
    "text": ["Scores against the reference", "BLEU", "chrF", "TER", "eff:yes", "1+2"],
    "html": ["Scores against the reference", "nrefs:1|case:mixed|eff:no", "1+2"],
    "markdown": ["### Scores against references", "sacrebleu signatures", "1+2"],
    "github": ["::notice title=tqa reference scores::"],
}


@pytest.mark.parametrize(
    "fmt", ["text", "json", "jsonl", "html", "markdown", "sarif", "junit", "github"]
)
def test_every_format_shows_the_scores(tmp_path: Path, fmt: str) -> None:
    hyp, ref = _files(tmp_path)
    code, out, err = _run("check", hyp, "--reference", ref, *FAST, "--format", fmt)
    assert code == 0, err
    bleu = _json(hyp, "--reference", ref)["documents"][0]["references"][0]["scores"]["bleu"]
    if fmt == "sarif":
        (artifact,) = json.loads(out)["runs"][0]["artifacts"]
        assert artifact["properties"]["references"][0]["bleu"] == bleu
        return
    if fmt == "junit":
        props = {p.get("name"): p.get("value") for p in ET.fromstring(out).iter("property")}
        assert float(props["reference.bleu"]) == pytest.approx(bleu, abs=1e-4)
        assert props["reference.signature.bleu"].startswith("nrefs:1|")
        return
    if fmt == "json":
        assert json.loads(out)["documents"][0]["references"][0]["scores"]["bleu"] == bleu
        return
    if fmt == "jsonl":  # the document's line carries them
        document = json.loads(out.splitlines()[0])
        assert document["references"][0]["scores"]["bleu"] == bleu
        return
    assert f"{bleu:.1f}" in out
    for mark in FORMAT_MARKS[fmt]:
        assert mark in out


def test_the_json_report_validates_and_renders_again(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    hyp, ref = _files(tmp_path, RAW, EDITED)
    report = tmp_path / "report.json"
    code, _, err = _run(
        "check", hyp, "--reference", ref, "--post-edited", ref, *FAST, "-f", "json", "-o", report
    )
    assert code == 0, err
    data = json.loads(report.read_text(encoding="utf-8"))
    schema = json.loads(
        (Path(__file__).parents[1] / "tqa/render/report.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [r["kind"] for r in data["documents"][0]["references"]] == ["reference", "post-edited"]
    code, again, err = _run("render", report, "--format", "json")
    assert code == 0, err
    assert again == report.read_text(encoding="utf-8")
    for fmt in ("html", "markdown", "text", "sarif", "junit", "github"):
        code, out, err = _run("render", report, "--format", fmt)
        assert code == 0 and out, (fmt, err)


def test_tqa_render_refuses_edits_beyond_the_text(tmp_path: Path) -> None:
    hyp, ref = _files(tmp_path, RAW, EDITED)
    data = _json(hyp, "--post-edited", ref)
    data["documents"][0]["references"][0]["beads"][0]["edits"][0]["end"] = 10_000
    report = tmp_path / "bad.json"
    report.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _run("render", report, "--format", "html")
    assert code == 2
    assert err.count("\n") == 1 and "edits" in err and "beyond the end" in err


def test_scores_never_change_the_exit_status(tmp_path: Path) -> None:
    """A failing document fails alike with a perfect reference; a passing one passes with a poor one."""
    bad = "Le « chat» dort. Il fait beau.\n"
    hyp, ref = _files(tmp_path, bad, bad)
    gate = ["check", hyp, "--select", "TQA-TYP", "--isolated", "--fail-on", "minor"]
    plain, _, _ = _run(*gate)
    with_ref, _, _ = _run(*gate, "--reference", ref)
    assert plain == with_ref == 1
    hyp, ref = _files(tmp_path, HYPOTHESIS, "Rien à voir.\n")
    assert _run("check", hyp, "--reference", ref, *FAST)[0] == 0


def _one_error(code: int, err: str) -> str:
    assert code == 2
    assert err.startswith("tqa: error: ") and err.count("\n") == 1, err
    return err


def test_a_missing_reference_is_a_usage_error(tmp_path: Path) -> None:
    hyp, _ = _files(tmp_path)
    missing = tmp_path / "nowhere.fr.txt"
    code, _, err = _run("check", hyp, "--reference", missing, *FAST)
    assert f"{missing}: no such file or directory" in _one_error(code, err)
    code, _, err = _run("check", hyp, "--post-edited", tmp_path, *FAST)
    assert f"{tmp_path}: is a directory" in _one_error(code, err)


def test_an_undecodable_reference_is_a_usage_error(tmp_path: Path) -> None:
    hyp, ref = _files(tmp_path)
    ref.write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00\x00")
    code, _, err = _run("check", hyp, "--reference", ref, *FAST)
    assert str(ref) in _one_error(code, err)


def test_a_reference_compares_with_one_document(tmp_path: Path) -> None:
    hyp, ref = _files(tmp_path)
    other = tmp_path / "other.fr.txt"
    other.write_text(HYPOTHESIS, encoding="utf-8")
    code, _, err = _run("check", hyp, other, "--reference", ref, *FAST)
    assert "give one file to check" in _one_error(code, err)
    folder = tmp_path / "many"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(HYPOTHESIS, encoding="utf-8")
    code, _, err = _run("check", folder, "--post-edited", ref, *FAST)
    assert "not 2" in _one_error(code, err)


def test_the_reference_is_never_written(tmp_path: Path) -> None:
    hyp, ref = _files(tmp_path)
    before = ref.read_bytes()
    for option in ("--reference", "--post-edited"):
        code, _, err = _run("check", hyp, option, ref, *FAST, "-f", "json", "-o", ref)
        assert str(ref) in _one_error(code, err)
        link = tmp_path / "link.txt"
        link.unlink(missing_ok=True)
        link.symlink_to(ref)
        code, _, err = _run("check", hyp, option, ref, *FAST, "--write-baseline", link)
        _one_error(code, err)
    assert ref.read_bytes() == before


def test_help_names_the_options() -> None:
    code, out, _ = _run("check", "--help")
    assert code == 0
    assert "--reference" in out and "--post-edited" in out and "sacrebleu" in out


def test_sacrebleu_is_imported_only_when_scores_are_asked_for(tmp_path: Path) -> None:
    import subprocess
    import sys

    hyp, _ = _files(tmp_path)
    code = (
        "import sys, tqa.cli, tqa.metrics\n"
        "from tqa.config import Config\n"
        "from tqa.runner import run_check\n"
        f"run_check([{str(hyp)!r}], Config(select=('TQA-TYP-001',)))\n"
        "print('sacrebleu' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_shared_statistics_give_the_public_scores() -> None:
    """The statistics gathered once per pair (tqa.backends.sacrebleu_metrics.scores)
    give what sacrebleu's sentence_score and corpus_score give."""
    from tqa.backends import sacrebleu_metrics

    hyps = [*HYP_SENTENCES, "", "Un mot."]
    refs = [*REF_SENTENCES[:3], "Rien.", ""]
    fast = sacrebleu_metrics.scores(hyps, refs)
    assert fast == sacrebleu_metrics._public(hyps, refs)
    assert fast[1].bleu == BLEU().corpus_score(hyps, [refs]).score
