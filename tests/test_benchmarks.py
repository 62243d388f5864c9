"""The benchmark suite runs: a smoke run with tiny counts, checked for every figure, not timed.

Timings are judged by ``benchmarks/run.py`` itself on a quiet machine (see benchmarks/README.md);
here we only make sure the script keeps working as the app changes under it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIGURES = [
    "startup",
    "memory",
    "sessions-list",
    "navigation",
    "navigation-growth",
    "pilot-press",
    "typing-gap",
    "autosave",
    "session-text",
    "write-session-text",
    "export",
    "export-cli",
    "validate",
    "compare-50",
    "import-figures-5000",
    "comparison-moves",
]


@pytest.mark.benchmark
def test_the_quick_benchmark_run_reports_every_figure(tmp_path: Path) -> None:
    """A smoke run exits 0 (quick runs never fail on targets) and prints a row per figure."""
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    table = done.stdout.split("figure ", 1)[-1]
    rows = {line.split()[0] for line in table.splitlines()[2:] if line.strip()}
    missing = [name for name in FIGURES if name not in rows]
    assert not missing, f"no row for {missing} in:\n{done.stdout[-3000:]}"
    assert "quick run: targets are not enforced" in done.stdout
