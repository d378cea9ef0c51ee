"""One thread for the numerical libraries wherever their results reach a file.

Threaded BLAS (OpenBLAS, MKL) splits a matrix product or a decomposition between its
threads in a way that depends on how many there are, and the floating-point sums come
out differently in the last bits: a topic model or a graph layout then differs between
a machine with 2 cores and one with 8, between the local pool and Dask workers (which
start with one BLAS thread), or under ``OMP_NUM_THREADS=1``. Every model fit and layout
whose numbers reach a file runs inside :func:`one_thread`, so the same input gives the
same bytes whatever the environment. The products are small: one thread costs nothing
measurable, and spares a busy machine spinning threads.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


@contextmanager
def one_thread() -> Iterator[None]:
    """Limit BLAS and OpenMP thread pools to one thread inside the block (or the
    decorated function), restoring the previous limits after it.

    Usable as ``with one_thread():`` or as the decorator ``@one_thread()``.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield
