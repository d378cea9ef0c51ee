"""Slogans and formulations: the seed, the real documents, the demo corpus, adversarial input."""

from __future__ import annotations

import json
import re

import pytest
from cli_run import run
from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.analysis.by_group.slogans import (
    formulations_only,
    new_and_dropped,
    slogans_by_year,
    timeline_from_counts,
    year_columns,
)
from speechkit.errors import SpeechkitError
from speechkit.extract.slogans.lexicon import load_lexicon, read_lexicon
from speechkit.extract.slogans.numbered import has_numbered_shape, is_numbered
from speechkit.extract.slogans.parallel import find_parallels
from speechkit.extract.slogans.slogans import KINDS, extract_slogans, slogans_json
from speechkit.model import Metadata
from speechkit.resources import data_path
from speechkit.segment import get_tokenizer
from speechkit.speech import Speech

SEED_NUMBERED = ["两个确立", "四个意识", "四个自信", "两个维护", "三会一课", "一台账四清单", "七通一平", "五个带头", "六个坚守", "三联系", "双报到", "四风"]
NOT_NUMBERED = ["一体", "一把手", "二十大", "一方面", "一起", "一是"]
# A quantity written with a numeral: numeral, an optional 个, then a unit of time or measure.
PLAIN_NUMBER = re.compile(r"[一二两三四五六七八九十百千万]+个?(年来|年|个月|月|日|天|周|百分点|倍|次|届|人|元|亿|万)+")


def slogans_of(text: str, **options):
    return extract_slogans(Speech(text), **options)


def by_kind(slogans, kind):
    return {s.text: s for s in slogans if s.kind == kind}


def assert_spans_slice_back(speech, slogans):
    for slogan in slogans:
        assert slogan.count == len(slogan.spans) > 0
        assert slogan.kind in KINDS
        for start, end in slogan.spans:
            assert speech.text[start:end] in (slogan.text, *slogan.variants), slogan


@pytest.fixture(scope="module")
def seed_slogans(seed):
    return extract_slogans(seed)


@pytest.fixture(scope="module")
def real_slogans(real_corpus):
    return {speech.id: extract_slogans(speech) for speech in real_corpus}


# --- the seed ------------------------------------------------------------------------


def test_seed_numbered_formulations(seed_slogans):
    numbered = by_kind(seed_slogans, "numbered")
    assert set(SEED_NUMBERED) <= set(numbered)
    assert numbered["两个维护"].count == 3  # quoted twice, and 坚决做到两个维护
    assert numbered["四风"].gloss
    for text in numbered:
        assert not text.startswith(tuple(NOT_NUMBERED)), text


def test_seed_parallel_templates(seed_slogans):
    parallel = by_kind(seed_slogans, "parallel")
    clean = parallel["不敢腐、不能腐、不想腐"]
    assert clean.template == "不X腐" and clean.members == ["不敢腐", "不能腐", "不想腐"]
    strict = parallel["真管真严、敢管敢严、长管长严"]
    assert strict.template == "X管X严" and strict.members == ["真管真严", "敢管敢严", "长管长严"]
    three = parallel["政治判断力、政治领悟力、政治执行力"]
    assert three.template == "政治XX力" and three.count == 2
    assert three.variants == ["政治判断力，政治领悟力，政治执行力"]  # written with ， once


def test_seed_redacted_slogans(seed, seed_slogans):
    redacted = by_kind(seed_slogans, "redacted")
    assert set(redacted) == {"*", "**"}
    assert sum(s.count for s in redacted.values()) == 14
    contexts = [c for s in redacted.values() for c in s.contexts]
    assert len(contexts) == 14
    assert contexts.count("“*”思路举措") == 4 and contexts.count("“*”战略部署") == 2
    assert "倡导“*”" in contexts[2] and contexts[3] == "践行“*”"
    for slogan in redacted.values():
        for (start, end), context in zip(slogan.spans, slogan.contexts):
            assert seed.text[start - 1 : end + 1] in context


def test_seed_documents_keep_placeholders(seed_slogans):
    documents = by_kind(seed_slogans, "document")
    assert len(documents) == 6
    assert "*理论学习中心组学习计划" in documents
    assert "中共中央关于加强对“一把手”和领导班子监督的意见" in documents
    assert "党委（党组）落实全面从严治党主体责任规定" in documents


