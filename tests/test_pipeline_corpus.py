"""The corpus stage reads only results and metadata; cached results give the same files as fresh ones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from speechkit.corpus import Corpus
from speechkit.model import Metadata
from speechkit.pipeline.artefacts import graph_tasks, joined, picture_tasks
from speechkit.pipeline.corpus_tables import build_tables
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.per_speech import speech_result
from speechkit.pipeline.speech_pictures import draw_speech_pictures
from speechkit.pipeline.run import analyze
from speechkit.results import Results

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@dataclass
class MetadataOnly:
    """A speech without its text: what the corpus stage may see."""

    id: str
    meta: Metadata
    path: Path | None

    @property
    def year(self):
        return self.meta.year

    @property
    def title(self):
        return self.meta.title

    @property
    def file(self):
        return None if self.path is None else str(self.path)


def _refuse(*args, **kwargs):
    raise AssertionError("the corpus stage segmented or extracted again")


@pytest.fixture()
def no_text_tools(monkeypatch):
    # Modules that import content_terms by name are imported first, so they keep the real one
    # after the test (a module first imported under the patch would keep the refusing stand-in).
    import speechkit.analysis.collocations  # noqa: F401
    import speechkit.analysis.keyness  # noqa: F401
    import speechkit.analysis.keywords  # noqa: F401
    import speechkit.analysis.terms as terms
    import speechkit.extract.metrics.metrics as metrics
    import speechkit.extract.metrics.placeholders as placeholders
    import speechkit.extract.outline.structure as structure
    import speechkit.extract.slogans.slogans as slogans
    import speechkit.segment as segment

    # Word clouds may read the stopword list of a tokenizer; segmenting is refused.
    monkeypatch.setattr(segment.Tokenizer, "tokenize", _refuse)
    monkeypatch.setattr(terms, "content_terms", _refuse)
    monkeypatch.setattr(structure, "extract_outline", _refuse)
    monkeypatch.setattr(slogans, "extract_slogans", _refuse)
    monkeypatch.setattr(metrics, "extract_metrics", _refuse)
    monkeypatch.setattr(placeholders, "extract_placeholders", _refuse)


def test_corpus_stage_needs_no_text_tokenizer_or_extractor(demo_corpus, tmp_path, monkeypatch, request):
    options = AnalysisOptions(speech_pictures=True)
    speeches = list(demo_corpus)[-3:]
    computed = [speech_result(s, options) for s in speeches]
    request.getfixturevalue("no_text_tools")
    bare = Corpus([MetadataOnly(s.id, s.meta, s.path) for s in speeches])
    results = Results(bare, computed)
    tables = build_tables(bare, results, options)
    tables.write(tmp_path / "tables")
    written = [path for task in graph_tasks(results, tmp_path / "graphs", options) for path in task()]
    pictures, not_drawn = joined([task() for task in picture_tasks(bare, results, tables, tmp_path, options)])
    speech_files = draw_speech_pictures(results[0], bare[0].id, bare[0].title, tmp_path / "speeches" / bare[0].id, options)
    assert {"keywords_tfidf", "keywords_by_year", "compare_changes", "slogans_by_year",
            "categories_by_year", "structure_by_year"} <= set(tables.frames)
    assert tables.frames["keywords_tfidf"]["speech"].tolist()[0] == bare[0].id
    assert {p.name for p in written} >= {"cooccurrence.gexf", "topics.gexf", "topics_model.json"}
    assert {Path(p["path"]).name for p in pictures} >= {"dispersion.png", "term_trends.png", "similarity.png"}
    assert not_drawn == []
    assert {p.name for p in speech_files} >= {"wordcloud.png", "cooccurrence.png", "topics.png"}


def test_each_corpus_graph_task_writes_files_of_its_own(demo_corpus, tmp_path):
    # The graphs are shared out between processes: each task writes one graph's files.
    options = AnalysisOptions()
    speeches = list(demo_corpus)
    results = Results(Corpus(speeches), [speech_result(s, options) for s in speeches])
    topics, cooccurrence = (set(task()) for task in graph_tasks(results, tmp_path, options, tables=tmp_path / "t"))
    graph_files = ("{}.gexf", "{}.graphml", "{}.json", "{}_edges.csv", "{}.png")
    topic_tables = {f"{name}.{suffix}" for name in ("topics", "topics_by_speech", "topics_by_year") for suffix in ("csv", "json")}
    assert {p.name for p in topics if p.parent == tmp_path / "t"} == topic_tables
    assert {p.name for p in topics if p.parent == tmp_path} == {"topics_model.json", "topic_prevalence.png",
                                                                *(name.format("topics") for name in graph_files)}
    assert {p.name for p in cooccurrence} == {name.format("cooccurrence") for name in graph_files}


def _with_areas(speeches, areas) -> Corpus:
    """The speeches without their text, each given an ``area`` (none where None)."""
    return Corpus([MetadataOnly(s.id, replace(s.meta, extra={"area": a} if a else {}), s.path) for s, a in zip(speeches, areas)])


def test_grouped_corpus_stage_needs_no_text_either(demo_corpus, tmp_path, request):
    options = AnalysisOptions(group_by="area", speech_pictures=True)
    speeches = list(demo_corpus)[-4:]
    computed = [speech_result(s, options) for s in speeches]
    request.getfixturevalue("no_text_tools")
    bare = _with_areas(speeches, ["东区", "西区", "东区", None])
    results = Results(bare, computed)
    tables = build_tables(bare, results, options)
    pictures, not_drawn = joined([task() for task in picture_tasks(bare, results, tables, tmp_path, options)])
    # 西区 and (none) have one year each: no line over years is drawn for them, and each is said.
    single_year = {f"charts/{chart}-{group}.png" for chart in ("term_trends", "similarity", "slogan_timeline")
                   for group in ("西区", "(none)")}
    assert {entry["picture"] for entry in not_drawn} == single_year
    assert all(entry["why"].startswith("only one year") for entry in not_drawn)
    assert tables.frames["slogans_by_year"].index.names == ["area", "slogan"]
    assert list(tables.frames["categories_by_year"].index) == [("东区", 2020), ("东区", 2022), ("西区", 2021), ("(none)", 2023)]
    assert set(tables.frames["keywords_by_year"]["area"]) == {"东区"}
    names = {Path(p["path"]).name for p in pictures}
    assert {"term_trends-东区.png", "similarity-东区.png",
            "keywords_by_year-东区.png", "wordcloud-东区-2020.png", "compare-2020-2022-东区.png", "dispersion.png"} <= names
    assert "term_trends.png" not in names and not {Path(p).name for p in single_year} & names


def test_a_level_column_pooled_leaves_the_tables_by_year_pooled(demo_corpus):
    """The level column splits the targets (see tests/pipeline/test_grouping.py), not the
    pooled tables by year; the figures by the year they are for are a measure read from the texts."""
    options = AnalysisOptions(pool=True)
    speeches = list(demo_corpus)[-3:]
    results = [speech_result(s, options) for s in speeches]
    bare = Corpus([MetadataOnly(s.id, replace(s.meta, extra={"level": level}), s.path)
                   for s, level in zip(speeches, ["park", "city", "park"])])
    tables = build_tables(bare, results, options)
    assert tables.grouping.indicators == "level" and tables.grouping.by is None
    assert not any("mixes" in warning for warning in tables.warnings)
    assert tables.frames["slogans_by_year"].index.names == ["slogan"]
    assert "indicators_by_year" not in tables.frames


def test_a_corpus_mixing_levels_is_grouped_by_default_with_a_warning(demo_corpus):
    options = AnalysisOptions()
    speeches = list(demo_corpus)[-3:]
    results = [speech_result(s, options) for s in speeches]
    bare = Corpus([MetadataOnly(s.id, replace(s.meta, extra={"level": level}), s.path)
                   for s, level in zip(speeches, ["park", "city", "park"])])
    tables = build_tables(bare, results, options)
    assert tables.grouping.by == "level" and tables.grouping.mixed
    assert tables.frames["slogans_by_year"].index.names[0] == "level"
    mixture = [w for w in tables.warnings if "mixes" in w]
    assert len(mixture) == 1 and "city (1)" in mixture[0] and "park (2)" in mixture[0] and "--pool" in mixture[0]
    same_kind = Corpus([MetadataOnly(s.id, replace(s.meta, extra={"level": "park"}), s.path) for s in speeches])
    assert build_tables(same_kind, results, options).grouping.by is None


def test_results_from_the_cache_give_the_same_files_as_fresh_ones(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for year in (2022, 2023):
        (folder / f"yunxi-{year}.txt").write_bytes((CORPUS / f"yunxi-{year}.txt").read_bytes())
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    fresh, again = tmp_path / "fresh", tmp_path / "cached"
    analyze(folder, fresh, options=AnalysisOptions(speech_pictures=True))
    computed = []
    import speechkit.pipeline.per_speech as per_speech

    monkeypatch.setattr(per_speech, "speech_result", lambda *a: computed.append(a) or _refuse())
    analyze(folder, again, options=AnalysisOptions(speech_pictures=True))
    assert computed == []
    names = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert [n for n in names if n != "summary.json" and (fresh / n).read_bytes() != (again / n).read_bytes()] == []


def _bare(count: int, years) -> Corpus:
    return Corpus([MetadataOnly(f"s{i:03d}", Metadata(title=f"第{i}篇", year=years[i % len(years)]), None) for i in range(count)])


def test_dispersion_has_a_lane_per_speech_up_to_the_limit_then_one_per_year():
    from speechkit.pipeline.artefacts import DISPERSION_SPEECHES, MISSING_YEAR, dispersion_lanes

    lanes, labels, caption = dispersion_lanes(_bare(DISPERSION_SPEECHES, [2021, None]))
    assert list(labels) == [f"s{i:03d}" for i in range(DISPERSION_SPEECHES)] and labels["s000"] == "2021 s000"
    assert "每年" not in caption
    lanes, labels, caption = dispersion_lanes(_bare(DISPERSION_SPEECHES + 1, [2022, None, 2021]))
    assert list(labels) == ["2021", "2022", MISSING_YEAR]  # years in order, undated last
    assert lanes["s000"] == "2022" and lanes["s001"] == MISSING_YEAR and lanes["s002"] == "2021"
    assert "每年各讲话合并" in caption
