"""Provides pacing: the workshop's hours, a time budget per item, the time spent, the clock.

The agenda is the facilitator's plan (an edit like any other: undoable, kept in versions).
The time spent on each item is counted by :class:`Stopwatch` while the item is on screen and
the app is open; it is not a team edit (no undo step, no version of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from benchmark_tui.models.common import MAX_ITEMS, _Record
from benchmark_tui.models.records import ItemId

DEFAULT_START = time(9, 30)
DEFAULT_END = time(16, 30)
DEFAULT_BREAKS = 60
"""Minutes of lunch and breaks in a default day (09:30–16:30 less an hour: six hours)."""
MAX_BUDGET = 24 * 60
"""Longest budget one item may have, in minutes."""
SLEEP_GAP = 300.0
"""Seconds between two looks at the clock beyond which the computer is taken to have been
asleep (the app looks every second): that gap is not counted."""


_HH_MM = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?")
"""``09:30``, ``9:30`` or ``09:30:00``, in the digits 0-9."""


def _time_of_day(value: Any) -> time:
    """A time of day as the file may hold it, and nothing else.

    ``09:30`` written unquoted is read by YAML as a number in base 60 (570): half past nine
    too. A time with a UTC offset, a date and time, a fraction (``9.5``) or a true/false is
    refused here, at its line, rather than compared with a plain time later (a TypeError).
    """
    if isinstance(value, time) and value.tzinfo is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)
    if isinstance(value, str) and (found := _HH_MM.fullmatch(value.strip())):
        hours, minutes, seconds = found.groups()
        return time(int(hours), int(minutes), int(seconds or 0))
    raise PydanticCustomError(
        "time_of_day", "is not a time of day: write it as HH:MM in quotes, e.g. '09:30'"
    )


TimeOfDay = Annotated[
    time,
    BeforeValidator(_time_of_day),
    PlainSerializer(lambda when: when.strftime("%H:%M"), return_type=str),
]
"""A time of day, written ``09:30`` in the file."""


def _minutes_between(start: time, end: time) -> int:
    """Minutes from ``start`` to ``end`` on the same day."""
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class DayHours(_Record):
    """The hours of one workshop day."""

    start: TimeOfDay = DEFAULT_START
    end: TimeOfDay = DEFAULT_END
    breaks: int = Field(default=DEFAULT_BREAKS, ge=0, le=MAX_BUDGET)
    """Minutes of lunch and breaks within the day (not spent on the items)."""

    # Field validators, not one on the whole day: a problem is then located on the line of
    # the value that is wrong (``end:``, ``breaks:``), not on the day's first line.
    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, end: time, info: ValidationInfo) -> time:
        start = info.data.get("start")
        if start is not None and end <= start:
            raise ValueError(f"a workshop day must end after it starts ({start:%H:%M})")
        return end

    @field_validator("breaks")
    @classmethod
    def _breaks_within_the_day(cls, breaks: int, info: ValidationInfo) -> int:
        start, end = info.data.get("start"), info.data.get("end")
        if start is not None and end is not None:
            length = _minutes_between(start, end)
            if breaks > length:
                raise ValueError(f"the breaks are longer than the day ({length} minutes)")
        return breaks

    @property
    def length(self) -> int:
        """Minutes from start to end."""
        return _minutes_between(self.start, self.end)

    @property
    def working(self) -> int:
        """Minutes for the items: the day less its breaks."""
        return self.length - self.breaks

    @property
    def label(self) -> str:
        """``09:30–16:30, breaks 60 min``."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}, breaks {self.breaks} min"


MAX_SECONDS = 10 * 24 * 3600
Seconds = Annotated[int, Field(ge=0, le=MAX_SECONDS)]
"""Seconds spent on one item (at most ten days: a bound, so absurd files fail clearly)."""


class Agenda(_Record):
    """The workshop's hours per day and the time budget of each item, as the facilitator set.

    Days are matched to the workshop dates in order (day 1 is the earliest date); a date
    without hours of its own gets the default day. Items without a budget of their own share
    what the others leave of the days' working time, evenly.
    """

    days: list[DayHours] = Field(default_factory=list, max_length=50)
    """The hours of day 1, day 2 … (the default day where none is given)."""
    budgets: dict[ItemId, int] = Field(default_factory=dict, max_length=MAX_ITEMS)
    """Minutes for the items the facilitator budgeted by hand, keyed by item id."""

    @model_validator(mode="after")
    def _budgets_in_range(self) -> Agenda:
        for item_id, minutes in self.budgets.items():
            if not 0 < minutes <= MAX_BUDGET:
                raise ValueError(f"the budget of {item_id} must be 1 to {MAX_BUDGET} minutes")
        return self

    def hours(self, day_count: int) -> list[DayHours]:
        """The hours of each of ``day_count`` days (at least one)."""
        count = max(1, day_count)
        return [self.days[n] if n < len(self.days) else DayHours() for n in range(count)]

    def available(self, day_count: int) -> int:
        """Minutes for the items over all the days."""
        return sum(day.working for day in self.hours(day_count))

    def spread(self, item_ids: list[str], day_count: int) -> dict[str, int]:
        """Each item's budget in minutes: its own, or an even share of what is left.

        The shares are whole minutes and add up to what is left exactly (the first items
        get the odd minutes), so with no budgets set the items fill the days.
        """
        own = {i: self.budgets[i] for i in item_ids if i in self.budgets}
        rest = [i for i in item_ids if i not in own]
        left = max(0, self.available(day_count) - sum(own.values()))
        share, odd = divmod(left, len(rest)) if rest else (0, 0)
        spread = dict(own)
        for n, item_id in enumerate(rest):
            spread[item_id] = share + (1 if n < odd else 0)
        return {i: spread[i] for i in item_ids}


