"""The main job: every per-speech result and corpus table of a folder, written to OUT.

Per-speech work (:func:`speechkit.pipeline.per_speech.speech_result`) is a pure function of the
speech and the options, the map step; it runs with the speech's files and pictures through
the executor seam (:mod:`speechkit.pipeline.executors`: a local process pool or Dask), and
its :class:`~speechkit.result.SpeechResult` is cached by content hash inside the mapped
function, so every worker uses the cache. The corpus stage (tables, graphs, pictures) is
then built from those results and the metadata alone, its independent parts (the tables by
year of each group, the graphs, pictures and report pages) shared out as tasks by the same
executor; the report's index comes last.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from .cache import cache_limit, prune_cache
from .output_folder import INCOMPLETE, SUMMARY, begin, finish
from .executors import Task, check_engine, corpus_stage, frozen_objects, set_aside
from ..analysis.grouping import resolve_grouping
from .run_cache import input_digest, restore_run, run_key, store_run
from .options import AnalysisOptions
from .results import CachedResults, corpus_results, streams
from .._version import __version__
from ..corpus import Corpus
from ..errors import SpeechkitError
from ..ingest.read import read_corpus
from ..results import Results
from ..render.tables import SPEECH_RECORDS
from ..render.writers import DEFAULT_TABLE_FORMATS, table_formats, write_frame

if TYPE_CHECKING:
    from .executors import DaskTasks, LocalTasks

# The summary's account of what made a run's files, given by the run itself (never from the cache).
RUN_STATEMENT = ("speechkit_version", "options", "input_digest")
# Report pages are written in this many chunks per job, so the processes share them evenly.
PAGE_CHUNKS_PER_JOB = 2


@dataclass
class Summary:
    """What a run read, skipped, drew and wrote.

    Attributes
    ----------
    out : Path
        The output folder.
    read : int
        Speeches read.
    skipped : list of dict
        Files not read: ``path``, ``reason``.
    speeches : list of dict
        A row per speech read (id, title, year, …).
    outputs : list of str
        The files written, relative to ``out``.
    report : Path or None
        The report's index.html.
    speech_pictures : dict
        Whether each speech's pictures were drawn, and why.
    grouping : dict
        How the tables were grouped (``group_by``), and the speeches left out of every group.
    not_drawn : list of dict
        Pictures not drawn: ``picture``, ``why``.
    warnings : list of str
        Warnings of the run.
    topics : dict
        The corpus topic model chosen, in brief.
    reused : bool
        The files were copied from an identical earlier run.
    speechkit_version, options, input_digest
        What made the files: the version, every option of the run and the digest of its
        input (no time stamp, so the same input gives the same bytes).
    """

    out: Path
    read: int
    skipped: list[dict[str, str]]
    speeches: list[dict[str, Any]]
    outputs: list[str] = field(default_factory=list)
    report: Path | None = None
    speech_pictures: dict[str, Any] = field(default_factory=dict)
    grouping: dict[str, Any] = field(default_factory=dict)
    not_drawn: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    topics: dict[str, Any] = field(default_factory=dict)  # the corpus topic model chosen, in brief
    reused: bool = False  # the files were copied from an identical earlier run (see run_cache)
    # What made the files: speechkit's version, every option of the run and the digest of its input
    # (see run_cache.input_digest); no time stamp, so the same input gives the same bytes.
    speechkit_version: str = __version__
    options: dict[str, Any] = field(default_factory=dict)
    input_digest: str = ""

    def stored(self) -> dict[str, Any]:
        """What the run cache keeps of the summary: all but the output folder, the report
        relative to it, and what the run that restores it states itself (version, options, input).

        Returns
        -------
        dict
        """
        data = self.to_dict()
        for name in ("out", "reused", *RUN_STATEMENT):
            del data[name]
        data["report"] = self.report.relative_to(self.out).as_posix() if self.report else None
        return data

    @classmethod
    def from_stored(cls, data: dict[str, Any], out: Path, **statement: Any) -> "Summary":
        """The summary of a run restored into ``out`` from :meth:`stored` data, with the
        restoring run's ``statement`` (:data:`RUN_STATEMENT`).

        Parameters
        ----------
        data : dict
            :meth:`stored` data.
        out : Path
            The output folder the files were restored into.
        **statement
            The version, options and input digest of the restoring run.

        Returns
        -------
        Summary
        """
        report = data.get("report")
        return cls(out=out, **{**data, "report": out / report if report else None}, reused=True, **statement)

    def __repr__(self) -> str:
        from ..display import text_summary

        return text_summary(self._headline(), self._shown())

    def _repr_html_(self) -> str:
        from ..display import html_summary

        return html_summary(self._headline(), self._shown())

    def _headline(self) -> str:
        """One line: what was read, skipped and written, and where the report is."""
        reused = " (copied from an identical earlier run)" if self.reused else ""
        return (f"Summary: {self.read} read, {len(self.skipped)} skipped, {len(self.outputs)} files in {self.out}{reused}; "
                f"{len(self.warnings)} warnings; report: {self.report}")

    def _shown(self) -> dict:
        """The tables a display shows the first rows of: the speeches, and the skipped files if any."""
        import pandas as pd

        tables = {"speeches": pd.DataFrame(self.speeches)}
        if self.skipped:
            tables["skipped"] = pd.DataFrame(self.skipped)
        return tables

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (``summary.json``).

        Returns
        -------
        dict
        """
        return {
            "speechkit_version": self.speechkit_version,
            "options": self.options,
            "input_digest": self.input_digest,
            "out": str(self.out),
            "read": self.read,
            "skipped": self.skipped,
            "speeches": self.speeches,
            "report": str(self.report) if self.report else None,
            "speech_pictures": self.speech_pictures,
            "grouping": self.grouping,
            "not_drawn": self.not_drawn,
            "warnings": self.warnings,
            "topics": self.topics,
            "reused": self.reused,
            "outputs": self.outputs,
        }


