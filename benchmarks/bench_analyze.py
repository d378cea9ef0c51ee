"""``speechkit analyze`` at scale (default 100, 300 and 1,000 speeches; ``--sizes 1000,3000,10000``
for the large run), side by side with one plain ``jieba.lcut`` pass over the same text, with Dask
(a LocalCluster, and a scheduler and two workers started as separate processes) and with a
handwritten researcher's script, in one run.

Run: python3 benchmarks/bench_analyze.py [--sizes 100,300,1000] [--dask-sizes 300] [--scale-only] [--quick] [--workdir DIR]

The corpora (``_corpora.py``) are copies of the documents in ../shared/data (real, provinces,
genres and the seed), each with its own year, title and a shuffled paragraph order
(deterministic), so a content-hash cache cannot dedupe them; with ``--workdir`` they are kept
and a rerun reuses them. Every speechkit run is the real command line in a subprocess
(``_timed_cli.py``: the CLI plus stage times from its progress callback) with a fresh, empty
``SPEECHKIT_CACHE`` unless it is the warm rerun; peak memory is that of the whole process tree
(main process and workers, and the Dask scheduler and workers when they are separate processes),
as the sum of PSS (a page shared between forked workers counts once: the physical memory) beside
the sum of RSS. At each of ``--dask-sizes`` the local pool's run is repeated with
``--executor dask --scheduler local:2`` and against ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1; their files (tables, pictures, graphs, report; all but summary.json) are
compared with the local pool's byte for byte, and the tasks the separate workers ran (recorded by
an observer client from the scheduler's task stream) are counted by key prefix and worker: the
map (``speeches``), the reduce (``reduce``) and the corpus stage (``group-tables``, ``graph``,
``picture``, ``page``). Runs that would end past ``--budget-minutes``
(estimated from the runs before them) are skipped and said so. The per-speech stage is also timed
part by part in this process on up to 200 speeches, as a run's map step does it (segmenting,
extraction, its cache entry, its line of speeches.jsonl; the separate files of --speech-files beside
them), in this process's CPU time beside ``jieba.lcut`` of each speech just before its parts, so that
other work on a shared machine slows both alike; ``--parts-only`` measures only that, ``--scale-only`` leaves it out, with the --jobs 1 run, the warm rerun and the
handwritten script. ``--stream`` streams the results from the cache at every size (by default a run holds them up
to 1,000 speeches), so that the memory of the sizes compares.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This checkout's speechkit before an installed one: the jieba baseline and the per-speech parts import it here.
sys.path[:0] = [str(HERE), str(HERE.parent)]

from _common import ROOT, Measured, baseline_jieba, run_measured  # noqa: E402
from _corpora import cached_corpus, file_name  # noqa: E402
from _dask_cluster import (  # noqa: E402
    REDUCE_WORDS,
    TableComparison,
    TaskStreamSummary,
    compare_tables,
    exit_on_sigterm,
    separate_cluster,
    summarise_task_stream,
)

# Runs skip the per-speech pictures (whole-job runs draw them with --speech-pictures); corpus pictures and
# the report are always drawn.
NO_SPEECH_PICTURES = "--no-speech-pictures"
JOBS = 2  # the local pool's workers, the LocalCluster's and the separate cluster's
PARTS_SPEECHES = 200  # the per-speech parts are timed on at most this many speeches
SPEEDUP_SPEECHES = 300  # and the machine's own speed-up over JOBS processes
# Targets of the whole job on the largest corpus, of memory growth, and of the per-speech stage.
PEAK_PSS_TARGET = 2e9
SLOPE_TARGET_MB = 0.05  # MB of peak memory per added speech, from the first size to the last
JIEBA_RATIO_TARGET = 3.0
PER_SPEECH_TARGET = 1.0  # the per-speech stage at --jobs 1, in multiples of jieba.lcut's throughput
# Labels of the runs.
LOCAL, SERIAL, WARM = f"jobs {JOBS}", "jobs 1", f"jobs {JOBS} warm"
DASK_LOCAL, DASK_SEPARATE = f"dask local:{JOBS}", f"dask {JOBS} workers"


def jieba_seconds_per_speech(folder: Path, count: int) -> list[float]:
    """Seconds of ``jieba.lcut`` on each speech's whole file, in one process (initialised first)."""
    jieba = baseline_jieba()
    seconds = []
    for number in range(count):
        text = (folder / file_name(number)).read_text(encoding="utf-8")
        start = time.perf_counter()
        jieba.lcut(text)
        seconds.append(time.perf_counter() - start)
    return seconds


