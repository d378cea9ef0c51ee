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
