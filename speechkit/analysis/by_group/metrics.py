"""Indicators by group (year by default): one value per indicator, group and level.

What a cell means
-----------------
A column is a group of documents (their ``year`` by default, or any metadata
variable given as ``by``). A cell holds the value the documents of that group give
for the period they *review*: a government work report (政府工作报告) delivered in
year t reviews year t−1, so the 2013 report's column 2013 holds the 2012 GDP; a
year-end work summary of year t reviews year t. :func:`reviewed_year` says which
year that is, and the long table of :func:`indicator_values` keeps it beside every
value together with the speech, organisation, period and text as written.

Which value is chosen
---------------------
Among the metrics of an indicator in one document the table keeps the one that
describes that single reviewed year:

* targets (预期目标) only as rows of their own marked 目标, when asked for;
* not the start of a range (国内生产总值从26.6万亿元增加到51.9万亿元 → 51.9);
* not a multi-year figure (年均增长, 累计, 这五年, “十二五”时期 …);
* not a figure dated another year than the reviewed one;
* an exact figure before an approximate one (1351万人 before 6600万人以上), then
  the first in the text.

Names are normalised so that spellings of different years meet (规模以上工业总产值
= 规上工业总产值); a change gets its own row (规上工业总产值增长); values are converted
to the row's unit (28000万元 → 2.8亿元, 6.07亿吨 → 60700万吨: weights in 万吨). Phrases
that are not indicators (a bare number of 人口, 三个方面, 连续6年) are left out. With
``level=`` (``org``, or a manifest column such as ``kind``) the rows are split by that
variable so national, provincial and district figures never share a row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...corpus import group_key, group_order, ungrouped
from ...extract.metrics.indicators import IndicatorTable, default_indicators
from ...extract.metrics.units import UnitTable, default_units
from ..figures import clause_before, reviewed_year
from ..records import records_table

if TYPE_CHECKING:
    import pandas as pd

    from ...analysis.canonical import CanonicalTable
    from ...model import Metric
    from ..figures import Figure
    from ...results import Results
    from ...speech import Speech

REDACTED = "redacted"
_LEADING_SCOPE = ("园区", "全园", "年度", "全年")
# A redacted change with no unit (增长*) is a growth rate in these speeches.
_CHANGE_UNIT = "%"
# The unit statistics bulletins give a kind in, where the documents mix several.
_PREFERRED_UNITS = {"weight": "万吨"}
# Words that end the name of a measure: a phrase ending so is an indicator.
_MEASURES = (
    "总值", "增加值", "产值", "收入", "支出", "总额", "余额", "投资", "产量", "比重", "占比", "率", "量", "额",
    "面积", "里程", "人数", "规模", "增速", "增幅", "涨幅", "降幅", "标准", "价格", "指数", "强度", "年限",
    "寿命", "能力", "就业", "资金", "经费", "赤字", "产能", "装机", "数",
)  # fmt: skip
# A number read as the start of a range: 从26.6万亿元增加到… / 由46.9%提高到…
_RANGE_START = ("从", "由")
# Cues, in the clause before a number, of a figure over several years.
_MULTI_YEAR_CUES = re.compile(r"年均|累计|五年|多年|十[一二三四五六七八九]五|[0-9一二三四五六七八九十]年(?:来|以来|间|中|里)")
_WORK_REPORT = "政府工作报告"
_TARGET_MARK = "（目标）"


@dataclass(frozen=True, slots=True)
class SpeechMetrics:
    """The metrics of one speech with the variables the table needs from its metadata."""

    speech: str | None
    group: Any
    level: Any
    org: str | None
    reviewed_year: int | None
    metrics: Sequence[Metric]


def speech_metrics(speech: Speech, metrics: Sequence[Metric], by: str = "year",
                   level: str | None = None) -> SpeechMetrics:
    """Bundle a speech's metrics with its group, level and reviewed year."""
    return SpeechMetrics(
        speech=speech.id,
        group=group_key(speech, by),
        level=group_key(speech, level) if level else None,
        org=speech.meta.org,
        reviewed_year=reviewed_year(speech),
        metrics=metrics,
    )


