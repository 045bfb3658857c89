"""Crafted reports for the HTML report's tests: every text field of the model
holds markup that would inject an element, run a script or navigate the page
if it were written unescaped (a report from a fork's CI is untrusted)."""

from __future__ import annotations

from tqa.model import Bead, DocumentReport, DocumentSide, Finding, Note, Report, Score, Segment

#: the page a ``<meta http-equiv=refresh>`` from the data would navigate to
TARGET = "target.html"

PAYLOADS = {
    "img": '<img src=x onerror="window.__pwned=1">',
    "meta": f"<meta http-equiv=refresh content=0;url={TARGET}>",
    "script": "<script>window.__pwned=1</script>",
    "attr": '"><svg onload="window.__pwned=1">',
    "attr1": f"'><iframe src={TARGET}></iframe>",
    "close": "</textarea></title></style></script></mark></a><b>bold</b>",
    "base": "<base href=https://example.invalid/><link rel=stylesheet href=x.css>",
    "form": f"<form action={TARGET}><button>go</button></form>",
    "entity": "&lt;img src=x&gt; &amp;",
}


def payload(field: str) -> str:
    """Every payload, labelled with the field that carries it."""
    return f"[{field}] " + " ".join(PAYLOADS.values())


#: the elements a report may contain, whatever its data
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span",
    "strong", "section", "ul", "ol", "li", "div", "main", "aside", "label", "select", "option",
    "input", "button", "table", "thead", "tbody", "tr", "th", "td", "a", "details", "summary",
    "code", "dl", "dt", "dd", "mark", "small", "br", "fieldset", "legend", "svg", "text", "rect",
    "script",
}  # fmt: skip
#: the attributes a report may carry, whatever its data
ALLOWED_ATTRS = {
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "role", "aria-label",
    "aria-labelledby", "aria-live", "aria-hidden", "aria-sort", "title", "href", "type", "value",
    "checked", "for", "hidden", "open", "min", "max", "step", "inputmode", "autocomplete",
    "width", "height", "viewbox", "x", "y", "fill", "text-anchor", "tabindex",
    "data-ids", "data-severity", "data-category", "data-code", "data-doc", "data-verdict",
    "data-key", "data-type", "data-order",
}  # fmt: skip


def crafted_report(*, everywhere: bool = True) -> Report:
    """Three documents: a mixed German/French one (two columns from the
    alignment), one checked against a German source file, and a plain one;
    every string field carries payloads, and the batch has errors.

    ``everywhere=False`` leaves valid values in the fields whose form the JSON
    report's schema fixes (codes, names, categories, languages, note kinds),
    so that the loader accepts the report and the renderer gets to write it."""

    def crafted(field: str, valid: str) -> str:
        return payload(field) if everywhere else valid

    lines = [payload(f"text {n}") for n in range(4)]
    text = "\n".join(lines) + "\n"
    starts = [sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))]
    segments = tuple(
        Segment(
            n,
            starts[n],
            starts[n] + len(line),
            line,
            "line",
            n,
            lang="de" if n == 1 else ("fr" if n != 3 else crafted("segment lang", "en")),
            confidence=0.9,
        )  # fmt: skip
        for n, line in enumerate(lines)
    )

    def finding(n: int, segment: int, start: int, end: int, severity: str) -> Finding:
        return Finding(
            code=crafted(f"code {n}", f"TQA-X-00{n}"), name=crafted(f"name {n}", "crafted"),
            category=crafted(f"category {n}", "fluency/x"), severity=severity,  # type: ignore[arg-type]
            confidence=0.5, segment=segment, start=start, end=end, text=text[start:end],
            message=payload(f"message {n}"),
            suggestions=(payload(f"suggestion {n}"), payload(f"suggestion {n}b")),
            evidence=payload(f"evidence {n}"),
        )  # fmt: skip

    findings = (
        finding(0, 0, starts[0] + 3, starts[0] + 40, "major"),
        finding(1, 1, starts[1], starts[1] + 20, "minor"),
        finding(2, 2, starts[2] + 10, starts[3] + 10, "critical"),  # across two segments
        finding(3, 3, starts[3] + 5, starts[3] + 5, "neutral"),  # zero width
    )

    def document(path: str, **extra: object) -> DocumentReport:
        fields: dict[str, object] = {
            "path": payload(path), "text": text, "source_lang": "de", "target_lang": "fr",
            "words": 120, "score": Score(value=42.5, threshold=95.0, passed=False, penalty=69.0),
            "segments": segments, "alignment": (Bead((1,), (2,), 0.8),), "findings": findings,
            "notes": (Note(crafted("note kind", "crafted"), payload("note message")),),
        }  # fmt: skip
        fields.update(extra)
        return DocumentReport(**fields)  # type: ignore[arg-type]

    source = DocumentSide(payload("source path"), text, segments)
    documents = (
        document("mixed path"),
        document(
            "paired path",
            source=source,
            alignment=(Bead((0,), (0,), 0.9), Bead((1, 2), (1, 2), 0.7), Bead((3,), (), 0.1)),
        ),  # fmt: skip
        document(
            "plain path",
            alignment=(),
            source_lang=crafted("source lang", "de"),
            target_lang=crafted("target lang", "fr"),
        ),  # fmt: skip
    )
    return Report(documents, payload("version"), errors=(payload("error"), payload("error 2")))
