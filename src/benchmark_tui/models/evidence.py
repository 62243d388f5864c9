"""Provides the records of the data a team looks at: measures over time, and the evidence.

Two rules of the framework live here: trends over at least three years
(:attr:`Measure.has_three_years`), and that data the service does not collect yet is recorded,
not chased on the day (:attr:`Evidence.not_collected`; it becomes a plan action).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from benchmark_tui.models.common import MAX_ITEMS, Line, Text, Trend, _Record

YEARS_ASKED = 3
"""The framework asks for trends over at least three years."""
SHORT_DATA = "fewer than three years of data"
"""What a measure with fewer than :data:`YEARS_ASKED` periods is flagged with, everywhere."""

Direction = Literal["up", "down", "level"]
"""Which way a measure's figures went, from its first value to its last."""
TREND_MARKS: dict[str, str] = {
    "improving": "▲",
    "declining": "▼",
    "stable": "=",
    "mixed": "↕",
    "up": "▲",
    "down": "▼",
    "level": "=",
}
"""The mark of the team's trend, or of the direction read from the figures."""

SourceState = Literal["reviewed", "not-collected"]
"""Where a data source stands on the Evidence step (None: neither)."""

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def figure_of(value: str) -> float | None:
    """The first number in a value as the team wrote it (``"£3.10"`` → 3.1,
    ``"41,200"`` → 41200), or None when it holds none (``"n/a"``)."""
    found = _NUMBER.search(value.replace("−", "-"))
    if found is None:
        return None
    try:
        return float(found.group().replace(",", ""))
    except ValueError:  # "1,,2" and the like: not a figure worth comparing
        return None


class PeriodValue(_Record):
    """A measure's value for one period (usually a year)."""

    period: Line
    """E.g. "2023/24" or "2024"."""
    value: Line
    """As the team wrote it: "41,200", "87%", "£3.10"."""


class Measure(_Record):
    """A measure of results looked at for a results area (e.g. "Active borrowers")."""

    name: Line
    values: list[PeriodValue] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Values over time, oldest first; the framework asks for at least three years."""
    trend: Trend | None = None
    """The direction the team reads in the values."""
    note: Text = ""
    """A trend note, for when yearly values are not to hand."""

    @property
    def periods(self) -> int:
        """How many different periods the measure has values for."""
        return len({v.period for v in self.values})

    @property
    def has_three_years(self) -> bool:
        """Whether the values cover at least three periods, as the framework asks."""
        return self.periods >= YEARS_ASKED

    @property
    def direction(self) -> Direction | None:
        """Which way the figures went from the first value to the last (None when fewer than
        two values hold a number)."""
        figures = [f for f in (figure_of(v.value) for v in self.values) if f is not None]
        if len(figures) < 2:
            return None
        first, last = figures[0], figures[-1]
        return "up" if last > first else "down" if last < first else "level"

    @property
    def trend_word(self) -> str:
        """The team's trend ("improving"), else the direction of the figures ("up"), else ""."""
        return self.trend or self.direction or ""

    @property
    def trend_mark(self) -> str:
        """▲, ▼, = or ↕ for :attr:`trend_word` ("" when there is neither)."""
        return TREND_MARKS.get(self.trend_word, "")


class Evidence(_Record):
    """The team's summary of the data relating to a characteristic."""

    summary: Text = ""
    sources_reviewed: list[Line] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Data sources looked at: the framework's recommended sources and any others."""
    not_collected: list[Line] = Field(
        default_factory=list, max_length=MAX_ITEMS, exclude_if=lambda sources: not sources
    )
    """Data sources the service does not collect yet: each can become a plan action (left out
    of the file while there are none)."""

    @model_validator(mode="after")
    def _reviewed_or_not_collected(self) -> Evidence:
        both = [s for s in self.not_collected if s in self.sources_reviewed]
        if both:
            raise ValueError(
                "a data source is either reviewed or not collected yet, not both: "
                + ", ".join(both)
            )
        return self

    def state_of(self, source: str) -> SourceState | None:
        """Whether a source was reviewed, is not collected yet, or neither (None)."""
        if source in self.sources_reviewed:
            return "reviewed"
        if source in self.not_collected:
            return "not-collected"
        return None

    def set_sources(self, reviewed: list[str], not_collected: list[str]) -> bool:
        """Record which sources were reviewed and which are not collected yet.

        Assigned in an order that never holds a source in both lists on the way.

        Returns:
            Whether anything changed.

        Raises:
            ValueError: a source is in both lists.
        """
        if reviewed == self.sources_reviewed and not_collected == self.not_collected:
            return False
        both = [s for s in not_collected if s in reviewed]
        if both:
            raise ValueError(f"reviewed and not collected yet at once: {', '.join(both)}")
        self.not_collected = [s for s in self.not_collected if s not in reviewed]
        self.sources_reviewed = list(reviewed)
        self.not_collected = list(not_collected)
        return True
