"""The layering of STYLE.md, checked statically over every module: the import-linter contracts
in ``pyproject.toml`` (core ↛ Textual/Rich, core ↛ TUI, export ↛ store/TUI).

The contracts name packages, not lists of modules, so a new module is covered the day it is
written. Each contract is shown to break on a copy of the package with a rogue import added.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.test_core_has_no_textual import SRC, copy_of_the_package

ROOT = SRC.parent
LINT = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, on the package found under ``src``."""
    return subprocess.run(
        [sys.executable, "-c", LINT, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(src)},
        cwd=src,
    )


def broken(src: Path) -> list[str]:
    """The names of the contracts ``lint-imports`` reports broken."""
    done = lint_imports(src)
    assert "Contracts:" in done.stdout, done.stdout + done.stderr
    return re.findall(r"^(.+) BROKEN(?: \(\d+ ignored imports?\))?$", done.stdout, re.M)


def add_import(src: Path, module: str, statement: str) -> None:
    """Append an import to one module of the copied package."""
    path = src / "benchmark_tui" / module
    text = path.read_text(encoding="utf-8") if path.exists() else '"""A new module."""\n'
    path.write_text(text + f"\n{statement}\n", encoding="utf-8")


def test_the_import_contracts_are_kept():
    done = lint_imports(SRC)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout


def test_the_contracts_break_when_any_core_module_imports_textual_or_rich(tmp_path):
    src = copy_of_the_package(tmp_path)
    add_import(src, "models/shiny.py", "from textual.app import App")  # a new module
    add_import(src, "export/pieces.py", "from rich.text import Text")
    assert broken(src) == ["Only the TUI imports Textual or Rich: the core runs headless"]


def test_the_contracts_break_when_the_core_reaches_into_the_tui(tmp_path):
    src = copy_of_the_package(tmp_path)
    add_import(src, "workshop.py", "from benchmark_tui.tui import themes")
    assert broken(src) == [
        "Nothing in the core imports the TUI, except the launcher that starts it"
    ]


def test_the_contracts_break_when_the_export_imports_the_store(tmp_path):
    src = copy_of_the_package(tmp_path)
    add_import(src, "export/word.py", "from benchmark_tui.store import slugify")
    assert broken(src) == [
        "The export writes what it is given: it never reaches the store or the TUI"
    ]


# -- circles ------------------------------------------------------------------------------------

TYPE_ONLY_KNOWN = {
    ("benchmark_tui.tui.exporting", "benchmark_tui.tui.app"),
    ("benchmark_tui.tui.file_actions", "benchmark_tui.tui.app"),
    ("benchmark_tui.tui.navigation", "benchmark_tui.tui.app"),
    ("benchmark_tui.tui.yearly", "benchmark_tui.tui.app"),
}
"""Parts of the app that name the app in their type hints only (``if TYPE_CHECKING``), each the
back half of a circle with the app, which imports them. Left for now: each needs a typed
interface of the app (as ``tui/commands.py``'s ``PaletteHost``) that includes Textual's own
``push_screen``/``run_worker``. Remove a pair when its circle is broken; never add one."""


def import_graph(*, type_checking: bool) -> dict[str, set[str]]:
    """Each of our modules and ours it imports (at the top or inside functions; and under
    ``if TYPE_CHECKING`` when ``type_checking``)."""
    import grimp

    graph = grimp.build_graph(
        "benchmark_tui", exclude_type_checking_imports=not type_checking, cache_dir=None
    )
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: each group of modules that reach one another (Tarjan's strongly
    connected components of more than one module, or a module that imports itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(edges.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1 or module in edges.get(module, ()):
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(found)


def test_no_module_imports_one_that_imports_it():
    assert circles(import_graph(type_checking=False)) == []


def test_no_circle_through_type_hints_but_the_known_parts_of_the_app():
    edges = import_graph(type_checking=True)
    for importer, imported in TYPE_ONLY_KNOWN:
        assert imported in edges[importer], f"{importer} no longer imports the app: drop it"
        edges[importer].discard(imported)
    assert circles(edges) == []


def test_the_circle_finder_finds_circles_direct_and_long():
    assert circles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}) == [["a", "b", "c"]]
    assert circles({"a": {"a"}}) == [["a"]]
    assert circles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