def test_seed_quoted_subkinds_and_repetitions(seed_slogans):
    quoted = by_kind(seed_slogans, "quoted")
    assert quoted["第一议题"].subkind == "term" and quoted["第一议题"].count == 2
    assert "稳" not in quoted and "进" not in quoted  # “稳”字当头: a character stressed, not a formulation
    motto = quoted["真抓实干、马上就办、办就办好"]
    assert motto.subkind == "slogan" and motto.count == 2  # quoted once, then unquoted
    assert quoted["起而行之、争先进位、跨越发展"].count == 3
    assert "一把手" in quoted  # a quoted word, not a numbered formulation
    assert "*" not in quoted and "**" not in quoted


def test_seed_spans_slice_back_and_are_ordered(seed, seed_slogans):
    assert_spans_slice_back(seed, seed_slogans)
    firsts = [s.spans[0].start for s in seed_slogans]
    assert firsts == sorted(firsts)
    assert extract_slogans(seed) == seed_slogans  # deterministic


def test_kinds_filter(seed):
    only = extract_slogans(seed, kinds=["numbered", "redacted"])
    assert {s.kind for s in only} == {"numbered", "redacted"}
    assert {s.kind for s in extract_slogans(seed, kinds="document")} == {"document"}
    rows = slogans_json(seed, kinds="numbered")
    assert rows[0]["text"] == "两个确立" and json.loads(json.dumps(rows)) == rows
    with pytest.raises(SpeechkitError, match="unknown slogan kind 'slogan'"):
        extract_slogans(seed, kinds=["slogan"])


# --- the real documents --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("一带一路", "numbered"),
        ("四个意识", "numbered"),
        ("四个全面", "numbered"),
        ("两个维护", "numbered"),
        ("两个确立", "numbered"),
        ("三农", "numbered"),
        ("四风", "numbered"),
        ("一国两制", "numbered"),
        ("六稳", "numbered"),
        ("三大攻坚战", "numbered"),
        ("获得感、幸福感、安全感", "parallel"),
        ("政治意识、大局意识、核心意识、看齐意识", "parallel"),
        ("放管服", "quoted"),
    ],
)
def test_formulations_in_three_real_documents(real_slogans, text, kind):
    documents = [sid for sid, found in real_slogans.items() if text in by_kind(found, kind)]
    assert len(documents) >= 3, documents


def test_no_numbered_formulation_is_a_plain_number(real_slogans, seed_slogans, demo_corpus):
    everything = [*real_slogans.values(), seed_slogans, *(extract_slogans(s) for s in demo_corpus)]
    numbered = {s.text for found in everything for s in found if s.kind == "numbered"}
    assert len(numbered) > 100
    for text in numbered:
        assert not PLAIN_NUMBER.fullmatch(text), text
        assert not re.fullmatch(r"[一二两三四五六七八九十]{2,}大.*", text), text  # congress numbers


def test_real_documents_have_no_redactions(real_slogans, real_corpus):
    # 2×35万千瓦 (hailar) and 415X (zhejiang) are real text, not redaction marks.
    assert not [s for found in real_slogans.values() for s in found if s.kind == "redacted"]
    for speech in real_corpus:
        assert_spans_slice_back(speech, real_slogans[speech.id])


def test_variants_map_to_canonical_forms(real_slogans):
    found = {s.text: s for group in real_slogans.values() for s in group if s.kind == "numbered"}
    assert "中央八项规定" in found["八项规定"].variants  # the name written with 中央; 精神 is not part of it
    # written out with no numeral, the formula is no numbered formulation (碳达峰碳中和 for 双碳)
    assert "碳达峰碳中和" not in found["双碳"].variants and "碳达峰碳中和" not in found


# --- numbered shapes and the lexicon -------------------------------------------------


@pytest.mark.parametrize("text", ["三年", "两个月", "五年来", "十个百分点", "一百年", "二十大", "十九届", "一是", "一方面", "一体推进", "万众创新"])
def test_plain_phrases_have_no_numbered_shape(text):
    assert not has_numbered_shape(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("两支队伍", True), ("十大园区产业集群", True), ("一户一案", True), ("三山两河", True), ("两篇大文章", True),
     ("一刀切", False), ("一线总指挥", False), ("一对一", False), ("一心一意", False), ("三年", False), ("两个月", False)],
)
def test_is_numbered_uses_the_dictionary(text, expected):
    assert is_numbered(text, get_tokenizer()) is expected


def test_quoted_plain_numbers_are_not_numbered():
    found = slogans_of("用“三年”时间，“两个月”内完成，“五年来”成绩显著，下降“十个百分点”，党的“二十大”。")
    assert not by_kind(found, "numbered")


