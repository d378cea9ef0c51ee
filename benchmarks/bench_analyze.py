"""``speechkit analyze`` at scale (100, 300 and 1,000 speeches), side by side with one plain
``jieba.lcut`` pass over the same text and with a handwritten researcher's script, in one run.

Run: python3 benchmarks/bench_analyze.py [--sizes 100,300,1000] [--quick] [--workdir DIR]

The corpora are copies of the documents in ../shared/data (real documents and the seed), each
with its own year, title and a shuffled paragraph order (deterministic), so a content-hash
cache cannot dedupe them. Every speechkit run is the real command line in a subprocess
(``_timed_cli.py``: the CLI plus stage times from its progress callback) with a fresh, empty
``SPEECHKIT_CACHE`` unless it is the warm rerun; peak memory is that of the whole
process tree (main process and workers), sampled every 50 ms, as the sum of PSS (a page shared
between forked workers counts once: the physical memory) beside the sum of RSS. Runs that would end past
``--budget-minutes`` (estimated from the runs before them) are skipped and said so.
The per-speech stage is also timed part by part in this process on the smallest corpus
(segmenting, extraction, the speech's files, its cache entry), with the throughput its parts
other than the extraction would allow on their own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
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

from _common import REAL, ROOT, SEED, Measured, baseline_jieba, run_measured  # noqa: E402

FIRST_YEAR, YEARS = 2000, 26  # copies spread over 2000-2025, so year tables have 26 columns
SPEECH_BYTES = 30_000  # a copy keeps whole paragraphs up to about this size: ~3 MB per 100 speeches
SHUFFLE_SEED = "speechkit-bench"
# Runs skip the per-speech pictures (whole-job runs draw them with --speech-pictures); corpus pictures and
# the report are always drawn.
NO_SPEECH_PICTURES = "--no-speech-pictures"


def source_documents() -> list[Path]:
    """The documents copies are made of: ../shared/data/real/*.txt and the seed speech."""
    return [*sorted(REAL.glob("*.txt")), SEED]


def file_name(number: int) -> str:
    """The file of copy ``number`` (from 0) in every corpus."""
    return f"speech-{number + 1:04d}.txt"


def copy_of(source: str, number: int, speech_bytes: int = SPEECH_BYTES) -> tuple[int, str, str]:
    """Copy ``number`` of a source text: its year, its title and its text.

    The title line is replaced by one naming the copy; the paragraphs after it are shuffled
    with a seed of their own and kept whole up to about ``speech_bytes`` bytes of UTF-8.
    """
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    year = FIRST_YEAR + number % YEARS
    title = f"{lines[0]}（第{number + 1}份，{year}年）"
    paragraphs = lines[1:]
    random.Random(f"{SHUFFLE_SEED}-{number}").shuffle(paragraphs)
    kept, size = [], len(title.encode("utf-8"))
    for paragraph in paragraphs:
        if kept and size >= speech_bytes:
            break
        kept.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return year, title, "\n".join([title, "", *kept]) + "\n"


def build_corpus(count: int, folder: Path, speech_bytes: int = SPEECH_BYTES) -> int:
    """Write ``count`` copies and their ``metadata.csv`` (file, year, title) into ``folder``.

    Copy ``i`` is the same in every corpus, so a smaller corpus is a prefix of a larger one.
    Returns the bytes of text written.
    """
    sources = [path.read_text(encoding="utf-8") for path in source_documents()]
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        manifest = csv.writer(handle)
        manifest.writerow(["file", "year", "title"])
        for number in range(count):
            year, title, text = copy_of(sources[number % len(sources)], number, speech_bytes)
            name = file_name(number)
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)
            written += len(data)
            manifest.writerow([name, year, title])
    return written


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


# The parts of the per-speech stage measured one by one, in the order a speech goes through them.
PER_SPEECH_PARTS = ("segmenting", "extraction", "files", "cache entry")


def per_speech_parts(folder: Path, workdir: Path) -> dict[str, float]:
    """Seconds of each part of the per-speech stage over the speeches of ``folder``, in this
    process, after one speech has loaded what the extractors load once: segmenting with
    speechkit's tokenizer, the extraction (:func:`speech_result` of the segmented speech),
    writing the speech's files, and its cache entry (JSON encoded and written)."""
    from speechkit import AnalysisOptions, read_corpus
    from speechkit.pipeline import speech_result
    from speechkit.pipeline.extractors import EXTRACTORS
    from speechkit.render.tables import write_speech_files

    options = AnalysisOptions()
    tokenizer = options.tokenizer()
    speeches = list(read_corpus(folder))
    speech_result(speeches[0], options)
    seconds = dict.fromkeys(PER_SPEECH_PARTS, 0.0)
    target = Path(tempfile.mkdtemp(prefix="parts-", dir=workdir))
    for number, speech in enumerate(speeches):
        start = time.perf_counter()
        speech.tokens(tokenizer)
        segmented = time.perf_counter()
        result = speech_result(speech, options)
        extracted = time.perf_counter()
        write_speech_files(result, target / speech.id, extractors=EXTRACTORS)
        written = time.perf_counter()
        (target / f"{number}.json").write_bytes(result.to_json())
        stored = time.perf_counter()
        for part, (begin, end) in zip(PER_SPEECH_PARTS, [(start, segmented), (segmented, extracted), (extracted, written), (written, stored)]):
            seconds[part] += end - begin
    shutil.rmtree(target, ignore_errors=True)
    return seconds


def dask_engine_available() -> bool:
    """Whether ``speechkit analyze`` offers the Dask engine (``--engine dask --scheduler ...``)."""
    result = subprocess.run(
        [sys.executable, "-m", "speechkit", "analyze", "--help"], env=_env(), capture_output=True, text=True, timeout=300
    )
    return result.returncode == 0 and "--scheduler" in result.stdout and "dask" in result.stdout


def _env(**extra: str) -> dict[str, str]:
    """The environment of a run: this checkout's speechkit first on the path."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


@dataclass
class Run:
    """One measured ``speechkit analyze`` run."""

    label: str
    size: int
    measured: Measured
    stages: dict
    cache: Path

    @property
    def ok(self) -> bool:
        return self.measured.returncode == 0

    def stage_seconds(self, label: str) -> float | None:
        """Seconds from the start of stage ``label`` to its last step, if the run reported it fully."""
        stage = self.stages.get("stages", {}).get(label)
        if not stage or stage["end"] is None or stage["ticks"] < stage["total"]:
            return None
        return stage["end"] - stage["start"]


@dataclass
class Bench:
    """The corpora, the budget and every measurement of one benchmark run."""

    workdir: Path
    sizes: list[int]
    budget: float
    speech_pictures: bool
    started: float = field(default_factory=time.perf_counter)
    megabytes: dict[int, float] = field(default_factory=dict)
    jieba: dict[int, float] = field(default_factory=dict)
    runs: dict[tuple[str, int], Run] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    handwritten: Measured | None = None
    machine_speedup: float | None = None  # jieba.lcut split over 2 processes (jieba_speedup)
    parts: dict[str, float] = field(default_factory=dict)  # per_speech_parts of the smallest corpus

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
        alike = alike or sorted((run for run in self.runs.values() if run.ok), key=lambda run: run.size)
        if not alike:
            return None
        return alike[-1].measured.seconds * self.megabytes[size] / self.megabytes[alike[-1].size]

    def within_budget(self, what: str, estimate: float | None) -> bool:
        if estimate is None or self.elapsed() + estimate <= self.budget:
            return True
        self.skipped.append(f"{what}: skipped, about {estimate:.0f} s would pass the {self.budget / 60:.0f}-minute budget")
        print(self.skipped[-1], flush=True)
        return False

    def analyze(self, label: str, size: int, options: list[str], warm_cache: Path | None = None) -> Run | None:
        """Run ``speechkit analyze`` on the corpus of ``size`` speeches with ``options``, with a
        fresh cache, or rerun with ``warm_cache`` (not budgeted: it is the cheap one)."""
        cold = warm_cache is None
        if cold and not self.within_budget(f"{label} on {size}", self.estimate(label, size)):
            return None
        cache = warm_cache or Path(tempfile.mkdtemp(prefix="cache-", dir=self.workdir))
        out = self.workdir / f"out-{size}-{len(self.runs)}"
        stages_file = self.workdir / f"stages-{len(self.runs)}.json"
        command = [sys.executable, str(HERE / "_timed_cli.py"), "analyze", str(self.folder(size)), "-o", str(out), *options]
        measured = run_measured(command, env=_env(SPEECHKIT_CACHE=str(cache), SPEECHKIT_BENCH_STAGES=str(stages_file)))
        stages = json.loads(stages_file.read_text(encoding="utf-8")) if stages_file.exists() else {}
        run = Run(label, size, measured, stages, cache)
        self.runs[(label, size)] = run
        shutil.rmtree(out, ignore_errors=True)
        state = "" if run.ok else f"  FAILED ({measured.returncode}): {measured.error}"
        print(
            f"[{self.elapsed():5.0f} s] {size} speeches, {label}{', cold' if cold else ''}: "
            f"{measured.seconds:.1f} s, peak {measured.peak_pss / 1e6:.0f} MB PSS ({measured.peak_rss / 1e6:.0f} MB RSS sum){state}",
            flush=True,
        )
        return run

    @staticmethod
    def discard(run: Run | None) -> None:
        """Remove the cache of a finished run."""
        if run is not None:
            shutil.rmtree(run.cache, ignore_errors=True)


def compared_size(sizes: list[int]) -> int:
    """The corpus of the --jobs, warm-cache and engine comparisons: 300 of 100,300,1000."""
    return sizes[1] if len(sizes) >= 3 else sizes[-1]


def measure(bench: Bench, dask: bool) -> None:
    """Every run, smallest corpus first; then the Dask engine. With three sizes or more the
    per-speech stage at --jobs 1 on the largest corpus comes last, if the budget allows it."""
    sizes, compare = bench.sizes, compared_size(bench.sizes)
    pictures = [] if bench.speech_pictures else [NO_SPEECH_PICTURES]
    for size in sizes:
        if size != sizes[-1] or len(sizes) < 3:
            bench.discard(bench.analyze("jobs 1", size, ["--jobs", "1", NO_SPEECH_PICTURES]))
        if size == sizes[0]:
            measure_handwritten(bench, size)
        cold = bench.analyze("jobs 2", size, ["--jobs", "2", *pictures])
        if size == compare and cold and cold.ok:
            bench.discard(bench.analyze("jobs 2 warm", size, ["--jobs", "2", *pictures], warm_cache=cold.cache))
        bench.discard(cold)
    if dask:
        bench.discard(bench.analyze("dask local:2", compare, ["--engine", "dask", "--scheduler", "local:2", *pictures]))
    if len(sizes) >= 3:
        bench.discard(bench.analyze("jobs 1", sizes[-1], ["--jobs", "1", NO_SPEECH_PICTURES]))


def measure_handwritten(bench: Bench, size: int) -> None:
    """The handwritten researcher's script on the same corpus, in a subprocess."""
    out = bench.workdir / "handwritten-out"
    command = [sys.executable, str(HERE / "handwritten_baseline.py"), str(bench.folder(size)), "-o", str(out)]
    bench.handwritten = run_measured(command, env=_env())
    shutil.rmtree(out, ignore_errors=True)
    state = "" if bench.handwritten.returncode == 0 else f"  FAILED: {bench.handwritten.error}"
    print(f"[{bench.elapsed():5.0f} s] {size} speeches, handwritten script: {bench.handwritten.seconds:.1f} s{state}", flush=True)


def _ratio(numerator: float | None, denominator: float | None) -> str:
    return f"{numerator / denominator:.2f}x" if numerator and denominator else "n/a"


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
    size = bench.sizes[0]
    per_speech = {part: 1000 * seconds / size for part, seconds in bench.parts.items()}
    jieba = 1000 * bench.jieba[size] / size
    print(f"its parts, in this process, {size} speeches (ms per speech; jieba.lcut {jieba:.1f}, the target allows {jieba / 2:.1f}):")
    print("  " + ", ".join(f"{part} {ms:.1f}" for part, ms in per_speech.items()) + f"; in all {sum(per_speech.values()):.1f}")
    floor = sum(ms for part, ms in per_speech.items() if part != "extraction")
    print(f"  without any extraction (segmenting, files, cache entry: {floor:.1f} ms) at most {jieba / floor:.2f}x jieba.lcut's throughput")


def report(bench: Bench, dask: bool) -> None:
    """The tables of the run."""
    sizes, compare, runs = bench.sizes, compared_size(bench.sizes), bench.runs
    print()
    print(f"speechkit analyze at scale: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; wall-clock seconds")
    pictures = "with" if bench.speech_pictures else "without"
    print(f"whole-job runs {pictures} per-speech pictures; corpus and year pictures, tables, graphs and report always")
    print("jieba.lcut: one pass over the same files in one process, after jieba.initialize()")

    print("\ncorpus     speeches      MB   jieba.lcut s   jieba MB/s")
    for size in sizes:
        print(f"{'':10} {size:8} {bench.megabytes[size]:7.2f} {bench.jieba[size]:14.1f} {bench.megabytes[size] / bench.jieba[size]:12.2f}")

    print("\nper-speech stage, --jobs 1, cold, no pictures (target: >= 2x jieba.lcut's throughput)")
    print("speeches   stage s   MB/s   x jieba.lcut")
    for size in sizes:
        run = runs.get(("jobs 1", size))
        stage = run.stage_seconds("speeches") if run and run.ok else None
        if stage is None:
            print(f"{size:8}   {'not measured (see above)' if run is None else 'n/a: ' + _seconds(run)}")
            continue
        throughput = bench.jieba[size] / stage
        print(f"{size:8} {stage:9.1f} {bench.megabytes[size] / stage:6.2f} {throughput:10.2f}x{_target(throughput >= 2)}")
    report_parts(bench)

    print("\nwhole job, report included, --jobs 2, cold (target on the largest: <= 3x the jieba pass, < 300 s)")
    print("speeches   seconds   x jieba   corpus stage s   peak PSS MB   (RSS sum MB)")
    for size in sizes:
        run = runs.get(("jobs 2", size))
        if run is None or not run.ok:
            print(f"{size:8}   {_seconds(run)}")
            continue
        seconds = run.measured.seconds
        stage = run.stage_seconds("speeches")
        corpus = f"{run.stages['exit'] - run.stages['stages']['speeches']['end']:.1f}" if stage is not None else "n/a"
        met = seconds <= 3 * bench.jieba[size] and seconds < 300 if size == sizes[-1] else None
        print(f"{size:8} {seconds:9.1f} {seconds / bench.jieba[size]:8.2f}x {corpus:>16} {run.measured.peak_pss / 1e6:13.0f}"
              f"   ({run.measured.peak_rss / 1e6:.0f}){_target(met)}")
    measured = [(size, runs[("jobs 2", size)].measured.peak_pss) for size in sizes if runs.get(("jobs 2", size)) and runs[("jobs 2", size)].ok]
    if len(measured) >= 2:
        (small, low), (large, high) = measured[0], measured[-1]
        growth = (high - low) / (large - small) / 1e6
        print(
            f"peak memory (PSS) grows {high / low:.2f}x from {small} to {large} speeches ({large / small:.0f}x the speeches): "
            f"about {growth:.2f} MB per added speech{_target(high <= 2e9) if large == sizes[-1] else ''} (target <= 2 GB)"
        )

    print(f"\nparallelism and cache, {compare} speeches")
    one, two, warm = runs.get(("jobs 1", compare)), runs.get(("jobs 2", compare)), runs.get(("jobs 2 warm", compare))
    print(f"--jobs 1 cold, no pictures   {_seconds(one)}")
    print(f"--jobs 2 cold                {_seconds(two)}")
    if one and two and one.ok and two.ok:
        speedup = one.measured.seconds / two.measured.seconds
        note = "" if not bench.speech_pictures else " (--jobs 1 without per-speech pictures: not comparable)"
        print(f"speed-up of --jobs 2: {speedup:.2f}x{_target(speedup >= 1.7)}{note}")
    if bench.machine_speedup:
        print(f"this machine's own speed-up (the jieba.lcut pass split over 2 processes): {bench.machine_speedup:.2f}x")
    print(f"--jobs 2 warm rerun          {_seconds(warm)}")
    if warm and two and warm.ok and two.ok:
        share = warm.measured.seconds / two.measured.seconds
        print(f"warm / cold: {share:.3f}{_target(share <= 0.1)}")

    print(f"\nengines, {compare} speeches, cold      seconds   peak PSS MB   (RSS sum MB)")
    for label, name in (("jobs 2", "local, --jobs 2"), ("dask local:2", "dask, --scheduler local:2")):
        run = runs.get((label, compare))
        if label.startswith("dask") and not dask:
            print(f"{name:30} not available (this speechkit analyze has no --engine dask)")
        elif run is None or not run.ok:
            print(f"{name:30} {_seconds(run)}")
        else:
            print(f"{name:30} {run.measured.seconds:8.1f} {run.measured.peak_pss / 1e6:13.0f}   ({run.measured.peak_rss / 1e6:.0f})")

    print(f"\nbeside a handwritten script (handwritten_baseline.py: jieba.lcut, TF-IDF, NMF, networkx), {sizes[0]} speeches")
    hand = bench.handwritten
    if hand is None or hand.returncode:
        print(f"handwritten script: {'skipped' if hand is None else 'failed: ' + hand.error}")
    else:
        print(f"handwritten script          {hand.seconds:8.1f} s   peak {hand.peak_pss / 1e6:5.0f} MB PSS")
        for label in ("jobs 1", "jobs 2"):
            run = runs.get((label, sizes[0]))
            if run and run.ok:
                ratio = run.measured.seconds / hand.seconds
                print(
                    f"speechkit analyze --{label:20} {run.measured.seconds:8.1f} s   peak {run.measured.peak_pss / 1e6:5.0f} MB PSS"
                    f"   {ratio:.2f}x the script's time{_target(ratio < 1)}"
                )

    for line in bench.skipped:
        print(line)
    if len(sizes) >= 3 and ("jobs 1", sizes[-1]) not in runs:
        print(f"the per-speech stage at --jobs 1 was measured up to {sizes[-2]} speeches only (the {sizes[-1]} run would pass the budget)")
    print(f"benchmark took {bench.elapsed() / 60:.1f} minutes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated corpus sizes in speeches (default 100,300,1000)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: sizes 10,30 unless --sizes is given")
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    parser.add_argument("--budget-minutes", type=float, default=25, help="skip runs estimated to end later (default 25)")
    parser.add_argument("--speech-pictures", action="store_true", help="draw per-speech pictures in the whole-job runs")
    args = parser.parse_args()
    sizes = sorted({int(size) for size in (args.sizes or ("10,30" if args.quick else "100,300,1000")).split(",")})
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="speechkit-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    bench = Bench(workdir, sizes, args.budget_minutes * 60, args.speech_pictures)
    try:
        for size in sizes:
            bench.megabytes[size] = build_corpus(size, bench.folder(size)) / 1e6
        per_speech = jieba_seconds_per_speech(bench.folder(sizes[-1]), sizes[-1])
        bench.jieba = {size: sum(per_speech[:size]) for size in sizes}
        bench.machine_speedup = jieba_speedup(bench.folder(compared_size(sizes)), compared_size(sizes))
        bench.parts = per_speech_parts(bench.folder(sizes[0]), workdir)
        print(f"[{bench.elapsed():5.0f} s] corpora built in {workdir}; jieba.lcut pass and per-speech parts done", flush=True)
        dask = dask_engine_available()
        measure(bench, dask)
        report(bench, dask)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
