"""Targets and outcomes: the targets a report sets and whether the next report met them.

Studies of target setting link the target for year t to the outcome a report gives for t:
the work report of year t sets t's targets and the report of t+1 reviews t; a year-end
speech on year t reviews t and sets the targets of t+1 (2022年…主要预期目标是 in the speech
on 2021), which the speech on t+1 reviews. Whatever the genre, the outcome for t is the
figure dated t in the review of a document of year t or later. From the figures of each document (see
:mod:`speechkit.analysis.figures`: year, place, kind and canonical indicator of every
metric):

- **Targets** are the figures of a canonical indicator that a report sets for its own
  year or the next (kind ``target`` or ``plan``): 城镇新增就业900万人以上 in the 2020 report is
  a 2020 target, 签约引进项目30个以上 in the speech on 2021 a 2022 target. A local indicator
  the canonical table does not know (规上工业总产值, 全口径税收) is a target when the
  announcement of targets (主要预期目标是：…) gives it a number in figures; it keeps its normalised name
  (``indicator``; ``canonical`` is empty) and is matched only with outcomes of that name. The first one per place, year and indicator counts. A target the announcement
  of targets states in words only (居民收入增长与经济增长基本同步, 进出口稳中向好) is a row
  with no value and the reason ``qualitative``; its outcome is shown when the next report
  gives one.
- **Outcomes** are figures for one year the document reviews (its own or an earlier one). A change is never
  an outcome of a level (比去年增加2700亿元 is no deficit), and a multi-year figure
  (五年来, 年均) never one year's.
- **The ledger** has one row per target, matched only with outcomes of the *same place*,
  year and indicator, the earliest document first. Documents whose place cannot be told
  (no ``place`` in the metadata, none in the title, dateline or address) are kept apart
  and named in :attr:`TargetLedger.warnings`.

Verdicts follow the indicator's direction (floor: growth, jobs, output; ceiling: prices,
unemployment, deficits); a local indicator's is a ceiling when its target is (以内, 不超过,
以下), else a floor. For a floor: ``met`` at the value (or inside a range),
``exceeded`` above, ``met within tolerance`` below by at most ``tolerance`` when the target
is approximate (左右), else ``missed``. For a ceiling: ``met`` at or below, ``met within
tolerance`` above by at most ``tolerance`` when approximate, else ``missed``. A row without
a verdict says why (``reason``): ``qualitative`` (the target is no number), ``no_next_report`` (the corpus has no later
document of that place dated t or after), ``different_scope`` (the next report gives the figure of another indicator
of the family only: the surveyed, not the registered unemployment rate),
``no_outcome_figure`` (it gives none).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..extract.metrics.units import COUNTED_KINDS
from ..extract.place import document_place
from .figures import Figure, announcement_spans, flat_outcomes, qualitative_targets, speech_figures

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus
    from ..extract.place import Place
    from ..model import Metric
    from ..results import Results
    from ..speech import Speech
    from .canonical import CanonicalIndicator, CanonicalTable

TOLERANCE = 0.1
APPROXIMATE = ("左右", "上下", "约")
TARGET_KINDS = ("target", "plan")
# Words of a target that make it a ceiling (a local indicator has no direction of its own).
CEILING_QUALIFIERS = ("以内", "不超过", "以下", "不高于")
REASONS = ("no_next_report", "no_outcome_figure", "different_scope", "qualitative")
VERDICTS = ("met", "met within tolerance", "exceeded", "missed")
LEDGER_COLUMNS = [
    "place", "level", "year", "indicator", "canonical", "direction", "target", "target_low", "target_high", "qualifier", "unit",
    "target_name", "target_raw", "target_speech", "target_start", "target_end",
    "outcome", "outcome_raw", "outcome_name", "outcome_speech", "outcome_start", "outcome_end",
    "verdict", "difference", "reason",
]  # fmt: skip
FIGURE_COLUMNS = list(Figure.__dataclass_fields__)


@dataclass
class TargetLedger:
    """Targets and outcomes over a set of documents, and their links.

    ``figures`` are the figures of canonical indicators of every document; ``documents``
    the (place, year) pairs that have a document; ``warnings`` say which documents' place
    could not be told.

    Attributes
    ----------
    figures : list of Figure
        As above.
    documents : set of (str or None, int)
        As above.
    canonical : CanonicalTable
        The canonical indicators the figures were matched to.
    tolerance : float
        How far an approximate target (左右) may be missed and be met within tolerance.
    warnings : list of str
        As above.
    """

    figures: list[Figure]
    documents: set[tuple[str | None, int]]
    canonical: CanonicalTable
    tolerance: float = TOLERANCE
    warnings: list[str] = field(default_factory=list)

    @property
    def targets(self) -> list[Figure]:
        """The annual targets: one per place, year and indicator, set in that year's report."""
        chosen: dict[tuple, Figure] = {}
        # A number set for the indicator wins over words about it (进出口增长6%左右 / 进出口稳中向好).
        for figure in sorted(self.figures, key=lambda f: (f.value is None, *_text_order(f))):
            if figure.kind in TARGET_KINDS and _annual_target(figure):
                chosen.setdefault((figure.place, figure.year, indicator_key(figure)), figure)
        return list(chosen.values())

    @property
    def outcomes(self) -> list[Figure]:
        """Every figure for one year that its document reviews (a work report of t cannot
        have an outcome for t: a figure for t there is a target)."""
        return [f for f in self.figures if f.kind == "outcome" and f.year is not None and f.year == f.year_to
                and f.reported_in is not None and f.year <= f.reported_in and f.value is not None]

    def __repr__(self) -> str:
        from ..display import text_summary

        return text_summary(self._headline(), {"ledger": self.ledger()})

    def _repr_html_(self) -> str:
        from ..display import html_summary

        return html_summary(self._headline(), {"ledger": self.ledger()})

    def _headline(self) -> str:
        return f"TargetLedger({len(self.targets)} targets, {len(self.outcomes)} outcomes; .ledger(), .target_frame(), .outcome_frame())"

    def target_frame(self):
        """Every annual target (columns of :class:`~speechkit.analysis.figures.Figure`).

        Returns
        -------
        pandas.DataFrame
        """
        return _frame(self.targets)

    def outcome_frame(self):
        """Every one-year outcome (columns of :class:`~speechkit.analysis.figures.Figure`).

        Returns
        -------
        pandas.DataFrame
        """
        return _frame(self.outcomes)

    def ledger(self):
        """One row per target: its outcome (same place, year and indicator), verdict,
        difference (outcome − the nearest bound) and, without a verdict, the reason.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        outcomes: dict[tuple, list[Figure]] = defaultdict(list)
        for outcome in sorted(self.outcomes, key=lambda f: (f.reported_in, f.speech, f.start)):
            outcomes[(outcome.place, outcome.year, indicator_key(outcome))].append(outcome)
        rows = [self._row(target, outcomes) for target in self.targets]
        rows.sort(key=lambda r: (r["place"] is None, str(r["place"]), r["indicator"], r["year"]))
        years_and_offsets = ("year", "target_start", "target_end", "outcome_start", "outcome_end")
        return pd.DataFrame(rows, columns=LEDGER_COLUMNS).astype(dict.fromkeys(years_and_offsets, "Int64"))

    def _row(self, target: Figure, outcomes: Mapping[tuple, list[Figure]]) -> dict[str, Any]:
        indicator = self.canonical[target.canonical] if target.canonical else None
        direction = indicator.direction if indicator else _local_direction(target)
        found = outcomes.get((target.place, target.year, indicator_key(target)), [])
        outcome, value = next(((o, v) for o in found if (v := self._in_unit(o, target)) is not None), (None, None))
        low, high = _bounds(target)
        verdict = difference = reason = None
        if outcome is not None and target.value is not None:
            verdict, difference = judge(value, low, high, direction, approximate=_approximate(target),
                                        tolerance=self.tolerance)
        else:
            reason = self._reason(target, indicator, outcomes)
        return {
            "place": target.place, "level": target.level, "year": target.year, "indicator": indicator_key(target),
            "canonical": target.canonical, "direction": direction, "target": target.value, "target_low": low, "target_high": high,
            "qualifier": target.qualifier, "unit": target.unit, "target_name": target.indicator, "target_raw": target.raw,
            "target_speech": target.speech, "target_start": target.start, "target_end": target.end,
            "outcome": value, "outcome_raw": outcome.raw if outcome else None,
            "outcome_name": outcome.indicator if outcome else None, "outcome_speech": outcome.speech if outcome else None,
            "outcome_start": outcome.start if outcome else None, "outcome_end": outcome.end if outcome else None,
            "verdict": verdict, "difference": difference, "reason": reason,
        }  # fmt: skip

    def _in_unit(self, outcome: Figure, target: Figure) -> float | None:
        """The outcome's value in the target's unit (None when the units cannot be compared);
        any outcome's own value for a target stated in words."""
        if outcome.unit == target.unit or target.value is None:
            return outcome.value
        units = self.canonical.units
        base, base_unit = _counted_base(units, outcome.value, outcome.unit, target.unit)
        one, one_unit = _counted_base(units, 1.0, target.unit, outcome.unit)
        if base is None or not one or base_unit != one_unit or base_unit is None:
            return None
        return float(f"{base / one:.7g}")

    def _reason(self, target: Figure, indicator: CanonicalIndicator | None,
                outcomes: Mapping[tuple, list[Figure]]) -> str:
        if target.value is None:
            return "qualitative"
        if not any(place == target.place and year > target.reported_in and year >= target.year
                   for place, year in self.documents):
            return "no_next_report"
        if indicator is not None and indicator.family and any(
            self.canonical[other].family == indicator.family
            for (place, year, other) in outcomes
            if place == target.place and year == target.year and other != indicator.id and other in self.canonical.indicators
        ):
            return "different_scope"
        return "no_outcome_figure"


