"""One seam to map the per-speech work over a corpus: in process, in a local process
pool, or on Dask.

The work is mapped in partitions (contiguous batches of items) so that a worker gets
a few speeches at a time: enough partitions to keep every worker busy while results
come back, few enough that scheduling costs nothing beside the work. Results are
returned in the order of the items whatever the engine, and ``on_done`` is called once
per finished item.

``engine="local"`` runs a process pool of ``jobs`` workers (``jobs=1``: in this
process). ``engine="dask"`` runs on dask.distributed: ``scheduler="local:N"`` starts a
LocalCluster of N single-threaded worker processes for the run and closes it
afterwards; ``scheduler="tcp://HOST:PORT"`` connects to a running scheduler, whose
workers must be able to import speechkit and see the same paths (input, output and
``$SPEECHKIT_CACHE``). A scheduler lost during the run, workers that keep dying, or a
cluster left without workers is a one-line :class:`~speechkit.errors.SpeechkitError`
naming the scheduler; the speeches the workers finished stay cached for the next run.

The corpus stage (tables by group, graphs, pictures, report pages) is a list of independent
:class:`Task` objects run by :func:`corpus_stage`'s runner: locally here and in forked
processes (:func:`run_tasks`), with Dask as tasks on the workers of the client the run's map
used (keys ``group-tables-…``, ``graph-…``, ``picture-…``, ``page-…``), while this process
does the tasks that read every result. The same task functions run on either.
"""

from __future__ import annotations

import gc
import logging
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TypeVar

from ..errors import SpeechkitError

if TYPE_CHECKING:
    from ..analysis.aggregates import Aggregate

Item = TypeVar("Item")
Result = TypeVar("Result")

ENGINES = ("local", "dask")
# Partitions small enough that the workers finish together: the last one a worker takes is
# at most MAX_PARTITION speeches (about a second) while the other has none left.
PARTITIONS_PER_WORKER = 8
MAX_PARTITION = 16
DASK_CONNECT_TIMEOUT = "10s"
DASK_EXTRA_HINT = "pip install 'speechkit[dask]'"
# A cluster without a worker for this long is lost (its workers died and none came back);
# the wait for a result checks every WAIT_STEP_SECONDS.
WORKERLESS_SECONDS = 60.0
WAIT_STEP_SECONDS = 1.0
# Partials merged by one reduce task (a tree of this fan-in: 1,000 speeches in 63 partitions
# merge in 8 tasks, then 1).
REDUCE_FANIN = 8


def map_items(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    on_done: Callable[[], None] | None = None,
) -> list[Result]:
    """``[work(item) for item in items]``, computed by the chosen engine.

    Parameters
    ----------
    work : callable
        A picklable module-level function of one item.
    items : sequence
        The items (picklable), e.g. one tuple per speech.
    engine : {"local", "dask"}
        A local process pool, or dask.distributed.
    jobs : int
        Local worker processes (``1``: in this process, no pool); with Dask and no
        ``scheduler``, the workers of the LocalCluster started for the run.
    scheduler : str, optional
        Dask only: ``local:N`` or ``tcp://HOST:PORT``.
    on_done : callable, optional
        Called once per finished item (a progress bar's advance).

    Returns
    -------
    list
        The results, in the order of ``items``.
    """
    results, _ = map_reduce(partial(run_partition, work), items, engine=engine, jobs=jobs, scheduler=scheduler,
                            on_done=on_done)
    return results


