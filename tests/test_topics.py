"""Topic models (NMF, LDA), coherence, and the topic graph."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from scipy.sparse import csr_matrix

from speechkit import Speech, SpeechkitError
from speechkit.analysis.terms import content_terms
from speechkit.analysis.topics import npmi_coherence, topic_graph, topic_model
from speechkit.render.graph_export import write_graph


@pytest.fixture(scope="module")
def seed_model(seed):
    return topic_model(seed)


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


def test_models_are_deterministic_and_lda_is_an_option(seed, seed_model):
    assert topic_model(seed).to_dict() == seed_model.to_dict()
    lda = topic_model(seed, k=4, method="lda", seed=1)
    assert lda.method == "lda" and lda.k == 4 and list(lda.coherence_by_k) == [4] and list(lda.selection["scores"]) == ["lda"]
    assert topic_model(seed, k=4, method="lda", seed=1).to_dict() == lda.to_dict()
    json.dumps(lda.to_dict(), ensure_ascii=False)


def test_section_units(seed):
    model = topic_model(seed, unit="section", k=2)
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
def test_bad_options_are_user_errors(seed, kwargs, message):
    with pytest.raises(SpeechkitError, match=message):
        topic_model(seed, **kwargs)


def test_too_little_text_is_a_user_error():
    with pytest.raises(SpeechkitError, match="need at least 3"):
        topic_model(Speech("园区发展。\n项目建设。"))


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
    model = topic_model(demo_corpus, k=5)
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