def jieba_pass_seconds(per_speech: list[float], speech_bytes: list[int], sizes: list[int]) -> dict[int, float]:
    """Seconds of one ``jieba.lcut`` pass over the first ``size`` speeches, for each size: the sum
    of the speeches timed (``per_speech``, the first ones), and past them the bytes left at the
    rate measured (``jieba.lcut`` runs at a steady rate per byte on these texts)."""
    timed = len(per_speech)
    rate = sum(per_speech) / sum(speech_bytes[:timed])
    return {size: sum(per_speech[:size]) + rate * sum(speech_bytes[timed:size]) for size in sizes}


def _lcut_files(paths: list[Path]) -> int:
    """``jieba.lcut`` over each file (a worker of :func:`jieba_speedup`)."""
    jieba = baseline_jieba()
    for path in paths:
        jieba.lcut(path.read_text(encoding="utf-8"))
    return len(paths)


def jieba_speedup(folder: Path, count: int, jobs: int = 2) -> float:
    """This machine's own speed-up over ``jobs`` processes: one ``jieba.lcut`` pass over the
    corpus's files in one process, then split over ``jobs`` forked processes (jieba already
    initialised in both). No program of this kind can beat it with ``--jobs`` on this machine."""
    import multiprocessing

    paths = [folder / file_name(number) for number in range(count)]
    baseline_jieba()
    start = time.perf_counter()
    _lcut_files(paths)
    one = time.perf_counter() - start
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pool.map(abs, range(jobs))  # the workers are started before the clock
        start = time.perf_counter()
        pool.map(_lcut_files, [paths[i::jobs] for i in range(jobs)])
        parallel = time.perf_counter() - start
    return one / parallel


# The parts of the per-speech stage measured one by one, in the order a speech goes through them, as a
# run without options does them: segmenting, extraction, its cache entry, its line of speeches.jsonl.
PER_SPEECH_PARTS = ("segmenting", "extraction", "cache entry", "speeches.jsonl line")
# Timed beside them, outside the stage: the separate files that --speech-files adds per speech.
SPEECH_FILES_PART = "separate files (--speech-files)"
# The baseline timed in the same loop, on each speech just before its parts: load on a shared machine
# then slows the baseline and the stage alike, where a jieba pass timed apart can run at another load.
PAIRED_JIEBA_PART = "jieba.lcut"


def per_speech_parts(folder: Path, workdir: Path) -> dict[str, float]:
    """Seconds of each part of the per-speech stage over the speeches of ``folder``, in this
    process, after one speech has loaded what the extractors load once, as the map step of a
    run does them (objects made before the stage frozen out of garbage collection, each speech
    keeping only its text after its turn): segmenting with speechkit's tokenizer, the extraction
    (:func:`speech_result` of the segmented speech), its cache entry (JSON encoded and written)
    and its line of ``speeches.jsonl``; then, under :data:`SPEECH_FILES_PART`, the separate
    files ``--speech-files`` writes; and under :data:`PAIRED_JIEBA_PART`, ``jieba.lcut`` of the
    same text just before. Every part is this process's CPU time, so that other work on the
    machine does not enter the ratio of the stage to its baseline."""
    from speechkit import AnalysisOptions, read_corpus
    from speechkit.pipeline import speech_result
    from speechkit.pipeline.executors import frozen_objects
    from speechkit.pipeline.extractors import EXTRACTORS
    from speechkit.render.tables import speech_line, write_speech_files

    options = AnalysisOptions()
    tokenizer = options.tokenizer()
    jieba = baseline_jieba()
    speeches = list(read_corpus(folder))
    speech_result(speeches[0], options)
    speeches[0].forget_derived()
    seconds = dict.fromkeys((*PER_SPEECH_PARTS, SPEECH_FILES_PART, PAIRED_JIEBA_PART), 0.0)
    target = Path(tempfile.mkdtemp(prefix="parts-", dir=workdir))
    clock = time.process_time
    with frozen_objects():
        for number, speech in enumerate(speeches):
            baseline = clock()
            jieba.lcut(speech.text)
            start = clock()
            speech.tokens(tokenizer)
            segmented = clock()
            result = speech_result(speech, options)
            extracted = clock()
            (target / f"{number}.json").write_bytes(result.to_json())
            stored = clock()
            speech_line(speech, result)
            recorded = clock()
            write_speech_files(result, target / speech.id, extractors=EXTRACTORS)
            written = clock()
            speech.forget_derived()
            spans = [(start, segmented), (segmented, extracted), (extracted, stored), (stored, recorded), (recorded, written),
                     (baseline, start)]
            for part, (begin, end) in zip(seconds, spans):
                seconds[part] += end - begin
    shutil.rmtree(target, ignore_errors=True)
    return seconds


