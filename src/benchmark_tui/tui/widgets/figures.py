"""Provides the Section 1 figures shown beside a characteristic's evidence, one line a measure.

The framework asks the team to "summarise the data relating to the characteristic"; the
results areas' measures are that data, so the Evidence step shows them, read-only: the trend
(the team's, or which way the figures went), the measure, its first and last figures, where
the latest stands against each comparator, and how many years the figures cover (``<3y``
where fewer than three; ``not years`` where a period cannot be read as a year).

On a narrow window (80 columns) with comparators the trend is its mark alone and each
comparator is named by its first word (``above CIPFA``); on a wide one both are written out.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from benchmark_tui.models import AreaRecord, Measure, ResultsArea
from benchmark_tui.tui.widgets.measure_card import (
    SHORT_MARK,
    STANDING_WORDS,
    latest_standing,
)
from benchmark_tui.tui.widgets.memo import Memo

__all__ = ["LEGEND", "SHORT_MARK", "FiguresPanel", "figures_table"]

LEGEND = f"▲▼=↕ trend · {SHORT_MARK} under three years"
WIDE = 110
"""The panel's width from which trends and comparators are written out in full."""
UNREADABLE = "not years"
"""The years cell of a measure whose periods cannot all be read as years."""


def one_line(text: str) -> str:
    """Text typed over several lines, on one (each measure has one line here)."""
    return " ".join(text.split())


def figures_line(measure: Measure) -> Text:
    """``612,400 → 1,068,900``: the first and last figures, oldest first (or the one, or "no
    values")."""
    values = [one_line(v.value) for v in measure.in_year_order()]
    if not values:
        return Text("no values", style="italic")
    if len(values) == 1:
        return Text(values[0])
    return Text(f"{values[0]} → {values[-1]}")


def years_cell(measure: Measure) -> Text:
    """``4 yrs`` (distinct years, not periods); ``2 yrs <3y`` in bold where there are fewer
    than three; ``not years`` in bold where a period cannot be read as a year."""
    years = measure.years
    if years.state == "unreadable":
        return Text(UNREADABLE, style="bold")
    count = len(years.years)
    label = f"{count} yr{'s' if count != 1 else ''}"
    if years.state == "enough":
        return Text(label)
    return Text(f"{label} {SHORT_MARK}", style="bold")


def trend_cell(measure: Measure, *, wide: bool = True) -> Text:
    """``▲ improving`` (the team's trend) or ``▲ up`` in italics (read from the figures); the
    mark alone when not ``wide``."""
    word = measure.trend_word
    if not word:
        return Text("")
    shown = f"{measure.trend_mark} {word}" if wide else measure.trend_mark
    return Text(shown, style="" if measure.trend else "italic")


def short_name(name: str) -> str:
    """A comparator's first word (``CIPFA`` for "CIPFA nearest neighbours (median)")."""
    words = name.replace("(", " ").split()
    return words[0].strip(",;:") if words else name


def standing_cell(measure: Measure, *, wide: bool = True) -> Text:
    """``above CIPFA, in line England``: where the latest figure stands against each
    comparator (the team's judgement where it overruled the rule); "" without comparators."""
    parts: list[str] = []
    for comparator in measure.comparators:
        read = latest_standing(measure, comparator.name)
        if read is None or read.standing is None:
            continue
        name = comparator.name if wide else short_name(comparator.name)
        word = "in line with" if wide and read.standing == "in-line" else None
        parts.append(f"{word or STANDING_WORDS[read.standing]} {one_line(name)}")
    return Text(", ".join(parts))


def figures_table(
    areas: Sequence[tuple[ResultsArea, AreaRecord]], *, wide: bool = True
) -> Table | None:
    """One row per measure of every results area (None when no area has any, nor is marked
    "no data collected yet")."""
    compared = any(m.comparators for _area, record in areas for m in record.measures)
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True, min_width=11 if wide or not compared else 1)
    # The measure's name and its comparison wrap rather than lose their ends (at 80×24 a
    # name of 30 characters would otherwise read "1.1 Physical visits (a…").
    grid.add_column(overflow="fold")
    grid.add_column(no_wrap=True, overflow="ellipsis", max_width=28 if wide else 21)
    if compared:
        grid.add_column(overflow="fold", max_width=44 if wide else 18)
    grid.add_column(no_wrap=True, min_width=len(f"9 yrs {SHORT_MARK}"))
    rows = 0
    for area, record in areas:
        if record.no_data_yet and not record.measures:
            row: list[Text] = [Text(""), Text(area.label)]
            row.append(Text("no data collected yet", style="italic"))
            grid.add_row(*row, *([Text("")] if compared else []), Text(""))
            rows += 1
        for measure in record.measures:
            name = Text(f"{area.number} ")
            name.append(one_line(measure.name), style="bold")
            trend = trend_cell(measure, wide=wide or not compared)
            cells: list[Text] = [trend, name, figures_line(measure)]
            if compared:
                cells.append(standing_cell(measure, wide=wide))
            grid.add_row(*cells, years_cell(measure))
            rows += 1
    return grid if rows else None


class FiguresPanel(VerticalScroll):
    """The results areas' measures, compact and read-only; the arrows scroll it when focused.

    Hidden when there are no measures; :attr:`hint` says so instead.
    """

    DEFAULT_CSS = """
    FiguresPanel {
        height: auto;
        max-height: 25vh;
        min-height: 1;
        max-width: 130;  /* a big window: the figures stay beside their measures */
        &:focus { background: $primary 10%; }
        & > Static { height: auto; }
    }
    """

    _shown: object = None
    """What the table was last built from."""
    _areas: Sequence[tuple[ResultsArea, AreaRecord]] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="figures-table")

    @property
    def is_wide(self) -> bool:
        """Whether trends and comparators are written out in full (a wide window)."""
        return (self.size.width or self.app.size.width) >= WIDE

    def show(self, areas: Sequence[tuple[ResultsArea, AreaRecord]]) -> Text | None:
        """Show these areas' measures; returns the line to head them with (None: none)."""
        self._areas = areas
        self._build()
        self.scroll_home(animate=False)
        if not self.display:
            return None
        count = sum(len(record.measures) for _, record in areas)
        lead = Text("Section 1 figures")
        lead.append(f" · {count} measure{'s' if count != 1 else ''}  ", style="not bold")
        lead.append(LEGEND, style="not bold dim")
        return lead

    def _build(self) -> None:
        areas, wide = self._areas, self.is_wide
        shown = (wide, _what_is_shown(areas))
        if shown != self._shown:  # moving between characteristics: usually the same figures
            self._shown = shown
            table = figures_table(areas, wide=wide)
            self.display = table is not None
            self.query_one("#figures-table", Static).update(Memo(table) if table else "")

    def on_resize(self, event: events.Resize) -> None:
        if self._areas:
            self._build()


def _what_is_shown(areas: Sequence[tuple[ResultsArea, AreaRecord]]) -> object:
    """Everything the table shows, to compare with what it showed last."""
    return [
        (area.id, record.no_data_yet, [m.model_dump(mode="python") for m in record.measures])
        for area, record in areas
    ]
