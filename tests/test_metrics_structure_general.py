"""The indicator read from the clause's structure, by mechanisms that hold beyond the
sentences that suggested them: a change verb opening the name is the change (减少…人口
*万人), the adverbs of a predicate over a list are no part of the names (分别, 都), 预期
before a change marks a target and names nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech


def metric_at(text: str, raw: str):
    """The metric written ``raw`` in ``text`` (first match)."""
    start = text.index(raw)
    found = [m for m in extract_metrics(Speech(text)) if m.start == start]
    assert found, f"no metric at {raw!r}"
    return found[0]


# --- a change verb opening the name ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator", "change", "direction"),
    [
        ("全年再减少城市困难职工家庭300户以上。", "300户", "城市困难职工家庭", "减少", "down"),
        ("力争增加优质耕地面积12万亩。", "12万亩", "优质耕地面积", "增加", "up"),
        ("今年计划降低企业用电成本5.6亿元。", "5.6亿元", "企业用电成本", "降低", "down"),
        ("明年提高城乡居民基础养老金最低标准20元。", "20元", "城乡居民基础养老金最低标准", "提高", "up"),
    ],
)
def test_a_change_verb_opening_the_name_is_the_change(text, raw, indicator, change, direction):
    metric = metric_at(text, raw)
    assert (metric.indicator, metric.change, metric.direction) == (indicator, change, direction)


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("开发区工业增加值达到812亿元。", "812亿元", "开发区工业增加值"),  # 增加值 is one noun
        ("新增城镇就业岗位3.1万个。", "3.1万个", "新增城镇就业岗位"),  # 新增 is read as before
    ],
)
def test_a_noun_opening_with_a_change_character_keeps_its_name(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


# --- adverbs of the predicate over a list ------------------------------------------------


def test_distributive_adverbs_are_no_part_of_the_names():
    text = "国有企业、民营企业税收分别占全市的38.2%、51.7%。"
    names = [m.indicator for m in extract_metrics(Speech(text))]
    assert names == ["国有企业税收占全市", "民营企业税收占全市"]


def test_a_distributive_adverb_inside_a_word_stays():
    # 均衡 and 人均 hold 均 inside a word: nothing is taken out of the name
    metric = metric_at("城区人均绿地面积达到14.2平方米。", "14.2平方米")
    assert metric.indicator == "城区人均绿地面积"


# --- 预期 before a change ----------------------------------------------------------------


def test_expected_before_a_change_names_nothing():
    metric = metric_at("社会消费品零售总额预期增长6%左右。", "6%")
    assert metric.indicator == "社会消费品零售总额"
    assert metric.role == "target"


# --- a verbal noun taking a count as its object ------------------------------------------


def test_the_object_of_a_verbal_noun_is_named_whole_after_the_count():
    # 建设 is a verbal noun for the segmenter; the words after the count are what was built
    metric = metric_at("规划建设6家概念验证中心，打造一批孵化平台。", "6家")
    assert metric.indicator == "概念验证中心"


def test_an_event_after_the_count_still_names_it():
    # the words after the count end with a verb: the count is of things that did it
    metric = metric_at("调整85项省级管理权限由设区市实施，审批提速明显。", "85项")
    assert metric.indicator == "由设区市实施的省级管理权限"


def test_a_change_verb_before_the_examples_of_a_counted_class_is_no_change():
    metric = metric_at("出台提高困难群众救助标准等8项民生政策。", "8项")
    assert metric.change is None


# --- a change to a new level ------------------------------------------------------------


def test_a_change_to_a_new_level_measures_what_it_changed():
    metric = metric_at("家庭医生签约服务试点扩大到86个乡镇。", "86个")
    assert (metric.indicator, metric.change) == ("家庭医生签约服务试点", "扩大到")


def test_a_count_after_its_verb_still_names_the_thing_after_it():
    metric = metric_at("全年新建32个乡镇卫生院。", "32个")
    assert metric.indicator == "乡镇卫生院"


# --- two counts of one thing in a row -----------------------------------------------------


def test_two_counts_in_a_row_count_the_thing_named_after_the_second():
    text = "今年安排8类36件为民办实事项目，逐项抓好落实。"
    assert [(m.raw, m.indicator) for m in extract_metrics(Speech(text))] == [("8类", "为民办实事项目"), ("36件", "为民办实事项目")]


# --- a subject and its verb before an amount, the thing after it -------------------------


def test_an_amount_between_a_verb_and_its_object_measures_the_object():
    metric = metric_at("市政府已设立30亿元先进制造业发展基金。", "30亿元")
    assert metric.indicator == "先进制造业发展基金"


def test_a_new_milestone_after_an_amount_is_no_thing():
    metric = metric_at("全市经济总量迈上3000亿元新台阶。", "3000亿元")
    assert metric.indicator is not None and "台阶" not in metric.indicator


def test_a_verb_after_a_share_is_no_object():
    # 拟按3%安排: the verb after the number is no thing it measures
    metric = metric_at("今年赤字率拟按3%安排。", "3%")
    assert metric.indicator == "赤字率"


# --- a verb opening the member names the bare thing it counts ---------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("全年走访企业3200家、帮扶项目410个。", "410个", "帮扶项目"),
        ("落实惠企政策，认定人才1.2万名。", "1.2万名", "认定人才"),
    ],
)
def test_a_verb_opening_its_member_names_the_bare_thing_counted(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


def test_a_verb_of_reaching_does_not_name_the_thing_counted():
    # 完成 says the count was reached, not what was done to the things
    assert metric_at("年内完成项目86个。", "86个").indicator == "项目"


# --- fragments and change verbs ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("筹措52亿元实施城乡供水保障工程。", "52亿元", "城乡供水保障工程"),  # 筹措 alone names nothing
        ("全年统筹6.5亿元用于稳岗返还。", "6.5亿元", "稳岗返还"),
        ("全年投入3亿元支持县域商业体系建设。", "3亿元", "县域商业体系建设"),
    ],
)
def test_money_without_a_name_is_named_by_its_purpose(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


def test_money_with_a_name_keeps_it_before_a_purpose():
    assert metric_at("中央预算内投资拟安排6000亿元用于重大项目。", "6000亿元").indicator == "中央预算内投资"


def test_distributive_adverb_inside_a_name_stays():
    assert metric_at("粮食亩均产量提高24.2斤。", "24.2斤").indicator == "粮食亩均产量"


def test_a_verb_subject_of_a_change_is_kept():
    assert metric_at("全省营商环境排名上升4位。", "4位").indicator is not None


def test_a_measure_the_segmenter_tags_as_a_verb_is_no_fragment():
    assert metric_at("全年实现收入593亿元。", "593亿元").indicator == "收入"


def test_a_leap_from_one_level_to_another_is_a_change():
    text = "省级重点实验室从21家跃升到47家。"
    found = [(m.raw, m.indicator, m.direction) for m in extract_metrics(Speech(text))]
    assert found[-1] == ("47家", "省级重点实验室", "up")


# --- members of a list closed by 等 and a measured class --------------------------------


def test_examples_of_a_measured_class_are_measured_by_it():
    text = "全年压减粗钢300万吨、焦炭150万吨、电解铝20万吨等过剩产能。"
    names = [m.indicator for m in extract_metrics(Speech(text))]
    assert names[1:] == ["焦炭过剩产能", "电解铝过剩产能"]
    assert names[0].endswith("粗钢过剩产能")


def test_examples_of_a_class_naming_no_measure_keep_their_names():
    text = "新建充电桩2.1万个、换电站300座等配套设施。"
    assert [m.indicator for m in extract_metrics(Speech(text))] == ["充电桩", "换电站"]


def test_nouns_joined_by_a_conjunction_are_one_counted_thing():
    metric = metric_at("全省12个市和县开展全域土地综合整治试点。", "12个")
    assert metric.indicator == "开展全域土地综合整治试点的市和县"


def test_an_investment_modifying_a_project_is_the_projects():
    text = "投资2.6亿元的城北污水处理厂扩建工程建成投运。"
    assert metric_at(text, "2.6亿元").indicator == "城北污水处理厂扩建工程投资"


def test_an_investment_modifying_no_plain_noun_stays_as_it_is():
    text = "投资3000万元的“一老一小”项目开工。"
    assert metric_at(text, "3000万元").indicator == "投资"


def test_the_perfective_particle_is_no_part_of_an_event():
    metric = metric_at("全省19个县实现了乡镇污水处理设施全覆盖。", "19个")
    assert metric.indicator == "实现乡镇污水处理设施全覆盖的县"


def test_a_measure_after_a_list_of_measures_takes_the_nouns_of_the_first():
    metric = metric_at("棉花面积、总产、单产均创新高，总产568万吨。", "568万吨")
    assert metric.indicator == "棉花总产"


# --- 分别 lists: what the members share ----------------------------------------------------


def test_things_listed_before_a_measure_share_it():
    text = "汽车用锂电池、太阳能电池、工业机器人产量分别增长5.1%、4.3%、8.6%。"
    assert [m.indicator for m in extract_metrics(Speech(text))][1:] == ["太阳能电池产量", "工业机器人产量"]


def test_a_measure_after_words_naming_nothing_takes_the_things_of_the_first():
    text = "道路交通事故起数、死亡人数分别下降6.3%、8.1%。"
    assert [m.indicator for m in extract_metrics(Speech(text))] == ["道路交通事故起数", "道路交通事故死亡人数"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("城镇居民、农村居民人均可支配收入分别增长4.5%、5.8%。", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        # a measure of its own (零售额) is not given the last member's
        ("农产品网络零售额、乡村旅游经营收入分别增长6.5%、10.1%。", ["农产品网络零售额", "乡村旅游经营收入"]),
    ],
)
def test_members_with_a_measure_of_their_own_keep_it(text, names):
    assert [m.indicator for m in extract_metrics(Speech(text))] == names


def test_a_rate_is_not_shared_as_a_bare_measure():
    text = "地表水、近岸海域水质优良比例分别为96.9%、99.7%。"
    assert extract_metrics(Speech(text))[0].indicator == "地表水"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("全市金融机构存贷款余额分别增长6.2%、7.4%。", ["金融机构存款余额", "金融机构贷款余额"]),
        ("全区财政收支分别完成180亿元、420亿元。", ["财政收入", "财政支出"]),
    ],
)
def test_a_coordinate_compound_is_spread_over_a_respective_pair(text, names):
    assert [m.indicator for m in extract_metrics(Speech(text))] == names


def test_a_compound_without_respectively_names_one_series():
    text = "进出口总额接连突破6000亿元、7000亿元。"
    names = {m.indicator for m in extract_metrics(Speech(text))}
    assert len(names) == 1 and names.pop().startswith("进出口总额")


# --- a bare count of people and what concerns them ---------------------------------------


def test_a_count_of_people_followed_by_their_problem_counts_the_people():
    metric = metric_at("年内再解决120万农村人口住房安全问题。", "120万")
    assert metric.indicator == "解决住房安全问题的农村人口"


def test_people_whose_problem_was_solved_are_counted():
    metric = metric_at("全年80多万农村人口饮水安全问题得到解决。", "80多万")
    assert metric.indicator == "饮水安全问题得到解决的农村人口"


def test_a_compound_of_people_and_a_bare_measure_stays_whole():
    assert metric_at("全省有3000万劳动力资源。", "3000万").indicator == "劳动力资源"


# --- properties ---------------------------------------------------------------------------

_FRAGMENTS = (
    "全市", "工业增加值", "、", "固定资产投资", "分别", "增长", "6.1%", "8.2%", "，", "达到", "120亿元", "。",
    "民营企业", "出口", "占全省", "的", "50%", "和", "再减少", "农村贫困人口", "300万人", "均", "12类", "45件",
)


@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=10))
def test_no_name_holds_the_adverb_of_a_list_and_every_name_is_written_text(parts):
    text = "".join(parts)
    for metric in extract_metrics(Speech(text)):
        assert text[metric.start : metric.end] == metric.raw
        assert metric.indicator is None or ("分别" not in metric.indicator and metric.indicator.strip())