def test_short_known_formulation_inside_a_longer_word():
    found = by_kind(slogans_of("兜牢基层三保底线。实现不愁吃穿和三保障。"), "numbered")
    assert found["三保"].count == 1


def test_lexicon_is_large_and_well_formed():
    lexicon = load_lexicon()
    assert len(lexicon) >= 150
    assert all(entry.gloss for entry in lexicon.entries)
    assert lexicon.get("不敢腐，不能腐，不想腐").canonical == "不敢腐、不能腐、不想腐"
    for entry in lexicon.entries:
        if entry.kind == "numbered":
            assert not PLAIN_NUMBER.fullmatch(entry.canonical), entry


def test_bad_lexicon_is_a_user_error(tmp_path):
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("canonical\tvariants\tkind\tgloss\n四风\t\tmotto\t作风\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="line 2: kind 'motto'"):
        read_lexicon(bad)
    with pytest.raises(SpeechkitError, match="not found"):
        read_lexicon(tmp_path / "missing.tsv")


def test_own_lexicon_gives_canonical_form(tmp_path):
    own = tmp_path / "lexicon.tsv"
    own.write_text(data_path("formulations.tsv").read_text(encoding="utf-8") + "园区二次创业\t二次创业\tslogan\t园区转型发展的总抓手\n", encoding="utf-8")
    found = slogans_of("推进“二次创业”，园区二次创业见成效。", lexicon=read_lexicon(own))
    slogan = by_kind(found, "quoted")["园区二次创业"]
    assert slogan.count == 2 and slogan.variants == ["二次创业"] and slogan.gloss


# --- quotes and parallels on adversarial input -----------------------------------------


def test_unbalanced_quote_does_not_swallow_the_speech(seed):
    text = "他说“这里没有收尾\n" + seed.text
    found = slogans_of(text)
    assert not any(s.text.startswith("这里没有收尾") for s in found)
    assert set(SEED_NUMBERED) <= set(by_kind(found, "numbered"))
    assert sum(s.count for s in found if s.kind == "redacted") == 14


def test_quote_never_crosses_a_paragraph():
    found = slogans_of("增强“四个意识\n坚定四个自信”。")
    assert not by_kind(found, "quoted")
    assert set(by_kind(found, "numbered")) == {"四个意识", "四个自信"}


def test_nested_and_other_quote_marks():
    found = slogans_of("强调“学习‘两个确立’精神”，推进\"放管服\"改革，「稳」字当头，『枫桥经验』。")
    assert "两个确立" in by_kind(found, "numbered")
    quoted = by_kind(found, "quoted")
    assert {"学习‘两个确立’精神", "放管服", "枫桥经验"} <= set(quoted) and "稳" not in quoted
    assert quoted["放管服"].gloss


def test_parallel_with_lead_in_and_head_tail():
    text = "坚持稳中求进、坚持高质量发展、坚持改革开放，一体推进不敢腐、不能腐、不想腐。"
    runs = find_parallels(text, tokenizer=get_tokenizer())
    assert [r.template for r in runs] == ["坚持…", "不X腐"]
    assert runs[1].members == ("不敢腐", "不能腐", "不想腐")
    assert not find_parallels("抓产业、上项目、优环境、惠民生")  # no shared characters


def test_long_quotation_is_not_a_slogan():
    found = slogans_of("他指出：“发展是第一要务。人才是第一资源。”")
    assert not by_kind(found, "quoted")


HAN = "两个确立四风三会一课不敢能想腐政治判断领悟执行力管严真长敢稳进甲乙丙丁的是一体二十大项重点工程行动"
ALPHABET = HAN + "“”‘’「」『』\"《》、，；。*×X\n 0123"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=160))
@example("能耗双控向碳排放双控，两江四岸一核两翼多点，“三城”三城，两手抓、两促进、两不愁、三保障")
def test_every_span_slices_back(text):
    speech = Speech(text)
    found = extract_slogans(speech)
    assert_spans_slice_back(speech, found)
    for slogan in found:
        if slogan.kind == "parallel" and slogan.template and "…" not in slogan.template:
            for member in slogan.members:
                assert len(member) == len(slogan.template)
                assert all(t in ("X", m) for t, m in zip(slogan.template, member))


# --- corpus level --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_timeline(demo_corpus):
    return demo_corpus.slogans()


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("两个确立", 2021, 2023), ("六稳", 2019, 2020), ("六保", 2020, 2021), ("园区二次创业", 2023, 2023), ("四个意识", 2018, 2023)],
)
def test_timeline_first_and_last_years(demo_timeline, text, first, last):
    row = demo_timeline.loc[text]
    assert (row["first_year"], row["last_year"]) == (first, last)
    assert row[first] > 0 and row[last] > 0


