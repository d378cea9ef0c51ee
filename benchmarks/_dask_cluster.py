"""A Dask scheduler and workers started as separate processes on 127.0.0.1 (``dask scheduler``,
``dask worker``), the tasks they ran, and the comparison of two runs' tables.

:func:`separate_cluster` starts them and shuts them down on the way out, however the block ends
(an error, Ctrl-C, or SIGTERM once :func:`exit_on_sigterm` is armed). An observer client records
the scheduler's task stream, which :func:`summarise_task_stream` counts by key prefix and worker.
"""

from __future__ import annotations

import filecmp
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterator

READY_SECONDS = 120  # for the scheduler to listen and every worker to join, on a busy machine
STOP_SECONDS = 20  # for each process to exit once asked, before it is killed
# Words in a task's key prefix that make it a part of the reduce (merging partial aggregates).
REDUCE_WORDS = ("reduce", "merge", "combine", "tree")
# Key prefixes of the corpus stage's tasks on the workers: each group's tables by year, the corpus
# graphs, the pictures and the report pages.
CORPUS_STAGE_PREFIXES = ("group-tables", "graph", "picture", "page")


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scheduler_command(port: int) -> list[str]:
    """``dask scheduler`` on 127.0.0.1:``port``, without a dashboard (its port would be shared)."""
    return [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]


def worker_command(address: str, name: str, local_directory: Path) -> list[str]:
    """``dask worker`` of one single-threaded worker process, named ``name``."""
    return [sys.executable, "-m", "dask", "worker", address, "--nworkers", "1", "--nthreads", "1", "--name", name,
            "--no-dashboard", "--local-directory", str(local_directory)]


@dataclass
class SeparateCluster:
    """A running scheduler and its workers: their address, processes, log files and the
    observer client connected to them."""

    address: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)
    observer: object = None  # distributed.Client

    @property
    def pids(self) -> list[int]:
        """The process of the scheduler and of each ``dask worker`` (the nanny, whose child is the worker)."""
        return [process.pid for process in self.processes]

    def start_recording(self) -> None:
        """Install the scheduler's task-stream plugin (it records every task that finishes from then on)."""
        self.observer.get_task_stream(count=0)

    def task_stream(self) -> list[dict]:
        """Every task the scheduler recorded since :meth:`start_recording`."""
        return self.observer.get_task_stream()

    def worker_names(self) -> dict[str, str]:
        """Each worker's address → its name."""
        workers = self.observer.scheduler_info(n_workers=-1)["workers"]
        return {address: str(info.get("name", address)) for address, info in workers.items()}

    def log_tail(self, lines: int = 5) -> str:
        """The last lines of each process's log, to say why a cluster did not start."""
        tails = []
        for log in self.logs:
            text = log.read_text(encoding="utf-8", errors="replace").strip().splitlines() if log.exists() else []
            tails.append(f"{log.name}: " + " | ".join(text[-lines:]))
        return "\n".join(tails)


