"""``tqa check --format jsonl --resume``: what a stopped run's stream keeps.

A stream records the settings of its run (``run_settings``) on its first
line and the fingerprint of each input's files on each document's line
(tqa.fingerprint). ``resume`` compares both with the batch as it is now:
other settings refuse the resume; a document whose files changed is checked
again at its place, the lines kept after it copied aside (``KeptLines``)
and written back in order.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tqa.config import Config
from tqa.errors import InputError
from tqa.model import DocumentReport

if TYPE_CHECKING:
    from tqa.render.jsonl import Stream
    from tqa.runner import Batch


@dataclass
class Resumption:
    """What --resume keeps of a stopped run."""

    numbers: Sequence[int]
    """The inputs to check (ascending): those the stopped run did not reach,
    and those of its documents whose files changed since."""
    reused: range | frozenset[int] = range(0)
    """The inputs whose lines are kept."""
    tail: KeptLines | None = None
    """The kept lines that come after the first input checked again."""


class KeptLines:
    """Lines of the stopped run's stream that come after one it checks again:
    copied aside before the stream is cut there (the stream stays in input
    order), then written back, each as soon as the lines before it are."""

    def __init__(self, path: str, start: int, end: int, spans: list[tuple[int, int, int]]) -> None:
        """``spans``: (input number, start, end) of each line to keep, in
        order, as byte offsets into ``path`` between ``start`` and ``end``."""
        import tempfile
        from collections import deque

        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._base = start
        try:
            with open(path, "rb") as old:
                old.seek(start)
                left = end - start
                while left > 0 and (chunk := old.read(min(left, 1 << 20))):
                    self._file.write(chunk)
                    left -= len(chunk)
            if left:
                raise OSError("the report became shorter while it was read")
        except OSError as exc:
            self._file.close()
            raise InputError(
                f"{path}: cannot read the report to resume ({getattr(exc, 'strerror', '') or exc})"
            ) from None
        self._spans = deque(spans)

    def copy_after(self, number: int, write: Callable[[str], None]) -> None:
        """Write the kept lines of inputs ``number + 1``, ``number + 2``…
        up to the next input that is checked again."""
        while self._spans and self._spans[0][0] == number + 1:
            number, start, end = self._spans.popleft()
            self._file.seek(start - self._base)
            write(self._file.read(end - start).decode("utf-8"))

    def close(self) -> None:
        self._file.close()


def resume(
    batch: Batch,
    stream: Stream,
    kept: dict[int, DocumentReport],
    verdicts: dict[int, tuple[bool, int]],
    errors: dict[int, str],
    compare: bool,
    settings: dict[str, Any],
) -> Resumption:
    """Take the documents of an earlier run's stream: what is left to check.
    They must be the first inputs of this batch, in order, and the stream's
    settings (when it records them) this run's. A document or error whose
    line records another fingerprint of its files (the input file and the
    German source paired with it, tqa.fingerprint.inputs_fingerprint) than
    they have now is checked again, at its place: the stream is cut before
    its line (``stream.prefix_bytes`` lowered), and the lines kept after it
    are written back in order (Resumption.tail)."""
    from tqa.checks.structure import compared_across_batch
    from tqa.config import OPTIONS
    from tqa.render.json_report import load_document
    from tqa.runner import _check_in_blocks

    if stream.settings is not None and stream.done:
        # a setting that one of the two versions of tqa does not know is not compared
        differ = sorted(
            k for k in settings.keys() & stream.settings.keys() if settings[k] != stream.settings[k]
        )
        if differ:
            names = ", ".join(OPTIONS.get(k, CONTENTS.get(k, k)) for k in differ)
            raise InputError(
                f"--resume: the report to resume was written with other options ({names}); "
                "resume with the same files and options"
            )
    stale: list[int] = []
    for expected, (number, label) in enumerate(stream.done):
        path = batch.inputs[number].display if number < len(batch.inputs) else None
        fits = number == expected and path is not None
        if fits and number in stream.errors:
            fits = label.startswith(f"{path}:")
        elif fits:
            fits = label == path
        if not fits:
            raise InputError(
                f"line {expected + 1} of the report to resume is not input {expected + 1} of "
                "this batch; resume with the same files and options"
            )
        # a stream written before fingerprints were recorded compares paths only
        recorded = stream.fingerprints.get(number)
        if recorded is not None and recorded != batch.fingerprint(number):
            stale.append(number)
            continue
        if number in stream.errors:
            errors[number] = stream.errors[number]
            continue
        verdicts[number] = stream.verdicts[number]
        if not compare or number not in stream.documents:
            continue
        if "format" in stream.documents[number]:
            # a report keeps no units: the batch-wide checks read them again
            again = _check_in_blocks(batch.inputs[number], batch.config, batch.source)
            if isinstance(again, DocumentReport) and compared_across_batch(again):
                kept[number] = again
            continue
        doc = load_document(stream.documents[number], f"input {number + 1}")
        if compared_across_batch(doc):
            kept[number] = doc
    done, total = len(stream.done), len(batch.inputs)
    if not stale:
        return Resumption(range(done, total), range(done))
    first, end = stale[0], stream.prefix_bytes
    stale_set = frozenset(stale)
    reused = frozenset(n for n in range(done) if n not in stale_set)
    stream.prefix_bytes = stream.starts[first]  # the stream is cut before the first one
    if stream.path is None:  # nothing to copy the lines after it from: checked again
        for number in range(first, done):
            verdicts.pop(number, None)
            kept.pop(number, None)
            errors.pop(number, None)
        return Resumption(range(first, total), range(first))
    starts = [*stream.starts, end]
    spans = [(n, starts[n], starts[n + 1]) for n in range(first + 1, done) if n in reused]
    tail = KeptLines(stream.path, starts[first], end, spans)
    return Resumption([*stale, *range(done, total)], reused, tail)


#: recorded settings that are no option: how a refused --resume names them
CONTENTS = {
    "baseline": "--baseline",
    "glossary_contents": "the contents of the glossary",
    "source_contents": "the contents of --source",
    "reference_contents": "the contents of --reference",
    "post_edited_contents": "the contents of --post-edited",
    "neural_model_files": "the files of --neural-model",
    "neural_back_model_files": "the files of --neural-back-model",
}


def run_settings(batch: Batch) -> dict[str, Any]:
    """What a stream records of the run's settings (tqa.render.jsonl), as
    read back from JSON: every field of the effective configuration, a
    digest of the baseline, and a digest of the contents of each file that
    every document is checked against (the glossary, the one --source file,
    --reference and --post-edited) and a fingerprint of each model folder
    in use (tqa.fingerprint): the same path with other contents must not
    let --resume keep results made with the old ones. The source file
    paired with each document is the fingerprint of that document's line."""
    import dataclasses
    import hashlib

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    data: dict[str, Any] = dataclasses.asdict(batch.config)
    data["baseline"] = None
    if batch.known is not None:
        data["baseline"] = digest(json.dumps(batch.known, sort_keys=True, default=str))
    data["glossary_contents"] = None
    if batch.config.glossary:
        from tqa.checks.glossary import load_glossary

        terms = [[t.german, list(t.french)] for t in load_glossary(batch.config.glossary)]
        data["glossary_contents"] = digest(json.dumps(terms, ensure_ascii=False))
    data["source_contents"] = digest(batch.source.text) if batch.source is not None else None
    for kind in ("reference", "post-edited"):
        texts = [doc.text for k, doc in batch.references if k == kind]
        data[f"{kind.replace('-', '_')}_contents"] = digest(texts[0]) if texts else None
    data.update(_model_files(batch.config))
    return dict(json.loads(json.dumps(data, sort_keys=True, default=str)))


