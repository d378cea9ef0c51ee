"""Names a package exports but imports on first use (PEP 562), so that importing the
package stays cheap: ``import speechkit`` must not load the drawing, the main job or
the command line, nor the analysis modules a script may never call."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(namespace: dict[str, Any], exports: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of a package exporting names lazily.

    Parameters
    ----------
    namespace : dict
        The package's ``globals()``; a name, once imported, is stored there, so later
        look-ups no longer go through ``__getattr__``.
    exports : mapping of str to str
        Each exported name and the module it is defined in, relative to the package
        (``".render.dtm"``).

    Returns
    -------
    tuple of (callable, callable)
        ``__getattr__`` (imports the module of an exported name, raises
        ``AttributeError`` for any other) and ``__dir__`` (the package's names and
        the exported ones).
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(exports[name], package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __getattr__, __dir__
