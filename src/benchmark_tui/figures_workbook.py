"""Provides the figures workbook: the template a service fills in before the day, optionally
with a session's figures already in it (so next year's figures are added to last year's).

The workbook has three sheets: *Figures* in the long layout (one figure a row: area, measure,
period, value, unit, better, comparator), *Figures by year* in the wide layout (one measure a
row, one column per period), and *Read me*, which explains both and lists the results areas.
:func:`~benchmark_tui.figures_read.read_figures` reads back what this writes: figures that are
numbers are written as numbers (with a number format showing £ or %), the rest as text, so a
session's figures come back exactly as typed. Nothing here imports Textual.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark_tui.errors import BenchmarkError
from benchmark_tui.figures_read import COLUMNS
from benchmark_tui.models import Framework, Session
from benchmark_tui.models.evidence import PeriodValue
from benchmark_tui.models.figures import CURRENCIES, figure_text
from benchmark_tui.models.periods import YEARS_RULE, Year, read_period

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LONG_SHEET = "Figures"
WIDE_SHEET = "Figures by year"
README_SHEET = "Read me"
LONG_HEADER = COLUMNS
"""area, measure, period, value, unit, better, comparator."""
WIDE_HEADER = tuple(c for c in COLUMNS if c not in ("period", "value"))
YEARS_IN_TEMPLATE = 4


def last_financial_years(today: date, count: int = YEARS_IN_TEMPLATE) -> list[str]:
    """The ``count`` financial years before the one ``today`` is in, oldest first."""
    current = today.year if today.month >= 4 else today.year - 1
    return [Year(current - n, "financial").label for n in range(count, 0, -1)]


def _number_format(unit: str, decimals: int) -> str:
    places = f".{'0' * decimals}" if decimals else ""
    if unit == "%":
        return f"0{places}%"
    return f'"{unit}"#,##0{places}' if unit in CURRENCIES else f"#,##0{places}"


def _value_cell(sheet: Worksheet, row: int, column: int, value: PeriodValue) -> None:
    """Write a value as a number where it reads back exactly as typed; as text otherwise."""
    cell = sheet.cell(row=row, column=column)
    figure = value.figure
    if (
        figure is not None
        and figure_text(figure.number, figure.unit, figure.decimals) == value.value
    ):
        cell.value = figure.number / 100 if figure.unit == "%" else figure.number
        cell.number_format = _number_format(figure.unit, figure.decimals)
    else:
        cell.value = value.value
        cell.number_format = "@"  # text, so Excel never turns 2023/24 or 1-2 into a date


def _header(sheet: Worksheet, names: list[str] | tuple[str, ...], widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(names))
    for index, width in enumerate(widths, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def figures_workbook(
    framework: Framework, session: Session | None = None, *, today: date | None = None
) -> bytes:
    """The figures workbook as bytes: empty (the template), or with a session's figures.

    Args:
        framework: the framework whose results areas the workbook lists.
        session: whose measures, figures and comparators fill the *Figures* sheet.
        today: for the template's period columns (the four financial years before).
    """
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    long = book.active
    assert long is not None
    long.title = LONG_SHEET
    _header(long, LONG_HEADER, [34, 48, 12, 14, 12, 10, 36])
    better = DataValidation(type="list", formula1='"higher,lower"', allow_blank=True)
    long.add_data_validation(better)
    better.add("F2:F5000")
    periods: list[str] = []
    if session is not None:
        for area in framework.areas:
            record = session.results.get(area.id)
            for measure in record.measures if record else []:
                rows = [("", v) for v in measure.values]
                rows += [(c.name, v) for c in measure.comparators for v in c.values]
                for comparator, value in rows:
                    long.append([area.label, measure.name, value.period])
                    row = long.max_row
                    _value_cell(long, row, 4, value)
                    long.cell(row=row, column=5, value=measure.unit or None)
                    long.cell(row=row, column=6, value=measure.better)
                    long.cell(row=row, column=7, value=comparator or None)
                    long.cell(row=row, column=3).number_format = "@"
                    if value.period not in periods:
                        periods.append(value.period)
    reads = [read_period(p) for p in periods]
    if periods and all(r is not None for r in reads):
        periods = [r.text for r in sorted(r for r in reads if r is not None)]
    wide = book.create_sheet(WIDE_SHEET)
    wide_periods = periods or last_financial_years(today or date.today())
    _header(wide, [*WIDE_HEADER, *wide_periods], [34, 48, 12, 10, 36, *[12] * len(wide_periods)])
    for column in range(1, len(WIDE_HEADER) + len(wide_periods) + 1):
        wide.cell(row=1, column=column).number_format = "@"
    _readme(book.create_sheet(README_SHEET), framework)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _readme(sheet: Worksheet, framework: Framework) -> None:
    from openpyxl.styles import Font

    lines = [
        ("benchmark-tui: figures for Section 1 (results achieved)", True),
        ("Fill in one of the two figures sheets (or both), then, before the day:", False),
        ("    benchmark-tui import-figures SESSION.yaml THIS-WORKBOOK.xlsx", False),
        (
            "It shows what it will add or change, and never replaces a figure already in the "
            "session without asking. Every bad cell is reported by sheet, row and column; "
            "nothing is imported until all are right.",
            False,
        ),
        ("", False),
        (f"'{LONG_SHEET}': one figure a row", True),
        ("area: the results area: its id, number or title (see below)", False),
        ("measure: e.g. Physical visits; the same name joins rows into one measure", False),
        ("period: e.g. 2023/24, 2024, FY2024, Q1 2024, Mar 2024", False),
        ("value: a number (41,200; £3.10; 87%) or a short phrase (n/a)", False),
        ("unit: optional: £ or % when the value is a bare number, or a word (visits)", False),
        ("better: optional: higher or lower (which way is better), for the suggested trend", False),
        (
            "comparator: empty for the service's own figure; else the benchmark's name, e.g. "
            "CIPFA nearest neighbours (median) or England average",
            False,
        ),
        ("", False),
        (f"'{WIDE_SHEET}': one measure (or comparator) a row", True),
        (
            "area, measure, unit, better, comparator as above; then one column per period, "
            "headed by the period (add or rename period columns as needed)",
            False,
        ),
        ("", False),
        ("Periods and years", True),
        (YEARS_RULE, False),
        ("", False),
        ("Results areas (the area column)", True),
        *[(f"{area.id}    {area.label}", False) for area in framework.areas],
    ]
    for text, bold in lines:
        sheet.append([text])
        if bold:
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 110


def write_figures_workbook(
    target: Path,
    framework: Framework,
    session: Session | None = None,
    *,
    replace: bool = False,
    today: date | None = None,
) -> Path:
    """Write the figures workbook atomically (see :func:`figures_workbook`).

    Raises:
        BenchmarkError: ``target`` exists and ``replace`` is False, is not ``.xlsx``, or
            cannot be written.
    """
    from benchmark_tui.files import write_atomically
    from benchmark_tui.os_errors import explain_write_error

    if target.suffix.casefold() != ".xlsx":
        raise BenchmarkError(
            f"{target}: a figures workbook is an Excel file — give a name ending .xlsx",
            title="Workbook not written",
        )
    if target.exists() and not replace:
        raise BenchmarkError(
            f"{target} already exists — give another name, or --force to replace it",
            title="Workbook not written",
        )
    content = figures_workbook(framework, session, today=today)
    try:
        write_atomically(target, content)
    except OSError as err:
        raise BenchmarkError(
            f"Not written: {explain_write_error(err, target, what='the workbook')}",
            title="Workbook not written",
        ) from err
    return target
