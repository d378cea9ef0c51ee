"""The measures of ``speechkit analyze`` that compare texts: text reuse and the diffusion
of formulations against reference documents (``--reference``), and the ledger of the
targets each report sets against the outcomes the next one gives.

Unlike the corpus stage these read the texts they compare (passages are aligned character
by character, formulations counted as text, a target's bound read from the words before
it); word counts, formulations, metrics and outline sections come from the per-speech
results, so nothing is segmented or extracted again.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..analysis.reuse import ReuseResult
    from ..corpus import Corpus
    from ..result import SpeechResult
    from .options import AnalysisOptions

CAPTIONS = {
    "targets_ledger": "目标与完成情况（第 t 年目标，对照第 t+1 年报告的实际）",
    "reuse_by_speech": "文本借用：各篇与参照文件共有的文字",
    "reuse_by_year": "文本借用：各年平均借用比例",
    "diffusion_adoption": "提法扩散：各地首次使用、时滞与频率",
    "diffusion_local_only": "提法扩散：参照文件中没有的本地提法",
}


@dataclass
class Measures:
    """The tables (by name), pictures and reuse result of a run's text measures."""

    frames: dict[str, Any] = field(default_factory=dict)
    pictures: list[dict] = field(default_factory=list)
    reuse: ReuseResult | None = None


def _top_sections(result: SpeechResult) -> list[tuple[int, int, str]]:
    from ..analysis.terms import section_label

    return [(s.start, s.end, section_label(s)) for s in result.outline.sections]


def compute_measures(corpus: Corpus, results: list[SpeechResult], options: AnalysisOptions) -> Measures:
    """Targets and outcomes always (when the reports set targets); reuse and diffusion
    when ``options.reference`` names a folder of reference documents."""
    from ..analysis.targets import target_ledger

    measures = Measures()
    ledger = target_ledger(corpus, metrics={s.id: r.metrics for s, r in zip(corpus, results)})
    if ledger.targets:
        measures.frames["targets_ledger"] = ledger.ledger()
        measures.frames["targets"] = ledger.target_frame()
        measures.frames["outcomes"] = ledger.outcome_frame()
    if options.reference:
        _against_references(corpus, results, options, measures)
    return measures


def _against_references(corpus: Corpus, results: list[SpeechResult], options: AnalysisOptions, measures: Measures) -> None:
    from ..analysis.diffusion import trace_diffusion
    from ..analysis.reuse import find_reuse
    from ..errors import SpeechkitError
    from ..ingest.read import read_corpus

    references = read_corpus(options.reference)
    if not len(references):
        raise SpeechkitError(f"--reference {options.reference}: no readable document found")
    sections = {s.id: _top_sections(r) for s, r in zip(corpus, results)}
    reuse = find_reuse(corpus, references, sections=sections)
    measures.reuse = reuse
    measures.frames.update({
        "reuse_by_speech": reuse.speech_frame(),
        "reuse_passages": reuse.passage_frame(),
        "reuse_by_reference": reuse.reference_frame(),
        "reuse_by_section": reuse.section_frame(),
        "reuse_by_year": reuse.group_frame("year"),
    })
    diffusion = trace_diffusion(corpus, references, by=options.locality, tokenizer=options.tokenizer(),
                                words={s.id: r.words for s, r in zip(corpus, results)},
                                slogans={s.id: list(r.slogans) for s, r in zip(corpus, results)})
    measures.frames.update({
        "diffusion_adoption": diffusion.adoption_frame(),
        "diffusion_formulations": diffusion.formulation_frame(),
        "diffusion_never_adopted": diffusion.never_adopted_frame(),
        "diffusion_local_only": diffusion.local_only_frame(),
    })
    measures.frames["_lags"] = diffusion.lag_matrix()


def draw_measures(measures: Measures, folder: Path, options: AnalysisOptions) -> tuple[list[dict], list[dict]]:
    """The charts of the measures into ``folder/charts``; pictures drawn and not drawn."""
    from .corpus_tables import draw_planned

    return draw_planned(planned_measure_charts(measures, options), folder, options.font)


def planned_measure_charts(measures: Measures, options: AnalysisOptions) -> list[tuple]:
    """The charts of the measures, not drawn yet (see :func:`~speechkit.pipeline.corpus_tables.draw_planned`)."""
    from ..render import charts

    planned = []
    frames = measures.frames
    if "targets_ledger" in frames and frames["targets_ledger"]["outcome"].notna().any():
        planned.append((charts.target_outcome_chart, frames["targets_ledger"], "targets.png", "目标与实际（各指标）"))
    if "reuse_by_year" in frames and not frames["reuse_by_year"].empty:
        planned.append((charts.borrowed_share_chart, frames["reuse_by_year"], "borrowed_share.png", "各年平均借用比例"))
    if "_lags" in frames and frames["_lags"].notna().to_numpy().any():
        planned.append((charts.adoption_lag_chart, frames["_lags"], "adoption_lags.png", "提法采用时滞"))
    if "diffusion_adoption" in frames and not frames["diffusion_adoption"].empty:
        timeline = functools.partial(charts.diffusion_timeline_chart, by=options.locality)
        planned.append((timeline, frames["diffusion_adoption"], "diffusion_timeline.png", "提法扩散时间线"))
    return planned


def measure_tables(measures: Measures) -> dict[str, Any]:
    """The tables to write (the lag matrix is the chart's data, not a table)."""
    return {name: frame for name, frame in measures.frames.items() if not name.startswith("_")}
