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
    from collections.abc import Callable, Sequence

    import pandas as pd

    from ..analysis.canonical import CanonicalTable
    from ..analysis.reuse import ReuseResult
    from ..analysis.speech_tables import Chunk
    from ..analysis.targets import DocumentFigures
    from ..corpus import Corpus
    from ..result import SpeechResult
    from ..results import Results
    from ..analysis.grouping import Grouping
    from .options import AnalysisOptions

CAPTIONS = {
    "indicators_by_year_wide": "指标逐年对比（列为数字所指的年份，目标与实际分行；“redacted” 表示数字被隐去）",
    "indicators_by_year": "指标数字（所指年份、报告年份、地方、目标或实际、原文位置）",
    "targets_ledger": "目标与完成情况（第 t 年目标，对照同年或之后文件回顾的第 t 年实际；“规范名”为空的是地方自有指标）",
    "reuse_by_speech": "文本借用：各篇与参照文件共有的文字（“比例”不含套话，“比例（含套话）”含套话）",
    "reuse_by_year": "文本借用：各年平均借用比例",
    "diffusion_adoption": "提法扩散：各地首次使用、时滞与频率（截尾：该地首份文件已用，时滞至多如此）",
    "diffusion_local_only": "提法扩散：参照文件中没有的本地提法",
}


