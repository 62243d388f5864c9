"""Provides the reading of a figures file (CSV or Excel workbook) into checked rows, every bad
cell located by sheet, row and column.

Two layouts are read, told apart by their header row (the first row with anything in it):

- **long**: one figure a row, columns ``area``, ``measure``, ``period``, ``value`` and, if
  wanted, ``unit``, ``better``, ``comparator``;
- **wide**: one measure (or comparator) a row, columns ``area``, ``measure`` (``unit``,
  ``better``, ``comparator`` if wanted), then one column per period headed ``2022/23``,
  ``2023/24`` … .

``area`` is a results area's id (``value-for-money``), number (``1.4``), title or both
(``1.4 Value for money``); ``comparator`` is empty for the service's own figures, else the
benchmark's name (``CIPFA nearest neighbours (median)``); ``better`` is ``higher`` or ``lower``.
A sheet whose header names neither ``area`` nor ``measure`` (a "Read me") is skipped and said so.

All problems are collected before anything is reported, so one run lists them all. Nothing
here imports Textual; nothing here changes a session (that is :mod:`.figures_import`).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmark_tui.errors import BenchmarkError
from benchmark_tui.models import Framework, clean_line
from benchmark_tui.models.evidence import same_name
from benchmark_tui.models.figures import CURRENCIES, UNITS, Better, figure_text, read_figure
from benchmark_tui.models.periods import MONTHS, read_period

MAX_NAME = 200
"""Longest measure, comparator or unit name taken (a name, not a paragraph)."""
MAX_VALUE = 200
"""Longest value taken: a figure or a short phrase (``n/a``, ``87% (n=1,240)``)."""
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!")
COLUMNS = ("area", "measure", "period", "value", "unit", "better", "comparator")
"""The columns of the long layout (the wide one has all but period and value)."""
_ALIASES = {
    "results area": "area",
    "area id": "area",
    "year": "period",
    "figure": "value",
    "higher or lower is better": "better",
    "benchmark": "comparator",
}
_BETTER = {
    "higher": "higher",
    "higher is better": "higher",
    "lower": "lower",
    "lower is better": "lower",
}
_NUMBER_LIKE = re.compile(r"^[-+−]?\s*[£$€]?\s*[-+−]?[\d,.\s]*\d[\d,.\s]*%?$")
"""Text made only of what numbers are made of: a number mistyped, not a phrase."""
_FIGURE_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class Where:
    """A cell of a figures file: its sheet (None in a CSV), row and column, 1-based."""

    sheet: str | None
    row: int
    column: int
    header: str = ""
    """The column's heading, to say what the column is."""

    @property
    def label(self) -> str:
        """``sheet Figures, row 12, column D (value)``."""
        column = _letter(self.column) + (f" ({self.header})" if self.header else "")
        sheet = f"sheet {self.sheet}, " if self.sheet is not None else ""
        return f"{sheet}row {self.row}, column {column}"


@dataclass(frozen=True)
class CellProblem:
    """A bad cell: where it is, and what is wrong with it and what to do, in a sentence."""

    where: Where
    reason: str

    def message(self, path: Path) -> str:
        """``figures.xlsx, sheet Figures, row 12, column D (value): …``."""
        return f"{path.name}, {self.where.label}: {self.reason}"


class FiguresFileError(BenchmarkError):
    """A figures file with bad cells (all of them, located), or one that cannot be read."""

    def __init__(self, path: Path, problems: list[CellProblem] | None = None, reason: str = ""):
        self.path = path
        self.problems = problems or []
        lines = [reason] if reason else []
        lines += [p.message(path) for p in self.problems]
        count = len(self.problems)
        head = (
            f"{path}: {count} bad cell{'s' if count != 1 else ''}; nothing was imported — fix "
            "them and import again"
            if count
            else f"{path}: cannot be read"
        )
        super().__init__("\n".join([head, *lines]), title="Figures not imported")


@dataclass(frozen=True)
class FigureRow:
    """One figure read from the file, checked and ready to merge."""

    where: Where
    """The value's cell."""
    area_id: str
    measure: str
    period: str
    value: str
    """As it will be stored: the text typed, or a number written as people write it."""
    comparator: str = ""
    """"" for the service's own figure, else the comparator's name."""
    unit: str = ""
    """A unit word for the measure (``visits``); £ and % are in the value."""
    better: Better | None = None