def bundled_corpus() -> Path:
    """The demo corpus: ``speechkit/data/demo`` in an installed wheel (copied there at build
    time), else ``corpus/`` beside the package in a checkout or an editable install."""
    package = Path(__file__).resolve().parents[1]
    for path in (package / "data" / "demo", package.parent / "corpus"):
        if path.is_dir():
            return path
    raise SpeechkitError("the bundled demo corpus is not installed here: give a PATH to analyse")


@contextmanager
def texts_aside(corpus: Corpus, options: AnalysisOptions) -> Iterator[Corpus]:
    """The corpus a run works on: for a run whose results are streamed (:func:`~.results.streams`),
    with its texts in a file of the cache folder (which Dask workers share), read back when
    asked for, so that the memory the run holds does not grow with the texts; the file is
    removed when the run ends (one a killed run left, by the next run that uses the cache,
    :func:`~.cache.prune_leftover_texts`). A smaller corpus, or a run without the cache, keeps its texts."""
    if not streams(len(corpus), options):
        yield corpus
        return
    import tempfile

    from ..paths import cache_root
    from .cache import TEXTS, prune_leftover_texts, texts_folder_prefix

    prune_leftover_texts()  # those of killed runs: a run that fails later does not reach prune_cache
    folder = cache_root().absolute() / TEXTS  # absolute: a Dask worker's working folder is not this one
    folder.mkdir(parents=True, exist_ok=True)
    # Named by the machine and process, so that a later run can tell the folder of a killed one.
    with tempfile.TemporaryDirectory(prefix=texts_folder_prefix(), dir=folder) as run_folder:
        aside = corpus.with_texts_aside(Path(run_folder) / "texts")
        del corpus  # the texts in memory go with the caller's last reference
        yield aside


def tables_and_graphs(corpus: Corpus, results: Results, out: Path, options: AnalysisOptions, grouping,
                      stage: LocalTasks | DaskTasks):
    """The corpus tables and measures, the first part of the corpus stage: the tables of the
    whole corpus and the measures are built here while the ``stage``'s processes or workers
    build the tables by year of each group (``group-tables``) and draw the corpus graphs
    (``graph``), which need the results only. A task no process has taken when this one is
    done is run here. Returns the tables and the measures."""
    from .artefacts import graph_tasks
    from .corpus_tables import add_year_tables, base_tables, year_groups, year_tables
    from .measures import DocumentFigureReading, compute_measures

    def tables_and_measures():
        # One reading of the results for the tables that read them all, the measures' figures
        # and the tables with rows per speech (written into out here, not with the other tables).
        figures = DocumentFigureReading(options.canonical())
        tables = base_tables(corpus, results, options, grouping, out=out, also=[figures])
        return tables, compute_measures(corpus, results, options, figures=figures)

    shipped = _as_tasks_read(results, options, stage)
    groups = year_groups(shipped, grouping)
    graphs = graph_tasks(shipped, _tasks_folder(out, stage) / "graphs", options)
    # The graphs, the longest (the topic graph first), before the groups' tables: the process
    # that finishes the tables here then takes the groups' tables, and neither waits for the other.
    tasks = [Task("tables", tables_and_measures), *(Task("graph", graph) for graph in graphs),
             *(Task("group-tables", partial(year_tables, part, options)) for part in groups.values())]
    (tables, measures), *outcomes = stage.run(tasks, here=1)
    built = outcomes[len(graphs):]
    return add_year_tables(tables, results, options, dict(zip(groups, built))), measures


