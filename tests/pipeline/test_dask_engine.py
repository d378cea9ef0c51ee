"""The Dask engine gives the local engine's files, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest


def files_of(out: Path) -> dict[str, bytes]:
    """Every file of a run but summary.json (which names its own output folder)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != "summary.json"}


def test_dask_cluster_and_local_pool_write_identical_files(real_dir, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    import speechkit as sk

    options = {"speech_pictures": False, "use_cache": False}
    local = sk.analyze(real_dir, tmp_path / "local", engine="local", jobs=2, **options)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = sk.analyze(real_dir, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address, **options)
    assert on_dask.read == local.read == len(list(real_dir.glob("*.txt")))
    local_files, dask_files = files_of(tmp_path / "local"), files_of(tmp_path / "dask")
    assert any(name.startswith("tables/") for name in local_files)
    assert any(name.startswith("graphs/") and name.endswith(".png") for name in local_files)
    assert sorted(dask_files) == sorted(local_files)
    differing = [name for name in local_files if local_files[name] != dask_files[name]]
    assert not differing


def test_after_a_local_cluster_the_corpus_stage_runs_on_its_cores(demo_corpus, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    import speechkit.pipeline.run as run

    jobs_given = []

    def recording(tasks, jobs=1, *, here=1):
        jobs_given.append(jobs)
        return run_tasks(tasks, jobs, here=here)

    run_tasks = run.run_tasks
    monkeypatch.setattr(run, "run_tasks", recording)
    run.analyze(demo_corpus, tmp_path / "out", engine="dask", scheduler="local:2",
                options=run.AnalysisOptions(speech_pictures=False, use_cache=False))
    assert jobs_given == [2, 2]  # the tables and graphs, then the files, pictures and pages
