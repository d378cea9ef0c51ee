"""The options of a run of ``speechkit analyze``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class AnalysisOptions:
    """Options of a run. Those that change per-speech results are the cache key;
    ``speech_pictures=False`` skips each speech's word cloud and graphs (large corpora).

    ``segmenter`` is the segmentation engine (``rjieba`` or ``jieba``); ``safe_csv=False``
    writes CSV cells that look like spreadsheet formulas as they are
    (see :mod:`speechkit.render.tables`)."""

    segmenter: str = "rjieba"
    user_dicts: tuple[str, ...] = ()
    stopwords: str | None = None
    extra_stopwords: tuple[str, ...] = ()
    top_keywords: int = 20
    graph_nodes: int = 60
    trend_terms: tuple[str, ...] = ()
    font: str | None = None
    speech_pictures: bool = True
    use_cache: bool = True
    safe_csv: bool = True

    def key(self) -> dict[str, Any]:
        """The options that change per-speech results."""
        data = asdict(self)
        for name in ("use_cache", "font", "graph_nodes", "trend_terms", "speech_pictures", "safe_csv"):
            data.pop(name)
        return data

    def tokenizer(self):
        from ..segment import get_tokenizer

        return get_tokenizer(self.segmenter, self.user_dicts, self.stopwords, self.extra_stopwords)