@dataclass
class FiguresRead:
    """What a figures file holds: its rows, and the sheets that were skipped."""

    path: Path
    rows: list[FigureRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Sheets left out, each with why (``Read me: no 'area' and 'measure' header``)."""
    sheets: list[tuple[str | None, str, int]] = field(default_factory=list)
    """Each sheet read: its name, its layout (long or wide) and how many figures it gave."""


# ---------------------------------------------------------------------------------------------
# Cells, from either kind of file
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    value: Any
    number_format: str = "General"
    is_error: bool = False


def _letter(column: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _sheets(path: Path) -> Iterator[tuple[str | None, Iterable[list[_Cell]]]]:
    """Each sheet of the file as rows of cells (a CSV is one sheet named None)."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        yield None, _csv_rows(path)
        return
    if suffix not in (".xlsx", ".xlsm"):
        raise FiguresFileError(
            path,
            reason=f"{path.name}: not a figures file — give a .csv or an Excel workbook (.xlsx); "
            "save an older .xls as .xlsx first",
        )
    yield from _workbook_sheets(path)


MAX_FIGURES_BYTES = 50 * 1024 * 1024
"""A council's figures workbook is well under a megabyte; anything this large is not one."""


def _file_bytes(path: Path) -> bytes:
    """The file's bytes, read through the one checked road (never waiting on a pipe)."""
    from benchmark_tui.os_errors import os_problem
    from benchmark_tui.reading import read_regular_file

    try:
        content = read_regular_file(path, limit=MAX_FIGURES_BYTES)
    except OSError as err:
        raise FiguresFileError(path, reason=f"{path}: {os_problem(err)}") from err
    if len(content) > MAX_FIGURES_BYTES:
        raise FiguresFileError(
            path, reason=f"{path}: larger than 50 MB — this is not a figures file"
        )
    return content


def _csv_rows(path: Path) -> list[list[_Cell]]:
    content = _file_bytes(path)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # "CSV (Comma delimited)" in Excel
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[_Cell(value) for value in row] for row in reader]


