"""Provides the comparison benchmark: `compare` over 50 sessions, the terminal table and the CSV.

The 50 sessions are generated in a temporary folder from the examples in ``sessions/`` (the
worked example, its previous year and the three community-managed libraries): each is given
its own library name and date, and its ratings are shifted, so no two are the same; each
measure gets a comparator with a figure for each of its periods (issue 23: Section 1 compared).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from bench_common import REPO, Figure, median, scratch, spread, time_calls

from benchmark_tui import store
from benchmark_tui.models import Framework
from benchmark_tui.models.evidence import Comparator, ComparatorValue

SESSION_COUNT = 50
LIMIT_SECONDS = 1.0


def make_sessions(folder: Path, framework: Framework, count: int) -> list[Path]:
    """``count`` distinct session files made from the examples, as libraries of one service."""
    examples = sorted((REPO / "sessions").glob("example-*.yaml"))
    paths = []
    for index in range(count):
        session = store.read_session(examples[index % len(examples)], framework).session
        session.service = session.service.model_copy(
            update={"scope": "library", "library": f"Library {index + 1:02d}"}
        )
        day = date(2026, 1, 5) + timedelta(days=index)
        # The day's attendance moves with it (attendance is kept per workshop date).
        attendance = next(iter(session.workshop.attendance.values()), None)
        session.workshop = session.workshop.model_copy(
            update={"dates": [day], "attendance": {day: attendance} if attendance else {}}
        )
        for n, record in enumerate(session.characteristics.values()):
            for rating in record.ratings.values():
                if rating.value is not None and (index + n) % 4 == 0:
                    rating.value = min(4, rating.value + 1)
        for record in session.results.values():  # Section 1 compared too, with a benchmark
            for measure in record.measures:
                measure.comparators = [
                    Comparator(
                        name="CIPFA nearest neighbours (median)",
                        values=[
                            ComparatorValue(period=v.period, value=v.value) for v in measure.values
                        ],
                    )
                ]
        paths.append(store.save_session(session, folder / f"library-{index + 1:02d}.yaml"))
    return paths


def measure_compare(runs: int) -> list[Figure]:
    """Load and compare 50 sessions, render the 80-column table and the CSV; ``runs`` times."""
    from benchmark_tui.compare import compare_sessions, load_sessions, write_csv
    from benchmark_tui.compare_table import render

    framework = store.load_framework()
    with scratch("compare") as folder:
        paths = make_sessions(folder, framework, SESSION_COUNT)
        target = folder / "out.csv"

        def load() -> None:
            load_sessions(paths, framework)

        def compare() -> None:
            comparison = compare_sessions(load_sessions(paths, framework), framework)
            render(comparison)
            render(comparison, plain=True)
            write_csv(comparison, target, paths)

        compare()  # warm: imports, caches
        baselines, times = [], []
        for _ in range(runs):  # interleaved, so load on the machine hits both alike
            baselines += time_calls(load, 1)
            times += time_calls(compare, 1)
        rows = target.read_text(encoding="utf-8-sig").count("\n") - 1
    seconds = median(times)
    return [
        Figure(
            name="compare-50",
            what=f"`compare` of {SESSION_COUNT} sessions in-process: read and check them, line "
            "them up, the terminal table (box-drawn and --plain) and the CSV",
            measured=seconds * 1000,
            baseline=median(baselines) * 1000,
            unit="ms",
            target=f"< {LIMIT_SECONDS:g} s",
            passed=seconds < LIMIT_SECONDS,
            baseline_what=f"only reading and checking the same {SESSION_COUNT} sessions",
            details={"spread": spread(times, 1000, " ms"), "CSV rows": f"{rows:,}"},
        )
    ]
