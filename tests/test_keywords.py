"""Content terms, TF-IDF and TextRank keywords, IDF tables, keyness and collocations."""

from __future__ import annotations

import gc
import json
import re
import warnings
from collections import Counter

import pytest
from cli_run import run
from conftest import real_speech
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import Speech, SpeechkitError, Tokenizer, get_tokenizer
from speechkit.analysis.collocations import collocations, write_userdict
from speechkit.analysis.idf import IdfTable, jieba_idf
from speechkit.analysis.keyness import keyness, keyness_table, split_groups
from speechkit.analysis.cooccurrence import window_units
from speechkit.analysis.keywords import (
    corpus_keywords,
    ranked_by_index,
    ranked_keywords,
    speech_keywords,
    textrank_by_index,
    textrank_scores,
    tfidf_by_index,
    tfidf_scores,
    window_incidence,
)
from speechkit.analysis.terms import content_terms, iter_term_units, pos_matcher

HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}$")




def assert_content_words(terms, speech):
    stopwords = get_tokenizer().stopwords
    for term in terms:
        assert HAN_WORD.match(term), term  # no single characters, numbers or placeholders
        assert term not in stopwords, term
        assert term in speech.text, term


# --- content terms ---------------------------------------------------------------


def test_pos_matcher_prefixes_and_exact_tags():
    keep = pos_matcher(("n*", "v"))
    assert keep("n") and keep("nz") and keep("nrfg") and keep("v")
    assert not keep("vn") and not keep("a") and not keep("j")
    assert pos_matcher(None)("x")


def test_content_terms_of_the_seed_pass_the_filter_and_slice_back(seed):
    terms = content_terms(seed)
    assert terms
    for token in terms:
        assert seed.text[token.start : token.end] == token.text
        assert pos_matcher()(token.pos)
    texts = {t.text for t in terms}
    assert {"园区", "党建", "发展"} <= texts  # 党建 is tagged j (abbreviation)
    assert not any("*" in t or "×" in t for t in texts)


def test_pos_filter_changes_the_terms(seed):
    nouns = content_terms(seed, pos=("n*",))
    assert nouns and all(t.pos.startswith("n") for t in nouns)
    assert len(nouns) < len(content_terms(seed))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("园区发展党建工作**××XX12.5%，。\n　的了建设项目投资")), max_size=200))
def test_term_units_cover_only_content_terms_that_slice_back(text):
    speech = Speech(text)
    for unit in iter_term_units(speech, "paragraph"):
        assert unit.start <= min(t.start for t in unit.terms)
        for token in unit.terms:
            assert text[token.start : token.end] == token.text
            assert HAN_WORD.match(token.text)
            assert token.end <= unit.end


def test_section_units_cover_the_speech_and_carry_headings(seed):
    units = list(iter_term_units(seed, "section", keep_empty=True))
    labelled = [u for u in units if u.section]
    assert [u.section[:2] for u in labelled] == ["一、", "二、", "三、"]
    assert units[0].start == 0 and units[-1].end == len(seed.text)
    assert all(a.end <= b.start for a, b in zip(units, units[1:]))
    paragraphs = list(iter_term_units(seed, "paragraph", with_sections=True))
    assert {p.section for p in paragraphs} >= {u.section for u in labelled}


# --- keywords --------------------------------------------------------------------


@pytest.mark.parametrize("method", ["tfidf", "textrank"])
def test_seed_top20_are_content_words_with_the_expected_terms(seed, method):
    keywords = speech_keywords(seed, method=method, top=20)
    terms = [k.term for k in keywords]
    assert len(terms) == 20 == len(set(terms))
    assert_content_words(terms, seed)
    assert "园区" in terms
    assert "党建" in terms or "发展" in terms
    scores = [k.score for k in keywords]
    assert scores == sorted(scores, reverse=True)
    counts = Counter(t.text for t in content_terms(seed))
    assert all(k.count == counts[k.term] for k in keywords)


def test_tfidf_uses_the_idf_table(seed):
    """A term with a huge IDF in a custom table jumps to the top."""
    table = IdfTable({"营造": 1000.0}, default=1.0)
    assert speech_keywords(seed, top=1, idf=table)[0].term == "营造"


def test_idf_over_the_speech_paragraphs(seed):
    keywords = speech_keywords(seed, top=20, idf="paragraph")
    assert_content_words([k.term for k in keywords], seed)
    with pytest.raises(SpeechkitError):
        speech_keywords(seed, idf="chapters")


def test_unknown_method_is_a_user_error(seed):
    with pytest.raises(SpeechkitError, match="textrank"):
        speech_keywords(seed, method="lsa")


