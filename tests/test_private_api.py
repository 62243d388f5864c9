"""No private Textual or Rich name is used outside the modules kept for them (issue 24).

Textual changes its internals between releases. Every internal the app relies on lives in
``src/benchmark_tui/tui/textual_compat.py`` (the benchmarks': ``benchmarks/bench_internals.py``)
with its reason and a canary test (``tests/tui/test_textual_compat.py``, also exempt here).

The check reads the Python AST of every file in ``src/``, ``tests/`` and ``benchmarks/``:
- an import from a private Textual or Rich module (``textual.widgets._toast``), or of a
  private name from one of their modules;
- an attribute ``x._name`` read, written or named in ``getattr``/``setattr``/``hasattr``,
  where ``_name`` is a private name Textual or Rich define (on a class, or as ``self._name``
  in a method: collected from their own source) and our own code does not define on any class
  of ours (so ``self._rows`` of our own screen is not mistaken for Textual's); a module we
  import (``os._exit``) is not a Textual object.

``tests/tui/test_textual_compat.py`` also checks at run time that no class of ours overrides a
private Textual name or redefines a Textual reactive.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import rich
import textual

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "tests", "benchmarks")
EXEMPT = {
    Path("src/benchmark_tui/tui/textual_compat.py"),
    Path("benchmarks/bench_internals.py"),
    Path("tests/tui/test_textual_compat.py"),
}
"""The homes of the internals still used, and their canaries."""
GUARDED = ("textual", "rich")


def is_private(name: str) -> bool:
    """``_name``, not ``__dunder__`` (nor a bare ``_``)."""
    return (
        name.startswith("_") and name != "_" and not (name.startswith("__") and name.endswith("__"))
    )


def private_names_defined(files: Iterable[Path]) -> set[str]:
    """Private names the files define on classes: class attributes, methods, ``self._x = …``."""
    names: set[str] = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        names.add(item.name)
                    elif isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        names.add(item.target.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
    return {name for name in names if is_private(name)}


def our_files() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py"))


@cache
def guarded_private_names() -> frozenset[str]:
    """Private names Textual and Rich define that our own code does not."""
    theirs = private_names_defined(
        p for package in (textual, rich) for p in Path(package.__file__).parent.rglob("*.py")
    )
    return frozenset(theirs - private_names_defined(our_files()))


def _is_guarded_module(module: str) -> bool:
    return module.split(".")[0] in GUARDED


def _names_bound_to_other_modules(tree: ast.Module) -> set[str]:
    """Names the file binds to modules other than Textual's and Rich's (``import os``)."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not _is_guarded_module(alias.name):
                    bound.add(alias.asname or alias.name.split(".")[0])
    return bound


def private_uses(source: str, guarded: Iterable[str] | None = None) -> list[str]:
    """Each use of a private Textual or Rich name in ``source``, as ``line: what``, in order."""
    return sorted(_private_uses(source, guarded), key=lambda use: int(use.split(":")[0]))


def _private_uses(source: str, guarded: Iterable[str] | None) -> Iterator[str]:
    names = frozenset(guarded_private_names() if guarded is None else guarded)
    tree = ast.parse(source)
    modules = _names_bound_to_other_modules(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and _is_guarded_module(node.module):
            if any(is_private(part) for part in node.module.split(".")):
                yield f"{node.lineno}: from {node.module} import … (a private module)"
            for alias in node.names:
                if is_private(alias.name):
                    yield f"{node.lineno}: from {node.module} import {alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _is_guarded_module(alias.name) and any(
                    is_private(part) for part in alias.name.split(".")
                ):
                    yield f"{node.lineno}: import {alias.name} (a private module)"
        elif isinstance(node, ast.Attribute) and node.attr in names:
            if not (isinstance(node.value, ast.Name) and node.value.id in modules):
                yield f"{node.lineno}: {ast.unparse(node)}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in names
        ):
            yield f"{node.lineno}: {ast.unparse(node)}"


def test_no_private_textual_or_rich_name_is_used_outside_the_compat_modules():
    found = [
        f"{path.relative_to(ROOT)}:{use}"
        for path in our_files()
        if path.relative_to(ROOT) not in EXEMPT
        for use in private_uses(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "private Textual/Rich names: move them to tui/textual_compat.py"


def test_the_internals_issue_24_named_are_guarded():
    names = guarded_private_names()
    for name in ("_driver", "_notifications", "_message_queue", "_installed_screens", "_on_key"):
        assert name in names
    assert "_held_keys" not in names  # ours (tui/key_order.py), not Textual's


def test_the_check_notices_the_driver_reached_from_a_screen(tmp_path):
    """A real screen's module with ``screen.app._driver`` added fails the check."""
    screen = ROOT / "src" / "benchmark_tui" / "tui" / "screens" / "help.py"
    rogue = tmp_path / "help.py"
    rogue.write_text(
        screen.read_text(encoding="utf-8")
        + "\n\ndef terminal(screen):\n    return screen.app._driver\n",
        encoding="utf-8",
    )
    assert (private_uses(screen.read_text(encoding="utf-8"))) == []
    assert [use.split(": ", 1)[1] for use in private_uses(rogue.read_text(encoding="utf-8"))] == [
        "screen.app._driver"
    ]


def test_the_check_notices_every_kind_of_private_use():
    source = """
import os
from textual.widgets._toast import Toast
from textual.app import _private_helper
import textual._compat
def peek(app, pilot, text_area):
    os._exit(0)  # the os module, not Textual
    app._notifications.clear()
    text_area._on_key = None
    return getattr(pilot, "_wait_for_screen"), app._held_keys
"""
    assert [use.split(": ", 1)[1] for use in private_uses(source)] == [
        "from textual.widgets._toast import … (a private module)",
        "from textual.app import _private_helper",
        "import textual._compat (a private module)",
        "app._notifications",
        "text_area._on_key",
        "getattr(pilot, '_wait_for_screen')",
    ]
