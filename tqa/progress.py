"""Progress of a batch, for people and for CI logs.

On a terminal a live bar (``batch_progress``) shows it. Anywhere else (a CI log, a
file) a bar would write control characters into the log, so plain lines are
written instead: one every ``every`` documents or every ``seconds`` seconds,
whichever comes first, with the documents done, the speed in words per
second and the time left, then one summary line. This module only makes the
lines; the CLI writes them to standard error.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: a progress line at least this often in a log, in seconds…
LOG_SECONDS = 10.0
#: …and every this many documents (or a tenth of the batch, if more)
LOG_DOCUMENTS = 25


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 05 s``, ``1 h 02 min``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class LogProgress:
    """``update(done, total, words)`` as documents finish; ``finish()`` at the end.

    ``write`` receives each line; ``clock`` is ``time.monotonic`` but for tests."""

    def __init__(
        self,
        write: Callable[[str], None],
        *,
        every: int | None = None,
        seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write = write
        self.every = every or LOG_DOCUMENTS
        self.seconds = seconds or LOG_SECONDS
        self.clock = clock
        self.start = clock()
        self.last_line = self.start
        self.last_done = 0
        self.done = self.total = self.words = 0
        #: documents done before this run (a resumed batch)
        self.initial: int | None = None
        #: when the first document finished: models are loaded by then, and
        #: the speed is measured from there
        self.first: tuple[float, int] | None = None

    def update(self, done: int, total: int, words: int) -> None:
        now = self.clock()
        if self.initial is None:
            self.initial = self.last_done = done
        self.done, self.total, self.words = done, total, words
        if done > self.initial and self.first is None:
            self.first = (now, words)
        step = max(self.every, total // 10)
        due = done - self.last_done >= step or now - self.last_line >= self.seconds
        if done > self.initial and done < total and due:
            self.write(self.line(now))
            self.last_line, self.last_done = now, done

    def rate(self, now: float) -> float | None:
        """Words per second since the first document finished (after start-up)."""
        if self.first is None:
            return None
        since, words = self.first
        if now - since <= 0 or self.words <= words:
            return None
        return (self.words - words) / (now - since)

    def line(self, now: float) -> str:
        parts = [f"{self.done}/{self.total} documents", f"{self.words:,} words"]
        rate = self.rate(now)
        if rate is not None:
            parts.append(f"{rate:,.0f} words/s")
        first_done = (self.initial or 0) + 1
        if self.first is not None and self.done > first_done:
            since, _ = self.first
            per_document = (now - since) / (self.done - first_done)
            parts.append(f"about {duration(per_document * (self.total - self.done))} left")
        return "tqa: " + ", ".join(parts)

    def finish(self) -> None:
        """The summary line, once the batch is done (nothing when nothing was checked)."""
        if not self.total:
            return
        now = self.clock()
        elapsed = now - self.start
        text = (
            f"tqa: checked {self.done}/{self.total} documents, {self.words:,} words "
            f"in {duration(elapsed)}"
        )
        rate = self.rate(now)
        if rate is not None:
            text += f" ({rate:,.0f} words/s after start-up)"
        self.write(text)


#: a progress bar is shown for more input files than this
PROGRESS_MIN_FILES = 4


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def first_run_line() -> str:
    from tqa.backends import cache

    return (
        f"tqa: first run: building tables in {cache.directory()} from the installed"
        " dictionaries and models (about a minute, once; later runs read them)"
    )


@contextmanager
def first_run_notice() -> Iterator[None]:
    """For a command without a progress bar (tqa langid, tqa align): at a
    terminal, say why a first run is slow, as ``batch_progress`` does."""
    if not sys.stderr.isatty():
        yield
        return
    from tqa.backends import cache

    cache.on_build(lambda name: _to_stderr(first_run_line()))
    try:
        yield
    finally:
        cache.on_build(None)


@contextmanager
def batch_progress(quiet: bool = False) -> Iterator[Callable[[int, int, int], None] | None]:
    """Progress of a batch of more than a few files on standard error: a live
    bar on a terminal (moving from the start, while models load), plain lines
    elsewhere (CI logs: tqa.progress), nothing with --quiet."""
    if quiet:
        yield None
        return
    if not sys.stderr.isatty():
        from tqa.progress import LogProgress

        log = LogProgress(lambda line: _to_stderr(line))

        def log_update(done: int, total: int, words: int) -> None:
            if total > PROGRESS_MIN_FILES:
                log.update(done, total, words)

        try:
            yield log_update
        finally:
            if log.total > PROGRESS_MIN_FILES:
                log.finish()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )
    task = None

    def building(name: str) -> None:
        line = first_run_line()
        if task is not None:
            bar.console.print(line, markup=False, highlight=False)
        else:
            _to_stderr(line)

    def update(done: int, total: int, words: int) -> None:
        nonlocal task
        if total <= PROGRESS_MIN_FILES:
            return
        if task is None:
            bar.start()  # the spinner and the elapsed time move while models load
            task = bar.add_task("loading models", total=total)
        description = "loading models" if not done else f"checking ({words:,} words)"
        bar.update(task, completed=done, description=description)

    from tqa.backends import cache

    cache.on_build(building)  # a person waits at the terminal: say why
    try:
        yield update
    finally:
        cache.on_build(None)
        bar.stop()
