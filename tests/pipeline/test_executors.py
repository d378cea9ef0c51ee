"""The executor seam: partitions, order, progress, engines, and workers that do not
outlive the main process."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.errors import SpeechkitError
from speechkit.pipeline.executors import (
    MAX_PARTITION,
    Task,
    corpus_stage,
    frozen_objects,
    map_items,
    parse_scheduler,
    partitions,
    run_tasks,
    set_aside,
)

ROOT = Path(__file__).resolve().parents[2]


def square_with_pid(n: int) -> tuple[int, int]:
    """A picklable stand-in for the per-speech work: the result and the worker's pid."""
    return n * n, os.getpid()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.integers(), max_size=300), st.integers(min_value=1, max_value=16))
def test_partitions_cover_the_items_in_order(items, workers):
    batches = partitions(items, workers)
    assert [x for batch in batches for x in batch] == items
    assert all(1 <= len(batch) <= MAX_PARTITION for batch in batches)
    # enough partitions to keep every worker busy when there are enough items
    assert len(batches) >= min(len(items), workers)


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_engine_returns_results_in_order_with_one_progress_call_per_item(jobs):
    ticks = []
    results = map_items(square_with_pid, list(range(40)), jobs=jobs, on_done=lambda: ticks.append(1))
    assert [r for r, _ in results] == [n * n for n in range(40)]
    assert len(ticks) == 40
    pids = {pid for _, pid in results}
    if jobs == 1:
        assert pids == {os.getpid()}  # in process, no pool
    else:
        assert os.getpid() not in pids and 1 <= len(pids) <= 2


@pytest.mark.parametrize(
    "scheduler, expected",
    [("local:3", ("local", 3)), ("tcp://10.0.0.5:8786", ("remote", "tcp://10.0.0.5:8786"))],
)
def test_scheduler_addresses(scheduler, expected):
    assert parse_scheduler(scheduler) == expected


@pytest.mark.parametrize("scheduler", ["local:0", "local:", "local:x", "tcp://nohostport", "http://a:1", "8786"])
def test_bad_scheduler_addresses_are_user_errors(scheduler):
    with pytest.raises(SpeechkitError, match="--scheduler: expected local:N or tcp://HOST:PORT"):
        parse_scheduler(scheduler)


def test_dask_missing_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(SpeechkitError) as raised:
        map_items(square_with_pid, [1, 2], engine="dask", scheduler="local:1")
    message = str(raised.value)
    assert "\n" not in message and "pip install 'speechkit[dask]'" in message


def test_an_unreachable_scheduler_is_a_user_error():
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    with pytest.raises(SpeechkitError, match="--scheduler: cannot reach tcp://127.0.0.1:9"):
        map_items(square_with_pid, [1], engine="dask", scheduler="tcp://127.0.0.1:9")


def test_dask_local_cluster_returns_results_in_order():
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    ticks = []
    results = map_items(square_with_pid, list(range(30)), engine="dask", scheduler="local:2", on_done=lambda: ticks.append(1))
    assert [r for r, _ in results] == [n * n for n in range(30)]
    assert len(ticks) == 30
    assert os.getpid() not in {pid for _, pid in results}


def exit_the_worker(n: int) -> int:
    """Work that kills the process running it, as the kernel kills a worker out of memory."""
    os._exit(1)


def test_a_dask_cluster_without_workers_is_a_one_line_error(monkeypatch):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    import speechkit.pipeline.executors as executors

    monkeypatch.setattr(executors, "WORKERLESS_SECONDS", 2.0)
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        started = time.monotonic()
        with pytest.raises(SpeechkitError) as raised:
            map_items(square_with_pid, [1, 2, 3], engine="dask", scheduler=address)
    message = str(raised.value)
    assert message.startswith(f"the Dask scheduler at {address} has had no worker for 2 s;")
    assert f"start workers (dask worker {address})" in message and "cached speeches are kept" in message
    assert "\n" not in message
    assert time.monotonic() - started < 30  # waited for the patience, not for ever


def test_dask_workers_that_keep_dying_are_a_one_line_error():
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with pytest.raises(SpeechkitError) as raised:
            map_items(exit_the_worker, [1, 2], engine="dask", scheduler="local:1")
    message = str(raised.value)
    assert message.startswith("the workers of the local Dask cluster died 1 time(s) running one batch of speeches")
    assert "cached speeches are kept" in message and "\n" not in message


