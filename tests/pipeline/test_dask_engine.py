"""The Dask engine gives the local engine's files, byte for byte."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def files_of(out: Path) -> dict[str, bytes]:
    """Every file of a run, by its path in ``out``; in summary.json, which names its own
    output folder, that folder is replaced by ``OUT``."""
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    files["summary.json"] = files["summary.json"].replace(str(out).encode(), b"OUT")
    return files


def some_real_speeches(real_dir: Path):
    """Three real documents (two national reports, one local): the whole run in seconds."""
    from speechkit import read_speech
    from speechkit.corpus import Corpus

    names = ("govreport-2016", "govreport-2017", "local-govreport-hailar-2016")
    return Corpus([read_speech(real_dir / f"{name}.txt") for name in names], root=real_dir)


def test_dask_workers_and_the_local_engine_write_identical_files(real_dir, tmp_path):
    """Every file, the pictures of each speech included, whatever the BLAS threads: the local
    engine runs with two (as on any machine with two cores or more), Dask's worker processes
    with one (their nanny sets OMP_NUM_THREADS=1)."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    from threadpoolctl import threadpool_limits

    import speechkit as sk

    options = {"speech_pictures": True, "use_cache": False}
    with threadpool_limits(limits=2):
        local = sk.analyze(some_real_speeches(real_dir), tmp_path / "local", executor="local", jobs=1, **options)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = sk.analyze(some_real_speeches(real_dir), tmp_path / "dask", executor="dask",
                             scheduler=cluster.scheduler_address, **options)
    assert on_dask.read == local.read == 3
    local_files, dask_files = files_of(tmp_path / "local"), files_of(tmp_path / "dask")
    assert any(name.startswith("tables/") for name in local_files)
    assert any(name.startswith("graphs/") and name.endswith(".png") for name in local_files)
    assert len([name for name in local_files if name.startswith("speeches/") and name.endswith("topics.png")]) == 3
    assert sorted(dask_files) == sorted(local_files)
    differing = [name for name in local_files if local_files[name] != dask_files[name]]
    assert not differing


def _square(n: int) -> int:
    return n * n


def _mark(folder: Path) -> None:
    (folder / "ran").write_text("x")


def _fail() -> None:
    raise ValueError("a task failed")


def test_the_corpus_stage_on_dask_keys_its_tasks_and_its_map_uses_the_same_client(tmp_path, monkeypatch):
    """Tasks run on the workers under keys ``NAME-RUN-I`` (the first ``here`` in this process);
    an error of one is raised once every task has run; the map of the block uses its client."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    from functools import partial

    from dask.utils import key_split

    from speechkit.pipeline.executors import Task, corpus_stage, map_items

    made = []
    client_class = distributed.Client

    def counted_client(*args, **kwargs):
        made.append(args)
        return client_class(*args, **kwargs)

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        with distributed.Client(cluster) as observer, distributed.get_task_stream(observer) as stream:
            monkeypatch.setattr(distributed, "Client", counted_client)
            with corpus_stage("dask", scheduler=address) as stage:
                assert stage.ships_results and stage.processes == 1
                squares = map_items(_square, [1, 2, 3], engine="dask", scheduler=address)
                done = stage.run([Task("here", partial(_square, 2)), Task("square", partial(_square, 4)),
                                  Task("square", partial(_square, 5))], here=1)
                with pytest.raises(ValueError, match="a task failed"):
                    stage.run([Task("fail", _fail), Task("mark", partial(_mark, tmp_path))], here=0)
    assert len(made) == 1  # the block's client, which the map used too
    assert squares == [1, 4, 9] and done == [4, 16, 25]
    assert (tmp_path / "ran").exists()  # the task after the failed one still ran
    ran = [key_split(task["key"]) for task in stream.data]
    assert sorted(ran) == ["fail", "mark", "speeches", "speeches", "speeches", "square", "square"]


@pytest.mark.parametrize("streamed", [False, True], ids=["held", "streamed"])
def test_on_dask_the_tables_by_group_pictures_and_pages_are_tasks_on_the_workers(real_dir, tmp_path, monkeypatch,
                                                                                 streamed):
    """With a grouping and the cache on (the workers load the results from it, whether this
    process holds them or streams them), each group's tables by year, the corpus graphs, the
    pictures and the report pages are tasks on the workers, and every file is the local
    engine's (which holds the results), byte for byte."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    from dask.utils import key_split

    import speechkit as sk
    from speechkit import read_speech
    from speechkit.corpus import Corpus
    from speechkit.pipeline import results

    def speeches():
        # Two groups of two years each by org: 国务院 and 海拉尔区人民政府.
        names = ("govreport-2014", "govreport-2015", "local-govreport-hailar-2016", "local-govreport-hailar-2017")
        return Corpus([read_speech(real_dir / f"{name}.txt") for name in names], root=real_dir)

    options = {"speech_pictures": False, "use_cache": True, "group_by": "org"}
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    local = sk.analyze(speeches(), tmp_path / "local", executor="local", jobs=2, **options)
    # Another run of the same input would be copied from the run cache: a cache of its own.
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "dask-cache"))
    if streamed:
        monkeypatch.setattr(results, "HELD_AT_MOST", 0)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
            on_dask = sk.analyze(speeches(), tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address,
                                 **options)
        workers = set(cluster.scheduler_info["workers"])
    assert on_dask.read == local.read == 4 and not on_dask.reused
    assert local.grouping["by"] == "org"
    by_prefix: dict[str, set] = {}
    for task in stream.data:
        by_prefix.setdefault(key_split(task["key"]), set()).add(task["worker"])
    assert {"group-tables", "graph", "picture", "page"} <= set(by_prefix)
    assert set().union(*by_prefix.values()) <= workers
    assert not {"tables", "records"} & set(by_prefix)  # those read every result: written by this process
    group_tasks = [task for task in stream.data if key_split(task["key"]) == "group-tables"]
    assert len(group_tasks) == 2
    local_files, dask_files = files_of(tmp_path / "local"), files_of(tmp_path / "dask")
    assert any(name.startswith("charts/") and name.endswith(".png") for name in local_files)
    assert any(name.startswith("report/speeches/") for name in local_files)
    assert sorted(dask_files) == sorted(local_files)
    assert [name for name in local_files if local_files[name] != dask_files[name]] == []


