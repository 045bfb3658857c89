"""What each command does, behind the CLI: build the configuration, run the
pipeline over the inputs, render. Returns strings; printing stays in cli.py."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqa.baseline import load as load_baseline
from tqa.config import Config, find_config_file, load_file
from tqa.errors import ConfigError, InputError, InputErrors, TqaError
from tqa.model import Document, DocumentReport, ReferenceKind, Report, Segment, Unpaired
from tqa.read import UNIT_FORMATS, Input, expand_paths, format_of, read_input
from tqa.resume import Resumption, resume, run_settings

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from tqa.executors import Executor
    from tqa.render.jsonl import Stream


def build_config(
    *, config_path: Path | None, first_path: str | None, isolated: bool = False, **flags: Any
) -> Config:
    """defaults < configuration file < flags (flags left at None do not override).
    ``isolated`` ignores configuration files (a given ``config_path`` still counts)."""
    fields: dict[str, Any] = {}
    path = config_file(config_path=config_path, first_path=first_path, isolated=isolated)
    try:
        if path is not None:
            fields.update(load_file(path))
    except OSError as exc:  # an unreadable file
        where = exc.filename if exc.filename is not None else path
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or exc
        raise ConfigError(f"{where}: cannot read configuration ({reason})") from None
    fields.update({k: v for k, v in flags.items() if v is not None and v != ()})
    try:
        return Config(**fields)
    except TypeError as exc:
        raise ConfigError(str(exc)) from None


def config_file(
    *, config_path: Path | None, first_path: str | None, isolated: bool = False
) -> Path | None:
    """The configuration file a run reads: ``config_path`` (which must exist),
    else the one found from ``first_path`` (or the working directory) up,
    unless ``isolated``. It is one of the run's inputs: no report may replace it."""
    path = config_path
    try:
        if path is None and not isolated:
            near = _existing(first_path) if first_path and first_path != "-" else None
            path = find_config_file(near or Path.cwd())
        if path is not None and not path.exists():
            raise ConfigError(f"{path}: no such configuration file")
    except OSError as exc:  # an unreadable folder on the way up
        where = exc.filename if exc.filename is not None else (path or first_path or Path.cwd())
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or exc
        raise ConfigError(f"{where}: cannot read configuration ({reason})") from None
    return path


def _existing(name: str) -> Path | None:
    """``name`` as a Path when it exists (else, for a glob, the folder before
    its first pattern: ``'texts/**/*.txt'`` is looked for from texts/); an
    input that cannot even be looked at is reported when it is read, not as a
    configuration problem."""
    import glob

    try:
        if os.path.lexists(name) and Path(name).exists():
            return Path(name)  # a name that only looks like a pattern ("a[1].txt") too
        if not glob.has_magic(name):
            return None
        parts = Path(name).parts
        fixed = next((n for n, part in enumerate(parts) if glob.has_magic(part)), len(parts))
        folder = Path(*parts[:fixed]) if fixed else Path(".")
        return folder if folder.exists() else None
    except OSError:
        return None


def run_check(
    paths: Sequence[str],
    config: Config,
    *,
    source: str | None = None,
    jobs: int | Executor = 1,
    baseline: str | None = None,
    progress: Callable[[int, int, int], None] | None = None,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
    protected: Sequence[str | os.PathLike[str] | None] = (),
    reference: str | None = None,
    post_edited: str | None = None,
) -> Report:
    """Check every input (in ``jobs`` worker processes when more than one, or
    on the executor given: tqa.executors),
    then apply inline suppressions and the baseline. Documents keep the order
    of the inputs; ``progress(done, total, words)`` is called before the first
    and as they finish (``words``: words of the documents done).

    Before any work, each of ``outputs`` (files the caller will write) is
    refused when it is an input: a checked file, the source, the baseline,
    the glossary or one of ``protected`` (the configuration file).

    ``reference`` (a reference translation) and ``post_edited`` (the
    post-edited version of the raw MT checked) add scores to the report of
    the one document checked (tqa.metrics)."""
    batch = prepare_batch(paths, config, source=source, baseline=baseline, outputs=outputs,
                          protected=protected, reference=reference,
                          post_edited=post_edited)  # fmt: skip
    results = [result for _, result in batch.results(jobs, progress)]
    # imported here, not before the batch starts: the language identifier's
    # helper (runner._preload) starts before the checks' modules are imported
    from tqa.pipeline import build_report

    errors = [r for r in results if isinstance(r, str)]
    if errors and len(batch.inputs) == 1:
        raise InputError(errors[0])
    checked = _across(config, [r for r in results if isinstance(r, DocumentReport)])
    documents = [batch.finish(r) for r in checked]
    return replace(build_report(iter(documents), errors), unpaired=tuple(batch.unpaired))


