"""The yearly cycle in Word: "Since the last self-assessment" and the comparison report."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmark_tui.cli import main
from benchmark_tui.compare import compare_sessions, load_sessions
from benchmark_tui.cycle import load_previous
from benchmark_tui.export.comparison import write_comparison_report
from benchmark_tui.models import OUTCOME_LABELS
from benchmark_tui.store import read_session

from .conftest import EXAMPLE_SESSION, GENERATED, open_report, table_caption

SESSIONS = EXAMPLE_SESSION.parent
LAST_YEAR = SESSIONS / "example-borough-libraries-2025-03-13.yaml"


def test_the_findings_of_a_session_with_a_previous_one_say_what_changed(framework, example, export):
    previous = load_previous(example, EXAMPLE_SESSION, framework)
    report = export(example, previous=previous)
    assert "Since the last self-assessment" in report.headings(1)
    headings = report.headings(1)
    assert headings.index("Since the last self-assessment") == headings.index("Summary") + 1
    ratings = next(t for t in report.doc.tables if "and now, with the change" in table_caption(t))
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in ratings.rows}
    # Leadership, Do: 2 in 2025, 3 in 2026 (the example's own figures)
    before = previous.record("leadership").rating_for("do")
    after = example.record("leadership").rating_for("do")
    assert (before, after) == (2, 3)
    assert rows["1 Leadership"][1] == "2 → 3 ▲1"
    plan = next(t for t in report.doc.tables if "previous improvement plan" in table_caption(t))
    assert len(plan.rows) == 1 + len(previous.plan.actions)
    first = previous.plan.actions[0]
    review = example.plan_review[first.id]
    assert review.outcome is not None
    cells = [c.text for c in plan.rows[1].cells]
    assert cells[:2] == ["2025-A1", first.action]  # last year's reference, as last year's
    assert cells[3] == OUTCOME_LABELS[review.outcome].capitalize()
    assert cells[4] == review.note  # (names no action of this plan)


def test_without_a_previous_session_there_is_no_such_section(example, export):
    report = export(example)
    assert "Since the last self-assessment" not in report.headings(1)


def test_export_on_the_command_line_adds_the_section_and_says_when_it_cannot(tmp_path, capsys):
    folder = tmp_path / "s"
    folder.mkdir()
    this_year = Path(shutil.copy(EXAMPLE_SESSION, folder / EXAMPLE_SESSION.name))
    shutil.copy(LAST_YEAR, folder / LAST_YEAR.name)
    assert main(["export", str(this_year), "-o", str(tmp_path / "a.docx")]) == 0
    assert "Since the last self-assessment" in open_report(tmp_path / "a.docx").headings(1)
    (folder / LAST_YEAR.name).unlink()
    capsys.readouterr()
    assert main(["export", str(this_year), "-o", str(tmp_path / "b.docx")]) == 0
    err = capsys.readouterr().err
    assert LAST_YEAR.name in err and "without 'Since the last self-assessment'" in err
    assert "Since the last self-assessment" not in open_report(tmp_path / "b.docx").headings(1)


def test_the_comparison_report_over_time_has_the_ratings_then_and_now(framework, tmp_path):
    comparison = compare_sessions(load_sessions([EXAMPLE_SESSION, LAST_YEAR], framework), framework)
    target = write_comparison_report(comparison, tmp_path / "c.docx", now=GENERATED)
    report = open_report(target)
    assert report.headings(1) == ["Example Borough Libraries: over time"]
    assert "Ratings: 2025 → 2026" in report.headings(2)
    ratings = next(t for t in report.doc.tables if "in 2025 and 2026" in table_caption(t))
    rows = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in ratings.rows}
    assert rows["1 Leadership"][1] == "2 → 3 ▲1"
    assert "2026: 2 done, 2 partly done, 2 not done, 1 dropped." in report.text()


def test_compare_docx_on_the_command_line_writes_libraries_side_by_side(
    framework, tmp_path, capsys
):
    libraries = sorted(SESSIONS.glob("example-*-library-*.yaml"))
    target = tmp_path / "roll-up.docx"
    template = Path(__file__).resolve().parents[2] / "src/benchmark_tui/export/template.docx"
    args = ["compare", *map(str, libraries), "--docx", str(target), "--template", str(template)]
    assert main(args) == 0
    assert f"Wrote {target}" in capsys.readouterr().out
    report = open_report(target)
    side = next(t for t in report.doc.tables if "spread" in table_caption(t))
    header = [c.text for c in side.rows[0].cells]
    assert header == ["Characteristic", "Element", "L1", "L2", "L3", "Low", "Median", "High",
                      "Lowest"]  # fmt: skip
    sessions = sorted(  # the columns are in date order, whatever order the files are given
        (read_session(p, framework).session for p in libraries),
        key=lambda s: min(s.workshop.dates),
    )
    plan = [s.record("leadership").rating_for("plan") for s in sessions]
    first = [c.text for c in side.rows[1].cells]
    assert first[2:5] == [str(v) for v in plan]
    assert first[5] == str(min(plan)) and first[7] == str(max(plan))


def test_compare_docx_refuses_a_name_that_is_not_docx(tmp_path, capsys):
    args = ["compare", str(EXAMPLE_SESSION), str(LAST_YEAR), "--docx", str(tmp_path / "x.txt")]
    assert main(args) == 2
    assert "x.txt" in capsys.readouterr().err
