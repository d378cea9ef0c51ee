"""Time per picture kind: the per-speech word cloud, co-occurrence graph PNG and topic
graph PNG, and each corpus chart, on the real documents; beside plain baselines
(wordcloud's ``WordCloud(...).generate_from_frequencies`` at full size, networkx's
``spring_layout`` + ``nx.draw`` at the same size, each chart drawn with pyplot and
``bbox_inches="tight"``) and, with ``--before DIR``, beside the renderers of another
checkout (e.g. the main branch) on the same inputs. For the word clouds it also counts the
words each checkout placed of the (at most 200) asked.

Run from the checkout: PYTHONPATH=. python3 benchmarks/bench_pictures.py [--speeches 6] [--repeat 1]
[--before /path/to/checkout] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REAL, ROOT  # noqa: E402

GRAPH_NODES = 60  # the pipeline's default graph size
FIGSIZE, DPI = (14.0, 10.5), 150  # 2100 x 1575 pixels, as the graph PNGs
CLOUD_SIZE = (1200, 750)
CHARTS = ("term_trends_chart", "top_keywords_chart", "slogan_timeline_chart", "similarity_heatmap",
          "category_shares_chart", "dispersion_chart")
TERMS = ["高质量发展", "改革", "创新", "就业", "生态", "脱贫"]
SLOGANS = ["四个全面", "新常态", "供给侧结构性改革", "脱贫攻坚", "新发展理念", "高质量发展", "双循环", "新质生产力"]


def speech_inputs(count: int) -> list[dict]:
    """Frequencies, co-occurrence graph and topic graph of ``count`` real speeches,
    spread over the folder (national, local and party documents)."""
    from speechkit import read_corpus
    from speechkit import AnalysisOptions
    from speechkit.analysis import speech_cooccurrence_graph, speech_frequencies
    from speechkit.pipeline.per_speech import speech_result
    from speechkit.pipeline.speech_pictures import speech_topic_graph
    from speechkit import get_tokenizer

    corpus = list(read_corpus(REAL))
    step = max(1, len(corpus) // count)
    chosen = corpus[::step][:count]
    tokenizer = get_tokenizer()
    options = AnalysisOptions()
    return [
        {
            "id": s.id,
            "title": s.title or s.id,
            "frequencies": dict(speech_frequencies(s, tokenizer)),
            "cooccurrence": speech_cooccurrence_graph(speech_result(s, options), top_n=GRAPH_NODES),
            "topics": speech_topic_graph(speech_result(s, options), s.id),
        }
        for s in chosen
    ]


def chart_inputs() -> dict:
    """The chart data of the dated real documents, by year."""
    import numpy as np
    import pandas as pd

    from speechkit import read_corpus
    from speechkit.analysis.categories import category_table, default_dictionary
    from speechkit.analysis import dispersion, group_frequencies

    corpus = read_corpus(REAL)
    dated = type(corpus)([s for s in corpus if s.year is not None])
    years = group_frequencies(dated, "year")
    order = sorted(years)
    totals = {y: sum(years[y].values()) or 1 for y in order}
    rates = pd.DataFrame({t: [years[y].get(t, 0) * 10_000 / totals[y] for y in order] for t in TERMS}, index=order)
    keywords = {y: [{"term": t, "score": float(n)} for t, n in list(years[y].items())[:10]] for y in order}
    groups = dated.groups("year")
    slogans = pd.DataFrame({y: [sum(s.text.count(w) for s in groups[y]) for w in SLOGANS] for y in order}, index=SLOGANS)
    vocabulary = sorted(set().union(*(years[y] for y in order)))
    vectors = np.array([[years[y].get(t, 0) for t in vocabulary] for y in order], dtype=float)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = pd.DataFrame(unit @ unit.T, index=order, columns=order)
    shares = category_table(dated, by="year")[default_dictionary().names]
    positions = dispersion(dated.results(), TERMS[:4])
    return {
        "term_trends_chart": (rates, {}),
        "top_keywords_chart": (keywords, {}),
        "slogan_timeline_chart": (slogans, {}),
        "similarity_heatmap": (similarity, {}),
        "category_shares_chart": (shares, {}),
        "dispersion_chart": (positions, {"speeches": [s.id for s in dated], "labels": {s.id: f"{s.year} {s.id}" for s in dated}}),
    }


def _timed(function) -> float:
    """CPU seconds of ``function()`` in this process (BLAS threads included): on a
    machine shared with other jobs, wall time measures the neighbours as well."""
    start = time.process_time()
    function()
    return time.process_time() - start


def time_speechkit(inputs: list[dict], charts_data: dict, folder: Path, repeat: int) -> dict[str, float]:
    """Seconds per picture kind with the speechkit renderers on ``sys.path`` (mean per
    picture, best of ``repeat``)."""
    from speechkit.render import charts
    from speechkit import write_graph
    from speechkit import draw_wordcloud

    kinds = {
        "word cloud": [lambda s=s: draw_wordcloud(s["frequencies"], folder / f"{s['id']}-cloud.png") for s in inputs],
        "co-occurrence graph PNG": [
            lambda s=s: write_graph(s["cooccurrence"], folder / f"{s['id']}-cooc.png", title=f"{s['title']}：共现网络")
            for s in inputs if s["cooccurrence"].number_of_edges()
        ],
        "topic graph PNG": [
            lambda s=s: write_graph(s["topics"], folder / f"{s['id']}-topics.png", title=f"{s['title']}：主题图")
            for s in inputs if s["topics"] is not None
        ],
    }
    for name in CHARTS:
        data, options = charts_data[name]
        kinds[name] = [lambda n=name, d=data, o=options: getattr(charts, n)(d, folder / f"{n}.png", **o)]
    return {kind: min(sum(map(_timed, calls)) for _ in range(repeat)) / len(calls) for kind, calls in kinds.items() if calls}


def _baseline_graph(graph, path: Path, title: str, font: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    figure = plt.figure(figsize=FIGSIZE, dpi=DPI)
    positions = nx.spring_layout(graph, seed=0)
    nx.draw(graph, positions, with_labels=True, font_family=family, node_size=600)
    plt.title(title, family=family)
    figure.savefig(path, dpi=DPI)
    plt.close(figure)


def _baseline_chart(name: str, data, path: Path, font: Path) -> None:
    """The same data as a plain pyplot chart (lines, bars or a heat map), saved with
    ``bbox_inches="tight"`` as a quick script would."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    plt.rcParams["font.family"] = font_manager.FontProperties(fname=str(font)).get_name()
    if name == "top_keywords_chart":
        figure, panels = plt.subplots(-(-len(data) // 3), 3, figsize=(10, 12), squeeze=False)
        for axes, (key, rows) in zip(panels.flat, data.items()):
            axes.barh([r["term"] for r in rows][::-1], [r["score"] for r in rows][::-1])
            axes.set_title(str(key))
    elif name == "dispersion_chart":
        figure, axes = plt.subplots(figsize=(10, 6))
        for term, rows in data.groupby("term"):
            axes.scatter(rows["position"], rows["speech"], marker="|", label=term)
        axes.legend()
    elif name in ("slogan_timeline_chart", "similarity_heatmap"):
        figure, axes = plt.subplots(figsize=(10, 6))
        image = axes.imshow(data.to_numpy(dtype=float), aspect="auto")
        axes.set_yticks(range(len(data.index)), [str(i) for i in data.index])
        axes.set_xticks(range(len(data.columns)), [str(c) for c in data.columns])
        figure.colorbar(image)
    else:
        figure, axes = plt.subplots(figsize=(10, 5.5))
        data.plot(ax=axes, kind="bar" if name == "category_shares_chart" else "line", stacked=True)
    figure.tight_layout()
    figure.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(figure)


def time_baselines(inputs: list[dict], charts_data: dict, folder: Path, repeat: int) -> dict[str, float]:
    """Seconds per picture kind with the plain library calls a script would make."""
    from wordcloud import WordCloud

    from speechkit.render.fonts import resolve_font
    from speechkit.render.wordcloud import clean_frequencies

    font = resolve_font()
    width, height = CLOUD_SIZE

    def cloud(s):
        WordCloud(font_path=str(font), width=width, height=height, max_words=200, random_state=42,
                  background_color="white").generate_from_frequencies(clean_frequencies(s["frequencies"])).to_file(
            str(folder / f"{s['id']}-base-cloud.png"))

    kinds = {
        "word cloud": [lambda s=s: cloud(s) for s in inputs],
        "co-occurrence graph PNG": [
            lambda s=s: _baseline_graph(s["cooccurrence"], folder / f"{s['id']}-base-cooc.png", s["title"], font)
            for s in inputs if s["cooccurrence"].number_of_edges()
        ],
        "topic graph PNG": [
            lambda s=s: _baseline_graph(s["topics"], folder / f"{s['id']}-base-topics.png", s["title"], font)
            for s in inputs if s["topics"] is not None
        ],
    }
    for name in CHARTS:
        data = charts_data[name][0]
        kinds[name] = [lambda n=name, d=data: _baseline_chart(n, d, folder / f"base-{n}.png", font)]
    return {kind: min(sum(map(_timed, calls)) for _ in range(repeat)) / len(calls) for kind, calls in kinds.items() if calls}


def count_placed_words() -> list[int]:
    """Record how many words each word cloud of this process places: the layout function of
    this checkout's renderer is wrapped (``lay_out_cloud``, the ``wordcloud`` package's layout,
    or ``layout_words``, the own layout of older checkouts). Returns the list it fills."""
    from speechkit.render import wordcloud as renderer

    counts: list[int] = []
    if hasattr(renderer, "lay_out_cloud"):
        layout, placed = renderer.lay_out_cloud, lambda cloud: len(cloud.layout_)
        name = "lay_out_cloud"
    else:
        layout, placed = renderer.layout_words, len
        name = "layout_words"

    def counted(*args, **kwargs):
        result = layout(*args, **kwargs)
        counts.append(placed(result))
        return result

    setattr(renderer, name, counted)
    return counts


def words_asked(inputs: list[dict]) -> list[int]:
    """The words each speech's cloud is asked to place: its cleaned terms, at most 200."""
    from speechkit.render.wordcloud import MAX_WORDS, clean_frequencies

    return [min(MAX_WORDS, len(clean_frequencies(s["frequencies"]))) for s in inputs]


def _warm(inputs: list[dict], charts_data: dict, folder: Path) -> None:
    """Pay the imports and font loading once, outside the timings."""
    time_speechkit(inputs[:1], charts_data, folder, 1)


def worker(inputs_file: str, output: str, repeat: int) -> None:
    """Time this interpreter's speechkit on pickled inputs; print JSON timings and the
    words placed per cloud (of the last repetition)."""
    with open(inputs_file, "rb") as handle:
        inputs, charts_data = pickle.load(handle)
    with tempfile.TemporaryDirectory() as folder:
        _warm(inputs, charts_data, Path(folder))
        placed = count_placed_words()
        timings = time_speechkit(inputs, charts_data, Path(output), repeat)
    print(json.dumps({"timings": timings, "placed": placed[-len(inputs):]}))


def time_checkout(checkout: Path, inputs_file: Path, output: Path, repeat: int) -> dict:
    """Run :func:`worker` with ``checkout``'s speechkit first on the path:
    ``{"timings": {kind: seconds}, "placed": [words per cloud]}``."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, __file__, "--worker", str(inputs_file), "--output", str(output), "--repeat", str(repeat)]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speeches", type=int, default=6, help="real speeches to draw (default 6)")
    parser.add_argument("--repeat", type=int, default=1, help="timing repetitions (best is kept)")
    parser.add_argument("--before", type=Path, help="another checkout whose renderers to time on the same inputs")
    parser.add_argument("--keep", type=Path, help="keep the PNGs in this folder (to look at them)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.output, args.repeat)
        return

    inputs = speech_inputs(args.speeches)
    charts_data = chart_inputs()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch)
        inputs_file = Path(scratch) / "inputs.pickle"
        inputs_file.write_bytes(pickle.dumps((inputs, charts_data)))
        columns, placed = {}, {}
        for name, checkout in (("before", args.before), ("speechkit", ROOT)):
            if checkout is not None:
                folder = root / name
                folder.mkdir(parents=True, exist_ok=True)
                measured = time_checkout(checkout.resolve(), inputs_file, folder, args.repeat)
                columns[name], placed[name] = measured["timings"], measured["placed"]
        folder = root / "baseline"
        folder.mkdir(parents=True, exist_ok=True)
        columns["baseline"] = time_baselines(inputs, charts_data, folder, args.repeat)

    print(f"CPU seconds per picture on {len(inputs)} real speeches (graphs of {GRAPH_NODES} terms, "
          f"{FIGSIZE[0] * DPI:.0f}x{FIGSIZE[1] * DPI:.0f} px; clouds {CLOUD_SIZE[0]}x{CLOUD_SIZE[1]}), best of {args.repeat}")
    header = f"  {'picture':26}{'baseline':>10}" + ("" if args.before is None else f"{'before':>10}") + f"{'speechkit':>11}"
    header += f"{'vs baseline':>13}" + ("" if args.before is None else f"{'vs before':>11}")
    print(header)
    for kind, seconds in columns["speechkit"].items():
        base = columns["baseline"][kind]
        line = f"  {kind:26}{base:10.3f}"
        if args.before is not None:
            line += f"{columns['before'][kind]:10.3f}"
        line += f"{seconds:11.3f}{base / seconds:12.2f}x"
        if args.before is not None:
            line += f"{columns['before'][kind] / seconds:10.2f}x"
        print(line)
    print("  (ratios > 1: speechkit is that many times faster)")
    asked = words_asked(inputs)
    for name, counts in placed.items():
        shown = ", ".join(f"{n}/{a}" for n, a in zip(counts, asked))
        print(f"  word cloud, words placed of those asked ({name}): {shown}")
    per_speech = sum(columns["speechkit"][k] for k in ("word cloud", "co-occurrence graph PNG", "topic graph PNG"))
    print(f"  per-speech pictures together: {per_speech:.2f} s", end="")
    if args.before is not None:
        before = sum(columns["before"][k] for k in ("word cloud", "co-occurrence graph PNG", "topic graph PNG"))
        print(f" (before: {before:.2f} s, {before / per_speech:.2f}x faster)")
    else:
        print()


if __name__ == "__main__":
    main()
