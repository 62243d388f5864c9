"""Provides Section 1's measures in the documents: figures by year, comparators, the team's trend.

Each measure is a row of its figures oldest first (by the years its periods are read as), with
its unit; under it a row for each comparator, its figure for each of the measure's periods and
where the service's figure stands against it (above, below, in line: by
:data:`~benchmark_tui.models.figures.STANDING_RULE`, or the team's judgement where it overruled
the rule, marked "team:"); the trend is the team's judgement, with the one the figures suggest
said under it where the team decided otherwise. A measure with fewer than three years (counted
in years, not periods) or whose periods cannot be read as years is flagged under it.

The findings, the pre-read (which lists the same figures to gather) and the comparison report
use these cells, so a comparator reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.styles import ALERT, MUTED
from benchmark_tui.export.wordkit import Cell, DocWriter, Line
from benchmark_tui.models import Measure
from benchmark_tui.models.evidence import SHORT_DATA, Comparator, StandingRead
from benchmark_tui.models.figures import IN_LINE_WITHIN, TREND_THRESHOLD

TREND_LABELS = {"improving": "Improving", "stable": "Stable", "declining": "Declining",
                "mixed": "Mixed"}  # fmt: skip
STANDING_WORDS = {"above": "above", "below": "below", "in-line": "in line"}
"""Where the service's figure stands against a comparator's, as a cell says it."""
TEAMS = "team: "
"""Before a standing the team judged otherwise than the rule."""
MAX_VALUE_COLUMNS = 6
"""Measures with more values than this wrap onto further rows, so columns stay readable."""
VALUES_SHARE = 0.62
"""At most this share of the page width goes to value columns (the rest: name and trend)."""
SMALL_PT = 9
"""The smallest type in the document (questions, notes, scale labels)."""


def _percent(share: float) -> str:
    return f"±{share * 100:g} %"


STANDING_KEY = (
    "Under each comparator's figure, where the service's figure stands against it: above, "
    f"below, or in line (within {_percent(IN_LINE_WITHIN)}); “team:” marks the team's "
    "judgement where it differs from that rule."
)
TREND_KEY = (
    "Trends are the team's judgement; where the figures suggest another (a change beyond "
    f"{_percent(TREND_THRESHOLD)} from the first year's figure to the last, or up and down), "
    "it is said under it."
)


def unit_line(measure: Measure) -> list[Line]:
    """The measure's unit, as a small line under its name (none when it has none)."""
    unit = measure.unit.strip()
    return [Span(f"Unit: {unit}", color=MUTED, size=SMALL_PT)] if unit else []


def standing_cell(
    value: str | None, read: StandingRead | None, *, inline: bool = False
) -> list[Line]:
    """A comparator's figure, and under it (or after it, ``inline``) where the service's
    figure stands against it."""
    if value is None:
        return [""]
    standing: Span | None = None
    if read is not None and read.ours is not None:
        if read.standing is None:
            standing = Span("not compared", color=MUTED, size=SMALL_PT, italic=True)
        else:
            word = STANDING_WORDS[read.standing]
            marked = TEAMS + word if read.judged is not None else word
            standing = Span(marked, size=SMALL_PT, bold=read.judged is not None)
    if standing is None:
        return [value]
    if inline:
        return [(Span(value + " "), standing)]
    return [value, standing]


def trend_cell(measure: Measure) -> list[Line]:
    """The team's trend; where the figures suggest another, that too, briefly."""
    if measure.trend is None:
        return ["—"]
    lines: list[Line] = [TREND_LABELS[measure.trend]]
    if measure.trend_overruled:
        suggested = measure.suggested_trend.trend
        lines.append(Span(f"the figures suggest {suggested}", color=MUTED, size=SMALL_PT))
    return lines


def measures_key(writer: DocWriter, measures: list[Measure], *, trends: bool = True) -> None:
    """Before a table of measures: how to read the comparators and (unless not ``trends``)
    the trends, where there are any."""
    parts = []
    if any(m.comparators for m in measures):
        parts.append(STANDING_KEY)
    if trends and any(m.trend_overruled for m in measures):
        parts.append(TREND_KEY)
    if parts:
        writer.paragraph(" ".join(parts), style="Note", keep_with_next=True)


