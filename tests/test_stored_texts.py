"""Texts set aside in a file (StoredSpeech): what a streamed run keeps of each speech."""

from __future__ import annotations

import pickle

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit import Corpus, Speech
from speechkit.model import Metadata
from speechkit.speech import StoredSpeech, set_texts_aside


@given(texts=st.lists(st.text(), max_size=5))
@example(texts=["二〇二五年政府工作报告\n一、回顾", "", "emoji 🇨🇳 and a NUL \x00"])
def test_a_text_set_aside_reads_back_as_it_was(tmp_path_factory, texts):
    """Every text, empty or not, comes back from the file exactly, with the
    speech's digest, id and metadata; pickled (as sent to a worker) it reads the same file."""
    speeches = [Speech(text, Metadata(title=f"t{n}", year=2000 + n), name=f"s{n}") for n, text in enumerate(texts)]
    path = tmp_path_factory.mktemp("texts") / "texts"
    stored = set_texts_aside(speeches, path)
    assert [s.text for s in stored] == texts
    assert [s.digest for s in stored] == [s.digest for s in speeches]
    assert [(s.id, s.year, s.title) for s in stored] == [(s.id, s.year, s.title) for s in speeches]
    assert all(isinstance(s, StoredSpeech) and "text" not in vars(s) for s in stored)
    assert [pickle.loads(pickle.dumps(s)).text for s in stored] == texts
    loaded = [s.with_text() for s in stored]
    assert [type(s) for s in loaded] == [Speech] * len(texts)
    assert [(s.text, s.digest) for s in loaded] == [(s.text, s.digest) for s in speeches]


def test_a_corpus_with_its_texts_aside_keeps_one_file_and_no_text_in_memory(real_corpus, tmp_path):
    """The real documents: one file of their UTF-8 texts in order; the corpus keeps its
    skipped files and folder, and the speeches their ids, lengths and digests."""
    path = tmp_path / "texts"
    aside = real_corpus.with_texts_aside(path)
    assert isinstance(aside, Corpus) and aside.root == real_corpus.root and aside.skipped == real_corpus.skipped
    assert path.read_bytes() == b"".join(s.text.encode("utf-8") for s in real_corpus)
    assert [(s.id, len(s), s.digest) for s in aside] == [(s.id, len(s), s.digest) for s in real_corpus]
    assert not any("text" in vars(s) for s in aside)


def test_a_streamed_run_reads_its_texts_from_a_file_and_writes_what_a_held_run_writes(demo_corpus, tmp_path,
                                                                                     monkeypatch):
    """Above HELD_AT_MOST speeches ``analyze`` keeps the texts in a file of the cache while it
    builds its tables (the measures and pages read them back), removes that file at the end,
    and writes the same bytes as a run that holds texts and results."""
    import speechkit as sk
    from speechkit.pipeline import measures
    from speechkit.pipeline import results as pipeline_results

    options = {"speech_pictures": False, "use_cache": True}
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "held-cache"))
    held = sk.analyze(demo_corpus, tmp_path / "held", **options)
    seen = []
    add_figures = measures.DocumentFigureReading.add

    def recorded(reading, chunk):
        seen.extend(type(speech) for speech, _ in chunk)
        return add_figures(reading, chunk)

    monkeypatch.setattr(measures.DocumentFigureReading, "add", recorded)
    monkeypatch.setattr(pipeline_results, "HELD_AT_MOST", 0)
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "streamed-cache"))
    streamed = sk.analyze(demo_corpus, tmp_path / "streamed", **options)
    assert seen == [StoredSpeech] * len(demo_corpus)
    assert list((tmp_path / "streamed-cache" / "texts").iterdir()) == []
    assert all(type(speech) is Speech and "text" in vars(speech) for speech in demo_corpus)  # the caller's corpus
    files = {}
    for run, summary in (("held", held), ("streamed", streamed)):
        out = tmp_path / run
        files[run] = {p.relative_to(out).as_posix(): p.read_bytes().replace(str(out).encode(), b"OUT")
                      for p in sorted(out.rglob("*")) if p.is_file()}
    assert files["held"].keys() == files["streamed"].keys()
    assert [name for name in files["held"] if files["held"][name] != files["streamed"][name]] == []


def test_texts_left_by_a_killed_run_are_removed_by_the_next_run_that_uses_the_cache(demo_corpus, tmp_path,
                                                                                     monkeypatch):
    """A streamed run killed by a signal cannot remove its texts file; the next run with the same
    cache removes it (its process is gone), as it removes a folder of another machine that no run
    can still be using (older than a week), and leaves the folders of runs still going."""
    import os
    import signal
    import socket
    import subprocess
    import sys

    import speechkit as sk
    from speechkit.pipeline import cache
    from speechkit.pipeline import results as pipeline_results

    cache_folder = tmp_path / "cache"
    killed = f"""
import os, signal
from pathlib import Path
from speechkit import Corpus, Speech
from speechkit.pipeline import results
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.run import texts_aside
results.HELD_AT_MOST = 0
with texts_aside(Corpus([Speech("一、总结", name="a"), Speech("二、部署", name="b")]), AnalysisOptions()) as aside:
    assert aside[0].text == "一、总结"
    os.kill(os.getpid(), signal.SIGKILL)
"""
    run = subprocess.run([sys.executable, "-c", killed], env={**os.environ, "SPEECHKIT_CACHE": str(cache_folder)})
    assert run.returncode == -signal.SIGKILL
    texts = cache_folder / cache.TEXTS
    [left] = list(texts.iterdir())
    assert (left / "texts").stat().st_size > 0
    host = socket.gethostname()
    running = texts / f"{cache.TEXTS_PREFIX}{host}-{os.getppid()}-x"  # a process that runs: this test's parent
    elsewhere = texts / f"{cache.TEXTS_PREFIX}another-host-1-y"
    stale = texts / f"{cache.TEXTS_PREFIX}another-host-2-z"
    for folder in (running, elsewhere, stale):
        folder.mkdir()
    week_ago = stale.stat().st_mtime - cache.TEXTS_LEFTOVER_SECONDS - 60
    os.utime(stale, (week_ago, week_ago))

    monkeypatch.setenv("SPEECHKIT_CACHE", str(cache_folder))
    monkeypatch.setattr(pipeline_results, "HELD_AT_MOST", 0)
    sk.analyze(demo_corpus, tmp_path / "out", speech_pictures=False, use_cache=True)
    assert sorted(p.name for p in texts.iterdir()) == sorted([running.name, elsewhere.name])
