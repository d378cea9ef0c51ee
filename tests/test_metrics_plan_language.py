"""Metrics in the language of plans and work plans (targets of a year, counts of things
to build, money of a purpose): glosses in brackets after a measure word or a noun.

Each rule is shown on sentences written for the test (what it reads, and what it must
leave as it was) and on tuning documents of the gold, by path."""

from __future__ import annotations

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech


def named(text: str) -> dict[str, str | None]:
    """``raw -> indicator`` of the metrics of ``text``."""
    return {m.raw: m.indicator for m in extract_metrics(Speech(text))}


def test_a_gloss_after_the_measure_word_does_not_hide_the_counted_thing():
    found = named("今年建设筹措5万套（间）人才公寓，新增2000张（个）托位。")
    assert found["5万套"] == "人才公寓"
    assert found["2000张"].endswith("托位")  # a bare head completed by its verb: 新增托位


def test_a_gloss_inside_the_counted_noun_belongs_to_it():
    found = named("改造提升300个乡镇（街道）综合文化站、120支专业救援队。")
    assert found["300个"] == "乡镇（街道）综合文化站"
    assert found["120支"] == "专业救援队"


def test_a_gloss_of_several_alternatives_ends_the_noun_it_glosses():
    assert named("推动20个县（市、区）开展全域整治。")["20个"] == "县（市、区）"


def test_a_longer_note_in_brackets_is_no_gloss():
    """A note of more than two characters a member, or one holding a numeral, explains the
    noun rather than naming its alternative kinds: the counted thing stops before it."""
    found = named("支持8所师范（教师教育）院校。建成3个项目（一期）。")
    assert "（" not in found["8所"]
    assert "（" not in found["3个"]


def test_glossed_counts_in_a_tuning_report(real_dir):
    text = (real_dir / "provincial-govreport-guangdong-2026.txt").read_text(encoding="utf-8")
    by_start = {m.start: m for m in extract_metrics(Speech(text))}
    glossed = {text[at : at + 12]: m.indicator for at, m in by_start.items() if text.startswith("县（", m.end)}
    assert glossed and all(name.startswith("县（") for name in glossed.values())
    rivers = next(m for m in by_start.values() if text.startswith("（个）幸福河湖", m.end))
    assert rivers.indicator == "幸福河湖"


def test_an_amount_invested_is_named_by_what_it_was_spent_on():
    found = named(
        "投资2.4亿元实施城区供热管网改造。投资8600万元，完成了北山公园景观提升。"
        "投资1.5亿元实施了道路、桥梁、路灯等市政配套工程。投资3亿元建设滨河湿地公园。"
    )
    assert found == {
        "2.4亿元": "城区供热管网改造",
        "8600万元": "北山公园景观提升",
        "1.5亿元": "市政配套工程",
        "3亿元": "建设滨河湿地公园",
    }


def test_an_amount_invested_keeps_its_name_when_no_purpose_is_plain():
    """A purpose that opens with a figure, or modifies through 的, or runs long is no
    name: the amount stays 投资 (or the total of the sentence, as before)."""
    found = named("投资4.7亿元，完成65条城市道路新建改造。全年完成投资46.9亿元，实施了南部新区的道路工程。")
    assert found == {"4.7亿元": "投资", "65条": "城市道路新建改造", "46.9亿元": "投资"}


def test_a_verb_before_the_amount_modifying_a_project_is_left_out():
    found = named("启动投资2亿元的智慧城市项目，总投资7亿元的时代广场商业项目开工建设。")
    assert found["2亿元"] == "智慧城市项目投资"
    assert found["7亿元"].endswith("总投资")  # 总 is no verb: the total stays


def test_amounts_invested_in_a_tuning_local_report(real_dir):
    text = (real_dir / "local-govreport-hailar-2016.txt").read_text(encoding="utf-8")
    metrics = [m for m in extract_metrics(Speech(text)) if m.unit in ("亿元", "万元")]
    spent = {m.raw: m.indicator for m in metrics if text.startswith("投资", m.start - 2)}
    assert spent["3.06亿元"] == "管网改造"  # 投资3.06亿元实施了供水、供热、污水、雨水等管网改造
    assert spent["4500万元"] == "伊敏河沿河道路工程投资"  # 投资4500万元的伊敏河沿河道路工程: as before
    assert spent["18.8亿元"] == "总投资"  # 总投资18.8亿元的…: no verb to leave out


