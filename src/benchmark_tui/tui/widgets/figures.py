"""Provides the Section 1 figures shown beside a characteristic's evidence, one line a measure.

The framework asks the team to "summarise the data relating to the characteristic"; the
results areas' measures are that data, so the Evidence step shows them, read-only: the trend
(the team's, or which way the figures went), the measure, its first and last figures, and
how many years they cover (``<3y`` where fewer than three).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from benchmark_tui.models import AreaRecord, Measure, ResultsArea
from benchmark_tui.tui.widgets.memo import Memo

SHORT_MARK = "<3y"
"""The mark of a measure with fewer than three years of data (on screens; the legend says)."""
LEGEND = f"▲▼=↕ trend · {SHORT_MARK} under three years"


def one_line(text: str) -> str:
    """Text typed over several lines, on one (each measure has one line here)."""
    return " ".join(text.split())


def figures_line(measure: Measure) -> Text:
    """``612,400 → 1,068,900``: the first and last figures (or the one, or "no values")."""
    values = [one_line(v.value) for v in measure.values]
    if not values:
        return Text("no values", style="italic")
    if len(values) == 1:
        return Text(values[0])
    return Text(f"{values[0]} → {values[-1]}")


def years_cell(measure: Measure) -> Text:
    """``4 yrs``; ``2 yrs <3y`` in bold where there are fewer than three years of data."""
    count = f"{measure.periods} yr{'s' if measure.periods != 1 else ''}"
    if measure.has_three_years:
        return Text(count)
    return Text(f"{count} {SHORT_MARK}", style="bold")


def trend_cell(measure: Measure) -> Text:
    """``▲ improving`` (the team's trend) or ``▲ up`` in italics (read from the figures)."""
    word = measure.trend_word
    if not word:
        return Text("")
    return Text(f"{measure.trend_mark} {word}", style="" if measure.trend else "italic")


def figures_table(areas: Sequence[tuple[ResultsArea, AreaRecord]]) -> Table | None:
    """One row per measure of every results area (None when no area has any, nor is marked
    "no data collected yet")."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(no_wrap=True, min_width=11)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(no_wrap=True, overflow="ellipsis", max_width=28)
    grid.add_column(no_wrap=True, min_width=len(f"9 yrs {SHORT_MARK}"))
    rows = 0
    for area, record in areas:
        if record.no_data_yet and not record.measures:
            grid.add_row("", Text(area.label), Text("no data collected yet", style="italic"), "")
            rows += 1
        for measure in record.measures:
            name = Text(f"{area.number} ")
            name.append(one_line(measure.name), style="bold")
            grid.add_row(trend_cell(measure), name, figures_line(measure), years_cell(measure))
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
        max-width: 110;  /* a big window: the figures stay beside their measures */
        &:focus { background: $primary 10%; }
        & > Static { height: auto; }
    }
    """

    _shown: object = None
    """What the table was last built from."""

    def compose(self) -> ComposeResult:
        yield Static(id="figures-table")

    def show(self, areas: Sequence[tuple[ResultsArea, AreaRecord]]) -> Text | None:
        """Show these areas' measures; returns the line to head them with (None: none)."""
        shown = _what_is_shown(areas)
        if shown != self._shown:  # moving between characteristics: usually the same figures
            self._shown = shown
            table = figures_table(areas)
            self.display = table is not None
            self.query_one("#figures-table", Static).update(Memo(table) if table else "")
        self.scroll_home(animate=False)
        if not self.display:
            return None
        count = sum(len(record.measures) for _, record in areas)
        lead = Text("Section 1 figures")
        lead.append(f" · {count} measure{'s' if count != 1 else ''}  ", style="not bold")
        lead.append(LEGEND, style="not bold dim")
        return lead


def _what_is_shown(areas: Sequence[tuple[ResultsArea, AreaRecord]]) -> object:
    """Everything the table shows, to compare with what it showed last."""
    return [
        (
            area.id,
            record.no_data_yet,
            [(m.name, m.trend, [(v.period, v.value) for v in m.values]) for m in record.measures],
        )
        for area, record in areas
    ]