def corpus_files(corpus: Corpus, results: Results, tables, measures, out: Path, options: AnalysisOptions,
                 speech_pictures: bool, stage: LocalTasks | DaskTasks) -> tuple[list[dict], list[dict], set[str]]:
    """Write the rest of the corpus stage's files but the report index: tables, pictures and the
    report's speech pages. Return the pictures for the report, those not drawn, and the
    characters of the pages (for the report's font).

    These independent parts, each writing files of its own (each chart is one), are shared
    out by the ``stage``: between this process and forked ones, which read the results
    without pickling them (:func:`~speechkit.pipeline.executors.run_tasks`), the longest
    first; or as ``picture`` and ``page`` tasks on Dask workers. The tables and the speeches'
    records, which read every result, are written here: a worker reading them would copy
    their memory, or be sent every result.
    """
    from .artefacts import joined, picture_tasks
    from .measures import measure_picture_tasks, measure_tables
    from .report import corpus_keywords, write_pages

    folder = _tasks_folder(out, stage)
    pictures = [*picture_tasks(corpus, results, tables, folder, options, speech_pictures),
                *measure_picture_tasks(measures, folder, options, tables.grouping)]
    shipped = _as_tasks_read(results, options, stage)
    keywords = corpus_keywords(tables)
    pages = []
    for chunk in _chunks(len(corpus), PAGE_CHUNKS_PER_JOB * stage.processes):
        part = shipped.take(chunk)
        # A page task is given its speeches' keywords only, not the whole table.
        own = None if keywords is None else {sid: keywords[sid] for sid in part.ids if sid in keywords}
        pages.append(Task("page", partial(write_pages, part, folder, keywords=own, speech_files=options.speech_files)))
    tasks = [
        Task("tables", partial(write_tables, tables, measure_tables(measures), out / "tables", options.safe_csv,
                               options.table_formats, speech_records=out / SPEECH_RECORDS)),
        *(Task("picture", picture) for picture in pictures),
        *pages,
    ]
    _, *outcomes = stage.run(tasks, here=1)
    drawn, missed = joined(outcomes[: len(pictures)])
    return drawn, missed, set().union(*outcomes[len(pictures) :])


def _tasks_folder(out: Path, stage: LocalTasks | DaskTasks) -> Path:
    """The output folder as the ``stage``'s tasks name it: absolute for Dask workers, whose
    working folder is not this process's; as given here (the paths in its messages)."""
    return out.absolute() if stage.ships_results else out


def _as_tasks_read(results: Results, options: AnalysisOptions, stage: LocalTasks | DaskTasks) -> Results:
    """The results as the ``stage``'s tasks are given them: as they are here for forked
    processes (which read them without pickling); for Dask workers, which share the cache,
    loaded from it by the task rather than pickled with it (when the run uses the cache)."""
    if not stage.ships_results or not options.use_cache or results.streamed:
        return results
    return Results(results.corpus, CachedResults.of(results.corpus, options))


def write_tables(tables, measure_frames: dict, folder: Path, safe_csv: bool = True,
                 formats: Sequence[str] = DEFAULT_TABLE_FORMATS, *, speech_records: Path | None = None) -> None:
    """Every corpus and measure table, in each of ``formats`` (CSV, JSON, Parquet), into ``folder``,
    and the speeches' records into ``speech_records`` (from the same reading of the results)."""
    tables.write(folder, safe_csv, formats, speech_records=speech_records)
    for name, frame in measure_frames.items():
        write_frame(frame, folder / f"{name}.csv", safe_csv=safe_csv, formats=formats)


