"""Segmentation: engines, dictionaries, offsets, stopwords."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import SpeechkitError, Tokenizer
from speechkit.segment import get_tokenizer, is_content

KEPT_WHOLE = ["习近平新时代中国特色社会主义思想", "两个确立", "四个意识", "规上工业总产值", "全面从严治党", "二十大"]


@pytest.fixture(scope="module")
def reference():
    return Tokenizer("jieba")


@pytest.fixture(scope="module")
def default():
    return get_tokenizer()


def test_seed_keeps_official_terms_whole(seed, default):
    texts = set(default.tokenize(seed.text).texts)
    assert set(KEPT_WHOLE) <= texts


def test_plain_jieba_splits_what_we_keep_whole():
    import jieba

    assert len(jieba.Tokenizer().lcut("习近平新时代中国特色社会主义思想")) > 1


def test_engines_give_identical_tokens_on_seed(seed, default, reference):
    assert default.tokenize(seed.text).texts == reference.tokenize(seed.text).texts


def test_engines_give_identical_tokens_on_every_real_document(real_corpus, default, reference):
    assert len(real_corpus) == 22
    for speech in real_corpus:
        assert default.tokenize(speech.text).texts == reference.tokenize(speech.text).texts, speech.id


def test_non_chinese_runs_are_decided_by_us(default, reference):
    text = "见www.hbqj.gov.cn于2026-01-22发布，PM_2.5下降，增长5.2%，corpus_id为**，规模2×35万千瓦。"
    expected = ["www.hbqj.gov.cn", "2026-01-22", "PM_2.5", "5.2%", "corpus_id", "**", "2", "×", "35"]
    for tokenizer in (default, reference):
        texts = tokenizer.tokenize(text).texts
        assert all(piece in texts for piece in expected), texts


def test_tokens_carry_offsets_pos_and_stop_flags(seed, default):
    tokens = default.tokenize(seed.text)
    assert "".join(tokens.texts) == seed.text
    for token in tokens:
        assert seed.text[token.start : token.end] == token.text
    by_text = {t.text: t for t in tokens}
    assert by_text["同志们"].is_stop
    assert not by_text["规上工业总产值"].is_stop
    assert by_text["规上工业总产值"].pos.startswith("n")
    assert by_text["2022"].pos == "m"
    assert by_text["，"].pos == "x"


def test_dictionary_tag_wins_over_engine_tag(default):
    tags = {t.text: t.pos for t in default.tokenize("“十四五”时期，党的二十大")}
    assert tags["十四五"] == "nz"
    assert tags["二十大"] == "nz"


def test_is_content(default):
    tokens = {t.text: t for t in default.tokenize("同志们，园区规上工业总产值增长5.2%，**企业，的")}
    assert is_content(tokens["园区"]) and is_content(tokens["规上工业总产值"])
    for word in ("同志们", "，", "5.2%", "**", "的"):
        assert not is_content(tokens[word])


def test_user_dictionary_and_stopwords(tmp_path):
    userdict = tmp_path / "dict.txt"
    userdict.write_text("# 自定义\n云溪园区 20000 ns\n", encoding="utf-8")
    extra = tmp_path / "stop.txt"
    extra.write_text("园区\n", encoding="utf-8")
    plain = Tokenizer()
    custom = Tokenizer(user_dicts=[userdict], extra_stopwords=[extra])
    assert "云溪园区" not in plain.tokenize("云溪园区发展").texts
    tokens = {t.text: t for t in custom.tokenize("云溪园区发展，园区")}
    assert tokens["云溪园区"].pos == "ns"
    assert tokens["园区"].is_stop and not tokens["发展"].is_stop


def test_replacing_stopwords(tmp_path):
    replacement = tmp_path / "stop.txt"
    replacement.write_text("发展\n", encoding="utf-8")
    tokens = {t.text: t for t in Tokenizer(stopwords=replacement).tokenize("同志们发展")}
    assert tokens["发展"].is_stop and not tokens["同志们"].is_stop


def test_bad_options_are_clear_errors(tmp_path):
    with pytest.raises(SpeechkitError, match="unknown engine 'hanlp'"):
        Tokenizer("hanlp")
    with pytest.raises(SpeechkitError, match="word list not found"):
        Tokenizer(user_dicts=[tmp_path / "missing.txt"])


def test_get_tokenizer_is_created_once_per_configuration():
    assert get_tokenizer() is get_tokenizer()
    assert get_tokenizer("jieba") is not get_tokenizer()


def test_get_tokenizer_without_options_is_the_one_of_empty_options(tmp_path):
    # The shortcut for the bundled configuration gives the tokenizer the general path gives.
    assert get_tokenizer() is get_tokenizer("rjieba", user_dicts=[], stopwords=None, extra_stopwords=[])
    userdict = tmp_path / "words.txt"
    userdict.write_text("新质生产力 10 n\n", encoding="utf-8")
    assert get_tokenizer(user_dicts=[userdict]) is not get_tokenizer()


def test_rjieba_missing_falls_back_to_jieba_with_a_warning(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_rjieba(name, *args, **kwargs):
        if name == "rjieba":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_rjieba)
    with pytest.warns(UserWarning, match="rjieba cannot be imported"):
        tokenizer = Tokenizer()
    assert tokenizer.engine == "jieba"
    assert "四个意识" in tokenizer.tokenize("增强四个意识").texts


def _unwritable_cache_folders(tmp_path):
    """Cache folders no one can write into, root included (chmod does not stop root): one
    whose path runs through a file, and a folder of /proc."""
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    folders = [tmp_path / "a-file" / "cache"]
    if Path("/proc/self").is_dir():
        folders.append(Path("/proc/self"))
    return folders


def test_jieba_without_a_writable_cache_runs_quietly_without_one(tmp_path, monkeypatch, capfd, default):
    text = "推动高质量发展，全面从严治党，规上工业总产值增长5.2%。"
    for folder in _unwritable_cache_folders(tmp_path):
        monkeypatch.setenv("SPEECHKIT_CACHE", str(folder))
        tokens = Tokenizer("jieba").tokenize(text)
        assert tokens.texts == default.tokenize(text).texts
        captured = capfd.readouterr()
        assert "Traceback" not in captured.err and "failed" not in captured.err, captured.err
    assert [path.name for path in tmp_path.iterdir()] == ["a-file"]


def test_jieba_keeps_its_cache_in_our_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    Tokenizer("jieba")
    assert (tmp_path / "cache" / "jieba.cache").stat().st_size > 1_000_000


def test_bundled_data_sizes():
    from speechkit.resources import data_path, iter_entries, read_wordlist

    assert len(list(iter_entries(data_path("userdict.txt")))) >= 400
    stopwords = read_wordlist(data_path("stopwords.txt"))
    assert {"同志们", "一是", "进一步", "持续", "全面"} <= stopwords


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_tokens_join_back_to_any_text(text):
    tokens = get_tokenizer().tokenize(text)
    assert "".join(tokens.texts) == text
    for token in tokens:
        assert token.text and text[token.start : token.end] == token.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("发展经济园区党建设四个意识两个确立一是，。“”*×2022年.%abc \n　")), max_size=120))
def test_engines_agree_on_mixed_text(text):
    assert get_tokenizer().tokenize(text).texts == get_tokenizer("jieba").tokenize(text).texts


def test_offset_argument_shifts_offsets(default):
    tokens = default.tokenize("发展经济", offset=10)
    assert tokens.starts[0] == 10 and tokens[-1].end == 14


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("发展经济的了和是园区一二三四个意识，。“”*×2022年.%abc \n")), max_size=120))
def test_content_mask_agrees_with_is_content(text):
    # The column-wise mask decides each text and each tag once; records decide per token.
    from speechkit.analysis.terms import content_mask

    tokens = get_tokenizer().tokenize(text)
    assert content_mask(tokens) == [is_content(token) for token in tokens]


def test_content_mask_agrees_with_is_content_on_every_real_document(real_corpus, default):
    from speechkit.analysis.terms import content_mask

    for speech in real_corpus:
        tokens = default.tokenize(speech.text)
        assert content_mask(tokens) == [is_content(token) for token in tokens], speech.id


# Chinese words and characters, stopwords among them, Latin, digits, spaces, line breaks and marks.
_MIXED_TEXT = st.lists(st.sampled_from(["发展", "经济", "的", "和", "我们", "高质量发展", "中", "国", "abc", "2026", "5.2%",
                                        " ", "\n", "\n\n", "，", "。", "“", "**", "××", "㐀", "Ａ"]), max_size=40).map("".join)


@given(text=_MIXED_TEXT | st.text(max_size=30))
def test_content_mask_agrees_with_is_content_on_any_text(default, text):
    from speechkit.analysis.terms import content_mask

    tokens = default.tokenize(text)
    assert content_mask(tokens) == [is_content(token) for token in tokens]


@pytest.mark.parametrize("engine", ["default", "reference"])
def test_tagging_in_batches_gives_the_tokens_of_one_call(real_corpus, monkeypatch, request, engine):
    import speechkit.segment as segment

    tokenizer = request.getfixturevalue(engine)
    text = "\n".join(speech.text for speech in list(real_corpus)[:4])
    whole = tokenizer.tokenize(text)
    monkeypatch.setattr(segment, "TAG_BATCH_CHARACTERS", 2_000)
    batched = tokenizer.tokenize(text)
    assert len(whole) > 10_000
    assert (batched.texts, batched.tags, batched.starts) == (whole.texts, whole.tags, whole.starts)
    assert "".join(batched.texts) == text


def _tokens_run_by_run(tokenizer, text):
    """The plain reference: each Chinese run tagged by the engine in a call of its own."""
    from speechkit.segment import _RUN_OR_PIECE, _piece_tag

    texts, tags = [], []
    for run, piece in _RUN_OR_PIECE.findall(text):
        if run:
            for word, tag in tokenizer._engine.tag(run):
                texts.append(word)
                tags.append(tokenizer._user_tags.get(word, tag))
        else:
            texts.append(piece)
            tags.append(_piece_tag(piece))
    return texts, tags


@pytest.mark.parametrize("batch", [500_000, 7])
@given(text=_MIXED_TEXT)
def test_tokens_are_those_of_tagging_each_run_alone(default, batch, text):
    import speechkit.segment as segment

    before, segment.TAG_BATCH_CHARACTERS = segment.TAG_BATCH_CHARACTERS, batch
    # Short texts' words are kept: segment every text anew, so each batch size is exercised.
    kept, segment.SHORT_TEXT_CHARACTERS = segment.SHORT_TEXT_CHARACTERS, -1
    try:
        tokens = default.tokenize(text, 3)
    finally:
        segment.TAG_BATCH_CHARACTERS = before
        segment.SHORT_TEXT_CHARACTERS = kept
    assert (tokens.texts, tokens.tags) == _tokens_run_by_run(default, text)
    assert tokens.starts == [3 + len("".join(tokens.texts[:i])) for i in range(len(tokens))]


@given(start=st.integers(min_value=0), length=st.integers(min_value=0, max_value=200),
       offset=st.integers(min_value=0, max_value=10_000))
def test_kept_short_texts_give_the_tokens_of_segmenting_anew(seed, default, start, length, offset):
    """Clauses of a real speech read again come from the kept words: the same tokens as
    segmenting them anew, and changing the tokens one call returns leaves later calls alone."""
    import speechkit.segment as segment

    start %= len(seed.text)
    clause = seed.text[start : start + length]
    assert len(clause) <= segment.SHORT_TEXT_CHARACTERS
    first = default.tokenize(clause, offset)
    first.texts.append("改")
    first.tags.append("v")
    again = default.tokenize(clause, offset)
    kept, segment.SHORT_TEXT_CHARACTERS = segment.SHORT_TEXT_CHARACTERS, -1
    try:
        anew = default.tokenize(clause, offset)
    finally:
        segment.SHORT_TEXT_CHARACTERS = kept
    assert (again.texts, again.starts, again.tags) == (anew.texts, anew.starts, anew.tags)
    assert "".join(again.texts) == clause
