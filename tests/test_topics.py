"""Topic models (NMF, LDA), coherence, boilerplate vocabulary, topic tables and charts, and the topic graph."""

from __future__ import annotations

import json
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.sparse import csr_matrix

from speechkit import Corpus, Speech, SpeechkitError
from speechkit.analysis.officialese import load_officialese
from speechkit.analysis.terms import content_terms
from speechkit.analysis.topics import (COHERENCE_MEASURE, CORPUS_TOPIC_K, ONE_DOCUMENT_SHARE, CountUnit, everywhere_terms,
                                       frame_terms, frex_scores, SEARCH_UNITS, model_summary, npmi_coherence, result_units,
                                       single_document_terms, speech_frequency, topic_graph, topic_model, topic_prevalence,
                                       topic_tables, without_terms)
from speechkit.pipeline import AnalysisOptions, analyze
from speechkit.pipeline.artefacts import draw_topic_prevalence
from speechkit.analysis.grouping import resolve_grouping
from speechkit.render.graph_export import write_graph


# The options the seed's model was first fitted with: k from 3 to 12, no word list left out.
SEED_OPTIONS = {"k_range": range(3, 13), "remove": ()}


@pytest.fixture(scope="module")
def seed_model(seed_results):
    return topic_model(seed_results, **SEED_OPTIONS)


def test_npmi_coherence_of_perfect_and_disjoint_pairs():
    # Terms 0 and 1 always together, 2 and 3 never together.
    incidence = csr_matrix([[1, 1, 1, 0], [1, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 1]])
    assert npmi_coherence(incidence, [[0, 1]]) == pytest.approx(1.0)
    assert npmi_coherence(incidence, [[2, 3]]) == pytest.approx(-1.0)
    assert npmi_coherence(incidence, [[0, 1], [2, 3]]) == pytest.approx(0.0)


def test_seed_model_picks_method_and_k_by_coherence(seed, seed_model):
    model = seed_model
    assert model.method in ("nmf", "lda") and model.unit == "paragraph"
    scores = model.selection["scores"]
    assert set(scores) == {"nmf", "lda"} and all(set(by_k) == {str(k) for k in range(3, 13)} for by_k in scores.values())
    best = max(v for by_k in scores.values() for v in by_k.values())
    assert model.coherence == best == scores[model.method][str(model.k)]
    # Ties go to the smaller k, then to NMF.
    winners = sorted((int(k), method != "nmf") for method, by_k in scores.items() for k, v in by_k.items() if v == best)
    assert (model.k, model.method != "nmf") == winners[0]
    assert model.coherence_by_k == {int(k): v for k, v in scores[model.method].items()}
    assert len(model.topics) == model.k
    vocabulary = {t.text for t in content_terms(seed)}
    for topic in model.topics:
        terms = [t["term"] for t in topic["terms"]]
        assert len(terms) == 10 and set(terms) <= vocabulary
        weights = [t["weight"] for t in topic["terms"]]
        assert weights == sorted(weights, reverse=True)
        assert len(topic["frex"]) == 10 and topic["label"] == "·".join(topic["frex"][:3])
    assert sum(t["share"] for t in model.topics) == pytest.approx(1, abs=1e-3)


def test_each_paragraph_has_topic_shares_and_a_section(seed, seed_model):
    units = seed_model.units
    assert len(units) == sum(1 for p in seed.paragraphs if content_terms(Speech(p.text)))
    placed = [u for u in units if u["main_topic"] is not None]
    assert len(placed) >= len(units) - 2
    for unit in units:
        if unit["main_topic"] is None:  # every term of it is rarer than min_df
            assert set(unit["shares"]) == {0.0}
            continue
        assert sum(unit["shares"]) == pytest.approx(1, abs=1e-5)
        assert unit["main_topic"] == unit["shares"].index(max(unit["shares"]))
        assert seed.text[unit["start"] : unit["end"]].strip()
    sections = {u["section"] for u in units if u["section"]}
    assert {s[:2] for s in sections} == {"一、", "二、", "三、"}


def test_topics_separate_party_building_from_investment(seed_model):
    """On the seed, one topic gathers 党组织/党员/党建 and another 投资/项目."""
    tops = [{t["term"] for t in topic["terms"]} for topic in seed_model.topics]
    party = [i for i, terms in enumerate(tops) if len(terms & {"党组织", "党员", "党建", "党建工作"}) >= 2]
    investment = [i for i, terms in enumerate(tops) if {"投资", "项目"} <= terms]
    assert party and investment and not set(party) & set(investment)


