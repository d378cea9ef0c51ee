"""Charts of a corpus, drawn with matplotlib in the bundled CJK font.

Every function takes plain data (pandas DataFrames, dicts) and the path of a PNG to
write, and returns that path. Figures are made without pyplot (no global state, no GUI
backend), in the font of :func:`speechkit.render.fonts.matplotlib_font` with every text
drawn literally, and saved by :func:`speechkit.render.figures.save_png` without a
timestamp or software tag, so the same data gives the same bytes. Labels cut to fit
stay distinct, and years are written 2013, not 2013.0.
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections import Counter
from collections.abc import Mapping, Sequence

from ..errors import SpeechkitError
from .figures import agg_figure, save_png
from .fonts import matplotlib_font

DPI = 150
WIDTH = 10.0  # inches; heights follow from the data
# A heat map of more columns than this writes their labels vertically.
HEATMAP_HORIZONTAL_LABEL_COLUMNS = 6
# Steps between labelled years on a time axis too long to label every year.
YEAR_STEPS = (2, 5, 10, 20, 50, 100, 1000)
_RC = {"axes.spines.top": False, "axes.spines.right": False}
_LABEL_CHARS = 18
TICK_POINTS = 10.0  # matplotlib's default tick label size
TITLE_BAND = 0.5  # inches above a grid of panels for the figure title
MISSING = "未注明"


def _chart(draw):
    """Run a drawing function in the CJK font (text drawn literally) and save the
    figure it returns."""

    @functools.wraps(draw)
    def wrapper(data, path, *args, font=None, **kwargs):
        import matplotlib

        with matplotlib_font(font), matplotlib.rc_context(_RC):
            return save_png(draw(data, *args, **kwargs), path)

    # help() and the docs show the call as it is made: the PNG's path after the data, a font at the end.
    data, *rest = inspect.signature(draw).parameters.values()
    path = inspect.Parameter("path", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    font = inspect.Parameter("font", inspect.Parameter.KEYWORD_ONLY, default=None)
    wrapper.__signature__ = inspect.Signature([data, path, *rest, font], return_annotation="Path")
    return wrapper


def _figure(width: float, height: float, layout: str | None = "constrained"):
    return agg_figure(width, height, DPI, layout=layout)


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise SpeechkitError(f"{what}: nothing to draw")


def _is_missing(value) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _whole_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not _is_missing(value) and float(value).is_integer()


def _label(value) -> str:
    """A group label as people write it: 2020 (not 2020.0), 未注明 for a missing value."""
    if _is_missing(value):
        return MISSING
    if _whole_number(value):
        return str(int(value))
    return str(value)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_labels(values, limit: int = _LABEL_CHARS) -> list[str]:
    """Each value as a label of at most ``limit`` characters (:func:`_label`, cut with
    an ellipsis). Labels that cutting would make equal keep both ends instead
    (``head…tail``), and any still equal (equal values too) are numbered, so no two
    rows or columns share a label."""
    full = [_label(v) for v in values]
    short = [_cut(text, limit) for text in full]
    clashes = Counter(short)
    tail = (limit - 1) // 2
    for i, text in enumerate(full):
        if clashes[short[i]] > 1 and len(text) > limit:
            short[i] = text[: limit - 1 - tail] + "…" + text[len(text) - tail:]
    clashes, seen = Counter(short), Counter()
    for i, text in enumerate(short):
        if clashes[text] > 1:
            seen[text] += 1
            short[i] = f"{text} ({seen[text]})"
    return short


def _x_positions(index) -> tuple[list, list[str]]:
    """Years stay numbers (a gap between years shows); other groups are evenly spaced."""
    labels = [_label(v) for v in index]
    if _placed_as_numbers(index):
        return [int(v) for v in index], labels
    return list(range(len(index))), labels


def _placed_as_numbers(index) -> bool:
    return bool(len(index)) and all(_whole_number(v) for v in index)


def _set_x_ticks(axes, index, most: int) -> None:
    """Label the x axis of groups ``index`` placed by :func:`_x_positions`, at most ``most``
    labels side by side: a longer run of years is labelled every 2, 5, 10… years (round
    years, with or without data); other groups are all labelled, vertically."""
    x, labels = _x_positions(index)
    if len(x) <= most:
        axes.set_xticks(x, labels)
        return
    if _placed_as_numbers(index):
        first, last = min(x), max(x)
        step = next((step for step in YEAR_STEPS if (last - first) // step < most), -(-(last - first) // most))
        ticks = list(range(-(-first // step) * step, last + 1, step))
        axes.set_xticks(ticks, [str(year) for year in ticks])
        return
    axes.set_xticks(x, labels)
    axes.tick_params(axis="x", labelrotation=90)


def _palette(n: int) -> list:
    """``n`` distinct colours: tab10, then tab20's paler partners."""
    import matplotlib

    tab10 = matplotlib.colormaps["tab10"].colors
    tab20 = matplotlib.colormaps["tab20"].colors
    colours = list(tab10) + [tab20[2 * i + 1] for i in range(10)]
    return [colours[i % len(colours)] for i in range(n)]