@dataclass
class Batch:
    """The inputs of one ``tqa check`` run, ready to be checked."""

    inputs: list[Input]
    unpaired: list[Unpaired]
    config: Config
    known: dict[str, Any] | None
    source: Document | None
    references: tuple[tuple[ReferenceKind, Document], ...] = ()
    """--reference and --post-edited, read (tqa.metrics scores the one input against them)."""

    def results(
        self,
        jobs: int | Executor = 1,
        progress: Callable[[int, int, int], None] | None = None,
        numbers: Sequence[int] | None = None,
        *,
        blocks: bool = False,
        taken: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[int, DocumentReport | str]]:
        """(input number, report or input error) for each of ``numbers``
        (ascending; every input by default), in input order, as soon as each
        and all before it are done; the others count as done already.
        ``jobs``: worker processes on this machine, or an executor
        (tqa.executors: serial, a process pool, a Dask cluster). Executors
        keep at most a few documents per worker in flight or waiting for an
        earlier one, so memory does not grow with the batch. ``blocks``: a
        bilingual file of more than one block of units is checked in blocks,
        its report partly spilled to files (tqa.blocks; for the streamed
        report, which knows how to write it), when the documents are checked
        here or in forks of this process, where those files are.
        ``taken(number)``: called here just before each input is read (see
        tqa.executors)."""
        from tqa.executors import local

        executor = local(jobs) if isinstance(jobs, int) else jobs
        if numbers is None:
            numbers = range(len(self.inputs))
        total, words = len(self.inputs), 0
        done = total - len(numbers)
        work = self.work
        if blocks and executor.loads_here and not self.references:
            work = replace(work, blocks=True)

        def tick(result: DocumentReport | str) -> None:
            nonlocal done, words
            done += 1
            if isinstance(result, DocumentReport):
                words += result.words
            if progress:
                progress(done, total, words)

        if progress:
            progress(done, total, words)
        if len(numbers) == 1 and executor.loads_here and self._read_first(numbers[0]):
            # one file: read before the models load, so that a file that
            # cannot be checked (binary, undecodable, too large) is answered
            # at once instead of after the loading
            number = numbers[0]
            if taken is not None:
                taken(number)
            read = work.read(self.inputs[number])
            if not isinstance(read, str):
                _preload(self.config)
            result = read if isinstance(read, str) else work.check(read)
            tick(result)
            yield number, result
        else:
            if numbers and executor.loads_here:
                # forked workers inherit a detector made in this process
                # (langid.settle): a helper would build lingua's a second time
                _preload(self.config, helper=not executor.forks(self.inputs, numbers))
            yield from executor.run(work, self.inputs, numbers, tick, taken)
        if numbers and executor.loads_here:
            from tqa.backends import langid

            langid.release()  # the identifier's helper ends while the report is written

    def _read_first(self, number: int) -> bool:
        """Whether input ``number``, checked alone here, can be read before
        the models load: not standard input (read once, by the check) nor a
        bilingual file (which may be checked in blocks, reading it itself)."""
        path = self.inputs[number].path
        return path != "-" and format_of(path) not in UNIT_FORMATS

    def fingerprint(self, number: int) -> str:
        """The fingerprint of the files of input ``number`` (tqa.fingerprint):
        another one when the file or the German source paired with it changed."""
        from tqa.fingerprint import inputs_fingerprint

        item = self.inputs[number]
        return inputs_fingerprint(item.path, item.source)

    @property
    def work(self) -> Work:
        return Work(self.config, self.source, self.references)

    def finish(self, doc: DocumentReport, *, resumed: bool = False) -> DocumentReport:
        """Suppressions and baseline applied, and the note of a French file
        checked without its German partner (not again on a resumed report)."""
        alone = None if resumed else self._alone.get(doc.path)
        return _finish(doc, self.config, self.known, alone)

    @cached_property
    def _alone(self) -> dict[str, str]:
        return {u.path: u.message for u in self.unpaired if u.side == "target"}