def map_reduce(
    work: Callable[[Sequence[Item]], tuple[list[Result], Aggregate] | list[Result]],
    items: Sequence[Item],
    *,
    identity: Aggregate | None = None,
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    on_done: Callable[[], None] | None = None,
) -> tuple[list[Result], Aggregate | None]:
    """The results of ``work`` over the partitions of ``items``, in order, and their partials merged.

    ``work`` maps one partition (a contiguous batch of items) to its results, one per item
    or none, and, with ``identity`` given, the partition's partial aggregate: ``(results,
    partial)``. The partials merge as a tree of :data:`REDUCE_FANIN`-wide merges
    (:func:`~speechkit.analysis.aggregates.reduce_partials`): here as the partitions come
    back with the local engine, on the workers with Dask (tasks ``reduce-…``; the map tasks
    are ``speeches-…``), so only the merged total comes back.

    Parameters
    ----------
    work : callable
        A picklable module-level function of one partition.
    items : sequence
        The items (picklable), e.g. one tuple per speech.
    identity : Aggregate, optional
        The empty partial; None: ``work`` returns its results only.
    engine, jobs, scheduler, on_done
        As for :func:`map_items`.

    Returns
    -------
    (list, Aggregate or None)
        The results, in the order of ``items``, and the merged partials (``identity`` when
        there is no item).
    """
    from ..analysis.aggregates import reduce_partials

    check_engine(engine, jobs, scheduler)
    done = on_done or (lambda: None)
    in_process = engine == "local" and (jobs <= 1 or len(items) <= 1)
    results: list[Result] = []

    def arrived(outcomes: Iterator[tuple[int, Any]]) -> Iterator[Aggregate]:
        for size, outcome in outcomes:
            batch, part = outcome if identity is not None else (outcome, None)
            results.extend(batch)
            for _ in range(size):
                done()
            if not in_process:
                # Results made elsewhere arrive without garbage: kept out of collection,
                # they are not walked again by each collection while more arrive.
                gc.freeze()
            yield part

    with frozen_objects():
        if engine == "dask":
            outcomes, merged = _map_dask(work, items, scheduler or f"local:{jobs}", identity)
            for _ in arrived(outcomes):
                pass
            total = merged() if identity is not None else None
        else:
            batches = partitions(items, 1 if in_process else jobs)
            outcomes = ((len(b), work(b)) for b in batches) if in_process else _map_pool(work, batches, jobs)
            parts = arrived(outcomes)
            if identity is None:
                for _ in parts:
                    pass
                total = None
            else:
                total = reduce_partials(parts, identity, chunk=REDUCE_FANIN)
    return results, total


_frozen_depth = 0  # frozen_objects() contexts open in this process


@contextmanager
def frozen_objects() -> Iterator[None]:
    """Leave the objects made so far, and those frozen inside with :func:`gc.freeze`,
    out of garbage collection until the outermost of these contexts closes.

    A long run holds many objects that live until its end (the per-speech results); a
    full collection walks every one of them each time, which costs more than the rest of
    the collection. Frozen objects are never walked; closing the outermost context returns
    them to the collector, so garbage among them is freed then.
    """
    global _frozen_depth
    _frozen_depth += 1
    gc.freeze()
    try:
        yield
    finally:
        _frozen_depth -= 1
        if not _frozen_depth:
            gc.unfreeze()


def set_aside() -> None:
    """Free the garbage made so far, then freeze what is left: inside
    :func:`frozen_objects`, for objects that live until the context closes."""
    gc.collect()
    gc.freeze()


def check_engine(engine: str, jobs: int = 1, scheduler: str | None = None) -> None:
    """Raise a one-line :class:`SpeechkitError` for an engine setting that cannot run."""
    if engine not in ENGINES:
        raise SpeechkitError(f"--executor: expected local or dask, got {engine!r}")
    if jobs < 1:
        raise SpeechkitError(f"--jobs: expected a number of workers ≥ 1, got {jobs}")
    if scheduler is not None:
        if engine != "dask":
            raise SpeechkitError("--scheduler works with --executor dask")
        parse_scheduler(scheduler)


def parse_scheduler(scheduler: str) -> tuple[str, int | str]:
    """``("local", N)`` for ``local:N``, ``("remote", address)`` for ``tcp://HOST:PORT``."""
    kind, _, rest = scheduler.partition(":")
    if kind == "local" and rest.isdigit() and int(rest) >= 1:
        return "local", int(rest)
    if kind in ("tcp", "tls") and rest.startswith("//") and ":" in rest[2:]:
        return "remote", scheduler
    raise SpeechkitError(f"--scheduler: expected local:N or tcp://HOST:PORT, got {scheduler!r}")


def partitions(items: Sequence[Item], workers: int) -> list[Sequence[Item]]:
    """Contiguous batches of ``items``: about :data:`PARTITIONS_PER_WORKER` per worker,
    none larger than :data:`MAX_PARTITION`, so results stream back while workers stay busy."""
    if not items:
        return []
    size = max(1, min(MAX_PARTITION, math.ceil(len(items) / (workers * PARTITIONS_PER_WORKER))))
    return [items[start : start + size] for start in range(0, len(items), size)]


