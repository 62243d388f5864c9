"""The findings in a council's own template (issue 16): templates as councils really make them.

Each template is built by :mod:`tests.export.councils` with python-docx; the tests read the
exported XML back: no doubled numbers, real list paragraphs, the template's colours, the
council's header kept, DRAFT in the header while the document is a draft.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from benchmark_tui.export.styles import ACCENT, RATING_FILLS, Palette, _contrast, _rgb

from . import councils
from .conftest import FRONT_MATTER_H2, cell_fill


def numbered(paragraph) -> bool:
    """Whether Word would put a number before this paragraph (its own numPr or its style's)."""
    own = paragraph._p.pPr.find(qn("w:numPr")) if paragraph._p.pPr is not None else None
    if own is not None:
        return own.find(qn("w:numId")).get(qn("w:val")) != "0"
    style = paragraph.style
    while style is not None:
        found = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if found is not None:
            return found.get(qn("w:val")) != "0"
        style = style.base_style
    return False


# --- 1. numbered headings ----------------------------------------------------------------------


def test_a_templates_heading_numbers_are_switched_off_for_our_numbered_headings(
    example, export, tmp_path
):
    template = councils.numbered_headings(tmp_path / "numbered.docx")
    assert numbered(docx.Document(str(template)).add_paragraph("x", style="Heading 2"))
    report = export(example, template=template)

    headings = [
        p for p in report.doc.paragraphs if report.style_of(p).startswith(("Heading", "TOC"))
    ]
    assert len(headings) > 60
    assert not [p.text for p in headings if numbered(p)]  # no "3.1 1.1 Desired …"
    assert "1.1 Desired strategic outcomes" in report.item_headings()  # our own number stays
    assert "Section 1: Results achieved" in report.headings(1)
    assert report.paragraphs().count("1.1 Desired strategic outcomes") == 2  # contents, heading


def test_an_unnumbered_template_gets_no_numbering_overrides(example_report):
    assert not example_report.doc.element.body.findall(f".//{qn('w:numPr')}")


# --- 2. no list styles -------------------------------------------------------------------------


def test_without_list_styles_or_numbering_the_lists_are_real_lists(example, export, tmp_path):
    template = councils.without_list_styles(tmp_path / "plain.docx")
    assert "List Bullet" not in {s.name for s in docx.Document(str(template)).styles}
    report = export(example, template=template)
    items = report.paragraphs("List Bullet")
    assert len(items) > 150
    style = report.doc.styles["List Bullet"]
    assert numbered(report.doc.paragraphs[[p.text for p in report.doc.paragraphs].index(items[0])])
    num_id = style.element.pPr.numPr.numId.val
    numbering = report.doc.part.numbering_part.element
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    lvl = numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl')[0]
    assert lvl.find(qn("w:numFmt")).get(qn("w:val")) == "bullet"


# --- 3. colours from the template --------------------------------------------------------------


def header_fill(report) -> str:
    return cell_fill(report.table("Agreed ratings").rows[0].cells[0])


def test_a_purple_template_gives_purple_tables_labels_and_shades(example, export, tmp_path):
    report = export(example, template=councils.purple(tmp_path / "purple.docx"))
    assert header_fill(report) == councils.PURPLE
    labels = report.doc.tables[0].rows[0].cells[0]._tc.xpath(".//w:color/@w:val")
    assert labels == [councils.PURPLE]  # the title page's "Scope"
    shades = Palette.from_accent(councils.PURPLE).rating_fills
    assert shades != RATING_FILLS and shades[-1] == councils.PURPLE
    summary = report.table("Agreed ratings")
    used = {cell_fill(c) for row in summary.rows[1:] for c in row.cells[1:5]}
    assert used <= set(shades) and len(used) >= 3
    assert all(c.text.strip() for row in summary.rows[1:] for c in row.cells[1:5])  # numbers


def test_a_theme_coloured_template_gives_its_theme_accent(example, export, tmp_path):
    report = export(example, template=councils.green_theme(tmp_path / "green.docx"))
    assert header_fill(report) == councils.GREEN


def test_the_default_template_keeps_its_blue(example_report):
    assert header_fill(example_report) == ACCENT


def test_shades_step_evenly_dark_enough_for_white_text_and_distinct_in_grey():
    for accent in (councils.PURPLE, councils.GREEN, "FFD700", "00B0F0", ACCENT):
        palette = Palette.from_accent(accent)
        assert _contrast(_rgb(palette.accent), (255, 255, 255)) >= 4.5  # header text legible
        greys = [_contrast(_rgb(fill), (255, 255, 255)) for fill in palette.rating_fills]
        assert greys == sorted(greys)
        assert all(b / a > 1.1 for a, b in zip(greys, greys[1:], strict=False))
        for fill, text in zip(palette.rating_fills, palette.rating_text, strict=True):
            assert _contrast(_rgb(fill), _rgb(text)) >= 4.5


# --- 4. header text inside a table -------------------------------------------------------------


def test_text_in_a_header_table_counts_as_the_councils_header(example, export, tmp_path):
    report = export(example, template=councils.logo_in_header_table(tmp_path / "table.docx"))
    header = report.doc.sections[0].header
    assert header.tables[0].cell(0, 1).text == councils.COUNCIL + "\u2003DRAFT"  # on its line
    assert header._element.xpath(".//pic:pic")
    texts = "".join(t.text or "" for t in header._element.iter(qn("w:t")))
    assert "Example Borough Libraries" not in texts  # nothing added above their layout


# --- DRAFT --------------------------------------------------------------------------------------


def header_texts(report) -> list[str]:
    section = report.doc.sections[0]
    parts = [section.header, section.first_page_header]
    return ["".join(t.text or "" for t in part._element.iter(qn("w:t"))) for part in parts]


def test_draft_is_marked_on_every_page_while_the_status_is_draft(example_report):
    assert all("DRAFT" in text for text in header_texts(example_report))  # title page too


def test_final_and_all_agreed_has_no_draft_mark(example, export):
    final = example.model_copy(deep=True)
    final.findings.status = "final"
    assert not any("DRAFT" in text for text in header_texts(export(final)))


def test_final_but_not_all_agreed_is_still_a_draft(framework, session, export):
    session.findings.status = "final"
    report = export(session)
    assert all("DRAFT" in text for text in header_texts(report))
    facts = {r.cells[0].text: r.cells[1].text for r in report.doc.tables[0].rows}
    assert facts["Status"].startswith("Draft (signed off as final, but not every item")


def test_a_council_header_keeps_its_text_and_gains_the_draft_mark(
    example, export, council_template
):
    header = export(example, template=council_template()).doc.sections[0].header
    assert [p.text for p in header.paragraphs] == [councils.COUNCIL + "\u2003DRAFT"]


def test_the_front_matter_headings_are_known(example_report):
    assert example_report.headings(2)[: len(FRONT_MATTER_H2)] == FRONT_MATTER_H2


def test_fixtures_are_built_fresh_each_time(tmp_path: Path):
    first = councils.purple(tmp_path / "a.docx").read_bytes()
    assert docx.Document(str(tmp_path / "a.docx")).styles["Heading 1"].font.color.rgb
    assert first[:2] == b"PK"