def measures_table(writer: DocWriter, measures: list[Measure], *, key: bool = True) -> None:
    """One row per measure, its values oldest first, and the trend the team read in them.

    When every measure covers the same periods they head the columns; otherwise (financial
    years beside survey years) each value carries its own period. Columns are never so narrow
    that a figure breaks inside (``1,041,30`` / ``0``): with many long figures, fewer columns
    are used and the values wrap onto further rows, each comparator's under them. ``key``
    False leaves out how to read the comparators and trends (said once before the tables).
    """
    ordered = [m.in_year_order() for m in measures]
    longest = max(len(values) for values in ordered)
    periods = {tuple(v.period for v in values) for values in ordered}
    total = writer.usable_width()
    needed = _figure_width(writer, measures)
    fit = max(1, int(total * VALUES_SHARE) // needed)
    columns = max(1, min(longest, MAX_VALUE_COLUMNS, fit))
    shared = len(periods) == 1 and longest <= columns
    if shared and longest:
        header: list = ["Measure", *next(iter(periods)), "Trend"]
    else:
        header = ["Measure", Cell("Values, oldest first", span=columns), "Trend"]
    value_width = max(needed, int(total * 0.13))
    rest = max(total - value_width * columns, total // 4)
    if key:
        measures_key(writer, measures)
    grid = writer.table(
        [rest * 3.4 / 4.9] + [value_width] * columns + [rest * 1.5 / 4.9],
        header,
        caption="Measures of results and their trends",
    )
    for measure, values in zip(measures, ordered, strict=True):
        cells: list = [
            value.value if shared else [Span(value.period, color=MUTED), value.value]
            for value in values
        ]
        if not cells:
            cells = [Cell(Span("No values recorded", italic=True, color=MUTED), span=columns)]
        chunks = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        note = measure.note.strip()
        flagged = not measure.has_three_years
        for index, chunk in enumerate(chunks):
            filled = sum(c.span if isinstance(c, Cell) else 1 for c in chunk)
            first: Any = [Span(measure.name, bold=True), *unit_line(measure)]
            if index:  # a continuation: named again, quietly
                first = Span(measure.name, color=MUTED)
            trend: Any = trend_cell(measure) if index == 0 else ""
            last = index == len(chunks) - 1
            in_chunk = values[index * columns : (index + 1) * columns]
            beside = measure.comparators if in_chunk else []  # figures to stand against
            more = not last or bool(note) or flagged or bool(beside)
            writer.row(grid, [first, *chunk, *[""] * (columns - filled), trend], with_next=more)
            for number, comparator in enumerate(beside):
                theirs = _comparator_cells(measure, comparator, [v.period for v in in_chunk])
                name = Span(comparator.name, italic=True, color=MUTED if index else None)
                blank = [""] * (columns - len(theirs))
                more = not last or number < len(beside) - 1 or bool(note) or flagged
                writer.row(grid, [name, *theirs, *blank, ""], with_next=more)
        if flagged:
            flag = Cell(short_data(measure), span=columns + 2)
            writer.row(grid, [flag], style="Note", with_next=bool(note))
        if note:
            writer.row(
                grid,
                [Cell(Span(f"Note: {note}", italic=True), span=columns + 2)],
                style="Note",
            )


def _comparator_cells(
    measure: Measure, comparator: Comparator, periods: list[str]
) -> list[list[Line]]:
    """A comparator's figure for each of ``periods``, each with where the service stands."""
    cells = []
    for period in periods:
        theirs = comparator.value_for(period)
        read = measure.standing(comparator, period) if theirs is not None else None
        cells.append(standing_cell(theirs.value if theirs else None, read))
    return cells


def short_data(measure: Measure, *, brief: bool = False) -> tuple[Span, ...]:
    """Why a measure falls short of the three years the framework asks for, in years.

    "Fewer than three years of data (2 years so far: 2019 to 2022): …", or, where a period
    cannot be read as a year, which one, and how to give it. ``brief`` leaves out why (the
    pre-read says it once, before its table).
    """
    years = measure.years
    if years.state == "unreadable":
        typed = ", ".join(repr(p) for p in years.unreadable)
        return (
            Span(f"Periods not read as years ({typed})", bold=True, color=ALERT),
            Span(
                ": the framework asks for trends over at least three years; give each period "
                "as a year (2024, 2023/24) or a part of one (Q1 2024).",
                italic=True,
            ),
        )
    if years.years:
        count = len(years.years)
        span = years.years[0].label
        if count > 1:
            span += f" to {years.years[-1].label}"
        so_far = f"{count} year{'s' if count != 1 else ''} so far: {span}"
    else:
        so_far = "none so far"
    why = "." if brief else ": the framework asks for trends over at least three years."
    return (
        Span(SHORT_DATA[:1].upper() + SHORT_DATA[1:], bold=True, color=ALERT),
        Span(f" ({so_far}){why}", italic=True),
    )


def _figure_width(writer: DocWriter, measures: list[Measure]) -> int:
    """The column width, in twips, that the widest figure or period needs on one line (and
    the standing words under a comparator's figure), in the template's table font."""
    typed = {text for m in measures for v in m.values for text in (v.value, v.period)}
    typed |= {v.value for m in measures for c in m.comparators for v in c.values}
    widest = max((writer.cell_width(" ".join(text.split())) for text in typed), default=0)
    if any(m.comparators for m in measures):
        widest = max(widest, writer.cell_width("team: in line", size=SMALL_PT, bold=True))
    return max(widest, writer.cell_width("0000"))