def run_partition(work: Callable[[Item], Result], batch: Sequence[Item]) -> list[Result]:
    """The results of one partition (what a worker runs)."""
    return [work(item) for item in batch]


def run_tasks(tasks: Sequence[Callable[[], Result]], jobs: int = 1, *, here: int = 1) -> list[Result]:
    """``[task() for task in tasks]``: independent tasks over this process's data, shared out
    between this process and ``jobs - 1`` forked ones (all here with ``jobs=1`` or where
    processes cannot be forked).

    The first ``here`` tasks run here; then each process takes the next task not yet taken,
    in the order given, until none is left: list first the tasks that read the most of this
    process's data, then the longest. A forked worker starts with a copy of this
    process's memory, so a task may use any data already here (the corpus stage's results
    and tables) without pickling it, but every page of it the task reads becomes the
    worker's own (Python writes to each object it touches). Only what a task returns
    travels back, so keep it small. Tasks must write disjoint files. An error in any task
    is raised here once all have stopped.
    """
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _raise_first_failure([_outcome(task) for task in tasks])
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", min(here, len(tasks)))  # the first tasks are this process's
    pipes = [context.Pipe(duplex=False) for _ in range(min(jobs, len(tasks)) - 1)]
    # Objects made so far are left out of garbage collection while the workers live: a
    # collection in a worker would otherwise write to every object and copy all their pages.
    with frozen_objects():
        workers = [context.Process(target=_take_tasks, args=(tasks, taken, sender, os.getpid()), daemon=True)
                   for _, sender in pipes]
        # Freed memory still mapped here would be shared with the workers, then copied when
        # this process reuses it; and once they are gone this process runs on alone.
        release_freed_memory()
        outcomes = _run_here_and_there(tasks, taken, workers, pipes, here)
    release_freed_memory()
    return _raise_first_failure([outcomes[index] for index in range(len(tasks))])


def release_freed_memory() -> None:
    """Give the memory this process has freed back to the system (glibc's ``malloc_trim``:
    the allocator otherwise keeps the freed pages of a long corpus stage mapped); nothing
    where the C library is not glibc."""
    import ctypes

    # The symbols this process has loaded, the C library's among them.
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None) if sys.platform.startswith("linux") else None
    if trim is not None:
        trim(0)


def _run_here_and_there(tasks, taken, workers, pipes, here: int) -> dict[int, Any]:
    """Start the workers, run the first ``here`` tasks and then untaken ones here, and
    return every task's outcome by index."""
    try:
        for worker, (_, sender) in zip(workers, pipes):
            worker.start()
            sender.close()  # the worker's end: its pipe reads as closed once the worker exits
        outcomes = {index: _outcome(tasks[index]) for index in range(min(here, len(tasks)))}
        outcomes.update(_take_tasks(tasks, taken))
        outcomes.update(_received(receiver for receiver, _ in pipes))
        if len(outcomes) < len(tasks):
            raise SpeechkitError("a worker of the corpus stage stopped before finishing its task")
    finally:
        for worker in workers:  # done by now, unless a task here was interrupted
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
    return outcomes


def _received(receivers) -> Iterator[tuple[int, Any]]:
    """Every ``(index, outcome)`` the workers send, until each has closed its pipe."""
    from multiprocessing.connection import wait

    open_pipes = list(receivers)
    while open_pipes:
        for receiver in wait(open_pipes):
            try:
                yield receiver.recv()
            except EOFError:
                open_pipes.remove(receiver)


class _Failure:
    """A task's exception, carried back from the worker that ran it."""

    def __init__(self, error: BaseException):
        self.error = error


def _outcome(task: Callable[[], Result]) -> Result | _Failure:
    try:
        return task()
    except Exception as error:  # noqa: BLE001 - raised by the caller once every task has run
        return _Failure(error)


def _raise_first_failure(outcomes: list) -> list:
    for outcome in outcomes:
        if isinstance(outcome, _Failure):
            raise outcome.error
    return outcomes


def _take_tasks(tasks, taken, sender=None, parent: int | None = None):
    """Run the next task not yet taken until none is left. In a worker (``sender`` given),
    send each ``(index, outcome)`` and exit; here, return them."""
    if parent is not None:
        exit_with_parent(parent)
    finished = []
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(tasks):
            break
        outcome = (index, _outcome(tasks[index]))
        if sender is None:
            finished.append(outcome)
        else:
            sender.send(outcome)
    if sender is not None:
        sender.close()
        os._exit(0)  # no cleanup of the parent's copied state (atexit handlers, open files)
    return finished


