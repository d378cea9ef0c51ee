"""Fuzz: read, segment, outline, slogans, metrics, placeholders and fill on random text.

The text mixes Chinese phrases of speeches with redaction marks (* ** × ■ ○ X),
full-width forms, every kind of quote, both newline conventions and digits. For all
of it: no exception, and every record's ``text[start:end]`` is what the record says.
The number of examples comes from the hypothesis profile in conftest.py (small and
derandomized by default; HYPOTHESIS_PROFILE=thorough for a long local run).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.metrics.placeholders import extract_placeholders
from speechkit.extract.metrics.template import fill, fill_file, template_slots
from speechkit.extract.outline.structure import extract_outline
from speechkit.extract.slogans.slogans import extract_slogans
from speechkit.ingest.decode import UnreadableFile, normalise_newlines
from speechkit.ingest.metadata import split_front_matter
from speechkit.ingest.read import read_speech
from speechkit.segment import get_tokenizer

PHRASES = [
    "同志们", "一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "一是", "二是", "三是", "第一，", "第二，",
    "坚持稳中求进", "两个确立", "四个意识", "增长", "亿元", "万人", "同比增长", "规上工业总产值", "完成", "目标",
    "某某", "某公司", "书记", "谢谢大家", "就讲这些", "2022年", "二〇二三年", "5.2%", "１２３", "％", "．",
]
MARKS = ["*", "**", "***", "＊", "×", "××", "■", "■■", "○", "○○", "X", "XX", "Ｘ", "□□"]
QUOTES = ["“", "”", "「", "」", "‘", "’", '"', "『", "』", "《", "》"]
PUNCTUATION = ["。", "，", "；", "：", "、", "！", "？", "（", "）", "——", "…", " ", "　", "\t"]
NEWLINES = ["\n", "\r\n", "\n\n", "\r\n\r\n"]
PIECE = st.one_of(
    st.sampled_from(PHRASES),
    st.sampled_from(MARKS),
    st.sampled_from(QUOTES),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(NEWLINES),
    st.integers(0, 99999).map(str),
    st.text(alphabet="零一二三四五六七八九十百千万亿０１２３４５６７８９ＡａＸｘ", min_size=1, max_size=4),
)
TEXTS = st.lists(PIECE, max_size=60).map("".join)


def _spans_hold(text: str) -> None:
    """Every extractor on the normalised ``text``: records slice back to what they claim."""
    from speechkit import Speech

    speech = Speech(text)
    tokens = get_tokenizer().tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)

    outline = extract_outline(speech, keywords=0)
    _outline_nests(text, outline.sections, None)
    for item in outline.items:
        assert text[item.start : item.end] == item.text

    for slogan in extract_slogans(speech):
        assert slogan.count == len(slogan.spans) > 0
        for start, end in slogan.spans:
            assert text[start:end] in (slogan.text, *slogan.variants)

    placeholders = extract_placeholders(speech)
    for placeholder in placeholders:
        assert text[placeholder.start : placeholder.end] == placeholder.text
    for metric in extract_metrics(speech, placeholders=placeholders):
        assert text[metric.start : metric.end] == metric.raw


def _outline_nests(text: str, sections, parent) -> None:
    previous_end = parent.start if parent is not None else 0
    for section in sections:
        assert 0 <= section.start <= section.title_span.start <= section.title_span.end <= section.end <= len(text)
        assert text[section.start : section.end].startswith(section.marker)
        assert text[section.title_span.start : section.title_span.end] == section.title
        assert section.start >= previous_end
        previous_end = section.end
        if parent is not None:
            assert parent.start <= section.start and section.end <= parent.end
        for item in section.items:
            assert text[item.start : item.end] == item.text
            assert section.start <= item.start and item.end <= section.end
        _outline_nests(text, section.children, section)


@given(TEXTS)
@example("一、一是稳增长。\r\n第一，二是调结构。谢谢大家。\r\n")
@example("“**”亿元\r\n×× ○○ ■■ 「两个确立」")
def test_every_extractor_slices_back_on_random_text(text):
    _spans_hold(normalise_newlines(text))


@given(TEXTS, st.booleans())
@example("---\r\ntitle: 某某\r\n---\r\n完成产值**亿元，增长*%。\r\n", True)
@example("■同志们", False)  # UTF-8 once detected as GB18030
def test_read_then_fill_keeps_everything_outside_the_slots(text, with_front_matter):
    source = ("---\r\ntitle: 报告\nyear: 2022\r\n---\n" if with_front_matter else "") + text
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "speech.txt"
        path.write_bytes(source.encode("utf-8"))
        body = split_front_matter(normalise_newlines(source))[0]
        if not body.strip():
            try:
                read_speech(path)
            except UnreadableFile as error:
                assert error.reason == "empty file"
                return
        speech = read_speech(path)
        assert speech.text == body
        _spans_hold(speech.text)
        values = {slot.slot: "〔值〕" for slot in template_slots(speech)}
        normalised = normalise_newlines(source)
        front = normalised[: len(normalised) - len(speech.text)]
        # Unfilled, the file comes back character for character; filled, only the slots change.
        assert fill_file(path, {}) == source
        filled = fill_file(path, values)
        assert normalise_newlines(filled) == front + fill(speech, values)
        assert filled.count("\r\n") == source.count("\r\n") and filled.count("\r") == source.count("\r")