def _preload(config: Config, *, helper: bool = True) -> None:
    """Start loading the language identifier, which every document needs
    first, in a helper process (tqa.backends.langid.preload: lingua holds
    the interpreter lock of the process that builds it), and meanwhile load
    here the models the active checks need. ``helper=False`` (a batch that
    a process pool will check: its workers inherit a detector made in this
    process, langid.settle): the first document makes it here."""
    import gc

    from tqa.backends import langid
    from tqa.backends.loading import gc_paused
    from tqa.identify import languages

    if helper:
        langid.preload(config.langid_backend, languages(config))
    with gc_paused():
        _load_models(config)
        _load_word_lists(languages(config), (config.target_lang, config.source_lang))
    # what is loaded now is kept to the end: the collector no longer walks it
    # at each of its passes (leaving about 6,000 objects of garbage cycles
    # made while loading uncollected, once)
    gc.freeze()


def _load_word_lists(frequencies_of: Sequence[str], dictionaries_of: Sequence[str]) -> None:
    """wordfreq's tables and the hunspell dictionaries that identifying the
    languages of every document reads (tqa.identify), loaded while the
    identifier's helper may still be building lingua's detector: the first
    document would load them just after waiting for it. A failure is left
    for the identification to meet."""
    from tqa.backends import frequencies, words

    for lang in frequencies_of:
        try:
            frequencies.table(lang)
        except Exception as exc:  # noqa: BLE001 - the identification meets it
            log.debug("word frequencies of %s not preloaded: %s", lang, exc)
    for lang in dict.fromkeys(dictionaries_of):
        try:
            words.has_dictionary(lang)
        except Exception as exc:  # noqa: BLE001 - the identification meets it
            log.debug("hunspell %s not preloaded: %s", lang, exc)


def _load_models(config: Config) -> None:
    """spaCy's pipeline and Grammalecte, when an active check needs them: the
    first check that uses them would load them anyway. A failure is left for
    that check to meet and report."""
    from tqa.backends import grammalecte, patterns, spacy_fr

    loaders = {"spacy-fr": spacy_fr.load, "grammalecte": grammalecte.load}
    try:
        # the expressions the check modules compile at import come compiled
        # from the table cache (tqa.backends.patterns)
        with patterns.kept("tqa-rules", own_files(), grow=True):
            rules, _ = _rules(config)
    except TqaError:
        return
    needed = {name for rule in rules for name in rule.requires}
    for name, load in loaders.items():
        if name in needed:
            try:
                load()
            except Exception as exc:  # noqa: BLE001 - the check reports it
                log.debug("%s not preloaded: %s", name, exc)


