"""Tests for comparing sessions: over time and across libraries, the table, the CSV, bad inputs."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from benchmark_tui.compare import (
    CSV_FIELDS,
    compare_sessions,
    csv_text,
    infer_mode,
    load_sessions,
    write_csv,
)
from benchmark_tui.compare_table import render
from benchmark_tui.errors import BenchmarkError, SessionFileError
from benchmark_tui.models import Measure, PeriodValue, ServiceInfo, Session, Workshop
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.store import save_session, session_text

SESSIONS = Path(__file__).resolve().parents[1] / "sessions"
LAST_YEAR = SESSIONS / "example-borough-libraries-2025-03-13.yaml"
THIS_YEAR = SESSIONS / "example-borough-libraries-2026-03-12.yaml"
LIBRARIES = [
    SESSIONS / "example-marsh-end-community-library-2026-02-03.yaml",
    SESSIONS / "example-kingsbridge-road-community-library-2026-02-10.yaml",
    SESSIONS / "example-elmwood-village-library-2026-02-17.yaml",
]


def compared(paths, framework, mode=None):
    return compare_sessions(load_sessions(paths, framework), framework, mode)


def row_tokens(text: str, label: str, after: str) -> list[str]:
    """The cells of the row ``label`` that follows the heading ``after`` in the table."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(after))
    row = next(line for line in lines[start:] if line.strip().startswith(label))
    return row.replace(label, "", 1).split()


def library(framework, name: str, day: date, ratings: dict[str, int]) -> Session:
    session = Session.new(
        framework,
        ServiceInfo(
            name="Testshire", scope="library", library=name, governance="community-managed"
        ),
        Workshop(dates=[day]),
    )
    for element, value in ratings.items():
        session.set_rating("leadership", element, value)
    return session


# --- over time ---------------------------------------------------------------------------------


def test_the_same_service_on_two_dates_is_compared_over_time_in_date_order(framework):
    comparison = compared([THIS_YEAR, LAST_YEAR], framework)
    assert comparison.mode == "over-time"
    assert [c.key for c in comparison.columns] == ["2025", "2026"]
    assert comparison.rating(comparison.columns[0], "leadership", "do") == 2
    assert comparison.change(1, "leadership", "do").text == "▲1"
    assert comparison.change(1, "governance", "impact").text == "▼1"
    assert comparison.change(1, "leadership", "plan").text == "="


def test_over_time_columns_are_named_by_the_shortest_unique_date(framework, tmp_path):
    days = [date(2026, 3, 12), date(2026, 11, 30), date(2026, 11, 2), date(2027, 1, 1)]
    paths = [
        save_session(library(framework, "North", day, {}), tmp_path / f"s{n}.yaml")
        for n, day in enumerate(days)
    ]
    assert [c.key for c in compared(paths[:2], framework).columns] == ["2026-03", "2026-11"]
    assert [c.key for c in compared(paths[:3], framework).columns] == [
        "2026-03-12",
        "2026-11-02",
        "2026-11-30",
    ]
    assert [c.key for c in compared([paths[0], paths[3]], framework).columns] == ["2026", "2027"]


def test_over_time_cells_show_the_rating_and_the_change(framework):
    text = render(compared([LAST_YEAR, THIS_YEAR], framework))
    assert row_tokens(text, "Do", "1 Leadership") == ["2", "3", "▲1"]
    assert row_tokens(text, "Impact", "2 Governance") == ["4", "3", "▼1"]
    assert row_tokens(text, "strengths/impr.", "1 Leadership") == ["2/3", "3/3"]
    plain = render(compared([LAST_YEAR, THIS_YEAR], framework), plain=True)
    assert row_tokens(plain, "Impact", "2 Governance") == ["4", "3", "-1"]


def test_over_time_shows_how_the_previous_plan_went(framework):
    comparison = compared([LAST_YEAR, THIS_YEAR], framework)
    completion = comparison.completion(1)
    assert completion is not None
    assert completion.counts == {"done": 2, "partly": 2, "not-done": 2, "dropped": 1}
    assert "2026  2 done, 2 partly done, 2 not done, 1 dropped" in render(comparison)


