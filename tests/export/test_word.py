"""Tests for the findings document: read the exported file back and check what a reader sees."""

from __future__ import annotations

from datetime import date

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from benchmark_tui.export import default_report_path, write_report
from benchmark_tui.export.styles import RATING_FILLS
from benchmark_tui.models import (
    Action,
    FrameworkRef,
    Measure,
    PeriodValue,
    ServiceInfo,
    Session,
    Workshop,
)
from benchmark_tui.store import read_session, save_session

from .conftest import FRONT_MATTER_H2, GENERATED, cell_fill, open_report, table_caption

TICK = "✓"


# --- structure ---------------------------------------------------------------------------------


def test_major_sections_are_heading_1_in_reading_order(example_report):
    assert example_report.headings(1) == [
        "How to read this report",
        "Summary",
        "Section 1: Results achieved",
        "Section 2: Characteristics of excellent library services",
        "Improvement plan",
        "Appendix: parking lot",
    ]


def test_every_results_area_and_characteristic_has_its_own_heading(framework, example_report):
    expected = [a.label for a in framework.areas] + [
        f"Characteristic {c.number}: {c.title}" for c in framework.items
    ]
    assert example_report.headings(2) == [*FRONT_MATTER_H2, *expected, "Notes on the plan"]
    assert "1.1 Desired strategic outcomes" in expected
    assert "Characteristic 3: Evidence-based decision making" in expected


def test_major_sections_start_on_a_new_page(example_report):
    starts = [
        p.paragraph_format.page_break_before
        for p in example_report.doc.paragraphs
        if example_report.style_of(p) == "Heading 1"
        # the plan and the parking lot's appendix open sections of their own (a new page)
        and p.text not in ("Improvement plan", "Appendix: parking lot")
    ]
    assert starts == [True] * 4


def test_headings_are_kept_with_the_text_that_follows(example_report):
    doc = example_report.doc
    for paragraph in doc.paragraphs:
        if example_report.style_of(paragraph).startswith("Heading"):
            assert paragraph._p.pPr.find(qn("w:keepNext")) is not None, paragraph.text


def test_contents_is_a_word_toc_field_prefilled_with_the_headings(example_report):
    body = example_report.doc.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in instructions)
    entries = example_report.paragraphs("toc 2")
    assert entries[: len(FRONT_MATTER_H2) + 1] == [
        *FRONT_MATTER_H2,
        "1.1 Desired strategic outcomes",
    ]
    assert "Characteristic 10: Review, improvement and learning" in entries
    assert "Improvement plan" in example_report.paragraphs("toc 1")
    settings = [child.tag for child in example_report.doc.settings.element]
    assert qn("w:updateFields") not in settings  # no prompt on opening (issue 22)


def test_header_names_the_service_and_footer_counts_pages(example_report):
    section = example_report.doc.sections[0]
    assert "Example Borough Libraries" in section.header.paragraphs[0].text
    footer = section.footer._element
    fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page" in section.footer.paragraphs[0].text


def test_the_improvement_plan_is_on_landscape_pages_and_the_rest_portrait(example_report):
    sections = example_report.doc.sections
    # The parking lot's appendix follows the plan, on portrait pages again.
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert sections[1].page_width > sections[1].page_height
    assert sections[0].page_width == pytest.approx(sections[1].page_height)


def test_the_default_template_gives_a4_and_arial(example_report):
    section = example_report.doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    defaults = example_report.doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == "Arial"


def test_title_page_names_service_team_framework_and_date(example_report):
    facts = {
        row.cells[0].text: row.cells[1].text
        for row in example_report.table("About this self-assessment").rows
    }
    assert facts["Scope"] == "Whole service"
    assert facts["Governance"] == "Council-run"
    assert facts["Workshop"] == "12 March 2026, 19 March 2026"
    assert facts["Facilitator"] == "Rachel Lindqvist"
    assert "Sarah Okafor — Head of Libraries & Heritage" in facts["Team"].split("\n")
    assert len(facts["Team"].split("\n")) == 8
    assert facts["Framework"] == "Benchmarking Framework, version beta-2017 (Libraries Taskforce)"
    assert facts["Generated"] == "20 March 2026"
    assert "Self-assessment findings" in example_report.paragraphs("Title")
    assert "Example Borough Libraries" in example_report.paragraphs("Subtitle")


