"""Marian translation models (opus-mt) for the neural checks, optional:
``pip install 'tqa[neural]'`` (torch, transformers, sentencepiece).

A model is named by a Hugging Face id (``Helsinki-NLP/opus-mt-de-fr``) or a
local folder. It is loaded only from that folder or from the local Hugging
Face cache, never from the network: the folder is checked here first (a
missing model is a :class:`ModelMissing` naming it), ``HF_HUB_OFFLINE`` and
``TRANSFORMERS_OFFLINE`` are set before transformers is imported (without
them a missing tokenizer retried the hub for minutes, and
``local_files_only`` alone still made a DNS lookup), and every
``from_pretrained`` call gets ``local_files_only=True`` and the folder's path.
Only :func:`load` and :func:`pull` import torch or transformers.

The two things the checks need, both batched under ``torch.inference_mode``:

* :meth:`Marian.force_decode`: for each (source, target) pair, the
  probability the model gives each target token after the source and the
  target's earlier tokens, the token it would have chosen instead, and the
  token's character offsets in the target;
* :meth:`Marian.translate`: greedy translations (the round trip).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqa.errors import MissingResource, TqaError

log = logging.getLogger(__name__)

PACKAGES = ("torch", "transformers", "sentencepiece")
INSTALL = "pip install 'tqa[neural]'  (torch, transformers, sentencepiece)"
#: what a Marian model folder must hold (opus-mt layout); one of WEIGHTS too
REQUIRED_FILES = ("config.json", "source.spm", "target.spm", "vocab.json")
WEIGHTS = ("model.safetensors", "pytorch_model.bin")
#: the models tqa knows how to use for German→French (CC BY 4.0, Helsinki-NLP)
DEFAULT_MODELS = ("Helsinki-NLP/opus-mt-de-fr", "Helsinki-NLP/opus-mt-fr-de")
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
#: set with OFFLINE: no "Loading weights" bars on the user's terminal during a check
QUIET = {"HF_HUB_DISABLE_PROGRESS_BARS": "1", "TRANSFORMERS_VERBOSITY": "error"}
#: sentences per forward pass: on 2 CPU cores larger batches gained nothing
#: (scripts/bench_neural.py --batch), and padding grows with batch size
BATCH = 16
#: tokens past this are cut from a sentence (opus-mt reads 512)
MAX_TOKENS = 256
SPIECE = "\u2581"


class ModelMissing(MissingResource):
    """A configured translation model is not in its folder nor in the local cache."""


def missing_packages() -> list[str]:
    """The packages of the ``neural`` extra that are not installed (without importing them)."""
    return [name for name in PACKAGES if importlib.util.find_spec(name) is None]


def available() -> bool:
    return not missing_packages()


def hub_cache() -> Path:
    """The Hugging Face hub cache, as huggingface_hub finds it."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "huggingface" / "hub"


def missing_files(folder: Path) -> list[str]:
    """What a Marian model folder lacks (empty: it is complete)."""
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in WEIGHTS):
        missing.append(" or ".join(WEIGHTS))
    return missing


def _snapshots(name: str) -> list[Path]:
    """Snapshot folders of hub model ``name`` in the local cache, the one
    ``refs/main`` names first."""
    repo = hub_cache() / ("models--" + name.replace("/", "--"))
    folders = repo / "snapshots"
    if not folders.is_dir():
        return []
    found = sorted((p for p in folders.iterdir() if p.is_dir()), key=lambda p: p.name)
    try:
        main = (repo / "refs" / "main").read_text(encoding="utf-8").strip()
    except OSError:
        main = ""
    return sorted(found, key=lambda p: p.name != main)


def is_folder_name(name: str) -> bool:
    """A name that can only be a folder (a hub id is ``owner/model``, relative, two parts)."""
    return (
        name.startswith((".", "/", "~"))
        or os.sep in name.strip("/").replace("/", "", 1)
        or Path(name).is_dir()
    )


