"""The extractors ``speechkit analyze`` runs on each speech, in the order of their records.

:data:`EXTRACTORS` is the one registry: :func:`~speechkit.pipeline.per_speech.speech_result`
runs it, the cache rebuilds its records, ``speeches.jsonl`` and the per-speech files hold
them, and the corpus stage writes a long table of each (:mod:`speechkit.pipeline.corpus_tables`).
An extractor is declared beside its function (:class:`~speechkit.extractors.Extractor`) and
registered here with one line. Registered here, at import, it is run by every worker; one
registered at run time (``EXTRACTORS.register``) reaches forked local workers only, not a
spawned or Dask worker, which imports speechkit afresh.
"""

from __future__ import annotations

from ..analysis.by_group.slogans import SLOGANS
from ..extract.metrics.metrics import METRICS
from ..extract.metrics.placeholders import PLACEHOLDERS
from ..extractors import Registry

EXTRACTORS = Registry([
    SLOGANS,
    METRICS,
    PLACEHOLDERS,
])