def clock_label(seconds: int) -> str:
    """``12:30`` (minutes and seconds), ``1:05:00`` past an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def minutes_label(seconds: int) -> str:
    """``18m`` (whole minutes, rounded down)."""
    return f"{max(0, int(seconds)) // 60}m"


@dataclass(frozen=True)
class Projection:
    """When the workshop will get through the items at the pace so far."""

    when: datetime
    """The projected finish (local time, on the day it falls on)."""
    day: int
    """Which workshop day it falls on (1-based)."""
    over: int = 0
    """Minutes past the end of the last day (0: it fits)."""

    @property
    def label(self) -> str:
        """``Projected finish: 16:10, day 1`` (``… 25 min over`` past the last day's end)."""
        said = f"Projected finish: {self.when:%H:%M}, day {self.day}"
        return f"{said}, {self.over} min over" if self.over else said


def pace(spent: dict[str, int], budgets: dict[str, int], done: set[str]) -> float:
    """Time spent per minute budgeted on the items done so far (1.0 when none is done yet)."""
    budgeted = sum(budgets.get(i, 0) for i in done)
    used = sum(spent.get(i, 0) for i in done) / 60
    return used / budgeted if budgeted and used else 1.0


def project_finish(
    agenda: Agenda,
    dates: list[date],
    budgets: dict[str, int],
    spent: dict[str, int],
    done: set[str],
    now: datetime,
) -> Projection:
    """When the items will be done: each item not yet agreed takes its budget at the pace so
    far (less what it has had already), counted from ``now`` through the days' hours.

    The breaks are spread over each day, so an hour of work in a day with an hour's lunch
    in seven takes seventy minutes of the clock.

    Args:
        agenda: the hours of the days.
        dates: the workshop dates (their order gives day 1, day 2 …).
        budgets: each item's budget in minutes (:meth:`Agenda.spread`).
        spent: seconds spent on each item so far.
        done: the items agreed.
        now: the local time now (naive). Before the workshop has started (nothing spent,
            nothing agreed) and outside the days' hours, the count starts at the first
            day's start instead: no overrun before the workshop has begun.
    """
    rate = pace(spent, budgets, done)
    remaining = 0.0
    for item_id, minutes in budgets.items():
        if item_id not in done:
            remaining += max(0.0, minutes * rate - spent.get(item_id, 0) / 60)
    now = now.replace(tzinfo=None)
    days = sorted(dates) or [now.date()]
    hours = agenda.hours(len(days))
    spans = [
        (datetime.combine(day, h.start), datetime.combine(day, h.end))
        for day, h in zip(days, hours, strict=True)
    ]
    if not done and not any(spent.values()) and not any(a <= now < b for a, b in spans):
        # Not started, and not during the workshop's hours: the plan, from the first day's
        # start. A session prepared the evening before, or opened after its dates, is not late.
        now = min(now, spans[0][0])
    for number, (day, day_hours) in enumerate(zip(days, hours, strict=True), start=1):
        start = datetime.combine(day, day_hours.start)
        end = datetime.combine(day, day_hours.end)
        begin = max(start, now)
        if remaining <= 0:
            return Projection(begin, number)
        if begin >= end:
            continue
        clock = (end - begin).total_seconds() / 60
        room = clock * day_hours.working / day_hours.length
        if 0 < remaining <= room:
            return Projection(begin + timedelta(minutes=remaining * clock / room), number)
        remaining -= room
    last = max(datetime.combine(days[-1], hours[-1].end), now)
    return Projection(last + timedelta(minutes=remaining), len(days), over=round(remaining))


STALL_LOOKS = 5.0
"""A gap between two looks this many times the usual one (and at least :data:`STALL_SECONDS`)
means the app was not running: suspended (Ctrl+Z, SIGSTOP) or asleep. It is not counted."""
STALL_SECONDS = 5.0
CLOCKS_DISAGREE = 2.0
"""Seconds by which the wall clock and the monotonic clock may differ over one gap before it is
taken as a sleep (or the wall clock being set) and not counted."""


@dataclass
class Stopwatch:
    """Counts the seconds spent on the item on screen, from a monotonic clock.

    It holds what is not yet in the session (:attr:`pending`); the app moves it there with
    :meth:`take` when the team moves on, pauses, and about once a minute.

    Only time the app was running is counted. The app looks every second, so a look long after
    the last one (many times the usual gap) means the app was not running in between: the
    process was suspended (Ctrl+Z in the terminal) or the computer slept. The monotonic clock
    runs on through a suspension, so it cannot tell one; the rhythm of the looks can. Where the
    caller also gives the wall clock, a gap over which the two clocks disagree (the monotonic
    clock stops in a sleep on some systems; the wall clock may be set) is not counted either.
    The clocks are the caller's, so tests inject them.
    """

    item: str | None = None
    """The item the time is running for (None: nothing is on screen to count for)."""
    paused: bool = False
    pending: float = 0.0
    """Seconds counted for :attr:`item` and not yet taken."""
    last: float | None = None
    """When the clock was last looked at (monotonic seconds)."""
    last_wall: float | None = None
    """The wall clock at the last look, when the caller gives it (seconds since the epoch)."""
    rhythm: float | None = None
    """The usual gap between two looks (the last one taken as the app running)."""

    def look(self, now: float, wall: float | None = None) -> None:
        """Count the time since the last look (unless paused, or the app was not running).

        Args:
            now: the monotonic clock, in seconds.
            wall: the wall clock (``time.time()``), if the caller has it: a gap over which it
                moved differently from ``now`` is not counted.
        """
        if self.last is not None:
            gap = now - self.last
            if gap > 0 and self._was_running(gap, wall):
                self.rhythm = gap
                if self.item is not None and not self.paused:
                    self.pending += gap
        self.last = now
        self.last_wall = wall

    def _was_running(self, gap: float, wall: float | None) -> bool:
        """Whether the app was running through a gap between two looks."""
        if gap > SLEEP_GAP:
            return False
        if self.rhythm is not None and gap > max(STALL_SECONDS, STALL_LOOKS * self.rhythm):
            return False
        if wall is not None and self.last_wall is not None:
            return abs((wall - self.last_wall) - gap) <= CLOCKS_DISAGREE
        return True

    def take(self) -> int:
        """The whole seconds counted and not yet taken (the fraction stays)."""
        whole = int(self.pending)
        self.pending -= whole
        return whole

    def follow(self, item: str | None, now: float) -> None:
        """Run for another item from now (take what was counted for the last one first)."""
        self.look(now)
        if item != self.item:
            self.item = item
            self.pending = 0.0