def stream_check(
    batch: Batch,
    write: Callable[[str], None],
    *,
    jobs: int | Executor = 1,
    progress: Callable[[int, int, int], None] | None = None,
    resumed: Stream | None = None,
) -> tuple[int, list[str]]:
    """Check ``batch`` and ``write`` its report line by line (tqa.render.jsonl)
    as each document is done, in input order. Only what the batch-wide checks
    (TQA-STR-005/006) compare is kept until the end: the documents of
    bilingual files and source/translation pairs; every other document is
    dropped once written. ``resumed``: the stream of an earlier, stopped run
    of the same batch, whose documents are not checked again unless their
    files changed since (see tqa.resume.resume). Returns the exit status and the input
    errors."""
    from tqa.blocks import discard, write_document
    from tqa.checks.structure import compared_across_batch
    from tqa.render import jsonl

    config, inputs = batch.config, batch.inputs
    kept: dict[int, DocumentReport] = {}
    verdicts: dict[int, tuple[bool, int]] = {}  # passed, findings
    errors: dict[int, str] = {}  # by input number
    compare = config.rule_enabled("TQA-STR-005") or config.rule_enabled("TQA-STR-006")
    settings = run_settings(batch)
    plan = Resumption(range(len(inputs)))
    head: tuple[int, dict[str, Any]] | None = None  # what the next line carries after its index
    # the fingerprint of each input's files, taken before it is read: a file
    # changed while its report was made is checked again by --resume
    stamps: dict[int, str] = {}

    def taken(number: int) -> None:
        stamps[number] = batch.fingerprint(number)

    def emit(piece: str) -> None:
        nonlocal head
        if head is not None:
            piece = jsonl.with_fields(piece, *head)
            head = None
        write(piece)

    def begin(number: int) -> None:
        """The next line is the first of input ``number``: the first line of
        the stream records the settings, each input's the fingerprint of its files."""
        nonlocal head
        fields: dict[str, Any] = {"settings": settings} if number == 0 else {}
        stamp = stamps.pop(number, None)
        fields["fingerprint"] = stamp if stamp is not None else batch.fingerprint(number)
        head = (number, fields)

    try:
        if resumed is not None:
            plan = resume(batch, resumed, kept, verdicts, errors, compare, settings)
        for number, result in batch.results(jobs, progress, plan.numbers, blocks=True, taken=taken):
            begin(number)
            if isinstance(result, str):
                errors[number] = result
                emit(jsonl.error_line(number, result))
            else:
                if compare and compared_across_batch(result):
                    kept[number] = result
                doc = batch.finish(result)
                verdicts[number] = (doc.score.passed, len(doc.findings))
                try:
                    write_document(emit, number, doc)
                finally:
                    if number not in kept:
                        discard(doc)
            if plan.tail is not None:  # the lines kept from the stopped run that come next
                plan.tail.copy_after(number, write)
        if errors and len(inputs) == 1:
            raise InputError(errors[0])
        numbers = sorted(kept)
        compared = _across(config, [kept[n] for n in numbers])
        for number, raw in zip(numbers, compared, strict=True):
            if raw is not kept[number]:  # the batch-wide checks added findings to it
                doc = batch.finish(raw, resumed=number in plan.reused)
                verdicts[number] = (doc.score.passed, len(doc.findings))
                write_document(emit, number, doc, update=True)
    finally:
        for doc in kept.values():
            discard(doc)
        if plan.tail is not None:
            plan.tail.close()
    passed = all(ok for ok, _ in verdicts.values())
    status = 2 if errors else 0 if passed else 1
    emit(jsonl.summary_line(verdicts.values(), batch.unpaired, status))
    return status, [errors[n] for n in sorted(errors)]