def locate(name: str) -> Path | None:
    """The complete model folder for ``name`` (a folder or a cached hub id), or None."""
    path = Path(os.path.expanduser(name))
    if path.is_dir():
        return path.resolve() if not missing_files(path) else None
    if is_folder_name(name):
        return None
    for snapshot in _snapshots(name):
        if not missing_files(snapshot):
            return snapshot
    return None


def resolve(name: str) -> Path:
    """The model folder of ``name``, or a ModelMissing that names the model,
    says where it was looked for and how to get it."""
    path = Path(os.path.expanduser(name))
    if path.is_dir():
        missing = missing_files(path)
        if missing:
            raise ModelMissing(
                f"translation model {name}: the folder lacks {', '.join(missing)} "
                "(a Marian model folder as saved by save_pretrained)"
            )
        return path.resolve()
    if is_folder_name(name):
        raise ModelMissing(f"translation model {name}: no such folder")
    found = locate(name)
    if found is None:
        partial = _snapshots(name)
        lacks = f" (cached copy lacks {', '.join(missing_files(partial[0]))})" if partial else ""
        raise ModelMissing(
            f"translation model {name} is not in the local Hugging Face cache "
            f"{hub_cache()}{lacks}; tqa never downloads during a check: run "
            f"`tqa models pull {name}` where a network allows it, or name a local folder"
        )
    return found


def pull(name: str) -> Path:
    """Download hub model ``name`` into the local cache (the one command that
    uses the network); TqaError with the reason when it cannot."""
    if missing_packages():
        raise MissingResource(f"downloading models needs {INSTALL}")
    if is_folder_name(name):
        raise TqaError(f"{name}: a folder, not a Hugging Face model id (owner/model)")
    try:
        from huggingface_hub import snapshot_download

        folder = snapshot_download(
            repo_id=name,
            allow_patterns=[*REQUIRED_FILES, *WEIGHTS, "generation_config.json", "*.json"],
            cache_dir=os.environ.get("HF_HUB_CACHE") or None,
        )
    except Exception as exc:  # noqa: BLE001 - network, auth and missing repo all end the same way
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TqaError(f"cannot download {name}: {type(exc).__name__}: {reason}") from None
    path = Path(folder)
    missing = missing_files(path)
    if missing:
        raise TqaError(f"{name} downloaded to {path} but lacks {', '.join(missing)}")
    return path


# -- inference ----------------------------------------------------------------


@dataclass(frozen=True)
class TokenScore:
    """One target token as the model sees it after the source: ``start``/``end``
    index the target text (equal for a piece that is only a space or the end
    of the sentence), ``prob`` is its probability, ``best`` the piece the
    model rates highest there and ``best_prob`` that piece's probability."""

    start: int
    end: int
    piece: str
    prob: float
    best: str
    best_prob: float


def piece_offsets(text: str, pieces: Sequence[str]) -> list[tuple[int, int]]:
    """Character offsets in ``text`` of SentencePiece ``pieces`` (``▁`` marks
    a space). A piece is matched as written at the cursor after any spaces;
    where the model's normalisation changed the text (NFKC: ``ﬁ`` → ``fi``,
    no-break spaces), as many characters are taken as, normalised, make up
    the piece. One pass over the text."""
    out: list[tuple[int, int]] = []
    pos = 0
    size = len(text)
    for raw in pieces:
        piece = raw.replace(SPIECE, "")
        if raw.startswith(SPIECE) or not piece:
            while pos < size and (text[pos].isspace() or unicodedata.category(text[pos]) == "Zs"):
                pos += 1
        if not piece:
            out.append((pos, pos))
            continue
        if text.startswith(piece, pos):
            out.append((pos, pos + len(piece)))
            pos += len(piece)
            continue
        start, taken = pos, 0
        while pos < size and taken < len(piece):
            taken += len(unicodedata.normalize("NFKC", text[pos]).replace(" ", "")) or 1
            pos += 1
        out.append((start, pos))
    return out


