"""Provides the reading of a measure's periods as the years they cover, for the three-year rule.

The framework asks for "positive trends over at least three years". A period is read as one
year: a calendar year (``2024``), a financial year April to March (``2023/24``, ``2023-24``,
``FY2023/24``; ``FY2024`` is the financial year *ending* in 2024, i.e. 2023/24), or a part of
one (``Q1 2024``, ``Mar 2024``, ``Jan–Mar 2024``, ``H1 2024``, ``Spring 2024``, ``31 Mar 2024``,
``Q1 2024/25``, ``Oct 2023 – Mar 2024``), which counts towards the year it is part of.

Years are counted by the year they start in, so a financial year and the calendar year it
starts in are one year (2023 and 2023/24 share nine months): the count never flatters. A
period that is not one year (``last year``, ``2021-2024``) is not guessed at: it is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

YearKind = Literal["calendar", "financial"]
YearsState = Literal["none", "short", "enough", "unreadable"]
"""No periods; fewer than three years; three or more; some period not read as a year."""

YEARS_ASKED = 3
"""The framework asks for trends over at least three years."""
EARLIEST, LATEST = 1950, 2100
"""Years outside these are not taken as years (``1850``, ``99999`` are typing slips)."""
FIRST_FINANCIAL_MONTH = 4
"""A UK public-sector financial year runs from April to March."""

YEARS_RULE = (
    "Each period counts towards one year: a calendar year (2024), a financial year April–March "
    "(2023/24; FY2024 is the one ending in 2024), or a part of one (Q1 2024, Mar 2024, "
    "Jan–Mar 2024), which counts towards the year it is part of. Years are counted by the year "
    "they start in, so 2023 and 2023/24 count once."
)
"""The rule, in words, for screens, documents and help."""

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = (
    {name.casefold(): n for n, name in enumerate(MONTHS, start=1)}
    | {
        full.casefold(): n
        for n, full in enumerate(
            (
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ),
            start=1,
        )
    }
    | {"sept": 9}
)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
"""Seasons that lie within one calendar year (winter straddles two, so it is not read)."""


@dataclass(frozen=True, order=True)
class Year:
    """A year a period counts towards."""

    start: int
    """The calendar year it starts in (2023 for 2023/24)."""
    kind: YearKind = "calendar"

    @property
    def label(self) -> str:
        """``2024`` or ``2023/24``."""
        if self.kind == "calendar":
            return str(self.start)
        return f"{self.start}/{(self.start + 1) % 100:02d}"

    @property
    def first_month(self) -> int:
        """Months since year 0 of its first month (for ordering periods)."""
        return self.start * 12 + (FIRST_FINANCIAL_MONTH - 1 if self.kind == "financial" else 0)


@dataclass(frozen=True, order=True)
class ReadPeriod:
    """A period as typed, and the year it was read as (ordered by when it starts and ends)."""

    start: int
    """Months since year 0 of its first month."""
    end: int
    """Months since year 0 of its last month."""
    text: str = field(compare=False)
    """As the team typed it."""
    year: Year = field(compare=False)
    part: str = field(default="", compare=False)
    """The part of the year (``Q1``, ``Mar``, ``Jan–Mar``, ``31 Mar``); "" for the whole year."""


@dataclass(frozen=True)
class YearsRead:
    """The years a measure's periods cover."""

    years: tuple[Year, ...] = ()
    """The distinct years, oldest first."""
    unreadable: tuple[str, ...] = ()
    """Periods that could not be read as one year, as typed."""

    @property
    def count(self) -> int | None:
        """How many distinct years (None when some period could not be read as a year)."""
        return None if self.unreadable else len(self.years)

    @property
    def state(self) -> YearsState:
        """``none``, ``short``, ``enough`` or ``unreadable`` (see :data:`YearsState`)."""
        if self.unreadable:
            return "unreadable"
        if not self.years:
            return "none"
        return "enough" if len(self.years) >= YEARS_ASKED else "short"

    @property
    def label(self) -> str:
        """``3 years (2021/22 to 2023/24)``, ``1 year (2024)``, ``no periods`` or
        ``not read as years: 'last year'``."""
        if self.unreadable:
            return "not read as years: " + ", ".join(repr(p) for p in self.unreadable)
        if not self.years:
            return "no periods"
        count = len(self.years)
        span = self.years[0].label
        if count > 1:
            span += f" to {self.years[-1].label}"
        return f"{count} year{'s' if count != 1 else ''} ({span})"