def prepare_batch(
    paths: Sequence[str],
    config: Config,
    *,
    source: str | None = None,
    baseline: str | None = None,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
    protected: Sequence[str | os.PathLike[str] | None] = (),
    reference: str | None = None,
    post_edited: str | None = None,
) -> Batch:
    """The inputs and their sources, the baseline, the glossary and the
    reference or post-edited file, read and checked before any work; outputs
    that are inputs are refused."""
    source_dir = source if source is not None and os.path.isdir(source) else None
    inputs, unpaired = _plan(paths, config, source_dir, by_name=source is None)
    if source is not None and source_dir is None:
        _one_target(paths, inputs, source)
    others = [
        ("--source", None if source_dir else source),
        ("--baseline", baseline),
        ("glossary", config.glossary),
        ("--reference", reference),
        ("--post-edited", post_edited),
        *(("--config", os.fspath(p)) for p in protected if p is not None),
    ]
    # a file found in a folder or by a pattern that is the glossary, the
    # baseline… is no text to check: left out (named on the command line, refused)
    taken = {_identity(path) for _, path in others if path is not None} - {None}
    inputs = [i for i in inputs if i.explicit or _identity(i.path) not in taken]
    named = [i.path for i in inputs if i.error is None]
    sources = [i.source for i in inputs if i.source is not None]
    _distinct_roles([*((CHECKED, i.path) for i in inputs if i.error is None), *others])
    guard_outputs(
        outputs,
        [*named, *sources, source, baseline, config.glossary, reference, post_edited, *protected],
    )
    references = _references(inputs, config, reference=reference, post_edited=post_edited)
    known = load_baseline(baseline) if baseline else None
    if config.glossary:  # a bad glossary is a usage error, not a failed check
        from tqa.checks.glossary import load_glossary

        load_glossary(config.glossary)
    source_doc = None
    if source is not None and source_dir is None:
        bilingual = next((i.path for i in inputs if format_of(i.path) in UNIT_FORMATS), None)
        if bilingual is not None:
            raise ConfigError(f"{bilingual}: a bilingual file holds its own source; drop --source")
        source_doc = _monolingual(Input(source, source), config)
    return Batch(inputs, unpaired, config, known, source_doc, references)


#: the role of the inputs checked, for _distinct_roles
CHECKED = "the checked file"


def _one_target(paths: Sequence[str], inputs: list[Input], source: str) -> None:
    """``--source FILE`` pairs with one French file: not a folder, nor a glob
    or files that give more than one (a usage error, before any work)."""
    folder = next((p for p in paths if p != "-" and os.path.isdir(p)), None)
    if folder is None and len(inputs) == 1:
        return
    given = f"{folder} is a folder" if folder else f"{', '.join(paths)} gives {len(inputs)} files"
    raise ConfigError(
        f"{source}: --source FILE pairs one German source file with exactly one French "
        f"file, and {given} (pair folders with --source FOLDER, or name the files "
        "NAME.de.EXT and NAME.fr.EXT)"
    )


def _identity(path: str) -> object:
    """What tells two names of one file apart from two files: "-", or
    (device, inode); None when the file cannot be looked at."""
    if path == "-":
        return "-"
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _distinct_roles(roles: Iterable[tuple[str, str | None]]) -> None:
    """Refuse a file checked that is also given in another role (--source,
    --baseline, …: a file checked against itself says nothing) and standard
    input given twice (it can be read only once)."""
    seen: dict[object, str] = {}
    for role, path in roles:
        if path is None:
            continue
        key = _identity(path)
        if key is None:
            continue  # said by the reader of that role
        first = seen.get(key)
        if first is None:
            seen[key] = role
            continue
        if path == "-":
            given = f"twice as {role}" if first == role else f"as both {first} and {role}"
            raise ConfigError(f"-: given {given}; standard input can be read only once")
        # the same input named twice is checked once, and a post-edited
        # version may be the reference too
        if first != role and CHECKED in (first, role):
            raise ConfigError(f"{path}: given as both {first} and {role}; give each its own file")


def _across(config: Config, documents: list[DocumentReport]) -> list[DocumentReport]:
    """The checks that compare documents of the batch with one another (the
    same source translated differently, TQA-STR-005/006), once all are checked.
    A document they add nothing to stays in the list as it was (the same object)."""
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


