"""The indicator read from the clause's structure: a bare head (two characters, or a verb
alone) completed by the subject and verb of its clause, the things of the list member before
or the subject of the clause before; a share of the figure before; the class named after a
list of examples (甲、乙等丙)."""

from __future__ import annotations

import pytest

from conftest import SHARED, _need
from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.metrics.structure import named_class, noun_part, opening_subject
from speechkit.speech import Speech


def indicators(text: str) -> list[tuple[str, str | None]]:
    return [(m.raw, m.indicator) for m in extract_metrics(Speech(text))]


def indicator_at(text: str, raw: str) -> str | None:
    """The indicator of the metric written ``raw`` in ``text``, first match."""
    start = text.index(raw)
    found = [m for m in extract_metrics(Speech(text)) if m.start == start]
    assert found, f"no metric at {raw!r}"
    return found[0].indicator


@pytest.fixture(scope="module")
def provinces_dir():
    return _need(SHARED / "provinces")


# --- 甲、乙等丙: the class after the examples ---------------------------------------------


def test_the_class_named_after_a_list_of_examples_is_what_is_counted():
    text = "实施新一代信息技术、海工装备、新能源等工业战略性新兴产业重点项目246项。"
    assert indicators(text) == [("246项", "工业战略性新兴产业重点项目")]
    assert named_class("“村歌”、“村晚”、“百姓大舞台”等群众文化活动") == "群众文化活动"


@pytest.mark.parametrize(
    "name",
    [
        "人工智能等前沿学科",  # one example: nothing listed, the name stays whole
        "高等职业学校",  # 等 inside a word
        "城镇和农村居民人均可支配收入",  # a list without 等
    ],
)
def test_a_name_without_a_list_of_examples_is_kept_whole(name):
    assert named_class(name) == name


# --- subject, verb and the thing counted ------------------------------------------------


def test_a_thing_counted_after_the_number_takes_the_subject_and_verb_of_its_clause():
    assert indicators("为贯彻全会精神，市委召开三次全会。")[-1] == ("三次", "市委召开全会")
    # The verb's object before the number stays in (通达欧洲|20多个|国家); a verb the
    # segmenter tags as a name (通达) still ends the subject.
    assert indicator_at("截至去年底，中欧班列通达欧洲20多个国家。", "20多个") == "中欧班列通达欧洲国家"
    # A light verb before an action: the action is what was done.
    assert indicators("市巡察组开展3轮督查。") == [("3轮", "市巡察组督查")]


@pytest.mark.parametrize(
    "text, raw, expected",
    [
        # No subject in the clause: the thing counted alone.
        ("党中央统筹全局，召开七次全会。", "七次", "全会"),
        # A list for a subject is not taken (A、B、C惠及…); those reached are counted
        # with the verb of reach.
        ("老旧小区改造、危旧房改造惠及3万多家庭。", "3万多", "惠及家庭"),
        # A thing of three characters or more needs no completion.
        ("全区新建12所标准化学校。", "12所", "标准化学校"),
    ],
)
def test_no_subject_is_added_where_the_clause_has_none_or_the_thing_is_named(text, raw, expected):
    assert indicator_at(text, raw) == expected


def test_the_subject_of_a_clause_opens_it_before_its_verb():
    assert opening_subject("中欧班列通达欧洲") == ("中欧班列", 4)
    assert opening_subject("我们深化改革") == (None, 0)


# --- a verb alone -----------------------------------------------------------------------


def test_a_verb_alone_takes_the_subject_of_its_clause_or_of_the_clause_before():
    assert indicators("自治区重大项目开工390个、竣工437个。") == [
        ("390个", "自治区重大项目开工"),
        ("437个", "自治区重大项目竣工"),
    ]
    text = "截至去年底，中欧班列通达欧洲20多个国家的90多个城市，累计开行超过3万列。"
    assert indicator_at(text, "3万列") == "中欧班列累计开行"


def test_a_verb_alone_in_a_list_member_takes_the_things_of_the_member_before():
    assert indicators("实施老旧小区改造项目120个、完工98个。") == [
        ("120个", "老旧小区改造项目"),
        ("98个", "老旧小区改造项目完工"),
    ]
    # The things just counted are the subject of the verb after them.
    assert indicators("全省86个重大项目已开工74个。")[-1] == ("74个", "重大项目开工")