def _model_files(config: Config) -> dict[str, str | None]:
    """A fingerprint of the folder of each translation model that the run
    may load (tqa.fingerprint.folder_fingerprint; None for a model not in
    use or not found, which the check that needs it reports): a model saved
    again under the same name or path gives other reports."""
    from tqa.backends import marian
    from tqa.fingerprint import folder_fingerprint

    forward = config.align_scorer == "translation" or any(
        config.rule_enabled(code) for code in ("TQA-NEU-001", "TQA-NEU-002")
    )
    models = {
        "neural_model_files": config.neural_model if forward else None,
        "neural_back_model_files": config.neural_back_model
        if config.rule_enabled("TQA-NEU-002")
        else None,
    }
    found: dict[str, str | None] = {}
    for key, name in models.items():
        folder = marian.locate(name) if name else None
        found[key] = folder_fingerprint(str(folder)) if folder is not None else None
    return found


def read_stream(path: str | os.PathLike[str]) -> Stream | None:
    """The stream of a stopped ``tqa check --format jsonl -o PATH`` run, to
    resume (None when PATH does not exist yet). Only the documents that the
    batch-wide checks compare are held in memory."""
    from tqa.render.jsonl import parse

    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            stream = parse(
                handle, name, keep=lambda d: "source" in d or "format" in d, updates=False
            )
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(
            f"{name}: cannot read the report to resume ({exc.strerror or exc})"
        ) from None
    stream.path = name
    return stream