def _workbook_sheets(path: Path) -> Iterator[tuple[str | None, Iterable[list[_Cell]]]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    content = _file_bytes(path)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (OSError, BadZipFile, KeyError, ValueError, InvalidFileException) as err:
        raise FiguresFileError(
            path,
            reason=f"{path}: cannot be read as an Excel workbook ({err}) — save it from Excel as "
            ".xlsx, or as .csv",
        ) from err
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some programs write a wrong size: read every row there is
            rows = (
                [
                    _Cell(
                        cell.value,
                        getattr(cell, "number_format", None) or "General",
                        getattr(cell, "data_type", "") == "e",
                    )
                    for cell in row
                ]
                for row in sheet.iter_rows(min_row=1)
            )
            yield sheet.title, rows
    finally:
        book.close()


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_figures(path: Path | str, framework: Framework) -> FiguresRead:
    """Read and check a figures file (CSV or .xlsx) in the long or the wide layout.

    Raises:
        FiguresFileError: the file cannot be read, or has bad cells (every one of them,
            located: sheet, row, column, what is wrong and what to do).
    """
    path = Path(path)
    found = FiguresRead(path)
    problems: list[CellProblem] = []
    reader = _Reader(framework, problems)
    for sheet, rows in _sheets(path):
        before = len(found.rows)
        layout = reader.read_sheet(sheet, rows, found)
        if layout is not None:
            found.sheets.append((sheet, layout, len(found.rows) - before))
    if problems:
        raise FiguresFileError(path, problems)
    if not found.sheets:
        raise FiguresFileError(
            path,
            reason=f"{path}: no sheet has a header row naming 'area' and 'measure' — see "
            "'benchmark-tui figures-template' for the layouts",
        )
    return found


class _Reader:
    """Reads sheets into rows, collecting every problem."""

    def __init__(self, framework: Framework, problems: list[CellProblem]):
        self.framework = framework
        self.problems = problems
        self.areas: dict[str, str] = {}
        for area in framework.areas:
            for key in (area.id, area.number, area.title, area.label):
                self.areas[same_name(key)] = area.id
        self.characteristics = {
            same_name(key): c.id
            for c in framework.items
            for key in (c.id, c.title, f"{c.number} {c.title}")
        }
        self.seen: dict[tuple[str, str, str, str], tuple[str, int]] = {}
        """(area, measure, comparator, period) → (value, row) of each figure taken."""
        self.units: dict[tuple[str, str], tuple[str, int]] = {}
        self.betters: dict[tuple[str, str], tuple[str, int]] = {}

    def problem(self, where: Where, reason: str) -> None:
        self.problems.append(CellProblem(where, reason))

    # -- the header ---------------------------------------------------------------------------

    def read_sheet(
        self, sheet: str | None, rows: Iterable[list[_Cell]], found: FiguresRead
    ) -> str | None:
        """Read one sheet into ``found``; its layout, or None if it was skipped."""
        iterator = iter(enumerate(rows, start=1))
        first = next(((n, cells) for n, cells in iterator if any(_text(c) for c in cells)), None)
        if first is None:
            return None  # an empty sheet: nothing to say
        number, cells = first
        header = self.read_header(sheet, number, cells)
        if header is None:
            found.skipped.append(f"{sheet or 'the file'}: no 'area' and 'measure' header")
            return None
        columns, periods = header
        layout = "long" if "period" in columns else "wide"
        for row_number, row in iterator:
            if not any(_text(c) for c in row):
                continue
            self.read_row(sheet, row_number, row, columns, periods, found)
        return layout

    def read_header(
        self, sheet: str | None, row: int, cells: list[_Cell]
    ) -> tuple[dict[str, int], dict[int, str]] | None:
        """The known columns (name → index) and the period columns (index → period)."""
        columns: dict[str, int] = {}
        periods: dict[int, str] = {}
        bad = False
        names = [_header(c) for c in cells]
        if "area" not in names and "measure" not in names:
            return None
        for index, (cell, name) in enumerate(zip(cells, names, strict=True)):
            where = Where(sheet, row, index + 1, _text(cell))
            if not name:
                continue
            if name in COLUMNS:
                if name in columns:
                    self.problem(where, f"a second '{name}' column — keep one")
                    bad = True
                columns[name] = index
                continue
            period = _period_text(cell)
            if period is None or read_period(period) is None:
                self.problem(
                    where,
                    f"unknown column {_text(cell)!r} — the columns are {', '.join(COLUMNS)}, "
                    "or periods such as 2023/24 (one column a year in the wide layout)",
                )
                bad = True
                continue
            if period in periods.values():
                self.problem(where, f"period {period} heads two columns — keep one")
                bad = True
            periods[index] = period
        missing = [c for c in ("area", "measure") if c not in columns]
        if "period" in columns or "value" in columns:
            missing += [c for c in ("period", "value") if c not in columns]
            if periods:
                where = Where(sheet, row, min(periods) + 1)
                self.problem(where, "period columns and a 'period' column at once — use one layout")
                bad = True
        elif not periods:
            missing.append("period columns (e.g. 2023/24) or 'period' and 'value'")
        if missing:
            self.problem(Where(sheet, row, 1), f"no {', no '.join(missing)} column in the header")
            bad = True
        return None if bad else (columns, periods)

    # -- one row ------------------------------------------------------------------------------

    def read_row(
        self,
        sheet: str | None,
        row: int,
        cells: list[_Cell],
        columns: dict[str, int],
        periods: dict[int, str],
        found: FiguresRead,
    ) -> None:
        def cell(name: str) -> tuple[_Cell, Where]:
            index = columns.get(name)
            where = Where(sheet, row, (index if index is not None else len(cells)) + 1, name)
            if index is None or index >= len(cells):
                return _Cell(None), where
            return cells[index], where

        before = len(self.problems)
        area_id = self.area(*cell("area"))
        measure = self.name(*cell("measure"), "measure", required=True)
        comparator = self.name(*cell("comparator"), "comparator", required=False)
        unit = self.name(*cell("unit"), "unit", required=False)
        better = self.better(*cell("better"))
        if "period" in columns:
            period_cell, period_where = cell("period")
            value_cell, value_where = cell("value")
            if _text(value_cell) == "" and not value_cell.is_error:
                return  # a line still to fill in: nothing to import
            period = self.period(period_cell, period_where)
            figures = [(period, value_cell, value_where)]
        else:
            figures = [
                (period, cells[index], Where(sheet, row, index + 1, period))
                for index, period in periods.items()
                if index < len(cells) and (_text(cells[index]) or cells[index].is_error)
            ]
        if len(self.problems) > before or area_id is None or measure is None:
            for _period, value_cell, where in figures:
                self.value(value_cell, where, unit or "")  # its problems are told too
            return
        key = (area_id, same_name(measure))
        unit_word = "" if (unit or "") in UNITS else (unit or "")
        self.agree(self.units, key, unit_word, cell("unit")[1], "unit")
        if better:
            self.agree(self.betters, key, better, cell("better")[1], "better")
        for period, value_cell, where in figures:
            value = self.value(value_cell, where, unit or "")
            if value is None or period is None:
                continue
            if not self.once(key, comparator or "", period, value, where):
                continue
            found.rows.append(
                FigureRow(
                    where, area_id, measure, period, value, comparator or "", unit_word, better
                )
            )

    def area(self, cell: _Cell, where: Where) -> str | None:
        text = _text(cell)
        if cell.is_error:
            self.problem(where, f"{text} is an Excel error, not a results area")
            return None
        if not text:
            self.problem(where, "no results area — give its id, number or title (e.g. 1.4)")
            return None
        key = same_name(text)
        if key in self.areas:
            return self.areas[key]
        if key in self.characteristics:
            self.problem(
                where,
                f"{text!r} is a characteristic of Section 2; figures belong to a results area "
                f"of Section 1 ({', '.join(a.number for a in self.framework.areas)})",
            )
            return None
        self.problem(
            where,
            f"{text!r} is not a results area of this framework — use one of: "
            + "; ".join(f"{a.id} ({a.label})" for a in self.framework.areas),
        )
        return None

    def name(self, cell: _Cell, where: Where, what: str, *, required: bool) -> str | None:
        text = clean_line(_text(cell))
        if cell.is_error:
            self.problem(where, f"{text} is an Excel error, not a {what} name")
            return None
        if not text:
            if required:
                self.problem(where, f"no {what} name")
            return None
        if len(text) > MAX_NAME:
            self.problem(where, f"{what} name of {len(text)} characters — at most {MAX_NAME}")
            return None
        return text

    def better(self, cell: _Cell, where: Where) -> Better | None:
        text = same_name(_text(cell))
        if not text:
            return None
        if text in _BETTER:
            return "higher" if _BETTER[text] == "higher" else "lower"
        self.problem(where, f"{_text(cell)!r}: write 'higher' or 'lower' (which is better)")
        return None

    def period(self, cell: _Cell, where: Where) -> str | None:
        if cell.is_error:
            self.problem(where, f"{_text(cell)} is an Excel error, not a period")
            return None
        text = _period_text(cell)
        if text is None:
            self.problem(where, f"{_text(cell)!r} is not a year — e.g. 2023/24, 2024, Q1 2024")
            return None
        if not text:
            self.problem(where, "no period — e.g. 2023/24, 2024, Q1 2024, Mar 2024")
            return None
        if read_period(text) is None:
            self.problem(
                where,
                f"{text!r} cannot be read as one year — e.g. 2023/24, FY2024, 2024, Q1 2024, "
                "Mar 2024",
            )
            return None
        return text

    def value(self, cell: _Cell, where: Where, unit: str) -> str | None:
        """The value as it will be stored, or None (a problem was recorded)."""
        raw = cell.value
        if cell.is_error or (isinstance(raw, str) and raw.strip() in EXCEL_ERRORS):
            self.problem(
                where, f"{_text(cell)} is an Excel error — fix the formula, or leave the cell empty"
            )
            return None
        if isinstance(raw, bool):
            self.problem(where, f"{str(raw).upper()} is a TRUE/FALSE cell, not a figure")
            return None
        if isinstance(raw, (datetime, date)):
            self.problem(where, "a date, not a figure — format the cell as a number")
            return None
        if isinstance(raw, (int, float)):
            return self.number(float(raw), cell.number_format, where, unit)
        text = clean_line(_text(cell))
        if len(text) > MAX_VALUE:
            self.problem(where, f"a value of {len(text)} characters — at most {MAX_VALUE}")
            return None
        if text.startswith(("=", "+=", "@")):
            self.problem(where, f"{text!r} is a formula, not a figure — paste the values")
            return None
        figure = read_figure(text)
        if figure is None:
            if _NUMBER_LIKE.match(text):
                self.problem(
                    where,
                    f"{text!r} is not a number as written — thousands separated by commas every "
                    "three digits, one decimal point (41,200 or 3.10)",
                )
                return None
            return text  # a phrase: kept as typed
        return self.with_unit(figure.number, figure.unit, figure.decimals, text, where, unit)

    def number(self, number: float, number_format: str, where: Where, unit: str) -> str | None:
        if not math.isfinite(number):
            self.problem(where, "not a finite number")
            return None
        decimals = _format_decimals(number_format)
        shown = (
            "%" if "%" in number_format else next((c for c in CURRENCIES if c in number_format), "")
        )
        if shown == "%":
            number *= 100
        return self.with_unit(number, shown, decimals, None, where, unit)

    def with_unit(
        self,
        number: float,
        shown: str,
        decimals: int | None,
        typed: str | None,
        where: Where,
        unit: str,
    ) -> str | None:
        """The value with its unit: from the cell, or the unit column when the cell has none."""
        wanted = unit if unit in UNITS else ""
        if shown and wanted and shown != wanted:
            self.problem(
                where, f"the value is in {shown} but the unit column says {unit} — make them agree"
            )
            return None
        if typed is not None and (shown or not wanted):
            return typed  # as typed, its unit in it (or none wanted)
        return figure_text(number, shown or wanted, decimals)

    def agree(
        self,
        seen: dict[tuple[str, str], tuple[str, int]],
        key: tuple[str, str],
        value: str,
        where: Where,
        what: str,
    ) -> None:
        """Check that a measure's unit (or better) is the same on every row that gives it."""
        first = seen.setdefault(key, (value, where.row))
        if first[0] != value:
            self.problem(
                where,
                f"{what} {value or '(none)'!r} differs from {first[0] or '(none)'!r} given for the "
                f"same measure in row {first[1]} — make them agree",
            )

    def once(
        self, key: tuple[str, str], comparator: str, period: str, value: str, where: Where
    ) -> bool:
        """Whether this figure is new; a second, different figure for the same cell is a problem."""
        place = (*key, same_name(comparator), same_name(period))
        first = self.seen.setdefault(place, (value, where.row))
        if first[1] == where.row and first[0] == value:
            return True
        if first[0] != value:
            who = comparator or "the service"
            self.problem(
                where,
                f"{who}'s {period} figure given twice: {value!r} here, {first[0]!r} in row "
                f"{first[1]} — keep one",
            )
        return False


def _text(cell: _Cell) -> str:
    """A cell's content as text ("" when empty)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(cell: _Cell) -> str:
    name = same_name(_text(cell).replace("_", " "))
    return _ALIASES.get(name, name)


def _period_text(cell: _Cell) -> str | None:
    """A period cell as text: a date becomes its month (``Mar 2024``); a number not a whole
    year gives None."""
    value = cell.value
    if isinstance(value, datetime | date):
        month = f"{MONTHS[value.month - 1]} {value.year}"
        return month if value.day == 1 else f"{value.day} {month}"
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return clean_line(_text(cell))


def _format_decimals(number_format: str) -> int | None:
    """Decimals an Excel number format shows (``#,##0.00`` → 2); None for General."""
    if number_format in ("", "General"):
        return None
    found = re.search(r"\.(0+)", number_format)
    return len(found.group(1)) if found else 0


def is_figures_file(path: Path) -> bool:
    """Whether a path names a file of a kind :func:`read_figures` reads."""
    return path.suffix.casefold() in _FIGURE_SUFFIXES
