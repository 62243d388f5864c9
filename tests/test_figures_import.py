"""Importing Section 1's figures before the day: CSV or Excel, long or wide, merged without ever
replacing a figure the team typed unless asked, every bad cell located, all or nothing."""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from benchmark_tui import cli_figures
from benchmark_tui.cli import main
from benchmark_tui.figures_import import apply_import, plan_import
from benchmark_tui.figures_read import FiguresFileError, read_figures
from benchmark_tui.figures_workbook import (
    LONG_HEADER,
    last_financial_years,
    write_figures_workbook,
)
from benchmark_tui.locks import SessionLock
from benchmark_tui.models import Measure, Session
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.store import load_session, save_session
from benchmark_tui.versions import list_versions

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "figures"
EXAMPLE = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"
LONG_NAME = "x" * 250


def run(*args: str, answer: str | None = None) -> int:
    """The command, as typed; ``answer`` is what the person at the terminal types (None: no
    terminal)."""
    return cli_figures.run(
        args[0], list(args[1:]), ask=lambda _question: answer or "", interactive=answer is not None
    )


@pytest.fixture
def example(tmp_path: Path, framework) -> Path:
    """The worked example, its results areas not yet agreed (as when figures are usually
    imported: agreed areas are asked about, below)."""
    return save_session(reopened(load_session(EXAMPLE, framework)), tmp_path / "ours.yaml")


@pytest.fixture
def agreed_example(tmp_path: Path) -> Path:
    """The worked example as it is: every results area agreed."""
    return Path(shutil.copy(EXAMPLE, tmp_path / "agreed.yaml"))


def reopened(session: Session) -> Session:
    for record in session.results.values():
        record.state = "in-progress"
    return session


def without_figures(session: Session, *, drop_measures: bool = False) -> Session:
    """The session with every figure removed (or every measure, with ``drop_measures``)."""
    stripped = reopened(session.model_copy(deep=True))
    for record in stripped.results.values():
        if drop_measures:
            record.measures = []
        for measure in record.measures:
            measure.values, measure.comparators = [], []
            measure.unit, measure.better = "", None
    return stripped


def with_comparators(session: Session) -> Session:
    """The example with comparators, units and which way is better, as a service would add."""
    session = session.model_copy(deep=True)
    cost = session.area("value-for-money").measures[1]
    cost.better = "lower"
    cost.comparators = [
        Comparator(
            name="CIPFA nearest neighbours (median)",
            values=[
                ComparatorValue(period="2022/23", value="£15.90"),
                ComparatorValue(period="2023/24", value="£17.20", standing="above"),
            ],
        ),
        Comparator(name="England average", values=[ComparatorValue(period="2024/25", value="n/a")]),
    ]
    visits = session.area("outcomes").measures[0]
    visits.unit, visits.better = "visits", "higher"
    return session


# -- the round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "drop_measures", [False, True], ids=["figures removed", "measures removed"]
)
@pytest.mark.parametrize("comparators", [False, True], ids=["example", "with comparators"])
def test_the_examples_figures_come_back_through_a_workbook(
    framework, tmp_path, drop_measures, comparators
):
    source = load_session(EXAMPLE, framework)
    if comparators:
        source = with_comparators(source)
    workbook = write_figures_workbook(tmp_path / "figures.xlsx", framework, source)
    target = save_session(without_figures(source, drop_measures=drop_measures), tmp_path / "t.yaml")

    assert run("import-figures", str(target), str(workbook)) == 0

    imported = load_session(target, framework)
    for area_id, record in source.results.items():
        got = imported.results[area_id].measures
        assert [m.name for m in got] == [m.name for m in record.measures]
        for mine, theirs in zip(got, record.measures, strict=True):
            assert mine.values == theirs.values
            assert (mine.unit, mine.better) == (theirs.unit, theirs.better)
            assert [c.name for c in mine.comparators] == [c.name for c in theirs.comparators]
            for a, b in zip(mine.comparators, theirs.comparators, strict=True):
                assert [(v.period, v.value) for v in a.values] == [
                    (v.period, v.value) for v in b.values
                ]
            if not drop_measures:
                assert mine == theirs.model_copy(
                    update={"comparators": mine.comparators}
                )  # trend and note kept as they were