# --- across libraries ---------------------------------------------------------------------------


def test_libraries_of_one_service_are_compared_across_with_the_spread(framework):
    comparison = compared(LIBRARIES, framework)
    assert comparison.mode == "across"
    assert [c.key for c in comparison.columns] == ["L1", "L2", "L3"]
    spread = comparison.spread("leadership", "impact")
    assert (spread.low, spread.median_label, spread.high, spread.lowest) == (
        1,
        "1",
        2,
        ["L1", "L3"],
    )
    text = render(comparison)
    assert row_tokens(text, "Impact", "1 Leadership") == ["1", "2", "1", "1", "1", "2", "L1,L3"]
    assert "L2    Kingsbridge Road Community Library" in text


def test_the_median_of_an_even_number_of_ratings_is_halfway(framework, tmp_path):
    paths = []
    for n, (name, value) in enumerate([("A", 1), ("B", 2), ("C", 3), ("D", 4)]):
        session = library(framework, name, date(2026, 2, 1 + n), {"plan": value})
        paths.append(save_session(session, tmp_path / f"{name}.yaml"))
    spread = compared(paths, framework).spread("leadership", "plan")
    assert (spread.median_label, spread.lowest) == ("2.5", ["L1"])
    assert compared(paths, framework).spread("leadership", "do").median_label == ""


def test_the_mode_can_be_forced(framework):
    assert compared(LIBRARIES, framework, "over-time").mode == "over-time"
    across = compared([THIS_YEAR, LAST_YEAR], framework, "across")
    assert [c.path for c in across.columns] == [LAST_YEAR, THIS_YEAR]  # in date order


@pytest.mark.parametrize("mode", [None, "across", "over-time"])
def test_the_columns_are_in_one_order_whatever_order_the_sessions_are_given(framework, mode):
    """L1 names the same library on the screen (marked order) and in the CLI (argument order)."""
    orders = [LIBRARIES, LIBRARIES[::-1], [LIBRARIES[1], LIBRARIES[2], LIBRARIES[0]]]
    names = [[c.name for c in compared(paths, framework, mode).columns] for paths in orders]
    assert names[0] == names[1] == names[2]
    assert [c.path for c in compared(LIBRARIES[::-1], framework, mode).columns] == LIBRARIES


def test_the_csv_names_l1_as_the_screen_does_whatever_the_argument_order(framework, tmp_path):
    texts = [csv_text(compared(paths, framework)) for paths in (LIBRARIES, LIBRARIES[::-1])]
    assert texts[0] == texts[1]


def test_a_session_with_nothing_rated_yet_is_named_as_an_empty_column(framework, tmp_path):
    """A freshly started next year's, picked up by a wildcard, is said, not silently blank."""
    rated = library(framework, "North", date(2026, 3, 1), {"plan": 2})
    fresh = library(framework, "North", date(2027, 3, 1), {})
    paths = [
        save_session(rated, tmp_path / "north-2026.yaml"),
        save_session(fresh, tmp_path / "north-2027.yaml"),
    ]
    comparison = compared(paths, framework)
    assert comparison.mismatches == [
        "2027: nothing rated yet in north-2027.yaml, so its column is empty — leave the "
        "file out to compare the others"
    ]
    assert "nothing rated yet in north-2027.yaml" in render(comparison)
    assert not compared(LIBRARIES, framework).mismatches


def test_the_mode_is_inferred_from_service_and_library(framework):
    a = library(framework, "North", date(2026, 1, 1), {})
    b = library(framework, "north ", date(2027, 1, 1), {})
    c = library(framework, "South", date(2027, 1, 1), {})
    assert infer_mode([a, b]) == "over-time"
    assert infer_mode([a, b, c]) == "across"


# --- the table fits the wall -----------------------------------------------------------------


def many_sessions(framework, tmp_path: Path, count: int, name: str) -> list[Path]:
    paths = []
    for n in range(count):
        session = library(framework, f"{name} {n}", date(2026, 1, 1 + n), {"plan": n % 5})
        paths.append(save_session(session, tmp_path / f"s{n}.yaml"))
    return paths


