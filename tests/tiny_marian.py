"""Tiny Marian translation models built from scratch, for tests and benchmarks
(nothing is downloaded).

SentencePiece source and target models are trained on a few hundred
German/French sentence pairs made from small word tables; a Marian model with
random weights (two layers of 32 dimensions) is then trained on the same
pairs for a few seconds, enough to learn them by heart, so that it finds
"tribunal" unlikely where the German says "Gipfel" and prefers "sommet".
Both directions are built (de→fr and fr→de) and saved as opus-mt saves its
models: config.json, model.safetensors, source.spm, target.spm, vocab.json
(every piece of both SentencePiece models plus ``</s>``, ``<unk>`` and
``<pad>``; the pad token is the decoder's start token, as in opus-mt).
"""

from __future__ import annotations

import io
import itertools
import json
import os
from pathlib import Path

SUBJECTS = [
    ("Der Gipfel", "Le sommet"),
    ("Die Regierung", "Le gouvernement"),
    ("Der Präsident", "Le président"),
    ("Die Kommission", "La commission"),
    ("Das Parlament", "Le parlement"),
]
VERBS = [("beginnt", "commence"), ("endet", "se termine"), ("tagt", "se réunit")]
TIMES = [
    ("am Montag", "lundi"),
    ("am Dienstag", "mardi"),
    ("heute", "aujourd'hui"),
    ("in Berlin", "à Berlin"),
]
#: SentencePiece vocabulary of each side, and sentence pairs per training step
VOCAB = 160
BATCH = 64

OBJECTS = [("den Vertrag", "le contrat"), ("die Erklärung", "la déclaration")]


def pairs() -> list[tuple[str, str]]:
    """About 250 German/French sentence pairs."""
    out = []
    for (sd, sf), (vd, vf), (td, tf) in itertools.product(SUBJECTS, VERBS, TIMES):
        out.append((f"{sd} {vd} {td}.", f"{sf} {vf} {tf}."))
    for (sd, sf), (od, of), (td, tf) in itertools.product(SUBJECTS, OBJECTS, TIMES):
        out.append((f"{sd} unterzeichnet {od} {td}.", f"{sf} signe {of} {tf}."))
    return out


def _spm(sentences: list[str], size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        vocab_size=size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        minloglevel=2,
        num_threads=1,
    )
    return model.getvalue()


def _pieces(proto: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=proto)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build(folder: Path, *, reverse: bool = False, steps: int = 150, seed: int = 0) -> Path:
    """Train and save a tiny de→fr model (fr→de with ``reverse``) in ``folder``."""
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):  # before transformers is imported
        os.environ[key] = "1"
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    data = [(f, d) for d, f in pairs()] if reverse else pairs()
    folder.mkdir(parents=True, exist_ok=True)
    source = _spm([s for s, _ in data], VOCAB)
    target = _spm([t for _, t in data], VOCAB)
    (folder / "source.spm").write_bytes(source)
    (folder / "target.spm").write_bytes(target)
    specials = ["</s>", "<unk>"]
    vocab = list(dict.fromkeys(specials + _pieces(source) + _pieces(target)))
    vocab = [p for p in vocab if p not in ("<s>", "<pad>")] + ["<pad>"]
    (folder / "vocab.json").write_text(
        json.dumps({p: i for i, p in enumerate(vocab)}, ensure_ascii=False), encoding="utf-8"
    )
    (folder / "tokenizer_config.json").write_text(
        json.dumps(
            {"source_lang": "fr" if reverse else "de", "target_lang": "de" if reverse else "fr"}
        ),
        encoding="utf-8",
    )
    pad = len(vocab) - 1
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=256,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    tokenizer = MarianTokenizer(
        str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json")
    )
    batch = tokenizer(
        [s for s, _ in data], text_target=[t for _, t in data], padding=True, return_tensors="pt"
    )
    labels = batch["labels"].masked_fill(batch["labels"] == pad, -100)
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
    model.train()
    # one thread: on a busy 2-core machine two threads spent ten times the CPU time spinning
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(seed)
    try:
        for _ in range(steps):
            rows = torch.randperm(len(data), generator=generator)[:BATCH]
            loss = model(
                input_ids=batch["input_ids"][rows],
                attention_mask=batch["attention_mask"][rows],
                labels=labels[rows],
            ).loss
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    finally:
        torch.set_num_threads(previous)
    model.eval()
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(str(folder))
    return folder


def build_pair(folder: Path) -> tuple[Path, Path]:
    """Tiny de→fr and fr→de models in ``folder``/de-fr and ``folder``/fr-de."""
    return build(folder / "de-fr"), build(folder / "fr-de", reverse=True)
