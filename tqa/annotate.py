"""Findings written back where translators work: an annotated copy of an
XLIFF or PO file (``tqa check file.xlf --annotate out.xlf``).

The copy is the input's bytes with insertions, nothing else: each unit with
findings gets one note per finding (XLIFF ``<note from="tqa">``, PO
translator comments ``# tqa: …``), and a unit with a finding at or above
major is marked for review (XLIFF 1.2 ``state="needs-review-translation"``
on its target, XLIFF 2 ``subState="tqa:needs-review"`` on its segment with
a reviewed or final state set back to translated, PO ``fuzzy``). A file
without findings is copied byte for byte. Where things go is found by one
expat pass over the original bytes (XML) or by the entries' line numbers
(PO), so formatting, comments, entities and attribute quoting stay as they
were. The input itself is never written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from tqa.errors import InputError
from tqa.model import SEVERITY_RANK, DocumentReport, Finding, UnitInfo
from tqa.read.xliff import NOT_TEXT

#: the XLIFF formats and PO can be annotated; TMX has no review state
FORMATS = ("xliff", "po")
REVIEW = SEVERITY_RANK["major"]
XLIFF1_REVIEW = "needs-review-translation"
XLIFF2_SUBSTATE = "tqa:needs-review"
#: XLIFF 2 states a finding sets back to translated
XLIFF2_DONE = ("reviewed", "final")


def note_text(finding: Finding) -> str:
    text = f"{finding.code} {finding.severity}: {finding.message}"
    if finding.text:
        text += f" “{finding.text}”"
    if finding.suggestions:
        text += " → " + " | ".join(finding.suggestions)
    return " ".join(text.split())


def annotate(data: bytes, report: DocumentReport) -> bytes:
    """The annotated copy of ``data`` (the file ``report`` was made from)."""
    if report.format not in FORMATS:
        raise InputError(
            f"{report.path}: --annotate writes XLIFF and PO files, not {report.format}"
        )
    if not report.findings:
        return data
    if report.format == "po":
        return _po(data, report)
    return _xliff(data, report)


def _grouped(report: DocumentReport) -> list[list[Finding]]:
    """Findings per unit of the report, in unit order (by identity of the unit info)."""
    slot = {id(u.info): n for n, u in enumerate(report.units)}
    groups: list[list[Finding]] = [[] for _ in report.units]
    for finding in report.findings:
        if finding.unit is not None and id(finding.unit) in slot:
            groups[slot[id(finding.unit)]].append(finding)
        elif finding.unit is not None:  # a report read back from JSON: match by value
            for n, unit in enumerate(report.units):
                if unit.info == finding.unit:
                    groups[n].append(finding)
                    break
    return groups


# -- XLIFF --------------------------------------------------------------------


@dataclass
class _Element:
    name: str
    attrs: dict[str, str]
    start: int
    children: list[_Element] = field(default_factory=list)
    end: int = -1
    """Byte offset of the end tag (``</name>``); of the end of ``<name/>``."""
    empty: bool = False
    untranslated: bool = False
    """``translate="no"``, its own or inherited from a group or file: the
    reader leaves such a unit out, so the report has none of it."""


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _xml_outline(data: bytes) -> list[_Element]:
    """The unit elements (``trans-unit``, ``unit``) with the children that
    matter, and their byte offsets, in document order."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    units: list[_Element] = []
    stack: list[_Element] = []
    keep = {"trans-unit", "unit", "target", "segment", "notes", "note", "alt-trans", "source"}

    def start(name: str, attrs: dict[str, str]) -> None:
        element = _Element(_local(name), attrs, parser.CurrentByteIndex)
        if "translate" in attrs:
            element.untranslated = attrs["translate"] == "no"
        elif stack:
            element.untranslated = stack[-1].untranslated
        # the units the reader checks (tqa.read.xliff), and only those: a report's
        # unit is looked for by its id, which another file's unit may share
        if (
            element.name in ("trans-unit", "unit")
            and not element.untranslated
            and not (element.name == "trans-unit" and attrs.get("restype") in NOT_TEXT)
        ):
            units.append(element)
        if stack:
            stack[-1].children.append(element)
        stack.append(element)

    def end(name: str) -> None:
        element = stack.pop()
        element.end = parser.CurrentByteIndex
        element.empty = data[element.end - 2 : element.end] == b"/>" or not data.startswith(
            b"</", element.end
        )
        if element.name not in keep and stack:
            stack[-1].children.remove(element)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(data, True)
    return units