def _counted_base(units, value: float | None, unit: str | None, beside: str | None) -> tuple[float | None, str | None]:
    """``value`` in the base of ``unit``; a number written without a unit (减少1000万) beside
    a count of people, households or things (万人) counts the same things, in their base."""
    counted = units.get(beside) if unit is None and beside else None
    if counted is not None and counted.kind in COUNTED_KINDS and counted.base is not None and value is not None:
        return value, counted.base
    return units.to_base(value, unit)


def judge(outcome: float, low: float, high: float, direction: str, *, approximate: bool = False,
          tolerance: float = TOLERANCE) -> tuple[str, float]:
    """The verdict on a target ``[low, high]`` (equal for one value) given the outcome, and
    outcome − the bound it is judged against (see the module docstring)."""
    if direction == "ceiling":
        difference = round(outcome - high, 6)
        if difference <= 0:
            return "met", difference
        return ("met within tolerance" if approximate and difference <= tolerance + 1e-9 else "missed"), difference
    if outcome > high:
        return "exceeded", round(outcome - high, 6)
    if outcome >= low:
        return "met", 0.0 if low == high else round(outcome - low, 6)
    difference = round(outcome - low, 6)
    return ("met within tolerance" if approximate and -difference <= tolerance + 1e-9 else "missed"), difference


