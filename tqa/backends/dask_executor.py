"""The per-document work of a batch on a Dask distributed cluster
(``tqa check --executor dask --scheduler tcp://HOST:PORT``; tqa.executors).

- Inputs are read here, by the process that runs ``tqa check``, and each
  read document (text and paired German source) is sent to a worker; so is
  the glossary. The workers need tqa (``pip install 'tqa[dask]'``, the same
  version) and its resources (dictionaries, models named in the
  configuration), but not the files being checked.
- A worker plugin (``Warm``) checks two tiny documents on every worker when
  the batch starts, and on every worker that joins (or is restarted) during
  the batch: the models load once per worker, not once per document. The
  plugin is removed at the end of the batch; the models stay loaded, so the
  next batch on the same workers starts at once.
- At most ``WINDOW_PER_JOB`` documents per worker thread are sent ahead;
  results are taken back in input order, so the memory of this process does
  not grow with the batch.
- A worker that dies loses no document: the scheduler sends its documents
  to another worker (up to its ``distributed.scheduler.allowed-failures``
  times; 1 gives "a document whose worker died twice is an error"). A check
  that raises is run once more (``retries=1``). A document that still fails
  is an input error of that document; the batch goes on.
- Checks run one at a time per worker process (a lock): the models are not
  shared between threads; start workers with ``--nthreads 1``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, KilledWorker, WorkerPlugin

from tqa import __version__
from tqa.errors import ConfigError
from tqa.executors import WINDOW_PER_JOB
from tqa.model import Document

if TYPE_CHECKING:
    from tqa.checks.glossary import Term
    from tqa.model import DocumentReport
    from tqa.read import Input
    from tqa.runner import Read, Work

    Result = DocumentReport | str

#: seconds to reach the scheduler before giving up
CONNECT_SECONDS = 10

#: test hook: a folder where a file NAME.once makes the worker that checks the
#: document named NAME exit (once: the file is removed), NAME.always every
#: time, and NAME.raise makes the check of NAME raise an exception
EXIT_HOOK = "TQA_TEST_WORKER_EXIT"

#: one check at a time in a worker process
_LOCK = threading.Lock()

#: what the plugin checks on each worker to load the models
WARM_FRENCH = "Le sommet s'ouvre lundi à Astana, au Kasachstan.\n"
WARM_GERMAN = "Der Gipfel beginnt am Montag in Astana, Kasachstan.\n"


def check(work: Work, read: Read) -> DocumentReport:
    """The task run on a worker: one document read by the client, checked."""
    hook = os.environ.get(EXIT_HOOK)
    if hook:
        _test_hook(hook, read.document.path)
    with _LOCK:
        return work.check(read)


def _test_hook(folder: str, path: str) -> None:
    name = os.path.basename(path)
    if os.path.exists(os.path.join(folder, f"{name}.raise")):
        raise RuntimeError(f"{name}.raise: the test hook makes this check fail")
    try:
        os.unlink(os.path.join(folder, f"{name}.once"))
    except FileNotFoundError:
        if not os.path.exists(os.path.join(folder, f"{name}.always")):
            return
    os._exit(70)


class Warm(WorkerPlugin):  # type: ignore[misc]
    """Loads the models of a configuration on each worker, once: checks a
    tiny French document alone and with a German source. Refuses a worker
    whose tqa is another version (its reports could differ)."""

    idempotent = True

    def __init__(self, work: Work, glossary: tuple[Term, ...] | None = None) -> None:
        self.work = work
        self.version = __version__
        self.glossary = glossary

    async def setup(self, worker: Any) -> None:
        if self.version != __version__:
            raise RuntimeError(f"worker {worker.address} has tqa {__version__}, not {self.version}")
        await asyncio.to_thread(self.warm)

    def warm(self) -> None:
        from tqa.runner import Read

        path = self.work.config.glossary
        if path is not None and self.glossary is not None:
            from tqa.checks import glossary

            glossary.SENT[path] = self.glossary

        french = Document("<warm-up>", WARM_FRENCH)
        with _LOCK:
            self.work.check(Read(french))
            self.work.check(Read(french, Document("<warm-up>.de", WARM_GERMAN)))


class DaskExecutor:
    """The workers of the Dask cluster whose scheduler is at ``address``
    (a malformed address is a ConfigError here; ``connect`` reaches it)."""

    loads_here = False  # the workers load the models (Warm, its worker plugin)

    def __init__(self, address: str) -> None:
        from distributed.comm.addressing import get_address_host_port, parse_address

        self.address = address
        self.client: Client | None = None
        try:
            scheme, _ = parse_address(address, strict=True)
            if scheme not in ("tcp", "tls"):
                raise ValueError(f"scheme {scheme}:// is not tcp:// or tls://")
            get_address_host_port(address, strict=True)
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                f"--scheduler {address}: not a scheduler address, tcp://HOST:PORT ({exc})"
            ) from None

    def connect(self) -> None:
        """Reach the scheduler within ``CONNECT_SECONDS`` (a ConfigError
        that says what went wrong otherwise) and keep a client."""
        if self.client is not None:
            return
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        where = f"--scheduler {self.address}"
        try:
            kind = asyncio.run(asyncio.wait_for(_identify(self.address), CONNECT_SECONDS))
        except (OSError, TimeoutError) as exc:  # refused, timed out, name unknown
            raise ConfigError(f"{where}: {_unreachable(exc)}") from None
        except Exception as exc:  # something else answers
            what = f"{type(exc).__name__}: {exc}"
            raise ConfigError(f"{where}: what answers is not a Dask scheduler ({what})") from None
        if kind != "Scheduler":
            raise ConfigError(f"{where}: {kind or 'what answers'} is not a Dask scheduler")
        try:
            self.client = Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
        except Exception as exc:
            raise ConfigError(f"{where}: {_unreachable(exc)}") from None

    def forks(self, inputs: Sequence[Input], numbers: Sequence[int]) -> bool:
        return False  # its workers are a cluster's processes, not forks of this one

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def run(
        self,
        work: Work,
        inputs: Sequence[Input],
        numbers: Sequence[int],
        done: Callable[[Result], None],
        taken: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[int, Result]]:
        self.connect()
        client = self.client
        assert client is not None
        pending: deque[tuple[int, Future | str]] = deque()
        plugin = None
        try:
            plugin = self._warm(client, work)
            threads = sum(client.nthreads().values())
            window = WINDOW_PER_JOB * max(1, threads)
            ahead = iter(numbers)
            while True:
                while len(pending) < window:
                    n = next(ahead, None)
                    if n is None:
                        break
                    if taken is not None:
                        taken(n)
                    read = work.read(inputs[n])
                    if isinstance(read, str):  # an input error: nothing to send
                        pending.append((n, read))
                    else:
                        future = client.submit(check, work, read, pure=False, retries=1)
                        pending.append((n, future))
                if not pending:
                    break
                n, sent = pending.popleft()
                result = sent if isinstance(sent, str) else self._result(client, sent, inputs[n])
                done(result)
                yield n, result
        finally:
            for _, sent in pending:
                if not isinstance(sent, str):
                    sent.cancel()
            if plugin is not None and client.status == "running":
                with contextlib.suppress(Exception):  # the batch is done: leave no plugin behind
                    client.unregister_worker_plugin(plugin)
            self.close()

    def _warm(self, client: Client, work: Work) -> str:
        """The models of this configuration loaded on every worker, and on
        every worker that joins during the batch; the plugin's name."""
        terms = None
        if work.config.glossary:  # read here: the workers may not see the file
            from tqa.checks.glossary import load_glossary

            terms = load_glossary(work.config.glossary)
        plugin = Warm(type(work)(work.config), terms)
        key = repr((work.config, terms)).encode("utf-8")
        digest = hashlib.sha256(key).hexdigest()[:16]
        name = f"tqa-{__version__}-{digest}"
        try:
            client.register_plugin(plugin, name=name)
            return name
        except Exception as exc:
            with contextlib.suppress(Exception):  # workers that join later must not try it
                client.unregister_worker_plugin(name)
            raise ConfigError(
                f"--scheduler {self.address}: the workers cannot run tqa ({type(exc).__name__}: "
                f"{exc}; install the same version there: pip install 'tqa[dask]')"
            ) from None

    def _result(self, client: Client, future: Future, item: Input) -> Result:
        try:
            return future.result()  # type: ignore[no-any-return]
        except KilledWorker as exc:
            tries = getattr(exc, "allowed_failures", 1) + 1
            return f"{item.display}: the Dask worker checking it died, {tries} times"
        except Exception as exc:
            if client.status != "running":
                raise ConfigError(
                    f"--scheduler {self.address}: lost the connection to the cluster "
                    f"({type(exc).__name__}: {exc}); --resume continues a streamed report"
                ) from None
            what = f"{type(exc).__name__}: {exc}"
            return f"{item.display}: the check failed twice on the Dask cluster ({what})"
        finally:
            future.release()


async def _identify(address: str) -> str | None:
    """What answers at ``address`` says it is (``Scheduler`` for a Dask scheduler)."""
    from distributed.comm import connect
    from distributed.security import Security

    # tls:// takes its certificates from Dask's configuration (distributed.comm.tls)
    options = Security().get_connection_args("client")
    comm = await connect(address, timeout=CONNECT_SECONDS, **options)
    try:
        await comm.write({"op": "identity", "reply": True})
        answer = await comm.read()
    finally:
        comm.abort()
    return answer.get("type") if isinstance(answer, dict) else None


def _unreachable(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if isinstance(exc, TimeoutError) and "after" not in text:
        text = f"no answer within {CONNECT_SECONDS} s"
    return f"cannot reach the scheduler ({text})"