def test_a_workbook_of_the_example_holds_numbers_where_the_figures_are_numbers(framework, tmp_path):
    workbook = write_figures_workbook(
        tmp_path / "f.xlsx", framework, load_session(EXAMPLE, framework)
    )
    sheet = load_workbook(workbook)["Figures"]
    assert [c.value for c in sheet[1]] == list(LONG_HEADER)
    rows = {  # the service's own figures (a comparator's row names the comparator)
        (r[1].value, r[2].value): r[3] for r in sheet.iter_rows(min_row=2) if r[6].value is None
    }
    visits = rows[("Physical visits (all 12 branches + mobile)", "2024/25")]
    assert (visits.value, visits.number_format) == (1068900, "#,##0")
    cost = rows[("Cost per visit (net revenue expenditure ÷ physical visits, CIPFA)", "2021/22")]
    assert (cost.value, cost.number_format) == (7.22, '"£"#,##0.00')
    percents = [cell for cell in rows.values() if cell.number_format == "0%"]
    assert percents and all(0 < cell.value <= 1 for cell in percents)  # 91% is 0.91 in Excel


# -- merging ----------------------------------------------------------------------------------


def test_a_long_csv_adds_comparators_and_a_measure_and_matches_names_loosely(framework, example):
    bare = load_session(example, framework)  # the example without its comparators
    for record in bare.results.values():
        for measure in record.measures:
            measure.comparators = []
    save_session(bare, example)
    assert run("import-figures", str(example), str(DATA / "comparators-long.csv")) == 0
    session = load_session(example, framework)
    cost = session.area("value-for-money").measures[1]
    assert cost.better == "lower"
    assert [c.name for c in cost.comparators] == [
        "CIPFA nearest neighbours (median)",
        "England average",
    ]
    cipfa = cost.comparators[0]
    assert [(v.period, v.value) for v in cipfa.values] == [
        ("2022/23", "£15.90"),
        ("2023/24", "£17.20"),
        ("2024/25", "£17.95"),
    ]
    assert cost.standing(cipfa, "2022/23").suggested == "above"
    assert [(v.period, v.value) for v in cost.values][-1] == ("2024/25", "£17.32")  # unchanged
    recommend = session.area("user-satisfaction").measures[-1]
    assert recommend.name == "Adults who would recommend the library"
    assert [v.value for v in recommend.values] == ["88%", "n/a", "91%"]  # text kept as typed
    assert recommend.comparators[0].values[0].value == "89%"


def test_a_wide_csv_reads_one_column_per_period(framework, example):
    assert run("import-figures", str(example), str(DATA / "visits-wide.csv")) == 0
    session = load_session(example, framework)
    outcomes = session.area("outcomes").measures
    members = next(m for m in outcomes if m.name == "Library memberships")
    assert members.unit == "members" and members.better == "higher"
    assert [(v.period, v.value) for v in members.values] == [
        ("2021/22", "51,200"),
        ("2022/23", "52,900"),
        ("2023-24", "55,100"),
        ("FY2025", "56,050"),
    ]
    assert members.year_count == 4
    assert [v.period for v in members.comparators[0].values] == ["2021/22", "2023-24", "FY2025"]
    visits = outcomes[0]
    assert [v.value for v in visits.values][-2:] == ["1,041,300", "1,068,900"]  # already there
    assert visits.better == "higher"


def test_excel_number_formats_give_the_unit(framework, example, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["area", "measure", "period", "value", "unit"])
    sheet.append(["1.2", "Satisfied", "2024", 0.87])
    sheet["D2"].number_format = "0%"
    sheet.append(["1.4", "Cost", "2024", 15.9, "£"])
    sheet.append(["1.4", "Spend", "2024", 1234.5])
    sheet["D4"].number_format = '"£"#,##0.00'
    sheet.append(["1.1", "Visits", date(2024, 3, 1), 41200])
    sheet.append(["1.1", "Visits", 2025, 41900.0])
    book.save(tmp_path / "f.xlsx")
    read = read_figures(tmp_path / "f.xlsx", framework)
    assert [(r.measure, r.period, r.value) for r in read.rows] == [
        ("Satisfied", "2024", "87%"),
        ("Cost", "2024", "£15.90"),
        ("Spend", "2024", "£1,234.50"),
        ("Visits", "Mar 2024", "41,200"),  # a number, written as people write it
        ("Visits", "2025", "41,900"),
    ]