ROOT = Path(__file__).resolve().parents[2]
NATIONAL_REPORTS = ("govreport-2016", "govreport-2017")


def started(args: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    """A process of this checkout's Python in a session of its own (so that it and its
    children can be stopped together), its output in ``log``."""
    with log.open("wb") as output:
        return subprocess.Popen([sys.executable, *args], cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    """Kill a process started by :func:`started` and the processes it started (a worker's nanny
    and its worker)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def scheduler_and_worker(folder: Path, env: dict[str, str]) -> tuple[str, list[subprocess.Popen]]:
    """A Dask scheduler on 127.0.0.1 and one single-threaded worker, as separate processes
    working in ``folder``."""
    address_file = folder / "scheduler.json"
    scheduler = started(["-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                         "--scheduler-file", str(address_file)], env, folder / "scheduler.log", folder)
    processes = [scheduler]
    try:
        address = wait_until(lambda: address_file.exists() and json.loads(address_file.read_text() or "{}").get("address"),
                             60, "the scheduler's address")
        processes.append(started(["-m", "distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard"],
                                 env, folder / "worker.log", folder))
        client_check = [sys.executable, "-c", f"import distributed; distributed.Client({address!r}, timeout=60).wait_for_workers(1, timeout=60)"]
        subprocess.run(client_check, env=env, check=True, timeout=120, capture_output=True)
    except BaseException:
        for process in processes:
            stop(process)
        raise
    return address, processes


def cached_entries(cache: Path) -> dict[Path, int]:
    """Every per-speech result in the cache, with its inode (a rewrite, by rename, gives a new one)."""
    # The inode, not the time: a read touches an entry (least recently used pruning), a rewrite replaces it.
    return {path: path.stat().st_ino for path in (cache / "results").rglob("*.json")}


def test_a_scheduler_lost_mid_run_is_one_line_and_keeps_the_cached_speeches(real_dir, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    folder = tmp_path / "speeches"
    folder.mkdir()
    # Distinct texts (a line of our own appended), so each speech is computed and cached on its own.
    copies = 8
    for name in NATIONAL_REPORTS:
        text = (real_dir / f"{name}.txt").read_text(encoding="utf-8")
        for copy in range(copies):
            (folder / f"{name}-{copy}.txt").write_text(f"{text}\n附：第{copy}份。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPEECHKIT_CACHE": str(cache)}
    command = ["-m", "speechkit", "analyze", str(folder), "-o", str(tmp_path / "out"), "--executor", "dask",
               "--no-speech-pictures"]

    first = tmp_path / "first"
    first.mkdir()
    address, processes = scheduler_and_worker(first, env)
    try:
        run = subprocess.Popen([sys.executable, *command, "--scheduler", address], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_until(lambda: cached_entries(cache) or run.poll() is not None, 120, "the first cached speech")
            stop(processes[0])  # the scheduler dies with speeches still to do
            _, stderr = run.communicate(timeout=120)
        finally:
            if run.poll() is None:
                run.kill()
                run.wait()
    finally:
        for process in processes:
            stop(process)
    assert run.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"speechkit: error: lost the Dask scheduler at {address} during the run")
    assert "restart it and run again: cached speeches are kept" in stderr
    kept = cached_entries(cache)
    assert 1 <= len(kept) < 2 * copies  # some speeches were finished, not all

    second = tmp_path / "second"
    second.mkdir()
    address, processes = scheduler_and_worker(second, env)
    try:
        rerun = subprocess.run([sys.executable, *command, "--scheduler", address], cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=300)
    finally:
        for process in processes:
            stop(process)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["read"] == 2 * copies
    after = cached_entries(cache)
    assert len(after) == 2 * copies
    # The speeches cached before the scheduler died were read back, not computed and written again.
    assert {path: after[path] for path in kept} == kept


# Put first on a process's path, this makes speechkit impossible to import there (as on a
# machine where it was never installed), whatever the environment installed.
WITHOUT_SPEECHKIT = """import sys


class _NoSpeechkit:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "speechkit":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _NoSpeechkit())
"""


def test_a_scheduler_without_speechkit_is_one_line_naming_what_to_install(tmp_path):
    """The scheduler cannot load the task graph: one line and exit status 2, not
    distributed's traceback."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "sitecustomize.py").write_text(WITHOUT_SPEECHKIT, encoding="utf-8")
    cluster_env = {**os.environ, "PYTHONPATH": str(elsewhere)}
    check = subprocess.run([sys.executable, "-c", "import speechkit"], env=cluster_env, capture_output=True, text=True)
    assert "No module named 'speechkit'" in check.stderr
    address, processes = scheduler_and_worker(elsewhere, cluster_env)
    try:
        run = subprocess.run([sys.executable, "-m", "speechkit", "analyze", str(ROOT / "corpus"), "-o",
                              str(tmp_path / "out"), "--executor", "dask", "--scheduler", address, "--no-cache",
                              "--no-speech-pictures"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             capture_output=True, text=True, timeout=300)
    finally:
        for process in processes:
            stop(process)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith(f"speechkit: error: the Dask scheduler at {address} cannot import speechkit: ")
    assert "where the scheduler and the workers run" in run.stderr


def test_remote_workers_write_into_a_relative_output_folder_of_the_client(tmp_path):
    """``-o out``, ``--userdict`` and ``--add-stopwords`` name the client's files, whatever
    folder the workers run in."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    workers_folder, client_folder = tmp_path / "workers", tmp_path / "client"
    workers_folder.mkdir()
    client_folder.mkdir()
    (client_folder / "words.txt").write_text("高质量发展 50 n\n", encoding="utf-8")
    (client_folder / "stop.txt").write_text("工作\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPEECHKIT_CACHE": str(tmp_path / "cache")}
    address, processes = scheduler_and_worker(workers_folder, env)
    try:
        run = subprocess.run([sys.executable, "-m", "speechkit", "analyze", str(ROOT / "corpus"), "-o", "out",
                              "--executor", "dask", "--scheduler", address, "--no-speech-pictures",
                              "--speech-files", "--userdict", "words.txt", "--add-stopwords", "stop.txt"],
                             cwd=client_folder, env=env, capture_output=True, text=True, timeout=300)
    finally:
        for process in processes:
            stop(process)
    assert run.returncode == 0, run.stderr
    speeches = json.loads((client_folder / "out" / "summary.json").read_text())["speeches"]
    assert speeches
    for speech in speeches:
        assert (client_folder / "out" / "speeches" / speech["id"] / "outline.json").is_file()
    assert not (workers_folder / "out").exists()


def test_on_dask_the_partials_merge_on_the_workers_and_the_tables_are_the_local_engines(real_dir, tmp_path,
                                                                                        monkeypatch):
    """With the cache on (results stream from it), the partitions' partials merge as
    ``reduce-`` tasks on the workers, and every table is the local engine's, byte for byte."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    import speechkit as sk
    from speechkit.pipeline import executors

    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(executors, "MAX_PARTITION", 1)  # a partition per speech: a tree of several merges
    monkeypatch.setattr(executors, "REDUCE_FANIN", 2)
    options = {"speech_pictures": False, "use_cache": True}
    local = sk.analyze(some_real_speeches(real_dir), tmp_path / "local", executor="local", jobs=1, **options)
    # Another run of the same input would be copied from the run cache: a cache of its own.
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "dask-cache"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
            on_dask = sk.analyze(some_real_speeches(real_dir), tmp_path / "dask", executor="dask",
                                 scheduler=cluster.scheduler_address, **options)
        workers = set(cluster.scheduler_info["workers"])
    assert on_dask.read == local.read == 3 and not on_dask.reused
    ran = {task["key"]: task["worker"] for task in stream.data}
    prefixes = {key.split("-")[0] for key in ran}
    assert {"speeches", "partial", "results", "reduce"} <= prefixes
    reduces = [key for key in ran if key.startswith("reduce-")]
    assert len(reduces) >= 2 and {ran[key] for key in reduces} <= workers  # a tree: 3 partials in two levels
    local_files, dask_files = files_of(tmp_path / "local"), files_of(tmp_path / "dask")
    assert sorted(dask_files) == sorted(local_files)
    assert [name for name in local_files if local_files[name] != dask_files[name]] == []
