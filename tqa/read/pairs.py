"""Translation pairs in batches: which German source goes with which French file.

Two ways to pair, as localisation folders are laid out:

- folders: ``tqa check fr/ --source de/`` pairs ``fr/a/b.txt`` with
  ``de/a/b.txt`` (or with ``de/a/b.de.txt`` when the French file is named
  ``b.fr.txt``);
- names: in one folder ``NAME.de.EXT`` is the source of ``NAME.fr.EXT``
  (language tags as configured, any case; with a region, ``NAME.de-DE.EXT``
  of ``NAME.fr-FR.EXT``: see ``partners``).

A file named as a German source (``NAME.de.EXT``) is never checked as
French. What cannot be paired is listed, never dropped silently: a French
file without its source is still checked on its own (with a note), a German
source without its translation is only listed.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tqa.errors import InputError
from tqa.model import Unpaired
from tqa.read.paths import BILINGUAL_SUFFIXES, Input, expand_paths, shown

#: ``NAME.LANG.EXT``: a language tag of two or three letters before the last suffix
_TAGGED = re.compile(r"(?P<stem>.+)\.(?P<lang>[A-Za-z]{2,3})(?P<ext>\.[^.]+)")
#: ``NAME.LANG-REGION.EXT`` or ``NAME.LANG_REGION.EXT`` ("a.de-DE.txt", "a.fr_CH.txt",
#: "a.fr-419.txt"): a region is two letters or three digits, so that
#: "notes.de-facto.txt" is no German file
_REGIONAL = re.compile(
    r"(?P<stem>.+)\.(?P<lang>[A-Za-z]{2,3})(?P<sep>[-_])(?P<region>[A-Za-z]{2}|[0-9]{3})"
    r"(?P<ext>\.[^.]+)"
)


@dataclass(frozen=True)
class Plan:
    """The inputs to check (French files, each with its source when it has
    one) and the files that could not be paired."""

    inputs: list[Input]
    unpaired: list[Unpaired]


def retag(name: str, lang: str, other: str) -> str | None:
    """``NAME.<lang>.EXT`` → ``NAME.<other>.EXT`` (the tag's case kept:
    ``a.DE.txt`` → ``a.FR.txt``), or None when ``name`` has no ``lang`` tag."""
    match = _TAGGED.fullmatch(name)
    if match is None or match["lang"].lower() != lang.lower():
        return None
    tag = match["lang"]
    new = other.upper() if tag.isupper() else other.lower()
    return f"{match['stem']}.{new}{match['ext']}"


def tagged(name: str, lang: str) -> bool:
    """Whether ``name`` is ``NAME.<lang>.EXT`` or ``NAME.<lang>-REGION.EXT``."""
    match = _TAGGED.fullmatch(name) or _REGIONAL.fullmatch(name)
    return match is not None and match["lang"].lower() == lang.lower()


def partners(folder: str, name: str, lang: str, other: str) -> list[str]:
    """The names in ``folder`` that ``name``, tagged ``lang``, pairs with in
    language ``other``, best first: the tag swapped (``a.fr.txt`` →
    ``a.de.txt``; for a regional tag the same region first, ``a.fr-CH.txt``
    → ``a.de-CH.txt``, then ``a.de.txt``), then the one name of the folder
    with another region (``a.fr-FR.txt`` or ``a.fr.txt`` → ``a.de-DE.txt``;
    when there are several, none: which one is meant cannot be told)."""
    plain = retag(name, lang, other)
    match = _REGIONAL.fullmatch(name)
    if plain is not None:
        found = [plain]
        parts = _TAGGED.fullmatch(name)
        assert parts is not None  # retag found the tag
        stem, ext = parts["stem"], parts["ext"]
    elif match is not None and match["lang"].lower() == lang.lower():
        tag = other.upper() if match["lang"].isupper() else other.lower()
        stem, ext = match["stem"], match["ext"]
        found = [f"{stem}.{tag}{match['sep']}{match['region']}{ext}", f"{stem}.{tag}{ext}"]
    else:
        return []
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return found
    regional = [
        n
        for n in names
        if (m := _REGIONAL.fullmatch(n)) is not None
        and m["stem"] == stem
        and m["ext"] == ext
        and m["lang"].lower() == other.lower()
    ]
    if len(regional) == 1 and regional[0] not in found:
        found.append(regional[0])
    return found


def plan(
    paths: Iterable[str], *, source_dir: str | None, source_lang: str, target_lang: str
) -> Plan:
    """Expand ``paths`` and pair every French file with its German source."""
    if source_dir is not None:
        targets = list(paths)
        if len(targets) != 1 or not _is_dir(targets[0]):
            raise InputError(
                f"{source_dir}: a source folder pairs with exactly one folder of French files "
                "(tqa check fr/ --source de/)"
            )
        return _folders(targets[0], source_dir, source_lang, target_lang)
    return _by_name(expand_paths(paths), source_lang, target_lang)


def _by_name(items: Iterable[Input], source_lang: str, target_lang: str) -> Plan:
    """``NAME.fr.EXT`` takes ``NAME.de.EXT`` beside it as its source."""
    inputs: list[Input] = []
    german: list[tuple[Input, str]] = []
    used: set[str] = set()
    for item in items:
        if item.error is not None or item.path == "-" or _bilingual(item.path):
            inputs.append(item)
            continue
        folder, name = os.path.split(item.path)
        if tagged(name, target_lang):
            candidates = [
                os.path.join(folder, n) for n in partners(folder, name, target_lang, source_lang)
            ]
            found = next((c for c in candidates if _is_file(c)), None)
            if found is not None:
                used.add(os.path.realpath(found))
                item = replace(item, source=found)
            inputs.append(item)
            continue
        if tagged(name, source_lang):  # a German source is never checked as French
            named = partners(folder, name, source_lang, target_lang)
            translation = next(
                (os.path.join(folder, n) for n in named if _is_file(os.path.join(folder, n))),
                os.path.join(folder, named[0]),
            )
            german.append((item, translation))
            continue
        inputs.append(item)
    unpaired = []
    for item, translation in german:
        if os.path.realpath(item.path) in used:
            continue
        where = "is not among the inputs" if _is_file(translation) else "was not found"
        unpaired.append(
            Unpaired(
                item.display,
                "source",
                shown(f"German source; its translation {translation} {where}"),
            )
        )
    return Plan(inputs, unpaired)


def _folders(target_dir: str, source_dir: str, source_lang: str, target_lang: str) -> Plan:
    """``fr/x`` takes ``de/x`` (or ``de/x`` retagged) as its source; sources
    left over and French files without one are listed."""
    if not _is_dir(source_dir):
        raise InputError(f"{source_dir}: not a folder (--source FOLDER pairs with a folder)")
    if os.path.samefile(source_dir, target_dir):
        raise InputError(
            f"{source_dir}: the folder of sources is the folder of French files "
            "(tqa check fr/ --source de/; in one folder, NAME.de.EXT pairs with NAME.fr.EXT "
            "without --source)"
        )
    # the folder of sources may lie inside the folder of French files
    # (tqa check . --source de/): its files are sources, never checked as French
    sources_root = os.path.join(os.path.realpath(source_dir), "")
    targets = (
        i
        for i in expand_paths([target_dir])
        if not os.path.realpath(i.path).startswith(sources_root)
    )
    named = _by_name(targets, source_lang, target_lang)
    inputs: list[Input] = []
    unpaired = list(named.unpaired)
    used: set[str] = set()
    for item in named.inputs:
        if item.error is not None or item.source is not None or _bilingual(item.path):
            if item.source is not None:
                used.add(os.path.realpath(item.source))
            inputs.append(item)
            continue
        relative = os.path.relpath(item.path, target_dir)
        folder, name = os.path.split(relative)
        candidates = [os.path.join(source_dir, relative)]
        sources = os.path.join(source_dir, folder)
        candidates += [
            os.path.join(sources, n) for n in partners(sources, name, target_lang, source_lang)
        ]
        found = next((c for c in candidates if _is_file(c)), None)
        if found is None:
            message = f"no source file {candidates[-1]}: checked without a source"
            unpaired.append(Unpaired(item.display, "target", shown(message)))
        else:
            used.add(os.path.realpath(found))
            item = replace(item, source=found)
        inputs.append(item)
    for item in expand_paths([source_dir]):
        if item.error is not None or os.path.realpath(item.path) in used or _bilingual(item.path):
            continue
        relative = os.path.relpath(item.path, source_dir)
        folder, name = os.path.split(relative)
        wanted = partners(os.path.join(target_dir, folder), name, source_lang, target_lang)
        translation = os.path.join(target_dir, folder, wanted[0] if wanted else name)
        message = f"German source without a translation ({translation} was not found)"
        unpaired.append(Unpaired(item.display, "source", shown(message)))
    return Plan(inputs, unpaired)


def _bilingual(path: str) -> bool:
    """A bilingual file (XLIFF, TMX, PO) holds its own source."""
    return path.lower().endswith(BILINGUAL_SUFFIXES)


def _is_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False
