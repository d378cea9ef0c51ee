"""Co-occurrence graphs, association measures, communities and graph files."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import warnings

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from cli_run import run

from speechkit import SpeechkitError
from speechkit.analysis.cooccurrence import association, count_cooccurrence, window_units
from speechkit.analysis.graphs import cooccurrence_graph, graph_data
from speechkit.analysis.officialese import load_officialese
from speechkit.analysis.terms import content_terms
from speechkit.render.graph_export import plain_graph, write_graph

NODE_ATTRIBUTES = {"label", "frequency", "tfidf", "degree", "betweenness", "pagerank", "community"}


# The options the seed's graph was first written with: sentences, Jaccard, the 60 most frequent terms.
SEED_OPTIONS = {"measure": "jaccard", "top_n": 60}


@pytest.fixture(scope="module")
def seed_graph(seed_results):
    return cooccurrence_graph(seed_results, **SEED_OPTIONS)


def test_counts_and_measures_on_a_small_example():
    units = [["甲", "乙"], ["甲", "乙", "丙"], ["甲"], ["丙", "丙"]]
    counts = count_cooccurrence(units)
    assert counts.vocabulary == ["丙", "乙", "甲"] and counts.units == 4
    assert list(counts.unit_frequency) == [2, 2, 3]
    assert list(counts.iter_pairs()) == [(0, 1, 1), (0, 2, 1), (1, 2, 2)]
    # 甲 and 乙: in 2 units together, 3 and 2 units each, of 4.
    assert association("jaccard", 2, 3, 2, 4) == pytest.approx(2 / 3)
    assert association("dice", 2, 3, 2, 4) == pytest.approx(0.8)
    assert association("cosine", 2, 3, 2, 4) == pytest.approx(2 / math.sqrt(6))
    assert association("pmi", 2, 3, 2, 4) == pytest.approx(math.log2(4 * 2 / 6))
    with pytest.raises(ValueError):
        association("lift", 1, 1, 1, 1)


def test_window_units():
    assert window_units(["a", "b", "c", "d"], 3) == [["a", "b", "c"], ["b", "c", "d"]]
    assert window_units(["a"], 3) == [["a"]] and window_units([], 3) == []


def test_seed_graph_nodes_edges_and_attributes(seed, seed_graph):
    graph = seed_graph
    assert 10 < len(graph) <= 60 and 0 < graph.number_of_edges() <= 150
    terms = {t.text for t in content_terms(seed)}
    assert set(graph) <= terms and "园区" in graph
    assert not set(graph) & load_officialese()  # function words are never nodes
    for node, data in graph.nodes(data=True):
        assert set(data) == NODE_ATTRIBUTES and data["label"] == node
        assert data["degree"] == graph.degree(node) > 0
    assert sum(d["pagerank"] for _, d in graph.nodes(data=True)) == pytest.approx(1, abs=1e-4)
    for _, _, data in graph.edges(data=True):
        assert set(data) == {"weight", "jaccard"}
        assert data["weight"] >= 2 and 0 < data["jaccard"] <= 1
    assert graph.graph == {"kind": "cooccurrence", "context": "sentence", "measure": "jaccard", "units": graph.graph["units"]}
    communities = {d["community"] for _, d in graph.nodes(data=True)}
    assert communities == set(range(len(communities))) and len(communities) > 1


def test_edge_counts_are_shared_sentences(seed, seed_graph):
    a, b, data = next(iter(seed_graph.edges(data=True)))
    shared = sum(1 for s in seed.sentences if a in s.text and b in s.text)
    assert data["weight"] <= shared  # a term can be written inside a longer word


def test_pruning_options(seed_results):
    small = cooccurrence_graph(seed_results, top_n=20, max_edges=10, min_count=3, measure="jaccard")
    assert len(small) <= 20 and small.number_of_edges() <= 10
    assert all(d["weight"] >= 3 for _, _, d in small.edges(data=True))
    strong = cooccurrence_graph(seed_results, max_edges=None, min_association=0.3, measure="jaccard")
    assert all(d["jaccard"] >= 0.3 for _, _, d in strong.edges(data=True))
    isolates = cooccurrence_graph(seed_results, top_n=30, max_edges=5, keep_isolates=True)
    assert len(isolates) == 30


@pytest.mark.parametrize("context,measure", [("paragraph", "pmi"), ("section", "dice"), ("sentence", "cosine"),
                                             ("sentence", "npmi")])
def test_contexts_and_measures(seed_results, context, measure):
    graph = cooccurrence_graph(seed_results, context=context, measure=measure)
    assert graph.number_of_edges() > 0
    assert all(set(d) == {"weight", measure} for _, _, d in graph.edges(data=True))
    values = [d[measure] for _, _, d in graph.edges(data=True)]
    assert values == [round(v, 6) for v in values]


def test_bad_options_are_user_errors(seed_results):
    with pytest.raises(SpeechkitError, match="measure"):
        cooccurrence_graph(seed_results, measure="lift")
    for context in ("chapter", "window"):  # results keep sentences, paragraphs and sections, not the word order
        with pytest.raises(SpeechkitError, match="context"):
            cooccurrence_graph(seed_results, context=context)


def test_communities_depend_on_the_seed_only(seed_results):
    first = cooccurrence_graph(seed_results, seed=7)
    again = cooccurrence_graph(seed_results, seed=7)
    assert graph_data(first) == graph_data(again)


def test_corpus_graph(real_corpus):
    real_results = real_corpus.results()
    graph = cooccurrence_graph(real_results, max_edges=200, weight="frequency", exclude=())
    assert len(graph) > 40 and "发展" in graph
    assert all(d["tfidf"] > 0 for _, d in graph.nodes(data=True))
    # The default graph is of the terms that set the years apart: not every year's 发展.
    distinctive = cooccurrence_graph(real_results)
    assert len(distinctive) > 40 and "发展" not in distinctive and distinctive.graph["measure"] == "npmi"


def test_gexf_loads_back_with_every_attribute(seed_graph, tmp_path):
    path = write_graph(seed_graph, tmp_path / "seed.gexf")
    loaded = nx.read_gexf(path)
    assert set(loaded) == set(seed_graph) and loaded.number_of_edges() == seed_graph.number_of_edges()
    for node, data in loaded.nodes(data=True):
        assert {"community", "pagerank", "degree", "betweenness", "frequency", "tfidf"} <= set(data)
        assert data["label"] == node
        assert data["pagerank"] == pytest.approx(seed_graph.nodes[node]["pagerank"])
        assert data["community"] == seed_graph.nodes[node]["community"]
    for a, b, data in loaded.edges(data=True):
        assert data["weight"] == seed_graph.edges[a, b]["weight"]
        assert data["jaccard"] == pytest.approx(seed_graph.edges[a, b]["jaccard"])
    assert "lastmodifieddate" not in path.read_text(encoding="utf-8")


def test_graphml_json_and_csv_load_back(seed_graph, tmp_path):
    graphml = nx.read_graphml(write_graph(seed_graph, tmp_path / "g.graphml"))
    assert set(graphml) == set(seed_graph)
    assert graphml.nodes["园区"]["community"] == seed_graph.nodes["园区"]["community"]
    data = json.loads((write_graph(seed_graph, tmp_path / "g.json")).read_text(encoding="utf-8"))
    assert nx.node_link_graph(data, edges="edges").edges == seed_graph.edges
    lines = write_graph(seed_graph, tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "source,target,weight,jaccard" and len(lines) == seed_graph.number_of_edges() + 1
    with pytest.raises(SpeechkitError, match="unknown graph format"):
        write_graph(seed_graph, tmp_path / "g.dot")


def test_lists_and_missing_values_are_converted_for_gephi(tmp_path):
    graph = nx.Graph(tags=["a", "b"])
    graph.add_node("甲", members=["乙", "丙"], note=None, extra={"k": 1})
    graph.add_node("丁", members=[])
    graph.add_edge("甲", "丁", weight=2, spans=[(1, 2)])
    plain = plain_graph(graph)
    assert plain.nodes["甲"] == {"members": "乙; 丙", "extra": '{"k": 1}'}
    assert plain.graph == {"tags": "a; b"}
    for suffix in (".gexf", ".graphml"):
        write_graph(graph, tmp_path / f"g{suffix}")
    assert nx.read_gexf(tmp_path / "g.gexf").nodes["甲"]["members"] == "乙; 丙"
    assert graph.nodes["甲"]["members"] == ["乙", "丙"]  # the original is untouched


def test_png_draws_chinese_labels_without_missing_glyphs(seed_graph, tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = write_graph(seed_graph, tmp_path / "seed.png", title="共现网络", seed=3)
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    again = write_graph(seed_graph, tmp_path / "again.png", title="共现网络", seed=3)
    assert again.read_bytes() == data
    with pytest.raises(SpeechkitError, match="no nodes"):
        write_graph(nx.Graph(), tmp_path / "empty.png")


PNG_SCRIPT = """
import sys
from pathlib import Path
from speechkit import Corpus, read_speech
from speechkit.analysis.graphs import cooccurrence_graph
from speechkit.analysis.topics import topic_graph, topic_model
from speechkit.render.graph_export import write_graph