@dataclass
class Measures:
    """The tables (by name), pictures and reuse result of a run's text measures, with the
    targets ledger of the corpus (key None) or of each group (keyed by its label)."""

    frames: dict[str, Any] = field(default_factory=dict)
    pictures: list[dict] = field(default_factory=list)
    reuse: ReuseResult | None = None
    ledgers: dict[str | None, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def compute_measures(corpus: Corpus, results: Sequence[SpeechResult], options: AnalysisOptions, *,
                     figures: DocumentFigureReading | None = None) -> Measures:
    """Every figure dated and placed (``indicators_by_year``, long, and its pivot
    ``indicators_by_year_wide``: one column per year the figures are for) and targets and outcomes always
    (when the reports set targets); reuse and diffusion when ``options.reference`` names a
    folder of reference documents.

    The tables are those of the Python API's functions with the run's options
    (:func:`~speechkit.analysis.by_group.metrics.indicators_by_year`,
    :func:`~speechkit.analysis.targets.target_ledgers` grouped by ``options.group_by`` and
    ``options.pool``): a grouping that splits the indicators (``grouping.indicators``) splits
    the targets too, each group's targets linked to its own outcomes, never to another
    level's. Whatever the grouping, targets are matched only with outcomes of their own
    place; documents whose place cannot be told are named in ``warnings``. ``figures``: the
    documents' figures already read (a :class:`DocumentFigureReading` fed by a reading the
    run shares with other tables), else they are read here.
    """
    from ..analysis.by_group.metrics import figures_wide
    from ..analysis.targets import grouped_ledgers
    from ..results import Results

    measures = Measures()
    results = results if isinstance(results, Results) else Results(corpus, results)
    canonical = options.canonical()
    # Every figure with the year it is for, its place and kind, and what each document gives
    # the targets ledgers: both from one reading of the results, each document's figures found once.
    if figures is None:
        from ..analysis.passes import read_once

        figures = DocumentFigureReading(canonical)
        read_once(results, [figures])
    figures, parts = figures.finish()
    measures.frames["indicators_by_year"] = figures
    measures.frames["indicators_by_year_wide"] = figures_wide(figures).reset_index()
    ledgers = grouped_ledgers(results.corpus, parts, by=options.group_by, pool=options.pool, canonical=canonical,
                              tolerance=options.tolerance)
    measures.warnings = ledgers.warnings
    if ledgers.with_targets:
        measures.ledgers = {label: ledger.ledger() for label, ledger in ledgers.with_targets.items()}
        measures.frames["targets_ledger"] = ledgers.ledger()
        measures.frames["targets"] = ledgers.target_frame()
        measures.frames["outcomes"] = ledgers.outcome_frame()
    if options.reference:
        _against_references(corpus, results, options, measures)
    return measures


class DocumentFigureReading:
    """The table ``indicators_by_year`` (:func:`~speechkit.analysis.by_group.metrics.figure_rows`)
    and the :class:`~speechkit.analysis.targets.DocumentFigures` of every document, in corpus
    order, as a consumer of one reading of the results
    (:func:`~speechkit.analysis.passes.read_once`); each document's place (read from its
    text's opening) and figures are found once for both. The rows of each chunk are kept as a
    frame (:func:`~speechkit.analysis.by_group.metrics.figure_rows_frame`), not as tuples of
    objects: a corpus of 10,000 documents has some 700,000 figures."""

    def __init__(self, canonical: CanonicalTable):
        self.canonical = canonical
        self.chunks: list[pd.DataFrame] = []
        self.parts: list[DocumentFigures] = []
        self.table: pd.DataFrame | None = None

    def add(self, chunk: Chunk) -> None:
        from ..analysis.by_group.metrics import figure_rows, figure_rows_frame
        from ..analysis.figures import speech_figures
        from ..analysis.targets import document_figures
        from ..extract.place import document_place

        rows = []
        for speech, result in chunk:
            # A text set aside in a file is read once for the several readings of it here.
            speech = speech.with_text()
            place = document_place(speech)
            figures = speech_figures(speech, result.metrics, place=place, canonical=self.canonical)
            rows += figure_rows(result.metrics, figures)
            self.parts.append(document_figures(speech, figures, place, self.canonical))
        if rows:
            self.chunks.append(figure_rows_frame(rows))

    def finish(self) -> tuple[pd.DataFrame, list[DocumentFigures]]:
        """The table ``indicators_by_year`` and every document's figures. The table is made
        once, and the chunks' frames let go (the reading that feeds this one finishes it too)."""
        from ..analysis.by_group.metrics import joined_figures

        if self.table is None:
            chunks, self.chunks = self.chunks, []
            self.table = joined_figures(chunks)
        return self.table, self.parts


def _against_references(corpus: Corpus, results: Results, options: AnalysisOptions, measures: Measures) -> None:
    from ..analysis.diffusion import trace_diffusion
    from ..analysis.reuse import find_reuse
    from ..errors import SpeechkitError
    from ..ingest.read import read_corpus

    references = read_corpus(options.reference, limits=options.read_limits())
    if not len(references):
        raise SpeechkitError(f"--reference {options.reference}: no readable document found")
    reuse = find_reuse(results, references, tokenizer=options.tokenizer())
    measures.reuse = reuse
    measures.frames.update({
        "reuse_by_speech": reuse.speech_frame(),
        "reuse_passages": reuse.passage_frame(),
        "reuse_templates": reuse.passage_frame(templates=True),
        "reuse_by_reference": reuse.reference_frame(),
        "reuse_by_section": reuse.section_frame(),
        "reuse_by_year": reuse.group_frame("year"),
    })
    diffusion = trace_diffusion(results, references, locality=options.locality, tokenizer=options.tokenizer())
    measures.frames.update({
        "diffusion_adoption": diffusion.adoption_frame(),
        "diffusion_formulations": diffusion.formulation_frame(),
        "diffusion_never_adopted": diffusion.never_adopted_frame(),
        "diffusion_local_only": diffusion.local_only_frame(),
    })
    measures.frames["_lags"] = diffusion.lag_matrix()
    measures.frames["_censored"] = diffusion.censored_matrix()


def measure_picture_tasks(measures: Measures, folder: Path, options: AnalysisOptions,
                          grouping: Grouping | None = None) -> list[Callable[[], tuple[list, list]]]:
    """The charts of the measures into ``folder/charts`` (the targets of each group of
    ``grouping`` apart), one task each; a task returns the pictures drawn and not drawn."""
    from ..render import charts
    from .artefacts import draw_charts
    from ..analysis.grouping import PictureNames

    planned = []
    frames = measures.frames
    names = grouping.picture_names() if grouping is not None else {}
    for label, ledger in measures.ledgers.items():
        if ledger["outcome"].notna().any():
            named = names.get(label, PictureNames())
            planned.append((charts.target_outcome_chart, ledger, named.stem("targets"),
                            named.caption("目标与实际（各指标）", set(ledger["year"]))))
    whole = PictureNames()
    if "reuse_by_year" in frames and not frames["reuse_by_year"].empty:
        reuse = frames["reuse_by_year"]
        planned.append((charts.borrowed_share_chart, reuse, "borrowed_share", whole.caption("各年平均借用比例", set(reuse["year"]))))
    adoption = frames.get("diffusion_adoption")
    # The diffusion charts span the years of the localities' first uses and of the reference's.
    years = [] if adoption is None else [*adoption["first_year"], *adoption["reference_first_year"]]
    if "_lags" in frames and frames["_lags"].notna().to_numpy().any():
        lag_chart = functools.partial(charts.adoption_lag_chart, censored=frames.get("_censored"))
        planned.append((lag_chart, frames["_lags"], "adoption_lags", whole.caption("提法采用时滞（年，相对参照文件首次出现）", years)))
    if adoption is not None and not adoption.empty:
        timeline = functools.partial(charts.diffusion_timeline_chart, by=options.locality)
        planned.append((timeline, adoption, "diffusion_timeline", whole.caption("提法扩散时间线", years)))
    return [functools.partial(draw_charts, [chart], folder, options.font) for chart in planned]


def measure_tables(measures: Measures) -> dict[str, Any]:
    """The tables to write (the lag matrix is the chart's data, not a table)."""
    return {name: frame for name, frame in measures.frames.items() if not name.startswith("_")}
