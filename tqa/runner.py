"""What each command does, behind the CLI: build the configuration, run the
pipeline over the inputs, render. Returns strings; printing stays in cli.py."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tqa.baseline import load as load_baseline
from tqa.config import Config, find_config_file, load_file
from tqa.errors import ConfigError, InputError, TqaError
from tqa.model import Document, DocumentReport, Report, Segment, Unpaired
from tqa.read import Input, expand_paths, read_document, read_input


def build_config(
    *, config_path: Path | None, first_path: str | None, isolated: bool = False, **flags: Any
) -> Config:
    """defaults < configuration file < flags (flags left at None do not override).
    ``isolated`` ignores configuration files (a given ``config_path`` still counts)."""
    fields: dict[str, Any] = {}
    path = config_path
    try:
        if path is None and not isolated:
            near = _existing(first_path) if first_path and first_path != "-" else None
            path = find_config_file(near or Path.cwd())
        if path is not None:
            if not path.exists():
                raise ConfigError(f"{path}: no such configuration file")
            fields.update(load_file(path))
    except OSError as exc:  # an unreadable folder or file on the way up
        where = exc.filename if exc.filename is not None else (path or first_path or Path.cwd())
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or exc
        raise ConfigError(f"{where}: cannot read configuration ({reason})") from None
    fields.update({k: v for k, v in flags.items() if v is not None and v != ()})
    try:
        return Config(**fields)
    except TypeError as exc:
        raise ConfigError(str(exc)) from None


def _existing(name: str) -> Path | None:
    """``name`` as a Path when it exists; an input that cannot even be looked
    at is reported when it is read, not as a configuration problem."""
    try:
        return Path(name) if os.path.lexists(name) and Path(name).exists() else None
    except OSError:
        return None


def run_check(
    paths: Sequence[str],
    config: Config,
    *,
    source: str | None = None,
    jobs: int = 1,
    baseline: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
    protected: Sequence[str | os.PathLike[str] | None] = (),
) -> Report:
    """Check every input (in ``jobs`` worker processes when more than one),
    then apply inline suppressions and the baseline. Documents keep the order
    of the inputs; ``progress(done, total)`` is called as they finish.

    Before any work, each of ``outputs`` (files the caller will write) is
    refused when it is an input: a checked file, the source, the baseline,
    the glossary or one of ``protected`` (the configuration file)."""
    from tqa.pipeline import build_report

    source_dir = source if source is not None and os.path.isdir(source) else None
    inputs, unpaired = _plan(paths, config, source_dir, by_name=source is None)
    named = [i.path for i in inputs if i.error is None]
    sources = [i.source for i in inputs if i.source is not None]
    guard_outputs(outputs, [*named, *sources, source, baseline, config.glossary, *protected])
    known = load_baseline(baseline) if baseline else None
    if config.glossary:  # a bad glossary is a usage error, not a failed check
        from tqa.checks.glossary import load_glossary

        load_glossary(config.glossary)
    source_doc = None
    if source is not None and source_dir is None:
        from tqa.read import UNIT_FORMATS, format_of

        bilingual = next((i.path for i in inputs if format_of(i.path) in UNIT_FORMATS), None)
        if bilingual is not None:
            raise ConfigError(f"{bilingual}: a bilingual file holds its own source; drop --source")
        source_doc = read_document(Input(source, source), config.max_bytes)
    results: list[DocumentReport | str | None] = [None] * len(inputs)
    if progress:
        progress(0, len(inputs))
    if jobs > 1 and len(inputs) > 1 and "-" not in (i.path for i in inputs):
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # The first document is checked here: models load once and forked
        # workers inherit them instead of each loading their own.
        results[0] = _check_one(inputs[0], config, source_doc)
        if progress:
            progress(1, len(inputs))
        with ProcessPoolExecutor(max_workers=min(jobs, len(inputs) - 1)) as pool:
            futures = {
                pool.submit(_check_one, item, config, source_doc): n
                for n, item in enumerate(inputs) if n
            }  # fmt: skip
            for done, future in enumerate(as_completed(futures), 2):
                results[futures[future]] = future.result()
                if progress:
                    progress(done, len(inputs))
    else:
        for n, item in enumerate(inputs):
            results[n] = _check_one(item, config, source_doc)
            if progress:
                progress(n + 1, len(inputs))
    errors = [r for r in results if isinstance(r, str)]
    if errors and len(inputs) == 1:
        raise InputError(errors[0])
    alone = {u.path: u.message for u in unpaired if u.side == "target"}
    checked = _across(config, [r for r in results if isinstance(r, DocumentReport)])
    documents = [_finish(r, config, known, alone.get(r.path)) for r in checked]
    return replace(build_report(iter(documents), errors), unpaired=tuple(unpaired))


def _across(config: Config, documents: list[DocumentReport]) -> list[DocumentReport]:
    """The checks that compare documents of the batch with one another (the
    same source translated differently, TQA-STR-005/006), once all are checked."""
    from tqa.checks.structure import batch_consistency
    from tqa.score import score

    added = batch_consistency(documents, config)
    for number, findings in enumerate(added):
        if findings:
            doc = documents[number]
            merged = sorted((*doc.findings, *findings), key=lambda f: (f.start, f.end, f.code))
            documents[number] = replace(
                doc, findings=tuple(merged), score=score(merged, doc.words, config)
            )
    return documents


_RULES: dict[str, tuple[list[Any], list[Any]]] = {}


def _check_one(item: Input, config: Config, source: Document | None) -> DocumentReport | str:
    """One input → its report, or the message of its input error (runs in workers)."""
    from tqa.pipeline import active_rules, check_document

    key = repr(config)
    if key not in _RULES:  # rules are looked up once per process
        _RULES.clear()
        _RULES[key] = active_rules(config)
    rules, notes = _RULES[key]
    try:
        document = read_input(item, config.max_bytes, config.source_lang, config.target_lang)
        if item.source is not None:
            source = read_document(
                Input(item.source, item.source, explicit=False), config.max_bytes
            )
    except InputError as exc:
        return str(exc)
    return check_document(document, config, source=source, rules=rules, notes=notes)


def _finish(
    doc: DocumentReport, config: Config, known: dict[str, Any] | None, unpaired: str | None = None
) -> DocumentReport:
    """Drop findings suppressed inline or known from the baseline, and score
    what is left (the gate only counts new findings). ``unpaired``: why a
    French file of a batch of pairs was checked without a source (a note)."""
    from tqa import baseline, suppress
    from tqa.model import Note
    from tqa.score import score

    findings, suppressed = suppress.apply(doc.text, doc.findings)
    notes = list(doc.notes) + suppress.unknown_codes(doc.text, doc.path)
    if unpaired is not None:
        notes.append(Note("unpaired", unpaired))
    if suppressed:
        message = f"{plural(suppressed, 'finding')} suppressed by tqa: ignore comments"
        notes.append(Note("suppressed", message))
    if known is not None:
        findings, old = baseline.apply(replace(doc, findings=findings), known)
        if old:
            verb = "is" if old == 1 else "are"
            message = f"{plural(old, 'finding')} already in the baseline {verb} not shown"
            notes.append(Note("baseline", message))
    if len(findings) == len(doc.findings) and len(notes) == len(doc.notes):
        return doc
    new_score = score(findings, doc.words, config)
    return replace(doc, findings=findings, notes=tuple(notes), score=new_score)


def plural(count: int, noun: str) -> str:
    """``1 finding``, ``2 findings``, ``0 findings``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _expand(paths: Sequence[str]) -> list[Input]:
    inputs = list(expand_paths(paths))
    if not inputs:
        raise InputError(f"{', '.join(paths)}: no text files found (looked for .txt, .text, .md)")
    return inputs