def target_ledger(results: Results, *, canonical: CanonicalTable | None = None,
                  tolerance: float = TOLERANCE) -> TargetLedger:
    """Targets and outcomes of every document of ``results``, matched place by place (see
    :class:`TargetLedger`), without any grouping (:func:`target_ledgers` groups as
    ``speechkit analyze`` does).

    Parameters
    ----------
    results : Results
        The results of reports of consecutive years (:meth:`speechkit.Corpus.results`), of
        one place or many: targets are only ever matched with outcomes of their own place.
        The metrics come from the results; the place, the announcement of targets and the
        targets stated in words are read from each document's text.
    canonical : CanonicalTable, optional
        Canonical indicators (default: the bundled table).
    tolerance : float
        How far (in the target's unit, percentage points for %) an approximate target (左右)
        may be missed and still be ``met within tolerance``.

    Returns
    -------
    TargetLedger
    """
    from .canonical import default_canonical

    canonical = canonical or default_canonical()
    return _ledger_of([_read_document_figures(speech, result.metrics, canonical) for speech, result in results.pairs()],
                     canonical, tolerance)


@dataclass(frozen=True)
class DocumentFigures:
    """What one document gives a targets ledger.

    Attributes
    ----------
    figures : list of Figure
        Its figures with a canonical indicator or announced as its place's own, its targets
        stated in words and its outcomes written flat.
    document : (str or None, int) or None
        Its place's name and its year (None without a year).
    unplaced : str or None
        Its file (or id) when it has figures but no place can be told.
    """

    figures: list[Figure]
    document: tuple[str | None, int] | None
    unplaced: str | None


def _read_document_figures(speech: Speech, metrics: Sequence[Metric], canonical: CanonicalTable) -> DocumentFigures:
    """The :class:`DocumentFigures` of one document, its place read from its text."""
    place = document_place(speech)
    return document_figures(speech, speech_figures(speech, metrics, place=place, canonical=canonical), place, canonical)