def dask_executor_available() -> bool:
    """Whether ``speechkit analyze`` offers Dask (``--executor dask --scheduler ...``) and
    dask.distributed is installed."""
    result = subprocess.run(
        [sys.executable, "-m", "speechkit", "analyze", "--help"], env=_env(COLUMNS="200"), capture_output=True, text=True, timeout=300
    )
    offered = result.returncode == 0 and "--executor" in result.stdout and "--scheduler" in result.stdout
    return offered and importlib.util.find_spec("distributed") is not None


def _env(**extra: str) -> dict[str, str]:
    """The environment of a run: this checkout's speechkit first on the path."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


@dataclass
class Run:
    """One measured ``speechkit analyze`` run, with its output folder while it is kept."""

    label: str
    size: int
    measured: Measured
    stages: dict
    cache: Path
    out: Path
    tables: TableComparison | None = None  # against the local pool's files at the same size
    tasks: TaskStreamSummary | None = None  # what the separate workers ran

    @property
    def ok(self) -> bool:
        return self.measured.returncode == 0

    def stage_seconds(self, label: str) -> float | None:
        """Seconds from the start of stage ``label`` to its last step, if the run reported it fully."""
        stage = self.stages.get("stages", {}).get(label)
        if not stage or stage["end"] is None or stage["ticks"] < stage["total"]:
            return None
        return stage["end"] - stage["start"]

    def corpus_stage_seconds(self) -> float | None:
        """Seconds from the end of the per-speech stage to the command's exit."""
        if self.stage_seconds("speeches") is None or "exit" not in self.stages:
            return None
        return self.stages["exit"] - self.stages["stages"]["speeches"]["end"]


@dataclass
class Bench:
    """The corpora, the budget and every measurement of one benchmark run."""

    workdir: Path
    sizes: list[int]
    dask_sizes: list[int]
    budget: float
    speech_pictures: bool
    scale_only: bool = False  # no --jobs 1 run, warm rerun, handwritten script or per-speech parts
    stream: bool = False  # every run streams its results from the cache (none held, whatever the size)
    started: float = field(default_factory=time.perf_counter)
    load_at_start: float = field(default_factory=lambda: os.getloadavg()[0])
    megabytes: dict[int, float] = field(default_factory=dict)
    jieba: dict[int, float] = field(default_factory=dict)
    jieba_timed: int = 0  # speeches jieba.lcut was timed on; larger sizes are estimated from them by bytes
    runs: dict[tuple[str, int], Run] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    handwritten: Measured | None = None
    machine_speedup: float | None = None  # jieba.lcut split over 2 processes (jieba_speedup)
    parts: dict[str, float] = field(default_factory=dict)  # per_speech_parts of the parts corpus
    parts_size: int = 0

    def folder(self, size: int) -> Path:
        return self.workdir / f"corpus-{size}"

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def estimate(self, label: str, size: int) -> float | None:
        """Seconds a run is expected to take: a straight line through the two largest runs of
        its kind (the corpus stage has a fixed part), else scaled by megabytes from the largest
        run of its kind or, before the first of its kind, of any kind."""
        alike = sorted((run for (other, _), run in self.runs.items() if other == label and run.ok), key=lambda run: run.size)
        if len(alike) >= 2:
            (small, t_small), (large, t_large) = [(self.megabytes[run.size], run.measured.seconds) for run in alike[-2:]]
            return t_large + max(0.0, (t_large - t_small) / (large - small)) * (self.megabytes[size] - large)
        # Before the first of its kind: the slowest cold run on the largest corpus so far.
        alike = alike or sorted((run for (other, _), run in self.runs.items() if other != WARM and run.ok),
                                key=lambda run: (run.size, run.measured.seconds))
        if not alike:
            return None
        return alike[-1].measured.seconds * self.megabytes[size] / self.megabytes[alike[-1].size]

    def within_budget(self, label: str, size: int) -> bool:
        """Whether run ``label`` on ``size`` speeches is expected to end within the budget (else it is noted as skipped)."""
        estimate = self.estimate(label, size)
        if estimate is None or self.elapsed() + estimate <= self.budget:
            return True
        self.skipped.append(f"{label} on {size}: skipped, about {estimate:.0f} s would pass the {self.budget / 60:.0f}-minute budget")
        print(self.skipped[-1], flush=True)
        return False

    def analyze(self, label: str, size: int, options: list[str], *, cache: Path | None = None, warm: bool = False,
                also: list[int] | None = None) -> Run:
        """Run ``speechkit analyze`` on the corpus of ``size`` speeches with ``options`` and a fresh
        cache, or with ``cache`` (``warm``: one a run before filled). ``also``: processes the run
        uses (a separate Dask cluster), counted in its memory. The output folder is kept until
        :meth:`discard`."""
        cache = cache or Path(tempfile.mkdtemp(prefix="cache-", dir=self.workdir))
        out = self.workdir / f"out-{size}-{len(self.runs)}"
        stages_file = self.workdir / f"stages-{len(self.runs)}.json"
        command = [sys.executable, str(HERE / "_timed_cli.py"), "analyze", str(self.folder(size)), "-o", str(out), *options]
        env = _env(SPEECHKIT_CACHE=str(cache), SPEECHKIT_BENCH_STAGES=str(stages_file),
                   **({"SPEECHKIT_BENCH_HELD_AT_MOST": "0"} if self.stream else {}))
        measured = run_measured(command, env=env, also=also or [])
        stages = json.loads(stages_file.read_text(encoding="utf-8")) if stages_file.exists() else {}
        stages_file.unlink(missing_ok=True)
        run = Run(label, size, measured, stages, cache, out)
        self.runs[(label, size)] = run
        state = "" if run.ok else f"  FAILED ({measured.returncode}): {measured.error}"
        print(
            f"[{self.elapsed():5.0f} s] {size} speeches, {label}{', warm' if warm else ', cold'}: "
            f"{measured.seconds:.1f} s, peak {measured.peak_pss / 1e6:.0f} MB PSS ({measured.peak_rss / 1e6:.0f} MB RSS sum){state}",
            flush=True,
        )
        return run

    @staticmethod
    def discard(run: Run | None, *, keep_cache: bool = False) -> None:
        """Remove the output folder (and the cache, unless ``keep_cache``) of a finished run."""
        if run is not None:
            shutil.rmtree(run.out, ignore_errors=True)
            if not keep_cache:
                shutil.rmtree(run.cache, ignore_errors=True)


