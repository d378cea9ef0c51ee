"""Run the real ``speechkit`` entry point in-process, as a user's shell would."""

from __future__ import annotations

import sys


def run(monkeypatch, capsys, *args):
    """Call ``speechkit.cli.main`` with ``args``; return (exit code, stdout, stderr)."""
    from speechkit.cli import main

    monkeypatch.setattr(sys, "argv", ["speechkit", *map(str, args)])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err
