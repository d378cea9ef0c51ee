"""``speechkit.analyze``: a Corpus or a path, the executor, and the deprecated ``engine``
(a segmenter's or an executor's name)."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS

import speechkit as sk
from speechkit.errors import SpeechkitError


def test_a_corpus_read_beforehand_with_the_older_engine_name_for_the_segmenter(tmp_path):
    corpus = sk.read_corpus(CORPUS)
    two = sk.Corpus([s for s in corpus if s.year in (2022, 2023)], root=corpus.root)
    with pytest.warns(DeprecationWarning, match=r"analyze\(engine='jieba'\) is deprecated; use segmenter='jieba'"):
        summary = sk.analyze(two, tmp_path / "out", engine="jieba", speech_pictures=False)
    assert summary.read == 2
    assert [s["year"] for s in json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["speeches"]] == [2022, 2023]
    assert (tmp_path / "out" / "tables" / "frequencies.csv").is_file()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"engine": "jieba", "segmenter": "rjieba"}, "names a segmenter"),
        ({"executor": "spark"}, "--executor: expected local or dask"),
        ({"executor": "local", "scheduler": "local:2"}, "--scheduler works with --executor dask"),
        ({"executor": "dask", "scheduler": "yarn://x"}, "--scheduler: expected local:N or tcp://HOST:PORT"),
        ({"engine": "dask", "executor": "local"}, "disagree"),
    ],
)
@pytest.mark.filterwarnings("ignore:analyze.engine=:DeprecationWarning")
def test_engine_settings_that_cannot_run_are_refused_before_any_work(tmp_path, kwargs, message):
    with pytest.raises(SpeechkitError, match=message):
        sk.analyze(CORPUS, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_a_grouping_column_no_speech_has_is_refused_before_any_work(tmp_path):
    with pytest.raises(SpeechkitError, match="--group-by: no speech has a value for 'kind'"):
        sk.analyze(CORPUS, tmp_path / "out", group_by="kind")
    assert not (tmp_path / "out").exists()


def test_the_deprecated_engine_naming_an_executor_is_the_executor(tmp_path):
    # A scheduler only works with the dask executor: engine="local" must have chosen the local one.
    with pytest.warns(DeprecationWarning, match=r"analyze\(engine='local'\) is deprecated; use executor='local'"):
        with pytest.raises(SpeechkitError, match="--scheduler works with --executor dask"):
            sk.analyze(CORPUS, tmp_path / "out", engine="local", scheduler="local:2")
    assert not (tmp_path / "out").exists()
