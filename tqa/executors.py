"""Where the per-document work of a batch runs.

An executor takes the work of a batch (tqa.runner.Work: read an input,
check it), the inputs and the numbers of those to do, and yields
``(number, report or input error)`` in input order, as soon as each and all
before it are done, calling ``done(result)`` as each finishes (progress)
and ``taken(number)`` in this process just before the input is read or
sent to be read (what ``--resume`` records of the input's files is taken
then, so that it never describes a later version of the file than the
one checked).
It keeps at most a few documents per worker in flight or waiting for an
earlier one, so memory does not grow with the batch. The batch-wide checks,
suppressions, the baseline and rendering stay with the caller, so every
executor gives the same report, byte for byte.

- ``Serial``: one document after the other, in this process;
- ``ProcessPool``: ``--jobs N`` worker processes on this machine;
- ``tqa.backends.dask_executor.DaskExecutor``: the workers of a Dask
  distributed cluster (``--executor dask --scheduler tcp://HOST:PORT``).

Another backend (Ray, say) is one more class with the same ``run``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tqa.model import DocumentReport
    from tqa.read import Input
    from tqa.runner import Work

    Result = DocumentReport | str

#: documents in flight or waiting for an earlier one, per worker
WINDOW_PER_JOB = 4


class Executor(Protocol):
    loads_here: bool
    """Whether the documents are checked in this process or its forks (the
    models are then loaded here, ahead of the first document)."""

    def run(
        self,
        work: Work,
        inputs: Sequence[Input],
        numbers: Sequence[int],
        done: Callable[[Result], None],
        taken: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[int, Result]]:
        """``(number, result)`` for each of ``numbers`` (ascending), in that
        order; ``done(result)`` as each is finished, ``taken(number)`` before
        each input is read."""
        ...

    def close(self) -> None:
        """Let go of what the executor holds (a cluster's client)."""
        ...

    def forks(self, inputs: Sequence[Input], numbers: Sequence[int]) -> bool:
        """Whether ``run`` of these inputs forks worker processes from this
        one (they inherit what it has loaded)."""
        ...


class Serial:
    """Every input in this process, one after the other."""

    loads_here = True

    def close(self) -> None:
        pass

    def forks(self, inputs: Sequence[Input], numbers: Sequence[int]) -> bool:
        return False

    def run(
        self,
        work: Work,
        inputs: Sequence[Input],
        numbers: Sequence[int],
        done: Callable[[Result], None],
        taken: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[int, Result]]:
        for n in numbers:
            if taken is not None:
                taken(n)
            result = work(inputs[n])
            done(result)
            yield n, result


class ProcessPool:
    """``jobs`` worker processes on this machine (forked: they inherit the
    models loaded here for the first document)."""

    loads_here = True

    def close(self) -> None:
        pass

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def forks(self, inputs: Sequence[Input], numbers: Sequence[int]) -> bool:
        """Two jobs or more and two inputs or more, none of them standard
        input (read once, here); otherwise the inputs are checked serially."""
        return self.jobs > 1 and len(numbers) > 1 and all(inputs[n].path != "-" for n in numbers)

    def run(
        self,
        work: Work,
        inputs: Sequence[Input],
        numbers: Sequence[int],
        done: Callable[[Result], None],
        taken: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[int, Result]]:
        if not self.forks(inputs, numbers):
            yield from Serial().run(work, inputs, numbers, done, taken)
            return
        from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

        from tqa.backends import langid
        from tqa.blocks import discard

        # The first document is checked here: models load once and forked
        # workers inherit them instead of each loading their own.
        if taken is not None:
            taken(numbers[0])
        first = work(inputs[numbers[0]])
        done(first)
        yield numbers[0], first
        # What is loaded now (millions of strings and tuples of dictionary
        # tables) is never garbage: the collector of each worker skips it
        # instead of walking it again and again (and copying its pages).
        gc.freeze()
        langid.settle()  # no thread is forked
        window = WINDOW_PER_JOB * self.jobs
        waiting: dict[int, Result] = {}
        pool = ProcessPoolExecutor(max_workers=min(self.jobs, len(numbers) - 1))
        try:
            running: dict[Future[Result], int] = {}
            ahead = iter(numbers[1:])
            order = iter(numbers[1:])  # the numbers need not follow one another
            following = next(order)
            while True:
                while len(running) + len(waiting) < window:
                    n = next(ahead, None)
                    if n is None:
                        break
                    if taken is not None:
                        taken(n)
                    running[pool.submit(work, inputs[n])] = n
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    waiting[running.pop(future)] = result = future.result()
                    done(result)
                while following in waiting:
                    yield following, waiting.pop(following)
                    following = next(order, -1)
        finally:
            # stopped early (an error, the caller gone): what has not started
            # never starts, and reports never handed out leave no spill files
            pool.shutdown(cancel_futures=True)
            for result in waiting.values():
                if not isinstance(result, str):
                    discard(result)


def local(jobs: int) -> Executor:
    """``--executor local``: serial for one job, else a process pool."""
    return ProcessPool(jobs) if jobs > 1 else Serial()
