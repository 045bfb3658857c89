"""Progress of a batch, for people and for CI logs.

On a terminal a live bar (tqa.cli) shows it. Anywhere else (a CI log, a
file) a bar would write control characters into the log, so plain lines are
written instead: one every ``every`` documents or every ``seconds`` seconds,
whichever comes first, with the documents done, the speed in words per
second and the time left, then one summary line. This module only makes the
lines; the CLI writes them to standard error.
"""

from __future__ import annotations

import time
from collections.abc import Callable

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
