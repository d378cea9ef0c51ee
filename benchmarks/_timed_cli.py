"""The ``speechkit`` command line, run as a user runs it, that also records when each stage
of ``analyze`` starts and finishes (through the progress callback the command passes to
:func:`speechkit.pipeline.run.analyze`) into the JSON file named by ``$SPEECHKIT_BENCH_STAGES``.
With ``$SPEECHKIT_BENCH_HELD_AT_MOST`` set, results are held in memory up to that many speeches
(:data:`speechkit.pipeline.results.HELD_AT_MOST`; ``0``: every run streams them from the cache).

Run: python3 benchmarks/_timed_cli.py analyze FOLDER -o OUT --jobs 2
"""

from __future__ import annotations

import atexit
import json
import os
import time
from functools import wraps

STARTED = time.perf_counter()
STAGES: dict[str, dict] = {}


def _timed_progress(progress):
    """A progress factory that times each stage and still drives the command's own bar."""

    def start(label: str, total: int):
        tick = progress(label, total) if progress else (lambda: None)
        stage = STAGES.setdefault(label, {"total": total, "ticks": 0, "start": time.perf_counter() - STARTED, "end": None})

        def timed_tick() -> None:
            tick()
            stage["ticks"] += 1
            stage["end"] = time.perf_counter() - STARTED

        return timed_tick

    return start


def _write_stages(path: str) -> None:
    data = {"stages": STAGES, "exit": time.perf_counter() - STARTED}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle)


def main() -> None:
    import speechkit.pipeline.run as run_module

    analyze = run_module.analyze

    @wraps(analyze)
    def timed_analyze(*args, progress=None, **kwargs):
        return analyze(*args, progress=_timed_progress(progress), **kwargs)

    run_module.analyze = timed_analyze
    if os.environ.get("SPEECHKIT_BENCH_HELD_AT_MOST"):
        import speechkit.pipeline.results as results_module

        results_module.HELD_AT_MOST = int(os.environ["SPEECHKIT_BENCH_HELD_AT_MOST"])
    if os.environ.get("SPEECHKIT_BENCH_STAGES"):
        atexit.register(_write_stages, os.environ["SPEECHKIT_BENCH_STAGES"])
    from speechkit.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