def years_of(periods: list[str] | tuple[str, ...]) -> YearsRead:
    """The distinct years a list of periods covers, and the periods not read as years."""
    found: dict[int, Year] = {}
    unreadable: list[str] = []
    for text in periods:
        read = read_period(text)
        if read is None:
            if text not in unreadable:
                unreadable.append(text)
            continue
        known = found.get(read.year.start)
        if known is None or read.year < known:
            found[read.year.start] = read.year
    return YearsRead(tuple(found[start] for start in sorted(found)), tuple(unreadable))


# ---------------------------------------------------------------------------------------------
# Reading one period
# ---------------------------------------------------------------------------------------------

_DASH = r"\s*(?:[-–—/]|to)\s*"
_MONTH = r"(?P<{name}>[a-z]+)\.?"
_YEAR4 = r"(?P<{name}>\d{{4}})"
_YEAR = r"(?P<{name}>\d{{4}}|\d{{2}})"
_FY = r"(?:fy|financial\s+year)\s*"


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^{pattern}$", re.IGNORECASE)


_CALENDAR = _full(_YEAR4.format(name="y"))
_FINANCIAL = _full(rf"(?:{_FY})?{_YEAR.format(name='a')}\s*[-–—/]\s*{_YEAR.format(name='b')}")
_FY_END = _full(rf"{_FY}{_YEAR.format(name='y')}")
_QUARTER_FIRST = _full(r"(?P<p>q[1-4]|h[12])\s*[-–—,]?\s*(?P<rest>.+)")
_QUARTER_LAST = _full(r"(?P<rest>.+?)\s*[-–—,]?\s*(?P<p>q[1-4]|h[12])")
_MONTH_YEAR = _full(rf"{_MONTH.format(name='m')}\s*[-–—\s,]\s*{_YEAR.format(name='y')}")
_ISO_MONTH = _full(rf"{_YEAR4.format(name='y')}-(?P<m>\d{{1,2}})")
_NUMERIC_MONTH = _full(rf"(?P<m>\d{{1,2}})/{_YEAR4.format(name='y')}")
_MONTHS_RANGE = _full(
    rf"{_MONTH.format(name='m1')}(?:\s*{_YEAR.format(name='y1')})?{_DASH}"
    rf"{_MONTH.format(name='m2')}\s*[-–—\s,]?\s*{_YEAR.format(name='y2')}"
)
_SEASON = _full(rf"(?P<s>[a-z]+)\s*[-–—\s,]\s*{_YEAR4.format(name='y')}")
_ISO_DAY = _full(rf"{_YEAR4.format(name='y')}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})")
_UK_DAY = _full(rf"(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/{_YEAR4.format(name='y')}")
_DAY_MONTH = _full(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format(name='m')}\s+{_YEAR4.format(name='y')}"
)


def _year(text: str) -> int | None:
    """A four-digit year, or a two-digit one in this century; None outside the years taken."""
    value = int(text) + (2000 if len(text) == 2 else 0)
    return value if EARLIEST <= value <= LATEST else None


def _month(text: str) -> int | None:
    return _MONTH_NUMBERS.get(text.casefold())


@lru_cache(maxsize=4096)
def read_period(text: str) -> ReadPeriod | None:
    """Read a period as one year or a part of one (see the module); None if it is not one.

    Cached: a measure's periods are read again for every count, sort and comparison, and a
    session holds few distinct ones (the result is immutable).
    """
    cleaned = " ".join(text.replace("\u2212", "-").split())
    if not cleaned:
        return None
    for reader in (_read_year, _read_part_of_year, _read_months, _read_day):
        read = reader(cleaned)
        if read is not None:
            return read
    return None


def _whole(text: str, year: Year) -> ReadPeriod:
    return ReadPeriod(year.first_month, year.first_month + 11, text, year)


