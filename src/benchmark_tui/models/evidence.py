"""Provides the records of the data a team looks at: measures over time, and the evidence.

Rules of the framework live here: trends over at least three *years*
(:attr:`Measure.has_three_years`, counting the years the periods cover, :mod:`.periods`);
results compared with external benchmarks (:class:`Comparator`, judged above, below or in line
by a stated rule the team can overrule, :mod:`.figures`); a trend suggested from the figures
that the team accepts or overrules (:attr:`Measure.suggested_trend`; the team's judgement is
:attr:`Measure.trend`); and that data the service does not collect yet is recorded, not chased
on the day (:attr:`Evidence.not_collected`; it becomes a plan action).

Every field added for Section 1 as benchmarking is left out of the file while empty, so session
files written before read and write unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from benchmark_tui.models.common import MAX_ITEMS, Line, Name, Text, Trend, _Record
from benchmark_tui.models.figures import (
    STANDING_LABELS,
    STANDING_RULE,
    Better,
    Figure,
    Standing,
    TrendSuggestion,
    read_figure,
    standing_of,
    suggest_trend,
)
from benchmark_tui.models.periods import YEARS_ASKED, YearsRead, read_period, years_of

__all__ = [
    "SHORT_DATA",
    "TREND_MARKS",
    "YEARS_ASKED",
    "Comparator",
    "ComparatorValue",
    "Direction",
    "Evidence",
    "Measure",
    "PeriodValue",
    "SourceState",
    "StandingRead",
    "figure_of",
    "same_name",
]

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


def same_name(name: str) -> str:
    """A name as names are matched: case and spacing ignored (``CIPFA  median`` = ``cipfa
    median``)."""
    return " ".join(name.split()).casefold()


class PeriodValue(_Record):
    """A measure's value for one period (usually a year)."""

    period: Line
    """E.g. "2023/24" or "2024"."""
    value: Line
    """As the team wrote it: "41,200", "87%", "£3.10"."""

    @property
    def figure(self) -> Figure | None:
        """The value as a number with its unit, when it is one (None: text, kept as typed)."""
        return read_figure(self.value)


class ComparatorValue(PeriodValue):
    """A comparator's figure for one period, and the team's judgement against it."""

    standing: Standing | None = Field(default=None, exclude_if=lambda judged: judged is None)
    """The team's judgement (above, below, in-line) when it overrules the one suggested by
    :data:`~benchmark_tui.models.figures.STANDING_RULE` (left out of the file while None)."""


class Comparator(_Record):
    """An external benchmark of a measure, e.g. "CIPFA nearest neighbours (median)"."""

    name: Line
    values: list[ComparatorValue] = Field(default_factory=list, max_length=MAX_ITEMS)
    """The comparator's figures, by period (the measure's periods, usually)."""

    @model_validator(mode="after")
    def _one_value_a_period(self) -> Comparator:
        periods = [v.period for v in self.values]
        twice = sorted({p for p in periods if periods.count(p) > 1})
        if twice:
            raise ValueError(f"{self.name}: a period given twice: {', '.join(twice)}")
        return self

    def value_for(self, period: str) -> ComparatorValue | None:
        """The comparator's figure for a period, if it has one."""
        return next((v for v in self.values if v.period == period), None)


@dataclass(frozen=True)
class StandingRead:
    """Where the team's figure stands against one comparator in one period."""

    comparator: str
    period: str
    ours: str | None
    """The team's value as typed (None: none for this period)."""
    theirs: str | None
    """The comparator's value as typed (None: none for this period)."""
    suggested: Standing | None
    """By the rule (None: a figure is missing or text, or the units differ)."""
    judged: Standing | None
    """The team's judgement, when it overruled the suggestion."""
    rule: str = STANDING_RULE

    @property
    def standing(self) -> Standing | None:
        """The team's judgement if it made one, else the suggestion."""
        return self.judged or self.suggested

    @property
    def is_overruled(self) -> bool:
        """Whether the team judged otherwise than the rule suggests."""
        return self.judged is not None and self.judged != self.suggested

    @property
    def label(self) -> str:
        """``above CIPFA nearest neighbours (median) (£16.87 v £15.90)``, or why not judged."""
        if self.ours is None or self.theirs is None:
            return f"no figure to compare with {self.comparator} for {self.period}"
        both = f"({self.ours} v {self.theirs})"
        if self.standing is None:
            ours, theirs = read_figure(self.ours), read_figure(self.theirs)
            why = "units differ" if ours and theirs else "not both numbers"
            return f"not compared with {self.comparator} {both}: {why}"
        return f"{STANDING_LABELS[self.standing]} {self.comparator} {both}"


