"""What a manager notices before reading a word (issue 16): figures, references, headings,
type sizes, complex scripts, document properties, key messages, sign-off, and not replacing
another session's document."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from docx.oxml.ns import qn

from benchmark_tui.cli import main
from benchmark_tui.errors import ExportError
from benchmark_tui.export import write_report
from benchmark_tui.models import Action, Findings, Measure, PeriodValue
from benchmark_tui.store import save_session

from .conftest import GENERATED, open_report

PERIODS = ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]


def seven_digit_measures(session, count: int = 3) -> None:
    session.area("outcomes").measures = [
        Measure(
            name=f"Measure {n}",
            values=[
                PeriodValue(period=p, value=f"{1_041_300 + 37_913 * i:,}")
                for i, p in enumerate(PERIODS)
            ],
            trend="improving",
        )
        for n in range(count)
    ]


# --- figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("periods", [5, 6])
def test_seven_digit_figures_get_columns_wide_enough_never_to_break(session, export, periods):
    seven_digit_measures(session)
    for measure in session.area("outcomes").measures:
        del measure.values[periods:]
    report = export(session)
    table = report.tables("Measures")[0]
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    # "1,041,300" at 9.5 pt: nine characters of about 0.56 em, plus the cell's margins (216).
    needed = len("1,041,300") * 9.5 * 0.56 * 20 + 216
    assert all(w >= needed for w in widths[1:-1])
    assert sum(widths) <= report.doc.sections[0].page_width.twips  # and the table fits the page
    figures = [c.text for row in table.rows[1:] for c in row.cells[1:-1] if c.text]
    assert len(figures) == 3 * periods  # every value shown, none lost in the wrapping


def test_a_few_short_figures_still_head_their_columns(example_report):
    header = [c.text for c in example_report.tables("Measures")[2].rows[0].cells]
    assert header == ["Measure", "2019", "2022", "Trend"]


# --- action references -------------------------------------------------------------------------


def test_actions_have_references_used_wherever_they_are_referred_to(framework, session, export):
    session.plan.actions = [
        Action(id="a4", action="Count visitors", item="outcomes"),
        Action(id="a9", action="Ask users after a4 is done", item="leadership"),
    ]
    session.plan.notes = "a4 and a9 depend on the new counters (not on a49 or data-a4)."
    report = export(session)
    plan = report.table("Improvement plan")
    assert [r.cells[0].text for r in plan.rows[1:]] == ["A1", "A2"]
    assert plan.rows[2].cells[1].text == "Ask users after A1 is done"
    assert "A1 and A2 depend on the new counters (not on a49 or data-a4)." in report.paragraphs()
    paragraphs = report.paragraphs()
    assert "In the improvement plan: action A1." in paragraphs  # under 1.1
    assert "In the improvement plan: action A2." in paragraphs  # under Leadership


# --- headings and type sizes -------------------------------------------------------------------


def test_heading_levels_never_jump(example_report):
    levels = [
        int(example_report.style_of(p).split()[-1])
        for p in example_report.doc.paragraphs
        if example_report.style_of(p).startswith("Heading ")
    ]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


def test_notes_on_the_ratings_are_a_real_heading(example_report):
    assert "Notes on the ratings" in example_report.headings(4)


def test_no_text_is_smaller_than_9_points(example_report):
    body = example_report.doc.element.body
    sizes = [int(s) for s in body.xpath(".//w:rPr/w:sz/@w:val")]
    assert sizes and min(sizes) >= 18
    used = set(body.xpath(".//w:pStyle/@w:val"))
    styles = [s for s in example_report.doc.styles if s.style_id in used]
    assert len(styles) >= 8
    for style in styles:
        while style is not None:
            size = style.element.xpath("./w:rPr/w:sz/@w:val")
            assert not size or int(size[0]) >= 18, style.name
            style = style.base_style


def test_complex_scripts_get_the_same_size_and_bold_as_latin(example_report):
    for r_pr in example_report.doc.element.body.iter(qn("w:rPr")):
        size, size_cs = r_pr.find(qn("w:sz")), r_pr.find(qn("w:szCs"))
        if size is not None:
            assert size_cs is not None and size_cs.get(qn("w:val")) == size.get(qn("w:val"))
        if r_pr.find(qn("w:b")) is not None:
            assert r_pr.find(qn("w:bCs")) is not None
    for name in ("Heading 1", "Heading 2", "Title", "Table Text", "Note"):
        r_pr = example_report.doc.styles[name].element.rPr
        if r_pr.find(qn("w:sz")) is not None:
            assert r_pr.find(qn("w:szCs")) is not None, name
        if r_pr.find(qn("w:b")) is not None:
            assert r_pr.find(qn("w:bCs")) is not None, name


# --- properties, key messages, sign-off --------------------------------------------------------


def test_properties_name_benchmark_tui_and_claim_no_page_count(example_report):
    with zipfile.ZipFile(example_report.path) as archive:
        app = archive.read("docProps/app.xml").decode()
    assert "<Application>benchmark-tui</Application>" in app
    assert "Macintosh" not in app and "<Pages>" not in app and "<Words>" not in app
    props = example_report.doc.core_properties
    assert props.identifier.startswith("benchmark-tui session ")
    assert props.content_status == "Draft"


def test_key_messages_come_first_after_the_title_page(session, export):
    session.findings.key_messages = (
        "Leadership is strong.\n- Visits up three years running\n- No workforce data [/]\n"
    )
    report = export(session)
    assert report.headings(1)[0] == "Key messages"
    paragraphs = report.paragraphs()
    start = paragraphs.index("Key messages")
    assert paragraphs[start + 1] == "Leadership is strong."
    assert report.paragraphs("List Bullet")[:2] == [
        "Visits up three years running",
        "No workforce data [/]",
    ]
    assert paragraphs.index("Contents") > start


def test_no_key_messages_no_heading(example_report):
    assert "Key messages" not in example_report.headings(1)


def test_sign_off_is_on_the_title_page(framework, example, export):
    signed = example.model_copy(deep=True)
    signed.findings = Findings(
        status="final",
        version="1.0",
        approved_by="Jo Head, Head of Libraries",
        date_approved=date(2026, 4, 2),
        distribution="Cabinet member for culture\nAll library staff",
    )
    report = export(signed)
    facts = {r.cells[0].text: r.cells[1].text for r in report.doc.tables[0].rows}
    assert facts["Status"] == "Final"
    assert facts["Version"] == "1.0"
    assert facts["Approved by"] == "Jo Head, Head of Libraries"
    assert facts["Date approved"] == "2 April 2026"
    assert facts["Distribution"] == "Cabinet member for culture\nAll library staff"
    assert report.doc.core_properties.content_status == "Final"
    assert report.doc.core_properties.version == "1.0"


# --- another session's document ----------------------------------------------------------------


def test_another_sessions_document_is_not_replaced(framework, example, session, tmp_path):
    target = tmp_path / "findings.docx"
    write_report(framework, example, target, now=GENERATED)
    before = target.read_bytes()
    with pytest.raises(ExportError) as raised:
        write_report(framework, session, target, now=GENERATED)
    assert "holds the findings of another session" in raised.value.message
    assert "--force" in raised.value.message
    assert target.read_bytes() == before
    write_report(framework, session, target, now=GENERATED, replace=True)
    assert open_report(target).paragraphs("Subtitle") == ["Testshire Libraries"]


def test_the_same_sessions_document_is_replaced(framework, example, tmp_path):
    target = tmp_path / "findings.docx"
    write_report(framework, example, target, now=GENERATED)
    edited = example.model_copy(deep=True)
    edited.findings.key_messages = "Second export."
    write_report(framework, edited, target, now=GENERATED)
    assert "Second export." in open_report(target).paragraphs()


def test_cli_refuses_another_sessions_document_unless_forced(session, example_file, capsys):
    other = example_file.with_name("other.yaml")
    save_session(session, other)
    target = example_file.with_name("shared.docx")
    assert main(["export", str(example_file), "-o", str(target)]) == 0
    capsys.readouterr()
    assert main(["export", str(other), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "holds the findings of another session" in err and "Traceback" not in err
    assert main(["export", str(other), "-o", str(target), "--force"]) == 0
    assert open_report(target).paragraphs("Subtitle") == ["Testshire Libraries"]


def test_cli_default_name_follows_the_session_file(session, tmp_path, capsys):
    path = tmp_path / "branch-a.yaml"
    save_session(session, path)
    assert main(["export", str(path)]) == 0
    assert capsys.readouterr().out == f"Wrote {tmp_path / 'branch-a-findings.docx'}\n"


def test_guidance_and_data_sources_beside_each_characteristic_on_request(
    framework, example, export, example_report
):
    assert "Relevant guidance documentation" not in example_report.headings(3)  # off by default
    report = export(example, guidance=True)
    headings = report.headings(3)
    with_guidance = [c for c in framework.items if c.guidance]
    assert headings.count("Relevant guidance documentation") == len(with_guidance)
    bullets = set(report.paragraphs("List Bullet"))
    for characteristic in framework.items:
        assert set(characteristic.guidance) | set(characteristic.data_sources) <= bullets
    paragraphs = report.paragraphs()
    first = paragraphs.index("Characteristic 1: Leadership")
    assert paragraphs.index("Relevant guidance documentation", first) < paragraphs.index(
        "Approaches in place or planned", first
    )


def test_cli_guidance_option(example_file, capsys):
    assert main(["export", str(example_file), "--guidance"]) == 0
    target = example_file.with_name(example_file.stem + "-findings.docx")
    assert "Recommended data sources" in open_report(target).headings(3)


def test_figures_fit_when_a_councils_table_text_inherits_a_large_size(session, export, tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(14)
    document.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles[
        "Normal"
    ]
    template = tmp_path / "big.docx"
    document.save(str(template))
    seven_digit_measures(session)
    table = export(session, template=template).tables("Measures")[0]
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    needed = len("1,041,300") * 14 * 0.56 * 20 + 216
    assert all(w >= needed for w in widths[1:-1])