def document_figures(speech: Speech, figures: Sequence[Figure], place: Place | None,
                     canonical: CanonicalTable) -> DocumentFigures:
    """The :class:`DocumentFigures` of one document of ``place`` from its ``figures``
    (:func:`~speechkit.analysis.figures.speech_figures` of its metrics, placed there)."""
    spans = announcement_spans(speech.text)
    mine = [f for f in figures if f.canonical is not None or _local_figure(f, spans)]
    mine += qualitative_targets(speech, place=place, canonical=canonical)
    mine += flat_outcomes(speech, place=place, canonical=canonical)
    document = (place.name if place else None, speech.meta.year) if speech.meta.year is not None else None
    return DocumentFigures(mine, document, (speech.file or speech.id) if place is None and mine else None)


def _ledger_of(parts: Sequence[DocumentFigures], canonical: CanonicalTable, tolerance: float = TOLERANCE) -> TargetLedger:
    """The :class:`TargetLedger` of documents given by their :class:`DocumentFigures`, in order."""
    figures = [figure for part in parts for figure in part.figures]
    documents = {part.document for part in parts if part.document is not None}
    unplaced = [part.unplaced for part in parts if part.unplaced is not None]
    warnings = [unplaced_warning(unplaced, placed=any(f.place is not None for f in figures))] if unplaced else []
    return TargetLedger(figures, documents, canonical, tolerance, warnings)


@dataclass(frozen=True)
class TargetLedgers:
    """The targets ledgers of a grouping: one per group of the column that splits the
    figures (``column``; key None and the whole corpus when nothing splits them).

    The tables stack the ledgers of the groups that set targets, under an outer column
    named after ``column`` (:func:`~speechkit.analysis.grouping.stack_groups`).
    """

    column: str | None
    ledgers: dict[str | None, TargetLedger]

    @property
    def warnings(self) -> list[str]:
        """The warnings of every group, each once."""
        return list(dict.fromkeys(w for ledger in self.ledgers.values() for w in ledger.warnings))

    @property
    def with_targets(self) -> dict[str | None, TargetLedger]:
        """The ledgers of the groups that set targets (the only ones ``analyze`` writes)."""
        return {label: ledger for label, ledger in self.ledgers.items() if ledger.targets}

    def ledger(self) -> pd.DataFrame:
        """One row per target (:meth:`TargetLedger.ledger`) of every group."""
        return self._stacked(TargetLedger.ledger)

    def target_frame(self) -> pd.DataFrame:
        """Every annual target (:meth:`TargetLedger.target_frame`) of every group."""
        return self._stacked(TargetLedger.target_frame)

    def outcome_frame(self) -> pd.DataFrame:
        """Every one-year outcome (:meth:`TargetLedger.outcome_frame`) of every group."""
        return self._stacked(TargetLedger.outcome_frame)

    def _stacked(self, table) -> pd.DataFrame:
        from .grouping import stack_groups

        # Without any target the (empty) tables of every group keep the columns.
        chosen = self.with_targets or self.ledgers
        frames = {label: table(ledger) for label, ledger in chosen.items()}
        return frames[None] if self.column is None else stack_groups(frames, self.column)


def target_ledgers(results: Results, *, by: str | None = None, pool: bool = False,
                   canonical: CanonicalTable | None = None, tolerance: float = TOLERANCE) -> TargetLedgers:
    """The targets ledgers of ``results`` grouped as ``speechkit analyze`` groups them.

    The grouping is that of ``analyze --group-by BY`` (``--pool``):
    :func:`~speechkit.analysis.grouping.resolve_grouping`; the figures are split by its
    ``indicators`` column (``by``, else the corpus's kind or level column when it mixes
    them), so each group's targets are linked to its own outcomes, never to another
    level's. Whatever the grouping, targets are matched only with outcomes of their own place.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    by : str, optional
        The metadata column that splits the figures (``org``, ``kind``, ``level`` …).
    pool : bool
        Keep a corpus that mixes kinds or levels together (its figures are still split by
        the level column).
    canonical : CanonicalTable, optional
        Canonical indicators (default: the bundled table).
    tolerance : float
        As for :func:`target_ledger`.

    Returns
    -------
    TargetLedgers
    """
    from .canonical import default_canonical

    canonical = canonical or default_canonical()
    parts = [_read_document_figures(speech, result.metrics, canonical) for speech, result in results.pairs()]
    return grouped_ledgers(results.corpus, parts, by=by, pool=pool, canonical=canonical, tolerance=tolerance)