results, out = Corpus([read_speech(sys.argv[1])]).results(use_cache=False), Path(sys.argv[2])
write_graph(cooccurrence_graph(results, top_n=60), out / "terms.png", title="共现网络")
write_graph(topic_graph(topic_model(results)), out / "topics.png", title="主题图")
"""


def test_graph_pngs_are_identical_across_processes_and_hash_seeds(seed_path, tmp_path):
    """The picture must not follow the order of a set: draw in two processes with
    different PYTHONHASHSEED values and compare the bytes."""
    outputs = []
    for hash_seed in ("1", "2"):
        folder = tmp_path / hash_seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run([sys.executable, "-c", PNG_SCRIPT, str(seed_path), str(folder)],
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert outputs[0] == outputs[1] and sorted(outputs[0]) == ["terms.png", "topics.png"]


def test_graph_png_does_not_depend_on_the_order_nodes_and_edges_were_added(seed_graph, tmp_path):
    shuffled = nx.Graph()
    shuffled.add_nodes_from(sorted(seed_graph.nodes(data=True), key=lambda item: hash(("x", item[0]))))
    shuffled.add_edges_from(reversed(list(seed_graph.edges(data=True))))
    first = write_graph(seed_graph, tmp_path / "a.png", title="共现网络")
    second = write_graph(shuffled, tmp_path / "b.png", title="共现网络")
    assert first.read_bytes() == second.read_bytes()


def test_titles_and_labels_are_drawn_literally(tmp_path):
    """A title such as $\\foo$ is text, not mathtext (which would raise on \\foo)."""
    graph = nx.Graph()
    graph.add_node("a", label="$\\frac{1}{2}$ 收入", frequency=3, community=0)
    graph.add_node("b", label="增长 $5", frequency=2, community=1)
    graph.add_edge("a", "b", weight=1)
    path = write_graph(graph, tmp_path / "x.png", title="报告 $\\foo$：^_{}")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_is_the_promised_size_and_the_legend_explains_the_colours(seed_results, tmp_path):
    from PIL import Image

    from speechkit.analysis.topics import topic_graph, topic_model
    from speechkit.render.graph_png import PALETTE, _legend_entries, _node_sizes, _size_attribute

    graph = topic_graph(topic_model(seed_results))
    nodes = list(graph.nodes)
    sizes, _ = _node_sizes(graph, nodes, _size_attribute(graph, None))
    entries = _legend_entries(graph, nodes, sizes)
    topics = [data for _, data in graph.nodes(data=True) if data["kind"] == "topic"]
    colour_lines = [text for colour, _, text in entries if colour in PALETTE]
    # One line per topic, in topic order, naming the topic's label; then the shapes.
    assert colour_lines == [f"主题 {d['community'] + 1}：{d['label']}" for d in sorted(topics, key=lambda d: d["community"])]
    assert [text for _, _, text in entries if text.startswith("形状")] == ["形状：词语", "形状：主题", "形状：章节"]
    with_legend = write_graph(graph, tmp_path / "a.png")
    without = write_graph(graph, tmp_path / "b.png", legend=False)
    assert Image.open(with_legend).size == Image.open(without).size == (2100, 1575)
    assert with_legend.read_bytes() != without.read_bytes()


def test_term_groups_are_named_by_their_largest_terms(seed_graph):
    from speechkit.render.graph_png import _legend_entries, _node_sizes

    nodes = list(seed_graph.nodes)
    sizes, _ = _node_sizes(seed_graph, nodes, "frequency")
    entries = _legend_entries(seed_graph, nodes, sizes)
    communities = {data["community"] for _, data in seed_graph.nodes(data=True)}
    assert len(entries) == len(communities)
    largest = max(nodes, key=lambda n: seed_graph.nodes[n]["frequency"])
    group = seed_graph.nodes[largest]["community"]
    assert entries[sorted(communities).index(group)][2].startswith(f"群组 {group + 1}：{largest}")


@pytest.mark.parametrize("top_n", [30, 60, 100])
def test_layout_leaves_no_label_overlapping_another_or_the_area(seed_results, top_n):
    import numpy as np

    from speechkit.render import graph_png

    graph = cooccurrence_graph(seed_results, top_n=top_n)
    nodes = graph_png._canonical_order(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in graph.edges]
    sizes, font_sizes = graph_png._node_sizes(graph, nodes, "frequency")
    labels = graph_png._labels(graph, nodes, sizes, 100)
    half = np.array([graph_png._half_box(labels[n], sizes[n], font_sizes[n]) for n in nodes])
    points = graph_png._spread(graph_png._layout(len(nodes), edges), half, (13.3, 9.0))
    apart_x = np.abs(points[:, None, 0] - points[None, :, 0]) >= half[:, None, 0] + half[None, :, 0] - 1e-6
    apart_y = np.abs(points[:, None, 1] - points[None, :, 1]) >= half[:, None, 1] + half[None, :, 1] - 1e-6
    clash = ~(apart_x | apart_y)
    np.fill_diagonal(clash, False)
    assert not clash.any()
    # Every box inside the drawing area: the picture is not shrunk under its labels.
    assert (points - half >= -1e-9).all() and (points + half <= np.array([13.3, 9.0]) + 1e-9).all()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 14), st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=30))
def test_layout_is_finite_and_places_neighbours_closer_than_strangers(count, pairs):
    import numpy as np

    from speechkit.render.graph_png import _layout

    edges = sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b and a < count and b < count})
    points = _layout(count, edges)
    assert points.shape == (count, 2) and np.isfinite(points).all()
    assert np.array_equal(points, _layout(count, edges))
    gaps = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    # No two nodes of a graph with edges fall on the same spot.
    assert count < 2 or gaps[~np.eye(count, dtype=bool)].min() > 1e-6 or not edges


DETERMINISM_SCRIPT = """
import sys
from pathlib import Path
from speechkit import Corpus, read_speech
from speechkit.analysis.graphs import cooccurrence_graph
from speechkit.analysis.topics import topic_graph, topic_model
from speechkit.render.graph_export import write_graph

