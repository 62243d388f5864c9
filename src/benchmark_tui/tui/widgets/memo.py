"""Provides hanging-indent rows (numbered items, bullets) that render once per width.

Textual renders a Rich renderable at least twice per layout (once to measure its height, once
to draw it), and an option list again for each style (highlighted, focused). A Rich
``Table.grid`` does the hanging indent, but measuring and rendering a table is slow, and moving
between steps and characteristics did it hundreds of times. :class:`Memo` keeps the segments of
the last few widths, so each row is laid out once per width.

Why this exists: speed alone. The ``navigation`` benchmark (``measure_navigation`` in
``benchmarks/bench_interactive.py``; figures and the profile that found it in
``benchmarks/README.md``, finding 6) walks 200 moves between steps and characteristics and
must stay under 50 ms a move; rendering list entries once per width took a step move from about
50 to 30 ms. If a Textual upgrade caches renders itself, measure that benchmark without the memo
before keeping it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

K = TypeVar("K")
V = TypeVar("V")

KEEP = 4
"""Widths remembered per renderable (a list is drawn at one or two widths)."""


class Memo:
    """A Rich renderable that renders what it wraps once per width and options, then reuses it.

    What it wraps must not change afterwards (build a new one instead), and must not depend on
    the height it is given (Rich text, tables and groups of them do not).
    """

    __slots__ = ("_measurements", "_renderable", "_segments")

    def __init__(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        self._segments: dict[tuple[object, ...], list[Segment]] = {}
        self._measurements: dict[tuple[int, int], Measurement] = {}

    @property
    def renderable(self) -> RenderableType:
        """What is drawn."""
        return self._renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Not the height: tables and text lay out the same whatever the height (Textual
        # measures with none and draws with the widget's).
        key = (
            options.min_width,
            options.max_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
            options.encoding,
            options.legacy_windows,
        )
        return _remember(
            self._segments, key, lambda: list(console.render(self._renderable, options))
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return _remember(
            self._measurements,
            (options.min_width, options.max_width),
            lambda: Measurement.get(console, options, self._renderable),
        )


def _remember(cache: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """``cache[key]``, made first if missing; the oldest of more than :data:`KEEP` goes."""
    value = cache.get(key)
    if value is None:
        value = make()
        if len(cache) >= KEEP:
            del cache[next(iter(cache))]
        cache[key] = value
    return value


def hanging_rows(
    rows: Sequence[tuple[Text, RenderableType]], *, marker_width: int, expand: bool = False
) -> Memo:
    """Rows of (marker, text), wrapped lines aligned with the text, not with the marker.

    The marker column is ``marker_width`` wide, right-aligned, followed by one space.
    """
    grid = Table.grid(padding=(0, 1, 0, 0), expand=expand)
    grid.add_column(width=marker_width, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for marker, text in rows:
        grid.add_row(marker, text)
    return Memo(grid)