def grouped_ledgers(corpus: Corpus, parts: Sequence[DocumentFigures], *, by: str | None = None, pool: bool = False,
                    canonical: CanonicalTable, tolerance: float = TOLERANCE) -> TargetLedgers:
    """The :func:`target_ledgers` of ``corpus`` from each document's :class:`DocumentFigures`
    (``parts``, in corpus order): each group's ledger of its own documents' figures."""
    from .grouping import resolve_grouping

    grouping = resolve_grouping(corpus, by, pool=pool)
    column = grouping.indicators
    members = {None: range(len(corpus))} if column is None else grouping.groups
    return TargetLedgers(column, {label: _ledger_of([parts[i] for i in positions], canonical, tolerance)
                                  for label, positions in members.items()})


def targets_ledger_table(results: Results, *, by: str | None = None, pool: bool = False,
                         canonical: CanonicalTable | None = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """One row per target with its outcome and verdict: ``tables/targets_ledger`` of
    ``speechkit analyze``.

    Parameters
    ----------
    results, by, pool, canonical, tolerance
        As for :func:`target_ledgers`.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`LEDGER_COLUMNS`, after the grouping column when the figures
        are split.
    """
    return target_ledgers(results, by=by, pool=pool, canonical=canonical, tolerance=tolerance).ledger()


def targets_table(results: Results, *, by: str | None = None, pool: bool = False,
                  canonical: CanonicalTable | None = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Every annual target: ``tables/targets`` of ``speechkit analyze``.

    Parameters
    ----------
    results, by, pool, canonical, tolerance
        As for :func:`target_ledgers`.

    Returns
    -------
    pandas.DataFrame
        The columns of :class:`~speechkit.analysis.figures.Figure`, after the grouping
        column when the figures are split.
    """
    return target_ledgers(results, by=by, pool=pool, canonical=canonical, tolerance=tolerance).target_frame()


def outcomes_table(results: Results, *, by: str | None = None, pool: bool = False,
                   canonical: CanonicalTable | None = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Every one-year outcome: ``tables/outcomes`` of ``speechkit analyze``.

    Parameters
    ----------
    results, by, pool, canonical, tolerance
        As for :func:`target_ledgers`.

    Returns
    -------
    pandas.DataFrame
        As for :func:`targets_table`.
    """
    return target_ledgers(results, by=by, pool=pool, canonical=canonical, tolerance=tolerance).outcome_frame()


def unplaced_warning(files: Sequence[str], *, placed: bool) -> str:
    """The warning for documents whose place could not be told."""
    names = ", ".join(files)
    also = "; they are kept apart from the documents whose place is known" if placed else ""
    return (f"the place of {len(files)} document(s) could not be told (no 'place' in the metadata, none in the "
            f"title, dateline or address): {names}. Their targets are matched only among themselves, so documents "
            f"of different places may be paired; add a 'place' column to metadata.csv{also}")


def indicator_key(figure: Figure) -> str | None:
    """What a target and its outcome must share: the canonical indicator, else the normalised name."""
    return figure.canonical or figure.name


def _local_figure(figure: Figure, spans: Sequence[tuple[int, int]]) -> bool:
    """A figure of an indicator the canonical table does not know that the ledger keeps: an
    outcome with a value, or a target written in figures inside the announcement of targets."""
    if figure.value is None or not figure.name:
        return False
    if figure.kind == "outcome":
        return True
    # A count in words in the announcement's paragraph (着重对两个指标作些说明) is no target.
    written_in_figures = any(character.isdigit() for character in figure.raw)
    return figure.kind in TARGET_KINDS and written_in_figures and any(first <= figure.start < last for first, last in spans)


def _local_direction(target: Figure) -> str:
    return "ceiling" if any(word in (target.qualifier or "") for word in CEILING_QUALIFIERS) else "floor"


def _annual_target(figure: Figure) -> bool:
    """A target for one year: the document's own year or the next (a year-end speech)."""
    return (figure.year is not None and figure.year == figure.year_to and figure.reported_in is not None
            and figure.reported_in <= figure.year <= figure.reported_in + 1)


def _bounds(target: Figure) -> tuple[float | None, float | None]:
    if target.low is not None and target.high is not None:
        return target.low, target.high
    return target.value, target.value


def _approximate(target: Figure) -> bool:
    return any(word in (target.qualifier or "") for word in APPROXIMATE)


def _text_order(figure: Figure) -> tuple:
    return (figure.reported_in or 0, figure.speech, figure.start)


def _frame(figures: Sequence[Figure]):
    import pandas as pd

    frame = pd.DataFrame([f.to_dict() for f in figures], columns=FIGURE_COLUMNS)
    return frame.astype(dict.fromkeys(("reported_in", "year", "year_to"), "Int64"))
