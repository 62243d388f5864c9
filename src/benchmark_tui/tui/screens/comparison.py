"""Provides the comparison screen: the overview's heat-map with one column group per session,
and (key m) Section 1's measures found in more than one session.

Over time (one service, several years) each cell is the rating and its change since the year
before (``3▲1``, ``2=``, ``1▼1``: a symbol, never colour alone); side by side (several
libraries) each cell is the library's rating, and the line under the table gives the
service's spread for the cell under the cursor. The measures are one column per session too:
each measure's figures by year, the trend the team judged, and each comparator's figures with
where the session stands against them (in words). Everything shown comes from
:class:`benchmark_tui.compare.Comparison`; nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from benchmark_tui.compare import Comparison, MeasureAcross
from benchmark_tui.models import Session
from benchmark_tui.models.figures import IN_LINE_WITHIN
from benchmark_tui.tui.widgets.heat import heat_style
from benchmark_tui.tui.widgets.key_bar import KeyBar
from benchmark_tui.tui.widgets.measure_card import STANDING_WORDS, trend_label

MEASURE_CELL = (10, 18)
"""The narrowest and widest a session's column of figures is (longer figures are cut)."""


@dataclass(frozen=True)
class MeasureRow:
    """One row of the measures table: a measure's heading, a period, its trend, or a
    comparator's heading or figure for a period."""

    measure: MeasureAcross
    label: Text
    cells: list[Text]
    period: str = ""
    comparator: str = ""
    kind: str = "figure"
    """``heading``, ``figure``, ``trend``, ``comparator`` (its heading) or ``benchmark``."""


def measure_rows(comparison: Comparison) -> list[MeasureRow]:
    """The rows of the measures table, measure by measure (as the terminal table has them)."""
    count = len(comparison.columns)
    rows: list[MeasureRow] = []
    for measure in comparison.measures:
        area = comparison.framework.area(measure.area_id)
        units = {m.unit for m in measure.measures if m is not None and m.unit}
        heading = Text(f"{area.number} {measure.name}", style="bold")
        if units:
            heading.append(f" ({', '.join(sorted(units))})", style="not bold")
        blank = [Text("") for _ in range(count)]
        rows.append(MeasureRow(measure, heading, blank, kind="heading"))
        for period in measure.periods:
            figures = [measure.value(n, period) for n in range(count)]
            if any(f is not None for f in figures):
                cells = [_figure(f) for f in figures]
                rows.append(MeasureRow(measure, Text(f"  {period}"), cells, period))
        trends = [Text(trend_label(measure.trend(n)) or "–") for n in range(count)]
        rows.append(MeasureRow(measure, Text("  trend", style="italic"), trends, kind="trend"))
        for name in measure.comparator_names:
            found: list[MeasureRow] = []
            for period in measure.periods:
                cells = []
                for n in range(count):
                    theirs = measure.comparator_value(n, name, period)
                    read = measure.standing(n, name, period)
                    cell = _figure(theirs)
                    if theirs is not None and read is not None and read.standing:
                        cell.append(f" {STANDING_WORDS[read.standing]}", style="bold")
                    cells.append(cell)
                if any(c.plain != "–" for c in cells):
                    found.append(
                        MeasureRow(measure, Text(f"    {period}"), cells, period, name, "benchmark")
                    )
            if found:
                label = Text(f"  v {name}", style="italic")
                rows.append(MeasureRow(measure, label, blank, comparator=name, kind="comparator"))
                rows += found
    return rows


def _figure(value: str | None) -> Text:
    return Text(" ".join(value.split())) if value is not None else Text("–", style="dim")


