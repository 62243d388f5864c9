"""The pre-read (``benchmark-tui export SESSION --handout``): everyone's copy of the framework."""

from __future__ import annotations

from docx.oxml.ns import qn

from benchmark_tui.cli import main

from . import councils
from .conftest import open_report


def test_the_pre_read_holds_the_briefing_scale_areas_and_characteristics(
    framework, example, export
):
    report = export(example, handout=True)
    assert report.paragraphs("Title") == ["Self-assessment pre-read"]
    assert report.headings(1) == [
        "About self-assessment",
        "How the ratings work",
        "Section 1: Results achieved",
        "Section 2: Characteristics of excellent library services",
    ]
    paragraphs = report.paragraphs()
    assert framework.introduction.summary in paragraphs
    bullets = report.paragraphs("List Bullet")
    assert set(framework.methodology.steps) <= set(bullets)
    for characteristic in framework.items:
        assert f"Characteristic {characteristic.number}: {characteristic.title}" in (
            report.headings(2)
        )
        assert set(characteristic.guidance) | set(characteristic.data_sources) <= set(bullets)
    assert "Relevant guidance documentation" in report.headings(3)
    assert "Recommended data sources" in report.headings(3)


def test_the_pre_read_shows_the_measures_so_far_and_empty_matrices(framework, example, export):
    report = export(example, handout=True)
    measures = report.tables("Measures")
    assert "612,400" in [c.text.split("\n")[-1] for c in measures[0].rows[1].cells]
    blank = report.tables("Evaluation matrix, blank")
    assert len(blank) == len(framework.items)
    for table in blank:
        assert not [c.text for row in table.rows[1:] for c in row.cells[1:] if c.text]
    # Nothing the team decided: no findings, no plan, no ratings, no draft mark.
    assert "Strengths" not in report.headings(3)
    assert "Improvement plan" not in report.headings(1)
    header = report.doc.sections[0].header._element
    assert "DRAFT" not in "".join(t.text or "" for t in header.iter(qn("w:t")))


def test_the_pre_read_uses_a_councils_template(example, export, tmp_path):
    template = councils.purple(tmp_path / "purple.docx")
    report = export(example, handout=True, template=template)
    fill = report.tables("Evaluation matrix")[0].rows[0].cells[0]._tc.tcPr.find(qn("w:shd"))
    assert fill.get(qn("w:fill")) == councils.PURPLE


def test_cli_handout_goes_next_to_the_session(example_file, capsys):
    assert main(["export", str(example_file), "--handout"]) == 0
    target = example_file.with_name(example_file.stem + "-pre-read.docx")
    assert capsys.readouterr().out == f"Wrote {target}\n"
    assert open_report(target).paragraphs("Title") == ["Self-assessment pre-read"]
    assert not example_file.with_name(example_file.stem + "-findings.docx").exists()
