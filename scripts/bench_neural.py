#!/usr/bin/env python3
"""Speed of the translation models behind the neural checks (TQA-NEU-001/002).

Force-decoding (token confidence) and greedy translation (the round trip) are
timed in sentences per second, batched as the checks batch them, on the CPU
(or ``--device``), with wall and CPU time and the load average:

* the tiny Marian models of the tests (tests/tiny_marian.py, built in a
  temporary folder: about 20 s), always;
* a real model when one is on disk: ``--model ID|DIR`` (default: the
  opus-mt models when they are in the local Hugging Face cache).

Sentences: the French sample article and its segments as targets, with
German test sentences as sources (only speed is measured here, not quality).

    python scripts/bench_neural.py
    python scripts/bench_neural.py --model Helsinki-NLP/opus-mt-de-fr --back-model Helsinki-NLP/opus-mt-fr-de
    python scripts/bench_neural.py --batch 1 --batch 8 --batch 32 --threads 1
    python scripts/bench_neural.py --ctranslate2   # also CTranslate2 (pip install ctranslate2)

With ``--ctranslate2`` each model is also converted with CTranslate2's
converter and the same work is timed there (``score_batch`` for
force-decoding, ``translate_batch`` greedy), on targets cut to the model's
positions as tqa cuts them.

Exits 0 with a message when torch, transformers or sentencepiece is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.backends import marian  # noqa: E402

SAMPLE = ROOT / "corpora" / "kazakhstan-summit.fr.txt"


def sentences(count: int) -> tuple[list[str], list[str]]:
    """``count`` (German, French) pairs: the sample's French lines, German from the test tables."""
    from tests.tiny_marian import pairs

    french = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    french = [line for line in french if len(line.split()) >= 4]
    german = [g for g, _ in pairs()]
    out_de, out_fr = [], []
    for n in range(count):
        out_de.append(german[n % len(german)])
        out_fr.append(french[n % len(french)])
    return out_de, out_fr


def timed(label: str, work, count: int) -> None:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    load = os.getloadavg()[0]
    print(
        f"  {label:<36} {count / wall:8.1f} sentences/s  "
        f"(wall {wall:.2f} s, CPU {cpu:.2f} s, load {load:.2f})"
    )


def bench_ctranslate2(name: str, back: str | None, batches: list[int], count: int) -> None:
    """The same work with CTranslate2 on a converted copy of the models (CPU)."""
    import ctranslate2
    import sentencepiece as spm
    from ctranslate2.converters import TransformersConverter

    german, french = sentences(count)
    with tempfile.TemporaryDirectory() as scratch:
        for label, model_name, sources, targets in (
            ("de→fr", name, german, french),
            ("fr→de", back, french[: max(4, count // 4)], None),
        ):
            if model_name is None:
                continue
            folder = marian.resolve(model_name)
            out = str(Path(scratch) / label)
            started = time.perf_counter()
            TransformersConverter(str(folder)).convert(out)
            print(f"  CTranslate2 {label}: converted in {time.perf_counter() - started:.1f} s")
            translator = ctranslate2.Translator(out, device="cpu", intra_threads=marian.threads())
            source_spm = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
            target_spm = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
            limit = 60
            src = [source_spm.encode(t, out_type=str)[:limit] + ["</s>"] for t in sources]
            if targets is not None:
                tgt = [target_spm.encode(t, out_type=str)[:limit] for t in targets]
                for batch in batches:
                    timed(
                        f"CTranslate2 score_batch, batch {batch}",
                        lambda b=batch, t=translator, s=src, g=tgt: t.score_batch(
                            s, g, max_batch_size=b
                        ),
                        len(src),
                    )
            else:
                for batch in batches:
                    timed(
                        f"CTranslate2 translate (greedy), batch {batch}",
                        lambda b=batch, t=translator, s=src: t.translate_batch(
                            s, max_batch_size=b, beam_size=1
                        ),
                        len(src),
                    )


def bench(name: str, back: str | None, device: str, batches: list[int], count: int) -> None:
    started = time.perf_counter()
    model = marian.load(name, device)
    print(f"{name} on {model.device}: loaded in {time.perf_counter() - started:.1f} s")
    german, french = sentences(count)
    model.force_decode(german[:4], french[:4])  # warm up
    for batch in batches:
        timed(
            f"force-decode, batch {batch}",
            lambda b=batch: model.force_decode(german, french, batch_size=b),
            count,
        )
    if back:
        reverse = marian.load(back, device)
        short = french[: max(4, count // 4)]
        for batch in batches:
            timed(
                f"translate fr→de (greedy), batch {batch}",
                lambda b=batch: reverse.translate(short, batch_size=b),
                len(short),
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="a real de→fr model (hub id in the cache, or folder)")
    parser.add_argument("--back-model", help="a real fr→de model for the round trip")
    parser.add_argument("--device", default="cpu", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--batch", type=int, action="append", help="batch sizes (repeatable)")
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--threads", type=int, help="torch intra-op threads (default: the cores)")
    parser.add_argument("--ctranslate2", action="store_true", help="also time CTranslate2")
    args = parser.parse_args()
    missing = marian.missing_packages()
    if missing:
        print(
            f"bench_neural: {', '.join(missing)} not installed ({marian.INSTALL}); nothing to measure"
        )
        return 0
    if args.threads:
        os.environ["OMP_NUM_THREADS"] = str(args.threads)
    batches = args.batch or [1, marian.BATCH]
    if args.ctranslate2 and importlib.util.find_spec("ctranslate2") is None:
        print("bench_neural: --ctranslate2 needs `pip install ctranslate2`")
        return 2
    print(f"threads {marian.threads()}, {args.sentences} sentences, load {os.getloadavg()[0]:.2f}")
    from tests.tiny_marian import build_pair

    with tempfile.TemporaryDirectory() as folder:
        started, cpu = time.perf_counter(), time.process_time()
        forward, back = build_pair(Path(folder))
        print(
            f"tiny models built in {time.perf_counter() - started:.1f} s "
            f"(CPU {time.process_time() - cpu:.1f} s)"
        )
        bench(str(forward), str(back), args.device, batches, args.sentences)
        if args.ctranslate2:
            bench_ctranslate2(str(forward), str(back), batches, args.sentences)
    real = args.model or (
        marian.DEFAULT_MODELS[0] if marian.locate(marian.DEFAULT_MODELS[0]) else None
    )
    real_back = args.back_model or (
        marian.DEFAULT_MODELS[1]
        if args.model is None and marian.locate(marian.DEFAULT_MODELS[1])
        else None
    )
    if real:
        bench(real, real_back, args.device, batches, args.sentences)
        if args.ctranslate2:
            bench_ctranslate2(real, real_back, batches, args.sentences)
    else:
        print(f"no real model on disk ({marian.DEFAULT_MODELS[0]} not in {marian.hub_cache()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