def compared_size(sizes: list[int]) -> int:
    """The corpus of the --jobs 1 and warm-cache comparisons: 300 of 100,300,1000, the smaller of two sizes."""
    return sizes[1] if len(sizes) >= 3 else sizes[0]


def measure(bench: Bench, dask: bool) -> None:
    """Every run, smallest corpus first: the local pool at each size (with --jobs 1 and a warm
    rerun at the compared size, the handwritten script at the first, unless ``bench.scale_only``), and
    at each Dask size the same job on a LocalCluster and on separate scheduler and worker processes."""
    sizes, compare, scale_only = bench.sizes, compared_size(bench.sizes), bench.scale_only
    pictures = [] if bench.speech_pictures else [NO_SPEECH_PICTURES]
    for size in sizes:
        if size == sizes[0] and not scale_only:
            measure_handwritten(bench, size)
        if size == compare and not scale_only and bench.within_budget(SERIAL, size):
            bench.discard(bench.analyze(SERIAL, size, ["--jobs", "1", NO_SPEECH_PICTURES]))
        if not bench.within_budget(LOCAL, size):
            continue
        local = bench.analyze(LOCAL, size, ["--jobs", str(JOBS), *pictures])
        if size == compare and local.ok and not scale_only:
            warm = bench.analyze(WARM, size, ["--jobs", str(JOBS), *pictures], cache=local.cache, warm=True)
            bench.discard(warm, keep_cache=True)
        if dask and size in bench.dask_sizes and local.ok:
            measure_dask(bench, size, local, pictures)
        bench.discard(local)


