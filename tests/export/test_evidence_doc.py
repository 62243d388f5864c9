"""The findings document says which data sources are not collected yet, and which measures
have fewer than three years of data (read back from the .docx)."""

from __future__ import annotations

from benchmark_tui.models import Measure, PeriodValue


def yearly(name: str, *values: str) -> Measure:
    return Measure(
        name=name,
        values=[PeriodValue(period=str(2022 + n), value=v) for n, v in enumerate(values)],
        trend="stable",
    )


def test_sources_not_collected_are_named_with_the_evidence(session, export):
    evidence = session.record("people").evidence
    evidence.sources_reviewed = ["Performance trends relating to staff development"]
    evidence.not_collected = ["Staff surveys", "Exit interviews [/] & <b>"]
    report = export(session)
    callouts = report.paragraphs("Callout")
    expected = (
        "Not collected yet: Staff surveys; Exit interviews [/] & <b>. Starting to collect "
        "them is suggested for the improvement plan."
    )
    assert expected in callouts
    # Under the characteristic's Evidence heading, after the sources reviewed.
    paragraphs = report.paragraphs()
    at = paragraphs.index(expected)
    assert paragraphs[at - 1].startswith("Data sources reviewed: Performance trends")
    assert "Evidence" in paragraphs[at - 3 : at]


def test_a_characteristic_without_sources_not_collected_says_nothing_of_them(session, export):
    assert "Not collected yet" not in export(session).text()


def test_a_measure_with_fewer_than_three_years_is_flagged_in_its_table(session, export):
    session.area("outcomes").measures = [
        yearly("Visits", "41,200", "39,800", "36,600"),
        yearly("Staff survey", "61%", "58%"),
    ]
    table = export(session).tables("Measures")[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Measure", "Values, oldest first", "Values, oldest first",
                       "Values, oldest first", "Trend"]  # fmt: skip
    assert rows[1][0] == "Visits"
    assert rows[2][0] == "Staff survey"
    flag = (
        "Fewer than three years of data (2 years so far: 2022 to 2023): the framework asks "
        "for trends over at least three years."
    )
    assert rows[3] == [flag] * 5  # one cell across the table, under its measure
    assert sum(flag in r for r in rows) == 1  # Visits, with three years, is not flagged


def test_the_summary_counts_the_measures_with_fewer_than_three_years(session, export):
    session.area("outcomes").measures = [yearly("Visits", "1", "2", "3"), yearly("Loans", "4")]
    table = export(session).table("Results areas")
    data = [row.cells[2].text for row in table.rows[1:]]
    assert data[0] == "2 measures; 1 with fewer than three years of data"
    assert data[1] == "None recorded yet"


def test_the_pre_read_flags_short_measures_too(session, export):
    session.area("workforce").measures = [yearly("Staff survey", "61%", "58%")]
    text = export(session, handout=True).text()
    assert "Fewer than three years of data (2 years so far: 2022 to 2023)" in text
