"""A run's output folder written as a transaction: it is either a complete run or says it is not.

:func:`begin` marks OUT incomplete before a file is written: an ``INCOMPLETE`` file first
(holding the list of files the last complete run wrote), then ``summary.json`` removed. A
run killed, or failing on a full disk, after that leaves a folder that says so, never an
old summary beside half-new files. :func:`finish` makes it whole: it removes the files of
the last complete run that this run did not write (a speech no longer an input), writes
``summary.json`` by a rename and removes the marker last. Files the last run did not list
(the user's own) are never touched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SUMMARY = "summary.json"
INCOMPLETE = "INCOMPLETE"
INCOMPLETE_NOTE = ("speechkit analyze did not finish writing this folder: its files are not one complete run; "
                   "run it again. The files of the last complete run follow.")


def begin(out: Path) -> list[str]:
    """Mark ``out`` incomplete and return the files (relative names) the last complete run
    wrote: those of its ``summary.json``, else those an earlier marker kept."""
    previous = previous_outputs(out)
    _replace_text(out / INCOMPLETE, "\n".join([INCOMPLETE_NOTE, *previous]) + "\n")
    (out / SUMMARY).unlink(missing_ok=True)
    return previous


def previous_outputs(out: Path) -> list[str]:
    """The files listed by ``out``'s summary, or by its ``INCOMPLETE`` marker; none if neither reads."""
    try:
        listed = json.loads((out / SUMMARY).read_text(encoding="utf-8"))["outputs"]
        if isinstance(listed, list):
            return [name for name in listed if isinstance(name, str)]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        lines = (out / INCOMPLETE).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return []
    return [line for line in lines[1:] if line]


def finish(out: Path, previous: Iterable[str], outputs: Iterable[str], summary: dict[str, Any]) -> None:
    """Make ``out`` whole: remove the ``previous`` files not among ``outputs``, write
    ``summary`` as ``summary.json`` (by a rename) and remove the marker."""
    from ..render.writers import write_json

    stale(out, previous, outputs)
    staged = out / f".{SUMMARY}.tmp"
    try:
        write_json(summary, staged)
        os.replace(staged, out / SUMMARY)
    finally:
        staged.unlink(missing_ok=True)
    (out / INCOMPLETE).unlink(missing_ok=True)


def stale(out: Path, previous: Iterable[str], outputs: Iterable[str]) -> list[str]:
    """Remove the ``previous`` files of ``out`` that are not ``outputs``, and the folders
    that leaves empty; return the names removed. A name reaching outside ``out`` is ignored."""
    root = out.resolve()
    kept = set(outputs)
    removed = []
    for name in sorted(set(previous) - kept - {SUMMARY, INCOMPLETE}):
        path = out / name
        if root not in path.resolve().parents:
            continue
        try:
            path.unlink()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            continue  # gone already, or a folder now: not the file that run wrote
        removed.append(name)
        _remove_empty_parents(path.parent, out)
    return removed


def _remove_empty_parents(folder: Path, out: Path) -> None:
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove): stop here
            return
        folder = folder.parent


def _replace_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` by a rename, so the file is whole or absent."""
    staged = path.with_name(f".{path.name}.tmp")
    try:
        staged.write_text(text, encoding="utf-8")
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