def measure_dask(bench: Bench, size: int, local: Run, pictures: list[str]) -> None:
    """The local pool's run on a LocalCluster and on a separate scheduler and workers, each
    compared with ``local``'s tables; the separate workers' tasks recorded."""
    options = ["--jobs", str(JOBS), "--executor", "dask", *pictures]
    if bench.within_budget(DASK_LOCAL, size):
        run = bench.analyze(DASK_LOCAL, size, [*options, "--scheduler", f"local:{JOBS}"])
        check_tables(run, local)
        bench.discard(run)
    if not bench.within_budget(DASK_SEPARATE, size):
        return
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=bench.workdir))
    logs = bench.workdir / f"cluster-{size}"
    try:
        # The workers compute and cache the speeches: they need this checkout and the run's cache.
        with separate_cluster(logs, workers=JOBS, env=_env(SPEECHKIT_CACHE=str(cache))) as cluster:
            cluster.start_recording()
            run = bench.analyze(DASK_SEPARATE, size, [*options, "--scheduler", cluster.address], cache=cache, also=cluster.pids)
            if run.ok:
                run.tasks = summarise_task_stream(cluster.task_stream(), cluster.worker_names())
    except RuntimeError as exc:  # the cluster did not start: said, and the benchmark goes on
        bench.skipped.append(f"{DASK_SEPARATE} on {size}: {exc}")
        print(bench.skipped[-1], flush=True)
        shutil.rmtree(cache, ignore_errors=True)
        return
    check_tables(run, local)
    bench.discard(run)
    shutil.rmtree(logs, ignore_errors=True)


def check_tables(run: Run, local: Run) -> None:
    """Compare ``run``'s files (tables, pictures, graphs, report; all but summary.json, which
    names its folder) with the local pool's, and say the outcome."""
    if run.ok:
        run.tables = compare_tables(local.out, run.out, leave_out={"summary.json"})
        print(f"          files against the local pool's: {run.tables.summary()}", flush=True)


def measure_handwritten(bench: Bench, size: int) -> None:
    """The handwritten researcher's script on the same corpus, in a subprocess."""
    out = bench.workdir / "handwritten-out"
    command = [sys.executable, str(HERE / "handwritten_baseline.py"), str(bench.folder(size)), "-o", str(out)]
    bench.handwritten = run_measured(command, env=_env())
    shutil.rmtree(out, ignore_errors=True)
    state = "" if bench.handwritten.returncode == 0 else f"  FAILED: {bench.handwritten.error}"
    print(f"[{bench.elapsed():5.0f} s] {size} speeches, handwritten script: {bench.handwritten.seconds:.1f} s{state}", flush=True)


def memory_slopes(points: list[tuple[int, float, int]]) -> list[tuple[int, int, float, float]]:
    """How peak memory grows between the runs of ``points`` (speeches, megabytes of text, peak
    bytes; sorted by speeches): ``(from, to, MB per added speech, MB per added MB of text)`` for
    each consecutive pair and, with three points or more, from the first to the last."""
    pairs = list(zip(points, points[1:]))
    if len(points) >= 3:
        pairs.append((points[0], points[-1]))
    return [
        (small, large, (high - low) / 1e6 / (large - small), (high - low) / 1e6 / (large_mb - small_mb))
        for (small, small_mb, low), (large, large_mb, high) in pairs
    ]


def _target(met: bool | None) -> str:
    return "" if met is None else ("  target met" if met else "  target MISSED")


def _seconds(run: Run | None) -> str:
    if run is None:
        return "skipped"
    return f"{run.measured.seconds:.1f}" if run.ok else f"failed: {run.measured.error}"


def report_parts(bench: Bench) -> None:
    """The per-speech stage part by part, and the throughput its parts other than the
    extraction would allow on their own."""
    if not bench.parts:
        return
    size = bench.parts_size
    per_speech = {part: 1000 * seconds / size for part, seconds in bench.parts.items()}
    stage = {part: per_speech[part] for part in PER_SPEECH_PARTS}
    jieba = per_speech[PAIRED_JIEBA_PART]
    print(f"its parts, in this process's CPU time, {size} speeches (ms per speech; jieba.lcut {jieba:.1f} on each "
          f"speech just before its parts, the target allows {jieba / PER_SPEECH_TARGET:.1f}):")
    total = sum(stage.values())
    print("  " + ", ".join(f"{part} {ms:.1f}" for part, ms in stage.items()) + f"; in all {total:.1f}, "
          f"{jieba / total:.2f}x jieba.lcut's throughput{_target(jieba / total >= PER_SPEECH_TARGET)}")
    floor = total - stage["extraction"]
    print(f"  without any extraction ({floor:.1f} ms) at most {jieba / floor:.2f}x jieba.lcut's throughput")
    print(f"  with --speech-files, {SPEECH_FILES_PART.split(' (')[0]} add {per_speech[SPEECH_FILES_PART]:.1f} ms per speech")


def report_corpora(bench: Bench) -> None:
    print("\ncorpus     speeches      MB   jieba.lcut s   jieba MB/s")
    for size in bench.sizes:
        note = "  (estimated by bytes)" if size > bench.jieba_timed else ""
        print(f"{'':10} {size:8} {bench.megabytes[size]:7.2f} {bench.jieba[size]:14.1f} "
              f"{bench.megabytes[size] / bench.jieba[size]:12.2f}{note}")
    if bench.jieba_timed < bench.sizes[-1]:
        print(f"jieba.lcut timed on the first {bench.jieba_timed} speeches, the rest estimated at their rate per byte")