def _read_year(text: str) -> ReadPeriod | None:
    """``2024``; ``2023/24``, ``2023-2024``, ``23/24``, ``FY2023/24``; ``FY2024``."""
    if found := _CALENDAR.match(text):
        year = _year(found["y"])
        return _whole(text, Year(year)) if year else None
    if found := _FINANCIAL.match(text):
        first, second = _year(found["a"]), found["b"]
        if first is None or len(found["a"]) < len(second):
            return None
        ends = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        if len(second) == 2 and ends < first:
            ends += 100  # 1999/00
        return _whole(text, Year(first, "financial")) if ends == first + 1 else None
    if found := _FY_END.match(text):
        last = _year(found["y"])
        return _whole(text, Year(last - 1, "financial")) if last else None
    return None


def _read_part_of_year(text: str) -> ReadPeriod | None:
    """``Q1 2024``, ``2024 Q1``, ``H2 2023/24``, ``Spring 2024``."""
    found = _QUARTER_FIRST.match(text) or _QUARTER_LAST.match(text)
    if found:
        whole = _read_year(found["rest"].strip(" -–—,"))
        if whole is None:
            return None
        part = found["p"].upper()
        size = 3 if part[0] == "Q" else 6
        start = whole.start + (int(part[1]) - 1) * size
        return ReadPeriod(start, start + size - 1, text, whole.year, part)
    if (found := _SEASON.match(text)) and found["s"].casefold() in _SEASONS:
        year = _year(found["y"])
        if year is None:
            return None
        first, last = _SEASONS[found["s"].casefold()]
        return ReadPeriod(
            year * 12 + first - 1, year * 12 + last - 1, text, Year(year), found["s"].title()
        )
    return None


def _months_period(text: str, first: tuple[int, int], last: tuple[int, int]) -> ReadPeriod | None:
    """The period from month ``first`` to month ``last`` (year, month), if within one year."""
    start, end = first[0] * 12 + first[1] - 1, last[0] * 12 + last[1] - 1
    if end < start:
        return None
    for year in (Year(first[0]), Year(first[0], "financial"), Year(first[0] - 1, "financial")):
        if year.first_month <= start and end <= year.first_month + 11:
            if (start, end) == (year.first_month, year.first_month + 11):
                return ReadPeriod(start, end, text, year)
            names = MONTHS[first[1] - 1] + ("" if start == end else f"–{MONTHS[last[1] - 1]}")
            return ReadPeriod(
                start, end, text, Year(first[0]) if first[0] == last[0] else year, names
            )
    return None


def _read_months(text: str) -> ReadPeriod | None:
    """``Mar 2024``, ``2024-03``, ``03/2024``, ``Jan–Mar 2024``, ``Apr 2023 – Mar 2024``."""
    if found := _MONTH_YEAR.match(text):
        month, year = _month(found["m"]), _year(found["y"])
        return _months_period(text, (year, month), (year, month)) if month and year else None
    if found := _ISO_MONTH.match(text) or _NUMERIC_MONTH.match(text):
        month, year = int(found["m"]), _year(found["y"])
        if year is None or not 1 <= month <= 12:
            return None
        return _months_period(text, (year, month), (year, month))
    if found := _MONTHS_RANGE.match(text):
        first, last = _month(found["m1"]), _month(found["m2"])
        ends = _year(found["y2"])
        starts = _year(found["y1"]) if found["y1"] else ends
        if not (first and last and starts and ends):
            return None
        return _months_period(text, (starts, first), (ends, last))
    return None


def _read_day(text: str) -> ReadPeriod | None:
    """``2024-03-31``, ``31/03/2024``, ``31 Mar 2024``: the figure at a day (part of its year)."""
    found = _ISO_DAY.match(text) or _UK_DAY.match(text) or _DAY_MONTH.match(text)
    if not found:
        return None
    year = _year(found["y"])
    month = int(found["m"]) if found["m"].isdigit() else _month(found["m"])
    if year is None or month is None:
        return None
    try:
        day = date(year, month, int(found["d"]))
    except ValueError:
        return None
    at = year * 12 + month - 1
    return ReadPeriod(at, at, text, Year(year), f"{day.day} {MONTHS[month - 1]}")