def threads() -> int:
    """torch's intra-op threads: OMP_NUM_THREADS when set, else half the cores
    this process may use (at most 4). On a busy 2-core machine two threads
    force-decoded 9 sentences/s and one thread 163/s with the tiny test
    model (scripts/bench_neural.py): idle threads spin while they wait, and
    the other process (or --jobs worker) loses its core."""
    if os.environ.get("OMP_NUM_THREADS", "").isdigit():
        return max(1, int(os.environ["OMP_NUM_THREADS"]))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores // 2))


def pick_device(device: str) -> str:
    """auto → cuda when torch sees a GPU, else cpu; cuda without one is an error."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise MissingResource("--device cuda: torch sees no CUDA device")
    return device


class Marian:
    """A loaded Marian model and its tokenizer (see :func:`load`)."""

    def __init__(self, name: str, folder: Path, device: str) -> None:
        for key, value in OFFLINE.items():  # before transformers is imported
            os.environ[key] = value
        for key, value in QUIET.items():
            os.environ.setdefault(key, value)
        import torch
        from transformers import MarianMTModel, MarianTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()

        torch.set_num_threads(threads())
        self.name = name
        self.folder = folder
        self.device = pick_device(device)
        with warnings.catch_warnings():  # "Recommended: pip install sacremoses" (unused here)
            warnings.simplefilter("ignore", UserWarning)
            self.tokenizer: Any = MarianTokenizer.from_pretrained(
                str(folder), local_files_only=True
            )
        model_class: Any = MarianMTModel  # transformers' stubs type .to() oddly
        self.model: Any = model_class.from_pretrained(str(folder), local_files_only=True)
        self.model.to(self.device)
        self.model.eval()
        # a sentence longer than the model's positions is cut (the rest is not scored)
        self.max_tokens = min(MAX_TOKENS, int(self.model.config.max_position_embeddings))
        self.pad_id = int(self.tokenizer.pad_token_id)
        self.eos_id = int(self.tokenizer.eos_token_id)
        self.unk_id = int(self.tokenizer.unk_token_id)
        vocab = self.tokenizer.encoder
        self._ids = vocab
        self._pieces = {i: p for p, i in vocab.items()}
        self._lock = threading.Lock()

    def _target_pieces(self, text: str) -> list[str]:
        pieces: list[str] = self.tokenizer.spm_target.encode(text, out_type=str)
        return pieces[: self.max_tokens - 1]

    def _source_batch(self, sources: Sequence[str]) -> Any:
        batch = self.tokenizer(
            list(sources),
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=self.max_tokens,
        )
        return {k: v.to(self.device) for k, v in batch.items()}

    def force_decode(
        self, sources: Sequence[str], targets: Sequence[str], batch_size: int = BATCH
    ) -> list[list[TokenScore]]:
        """Token scores of each target given its source (see TokenScore); the
        last score of each is the end of the sentence (``</s>``)."""
        import torch

        results: list[list[TokenScore]] = []
        with self._lock, torch.inference_mode():
            # longest first: batches of alike lengths waste less on padding
            order = sorted(range(len(targets)), key=lambda n: -len(targets[n]))
            done: dict[int, list[TokenScore]] = {}
            for first in range(0, len(order), batch_size):
                chunk = order[first : first + batch_size]
                done.update(
                    zip(
                        chunk,
                        self._force_batch([sources[n] for n in chunk], [targets[n] for n in chunk]),
                        strict=True,
                    )
                )
            results = [done[n] for n in range(len(targets))]
        return results

    def _force_batch(
        self, sources: Sequence[str], targets: Sequence[str]
    ) -> list[list[TokenScore]]:
        import torch

        pieces = [self._target_pieces(t) for t in targets]
        ids = [[self._ids.get(p, self.unk_id) for p in ps] + [self.eos_id] for ps in pieces]
        width = max(len(row) for row in ids)
        labels = torch.full((len(ids), width), self.pad_id, dtype=torch.long)
        for n, row in enumerate(ids):
            labels[n, : len(row)] = torch.tensor(row, dtype=torch.long)
        start = torch.full((len(ids), 1), self.model.config.decoder_start_token_id)
        decoder_in = torch.cat([start, labels[:, :-1]], dim=1).to(self.device)
        mask = (labels != self.pad_id).long()
        mask[:, 0] = 1
        out = self.model(
            **self._source_batch(sources),
            decoder_input_ids=decoder_in,
            decoder_attention_mask=mask.to(self.device),
        )
        logits = out.logits.float()
        logits[..., self.pad_id] = float("-inf")  # never a real token (Marian's generation bans it)
        probs = torch.softmax(logits, dim=-1)
        # only what is read leaves the device: the full table is batch × length × vocabulary
        chosen = probs.gather(2, labels.to(self.device).unsqueeze(-1)).squeeze(-1).cpu()
        best_prob, best = (t.cpu() for t in probs.max(dim=-1))
        scored: list[list[TokenScore]] = []
        for n, text in enumerate(targets):
            offsets = piece_offsets(text, pieces[n]) + [(len(text.rstrip()), len(text.rstrip()))]
            row = []
            for k, (begin, end) in enumerate(offsets):
                piece = pieces[n][k] if k < len(pieces[n]) else "</s>"
                row.append(
                    TokenScore(
                        begin,
                        end,
                        piece,
                        float(chosen[n, k]),
                        self._pieces.get(int(best[n, k]), "<unk>"),
                        float(best_prob[n, k]),
                    )
                )
            scored.append(row)
        return scored

    def continue_after(self, source: str, pieces: Sequence[str], max_new: int = 24) -> str:
        """What the model writes after the target pieces ``pieces`` (greedy, at
        most ``max_new`` tokens), as text: its own choice where a target
        starts to differ from what it expects."""
        import torch

        ids = [int(self.model.config.decoder_start_token_id)]
        ids += [self._ids.get(p, self.unk_id) for p in pieces]
        ids = ids[: self.max_tokens - max_new]
        with self._lock, torch.inference_mode():
            generated = self.model.generate(
                **self._source_batch([source]),
                decoder_input_ids=torch.tensor([ids], device=self.device),
                num_beams=1,
                do_sample=False,
                max_new_tokens=max_new,
            )
        new: list[int] = generated[0, len(ids) :].tolist()
        return str(self.tokenizer.decode(new, skip_special_tokens=True))

    def translate(self, texts: Sequence[str], batch_size: int = BATCH) -> list[str]:
        """Greedy translations of ``texts`` (one beam: the round trip needs the
        model's own reading, not its best effort)."""
        import torch

        out: list[str] = []
        with self._lock, torch.inference_mode():
            for first in range(0, len(texts), batch_size):
                chunk = list(texts[first : first + batch_size])
                generated = self.model.generate(
                    **self._source_batch(chunk),
                    num_beams=1,
                    do_sample=False,
                    max_new_tokens=min(self.max_tokens, 16 + 2 * max(len(t) for t in chunk) // 3),
                )
                out.extend(self.tokenizer.batch_decode(generated, skip_special_tokens=True))
        return out


_MODELS: dict[tuple[str, str], Marian] = {}
_LOAD = threading.Lock()


def load(name: str, device: str = "auto") -> Marian:
    """The model ``name`` (folder or cached hub id) on ``device``, loaded once per
    process. MissingResource without the packages, ModelMissing without the model."""
    missing = missing_packages()
    if missing:
        raise MissingResource(f"{', '.join(missing)} not installed ({INSTALL})")
    folder = resolve(name)
    with _LOAD:
        key = (str(folder), device)
        if key not in _MODELS:
            log.debug("loading translation model %s from %s", name, folder)
            _MODELS[key] = Marian(name, folder, device)
        return _MODELS[key]