def test_textrank_ranks_the_hub_of_a_star_first():
    units = [["中心", "甲乙", "丙丁"], ["中心", "戊己"], ["中心", "庚辛"], ["中心", "壬癸"]]
    scores = textrank_scores(units, window=2)
    assert max(scores, key=scores.get) == "中心"
    assert textrank_scores([], window=5) == {}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(["发展", "改革", "创新", "安全", "开放", "共享"]), max_size=9), max_size=6),
       st.integers(2, 6))
def test_window_incidence_holds_the_sliding_windows_of_each_unit(units, window):
    # The array construction against the definition: each unit's windows (window_units), in order.
    vocabulary, incidence = window_incidence(units, window)
    expected = [set(w) for unit in units for w in window_units(unit, window)]
    if not expected:
        assert vocabulary == [] and incidence is None
        return
    assert vocabulary == sorted({w for unit in units for w in unit})
    found = [{vocabulary[j] for j in incidence[i].indices} for i in range(incidence.shape[0])]
    assert found == expected and set(incidence.data) == {1}


_TERMS = st.sampled_from(["发展", "改革", "创新", "安全", "开放", "共享", "党建", "营商环境"])


@given(st.dictionaries(_TERMS, st.integers(1, 50)), st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.5]), min_size=8, max_size=8),
       st.none() | st.integers(0, 9))
def test_ranking_arrays_over_sorted_terms_is_ranking_the_scores_by_term(counts, values, top):
    """Scores given by index over sorted terms rank as the same scores by term: ties (the
    scores repeat) broken by term, counts carried along."""
    import numpy as np

    terms = sorted(counts)
    scores = dict(zip(terms, values))
    by_index = ranked_by_index(np.array([scores[t] for t in terms], dtype=float), terms,
                               np.array([counts[t] for t in terms], dtype=np.int64), top)
    assert by_index == ranked_keywords(scores, counts, top)


@given(st.dictionaries(_TERMS | st.text(min_size=1, max_size=3), st.integers(0, 10**6)))
def test_tfidf_scores_are_relative_frequency_times_idf(counts):
    table = jieba_idf()
    total = sum(counts.values()) or 1
    assert tfidf_scores(counts, table) == {t: n / total * table.idf.get(t, table.default) for t, n in counts.items()}


def test_keywords_by_term_index_are_those_of_the_terms_on_real_paragraphs(real_corpus):
    """The per-speech path (terms as indices, paragraphs as lengths) gives the scores and
    rankings the plain one gives from the paragraphs' words."""
    import numpy as np

    for speech in list(real_corpus)[:6]:
        paragraphs = [unit.words for unit in iter_term_units(speech, "paragraph")]
        terms = sorted({w for words in paragraphs for w in words})
        index = {term: i for i, term in enumerate(terms)}
        ids = np.array([index[w] for words in paragraphs for w in words], dtype=np.int64)
        lengths = np.array([len(words) for words in paragraphs], dtype=np.int64)
        counts = Counter(w for words in paragraphs for w in words)
        by_index = np.bincount(ids, minlength=len(terms))
        textrank = textrank_by_index(ids, lengths, len(terms))
        assert dict(zip(terms, textrank.tolist())) == textrank_scores(paragraphs)
        tfidf = tfidf_by_index(by_index, terms, jieba_idf())
        assert dict(zip(terms, tfidf.tolist())) == tfidf_scores(counts, jieba_idf())
        assert ranked_by_index(textrank, terms, by_index, 20) == ranked_keywords(textrank_scores(paragraphs), counts, 20)
        assert len(ranked_by_index(tfidf, terms, by_index, None)) == len(terms) > 100, speech.id


def test_a_speech_without_content_terms_has_no_keywords_in_its_result():
    from speechkit import AnalysisOptions
    from speechkit.pipeline import speech_result

    speech = Speech("Annual work report 2022\nWe will grow the economy by 5 percent.\n")
    assert speech_result(speech, AnalysisOptions()).keywords == {"tfidf": (), "textrank": ()}
    assert speech_keywords(speech, "tfidf") == speech_keywords(speech, "textrank") == []


def test_corpus_keywords_per_speech_and_per_year(demo_corpus):
    frame = corpus_keywords(demo_corpus, method="tfidf", top=10)
    assert list(frame.columns) == ["speech", "year", "rank", "term", "score", "count"]
    assert list(frame["speech"].unique()) == [s.id for s in demo_corpus]
    for _, group in frame.groupby("speech"):
        assert list(group["rank"]) == list(range(1, 11))
        assert list(group["score"]) == sorted(group["score"], reverse=True)
    by_year = corpus_keywords(demo_corpus, method="textrank", top=5, by="year")
    assert list(by_year.columns) == ["year", "rank", "term", "score", "count"]
    assert sorted(by_year["year"].unique()) == demo_corpus.years()