@dataclass(frozen=True)
class Task:
    """One independent task of the corpus stage: ``call()``, of the kind ``name`` (with Dask
    the prefix of its key, ``picture-…``). ``call`` is a picklable module-level function
    with its arguments bound (``functools.partial``) unless the task runs in this process."""

    name: str
    call: Callable[[], Any]

    def __call__(self) -> Any:
        return self.call()


class LocalTasks:
    """The corpus stage's runner on this machine: tasks here and in ``processes - 1``
    forked processes (:func:`run_tasks`).

    Attributes
    ----------
    processes : int
        The processes that share the tasks, this one included.
    """

    ships_results = False  # forked processes read the results already in memory

    def __init__(self, processes: int = 1):
        self.processes = processes

    def run(self, tasks: Sequence[Task], *, here: int = 1) -> list:
        """Every task's outcome, in order (see :func:`run_tasks`: the first ``here`` run here)."""
        return run_tasks(tasks, self.processes, here=here)


@contextmanager
def corpus_stage(engine: str = "local", jobs: int = 1, scheduler: str | None = None) -> Iterator[LocalTasks | DaskTasks]:
    """The runner of a run's corpus stage (:class:`LocalTasks` or :class:`DaskTasks`), open
    for the block. With Dask the block holds one client (a ``local:N`` cluster is started
    once), which the map of the run inside the block uses too.

    Parameters
    ----------
    engine : {"local", "dask"}
        As for :func:`map_items`.
    jobs : int
        Local processes (with Dask, the N of the default ``local:N``).
    scheduler : str, optional
        Dask only: ``local:N`` or ``tcp://HOST:PORT``.
    """
    if engine != "dask":
        yield LocalTasks(jobs)
        return
    kind, target = parse_scheduler(scheduler or f"local:{jobs}")
    distributed = _import_distributed()
    # Our one-line errors say what a lost connection means: distributed's own log of it
    # (a traceback at ERROR) would bury them.
    with _quiet_logger("distributed", logging.CRITICAL), _dask_client(distributed, kind, target) as client:
        opened = _RUN_CLIENT.set(((kind, target), client))
        try:
            yield DaskTasks(client, _DaskCluster(kind, target), distributed)
        finally:
            _RUN_CLIENT.reset(opened)


# --- local process pool -------------------------------------------------------------


