"""The public face: what ``speechkit`` and its subpackages export, that README and the
scripts use only that, and that every exported function says in numpydoc what it takes
and what it returns."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from numpydoc.docscrape import NumpyDocString

import speechkit

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "speechkit"
# The command line is a program, not an API: it exports nothing.
PUBLIC_PACKAGES = sorted(
    ".".join(init.parent.relative_to(ROOT).parts)
    for init in PACKAGE.rglob("__init__.py")
    if "cli" not in init.parent.relative_to(PACKAGE).parts
)
# The packages a script or README may import from.
IMPORTABLE = {"speechkit", *(f"speechkit.{name}" for name in ("ingest", "extract", "analysis", "render", "pipeline"))}


def exported():
    """``(package, name, object)`` of each name in the ``__all__`` of a public package."""
    rows = []
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        rows += [(package, name, getattr(module, name)) for name in getattr(module, "__all__", ())]
    return rows


def exported_callables():
    """Each exported function and class once, under the first package exporting it."""
    seen: dict[int, tuple[str, object]] = {}
    for package, name, value in exported():
        if inspect.isfunction(value) or inspect.isclass(value):
            seen.setdefault(id(value), (f"{package}.{name}", value))
    return sorted(seen.values(), key=lambda pair: pair[0])


def public_methods():
    """The public methods (class methods too; not properties) that exported classes define."""
    methods = []
    for name, value in exported_callables():
        if inspect.isclass(value):
            for attribute, member in vars(value).items():
                function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
                if not attribute.startswith("_") and inspect.isfunction(function):
                    methods.append((f"{name}.{attribute}", function))
    return methods


def test_the_public_packages_are_found():
    assert {"speechkit", "speechkit.analysis", "speechkit.extract", "speechkit.ingest", "speechkit.pipeline",
            "speechkit.render"} <= set(PUBLIC_PACKAGES)
    assert all(hasattr(importlib.import_module(package), "__all__") for package in IMPORTABLE)


@pytest.mark.parametrize("package", sorted(IMPORTABLE))
def test_every_exported_name_exists_and_is_listed_by_dir(package):
    module = importlib.import_module(package)
    assert len(set(module.__all__)) == len(module.__all__)
    assert set(module.__all__) <= set(dir(module))
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        module.not_a_name  # noqa: B018


def test_lazy_names_are_the_objects_of_their_modules():
    from speechkit.analysis.kwic import kwic
    from speechkit.render.dtm import write_dtm

    assert speechkit.kwic is kwic and speechkit.write_dtm is write_dtm
    assert importlib.import_module("speechkit.render").write_dtm is write_dtm


def test_import_speechkit_leaves_the_lazily_exported_modules_unloaded():
    lazy = ["speechkit.render.dtm", "speechkit.render.fonts", "speechkit.render.wordcloud", "speechkit.render.charts",
            "speechkit.render.graph_export", "speechkit.analysis.topics", "speechkit.analysis.keywords",
            "speechkit.analysis.reuse", "speechkit.analysis.kwic", "speechkit.pipeline.per_speech"]
    code = f"import sys, speechkit; print([m for m in {lazy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


# --- README and the scripts use only exported names ---------------------------------------------


def readme_code() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


def public_sources() -> list[tuple[str, str]]:
    sources = [(f"README.md block {n}", code) for n, code in enumerate(readme_code(), 1)]
    return sources + [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in sorted((ROOT / "scripts").glob("*.py"))]


def deep_uses(code: str) -> list[str]:
    """The imports of ``code`` from speechkit that are not exported names of an importable package,
    and the attributes of ``speechkit`` (imported under any alias) that it does not export."""
    tree = ast.parse(code)
    aliases = {"speechkit"}
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("speechkit"):
                    if alias.name not in IMPORTABLE:
                        wrong.append(f"import {alias.name}")
                    elif alias.name == "speechkit":
                        aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("speechkit"):
            if node.module not in IMPORTABLE:
                wrong.append(f"from {node.module} import ...")
                continue
            public = importlib.import_module(node.module).__all__
            wrong += [f"from {node.module} import {a.name}" for a in node.names if a.name not in public]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            if node.attr not in speechkit.__all__:
                wrong.append(f"speechkit.{node.attr}")
    return wrong


def test_the_import_check_sees_deep_and_unexported_names():
    assert deep_uses("import speechkit as sk\nfrom speechkit.analysis.kwic import kwic\nsk.group_key(1)") == [
        "from speechkit.analysis.kwic import ...", "speechkit.group_key"]
    assert deep_uses("from speechkit.render import write_report") == ["from speechkit.render import write_report"]
    assert deep_uses("import speechkit.pipeline.run") == ["import speechkit.pipeline.run"]
    assert deep_uses("import speechkit as sk\nfrom speechkit.render import write_graph\nsk.read_corpus('x')") == []


def test_readme_and_scripts_import_only_exported_names():
    sources = public_sources()
    assert len(sources) >= 6 and any(name.startswith("scripts/") for name, _ in sources)
    assert {name: deep_uses(code) for name, code in sources if deep_uses(code)} == {}


# --- numpydoc on the public API -----------------------------------------------------------------


def returns_a_value(function) -> bool:
    """Whether ``function``'s own body returns something other than None or yields."""
    body = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]

    def visit(node) -> bool:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, (ast.Yield, ast.YieldFrom)):
                return True
            if isinstance(child, ast.Return) and child.value is not None:
                if not (isinstance(child.value, ast.Constant) and child.value.value is None):
                    return True
            if visit(child):
                return True
        return False

    return visit(body)