def _start(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    with open(log, "wb") as handle:
        # A session of its own: Ctrl-C reaches the benchmark only, which then shuts the cluster down in order.
        return subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


@contextmanager
def separate_cluster(workdir: Path, *, workers: int = 2, env: dict[str, str] | None = None) -> Iterator[SeparateCluster]:
    """A scheduler and ``workers`` single-threaded workers, each started as its own process,
    with an observer client connected; all shut down when the block ends, however it ends.

    ``env`` is the processes' environment (the workers need this checkout's speechkit on the path
    and the run's ``SPEECHKIT_CACHE``). Logs go to ``workdir``.
    """
    import distributed

    workdir.mkdir(parents=True, exist_ok=True)
    cluster = SeparateCluster(f"tcp://127.0.0.1:{free_port()}")
    try:
        port = cluster.address.rsplit(":", 1)[1]
        cluster.logs.append(workdir / "scheduler.log")
        cluster.processes.append(_start(scheduler_command(int(port)), cluster.logs[-1], env or dict(os.environ)))
        for number in range(1, workers + 1):
            name = f"worker-{number}"
            cluster.logs.append(workdir / f"{name}.log")
            command = worker_command(cluster.address, name, workdir / name)
            cluster.processes.append(_start(command, cluster.logs[-1], env or dict(os.environ)))
        try:
            cluster.observer = distributed.Client(cluster.address, timeout=f"{READY_SECONDS}s")
            cluster.observer.wait_for_workers(workers, timeout=READY_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise RuntimeError(f"the cluster at {cluster.address} did not start ({exc.__class__.__name__}):\n"
                               f"{cluster.log_tail()}") from None
        yield cluster
    finally:
        shut_down(cluster)


def shut_down(cluster: SeparateCluster) -> None:
    """Ask the scheduler to close itself and its workers, then stop any process still running:
    SIGTERM to its process group (the worker a nanny started too), SIGKILL if that is not enough."""
    if cluster.observer is not None:
        try:
            cluster.observer.shutdown()
        except Exception:  # noqa: BLE001 - the scheduler may be gone already; the processes are stopped below
            pass
        try:
            cluster.observer.close(timeout=STOP_SECONDS)
        except Exception:  # noqa: BLE001 - as above
            pass
    for process in cluster.processes:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    for signum in (None, signal.SIGTERM, signal.SIGKILL):
        if signum is not None:
            try:
                os.killpg(process.pid, signum)
            except ProcessLookupError:
                pass
        try:
            process.wait(timeout=STOP_SECONDS)
            break
        except subprocess.TimeoutExpired:
            continue
    # The group may still hold a child (a nanny's worker) after its leader has exited.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def exit_on_sigterm() -> None:
    """Make SIGTERM end this process as Ctrl-C does, through ``finally`` blocks (which stop clusters)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


@dataclass
class TaskStreamSummary:
    """Tasks of a task stream counted by key prefix, by worker and by both, with the seconds each
    prefix computed."""

    by_prefix: Counter
    by_worker: Counter
    by_prefix_and_worker: Counter
    compute_seconds: Counter
    erred: int

    @property
    def reduce_prefixes(self) -> list[str]:
        """The key prefixes that name a part of the reduce (see :data:`REDUCE_WORDS`)."""
        return sorted(prefix for prefix in self.by_prefix if any(word in prefix.lower() for word in REDUCE_WORDS))

    @property
    def corpus_stage_prefixes(self) -> list[str]:
        """The key prefixes of the corpus stage's tasks (:data:`CORPUS_STAGE_PREFIXES`) that ran."""
        return [prefix for prefix in CORPUS_STAGE_PREFIXES if prefix in self.by_prefix]

    def lines(self) -> list[str]:
        """A table of task counts, one row per key prefix and one column per worker."""
        workers = sorted(self.by_worker)
        width = max([len("key prefix"), *map(len, self.by_prefix)])
        rows = [f"{'key prefix':{width}}  " + "  ".join(f"{worker:>10}" for worker in workers) + "   compute s"]
        for prefix in sorted(self.by_prefix):
            counts = "  ".join(f"{self.by_prefix_and_worker[prefix, worker]:10d}" for worker in workers)
            rows.append(f"{prefix:{width}}  {counts}   {self.compute_seconds[prefix]:9.1f}")
        rows.append(f"{'all':{width}}  " + "  ".join(f"{self.by_worker[worker]:10d}" for worker in workers))
        return rows


def summarise_task_stream(records: list[dict], names: dict[str, str] | None = None) -> TaskStreamSummary:
    """Count the tasks of ``records`` (the scheduler's task stream: one dict per finished task with
    its ``key``, ``worker`` address, ``status`` and ``startstops``) by key prefix (``key_split``:
    ``run_partition-1f0a…`` → ``run_partition``) and by worker, named by ``names`` where it knows
    the address."""
    from dask.utils import key_split

    names = names or {}
    by_prefix, by_worker, both, seconds = Counter(), Counter(), Counter(), Counter()
    erred = 0
    for record in records:
        prefix, worker = key_split(record["key"]), names.get(record["worker"], record["worker"])
        by_prefix[prefix] += 1
        by_worker[worker] += 1
        both[prefix, worker] += 1
        seconds[prefix] += sum(part["stop"] - part["start"] for part in record["startstops"] if part["action"] == "compute")
        erred += record.get("status") == "error"
    return TaskStreamSummary(by_prefix, by_worker, both, seconds, erred)


@dataclass
class TableComparison:
    """Two ``tables/`` folders compared file by file."""

    files: int  # files in both
    only_first: list[str]
    only_second: list[str]
    differing: list[str]

    @property
    def identical(self) -> bool:
        return self.files > 0 and not (self.only_first or self.only_second or self.differing)

    def summary(self) -> str:
        if self.identical:
            return f"identical ({self.files} files)"
        if not (self.files or self.only_first or self.only_second):
            return "no tables to compare"
        parts = [f"differ: {', '.join(self.differing)}" if self.differing else "",
                 f"only in the first: {', '.join(self.only_first)}" if self.only_first else "",
                 f"only in the second: {', '.join(self.only_second)}" if self.only_second else ""]
        return f"NOT identical ({self.files} files in both); " + "; ".join(filter(None, parts))


def _files(folder: Path, leave_out: Collection[str] = ()) -> set[str]:
    if not folder.is_dir():
        return set()
    return {name for path in folder.rglob("*") if path.is_file() and (name := path.relative_to(folder).as_posix()) not in leave_out}


def compare_tables(first: Path, second: Path, *, leave_out: Collection[str] = ()) -> TableComparison:
    """Compare two folders (``tables/``, or a run's whole output folder) file by file, byte for
    byte, but the files named in ``leave_out`` (such as ``summary.json``, which names its folder)."""
    one, two = _files(first, leave_out), _files(second, leave_out)
    both = sorted(one & two)
    differing = [name for name in both if not filecmp.cmp(first / name, second / name, shallow=False)]
    return TableComparison(len(both), sorted(one - two), sorted(two - one), differing)