def test_models_are_deterministic_and_lda_is_an_option(seed_results, seed_model):
    assert topic_model(seed_results, **SEED_OPTIONS).to_dict() == seed_model.to_dict()
    lda = topic_model(seed_results, k=4, method="lda", seed=1)
    assert lda.method == "lda" and lda.k == 4 and list(lda.coherence_by_k) == [4] and list(lda.selection["scores"]) == ["lda"]
    assert topic_model(seed_results, k=4, method="lda", seed=1).to_dict() == lda.to_dict()
    json.dumps(lda.to_dict(), ensure_ascii=False)


def test_section_units(seed_results):
    model = topic_model(seed_results, unit="section", k=2)
    assert [u["section"][:2] for u in model.units if u["section"]] == ["一、", "二、", "三、"]


def test_frames(seed_model):
    topics = seed_model.topic_frame()
    assert list(topics.columns) == ["topic", "label", "rank", "term", "weight"] and len(topics) == 10 * seed_model.k
    units = seed_model.unit_frame()
    assert list(units.columns)[-seed_model.k :] == [f"topic_{i}" for i in range(seed_model.k)]


@pytest.mark.parametrize(
    "kwargs,message",
    [({"method": "lsa"}, "method"), ({"method": "best"}, "auto, nmf, lda"), ({"unit": "sentence"}, "paragraph or section"), ({"k": 100}, "k must be")],
)
def test_bad_options_are_user_errors(seed_results, kwargs, message):
    with pytest.raises(SpeechkitError, match=message):
        topic_model(seed_results, **kwargs)


def test_too_little_text_is_a_user_error():
    with pytest.raises(SpeechkitError, match="need at least 3"):
        topic_model(Corpus([Speech("园区发展。\n项目建设。")]).results(use_cache=False))


def test_topic_graph_of_a_speech_links_sections_to_their_main_topic(seed_model):
    graph = topic_graph(seed_model)
    kinds = nx.get_node_attributes(graph, "kind")
    topics = [n for n, k in kinds.items() if k == "topic"]
    sections = [n for n, k in kinds.items() if k == "section"]
    assert len(topics) == seed_model.k and len(sections) == 3
    for section in sections:
        neighbours = list(graph.neighbors(section))
        assert len(neighbours) == 1 and kinds[neighbours[0]] == "topic"
        assert graph.nodes[section]["community"] == graph.nodes[neighbours[0]]["community"]
    for topic in seed_model.topics:
        node = f"topic:{topic['topic']}"
        linked = {graph.nodes[n]["label"] for n in graph.neighbors(node) if kinds[n] == "term"}
        assert linked == {t["term"] for t in topic["terms"]}
    for _, data in graph.nodes(data=True):
        assert {"community", "pagerank", "degree", "betweenness", "weight", "label"} <= set(data)
    similarity = [d for _, _, d in graph.edges(data=True) if d["kind"] == "similarity"]
    assert all(0.05 <= d["weight"] <= 1 for d in similarity)


def test_topic_graph_of_a_corpus_links_speeches(demo_corpus, tmp_path):
    model = topic_model(demo_corpus.results(use_cache=False), k=5)
    graph = topic_graph(model)
    speeches = [n for n, d in graph.nodes(data=True) if d["kind"] == "speech"]
    assert sorted(speeches) == sorted(f"speech:{s.id}" for s in demo_corpus)
    assert not any(d["kind"] == "section" for _, d in graph.nodes(data=True))
    assert topic_graph(model, documents="none").number_of_nodes() == len(graph) - len(speeches)
    with pytest.raises(SpeechkitError):
        topic_graph(model, documents="chapter")
    loaded = nx.read_gexf(write_graph(graph, tmp_path / "topics.gexf"))
    assert loaded.nodes["topic:0"]["kind"] == "topic" and "pagerank" in loaded.nodes["topic:0"]
    assert write_graph(graph, tmp_path / "topics.png").stat().st_size > 50_000


# --- The corpus model on ../shared/data/real plus ../shared/data/genres, read where they are,
# with the year, kind and level of their SOURCES.tsv rows.

OPENING_FORMULA = {"政府工作报告", "国务院", "审议", "大会", "代表", "请予"}


@pytest.fixture(scope="module")
def mixed_corpus(real_dir, genres_dir):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _common import sourced_corpus

    corpus = sourced_corpus((real_dir, genres_dir))
    assert len(corpus) == 36 and len({s.id for s in corpus}) == 36
    return corpus


@pytest.fixture(scope="module")
def mixed_results(mixed_corpus, cache_dir):
    return mixed_corpus.results()


@pytest.fixture(scope="module")
def mixed_units(mixed_results):
    return result_units([(s.id, r) for s, r in mixed_results.pairs()], "paragraph")


