"""Runs the benchmark suite of issue 7 and prints each figure against a baseline from the same run.

    uv run python benchmarks/run.py            # the full suite (a few minutes); exit 1 on a miss
    uv run python benchmarks/run.py --quick    # smoke run, tiny counts; never fails on targets
    uv run python benchmarks/run.py --only startup,memory
    uv run python benchmarks/run.py --profile  # where start-up time goes (importtime, cProfile)

Every figure is a median, printed with the baseline measured in the same run and their ratio,
because absolute times on a shared machine are noise. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the bench_* helpers beside this file

from bench_common import Figure  # noqa: E402


@dataclass(frozen=True)
class Counts:
    """How much each benchmark does."""

    startup_runs: int
    warm_up: bool
    moves: int
    keys: int
    typing_rounds: int
    saves: int
    exports: int
    export_processes: int
    validate_files: int
    validate_runs: int
    compare_runs: int
    import_runs: int
    import_rows: int


FULL = Counts(
    startup_runs=7,
    warm_up=True,
    moves=200,
    keys=300,
    typing_rounds=3,
    saves=30,
    exports=10,
    export_processes=5,
    validate_files=1000,
    validate_runs=1,
    compare_runs=10,
    import_runs=5,
    import_rows=5_000,
)
QUICK = Counts(
    startup_runs=1,
    warm_up=False,
    moves=6,
    keys=12,
    typing_rounds=1,
    saves=3,
    exports=1,
    export_processes=1,
    validate_files=10,
    validate_runs=1,
    compare_runs=1,
    import_runs=1,
    import_rows=200,
)

Benchmark = Callable[[Counts], list[Figure]]


def _startup(counts: Counts) -> list[Figure]:
    from bench_startup import measure_startup

    return measure_startup(counts.startup_runs, counts.warm_up)


def _sessions_list(counts: Counts) -> list[Figure]:
    from bench_sessions_list import measure_sessions_list

    return measure_sessions_list(counts.startup_runs, counts.warm_up)


def _navigation(counts: Counts) -> list[Figure]:
    from bench_interactive import measure_navigation

    return asyncio.run(measure_navigation(counts.moves))


def _typing(counts: Counts) -> list[Figure]:
    from bench_interactive import measure_typing

    return asyncio.run(measure_typing(counts.keys, counts.typing_rounds))


def _autosave(counts: Counts) -> list[Figure]:
    from bench_headless import measure_autosave

    return measure_autosave(counts.saves)


def _export(counts: Counts) -> list[Figure]:
    from bench_headless import measure_export

    return measure_export(counts.exports)


def _export_cli(counts: Counts) -> list[Figure]:
    from bench_headless import measure_export_cli

    return measure_export_cli(counts.export_processes)


def _validate(counts: Counts) -> list[Figure]:
    from bench_headless import measure_validate

    return measure_validate(counts.validate_files, counts.validate_runs)


def _compare(counts: Counts) -> list[Figure]:
    from bench_compare import measure_compare

    return measure_compare(counts.compare_runs)


def _figures(counts: Counts) -> list[Figure]:
    from bench_figures import measure_import

    return measure_import(counts.import_runs, counts.import_rows)


def _comparison_screen(counts: Counts) -> list[Figure]:
    from bench_comparison_screen import measure_comparison_moves

    return asyncio.run(measure_comparison_moves(counts.moves))


# Start-up runs first, while this process is still small (it forks the children).
BENCHMARKS: dict[str, tuple[tuple[str, ...], Benchmark]] = {
    "startup": (("startup", "memory"), _startup),
    "sessions-list": (("sessions-list",), _sessions_list),
    "navigation": (("navigation", "navigation-growth", "pilot-press"), _navigation),
    "typing": (("typing-gap",), _typing),
    "autosave": (("autosave", "session-text", "write-session-text"), _autosave),
    "export": (("export",), _export),
    "export-cli": (("export-cli",), _export_cli),
    "validate": (("validate",), _validate),
    "compare": (("compare-50",), _compare),
    "figures": (("import-figures-5000",), _figures),
    "comparison-screen": (("comparison-moves",), _comparison_screen),
}


def commit() -> str:
    """The commit measured, marked ``+changes`` when the work tree differs from it."""
    repo = Path(__file__).resolve().parents[1]

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown commit"
    return head + (" +changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def machine() -> str:
    """Date, commit, cores, Python and OS: the line to quote with any figures."""
    return (
        f"{datetime.now().strftime('%Y-%m-%d %H:%M')} · {commit()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {platform.system()} {platform.release()} "
        f"({platform.machine()})"
    )


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"


def table(figures: list[Figure]) -> str:
    """The final table: one row per figure."""
    rows = [("figure", "measured", "baseline", "ratio", "target", "verdict")]
    for f in figures:
        rows.append(
            (
                f.name,
                f"{_number(f.measured)} {f.unit}" if f.measured is not None else "—",
                f"{_number(f.baseline)} {f.unit}" if f.baseline is not None else "—",
                f"{f.ratio:.2f}×" if f.ratio is not None else "—",
                f.target,
                f.verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def describe(figure: Figure) -> str:
    """A figure as it is measured: what, the numbers, and the details."""
    ratio = f" = {figure.ratio:.2f}× baseline" if figure.ratio is not None else ""
    baseline = (
        f"; baseline {_number(figure.baseline)} {figure.unit} ({figure.baseline_what})"
        if figure.baseline is not None
        else ""
    )
    lines = [f"[{figure.verdict}] {figure.name}: {figure.what}"]
    if figure.measured is not None:
        lines.append(
            f"    median {_number(figure.measured)} {figure.unit}{baseline}{ratio}; "
            f"target {figure.target}"
        )
    if figure.note:
        lines.append(f"    {figure.note}")
    lines += [f"    {key}: {value}" for key, value in figure.details.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks; 1 if a target was missed (never with --quick)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts; a smoke run")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help=f"comma-separated benchmarks to run: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--profile", action="store_true", help="profile start-up instead")
    args = parser.parse_args(argv)

    # In-process benchmarks must never touch the user's own settings or logs.
    profile = Path(tempfile.mkdtemp(prefix="benchmark-tui-profile-"))
    os.environ["BENCHMARK_TUI_CONFIG_DIR"] = str(profile / "config")
    os.environ["BENCHMARK_TUI_LOG_DIR"] = str(profile / "logs")

    print(f"benchmark-tui benchmarks · {machine()}", flush=True)
    if args.profile:
        from bench_profile import profile_startup

        print(profile_startup())
        return 0

    chosen = list(BENCHMARKS)
    if args.only:
        chosen = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in chosen if name not in BENCHMARKS]
        if unknown:
            parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {list(BENCHMARKS)}")
    counts = QUICK if args.quick else FULL
    print(f"mode: {'quick (smoke run: targets not enforced)' if args.quick else 'full'}\n")

    figures: list[Figure] = []
    for name in chosen:
        started = time.perf_counter()
        print(f"== {name} ...", flush=True)
        for figure in BENCHMARKS[name][1](counts):
            figures.append(figure)
            print(describe(figure), flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)

    print(table(figures))
    missed = [f.name for f in figures if f.passed is False]
    if args.quick:
        print("\nquick run: targets are not enforced")
        return 0
    print(
        f"\n{len(missed)} target(s) missed: {', '.join(missed)}" if missed else "\nall targets met"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
