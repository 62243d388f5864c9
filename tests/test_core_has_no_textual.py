"""The core (every module outside ``tui/``) runs without importing Textual or Rich.

Headless commands (``validate``, ``export``) stay fast and usable on machines without a
terminal, and the layering in STYLE.md stays honest. Each core module is imported in a fresh
interpreter, as harlequin's import-hygiene test does; the modules are found on disk, so a new
one is checked without anyone adding it to a list. The import-linter contracts in
``pyproject.toml`` say the same statically (``tests/test_layers.py``); this test proves it at
run time, where a lazy import or an import hidden in ``__init__`` would show.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
HEADLESS_FORBIDS = ("textual", "rich")

CHECK = """
import importlib, json, sys
heavy = set({forbids!r})
blamed, seen = {{}}, set()
for name in sys.argv[1:]:
    importlib.import_module(name)
    new = {{m.split('.')[0] for m in sys.modules}} & heavy - seen
    if new:
        blamed[name] = sorted(new)
        seen |= new
print(json.dumps(blamed))
"""


def core_modules(src: Path) -> list[str]:
    """Every module of the package under ``src`` outside ``tui/`` (``__main__`` aside: it
    runs the command line when imported, and imports only ``cli``)."""
    names = []
    for path in sorted((src / "benchmark_tui").rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[1:2] == ("tui",) or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def heavy_imports(src: Path) -> dict[str, list[str]]:
    """{core module: the forbidden packages its import brought in first}, each module imported
    in turn in one fresh interpreter that finds the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(forbids=HEADLESS_FORBIDS), *core_modules(src)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
        cwd=src,
    )
    return json.loads(done.stdout)


def copy_of_the_package(tmp_path: Path) -> Path:
    """A copy of ``src/`` to add a rogue module to; returns the copy's ``src``."""
    copy = tmp_path / "src"
    shutil.copytree(
        SRC / "benchmark_tui",
        copy / "benchmark_tui",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return copy


def test_every_core_module_is_found_on_disk():
    modules = core_modules(SRC)
    # Some the first guard never checked (issue 24), and whole packages.
    for name in ("workshop", "session_file", "locks", "versions", "crash", "cli_history"):
        assert f"benchmark_tui.{name}" in modules
    assert {"benchmark_tui.models.session", "benchmark_tui.export.word"} <= set(modules)
    assert not [m for m in modules if m.startswith("benchmark_tui.tui")]


def test_no_core_module_imports_textual_or_rich():
    assert heavy_imports(SRC) == {}


def test_the_guard_names_a_new_core_module_that_imports_textual(tmp_path):
    src = copy_of_the_package(tmp_path)
    (src / "benchmark_tui" / "models" / "shiny.py").write_text(
        '"""A model that reaches for Textual."""\n\nfrom textual.app import App\n',
        encoding="utf-8",
    )
    assert heavy_imports(src) == {"benchmark_tui.models.shiny": ["rich", "textual"]}


def test_the_guard_names_a_core_module_that_reaches_textual_through_the_tui(tmp_path):
    src = copy_of_the_package(tmp_path)
    store = src / "benchmark_tui" / "store.py"
    store.write_text(
        store.read_text(encoding="utf-8") + "\nfrom benchmark_tui.tui import themes\n",
        encoding="utf-8",
    )
    blamed = heavy_imports(src)  # on the first module imported that imports the store
    assert [packages for packages in blamed.values() if "textual" in packages]
