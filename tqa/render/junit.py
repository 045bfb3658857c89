"""JUnit XML for CI test dashboards: a ``testsuite`` per document, a
``testcase`` per check (failed when the check found something, skipped when
its resource was missing) plus a ``quality-gate`` testcase for the score."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tqa.model import DocumentReport, Finding, Report
from tqa.render.locate import LineIndex, unit_label, where
from tqa.render.plain import plural, visible

#: characters XML 1.0 cannot carry once controls are made visible
_INVALID_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    """Text for an XML attribute or element: ElementTree escapes markup
    (& < > and quotes); control characters, which XML 1.0 cannot carry (C0)
    or which act on the terminal a CI log is read in (C1, bidi overrides),
    are shown as text."""
    return _INVALID_XML.sub("\ufffd", visible(value))


def _codes(report: Report) -> list[tuple[str, str]]:
    from tqa.checks import all_rules

    codes = {r.code: r.name for r in all_rules()}
    for doc in report.documents:
        for finding in doc.findings:
            codes.setdefault(finding.code, finding.name)
    return sorted(codes.items())


def _failure_text(doc: DocumentReport, lines: LineIndex, findings: list[Finding]) -> str:
    rows = []
    for finding in findings:
        line, col, _, _ = where(lines, finding)
        at = f"{line}:{col}" if col is not None else f"{line}"
        unit = unit_label(finding)
        row = f"{doc.path}:{at}: {finding.severity}: {f'[{unit}] ' if unit else ''}{finding.message}: “{finding.text}”"
        if finding.suggestions:
            row += f" (suggestion: {' | '.join(finding.suggestions)})"
        rows.append(row)
    return "\n".join(rows)


def _reference_properties(doc: DocumentReport) -> list[tuple[str, str]]:
    """``reference.bleu``, ``post-edited.ter``… with sacrebleu's signatures
    (scores are properties: they pass or fail nothing)."""
    props = []
    for ref in doc.references:
        props.append((f"{ref.kind}.path", ref.path))
        for name, value in (("bleu", ref.bleu), ("chrf", ref.chrf), ("ter", ref.ter)):
            props.append((f"{ref.kind}.{name}", "n/a" if value is None else f"{value:.4f}"))
        props += [(f"{ref.kind}.signature.{name}", sig) for name, sig in ref.signatures]
    return props


def _suite(doc: DocumentReport, codes: list[tuple[str, str]]) -> ET.Element:
    lines = LineIndex(doc.text)
    skipped = {
        code
        for code, _ in codes
        for n in doc.notes
        if n.kind == "skipped-check" and n.message.startswith(code)
    }
    suite = ET.Element("testsuite", name=clean(doc.path))
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("score", f"{doc.score.value:.1f}"),
        ("threshold", f"{doc.score.threshold:g}"),
        ("penalty", f"{doc.score.penalty:g}"),
        ("words", str(doc.words)),
        *_reference_properties(doc),
    ):
        ET.SubElement(props, "property", name=name, value=clean(value))
    failures = 0
    for code, name in codes:
        case = ET.SubElement(
            suite, "testcase", name=clean(f"{code} {name}"), classname=clean(doc.path)
        )
        found = [f for f in doc.findings if f.code == code]
        if code in skipped:
            note = next(n for n in doc.notes if n.message.startswith(code))
            ET.SubElement(case, "skipped", message=clean(note.message))
        elif found:
            failures += 1
            worst = max(
                found, key=lambda f: ("neutral", "minor", "major", "critical").index(f.severity)
            )
            failure = ET.SubElement(
                case, "failure", message=plural(len(found), "finding"), type=clean(worst.severity)
            )
            failure.text = clean(_failure_text(doc, lines, found))
    gate = ET.SubElement(suite, "testcase", name="quality-gate", classname=clean(doc.path))
    if not doc.score.passed:
        failures += 1
        failure = ET.SubElement(
            gate,
            "failure",
            message=f"score {doc.score.value:.1f} (threshold {doc.score.threshold:g})",
            type="quality-gate",
        )
        failure.text = (
            f"{plural(len(doc.findings), 'finding')}, penalty {doc.score.penalty:g}, "
            f"{plural(doc.words, 'word')}"
        )
    suite.set("tests", str(len(codes) + 1))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(len(skipped)))
    return suite


def render(report: Report) -> str:
    codes = _codes(report)
    root = ET.Element("testsuites", name="tqa")
    suites = [_suite(doc, codes) for doc in report.documents]
    if report.errors:  # inputs of a batch that could not be checked: one erroring case each
        unread = ET.Element("testsuite", name="unreadable inputs", tests=str(len(report.errors)))
        unread.set("failures", "0")
        unread.set("errors", str(len(report.errors)))
        for error in report.errors:
            case = ET.SubElement(unread, "testcase", name=clean(error), classname="tqa")
            ET.SubElement(case, "error", message=clean(error), type="input-error")
        suites.append(unread)
    if report.unpaired:  # files of a batch of pairs without their partner: one skipped case each
        alone = ET.Element("testsuite", name="unpaired files", tests=str(len(report.unpaired)))
        alone.set("failures", "0")
        alone.set("errors", "0")
        alone.set("skipped", str(len(report.unpaired)))
        for unpaired in report.unpaired:
            case = ET.SubElement(alone, "testcase", name=clean(unpaired.path), classname="tqa")
            ET.SubElement(
                case, "skipped", message=clean(f"unpaired {unpaired.side}: {unpaired.message}")
            )
        suites.append(alone)
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
    root.set("errors", str(len(report.errors)))
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
