"""Provides the figures-import benchmark: `import-figures` of a 5,000-row workbook (issue 23).

The workbook is generated in a temporary folder in the long layout: the four results areas ×
50 measures × 25 financial years (2000/01 to 2024/25), numbers with a £ or % number format on
some measures and a comparator on others, as a service's performance returns and CIPFA extract
would give. It is imported in-process into a copy of the worked example, as the command does:
read and check every cell, plan against the session, apply, and save through the open session
(lock, earlier version kept, atomic write).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench_common import REPO, Figure, median, scratch, spread, time_calls

from benchmark_tui import store
from benchmark_tui.models import Framework
from benchmark_tui.models.periods import Year

ROWS = 5_000
MEASURES_PER_AREA = 50
LIMIT_SECONDS = 2.0
EXAMPLE = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"


def make_workbook(target: Path, framework: Framework, rows: int = ROWS) -> Path:
    """A long-layout workbook of ``rows`` figures (see the module)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Figures"
    sheet.append(["area", "measure", "period", "value", "unit", "better", "comparator"])
    areas = framework.areas
    years = rows // (len(areas) * MEASURES_PER_AREA) or 1
    periods = [Year(2025 - years + n, "financial").label for n in range(years)]
    written = 0
    for area in areas:
        for m in range(MEASURES_PER_AREA):
            unit, number_format = [("", "#,##0"), ("£", '"£"#,##0.00'), ("%", "0%")][m % 3]
            comparator = "CIPFA nearest neighbours (median)" if m % 5 == 4 else None
            for n, period in enumerate(periods):
                if written >= rows:
                    break
                value: float = 1000 + 37 * n + m
                if unit == "£":
                    value = 3.5 + n / 10
                elif unit == "%":
                    value = 0.5 + n / 100
                sheet.append(
                    [area.id, f"Measure {m + 1:02d}", period, value, None, "higher", comparator]
                )
                sheet.cell(row=sheet.max_row, column=4).number_format = number_format
                written += 1
    book.save(target)
    return target


def measure_import(runs: int, rows: int = ROWS) -> list[Figure]:
    """Import a ``rows``-row workbook into a fresh copy of the example; ``runs`` times."""
    from openpyxl import load_workbook

    from benchmark_tui import cli_figures

    framework = store.load_framework()
    with scratch("figures") as folder:
        workbook = make_workbook(folder / "figures.xlsx", framework, rows)
        copies: list[Path] = []

        def fresh() -> Path:
            copy = folder / f"ours-{len(copies)}.yaml"
            shutil.copy(EXAMPLE, copy)
            copies.append(copy)
            return copy

        def baseline() -> None:  # only opening the workbook and reading every cell
            book = load_workbook(workbook, read_only=True, data_only=True)
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    for _cell in row:
                        pass
            book.close()

        def run_import(target: Path) -> None:
            # --yes: the example's results areas are agreed, and importing reopens them.
            status = cli_figures.run(
                "import-figures",
                ["--yes", str(target), str(workbook)],
                ask=lambda _q: "n",
                interactive=False,
            )
            assert status == 0, status

        run_import(fresh())  # warm: imports, caches
        baselines, times = [], []
        for _ in range(runs):  # interleaved, so load on the machine hits both alike
            baselines += time_calls(baseline, 1)
            target = fresh()
            times += time_calls(lambda target=target: run_import(target), 1)
        session = store.read_session(copies[-1], framework).session
        figures = sum(
            len(m.values) + sum(len(c.values) for c in m.comparators)
            for record in session.results.values()
            for m in record.measures
        )
    seconds = median(times)
    return [
        Figure(
            name="import-figures-5000",
            what=f"`import-figures` of a {rows:,}-row workbook in-process: read and check every "
            "cell, plan against the session, apply, save through the open session",
            measured=seconds * 1000,
            baseline=median(baselines) * 1000,
            unit="ms",
            target=f"< {LIMIT_SECONDS:g} s",
            passed=seconds < LIMIT_SECONDS,
            baseline_what="only opening the same workbook with openpyxl and reading every cell",
            details={
                "spread": spread(times, 1000, " ms"),
                "figures in the session": f"{figures:,}",
            },
        )
    ]
