"""Tables, charts, word clouds, graph files and the HTML report, drawn with the bundled
CJK font. The names are imported on first use (matplotlib and wordcloud load late)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

_EXPORTS = {
    "draw_comparison_cloud": ".wordcloud",
    "draw_group_wordclouds": ".wordcloud",
    "draw_wordcloud": ".wordcloud",
    "font_path": ".fonts",
    "outline_to_markdown": ".outline_text",
    "outline_to_text": ".outline_text",
    "term_trends_chart": ".charts",
    "use_cjk_font": ".fonts",
    "write_dtm": ".dtm",
    "write_comparison": ".comparison",
    "write_graph": ".graph_export",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:
    from .charts import term_trends_chart
    from .comparison import write_comparison
    from .dtm import write_dtm
    from .fonts import font_path, use_cjk_font
    from .graph_export import write_graph
    from .outline_text import outline_to_markdown, outline_to_text
    from .wordcloud import draw_comparison_cloud, draw_group_wordclouds, draw_wordcloud