def test_corpus_tfidf_finds_what_sets_each_report_apart(real_corpus):
    frame = corpus_keywords([real_speech(real_corpus, "govreport-2020"), real_speech(real_corpus, "govreport-2013")], method="tfidf",
                            top=15)
    top2020 = set(frame[frame["speech"] == "govreport-2020"]["term"])
    top2013 = set(frame[frame["speech"] == "govreport-2013"]["term"])
    assert {"疫情", "抗疫"} & top2020 and "金融危机" in top2013
    assert not top2020 & {"金融危机"} and not top2013 & {"疫情", "抗疫"}


# --- IDF tables ------------------------------------------------------------------


def test_jieba_table_is_read_without_leaking_the_file():
    jieba_idf.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        table = jieba_idf()
        gc.collect()
    assert len(table) > 200_000 and table["园区"] > table["发展"]
    assert table["一个不存在的词语"] == table.default


def test_corpus_idf_table_saves_and_reloads(demo_corpus, seed, tmp_path):
    table = IdfTable.from_corpus(demo_corpus)
    assert table.documents == len(demo_corpus)
    path = table.save(tmp_path / "idf.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# speechkit IDF table")
    assert all(len(line.split()) == 2 for line in lines[2:])
    loaded = IdfTable.load(path)
    assert dict(loaded.idf) == dict(table.idf) and loaded.default == table.default
    assert loaded.documents == table.documents
    assert speech_keywords(seed, idf=loaded) == speech_keywords(seed, idf=table)
    # A term in every document has the lowest IDF; an unseen one the highest.
    assert min(table.idf.values()) == pytest.approx(1.0)
    assert table["一个不存在的词语"] > max(table.idf.values()) - 1e-9


def test_jieba_format_file_without_header_gets_the_median_default(tmp_path):
    path = tmp_path / "idf.txt"
    path.write_text("甲乙 1.0\n丙丁 2.0\n戊己 9.0\n", encoding="utf-8")
    table = IdfTable.load(path)
    assert table.default == 2.0 and table.documents is None


@pytest.mark.parametrize("content", ["甲乙 abc\n", "", "# only a comment\n"])
def test_bad_idf_files_are_user_errors(tmp_path, content):
    path = tmp_path / "idf.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SpeechkitError, match="idf.txt"):
        IdfTable.load(path)
    with pytest.raises(SpeechkitError, match="not found"):
        IdfTable.load(tmp_path / "missing.txt")


# --- keyness ---------------------------------------------------------------------


def test_g2_matches_scipy_log_likelihood_and_is_signed():
    from scipy.stats.contingency import chi2_contingency

    target, reference = {"甲": 30, "乙": 5, "丙": 100}, {"甲": 10, "乙": 40, "丙": 300}
    rows = {r.term: r for r in keyness_table(target, reference, correction="none", p_threshold=None, min_count=0)}
    t_total, r_total = sum(target.values()), sum(reference.values())
    for term, row in rows.items():
        a, b = target[term], reference[term]
        g2, p, _, _ = chi2_contingency([[a, t_total - a], [b, r_total - b]], correction=False, lambda_="log-likelihood")
        assert abs(row.g2) == pytest.approx(g2, abs=1e-5)
        assert row.p == pytest.approx(p, rel=1e-4)
        assert (row.g2 > 0) == (a / t_total > b / r_total)
    assert rows["甲"].log_ratio == pytest.approx(2.959358, abs=1e-6)  # log2((30/135)/(10/350))


def test_williams_correction_shrinks_g2_and_zero_counts_use_half():
    target, reference = {"甲": 30, "乙": 5, "丙": 100}, {"甲": 10, "乙": 40, "丙": 300}
    plain = keyness_table(target, reference, "none", None, 0)
    corrected = keyness_table(target, reference, "williams", None, 0)
    for a, b in zip(sorted(plain, key=lambda r: r.term), sorted(corrected, key=lambda r: r.term)):
        assert abs(b.g2) < abs(a.g2)
    only_target = keyness_table({"甲": 8, "乙": 92}, {"乙": 100}, "williams", None, 0)
    row = next(r for r in only_target if r.term == "甲")
    assert row.reference_count == 0 and row.log_ratio == pytest.approx(4.0)  # log2((8/100)/(0.5/100))
    with pytest.raises(SpeechkitError):
        keyness_table({"甲": 1}, {}, "williams")
    with pytest.raises(SpeechkitError):
        keyness_table({"甲": 1}, {"甲": 1}, "bonferroni")


