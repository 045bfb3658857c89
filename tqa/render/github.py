"""GitHub Actions workflow commands: one annotation per finding.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``;
data is escaped as GitHub's toolkit does (% CR LF), properties also escape
``:`` and ``,``. Severity critical/major → error, minor → warning,
neutral → notice. Before that, control characters and bidi overrides are
made visible (``plain.visible``): a CI log renders ANSI sequences, and the
annotations are also read in terminals.
"""

from __future__ import annotations

from tqa.model import Report
from tqa.render import scores
from tqa.render.locate import LineIndex, unit_label, where
from tqa.render.plain import plural, visible

COMMANDS = {"critical": "error", "major": "error", "minor": "warning", "neutral": "notice"}


def escape_data(value: str) -> str:
    """GitHub's toolkit escaping (% CR LF), then the other controls made visible."""
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    out: list[str] = []
    for doc in report.documents:
        lines = LineIndex(doc.text)
        for finding in doc.findings:
            line, col, end_line, end_col = where(lines, finding)
            props: dict[str, str] = {}
            if doc.path != "-":  # standard input is no file of the repository
                props = {"file": doc.path.replace("\\", "/"), "line": str(line)}
                if col is not None:
                    props["col"] = str(col)
                props["endLine"] = str(end_line)
                if end_col is not None:
                    props["endColumn"] = str(end_col)
            unit = unit_label(finding)
            props["title"] = f"{finding.code} {finding.name}" + (f" ({unit})" if unit else "")
            message = f"{finding.message}: “{finding.text}”"
            if unit:
                message = f"[{unit}] {message}"
            if doc.path == "-":  # standard input: the place goes into the message
                place = f"line {line}" + (f", column {col}" if col is not None else "")
                message = f"standard input, {place}: {message}"
            if finding.suggestions:
                message += "\nsuggestion: " + " | ".join(finding.suggestions)
            prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
            out.append(
                f"::{COMMANDS.get(finding.severity, 'warning')} {prop_text}::{escape_data(message)}"
            )
        for ref in doc.references:  # scores are information, never an error
            said = f"{doc.path}: {scores.title(ref)} {ref.path}: {scores.headline(ref)}"
            title = escape_property(f"tqa {ref.kind} scores")
            out.append(f"::notice title={title}::{escape_data(said)}")
        verdict = "passed" if doc.score.passed else "failed"
        summary = (
            f"{doc.path}: score {doc.score.value:.1f} (threshold {doc.score.threshold:g}), "
            f"{plural(len(doc.findings), 'finding')}, {verdict}"
        )
        out.append(f"::notice title={escape_property('tqa ' + verdict)}::{escape_data(summary)}")
    for unpaired in report.unpaired:  # files of a batch of pairs without their partner
        file = escape_property(unpaired.path.replace("\\", "/"))
        title = escape_property(f"tqa unpaired {unpaired.side}")
        out.append(f"::warning file={file},title={title}::{escape_data(unpaired.message)}")
    for error in report.errors:  # inputs of a batch that could not be checked
        out.append(f"::error title=tqa::{escape_data(error)}")
    return "".join(line + "\n" for line in out)
