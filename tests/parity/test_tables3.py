"""Parity of the graphs, topics, dispersion, reuse and diffusion: the public function of each,
given the same :class:`~speechkit.results.Results`, gives what ``analyze`` wrote.

The topic tables are compared as tables (:func:`assert_same_table`); the co-occurrence and
topic graphs, and the topic model, by the bytes of the files analyze wrote into ``graphs/``;
the dispersion chart by the data analyze charted and the picture drawn from the function's
frame. Both groupings of the ``analyzed`` fixture: by year, and by year within each ``org``.
"""

from __future__ import annotations

import json

import pytest

from speechkit.analysis.frequencies import dispersion
from speechkit.analysis.graphs import cooccurrence_graph
from speechkit.analysis.topics import topic_graph, topic_model, topic_tables
from speechkit.render.graph_export import write_graph
from speechkit.render.writers import write_json
from tests.parity.conftest import FORMATS, assert_same_table


@pytest.fixture(scope="module")
def real_model(real_results):
    """The corpus topic model, as analyze fits it (the grouping changes only its tables)."""
    return topic_model(real_results)


def _same_file(path, theirs) -> None:
    assert path.read_bytes() == theirs.read_bytes(), f"{path.name} differs from analyze's"


def test_topic_model_is_analyzes(analyzed, real_model, tmp_path):
    _, tables = analyzed
    _same_file(write_json(real_model.to_dict(), tmp_path / "topics_model.json"), tables.parent / "graphs" / "topics_model.json")


def test_topic_tables_are_analyzes(analyzed, real_results, real_model, tmp_path):
    by, tables = analyzed
    frames = topic_tables(real_results, model=real_model, by=by)
    grouped = {"topics", "topics_by_speech", "topics_by_year"} | ({f"topics_by_{by}"} if by else set())
    assert set(frames) >= grouped
    written = {path.stem for path in tables.glob("topics*.csv")}
    assert set(frames) == written
    for name, frame in frames.items():
        assert_same_table(frame, tables, name, tmp_path)


def test_topic_tables_without_a_model_fit_the_same_one(real_results, real_model):
    import pandas as pd

    alone, given = topic_tables(real_results), topic_tables(real_results, model=real_model)
    assert set(alone) == set(given)
    for name in given:
        pd.testing.assert_frame_equal(alone[name], given[name])


def test_topic_graph_is_analyzes(analyzed, real_model, tmp_path):
    _, tables = analyzed
    graph = topic_graph(real_model)
    for suffix in (".json", ".gexf", ".graphml"):
        _same_file(write_graph(graph, tmp_path / f"topics{suffix}"), tables.parent / "graphs" / f"topics{suffix}")


def test_cooccurrence_graph_is_analyzes(analyzed, real_results, tmp_path):
    by, tables = analyzed
    graph = cooccurrence_graph(real_results, by=by)
    mine = write_graph(graph, tmp_path / "cooccurrence.json")
    theirs = tables.parent / "graphs" / "cooccurrence.json"
    assert json.loads(mine.read_text(encoding="utf-8")) == json.loads(theirs.read_text(encoding="utf-8"))
    _same_file(mine, theirs)
    for name in ("cooccurrence.gexf", "cooccurrence.graphml", "cooccurrence_edges.csv"):
        _same_file(write_graph(graph, tmp_path / name), tables.parent / "graphs" / name)


def test_the_grouping_changes_the_graph(real_results):
    """Periods are years within each group: pooled, a year of a congress report and a work
    report is one period, and other terms set the periods apart."""
    from speechkit.analysis.graphs import graph_data

    assert graph_data(cooccurrence_graph(real_results, by="org")) != graph_data(cooccurrence_graph(real_results, pool=True))


def test_dispersion_is_what_analyze_charted(analyzed, real_results, tmp_path):
    """The data of analyze's dispersion chart is :func:`dispersion` of the results (each
    speech in its lane), and the chart drawn from the function's frame is analyze's picture."""
    import pandas as pd

    from speechkit.pipeline.artefacts import dispersion_lanes, picture_tasks
    from speechkit.pipeline.corpus_tables import build_tables
    from speechkit.pipeline.options import AnalysisOptions

    by, tables = analyzed
    corpus = real_results.corpus
    options = AnalysisOptions(group_by=by, table_formats=FORMATS)
    task = picture_tasks(corpus, real_results, build_tables(corpus, real_results, options), tmp_path, options)[-1]
    [(chart, charted, stem, caption)] = task.args[0]
    assert stem == "dispersion"
    terms = chart.keywords["terms"]
    lanes, _, _ = dispersion_lanes(corpus)
    positions = dispersion(real_results, terms)
    assert len(positions) and set(positions["term"]) <= set(terms)
    pd.testing.assert_frame_equal(positions.assign(speech=positions["speech"].map(lanes)), charted)
    drawn = chart(positions.assign(speech=positions["speech"].map(lanes)), tmp_path / "dispersion.png", font=options.font,
                  title=caption)
    _same_file(drawn, tables.parent / "charts" / "dispersion.png")


# --- reuse and diffusion: analyze --reference, on two Hailar reports against three national ones.

REFERENCE_YEARS = (2014, 2015, 2016)
LOCAL_YEARS = (2016, 2017)
REUSE_TABLES = ("reuse_by_speech", "reuse_passages", "reuse_templates", "reuse_by_reference", "reuse_by_section",
                "reuse_by_year")
DIFFUSION_TABLES = ("diffusion_adoption", "diffusion_formulations", "diffusion_never_adopted", "diffusion_local_only")


@pytest.fixture(scope="module")
def referenced(real_dir, tmp_path_factory):
    """``(local results, references, options, tables folder)`` of analyze with ``--reference``."""
    from speechkit import read_corpus
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.run import analyze

    root = tmp_path_factory.mktemp("referenced")
    local, national = root / "local", root / "national"
    local.mkdir()
    national.mkdir()
    for year in LOCAL_YEARS:
        (local / f"hailar-{year}.txt").write_bytes((real_dir / f"local-govreport-hailar-{year}.txt").read_bytes())
    for year in REFERENCE_YEARS:
        (national / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    options = AnalysisOptions(reference=str(national), speech_pictures=False, table_formats=FORMATS)
    corpus = read_corpus(local)
    analyze(corpus, root / "out", options=options)
    return corpus.results(options), read_corpus(national), options, root / "out" / "tables"


def test_reuse_tables_are_analyzes(referenced, tmp_path):
    from speechkit.analysis.reuse import find_reuse

    results, references, _, tables = referenced
    reuse = find_reuse(results, references)
    assert reuse.passages and reuse.sections
    frames = dict(zip(REUSE_TABLES, (reuse.speech_frame(), reuse.passage_frame(), reuse.passage_frame(templates=True),
                                     reuse.reference_frame(), reuse.section_frame(), reuse.group_frame("year"))))
    for name, frame in frames.items():
        assert_same_table(frame, tables, name, tmp_path)


def test_diffusion_tables_are_analyzes(referenced, tmp_path):
    from speechkit.analysis.diffusion import trace_diffusion

    results, references, options, tables = referenced
    diffusion = trace_diffusion(results, references, locality=options.locality, tokenizer=options.tokenizer())
    assert diffusion.usage
    frames = dict(zip(DIFFUSION_TABLES, (diffusion.adoption_frame(), diffusion.formulation_frame(),
                                         diffusion.never_adopted_frame(), diffusion.local_only_frame())))
    for name, frame in frames.items():
        assert_same_table(frame, tables, name, tmp_path)
