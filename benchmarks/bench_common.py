"""Provides what every benchmark shares: the figure record, medians, the example session, temp dirs.

Each benchmark returns :class:`Figure` objects: a measured median, the baseline measured in the
same run, and the target. Targets are either a ratio to the baseline (start-up, memory) or an
absolute limit from issue 7 (moves, autosave, export, validate); the ratio is printed for all,
because absolute times on a shared machine are noise and the ratio is what to compare across runs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = Path(__file__).resolve().parent
EXAMPLE_SESSION = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"
EXAMPLE_PREVIOUS = REPO / "sessions" / "example-borough-libraries-2025-03-13.yaml"
"""Last year's self-assessment, which the example links to (its screens show last time)."""
SERVICE_NAME = "Example Borough Libraries"
"""Shown in the top bar of every screen of the example session: the start-up marker."""


@dataclass
class Figure:
    """One measured figure, its same-run baseline, and the verdict against its target."""

    name: str
    """Short stable name, printed in the table (the pytest smoke test looks for it)."""
    what: str
    """What was measured, in a few words."""
    measured: float | None
    baseline: float | None
    unit: str
    target: str
    """The target in words, e.g. ``≤ 1.15× baseline`` or ``< 50 ms``."""
    passed: bool | None
    """None when the benchmark was skipped or only informative."""
    baseline_what: str = ""
    note: str = ""
    details: dict[str, str] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """Measured over baseline (None if either is missing)."""
        if self.measured is None or not self.baseline:
            return None
        return self.measured / self.baseline

    @property
    def verdict(self) -> str:
        """PASS, FAIL, SKIP (not measured) or INFO (measured, no target)."""
        if self.passed is None:
            return "SKIP" if self.measured is None else "INFO"
        return "PASS" if self.passed else "FAIL"


def skipped(name: str, what: str, unit: str, target: str, reason: str) -> Figure:
    """A figure that could not be measured in this checkout, saying why."""
    return Figure(name, what, None, None, unit, target, None, note=f"skipped: {reason}")


def median(values: list[float]) -> float:
    """The median (the figure every benchmark reports)."""
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    """The value below which ``pct`` percent of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[rank]


def spread(values: list[float], scale: float = 1.0, unit: str = "") -> str:
    """``min–max over n`` for the details line."""
    return f"{min(values) * scale:.1f}–{max(values) * scale:.1f}{unit} over {len(values)}"


def time_calls(call: Callable[[], object], repeats: int) -> list[float]:
    """Wall times of ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    """A temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=f"benchmark-tui-{prefix}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bytecode_cache() -> Path:
    """Where child processes keep their bytecode, shared by runs so start-ups are warm.

    Python checks each cached file against its source, so a stale entry is never used.
    """
    return Path(tempfile.gettempdir()) / f"benchmark-tui-pycache-{os.getuid()}"


def copy_example(folder: Path) -> Path:
    """A writable copy of the worked example session in ``folder``, with last year's beside it.

    A facilitator keeps both in the sessions folder: opening this year's reads last year's
    too (the screens show last time), so the benchmarks do the same work.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE_PREVIOUS, folder / EXAMPLE_PREVIOUS.name)
    return Path(shutil.copy(EXAMPLE_SESSION, folder / EXAMPLE_SESSION.name))


def private_env(folder: Path, pycache: Path | None = None) -> dict[str, str]:
    """The environment for a child process: settings and logs in ``folder``, never the user's.

    With ``pycache``, bytecode is cached there (PYTHONPYCACHEPREFIX), even where the shell sets
    PYTHONDONTWRITEBYTECODE: an installed copy has its bytecode compiled after its first start,
    and recompiling every module at every start would swamp what is measured.
    """
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("TEXTUAL"):
            del env[name]  # devtools or a forced driver would change what is measured
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["BENCHMARK_TUI_CONFIG_DIR"] = str(folder / "config")
    env["BENCHMARK_TUI_LOG_DIR"] = str(folder / "logs")
    env["BENCHMARK_TUI_CACHE_DIR"] = str(folder / "cache")
    env["TERM"] = "xterm-256color"
    env["COLORTERM"] = "truecolor"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def cli_command() -> list[str]:
    """How to start ``benchmark-tui``: the installed console script next to this Python."""
    script = Path(sys.executable).with_name("benchmark-tui")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "benchmark_tui"]


def run_process(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, str]:
    """Run a command to completion; (wall seconds, exit status, stderr tail)."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    return elapsed, done.returncode, (done.stderr or done.stdout)[-400:]