def test_a_task_error_on_dask_is_raised_as_it_is():
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    with pytest.raises(FileNotFoundError):  # an OSError of the work, not a lost connection
        map_items(Path.read_text, [Path("/nonexistent/speech.txt")], engine="dask", scheduler="local:1")


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc (Linux)")
@pytest.mark.parametrize(
    "signum, engine",
    [
        (signal.SIGKILL, ["--jobs", "2"]),
        (signal.SIGTERM, ["--jobs", "2"]),
        (signal.SIGKILL, ["--executor", "dask", "--scheduler", "local:2"]),
    ],
    ids=["local-sigkill", "local-sigterm", "dask-sigkill"],
)
def test_workers_exit_when_the_main_process_is_killed(real_dir, tmp_path, signum, engine):
    if "dask" in engine:
        pytest.importorskip("distributed", reason="the dask extra is not installed")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPEECHKIT_CACHE": str(tmp_path / "cache")}
    command = [
        sys.executable, "-m", "speechkit", "analyze", str(real_dir), "-o", str(tmp_path / "out"), *engine, "--no-speech-pictures"
    ]
    main = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            workers = children_of(main.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the workers never started"
        while not any((tmp_path / "cache" / "results").glob("*/*.json")) and time.monotonic() < deadline:
            time.sleep(0.2)  # mid-run: the first speech's result is stored, the others are in the works
        workers = children_of(main.pid)
        main.send_signal(signum)
        main.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [pid for pid in workers if alive(pid)]
        assert not survivors, f"workers {survivors} outlived the main process"
    finally:
        for pid in [main.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        main.wait()


def fail_on_three(n: int) -> int:
    if n == 3:
        raise SpeechkitError("speech 3: cannot be read")
    return n


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_the_work_reaches_the_caller(jobs):
    with pytest.raises(SpeechkitError, match="speech 3: cannot be read"):
        map_items(fail_on_three, list(range(10)), jobs=jobs)


def _slow_pid_and(value):
    time.sleep(0.3)  # long enough for every process to take a task
    return value, os.getpid()


def _fail():
    raise SpeechkitError("a task failed")


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_tasks_are_shared_out_and_come_back_in_order(jobs):
    from functools import partial

    from speechkit.pipeline.executors import run_tasks

    data = {"big": list(range(100_000))}  # reached by the workers without pickling
    tasks = [partial(_slow_pid_and, sum(data["big"][:n])) for n in range(6)]
    done = run_tasks(tasks, jobs)
    assert [value for value, _ in done] == [sum(range(n)) for n in range(6)]
    pids = [pid for _, pid in done]
    assert pids[0] == os.getpid()  # the first task runs here
    assert len(set(pids)) == jobs  # and every worker takes some
    if jobs > 1:
        assert run_tasks(tasks, jobs, here=3)[:3] == [(sum(range(n)), os.getpid()) for n in range(3)]


def test_the_local_corpus_stage_runs_its_tasks_here_and_in_its_processes():
    from functools import partial

    with corpus_stage("local", 2) as stage:
        assert stage.processes == 2 and not stage.ships_results
        done = stage.run([Task("number", partial(_slow_pid_and, n)) for n in range(5)], here=2)
    assert [value for value, _ in done] == list(range(5))
    pids = [pid for _, pid in done]
    assert pids[:2] == [os.getpid()] * 2  # the first two here
    assert len(set(pids)) == 2  # the others shared with the forked process


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_a_task_reaches_the_caller_after_the_others_ran(jobs, tmp_path):
    from speechkit.pipeline.executors import run_tasks

    marks = [lambda i=i: (tmp_path / f"{i}.done").write_text("x") for i in range(4)]
    with pytest.raises(SpeechkitError, match="a task failed"):
        run_tasks([marks[0], _fail, *marks[1:]], jobs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.done", "1.done", "2.done", "3.done"]


def test_a_worker_killed_midway_is_an_error_not_a_hang():
    from speechkit.pipeline.executors import run_tasks

    main = os.getpid()

    def dies_in_a_worker():
        if os.getpid() != main:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.5)

    with pytest.raises(SpeechkitError, match="stopped before finishing"):
        run_tasks([dies_in_a_worker] * 3, 2)


def boxed(n: int) -> list[int]:
    """A result the garbage collector tracks (a list), made in a worker."""
    return [n]


def _collected(objects) -> list[bool]:
    """Whether each object is among those garbage collection walks (not frozen)."""
    walked = {id(o) for o in gc.get_objects()}
    return [id(o) in walked for o in objects]


def test_results_from_workers_stay_out_of_garbage_collection_until_the_outermost_context_closes():
    with frozen_objects():
        results = map_items(boxed, list(range(40)), jobs=2)
        assert _collected(results) == [False] * 40  # frozen as they arrived
        # A context inside (the corpus stage's forked tasks) closing does not return them.
        assert run_tasks([lambda: 1, lambda: 2], jobs=2) == [1, 2]
        assert _collected(results) == [False] * 40
    assert _collected(results) == [True] * 40
    assert gc.get_freeze_count() == 0


def test_set_aside_frees_garbage_before_freezing_what_is_left():
    import weakref

    class Node:
        pass

    with frozen_objects():
        kept, cycle = Node(), Node()
        cycle.self = cycle  # garbage only a collection frees
        gone = weakref.ref(cycle)
        del cycle
        set_aside()
        assert gone() is None and _collected([kept]) == [False]
    assert _collected([kept]) == [True]


class Outcome:
    """A partition's outcome that a weak reference can watch."""

    def __init__(self, items):
        self.items = list(items)


def test_the_pool_lets_go_of_each_partitions_outcome_once_read():
    # Partials and results arrive a partition at a time: one read and dropped by the caller
    # is freed, not kept to the end of the map by the pool.
    import weakref

    from speechkit.pipeline.executors import _map_pool

    outcomes = _map_pool(Outcome, [[1], [2], [3]], jobs=2)
    size, first = next(outcomes)
    watched = weakref.ref(first)
    del first
    assert size == 1 and next(outcomes)[1].items == [2]
    gc.collect()
    assert watched() is None
    assert [outcome.items for _, outcome in outcomes] == [[3]]
