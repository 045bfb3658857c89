"""Fingerprints of the files a streamed report depends on (tqa.fingerprint),
which --resume compares: contents for inputs, a listing for model folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tqa.fingerprint import MISSING, SPECIAL, file_digest, folder_fingerprint, inputs_fingerprint


def test_a_file_is_known_by_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Le chat dort.\n")
    first = file_digest(str(path))
    os.utime(path, ns=(1, 1))  # touched: the same contents
    assert file_digest(str(path)) == first
    path.write_bytes(b"Le chat dort!\n")
    assert file_digest(str(path)) != first
    assert file_digest(str(tmp_path / "missing.txt")) == MISSING


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_never_read(tmp_path: Path) -> None:
    """Read once by the check, it cannot be read again: nor is it opened
    (with no writer, opening it would wait)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert file_digest(str(fifo)) == SPECIAL
    assert inputs_fingerprint("-", None) == inputs_fingerprint("-", None)


def test_a_source_paired_or_not_changes_the_fingerprint(tmp_path: Path) -> None:
    french, german = tmp_path / "a.fr.txt", tmp_path / "a.de.txt"
    french.write_text("Le chat dort.\n", encoding="utf-8")
    german.write_text("Die Katze schläft.\n", encoding="utf-8")
    alone = inputs_fingerprint(str(french), None)
    paired = inputs_fingerprint(str(french), str(german))
    assert alone != paired
    german.write_text("Die Katze schläft nicht.\n", encoding="utf-8")
    assert inputs_fingerprint(str(french), str(german)) not in (alone, paired)


def test_a_model_folder_is_known_by_its_listing(tmp_path: Path) -> None:
    model = tmp_path / "model"
    (model / "sub").mkdir(parents=True)
    (model / "config.json").write_text("{}", encoding="utf-8")
    (model / "sub" / "weights.bin").write_bytes(b"\0" * 10)
    first = folder_fingerprint(str(model))
    assert folder_fingerprint(str(model)) == first
    os.utime(model / "sub" / "weights.bin", ns=(1, 1))  # saved again
    second = folder_fingerprint(str(model))
    assert second != first
    (model / "tokenizer.json").write_text("{}", encoding="utf-8")  # a file added
    assert folder_fingerprint(str(model)) not in (first, second)


def test_a_linked_subfolder_of_a_model_is_walked_once_and_a_loop_does_not_hold(
    tmp_path: Path,
) -> None:
    """A model whose subfolder is a link to a shared folder (as a loader
    follows it): a file saved again there changes the fingerprint; a link
    back up to the model (a loop) is walked once."""
    shared = tmp_path / "shared-weights"
    shared.mkdir()
    (shared / "weights.bin").write_bytes(b"\0" * 10)
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}", encoding="utf-8")
    (model / "weights").symlink_to(shared, target_is_directory=True)
    (model / "loop").symlink_to(model, target_is_directory=True)
    (shared / "again").symlink_to(shared, target_is_directory=True)
    first = folder_fingerprint(str(model))
    assert folder_fingerprint(str(model)) == first
    os.utime(shared / "weights.bin", ns=(1, 1))  # saved again, behind the link
    assert folder_fingerprint(str(model)) != first