class ComparisonScreen(Screen[None]):
    """Several self-assessments side by side: arrows move, Esc goes back.

    Args:
        comparison: the sessions, lined up (see :func:`benchmark_tui.compare.compare_sessions`).
    """

    HELP = """\
## Comparison

One column group per session: Plan, Do, Check / act and Impact for each characteristic.
Over time (one service, several years) every cell shows the rating and its change since the
year before: **▲** up, **▼** down, **=** no change. Side by side (several libraries) the line
under the table gives the lowest, median and highest rating of the cell under the cursor,
and which library is lowest. The arrows move; the item name stays on screen when the table
scrolls sideways.

**m** shows Section 1's measures found in more than one session (matched by name, case and
spacing ignored): one column per session, each measure's figures by year, the trend the team
judged, and under each comparator its figures with where the session stands against them
(above, below, in line: within ±2 %, or as the team judged). **m** again goes back to the
ratings. **Esc** goes back.
"""

    BINDINGS = [
        Binding("escape", "close", "Back", key_display="esc", id="comparison.close"),
        Binding(
            "m",
            "show_measures",
            "Measures",
            tooltip="Section 1's measures side by side",
            id="comparison.show-measures",
        ),
        Binding(
            "m",
            "show_ratings",
            "Ratings",
            tooltip="The ratings side by side",
            id="comparison.show-ratings",
        ),
    ]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison
        self.showing_measures = False
        """Whether the measures are on screen (else the ratings)."""
        self._measure_rows: list[MeasureRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="comparison"):
            yield Static(Text(self.comparison.title, style="bold"), classes="lead")
            yield DataTable(
                id="comparison-table", cursor_type="cell", cell_padding=0, fixed_columns=1
            )
            yield DataTable(
                id="measures-table", cursor_type="cell", cell_padding=1, fixed_columns=1
            )
            yield Static(id="comparison-cell")
            yield Static(id="comparison-key", classes="aside")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())
        table = self.query_one("#comparison-table", DataTable)
        table.move_cursor(row=0, column=1)
        table.focus()
        self.query_one("#measures-table").display = False

    def on_resize(self) -> None:
        self._fill()
        if self.showing_measures:
            self._fill_measures()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_measures":
            if self.showing_measures:
                return False
            return True if self.comparison.measures else None
        if action == "show_ratings":
            return self.showing_measures
        return True

    def action_show_measures(self) -> None:
        """Show Section 1's measures found in more than one session."""
        if not self.comparison.measures:
            self.notify(
                "No Section 1 measure is in more than one of these sessions.",
                title="Measures",
                timeout=4,
                markup=False,
            )
            return
        self._show(measures=True)

    def action_show_ratings(self) -> None:
        """Show the ratings again."""
        self._show(measures=False)

    def _show(self, *, measures: bool) -> None:
        self.showing_measures = measures
        ratings = self.query_one("#comparison-table", DataTable)
        table = self.query_one("#measures-table", DataTable)
        ratings.display, table.display = not measures, measures
        if measures:
            self._fill_measures()
            table.focus()
        else:
            ratings.focus()
            self._show_cell(None)
        self._show_key()
        self.refresh_bindings()

    def _fill_measures(self) -> None:
        comparison = self.comparison
        table = self.query_one("#measures-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        self._measure_rows = rows = measure_rows(comparison)
        widest = max(
            [len(c.key) for c in comparison.columns]
            + [c.cell_len for row in rows if row.kind != "heading" for c in row.cells]
        )
        cell = max(MEASURE_CELL[0], min(MEASURE_CELL[1], widest))
        groups = len(comparison.columns)
        width = self.app.size.width
        name_width = max(22, min(60, width - 8 - groups * (cell + 2)))
        table.add_column(Text("Measure"), key="measure", width=name_width)
        for column in comparison.columns:
            heading = Text(column.key.rjust(cell), style="bold")
            table.add_column(heading, key=column.key, width=cell)
        for number, row in enumerate(rows):
            label = row.label.copy()
            label.no_wrap, label.overflow = True, "ellipsis"
            cells = [_right(c, cell) for c in row.cells]
            table.add_row(label, *cells, key=str(number))
        table.move_cursor(row=cursor.row, column=max(1, cursor.column))

    @property
    def cell_width(self) -> int:
        """Room for ``3▲1`` and a gap; more on a big window."""
        return 6 if self.app.size.width >= 150 else 4

    def _fill(self) -> None:
        comparison = self.comparison
        table = self.query_one("#comparison-table", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        elements = comparison.framework.elements
        cell = self.cell_width
        groups = len(comparison.columns)
        width = self.app.size.width
        name_width = max(18, min(44, width - 6 - groups * len(elements) * cell - groups))
        table.add_column(Text("\nCharacteristic"), key="item", width=name_width)
        for index, column in enumerate(comparison.columns):
            for number, element in enumerate(elements):
                heading = Text(column.key if number == 0 else "", style="bold")
                heading.append("\n" + element.short.center(cell)[:cell])
                extra = 1 if number == len(elements) - 1 and index < groups - 1 else 0
                table.add_column(heading, key=f"{column.key}:{element.id}", width=cell + extra)
        table.header_height = 2
        over_time = comparison.mode == "over-time"
        # On a tall window each row has two lines: bigger blocks of shade, read from afar.
        tall = 2 if self.app.size.height >= 2 * len(comparison.framework.items) + 18 else 1
        for characteristic in comparison.framework.items:
            cells: list[Text] = [Text(characteristic.label, no_wrap=True, overflow="ellipsis")]
            for index, column in enumerate(comparison.columns):
                for element in elements:
                    value = comparison.rating(column, characteristic.id, element.id)
                    if value is None:
                        cells.append(Text("–".center(cell), style="dim"))
                        continue
                    shown = str(value)
                    if over_time and index:
                        shown += comparison.change(index, characteristic.id, element.id).text
                    shade = [shown.center(cell)] + [" " * cell] * (tall - 1)
                    cells.append(Text("\n".join(shade), style=heat_style(self.app, value)))
            table.add_row(*cells, key=characteristic.id, height=tall)
        table.move_cursor(row=cursor.row, column=max(1, cursor.column))
        self._show_key()

    def _show_key(self) -> None:
        comparison = self.comparison
        text = Text()
        if self.showing_measures:
            text.append(
                "Under each comparator (v), its figure and where the session's stands: above, "
                f"below, in line (within ±{IN_LINE_WITHIN * 100:g} %, or as the team judged). "
                "– no figure.\n",
                style="dim",
            )
        wide = self.app.size.width >= 120
        for index, column in enumerate(comparison.columns):
            text.append(f"{column.key}", style="bold")
            text.append(f" {column.name if wide else self.short_name(column.session)}")
            if comparison.mode == "over-time":
                completion = comparison.completion(index)
                if completion is not None:
                    text.append(f" · last plan: {completion.label()}")
            text.append("\n")
        if self.showing_measures:
            pass
        elif comparison.mode == "over-time":
            text.append("▲ up  ▼ down  = no change since the year before", style="dim")
        else:
            text.append("– not rated", style="dim")
        for mismatch in comparison.mismatches:
            text.append(f"\n{mismatch}")
        self.query_one("#comparison-key", Static).update(text)

    def short_name(self, session: Session) -> str:
        """What a column stands for, in a few words: the library, or the workshop's dates."""
        if self.comparison.mode == "over-time":
            return session.workshop.dates_label or "undated"
        service = session.service
        return service.library if service.scope == "library" and service.library else service.name

    @on(DataTable.CellHighlighted, "#comparison-table")
    @on(DataTable.CellHighlighted, "#measures-table")
    def _show_cell(self, event: DataTable.CellHighlighted | None) -> None:
        if self.showing_measures:
            table = self.query_one("#measures-table", DataTable)
            text = self.describe_measure(table.cursor_coordinate)
        else:
            table = self.query_one("#comparison-table", DataTable)
            text = self.describe(table.cursor_coordinate)
        self.query_one("#comparison-cell", Static).update(text)

    def describe_measure(self, coordinate: Coordinate) -> Text:
        """The measure's cell under the cursor, in words: whose figure, for when, and how it
        stands against the comparator."""
        rows, columns = self._measure_rows, self.comparison.columns
        if not 0 <= coordinate.row < len(rows):
            return Text()
        row = rows[coordinate.row]
        measure = row.measure
        area = self.comparison.framework.area(measure.area_id)
        text = Text(f"{area.number} {measure.name}", style="bold")
        index = coordinate.column - 1
        if not 0 <= index < len(columns):
            return text
        column = columns[index]
        text.append(f" · {column.key} {self.short_name(column.session)}")
        named = measure.names[index]
        if named is None:
            text.append(": not measured there")
            return text
        if named != measure.name:
            text.append(f" (as “{named}”)")
        if row.kind == "trend":
            text.append(f": trend {measure.trend(index) or 'not judged'}")
        elif row.kind == "figure":
            text.append(f" · {row.period}: {measure.value(index, row.period) or 'no figure'}")
        elif row.kind == "benchmark":
            read = measure.standing(index, row.comparator, row.period)
            if read is None:
                theirs = measure.comparator_value(index, row.comparator, row.period)
                text.append(f" · {row.period}: {row.comparator} {theirs or 'no figure'}")
            else:
                text.append(f" · {row.period}: {read.label}")
                if read.is_overruled:
                    text.append(" (the team's judgement)", style="italic")
        return text

    def describe(self, coordinate: Coordinate) -> Text:
        """The cell under the cursor, in words: whose rating, of what, and how it compares."""
        comparison = self.comparison
        framework = comparison.framework
        elements = framework.elements
        text = Text()
        if not 0 <= coordinate.row < len(framework.items):
            return text
        characteristic = framework.items[coordinate.row]
        text.append(characteristic.label, style="bold")
        if coordinate.column == 0:
            return text
        index, number = divmod(coordinate.column - 1, len(elements))
        if index >= len(comparison.columns):
            return text
        column, element = comparison.columns[index], elements[number]
        value = comparison.rating(column, characteristic.id, element.id)
        text.append(f" · {element.title} · {column.key}: ")
        text.append("not rated" if value is None else str(value), style="bold")
        record = column.session.characteristics.get(characteristic.id)
        rating = record.ratings.get(element.id) if record else None
        note = rating.note if rating else ""
        if comparison.mode == "over-time":
            change = comparison.change(index, characteristic.id, element.id)
            if change.words:
                before = comparison.columns[index - 1].key
                text.append(f" ({change.words} since {before})")
        else:
            spread = comparison.spread(characteristic.id, element.id)
            if spread.low is not None:
                text.append(
                    f"\nAll: lowest {spread.low} ({', '.join(spread.lowest)}), "
                    f"median {spread.median_label}, highest {spread.high}"
                )
        if note:
            text.append("\nNote: ", style="bold")
            text.append(note)
        return text

    def action_close(self) -> None:
        """Back to where the comparison was opened from."""
        self.dismiss()


def _right(text: Text, width: int) -> Text:
    """``text`` set to the right of ``width`` cells (figures line up by their last digit)."""
    shown = text.copy()
    shown.no_wrap, shown.overflow = True, "ellipsis"
    if shown.cell_len < width:
        shown = Text(" " * (width - shown.cell_len)) + shown
    return shown
