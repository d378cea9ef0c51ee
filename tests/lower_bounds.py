"""The declared lower bounds of pyproject.toml as a pip constraints file (``>=X`` → ``==X``).

Every dependency must state a lower bound; installing exactly those bounds shows that the
bounds work (tests/test_lower_bounds.py). By hand::

    python tests/lower_bounds.py > constraints.txt
    pip install -c constraints.txt -r constraints.txt .
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest brings tomli
    import tomli as tomllib

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
# name, optional [extras], then the lower bound (other clauses and markers may follow).
_LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def lower_bound(requirement: str) -> tuple[str, str]:
    """``(name, version)`` of a requirement's ``>=`` bound; the extras are left out.

    Raises
    ------
    ValueError
        If the requirement declares no ``>=`` lower bound.
    """
    match = _LOWER_BOUND.match(requirement)
    if match is None:
        raise ValueError(f"{requirement!r} declares no lower bound (name>=version)")
    return match.group(1), match.group(3)


def declared_requirements(pyproject: Path = PYPROJECT, *, extras: tuple[str, ...] = ()) -> list[str]:
    """The runtime dependencies of ``pyproject``, and those of the ``extras`` named."""
    with pyproject.open("rb") as handle:
        project = tomllib.load(handle)["project"]
    optional = project.get("optional-dependencies", {})
    unknown = sorted(set(extras) - set(optional))
    if unknown:
        raise ValueError(f"no extra {', '.join(unknown)} in {pyproject}")
    return list(project["dependencies"]) + [requirement for extra in extras for requirement in optional[extra]]


def lower_bound_constraints(requirements: list[str]) -> str:
    """One ``name==version`` line per requirement (sorted by name, each name once)."""
    pins = {}
    for requirement in requirements:
        name, version = lower_bound(requirement)
        key = re.sub(r"[-_.]+", "-", name).lower()
        if pins.get(key, (name, version))[1] != version:
            raise ValueError(f"{name} is declared with two lower bounds: {pins[key][1]} and {version}")
        pins[key] = (name, version)
    return "".join(f"{name}=={version}\n" for _, (name, version) in sorted(pins.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="add the dependencies of this extra")
    parser.add_argument("--pyproject", type=Path, default=PYPROJECT)
    args = parser.parse_args(argv)
    sys.stdout.write(lower_bound_constraints(declared_requirements(args.pyproject, extras=tuple(args.extra))))


if __name__ == "__main__":
    main()