@pytest.mark.parametrize("plain", [False, True])
def test_every_line_fits_80_columns(framework, tmp_path, plain):
    long_name = "Bibliothèque 図書館 📚 ½…" + "Very Long Community Library Name " * 5
    sets = [
        [LAST_YEAR, THIS_YEAR, *LIBRARIES],
        many_sessions(framework, tmp_path, 12, long_name),
        [LAST_YEAR, THIS_YEAR],
    ]
    for paths in sets:
        for mode in ("over-time", "across"):
            text = render(compared(paths, framework, mode), plain=plain)
            wide = "".join(ch + ch if ord(ch) > 0x2E80 else ch for ch in text)  # CJK, emoji: 2
            assert max(len(line) for line in wide.splitlines()) <= 80


def test_many_sessions_are_shown_in_blocks_of_columns(framework, tmp_path):
    text = render(compared(many_sessions(framework, tmp_path, 12, "Lib"), framework, "across"))
    assert "(1 of 2: columns L1 to" in text and "to lowest)" in text
    assert text.count("1 Leadership") == 2


def test_the_plain_form_is_ascii_without_box_drawing(framework, tmp_path):
    accented = many_sessions(framework, tmp_path, 2, "Bibliothèque 図書館")
    text = render(compared([LAST_YEAR, THIS_YEAR, *LIBRARIES, *accented], framework), plain=True)
    assert text.isascii()
    assert "---" in text and "Bibliotheque ??? 0" in text


# --- different framework versions ------------------------------------------------------------


def test_other_framework_versions_are_matched_by_id_and_mismatches_listed(framework, tmp_path):
    old = tmp_path / "old.yaml"
    text = THIS_YEAR.read_text(encoding="utf-8")
    text = text.replace("version: beta-2017", "version: alpha-2016", 1)
    text = text.replace("hash: sha256:ed2a", "hash: sha256:0000", 1)
    text = text.replace(
        "characteristics:\n", "characteristics:\n  old-item:\n    state: agreed\n", 1
    )
    old.write_text(text, encoding="utf-8")
    comparison = compared([LAST_YEAR, old], framework)
    assert comparison.change(1, "leadership", "do").text == "▲1"  # still matched by id
    found = " ".join(comparison.mismatches)
    assert "alpha-2016" in found and "old-item" in found
    assert "old-item" in render(comparison)


# --- the CSV ---------------------------------------------------------------------------------


def test_the_csv_is_tidy_one_row_per_session_item_and_element(framework, tmp_path):
    comparison = compared([LAST_YEAR, THIS_YEAR, LIBRARIES[0]], framework, "over-time")
    target = write_csv(comparison, tmp_path / "out.csv")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads UTF-8 with its mark
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = [r for r in rows if r["section"] != "measures"]  # the measures' rows: below
    per_session = len(framework.areas) + len(framework.items) * len(framework.elements)
    assert len(rows) == 3 * per_session
    assert list(rows[0]) == CSV_FIELDS
    keys = {(r["session"], r["item_id"], r["element_id"]) for r in rows}
    assert len(keys) == len(rows)
    do = next(
        r
        for r in rows
        if r["date"] == "2026-03-12" and r["item_id"] == "leadership" and r["element_id"] == "do"
    )
    assert (do["rating"], do["change"], do["item_strengths"]) == ("3", "+1", "3")
    assert do["governance"] == "Council-run"


def test_the_csv_keeps_accents_and_line_breaks(framework, tmp_path):
    paths = many_sessions(framework, tmp_path, 2, "Bibliothèque")
    text = csv_text(compared(paths, framework))
    assert "Bibliothèque 0" in text
    assert text.count("\r\n") == 1 + 2 * 44


def test_the_csv_never_replaces_a_session_compared(framework, tmp_path):
    paths = [shutil.copy(p, tmp_path / p.name) for p in (LAST_YEAR, THIS_YEAR)]
    paths = [Path(p) for p in paths]
    before = paths[0].read_bytes()
    with pytest.raises(BenchmarkError, match="one of the sessions"):
        write_csv(compared(paths, framework), paths[0], paths)
    assert paths[0].read_bytes() == before