def test_keyness_between_two_government_work_reports(real_corpus):
    """2020 (the pandemic year) against 2013 (the five-year review after the 2008
    crisis): 疫情, 疫情防控, 复工, 保民生 occur only or mostly in 2020; 金融危机,
    物价, 年均 only in 2013 (checked by reading both reports)."""
    frame = keyness(real_speech(real_corpus, "govreport-2020"), real_speech(real_corpus, "govreport-2013"))
    assert list(frame.columns) == ["term", "target_count", "reference_count", "g2", "log_ratio", "p"]
    assert (frame["p"] <= 0.05).all()
    assert list(frame["g2"]) == sorted(frame["g2"], reverse=True)
    positive = set(frame[frame["g2"] > 0]["term"])
    negative = set(frame[frame["g2"] < 0]["term"])
    assert {"疫情", "疫情防控", "复工", "保民生"} <= positive
    assert {"金融危机", "物价", "年均"} <= negative
    row = frame.set_index("term").loc["金融危机"]
    assert row["target_count"] == 0 and row["reference_count"] == 9


def test_split_groups_by_year(real_corpus):
    target, reference = split_groups(real_corpus, "year", "2022", "2024")
    assert {s.year for s in target} == {2022} and {s.year for s in reference} == {2024}
    target, rest = split_groups(real_corpus, "year", 2022)
    assert len(target) + len(rest) == len(real_corpus)
    with pytest.raises(SpeechkitError, match="--target"):
        split_groups(real_corpus, "year", "1999")
    with pytest.raises(SpeechkitError, match="--reference"):
        split_groups(real_corpus, "year", "2022", "1999")


# --- collocations ----------------------------------------------------------------


def test_collocations_are_recurring_split_phrases(real_corpus):
    found = collocations(real_corpus, min_count=5)
    assert len(found) > 50
    phrases = {c.phrase: c for c in found}
    assert {"人民群众", "科技创新", "下行压力"} <= set(phrases)
    text = "\n".join(s.text for s in real_corpus)
    tokenizer = get_tokenizer()
    for c in found[:40]:
        assert "".join(c.parts) == c.phrase and c.count >= 5 and c.pmi >= 3
        assert text.count(c.phrase) >= c.count
        assert len(tokenizer.tokenize(c.phrase)) > 1  # not yet in the dictionary


def test_collocations_written_as_userdict_are_then_single_tokens(real_corpus, tmp_path):
    found = [c for c in collocations(real_corpus, min_count=5) if c.phrase in ("人民群众", "下行压力")]
    path = write_userdict(found, tmp_path / "candidates.txt")
    tokenizer = Tokenizer(user_dicts=[path])
    assert [t.text for t in tokenizer.tokenize("人民群众面临下行压力")][:1] == ["人民群众"]
    assert "下行压力" in [t.text for t in tokenizer.tokenize("人民群众面临下行压力")]


# --- command line ----------------------------------------------------------------


