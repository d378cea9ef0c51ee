"""One bundle of segmentation options that every command accepts and honours.

``--segmenter rjieba|jieba`` (``--engine`` is its deprecated name), ``--userdict FILE``,
``--stopwords FILE`` and ``--add-stopwords FILE`` (and, for the commands that read
formulations, ``--lexicon FILE``) are added to a command by :func:`segmentation_options`;
the command receives them as one :class:`~speechkit.segment.Segmentation`.
The limits of reading, ``--max-file-mb MB`` and ``--follow-links``, are added alike and
set for the invocation (:func:`speechkit.cli.common.set_read_limits`).
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from ..errors import SpeechkitError
from ..ingest.limits import DEFAULT_MAX_FILE_MB, ReadLimits
from ..segment import ENGINES as SEGMENTERS, Segmentation
from .common import set_read_limits

DEFAULT_SEGMENTER = SEGMENTERS[0]


def _file_option(*names: str, help: str):
    return typer.Option(*names, exists=True, dir_okay=False, readable=True, metavar="FILE", help=help)


SegmenterOption = Annotated[
    Optional[str], typer.Option("--segmenter", metavar="rjieba|jieba", help="Segmentation engine: rjieba (default) or jieba.")
]
UserDictOption = Annotated[
    Optional[list[Path]],
    _file_option("--userdict", help="Extra user dictionary, jieba format (word, optional frequency and POS tag per line); repeatable."),
]
StopwordsOption = Annotated[Optional[Path], _file_option("--stopwords", help="Stopword file replacing the bundled list.")]
ExtraStopwordsOption = Annotated[
    Optional[list[Path]], _file_option("--add-stopwords", help="Stopword file added to the bundled list; repeatable.")
]
LexiconOption = Annotated[
    Optional[Path],
    typer.Option("--lexicon", help="A formulation table (canonical, variants, kind, gloss) replacing the bundled one."),
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


def segmentation_options(command: Callable | None = None, *, executors: tuple[str, ...] = (), lexicon: bool = False) -> Callable:
    """Add the segmentation options to a command, which receives them as ``segmentation``.

    Parameters
    ----------
    command : callable
        A command function with a keyword parameter ``segmentation: Segmentation``.
    executors : tuple of str
        For ``analyze``: the executors ``--executor`` chooses from (the first is the
        default); the command then also receives ``executor``.
    lexicon : bool
        Also add ``--lexicon FILE``, the formulation table of ``segmentation.lexicon``.

    ``--engine`` is the deprecated name of ``--segmenter`` and, on a command with
    executors, of ``--executor``: its value says which it means, and a one-line note on
    stderr names the option to use.
    """
    if command is None:
        return functools.partial(segmentation_options, executors=executors, lexicon=lexicon)
    engine_help = "Deprecated: use --segmenter" + (" or --executor (the value says which)." if executors else ".")
    added = [
        _parameter("segmenter", SegmenterOption),
        *([_parameter("executor", _executor_option(executors))] if executors else []),
        _parameter("engine", Annotated[Optional[str], typer.Option("--engine", metavar="ENGINE", help=engine_help)]),
        _parameter("userdict", UserDictOption),
        _parameter("stopwords", StopwordsOption),
        _parameter("add_stopwords", ExtraStopwordsOption),
        *([_parameter("lexicon", LexiconOption)] if lexicon else []),
        _parameter("max_file_mb", MaxFileOption),
        inspect.Parameter("follow_links", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=FollowLinksOption),
    ]
    signature = inspect.signature(command, eval_str=True)
    own = [p for name, p in signature.parameters.items() if name not in ("segmentation", "executor")]
    parameters = [*own, *added]

    @functools.wraps(command)
    def with_segmentation(**kwargs):
        set_read_limits(read_limits_from_cli(kwargs.pop("max_file_mb"), kwargs.pop("follow_links")))
        engine = kwargs.pop("engine")
        executor = kwargs.pop("executor", None)
        if engine is not None and engine in executors:
            executor = executor_from_engine(engine, executor)
            engine = None
        kwargs["segmentation"] = segmentation_from_cli(
            kwargs.pop("segmenter"),
            engine,
            kwargs.pop("userdict"),
            kwargs.pop("stopwords"),
            kwargs.pop("add_stopwords"),
            also_allowed=executors,
        )
        if lexicon:
            kwargs["segmentation"] = replace(kwargs["segmentation"], lexicon=kwargs.pop("lexicon"))
        if engine is not None:
            deprecation_note("--engine", "--segmenter", engine)
        if executors:
            kwargs["executor"] = checked_executor(executor or executors[0], executors)
        return command(**kwargs)

    with_segmentation.__signature__ = signature.replace(parameters=parameters)
    with_segmentation.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_segmentation


def _executor_option(executors: tuple[str, ...]):
    choices = "|".join(executors)
    return Annotated[Optional[str], typer.Option(
        "--executor", metavar=choices,
        help=f"Where the per-speech work runs: {executors[0]} (a process pool, the default) or {', '.join(executors[1:])}.")]


def executor_from_engine(engine: str, executor: str | None) -> str:
    """The executor a deprecated ``--engine`` value names; it must agree with ``--executor``."""
    if executor is not None and executor != engine:
        raise SpeechkitError(f"--engine {engine} and --executor {executor} disagree; give --executor only")
    deprecation_note("--engine", "--executor", engine)
    return engine


def checked_executor(executor: str, executors: tuple[str, ...]) -> str:
    if executor not in executors:
        raise SpeechkitError(f"--executor: expected one of {', '.join(executors)}, got {executor!r}")
    return executor


def deprecation_note(old: str, new: str, value: str) -> None:
    """One line on stderr: ``old`` is deprecated, ``new value`` says the same."""
    typer.echo(f"speechkit: note: {old} is deprecated; use {new} {value}", err=True)


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
    """The bundle of the command-line values; ``--engine`` is the deprecated name of
    ``--segmenter`` (``also_allowed`` are the other values it may take, the executors)."""
    for option, value, allowed in (("--segmenter", segmenter, SEGMENTERS), ("--engine", engine, (*also_allowed, *SEGMENTERS))):
        if value is not None and value not in SEGMENTERS:
            raise SpeechkitError(f"{option}: expected one of {', '.join(allowed)}, got {value!r}")
    if segmenter and engine and segmenter != engine:
        raise SpeechkitError(f"--engine {engine} and --segmenter {segmenter} disagree; give --segmenter only")
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
