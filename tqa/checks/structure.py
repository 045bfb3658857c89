"""Structure and consistency checks, as localisation QA tools (Xbench,
pofilter) run them on translation units and pairs: inline tags and
placeholders lost, added or reordered, empty targets, targets identical to
their sources, and the same source translated differently (or different
sources given the same target) across a unit file or a whole batch.

Tags are the inline codes of a bilingual file (tqa.model.InlineTag, kept out
of the checked text) and markup written as text (``<b>…</b>``). Lost
placeholders (#NAME#, {0}, %s) are TQA-ACC-001's; here they are added or
reordered, with the same pattern (tqa.checks.accuracy_names.PLACEHOLDER).

The consistency rules (TQA-STR-005/006) compare the beads of one document
when it is checked, and every unit and bead of a batch once all its
documents are checked (``batch_consistency``, called by tqa.runner).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from tqa.checks.accuracy_names import PLACEHOLDER
from tqa.checks.base import CheckInput, Example, Rule, listed, rule
from tqa.config import Config
from tqa.model import (
    DocumentReport,
    Finding,
    InlineTag,
    Origin,
    Segment,
    UnitInfo,
    count_words,
)

#: markup written as text: <b>, </b>, <br/>, <a href="…"> (bounded, linear)
MARKUP = re.compile(r"<(/?)([A-Za-z][\w:.-]{0,40})(?:\s[^<>]{0,300})?(/?)>")
#: placeholders whose order is their meaning: printf without a name or position, and {}
ORDERED = re.compile(r"%[sdif]|\{\}")
_SPACES = re.compile(r"\s+")
#: Xbench-style consistency: at most this many other renderings are named in a message
SHOWN = 3


@dataclass(frozen=True)
class _Tag:
    key: tuple[str, str, bool]
    start: int
    end: int


def _unit_tags(tags: Sequence[InlineTag], base: int) -> list[_Tag]:
    return [_Tag((t.kind, t.id, t.closing), t.offset - base, t.offset - base) for t in tags]


def _text_tags(text: str) -> list[_Tag]:
    return [
        _Tag((m.group(2).lower(), "", bool(m.group(1))), m.start(), m.end())
        for m in MARKUP.finditer(text)
    ]


def _pairs(check: CheckInput) -> Iterator[tuple[list[Segment], list[Segment]]]:
    """Source and target segments of every bead with text on both sides."""
    if check.source is None:
        return
    src_by_id = {s.id: s for s in check.source_segments}
    tgt_by_id = {s.id: s for s in check.segments}
    for bead in check.alignment:
        src = [src_by_id[i] for i in bead.source if i in src_by_id]
        tgt = [tgt_by_id[j] for j in bead.target if j in tgt_by_id]
        if src and tgt:
            yield src, tgt


def _show(tag: tuple[str, str, bool]) -> str:
    kind, ident, closing = tag
    return f"<{'/' if closing else ''}{kind}{f' id={ident}' if ident else ''}>"


@rule(
    "TQA-STR-001",
    "inline-tag-mismatch",
    "design/markup",
    "major",
    examples=(
        Example(
            "Cliquez sur <b>Enregistrer</b> <i>maintenant</i>.\n",
            flagged=("<i>",),
            source="Klicken Sie jetzt auf <b>Speichern</b>.\n",
        ),
        Example(
            "Cliquez sur <b>Enregistrer</b> maintenant.\n",
            source="Klicken Sie jetzt auf <b>Speichern</b>.\n",
        ),
    ),
)
def inline_tag_mismatch(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """An inline tag of the source lost in the translation, one added, or the tags in another order.

    Inline tags (XLIFF ``<g>``, ``<x/>``, ``<ph>``, ``<bpt>``, ``<pc>``…, TMX
    ``<bpt>``/``<ept>``, and markup written as text such as ``<b>``) carry
    formatting and links: a lost or extra tag breaks the layout or the file
    that is built from the translation. A lost tag is reported where the
    target starts (it has no place in the translation); an added one on the
    tag itself. Tags in another order are minor: word order may move a
    formatted word, which is right, but a closing tag before its opening
    one is not. It misfires when a translation drops a formatting tag on
    purpose (an emphasis that French does not need).
    """
    unit = check.document.units[0] if len(check.document.units) == 1 else None
    base = unit.start if unit is not None else 0
    source_base = unit.source_start if unit is not None else 0
    source_text = check.source.text if check.source is not None else ""
    source = _text_tags(source_text)
    target = _text_tags(check.text)
    if unit is not None:
        source = _unit_tags(unit.source_tags, source_base) + source
        target = _unit_tags(unit.tags, base) + target
        source.sort(key=lambda t: t.start)
        target.sort(key=lambda t: t.start)
    if not source and not target:
        return
    wanted = Counter(t.key for t in source)
    have = Counter(t.key for t in target)
    lost = wanted - have
    for key, count in sorted(lost.items()):
        if key[2] and lost[(key[0], key[1], False)]:
            continue  # a paired tag lost whole is one finding
        yield self.finding(
            check,
            0,
            0,
            f"inline tag {_pair(key, lost)} of the source is missing"
            + (f" ({count} times)" if count > 1 else ""),
            segment=check.segments[0].id if check.segments else None,
            confidence=0.9,
            evidence=f"source tags: {' '.join(_show(t.key) for t in source)}",
        )
    extra = have - wanted
    for tag in target:
        if extra[tag.key] > 0:
            extra[tag.key] -= 1
            if tag.key[2] and (have - wanted)[(tag.key[0], tag.key[1], False)]:
                continue
            yield self.finding(
                check,
                tag.start,
                tag.end,
                f"inline tag {_pair(tag.key, have - wanted)} is not in the source",
                segment=_segment_at(check, tag.start),
                confidence=0.9,
                evidence=f"source tags: {' '.join(_show(t.key) for t in source) or 'none'}",
            )
    if lost or have - wanted:
        return
    if [t.key for t in source] != [t.key for t in target]:
        broken = _nesting_broken([t.key for t in target])
        first = next(t for s, t in zip(source, target, strict=True) if s.key != t.key)
        yield self.finding(
            check,
            first.start,
            first.end,
            "inline tags close before they open"
            if broken
            else "inline tags are in another order than in the source",
            segment=_segment_at(check, first.start),
            confidence=0.9 if broken else 0.5,
            severity="major" if broken else "minor",
            evidence=f"source: {' '.join(_show(t.key) for t in source)}; "
            f"target: {' '.join(_show(t.key) for t in target)}",
        )


def _pair(key: tuple[str, str, bool], counts: Counter[tuple[str, str, bool]]) -> str:
    """``<g id=1>…</g>`` for an opening tag whose closing one is counted too."""
    kind, ident, closing = key
    if not closing and counts[(kind, ident, True)]:
        return f"{_show(key)}…</{kind}>"
    return _show(key)


def _nesting_broken(keys: list[tuple[str, str, bool]]) -> bool:
    open_tags: list[tuple[str, str]] = []
    for kind, ident, closing in keys:
        if kind in ("br", "img", "x", "ph", "bx", "ex", "it", "sc", "ec", "hr", "bpt", "ept"):
            continue
        if not closing:
            open_tags.append((kind, ident))
        elif not open_tags or open_tags[-1] != (kind, ident):
            return True
        else:
            open_tags.pop()
    return False


def _segment_at(check: CheckInput, offset: int) -> int | None:
    return check.segment_at(offset)


#: placeholders added in one segment reported one by one; the rest are one finding
MAX_EXTRA = 5


@rule(
    "TQA-STR-002",
    "placeholder-added-or-reordered",
    "accuracy/do-not-translate",
    "major",
    examples=(
        Example(
            "%d fichiers copiés vers %s en %d secondes.\n",
            flagged=("%d",),
            source="%d Dateien nach %s kopiert.\n",
        ),
        Example(
            "Copié vers %s : %d fichiers.\n",
            flagged=("%s",),
            source="%d Dateien nach %s kopiert.\n",
        ),
        Example(
            "{1} fichiers copiés vers {0}.\n",
            source="{0}: {1} Dateien kopiert.\n",
        ),
    ),
)
def placeholder_added_or_reordered(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A placeholder that the source does not have, or printf placeholders in another order.

    Software fills placeholders in after translation: an extra one is
    filled with nothing or crashes the program, and ``%s`` and ``%d``
    without a name or a position are filled in order, so swapping them
    breaks the message (a number where a word goes). Named and numbered
    placeholders (``%(name)s``, ``{0}``) may move freely. A placeholder of
    the source that is lost is TQA-ACC-001's finding.
    """
    source_text = check.source.text if check.source is not None else None
    if source_text is None:
        return
    source = [m.group() for m in PLACEHOLDER.finditer(source_text)]
    target = list(PLACEHOLDER.finditer(check.text))
    if not target:
        return
    allowed = Counter(source)
    extra: list[re.Match[str]] = []
    for match in target:
        if allowed[match.group()] > 0:
            allowed[match.group()] -= 1
        else:
            extra.append(match)
    # one evidence for every finding, and a short one: the whole list in each
    # of thousands of findings made the report quadratic in size
    evidence = f"source placeholders: {listed(source) or 'none'}"
    # one by one up to MAX_EXTRA per segment, then one finding for the rest of
    # the segment: every finding of a translation unit carries its id (a PO
    # msgid may be the whole unit), so thousands of them were quadratic in size
    rest: dict[int | None, list[re.Match[str]]] = {}
    for match in extra:
        segment = _segment_at(check, match.start())
        others = rest.setdefault(segment, [])
        others.append(match)
        if len(others) > MAX_EXTRA:
            continue
        yield self.finding(
            check,
            match.start(),
            match.end(),
            f"placeholder “{match.group()}” is not in the source",
            segment=segment,
            confidence=0.85,
            evidence=evidence,
        )
    for segment, others in rest.items():
        if len(others) <= MAX_EXTRA:
            continue
        more = others[MAX_EXTRA:]
        yield self.finding(
            check,
            more[0].start(),
            more[-1].end(),
            f"{len(more)} more placeholders are not in the source: "
            + listed([m.group() for m in more]),
            segment=segment,
            confidence=0.85,
            evidence=evidence,
        )
    if extra:
        return
    ordered_source = [m.group() for m in ORDERED.finditer(source_text)]
    ordered_target = [m for m in target if ORDERED.fullmatch(m.group())]
    if [m.group() for m in ordered_target] == ordered_source:
        return
    first = next(
        (t for s, t in zip(ordered_source, ordered_target, strict=False) if s != t.group()),
        None,
    )
    if first is None:
        return
    yield self.finding(
        check,
        first.start(),
        first.end(),
        "placeholders are filled in order: "
        f"{' '.join(ordered_source)} in the source, "
        f"{' '.join(m.group() for m in ordered_target)} here",
        segment=_segment_at(check, first.start()),
        confidence=0.85,
        suggestions=(),
        evidence="printf placeholders without a name or a position",
    )


