from __future__ import annotations

from pathlib import Path

import pytest

from tqa.errors import InputError
from tqa.read import Input, decode, expand_paths, read_document


def test_utf8_bom_removed_and_crlf_kept() -> None:
    assert decode("\ufeffLe sommet\r\ncommence.".encode(), "a.txt") == "Le sommet\r\ncommence."


def test_utf16_with_bom() -> None:
    assert decode("Über den Gipfel".encode("utf-16"), "a.txt") == "Über den Gipfel"


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_read_not_called_binary(encoding: str) -> None:
    """UTF-32's little-endian byte-order mark begins as UTF-16's: such a file
    was decoded as UTF-16 and refused as "binary file (control characters)"."""
    data = "\ufeffÜber den Gipfel.\n".encode(encoding)
    assert decode(data, "a.txt") == "Über den Gipfel.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_not_called_binary(encoding: str) -> None:
    data = "Le sommet a lieu à Astana, lundi.\n".encode(encoding)
    with pytest.raises(InputError) as caught:
        decode(data, "a.txt")
    assert str(caught.value) == (
        "a.txt: UTF-16 without a byte-order mark, it seems (a NUL byte in every second "
        "byte); save the file as UTF-8"
    )
    with pytest.raises(InputError, match="a.txt: binary file .contains NUL bytes., not text"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt")


def test_undecodable_names_file_and_byte_offset() -> None:
    with pytest.raises(InputError, match=r"a\.txt: not valid UTF-8 at byte 3"):
        decode(b"caf\xe9 au lait", "a.txt")


def test_undecodable_offset_counts_the_bom() -> None:
    with pytest.raises(InputError, match=r"at byte 6"):
        decode(b"\xef\xbb\xbfcaf\xe9", "a.txt")


def test_binary_rejected() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x7fELF\x02\x01\x01\x00\x00\x00", "ls")


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Le sommet. " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_document(Input(str(big), "big.txt"), max_bytes=1000)


def test_directory_expansion_keeps_text_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden.txt").write_text("h", encoding="utf-8")
    found = [Path(i.path).name for i in expand_paths([str(tmp_path)])]
    assert found == ["a.md", "b.txt"]


def test_glob_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    assert len(list(expand_paths([str(tmp_path / "*.txt")]))) == 1
    with pytest.raises(InputError, match="no such file"):
        list(expand_paths([str(tmp_path / "missing.txt")]))
    with pytest.raises(InputError, match="no file matches"):
        list(expand_paths([str(tmp_path / "*.docx")]))


def test_reading_never_modifies_the_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    data = "\ufeffLe sommet\r\n".encode()
    path.write_bytes(data)
    before = path.stat().st_mtime_ns
    read_document(Input(str(path), "a.txt"), max_bytes=10_000)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == before