def _tag_end(data: bytes, start: int) -> int:
    """Offset of the ``>`` that ends the start tag at ``start`` (quotes respected)."""
    quote = 0
    for index in range(start, len(data)):
        byte = data[index]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x3E:
            return index
    return len(data) - 1


_ATTR = r'(\s{name}\s*=\s*)(["\'])(.*?)\2'


def _set_attribute(tag: bytes, name: str, value: str) -> bytes:
    """The start tag ``tag`` with attribute ``name`` set to ``value``."""
    pattern = re.compile(_ATTR.format(name=re.escape(name)).encode(), re.DOTALL)
    quoted = escape(value, {'"': "&quot;"}).encode()
    if pattern.search(tag):
        return pattern.sub(lambda m: m.group(1) + m.group(2) + quoted + m.group(2), tag, count=1)
    close = len(tag) - (2 if tag.endswith(b"/>") else 1)
    return tag[:close].rstrip() + f" {name}={quoteattr(value)}".encode() + tag[close:]


def _indent(data: bytes, offset: int) -> bytes | None:
    """The white space before ``offset`` on its line, when only white space precedes it."""
    line = data.rfind(b"\n", 0, offset) + 1
    before = data[line:offset]
    return before if not before.strip() else None


def _xliff(data: bytes, report: DocumentReport) -> bytes:
    if not (data.startswith(b"<?xml") or data.lstrip(b"\xef\xbb\xbf").startswith(b"<")):
        raise InputError(f"{report.path}: --annotate writes XLIFF files encoded in UTF-8 only")
    outline = _xml_outline(data)
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement), in the input's bytes
    # report units come in file order; the segments of an XLIFF 2 unit share its
    # element (as many as it has: the next unit of that id is another file's)
    places: list[tuple[_Element, list[tuple[UnitInfo, list[Finding]]]]] = []
    remaining = iter(outline)
    for unit, findings in zip(report.units, _grouped(report), strict=True):
        if (
            places
            and places[-1][0].name == "unit"
            and places[-1][0].attrs.get("id", "") == (unit.info.id)
            and len(places[-1][1]) < sum(c.name == "segment" for c in places[-1][0].children)
        ):
            places[-1][1].append((unit.info, findings))
            continue
        element = _find(remaining, unit.info)
        if element is None:
            continue
        places.append((element, [(unit.info, findings)]))
    for element, parts in places:
        found = [f for _, group in parts for f in group]
        if not found:
            continue
        notes = [note_text(f) for f in found]
        if element.name == "trans-unit":
            review = any(SEVERITY_RANK[f.severity] >= REVIEW for f in found)
            edits += _xliff1_edits(data, element, notes, review)
        else:
            flagged = [
                info.segment
                for info, group in parts
                if any(SEVERITY_RANK[f.severity] >= REVIEW for f in group)
            ]
            edits += _xliff2_edits(data, element, flagged, notes)
    out = bytearray()
    at = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out += data[at:start] + replacement
        at = end
    out += data[at:]
    return bytes(out)


def _find(units: Iterator[_Element], info: UnitInfo) -> _Element | None:
    """The next unit element with this id (units of the report come in file order)."""
    for element in units:
        if element.attrs.get("id", "") == info.id:
            return element
    return None


def _xliff1_edits(
    data: bytes, element: _Element, notes: list[str], review: bool
) -> list[tuple[int, int, bytes]]:
    edits = []
    children = element.children
    target = next((c for c in children if c.name == "target"), None)
    if review and target is not None:
        end = _tag_end(data, target.start) + 1
        tag = _set_attribute(data[target.start : end], "state", XLIFF1_REVIEW)
        edits.append((target.start, end, tag))
    # notes go after the target and before any alt-trans (the XLIFF 1.2 order)
    anchor = next((c.start for c in children if c.name == "alt-trans"), element.end)
    edits.append((anchor, anchor, _note_block(data, anchor, children, notes)))
    return edits