def report_serial(bench: Bench) -> None:
    size = compared_size(bench.sizes)
    run = bench.runs.get((SERIAL, size))
    print(f"\nper-speech stage, --jobs 1, cold, no pictures (target: >= {PER_SPEECH_TARGET:g}x jieba.lcut's throughput)")
    print("speeches   stage s   MB/s   x jieba.lcut")
    stage = run.stage_seconds("speeches") if run and run.ok else None
    if stage is None:
        print(f"{size:8}   {'not measured (see above)' if run is None or run.ok else 'n/a: ' + _seconds(run)}")
    else:
        throughput = bench.jieba[size] / stage
        print(f"{size:8} {stage:9.1f} {bench.megabytes[size] / stage:6.2f} {throughput:10.2f}x{_target(throughput >= PER_SPEECH_TARGET)}")
    report_parts(bench)


def report_whole_job(bench: Bench) -> None:
    sizes = bench.sizes
    print(f"\nwhole job, report included, --jobs {JOBS}, cold (targets on the largest: <= {JIEBA_RATIO_TARGET:g}x the jieba "
          f"pass, peak <= {PEAK_PSS_TARGET / 1e9:g} GB PSS)")
    print("speeches   seconds   x jieba   map s   corpus stage s   peak PSS MB   (RSS sum MB)")
    for size in sizes:
        run = bench.runs.get((LOCAL, size))
        if run is None or not run.ok:
            print(f"{size:8}   {_seconds(run)}")
            continue
        seconds, ratio = run.measured.seconds, run.measured.seconds / bench.jieba[size]
        stage, corpus = run.stage_seconds("speeches"), run.corpus_stage_seconds()
        met = ratio <= JIEBA_RATIO_TARGET and run.measured.peak_pss <= PEAK_PSS_TARGET if size == sizes[-1] else None
        print(f"{size:8} {seconds:9.1f} {ratio:8.2f}x {_or_na(stage):>7} {_or_na(corpus):>16} {run.measured.peak_pss / 1e6:13.0f}"
              f"   ({run.measured.peak_rss / 1e6:.0f}){_target(met)}")


def _or_na(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.1f}"


def report_memory(bench: Bench) -> None:
    """Peak memory's growth per added speech and per added MB of text, for each kind of run."""
    print(f"\npeak memory (PSS) growth (target for --jobs {JOBS}, first to last size: <= {SLOPE_TARGET_MB:g} MB per speech)")
    for label in (LOCAL, DASK_LOCAL, DASK_SEPARATE):
        points = [(size, bench.megabytes[size], run.measured.peak_pss) for size in bench.sizes
                  if (run := bench.runs.get((label, size))) and run.ok]
        if len(points) < 2:
            continue
        for small, large, per_speech, per_mb in memory_slopes(points):
            last = label == LOCAL and (small, large) == (bench.sizes[0], bench.sizes[-1])
            print(f"{label:16} {small:>6} -> {large:<6} {per_speech:7.3f} MB per speech   {per_mb:6.1f} MB per MB of text"
                  f"{_target(per_speech <= SLOPE_TARGET_MB) if last else ''}")


def report_parallelism(bench: Bench) -> None:
    compare = compared_size(bench.sizes)
    print(f"\nparallelism and cache, {compare} speeches")
    one, two, warm = (bench.runs.get((label, compare)) for label in (SERIAL, LOCAL, WARM))
    print(f"--jobs 1 cold, no pictures   {_seconds(one)}")
    print(f"--jobs {JOBS} cold                {_seconds(two)}")
    if one and two and one.ok and two.ok:
        speedup = one.measured.seconds / two.measured.seconds
        note = "" if not bench.speech_pictures else " (--jobs 1 without per-speech pictures: not comparable)"
        print(f"speed-up of --jobs {JOBS}: {speedup:.2f}x{_target(speedup >= 1.7)}{note}")
    if bench.machine_speedup:
        print(f"this machine's own speed-up (the jieba.lcut pass split over {JOBS} processes): {bench.machine_speedup:.2f}x")
    print(f"--jobs {JOBS} warm rerun          {_seconds(warm)}")
    if warm and two and warm.ok and two.ok:
        share = warm.measured.seconds / two.measured.seconds
        print(f"warm / cold: {share:.3f}{_target(share <= 0.1)}")


