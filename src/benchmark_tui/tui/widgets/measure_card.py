"""Provides the card of a measure on a results area's measures step: its figures by year beside
its comparators', where the team stands against each, and the trend the figures suggest.

```
Net cost per head of population (CIPFA)   = stable
3 years (2022/23 to 2024/25)            2022/23   2023/24   2024/25
Ours                                     £16.87    £17.17    £17.32
CIPFA nearest neighbours (median)        £15.40    £15.70    £15.90  above
Suggested: = stable — £16.87 in 2022/23 to £17.32 in 2024/25: +2.7 %, within ±5 % · taken
```

The most recent years are kept when the window is too narrow for all (``…`` stands for the
earlier ones, which the measure's dialog shows). Everything comes from the measure's own
rules (:mod:`benchmark_tui.models.figures`); nothing is worked out here.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from benchmark_tui.models import Measure, PeriodValue
from benchmark_tui.models.evidence import SHORT_DATA, TREND_MARKS, StandingRead
from benchmark_tui.models.periods import read_period

SHORT_MARK = "<3y"
"""The mark of a measure with fewer than three years of data (on screens; the legend says)."""
OURS = "Ours"
"""The row of the team's own figures."""
CELL_MOST = 14
"""The widest a figure's column grows (longer text is cut with …)."""
LABEL_MOST = 36
LABEL_LEAST = 12
GAP = 2
WE_ARE = "we are"
"""The heading of the column saying where the team stands against each comparator."""
STANDING_WORDS = {"above": "above", "below": "below", "in-line": "in line"}


def trend_label(trend: str | None) -> str:
    """``▲ improving`` (the mark and the word), or "" for none."""
    return f"{TREND_MARKS.get(trend, '')} {trend}" if trend else ""


def standing_text(read: StandingRead | None) -> Text:
    """``above``, ``in line``; ``below (team)`` where the team overruled the rule; ``–`` when
    the two cannot be compared (a figure missing, text, or units that differ)."""
    if read is None or read.standing is None:
        return Text("–", style="dim")
    text = Text(STANDING_WORDS[read.standing], style="bold")
    if read.is_overruled:
        text.append(" (team)", style="not bold italic")
    return text


def years_text(measure: Measure) -> Text:
    """``4 years (2021/22 to 2024/25)``; under three years marked ``<3y``; periods that are not
    years said plainly."""
    years = measure.years
    if years.state == "short":
        text = Text(years.label)
        text.append(f"  {SHORT_MARK} {SHORT_DATA}", style="bold")
        return text
    if years.state == "unreadable":
        return Text(f"{years.label} (write each as a year, e.g. 2023/24 or 2024)", style="bold")
    return Text(years.label, style="" if years.state == "enough" else "italic")


def latest_standing(measure: Measure, name: str) -> StandingRead | None:
    """Where the team stands against one comparator in the latest period both have a figure
    for (None: no such period)."""
    comparator = measure.comparator(name)
    if comparator is None:
        return None
    for value in reversed(measure.in_year_order()):
        if comparator.value_for(value.period) is not None:
            return measure.standing(comparator, value.period)
    return None


def suggestion_text(measure: Measure) -> Text:
    """``Suggested: ▲ improving — <reason> · t takes it`` (or ``· taken``, or ``· the team
    judged otherwise``), or why none is suggested."""
    suggestion = measure.suggested_trend
    if suggestion.trend is None:
        return Text(f"No trend suggested: {suggestion.reason}", style="italic")
    text = Text("Suggested: ")
    text.append(trend_label(suggestion.trend), style="bold")
    text.append(f" — {suggestion.reason}")
    if measure.trend == suggestion.trend:
        text.append(" · taken", style="italic")
    elif measure.trend is None:
        text.append(" · t takes it", style="italic")
    else:
        text.append(" · the team judged otherwise", style="italic")
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _periods(measure: Measure) -> list[str]:
    """The team's periods and then any only a comparator has, oldest first where all are
    read as years."""
    periods = [v.period for v in measure.in_year_order()]
    for comparator in measure.comparators:
        periods += [v.period for v in comparator.values if v.period not in periods]
    reads = [read_period(p) for p in periods]
    if all(r is not None for r in reads):
        keyed = sorted(zip(reads, range(len(periods)), strict=True))
        periods = [periods[index] for _read, index in keyed]
    return list(dict.fromkeys(periods))