@pytest.fixture(scope="module")
def mixed_model(mixed_results):
    return topic_model(mixed_results, remove=())


@pytest.fixture(scope="module")
def analyzed(mixed_corpus, cache_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("analyzed")
    return analyze(mixed_corpus, out, options=AnalysisOptions(group_by="level", speech_pictures=False)), out


def test_no_topic_is_the_opening_formula(mixed_model):
    for topic in mixed_model.topics:
        top = {t["term"] for t in topic["terms"]}
        assert len(top & OPENING_FORMULA) <= 1, topic
        assert len(set(topic["frex"]) & OPENING_FORMULA) <= 1, topic


def test_formula_vocabulary_is_found_from_where_terms_occur(mixed_units, mixed_model):
    frame = frame_terms(mixed_units)
    assert {"请予", "审议", "政府工作报告", "大会"} <= set(frame)
    # The reports' last sections (Taiwan, foreign policy) and their themes are content.
    assert not {"九二共识", "人工智能", "物流", "乡村振兴"} & set(frame)
    assert mixed_model.removed["frame"] == frame
    frequency = speech_frequency(mixed_units)
    assert all(frequency[t] >= 0.9 * 36 for t in mixed_model.removed["everywhere"])
    assert {"发展", "建设"} <= set(mixed_model.removed["everywhere"])
    assert all(frequency[t] == 1 for t in mixed_model.removed["single_document"])
    removed = {t for terms in mixed_model.removed.values() for t in terms}
    assert not removed & set(mixed_model.vocabulary)


def test_frame_terms_need_the_frame_of_many_speeches_and_a_lift():
    """Ten speeches of 30 paragraphs: 开幕 opens each; 经济 is in every paragraph; 致辞 is in
    the opening of two only; 台湾 closes each but is in a third of their bodies too."""
    units = []
    for s in range(10):
        for i in range(30):
            counts = {"经济": 1}
            if i == 0:
                counts["开幕"] = 1
            if i == 1 and s < 2:
                counts["致辞"] = 1
            if i == 29 or i % 3 == 0:
                counts["台湾"] = 1
            if s == 0 and i == 10:
                counts["个别"] = 1
            units.append(CountUnit(f"s{s}", i, i, i + 1, None, counts))
    assert frame_terms(units) == ["开幕"]
    assert everywhere_terms(units) == ["台湾", "开幕", "经济"]
    assert single_document_terms(units) == ["个别"]
    assert [u.counts for u in without_terms(units[:2], {"经济", "台湾"})] == [{"开幕": 1}, {"致辞": 1}]


def test_a_given_list_is_left_out_too(seed_results):
    kept = topic_model(seed_results, k=3, method="nmf", remove=())
    assert "园区" in kept.vocabulary
    model = topic_model(seed_results, k=3, method="nmf", remove={"园区"})
    assert "园区" not in model.vocabulary and model.removed == {"given": ["园区"]}


def test_the_officialese_words_are_left_out_by_default_as_analyze_does(seed_results):
    model = topic_model(seed_results, k=3, method="nmf")
    assert model.removed == {"given": sorted(load_officialese())}
    assert not load_officialese() & set(model.vocabulary)
    assert load_officialese() & set(topic_model(seed_results, k=3, method="nmf", remove=()).vocabulary)


def test_the_choice_is_by_coherence_on_held_out_paragraphs(mixed_units, mixed_model):
    selection = mixed_model.selection
    assert selection["held_out_units"] == len(mixed_units) // 5 and selection["fitted_units"] == SEARCH_UNITS
    scores = selection["scores"]
    assert set(scores) == {"nmf", "lda"} and all(set(v) == {str(k) for k in CORPUS_TOPIC_K} for v in scores.values())
    best = max((v, -int(k)) for by_k in scores.values() for k, v in by_k.items())
    assert scores[mixed_model.method][str(mixed_model.k)] == best[0] and mixed_model.k == -best[1]
    # The model's coherence, recomputed here: NPMI of its top terms over every fifth paragraph.
    held = [u for i, u in enumerate(mixed_units) if i % 5 == 4]
    vocabulary = sorted({t for u in held for t in u.counts})
    index = {t: j for j, t in enumerate(vocabulary)}
    incidence = csr_matrix([[1 if t in u.counts else 0 for t in vocabulary] for u in held])
    tops = [[index[t["term"]] for t in topic["terms"] if t["term"] in index] for topic in mixed_model.topics]
    assert mixed_model.coherence == pytest.approx(npmi_coherence(incidence, tops), abs=1e-6)
    assert selection["measure"] == COHERENCE_MEASURE and "NPMI" in COHERENCE_MEASURE


def test_a_topic_mostly_from_one_speech_is_flagged(mixed_model):
    for topic in mixed_model.topics:
        weights: dict[str, float] = {}
        for unit in mixed_model.units:
            weights[unit["speech"]] = weights.get(unit["speech"], 0) + unit["shares"][topic["topic"]]
        speech = max(weights, key=weights.get)
        share = weights[speech] / sum(weights.values())
        assert topic["top_speech"] == speech and topic["top_speech_share"] == pytest.approx(share, abs=1e-4)
        assert topic["one_document"] == (share > ONE_DOCUMENT_SHARE)
    logistics = [t for t in mixed_model.topics if "物流" in t["frex"][:3]]
    assert logistics and all(t["one_document"] and t["top_speech"] == "policy-logistics-14th-fyp-2022" for t in logistics)


def test_frex_ranks_exclusive_frequent_terms_first():
    components = np.array([[0.5, 0.3, 0.2, 0.0], [0.5, 0.0, 0.2, 0.3]])
    frex = frex_scores(components)
    # Topic 0: frequency ranks 1, .75, .5, .25; exclusivity 0.5, 1, 0.5, 0 ranks .625, 1, .625, .25.
    assert frex[0] == pytest.approx([1 / (0.5 / 0.625 + 0.5 / 1), 1 / (0.5 / 1 + 0.5 / 0.75), 1 / (0.5 / 0.625 + 0.5 / 0.5),
                                     1 / (0.5 / 0.25 + 0.5 / 0.25)])
    assert int(frex[0].argmax()) == 1 and int(frex[1].argmax()) == 3


def _mean_rows(frame, speeches):
    return frame[frame["speech"].isin(speeches)].drop(columns="speech").mean()


def test_topics_by_speech_and_by_year_sum_to_one(mixed_corpus, mixed_results, mixed_model):
    tables = topic_tables(mixed_results, model=mixed_model, pool=True)
    topics = [f"topic_{i}" for i in range(mixed_model.k)]
    by_speech, by_year = tables["topics_by_speech"], tables["topics_by_year"]
    assert sorted(by_speech["speech"]) == sorted(s.id for s in mixed_corpus)
    assert by_speech[topics].sum(axis=1).to_numpy() == pytest.approx(1, abs=1e-5)
    assert list(by_year.columns) == ["year", *topics]
    assert list(by_year["year"]) == sorted({s.year for s in mixed_corpus})
    assert by_year[topics].sum(axis=1).to_numpy() == pytest.approx(1, abs=1e-5)
    provinces = [s.id for s in mixed_corpus if s.year == 2026]
    expected = _mean_rows(by_speech, provinces)
    row = by_year[by_year["year"] == 2026][topics].iloc[0]
    assert row.to_numpy() == pytest.approx((expected / expected.sum()).to_numpy(), abs=1e-5)
    assert list(tables["topics"]["label"]) == [t["label"] for t in mixed_model.topics]


def test_topics_by_a_docvar_and_by_year_within_it(mixed_corpus, mixed_results, mixed_model):
    tables = topic_tables(mixed_results, model=mixed_model, by="kind")
    topics = [f"topic_{i}" for i in range(mixed_model.k)]
    by_kind, by_year, by_speech = tables["topics_by_kind"], tables["topics_by_year"], tables["topics_by_speech"]
    kinds = {s.id: s.meta.get("kind") for s in mixed_corpus}
    assert set(by_kind["kind"]) == set(kinds.values())
    assert list(by_year.columns) == ["kind", "year", *topics]
    assert by_kind[topics].sum(axis=1).to_numpy() == pytest.approx(1, abs=1e-5)
    assert by_year[topics].sum(axis=1).to_numpy() == pytest.approx(1, abs=1e-5)
    reports = [sid for sid, kind in kinds.items() if kind == "national-gov-work-report"]
    expected = _mean_rows(by_speech, reports)
    row = by_kind[by_kind["kind"] == "national-gov-work-report"][topics].iloc[0]
    assert row.to_numpy() == pytest.approx((expected / expected.sum()).to_numpy(), abs=1e-5)
    assert len(by_year[by_year["kind"] == "national-gov-work-report"]) == len(reports)


def test_prevalence_charts_are_drawn_per_group_and_byte_stable(mixed_corpus, mixed_results, mixed_model, tmp_path):
    grouping = resolve_grouping(mixed_corpus, "level")
    by_year = topic_tables(mixed_results, model=mixed_model, by="level")["topics_by_year"]
    first = draw_topic_prevalence(by_year, mixed_model, grouping, tmp_path / "a")
    second = draw_topic_prevalence(by_year, mixed_model, grouping, tmp_path / "b")
    assert sorted(p.name for p in first) == sorted(f"topic_prevalence-{level}.png" for level in
                                                   ("national", "provincial", "district", "local", "city"))
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    pooled_grouping = resolve_grouping(mixed_corpus, pool=True)
    pooled = draw_topic_prevalence(topic_tables(mixed_results, model=mixed_model, pool=True)["topics_by_year"],
                                   mixed_model, pooled_grouping, tmp_path / "c")
    assert [p.name for p in pooled] == ["topic_prevalence.png"] and pooled[0].stat().st_size > 20_000


def test_speech_labels_of_the_topic_graph_picture_are_whole(mixed_model):
    from speechkit.render.graph_png import _labels

    graph = topic_graph(mixed_model)
    nodes = list(graph.nodes)
    labels = _labels(graph, nodes, {n: 1.0 for n in nodes}, None)
    assert labels["speech:provincial-govreport-guangdong-2026"] == "provincial-govreport-guangdong-2026"
    assert labels["speech:report-national-statecouncil-digital-economy-to-npcsc-2022"].endswith("npcsc-2022")


def test_analyze_writes_the_topic_tables_chart_and_choice(analyzed, mixed_corpus):
    summary, out = analyzed
    model = json.loads((out / "graphs" / "topics_model.json").read_text(encoding="utf-8"))
    assert summary.topics == model_summary(model)
    assert summary.topics["method"] in ("nmf", "lda") and summary.topics["scores"] == model["selection"]["scores"]
    saved = json.loads((out / "summary.json").read_text(encoding="utf-8"))["topics"]
    assert saved["k"] == model["k"] and saved["measure"] == COHERENCE_MEASURE
    by_year = pd.read_csv(out / "tables" / "topics_by_year.csv")
    topics = [f"topic_{i}" for i in range(model["k"])]
    assert list(by_year.columns) == ["level", "year", *topics]
    assert by_year[topics].sum(axis=1).to_numpy() == pytest.approx(1, abs=1e-5)
    assert set(pd.read_csv(out / "tables" / "topics_by_level.csv")["level"]) == {s.meta.get("level") for s in mixed_corpus}
    assert (out / "tables" / "topics_by_speech.csv").exists() and (out / "tables" / "topics.csv").exists()
    assert (out / "graphs" / "topic_prevalence-national.png").exists()
    assert "topic_prevalence-national.png" in (out / "report" / "topics.html").read_text(encoding="utf-8")
    for topic in model["topics"]:
        assert len({t["term"] for t in topic["terms"]} & OPENING_FORMULA) <= 1


@given(st.lists(st.lists(st.floats(0, 1), min_size=4, max_size=4), min_size=2, max_size=5))
@example([[0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0]])
def test_frex_is_a_share_and_top_for_a_term_first_on_both_ranks(rows):
    components = np.array(rows) + 1e-9
    components /= components.sum(axis=1, keepdims=True)
    frex = frex_scores(components)
    assert ((frex > 0) & (frex <= 1 + 1e-12)).all()
    exclusivity = components / components.sum(axis=0, keepdims=True)
    for topic, row in enumerate(components):
        best = [j for j in range(4) if row[j] == row.max() and exclusivity[topic, j] == exclusivity[topic].max()]
        if best:  # a term first on both ranks has the largest FREX of its topic
            assert frex[topic, best[0]] == pytest.approx(frex[topic].max())


@given(st.lists(st.tuples(st.lists(st.floats(0.01, 1), min_size=3, max_size=3), st.sampled_from([2020, 2021, None])),
                min_size=1, max_size=12))
def test_prevalence_rows_sum_to_one_and_average_each_speech_once(speeches):
    by_speech = pd.DataFrame([{"speech": f"s{i}", **{f"topic_{t}": v / sum(values) for t, v in enumerate(values)}}
                              for i, (values, _) in enumerate(speeches)])
    years = {f"s{i}": year for i, (_, year) in enumerate(speeches)}
    table = topic_prevalence(by_speech, years, "year")
    assert list(table["year"]) == sorted({y for y in years.values() if y is not None})
    topics = ["topic_0", "topic_1", "topic_2"]
    assert table[topics].sum(axis=1).to_numpy() == pytest.approx(1, abs=1e-5)
    for year in table["year"]:
        members = by_speech[by_speech["speech"].map(years) == year][topics]
        assert table[table["year"] == year][topics].iloc[0].to_numpy() == pytest.approx(members.mean().to_numpy(), abs=1e-5)