def _plan(
    paths: Sequence[str], config: Config, source_dir: str | None, *, by_name: bool
) -> tuple[list[Input], list[Unpaired]]:
    """The French inputs, each with its German source where one pairs with it
    (tqa.read.pairs; ``by_name``: NAME.de.EXT beside NAME.fr.EXT), and the
    files left unpaired."""
    from tqa.read.pairs import Plan, plan

    if not by_name and source_dir is None:  # one explicit source file for the inputs
        return _expand(paths), []
    found: Plan = plan(
        paths,
        source_dir=source_dir,
        source_lang=config.source_lang,
        target_lang=config.target_lang,
    )
    if not found.inputs:
        if found.unpaired:
            first = found.unpaired[0]
            raise InputError(f"{first.path}: nothing to check as French ({first.message})")
        raise InputError(f"{', '.join(paths)}: no text files found (looked for .txt, .text, .md)")
    return found.inputs, found.unpaired


def guard_outputs(
    outputs: Sequence[str | os.PathLike[str] | None],
    inputs: Iterable[str | os.PathLike[str] | None],
) -> None:
    """Refuse an output file that is one of ``inputs``, a directory or in a
    missing directory, and two outputs that are the same file."""
    from tqa import output

    targets = [os.fspath(o) for o in outputs if o is not None]
    names = [os.fspath(i) for i in inputs if i is not None]
    for target in targets:
        output.check_target(target, names)
    for n, first in enumerate(targets):
        for second in targets[n + 1 :]:
            output.check_distinct(first, second)