def _note_block(data: bytes, anchor: int, children: list[_Element], notes: list[str]) -> bytes:
    """The notes to insert at ``anchor``, one a line, indented as the unit's
    children are when the closing tag stands on its own line."""
    indent = _indent(data, anchor)
    child = next((c for c in children if _indent(data, c.start) is not None), None)
    if indent is None or child is None:
        return "".join(f'<note from="tqa">{escape(n)}</note>' for n in notes).encode()
    child_indent = _indent(data, child.start) or b""
    extra = child_indent[len(indent) :] if child_indent.startswith(indent) else b""
    line_start = data.rfind(b"\n", 0, anchor)
    newline = b"\r\n" if line_start > 0 and data[line_start - 1] == 0x0D else b"\n"
    return b"".join(
        extra + f'<note from="tqa">{escape(n)}</note>'.encode() + newline + indent for n in notes
    )


def _xliff2_edits(
    data: bytes, element: _Element, flagged: list[str | None], notes: list[str]
) -> list[tuple[int, int, bytes]]:
    """Notes in the unit's ``<notes>`` (first child of the unit, made when
    missing); the segments with a major finding marked for review."""
    edits = []
    segments = [c for c in element.children if c.name == "segment"]
    for number, segment in enumerate(segments, 1):
        ident = segment.attrs.get("id") or str(number)
        if not (ident in flagged or (None in flagged and number == 1)):
            continue
        end = _tag_end(data, segment.start) + 1
        tag = data[segment.start : end]
        state = segment.attrs.get("state")
        if state is None or state in XLIFF2_DONE:  # subState needs a state
            tag = _set_attribute(tag, "state", "initial" if state is None else "translated")
        tag = _set_attribute(tag, "subState", XLIFF2_SUBSTATE)
        edits.append((segment.start, end, tag))
    elements = "".join(f'<note category="tqa">{escape(n)}</note>' for n in notes).encode()
    group = next((c for c in element.children if c.name == "notes"), None)
    if group is not None and not group.empty:
        edits.append((group.end, group.end, elements))
    else:
        end = _tag_end(data, element.start) + 1
        edits.append((end, end, b"<notes>" + elements + b"</notes>"))
    return edits


# -- PO -----------------------------------------------------------------------


#: typographic marks of the notes, for a charset that lacks them
_PLAIN = str.maketrans({"“": '"', "”": '"', "’": "'", "→": "->", "…": "..."})


def _po_note(finding: Finding, encoding: str) -> bytes:
    """A translator comment in the file's own charset; what it cannot hold becomes "?"."""
    text = note_text(finding)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.translate(_PLAIN).encode(encoding, errors="replace")


def _po(data: bytes, report: DocumentReport) -> bytes:
    from tqa.read import po

    encoding = po.charset(data)
    lines = data.splitlines(keepends=True)
    by_line: dict[int, list[Finding]] = {}
    for unit, findings in zip(report.units, _grouped(report), strict=True):
        if findings and unit.line is not None:
            by_line.setdefault(unit.line, []).extend(findings)
    out: list[bytes] = []
    pending = dict(sorted(by_line.items()))
    index = 0
    while index < len(lines):
        number = index + 1
        if number not in pending:
            out.append(lines[index])
            index += 1
            continue
        findings = pending.pop(number)
        ending = lines[index][len(lines[index].rstrip(b"\r\n")) :]
        newline = ending or b"\n"  # the entry's own line end: LF, CRLF or a lone CR
        out += [b"# tqa: " + _po_note(f, encoding) + newline for f in _unique(findings)]
        review = any(SEVERITY_RANK[f.severity] >= REVIEW for f in findings)
        # the entry's comments, then its first keyword line
        end = index
        while end < len(lines) and lines[end].startswith(b"#") and not lines[end].startswith(b"#~"):
            end += 1
        comments = lines[index:end]
        flags = next((n for n, c in enumerate(comments) if c.startswith(b"#,")), None)
        if review and flags is not None and b"fuzzy" not in comments[flags]:
            comments[flags] = b"#, fuzzy," + comments[flags][2:]
        elif review and flags is None:
            previous = next((n for n, c in enumerate(comments) if c.startswith(b"#|")), None)
            at = previous if previous is not None else len(comments)
            comments.insert(at, b"#, fuzzy" + newline)
        out += comments
        index = end
    return b"".join(out)


def _unique(findings: Sequence[Finding]) -> list[Finding]:
    """A plural entry's forms share its comments: each note once."""
    seen: set[str] = set()
    kept = []
    for finding in findings:
        text = note_text(finding)
        if text not in seen:
            seen.add(text)
            kept.append(finding)
    return kept