def test_a_figure_the_team_typed_is_never_replaced_without_asking(
    framework, example, tmp_path, capsys
):
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "area,measure,period,value\n"
        "1.4,Net cost per head of population (CIPFA),2024/25,£17.40\n"
        "1.4,Net cost per head of population (CIPFA),2025/26,£17.80\n",
        encoding="utf-8",
    )
    before = example.read_bytes()

    assert run("import-figures", str(example), str(changed)) == 2  # nobody to ask
    assert example.read_bytes() == before
    assert "--yes" in capsys.readouterr().err

    assert run("import-figures", str(example), str(changed), answer="n") == 1
    assert example.read_bytes() == before

    assert run("import-figures", str(example), str(changed), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "1.4 · Net cost per head of population (CIPFA) · 2024/25: £17.32 → £17.40" in out
    assert "Dry run: nothing written." in out
    assert example.read_bytes() == before

    assert run("import-figures", str(example), str(changed), answer="y") == 0
    values = load_session(example, framework).area("value-for-money").measures[1].values
    assert [v.value for v in values][-2:] == ["£17.40", "£17.80"]
    assert list_versions(example)  # the file before is kept as an earlier version


def test_yes_replaces_without_asking_and_no_answer_keeps_the_teams_figure(
    framework, example, tmp_path
):
    changed = tmp_path / "changed.csv"
    changed.write_text(
        "area,measure,period,value\n1.4,Net cost per head of population (CIPFA),2024/25,£1\n",
        encoding="utf-8",
    )
    keep = load_session(example, framework)
    read = read_figures(changed, framework)
    plan = plan_import(keep, read, framework)
    assert (len(plan.added), plan.replaces) == (0, 1)
    apply_import(keep, plan, replace=False)
    assert keep.area("value-for-money").measures[1].values[-1].value == "£17.32"
    assert run("import-figures", str(example), str(changed), "--yes") == 0
    assert (
        load_session(example, framework).area("value-for-money").measures[1].values[-1].value
        == "£1"
    )


def test_the_same_figure_typed_differently_is_not_a_change(framework, example, tmp_path):
    same = tmp_path / "same.csv"
    same.write_text(
        "area,measure,period,value\n"
        "1.1,Physical visits (all 12 branches + mobile),2024-25,1068900\n",
        encoding="utf-8",
    )
    plan = plan_import(load_session(example, framework), read_figures(same, framework), framework)
    assert not plan.has_changes and len(plan.unchanged) == 1


def test_a_session_open_in_the_app_is_refused(framework, example, capsys):
    before = example.read_bytes()
    lock = SessionLock(example)
    assert lock.acquire()  # as the app does when it opens the session
    try:
        assert main(["import-figures", str(example), str(DATA / "comparators-long.csv")]) == 2
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert "open in another benchmark-tui window" in err and "Close the session in the app" in err
    assert example.read_bytes() == before


# -- twenty kinds of bad cells ----------------------------------------------------------------

BAD_CELLS = [
    # (row values: area, measure, period, value, unit, better, comparator), cell, reason
    ((None, "Visits", "2022", "1"), "A2", "no results area"),
    (("Outcomes 2", "Visits", "2022", "1"), "A3", "not a results area of this framework"),
    (("leadership", "Visits", "2022", "1"), "A4", "is a characteristic of Section 2"),
    (("1.1", None, "2022", "1"), "B5", "no measure name"),
    (("1.1", LONG_NAME, "2022", "1"), "B6", "measure name of 250 characters"),
    (("1.1", "Visits", None, "1"), "C7", "no period"),
    (("1.1", "Visits", "last year", "1"), "C8", "cannot be read as one year"),
    (("1.1", "Visits", 2023.5, "1"), "C9", "is not a year"),
    (("1.1", "Visits", "2022", "#DIV/0!"), "D10", "is an Excel error"),
    (("1.1", "Visits", "2022", True), "D11", "TRUE is a TRUE/FALSE cell"),
    (("1.1", "Visits", "2022", datetime(2024, 3, 1)), "D12", "a date, not a figure"),
    (("1.1", "Visits", "2022", "1,2,3"), "D13", "not a number as written"),
    (("1.4", "Cost", "2022", "£5", "%"), "D14", "the value is in £ but the unit column says %"),
    (("1.1", "Visits", "2022", LONG_NAME), "D15", "a value of 250 characters"),
    (("1.1", "Visits", "2022", "1", None, "up"), "F16", "write 'higher' or 'lower'"),
    (("1.1", "Visits", "2022", "1", None, None, LONG_NAME), "G17", "comparator name of 250"),
    (("1.1", "Visits", "2022", "=SUM(D2:D3)"), "D18", "is a formula, not a figure"),
    (("1.1", "Visits", "2021/22", "100"), None, None),
    (("1.1", "Visits", "2021/22", "200"), "D20", "figure given twice: '200' here, '100' in row 19"),
    (("1.1", "Loans", "2022", "5", "loans"), None, None),
    (("1.1", "Loans", "2023", "6", "issues"), "E22", "differs from 'loans' given for the same"),
    (("1.1", "Issues", "2022", "5", None, "higher"), None, None),
    (("1.1", "Issues", "2023", "6", None, "lower"), "F24", "better 'lower' differs from 'higher'"),
]


def bad_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(list(LONG_HEADER))
    for values, _cell, _reason in BAD_CELLS:
        sheet.append(list(values))
        if values[3] == "#DIV/0!":
            sheet.cell(row=sheet.max_row, column=4).data_type = "e"
        if isinstance(values[3], str) and values[3].startswith("="):
            sheet.cell(row=sheet.max_row, column=4).data_type = "s"  # typed text, not a formula
    book.create_sheet("Read me").append(["Notes for the team"])
    book.save(path)
    return path


def test_twenty_kinds_of_bad_cells_give_twenty_located_errors_and_change_nothing(
    framework, example, tmp_path, capsys
):
    workbook = bad_workbook(tmp_path / "bad.xlsx")
    before = example.read_bytes()

    assert main(["import-figures", str(example), str(workbook), "--yes"]) == 2

    err = capsys.readouterr().err
    expected = [(cell, reason) for _values, cell, reason in BAD_CELLS if cell]
    assert len(expected) == 20
    assert "20 bad cells; nothing was imported" in err
    lines = [line for line in err.splitlines() if line.startswith("bad.xlsx, sheet Figures, row")]
    assert len(lines) == 20
    for line, (cell, reason) in zip(lines, expected, strict=True):
        column, row = cell[0], cell[1:]
        assert line.startswith(f"bad.xlsx, sheet Figures, row {row}, column {column} ("), line
        assert reason in line, line
    assert example.read_bytes() == before
    assert not list_versions(example)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("area,measure,period,valeu", "unknown column 'valeu'"),
        ("area,measure,2023/24,2023/24", "period 2023/24 heads two columns"),
        ("area,measure,value", "no period column in the header"),
        ("area,measure,measure,period,value", "a second 'measure' column"),
        ("measure,period,value", "no area column"),
        ("area,measure", "no period columns"),
        ("area,measure,period,value,2024", "period columns and a 'period' column at once"),
    ],
)
def test_a_bad_header_is_located(framework, tmp_path, header, reason):
    path = tmp_path / "f.csv"
    path.write_text(header + "\n1.1,Visits,2024,1\n", encoding="utf-8")
    with pytest.raises(FiguresFileError) as raised:
        read_figures(path, framework)
    assert "f.csv, row 1, column " in raised.value.message
    assert reason in raised.value.message


