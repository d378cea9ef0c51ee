"""Chinese labels of the English column names of the tables, for the report's pages.

The table files keep their English column names (scripts read them); the report shows a
table under these labels. A column without a label (a year, a category, a topic number
given as text) is shown as it is.
"""

from __future__ import annotations

COLUMN_LABELS = {
    # speeches and years
    "speech": "讲话",
    "id": "编号",
    "file": "文件",
    "title": "标题",
    "year": "年份",
    "date": "日期",
    "speaker": "讲话人",
    "org": "单位",
    "place": "地方",
    "level": "层级",
    "kind": "类型",
    "subkind": "子类",
    "index": "",
    "group": "组",
    "previous": "上一组",
    "previous_year": "上一年",
    "adjacent": "相邻年份",
    "change": "变化",
    "characters": "字数",
    "paragraphs": "段落数",
    "words": "词数",
    "tokens": "实词数",
    "speeches": "篇数",
    # terms, keywords and keyness
    "term": "词语",
    "rank": "名次",
    "score": "得分",
    "count": "次数",
    "per_10k": "每万词",
    "weight": "排序依据",
    "direction": "方向",
    "target_count": "本组次数",
    "reference_count": "参照次数",
    "g2": "G²",
    "log_ratio": "对数比",
    "p": "p 值",
    # formulations
    "slogan": "提法",
    "text": "文字",
    "total": "合计",
    "first_year": "首次年份",
    "last_year": "末次年份",
    "template": "模板",
    "members": "成员",
    "gloss": "释义",
    # structure
    "sections": "标题数",
    "sections_per_speech": "每篇标题数",
    "mean_characters": "平均字数",
    "median_characters": "字数中位数",
    "mean_share": "平均比例",
    # topics
    "topic": "主题",
    "label": "标签",
    "share": "比例",
    "frex": "排他性词（FREX）",
    "terms": "高频词",
    "top_speech": "最多的讲话",
    "top_speech_share": "该篇所占比例",
    "one_document": "主要来自一篇",
    # indicators and targets
    "year_to": "至年份",
    "reported_in": "报告年份",
    "canonical": "规范名",
    "indicator": "指标",
    "value": "数值",
    "low": "下限",
    "high": "上限",
    "unit": "单位",
    "qualifier": "限定",
    "raw": "原文",
    "start": "起",
    "end": "止",
    "target": "目标",
    "target_low": "目标下限",
    "target_high": "目标上限",
    "target_name": "目标原称",
    "target_raw": "目标原文",
    "target_speech": "目标出处",
    "target_start": "目标起",
    "target_end": "目标止",
    "outcome": "实际",
    "outcome_raw": "实际原文",
    "outcome_name": "实际原称",
    "outcome_speech": "实际出处",
    "outcome_start": "实际起",
    "outcome_end": "实际止",
    "verdict": "结论",
    "difference": "差额",
    "reason": "说明",
    # reuse
    "reference": "参照文件",
    "reference_year": "参照年份",
    "borrowed": "借用字数",
    "borrowed_with_boilerplate": "借用字数（含套话）",
    "share_with_boilerplate": "比例（含套话）",
    "boilerplate_share": "套话比例",
    "templates": "模板段落",
    "sentences": "句数",
    "borrowed_sentences": "借用句数",
    "sentence_share": "借用句比例",
    "passages": "段落数",
    "top_reference": "主要来源",
    "top_reference_year": "主要来源年份",
    "longest": "最长段落",
    "mean_share_with_boilerplate": "平均比例（含套话）",
    "mean_sentence_share": "平均借用句比例",
    # diffusion
    "formulation": "提法",
    "source": "来源",
    "forms": "写法",
    "localities": "地方数",
    "share_of_localities": "地方比例",
    "window_first_year": "观察起始年",
    "window_last_year": "观察末年",
    "reference_first_year": "参照首次年份",
    "lag": "时滞",
    "lag_text": "时滞（文字）",
    "censored": "截尾",
    "before_reference": "早于参照",
}


def column_label(column: object) -> str:
    """The Chinese label of a table column (the name itself when it has none).

    Examples
    --------
    >>> [column_label(c) for c in ("term", "g2", 2013, "党的建设")]
    ['词语', 'G²', '2013', '党的建设']
    """
    return COLUMN_LABELS.get(column, str(column)) if isinstance(column, str) else str(column)