def test_how_to_read_explains_the_scale_and_the_matrix(framework, example_report):
    scale = example_report.table("The rating scale")
    assert [(r.cells[0].text, r.cells[1].text) for r in scale.rows[1:6]] == [
        (str(p.value), p.label) for p in framework.scale
    ]
    matrix = example_report.table("The evaluation matrix")
    assert [r.cells[1].text for r in matrix.rows[1:]] == [e.question for e in framework.elements]


# --- summary -------------------------------------------------------------------------------------


def test_summary_table_holds_all_forty_ratings_in_the_right_cells(
    framework, example, example_report
):
    table = example_report.table("Agreed ratings")
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Characteristic", "Plan", "Do", "Check / act", "Impact", "Status"]
    rows = table.rows[1:]
    assert [row.cells[0].text for row in rows] == [c.label for c in framework.items]
    for characteristic, row in zip(framework.items, rows, strict=True):
        record = example.characteristics[characteristic.id]
        for column, element in enumerate(framework.elements, start=1):
            value = record.rating_for(element.id)
            assert row.cells[column].text == str(value), (characteristic.id, element.id)
            assert cell_fill(row.cells[column]) == RATING_FILLS[value]
        assert row.cells[-1].text == "Agreed"


def test_summary_says_everything_is_agreed_and_counts_findings(example_report):
    paragraphs = example_report.paragraphs()
    assert "All 14 items agreed." in paragraphs
    assert any("39 strengths and 41 areas for improvement" in p for p in paragraphs)
    areas = example_report.table("Results areas")
    by_area = {row.cells[0].text: [c.text for c in row.cells[1:]] for row in areas.rows[1:]}
    assert by_area["1.3 Workforce satisfaction, development and resilience"] == [
        "Agreed",
        "Data collection not complete",  # no data yet, but the first measures are in
        "2",
        "3",
    ]
    assert by_area["1.1 Desired strategic outcomes"][1] == "4 measures"


# --- Section 1 -----------------------------------------------------------------------------------


def test_measures_table_shows_each_value_and_trend(example_report):
    outcomes = example_report.tables("Measures")[0]
    rows = {row.cells[0].text: row for row in outcomes.rows[1:]}
    visits = rows["Physical visits (all 12 branches + mobile)\nUnit: visits"]
    assert [c.text for c in visits.cells[1:]] == [
        "2021/22\n612,400",
        "2022/23\n948,700",
        "2023/24\n1,041,300",
        "2024/25\n1,068,900",
        "Improving",
    ]
    assert any("Still about 14% below 2019/20" in text for text in rows)  # the trend note


def test_a_measure_stays_on_the_same_page_as_its_note(example_report):
    outcomes = example_report.tables("Measures")[0]
    visits, note = outcomes.rows[1], outcomes.rows[2]
    assert note.cells[0].text.startswith("Note: Still about 14% below")
    assert all(p._p.pPr.find(qn("w:keepNext")) is not None for p in visits.cells[0].paragraphs)
    borrowers = outcomes.rows[3]  # kept with its note too
    assert borrowers.cells[0].paragraphs[0]._p.pPr.find(qn("w:keepNext")) is not None
    e_loans = outcomes.rows[5]  # no note, but the one before the last: never the last alone
    assert e_loans.cells[0].paragraphs[0]._p.pPr.find(qn("w:keepNext")) is not None
    last = outcomes.rows[6]  # free to end a page
    assert last.cells[0].paragraphs[0]._p.pPr.find(qn("w:keepNext")) is None


def test_measures_sharing_their_periods_put_them_in_the_header(example_report):
    workforce = example_report.tables("Measures")[2]
    assert [c.text for c in workforce.rows[0].cells] == ["Measure", "2019", "2022", "Trend"]
    assert [c.text for c in workforce.rows[1].cells[1:]] == ["61%", "58%", "Stable"]