@_chart
def term_trends_chart(rates, *, title: str = "词频趋势（每万词）", ylabel: str = "每万词出现次数"):
    """Line chart of chosen terms over years.

    Parameters
    ----------
    rates : pandas.DataFrame
        Index: years (or other groups) in order; one column per term; values per
        10,000 tokens.
    path : str or Path
        The PNG to write.
    font : str or Path, optional
        A CJK font file (default: the bundled one).
    title, ylabel : str
        The chart's title and the label of its y axis.

    Returns
    -------
    Path
        The PNG written.
    """
    _require(rates is not None and not rates.empty, "term trends")
    figure = _figure(WIDTH, 5.5)
    axes = figure.add_subplot()
    x, _ = _x_positions(rates.index)
    for term, colour in zip(rates.columns, _palette(len(rates.columns))):
        axes.plot(x, rates[term].astype(float).fillna(0).to_numpy(), marker="o", label=str(term), color=colour, linewidth=2)
    _set_x_ticks(axes, rates.index, most=14)
    axes.set_ylabel(ylabel)
    axes.set_ylim(bottom=0)
    axes.set_title(title)
    axes.grid(axis="y", alpha=0.3)
    figure.legend(loc="outside right upper", frameon=False)
    return figure


def _keyword_rows(entries) -> list[tuple[str, float]]:
    rows = []
    for entry in entries:
        if isinstance(entry, Mapping):
            rows.append((str(entry["term"]), float(entry.get("score", entry.get("count", 0)))))
        else:
            term, score = entry
            rows.append((str(term), float(score)))
    return rows


def _text_width(text: str) -> float:
    """Width of ``text`` in em: a Chinese character is one, an ASCII one about half."""
    return sum(1.0 if ord(ch) > 0x7F else 0.55 for ch in text)


def _panel_grid(label_em: float, columns: int, rows: int, height: float) -> dict:
    """Margins and gaps (figure fractions) of a grid of bar panels whose y labels are
    ``label_em`` wide, computed from the text widths rather than by matplotlib's
    layout engines, which measure every tick label of every panel on each draw."""
    label = label_em * TICK_POINTS / 72 + 0.2  # inches: labels and tick marks
    panel_width = (WIDTH - 0.2 - label * columns) / columns
    top_band, bottom_band, row_gap = TITLE_BAND + 0.4, 0.5, 0.8  # suptitle + panel title; x label; both
    panel_height = (height - top_band - bottom_band - row_gap * (rows - 1)) / rows
    return {
        "left": label / WIDTH, "right": 1 - 0.2 / WIDTH, "top": 1 - top_band / height, "bottom": bottom_band / height,
        "wspace": label / panel_width, "hspace": row_gap / panel_height,
    }