def _references(
    inputs: Sequence[Input], config: Config, *, reference: str | None, post_edited: str | None
) -> tuple[tuple[ReferenceKind, Document], ...]:
    """The reference and post-edited documents, read once before any check:
    an unreadable one is an input error; they compare with exactly one document."""
    named: list[tuple[ReferenceKind, str, str | None]] = [
        ("reference", "--reference", reference),
        ("post-edited", "--post-edited", post_edited),
    ]
    wanted = [(kind, option, path) for kind, option, path in named if path is not None]
    if not wanted:
        return ()
    option = " and ".join(option for _, option, _ in wanted)
    if len(inputs) != 1:
        raise ConfigError(
            f"{option} compares one document with its reference: give one file to check, "
            f"not {len(inputs)}"
        )
    if inputs[0].path == "-" and any(path == "-" for _, _, path in wanted):
        raise ConfigError(f"{option}: standard input cannot be both the document and its reference")
    documents: list[tuple[ReferenceKind, Document]] = []
    for kind, option, path in wanted:
        assert path is not None
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory; {option} takes one file")
        item = Input(path, path)
        document = read_input(item, config.max_bytes, config.source_lang, config.target_lang)
        documents.append((kind, document))
    return tuple(documents)


@dataclass(frozen=True)
class Read:
    """One input read (on the machine that runs ``tqa check``): the document,
    and the German source it is paired with (None: the batch's ``--source``,
    if any)."""

    document: Document
    source: Document | None = None


@dataclass(frozen=True)
class Work:
    """What is done to each input of a batch before the batch-wide checks:
    read it, then check it. Picklable, so that an executor can run it in
    worker processes or on a cluster (tqa.executors). ``work(item)`` reads
    and checks; an executor whose workers do not see the files calls
    ``read`` where the files are and ``check`` on the workers."""

    config: Config
    source: Document | None = None
    references: tuple[tuple[ReferenceKind, Document], ...] = ()
    blocks: bool = False
    """A bilingual file of more than one block of units checked in blocks
    (tqa.blocks), only where the spill files are seen: see Batch.results."""

    def __call__(self, item: Input) -> DocumentReport | str:
        if self.blocks:  # never with --reference (Batch.results)
            return _check_in_blocks(item, self.config, self.source)
        return _check_one(item, self.config, self.source, self.references)

    def read(self, item: Input) -> Read | str:
        """The input read, or the message of its input error."""
        return _read_one(item, self.config)

    def check(self, read: Read) -> DocumentReport:
        """The report of an input already read."""
        return _check_read(read, self.config, self.source, self.references)


def _rules(config: Config) -> tuple[list[Any], list[Any]]:
    """The active rules and notes of ``config``, looked up once per process."""
    from tqa.pipeline import active_rules

    key = repr(config)
    if key not in _RULES:
        _RULES.clear()
        _RULES[key] = active_rules(config)
    return _RULES[key]


def _check_one(
    item: Input,
    config: Config,
    source: Document | None,
    references: Sequence[tuple[ReferenceKind, Document]] = (),
) -> DocumentReport | str:
    """One input → its report (with its scores against ``references``), or
    the message of its input error (runs in workers)."""
    read = _read_one(item, config)
    if isinstance(read, str):
        return read
    return _check_read(read, config, source, references)


def _read_one(item: Input, config: Config) -> Read | str:
    """One input and its paired German source, read; or the message of its input error."""
    try:
        document = read_input(item, config.max_bytes, config.source_lang, config.target_lang)
        paired = None
        if item.source is not None:
            paired = _monolingual(Input(item.source, item.source, explicit=False), config)
    except InputError as exc:
        return str(exc)
    return Read(document, paired)


