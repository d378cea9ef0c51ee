"""Distinctive terms by default: keywords by year, word clouds, trend terms and the corpus
graph rank terms by keyness against the rest of the corpus, without officialese function
words; on the real national work reports among other kinds of documents."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pandas as pd
import pytest
from cli_run import run

from speechkit.analysis.keyness import distinctive_terms, distinctive_vocabulary, group_counts, group_rankings
from speechkit.analysis.keywords import corpus_keywords
from speechkit.analysis.officialese import load_officialese
from speechkit.errors import SpeechkitError

NATIONAL = "national-gov-work-report"
NAMED_IN_THE_ISSUE = ("这是", "在于", "离不开", "进一步", "只能", "严加", "立足于")


def test_the_bundled_officialese_list_holds_function_words_of_every_source_and_can_be_replaced(tmp_path):
    words = load_officialese()
    assert set(NAMED_IN_THE_ISSUE) <= words
    # From the parts of speech (conjunction, pronoun, adverb), the verb patterns and the reviewed list.
    assert {"因此", "我们", "不断", "有利于", "致力于", "进行", "能够", "这也是"} <= words
    # Content words of the reports are not function words.
    assert not {"改革", "发展", "疫情", "高质量发展", "经济", "就业"} & words
    empty = tmp_path / "none.txt"
    empty.write_text("# keep every word\n", encoding="utf-8")
    assert load_officialese(empty) == frozenset()
    with pytest.raises(SpeechkitError, match="not found"):
        load_officialese(tmp_path / "missing.txt")


def test_distinctive_terms_need_significance_and_a_doubled_rate():
    target = Counter({"疫情": 30, "发展": 120, "经济": 60, "在于": 40})
    reference = Counter({"疫情": 2, "发展": 400, "经济": 150, "在于": 10, "改革": 300})
    found = [k.term for k in distinctive_terms(target, reference, exclude=frozenset({"在于"}))]
    # 发展 and 经济 are used a little more than elsewhere (significant, not twice as often); 在于 is excluded.
    assert found == ["疫情"]


def test_group_rankings_compare_with_the_rest_or_a_reference_group_and_fall_back_to_counts():
    groups = {2013: Counter({"金融危机": 20, "发展": 100, "物价": 15}), 2020: Counter({"疫情": 25, "发展": 90, "物价": 2}),
              2024: Counter({"高质量发展": 20, "发展": 95, "物价": 3})}
    rankings = group_rankings(groups)
    assert [k.term for k in rankings[2013][1]][:2] == ["金融危机", "物价"] and rankings[2013][0] == "keyness"
    against_2013 = group_rankings(groups, reference="2013")
    assert [k.term for k in against_2013[2020][1]] == ["疫情"]
    assert group_rankings({2013: groups[2013]})[2013][0] == "frequency"
    assert [k.term for k in group_rankings(groups, weight="frequency")[2020][1]][:2] == ["发展", "疫情"]
    with pytest.raises(SpeechkitError, match="--reference-group: no group 1999"):
        group_rankings(groups, reference=1999)
    # Each group's best term comes first (the strongest first), then each group's second.
    assert set(distinctive_vocabulary(groups, 3)) == {"金融危机", "疫情", "高质量发展"}
    assert distinctive_vocabulary(groups, 4)[3] == "物价"


@pytest.fixture(scope="module")
def mixed_run(mixed_dir, tmp_path_factory):
    """analyze over real/ + genres/ with metadata, recording the weights handed to each word cloud."""
    import speechkit.render.wordcloud as wordcloud
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.run import analyze

    out = tmp_path_factory.mktemp("mixed-out")
    clouds: dict[str, dict] = {}
    original = wordcloud.draw_wordcloud

    def recording(frequencies, path, **options):
        clouds[path.name] = dict(frequencies)
        return original(frequencies, path, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPEECHKIT_CACHE", str(tmp_path_factory.mktemp("cache")))
        patch.setattr(wordcloud, "draw_wordcloud", recording)
        summary = analyze(mixed_dir, out, options=AnalysisOptions(speech_pictures=False))
    return summary, out, clouds


@pytest.fixture(scope="module")
def corpus_top20(mixed_dir):
    import speechkit as sk

    counts = group_counts(sk.read_corpus(mixed_dir))
    return {term for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]}


def test_keywords_by_year_of_the_national_reports_are_not_the_corpus_most_frequent_terms(mixed_run, corpus_top20):
    summary, out, _ = mixed_run
    frame = pd.read_csv(out / "tables" / "keywords_by_year.csv")
    national = frame[frame["kind"] == NATIONAL]
    assert sorted(national["year"].unique()) == list(range(2012, 2025))
    assert set(national["weight"]) == {"keyness"}
    for year, group in national.groupby("year"):
        top10 = list(group.sort_values("rank")["term"])[:10]
        assert len(top10) == 10 and len(set(top10) & corpus_top20) <= 1, (year, top10)
        assert not set(top10) & load_officialese()
    assert {"疫情", "疫情防控"} & set(national[national["year"] == 2020]["term"])
    assert "高质量发展" in set(national[national["year"] == 2024]["term"])


def test_the_check_fails_for_corpus_tfidf_keywords(mixed_dir, corpus_top20):
    import speechkit as sk

    reports = [s for s in sk.read_corpus(mixed_dir) if s.meta.get("kind") == NATIONAL]
    frame = corpus_keywords(reports, method="tfidf", top=10, by="year")
    assert max(len(set(group["term"]) & corpus_top20) for _, group in frame.groupby("year")) > 1


def test_word_clouds_of_the_national_reports_are_sized_by_keyness(mixed_run, corpus_top20):
    _, out, clouds = mixed_run
    national = {name: weights for name, weights in clouds.items() if name.startswith(f"wordcloud-{NATIONAL}-")}
    assert len(national) == 13
    for name, weights in national.items():
        top10 = sorted(weights, key=lambda t: (-weights[t], t))[:10]
        assert len(set(top10) & corpus_top20) <= 1, (name, top10)
        assert not set(weights) & load_officialese()
        assert (out / "wordclouds" / name).exists()


def test_a_mixed_corpus_is_grouped_by_kind_with_a_warning(mixed_run):
    summary, out, _ = mixed_run
    mixture = [w for w in summary.warnings if "mixes" in w]
    assert len(mixture) == 1 and "values of kind" in mixture[0] and "--pool" in mixture[0]
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["grouping"]["by"] == "kind" and data["grouping"]["mixed"] is True


def test_keyness_table_and_two_sided_chart_are_written(mixed_run):
    _, out, _ = mixed_run
    keyness = pd.read_csv(out / "tables" / "keyness_by_year.csv")
    assert list(keyness.columns) == ["kind", "year", "term", "target_count", "reference_count", "g2", "log_ratio", "p"]
    national_2024 = keyness[(keyness["kind"] == NATIONAL) & (keyness["year"] == 2024)]
    assert (national_2024["g2"] > 0).any() and (national_2024["g2"] < 0).any()
    assert not set(keyness["term"]) & load_officialese()
    chart = out / "charts" / f"keyness-2024-{NATIONAL}.png"
    assert chart.exists() and chart.stat().st_size > 10_000


def test_corpus_graph_nodes_are_distinctive_and_edges_carry_npmi(mixed_run, corpus_top20):
    _, out, _ = mixed_run
    graph = json.loads((out / "graphs" / "cooccurrence.json").read_text(encoding="utf-8"))
    nodes = {node["id"] for node in graph["nodes"]}
    assert not nodes & load_officialese()
    assert not {"发展", "建设"} & nodes  # the two most frequent terms set no period apart
    assert graph["edges"] and all(isinstance(e["weight"], int) and -1 <= e["npmi"] <= 1 for e in graph["edges"])


def test_cli_keywords_by_year_rank_by_keyness_unless_asked_for_frequency(monkeypatch, capsys, mixed_dir, tmp_path):
    folder = tmp_path / "national"
    folder.mkdir()
    for name in ("govreport-2013.txt", "govreport-2020.txt", "govreport-2024.txt"):
        shutil.copyfile(mixed_dir / name, folder / name)
    code, out, err = run(monkeypatch, capsys, "keywords", folder, "--by", "year", "-n", "5", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and {r["weight"] for r in rows} == {"keyness"}
    assert "疫情" in {r["term"] for r in rows if r["year"] == 2020}
    code, out, err = run(monkeypatch, capsys, "keywords", folder, "--by", "year", "-n", "5", "--weight", "frequency", "--format", "json")
    assert code == 0 and "发展" in {r["term"] for r in json.loads(out) if r["year"] == 2020}
    code, out, err = run(monkeypatch, capsys, "keywords", folder, "--by", "year", "--reference-group", "1999")
    assert code == 2 and err.strip().startswith("speechkit: error: --reference-group: no year 1999")


def test_cli_wordcloud_by_year_sizes_words_by_keyness(monkeypatch, capsys, mixed_dir, tmp_path):
    import speechkit.render.wordcloud as wordcloud

    folder = tmp_path / "national"
    folder.mkdir()
    for name in ("govreport-2013.txt", "govreport-2020.txt", "govreport-2024.txt"):
        shutil.copyfile(mixed_dir / name, folder / name)
    drawn: dict[str, dict] = {}
    original = wordcloud.draw_wordcloud

    def recording(frequencies, path, **options):
        drawn[path.name] = dict(frequencies)
        return original(frequencies, path, **options)

    monkeypatch.setattr(wordcloud, "draw_wordcloud", recording)
    code, out, err = run(monkeypatch, capsys, "wordcloud", folder, "--by", "year", "-o", tmp_path / "clouds")
    assert code == 0, err
    weights = drawn["wordcloud-2020.png"]
    top = sorted(weights, key=lambda t: (-weights[t], t))[:5]
    assert {"疫情", "疫情防控"} & set(top) and "发展" not in weights and not set(weights) & load_officialese()
    drawn.clear()
    code, out, err = run(monkeypatch, capsys, "wordcloud", folder, "--by", "year", "-o", tmp_path / "counts", "--weight", "frequency")
    assert code == 0 and max(drawn["wordcloud-2020.png"], key=drawn["wordcloud-2020.png"].get) == "发展"


def test_analyze_refuses_an_unknown_weight_or_reference_year(monkeypatch, capsys, tmp_path):
    from conftest import CORPUS

    code, out, err = run(monkeypatch, capsys, "analyze", CORPUS, "-o", tmp_path / "a", "--weight", "tfidf")
    assert code == 2 and err.strip() == "speechkit: error: --weight: choose one of keyness, frequency, not 'tfidf'"
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    code, out, err = run(monkeypatch, capsys, "analyze", CORPUS, "-o", tmp_path / "b", "--no-speech-pictures",
                         "--reference-group", "1999")
    assert code == 2 and "--reference-group: no speech of the year 1999 (have: 2018, 2019" in err


def test_keywords_by_year_against_a_reference_year(demo_corpus):
    from speechkit.pipeline.corpus_tables import build_tables
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.per_speech import speech_result

    options = AnalysisOptions(reference_group="2018")
    results = [speech_result(s, options) for s in demo_corpus]
    tables = build_tables(demo_corpus, results, options)
    keyness = tables.frames["keyness_by_year"]
    # 2023 against 2018 alone: its counts in the reference column are 2018's.
    counts_2018 = tables.years[None].tally.table("terms")[2018]
    rows = keyness[keyness["year"] == 2023]
    assert not rows.empty and all(counts_2018.get(term, 0) == n for term, n in zip(rows["term"], rows["reference_count"]))
    assert tables.years[None].reference == 2018
