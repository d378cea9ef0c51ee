"""``speechkit wordcloud``: word clouds of a speech, a folder, or each year of a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .common import read_speeches
from .keywords import OfficialeseOption, ReferenceGroupOption, Weight, WeightOption, officialese_words
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options
def wordcloud(
    path: Annotated[Path, typer.Argument(help="A speech file, or a folder of speeches.")],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="The PNG to write; with --by, the folder to write one PNG per group into."),
    ] = None,
    by: Annotated[
        Optional[str],
        typer.Option("--by", help="One cloud per group of a folder: year, speech, or any metadata column."),
    ] = None,
    compare: Annotated[
        Optional[str],
        typer.Option("--compare", help="With --by: one comparison cloud of two groups, e.g. 2019,2020."),
    ] = None,
    mask: Annotated[Optional[Path], typer.Option("--mask", help="Image whose non-white area the words fill.")] = None,
    colormap: Annotated[str, typer.Option("--colormap", help="matplotlib colour map (Dark2, viridis, Reds …).")] = "Dark2",
    font: Annotated[Optional[Path], typer.Option("--font", help="Font file with Chinese glyphs (default: bundled).")] = None,
    max_words: Annotated[int, typer.Option("--max-words", help="Most frequent words drawn.")] = 200,
    width: Annotated[int, typer.Option("--width", min=100, help="Width in pixels.")] = 1200,
    height: Annotated[int, typer.Option("--height", min=100, help="Height in pixels.")] = 750,
    weight: WeightOption = Weight.keyness,
    reference_group: ReferenceGroupOption = None,
    officialese: OfficialeseOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Draw word clouds from the content words of speeches (Chinese, no stopwords,
    numbers, placeholders or officialese function words), in a CJK font, seeded: the same
    input gives the same PNG. With --by each group's words are sized by keyness against
    the other groups (--weight frequency: by count); one cloud of a whole folder or speech
    is sized by count."""
    from ..analysis.frequencies import group_frequencies, sum_frequencies
    from ..analysis.keyness import group_rankings
    from ..analysis.officialese import without_officialese
    from ..render.wordcloud import (
        draw_comparison_cloud,
        draw_group_wordclouds,
        draw_wordcloud,
    )

    if compare and not by:
        raise SpeechkitError("--compare needs --by (e.g. --by year --compare 2019,2020)")
    if by and not path.is_dir():
        raise SpeechkitError(f"--by: {path} is not a folder; --by makes one cloud per group of a folder")
    corpus = read_speeches(path, where)
    tokenizer = segmentation.tokenizer()
    style = {"font": font, "width": width, "height": height, "stopwords": tokenizer.stopwords}
    cloud_style = {**style, "mask": mask, "colormap": colormap, "max_words": max_words}
    exclude = officialese_words(officialese)
    if not by:
        target = output or Path(f"{path.stem if path.is_file() else path.resolve().name}-wordcloud.png")
        frequencies = sum_frequencies(group_frequencies(corpus, "speech", tokenizer=tokenizer).values())
        typer.echo(draw_wordcloud(without_officialese(frequencies, exclude), target, **cloud_style))
        return
    groups = group_frequencies(corpus, by, tokenizer=tokenizer)
    if compare:
        first, second = _two_groups(compare, groups, by)
        target = output or Path(f"wordcloud-{by}-{first}-{second}.png")
        typer.echo(draw_comparison_cloud(without_officialese(groups[first], exclude), without_officialese(groups[second], exclude),
                                         target, labels=(str(first), str(second)), max_words=max_words, **style))
        return
    rankings = group_rankings(groups, weight=weight.value, reference=reference_group, exclude=exclude)
    groups = {group: {k.term: k.score for k in ranked} for group, (_, ranked) in rankings.items()}
    folder = output or Path("wordclouds")
    if folder.suffix.lower() == ".png":
        raise SpeechkitError(f"-o {folder}: with --by, -o names a folder (one PNG per group)")
    written = draw_group_wordclouds(groups, folder, **cloud_style)
    if not written:
        raise SpeechkitError(f"{path}: no Chinese content words to draw")
    for written_path in written.values():
        typer.echo(written_path)


def _two_groups(spec: str, groups: dict, by: str) -> tuple:
    """The two groups named in ``--compare A,B`` (matched by their printed value)."""
    names = [part.strip() for part in spec.split(",")]
    by_name = {str(group): group for group in groups if group is not None}
    if len(names) != 2 or not all(names):
        raise SpeechkitError(f"--compare: give two {by} values separated by a comma, not {spec!r}")
    missing = [name for name in names if name not in by_name]
    if missing:
        raise SpeechkitError(f"--compare: no {by} {', '.join(missing)} in the corpus (have: {', '.join(by_name)})")
    return by_name[names[0]], by_name[names[1]]