def _check_read(
    read: Read,
    config: Config,
    source: Document | None,
    references: Sequence[tuple[ReferenceKind, Document]] = (),
) -> DocumentReport:
    from tqa.pipeline import check_document, with_references

    global _first_check

    rules, notes = _rules(config)
    if read.source is not None:
        source = read.source
    if _first_check:
        # the expressions the checks compile when first used (lexicons,
        # names) come compiled from the table cache (tqa.backends.patterns)
        from tqa.backends import patterns

        _first_check = False
        from tqa import pipeline

        fresh = pipeline.documents_begun == 0
        with patterns.kept("tqa-checks", own_files(), record=fresh, grow=True):
            report = check_document(read.document, config, source=source, rules=rules, notes=notes)
    else:
        report = check_document(read.document, config, source=source, rules=rules, notes=notes)
    return with_references(report, references, config) if references else report


#: whether this process has checked no document yet
_first_check = True


def own_files() -> tuple[str, ...]:
    """tqa's modules and data files (what its checks' expressions come from)."""
    root = Path(__file__).resolve().parent
    found = [*root.rglob("*.py"), *(root / "data").glob("*")]
    return tuple(sorted(str(path) for path in found if path.is_file()))


def _check_in_blocks(item: Input, config: Config, source: Document | None) -> DocumentReport | str:
    """As _check_one, but a bilingual file of more than one block of units is
    checked in blocks, its report partly spilled to files (tqa.blocks; for
    the streamed report, which knows how to write it and remove them)."""
    if item.source is None and format_of(item.path) in UNIT_FORMATS:
        from tqa.blocks import check_in_blocks

        rules, notes = _rules(config)
        try:
            checked = check_in_blocks(item, config, rules, notes)
        except InputError:
            checked = None  # read again as always, for the same message
        if isinstance(checked, DocumentReport):
            return checked
        if checked is not None:  # one block at most: the file read, checked at once
            return _check_read(Read(checked, None), config, source)
    return _check_one(item, config, source)


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
        notes.append(suppress.suppressed_note(suppressed))
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


def _read_dict(document: Document, segments: Sequence[Segment]) -> dict[str, Any]:
    """A document of ``tqa langid --format json``, or a side of ``tqa align``'s:
    segment offsets index the file, or for a markup or bilingual file the
    text taken out of it, which is then given as ``text`` (with the file's
    ``format``)."""
    from tqa.render.json_report import segment_dict

    data: dict[str, Any] = {"path": document.path}
    if document.format != "text":
        data["format"] = document.format
        data["text"] = document.text
    data["segments"] = [segment_dict(s) for s in segments]
    return data


def _monolingual(item: Input, config: Config) -> Document:
    """A file of one language (a German source, a file for ``tqa align``):
    read as tqa check reads it, the prose of Markdown and HTML; an XLIFF,
    TMX or PO file is refused, its units being pairs already."""
    kind = format_of(item.path) if item.path != "-" else "text"
    if kind in UNIT_FORMATS:
        article = "an" if kind == "xliff" else "a"
        raise InputError(
            f"{item.display}: {article} {kind.upper()} file pairs each source with its "
            "translation already, unit by unit; tqa check reads it"
        )
    return read_input(item, config.max_bytes, config.source_lang, config.target_lang)


def _expand(paths: Sequence[str]) -> list[Input]:
    inputs = list(expand_paths(paths))
    if not inputs:
        raise _nothing_found(paths)
    return inputs


def _nothing_found(paths: Sequence[str]) -> InputError:
    """A folder (or glob) without a file tqa reads: the suffixes it looked for."""
    from tqa.read.paths import BILINGUAL_SUFFIXES, MARKUP_SUFFIXES, TEXT_SUFFIXES

    looked = ", ".join(TEXT_SUFFIXES + MARKUP_SUFFIXES + BILINGUAL_SUFFIXES)
    return InputError(f"{', '.join(paths)}: no text files found (looked for {looked})")


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
        raise _nothing_found(paths)
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