def test_a_long_series_of_values_wraps_onto_more_rows(session, export):
    values = [PeriodValue(period=str(2016 + i), value=f"{100 + i}") for i in range(8)]
    session.area("outcomes").measures.append(Measure(name="Visits", values=values))
    table = export(session).tables("Measures")[0]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows[0][0] == "Visits"
    assert rows[0][1:7] == [f"{2016 + i}\n{100 + i}" for i in range(6)]
    assert rows[1][1:3] == ["2022\n106", "2023\n107"]
    assert len(rows[0]) == len(rows[1]) == 8


def test_no_data_yet_with_some_measures_reads_as_data_collection_not_complete(example_report):
    callouts = example_report.paragraphs("Callout")
    assert sum(p.startswith("Data collection not complete") for p in callouts) == 1
    assert not [p for p in callouts if p.startswith("No data collected yet")]


def test_no_data_yet_without_measures_is_said_clearly(session, export):
    session.area("workforce").no_data_yet = True
    callouts = export(session).paragraphs("Callout")
    assert sum(p.startswith("No data collected yet") for p in callouts) == 1


# --- Section 2 and the findings ------------------------------------------------------------------


def test_every_strength_improvement_and_approach_is_a_bullet(framework, example, example_report):
    bullets = set(example_report.paragraphs("List Bullet"))
    expected = []
    for record in [*example.results.values(), *example.characteristics.values()]:
        expected += record.strengths + record.improvements
    for record in example.characteristics.values():
        expected += [
            a.text + (" (planned)" if a.status == "planned" else "") for a in record.approaches
        ]
    assert len(expected) > 120
    missing = [text for text in expected if text not in bullets]
    assert missing == []


def test_short_findings_lists_stay_on_one_page(example_report):
    doc = example_report.doc
    items = [p for p in doc.paragraphs if p.text.startswith("Learning from peer services")]
    before = items[0]._p.getprevious()
    assert before.pPr.find(qn("w:keepNext")) is not None  # the item above holds on to the last
    after = items[0]._p.getnext()  # the last holds on only to the line naming its actions
    assert "".join(after.itertext()).startswith("In the improvement plan: action")
    assert after.pPr is None or after.pPr.find(qn("w:keepNext")) is None  # the page may end


def test_evidence_keeps_the_teams_paragraphs(example_report):
    paragraphs = example_report.paragraphs()
    assert "Learning from elsewhere is ad hoc: it depends on who goes to which meeting." in (
        paragraphs
    )
    assert any(p.startswith("Data sources reviewed: Performance trends") for p in paragraphs)


def test_each_matrix_ticks_exactly_the_agreed_box(framework, example, example_report):
    matrices = example_report.tables("Evaluation matrix")
    assert len(matrices) == len(framework.items)
    for characteristic, table in zip(framework.items, matrices, strict=True):
        header = [cell.text for cell in table.rows[0].cells]
        assert header[1:] == [f"{p.value}\n{p.label}" for p in framework.scale]
        record = example.characteristics[characteristic.id]
        for element, row in zip(framework.elements, table.rows[1:], strict=True):
            value = record.rating_for(element.id)
            assert row.cells[0].text.startswith(f"{element.title}\n{element.question}")
            ticks = [i for i, cell in enumerate(row.cells[1:]) if cell.text == TICK]
            assert ticks == [value], (characteristic.id, element.id)
            assert cell_fill(row.cells[1 + value]) == RATING_FILLS[value]


def test_rating_notes_follow_the_matrix(example_report):
    bullets = example_report.paragraphs("List Bullet")
    assert "Check / act (0): We have no cycle for checking that our improvement methods work." in (
        bullets
    )


# --- improvement plan ----------------------------------------------------------------------------


def test_plan_table_lists_every_action_with_link_owner_due_priority_status(
    framework, example, example_report
):
    table = example_report.table("Improvement plan")
    assert [c.text for c in table.rows[0].cells] == [
        "Ref",
        "Action",
        "Linked area or characteristic",
        "Owner",
        "Due",
        "Priority",
        "Status",
    ]
    rows = table.rows[1:]
    assert len(rows) == len(example.plan.actions) == 11
    assert [row.cells[0].text for row in rows] == [f"A{n}" for n in range(1, 12)]
    first = [c.text for c in rows[0].cells[1:]]
    assert first[0].startswith("Agree a small set of library workforce measures")
    assert first[1:] == [
        "1.3 Workforce satisfaction, development and resilience",
        "Sarah Okafor, Head of Libraries & Heritage (with HR business partner)",
        "30 Oct 2026",
        "High",
        "Agreed",
    ]
    assert rows[5].cells[2].text == "7 Managing and developing people"
    assert rows[1].cells[6].text == "In progress"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    assert any("Owners to confirm due dates" in p for p in example_report.paragraphs())