def _chunks(count: int, parts: int) -> list[range]:
    """``range(count)`` cut into at most ``parts`` contiguous chunks of nearly equal size."""
    parts = max(1, min(parts, count))
    bounds = [count * i // parts for i in range(parts + 1)]
    return [range(bounds[i], bounds[i + 1]) for i in range(parts)]


def _file_stamps(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def analyze(
    path: str | Path | Corpus | None = None,
    out: str | Path = "speechkit-out",
    *,
    jobs: int = 1,
    options: AnalysisOptions | None = None,
    progress: Callable[[str, int], Callable[[], None]] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Summary:
    """Analyse a folder of speeches (default: the bundled demo corpus) into ``out``.

    Parameters
    ----------
    path : str, Path or Corpus, optional
        A folder, a file or a corpus already read; ``None`` uses the bundled demo corpus.
    out : str or Path
        Output folder; created if missing, files in it are overwritten. While the run writes
        it holds an ``INCOMPLETE`` marker and no ``summary.json``; at the end the files of the
        last run that this one did not write are removed (see
        :mod:`speechkit.pipeline.output_folder`).
    jobs : int
        Worker processes for the per-speech work and the corpus stage (with Dask: the N of
        the default ``local:N``; the corpus stage's tasks then run on the cluster's workers).
    options : AnalysisOptions, optional
        Segmentation and output options.
    progress : callable, optional
        ``progress(label, total)`` returns a function to call once per finished step.
    engine : {"local", "dask"}
        Where the per-speech work runs: a local process pool of ``jobs`` workers, or
        dask.distributed (the ``dask`` extra).
    scheduler : str, optional
        With ``engine="dask"``: ``local:N`` (a LocalCluster for the run; default
        ``local:JOBS``) or ``tcp://HOST:PORT`` (a running scheduler).

    Returns
    -------
    Summary
        Counts of read and skipped files, the files written and the report.
    """
    from .artefacts import topic_summary
    from .report import build_report

    options = options or AnalysisOptions()
    options = replace(options, table_formats=table_formats(options.table_formats))
    check_engine(engine, jobs, scheduler)
    if options.use_cache:
        cache_limit()  # a bad SPEECHKIT_CACHE_MAX is said before the run, not after it
    if isinstance(path, Corpus):
        corpus, source = path, path.root or "corpus"
    else:
        source = bundled_corpus() if path is None else Path(path)
        corpus = read_corpus(source, limits=options.read_limits())
    if not len(corpus):
        raise SpeechkitError(f"{source}: no readable speech found")
    grouping = resolve_grouping(corpus, options.group_by, pool=options.pool)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    drawn, why = options.draws_speech_pictures(len(corpus))
    statement = {"speechkit_version": __version__, "options": options.statement(), "input_digest": input_digest(corpus)}
    key = run_key(corpus, options, drawn)
    # From here until finish() the folder says it is incomplete (see output_folder).
    previous = begin(out)
    stored = restore_run(key, out) if key else None
    if stored is not None:
        # The same texts, metadata and options as a run kept in the cache: its files, copied.
        summary = Summary.from_stored(stored, out, **statement)
        finish(out, previous, summary.outputs, summary.to_dict())
        return summary
    before = _file_stamps(out)
    steps = progress("corpus", 3) if progress else (lambda: None)
    tick = progress("speeches", len(corpus)) if progress else None
    # One Dask client for the map and the corpus stage's tasks (see executors.corpus_stage).
    with texts_aside(corpus, options) as corpus, frozen_objects(), corpus_stage(engine, jobs, scheduler) as stage:
        results = corpus_results(corpus, options, jobs=jobs, engine=engine, scheduler=scheduler, on_done=tick, out=out,
                                 pictures=drawn)
        set_aside()  # the results live until the run ends
        tables, measures = tables_and_graphs(corpus, results, out, options, grouping, stage)
        steps()
        pictures, not_drawn, characters = corpus_files(corpus, results, tables, measures, out, options, drawn, stage)
        steps()
        report = build_report(corpus, results, tables, pictures, out, options, measures, characters=characters,
                              not_drawn=not_drawn)
        steps()
    summary = Summary(
        out=out,
        read=len(corpus),
        skipped=[s.to_dict() for s in corpus.skipped],
        speeches=[
            # The sizes of the corpus table: the results are not read again for them.
            {"id": s.id, "file": s.file, "title": s.title, "year": s.year, "characters": characters}
            for s, characters in zip(corpus, tables.frames["corpus"]["characters"].tolist())
        ],
        report=report,
        speech_pictures={"drawn": drawn, "why": why},
        grouping=grouping.to_dict(),
        not_drawn=not_drawn,
        warnings=tables.warnings + measures.warnings,
        **statement,
    )
    # Only what this run wrote: older files in OUT are the user's and stay unlisted.
    files = {p.relative_to(out).as_posix() for p, stamp in _file_stamps(out).items() if before.get(p) != stamp}
    summary.outputs = sorted((files - {INCOMPLETE}) | {SUMMARY})
    summary.topics = topic_summary(out, summary.outputs)
    finish(out, previous, summary.outputs, summary.to_dict())
    if key:
        store_run(key, out, summary.outputs, summary.stored())
    if options.use_cache:
        prune_cache()
    return summary
