"""Provides the comparison screen: the overview's heat-map with one column group per session.

Over time (one service, several years) each cell is the rating and its change since the year
before (``3▲1``, ``2=``, ``1▼1``: a symbol, never colour alone); side by side (several
libraries) each cell is the library's rating, and the line under the table gives the
service's spread for the cell under the cursor. Everything shown comes from
:class:`benchmark_tui.compare.Comparison`; nothing is recomputed here.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from benchmark_tui.compare import Comparison
from benchmark_tui.models import Session
from benchmark_tui.tui.widgets.heat import heat_style
from benchmark_tui.tui.widgets.key_bar import KeyBar


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
scrolls sideways. **Esc** goes back.
"""

    BINDINGS = [Binding("escape", "close", "Back", key_display="esc")]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        with Vertical(id="comparison"):
            yield Static(Text(self.comparison.title, style="bold"), classes="lead")
            yield DataTable(
                id="comparison-table", cursor_type="cell", cell_padding=0, fixed_columns=1
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

    def on_resize(self) -> None:
        self._fill()

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
        wide = self.app.size.width >= 120
        for index, column in enumerate(comparison.columns):
            text.append(f"{column.key}", style="bold")
            text.append(f" {column.name if wide else self.short_name(column.session)}")
            if comparison.mode == "over-time":
                completion = comparison.completion(index)
                if completion is not None:
                    text.append(f" · last plan: {completion.label()}")
            text.append("\n")
        if comparison.mode == "over-time":
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
    def _show_cell(self, event: DataTable.CellHighlighted) -> None:
        self.query_one("#comparison-cell", Static).update(self.describe(event.coordinate))

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
