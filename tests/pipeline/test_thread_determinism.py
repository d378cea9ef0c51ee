"""The same documents give the same bytes whatever the thread count of BLAS and OpenMP:
topic models and graph layouts run with one thread (speechkit.threads.one_thread)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def analyzed(folder: Path, run: Path, threads: int, cache: Path) -> dict[str, bytes]:
    """Every file of ``python -m speechkit analyze`` over ``folder``, run in ``run`` (output
    ``run/out``, named relatively so that summary.json does not differ by folder) with
    ``threads`` BLAS and OpenMP threads."""
    run.mkdir()
    env = {**os.environ, **dict.fromkeys(THREAD_VARIABLES, str(threads)),
           "PYTHONPATH": str(ROOT), "SPEECHKIT_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-m", "speechkit", "analyze", str(folder), "-o", "out", "--no-cache"],
                          cwd=run, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = run / "out"
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_one_thread_and_two_give_identical_files_on_two_national_reports(real_dir, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("govreport-2016", "govreport-2017"):
        shutil.copy(real_dir / f"{name}.txt", folder)
    # Two threads, as the default on any machine with two cores or more, named so that the
    # comparison holds on a machine with one.
    threaded = analyzed(folder, tmp_path / "threaded", 2, tmp_path / "cache")
    single = analyzed(folder, tmp_path / "single", 1, tmp_path / "cache")
    assert "summary.json" in threaded and "report/index.html" in threaded
    pictures = [name for name in threaded if name.endswith(".png")]
    assert {"speeches/govreport-2016/topics.png", "speeches/govreport-2017/topics.png"} <= set(pictures)
    assert sorted(single) == sorted(threaded)
    assert [name for name in threaded if threaded[name] != single[name]] == []