def test_cli_keywords_of_a_speech_follow_the_contract(monkeypatch, capsys, seed_path, seed):
    code, out, _ = run(monkeypatch, capsys, "keywords", seed_path, "--top", "15", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 15 and all(set(r) == {"term", "score", "count"} for r in rows)
    assert rows == [k.to_dict() for k in speech_keywords(seed, top=15)]
    code, out, _ = run(monkeypatch, capsys, "keywords", seed_path, "--method", "textrank", "-n", "3")
    assert code == 0 and out.splitlines()[0] == "term\tscore\tcount" and len(out.splitlines()) == 4


def test_cli_keywords_of_a_folder_and_with_a_saved_idf(monkeypatch, capsys, tmp_path, seed_path):
    from conftest import CORPUS

    code, out, _ = run(monkeypatch, capsys, "keywords", CORPUS, "-n", "2", "--format", "csv")
    assert code == 0
    # By default each speech's terms are ranked by keyness against the other speeches.
    assert out.splitlines()[0] == "speech,year,rank,term,score,count,weight" and len(out.splitlines()) == 13
    assert all(line.endswith(",keyness") for line in out.splitlines()[1:])
    code, out, _ = run(monkeypatch, capsys, "keywords", CORPUS, "-n", "2", "--method", "tfidf", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "speech,year,rank,term,score,count" and len(out.splitlines()) == 13
    table = tmp_path / "idf.txt"
    code, _, err = run(monkeypatch, capsys, "idf", CORPUS, "-o", table)
    assert code == 0 and "6 documents" in err
    code, out, _ = run(monkeypatch, capsys, "keywords", seed_path, "--idf", table, "-f", "json")
    assert code == 0 and len(json.loads(out)) == 20


def test_cli_keyness_and_its_errors(monkeypatch, capsys, real_dir, seed_path):
    code, out, _ = run(monkeypatch, capsys, "keyness", real_dir, "--target", "2020", "--reference", "2013", "-n", "5", "-f", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 10 and set(rows[0]) == {"term", "target_count", "reference_count", "g2", "log_ratio", "p"}
    assert all(r["g2"] > 0 for r in rows[:5]) and all(r["g2"] < 0 for r in rows[5:])
    code, _, err = run(monkeypatch, capsys, "keyness", real_dir, "--target", "1999")
    assert code == 2 and err.strip().splitlines()[-1] == "speechkit: error: --target: no speech has year = 1999"
    code, _, err = run(monkeypatch, capsys, "keyness", seed_path, "--target", "2022")
    assert code == 2 and "give a folder" in err
    code, _, err = run(monkeypatch, capsys, "keywords", seed_path, "--pos", " , ")
    assert code == 2 and "--pos" in err


def test_keyness_of_each_year_against_the_rest(demo_corpus):
    from speechkit.analysis.keyness import keyness_by

    frame = keyness_by(demo_corpus, "year")
    assert list(frame.columns) == ["year", "term", "target_count", "reference_count", "g2", "log_ratio", "p"]
    assert list(frame["year"].drop_duplicates()) == sorted(frame["year"].unique())
    y2020 = frame[frame["year"] == 2020]
    single = keyness([s for s in demo_corpus if s.year == 2020], [s for s in demo_corpus if s.year != 2020])
    assert y2020.drop(columns="year").reset_index(drop=True).equals(single)
    assert keyness_by(demo_corpus[:1], "year").empty


def test_speeches_sharing_a_file_stem_stay_separate_documents():
    from pathlib import Path

    first = Speech("园区发展，项目建设。", path=Path("a/x.txt"))
    second = Speech("党建引领，招商引资。", path=Path("b/x.txt"))
    frame = corpus_keywords([first, second], method="tfidf")
    assert list(frame["term"]) == ["发展", "园区", "项目建设", "党建引领", "招商引资"]
    named = corpus_keywords([first, second], method="tfidf", ids=["a__x", "b__x"])
    assert list(named["speech"].unique()) == ["a__x", "b__x"]
    with pytest.raises(SpeechkitError, match="ids"):
        corpus_keywords([first, second], ids=["a"])


def test_corpus_keywords_are_the_tables_of_the_results(real_corpus):
    """From the texts, with the bundled POS filter and segmenter, the corpus keywords are
    those analyze writes from the speeches' results: TF-IDF per speech, keyness per year
    (the undated speech left out, as from every table by year)."""
    import pandas as pd

    from speechkit.analysis.keywords import keywords_by_year, keywords_tfidf

    results = real_corpus.results()
    pd.testing.assert_frame_equal(corpus_keywords(real_corpus, method="tfidf", top=20), keywords_tfidf(results))
    by_year = corpus_keywords(real_corpus, method="keyness", top=20, by="year")
    assert by_year["year"].notna().all() and list(by_year["year"].unique()) == real_corpus.years()
    pd.testing.assert_frame_equal(by_year, keywords_by_year(results))


def test_speech_keywords_are_those_of_the_speech_result(real_corpus):
    results = real_corpus.subset(speech=["govreport-2013", "party-congress-20"]).results()
    for speech, result in results.pairs():
        for method in ("tfidf", "textrank"):
            assert speech_keywords(speech, method, top=20) == list(result.keywords[method]), (speech.id, method)


def test_keywords_by_year_need_two_years_in_a_group(real_corpus):
    """A group of one year has no keywords by year (there is no other year to set it
    against): the grouped table holds the other groups, a lone year is refused."""
    from speechkit.analysis.keywords import keyness_by_year, keywords_by_year

    results = real_corpus.subset(speech=["govreport-2013", "govreport-2014", "party-congress-20"]).results()
    # Two State Council reports, and a congress report without an org: the group (none), of one year.
    assert [speech.meta.get("org") for speech in results.corpus] == ["国务院", "国务院", None]
    grouped = keywords_by_year(results, by="org")
    assert set(grouped["org"]) == {"国务院"} and set(grouped["year"]) == {2013, 2014}
    assert set(keyness_by_year(results, by="org")["org"]) == {"国务院"}
    alone = results.take([2])
    with pytest.raises(SpeechkitError, match="two years"):
        keywords_by_year(alone)
    with pytest.raises(SpeechkitError, match="two years"):
        keyness_by_year(alone)