def test_the_body_ends_with_a_paragraph_even_after_the_plan_table(framework, example, export):
    session = example.model_copy(deep=True)
    session.plan.notes = ""  # the plan table is then the last thing written
    body = export(session).doc.element.body
    assert [body[-2].tag, body[-1].tag] == [qn("w:p"), qn("w:sectPr")]


def test_an_empty_plan_says_it_comes_after_the_self_assessment(framework, session, export):
    report = export(session)
    assert any("built once the whole self-assessment is complete" in p for p in report.paragraphs())
    assert not [t for t in report.doc.tables if table_caption(t).startswith("Improvement plan")]


# --- exporting mid-session -----------------------------------------------------------------------


def test_a_new_empty_session_exports_and_marks_what_is_not_agreed(framework, session, export):
    report = export(session)
    assert report.headings(2)[-1] == "Characteristic 10: Review, improvement and learning"
    not_agreed = [p for p in report.paragraphs("Callout") if p.startswith("Not yet agreed")]
    assert len(not_agreed) == 14
    assert any(p.startswith("Draft: 0 of 14 items agreed") for p in report.paragraphs("Callout"))
    summary = report.table("Agreed ratings")
    assert {cell.text for row in summary.rows[1:] for cell in row.cells[1:5]} == {"–"}
    assert {row.cells[5].text for row in summary.rows[1:]} == {"Not started"}
    for table in report.tables("Evaluation matrix"):
        assert TICK not in "".join(cell.text for row in table.rows for cell in row.cells)
        assert all("Not yet rated" in row.cells[0].text for row in table.rows[1:])


def test_a_half_done_session_marks_only_the_unfinished_items(framework, session, export):
    session.set_rating("leadership", "plan", 3)
    for item_id in framework.item_ids:
        target = session.results.get(item_id) or session.characteristics[item_id]
        target.state = "agreed"
    session.characteristics["people"].state = "in-progress"
    report = export(session)
    assert [p for p in report.paragraphs("Callout") if p.startswith("Not yet agreed")] == [
        "Not yet agreed (in progress): this is the team's draft and may change."
    ]
    summary_line = next(p for p in report.paragraphs() if p.startswith("13 of 14 items agreed"))
    assert "Not yet agreed: 7 Managing and developing people." in summary_line
    leadership = report.tables("Evaluation matrix")[0]
    assert leadership.rows[1].cells[4].text == TICK
    assert "Not yet rated" in leadership.rows[2].cells[0].text


# --- text a team types ---------------------------------------------------------------------------

HOSTILE = [
    ("Tom & Jerry's <b>bold</b> \"quotes\" 'single' ]]> &amp;", None),
    ("emoji 📚🙂👩🏽‍💻 and flags 🇬🇧", None),
    ("right-to-left first: مكتبة עברית then English", None),
    ("tab\there and a\nline break", None),
    ("nul\x00 bell\x07 escape\x1b unit\x1f del\x7f c1\x85 end", "nul bell escape unit del c1 end"),
    ("lone \ud800 surrogate and non-character \ufffe", "lone  surrogate and non-character "),
]


@pytest.mark.parametrize(("typed", "shown"), HOSTILE)
def test_text_a_team_types_appears_or_is_cleanly_dropped(framework, session, export, typed, shown):
    # Appending to a list bypasses the model's own cleaning, as an in-place edit would.
    session.record("leadership").strengths.append(typed)
    measure = Measure.model_construct(name=typed, values=[], trend=None, note="")
    session.area("outcomes").measures.append(measure)
    report = export(session)
    expected = shown if shown is not None else typed
    assert expected in report.paragraphs("List Bullet")
    assert report.tables("Measures")[0].rows[1].cells[0].text == expected