def report_executors(bench: Bench, dask: bool) -> None:
    """The local pool beside Dask at each Dask size: time, memory, the tables compared, and the
    tasks the separate workers ran."""
    print(f"\nexecutors, cold (dask {JOBS} workers: `dask scheduler` and {JOBS} `dask worker --nworkers 1 --nthreads 1` "
          "on 127.0.0.1, their memory included)")
    if not bench.dask_sizes:
        print("not measured: no Dask run was asked for (--dask-sizes none)")
        return
    if not dask:
        print("not measured: this speechkit analyze has no --executor dask, or dask.distributed is not installed")
        return
    print("speeches   executor             seconds   x jieba   peak PSS MB   (RSS sum MB)   files (but summary.json) against the local pool's")
    for size in bench.dask_sizes:
        for label in (LOCAL, DASK_LOCAL, DASK_SEPARATE):
            run = bench.runs.get((label, size))
            if run is None or not run.ok:
                print(f"{size:8}   {label:18} {_seconds(run)}")
                continue
            tables = "(the reference)" if label == LOCAL else (run.tables.summary() if run.tables else "n/a")
            print(f"{size:8}   {label:18} {run.measured.seconds:8.1f} {run.measured.seconds / bench.jieba[size]:8.2f}x "
                  f"{run.measured.peak_pss / 1e6:13.0f}   ({run.measured.peak_rss / 1e6:8.0f})   {tables}")
    for size in bench.dask_sizes:
        run = bench.runs.get((DASK_SEPARATE, size))
        if run is None or run.tasks is None:
            continue
        print(f"\ntasks on the separate workers, {size} speeches (the scheduler's task stream, by key prefix and worker):")
        for line in run.tasks.lines():
            print("  " + line)
        reduce = run.tasks.reduce_prefixes
        if reduce:
            counts = ", ".join(f"{prefix} {run.tasks.by_prefix[prefix]}" for prefix in reduce)
            print(f"  the reduce ran on the workers: {counts}{_target(True)}")
        else:
            print(f"  no reduce task on the workers (no key prefix with {', '.join(REDUCE_WORDS)}): "
                  f"the reduce ran in the main process{_target(False)}")
        stage = run.tasks.corpus_stage_prefixes
        if stage:
            counts = ", ".join(f"{prefix} {run.tasks.by_prefix[prefix]}" for prefix in stage)
            print(f"  the corpus stage ran on the workers: {counts}")
        else:
            print("  no task of the corpus stage on the workers: it ran in the main process")
        if run.tasks.erred:
            print(f"  {run.tasks.erred} task(s) erred")


def report_handwritten(bench: Bench) -> None:
    sizes = bench.sizes
    print(f"\nbeside a handwritten script (handwritten_baseline.py: jieba.lcut, TF-IDF, NMF, networkx), {sizes[0]} speeches")
    hand = bench.handwritten
    if hand is None or hand.returncode:
        print(f"handwritten script: {'skipped' if hand is None else 'failed: ' + hand.error}")
        return
    print(f"handwritten script          {hand.seconds:8.1f} s   peak {hand.peak_pss / 1e6:5.0f} MB PSS")
    run = bench.runs.get((LOCAL, sizes[0]))
    if run and run.ok:
        ratio = run.measured.seconds / hand.seconds
        print(f"speechkit analyze --{LOCAL:20} {run.measured.seconds:8.1f} s   peak {run.measured.peak_pss / 1e6:5.0f} MB PSS"
              f"   {ratio:.2f}x the script's time{_target(ratio < 1)}")


def report(bench: Bench, dask: bool) -> None:
    """The tables of the run."""
    print()
    print(f"speechkit analyze at scale: {os.cpu_count()} CPUs, load average {bench.load_at_start:.1f} at the start and "
          f"{os.getloadavg()[0]:.1f} at the end (other work on the machine slows every timing); wall-clock seconds")
    pictures = "with" if bench.speech_pictures else "without"
    print(f"whole-job runs {pictures} per-speech pictures; corpus and year pictures, tables, graphs and report always")
    if bench.stream:
        print("every run streams its results from the cache (--stream: none held, whatever the size)")
    print("jieba.lcut: one pass over the same files in one process, after jieba.initialize()")
    report_corpora(bench)
    if not bench.scale_only:
        report_serial(bench)
    report_whole_job(bench)
    report_memory(bench)
    if not bench.scale_only:
        report_parallelism(bench)
    report_executors(bench, dask)
    if not bench.scale_only:
        report_handwritten(bench)
    for line in bench.skipped:
        print(line)
    print(f"benchmark took {bench.elapsed() / 60:.1f} minutes")


