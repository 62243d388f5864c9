"""The domain core (models, store, export, errors, cli) must run without importing Textual.

Headless commands (`validate`, `export`) stay fast and usable on machines without a terminal,
and the layering in STYLE.md stays honest. A companion test proves the guard can fail.
"""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import sys, importlib\n"
    "for name in {modules!r}:\n"
    "    importlib.import_module(name)\n"
    "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'docx'))))\n"
)


def _loaded(modules: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(modules=modules)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {m.split(".")[0] for m in done.stdout.strip().split(",") if m}


def test_core_modules_do_not_import_textual():
    core = ["benchmark_tui.cli", "benchmark_tui.models", "benchmark_tui.store"]
    assert "textual" not in _loaded(core)


def test_the_guard_notices_textual_when_it_is_imported():
    assert "textual" in _loaded(["benchmark_tui.models", "textual.app"])