@_chart
def top_keywords_chart(keywords: Mapping, *, top: int = 10, columns: int = 3, title: str = "各年关键词",
                       xlabel: str = "得分"):
    """Small multiples: one horizontal bar chart of the top keywords per year.

    Parameters
    ----------
    keywords : mapping of year to keywords
        Keywords best first, each ``{"term", "score"}`` (the keywords contract) or a
        ``(term, score)`` pair.
    path : str or Path
    top : int
        Keywords shown per year.
    columns : int
        Panels per row.
    """
    groups = [(key, _keyword_rows(entries)[:top]) for key, entries in keywords.items()]
    groups = [(key, rows) for key, rows in groups if rows]
    _require(bool(groups), "top keywords")
    columns = max(1, min(columns, len(groups)))
    rows_of_panels = -(-len(groups) // columns)
    height = 0.28 * top * rows_of_panels + 0.9 * rows_of_panels + 0.6
    figure = _figure(WIDTH, height, layout=None)
    longest = max(_text_width(term) for _, rows in groups for term, _ in rows)
    panels = figure.subplots(rows_of_panels, columns, squeeze=False,
                             gridspec_kw=_panel_grid(longest, columns, rows_of_panels, height))
    colours = _palette(len(groups))
    for index, (key, rows) in enumerate(groups):
        axes = panels[index // columns][index % columns]
        terms = [term for term, _ in rows][::-1]
        scores = [score for _, score in rows][::-1]
        axes.barh(range(len(terms)), scores, color=colours[index])
        axes.set_yticks(range(len(terms)), terms)
        axes.set_ylim(-0.6, top - 0.4)
        axes.set_title(_label(key))
        axes.set_xlabel(xlabel, fontsize="small")
        axes.tick_params(axis="x", labelsize="small")
    for index in range(len(groups), rows_of_panels * columns):
        panels[index // columns][index % columns].set_axis_off()
    figure.suptitle(title, y=1 - TITLE_BAND / 2 / height, va="center")
    return figure


@_chart
def keyness_chart(keyness, *, top: int = 15, title: str = "关键词（G²）", labels: tuple[str, str] = ("目标", "参照")):
    """Two-sided bars of keyness: the target's key terms to the right (positive G²), the
    reference's to the left (negative G²), the strongest of each nearest the top.

    Parameters
    ----------
    keyness : pandas.DataFrame
        Columns ``term`` and ``g2`` (the keyness contract), one target against one reference.
    path : str or Path
    top : int
        Terms shown on each side.
    labels : (str, str)
        What the two sides are (the legend).
    """
    _require(keyness is not None and not keyness.empty, "keyness")
    ordered = keyness.sort_values(["g2", "term"], ascending=[False, True])
    ahead = ordered[ordered["g2"] > 0].head(top)
    behind = ordered[ordered["g2"] < 0].sort_values(["g2", "term"]).head(top)
    rows = max(len(ahead), len(behind))
    _require(rows > 0, "keyness")
    figure = _figure(WIDTH, 1.6 + 0.3 * rows)
    left, right = figure.subplots(1, 2)
    colours = _palette(2)
    # The reference's bars grow leftwards from the middle, its terms on the far left; the
    # target's grow rightwards, its terms on the far right.
    for axes, frame, colour, label, where in ((left, behind, colours[1], labels[1], "left"),
                                              (right, ahead, colours[0], labels[0], "right")):
        axes.barh(range(len(frame)), frame["g2"].abs().astype(float).tolist(), color=colour)
        axes.set_title(label, fontsize="medium")
        axes.yaxis.set_ticks_position(where)
        axes.set_yticks(range(len(frame)), frame["term"].astype(str).tolist())
        axes.tick_params(axis="y", length=0, labelleft=where == "left", labelright=where == "right")
        axes.spines[where].set_visible(True)
        axes.spines["left" if where == "right" else "right"].set_visible(where == "left")
        axes.set_xlabel("|G²|", fontsize="small")
        axes.set_ylim(rows - 0.5, -0.5)
    left.invert_xaxis()
    figure.suptitle(title)
    return figure


def _heatmap(figure, axes, values, row_labels, col_labels, cmap: str, fmt: str, vmin=None, vmax=None, texts=None):
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    image = axes.imshow(values, cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax)
    axes.set_xticks(range(len(col_labels)), col_labels)
    axes.set_yticks(range(len(row_labels)), row_labels)
    if len(col_labels) > HEATMAP_HORIZONTAL_LABEL_COLUMNS:
        # Side by side they would run into each other; slanted, so would their boxes
        # once the columns are narrow (a timeline of 26 years beside long slogans).
        axes.tick_params(axis="x", labelrotation=90)
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    norm = image.norm
    finite = values[np.isfinite(values)]
    if finite.size:
        for (i, j), value in np.ndenumerate(values):
            if not np.isfinite(value) or (fmt == "d" and value == 0):
                continue
            dark = norm(value) > 0.6
            text = format(int(value), "d") if fmt == "d" else format(value, fmt)
            if texts is not None and texts[i, j] is not None:
                text = texts[i, j]
            # Cell values stay inside their cells: the layout engine need not measure them.
            axes.text(j, i, text, ha="center", va="center", fontsize="small", color="white" if dark else "black",
                      in_layout=False)
    bar = figure.colorbar(image, ax=axes, shrink=0.8)
    if fmt == "d":
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    return image


@_chart
def slogan_timeline_chart(counts, *, max_rows: int = 40, title: str = "提法时间线（出现次数）", fmt: str = "d"):
    """Heat map of slogans (rows) by year (columns), first appearances outlined.

    Parameters
    ----------
    counts : pandas.DataFrame
        Index: slogans; columns: years in order; values: occurrences, or rates (then
        ``fmt`` is a float format such as ``.1f``).
    path : str or Path
    max_rows : int
        The slogans shown: those with the most occurrences (ties: earliest first);
        slogans that never occur are left out.
        Rows are ordered by first year, then by total occurrences.
    """
    import numpy as np
    from matplotlib.patches import Rectangle

    _require(counts is not None and not counts.empty, "slogan timeline")
    values = counts.fillna(0).to_numpy(dtype=float)
    present = values > 0
    first = np.where(present.any(axis=1), present.argmax(axis=1), values.shape[1])
    totals = values.sum(axis=1)
    used = [i for i in range(len(values)) if totals[i] > 0]
    _require(bool(used), "slogan timeline")
    order = sorted(used, key=lambda i: (-totals[i], first[i], str(counts.index[i])))[:max_rows]
    order.sort(key=lambda i: (first[i], -totals[i], str(counts.index[i])))
    shown = values[order]
    labels = _short_labels([counts.index[i] for i in order])
    figure = _figure(max(6.0, min(WIDTH, 3.0 + 0.75 * values.shape[1])), 1.4 + 0.32 * len(order))
    axes = figure.add_subplot()
    _heatmap(figure, axes, np.where(shown > 0, shown, np.nan), labels, [_label(c) for c in counts.columns], "OrRd", fmt, vmin=0)
    for row, i in enumerate(order):
        if first[i] < values.shape[1]:
            axes.add_patch(Rectangle((first[i] - 0.5, row - 0.5), 1, 1, fill=False, edgecolor="#1f3b73", linewidth=1.6))
    axes.set_title(title + ("；框：首次出现" if len(order) else ""))
    return figure


@_chart
def similarity_heatmap(matrix, *, title: str = "年度相似度（TF-IDF 余弦）"):
    """Heat map of a square similarity matrix, values written in the cells.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, same labels on both axes (years), values from 0 to 1.
    path : str or Path

    The colour scale spans the off-diagonal values, so differences between years show.
    """
    import numpy as np

    # Years without a content term have no similarity (NaN): a matrix of those alone shows nothing.
    _require(matrix is not None and not matrix.empty and np.isfinite(matrix.to_numpy(dtype=float)).any(), "similarity")
    if matrix.shape[0] != matrix.shape[1]:
        raise SpeechkitError(f"similarity: the matrix must be square, not {matrix.shape[0]}x{matrix.shape[1]}")
    values = matrix.to_numpy(dtype=float)
    off = values[~np.eye(len(values), dtype=bool)]
    off = off[np.isfinite(off)]
    vmin, vmax = (float(off.min()), float(off.max())) if off.size else (0.0, 1.0)
    if vmin == vmax:
        vmin, vmax = vmin - 0.05, vmax + 0.05
    labels = _short_labels(matrix.index, 12)
    side = max(5.0, min(WIDTH, 2.5 + 0.7 * len(values)))
    figure = _figure(side + 1.2, side)
    axes = figure.add_subplot()
    shown = values.copy()
    np.fill_diagonal(shown, np.nan)
    _heatmap(figure, axes, shown, labels, _short_labels(matrix.columns, 12), "Blues", ".2f", vmin=vmin, vmax=vmax)
    axes.set_title(title)
    return figure


@_chart
def topic_prevalence_chart(prevalence, *, labels: Sequence[str], group: str = "year",
                           title: str = "各年主题比例（%）"):
    """Heat map of topics (rows, by their labels) by group (columns: years in order),
    each cell the topic's share of the group in percent, written in it.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        :func:`speechkit.analysis.topics.topic_prevalence`: a ``group`` column and one
        ``topic_<n>`` column per topic.
    path : str or Path
    labels : sequence of str
        The label of each topic, in topic order.
    group : str
        The column of the groups.
    """
    import numpy as np

    topics = [c for c in prevalence.columns if c.startswith("topic_")] if prevalence is not None else []
    _require(bool(topics) and not prevalence.empty, "topic prevalence")
    values = prevalence[topics].to_numpy(dtype=float).T * 100
    rows = [f"{i + 1} {label}" for i, label in enumerate(labels)]
    columns = [_label(v) for v in prevalence[group]]
    figure = _figure(max(8.0, min(WIDTH + 4, 4.5 + 0.7 * len(columns))), 1.6 + 0.45 * len(rows))
    axes = figure.add_subplot()
    _heatmap(figure, axes, values, rows, columns, "Blues", ".0f", vmin=0, vmax=float(np.nanmax(values)))
    axes.set_title(title)
    return figure


def _share_bar_axes(axes, positions: list, labels: list[str], ylabel: str, title: str) -> None:
    """Bars of shares by group: group labels (slanted past eight), a percent axis, a light grid."""
    from matplotlib.ticker import PercentFormatter

    axes.set_xticks(positions, labels)
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    if len(positions) > 8:
        axes.tick_params(axis="x", labelrotation=45)


@_chart
def category_shares_chart(shares, *, title: str = "各主题词所占比例", ylabel: str = "占实词比例"):
    """Stacked bars: the share of each category per year (or any group).

    Parameters
    ----------
    shares : pandas.DataFrame
        Index: years in order; one column per category; values: shares from 0 to 1
        (e.g. ``category_table(corpus, by="year")[dictionary.names]``).
    path : str or Path
    """

    _require(shares is not None and not shares.empty, "category shares")
    figure = _figure(WIDTH, 5.5)
    axes = figure.add_subplot()
    positions = list(range(len(shares.index)))
    bottom = [0.0] * len(positions)
    for category, colour in zip(shares.columns, _palette(len(shares.columns))):
        heights = shares[category].astype(float).fillna(0).tolist()
        axes.bar(positions, heights, bottom=bottom, label=str(category), color=colour, width=0.7)
        bottom = [b + h for b, h in zip(bottom, heights)]
    _share_bar_axes(axes, positions, [_label(v) for v in shares.index], ylabel, title)
    handles, labels = axes.get_legend_handles_labels()
    # Legend top-down in the order the segments are stacked bottom-up, read alike.
    figure.legend(handles[::-1], labels[::-1], loc="outside right upper", frameon=False)
    return figure


@_chart
def dispersion_chart(positions, *, speeches: Sequence[str] | None = None, terms: Sequence[str] | None = None,
                     labels: Mapping[str, str] | None = None, title: str = "词语分布（在讲话中的位置）",
                     bins: int | None = None):
    """Lexical dispersion: where in each speech each term occurs.

    Parameters
    ----------
    positions : pandas.DataFrame
        Columns ``speech``, ``term`` and ``position`` (offset / text length, 0 to 1),
        e.g. from :func:`speechkit.analysis.frequencies.dispersion`.
    path : str or Path
    speeches : sequence of str, optional
        The speeches to show, top to bottom (default: in order of first row); a speech
        without occurrences keeps an empty line.
    terms : sequence of str, optional
        The terms, in legend order (default: in order of first row).
    labels : mapping of speech id to str, optional
        How to label each speech (e.g. its year).
    bins : int, optional
        Draw each lane and term as ``bins`` cells shaded by the share of its occurrences
        there (darkest: the lane's densest cell) instead of a mark per occurrence: for
        lanes that pool many speeches, whose marks would fill the lane. A ``count`` column
        then says how many occurrences a row stands for (one each without it), as
        :class:`~speechkit.analysis.frequencies.PooledDispersion` gives them.
    """
    from matplotlib.patches import Patch

    _require(positions is not None and (not positions.empty or bool(speeches)), "dispersion")
    order = list(speeches) if speeches is not None else list(dict.fromkeys(positions["speech"]))
    terms = list(terms) if terms is not None else list(dict.fromkeys(positions["term"]))
    lanes = max(len(terms), 1)
    figure = _figure(WIDTH, 1.4 + (0.25 + 0.14 * lanes) * len(order))
    axes = figure.add_subplot()
    row_of = {speech: row for row, speech in enumerate(order)}
    swatches: list = []  # legend entries of shaded cells (marks give their own)
    for lane, (term, colour) in enumerate(zip(terms, _palette(len(terms)))):
        subset = positions[(positions["term"] == term) & positions["speech"].isin(row_of)]
        offset = (lane - (lanes - 1) / 2) * (0.8 / lanes)
        rows = [row_of[s] for s in subset["speech"]]
        if bins:
            weights = subset["count"].to_numpy() if "count" in subset else 1
            _density_cells(axes, rows, subset["position"].to_numpy(), offset, 0.8 / lanes, bins, colour, weights)
            swatches.append(Patch(color=colour, label=str(term)))
        else:
            axes.scatter(subset["position"].to_numpy(), [row + offset for row in rows], marker="|", s=160, color=colour,
                         label=str(term), linewidths=1.5)
    axes.set_yticks(range(len(order)), _short_labels([(labels or {}).get(s, s) for s in order], 28))
    axes.set_ylim(len(order) - 0.5, -0.5)
    axes.set_xlim(0, 1)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1], ["开头", "25%", "50%", "75%", "结尾"])
    axes.set_xlabel("在讲话中的位置")
    axes.set_title(title)
    for row in range(1, len(order)):
        axes.axhline(row - 0.5, color="#dddddd", linewidth=0.8)
    if terms:
        figure.legend(handles=swatches or None, loc="outside right upper", frameon=False)
    return figure


def _density_cells(axes, rows, positions, offset: float, height: float, bins: int, colour, weights=1) -> None:
    """One term's occurrences as ``bins`` cells per row, opacity the row's share in each cell
    (one collection of rectangles: thousands of separate bars take seconds to draw); ``weights``:
    the occurrences each position stands for."""
    import numpy as np
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Rectangle

    counts = np.zeros((max(rows, default=-1) + 1, bins))
    np.add.at(counts, (np.asarray(rows, dtype=int), np.minimum((np.asarray(positions) * bins).astype(int), bins - 1)), weights)
    peaks = counts.max(axis=1, keepdims=True)
    shades = np.divide(counts, peaks, out=np.zeros_like(counts), where=peaks > 0)
    red, green, blue, _ = to_rgba(colour)
    cells = [Rectangle((cell / bins, row + offset - height * 0.45), 1 / bins, height * 0.9)
             for row in range(len(counts)) for cell in range(bins)]
    colours = [(red, green, blue, shade) for shade in shades.ravel()]
    axes.add_collection(PatchCollection(cells, facecolors=colours, linewidths=0))


@_chart
def borrowed_share_chart(groups, *, by: str = "year", title: str = "借用文本所占比例", ylabel: str = "平均借用比例"):
    """Bars: the mean share of each group's text found in the reference documents.

    Parameters
    ----------
    groups : pandas.DataFrame
        One row per group: the ``by`` column and ``mean_share`` (0 to 1), as
        :meth:`speechkit.analysis.reuse.ReuseResult.group_frame` gives it.
    path : str or Path
    """

    _require(groups is not None and not groups.empty, "borrowed shares")
    figure = _figure(WIDTH, 5.0)
    axes = figure.add_subplot()
    positions, labels = _x_positions(groups[by].tolist())
    shares = groups["mean_share"].astype(float).tolist()
    axes.bar(positions, shares, color=_palette(1)[0], width=0.7)
    for x, share in zip(positions, shares):
        axes.annotate(f"{share:.1%}", (x, share), ha="center", va="bottom", fontsize=8)
    _share_bar_axes(axes, positions, labels, ylabel, title)
    return figure


@_chart
def adoption_lag_chart(lags, *, censored=None, title: str = "提法采用时滞（年，相对参照文件首次出现）"):
    """Heat map of adoption lags: formulations (rows) × localities (columns); rows no
    locality fills are left out, and a lag that is only a bound (the formulation was in the
    locality's first document) is hatched and written ``≤ L``.

    Parameters
    ----------
    lags : pandas.DataFrame
        Index: formulations; columns: localities; values: years between the reference
        set's first use and the locality's (NaN: never used), as
        :meth:`speechkit.analysis.diffusion.DiffusionResult.lag_matrix` gives it.
    path : str or Path
    censored : pandas.DataFrame, optional
        The same shape, True where the lag is censored
        (:meth:`~speechkit.analysis.diffusion.DiffusionResult.censored_matrix`).
    """
    import numpy as np
    from matplotlib.patches import Rectangle

    _require(lags is not None and not lags.empty, "adoption lags")
    lags = lags[lags.notna().any(axis=1)]
    _require(not lags.empty, "adoption lags")
    values = lags.to_numpy(dtype=float)
    bounded = (np.zeros(values.shape, dtype=bool) if censored is None
               else censored.reindex(index=lags.index, columns=lags.columns).fillna(False).to_numpy(dtype=bool))
    bounded = bounded & np.isfinite(values)
    texts = np.where(bounded, np.char.add("≤", np.nan_to_num(values).astype(int).astype(str)), None)
    figure = _figure(max(6.0, min(WIDTH, 3.0 + 0.9 * values.shape[1])), 1.6 + 0.32 * len(lags.index))
    axes = figure.add_subplot()
    _heatmap(figure, axes, values, _short_labels(lags.index), _short_labels(lags.columns), "YlOrBr", ".0f", texts=texts)
    for i, j in zip(*np.nonzero(bounded)):
        axes.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="0.45", linewidth=0))
    # The legend on a line of its own: a title naming its years and group fills the first.
    note = "；斜线与“≤”：该地首份文件已用，时滞至多如此" if bounded.any() else ""
    axes.set_title(title + "\n空白：未采用" + note, fontsize="medium")
    return figure