def test_files_that_are_not_figures_are_refused_plainly(framework, tmp_path):
    (tmp_path / "f.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "f.xlsx").write_text("not a zip", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("hello\nworld\n", encoding="utf-8")
    for name, reason in [
        ("f.xls", "save an older .xls as .xlsx"),
        ("f.xlsx", "cannot be read as an Excel workbook"),
        ("notes.csv", "no sheet has a header row naming 'area' and 'measure'"),
        ("missing.csv", "not found"),
    ]:
        with pytest.raises(FiguresFileError, match=reason):
            read_figures(tmp_path / name, framework)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.xlsx"])
def test_a_named_pipe_given_as_figures_is_refused_without_waiting(framework, tmp_path, name):
    """Reading a pipe would wait for a writer for ever: it is refused before a byte is read."""
    os.mkfifo(tmp_path / name)
    with pytest.raises(FiguresFileError, match="a device, a pipe or a socket"):
        read_figures(tmp_path / name, framework)


def test_a_folder_given_as_figures_is_refused_plainly(framework, tmp_path):
    (tmp_path / "figures.xlsx").mkdir()
    with pytest.raises(FiguresFileError, match="figures.xlsx"):
        read_figures(tmp_path / "figures.xlsx", framework)


def test_a_csv_saved_by_excel_in_windows_1252_keeps_its_pound_signs(framework, tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("area;measure;period;value\n1.4;Cost;2024;£4.37\n".encode("cp1252"))
    (row,) = read_figures(path, framework).rows
    assert row.value == "£4.37"


# -- the template -----------------------------------------------------------------------------


def test_the_template_has_both_layouts_and_reads_back_empty(framework, tmp_path, capsys):
    target = tmp_path / "figures-template.xlsx"
    assert main(["figures-template", str(target)]) == 0
    assert capsys.readouterr().out == f"Wrote {target}\n"
    book = load_workbook(target)
    assert book.sheetnames == ["Figures", "Figures by year", "Read me"]
    read = read_figures(target, framework)
    assert [(s, layout, n) for s, layout, n in read.sheets] == [
        ("Figures", "long", 0),
        ("Figures by year", "wide", 0),
    ]
    assert read.skipped == ["Read me: no 'area' and 'measure' header"]
    assert main(["figures-template", str(target)]) == 2  # never replaced unasked
    assert "already exists" in capsys.readouterr().err
    assert main(["figures-template", str(target), "--force"]) == 0


def test_the_templates_year_columns_are_the_four_financial_years_before_today():
    assert last_financial_years(date(2026, 3, 12)) == ["2021/22", "2022/23", "2023/24", "2024/25"]
    assert last_financial_years(date(2026, 4, 1)) == ["2022/23", "2023/24", "2024/25", "2025/26"]


def test_an_empty_measure_list_imports_in_one_step_for_the_app(framework, session, tmp_path):
    """The measures step (later) calls the same three functions; the plan says it in words."""
    read = read_figures(DATA / "visits-wide.csv", framework)
    plan = plan_import(session, read, framework)
    assert plan.summary() == "Adds 9 figures (2 new measures)."
    assert plan.lines()[0] == "Read the file (wide layout): 9 figures"
    assert apply_import(session, plan, replace=False) == 2 + 9 + 3  # measures, figures, settings
    assert [m.name for m in session.area("outcomes").measures] == [
        "Library memberships",
        "Physical visits (all 12 branches + mobile)",
    ]
    assert isinstance(session.area("outcomes").measures[0], Measure)


# -- agreed results areas ---------------------------------------------------------------------


def test_an_import_into_an_agreed_area_without_a_terminal_is_refused_and_says_why(
    agreed_example, framework, capsys
):
    before = agreed_example.read_bytes()
    assert run("import-figures", str(agreed_example), str(DATA / "visits-wide.csv")) == 2
    err = capsys.readouterr().err
    assert (
        "not imported: 1.1 Desired strategic outcomes is agreed: importing changes its figures, "
        "so it will need agreeing again. Run again with --yes" in err
    )
    assert agreed_example.read_bytes() == before


def test_an_import_into_an_agreed_area_asks_and_no_writes_nothing(agreed_example, capsys):
    before = agreed_example.read_bytes()
    assert (
        run("import-figures", str(agreed_example), str(DATA / "visits-wide.csv"), answer="n") == 1
    )
    assert "Nothing written." in capsys.readouterr().out
    assert agreed_example.read_bytes() == before


@pytest.mark.parametrize("how", ["--yes", "answered y"])
def test_an_import_into_an_agreed_area_reopens_it_once_the_team_says_yes(
    agreed_example, framework, how
):
    figures = str(DATA / "visits-wide.csv")
    if how == "--yes":
        code = run("import-figures", "--yes", str(agreed_example), figures)
    else:
        code = run("import-figures", str(agreed_example), figures, answer="y")
    assert code == 0
    session = load_session(agreed_example, framework)
    assert session.area("outcomes").state == "in-progress"
    assert session.area("value-for-money").state == "agreed"  # not changed: still agreed
