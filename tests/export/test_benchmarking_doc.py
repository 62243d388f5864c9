"""Section 1 as benchmarking in Word (issue 23): figures by year with their unit, comparators
beside them with where the service stands, the team's trend, the three-year rule counted in
years, results linked to practices, and the measures compared across sessions (read back from
the .docx)."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from benchmark_tui.compare import compare_sessions, load_sessions
from benchmark_tui.export.comparison import write_comparison_report
from benchmark_tui.export.measure import longest_word
from benchmark_tui.models import Measure, PeriodValue
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.store import read_session

from .comparators import CIPFA, ENGLAND, with_comparators
from .conftest import EXAMPLE_SESSION, GENERATED, open_report

VISITS = "Physical visits (all 12 branches + mobile)"
BORROWERS = "Active borrowers (borrowed in last 12 months)"
LIBRARIES = [
    EXAMPLE_SESSION.parent / f"example-{name}.yaml"
    for name in (
        "elmwood-village-library-2026-02-17",
        "kingsbridge-road-community-library-2026-02-10",
        "marsh-end-community-library-2026-02-03",
    )
]


def measure(name: str, *pairs: tuple[str, str], **fields) -> Measure:
    return Measure(name=name, values=[PeriodValue(period=p, value=v) for p, v in pairs], **fields)


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def benchmarked(framework, example, tmp_path_factory):
    """The worked example with comparators, exported once."""
    from benchmark_tui.export import write_report

    target = tmp_path_factory.mktemp("benchmarked") / "findings.docx"
    write_report(framework, with_comparators(example), target, now=GENERATED)
    return open_report(target)


def test_each_measure_shows_its_figures_in_year_order_with_its_unit(session, export):
    session.area("outcomes").measures = [
        measure("Visits", ("2024", "41,200"), ("2022", "36,600"), ("2023", "39,800"), unit="visits")
    ]
    rows = rows_of(export(session).tables("Measures")[0])
    assert rows[0] == ["Measure", "2022", "2023", "2024", "Trend"]
    assert rows[1] == ["Visits\nUnit: visits", "36,600", "39,800", "41,200", "—"]


def test_comparators_sit_under_the_figures_with_where_the_service_stands(benchmarked):
    rows = rows_of(benchmarked.tables("Measures")[0])
    names = [row[0] for row in rows]
    at = next(n for n, name in enumerate(names) if name.startswith(VISITS))
    assert rows[at][0] == f"{VISITS}\nUnit: visits"
    # The fixture's CIPFA figures: 8 % above ours, 1 % below, 7 % below, 1 % above.
    assert rows[at + 1] == [
        CIPFA,
        "661,392\nbelow",
        "939,213\nteam: above",  # in line by the rule (within 2 %); the team judged above
        "968,409\nabove",
        "1,079,589\nin line",
        "",
    ]
    assert rows[at + 2][:2] == [ENGLAND, "643,020\nbelow"]
    key = " ".join(benchmarked.paragraphs("Note"))
    assert key.count("Under each comparator's figure") == 1  # said once, before the areas
    assert "Under each comparator's figure, where the service's figure stands" in key
    assert "within ±2 %" in key and "“team:” marks the team's judgement" in key


def test_the_trend_is_the_teams_and_an_overruled_suggestion_is_said(benchmarked):
    rows = {row[0].split("\n")[0]: row for row in rows_of(benchmarked.tables("Measures")[0])}
    # Active borrowers: the figures suggest stable (+2.3 %); the team judged it mixed.
    assert rows[BORROWERS][-1] == "Mixed\nthe figures suggest stable"
    assert rows[VISITS][-1] == "Improving"  # the team's, as the figures suggest
    assert "Trends are the team's judgement" in " ".join(benchmarked.paragraphs("Note"))


def test_three_periods_within_one_year_are_one_year_of_data(session, export):
    session.area("outcomes").measures = [
        measure("Loans", ("Jan 2024", "3,100"), ("Feb 2024", "2,900"), ("Mar 2024", "3,300")),
        measure("Visits", ("2021/22", "1"), ("2022/23", "2"), ("2023/24", "3")),
    ]
    rows = rows_of(export(session).tables("Measures")[0])
    flags = [row[0] for row in rows if row[0].startswith("Fewer than three years")]
    assert flags == [
        "Fewer than three years of data (1 year so far: 2024): the framework asks for trends "
        "over at least three years."
    ]


def test_periods_not_read_as_years_are_said_not_guessed(session, export):
    session.area("outcomes").measures = [
        measure("Visits", ("last year", "1"), ("2023", "2"), ("2024", "3")),
    ]
    text = export(session).text()
    assert (
        "Periods not read as years ('last year'): the framework asks for trends over at least "
        "three years; give each period as a year (2024, 2023/24) or a part of one (Q1 2024)."
    ) in text
    assert "Fewer than three years" not in text


def test_the_pre_read_lists_the_comparators_to_gather_by_year(session, export):
    session.area("value-for-money").measures = [
        measure(
            "Net cost per head",
            ("FY2024", "£16.87"),  # the financial year ending in 2024: 2023/24
            ("2024-25", "£17.32"),
            comparators=[
                Comparator(
                    name=CIPFA,
                    values=[
                        ComparatorValue(period="FY2024", value="£15.90"),
                        ComparatorValue(period="2024-25", value="£17.30", standing="below"),
                    ],
                )
            ],
            unit="per head",
        )
    ]
    figures = rows_of(export(session, handout=True).table("Figures to gather"))
    assert figures[0] == ["Results area and measure", "2022/23", "2023/24", "2024/25"]
    at = next(n for n, row in enumerate(figures) if row[0].startswith("Net cost per head"))
    assert figures[at][0].startswith("Net cost per head · unit: per head")
    assert figures[at][1:] == ["☐", "£16.87", "£17.32"]
    assert figures[at + 1] == [CIPFA, "☐", "£15.90 above", "£17.30 team: below"]


def test_results_and_the_characteristics_that_explain_them_name_each_other(benchmarked):
    paragraphs = benchmarked.paragraphs()
    # The example's own links (outcomes: 9 and 6) with the fixture's added before them.
    assert (
        "Explained by the practices of: 3 Evidence-based decision making, 4 Community "
        "consultation and engagement, 6 Collaborative working and enterprise, 9 Service design, "
        "innovation and delivery."
    ) in paragraphs
    assert (
        "Results it helps explain: 1.1 Desired strategic outcomes, 1.2 User satisfaction."
    ) in paragraphs
    # Each in its own section: the characteristic's under its evidence.
    at = paragraphs.index("Results it helps explain: 1.4 Value for money.")
    above = [p for p in paragraphs[:at] if p.startswith(("Characteristic ", "Evidence"))]
    assert above[-2:] == ["Characteristic 8: Managing financial and physical resources", "Evidence"]
    assert sum(p.startswith("Explained by the practices of") for p in paragraphs) == 4


def _measures_table(report):
    return rows_of(report.table("Section 1 measures"))


def test_the_comparison_report_lines_up_the_measures_across_libraries(framework, tmp_path):
    loaded = [(path, with_comparators(s)) for path, s in load_sessions(LIBRARIES, framework)]
    comparison = compare_sessions(loaded, framework)
    report = open_report(write_comparison_report(comparison, tmp_path / "c.docx", now=GENERATED))
    assert "Section 1: measures in more than one session" in report.headings(2)
    rows = _measures_table(report)
    assert rows[0] == ["Measure and period", "L1", "L2", "L3"]
    at = rows.index(["1.1 Visits"] * 4)
    assert rows[at + 1 : at + 5] == [  # each library's own figures, in date order
        ["2022/23", "14,200", "9,800", "6,100"],
        ["2023/24", "15,100", "10,400", "5,800"],
        ["2024/25", "15,900", "10,100", "5,500"],
        ["Trend", "Improving", "Stable", "Declining"],
    ]
    assert rows[at + 5] == [CIPFA] * 4
    assert rows[at + 6] == ["2022/23", "15,336\nbelow", "10,584\nbelow", "6,588\nbelow"]
    assert "1.4 Cost per visit" in [row[0] for row in rows]


def test_the_comparison_report_over_time_has_the_measures_by_year(framework, tmp_path):
    last_year = EXAMPLE_SESSION.parent / "example-borough-libraries-2025-03-13.yaml"
    comparison = compare_sessions(load_sessions([EXAMPLE_SESSION, last_year], framework), framework)
    report = open_report(write_comparison_report(comparison, tmp_path / "c.docx", now=GENERATED))
    rows = _measures_table(report)
    assert rows[0] == ["Measure and period", "2025", "2026"]
    at = rows.index([f"1.1 {VISITS}"] * 3)
    assert rows[at + 4] == ["2024/25", "–", "1,068,900"]  # not yet there last year


def test_the_comparison_measures_columns_fit_their_figures(framework, tmp_path):
    """Six libraries with long figures: every column at least as wide as its widest figure in
    the table's font (nothing breaks inside a figure)."""
    loaded = []
    for n in range(6):
        session = read_session(LIBRARIES[0], framework).session
        session.service.name = f"Library {n}"
        session.area("outcomes").measures[0].values[0].value = "12,345,678"
        loaded.append((tmp_path / f"l{n}.yaml", with_comparators(session)))
    comparison = compare_sessions(loaded, framework, mode="across")
    report = open_report(write_comparison_report(comparison, tmp_path / "c.docx", now=GENERATED))
    table = report.table("Section 1 measures")
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    big = next(r for r in table._tbl.iter(qn("w:r")) if r.text == "12,345,678")
    size = big.find(f"{qn('w:rPr')}/{qn('w:sz')}")
    points = int(size.get(qn("w:val"))) / 2 if size is not None else 9.5  # Table Text
    assert min(widths[1:]) >= longest_word("12,345,678", "Arial", points) * 20 + 216
