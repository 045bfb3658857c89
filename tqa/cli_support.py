"""The command line's plumbing around typer: errors as one ``tqa: error:``
line, arguments shown as ``PATH...``, --verbose logging, and where a report
goes (a file, written atomically by tqa.output, or standard output). What
each command does lives in cli.py and runner.py."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from tqa.output import one_line

# Click's exceptions, from the copy typer uses (recent typers vendor click)
_click_errors = sys.modules[typer.BadParameter.__module__]
_ClickException: type[Exception] = _click_errors.ClickException
_UsageError: type[Exception] = _click_errors.UsageError
#: "tqa" alone shows the help (older clicks print it themselves and have no such class)
_NoArgsIsHelp: type[Exception] = getattr(
    _click_errors, "NoArgsIsHelpError", type("_NeverRaised", (Exception,), {})
)


class _Argument(TyperArgument):
    """Arguments shown as man pages show them: ``PATH...``, ``[TARGET]``."""

    def _label(self) -> str:
        label = self.metavar or (self.name or "").upper()
        return label + "..." if self.nargs != 1 and not label.endswith("...") else label

    def _usage_display_name(self) -> str:
        return self._label() if self.required else f"[{self._label()}]"

    def _rich_display_name(self) -> str:
        return self._label()

    def display_type_rich(self, ctx: Any) -> str | None:
        return None  # the metavar says it; "<list[str]>" says nothing to a reader


class Command(TyperCommand):
    """A command whose arguments show as ``PATH...`` and ``[TARGET]``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


class Group(TyperGroup):
    """Errors end as ``tqa: error: …`` on one line (a usage error ends with
    where to find help), exit status 2, never a traceback."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            status = super().main(argv, prog_name, complete_var, False, **extra)
        except _NoArgsIsHelp as exc:
            exc.show()  # type: ignore[attr-defined]
            sys.exit(2)
        except _UsageError as exc:
            typer.echo(_usage_error(exc, self._command_in(argv)), err=True)
            sys.exit(2)
        except _ClickException as exc:  # click's own "Error: …" shape, made tqa's
            message = one_line(exc.format_message().strip() or "error")  # type: ignore[attr-defined]
            typer.echo(f"tqa: error: {message}", err=True)
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        except typer.Abort:
            typer.echo("tqa: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - a bug in tqa still ends in one line
            if "--verbose" in argv:
                logging.getLogger("tqa").error("internal error", exc_info=exc)
            detail = one_line(f"{type(exc).__name__}: {exc}")
            typer.echo(f"tqa: error: internal error ({detail}); --verbose shows where", err=True)
            sys.exit(2)
        sys.exit(status if isinstance(status, int) else 0)

    def _command_in(self, argv: Sequence[str]) -> str:
        """``tqa COMMAND`` for the first word of ``argv`` that names a command
        (``tqa`` when none does)."""
        for word in argv:
            if word in self.commands:
                return f"tqa {word}"
        return "tqa"


def _usage_error(exc: Any, command: str = "tqa") -> str:
    """One line, as every error of tqa (CONTRACT.md): click's message, then
    where to find help on the same line (a second line broke scripts that
    read the first line of stderr as the whole error). click leaves out the
    context of some errors found while reading options (an option without its
    value): ``command`` names the command then."""
    lines = exc.format_message().strip().splitlines() or ["bad usage"]
    message = one_line(lines[0].replace(": Value error, ", ": ")).rstrip(".")
    where = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else command
    return f"tqa: error: {message}; see '{where} --help'"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the standard error of the moment (a test runner may swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def verbose_logging(on: bool) -> None:
    """--verbose: tqa's debug messages, with the traceback of a failed check,
    on stderr. Without it a failed check is one warning line."""
    logger = logging.getLogger("tqa")
    for handler in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
        logger.removeHandler(handler)  # left by an earlier command in this process
        logger.setLevel(getattr(handler, "previous_level", logging.NOTSET))
    if on:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("tqa: %(levelname)s: %(message)s"))
        handler.previous_level = logger.level  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)


def leave(code: object) -> NoReturn:
    """End the process with ``sys.exit(code)``'s status, as the interpreter
    would, less its last step. At exit Python waits for the threads that are
    not daemons (and runs threading's exit hooks), then the ``atexit``
    functions, flushes standard output and error, and then frees every
    object one by one: after checking a document that is the loaded models
    and tables, about 0.3 s of CPU for nothing, since the process is ending.
    Here the first three are done as Python does them and the process then
    ends at once (``os._exit``). Every file tqa writes is closed before the
    command returns. Where this Python lacks the hooks used, it exits as usual."""
    import atexit
    import threading

    shutdown = getattr(threading, "_shutdown", None)
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
    if shutdown is None or run_exit_functions is None:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code & 0xFF
    else:  # sys.exit("message"): the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    shutdown()
    run_exit_functions()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            # the status Python gives when it cannot flush them at exit
            status = 120
    os._exit(status)


def fail(message: str) -> NoReturn:
    """A usage error: one ``tqa: error:`` line on standard error, exit status 2."""
    typer.echo(f"tqa: error: {one_line(message)}", err=True)
    raise typer.Exit(2)


# ---- where reports go: a file (atomically, tqa.output) or standard output ----


def output_path(path: Path | None) -> Path | None:
    """``-o -`` is standard output."""
    return None if path is not None and str(path) == "-" else path


def emit(text: str, output: Path | None) -> None:
    if output is None:
        stdout(text)
        return
    write(output, text)


def write(path: Path, content: str | bytes) -> None:
    """``content`` written to ``path`` (tqa.output); ``-`` is standard output."""
    from tqa.output import write_bytes

    data = content.encode("utf-8") if isinstance(content, str) else content
    if str(path) == "-":
        stdout(data)
        return
    write_bytes(path, data)


def stdout(content: str | bytes) -> None:
    """``content`` on standard output, flushed. A closed standard output, or one
    that cannot take it (a full disk, /dev/full), is an OutputError: one line."""
    from tqa.output import OutputError

    if sys.stdout is None:
        raise OutputError("standard output is closed; write the report to a file with -o FILE")
    try:
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(content)
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"standard output: cannot write report ({exc.strerror or exc})") from None


def one_on_stdout(output: Path | None, **others: Path | None) -> None:
    """``--write-baseline -`` and ``--annotate -`` write to standard output,
    like ``-o -``: the report must then go to a file, and only one of them may
    go there."""
    dashes = [f"--{name.replace('_', '-')} -" for name, path in others.items() if str(path) == "-"]
    if len(dashes) > 1:
        fail(f"{' and '.join(dashes)}: only one of them can go to standard output")
    if dashes and output is None:
        fail(
            f"{dashes[0]}: the report goes to standard output too; write it to a file with -o FILE"
        )
