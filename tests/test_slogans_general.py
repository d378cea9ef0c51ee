"""Numbered formulations told from list markers, counts and names by general rules,
checked on our own sentences, the demo corpus and documents outside the gold split."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit import read_speech
from speechkit.extract.slogans.lexicon import Formulation, Lexicon, load_lexicon
from speechkit.extract.slogans.numbered import opens_list_item
from speechkit.extract.slogans.slogans import extract_slogans
from speechkit.speech import Speech


def numbered_of(text: str) -> list[str]:
    return [s.text for s in extract_slogans(Speech(text), kinds="numbered")]


def quoted_of(text: str, **options) -> list[str]:
    return [s.text for s in extract_slogans(Speech(text), kinds="quoted", **options)]


@pytest.mark.parametrize("text", [
    "一要进一步解放思想，二要进一步深化改革，三要进一步扩大开放。",
    "做好今年工作，一抓一线落实，二抓服务企业，三抓干部作风。",
    "　　一要进一步压实责任。\n　　二要进一步严明纪律。",
])
def test_list_markers_are_no_formulations(text):
    assert numbered_of(text) == []


def test_a_formulation_opening_a_clause_is_kept():
    assert numbered_of("三抓三促深入开展，一企一策精准帮扶。") == ["三抓三促", "一企一策"]
    assert not opens_list_item("三抓三促深入开展，四个意识", 0)
    assert opens_list_item("前言。一抓落实；二抓服务", 3) and opens_list_item("前言。一抓落实；二抓服务", 8)


def test_one_quoted_character_is_no_formulation():
    assert quoted_of("在“稳”字上下功夫、在“进”字上求突破，深化“放管服”改革。") == ["放管服"]


def test_one_quoted_character_the_lexicon_lists_is_one():
    lexicon = Lexicon([Formulation("稳", (), "slogan", "稳字当头")])
    assert quoted_of("坚持“稳”字当头。", lexicon=lexicon) == ["稳"]


def test_demo_corpus_has_no_one_character_slogan(demo_corpus):
    for speech in demo_corpus:
        assert all(len(s.text) > 1 for s in extract_slogans(speech) if s.kind in ("quoted", "numbered")), speech.id


@pytest.mark.parametrize("streak", ["九连增", "六连冠", "二十一连丰", "三连击"])
def test_a_streak_of_results_is_a_count_not_a_formulation(streak):
    text = f"全年实现“{streak}”，坚持“两个毫不动摇”。"
    assert numbered_of(text) == ["两个毫不动摇"]
    assert quoted_of(text) == [streak]


def test_a_name_closed_by_a_serial_number_is_no_formulation():
    assert numbered_of("“三江源一号”卫星成功发射，“两山”实践创新基地") == ["两山理论"]


def test_streaks_and_serial_names_in_provincial_reports(provinces_dir):
    # documents outside the gold split
    shandong = extract_slogans(read_speech(provinces_dir / "govreport-shandong-2026.txt"))
    qinghai = extract_slogans(read_speech(provinces_dir / "govreport-qinghai-2025.txt"))
    numbered = {s.text for s in (*shandong, *qinghai) if s.kind == "numbered"}
    quoted = {s.text for s in (*shandong, *qinghai) if s.kind == "quoted"}
    assert {"十一连冠", "五连冠", "三江源一号"} <= quoted and not {"十一连冠", "五连冠", "三江源一号"} & numbered
    assert {"一业一策", "双百工程", "一表一单一图一机制", "两核一带多节点"} <= numbered


@pytest.mark.parametrize("text", [
    "成果入选《科学》年度十大突破。",
    "大桥入选“2025全球十大工程成就”。",
    "项目入围全国质量强链十大标志性工程，",
])
def test_places_on_an_honour_list_are_no_formulation(text):
    assert numbered_of(text) == []


def test_a_programme_is_still_one_outside_an_honour_list():
    assert numbered_of("成果入选年度十大突破，深入实施十大标志性工程。") == ["十大标志性工程"]


def test_a_head_glued_to_the_next_noun_ends_the_formulation():
    assert numbered_of("筹措资金实施十大为民办实事工程项目。") == ["十大为民办实事工程"]
    assert numbered_of("打好汽车、钢铁、化工三大产业集群攻坚战。") == ["三大产业集群"]


def test_rankings_and_glued_heads_in_provincial_reports(provinces_dir):
    # documents outside the gold split
    xinjiang = extract_slogans(read_speech(provinces_dir / "govreport-xinjiang-2026.txt"), kinds="numbered")
    guangxi = extract_slogans(read_speech(provinces_dir / "govreport-guangxi-2026.txt"), kinds="numbered")
    assert "十大工程" not in {s.text for s in xinjiang} and "五个认同" in {s.text for s in xinjiang}
    assert "十大为民办实事工程" in {s.text for s in guangxi} and "十大为民办实事" not in {s.text for s in guangxi}


def test_a_quoted_abbreviation_the_dictionary_does_not_know_is_numbered():
    text = "解决“四乱”问题，推动“三量”齐升，擦亮“四季”名片，出台“一揽子”政策。"
    assert numbered_of(text) == ["四乱", "三量"]
    assert quoted_of(text) == ["四季", "一揽子"]  # words of the dictionary


def test_quoted_abbreviations_in_provincial_reports(provinces_dir):
    # documents outside the gold split
    chongqing = extract_slogans(read_speech(provinces_dir / "govreport-chongqing-2026.txt"), kinds="numbered")
    tianjin = extract_slogans(read_speech(provinces_dir / "govreport-tianjin-2025.txt"), kinds="numbered")
    assert {"两久", "四侧"} <= {s.text for s in chongqing} and "三量" in {s.text for s in tianjin}


def test_a_glued_head_before_a_noun_that_is_no_generic_head_is_not_cut():
    assert numbered_of("推动十大乡村特色产业全产业链发展。") == ["十大乡村特色产业"]


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_both_engines_tell_dictionary_words_from_made_up_ones(engine):
    from speechkit.segment import Tokenizer

    tokenizer = Tokenizer(engine=engine)
    assert tokenizer.knows("四季") and tokenizer.knows("四风")  # the engine's word, a user word
    assert not tokenizer.knows("三量") and not tokenizer.knows("四乱")


def test_a_list_member_after_the_clause_verb_is_read_from_its_numeral():
    assert numbered_of("全面实施三证合一、一照一码。") == ["三证合一", "一照一码"]
    assert numbered_of("建成三个县、两个维护。") == ["两个维护"]


def test_n_things_made_one():
    assert numbered_of("全面实施五证合一，实现知行合一，推进两年合一。") == ["五证合一"]


def test_merged_formulation_in_a_tuning_report(real_dir):
    # govreport-2016 is a tuning document; here the formulation stands unquoted
    speech = read_speech(real_dir / "govreport-2016.txt")
    assert "三证合一" in {s.text for s in extract_slogans(speech, kinds="numbered")}


def test_classic_formulations_of_the_reference_inventory():
    text = "践行八荣八耻，坚持五个统筹，坚持四个尊重的方针，培养四有新人，弘扬两弹一星精神，为实现四化而奋斗。"
    assert numbered_of(text) == ["八荣八耻", "五个统筹", "四个尊重", "四有", "两弹一星", "四化"]
    assert numbered_of("第四化肥厂扩建。") == []


def test_a_short_known_formulation_before_a_lone_classifier_is_a_count():
    assert numbered_of("内供七环网、外送五通道，推进四风问题整改，实现五通。") == ["四风", "五通"]


def test_a_classifier_after_a_short_formulation_in_a_provincial_report(provinces_dir):
    # govreport-xinjiang-2026 lies outside the gold split: “内供七环网、外送五通道” counts channels
    speech = read_speech(provinces_dir / "govreport-xinjiang-2026.txt")
    assert "五通" not in {s.text for s in extract_slogans(speech, kinds="numbered")}


def test_a_name_opening_with_a_place_name_is_no_formulation():
    text = "实施“八闽英才”培养计划，开展“三晋银龄行动”，落实“两个毫不动摇”。"
    assert numbered_of(text) == ["两个毫不动摇"]
    assert {"八闽英才", "三晋银龄行动"} <= set(quoted_of(text))


def test_place_named_programmes_in_a_provincial_report(provinces_dir):
    # govreport-fujian-2026 lies outside the gold split
    numbered = {s.text for s in extract_slogans(read_speech(provinces_dir / "govreport-fujian-2026.txt"), kinds="numbered")}
    assert not {"八闽书房", "八闽工匠", "八闽英才"} & numbered and {"五篇大文章", "一链一策一行"} <= numbered


@given(st.text(alphabet="一二三四五要是抓，。；“”稳进个大项工程行动政策\n", max_size=60))
@example("一要进一步，二要进一步。")
@example("“稳”字当头，“进”字为先")
def test_no_list_marker_nor_lone_quoted_character_for_any_text(text):
    lexicon = load_lexicon()
    for slogan in extract_slogans(Speech(text)):
        assert slogan.kind != "quoted" or len(slogan.text) > 1 or slogan.text in lexicon
        if slogan.kind == "numbered" and slogan.text not in lexicon:
            assert not any(opens_list_item(text, start) for start, _ in slogan.spans), slogan


def test_numbered_parts_listed_in_one_quote_name_one_formula():
    text = "构建“三纵四横、两环一带”水网，推动“一老一小、一带一路”，坚持“两山”理念。"
    assert numbered_of(text) == ["三纵四横、两环一带", "一老一小", "一带一路", "两山理论"]


def test_a_quoted_list_of_numbered_parts_in_a_tuning_plan(real_dir):
    # policy-logistics-14th-fyp-2022 is a tuning document
    speech = read_speech(real_dir / "policy-logistics-14th-fyp-2022.txt")
    numbered = {s.text: s for s in extract_slogans(speech, kinds="numbered")}
    assert numbered["四横五纵、两沿十廊"].count == 2


def test_n_things_joined():
    text = "推进两化融合，深化三医联动，坚持五育并举，促进两岸融合发展，实现三级贯通，融入长三角一体化。"
    assert numbered_of(text) == ["两化融合", "三医联动", "五育并举"]


def test_things_joined_in_provincial_reports(provinces_dir):
    # documents outside the gold split; 长三角一体化 and 三级贯通 are no formulations
    numbered = set()
    for name in ("govreport-guizhou-2025.txt", "govreport-tianjin-2025.txt", "govreport-chongqing-2026.txt"):
        numbered |= {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}
    assert {"四房联动", "三改联动", "两业融合", "六医统筹"} <= numbered
    assert not {"三角一体", "三级贯通", "五级联动"} & numbered


def test_a_parallel_formulation_written_numbered_is_numbered():
    slogans = extract_slogans(Speech("一体推进“三不腐”，坚持不敢腐、不能腐、不想腐一体推进。"))
    assert [(s.kind, s.text, s.count) for s in slogans] == [("numbered", "三不腐", 1), ("parallel", "不敢腐、不能腐、不想腐", 1)]


def test_a_parallel_formulation_written_numbered_in_a_provincial_report(provinces_dir):
    # govreport-tianjin-2025 lies outside the gold split
    speech = read_speech(provinces_dir / "govreport-tianjin-2025.txt")
    assert "三不腐" in {s.text for s in extract_slogans(speech, kinds="numbered")}


def test_a_round_number_means_many_but_tiers_of_numerals_name_a_programme():
    text = "开展“百万职工游巴蜀”活动，实施“百千行动”，学习“千万工程”经验。"
    assert numbered_of(text) == ["百千行动", "千万工程"]
    assert "百万职工游巴蜀" in quoted_of(text)


def test_a_version_or_a_field_of_a_quoted_formula_is_numbered():
    text = "“新三样”出口增长，打好“发展六仗”，建设“平急两用”设施，以“先人一步”的担当，落实“约法三章”，开展“技兴三湘”培训，培育“新一代”产业，“做大二产”。"
    assert numbered_of(text) == ["新三样", "发展六仗", "平急两用"]


def test_a_verb_and_a_count_in_a_tuning_report_name_no_field(real_dir):
    # local-govreport-hailar-2016 is a tuning document: “做优一产、做大二产、做强三产…” are verbs
    speech = read_speech(real_dir / "local-govreport-hailar-2016.txt")
    assert not {"做大二产", "做强三产"} & {s.text for s in extract_slogans(speech, kinds="numbered")}


def test_versions_and_fields_of_formulas_in_provincial_reports(provinces_dir):
    # documents outside the gold split
    numbered = set()
    for name in ("govreport-tianjin-2025.txt", "govreport-shandong-2026.txt", "govreport-guizhou-2025.txt"):
        numbered |= {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}
    assert {"平急两用", "新两翼", "新双高", "新三样"} <= numbered


def test_formulations_of_the_reference_inventory_in_provincial_reports(provinces_dir):
    # govreport-chongqing-2026 lies outside the gold split: 十年禁渔 has a time unit after
    # its numeral, 双城经济圈 a 双 with a place's count; the lexicon knows both
    numbered = {s.text for s in extract_slogans(read_speech(provinces_dir / "govreport-chongqing-2026.txt"), kinds="numbered")}
    assert {"十年禁渔", "双城经济圈"} <= numbered


def test_a_quote_opening_with_a_quantity_of_what_follows_is_no_formulation():
    # the segmenter tags 一泓 a classifier (q), 一缕 a numeral (m): a quantity, no formula
    text = "实施“一泓清水入黄河”工程，开展“一缕阳光”行动，推进“一件事”改革。"
    assert numbered_of(text) == ["一件事"]
    assert {"一泓清水入黄河", "一缕阳光"} <= set(quoted_of(text))


def test_a_count_right_before_a_quote_names_the_formula_quoted():
    text = "把握五个“必须统筹”的规律，再造一个“海上海南”，实施三个“一号工程”，实现两个“100%”。"
    slogans = extract_slogans(Speech(text), kinds="numbered")
    assert [(s.text, s.variants) for s in slogans] == [("五个必须统筹", ["五个“必须统筹”"]), ("三个一号工程", ["三个“一号工程”"])]


def test_counts_before_quotes_in_provincial_reports(provinces_dir):
    # tuning documents
    numbered = set()
    for name in ("govreport-ningxia-2025.txt", "govreport-zhejiang-2025.txt"):
        numbered |= {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}
    assert {"五个必须统筹", "三个一号工程"} <= numbered


@given(st.text(alphabet="两三五一化医岸级融合联动个“”必须统筹新样发展仗，、。", max_size=40))
@example("把握五个“必须统筹”，推进两化融合、三医联动，“新三样”“发展五仗”")
@example("两个“”")
def test_joined_and_counted_quote_spans_slice_back_for_any_text(text):
    from speechkit.extract.slogans.compounds import find_joined
    from speechkit.segment import get_tokenizer

    tokenizer = get_tokenizer()
    for start, end in find_joined(text, tokenizer):
        assert text[start] in "两三五" and text[end - 2 : end] in ("融合", "联动", "统筹")
        assert not tokenizer.knows(text[start : start + 2])
    for slogan in extract_slogans(Speech(text), kinds="numbered"):
        assert all(text[s:e] in (slogan.text, *slogan.variants) for s, e in slogan.spans), slogan


def test_people_counted_before_a_second_numbered_part_name_a_programme():
    text = "推行“一人一策”，提升“万人助万企”服务，帮扶“十人”。"
    assert numbered_of(text) == ["一人一策", "万人助万企"]


def test_people_counted_by_a_programme_in_provincial_reports(provinces_dir):
    # documents outside the gold split
    numbered = set()
    for name in ("govreport-henan-2025.txt", "govreport-guizhou-2025.txt"):
        numbered |= {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}
    assert {"万人助万企", "一人一策"} <= numbered


def test_the_numbered_formulation_closing_a_known_slogan_is_numbered():
    slogans = extract_slogans(Speech("17项“高效办成一件事”上线，发展是第一要务。"))
    assert [(s.kind, s.text) for s in slogans] == [("quoted", "一件事一次办"), ("numbered", "一件事")]


def test_a_quoted_dictionary_word_opening_with_one_is_a_common_word():
    text = "社保卡实现“一卡通”，树立“一盘棋”思想，政策服务“一键即达”，推进“一网通办”，建设“一张网”，推行“一企一策”。"
    assert numbered_of(text) == ["一网通办", "一张网", "一企一策"]


def test_common_words_with_one_in_provincial_reports(provinces_dir):
    # documents outside the gold split
    numbered = set()
    for name in ("govreport-tianjin-2025.txt", "govreport-fujian-2026.txt"):
        numbered |= {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}
    assert not {"一卡通", "一盘棋"} & numbered and "一企一策" in numbered


def test_pair_summing_the_two_things_named_before_it():
    text = "健全货币政策和宏观审慎政策双支柱调控框架，实现环境改善与经济发展双赢，案件数和涉案金额双下降。"
    assert numbered_of(text) == ["双支柱"]


def test_pair_summing_two_things_in_a_tuning_report(real_dir):
    # party-congress-19 is a tuning document (双支柱 lies outside its gold's sections)
    speech = read_speech(real_dir / "party-congress-19.txt")
    assert "双支柱" in {s.text for s in extract_slogans(speech, kinds="numbered")}


def test_places_on_a_ranking_are_no_formulations():
    text = "水利投资“十个全国第一”成果巩固，荣获“双第一”，形成全国“双首个”政策，落实“两个确立”。"
    assert numbered_of(text) == ["两个确立"]


@given(st.text(alphabet="十个两双全国第一首批家“”，、确立", max_size=30))
@example("“十个全国第一”")
@example("“双首批”")
def test_no_numbered_formulation_names_a_ranking_for_any_text(text):
    for slogan in extract_slogans(Speech(text), kinds="numbered"):
        assert not any(mark in slogan.text for mark in ("第一", "首个", "首批", "首家")), slogan.text


def test_an_organ_named_by_a_numeral_is_a_name():
    text = "在湘“两院”院士达49名，报道自治区“两会”，学习“两个确立”，村“两委”换届。"
    assert numbered_of(text) == ["两个确立", "两委"]


def test_a_quoted_numeral_word_abbreviates_what_it_counts():
    text = "聚焦“五重”风险隐患，推进“双百”工程，突出“三率”“三度”导向，实施中职“双优计划”，发展“二次”加工。"
    assert numbered_of(text) == ["五重", "双百", "三率", "三度", "双优计划"]


def test_quoted_tiers_and_kinds_name_a_scheme():
    text = "构建“三级三类”国土空间规划体系，“四级三类”规划全面覆盖，每季度“一月一次”调度。"
    assert numbered_of(text) == ["三级三类", "四级三类"]


def test_numeral_words_tiers_and_rankings_in_tuning_provincial_reports(provinces_dir):
    # tuning documents of the gold split
    def numbered(name):
        return {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}

    ningxia, tianjin, qinghai = (numbered(f"govreport-{name}.txt") for name in ("ningxia-2025", "tianjin-2025", "qinghai-2026"))
    assert {"五重"} <= ningxia and not {"十个全国第一", "双第一"} & ningxia
    assert {"三级三类", "双优计划"} <= tianjin and "双首个" not in tianjin
    assert {"四级三类", "双百"} <= qinghai
    assert "两院" not in numbered("govreport-hunan-2026.txt")


def test_a_count_of_abstract_things_names_a_formulation():
    text = "加力推动六大系统应用开发，提升基层应急管理六大能力建设，履行两项职能，建成七大购物中心，三大江河出省境断面水质保持优良，做好三项工作。"
    assert numbered_of(text) == ["六大系统", "六大能力"]


def test_a_count_after_the_scope_of_a_ranking_is_a_place_on_it():
    text = "试点成为全国十大样板，遗址入选国内十大考古新闻，获世界三大赛奖牌，我国发展具有五大优势。"
    assert numbered_of(text) == ["五大优势"]


def test_counts_of_abstract_things_in_tuning_reports(provinces_dir):
    # tuning documents of the gold split
    def numbered(path):
        return {s.text for s in extract_slogans(read_speech(path), kinds="numbered")}

    assert "六大系统" in numbered(provinces_dir / "govreport-chongqing-2025.txt")
    assert "六大能力" in numbered(provinces_dir / "govreport-hunan-2026.txt")
    ningxia, qinghai = numbered(provinces_dir / "govreport-ningxia-2025.txt"), numbered(provinces_dir / "govreport-qinghai-2026.txt")
    assert "十大样板" not in ningxia and not any(text.startswith("三大江河") for text in qinghai)


def test_the_edition_of_a_census_is_no_formulation(provinces_dir):
    assert numbered_of("完成文物“四普”实地调查，做好“五经普”，推进“三农”工作。") == ["三农"]
    # govreport-chongqing-2025 is a tuning document
    speech = read_speech(provinces_dir / "govreport-chongqing-2025.txt")
    assert "四普" not in {s.text for s in extract_slogans(speech, kinds="numbered")}


def test_a_numbered_formulation_written_out_with_no_numeral_is_quoted_only():
    slogans = extract_slogans(Speech("积极稳妥推进碳达峰碳中和，坚持“双碳”引领，实现“碳达峰碳中和”目标。"))
    assert [(s.kind, s.text, s.count) for s in slogans] == [("quoted", "碳达峰碳中和", 2), ("numbered", "双碳", 1)]


@given(st.text(alphabet="碳达峰中和双“”，两新重一件事办成高效", max_size=30))
@example("碳达峰碳中和“双碳”")
def test_every_numbered_span_holds_a_numeral_for_any_text(text):
    for slogan in extract_slogans(Speech(text), kinds="numbered"):
        assert all(any(char in "一二两三四五六七八九十百千万双" for char in text[s:e]) for s, e in slogan.spans)


def test_the_five_guarantees_in_tuning_reports(real_dir):
    # govreport-2013 and local-govreport-hailar-2016 are tuning documents
    for name in ("govreport-2013.txt", "local-govreport-hailar-2016.txt"):
        assert "五保" in {s.text for s in extract_slogans(read_speech(real_dir / name), kinds="numbered")}, name


@pytest.mark.parametrize(("text", "expected"), [
    ("形成“两城联动、三区引领、陆海统筹”的格局。", ["两城联动、三区引领"]),
    ("实施“百村示范、千村提升”工程。", ["百村示范、千村提升"]),
    ("按“一镇一品、一镇一业”的思路发展。", ["一镇一品、一镇一业"]),
    ("凝聚“一起来想、一起来干”的合力。", []),
    ("推进“百亿提升、千亿跨越”行动。", []),
])
def test_numbered_members_opening_a_quoted_list_name_one_formulation(text, expected):
    assert numbered_of(text) == expected


def test_numbered_members_of_quoted_lists_in_tuning_reports(provinces_dir, real_dir):
    # tuning documents of the gold split
    def numbered(path):
        return {s.text for s in extract_slogans(read_speech(path), kinds="numbered")}

    assert "两圈联动、三核引领" in numbered(provinces_dir / "govreport-shandong-2026.txt")
    assert "千村示范引领、万村共富共美" in numbered(provinces_dir / "govreport-fujian-2025.txt")
    hailar = numbered(real_dir / "local-govreport-hailar-2017.txt")
    assert "一村一品、一村一业" in hailar and "一村一业" not in hailar


def test_a_quoted_set_of_a_field_is_named_whole():
    text = "实施“乡村振兴十大工程”，推进“数字经济三大行动”，推进三大行动，实现“综合监管一件事”，入选“年度十大科技进展”，评为“全国十大样板”。"
    assert numbered_of(text) == ["乡村振兴十大工程", "数字经济三大行动", "三大行动"]


def test_quoted_sets_of_fields_in_tuning_reports(provinces_dir):
    # tuning documents of the gold split
    def numbered(path):
        return {s.text for s in extract_slogans(read_speech(path), kinds="numbered")}

    fujian, qinghai = numbered(provinces_dir / "govreport-fujian-2025.txt"), numbered(provinces_dir / "govreport-qinghai-2026.txt")
    assert "碳达峰十大行动" in fujian & qinghai
    hubei = numbered(provinces_dir / "govreport-hubei-2026.txt")
    assert "支点建设七大战略" in hubei and "七大战略" not in hubei
    assert "全国十大考古新发现" not in numbered(provinces_dir / "govreport-hubei-2025.txt")


def test_words_in_which_shuang_qualifies_name_no_two_things():
    text = "推动产学研“双向奔赴”，建设“双向飞地”，实现“双赢多赢共赢”，面临双重挑战，推进“双循环”和“双减”。"
    assert numbered_of(text) == ["双循环", "双减"]


def test_words_in_which_shuang_qualifies_in_tuning_reports(provinces_dir):
    # tuning documents of the gold split with no formulation gold of their own
    def numbered(name):
        return {s.text for s in extract_slogans(read_speech(provinces_dir / name), kinds="numbered")}

    assert not {"双向奔赴", "双向飞地"} & (numbered("govreport-qinghai-2025.txt") | numbered("govreport-neimenggu-2025.txt"))
    jilin = numbered("govreport-jilin-2026.txt")
    assert "双赢多赢共赢" not in jilin and "双一流" in jilin


@given(st.text(alphabet="千万百两三一村圈核联动引领示范年亿起来想碳达峰十大行动建设“”、，", max_size=40))
@example("形成“两圈联动、三核引领、陆海统筹”，实施“千村示范、万村提升”和“碳达峰十大行动”")
@example("“、两圈联动、”")
def test_quoted_list_members_and_field_sets_stay_inside_their_quote_for_any_text(text):
    quotes = [(m.start() + 1, m.end() - 1) for m in re.finditer("“[^“”]*”", text)]
    for slogan in extract_slogans(Speech(text), kinds="numbered"):
        for start, end in slogan.spans:
            assert text[start:end] in (slogan.text, *slogan.variants), slogan
            # a span touching a quote lies inside it, or is a count written before it (五个“…”)
            inside = [(s, e) for s, e in quotes if start < e and s < end]
            assert all(s <= start and end <= e or text[end - 1] == "”" for s, e in inside), (slogan, text)