results, out = Corpus([read_speech(sys.argv[1])]).results(use_cache=False), Path(sys.argv[2])
for name, graph in (("terms", cooccurrence_graph(results)), ("topics", topic_graph(topic_model(results)))):
    for suffix in (".gexf", ".json"):
        write_graph(graph, out / (name + suffix))
"""


def test_two_runs_give_identical_json_and_gexf(seed_path, tmp_path):
    """Determinism across processes (with different hash seeds): same input, same bytes."""
    outputs = []
    for hash_seed in ("1", "2"):
        folder = tmp_path / hash_seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT, str(seed_path), str(folder)], capture_output=True, text=True, env=env
        )
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4




def test_cli_graph_prints_nodes_edges_or_node_link(monkeypatch, capsys, seed_path):
    code, out, _ = run(monkeypatch, capsys, "graph", seed_path, "--top-n", "20")
    assert code == 0 and out.splitlines()[0].startswith("id\tlabel\tfrequency")
    _, out, _ = run(monkeypatch, capsys, "graph", seed_path, "--top-n", "20", "-f", "csv")
    assert out.splitlines()[0] == "source,target,weight,jaccard"
    _, out, _ = run(monkeypatch, capsys, "graph", seed_path, "--top-n", "20", "-f", "json")
    data = json.loads(out)
    assert {"nodes", "edges", "graph"} <= set(data) and len(data["nodes"]) <= 20
    code, _, err = run(monkeypatch, capsys, "graph", seed_path, "--measure", "lift")
    assert code == 2 and err.strip() == "speechkit: error: unknown measure 'lift': choose one of jaccard, dice, cosine, pmi, npmi"


def test_cli_graph_is_the_function_over_the_results(monkeypatch, capsys, demo_corpus, cache_dir):
    """The command computes the results and calls cooccurrence_graph and topic_model: with
    analyze's options it prints analyze's graphs."""
    from speechkit.analysis.topics import topic_graph, topic_model

    folder = demo_corpus[0].path.parent
    results = demo_corpus.results()
    code, out, err = run(monkeypatch, capsys, "graph", folder, "--weight", "keyness", "--measure", "npmi", "--top-n", "80",
                         "-f", "json")
    assert code == 0, err
    assert json.loads(out) == graph_data(cooccurrence_graph(results))
    code, out, err = run(monkeypatch, capsys, "graph", folder, "--kind", "topic", "-f", "json")
    assert code == 0, err
    assert json.loads(out) == graph_data(topic_graph(topic_model(results)))
    code, _, err = run(monkeypatch, capsys, "graph", folder, "--context", "window")
    assert code == 2 and err.strip() == "speechkit: error: unknown context 'window': choose one of paragraph, sentence, section"
    code, _, err = run(monkeypatch, capsys, "graph", folder, "--weight", "tfidf")
    assert code == 2 and "--weight" in err and err.count("\n") == 1


def test_cli_graph_writes_files_by_suffix(monkeypatch, capsys, seed_path, tmp_path):
    for name in ("g.gexf", "g.png"):
        code, out, _ = run(monkeypatch, capsys, "graph", seed_path, "--top-n", "25", "-o", tmp_path / name)
        assert code == 0 and out.strip() == str(tmp_path / name)
    assert len(nx.read_gexf(tmp_path / "g.gexf")) <= 25
    code, _, err = run(monkeypatch, capsys, "graph", seed_path, "-o", tmp_path / "g.docx")
    assert code == 2 and "unknown graph format .docx" in err


def test_graphs_from_json_give_the_same_graph_files(seed_results, tmp_path):
    """A graph stored as node-link JSON gives back byte-identical graph files."""
    from speechkit.analysis.graphs import graph_data
    from speechkit.analysis.topics import topic_graph, topic_model

    for graph in (cooccurrence_graph(seed_results), topic_graph(topic_model(seed_results))):
        rebuilt = nx.node_link_graph(json.loads(json.dumps(graph_data(graph), ensure_ascii=False)), edges="edges")
        assert len(rebuilt) == len(graph) > 0
        assert write_graph(rebuilt, tmp_path / "a.gexf").read_bytes() == write_graph(graph, tmp_path / "b.gexf").read_bytes()

def _topic_like_graph(speeches: int):
    graph = nx.Graph()
    for topic in range(3):
        graph.add_node(f"topic:{topic}", kind="topic", weight=0.3, community=topic, label=f"主题{topic}")
        for term in range(5):
            graph.add_node(f"term:{topic}-{term}", kind="term", weight=0.01, community=topic, label=f"词{topic}{term}")
            graph.add_edge(f"topic:{topic}", f"term:{topic}-{term}", weight=0.01)
    for speech in range(speeches):
        graph.add_node(f"speech:{speech:04d}", kind="speech", weight=0.9, community=speech % 3, label=f"s{speech}")
        graph.add_edge(f"speech:{speech:04d}", f"topic:{speech % 3}", weight=0.9)
    return graph


def test_a_picture_of_a_big_graph_keeps_topics_and_terms_and_says_how_many_nodes_it_shows(tmp_path, monkeypatch):
    from matplotlib.text import Text

    import speechkit.render.figures as figures
    from speechkit.render.graph_png import drawn_nodes, render_graph_png

    graph = _topic_like_graph(400)
    shown = drawn_nodes(graph, 50, "weight")
    assert len(shown) == 50
    assert {n for n in graph if not n.startswith("speech:")} <= set(shown)  # 3 topics and 15 terms first
    assert drawn_nodes(_topic_like_graph(10), 50, "weight") == list(_topic_like_graph(10).nodes)
    texts, save = [], figures.save_png
    monkeypatch.setattr(figures, "save_png", lambda figure, path: texts.extend(t.get_text() for t in figure.findobj(Text)) or save(figure, path))
    render_graph_png(graph, tmp_path / "big.png", title="主题图", max_nodes=50)
    assert "主题图（显示 50/418 个节点）" in texts
    assert len(graph) == 418  # the graph itself is not cut


def test_a_picture_of_a_large_corpus_shows_a_few_dozen_speeches_beside_every_topic_and_term(tmp_path, monkeypatch):
    from matplotlib.text import Text

    import speechkit.render.figures as figures
    from speechkit.render.graph_png import MAX_DOCUMENTS, drawn_nodes, render_graph_png

    graph = _topic_like_graph(400)
    graph.add_edge("speech:0399", "topic:1", weight=0.2)  # the one speech of two topics
    shown = drawn_nodes(graph, 300, "weight")
    speeches = [n for n in shown if n.startswith("speech:")]
    assert len(shown) == 3 + 15 + MAX_DOCUMENTS and len(speeches) == MAX_DOCUMENTS
    assert speeches[0] == "speech:0399"  # the best connected first
    assert len(drawn_nodes(graph, 300, "weight", max_documents=None)) == 300
    texts, save = [], figures.save_png
    monkeypatch.setattr(figures, "save_png", lambda figure, path: texts.extend(t.get_text() for t in figure.findobj(Text)) or save(figure, path))
    render_graph_png(graph, tmp_path / "corpus.png", title="主题图")
    assert f"主题图（显示 {18 + MAX_DOCUMENTS}/418 个节点）" in texts


def test_betweenness_is_estimated_from_a_seeded_sample_beyond_the_exact_limit():
    from speechkit.analysis.graphs import EXACT_BETWEENNESS_UP_TO, annotate

    small, large = nx.path_graph(EXACT_BETWEENNESS_UP_TO), nx.path_graph(EXACT_BETWEENNESS_UP_TO + 50)
    annotate(small)
    annotate(large)
    assert "betweenness" not in small.graph
    assert large.graph["betweenness"] == f"estimated from {EXACT_BETWEENNESS_UP_TO} sources"
    # the middle of a path lies on the most shortest paths, estimated or not
    middle = len(large) // 2
    assert max(large.nodes, key=lambda n: large.nodes[n]["betweenness"]) in range(middle - 25, middle + 25)
    again = nx.path_graph(EXACT_BETWEENNESS_UP_TO + 50)
    annotate(again)
    assert [again.nodes[n]["betweenness"] for n in again] == [large.nodes[n]["betweenness"] for n in large]


def test_labels_go_to_topics_a_few_speeches_then_the_terms_then_the_other_speeches(tmp_path, monkeypatch):
    # Sizes are scaled within each kind, so a speech drawn larger than a term is no reason to
    # label it first: what a topic means is read from its terms; a few speeches are named.
    from matplotlib.text import Text

    import speechkit.render.figures as figures
    from speechkit.render.graph_png import DOCUMENT_LABELS, render_graph_png

    def labels_drawn(graph, max_labels):
        texts, save = [], figures.save_png
        monkeypatch.setattr(figures, "save_png", lambda figure, path: texts.extend(t.get_text() for t in figure.findobj(Text)) or save(figure, path))
        render_graph_png(graph, tmp_path / "topics.png", max_labels=max_labels, legend=False)
        return [text for text in texts if text]

    graph = _topic_like_graph(200)
    for topic in range(3):  # one heavy term per topic: the others are drawn smaller than any speech
        graph.nodes[f"term:{topic}-0"]["weight"] = 1.0
    labels = labels_drawn(graph, 3 + DOCUMENT_LABELS + 15 + 2)
    assert {f"词{topic}{term}" for topic in range(3) for term in range(5)} <= set(labels)
    assert {"主题0", "主题1", "主题2"} <= set(labels)
    assert len([text for text in labels if text.startswith("s")]) == DOCUMENT_LABELS + 2
    # A small corpus: every speech is named even when the terms outnumber the labels.
    few = _topic_like_graph(6)
    for topic in range(3):
        for extra in range(5, 40):
            few.add_node(f"term:{topic}-{extra}", kind="term", weight=0.01, community=topic, label=f"词{topic}-{extra}")
            few.add_edge(f"topic:{topic}", f"term:{topic}-{extra}", weight=0.01)
    labels = labels_drawn(few, 30)
    assert {f"s{speech}" for speech in range(6)} <= set(labels)

@pytest.mark.parametrize("chunk", [1, 5, 32])
def test_the_corpus_graphs_tfidf_is_the_mean_tfidf_however_the_results_are_read(demo_corpus, monkeypatch, chunk):
    """The TF-IDF node attribute, summed a chunk of results at a time, is mean_tfidf of every
    speech's counts at once to the last digit written."""
    import speechkit.results as results_module
    from speechkit.analysis.graphs import _periods, _term_weights, _TfidfMean
    from speechkit.analysis.keywords import mean_tfidf

    results = demo_corpus.results()
    expected = mean_tfidf([result.term_counts() for result in results])
    monkeypatch.setattr(results_module, "STREAM_CHUNK", chunk)
    tfidf = _TfidfMean(results)
    _term_weights(results, _periods(results), tfidf)
    assert tfidf.scores() == expected and len(expected) > 1000


def test_the_corpus_graph_reads_each_result_once_when_the_map_merged_the_counts_by_year(demo_corpus, count_cache_reads):
    """The corpus's and each year's term counts come from the tally the map merged (the same
    counts a reading gives); the co-occurrence and TF-IDF then come from one reading."""
    from speechkit.analysis.graphs import _periods, _tallied_weights, _term_weights, _TfidfMean, cooccurrence_graph
    streamed = demo_corpus.results(stream=True)
    held = demo_corpus.results()
    periods = _periods(streamed)
    assert len({period for period in periods if period is not None}) > 1
    frequency, groups = _term_weights(held, periods, _TfidfMean(held))
    assert _tallied_weights(streamed, periods) == (frequency, groups)
    loads = count_cache_reads()
    graph = cooccurrence_graph(streamed)
    assert [key for chunk in loads for key in chunk] == list(streamed.items.keys)
    assert nx.node_link_data(graph, edges="edges") == nx.node_link_data(cooccurrence_graph(held), edges="edges")
    # A grouping that splits the years (by org): the counts of its periods are read.
    split = _periods(streamed, by="org")
    assert any(period is not None and period[0] is not None for period in split)
    assert _tallied_weights(streamed, split) is None
