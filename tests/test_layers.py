"""Imports run one way: root → ingest → segment → extract → analysis → render → pipeline → cli.

Every import of every module of speechkit/ is read with :mod:`ast`: module-level ones,
lazy ones inside functions, relative and absolute, ``from . import x``. A module may
import its own layer and the layers below; ``speechkit/__init__.py`` and
``speechkit/__main__.py`` are the top and may import anything. Imports inside
``if TYPE_CHECKING:`` never run and serve annotations only: they are not counted.
Modules must not import each other in a circle either.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "speechkit"

# Lowest first. The root is every module directly in the package but the two below.
LAYERS = ("root", "ingest", "segment", "extract", "analysis", "render", "pipeline", "cli", "top")
TOP_MODULES = ("__init__", "__main__")
# Each subpackage is the layer of its name, and so is segment.py.
LAYER_NAMES = ("ingest", "segment", "extract", "analysis", "render", "pipeline", "cli")

# Facade entry points (module, function) that may import upward, lazily: the methods of
# Speech and Corpus (the root) that hand over to a higher layer, so that ``speech.tokens()``
# and ``corpus.dtm()`` work in a notebook. An entry whose upward import is gone fails the
# test, so the list cannot outlive its reason.
FACADE_ALLOWLIST: frozenset[tuple[str, str]] = frozenset({
    ("speechkit.speech", "Speech.tokens"),  # the process-wide tokenizer when none is given
    ("speechkit.corpus", "Corpus.from_frame"),  # rows read as a metadata.csv row is (ingest)
    ("speechkit.corpus", "Corpus.dtm"),
    ("speechkit.corpus", "Corpus.results"),  # computed or cached by the map step analyze runs (pipeline)
    ("speechkit.corpus", "Corpus.compare"),
    ("speechkit.corpus", "Corpus.slogans"),
})


@dataclass(frozen=True)
class Import:
    """One import statement's target, where it stands and in which function."""

    source: str  # dotted module name of the importing module
    target: str  # dotted module name imported (a submodule where one is named)
    path: Path
    line: int
    function: str | None  # qualified name of the enclosing function; None at module level


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package as ``dotted name → file`` (a package is its ``__init__``)."""
    package = package_dir.name
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = [package, *path.relative_to(package_dir).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def layer_of(module: str) -> str:
    """The layer of a dotted module name of the package."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in TOP_MODULES:
        return "top"
    return parts[0] if parts[0] in LAYER_NAMES else "root"


def _resolve(base: str, name: str | None, modules: dict[str, Path]) -> str:
    """The module an import names: ``base.name`` when that is a module, else ``base``."""
    if name and f"{base}.{name}" in modules:
        return f"{base}.{name}"
    return base


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute dotted name of a relative import ``from {'.' * level}{name} import …``."""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join([*parts, name] if name else parts)


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, module: str, path: Path, modules: dict[str, Path], package: str):
        self.module, self.path, self.modules, self.package = module, path, modules, package
        self.is_package = path.name == "__init__.py"
        self.scope: list[str] = []
        self.functions = 0
        self.imports: list[Import] = []

    def _scoped(self, node):
        self.scope.append(node.name)
        if not isinstance(node, ast.ClassDef):
            self.functions += 1
        self.generic_visit(node)
        if not isinstance(node, ast.ClassDef):
            self.functions -= 1
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_If(self, node: ast.If) -> None:
        # Imports for annotations only (``if TYPE_CHECKING:``) never run.
        if _is_type_checking(node.test):
            for statement in node.orelse:
                self.visit(statement)
        else:
            self.generic_visit(node)

    def _add(self, target: str, node: ast.stmt) -> None:
        if target == self.package or target.startswith(self.package + "."):
            function = ".".join(self.scope) if self.functions else None
            self.imports.append(Import(self.module, target, self.path, node.lineno, function))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(_known_prefix(alias.name, self.modules), node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = _absolute(self.module, self.is_package, node.level, node.module)
        else:
            base = node.module or ""
        for alias in node.names:
            self._add(_resolve(base, alias.name, self.modules), node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _known_prefix(name: str, modules: dict[str, Path]) -> str:
    """The longest prefix of ``name`` that is a module of the package (``name`` if none)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in modules:
            return ".".join(parts[:end])
    return name


def collect_imports(package_dir: Path) -> list[Import]:
    """Every import of a module of the package by a module of the package."""
    modules = module_names(package_dir)
    found = []
    for module, path in modules.items():
        collector = _ImportCollector(module, path, modules, package_dir.name)
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(dict.fromkeys(collector.imports))  # one per statement and module named
    return found


def _rank(module: str) -> int:
    return LAYERS.index(layer_of(module))


def is_upward(imp: Import) -> bool:
    return _rank(imp.target) > _rank(imp.source)


def upward_imports(imports: list[Import], allowlist=frozenset()) -> list[Import]:
    """The imports of a higher layer than the importing module's, but the allowed ones."""
    return [imp for imp in imports if is_upward(imp) and (imp.source, imp.function) not in allowlist]


def stale_allowlist_entries(imports: list[Import], allowlist) -> list[tuple[str, str]]:
    """Allowlist entries whose function no longer imports upward."""
    used = {(imp.source, imp.function) for imp in imports if is_upward(imp)}
    return sorted(set(allowlist) - used)


def import_cycles(imports: list[Import], allowlist=frozenset()) -> list[list[str]]:
    """The circles of modules importing each other (strongly connected components of more
    than one module), each sorted, in sorted order.

    An import of a package's own ``__init__`` by one of its modules is no edge: Python loads
    a package before its modules anyway. Nor is an allowed facade's upward import: it runs
    when both ends are loaded, and the layers it crosses are checked on their own.
    """
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if imp.source.startswith(imp.target + ".") or imp.source == imp.target:
            continue
        if is_upward(imp) and (imp.source, imp.function) in allowlist:
            continue
        edges.setdefault(imp.source, set()).add(imp.target)
    return sorted(sorted(component) for component in _strongly_connected(edges) if len(component) > 1)