def test_timeline_shape(demo_timeline, demo_corpus):
    years = year_columns(demo_timeline)
    assert years == demo_corpus.years() == list(range(2018, 2024))
    assert (demo_timeline[years].sum(axis=1) == demo_timeline["total"]).all()
    assert demo_timeline.index.is_unique
    assert list(demo_timeline["first_year"]) == sorted(demo_timeline["first_year"])


def test_new_and_dropped(demo_timeline):
    changes = new_and_dropped(demo_timeline)
    assert changes[2018] == {"new": [], "dropped": [], "previous": None, "adjacent": None}
    assert changes[2021]["previous"] == 2020 and changes[2021]["adjacent"] is True
    assert "两个确立" in changes[2021]["new"] and "六稳" in changes[2021]["dropped"]
    assert "六保" in changes[2022]["dropped"] and "园区二次创业" in changes[2023]["new"]
    assert "六稳" in changes[2019]["new"] and "六稳" not in changes[2020]["dropped"]


def test_timeline_of_one_kind(demo_corpus):
    table = demo_corpus.slogans(kind="numbered")
    assert set(table["kind"]) == {"numbered"} and len(table)
    # 两个确立 is a core formulation: counted once, as core, not among the numbered.
    core = demo_corpus.slogans(kind="core")
    assert set(core["kind"]) == {"core"} and "两个确立" in core.index and "两个确立" not in table.index
    both = demo_corpus.slogans(kind=["numbered", "core"])
    assert set(both.index) == set(table.index) | set(core.index)
    with pytest.raises(SpeechkitError, match="unknown slogan kind"):
        demo_corpus.slogans(kind="slogan")


def test_timeline_from_cached_results_is_the_computed_one(demo_corpus):
    """Results loaded from the cache give the timeline of results computed afresh."""
    fresh = slogans_by_year(demo_corpus.results(use_cache=False))
    assert fresh.equals(slogans_by_year(demo_corpus.results())) and "两个确立" in fresh.index


def test_timeline_leaves_out_undated_speeches(demo_corpus):
    from speechkit.corpus import Corpus

    undated = Speech(demo_corpus[0].text, Metadata(title=demo_corpus[0].title), name=demo_corpus[0].id)
    corpus = Corpus([undated, *demo_corpus[1:]])
    table = corpus.slogans()
    assert table.attrs["ungrouped"] == [undated.id] and demo_corpus[0].year not in table.columns


def test_timeline_of_speeches_without_years():
    table = timeline_from_counts({}, {}, [])
    assert table.empty and list(table.columns) == ["kind", "total", "first_year", "last_year"]


# --- CLI -----------------------------------------------------------------------------




def test_cli_json_follows_the_contract(monkeypatch, capsys, seed_path):
    code, out, _ = run(monkeypatch, capsys, "slogans", seed_path, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"text", "kind", "count", "spans"} <= set(data[0])
    assert sum(d["count"] for d in data if d["kind"] == "redacted") == 14


def test_cli_kind_filter_and_text(monkeypatch, capsys, seed_path):
    code, out, _ = run(monkeypatch, capsys, "slogans", seed_path, "--kind", "numbered,parallel")
    assert code == 0
    assert {line.split("\t")[0] for line in out.splitlines()} == {"numbered", "parallel"}
    assert "parallel\t1\t不敢腐、不能腐、不想腐\t不X腐" in out


def test_cli_folder_table(monkeypatch, capsys, tmp_path):
    from conftest import CORPUS

    target = tmp_path / "timeline.csv"
    code, _, _ = run(monkeypatch, capsys, "slogans", CORPUS, "--format", "csv", "-o", target, "-k", "numbered")
    assert code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "slogan,kind,2018,2019,2020,2021,2022,2023,total,first_year,last_year"
    assert "四风,numbered,1,2,1,2,2,2,10,2018,2023" in lines
    # 两个确立 is a core formulation (as in analyze's slogans_by_year), not listed among the numbered.
    assert not any(line.startswith("两个确立,") for line in lines)
    code, _, _ = run(monkeypatch, capsys, "slogans", CORPUS, "--format", "csv", "-o", target, "-k", "core")
    assert code == 0 and "两个确立,core,0,0,0,2,2,2,6,2021,2023" in target.read_text(encoding="utf-8").splitlines()
    code, out, _ = run(monkeypatch, capsys, "slogans", CORPUS, "--format", "json")
    data = json.loads(out)
    assert "六稳" in data["new_and_dropped"]["2021"]["dropped"]