class Measure(_Record):
    """A measure of results looked at for a results area (e.g. "Active borrowers")."""

    name: Line
    values: list[PeriodValue] = Field(default_factory=list, max_length=MAX_ITEMS)
    """Values over time, oldest first; the framework asks for at least three years."""
    trend: Trend | None = None
    """The team's judgement of the trend (offered :attr:`suggested_trend`, which it accepts or
    overrules)."""
    note: Text = ""
    """A trend note, for when yearly values are not to hand."""
    unit: Name = Field(default="", exclude_if=lambda unit: not unit)
    """What the figures count when the values do not say (``visits``, ``per 1,000
    population``); £ and % are in the values themselves (left out of the file while "")."""
    better: Better | None = Field(default=None, exclude_if=lambda better: better is None)
    """Whether higher or lower figures are better, for the suggested trend (left out of the
    file while not said)."""
    comparators: list[Comparator] = Field(
        default_factory=list, max_length=MAX_ITEMS, exclude_if=lambda found: not found
    )
    """External benchmarks of the measure (left out of the file while there are none)."""

    @model_validator(mode="after")
    def _comparators_named_once(self) -> Measure:
        names = [same_name(c.name) for c in self.comparators]
        twice = sorted({c.name for c in self.comparators if names.count(same_name(c.name)) > 1})
        if twice:
            raise ValueError(f"a comparator named twice: {', '.join(twice)}")
        return self

    @property
    def periods(self) -> int:
        """How many different periods the measure has values for (not years: see
        :attr:`years`)."""
        return len({v.period for v in self.values})

    @property
    def years(self) -> YearsRead:
        """The years the values cover, and any period that could not be read as a year."""
        return years_of([v.period for v in self.values])

    @property
    def year_count(self) -> int | None:
        """How many distinct years the values cover (None: a period is not read as a year)."""
        return self.years.count

    @property
    def has_three_years(self) -> bool:
        """Whether the values cover at least three distinct years, as the framework asks
        (False when a period cannot be read as a year: :attr:`years` says which)."""
        count = self.year_count
        return count is not None and count >= YEARS_ASKED

    def value_for(self, period: str) -> PeriodValue | None:
        """The team's value for a period, if there is one."""
        return next((v for v in self.values if v.period == period), None)

    def comparator(self, name: str) -> Comparator | None:
        """The comparator of that name (case and spacing ignored), if there is one."""
        wanted = same_name(name)
        return next((c for c in self.comparators if same_name(c.name) == wanted), None)

    def in_year_order(self) -> list[PeriodValue]:
        """The values oldest first: by the periods read as years when all can be, else as
        listed."""
        reads = [read_period(v.period) for v in self.values]
        if any(r is None for r in reads):
            return list(self.values)
        keyed = sorted(zip(reads, range(len(reads)), strict=True))
        return [self.values[index] for _read, index in keyed]

    @property
    def suggested_trend(self) -> TrendSuggestion:
        """The trend the figures suggest, with the rule and the reason in words."""
        figures = [(v.period, f) for v in self.in_year_order() if (f := v.figure) is not None]
        return suggest_trend(figures, self.better)

    @property
    def trend_overruled(self) -> bool:
        """Whether the team's trend differs from the one the figures suggest."""
        suggested = self.suggested_trend.trend
        return self.trend is not None and suggested is not None and self.trend != suggested

    def accept_suggested_trend(self) -> bool:
        """Take the suggested trend as the team's. Returns whether anything changed."""
        suggested = self.suggested_trend.trend
        if suggested is None or suggested == self.trend:
            return False
        self.trend = suggested
        return True

    def standing(self, comparator: Comparator, period: str) -> StandingRead:
        """Where the team's figure for ``period`` stands against ``comparator``'s."""
        ours, theirs = self.value_for(period), comparator.value_for(period)
        suggested = None
        if ours is not None and theirs is not None:
            ours_figure, theirs_figure = ours.figure, theirs.figure
            if ours_figure is not None and theirs_figure is not None:
                suggested = standing_of(ours_figure, theirs_figure)
        return StandingRead(
            comparator=comparator.name,
            period=period,
            ours=ours.value if ours else None,
            theirs=theirs.value if theirs else None,
            suggested=suggested,
            judged=theirs.standing if theirs else None,
        )

    def standings(self) -> list[StandingRead]:
        """Every comparator against every period both it and the team have a figure for."""
        return [
            self.standing(comparator, value.period)
            for comparator in self.comparators
            for value in comparator.values
            if self.value_for(value.period) is not None
        ]

    def judge(self, comparator: Comparator, period: str, standing: Standing | None) -> bool:
        """Record the team's judgement against a comparator (None: take the suggestion).

        Returns:
            Whether anything changed.

        Raises:
            ValueError: the comparator has no figure for that period.
        """
        value = comparator.value_for(period)
        if value is None:
            raise ValueError(f"{comparator.name} has no figure for {period}")
        if standing is not None and standing == self.standing(comparator, period).suggested:
            standing = None  # agreeing with the rule is not an overrule
        if value.standing == standing:
            return False
        value.standing = standing
        return True

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