def annotate_ready(paths: Sequence[str], *, source: object = None) -> None:
    """--annotate takes one XLIFF or PO file (a usage error otherwise, before any work)."""
    from tqa.annotate import FORMATS
    from tqa.read import format_of

    if len(paths) != 1 or source is not None or os.path.isdir(paths[0]):
        raise ConfigError("--annotate writes a copy of one XLIFF or PO file: give just that file")
    kind = format_of(paths[0])
    if kind not in FORMATS:
        raise ConfigError(f"{paths[0]}: --annotate writes XLIFF and PO files, not {kind}")


def write_annotated(path: str, document: DocumentReport, target: str | os.PathLike[str]) -> None:
    """The annotated copy of ``path`` (tqa.annotate) written to ``target``; the
    input is read again, never written."""
    from tqa.annotate import annotate
    from tqa.output import write_bytes

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    write_bytes(target, annotate(data, document))


def check_warnings(report: Report) -> list[str]:
    """One line per check that crashed on a document: ``CODE failed on FILE:
    ExcType: message`` (the note in the report keeps it too), and one per
    unknown code in a ``tqa: ignore[...]`` comment."""
    lines = []
    for doc in report.documents:
        for note in doc.notes:
            if note.kind == "unknown-code":
                lines.append(f"{doc.path}: {note.message}")
            if note.kind != "check-error":
                continue
            code, _, what = note.message.partition(" failed: ")
            lines.append(f"{code} failed on {doc.path}: {what}")
    return lines


def render(report: Report, format: str, *, color: bool = False) -> str:
    from tqa.render import FORMATS, renderer

    if format not in FORMATS:
        raise ConfigError(f"format {format!r} is not available in this version of tqa")
    if format == "text":
        from tqa.render.text import render as render_text

        return render_text(report, color=color)
    return renderer(format)(report)


def rerender(
    path: str, format: str, *, outputs: Sequence[str | os.PathLike[str] | None] = ()
) -> str:
    from tqa.render.json_report import load

    guard_outputs(outputs, [path])
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read report ({exc})") from None
    return render(load(text, path), format)


def langid(
    paths: Sequence[str],
    config: Config,
    format: str,
    *,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
) -> str:
    from tqa.pipeline import analyse
    from tqa.render.json_report import dumps, segment_dict

    inputs = _expand(paths)
    guard_outputs(outputs, [i.path for i in inputs if i.error is None])
    documents: list[tuple[Document, tuple[Segment, ...]]] = []
    for item in inputs:
        document = read_document(item, config.max_bytes)
        documents.append((document, analyse(document, config)))
    if format == "json":
        return dumps(
            {
                "schema_version": 1,
                "documents": [
                    {"path": d.path, "segments": [segment_dict(s) for s in segs]}
                    for d, segs in documents
                ],
            }
        )
    lines = []
    for document, segments in documents:
        lines.append(f"{document.path}")
        for s in segments:
            preview = s.text if len(s.text) <= 70 else s.text[:69] + "…"
            lines.append(f"  {s.id:>4}  {s.lang:<3} {s.confidence:4.2f}  {preview}")
            for span in s.spans:
                lines.append(
                    f"              ↳ {span.lang} {span.confidence:4.2f}  {span.text}  ({span.evidence})"
                )
    return "\n".join(lines) + "\n"