def docstring_problems(value) -> list[str]:
    """What the numpydoc docstring of a function or class lacks: a Parameters section naming
    every parameter (``a, b`` entries name several; a class may list them as Attributes), and
    a Returns (or Yields) section for a function that returns something."""
    doc = inspect.getdoc(value)
    if not doc:
        return ["no docstring"]
    parsed = NumpyDocString(doc)
    try:
        parameters = [p.name for p in inspect.signature(value).parameters.values()]
    except ValueError:  # an exception class: its message
        parameters = []
    if "." in value.__qualname__ and parameters[:1] in (["self"], ["cls"]):  # a method
        parameters = parameters[1:]
    entries = parsed["Parameters"] + (parsed["Attributes"] if inspect.isclass(value) else [])
    documented = {name.strip().lstrip("*") for entry in entries for name in entry.name.split(",")}
    problems = []
    if parameters and not entries:
        problems.append("no Parameters section")
    elif missing := [name for name in parameters if name not in documented]:
        problems.append(f"parameters not documented: {missing}")
    if inspect.isfunction(value) and returns_a_value(value) and not (parsed["Returns"] or parsed["Yields"]):
        problems.append("no Returns section")
    return problems


def test_the_docstring_check_finds_what_is_missing():
    def undocumented(a, b):
        return a + b

    def half(a, *, b=1):
        """Add.

        Parameters
        ----------
        a : int
        """
        return a + b

    def whole(a, *, b=1):
        """Add.

        Parameters
        ----------
        a, b : int
            The numbers.

        Returns
        -------
        int
        """
        return a + b

    assert docstring_problems(undocumented) == ["no docstring"]
    assert docstring_problems(half) == ["parameters not documented: ['b']", "no Returns section"]
    assert docstring_problems(whole) == []


@pytest.mark.parametrize(("name", "value"), exported_callables(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_exported_function_and_class_has_numpydoc_sections(name, value):
    assert docstring_problems(value) == []


@pytest.mark.parametrize(("name", "value"), public_methods(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_public_method_of_an_exported_class_has_numpydoc_sections(name, value):
    assert docstring_problems(value) == []


def test_methods_are_found_and_checked_without_self():
    names = {name for name, _ in public_methods()}
    assert {"speechkit.Corpus.query", "speechkit.Corpus.from_frame", "speechkit.Speech.tokens"} <= names

    class Example:
        def scaled(self, factor):
            """Scale.

            Parameters
            ----------
            factor : float

            Returns
            -------
            float
            """
            return factor

    assert docstring_problems(Example.scaled) == []
