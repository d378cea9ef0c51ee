"""The ``speechkit`` command.

Each sub-command lives in its own module and registers itself on ``app``; heavy
libraries are imported inside the commands, so ``speechkit --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError

app = typer.Typer(
    name="speechkit",
    help="Analyse Chinese official speeches and reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .._version import __version__

        typer.echo(f"speechkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Analyse Chinese official speeches and reports."""


from . import analyze as _analyze  # noqa: E402,F401  (registers commands)
from . import basic as _basic  # noqa: E402,F401
from . import metrics as _metrics  # noqa: E402,F401
from . import wordcloud as _wordcloud  # noqa: E402,F401
from . import outline as _outline  # noqa: E402,F401
from . import slogans as _slogans  # noqa: E402,F401
from . import keywords as _keywords  # noqa: E402,F401
from . import compare as _compare  # noqa: E402,F401
from . import reuse as _reuse  # noqa: E402,F401
from . import diffusion as _diffusion  # noqa: E402,F401
from . import targets as _targets  # noqa: E402,F401


def main() -> None:
    """Entry point: run the app; user errors print one line and exit 2."""
    try:
        app()
    except SpeechkitError as exc:
        typer.echo(f"speechkit: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("speechkit: interrupted", err=True)
        sys.exit(130)