def annotated(path: str, document: DocumentReport) -> bytes:
    """The annotated copy of ``path`` (tqa.annotate); the input is read
    again, never written."""
    from tqa.annotate import annotate

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return annotate(data, document)


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
    from tqa.read.text import REPORT_MAX_BYTES, read_limited

    # "-": standard input, as for tqa check (tqa check -f json … | tqa render -)
    data = read_limited(path, REPORT_MAX_BYTES, "report", pipes=True, json=True, stdin=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: cannot read report (not valid UTF-8 at byte {exc.start})"
        ) from None
    from tqa.render import jsonl

    if jsonl.looks_like_stream(text):
        return render(jsonl.load(text, path), format)
    return render(load(text, path), format)


def langid(
    paths: Sequence[str],
    config: Config,
    format: str,
    *,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
) -> str:
    from tqa.pipeline import analyse
    from tqa.render.json_report import dumps

    inputs = _expand(paths)
    guard_outputs(outputs, [i.path for i in inputs if i.error is None])
    documents: list[tuple[Document, tuple[Segment, ...]]] = []
    errors: list[str] = []
    for item in inputs:
        # read as tqa check reads it: the prose of Markdown and HTML, the
        # targets of XLIFF, TMX and PO (not their markup, line by line)
        try:
            document = read_input(item, config.max_bytes, config.source_lang, config.target_lang)
        except InputError as exc:
            if len(inputs) == 1:
                raise
            errors.append(str(exc))  # the others are still listed, as tqa check does
            continue
        documents.append((document, analyse(document, config)))
    if not documents and errors:
        raise InputErrors(tuple(errors), "")
    if format == "json":
        data: dict[str, Any] = {
            "schema_version": 1,
            "documents": [_read_dict(d, segs) for d, segs in documents],
        }
        if errors:
            data["errors"] = errors
        text = dumps(data)
        if errors:
            raise InputErrors(tuple(errors), text)
        return text
    from tqa.render.plain import visible_line

    lines = []
    for document, segments in documents:
        lines.append(visible_line(document.path))
        for s in segments:
            preview = s.text if len(s.text) <= 70 else s.text[:69] + "…"
            lines.append(f"  {s.id:>4}  {s.lang:<3} {s.confidence:4.2f}  {_cell(preview)}")
            for span in s.spans:
                lines.append(
                    f"              ↳ {span.lang} {span.confidence:4.2f}  {_cell(span.text)}"
                    f"  ({_cell(span.evidence)})"
                )
    text = "\n".join(lines) + "\n"
    if errors:
        raise InputErrors(tuple(errors), text)
    return text


def _cell(text: str) -> str:
    """Document text as one cell of a line-based table (langid's listing,
    align's TSV): tabs and line breaks as spaces, other control characters
    shown visibly (``^[``), never sent to the terminal raw."""
    from tqa.render.plain import visible

    return visible(text.replace("\t", " ").replace("\n", " "))


def align(
    source: str,
    target: str | None,
    config: Config,
    format: str,
    *,
    outputs: Sequence[str | os.PathLike[str] | None] = (),
) -> str:
    from tqa.align_mixed import align_segments
    from tqa.pipeline import analyse
    from tqa.render.json_report import dumps

    guard_outputs(outputs, [source, target])
    _distinct_roles([("the source", source), (CHECKED, target)])
    src_doc = _monolingual(Input(source, source), config)
    src_segments = analyse(src_doc, config)
    if target is None:
        tgt_doc, tgt_segments = src_doc, src_segments
        beads = align_segments(src_segments, (), config, bilingual=False)
    else:
        tgt_doc = _monolingual(Input(target, target), config)
        tgt_segments = analyse(tgt_doc, config)
        beads = align_segments(tgt_segments, src_segments, config, bilingual=True)
    if format == "json":
        return dumps(
            {
                "schema_version": 1,
                "source": _read_dict(src_doc, src_segments),
                "target": _read_dict(tgt_doc, tgt_segments),
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
                    _cell(" ".join(by_src[i].text for i in bead.source)),
                    _cell(" ".join(by_tgt[i].text for i in bead.target)),
                )
            )
        )
    return "\n".join(rows) + "\n"
