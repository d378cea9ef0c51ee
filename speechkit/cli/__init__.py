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
    raw_csv: Annotated[
        bool,
        typer.Option("--raw-csv", help="Write CSV cells that start like a spreadsheet formula (= + - @) as they are, "
                     "not prefixed with '."),
    ] = False,
) -> None:
    """Analyse Chinese official speeches and reports."""
    from .common import set_csv_safety

    set_csv_safety(not raw_csv)


# One module per command; importing it registers the command on ``app``.
from . import (  # noqa: E402,F401
    analyze,
    collocations,
    compare,
    corpus,
    diffusion,
    fill,
    graph,
    idf,
    keyness,
    keywords,
    kwic,
    metrics,
    outline,
    placeholders,
    reuse,
    segment,
    slogans,
    targets,
    wordcloud,
)


def main() -> None:
    """Entry point: run the app. User errors, usage errors and failed reads or writes
    print one line and exit 2; ``--help`` keeps its rich layout."""
    click = _click_exceptions()
    try:
        code = app(standalone_mode=False)
    except SpeechkitError as exc:
        fail(str(exc))
    except click.NoArgsIsHelpError as exc:
        # The help is the message (rich help is printed as the error is made).
        if exc.format_message().strip():
            typer.echo(exc.format_message())
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        fail(_one_line(exc.format_message()) + hint)
    except click.ClickException as exc:
        fail(_one_line(exc.format_message()))
    except OSError as exc:
        fail(f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc))
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("speechkit: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


def _click_exceptions():
    """The exception classes of the click that typer runs on (recent typer has its own copy)."""
    try:
        from typer._click import exceptions
    except ImportError:
        from click import exceptions
    return exceptions


def _one_line(message: str) -> str:
    """A usage message of several lines (click wraps them) as one."""
    return " ".join(message.split())


def fail(message: str) -> None:
    """Print ``speechkit: error: MESSAGE`` as one line on stderr and exit with status 2.

    Control characters (a newline in a file name, an escape sequence) are shown
    escaped (``\\x0a``), and undecodable bytes of a file name as ``\\xff``.
    """
    from ..names import printable

    typer.echo(f"speechkit: error: {printable(message)}", err=True)
    sys.exit(2)
