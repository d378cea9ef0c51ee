"""One segmentation configuration (segmenter, dictionaries, stopwords, formulation
lexicon) reaches every extractor a command or an API call runs.

A made-up word (犇骉数链) is cut into single characters by the engines; a user
dictionary naming it a noun turns 四大犇骉数链工程 into a numbered formulation (a
numeral with 大 before a noun phrase ending in 工程). A made-up formulation (三个犇骉园区)
in a lexicon makes its numeral no metric. A passage shared with a reference that begins
inside the word 犇骉数链港 starts after it once the dictionary names the word.
"""

from __future__ import annotations

import json

import pytest
from cli_run import run

from speechkit.analysis.by_group.compare import compare
from speechkit.cli.options import Segmentation as CommandSegmentation
from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.slogans.lexicon import load_lexicon
from speechkit.ingest.read import read_corpus
from speechkit.pipeline.options import AnalysisOptions
from speechkit.segment import Segmentation, get_tokenizer
from speechkit.speech import Speech

FORMULA = "四大犇骉数链工程"
LEXICON_LINE = "三个犇骉园区\t\tnumbered\t为检验而编的提法\n"
METRIC_TEXT = "2024年全区共建成三个犇骉园区，新增企业12家。\n"


@pytest.fixture
def folder(tmp_path):
    """Two years of a short report, the second launching 四大犇骉数链工程; a user dictionary
    naming 犇骉数链 a noun; a lexicon with 三个犇骉园区."""
    speeches = tmp_path / "speeches"
    speeches.mkdir()
    (speeches / "2021.txt").write_text("2021年政府工作报告\n一、工作回顾\n我们坚持稳中求进，推动高质量发展。\n", encoding="utf-8")
    (speeches / "2022.txt").write_text(f"2022年政府工作报告\n一、工作回顾\n我们要实施{FORMULA}，推动高质量发展。\n",
                                       encoding="utf-8")
    (tmp_path / "userdict.txt").write_text("犇骉数链 50 n\n", encoding="utf-8")
    (tmp_path / "lexicon.tsv").write_text(f"canonical\tvariants\tkind\tgloss\n{LEXICON_LINE}", encoding="utf-8")
    (tmp_path / "metrics.txt").write_text(METRIC_TEXT, encoding="utf-8")
    return tmp_path


def _slogans(out: str) -> set[str]:
    return {row["slogan"] for row in json.loads(out)["slogans"]}


def test_compare_slogans_follow_the_user_dictionary(monkeypatch, capsys, folder):
    outputs = []
    for extra in ([], ["--userdict", folder / "userdict.txt"]):
        code, out, err = run(monkeypatch, capsys, "compare", folder / "speeches", "--table", "slogans", "-f", "json", *extra)
        assert code == 0, err
        outputs.append(_slogans(out))
    assert FORMULA not in outputs[0]
    assert FORMULA in outputs[1] and outputs[1] - outputs[0] == {FORMULA}


def test_compare_takes_the_segmentation_of_its_results(folder):
    corpus = read_corpus(folder / "speeches")
    plain = compare(corpus.results(use_cache=False), extras=True)
    segmentation = Segmentation(user_dicts=(folder / "userdict.txt",))
    whole = compare(corpus.results(use_cache=False, **segmentation.result_options()), extras=True)
    assert FORMULA not in plain.extra["slogans"].index.get_level_values(0)
    assert FORMULA in whole.extra["slogans"].index.get_level_values(0)
    assert "犇骉数链" in set(whole.rates["term"]) and "犇骉数链" not in set(plain.rates["term"])
    # The corpus' own methods take the options of their results alike.
    options = AnalysisOptions(use_cache=False, **segmentation.result_options())
    assert FORMULA in corpus.compare(options=options).extra["slogans"].index.get_level_values(0)
    assert FORMULA in corpus.slogans(options=options).index.get_level_values(0)
    assert FORMULA not in corpus.slogans(options=AnalysisOptions(use_cache=False)).index.get_level_values(0)


def test_a_lexicon_of_ones_own_reaches_the_results_extractors(folder):
    speeches = folder / "speeches"
    (speeches / "2023.txt").write_text("2023年政府工作报告\n" + METRIC_TEXT, encoding="utf-8")
    corpus = read_corpus(speeches)
    segmentation = Segmentation(lexicon=folder / "lexicon.tsv")
    options = AnalysisOptions(use_cache=False, **segmentation.result_options())
    assert options.segmentation() == Segmentation(lexicon=str((folder / "lexicon.tsv").absolute()))
    bundled, own = corpus.results(options=AnalysisOptions(use_cache=False)), corpus.results(options=options)
    assert "三个" in [m.raw for m in bundled[-1].records["metrics"]]
    assert "三个" not in [m.raw for m in own[-1].records["metrics"]]
    assert "三个犇骉园区" in {s.text for s in own[-1].records["slogans"]}


def test_a_custom_lexicon_reaches_the_metrics(folder):
    speech = Speech(METRIC_TEXT)
    assert [m.raw for m in extract_metrics(speech)] == ["三个", "12家"]
    assert [m.raw for m in extract_metrics(speech, lexicon=load_lexicon(folder / "lexicon.tsv"))] == ["12家"]


def test_metrics_command_takes_the_lexicon(monkeypatch, capsys, folder):
    raws = []
    for extra in ([], ["--lexicon", folder / "lexicon.tsv"]):
        code, out, err = run(monkeypatch, capsys, "metrics", folder / "metrics.txt", "-f", "json", *extra)
        assert code == 0, err
        raws.append([m["raw"] for m in json.loads(out)])
    assert raws == [["三个", "12家"], ["12家"]]


def test_reuse_passages_start_on_the_words_of_the_user_dictionary(monkeypatch, capsys, tmp_path):
    (tmp_path / "userdict.txt").write_text("犇骉数链港 50 ns\n", encoding="utf-8")
    for name, text in (("local/local-2023.txt", "2023年工作报告\n今年我们要加快犇骉数链港建设，取得新突破新进展新成效，推动高质量发展。\n"),
                       ("reference/central-2022.txt", "2022年工作报告\n各地要推动乙骉数链港建设，取得新突破新进展新成效，推动高质量发展。\n")):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    passages = []
    for extra in ([], ["--userdict", tmp_path / "userdict.txt"]):
        code, out, err = run(monkeypatch, capsys, "reuse", tmp_path / "local", "--against", tmp_path / "reference",
                             "--min-length", "10", "--table", "passages", "-f", "json", *extra)
        assert code == 0, err
        passages.append([p["text"] for p in json.loads(out)])
    assert passages == [["骉数链港建设，取得新突破新进展新成效，推动高质量发展"], ["建设，取得新突破新进展新成效，推动高质量发展"]]


def test_one_configuration_object_for_commands_and_runs():
    assert CommandSegmentation is Segmentation
    options = AnalysisOptions(segmenter="jieba", user_dicts=("a.txt",), extra_stopwords=("b.txt",))
    assert options.segmentation() == Segmentation("jieba", ("a.txt",), None, ("b.txt",), lexicon=None)
    # No option given: the very tokenizer the process default is, so the output cannot change.
    assert AnalysisOptions().tokenizer() is Segmentation().tokenizer() is get_tokenizer()