def test_cli_user_errors(monkeypatch, capsys, seed_path, tmp_path):
    code, _, err = run(monkeypatch, capsys, "slogans", seed_path, "--kind", "motto")
    assert code == 2 and err.strip() == "speechkit: error: unknown slogan kind 'motto': choose from quoted, numbered, parallel, document, redacted"
    code, _, err = run(monkeypatch, capsys, "slogans", seed_path, "--lexicon", tmp_path / "none.tsv")
    assert code == 2 and "formulation lexicon not found" in err and len(err.strip().splitlines()) == 1
    undated = tmp_path / "undated"
    undated.mkdir()
    (undated / "a.txt").write_text("增强“四个意识”。", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "slogans", undated)
    assert code == 2 and "no speech has a year" in err


def test_speech_metadata_is_not_needed():
    speech = Speech("坚决做到“两个维护”。", Metadata(year=2020))
    assert [s.text for s in extract_slogans(speech)] == ["两个维护"]


# --- Numbered formulations: unquoted shape, quotes noted, names ------------------------------


def numbered_texts(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.subkind) for s in extract_slogans(Speech(text), kinds="numbered")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全面实施四大专项行动，推进六大重点工程。", ["四大专项行动", "六大重点工程"]),
        ("打造两大战略支点，实施十项重大工程。", ["两大战略支点", "十项重大工程"]),
        ("初步形成七大购物中心，完成三项费用审核，新建两个项目。", []),  # counts of things
        ("实施两大类工程，推进三项次行动。", []),  # a classifier after the counter: a quantity
        ("坚持三位一体、强化四大支撑。", ["三位一体", "四大支撑"]),  # 支 opening a word is no classifier
        ("学习贯彻党的二十大精神，推进统一大市场建设。", []),  # a congress number, a word
    ],
)
def test_unquoted_numbered_formulations_by_their_shape(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


def test_quoted_numbered_formulation_is_numbered_with_the_quote_noted():
    found = numbered_texts("实施“五大振兴计划”。继续推进五大振兴计划。落实“七通一平”。")
    assert ("五大振兴计划", "quoted") in found and ("七通一平", "quoted") in found
    assert [s.kind for s in extract_slogans(Speech("落实“七通一平”。"))] == ["numbered"]
    assert numbered_texts("全面实施六大重点工程。") == [("六大重点工程", None)]


@pytest.mark.parametrize("name", ["二中", "三河", "五小", "十一学校", "三峡机场", "三门峡"])
def test_names_in_quotes_are_not_formulations(name):
    assert numbered_texts(f"“{name}”的同学参加了活动。") == []


def _benchmark_module(name: str):
    """A module of benchmarks/ (not a package), loaded from its file."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_numbered_formulations_meet_the_targets_on_the_hand_read_gold(real_dir, seed_path):
    rows = {row["class"]: row for row in _benchmark_module("_eval_formulations").evaluate()}
    seen = rows["all read before the split"]  # the files the rules were written on; eval_extraction prints the rest
    assert seen["tp"] + seen["fn"] >= 100  # the gold holds every formulation of its sections
    assert seen["recall"] >= 0.90 and seen["precision"] >= 0.97
    assert rows["near_miss read before the split"]["fp"] == 0


FORMULA_PIECES = st.lists(
    st.sampled_from(["四", "六", "两", "十", "第", "二十", "大", "项", "个", "重点", "专项", "工程", "行动", "购物", "中心", "战略", "支点", "，", "。", "“", "”", "实施"]),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(FORMULA_PIECES)
@example("实施四大工程六大行动")  # the second numeral opens a phrase of its own
def test_formula_phrases_open_with_a_numeral_and_end_with_a_head(text):
    from speechkit.extract.slogans.heads import PROGRAMME_HEADS
    from speechkit.extract.slogans.numbered import NUMERALS
    from speechkit.extract.slogans.shapes import find_formula_phrases
    from speechkit.segment import get_tokenizer

    previous_end = 0
    for start, end in find_formula_phrases(text, get_tokenizer()):
        phrase = text[start:end]
        assert phrase[0] in NUMERALS and phrase.endswith(PROGRAMME_HEADS)
        assert start == 0 or text[start - 1] not in NUMERALS + "第"
        assert start >= previous_end
        previous_end = end


def test_a_speech_is_searched_for_known_formulations_once_for_its_slogans_and_its_metrics(seed_path, monkeypatch):
    from speechkit import read_speech
    from speechkit.extract.metrics.metrics import extract_metrics
    from speechkit.extract.metrics.placeholders import extract_placeholders

    seed_speech = read_speech(seed_path)  # a text of its own: the session's seed may have been searched already
    lexicon = load_lexicon()
    searched = []
    spans = lexicon.matcher.spans
    monkeypatch.setattr(lexicon.matcher, "spans", lambda text, *bounds: searched.append(text) or spans(text, *bounds))
    extract_slogans(seed_speech)
    extract_metrics(seed_speech, placeholders=extract_placeholders(seed_speech))
    assert searched == [seed_speech.text]  # one search of the whole text
    found = lexicon.find(seed_speech.text)
    assert found and all(lexicon.get(seed_speech.text[s:e]) is entry for s, e, entry in found)
    # Part of a text is searched afresh and finds the matches that lie inside it.
    middle = len(seed_speech.text) // 2
    assert lexicon.find(seed_speech.text, 0, middle) == tuple(m for m in found if m[1] <= middle)


def test_a_gap_between_years_is_marked_and_redactions_are_not_slogans():
    from speechkit.analysis.by_group.slogans import new_and_dropped_frame, timeline_from_counts, timeline_rates

    counts = {"六稳": {2018: 3, 2019: 2}, "六保": {2020: 4, 2022: 1}, "*": {2018: 9, 2022: 7}, "**": {2019: 5},
              "稳中求进": {2018: 1, 2019: 1, 2020: 1, 2022: 2}}
    kinds = {"六稳": {"core": 5}, "六保": {"core": 5}, "*": {"quoted": 16}, "**": {"redacted": 5}, "稳中求进": {"core": 5}}
    timeline = timeline_from_counts(counts, kinds, [2018, 2019, 2020, 2022])
    assert set(timeline.index) == {"六稳", "六保", "稳中求进"}
    changes = new_and_dropped(timeline)
    assert changes[2022] == {"new": [], "dropped": [], "previous": 2020, "adjacent": False}
    assert changes[2020]["dropped"] == ["六稳"] and changes[2020]["adjacent"] is True
    frame = new_and_dropped_frame(changes)
    assert frame[frame["year"] == 2020][["previous_year", "adjacent"]].values.tolist() == [[2019, True]] * 2
    rates = timeline_rates(timeline, {2018: 20_000, 2019: 10_000, 2020: 40_000, 2022: 10_000})
    assert rates.loc["六稳", 2018] == 1.5 and rates.loc["六保", 2020] == 1.0 and rates.loc["稳中求进", 2022] == 2.0
    assert rates.loc["六稳", "total"] == timeline.loc["六稳", "total"] == 5


def test_cli_folder_table_takes_the_own_lexicon(monkeypatch, capsys, tmp_path):
    """The folder table comes from the speeches' results: a lexicon of one's own reaches
    them (and results of the bundled lexicon are not taken for them)."""
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "2022.txt").write_text("推进“二次创业”，园区二次创业见成效。\n", encoding="utf-8")
    (folder / "2023.txt").write_text("深化园区二次创业。\n", encoding="utf-8")
    own = tmp_path / "lexicon.tsv"
    own.write_text(data_path("formulations.tsv").read_text(encoding="utf-8") + "园区二次创业\t二次创业\tslogan\t园区转型发展的总抓手\n",
                   encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "slogans", folder, "--format", "json")
    assert code == 0, err
    assert "园区二次创业" not in {row["slogan"] for row in json.loads(out)["timeline"]}
    code, out, err = run(monkeypatch, capsys, "slogans", folder, "--format", "json", "--lexicon", own)
    assert code == 0, err
    rows = {row["slogan"]: row for row in json.loads(out)["timeline"]}
    assert rows["园区二次创业"]["2022"] == 2 and rows["园区二次创业"]["first_year"] == 2022
    code, _, err = run(monkeypatch, capsys, "slogans", folder, "--lexicon", tmp_path / "none.tsv")
    assert code == 2 and "formulation lexicon not found" in err and len(err.strip().splitlines()) == 1


# --- numbered formulations by their shape: heads, summed lists, numeral series --------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a head read from the lexicon (六个坚守 → 坚守; 四种危险 → 危险) names a new formulation
        ("落实三个坚守，警惕两种危险。", ["三个坚守", "两种危险"]),
        # an abstract noun counted with 个 names a principle
        ("要充分发挥中央和地方两个积极性。", ["两个积极性"]),
        # a planning unit counted with 大
        ("推进三大都市圈协同发展。", ["三大都市圈"]),
        # lines not to be crossed counted with 条; roads and channels are counts
        ("守住两条底线，划定三条控制线，建设两条风情滨河路、三条输电通道。", ["两条底线", "三条控制线"]),
        # an abstract modifier before a head counted with 个; not a noun after the head
        ("实现两个根本性转变，调动三个积极性因素。", ["两个根本性转变"]),
        # counts of things, of parts, of work, a head with a modifier after 个, a verb with its object
        ("新建三个县，用了两个月，完成四项工作，存在两种错误思想，讲了四个方面，做到三个坚守岗位。", []),
    ],
)
def test_numbered_formulations_by_their_heads(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the numeral sums up the items before it: the first head names them
        ("全力打好汽车、钢铁、化工三大产业转型攻坚战。", ["三大产业"]),
        # and with no known head, the noun after 大/项 does
        ("履行党的纪律检查和政府行政监察两项职能。", ["两项职能"]),
        # quoted items summed up with a measure word
        ("做好“强城”“兴村”“融合”三篇文章。", ["强城", "兴村", "融合", "三篇文章"]),
        # a number that does not match the list, or a count of organisations
        ("完成北京、上海、广州两项职能。", []),
        ("“北京”“上海”两家企业参加。", ["北京", "上海"]),
        ("支持北京、上海两大城市。", []),  # places counted
        # with no list before it, an unknown head after 项 is a count
        ("履行两项职能。", []),
    ],
)
def test_numeral_summing_up_a_list_names_a_formulation(text, expected):
    found = extract_slogans(Speech(text))
    numbered = [s.text for s in found if s.kind == "numbered"]
    quoted = [s.text for s in found if s.kind == "quoted"]
    assert [t for t in expected if t in numbered or t in quoted] == expected
    assert [t for t in numbered if t not in expected] == []


def test_quoted_numeral_series_is_a_formulation_but_not_a_number_or_a_plan():
    found = numbered_texts("实施“十百千万”行动和“五五”工程，完成“十四五”规划，用了“一百”天，任凭“七十二变”，揪出“两面人”。")
    assert [t for t, _ in found] == ["十百千万", "五五"]


def test_shape_rules_on_a_tuning_report(provinces_dir):
    from speechkit import read_speech

    speech = read_speech(provinces_dir / "govreport-hubei-2025.txt")
    numbered = {s.text: s for s in extract_slogans(speech, kinds="numbered")}
    assert {"三大都市圈", "三大产业", "十百千万", "五五"} <= numbered.keys()
    assert numbered["三大都市圈"].count >= 2
    assert not {"十四五", "十五五", "三大产业转型攻坚战"} & numbered.keys()


@pytest.mark.parametrize(
    "text, expected",
    [
        # a numeral + verb beside a numbered formulation in a 、-list is one too
        ("坚持统筹兼顾，做到两手抓、两促进。", ["两手抓", "两促进"]),
        # alone it is not looked for
        ("做到两促进。", []),
        # a known compound written as a list of its parts is one formulation
        ("实现两不愁、三保障，统筹两个市场、两种资源。", ["两不愁三保障", "两个市场两种资源"]),
        # a formulation the lexicon spells after its object (能耗双控) is named with the noun
        # before it, but not with a verb nor with the last noun of a list
        ("推动能耗双控向碳排放双控转变，推进双控，实施总量和强度双控。", ["双控", "碳排放双控"]),
        # verbs and distinguishing words inside a programme's name; measures counted
        ("实施八大提升行动和十大国家级科技创新平台建设。今年将采取三项举措。", ["八大提升行动", "十大国家级科技创新平台"]),
    ],
)
def test_numbered_formulations_by_their_neighbours_and_their_spellings(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


def test_named_object_on_a_tuning_report(provinces_dir):
    from speechkit import read_speech

    speech = read_speech(provinces_dir / "govreport-hubei-2025.txt")
    numbered = {s.text: s for s in extract_slogans(speech, kinds="numbered")}
    carbon = numbered["碳排放双控"]
    assert [speech.text[s:e] for s, e in carbon.spans] == ["碳排放双控"] * carbon.count
    assert all(speech.text[s:e] in ("双控", "能耗双控") for s, e in numbered["双控"].spans)


@pytest.mark.parametrize(
    "text, expected",
    [
        # one X, one Y: a policy formula whatever its characters
        ("推广一事一议，打造一村一品、一县一业发展新格局，实行一企一策。", ["一事一议", "一村一品", "一县一业", "一企一策"]),
        # an idiom, a reduplication, a measure word, a pair
        ("一心一意谋发展，一茬一茬接着干，一年一度，一对一帮扶。", []),
    ],
)
def test_one_by_one_formulations(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


def test_a_short_numbered_formulation_quoted_once_is_counted_bare():
    found = {t: s for s in extract_slogans(Speech("推进“三城”建设。三城建设成效明显，三城市联动。"), kinds="numbered") for t in [s.text]}
    assert found["三城"].count == 2  # not inside 三|城市


@pytest.mark.parametrize(
    "text, expected",
    [
        # what 个 counts is a demand: verbs, adverbs, adjectives ending the clause
        ("做到两个确保，落实四个更加注重，做到八个不得、五个严禁。", ["两个确保", "四个更加注重", "八个不得", "五个严禁"]),
        # the count is a clause's subject, a single character, a verb going on
        ("还有三个没有完成。这三个都很重要。我们有两个好。要把两个确保落到实处。", []),
    ],
)
def test_numeral_counting_demands_names_a_formulation(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


def test_known_formulation_with_another_numeral():
    # the lexicon knows 五位一体, 七通一平 and 五篇大文章; the counts it does not list are found
    found = numbered_texts("统筹推进四位一体，实现九通一平，做好十篇大文章，落实五位一体。")
    assert [t for t, _ in found] == ["四位一体", "九通一平", "十篇大文章", "五位一体"]
    # not inside a longer number, not with a short template (三农 → 四农)
    assert numbered_texts("完成二十四位一体化，推进四农。") == []


def test_shape_rules_on_tuning_speeches(genres_dir):
    from speechkit import read_speech

    def numbered(name):
        return {s.text for s in extract_slogans(read_speech(genres_dir / name), kinds="numbered")}

    plenary = numbered("speech-national-ccdi-plenary-2016.txt")
    assert "两项职能" in plenary  # summing up 纪律检查和行政监察
    assert not {"两面人", "七十二变", "中央八项规定精神"} & plenary  # a kind of person, an idiom, 精神 outside the name
    assert {"两手抓", "两促进"} <= numbered("speech-national-massline-mobilization-2013.txt")


@pytest.mark.parametrize(
    "text, expected",
    [
        # compounds of numbered parts, the last part cut at a word boundary
        ("推进两江四岸整治，构建一核两翼多点格局，实行一中心多园区。", ["两江四岸", "一核两翼多点", "一中心多园区"]),
        # idioms the dictionary knows, places counted, phrases, repetitions, sides, decimals, specifications
        (
            "汇聚五湖四海人才，覆盖九市一区，一锤接着一锤敲，一步一步走，两岸双方，"
            "增长十点二个百分点，三维五轴机床。",
            [],
        ),
    ],
)
def test_compounds_of_numbered_parts(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # in quotes an object's classifier counts like 个: 一 with a one-character noun, two or more with a longer one
        ("推进“一件事”改革，建设“一张网”，实施“三张清单”，打好“八场硬仗”。", ["一件事", "一张网", "三张清单", "八场硬仗"]),
        # a figure of speech, a measure of time or a batch, a phrase with 的
        ("解决“两张皮”问题，用“三年”时间，分“两批”推进，成为“一块坚硬的钢铁”。", []),
        # a known slogan written in numbered shape is numbered too; written otherwise it is not,
        # but the numbered formulation it ends with is (高效办成|一件事)
        ("推进“一网通办”，深化“高效办成一件事”，坚持最多跑一次。", ["一网通办", "一件事"]),
        # the lexicon knows an abbreviation of a longer formulation (两山 for 两山理论)
        ("践行“两山”理念。", ["两山理论"]),
    ],
)
def test_quoted_numeral_with_an_object_classifier(text, expected):
    assert [t for t, _ in numbered_texts(text)] == expected


def test_the_timeline_of_formulations_leaves_out_cited_titles(demo_corpus):
    """Our demo corpus cites 《云溪园区招商引资奖励办法》: a document in the timeline of slogans,
    no formulation on the chart drawn from it."""
    timeline = slogans_by_year(demo_corpus.results())
    shown = formulations_only(timeline)
    assert timeline.loc["云溪园区招商引资奖励办法", "kind"] == "document"
    assert "云溪园区招商引资奖励办法" not in shown.index and "document" not in set(shown["kind"])
    assert "两个确立" in shown.index