def metrics_table(results: Results) -> pd.DataFrame:
    """Every metric of every speech, one row each (``tables/metrics`` of ``speechkit analyze``).

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year`` and those of :attr:`speechkit.model.Metric.COLUMNS`, in
        corpus and text order.
    """
    from ...model import Metric

    return records_table(results, "metrics", Metric.COLUMNS)


def placeholders_table(results: Results) -> pd.DataFrame:
    """Every redaction mark of every speech, one row each (``tables/placeholders`` of
    ``speechkit analyze``).

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year`` and those of :attr:`speechkit.model.Placeholder.COLUMNS`,
        in corpus and text order.
    """
    from ...model import Placeholder

    return records_table(results, "placeholders", Placeholder.COLUMNS)


def indicator_table(results: Results, *, include_targets: bool = False, by: str = "year",
                    level: str | None = None) -> pd.DataFrame:
    """Indicator × group table: the value each group's documents give for the year they
    review (see the module docstring for what a cell is).

    ``speechkit analyze`` writes the figures by the year they are *for* instead
    (:func:`indicators_by_year_wide`); this table keeps the report's own group (its
    year, speaker, org …) as the column, to compare the groups' documents side by side.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`). Speeches without a
        value for ``by`` are left out; their ids are in ``frame.attrs["ungrouped"]``.
    include_targets : bool
        Also show targets (预期目标), as rows of their own marked 目标.
    by : str
        The variable of the columns: ``year``, ``speaker``, ``org`` or a manifest column.
    level : str, optional
        A variable that splits the rows (``org``, ``kind`` …), first index level.

    Returns
    -------
    pandas.DataFrame
        Index ``(indicator, unit)`` (``(level, indicator, unit)`` with ``level``), one
        column per group; a cell is a number, ``"redacted"`` or missing.
    """
    values = indicator_values(results, include_targets=include_targets, by=by, level=level)
    return values_to_table(values, level)


def indicator_values(results: Results, *, include_targets: bool = False, by: str = "year",
                     level: str | None = None) -> pd.DataFrame:
    """The chosen value of every indicator, group (and level) with where it comes from.

    Parameters
    ----------
    results : Results
    include_targets, by, level
        As for :func:`indicator_table`.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, [level,] indicator, unit, value, written, speech, org,
        period, reviewed_year``: ``value`` in the row's unit (``"redacted"`` for a
        placeholder), ``written`` the figure as the text gives it.
    """
    records = [speech_metrics(speech, result.metrics, by, level) for speech, result in results.pairs()]
    frame = values_frame(records, include_targets)
    if level is None:
        frame = frame.drop(columns="level")
    frame.attrs["ungrouped"] = ungrouped(results.speeches, by)
    return frame


