"""``analyze --executor local|dask`` chooses where the per-speech work runs and
``--segmenter`` the segmenter; ``--engine``, their deprecated shared name, means the one
its value names and says so in one line on stderr."""

from __future__ import annotations

import pytest
from cli_run import run
from conftest import CORPUS

import speechkit.pipeline.run


@pytest.fixture
def started(monkeypatch):
    """What ``analyze`` hands to the run (its executor and options), in place of running."""
    calls = []

    def record(path, out, *, jobs, options, progress, engine, scheduler):
        calls.append({"executor": engine, "segmenter": options.segmenter, "scheduler": scheduler})
        raise SystemExit(0)

    monkeypatch.setattr(speechkit.pipeline.run, "analyze", record)
    return calls


@pytest.mark.parametrize(
    "args, executor, segmenter, note",
    [
        ([], "local", "rjieba", ""),
        (["--executor", "dask"], "dask", "rjieba", ""),
        (["--executor", "local", "--segmenter", "jieba"], "local", "jieba", ""),
        (["--engine", "dask"], "dask", "rjieba", "speechkit: note: --engine is deprecated; use --executor dask\n"),
        (["--engine", "jieba"], "local", "jieba", "speechkit: note: --engine is deprecated; use --segmenter jieba\n"),
        (["--engine", "jieba", "--executor", "dask"], "dask", "jieba",
         "speechkit: note: --engine is deprecated; use --segmenter jieba\n"),
        (["--engine", "dask", "--segmenter", "jieba"], "dask", "jieba",
         "speechkit: note: --engine is deprecated; use --executor dask\n"),
    ],
)
def test_executor_segmenter_and_the_deprecated_engine(monkeypatch, capsys, tmp_path, started, args, executor, segmenter, note):
    code, _, err = run(monkeypatch, capsys, "analyze", CORPUS, "-o", tmp_path / "out", *args)
    assert code == 0, err
    assert started == [{"executor": executor, "segmenter": segmenter, "scheduler": None}]
    assert err == note


def test_the_help_names_executor_and_segmenter_and_calls_engine_deprecated(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "analyze", "--help")
    assert code == 0
    words = " ".join(out.replace("│", " ").split())
    assert "--executor" in words and "--segmenter" in words
    assert "Deprecated: use --segmenter or --executor" in words