def test_a_rated_capacity_before_its_plant_is_no_metric():
    found = named(
        "完成日处理5万吨水厂改扩建，启动年产30万吨饲料加工项目，推进2×35万千瓦热电联产项目前期工作。"
    )
    assert found == {}


def test_an_output_or_a_capacity_named_as_a_measure_stays_a_metric():
    found = named("新增污水日处理能力2万吨，全年产粮食120万吨，机场年吞吐量突破300万人次，园区年产值超500亿元。")
    assert set(found) == {"2万吨", "120万吨", "300万人次", "500亿元"}
    assert found["2万吨"] == "污水日处理能力"
    assert found["300万人次"] == "机场年吞吐量"


def test_rated_capacities_in_tuning_local_reports(real_dir):
    for name, capacity in (("local-govreport-hailar-2016.txt", "2×66万千瓦"), ("local-govreport-hailar-2017.txt", "500吨")):
        text = (real_dir / name).read_text(encoding="utf-8")
        assert capacity in text
        assert all(m.raw != capacity for m in extract_metrics(Speech(text))), name


def test_the_base_of_a_rate_written_with_digits_is_no_metric():
    found = named("全市每10万人拥有体育场地12处，每1000名老年人配备养老护理员8名，每万人口全科医生增至4人。")
    assert "10万人" not in found and "1000名" not in found
    assert set(found) == {"12处", "8名", "4人"}


def test_the_base_of_a_rate_in_a_tuning_report(provinces_dir):
    text = (provinces_dir / "govreport-zhejiang-2025.txt").read_text(encoding="utf-8")
    at = text.index("每10万人") + 1
    metrics = extract_metrics(Speech(text))
    assert not [m for m in metrics if m.start == at]
    assert [m.raw for m in metrics if m.start == at + len("10万人")] == ["45台"]


def test_a_leading_character_that_opens_a_word_stays_in_the_name():
    """和 before a name is a joiner, except where the segmenter reads it as the first
    character of a longer word (和美乡村)."""
    found = named("深化乡村振兴，和美乡村覆盖率达65%，城镇和农村居民收入分别增长5%、6%。")
    assert found["65%"] == "和美乡村覆盖率"


def test_a_leading_word_in_tuning_reports(provinces_dir):
    text = (provinces_dir / "govreport-zhejiang-2025.txt").read_text(encoding="utf-8")
    names = [m.indicator for m in extract_metrics(Speech(text)) if m.indicator and "乡村覆盖率" in m.indicator]
    assert names and all(name.startswith("和美") for name in names)


def test_a_bare_share_after_de_is_named_by_what_it_is_of():
    found = named("全社会研发经费支出相当于全区生产总值的比例达到3%左右，但财政用于教育的比重保持在15%以上。")
    assert found == {"3%": "全社会研发经费支出相当于全区生产总值的比例", "15%": "财政用于教育的比重"}


def test_a_share_with_a_name_of_its_own_keeps_it():
    assert named("高新技术企业占比达到30%，新能源汽车比重提高到40%。") == {"30%": "高新技术企业占比", "40%": "新能源汽车比重"}


def test_bare_shares_in_a_tuning_report(real_dir):
    text = (real_dir / "govreport-2015.txt").read_text(encoding="utf-8")
    at = text.index("财政用于民生的比例")
    share = next(m for m in extract_metrics(Speech(text)) if at < m.start < at + 20)
    assert share.indicator == "财政用于民生的比例"


def test_a_verb_after_a_gloss_ends_the_counted_noun():
    found = named("建成9个离岸科创园（中心）投入运营，推进6所省市（州）共建高校改革。")
    assert found == {"9个": "离岸科创园（中心）", "6所": "省市（州）"}
