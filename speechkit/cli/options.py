"""One bundle of segmentation options that every command accepts and honours.

``--segmenter rjieba|jieba`` (``--engine`` is its older name), ``--userdict FILE``,
``--stopwords FILE`` and ``--add-stopwords FILE`` are added to a command by
:func:`segmentation_options`; the command receives them as one :class:`Segmentation`.
The limits of reading, ``--max-file-mb MB`` and ``--follow-links``, are added alike and
set for the invocation (:func:`speechkit.cli.common.set_read_limits`).
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Optional

import typer

from ..errors import SpeechkitError
from ..ingest.limits import DEFAULT_MAX_FILE_MB, ReadLimits
from .common import set_read_limits

if TYPE_CHECKING:
    from ..segment import Tokenizer

SEGMENTERS = ("rjieba", "jieba")
DEFAULT_SEGMENTER = "rjieba"


@dataclass(frozen=True)
class Segmentation:
    """How a command segments text: the segmenter, user dictionaries and stopword lists."""

    segmenter: str = DEFAULT_SEGMENTER
    user_dicts: tuple[Path, ...] = ()
    stopwords: Path | None = None
    extra_stopwords: tuple[Path, ...] = ()

    def tokenizer(self) -> Tokenizer:
        """The process-wide :class:`~speechkit.segment.Tokenizer` of these options."""
        from ..segment import get_tokenizer

        return get_tokenizer(self.segmenter, user_dicts=self.user_dicts, stopwords=self.stopwords,
                             extra_stopwords=self.extra_stopwords)


def _file_option(*names: str, help: str):
    return typer.Option(*names, exists=True, dir_okay=False, readable=True, metavar="FILE", help=help)


SegmenterOption = Annotated[
    Optional[str], typer.Option("--segmenter", metavar="rjieba|jieba", help="Segmentation engine: rjieba (default) or jieba.")
]
EngineOption = Annotated[
    Optional[str], typer.Option("--engine", metavar="rjieba|jieba", help="Same as --segmenter (its older name).")
]
UserDictOption = Annotated[
    Optional[list[Path]],
    _file_option("--userdict", help="Extra user dictionary, jieba format (word, optional frequency and POS tag per line); repeatable."),
]
StopwordsOption = Annotated[Optional[Path], _file_option("--stopwords", help="Stopword file replacing the bundled list.")]
ExtraStopwordsOption = Annotated[
    Optional[list[Path]], _file_option("--add-stopwords", help="Stopword file added to the bundled list; repeatable.")
]
MaxFileOption = Annotated[
    Optional[float],
    typer.Option("--max-file-mb", metavar="MB", min=0.001,
                 help="Skip a file over this size, or a .docx/.pdf/.html holding more text (default 20; see README)."),
]
FollowLinksOption = Annotated[
    bool, typer.Option("--follow-links", help="Read files and folders reached through a link to outside the folder.")
]


def _parameter(name: str, annotation) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)


def segmentation_options(
    command: Callable | None = None, *, executor_engines: tuple[str, ...] = (), engine_help: str | None = None
) -> Callable:
    """Add the segmentation options to a command, which receives them as ``segmentation``.

    Parameters
    ----------
    command : callable
        A command function with a keyword parameter ``segmentation: Segmentation``.
    executor_engines : tuple of str
        For ``analyze``: ``--engine`` values that name an executor, not a segmenter;
        the command then also receives ``engine`` (the executor, the first of these
        when ``--engine`` names a segmenter or is absent).
    engine_help : str, optional
        The help of ``--engine`` when it means more than the segmenter.
    """
    if command is None:
        return functools.partial(segmentation_options, executor_engines=executor_engines, engine_help=engine_help)
    engine_annotation = EngineOption
    if engine_help:
        engine_annotation = Annotated[Optional[str], typer.Option("--engine", metavar="ENGINE", help=engine_help)]
    added = [
        _parameter("segmenter", SegmenterOption),
        _parameter("engine", engine_annotation),
        _parameter("userdict", UserDictOption),
        _parameter("stopwords", StopwordsOption),
        _parameter("add_stopwords", ExtraStopwordsOption),
        _parameter("max_file_mb", MaxFileOption),
        inspect.Parameter("follow_links", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=FollowLinksOption),
    ]
    signature = inspect.signature(command, eval_str=True)
    own = [p for name, p in signature.parameters.items() if name not in ("segmentation", "engine")]
    parameters = [*own, *added]

    @functools.wraps(command)
    def with_segmentation(**kwargs):
        set_read_limits(read_limits_from_cli(kwargs.pop("max_file_mb"), kwargs.pop("follow_links")))
        engine = kwargs.pop("engine")
        executor = engine if engine in executor_engines else None
        kwargs["segmentation"] = segmentation_from_cli(
            kwargs.pop("segmenter"),
            None if executor else engine,
            kwargs.pop("userdict"),
            kwargs.pop("stopwords"),
            kwargs.pop("add_stopwords"),
            also_allowed=executor_engines,
        )
        if executor_engines:
            kwargs["engine"] = executor or executor_engines[0]
        return command(**kwargs)

    with_segmentation.__signature__ = signature.replace(parameters=parameters)
    with_segmentation.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_segmentation


def read_limits_from_cli(max_file_mb: float | None, follow_links: bool) -> ReadLimits:
    """The limits of reading of ``--max-file-mb`` (default :data:`DEFAULT_MAX_FILE_MB`) and ``--follow-links``."""
    return ReadLimits(max_file_mb=DEFAULT_MAX_FILE_MB if max_file_mb is None else max_file_mb, follow_links=follow_links)


def segmentation_from_cli(
    segmenter: str | None,
    engine: str | None,
    userdict: list[Path] | None,
    stopwords: Path | None,
    add_stopwords: list[Path] | None,
    also_allowed: tuple[str, ...] = (),
) -> Segmentation:
    """The bundle of the command-line values; ``--engine`` is the older name of ``--segmenter``."""
    for option, value in (("--segmenter", segmenter), ("--engine", engine)):
        if value is not None and value not in SEGMENTERS:
            choices = ", ".join((*also_allowed, *SEGMENTERS))
            raise SpeechkitError(f"{option}: expected one of {choices}, got {value!r}")
    if segmenter and engine and segmenter != engine:
        raise SpeechkitError(f"--engine {engine} and --segmenter {segmenter} disagree; give one of them")
    return Segmentation(
        segmenter=segmenter or engine or DEFAULT_SEGMENTER,
        user_dicts=tuple(userdict or ()),
        stopwords=stopwords,
        extra_stopwords=tuple(add_stopwords or ()),
    )


WhereOption = Annotated[
    Optional[str],
    typer.Option(
        "--where", metavar="EXPR",
        help="Keep only the speeches whose metadata satisfy EXPR, in pandas query syntax: "
             "\"kind == 'govreport' and 2013 <= year <= 2018\" (see Corpus.query).",
    ),
]