def _map_pool(work: Callable[[Sequence[Item]], Result], batches: list[Sequence[Item]],
              jobs: int) -> Iterator[tuple[int, Result]]:
    """``(size, work(batch))`` of each batch, in order, from a pool of ``jobs`` processes."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        futures = deque((len(batch), pool.submit(work, batch)) for batch in batches)
        while futures:
            # Let go of each future once read: it holds its partition's results and partial.
            size, future = futures.popleft()
            yield size, future.result()
    finally:
        # After an error, partitions not started yet are dropped instead of run to the end.
        pool.shutdown(wait=True, cancel_futures=True)


def exit_with_parent(parent_pid: int) -> None:
    """Make this worker process exit when the process that started it dies, even by
    SIGKILL (which leaves the pool no chance to stop its workers).

    On Linux the kernel sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``);
    elsewhere a daemon thread watches for the parent to change.
    """
    if sys.platform.startswith("linux") and _set_parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent_pid:  # the parent died before the signal was armed
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="exit-with-parent").start()


def _set_parent_death_signal(signum: int) -> bool:
    import ctypes

    PR_SET_PDEATHSIG = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, interval: float = 0.5) -> None:
    while os.getppid() == parent_pid:
        time.sleep(interval)
    os._exit(1)


# --- Dask -----------------------------------------------------------------------------


def _map_dask(work: Callable[[Sequence[Item]], Any], items: Sequence[Item], scheduler: str,
              identity: Aggregate | None) -> tuple[Iterator[tuple[int, Any]], Callable[[], Aggregate]]:
    """The outcomes of ``work`` on the partitions of ``items`` as they come back, in order
    (``(size, outcome)``; with ``identity`` the outcome's partial stays on the workers), and
    a function giving the partials merged as a tree of ``reduce-…`` tasks on the workers."""
    import uuid

    kind, target = parse_scheduler(scheduler)
    distributed = _import_distributed()
    cluster = _DaskCluster(kind, target)
    run = uuid.uuid4().hex[:12]  # keys unique to the run on a shared scheduler
    state: dict[str, Any] = {}

    def outcomes() -> Iterator[tuple[int, Any]]:
        # Our one-line errors say what a lost connection means: distributed's own log of it
        # (a traceback at ERROR) would bury them.
        with _quiet_logger("distributed", logging.CRITICAL), _dask_client(distributed, kind, target) as client:
            with cluster.lost_as_error(distributed):
                workers = max(1, len(client.scheduler_info().get("workers", {})))
                batches = partitions(items, workers)
                mapped = [client.submit(work, batch, key=f"speeches-{run}-{i}", pure=False)
                          for i, batch in enumerate(batches)]
                if identity is None:
                    back = mapped
                else:
                    back = [client.submit(_results_of, future, key=f"results-{run}-{i}") for i, future in enumerate(mapped)]
                    root = _reduce_tree(client, [client.submit(_partial_of, future, key=f"partial-{run}-{i}")
                                                 for i, future in enumerate(mapped)], identity, run)
                    del mapped  # the reduce tasks hold what they need
            for batch, future in zip(batches, back):
                with cluster.lost_as_error(distributed, future):
                    outcome = cluster.wait_for(distributed, client, future)
                yield len(batch), outcome if identity is None else (outcome, None)
                future.release()  # results already returned need not stay in worker memory
            if identity is not None:
                with cluster.lost_as_error(distributed, root):
                    state["total"] = cluster.wait_for(distributed, client, root)

    return outcomes(), lambda: state["total"]


class DaskTasks:
    """The corpus stage's runner on Dask: tasks on the workers of ``client``, keyed
    ``NAME-RUN-I``, while this process runs the first ``here`` of them (those that read every
    result: a worker would be sent them all).

    Attributes
    ----------
    processes : int
        The worker threads of the cluster.
    """

    ships_results = True  # a task's arguments are pickled to the worker

    def __init__(self, client, cluster: _DaskCluster, distributed):
        self.client, self.cluster, self.distributed = client, cluster, distributed

    @property
    def processes(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def run(self, tasks: Sequence[Task], *, here: int = 1) -> list:
        """Every task's outcome, in order; an error of any task is raised once all have stopped."""
        import uuid

        run = uuid.uuid4().hex[:12]  # keys unique to the run on a shared scheduler
        with self.cluster.lost_as_error(self.distributed):
            futures = [self.client.submit(task, key=f"{task.name}-{run}-{i}", pure=False)
                       for i, task in enumerate(tasks[here:], start=here)]
        outcomes = [_outcome(task) for task in tasks[:here]]
        outcomes += [_outcome(partial(self._result, future)) for future in futures]
        for future in futures:
            future.release()
        return _raise_first_failure(outcomes)

    def _result(self, future):
        with self.cluster.lost_as_error(self.distributed, future):
            return self.cluster.wait_for(self.distributed, self.client, future)


# The Dask client a corpus_stage() block holds: ((kind, target), client).
_RUN_CLIENT: ContextVar[tuple | None] = ContextVar("speechkit_run_client", default=None)


def _results_of(outcome: tuple[list, Any]) -> list:
    return outcome[0]


def _partial_of(outcome: tuple[list, Any]):
    return outcome[1]


def merge_partials(identity: Aggregate, *partials: Aggregate) -> Aggregate:
    """The partials merged (one reduce task)."""
    from ..analysis.aggregates import reduce_partials

    return reduce_partials(partials, identity)


def _reduce_tree(client, futures: list, identity: Aggregate, run: str):
    """The future of ``futures``' partials merged as a tree of :data:`REDUCE_FANIN`-wide
    ``reduce-RUN-LEVEL-I`` tasks, which the scheduler runs on the workers holding them."""
    level = 0
    while len(futures) > 1 or level == 0:
        futures = [client.submit(merge_partials, identity, *futures[i : i + REDUCE_FANIN], key=f"reduce-{run}-{level}-{i}")
                   for i in range(0, max(1, len(futures)), REDUCE_FANIN)]
        level += 1
    return futures[0]


class _DaskCluster:
    """Where the Dask work runs (a scheduler's address, or a local cluster), and how to
    say in one line that it was lost.

    Every speech a worker finishes is cached by the worker itself, so a run stopped by a
    lost cluster keeps them: the next run computes only the others.
    """

    def __init__(self, kind: str, target: int | str):
        remote = kind == "remote"
        self.name = f"the Dask scheduler at {target}" if remote else "the local Dask cluster"
        self.restart = "restart it and run again" if remote else "run again"
        self.add_workers = f"start workers (dask worker {target}) and run again" if remote else "run again"

    def lost(self, why: str) -> SpeechkitError:
        return SpeechkitError(f"lost {self.name} during the run ({why}); {self.restart}: cached speeches are kept")

    def cannot_import(self, error: ImportError) -> SpeechkitError:
        return SpeechkitError(
            f"{self.name} cannot import {error.name or error}: install speechkit ({DASK_EXTRA_HINT}) where the "
            "scheduler and the workers run, restart them and run again"
        )

    @contextmanager
    def lost_as_error(self, distributed, future=None) -> Iterator[None]:
        """Turn the errors of a lost scheduler or of workers that keep dying into one
        :class:`SpeechkitError`; the error of the task of ``future`` (the work's own)
        passes unchanged."""
        from concurrent.futures import CancelledError

        try:
            yield
        except distributed.KilledWorker as exc:
            raise SpeechkitError(
                f"the workers of {self.name} died {exc.allowed_failures + 1} time(s) running one batch of speeches "
                f"(out of memory?); {self.add_workers}: cached speeches are kept"
            ) from None
        except ImportError as exc:  # a worker could not load the task
            raise self.cannot_import(exc) from None
        except RuntimeError as exc:
            if isinstance(exc.__cause__, ImportError):  # the scheduler could not load the task graph
                raise self.cannot_import(exc.__cause__) from None
            raise
        except CancelledError as exc:  # a lost scheduler cancels every future
            raise self.lost(getattr(exc, "reason", None) or "connection lost") from None
        except (OSError, TimeoutError) as exc:
            if future is not None and future.status == "error":
                raise  # the task failed (a file it could not write, say), not the connection
            raise self.lost(exc.__class__.__name__) from None

    def wait_for(self, distributed, client, future):
        """``future.result()``; a :class:`SpeechkitError` once the cluster has had no
        worker for :data:`WORKERLESS_SECONDS` (the work would wait for ever)."""
        workerless_since = None
        while not future.done():
            try:
                distributed.wait(future, timeout=WAIT_STEP_SECONDS)
                continue
            except TimeoutError:
                pass  # still running, or waiting for a worker
            if client.nthreads():
                workerless_since = None
            elif workerless_since is None:
                workerless_since = time.monotonic()
            elif time.monotonic() - workerless_since >= WORKERLESS_SECONDS:
                raise SpeechkitError(
                    f"{self.name} has had no worker for {WORKERLESS_SECONDS:g} s; {self.add_workers}: "
                    "cached speeches are kept"
                )
        return future.result()


@contextmanager
def _quiet_logger(name: str, level: int) -> Iterator[None]:
    """Raise the level of the logger ``name`` and of its handlers inside the block."""
    logger = logging.getLogger(name)
    saved = [(logger, logger.level), *((handler, handler.level) for handler in logger.handlers)]
    for owner, _ in saved:
        owner.setLevel(max(level, owner.level))
    try:
        yield
    finally:
        for owner, old in saved:
            owner.setLevel(old)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise SpeechkitError(f"--executor dask needs dask.distributed: {DASK_EXTRA_HINT}") from None
    return distributed


@contextmanager
def _dask_client(distributed, kind: str, target: int | str):
    """The client of the :func:`corpus_stage` block open for this scheduler (left open), else
    a Client on a LocalCluster started for the run (closed afterwards) or on a running
    scheduler."""
    opened = _RUN_CLIENT.get()
    if opened is not None and opened[0] == (kind, target):
        yield opened[1]
        return
    if kind == "local":
        with distributed.LocalCluster(
            n_workers=target, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(target, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise SpeechkitError(f"--scheduler: cannot reach {target} ({exc.__class__.__name__})") from None
    with client:
        yield client
