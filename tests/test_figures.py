"""Section 1 as benchmarking: figures with units, comparators, a trend offered for the team to
decide, and results linked to the characteristics whose practices explain them (issue 23)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from benchmark_tui.models import AreaRecord, Measure, PeriodValue, session_context
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.models.figures import (
    IN_LINE_WITHIN,
    TREND_THRESHOLD,
    figure_text,
    read_figure,
)
from benchmark_tui.store import load_session, read_session, save_session, session_text

REPO = Path(__file__).resolve().parents[1]
SESSION_FILES = sorted((REPO / "sessions").glob("*.yaml"))


def measure(*values: str, better: str | None = None, start: int = 2021) -> Measure:
    return Measure(
        name="Visits",
        values=[PeriodValue(period=str(start + n), value=v) for n, v in enumerate(values)],
        better=better,
    )


# -- values are numbers with a unit where they are numbers -----------------------------------


@pytest.mark.parametrize(
    ("typed", "number", "unit"),
    [
        ("41,200", 41200, ""),
        ("1,068,900", 1068900, ""),
        ("612400", 612400, ""),
        ("£3.10", 3.1, "£"),
        ("£182,000", 182000, "£"),
        ("-£5.20", -5.2, "£"),
        ("£-5.20", -5.2, "£"),
        ("−12", -12, ""),
        ("87%", 87, "%"),
        ("87.5 %", 87.5, "%"),
        ("0.98", 0.98, ""),
        ("$1,200.50", 1200.5, "$"),
        ("€40", 40, "€"),
        ("64", 64, ""),
    ],
)
def test_a_value_that_is_a_number_is_read_with_its_unit(typed, number, unit):
    figure = read_figure(typed)
    assert figure is not None
    assert (figure.number, figure.unit) == (number, unit)
    assert PeriodValue(period="2024", value=typed).figure == figure


@pytest.mark.parametrize(
    "typed", ["n/a", "87% (n=1,240)", "about 40,000", "1,2,3", "12,34", "£", "%", "1.2.3", "4 of 5"]
)
def test_a_value_that_is_not_a_number_is_kept_as_typed(typed):
    assert read_figure(typed) is None
    value = PeriodValue(period="2024", value=typed)
    assert value.value == typed and value.figure is None


@pytest.mark.parametrize(
    ("number", "unit", "decimals", "text"),
    [
        (41200, "", None, "41,200"),
        (15.9, "£", None, "£15.90"),
        (182000, "£", None, "£182,000"),
        (-5.2, "£", None, "-£5.20"),
        (87, "%", None, "87%"),
        (87.5, "%", None, "87.5%"),
        (0.98, "", None, "0.98"),
        (3.14159, "", 2, "3.14"),
        (1234.5, "", 0, "1,235"),
    ],
)
def test_a_figure_is_written_as_people_write_it(number, unit, decimals, text):
    assert figure_text(number, unit, decimals) == text
    assert read_figure(text).unit == unit


# -- comparators ------------------------------------------------------------------------------


def cost_per_head() -> Measure:
    return Measure(
        name="Net cost per head of population (CIPFA)",
        values=[
            PeriodValue(period="2022/23", value="£16.87"),
            PeriodValue(period="2023/24", value="£17.17"),
        ],
        better="lower",
        comparators=[
            Comparator(
                name="CIPFA nearest neighbours (median)",
                values=[
                    ComparatorValue(period="2022/23", value="£15.90"),
                    ComparatorValue(period="2023/24", value="£17.20"),
                ],
            ),
            Comparator(
                name="England average",
                values=[ComparatorValue(period="2023/24", value="£18.90")],
            ),
        ],
    )


def test_any_number_of_named_comparators_are_judged_above_below_or_in_line():
    found = cost_per_head()
    cipfa, england = found.comparators
    assert found.standing(cipfa, "2022/23").suggested == "above"  # £16.87 v £15.90: +6 %
    assert found.standing(cipfa, "2023/24").suggested == "in-line"  # £17.17 v £17.20
    assert found.standing(england, "2023/24").suggested == "below"
    assert found.standing(england, "2022/23").suggested is None  # no comparator figure
    assert "±2 %" in found.standing(cipfa, "2023/24").rule
    assert IN_LINE_WITHIN == 0.02
    label = found.standing(cipfa, "2022/23").label
    assert label == "above CIPFA nearest neighbours (median) (£16.87 v £15.90)"


def test_the_team_can_overrule_a_comparison_and_it_is_stored(framework, session, tmp_path):
    found = cost_per_head()
    cipfa = found.comparators[0]
    assert found.judge(cipfa, "2023/24", "below")
    assert found.standing(cipfa, "2023/24").judged == "below"
    assert found.standing(cipfa, "2023/24").standing == "below"
    assert found.standing(cipfa, "2023/24").is_overruled
    session.area("value-for-money").measures = [found]
    reread = load_session(save_session(session, tmp_path / "s.yaml"), framework)
    again = reread.area("value-for-money").measures[0]
    assert again.standing(again.comparators[0], "2023/24").standing == "below"
    assert again == found
    assert found.judge(cipfa, "2023/24", None)  # back to the suggestion
    assert not found.standing(cipfa, "2023/24").is_overruled


def test_units_that_differ_are_not_compared():
    found = Measure(
        name="Satisfaction",
        values=[PeriodValue(period="2024", value="87%")],
        comparators=[
            Comparator(name="England", values=[ComparatorValue(period="2024", value="£3")])
        ],
    )
    read = found.standing(found.comparators[0], "2024")
    assert read.suggested is None and "units differ" in read.label


def test_comparator_names_are_unique_on_a_measure():
    with pytest.raises(ValidationError, match="comparator named twice"):
        Measure(
            name="Visits", comparators=[Comparator(name="England"), Comparator(name="england ")]
        )


# -- a trend offered, the team decides --------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "better", "trend"),
    [
        (["100", "110", "120"], "higher", "improving"),
        (["100", "110", "120"], "lower", "declining"),
        (["£7.22", "£4.71", "£4.37"], "lower", "improving"),
        (["100", "101", "104"], "higher", "stable"),  # +4 %: within the threshold
        (["100", "101", "104"], None, "stable"),
        (["100", "130", "95", "140"], "higher", "mixed"),  # up and down by more than 5 %
        (["100", "110", "120"], None, None),  # which way is better is not said
        (["100"], "higher", None),
        (["n/a", "100"], "higher", None),
    ],
)
def test_a_trend_is_suggested_from_the_figures_with_its_rule(values, better, trend):
    suggestion = measure(*values, better=better).suggested_trend
    assert suggestion.trend == trend
    assert "±5 %" in suggestion.rule and TREND_THRESHOLD == 0.05
    assert suggestion.reason


def test_the_suggestion_states_the_change_from_the_first_year_to_the_last():
    found = Measure(
        name="Visits",
        values=[  # typed out of order: the years decide first and last
            PeriodValue(period="2024/25", value="1,068,900"),
            PeriodValue(period="2021/22", value="612,400"),
        ],
        better="higher",
    )
    assert found.suggested_trend.reason == (
        "612,400 in 2021/22 to 1,068,900 in 2024/25: +74.5 %, beyond ±5 %; higher is better"
    )


def test_the_team_accepts_or_overrules_the_suggestion_and_its_judgement_is_the_trend():
    found = measure("100", "110", "120", better="higher")
    assert found.trend is None
    assert found.accept_suggested_trend()
    assert found.trend == "improving" and not found.trend_overruled
    found.trend = "mixed"  # the team knows the definition changed
    assert found.trend_overruled
    assert found.trend == "mixed"


def test_a_suggestion_is_not_accepted_when_there_is_none():
    found = measure("100", "110", "120")
    assert not found.accept_suggested_trend()
    assert found.trend is None


# -- results linked to practices --------------------------------------------------------------


def test_a_results_area_links_to_characteristics_by_their_ids(framework, session, tmp_path):
    session.area("user-satisfaction").linked = ["service-design", "leadership"]
    session.area("outcomes").linked = ["service-design"]
    assert session.areas_linked_to("service-design") == ["outcomes", "user-satisfaction"]
    assert session.areas_linked_to("leadership") == ["user-satisfaction"]
    assert session.areas_linked_to("people") == []
    path = save_session(session, tmp_path / "s.yaml")
    assert "linked:\n    - service-design\n    - leadership" in path.read_text(encoding="utf-8")
    reread = load_session(path, framework)
    assert reread.areas_linked_to("service-design") == ["outcomes", "user-satisfaction"]


def test_a_link_must_name_a_characteristic_of_the_framework(framework):
    context = session_context(framework)
    with pytest.raises(ValidationError, match="not a characteristic of this framework"):
        AreaRecord.model_validate({"linked": ["outcomes"]}, context=context)
    with pytest.raises(ValidationError, match="linked twice"):
        AreaRecord.model_validate({"linked": ["people", "people"]}, context=context)


# -- the session file stays as it was ----------------------------------------------------------


@pytest.mark.parametrize("path", SESSION_FILES, ids=lambda p: p.name)
def test_existing_session_files_load_and_save_unchanged(framework, path, tmp_path):
    copy = Path(shutil.copy(path, tmp_path / path.name))
    loaded = read_session(copy, framework)
    assert session_text(loaded.session) == path.read_text(encoding="utf-8")


def test_new_fields_are_left_out_of_the_file_while_empty(framework, session, tmp_path):
    session.area("outcomes").measures = [measure("1", "2", "3")]
    text = save_session(session, tmp_path / "s.yaml").read_text(encoding="utf-8")
    for key in ("comparators", "better", "unit", "linked", "standing"):
        assert f"{key}:" not in text
