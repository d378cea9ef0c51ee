"""Category dictionaries: the bundled default, user YAML files, shares per speech,
per year and per outline section."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import Speech, SpeechkitError, get_tokenizer
from speechkit.analysis.categories import (
    CategoryDictionary,
    CategoryMatcher,
    category_shares,
    categories_by_speech,
    categories_by_year,
    category_table,
    default_dictionary,
    dictionary_from_mapping,
    load_dictionary,
    read_dictionary,
    section_category_table,
)
from speechkit.model import CategoryShares, Section
from speechkit.segment import is_content

from conftest import real_speech

BUNDLED = ["党的建设", "经济发展", "项目与投资", "营商环境", "安全稳定", "民生", "生态环保", "改革创新", "科技创新", "乡村振兴", "文化", "对外开放"]


def shares_of(result) -> dict[str, float]:
    return {c.category: c.share for c in result.categories}


def counts_of(result) -> dict[str, int]:
    return {c.category: c.count for c in result.categories}


def terms_of(result, category) -> dict[str, int]:
    entry = next(c for c in result.categories if c.category == category)
    return {t.term: t.count for t in entry.terms}


# --- the bundled dictionary ----------------------------------------------------------


def test_bundled_dictionary_has_the_genre_categories_with_25_to_60_terms():
    dictionary = default_dictionary()
    assert dictionary.names == BUNDLED
    for name, terms in dictionary.categories:
        assert 25 <= len(terms) <= 60, name
        assert len(set(terms)) == len(terms), name


def test_no_bundled_term_is_a_stopword_or_shorter_than_two_characters():
    stop = get_tokenizer().stopwords
    for name, terms in default_dictionary().categories:
        for term in terms:
            assert term not in stop, (name, term)
            assert len(term.replace("*", "")) >= 2, (name, term)


def test_every_bundled_category_occurs_in_the_real_documents(real_corpus):
    table = categories_by_speech(real_corpus.results(), value="count")
    totals = table[BUNDLED].sum()
    assert (totals > 0).all(), totals[totals == 0]
    # The themes of the genre are frequent, not incidental.
    assert (totals >= 50).all(), totals[totals < 50]


# --- shares on real text -------------------------------------------------------------


def test_party_building_is_a_leading_theme_of_the_seed(seed, real_corpus):
    seed_shares = shares_of(category_shares(seed))
    ranked = sorted(seed_shares, key=seed_shares.get, reverse=True)
    assert "党的建设" in ranked[:2]
    assert seed_shares["党的建设"] > 0.04
    # A park party secretary's speech gives party building far more room than the
    # State Council's work report of the same year.
    report = shares_of(category_shares(real_speech(real_corpus, "govreport-2022")))
    assert seed_shares["党的建设"] > 3 * report["党的建设"]
    seed_terms = terms_of(category_shares(seed), "党的建设")
    assert {"全面从严治党", "党组织", "两个维护", "三会一课"} <= set(seed_terms)


def test_security_and_epidemic_terms_rise_in_2020_in_our_corpus(demo_corpus):
    table = categories_by_year(demo_corpus.results())
    security = table["安全稳定"]
    assert security.idxmax() == 2020
    assert security[2020] > 2 * security[2019]
    speech_2020 = next(s for s in demo_corpus if s.year == 2020)
    terms = terms_of(category_shares(speech_2020), "安全稳定")
    assert terms["疫情防控"] >= 5
    assert {"复工复产", "防疫物资", "应急"} & set(terms)


def test_rural_revitalisation_leads_in_the_no1_document(real_corpus):
    result = category_shares(real_speech(real_corpus, "policy-rural-revitalization-2018"))
    shares = shares_of(result)
    assert max(shares, key=shares.get) == "乡村振兴"
    # 乡村振兴战略 is segmented 乡村振兴 + 战略 and still found as one term.
    assert terms_of(result, "乡村振兴")["乡村振兴战略"] > 0


def test_result_shape_and_json_keys(seed):
    result = category_shares(seed)
    data = result.to_dict()
    assert set(data) == {"tokens", "categories"}
    assert result.tokens == sum(1 for t in seed.tokens() if is_content(t))
    for entry, written in zip(result.categories, data["categories"]):
        assert set(written) == {"category", "count", "share", "terms"}
        assert all(set(term) == {"term", "count"} for term in written["terms"])
        assert entry.count == sum(t.count for t in entry.terms)
        assert entry.share == pytest.approx(entry.count / result.tokens)
        counts = [t.count for t in entry.terms]
        assert counts == sorted(counts, reverse=True)
    assert CategoryShares.from_dict(data) == result


def test_an_empty_or_wordless_speech_has_zero_shares():
    for text in ("", "……  ***\n2022"):
        result = category_shares(Speech(text))
        assert result.tokens == 0
        assert all(c.count == 0 and c.share == 0.0 for c in result.categories)


# --- matching rules ------------------------------------------------------------------


def test_segmented_phrases_and_the_longest_term_per_category():
    speech = Speech("加快乡村振兴战略实施，推进乡村振兴。")
    result = category_shares(speech, {"A": ["乡村振兴", "乡村振兴战略"], "B": ["乡村振兴战略"], "C": ["加快 乡村振兴"]})
    assert terms_of(result, "A") == {"乡村振兴战略": 1, "乡村振兴": 1}
    assert counts_of(result) == {"A": 2, "B": 1, "C": 1}


def test_glob_terms_match_content_words_by_prefix_and_suffix():
    speech = Speech("招商引资和招商局都要抓，引资也要抓，加强党建和基层党建。")
    result = category_shares(speech, {"招商": ["招商*"], "党建": ["*党建"], "one": ["招商?"]})
    assert terms_of(result, "招商") == {"招商引资": 1, "招商局": 1}
    assert terms_of(result, "党建") == {"党建": 1, "基层党建": 1}
    assert terms_of(result, "one") == {"招商局": 1}


def test_a_word_counts_for_every_category_that_lists_it():
    result = category_shares(Speech("增强群众安全感。"), {"民生": ["安全感"], "安全稳定": ["安全感", "安全*"]})
    assert counts_of(result) == {"民生": 1, "安全稳定": 1}


def test_a_reusable_matcher_gives_the_same_result(demo_corpus):
    dictionary = default_dictionary()
    matcher = CategoryMatcher(dictionary)
    for speech in demo_corpus:
        assert category_shares(speech, matcher=matcher) == category_shares(speech, dictionary)


FRAGMENTS = ["疫情防控", "营商环境", "招商引资", "乡村振兴", "战略", "党建", "，", "。", "的", "2020年", "**", " ", "\n", "安全", "生产"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_every_match_slices_back_to_its_term(parts):
    speech = Speech("".join(parts))
    tokens = speech.tokens()
    matcher = CategoryMatcher(dictionary_from_mapping({"a": ["疫情防控", "乡村振兴 战略", "安全*"], "b": ["招商*", "安全生产"]}))
    matches = matcher.matches([t.text for t in tokens], [t.start for t in tokens], [is_content(t) for t in tokens])
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    for match in matches:
        assert speech.text[match.start : match.start + len(match.term)] == match.term
    result = category_shares(speech, matcher=matcher)
    assert all(0.0 <= c.share <= 1.0 for c in result.categories)


# --- user dictionaries ---------------------------------------------------------------


def write(tmp_path, text, name="dict.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_yaml_replaces_the_default_or_extends_it(tmp_path, demo_corpus):
    path = write(tmp_path, "# 我的词典\n安全稳定: [疫情, 防控]\n人才: [人才, 招才引智, '人才*']\n")
    user = load_dictionary(path)
    assert user.names == ["安全稳定", "人才"]
    assert user.terms("人才") == ("人才", "招才引智", "人才*")
    extended = load_dictionary(path, extend=True)
    assert extended.names == [*BUNDLED, "人才"]
    assert extended.terms("安全稳定") == ("疫情", "防控")
    assert extended.terms("民生") == default_dictionary().terms("民生")
    table = category_table(demo_corpus, path, by="year", value="count")
    assert list(table.columns) == ["tokens", "安全稳定", "人才"]
    # Only 疫情 and 防控 count now: next to nothing before the epidemic (2018 has one
    # 廉政风险防控), a lot in 2020.
    assert table.loc[2018, "安全稳定"] <= 1 and table.loc[2020, "安全稳定"] > 10


def test_a_plain_mapping_and_a_path_are_accepted(tmp_path, seed):
    path = write(tmp_path, "党建: [党建, 党组织]\n")
    assert category_shares(seed, path) == category_shares(seed, {"党建": ["党建", "党组织"]})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("党建: [党建\n经济: [经济]", "not valid YAML"),
        ("- 党建\n- 经济\n", "non-empty mapping"),
        ("", "non-empty mapping"),
        ("党建: 党建\n", "non-empty list of terms"),
        ("党建: []\n", "non-empty list of terms"),
        ("党建: {a: b}\n", "non-empty list of terms"),
        ("党建: [党建, 12]\n", "not a non-empty text"),
        ("党建: [党建, '  ']\n", "not a non-empty text"),
        ("党建: ['**']\n", "would match every word"),
        ("招商: ['招商* 引资']\n", "cannot span several words"),
        ("1: [党建]\n", "category name"),
    ],
)
def test_malformed_dictionaries_give_one_line_errors_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SpeechkitError, match=message) as info:
        read_dictionary(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_binary_and_folder_dictionaries(tmp_path):
    with pytest.raises(SpeechkitError, match="not found"):
        read_dictionary(tmp_path / "none.yaml")
    with pytest.raises(SpeechkitError, match="folder"):
        read_dictionary(tmp_path)
    (tmp_path / "gbk.yaml").write_bytes("党建: [党建]".encode("gb18030"))
    with pytest.raises(SpeechkitError, match="not UTF-8"):
        read_dictionary(tmp_path / "gbk.yaml")


def test_duplicate_terms_are_kept_once_and_spaces_normalised():
    dictionary = dictionary_from_mapping({" 党建 ": ["党建", "党建", "加快  乡村振兴"]})
    assert dictionary.categories == (("党建", ("党建", "加快 乡村振兴")),)
    assert isinstance(dictionary, CategoryDictionary) and dictionary.to_dict() == {"党建": ["党建", "加快 乡村振兴"]}


# --- tables --------------------------------------------------------------------------


def test_category_table_by_speech_and_by_year(demo_corpus):
    results = demo_corpus.results()
    by_speech = categories_by_speech(results)
    assert list(by_speech.index) == [s.id for s in demo_corpus]
    assert list(by_speech.columns) == ["year", "title", "tokens", *BUNDLED]
    counts = categories_by_speech(results, value="count")
    by_year = categories_by_year(results)
    assert list(by_year.index) == [2018, 2019, 2020, 2021, 2022, 2023]
    for year in by_year.index:
        rows = counts[counts["year"] == year]
        assert by_year.loc[year, "tokens"] == rows["tokens"].sum()
        assert by_year.loc[year, "民生"] == pytest.approx(rows["民生"].sum() / rows["tokens"].sum())


def test_category_table_pools_speeches_of_a_year_and_any_metadata(real_corpus):
    results = real_corpus.results()
    by_year = categories_by_year(results, value="count")
    by_speech = categories_by_speech(results, value="count")
    assert by_year.loc[2022, "tokens"] == by_speech[by_speech["year"] == 2022]["tokens"].sum()
    # The undated speech is pooled in a last row of its own: nothing is dropped.
    assert by_year["tokens"].sum() == by_speech["tokens"].sum() and pd.isna(by_year.index[-1])
    by_org = categories_by_year(results, over="org", value="count")
    assert by_org["tokens"].sum() == by_speech["tokens"].sum()
    with pytest.raises(SpeechkitError, match="'share' or 'count'"):
        categories_by_speech(results, value="percent")
    with pytest.raises(SpeechkitError, match="'share' or 'count'"):
        category_table(real_corpus, value="percent")


def test_category_table_of_the_bundled_dictionary_is_the_results_table(demo_corpus):
    """Counted again from the texts (the way of a dictionary of one's own), the bundled
    dictionary gives the tables of the speeches' results."""
    results = demo_corpus.results()
    pd.testing.assert_frame_equal(category_table(demo_corpus), categories_by_speech(results))
    pd.testing.assert_frame_equal(category_table(demo_corpus, by="year", value="count"),
                                  categories_by_year(results, value="count"))


def test_section_table_on_the_seed_outline(seed):
    from speechkit.extract.outline.structure import extract_outline

    outline = extract_outline(seed)
    table = section_category_table(seed, outline)
    assert list(table.columns[:6]) == ["section", "level", "title", "start", "end", "tokens"]
    assert list(table["section"][:4]) == ["1", "1.1", "1.2", "1.3"]
    first = table.set_index("section")
    # Part one is about party building, part two's project section about projects.
    assert first.loc["1", BUNDLED].idxmax() == "党的建设"
    project_row = next(s for s in table.itertuples() if "项目建设" in s.title)
    assert first.loc[project_row.section, BUNDLED].idxmax() == "项目与投资"
    # A parent's span holds its children.
    for row in table.itertuples():
        if "." in row.section:
            parent = first.loc[row.section.rsplit(".", 1)[0]]
            assert parent["start"] <= row.start and row.end <= parent["end"]
            assert row.tokens <= parent["tokens"]
    assert section_category_table(seed).equals(table)


def test_section_table_with_hand_made_sections():
    text = "一、党建\n加强党建，建强党组织。\n二、项目\n项目建设和招商引资。"
    second = text.index("二、")
    sections = [
        Section(level=1, marker="一、", number=1, title="党建", start=0, end=second),
        Section(level=1, marker="二、", number=2, title="项目", start=second, end=len(text)),
    ]
    table = section_category_table(Speech(text), sections, dictionary={"党建": ["党建", "党组织"], "项目": ["项目*", "招商*"]}, value="count")
    assert table[["section", "党建", "项目"]].values.tolist() == [["1", 3, 0], ["2", 0, 3]]


@pytest.mark.parametrize("value", ["share", "count"])
def test_section_rows_count_what_the_category_shares_of_each_section_count(real_corpus, value):
    """Section rows count each category's matches alone: the same counts and shares as the
    full :class:`CategoryShares` (with its ranked terms) of the section's span."""
    from speechkit.analysis.categories.counts import _count, _iter_sections, _section_rows, _span_result
    from speechkit.analysis.categories.matcher import default_matcher
    from speechkit.extract.outline.structure import extract_outline

    matcher = default_matcher(get_tokenizer())
    checked = 0
    for speech in real_corpus:
        counted = _count(speech.tokens(), matcher)
        starts = [m.start for m in counted.matches]
        sections = extract_outline(speech, keywords=0).sections
        rows = _section_rows(counted, matcher.names, sections, starts, value)
        for row, (path, section) in zip(rows, _iter_sections(sections), strict=True):
            full = _span_result(counted, matcher.names, section.start, section.end, starts)
            assert (row.section, row.tokens) == (path, full.tokens)
            assert row.values == {c.category: getattr(c, value) for c in full.categories}
            checked += any(c.count for c in full.categories)
    assert checked > 100