def _sizes(text: str) -> list[int]:
    return sorted({int(size) for size in text.split(",") if size.strip()})


def prepare(bench: Bench, jieba_speeches: int) -> None:
    """Build (or reuse) the corpora, time the jieba.lcut pass and, unless ``bench.scale_only``, the
    machine's own speed-up and the per-speech parts."""
    sizes = bench.sizes
    bench.parts_size = min(sizes[0], PARTS_SPEECHES)
    for size in sorted({*sizes, bench.parts_size}):
        written, built = cached_corpus(size, bench.folder(size))
        bench.megabytes[size] = written / 1e6
        print(f"[{bench.elapsed():5.0f} s] corpus of {size} speeches ({written / 1e6:.1f} MB) {'built' if built else 'reused'}", flush=True)
    largest = bench.folder(sizes[-1])
    bench.jieba_timed = min(sizes[-1], jieba_speeches)
    per_speech = jieba_seconds_per_speech(largest, bench.jieba_timed)
    speech_bytes = [(largest / file_name(number)).stat().st_size for number in range(sizes[-1])]
    bench.jieba = jieba_pass_seconds(per_speech, speech_bytes, sorted({*sizes, bench.parts_size}))
    if bench.scale_only:
        print(f"[{bench.elapsed():5.0f} s] jieba.lcut pass done", flush=True)
        return
    compare = compared_size(sizes)
    bench.machine_speedup = jieba_speedup(bench.folder(compare), min(compare, SPEEDUP_SPEECHES), jobs=JOBS)
    bench.parts = per_speech_parts(bench.folder(bench.parts_size), bench.workdir)
    print(f"[{bench.elapsed():5.0f} s] jieba.lcut pass and per-speech parts done", flush=True)


def measure_parts(bench: Bench) -> None:
    """The per-speech parts alone (``--parts-only``): the smallest corpus's parts, each speech's
    jieba.lcut among them, then their report."""
    bench.parts_size = size = min(bench.sizes[0], PARTS_SPEECHES)
    written, _ = cached_corpus(size, bench.folder(size))
    bench.megabytes[size] = written / 1e6
    bench.parts = per_speech_parts(bench.folder(size), bench.workdir)
    report_parts(bench)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated corpus sizes in speeches (default 100,300,1000; --quick 10,30)")
    parser.add_argument("--dask-sizes", help="sizes of the Dask runs (default: every size, --quick the smallest); 'none' for none")
    parser.add_argument("--quick", action="store_true", help="a smoke run: sizes 10,30 unless --sizes is given")
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go; corpora kept there are reused (default: a temporary folder)")
    parser.add_argument("--budget-minutes", type=float, default=25, help="skip runs estimated to end later (default 25)")
    parser.add_argument("--jieba-speeches", type=int, default=3000,
                        help="time jieba.lcut on at most this many speeches, and estimate larger sizes by bytes (default 3000)")
    parser.add_argument("--scale-only", action="store_true",
                        help="only the local pool and Dask at each size: no --jobs 1 run, warm rerun, handwritten script or per-speech parts")
    parser.add_argument("--parts-only", action="store_true",
                        help="only the per-speech stage part by part on the smallest size, beside its jieba.lcut pass")
    parser.add_argument("--speech-pictures", action="store_true", help="draw per-speech pictures in the whole-job runs")
    parser.add_argument("--stream", action="store_true",
                        help="stream the results from the cache at every size (none held), so the sizes' memory compares")
    args = parser.parse_args()
    sizes = _sizes(args.sizes or ("10,30" if args.quick else "100,300,1000"))
    if args.dask_sizes == "none":
        dask_sizes = []
    else:
        dask_sizes = _sizes(args.dask_sizes) if args.dask_sizes else sizes[:1] if args.quick else sizes
    if not set(dask_sizes) <= set(sizes):
        parser.error(f"--dask-sizes must be among --sizes ({','.join(map(str, sizes))})")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="speechkit-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    exit_on_sigterm()  # a stopped benchmark still stops the Dask processes it started
    bench = Bench(workdir, sizes, dask_sizes, args.budget_minutes * 60, args.speech_pictures, args.scale_only,
                  stream=args.stream)
    try:
        if args.parts_only:
            measure_parts(bench)
            return
        prepare(bench, max(1, args.jieba_speeches))
        dask = bool(dask_sizes) and dask_executor_available()
        measure(bench, dask)
        report(bench, dask)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