def _strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (an import chain may be deeper than the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    nodes = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def describe(imp: Import, root: Path) -> str:
    where = f" in {imp.function}()" if imp.function else ""
    return (f"{imp.path.relative_to(root)}:{imp.line}{where}: {imp.source} ({layer_of(imp.source)}) "
            f"imports {imp.target} ({layer_of(imp.target)})")


def test_every_import_runs_downward():
    upward = upward_imports(collect_imports(PACKAGE_DIR), FACADE_ALLOWLIST)
    assert not upward, "imports of a higher layer:\n" + "\n".join(describe(i, PACKAGE_DIR.parent) for i in upward)


def test_no_modules_import_each_other_in_a_circle():
    cycles = import_cycles(collect_imports(PACKAGE_DIR), FACADE_ALLOWLIST)
    assert not cycles, "modules importing each other in a circle:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


def test_every_allowed_facade_still_imports_upward():
    stale = stale_allowlist_entries(collect_imports(PACKAGE_DIR), FACADE_ALLOWLIST)
    assert not stale, f"FACADE_ALLOWLIST names functions that no longer import upward: {stale}"


def test_the_walk_sees_lazy_and_relative_imports_of_the_package():
    imports = collect_imports(PACKAGE_DIR)
    found = {(i.source, i.target, i.function) for i in imports}
    # A lazy import inside a method, and a module-level relative one two levels up.
    assert ("speechkit.speech", "speechkit.segment", "Speech.tokens") in found
    assert ("speechkit.extract.metrics.indicators", "speechkit.resources", None) in found
    assert len({i.source for i in imports}) > 100


def _write_package(root: Path, files: dict[str, str]) -> Path:
    package = root / "speechkit"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return package


PLANTED = {
    "__init__.py": "from .cli import main\n",  # the top may import anything
    "errors.py": "",
    "segment.py": """\
        from .errors import SpeechkitError


        def tokenizer():
            from .pipeline import cache
        """,
    "pipeline/__init__.py": "",
    "pipeline/cache.py": "from ..segment import tokenizer\n",
    "ingest/__init__.py": "",
    "ingest/read.py": "import speechkit.render.tables\n",
    "render/__init__.py": "",
    "render/tables.py": "from .. import errors\n",
    "analysis/__init__.py": "",
    "analysis/a.py": "from . import b\n",
    "analysis/b.py": """\
        class Table:
            def build(self):
                from .a import thing
        """,
    "extract/__init__.py": "",
    "extract/typed.py": """\
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from ..cli import main
        """,
    "cli/__init__.py": "def main(): pass\n",
}


def test_the_check_fails_on_planted_upward_imports_and_names_them(tmp_path):
    package = _write_package(tmp_path, PLANTED)
    upward = upward_imports(collect_imports(package))
    assert [describe(i, tmp_path) for i in upward] == [
        "speechkit/ingest/read.py:1: speechkit.ingest.read (ingest) imports speechkit.render.tables (render)",
        "speechkit/segment.py:5 in tokenizer(): speechkit.segment (segment) imports speechkit.pipeline.cache (pipeline)",
    ]


def test_the_check_fails_on_a_planted_circle(tmp_path):
    package = _write_package(tmp_path, PLANTED)
    assert import_cycles(collect_imports(package)) == [
        ["speechkit.analysis.a", "speechkit.analysis.b"],  # a lazy import inside a method closes it
        ["speechkit.pipeline.cache", "speechkit.segment"],
    ]


def test_an_allowed_facade_passes_and_a_stale_entry_is_reported(tmp_path):
    package = _write_package(tmp_path, PLANTED)
    imports = collect_imports(package)
    allowlist = {("speechkit.segment", "tokenizer"), ("speechkit.segment", "gone")}
    assert [i.source for i in upward_imports(imports, allowlist)] == ["speechkit.ingest.read"]
    assert stale_allowlist_entries(imports, allowlist) == [("speechkit.segment", "gone")]
    # The facade's own upward arrow closes no circle: segment → pipeline.cache → segment.
    assert import_cycles(imports, allowlist) == [["speechkit.analysis.a", "speechkit.analysis.b"]]


def _modules_loaded_by(code: str) -> list[str]:
    """The speechkit modules loaded after running ``code`` in a fresh interpreter."""
    listing = "import sys; print('\\n'.join(sorted(m for m in sys.modules if m.split('.')[0] == 'speechkit')))"
    done = subprocess.run([sys.executable, "-c", f"{code}\n{listing}"], cwd=PACKAGE_DIR.parent,
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_import_speechkit_loads_no_pipeline_render_or_cli_module():
    loaded = _modules_loaded_by("import speechkit")
    assert "speechkit.segment" in loaded and "speechkit.ingest.read" in loaded
    higher = [m for m in loaded if m.split(".")[1:2] in (["pipeline"], ["render"], ["cli"])]
    assert not higher, f"import speechkit loads {higher}"


def test_the_render_names_of_the_public_face_load_when_used():
    import speechkit
    from speechkit.render.dtm import write_dtm
    from speechkit.render.fonts import font_path, use_cjk_font

    assert (speechkit.write_dtm, speechkit.font_path, speechkit.use_cjk_font) == (write_dtm, font_path, use_cjk_font)
    assert set(speechkit.__all__) <= set(dir(speechkit))
    assert all(getattr(speechkit, name) is not None for name in speechkit.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        speechkit.nothing_here
    assert "speechkit.render.dtm" in _modules_loaded_by("from speechkit import write_dtm")