@pytest.mark.parametrize(
    "text, raw, expected",
    [
        # Two measures of one thing: the second is not what the first did.
        ("去年医疗旅游人次86.5万、收入83.9亿元。", "83.9亿元", "收入"),
        # A verb after another verb is its object, a noun (带动|消费).
        ("消费潜力持续释放，落实补贴资金34亿元、带动消费261亿元。", "261亿元", "消费"),
        # A change word after it: the head is the subject of the change.
        ("社会消费品零售总额增长4.4%，出口增长5.3%。", "5.3%", "出口"),
    ],
)
def test_a_verb_used_as_a_noun_is_not_completed(text, raw, expected):
    assert indicator_at(text, raw) == expected


def test_the_nouns_of_a_name_without_its_verbs():
    assert noun_part("引进纺织服装项目") == "纺织服装项目"
    assert noun_part("粮食生产") == "粮食"
    assert noun_part("老旧小区改造项目") == "老旧小区改造项目"


# --- a noun opening its clause ------------------------------------------------------------


def test_a_noun_opening_its_clause_takes_the_subject_of_the_clause_before():
    text = "蔬菜生产再获丰收，总产达到80万吨，连续5年稳定在70万吨以上。"
    assert indicators(text) == [("80万吨", "蔬菜总产"), ("70万吨", "蔬菜总产")]


@pytest.mark.parametrize(
    "text, raw, expected",
    [
        # A list announced by a colon: each item names itself.
        ("主要预期目标是：经济增长5%左右，城镇调查失业率5.5%左右。", "5%", "经济"),
        # The clause before states a figure of its own.
        ("粮食产量达到600亿斤，总产创历史新高。", "600亿斤", "粮食产量"),
    ],
)
def test_a_noun_opening_its_clause_keeps_its_own_name(text, raw, expected):
    assert indicator_at(text, raw) == expected


# --- a share of the figure before ----------------------------------------------------------


def test_a_share_is_of_the_thing_the_figure_before_measured():
    assert indicators("棉花总产568.6万吨、占全国92.2%。") == [
        ("568.6万吨", "棉花总产"),
        ("92.2%", "棉花总产占全国"),
    ]
    # 占比 is a measure of its own, not the verb 占.
    assert indicators("高技术制造业增加值占比达到40%。") == [("40%", "高技术制造业增加值占比")]


# --- the documents: a tuning document and documents outside the gold ------------------------


def test_logistics_plan_names_what_the_trains_did(real_dir):
    text = (real_dir / "policy-logistics-14th-fyp-2022.txt").read_text(encoding="utf-8")
    metrics = {m.raw: m.indicator for m in extract_metrics(Speech(text))}
    assert metrics["3万列"] == "中欧班列累计开行"
    assert metrics["20多个"] == "中欧班列通达欧洲国家"
    # 通达欧洲20多个国家的|90多个|城市: the verb alone, its other object is counted apart
    assert metrics["90多个"] == "中欧班列通达城市"


def test_party_congress_report_names_who_held_the_plenums(real_dir):
    text = (real_dir / "party-congress-19.txt").read_text(encoding="utf-8")
    start = text.index("党中央召开七次全会") + len("党中央召开")
    found = [m for m in extract_metrics(Speech(text)) if m.start == start]
    assert [m.indicator for m in found] == ["党中央召开全会"]


def test_provincial_reports_outside_the_gold(provinces_dir):
    text = (provinces_dir / "govreport-guangxi-2026.txt").read_text(encoding="utf-8")
    assert indicator_at(text, "437个") == "自治区重大项目竣工"
    text = (provinces_dir / "govreport-xinjiang-2025.txt").read_text(encoding="utf-8")
    assert indicator_at(text, "11部") == "地方性法规废止"


# --- counts of people and 分别 lists ---------------------------------------------------------


def test_a_count_of_people_is_the_event_even_when_its_verb_is_tagged_as_a_name():
    # 荣获 is tagged nr by the segmenter: after a count of people no name stands.
    assert indicators("我省15人荣获全国劳动模范称号。") == [("15人", "荣获全国劳动模范称号")]
    # A name after a count of things is no verb: the thing counted is read as before.
    assert indicator_at("全年新建15个国家卓越级智能工厂。", "15个") == "国家卓越级智能工厂"