# --- bad inputs ------------------------------------------------------------------------------


def test_fewer_than_two_sessions_is_refused(framework):
    with pytest.raises(BenchmarkError, match="at least two"):
        load_sessions([THIS_YEAR], framework)


def test_the_same_file_twice_is_refused(framework, tmp_path):
    copy = Path(shutil.copy(THIS_YEAR, tmp_path / "a.yaml"))
    with pytest.raises(BenchmarkError, match="given twice"):
        load_sessions([copy, tmp_path / "." / "a.yaml"], framework)


def test_an_invalid_session_gives_its_located_error(framework, session, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(session_text(session).replace("value: null", "value: 7", 1), "utf-8")
    with pytest.raises(SessionFileError) as caught:
        load_sessions([THIS_YEAR, bad], framework)
    assert f"{bad}:" in caught.value.message and "0 (Not at all) to 4" in caught.value.message


# --- Section 1: the measures themselves (issue 23) ------------------------------------------


def with_measures(framework, name: str, day: date, measures) -> Session:
    session = library(framework, name, day, {})
    session.area("value-for-money").measures = measures
    return session


def cost(name: str, *values: tuple[str, str], comparators=()) -> Measure:
    return Measure(
        name=name,
        values=[PeriodValue(period=p, value=v) for p, v in values],
        better="lower",
        trend="improving",
        comparators=list(comparators),
    )


def test_measures_in_more_than_one_session_are_compared_by_year(framework):
    comparison = compared([LAST_YEAR, THIS_YEAR], framework)
    names = [m.name for m in comparison.measures]
    assert "Physical visits (all 12 branches + mobile)" in names
    visits = next(m for m in comparison.measures if m.name.startswith("Physical visits"))
    assert visits.area_id == "outcomes"
    assert visits.periods == ["2021/22", "2022/23", "2023/24", "2024/25"]
    assert [visits.value(0, p) for p in visits.periods] == [
        "612,400",
        "948,700",
        "1,041,300",
        None,
    ]
    assert visits.value(1, "2024/25") == "1,068,900"
    assert visits.trend(1) == "improving"


def test_a_measure_in_one_session_only_is_left_out(framework, tmp_path):
    paths = [
        save_session(
            with_measures(framework, "North", date(2026, 1, 1), [cost("Cost", ("2024", "£4"))]),
            tmp_path / "n.yaml",
        ),
        save_session(
            with_measures(framework, "South", date(2026, 1, 2), [cost("Other", ("2024", "£5"))]),
            tmp_path / "s.yaml",
        ),
    ]
    assert compared(paths, framework).measures == []


def test_names_match_ignoring_case_and_spaces_and_can_be_mapped(framework, tmp_path):
    paths = [
        save_session(
            with_measures(
                framework,
                "North",
                date(2026, 1, 1),
                [cost("Cost per  visit", ("2023/24", "£4.10"))],
            ),
            tmp_path / "n.yaml",
        ),
        save_session(
            with_measures(
                framework, "South", date(2026, 1, 2), [cost("cost per visit", ("2023-24", "£4.30"))]
            ),
            tmp_path / "s.yaml",
        ),
        save_session(
            with_measures(
                framework,
                "East",
                date(2026, 1, 3),
                [cost("Net cost per visit", ("2023/24", "£3.90"))],
            ),
            tmp_path / "e.yaml",
        ),
    ]
    (matched,) = compared(paths, framework).measures
    assert [matched.value(n, "2023/24") for n in range(3)] == [
        "£4.10",
        "£4.30",
        None,
    ]  # 2023-24 is 2023/24
    mapped = compare_sessions(
        load_sessions(paths, framework),
        framework,
        same_measures={"Net cost per visit": "Cost per visit"},
    )
    (matched,) = mapped.measures
    assert [matched.value(n, "2023/24") for n in range(3)] == ["£4.10", "£4.30", "£3.90"]
    assert matched.names == ["Cost per  visit", "cost per visit", "Net cost per visit"]
    unknown = compare_sessions(
        load_sessions(paths, framework), framework, same_measures={"Nope": "Cost"}
    )
    assert any("Nope" in m for m in unknown.mismatches)


def test_comparators_are_compared_with_their_standing(framework, tmp_path):
    cipfa = Comparator(
        name="CIPFA nearest neighbours (median)",
        values=[ComparatorValue(period="2024/25", value="£4.00")],
    )
    paths = [
        save_session(
            with_measures(
                framework,
                "North",
                date(2026, 1, 1),
                [cost("Cost", ("2024/25", "£4.50"), comparators=[cipfa])],
            ),
            tmp_path / "n.yaml",
        ),
        save_session(
            with_measures(
                framework,
                "South",
                date(2026, 1, 2),
                [cost("Cost", ("2024/25", "£4.02"), comparators=[cipfa])],
            ),
            tmp_path / "s.yaml",
        ),
    ]
    comparison = compared(paths, framework, "across")
    (measure,) = comparison.measures
    assert measure.comparator_names == ["CIPFA nearest neighbours (median)"]
    assert measure.comparator_value(0, "cipfa nearest neighbours (median)", "2024/25") == "£4.00"
    assert [measure.standing(n, cipfa.name, "2024/25").standing for n in range(2)] == [
        "above",
        "in-line",
    ]
    text = render(comparison)
    assert "Section 1: measures in more than one session" in text
    assert row_tokens(text, "2024/25", "1.4 Cost") == ["£4.50", "£4.02"]
    assert row_tokens(text, "2024/25", "  CIPFA nearest") == ["£4.00", "▲", "£4.00", "="]
    plain = render(comparison, plain=True)
    assert row_tokens(plain, "2024/25", "  CIPFA nearest") == ["GBP4.00", "+", "GBP4.00", "="]


def test_the_three_community_libraries_figures_are_compared(framework):
    text = render(compared(LIBRARIES, framework))
    assert "1.1 Visits" in text and "1.4 Cost per visit" in text


def test_the_csv_has_a_row_per_session_measure_period_and_comparator(framework, tmp_path):
    comparison = compared([LAST_YEAR, THIS_YEAR], framework)
    with write_csv(comparison, tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["section"] == "measures"]
    visits = [r for r in rows if r["measure"].startswith("Physical visits")]
    assert [(r["session"], r["period"], r["value"]) for r in visits] == [
        ("2025", "2021/22", "612,400"),
        ("2025", "2022/23", "948,700"),
        ("2025", "2023/24", "1,041,300"),
        ("2026", "2021/22", "612,400"),
        ("2026", "2022/23", "948,700"),
        ("2026", "2023/24", "1,041,300"),
        ("2026", "2024/25", "1,068,900"),
    ]
    assert {r["trend"] for r in visits} == {"improving"}
    assert {r["item_id"] for r in visits} == {"outcomes"}


def test_the_command_maps_differing_measure_names(framework, tmp_path, capsys):
    from benchmark_tui.cli import main

    paths = [
        save_session(
            with_measures(
                framework, "North", date(2026, 1, 1), [cost("Cost per visit", ("2024", "£4"))]
            ),
            tmp_path / "n.yaml",
        ),
        save_session(
            with_measures(
                framework, "South", date(2026, 1, 2), [cost("Net cost per visit", ("2024", "£5"))]
            ),
            tmp_path / "s.yaml",
        ),
    ]
    assert main(["compare", *map(str, paths)]) == 0
    assert "Section 1: measures" not in capsys.readouterr().out
    assert (
        main(["compare", *map(str, paths), "--same-measure", "net cost per visit=Cost per visit"])
        == 0
    )
    assert row_tokens(capsys.readouterr().out, "2024", "1.4 Cost per visit") == ["£4", "£5"]
    assert main(["compare", *map(str, paths), "--same-measure", "no equals sign"]) == 2
    assert "NAME=OTHER NAME" in capsys.readouterr().err
