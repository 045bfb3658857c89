#!/usr/bin/env python3
"""Do the neural checks give the same answers on a GPU as on the CPU?

``--device cuda`` (or ``auto`` on a machine with a GPU) runs the Marian
models of TQA-NEU-001/002 on CUDA. This script loads the same model twice,
on the CPU and on CUDA, and compares what the checks use:

* :meth:`Marian.force_decode`: every token's probability (largest absolute
  difference, and whether the most likely token is the same), in batches
  of mixed lengths so that padding is exercised, and each sentence alone
  against its place in a batch;
* :meth:`Marian.continue_after` and :meth:`Marian.translate`: greedy output,
  text for text;
* the spans TQA-NEU-001 reports (:func:`tqa.checks.neural.unlikely_spans`) on
  every pair: their words and suggestions.

Models: the tiny models of the tests (tests/tiny_marian.py, trained here in a
few seconds), and a real model with ``--model ID|DIR`` (``--back-model`` for
the round trip) when one is on disk. It also times force-decoding on both
devices, and with ``--time-opus-size`` a model of opus-mt's size with random
weights (the work of a real model, without one on disk). Exits 1 when a comparison fails, 0 with a message when torch sees no
GPU or the neural packages are missing.

    python scripts/check_cuda.py
    python scripts/check_cuda.py --model /models/opus-mt-de-fr --tolerance 1e-3
    python scripts/check_cuda.py --time-opus-size 512   # speed of a real-size model
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.backends import marian  # noqa: E402
from tqa.checks.neural import unlikely_spans  # noqa: E402

#: a token probability under this is what TQA-NEU-001 reports by default
THRESHOLD = 0.01


def workload(count: int) -> tuple[list[str], list[str]]:
    """(German, French) pairs of the tiny models' tables, every third French
    sentence given a wrong word (what the checks are for), lengths mixed."""
    from tests.tiny_marian import pairs

    german, french = [], []
    table = pairs()
    for n in range(count):
        de, fr = table[n % len(table)]
        if n % 3 == 0:
            fr = fr.replace("sommet", "tribunal").replace("lundi", "mardi")
        if n % 5 == 0:  # a longer pair: the batch gets padding
            de2, fr2 = table[(n * 7 + 3) % len(table)]
            de, fr = f"{de} {de2}", f"{fr} {fr2}"
        german.append(de)
        french.append(fr)
    return german, french


def _reported(text: str, tokens: list[marian.TokenScore]) -> list[tuple[int, int, str]]:
    """What TQA-NEU-001 reports on ``text``: each span's words and suggestion
    (its probability, shown only as a confidence, may differ in the last digits)."""
    return [(s.start, s.end, s.suggestion) for s in unlikely_spans(text, tokens, THRESHOLD)]


def compare(
    name: str, count: int, tolerance: float, *, reverse: bool = False, device: str = "cuda"
) -> list[str]:
    """The failures (empty when CPU and CUDA agree) for model ``name``
    (French to German with ``reverse``)."""
    failures: list[str] = []
    cpu = marian.load(name, "cpu")
    gpu = marian.load(name, device)
    print(f"{name}: on {cpu.device} and {gpu.device}")
    german, french = workload(count)
    if reverse:  # "german" is what the model reads, "french" what it writes
        german, french = french, german

    timings = {}
    scores = {}
    for label, model in (("cpu", cpu), ("other", gpu)):
        model.force_decode(german[:8], french[:8])  # warm-up (CUDA kernels, allocator)
        started = time.perf_counter()
        scores[label] = model.force_decode(german, french)
        timings[label] = time.perf_counter() - started
    worst = 0.0
    changed_best = 0
    changed_spans = 0
    for n, (a, b) in enumerate(zip(scores["cpu"], scores["other"], strict=True)):
        if [(t.start, t.end, t.piece) for t in a] != [(t.start, t.end, t.piece) for t in b]:
            failures.append(f"pair {n}: the pieces differ between cpu and {device}")
            continue
        for x, y in zip(a, b, strict=True):
            worst = max(worst, abs(x.prob - y.prob))
            # the most likely token may differ only where two are nearly tied
            if x.best != y.best and abs(x.best_prob - y.best_prob) > tolerance:
                changed_best += 1
        if _reported(french[n], a) != _reported(french[n], b):
            changed_spans += 1
    print(
        f"  force_decode, {count} pairs: largest probability difference {worst:.2e}, "
        f"best token changed {changed_best}×, reported spans changed in {changed_spans} pairs"
    )
    if worst > tolerance:
        failures.append(f"force_decode: probabilities differ by {worst:.2e} > {tolerance:g}")
    if changed_best:
        failures.append(f"force_decode: the most likely token changed {changed_best} times")
    if changed_spans:
        failures.append(f"TQA-NEU-001 spans changed in {changed_spans} pairs")

    # one sentence alone against its place in a padded batch, on the GPU
    alone_worst = 0.0
    for n in range(0, count, max(1, count // 16)):
        (alone,) = gpu.force_decode([german[n]], [french[n]])
        for x, y in zip(alone, scores["other"][n], strict=True):
            alone_worst = max(alone_worst, abs(x.prob - y.prob))
    print(f"  {device}, alone against in a batch: largest difference {alone_worst:.2e}")
    if alone_worst > tolerance:
        failures.append(f"{device}: a sentence alone and in a batch differ by {alone_worst:.2e}")

    sample = list(range(0, count, max(1, count // 12)))
    for n in sample:
        pieces = cpu._target_pieces(french[n])[:2]
        said_cpu = cpu.continue_after(german[n], pieces)
        said_other = gpu.continue_after(german[n], pieces)
        if said_cpu != said_other:
            failures.append(
                f"continue_after, pair {n}: {said_cpu!r} on cpu, {said_other!r} on {device}"
            )
    texts = [german[n] for n in sample]
    a_out, b_out = cpu.translate(texts), gpu.translate(texts)
    differ = [n for n, (x, y) in enumerate(zip(a_out, b_out, strict=True)) if x != y]
    print(
        f"  continue_after and translate on {len(sample)} sentences: "
        f"{len(differ)} translations differ"
    )
    if differ:
        failures.append(f"translate: {len(differ)} of {len(sample)} differ: {a_out[differ[0]]!r}")
    print(
        f"  force_decode time: cpu {timings['cpu']:.2f} s ({count / timings['cpu']:.0f} pairs/s), "
        f"{device} {timings['other']:.2f} s ({count / timings['other']:.0f} pairs/s)"
    )
    return failures


def opus_sized(tiny: Path, folder: Path) -> Path:
    """A model of opus-mt-de-fr's size (6+6 layers of 512, 8 heads, 2,048 wide,
    59,514 outputs) with random weights and the tiny model's tokenizers, to
    time the work of a real model (its answers mean nothing)."""
    import shutil

    from transformers import MarianConfig, MarianMTModel

    shutil.copytree(tiny, folder)
    # the tiny model's configuration (its special tokens) at opus-mt's sizes
    config = MarianConfig.from_pretrained(
        str(tiny),
        vocab_size=59514,
        d_model=512,
        encoder_layers=6,
        decoder_layers=6,
        encoder_attention_heads=8,
        decoder_attention_heads=8,
        encoder_ffn_dim=2048,
        decoder_ffn_dim=2048,
        max_position_embeddings=512,
    )
    MarianMTModel(config).eval().save_pretrained(str(folder))
    return folder


def time_sized(folder: Path, device: str, count: int) -> str:
    """Force-decoding speed of the model in ``folder`` on the CPU and on ``device``."""
    german, french = workload(count)
    out = []
    for name in ("cpu", device):
        model = marian.load(str(folder), name)
        model.force_decode(german[:16], french[:16])
        started = time.perf_counter()
        model.force_decode(german, french)
        took = time.perf_counter() - started
        out.append(f"{name} {count / took:.0f} pairs/s")
    return ", ".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a real de→fr model (hub id in the cache, or folder)")
    parser.add_argument("--back-model", help="a real fr→de model")
    parser.add_argument("--pairs", type=int, default=512)
    parser.add_argument("--tolerance", type=float, default=1e-3)
    parser.add_argument(
        "--time-opus-size",
        type=int,
        metavar="PAIRS",
        default=0,
        help="also time force-decoding PAIRS pairs with a random model of opus-mt's size",
    )
    parser.add_argument(
        "--device",
        default="cuda",
        choices=("cuda", "cpu"),
        help="the device compared with the CPU (cpu: a dry run of this script without a GPU)",
    )
    args = parser.parse_args(argv)

    missing = marian.missing_packages()
    if missing:
        print(f"neural packages missing ({', '.join(missing)}): nothing to compare")
        return 0
    import torch

    if args.device == "cuda" and not torch.cuda.is_available():
        print("torch sees no CUDA device: nothing to compare")
        return 0
    gpu_name = torch.cuda.get_device_name(0) if args.device == "cuda" else "cpu only"
    print(f"torch {torch.__version__}, {gpu_name}")
    if args.device == "cuda" and marian.pick_device("auto") != "cuda":
        print("FAIL: --device auto does not pick the GPU")
        return 1

    names: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.model:
            names += [args.model] + ([args.back_model] if args.back_model else [])
        else:
            from tests.tiny_marian import build_pair

            started = time.perf_counter()
            forward, back = build_pair(Path(tmp))
            print(f"tiny models built in {time.perf_counter() - started:.1f} s")
            names += [str(forward), str(back)]
        failures: list[str] = []
        if args.time_opus_size and not args.model:
            sized = opus_sized(Path(names[0]), Path(tmp) / "opus-size")
            speeds = time_sized(sized, args.device, args.time_opus_size)
            print(f"opus-mt size, random weights, force_decode: {speeds}")
        for n, name in enumerate(names):
            failures += compare(
                name, args.pairs, args.tolerance, reverse=n == 1, device=args.device
            )
    for failure in failures:
        print(f"FAIL: {failure}")
    print(f"cpu and {args.device} agree" if not failures else f"{len(failures)} comparisons failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