def test_levels_listed_before_one_head_each_name_it():
    assert indicators("新增国家级、省级专精特新企业分别为120家和860家。") == [
        ("120家", "国家级专精特新企业"),
        ("860家", "省级专精特新企业"),
    ]


def test_people_a_verb_makes_do_something_count_the_whole_event():
    assert indicators("全年培训农民2.3万人次，带动1.2万人就业。")[-1] == ("1.2万人", "带动就业")
    # Without a predicate after them the people are the object of the verb.
    assert indicators("全年培训农民2.3万人次。") == [("2.3万人次", "培训农民")]


@pytest.mark.parametrize(
    "text",
    ["新增5个国家级、12个省级专精特新企业。", "新增国家级专精特新企业5个、省级12个。"],
)
def test_a_level_counted_alone_shares_the_head_of_the_member_beside_it(text):
    assert [m.indicator for m in extract_metrics(Speech(text))] == ["国家级专精特新企业", "省级专精特新企业"]


def test_a_level_without_a_head_beside_it_stays_as_written():
    assert [m.indicator for m in extract_metrics(Speech("新增5个国家级、12个示范园区。"))] == ["国家级", "示范园区"]


def test_an_indicator_never_opens_with_a_list_mark():
    assert indicators("全年新建、改扩建中小学和幼儿园208所。") == [("208所", "改扩建中小学和幼儿园")]


def test_a_share_verb_ends_the_thing_counted_but_a_share_measure_does_not():
    from speechkit.extract.metrics.indicators import read_after

    text = "14个重点产业产值占农林牧渔业总产值的80%以上。"
    assert read_after(text, text.index("重点"), len(text)) == "重点产业产值"
    text = "超50亿元企业占比分别为12%、8%。"
    assert read_after(text, text.index("企业"), len(text)) == "企业占比"


def test_a_listed_noun_takes_the_short_measure_of_the_last_member():
    text = "农村卫生厕所普及率、生活垃圾和污水治理率分别达到87.8%、100%、75%。"
    assert [m.indicator for m in extract_metrics(Speech(text))] == ["农村卫生厕所普及率", "生活垃圾治理率", "污水治理率"]
    # Members that are indicators of their own keep their names.
    assert [m.indicator for m in extract_metrics(Speech("工业投资、民间投资分别增长11.2%、8.1%。"))] == ["工业投资", "民间投资"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # What stands before the number through 共有 names the set counted.
        ("巡察对象共有280多个单位。", "巡察对象单位"),
    ],
)
def test_a_thing_counted_takes_the_phrase_that_modifies_it_before_the_number(text, expected):
    assert [m.indicator for m in extract_metrics(Speech(text))] == [expected]


def test_a_verb_alone_before_the_number_is_no_modifier():
    # not 滚动推进|项目 as a modifier and its noun: the verb that counts the bare thing
    assert [m.indicator for m in extract_metrics(Speech("全年滚动推进163个项目。"))] == ["推进项目"]


def test_two_counted_objects_of_one_verb_each_take_the_subject_and_verb():
    assert indicators("目前，国际货运班列通达25个国家的80多个城市。") == [
        ("25个", "国际货运班列通达国家"),
        ("80多个", "国际货运班列通达城市"),
    ]


def test_a_verb_without_its_object_takes_the_object_it_had_earlier_in_the_sentence():
    text = "今年起拟连续三年发行城市更新专项债券，专项用于老旧小区改造，今年先发行500亿元。"
    assert indicators(text) == [("500亿元", "城市更新专项债券")]
    # No earlier object of the verb: the figure keeps no name rather than a wrong one.
    assert indicators("我们深化改革，完成120亿元。") == [("120亿元", None)]


def test_an_earlier_object_is_taken_only_where_the_figure_ends_its_clause():
    text = "完成街道办事处组建；年内完成16.9万平方米的绿化任务。"
    assert indicator_at(text, "16.9万平方米") != "街道办事处组建"


def test_a_time_before_a_verb_alone_does_not_keep_its_subject_away():
    text = "中欧班列运行稳定，全年开行3000列以上。"
    assert indicator_at(text, "3000列") == "中欧班列开行"
