"""Progress of a run from Python: rich bars that draw in a terminal and in Jupyter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

# progress(label, total) returns the function to call once per finished step.
Reporter = Callable[[str, int], Callable[[], None]]


def wanted(show: bool | None) -> bool:
    """Whether to show progress: ``True``/``False`` as given; ``None`` in Jupyter or when
    the output is a terminal, not in scripts whose output goes to a file."""
    if show is None:
        from rich.console import Console

        console = Console()
        return console.is_jupyter or console.is_terminal
    if not isinstance(show, bool):
        from ..errors import SpeechkitError

        raise SpeechkitError(f"progress={show!r}: give True, False or None")
    return show


@contextmanager
def progress_bars(show: bool | None) -> Iterator[Reporter | None]:
    """A reporter of the steps of a run as rich progress bars (one per stage), or None
    when progress is not shown (see :func:`wanted`)."""
    if not wanted(show):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns) as bars:

        def start(label: str, total: int) -> Callable[[], None]:
            task = bars.add_task(label, total=total)
            return lambda: bars.advance(task)

        yield start
