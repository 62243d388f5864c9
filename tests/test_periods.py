"""Periods are read as the years they cover, and the three-year rule counts years, not periods.

The framework asks for "positive trends over at least three years"; three months of one year are
one year, and a period nobody can read as a year is said to be unreadable, never guessed at.
"""

from __future__ import annotations

import pytest

from benchmark_tui.models import Measure, PeriodValue
from benchmark_tui.models.periods import Year, read_period, years_of


def measure(*periods: str) -> Measure:
    return Measure(
        name="Visits",
        values=[PeriodValue(period=p, value=str(100 + n)) for n, p in enumerate(periods)],
    )


@pytest.mark.parametrize(
    ("text", "label", "part"),
    [
        ("2024", "2024", ""),
        ("2022/23", "2022/23", ""),
        ("2023-24", "2023/24", ""),
        ("2023–24", "2023/24", ""),
        ("2023/2024", "2023/24", ""),
        ("23/24", "2023/24", ""),
        ("FY2023/24", "2023/24", ""),
        ("FY 2023-24", "2023/24", ""),
        ("FY2024", "2023/24", ""),  # a financial year named by the year it ends in
        ("fy24", "2023/24", ""),
        ("Q1 2024", "2024", "Q1"),
        ("2024 Q3", "2024", "Q3"),
        ("2024-Q2", "2024", "Q2"),
        ("Q1 2024/25", "2024/25", "Q1"),
        ("Mar 2024", "2024", "Mar"),
        ("March 2024", "2024", "Mar"),
        ("mar-24", "2024", "Mar"),
        ("2024-03", "2024", "Mar"),
        ("03/2024", "2024", "Mar"),
        ("Jan–Mar 2024", "2024", "Jan–Mar"),
        ("Jan-Mar 2024", "2024", "Jan–Mar"),
        ("January to March 2024", "2024", "Jan–Mar"),
        ("Apr 2023 – Mar 2024", "2023/24", ""),
        ("Oct 2023 - Mar 2024", "2023/24", "Oct–Mar"),
        ("Jan 2024 – Dec 2024", "2024", ""),
        ("H1 2024", "2024", "H1"),
        ("Spring 2024", "2024", "Spring"),
        ("31 Mar 2024", "2024", "31 Mar"),
        ("2024-03-31", "2024", "31 Mar"),
        ("31/03/2024", "2024", "31 Mar"),
        ("  2024  ", "2024", ""),
    ],
)
def test_a_period_is_read_as_the_year_it_covers(text, label, part):
    read = read_period(text)
    assert read is not None, text
    assert (read.year.label, read.part) == (label, part)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "last year",
        "2021-2024",  # three years, not one
        "2023/25",
        "Q5 2024",
        "Smarch 2024",
        "13/2024",
        "Oct 2023 – Jun 2024",  # neither one calendar year nor one financial year
        "2024.5",
        "31/02/2024",
        "99999",
        "1850",
    ],
)
def test_a_period_that_is_not_one_year_is_not_read(text):
    assert read_period(text) is None


def test_three_months_of_one_year_are_one_year_not_three():
    """The finding of issue 23: Jan, Feb and Mar 2024 passed as three years."""
    monthly = measure("Jan 2024", "Feb 2024", "Mar 2024")
    assert monthly.periods == 3
    assert monthly.year_count == 1
    assert not monthly.has_three_years
    assert monthly.years.label == "1 year (2024)"


@pytest.mark.parametrize(
    ("periods", "count"),
    [
        (["2021/22", "2022/23", "2023/24"], 3),
        (["FY2022", "FY2023", "FY2024"], 3),
        (["2018", "2021", "2024"], 3),
        (["Q1 2023", "Q2 2023", "Q1 2024", "Q1 2025"], 3),
        (["2022/23", "2023-24", "FY2024"], 2),  # 2023-24 and FY2024 are the same year
        # A financial year counts as the calendar year it starts in (nine of its months).
        (["2023", "2023/24", "2024/25"], 2),
        (["Apr 2023 – Mar 2024", "2024/25", "2025/26"], 3),
        ([], 0),
    ],
)
def test_the_three_year_rule_counts_distinct_years(periods, count):
    found = measure(*periods)
    assert found.year_count == count
    assert found.has_three_years is (count >= 3)


def test_periods_that_cannot_be_read_as_years_say_so_rather_than_guess():
    odd = measure("2022", "2023", "last year")
    years = odd.years
    assert years.state == "unreadable"
    assert years.unreadable == ("last year",)
    assert odd.year_count is None
    assert not odd.has_three_years
    assert years.label == "not read as years: 'last year'"


def test_the_states_of_a_measures_years():
    assert measure().years.state == "none"
    assert measure("2023", "2024").years.state == "short"
    assert measure("2022", "2023", "2024").years.state == "enough"
    assert measure("2021/22", "2022/23", "2023/24").years.label == "3 years (2021/22 to 2023/24)"


def test_years_sort_oldest_first_whatever_their_kind():
    found = years_of(["2024/25", "2022", "Q3 2023"])
    assert [y.label for y in found.years] == ["2022", "2023", "2024/25"]
    assert Year(2023, "financial") < Year(2024, "calendar")


def test_periods_sort_within_a_year():
    reads = [read_period(p) for p in ["Mar 2024", "Q1 2024", "Jan 2024", "2023"]]
    ordered = sorted(r for r in reads if r is not None)
    assert [r.text for r in ordered] == ["2023", "Jan 2024", "Q1 2024", "Mar 2024"]