def values_frame(records: Iterable[SpeechMetrics], include_targets: bool = False,
                 units: UnitTable | None = None, indicators: IndicatorTable | None = None):
    """The long table of chosen values from per-speech metric records (pure: no text is read)."""
    import pandas as pd

    units = units or default_units()
    table = indicators or default_indicators()
    # (level, name, kind) → group → candidates (rank, value, unit, metric, record)
    cells: dict[tuple, dict[Any, list]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        if record.group is None:
            continue
        for position, metric in enumerate(record.metrics):
            key = row_key(metric, table, units, include_targets)
            if key is None or not describes_reviewed_year(metric, record.reviewed_year):
                continue
            name, kind, unit = key
            rank = (metric.qualifier is not None, metric.value is None, position)
            cells[(record.level, name, kind)][record.group].append((rank, metric, unit, record))
    rows = []
    for (level, name, _kind), by_group in cells.items():
        unit = display_unit(unit for candidates in by_group.values() for *_, unit, _ in candidates)
        for group, candidates in by_group.items():
            _rank, metric, written_unit, record = min(candidates, key=lambda c: c[0])
            rows.append(
                {
                    "group": group, "level": level, "indicator": name, "unit": unit,
                    "value": convert(metric.value, written_unit, unit, units),
                    "written": metric.raw, "speech": record.speech, "org": record.org,
                    "period": metric.period, "reviewed_year": record.reviewed_year,
                }
            )  # fmt: skip
    rows.sort(key=lambda r: (group_order(r["level"]), r["indicator"], r["unit"] or "", group_order(r["group"])))
    columns = ["group", "level", "indicator", "unit", "value", "written", "speech", "org", "period", "reviewed_year"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["reviewed_year"] = frame["reviewed_year"].astype("Int64")
    return frame


def values_to_table(values, level: str | None):
    """Pivot the long table of :func:`values_frame` to indicator × group.

    Rows are ordered by level, then by the number of groups they fill (most first),
    then by name and unit.
    """
    import pandas as pd

    keys = (["level"] if level else []) + ["indicator", "unit"]
    groups = sorted(set(values["group"]), key=group_order)
    cells: dict[tuple, dict] = defaultdict(dict)
    for row in values.itertuples(index=False):
        # A unitless value comes back from the frame as NaN: one missing unit, None.
        cells[tuple(_or_none(getattr(row, k)) for k in keys)][row.group] = row.value
    order = sorted(cells, key=lambda key: (
        *((group_order(key[0]),) if level else ()), -len(cells[key]), str(key[-2]), key[-1] or ""))
    names = ([level] if level else []) + ["indicator", "unit"]
    frame = pd.DataFrame(
        [[cells[key].get(group) for group in groups] for key in order],
        index=pd.MultiIndex.from_tuples(order, names=names) if order else pd.MultiIndex.from_tuples([], names=names),
        columns=groups,
        dtype=object,
    )
    frame.columns.name = "year" if not level else "group"
    frame.attrs.update(values.attrs)
    return frame


def _or_none(value):
    return None if isinstance(value, float) and value != value else value


def normalise_indicator(name: str, table: IndicatorTable | None = None) -> str:
    """The name an indicator spelling is compared under across years."""
    table = table or default_indicators()
    name = name.replace("规模以上", "规上")
    for scope in _LEADING_SCOPE:
        if name.startswith(scope) and len(name) - len(scope) >= 2:
            name = name[len(scope) :]
            break
    return table.normalise(name)


def is_indicator(name: str, unit: str | None, kind: str, placeholder: bool, table: IndicatorTable) -> bool:
    """Whether a metric's phrase names a measure worth a row.

    A known indicator always is; otherwise a figure needs a unit (a bare 13亿多人口
    counts people, it measures nothing), a duration (连续6年) or a short counted
    thing (三个方面, 学生) needs a name that ends with a measure word.
    """
    if name in table.canonical:
        return True
    if unit is None and not placeholder:
        return False
    measured = name.endswith(_MEASURES)
    return measured or (kind != "duration" and len(name) > 2)


def row_key(metric: Metric, table: IndicatorTable, units: UnitTable, include_targets: bool):
    """``(row name, unit kind, unit)`` of a metric, or None when it has no place in the table."""
    if not metric.indicator:
        return None
    role = metric.role
    if role == "target" and not include_targets:
        return None
    name = normalise_indicator(metric.indicator, table)
    change = metric.change
    unit = metric.unit
    placeholder = bool(metric.placeholder)
    found = units.get(unit) if unit else None
    kind = found.kind if found is not None else unit or ""
    if not is_indicator(name, unit, kind, placeholder, table):
        return None
    if change and not change.endswith(("到", "至", "为")):
        name += change.rstrip("了")
        if unit is None and placeholder:
            unit = _CHANGE_UNIT
            kind = _CHANGE_UNIT
    if role == "target":
        name += _TARGET_MARK
    return name, kind, unit


def describes_reviewed_year(metric: Metric, reviewed: int | None) -> bool:
    """Whether a metric is a figure for the single year a document reviews.

    Targets pass (they are rows of their own); the start of a range (从X增加到Y),
    figures over several years (年均, 累计, 这五年 …) and figures dated another year
    do not.
    """
    if metric.role == "target":
        return True
    year = metric.year
    if year is not None and reviewed is not None and year != reviewed:
        return False
    period = metric.period or ""
    if _MULTI_YEAR_CUES.search(period):
        return False
    before = clause_before(metric)
    return not (before.endswith(_RANGE_START) or _MULTI_YEAR_CUES.search(before))


def display_unit(written: Iterable[str | None], units: UnitTable | None = None) -> str | None:
    """The unit a row is shown in: the preferred unit of its kind, else the one written most."""
    units = units or default_units()
    counts = Counter(unit for unit in written if unit)
    if not counts:
        return None
    kinds = {units.get(u).kind for u in counts if units.get(u) is not None}
    if len(kinds) == 1 and (preferred := _PREFERRED_UNITS.get(kinds.pop())) is not None:
        return preferred
    return min(counts, key=lambda u: (-counts[u], u))


def convert(value: float | None, written: str | None, unit: str | None, units: UnitTable):
    """A value written in ``written`` expressed in ``unit`` (same base only), rounded;
    ``"redacted"`` for a placeholder."""
    if value is None:
        return REDACTED
    if written and unit and written != unit:
        base, base_unit = units.to_base(value, written)
        one, one_unit = units.to_base(1.0, unit)
        if base is not None and one and base_unit == one_unit:
            # Seven significant digits hide the float noise of factors like 亩 → 公顷.
            return float(f"{base / one:.7g}")
    return round(value, 6)


FIGURE_COLUMNS = ["year", "year_to", "reported_in", "place", "level", "kind", "canonical", "indicator", "value", "low",
                  "high", "unit", "qualifier", "raw", "speech", "start", "end"]


def indicators_by_year(results: Results, *, canonical: CanonicalTable | None = None) -> pd.DataFrame:
    """Every figure of every document with the year it is *for* (not the year it was
    reported): ``tables/indicators_by_year`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`); the place and the year of
        each figure are read from its document's text and metadata.
    canonical : CanonicalTable, optional
        Canonical indicators (default: the bundled table; ``analyze --indicators``).

    Returns
    -------
    pandas.DataFrame
        Columns ``year, year_to, reported_in, place, level, kind, canonical,
        indicator, value, low, high, unit, qualifier, raw, speech, start, end``
        (:class:`~speechkit.analysis.figures.Figure`; ``year`` and ``year_to`` differ for
        a figure over several years; ``indicator`` is the name normalised as in
        :func:`indicator_table`, a change with its word: 规上工业总产值增长); figures whose
        year cannot be told and phrases that are not indicators are left out.
    """
    from ..figures import speech_figures

    return figures_frame([row for speech, result in results.pairs()
                          for row in figure_rows(result.metrics, speech_figures(speech, result.metrics, canonical=canonical))])


def figure_rows(metrics: Sequence[Metric], figures: Sequence[Figure]) -> list[tuple]:
    """The rows of :func:`indicators_by_year` of one document, as tuples of the values of
    :data:`FIGURE_COLUMNS` (a run holds every document's rows until the table is made: a
    tuple is a fraction of a dict's size): its ``figures``
    (:func:`~speechkit.analysis.figures.speech_figures` of its ``metrics``) whose year is
    known and that are indicators, each named as the indicator table names it."""
    table, units = default_indicators(), default_units()
    named = {m.start: row_key(m, table, units, include_targets=True) for m in metrics}
    rows = []
    for figure in figures:
        key = named.get(figure.start)
        if figure.year is None or (key is None and figure.canonical is None):
            continue
        # The row name of the indicator table: normalised, a change with its word (规上工业总产值增长).
        name = key[0].removesuffix(_TARGET_MARK) if key else normalise_indicator(figure.indicator, table)
        rows.append(tuple(name if column == "indicator" else getattr(figure, column) for column in FIGURE_COLUMNS))
    return rows


def figures_frame(rows: Sequence[tuple]) -> pd.DataFrame:
    """The table :func:`indicators_by_year` of the :func:`figure_rows` of every document, in corpus order."""
    return _sorted_figures(figure_rows_frame(rows))


def figure_rows_frame(rows: Sequence[tuple]) -> pd.DataFrame:
    """The :func:`figure_rows` of some documents as an unsorted frame of :data:`FIGURE_COLUMNS`:
    its numbers in arrays and its words in string columns, a fraction of the rows' size
    (a corpus's figures are held as such frames, one per chunk, until :func:`joined_figures`)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def joined_figures(chunks: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The table :func:`indicators_by_year` of the :func:`figure_rows_frame` of consecutive
    chunks of the corpus, in corpus order: the table :func:`figures_frame` makes of all their rows."""
    import pandas as pd

    if not chunks:
        return figures_frame([])
    # A column a chunk has no value in is of objects there; inferred again, each column is of
    # the type one frame of every row gives it.
    return _sorted_figures(pd.concat(chunks, ignore_index=True).infer_objects())


def _sorted_figures(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["place", "year", "kind", "speech", "start"], na_position="last", kind="stable")
    return frame.astype(dict.fromkeys(("year", "year_to", "reported_in"), "Int64")).reset_index(drop=True)


def indicators_by_year_wide(results: Results, *, canonical: CanonicalTable | None = None) -> pd.DataFrame:
    """The figures of :func:`indicators_by_year` pivoted to one column per year they are
    for: ``tables/indicators_by_year_wide`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    canonical : CanonicalTable, optional
        Canonical indicators (default: the bundled table).

    Returns
    -------
    pandas.DataFrame
        Columns ``place, indicator, kind, unit`` (``indicator``: the canonical id, else
        the normalised name), then one column per year. A cell holds the figure of the
        report nearest after the year (the t+1 work report for an outcome of t), then the
        first in the text; a range is written ``low–high`` (6.5–7), a redacted figure
        ``"redacted"``.
    """
    return figures_wide(indicators_by_year(results, canonical=canonical)).reset_index()


def figures_wide(frame):
    """The pivot of the long table of :func:`indicators_by_year`: one row per place,
    indicator, kind and unit, one column per year the figures are for, one figure per cell
    (see :func:`indicators_by_year_wide`); a redacted figure is ``"redacted"``. The figures of one row in
    units of one kind are converted to its :func:`display_unit` (粮食产量 in 亿吨 and 万亿斤
    → 万吨), as in :func:`indicator_table`."""
    single = frame[frame["year"] == frame["year_to"]].copy()
    single["row"] = single["canonical"].fillna(single["indicator"])
    single = _in_display_units(single)
    single["distance"] = single["reported_in"] - single["year"]
    single["distance"] = single["distance"].where(single["distance"] > 0, 99)
    single = single.sort_values(["distance", "reported_in", "speech", "start"], kind="stable")
    keys = ["place", "row", "kind", "unit"]
    first = single.drop_duplicates([*keys, "year"]).fillna({"place": "", "unit": ""})
    # A range keeps both bounds (6.5–7), as the redacted figure of the indicator table keeps its mark.
    ranged = first["low"].notna() & first["high"].notna() & (first["low"] != first["high"])
    first["cell"] = first["value"].astype(object).where(first["value"].notna(), REDACTED)
    first.loc[ranged, "cell"] = [f"{low:g}–{high:g}" for low, high in zip(first.loc[ranged, "low"], first.loc[ranged, "high"])]
    wide = first.pivot(index=keys, columns="year", values="cell").sort_index()
    wide.index = wide.index.set_names(["place", "indicator", "kind", "unit"])
    return wide


def _in_display_units(figures):
    """``figures`` with value, low, high and unit in the display unit of their row (place,
    row, kind and the kind of their unit)."""
    units = default_units()
    kinds = [units.get(u).kind if isinstance(u, str) and units.get(u) is not None else u for u in figures["unit"]]
    figures = figures.assign(unit_kind=kinds)
    groups = ["place", "row", "kind", "unit_kind"]
    shown = figures.groupby(groups, dropna=False)["unit"].transform(lambda written: display_unit(written, units))
    converted = {
        column: [None if v != v or v is None else convert(v, u, s, units) for v, u, s in zip(figures[column], figures["unit"], shown)]
        for column in ("value", "low", "high")
    }
    return figures.assign(**converted, unit=shown.where(shown.notna(), figures["unit"])).drop(columns="unit_kind")
