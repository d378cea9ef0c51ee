"""Placeholders beyond the seed: redacted versions of real documents (benchmarks/_redact.py)
and no false placeholder on any unredacted document."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit import read_speech
from speechkit.extract.metrics.placeholders import KINDS, extract_placeholders

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _eval_metrics import read_split  # noqa: E402
from _eval_placeholders import score_document  # noqa: E402
from _redact import redact  # noqa: E402

SPLIT = ROOT / "tests" / "gold" / "split.tsv"
# Han text, digits, units, dates and quotation marks: every kind the redactor hides.
REDACTABLE = st.text(alphabet=st.sampled_from(list("北京市上海经济增长亿元万人个%月日年“”，。、0123456789.张三省委\n")),
                     max_size=120)


@pytest.mark.parametrize("folder", ["genres", "provinces", "real"])
def test_no_false_placeholder_in_any_unredacted_document(folder, genres_dir, provinces_dir, real_dir):
    path = {"genres": genres_dir, "provinces": provinces_dir, "real": real_dir}[folder]
    documents = sorted(path.glob("*.txt"))
    assert documents
    false = [(p.name, x.text, x.context) for p in documents for x in extract_placeholders(read_speech(p))]
    assert false == []


def test_the_multiplication_sign_of_hailar_2016_is_no_placeholder(real_dir):
    speech = read_speech(real_dir / "local-govreport-hailar-2016.txt")
    at = speech.text.index("2×35万千瓦")
    assert not any(at <= p.start < at + 7 for p in extract_placeholders(speech))


def test_sealed_documents_redacted_recall_at_least_095_per_genre(genres_dir, provinces_dir, real_dir):
    totals: dict[str, list[int]] = {}
    for document, (genre, split) in read_split(SPLIT).items():
        if split != "sealed" or document.startswith("seed/"):
            continue
        tp, fp, fn, _ = score_document(real_dir.parent / document)
        totals[genre] = [a + b for a, b in zip(totals.get(genre, [0, 0, 0]), (tp, fp, fn))]
    assert len(totals) >= 6
    for genre, (tp, fp, fn) in totals.items():
        assert tp + fn > 50, genre
        assert tp / (tp + fn) >= 0.95, (genre, tp, fn)
        assert tp / (tp + fp) >= 0.99, (genre, tp, fp)


def test_redactor_hides_every_kind_in_a_real_report(real_dir):
    text = read_speech(real_dir / "govreport-2016.txt").text
    redacted, gold = redact(text, seed=1)
    assert {g.kind for g in gold} == set(KINDS)
    assert len(gold) == pytest.approx(len(text) / 80, rel=0.2)
    assert redact(text, seed=1) == (redacted, gold)
    assert redact(text, seed=2) != (redacted, gold)


@given(REDACTABLE, st.integers(min_value=0, max_value=2**32))
@example("2022年3月15日，“稳增长”，北京市GDP增长6.5%，投资100亿元。", 0)
def test_gold_offsets_slice_back_to_the_marks(text, seed):
    redacted, gold = redact(text, seed=seed)
    for g in gold:
        assert redacted[g.start : g.end] == g.text
        assert g.kind in KINDS
        assert len(set(g.text)) == 1
    assert all(a.end < b.start for a, b in zip(gold, gold[1:]))


@pytest.mark.parametrize(
    "text, kind",
    [
        ("城镇登记失业率＊以内。", "number"),
        ("居民收入分别增长3.9%和*。", "number"),
        ("比上年增长×－×。", "number"),
        ("贡献率超过＊。", "number"),
        ("全面提升*管理能力。", "name"),
        ("增长*，", "number"),
    ],
)
def test_kind_of_a_mark_from_the_quantity_around_it(text, kind):
    from speechkit.speech import Speech

    assert [p.kind for p in extract_placeholders(Speech(text))][-1] == kind