def test_right_to_left_items_are_marked_right_to_left(framework, session, export):
    session.record("leadership").strengths += ["مكتبة عامة", "Library first, مكتبة second"]
    report = export(session)
    bidi = {
        p.text: p._p.pPr.find(qn("w:bidi")) is not None
        for p in report.doc.paragraphs
        if p.text in ("مكتبة عامة", "Library first, مكتبة second")
    }
    assert bidi == {"مكتبة عامة": True, "Library first, مكتبة second": False}


def test_hostile_service_name_reaches_title_header_and_properties(framework, export):
    name = 'Libraries & <Archives> "R&D" 📚'
    session = Session.new(framework, ServiceInfo(name=name), Workshop(dates=[date(2026, 1, 5)]))
    report = export(session)
    assert name in report.paragraphs("Subtitle")
    assert report.doc.sections[0].header.paragraphs[0].text == name + "\u2003DRAFT"
    assert report.doc.core_properties.title == f"{name}: Self-assessment findings"


# --- framework drift -----------------------------------------------------------------------------


def test_records_the_framework_no_longer_has_are_listed_not_dropped(
    framework, session, tmp_path, export
):
    session.framework.hash = "sha256:" + "0" * 64
    session.framework.version = "beta-2016"
    session.record("leadership").strengths = ["Kept from the old framework"]
    session.record("leadership").ratings["plan"].value = 2
    session.plan.actions.append(Action(id="a1", action="Old action", item="leadership"))
    path = tmp_path / "old.yaml"
    save_session(session, path)
    text = path.read_text(encoding="utf-8").replace("  leadership:", "  retired-item:", 1)
    text = text.replace("item: leadership", "item: retired-item")
    path.write_text(text, encoding="utf-8")
    old = read_session(path, framework).session

    report = export(old)
    assert report.headings(1)[-1] == "Appendix: records not in this framework"
    assert "Characteristic “retired-item”" in report.item_headings()
    bullets = report.paragraphs("List Bullet")
    assert "Kept from the old framework" in bullets
    assert "Rating of “plan”: 2" in bullets
    assert "Old action (linked to “retired-item”)" in bullets
    plan = report.table("Improvement plan")
    assert plan.rows[1].cells[2].text == "“retired-item” (not in this framework)"
    assert any("beta-2016" in p for p in report.paragraphs("Note"))


def test_no_appendix_when_everything_matches(example_report):
    assert not any("not in this framework" in h for h in example_report.headings(1))


# --- files ---------------------------------------------------------------------------------------


def test_export_reads_the_session_and_leaves_its_file_alone(framework, example_file, tmp_path):
    before = example_file.read_bytes()
    session = read_session(example_file, framework).session
    target = tmp_path / "out.docx"
    write_report(framework, session, target, now=GENERATED)
    assert example_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [example_file.name, "out.docx"]
    assert open_report(target).headings(1)[0] == "How to read this report"


def test_exporting_again_replaces_the_document(framework, session, tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"an older version")
    write_report(framework, session, target, now=GENERATED)
    assert open_report(target).paragraphs("Subtitle") == ["Testshire Libraries"]


def test_exporting_does_not_change_the_session(framework, example, tmp_path):
    sparse = Session(  # no records at all: the export must not add any
        framework=FrameworkRef(
            id=framework.id, version=framework.version, hash="sha256:" + "0" * 64
        ),
        service=ServiceInfo(name="Sparse"),
    )
    for n, session in enumerate((example.model_copy(deep=True), sparse)):
        before = session.model_dump()
        write_report(framework, session, tmp_path / f"out-{n}.docx", now=GENERATED)
        assert session.model_dump() == before


def test_default_report_path_is_next_to_the_session_and_named_after_its_file(example, tmp_path):
    folder = tmp_path / "sessions"
    assert default_report_path(example, folder / "ours.yaml") == folder / "ours-findings.docx"
    assert default_report_path(example, folder / "ours.yaml", handout=True) == (
        folder / "ours-pre-read.docx"
    )
    # Two sessions of the same service and date never share a document.
    assert default_report_path(example, folder / "ours-2.yaml").name == "ours-2-findings.docx"


def test_default_report_path_is_never_too_long_for_the_file_system(example, tmp_path):
    path = default_report_path(example, tmp_path / ("é" * 127 + ".yaml"))  # 254 bytes of name
    assert path.name.endswith("-findings.docx")
    assert len(path.name.encode("utf-8")) <= 255
