"""Working in Jupyter: compact displays of every result, progress bars from Python, and
the CJK font for a researcher's own matplotlib figures."""

from __future__ import annotations

import warnings
from dataclasses import fields
from pathlib import Path

import pytest

import speechkit as sk
from speechkit import Corpus, SpeechkitError
from speechkit.analysis.targets import target_ledger

REPR_LIMIT = 2_000


def default_repr(record) -> str:
    """What a dataclass prints by default: every field in full."""
    return f"{type(record).__name__}({', '.join(f'{f.name}={getattr(record, f.name)!r}' for f in fields(record))})"


def assert_compact(obj, *shown: str) -> None:
    text, html = repr(obj), obj._repr_html_()
    assert len(text) < REPR_LIMIT and len(html) < 2 * REPR_LIMIT
    assert html.count("<table") >= 1 and "</table>" in html
    for item in shown:
        assert item in text and item in html


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory, cache_dir):
    """An output folder for the demo corpus, with a result cache of this module's own."""
    return tmp_path_factory.mktemp("demo")


def test_analyze_result_is_compact_and_progress_is_shown(demo_out, capsys):
    summary = sk.analyze(None, demo_out, progress=True)
    printed = capsys.readouterr().out
    assert "speeches" in printed and "6/6" in printed and "corpus" in printed and "3/3" in printed
    assert len(default_repr(summary)) > 10 * len(repr(summary))  # the list of files written, in full
    assert_compact(summary, "Summary: 6 read, 0 skipped", "yunxi-2018")
    assert "… 1 more rows" in repr(summary)
    # The same run again comes from the run cache; without progress nothing is printed.
    again = sk.analyze(None, demo_out, progress=False)
    assert again.reused and capsys.readouterr().out == ""


def test_analyze_progress_must_be_a_flag(demo_out):
    with pytest.raises(SpeechkitError, match=r"progress='yes': give True, False or None"):
        sk.analyze(None, demo_out, progress="yes")


def test_ledger_display_is_compact(real_corpus):
    ledger = target_ledger(real_corpus.results())
    assert len(default_repr(ledger)) > 20 * REPR_LIMIT
    rows = ledger.ledger()
    assert_compact(ledger, f"TargetLedger({len(ledger.targets)} targets", f"({len(rows)} rows)", rows["indicator"][0])


def test_comparison_display_is_compact(real_corpus):
    comparison = real_corpus.subset(speech=["govreport-2013", "govreport-2014"]).compare()
    assert_compact(comparison, "Comparison by year: rates", f"({len(comparison.changes)} rows)")


def test_corpus_display_shows_the_first_docvars_whatever_its_size(real_corpus):
    assert_compact(real_corpus, "Corpus(22 speeches, 1 skipped), years 2013–2026", "govreport-2013", "… 17 more rows")
    many = Corpus([sk.Speech(text=f"第{n}篇：我们自己写的讲话。\n", name=f"s{n}") for n in range(3_000)])
    assert repr(many).endswith("s4  None  <NA> None    None None\n… 2995 more rows") and len(repr(many)) < 300
    assert "<table" in Corpus([])._repr_html_() and repr(Corpus([])) == "Corpus(0 speeches, 0 skipped)"


def test_speech_display(real_corpus):
    speech = real_corpus[0]
    assert repr(speech) == f"Speech(id='govreport-2013', year=2013, chars={len(speech.text)}, title='{speech.title}')"
    html = speech._repr_html_()
    assert "<table" in html and "<pre" in html and len(html) < REPR_LIMIT
    assert speech.text[:50] in html and speech.text[-50:] not in html


def _glyph_warnings(tmp_path: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("政府工作报告")
        ax.bar(["高质量发展", "新质生产力"], [3, -2])
        fig.savefig(tmp_path / "mine.png")
        plt.close(fig)
    return [str(w.message) for w in caught if "Glyph" in str(w.message)]


def test_use_cjk_font_draws_chinese_in_a_users_figure(tmp_path):
    import matplotlib
    from matplotlib import font_manager

    from speechkit.render.fonts import covers

    with matplotlib.rc_context():  # the rc settings are the user's to keep; the test restores them
        default = font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"]))
        before = _glyph_warnings(tmp_path)
        if not covers(default):
            assert before, f"the default font {default} has no Chinese, yet no glyph was reported missing"
        path = sk.use_cjk_font()
        assert path == sk.font_path() and covers(path)
        assert not _glyph_warnings(tmp_path)
        assert font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"])) == str(path)