@rule(
    "TQA-STR-003",
    "empty-target",
    "accuracy/untranslated",
    "major",
    examples=(
        Example("\n", flagged=("",), source="Die Datei wurde gespeichert.\n"),
        Example("Le fichier a été enregistré.\n", source="Die Datei wurde gespeichert.\n"),
    ),
)
def empty_target(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A translation unit (or a translated file) whose target is empty while its source has text.

    An empty target is a unit nobody translated: the product ships the
    source text or nothing. In a file being translated, units still to do
    are reported too (their state says so).
    """
    if check.source is None or check.text.strip():
        return
    if not count_words(check.source.text):
        return
    preview = _SPACES.sub(" ", check.source.text.strip())
    yield self.finding(
        check,
        0,
        0,
        f"empty target; the source is “{preview[:80]}{'…' if len(preview) > 80 else ''}”",
        segment=None,
        confidence=0.95,
        source_span=(0, len(check.source.text)),
    )


@rule(
    "TQA-STR-004",
    "target-same-as-source",
    "accuracy/untranslated",
    "minor",
    examples=(
        Example(
            "Die Datei wurde gespeichert.\n",
            flagged=("Die Datei wurde gespeichert.",),
            source="Die Datei wurde gespeichert.\n",
        ),
        Example("Angela Merkel\n", source="Angela Merkel\n"),
    ),
)
def target_same_as_source(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """A target identical to its source.

    A segment copied from the source is usually one nobody translated.
    Names, numbers, codes and titles legitimately stay the same, so a
    target is reported only when it has two words or more, and not only
    capitalised words unless it has four or more.
    """
    for src, tgt in _pairs(check):
        source = _SPACES.sub(" ", " ".join(s.text for s in src)).strip()
        target = _SPACES.sub(" ", " ".join(t.text for t in tgt)).strip()
        if source != target or not _worded(target):
            continue
        yield self.finding(
            check,
            tgt[0].start,
            tgt[-1].end,
            "the target is identical to its source",
            segment=tgt[0].id,
            confidence=0.6,
            source_span=(src[0].start, src[-1].end),
        )


def _worded(text: str) -> bool:
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    if len(words) >= 4:
        return True
    return len(words) >= 2 and any(w[0].islower() for w in words)


@rule(
    "TQA-STR-005",
    "inconsistent-translation",
    "terminology/inconsistent-use",
    "minor",
    examples=(
        Example(
            "Le fichier a été enregistré.\n\nLe fichier a été sauvegardé.\n",
            flagged=("Le fichier a été enregistré.", "Le fichier a été sauvegardé."),
            source="Die Datei wurde gespeichert.\n\nDie Datei wurde gespeichert.\n",
        ),
        Example(
            "Le fichier a été enregistré.\n\nLe fichier a été enregistré.\n",
            source="Die Datei wurde gespeichert.\n\nDie Datei wurde gespeichert.\n",
        ),
    ),
)
def inconsistent_translation(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """The same source translated differently (in one document, a unit file or a batch).

    Xbench's "inconsistency in target": readers notice when one sentence or
    one interface string comes out two ways, and translation memories pick
    either at random. Every occurrence is reported with the other
    renderings. It misfires where a context (a button and a title) calls
    for two translations.
    """
    yield from _consistency(self, check, by_source=True)


@rule(
    "TQA-STR-006",
    "inconsistent-source",
    "terminology/inconsistent-use",
    "minor",
    examples=(
        Example(
            "Le fichier a été enregistré.\n\nLe fichier a été enregistré.\n",
            flagged=("Le fichier a été enregistré.", "Le fichier a été enregistré."),
            source="Die Datei wurde gespeichert.\n\nDie Datei wurde gelöscht.\n",
        ),
        Example(
            "Le fichier a été enregistré.\n\nLe fichier a été supprimé.\n",
            source="Die Datei wurde gespeichert.\n\nDie Datei wurde gelöscht.\n",
        ),
    ),
)
def inconsistent_source(self: Rule, check: CheckInput) -> Iterator[Finding]:
    """Different sources given the same target (in one document, a unit file or a batch).

    Xbench's "inconsistency in source": two different German texts rendered
    by one French text often means one of them was translated from the
    other's memory match (gespeichert / gelöscht both as « enregistré »).
    It misfires on synonyms in the source.
    """
    yield from _consistency(self, check, by_source=False)


@dataclass(frozen=True)
class _Entry:
    source: str
    target: str
    start: int
    end: int
    segment: int | None
    unit: UnitInfo | None
    where: str
    line: int | None = None


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _entries_of_check(check: CheckInput) -> list[_Entry]:
    return [
        _Entry(
            _key(" ".join(s.text for s in src)),
            _key(" ".join(t.text for t in tgt)),
            tgt[0].start,
            tgt[-1].end,
            tgt[0].id,
            None,
            "",
        )
        for src, tgt in _pairs(check)
    ]


def _consistency(self: Rule, check: CheckInput, *, by_source: bool) -> Iterator[Finding]:
    if check.document.units:  # one unit alone: its file and batch are compared later
        return
    for entry, others, more, _ in _inconsistent(_entries_of_check(check), by_source=by_source):
        yield self.finding(
            check,
            entry.start,
            entry.end,
            _message(entry, others, more, by_source=by_source, here=check.document.path),
            segment=entry.segment,
            confidence=0.7,
        )


def _inconsistent(
    entries: Sequence[_Entry], *, by_source: bool
) -> Iterator[tuple[_Entry, list[_Entry], int, str]]:
    """Each entry of a group (same source, or same target) that has more than
    one rendering on the other side: the entry, up to SHOWN entries with
    other renderings, how many other renderings there are, and the group's key.
    Linear: a group is scanned once, and each entry names at most SHOWN others."""
    groups: dict[str, list[_Entry]] = {}
    for entry in entries:
        key = entry.source if by_source else entry.target
        if key and any(ch.isalpha() for ch in key) and entry.source and entry.target:
            groups.setdefault(key, []).append(entry)
    for key, group in groups.items():
        renderings: dict[str, _Entry] = {}
        for entry in group:
            renderings.setdefault(entry.target if by_source else entry.source, entry)
        if len(renderings) < 2:
            continue
        first = list(renderings.items())[: SHOWN + 1]
        for entry in group:
            mine = entry.target if by_source else entry.source
            others = [other for value, other in first if value != mine][:SHOWN]
            yield entry, others, len(renderings) - 1, key


def _message(entry: _Entry, others: list[_Entry], count: int, *, by_source: bool, here: str) -> str:
    def place(other: _Entry) -> str:
        where = f" in {other.where}" if other.where and other.where != here else ""
        unit = f" (unit {other.unit.id})" if other.unit is not None else ""
        return f"{where}{unit}"

    shown = [f"“{_short(o.target if by_source else o.source)}”{place(o)}" for o in others]
    more = f" and {count - len(others)} more" if count > len(others) else ""
    if by_source:
        return (
            f"the same source “{_short(entry.source)}” is also translated "
            + ", ".join(shown)
            + more
        )
    return "the same target also translates another source: " + ", ".join(shown) + more


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def batch_consistency(documents: Sequence[DocumentReport], config: Config) -> list[list[Finding]]:
    """TQA-STR-005/006 across a batch (and inside each unit file): for each
    document, the findings to add. Pairs already compared inside one
    plain-text document (by the rules themselves) are not reported twice."""
    from tqa.checks import get_rule

    entries: list[tuple[int, _Entry]] = []
    for number, doc in enumerate(documents):
        entries.extend((number, entry) for entry in _entries_of_report(doc))
    added: list[list[Finding]] = [[] for _ in documents]
    position = {id(entry): number for number, entry in entries}
    for code, by_source in (("TQA-STR-005", True), ("TQA-STR-006", False)):
        if not config.rule_enabled(code):
            continue
        declared = get_rule(code)
        assert declared is not None
        severity = config.severities.get(code) or config.severities.get(declared.name)
        documents_of: dict[str, set[int]] = {}
        for number, entry in entries:
            key = entry.source if by_source else entry.target
            documents_of.setdefault(key, set()).add(number)
        reported: dict[int, set[tuple[int, int]]] = {}
        for entry, others, count, key in _inconsistent(
            [e for _, e in entries], by_source=by_source
        ):
            number = position[id(entry)]
            doc = documents[number]
            if not entry.unit and documents_of[key] == {number}:
                continue  # inside one plain document: its own check reported it
            if number not in reported:
                reported[number] = {(f.start, f.end) for f in doc.findings if f.code == code}
            if (entry.start, entry.end) in reported[number]:
                continue
            reported[number].add((entry.start, entry.end))
            added[number].append(
                Finding(
                    code=code,
                    name=declared.name,
                    category=declared.category,
                    severity=severity or declared.severity,  # type: ignore[arg-type]
                    confidence=0.7,
                    segment=entry.segment,
                    start=entry.start,
                    end=entry.end,
                    text=doc.text[entry.start : entry.end],
                    message=_message(entry, others, count, by_source=by_source, here=doc.path),
                    unit=entry.unit,
                    origin=Origin(entry.line) if entry.line is not None else None,
                )
            )
    return added


def block_entries(block: DocumentReport, first: int, at: int) -> list[_Entry]:
    """The entries of a block of units (tqa.blocks) whose segments will be
    numbered from ``first`` and whose text starts at ``at`` in the file's report."""
    return [
        replace(
            entry,
            start=entry.start + at,
            end=entry.end + at,
            segment=None if entry.segment is None else entry.segment + first,
        )
        for entry in _entries_of_report(block)
    ]


def compared_across_batch(doc: DocumentReport) -> bool:
    """Whether the batch pass (:func:`batch_consistency`) reads ``doc``: a
    bilingual file's units, or a plain-text pair's beads."""
    return bool(doc.units) or doc.source is not None


def _entries_of_report(doc: DocumentReport) -> list[_Entry]:
    """The units of a bilingual file, or the beads of a plain-text pair."""
    if doc.spill is not None:  # checked in blocks: its entries were made block by block
        return list(doc.spill.entries)
    if doc.units:
        source_text = doc.source.text if doc.source is not None else ""
        starts = [s.start for s in doc.segments]
        found = []
        for u in doc.units:
            at = bisect.bisect_left(starts, u.start)
            inside = at < len(starts) and starts[at] < u.end
            found.append(
                _Entry(
                    _key(source_text[u.source_start : u.source_end]),
                    _key(doc.text[u.start : u.end]),
                    u.start,
                    u.end,
                    doc.segments[at].id if inside else None,
                    u.info,
                    doc.path,
                    u.line,
                )
            )
        return found
    if doc.source is None:
        return []
    src_by_id = {s.id: s for s in doc.source.segments}
    tgt_by_id = {s.id: s for s in doc.segments}
    found = []
    for bead in doc.alignment:
        src = [src_by_id[i] for i in bead.source if i in src_by_id]
        tgt = [tgt_by_id[j] for j in bead.target if j in tgt_by_id]
        if src and tgt:
            found.append(
                _Entry(
                    _key(" ".join(s.text for s in src)),
                    _key(" ".join(t.text for t in tgt)),
                    tgt[0].start,
                    tgt[-1].end,
                    tgt[0].id,
                    None,
                    doc.path,
                )
            )
    return found


#: the rule whose finding says all that omissions of an empty target would
EMPTY_TARGET = "TQA-STR-003"
OMISSION = "TQA-ALN-001"
#: the source's inline tags are all missing from an empty target too
TAG_MISMATCH = "TQA-STR-001"


def one_finding_for_an_empty_target(findings: list[Finding]) -> list[Finding]:
    """An empty target is one problem: its omission findings (one per source
    sentence) and its missing inline tags (one per source tag) are named in
    the empty-target finding's evidence instead."""
    empty = next((f for f in findings if f.code == EMPTY_TARGET), None)
    if empty is None:
        return findings
    omissions = [f for f in findings if f.code == OMISSION]
    tags = [f for f in findings if f.code == TAG_MISMATCH]
    if not omissions and not tags:
        return findings
    said = []
    if omissions:
        said.append(f"also {OMISSION}: {len(omissions)} source sentence(s) not translated")
    if tags:
        lost = sum(1 for f in tags if "of the source is missing" in f.message)
        parts = [f"{lost} inline tag(s) of the source missing"] if lost else []
        if len(tags) > lost:
            parts.append(f"{len(tags) - lost} not in the source")
        said.append(f"also {TAG_MISMATCH}: {', '.join(parts)}")
    evidence = "; ".join(said)
    return [
        replace(f, evidence=f"{f.evidence}; {evidence}" if f.evidence else evidence)
        if f is empty
        else f
        for f in findings
        if f.code not in (OMISSION, TAG_MISMATCH)
    ]
