"""One reading of the results feeding several tables.

A table built from every result in document order is a small consumer: it is given the
results a chunk at a time (:meth:`Consumer.add`) and makes its table at the end
(:meth:`Consumer.finish`). :func:`read_once` feeds any number of consumers from one reading
of the results, so a corpus streamed from the cache is loaded (and decoded) once for all of
them, not once per table: loading a result costs more than most tables do with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..results import Results
    from .speech_tables import Chunk


class Consumer(Protocol):
    """A table made from the results in document order, a chunk at a time."""

    def add(self, chunk: Chunk) -> None:
        """Take the next speeches with their results, in document order."""

    def finish(self) -> object:
        """The table (or whatever the consumer makes), once every chunk was added."""


def read_once(results: Results, consumers: Sequence[Consumer]) -> list:
    """Feed every one of ``consumers`` each chunk of ``results`` in document order, from one
    reading (:meth:`Results.chunks <speechkit.results.Results.chunks>`), and return what each
    :meth:`~Consumer.finish` gives, in their order.

    Results without speeches give the consumers one empty chunk: a table still gets its columns.

    Parameters
    ----------
    results : Results
        The speeches' results.
    consumers : sequence of Consumer
        The tables to feed.

    Returns
    -------
    list
        Each consumer's table.
    """
    if not consumers:
        return []
    for chunk in results.chunks() if len(results) else [[]]:
        for consumer in consumers:
            consumer.add(chunk)
    return [consumer.finish() for consumer in consumers]