def align(
    source: str,
    target: str | None,
    config: Config,
    format: str,
    *,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
) -> str:
    from tqa.pipeline import align_segments, analyse
    from tqa.render.json_report import dumps, segment_dict

    guard_outputs(outputs, [source, target])
    src_doc = read_document(Input(source, source), config.max_bytes)
    src_segments = analyse(src_doc, config)
    if target is None:
        tgt_doc, tgt_segments = src_doc, src_segments
        beads = align_segments(src_segments, (), config, bilingual=False)
    else:
        tgt_doc = read_document(Input(target, target), config.max_bytes)
        tgt_segments = analyse(tgt_doc, config)
        beads = align_segments(tgt_segments, src_segments, config, bilingual=True)
    if format == "json":
        return dumps(
            {
                "schema_version": 1,
                "source": {
                    "path": src_doc.path,
                    "segments": [segment_dict(s) for s in src_segments],
                },
                "target": {
                    "path": tgt_doc.path,
                    "segments": [segment_dict(s) for s in tgt_segments],
                },
                "alignment": [
                    {"source": list(b.source), "target": list(b.target), "score": b.score}
                    for b in beads
                ],
            }
        )
    by_src = {s.id: s for s in src_segments}
    by_tgt = {s.id: s for s in tgt_segments}
    rows = ["source_ids\ttarget_ids\tscore\tsource\ttarget"]
    for bead in beads:
        rows.append(
            "\t".join(
                (
                    ",".join(map(str, bead.source)),
                    ",".join(map(str, bead.target)),
                    f"{bead.score:.3f}",
                    " ".join(by_src[i].text for i in bead.source)
                    .replace("\t", " ")
                    .replace("\n", " "),
                    " ".join(by_tgt[i].text for i in bead.target)
                    .replace("\t", " ")
                    .replace("\n", " "),
                )
            )
        )
    return "\n".join(rows) + "\n"


def rules_listing(format: str) -> str:
    from tqa.checks import all_rules

    rules = all_rules()
    if format == "json":
        return (
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "category": r.category,
                        "severity": r.severity,
                        "title": r.title,
                        "description": r.description,
                        "requires": list(r.requires),
                        "default": r.default,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    width = max(len(r.name) for r in rules)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {r.severity:<8} {r.category}"
        f"{'' if r.default else '  (off by default)'}\n    {r.title}\n"
        for r in rules
    )


def explain(code: str) -> str:
    from tqa.checks import get_rule

    wanted = code.strip()
    found = get_rule(wanted)
    if found is None and not wanted.upper().startswith("TQA-"):
        found = get_rule(f"TQA-{wanted}")  # mix-002 → TQA-MIX-002
    if found is None:
        raise TqaError(f"unknown rule {code!r}; `tqa rules` lists them")
    out = [
        f"{found.code} {found.name}",
        f"category: {found.category}",
        f"default severity: {found.severity}",
    ]
    if found.requires:
        out.append(f"requires: {', '.join(found.requires)}")
    if not found.default:
        out.append(f"off by default: runs only with --select {found.code}")
    out += ["", found.title, "", found.description, "", "Examples:"]
    for example in found.examples:
        verdict = (
            "flags " + ", ".join(f"“{t}”" for t in example.flagged)
            if example.flagged
            else "no finding"
        )
        if example.source:
            out.append(f"  source: {example.source.strip()}")
        out.append(f"  {example.text.strip()}")
        out.append(f"    → {verdict}")
    return "\n".join(out) + "\n"


def doctor() -> str:
    from tqa.backends.resources import RESOURCES

    lines = ["Optional resources:"]
    for resource in RESOURCES:
        where = resource.location()
        mark = "ok     " if where else "missing"
        lines.append(f"  {mark} {resource.name:<18} {resource.purpose}")
        lines.append(f"          {where}" if where else f"          install: {resource.install}")
    lines.append(_cache_line())
    return "\n".join(lines) + "\n"


def _cache_line() -> str:
    """Where derived tables are kept, and how much they take (safe to delete)."""
    import os

    from tqa.backends import cache

    directory = cache.directory()
    try:
        sizes = [entry.stat().st_size for entry in os.scandir(directory) if entry.is_file()]
    except OSError:
        sizes = []
    held = f"{len(sizes)} tables, {sum(sizes) / 1e6:.1f} MB" if sizes else "empty"
    return f"Cache of derived dictionary tables (safe to delete): {directory} ({held})"
