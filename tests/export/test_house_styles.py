"""The findings in the house styles a manager circulates them in (issue 22).

Each template is built by :mod:`tests.export.councils`; the tests read the exported XML back:
DRAFT and the council's marking on every header a page can take, page numbers where the
template has none, the template's page setup kept in every section, columns as wide as their
widest word in the template's own table font, no prompt to update fields on opening.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from benchmark_tui.export.docxcompat import element_of
from benchmark_tui.export.measure import longest_word
from benchmark_tui.export.styles import Palette, style_font

from . import councils
from .conftest import to_pdf


def text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def page_kinds(doc) -> list[tuple[int, str, object, object]]:
    """Every (section, kind, header, footer) a page of the document can show."""
    even = doc.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    kinds = []
    for number, section in enumerate(doc.sections):
        kinds.append((number, "default", section.header, section.footer))
        if section.different_first_page_header_footer:
            kinds.append((number, "first", section.first_page_header, section.first_page_footer))
        if even:
            kinds.append((number, "even", section.even_page_header, section.even_page_footer))
    return kinds


def has_page_number(header, footer) -> bool:
    return any(
        "PAGE" in (t.text or "").split()
        for part in (header, footer)
        for t in element_of(part).iter(qn("w:instrText"))
    )


# --- 1. DRAFT on every header a page can take ---------------------------------------------------


def test_odd_even_headers_all_say_draft_in_every_section(example, export, tmp_path):
    report = export(example, template=councils.odd_even_gutter(tmp_path / "oe.docx"))
    kinds = page_kinds(report.doc)
    assert {kind for _, kind, _, _ in kinds} == {"default", "first", "even"}
    missing = [
        (n, kind) for n, kind, header, _ in kinds if "DRAFT" not in text_of(element_of(header))
    ]
    assert not missing
    even = text_of(element_of(report.doc.sections[0].even_page_header))
    assert "Libraries & Culture" in even  # the council's even header is kept


def test_the_councils_marking_is_on_every_header_and_draft_joins_it_on_its_line(
    example, export, tmp_path
):
    report = export(example, template=councils.official_dotx(tmp_path / "official.dotx"))
    for _, kind, header, _ in page_kinds(report.doc):
        text = text_of(element_of(header))
        assert councils.OFFICIAL in text and "DRAFT" in text, kind
    header = report.doc.sections[0].header
    # The header does not grow past its margin: DRAFT shares the marking's line.
    assert len(header.paragraphs) == 2
    assert "OFFICIAL" in header.paragraphs[1].text and "DRAFT" in header.paragraphs[1].text


def test_the_pre_read_and_a_final_document_carry_the_marking_but_no_draft(
    example, export, tmp_path
):
    template = councils.official_dotx(tmp_path / "official.dotx")
    final = example.model_copy(deep=True)
    final.findings.status = "final"
    for session in (final,):
        for _, kind, header, _ in page_kinds(export(session, template=template).doc):
            text = text_of(element_of(header))
            assert councils.OFFICIAL in text and "DRAFT" not in text, kind


# --- 3. no word split in a column ---------------------------------------------------------------


def test_every_column_is_as_wide_as_its_widest_word_in_a_wide_house_font(example, export, tmp_path):
    report = export(example, template=councils.wide_table_text(tmp_path / "verdana.docx"))
    doc = report.doc
    font, size = style_font(doc, "Table Text")
    assert (font, size) == ("Verdana", 11.0)
    names = {s.style_id: s.name for s in doc.styles}
    narrow = []
    for table in doc.tables[1:]:  # the title page's borderless facts aside
        for row in table._tbl.iter(qn("w:tr")):
            for tc in row.iter(qn("w:tc")):
                if tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is not None:
                    continue
                width = int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))
                for r in tc.iter(qn("w:r")):
                    text = text_of(r)
                    style = r.getparent().find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                    name = names[style.get(qn("w:val"))] if style is not None else "Normal"
                    sz = r.find(f"{qn('w:rPr')}/{qn('w:sz')}")
                    points = (
                        int(sz.get(qn("w:val"))) / 2 if sz is not None else style_font(doc, name)[1]
                    )
                    bold = r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
                    word = longest_word(text, font, points, bold) * 20 + 216
                    if word > width:
                        narrow.append((text, width, int(word)))
    assert not narrow, narrow[:8]


# --- 4. landscape templates ----------------------------------------------------------------------


def test_a_landscape_template_stays_landscape_in_every_section(example, export, tmp_path):
    report = export(example, template=councils.landscape(tmp_path / "landscape.docx"))
    sections = report.doc.sections
    assert len(sections) >= 3  # the plan, the parking lot
    assert all(s.orientation == WD_ORIENT.LANDSCAPE for s in sections)
    assert all(s.page_width > s.page_height for s in sections)


def test_sections_keep_the_templates_margins_and_gutter(example, export, tmp_path):
    report = export(example, template=councils.odd_even_gutter(tmp_path / "oe.docx"))
    first = report.doc.sections[0]
    for section in report.doc.sections:
        assert section.gutter == first.gutter > 0
        assert (section.top_margin, section.bottom_margin) == (
            first.top_margin,
            first.bottom_margin,
        )


# --- 9. gutter, page numbers, fields, colours ---------------------------------------------------


def test_tables_fit_between_the_margins_less_the_gutter(example, export, tmp_path):
    report = export(example, template=councils.odd_even_gutter(tmp_path / "oe.docx"))
    section = report.doc.sections[0]
    room = (section.page_width - section.left_margin - section.right_margin - section.gutter) // 635
    widths = [
        sum(int(c.get(qn("w:w"))) for c in t._tbl.iter(qn("w:gridCol")))
        for t in report.doc.tables[:5]
    ]
    assert max(widths) <= room


def test_page_numbers_are_not_added_when_the_template_numbers_pages_in_its_header(
    example, export, tmp_path
):
    report = export(example, template=councils.numbers_in_header(tmp_path / "numbers.docx"))
    footer = element_of(report.doc.sections[0].footer)
    assert not [t for t in footer.iter(qn("w:instrText")) if "PAGE" in (t.text or "")]


def test_every_page_kind_but_the_title_pages_has_a_page_number(example, export, tmp_path):
    report = export(example, template=councils.odd_even_gutter(tmp_path / "oe.docx"))
    unnumbered = [
        (number, kind)
        for number, kind, header, footer in page_kinds(report.doc)
        if not has_page_number(header, footer)
    ]
    assert unnumbered == [(0, "first")]  # the title page only


def test_opening_the_document_does_not_ask_to_update_fields(example_report):
    doc = example_report.doc
    assert doc.settings.element.find(qn("w:updateFields")) is None
    dirty = doc.element.body.xpath(".//w:fldChar[@w:dirty='true']")
    assert not dirty


def test_a_red_house_colour_does_not_make_the_best_rating_the_reddest():
    palette = Palette.from_accent(councils.RED)
    best = palette.rating_fills[4]
    red, green, blue = (int(best[i : i + 2], 16) for i in (0, 2, 4))
    assert not (red > green + 60 and red > blue + 60), best  # not a red


def test_a_red_house_template_keeps_its_red_headings_for_table_headers(example, export, tmp_path):
    report = export(example, template=councils.red_house(tmp_path / "red.docx"))
    header = report.table("Agreed ratings").rows[0].cells[0]._tc
    assert header.xpath(".//w:shd/@w:fill") == [councils.RED]


# --- 5. the council's cover page ----------------------------------------------------------------


def test_the_councils_cover_is_kept_and_filled_from_the_session(example, export, tmp_path):
    report = export(example, template=councils.cover_page(tmp_path / "cover.docx"))
    doc = report.doc
    assert len(doc.sections) >= 2 and doc.sections[0].page_height  # the cover's own section
    bound = {
        sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val")): text_of(sdt)
        for sdt in doc.element.body.iter(qn("w:sdt"))
    }
    props = doc.core_properties
    assert bound == {"Title": props.title, "Subject": props.subject, "Author": props.author}
    assert props.title == "Example Borough Libraries: Self-assessment findings"
    assert props.author == "Rachel Lindqvist"
    date = doc.element.body.xpath(".//w:instrText[starts-with(normalize-space(.), 'DATE')]")
    assert date and "20 March 2026" in text_of(doc.element.body)
    assert "Self-assessment findings" not in report.paragraphs("Title")  # the cover has it
    assert "Template body text" not in report.text()
    first = doc.sections[0].header  # the cover page says DRAFT too
    assert "DRAFT" in text_of(element_of(first))


# --- 6. the comparison report -------------------------------------------------------------------


def test_the_comparison_report_is_marked_like_the_findings(framework, tmp_path):
    from benchmark_tui.compare import compare_sessions, load_sessions
    from benchmark_tui.export.comparison import write_comparison_report

    from .conftest import EXAMPLE_SESSION, GENERATED, open_report

    files = sorted(EXAMPLE_SESSION.parent.glob("example-borough-libraries-20*.yaml"))
    comparison = compare_sessions(load_sessions(files, framework), framework)
    target = write_comparison_report(comparison, tmp_path / "c.docx", now=GENERATED)
    doc = open_report(target).doc
    kinds = page_kinds(doc)
    assert {kind for _, kind, _, _ in kinds} >= {"default", "first"}  # the built-in template
    for number, kind, header, footer in kinds:
        assert "DRAFT" in text_of(element_of(header)), (number, kind)  # 2026 is a draft
        assert has_page_number(header, footer), (number, kind)  # page 1 too
    props = doc.core_properties
    assert props.title == comparison.title
    assert "Benchmarking Framework" in props.subject and props.content_status == "Draft"
    assert "template" not in (props.title + props.comments).lower()
    assert props.created.year == 2026


# --- 9. no row or key stranded alone on a page ---------------------------------------------------


def kept(row) -> bool:
    return all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in row.iter(qn("w:p")))


def test_no_table_leaves_a_single_row_alone_on_a_page(example_report):
    checked = 0
    for table in example_report.doc.tables:
        rows = table._tbl.findall(qn("w:tr"))
        body = [r for r in rows if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None]
        if len(body) < 2:
            continue
        assert kept(body[0]) and kept(body[-2]), [c.text for c in table.rows[0].cells]
        checked += 1
    assert checked > 20


def test_the_key_to_the_shading_stays_with_the_ratings_table(example_report):
    summary = example_report.table("Agreed ratings")._tbl
    assert kept(summary.findall(qn("w:tr"))[-1])
    spacer = summary.getnext()
    assert spacer.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert spacer.getnext().tag == qn("w:tbl")  # the key


# --- 4. the title page stays one page ------------------------------------------------------------


def title_page_pages(doc) -> int:
    """The estimated pages of the title page alone (the body up to the first new page)."""
    from benchmark_tui.export.pages import estimate_pages

    body = doc.element.body
    cut = False
    for child in list(body):
        p_pr = child.find(qn("w:pPr"))
        if p_pr is not None and p_pr.find(qn("w:pageBreakBefore")) is not None:
            cut = True
        if cut and child.tag != qn("w:sectPr"):
            body.remove(child)
    return estimate_pages(doc).pages


def test_the_title_page_stays_on_one_page_in_landscape_and_with_large_table_text(
    example, export, tmp_path
):
    for name, build in (("land.docx", councils.landscape), ("a11.docx", councils.wide_table_text)):
        report = export(example, template=build(tmp_path / name), name=name)
        assert title_page_pages(report.doc) == 1, name
        assert "Status" in [row.cells[0].text for row in report.doc.tables[0].rows]


@pytest.mark.benchmark
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler render the real pages where they are installed",
)
@pytest.mark.parametrize("house", ["landscape", "odd-even-gutter", "cover-page"])
def test_the_contents_end_on_the_page_they_start_on_in_libreoffice(
    house, example, export, tmp_path
):
    """Found rendering the landscape template: the contents' last line ("Appendix: parking
    lot") was alone at the top of a page of its own."""
    report = export(example, template=councils.HOUSE_STYLES[house](tmp_path / f"{house}.docx"))
    pdf = to_pdf(report.path)
    pages = []
    for number in range(1, 6):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages.append(text)
    start = next(
        n for n, text in enumerate(pages) if "\nContents" in text or text.startswith("Contents")
    )
    assert "Appendix: parking lot" in pages[start], pages[start + 1][:300]