class MeasureCard:
    """A measure laid out for the width it is drawn at (a Rich renderable)."""

    def __init__(self, measure: Measure) -> None:
        self.measure = measure

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        measure = self.measure
        heading = Text(_one_line(measure.name), style="bold")
        if measure.unit:
            heading.append(f" · {measure.unit}", style="not bold")
        heading.append("   ")
        if measure.trend:
            heading.append(trend_label(measure.trend))
        else:
            heading.append("trend not judged", style="italic")
        yield heading
        if self._fits_a_grid():
            yield from self._grid(options.max_width)
        elif measure.values or measure.comparators:
            yield from self._as_typed()
        else:
            yield Text("no values recorded", style="italic")
        yield suggestion_text(measure)
        if measure.note:
            yield Text(measure.note, style="italic")

    def _fits_a_grid(self) -> bool:
        """Whether every period and figure is short enough for a column of its own (long
        text is written out in full instead, never cut)."""
        measure = self.measure
        values = [*measure.values, *(v for c in measure.comparators for v in c.values)]
        return bool(values) and all(
            len(v.period) <= CELL_MOST and len(_one_line(v.value)) <= CELL_MOST for v in values
        )

    def _as_typed(self) -> Iterator[Text]:
        """The figures a line a row, as typed: ``Ours: 2023: 41,200 · 2024: …``."""
        measure = self.measure
        yield years_text(measure)
        rows: list[tuple[str, list[PeriodValue], StandingRead | None]]
        rows = [(OURS, measure.in_year_order(), None)]
        rows += [
            (c.name, list(c.values), latest_standing(measure, c.name)) for c in measure.comparators
        ]
        for name, values, read in rows:
            line = Text(f"{_one_line(name)}: ", style="bold" if name == OURS else "")
            line.append(" · ".join(f"{v.period}: {_one_line(v.value)}" for v in values) or "–")
            if read is not None and read.standing is not None:
                line.append(f"  {WE_ARE} ", style="dim")
                line.append_text(standing_text(read))
            yield line

    def _grid(self, width: int) -> Iterator[Text | Table]:
        """The years the figures cover, then the figures by period: the team's, then each
        comparator's with where the team stands (the years on a line of their own when they
        do not fit above the names)."""
        measure = self.measure
        periods = _periods(measure)
        rows: list[tuple[Text, dict[str, str], Text | None]] = [
            (Text(OURS, style="bold"), {v.period: _one_line(v.value) for v in measure.values}, None)
        ]
        for comparator in measure.comparators:
            figures = {v.period: _one_line(v.value) for v in comparator.values}
            standing = standing_text(latest_standing(measure, comparator.name))
            rows.append((Text(_one_line(comparator.name)), figures, standing))
        years = years_text(measure)
        widths = {
            p: min(CELL_MOST, max(len(p), *(len(r[1].get(p, "")) for r in rows))) for p in periods
        }
        standing_width = max((r[2].cell_len for r in rows if r[2] is not None), default=0)
        if standing_width:
            standing_width = max(standing_width, len(WE_ARE))
        label = min(LABEL_MOST, max(LABEL_LEAST, years.cell_len, *(r[0].cell_len for r in rows)))
        shown = list(periods)
        extra = standing_width + GAP if standing_width else 0

        def needed(label_width: int) -> int:
            earlier = GAP + 1 if len(shown) < len(periods) else 0
            return label_width + sum(widths[p] + GAP for p in shown) + extra + earlier

        while len(shown) > 1 and needed(LABEL_LEAST) > width:
            shown.pop(0)  # the most recent years are the ones kept
        label = max(LABEL_LEAST, min(label, width - needed(0)))
        if years.cell_len > label:
            yield years
            years = Text("")
        grid = Table.grid(padding=(0, GAP, 0, 0))
        grid.add_column(width=label, no_wrap=True, overflow="ellipsis")
        earlier = len(shown) < len(periods)
        if earlier:
            grid.add_column(width=1, no_wrap=True)
        for period in shown:
            grid.add_column(
                width=widths[period], justify="right", no_wrap=True, overflow="ellipsis"
            )
        if standing_width:
            grid.add_column(no_wrap=True, overflow="ellipsis")
        header: list[Text] = [years]
        if earlier:
            header.append(Text("…", style="dim"))
        header += [Text(p, style="dim") for p in shown]
        if standing_width:
            header.append(Text(WE_ARE, style="dim"))
        grid.add_row(*header)
        for label_text, figures, where in rows:
            cells: list[Text] = [label_text]
            if earlier:
                cells.append(Text("…", style="dim"))
            cells += [Text(figures[p]) if p in figures else Text("–", style="dim") for p in shown]
            if standing_width:
                cells.append(where or Text(""))
            grid.add_row(*cells)
        yield grid