@_chart
def target_outcome_chart(ledger, *, panels: Sequence[tuple] | None = None, columns: int = 2,
                         title: str = "目标与实际完成情况"):
    """One panel per place and indicator: the target of each year that has one (a range as
    a band) and the outcome reported, coloured by verdict (hollow for the outcome of a
    target stated in words, which has none).

    Parameters
    ----------
    ledger : pandas.DataFrame
        :meth:`speechkit.analysis.targets.TargetLedger.ledger`: ``place, indicator, year,
        target_low, target_high, unit, outcome, verdict``.
    path : str or Path
    panels : sequence of (place, indicator, unit), optional
        The panels in order (default: every place, indicator and unit with an outcome,
        most years with a target in numbers and an outcome first; at most 12).
    """
    _require(ledger is not None and not ledger.empty, "targets")
    keys = ["place", "indicator", "unit"]
    # A target in words has no unit: it joins the panel of its place and indicator. A number
    # without a unit (1000万) keeps its own panel: figures in two units never share an axis.
    in_words = ledger["target_low"].isna()
    first_unit = ledger.groupby(keys[:2], dropna=False)["unit"].transform("first")
    ledger = ledger.assign(unit=ledger["unit"].where(~in_words, ledger["unit"].fillna(first_unit)))
    linked = ledger[ledger["outcome"].notna()]
    if panels is None:
        counts = linked.groupby(keys, dropna=False)["target_low"].agg(["count", "size"])
        ranked = sorted(counts.iterrows(), key=lambda kv: (-kv[1]["count"], -kv[1]["size"], str(kv[0])))
        panels = [key for key, _ in ranked][:12]
    _require(bool(panels), "targets with outcomes")
    rows_of_panels = -(-len(panels) // columns)
    figure = _figure(WIDTH, 3.0 * rows_of_panels + 0.6)
    colours = {"exceeded": "#2a9d8f", "met": "#1f77b4", "met within tolerance": "#8ab6d6", "missed": "#d62728"}
    for index, (place, name, unit) in enumerate(panels):
        axes = figure.add_subplot(rows_of_panels, columns, index + 1)
        data = ledger[_equal(ledger["place"], place) & (ledger["indicator"] == name) & _equal(ledger["unit"], unit)]
        data = data.sort_values("year")
        years, _ = _x_positions(data["year"].tolist())
        # Each year's target on its own: a year without one draws nothing, a range a band.
        for x, low, high in zip(years, data["target_low"].astype(float), data["target_high"].astype(float)):
            if low != low:  # a target in words only (与经济增长同步) has nothing to draw
                continue
            if high > low:
                axes.fill_between([x - 0.35, x + 0.35], low, high, color="#bbbbbb", alpha=0.6, linewidth=0)
            else:
                axes.hlines(low, x - 0.35, x + 0.35, color="#888888", linewidth=2)
        done = data[data["outcome"].notna()]
        judged, unjudged = done[done["verdict"].notna()], done[done["verdict"].isna()]
        axes.scatter(_x_positions(judged["year"].tolist())[0], judged["outcome"].astype(float), zorder=3,
                     color=[colours.get(v, "#333333") for v in judged["verdict"]])
        # The outcome of a target in words: shown, not judged.
        axes.scatter(_x_positions(unjudged["year"].tolist())[0], unjudged["outcome"].astype(float), zorder=3,
                     facecolors="none", edgecolors="#555555")
        label = _written_name(data, name)
        label = label if _is_missing(unit) else f"{label}（{unit}）"
        axes.set_title(_cut(label if _is_missing(place) else f"{place} · {label}", 30))
        _set_x_ticks(axes, data["year"].tolist(), most=7 if columns > 1 else 14)
        if len(years):
            axes.set_xlim(min(years) - 0.6, max(years) + 0.6)
        axes.grid(axis="y", alpha=0.3)
    figure.suptitle(title + "\n横线/灰带：目标（区间）；点：实际——超额（绿）、完成（蓝）、在容差内完成（浅蓝）、"
                    "未完成（红）；空心点：目标无数字", linespacing=1.6)
    return figure


def _written_name(data, indicator: str) -> str:
    """The name the reports give a panel's indicator most often in its targets in numbers
    (城镇登记失业率 for registered_unemployment), completed to a name of the bundled canonical
    table that begins with it (国内生产总值 → 国内生产总值增长: a growth is no level); else the
    table's first name of the indicator, else the indicator."""
    from ..analysis.canonical import default_canonical, spelling

    known = default_canonical().indicators.get(indicator)
    names = data.loc[data["target_low"].notna(), "target_name"].dropna() if "target_name" in data else []
    if not len(names):
        return known.names[0] if known else indicator
    written = spelling(str(names.value_counts().index[0]), None, "level")
    return next((name for name in known.names if name.startswith(written)), written) if known else written


def _equal(column, value):
    """Rows of ``column`` equal to ``value``, a missing value matching missing ones."""
    return column.isna() if _is_missing(value) else column == value


@_chart
def diffusion_timeline_chart(adoption, *, by: str = "org", top: int = 25, title: str = "提法扩散时间线"):
    """When each formulation first appears in the reference documents (◆) and in each
    locality (●, one colour per locality), formulations oldest first.

    Parameters
    ----------
    adoption : pandas.DataFrame
        :meth:`speechkit.analysis.diffusion.DiffusionResult.adoption_frame`: columns
        ``formulation``, ``by``, ``reference_first_year``, ``first_year``.
    path : str or Path
    by : str
        The locality column.
    top : int
        The formulations shown: those adopted by the most localities (ties: oldest).
    """
    _require(adoption is not None and not adoption.empty, "diffusion timeline")
    dated = adoption.dropna(subset=["reference_first_year", "first_year"])
    _require(not dated.empty, "diffusion timeline")
    reach = dated.groupby("formulation")[by].nunique()
    first = dated.groupby("formulation")["reference_first_year"].min()
    chosen = sorted(reach.index, key=lambda f: (-reach[f], int(first[f]), f))[:top]
    chosen.sort(key=lambda f: (int(first[f]), f))
    localities = sorted(dated[by].astype(str).unique())
    colours = dict(zip(localities, _palette(len(localities))))
    figure = _figure(WIDTH, 1.2 + 0.32 * len(chosen))
    axes = figure.add_subplot()
    rows = {formulation: i for i, formulation in enumerate(chosen)}
    offsets = {name: (i - (len(localities) - 1) / 2) * 0.12 for i, name in enumerate(localities)}
    for formulation in chosen:
        axes.scatter([int(first[formulation])], [rows[formulation]], marker="D", color="black", s=30, zorder=3)
    for locality in localities:
        mine = dated[(dated[by].astype(str) == locality) & dated["formulation"].isin(rows)]
        axes.scatter(mine["first_year"].astype(int), [rows[f] + offsets[locality] for f in mine["formulation"]],
                     color=colours[locality], s=24, label=_cut(locality, _LABEL_CHARS), zorder=2)
    axes.set_yticks(range(len(chosen)), _short_labels(chosen))
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="x", alpha=0.3)
    axes.set_title(title + "（◆ 参照文件首次出现，● 各地首次使用）")
    figure.legend(loc="outside right upper", frameon=False)
    return figure
