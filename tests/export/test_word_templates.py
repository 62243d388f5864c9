"""Tests for templates and output files: a council's own template, unusable templates, and
documents that cannot be written (open in Word, read-only folder). Every problem is an
ExportError saying what is wrong and what to do; none leaves a half-written file behind."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from benchmark_tui.errors import ExportError
from benchmark_tui.export import target as targets
from benchmark_tui.export import template as templates
from benchmark_tui.export import write_report

from .conftest import GENERATED

LIST_BULLETS = ("ListBullet", "ListBullet2", "ListBullet3")


# --- a council's own template --------------------------------------------------------------------


def test_a_template_without_list_bullet_and_table_grid_still_gives_the_whole_document(
    framework, example, export, council_template
):
    template = council_template(remove=("ListBullet", "TableGrid", "Heading3", "Title"))
    report = export(example, template=template)

    assert report.item_headings()[4] == "Characteristic 1: Leadership"
    assert len(report.item_headings()) == 14 + 1  # and "Notes on the plan"
    assert "Strengths" in report.headings(3)  # a missing heading style is added, not skipped
    assert "Self-assessment findings" in report.paragraphs("Title")
    bullets = report.paragraphs("List Bullet")  # added, with its own bullet definition
    assert "Risk scores unchanged for two years; controls not tested" in bullets
    summary = report.table("Agreed ratings")
    assert [c.text for c in summary.rows[1].cells[1:5]] == ["3", "3", "2", "2"]
    borders = summary._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None  # no "Table Grid": the table draws its own lines
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"
    matrix = report.tables("Evaluation matrix")[9]
    assert [c.text for c in matrix.rows[3].cells[1:]] == ["✓", "", "", "", ""]


@pytest.mark.parametrize("numbering", [True, False], ids=["numbering-part", "no-numbering-part"])
def test_without_list_styles_lists_stay_real_lists(
    framework, example, export, council_template, numbering
):
    template = council_template(remove=(*LIST_BULLETS, "ListNumber", "ListParagraph"))
    if not numbering:
        _drop_numbering(template)
    report = export(example, template=template)
    items = report.paragraphs("List Bullet")
    assert "Income relies on room hire and one-off grants" in items
    assert len(items) > 150
    assert not [p for p in report.paragraphs() if p.startswith("•")]  # no typed bullets
    style = report.doc.styles["List Bullet"]
    num_id = style.element.pPr.numPr.numId.val
    numbering_xml = report.doc.part.numbering_part.element
    num = numbering_xml.num_having_numId(num_id)
    abstract_id = num.abstractNumId.val
    formats = numbering_xml.xpath(
        f'w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
    )
    assert formats == ["bullet"]


def _drop_numbering(path: Path) -> None:
    """Remove the numbering part, as a template that never used a list may not have one."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "word/numbering.xml":
                continue
            if item.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                content = re.sub(rb"<(Override|Relationship)[^>]*numbering[^>]*/>", b"", content)
            copy.writestr(item, content)


def test_the_councils_header_logo_and_page_setup_are_kept(example, export, council_template):
    report = export(example, template=council_template())
    section = report.doc.sections[0]
    header = section.header
    assert header.paragraphs[0].text == "Borough Council — Libraries & Culture\u2003DRAFT"
    assert header._element.xpath(".//pic:pic")  # the logo
    assert "Example Borough Libraries" not in header._element.xml  # their header, untouched
    assert round(section.page_width.inches, 1) == 8.5  # the template's Letter paper
    assert "Template body text" not in report.text()
    fields = [t.text.strip() for t in section.footer._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]  # the footer lacked page numbers, so they are added


def test_a_header_with_only_a_logo_gets_the_service_name_beside_it(
    example, export, council_template
):
    report = export(example, template=council_template(header_text=""))
    header = report.doc.sections[0].header.paragraphs
    assert header[0]._p.xpath(".//pic:pic")  # the logo's paragraph, as the template had it
    assert header[0].text == ""
    assert [p.text for p in header[1:]] == ["Example Borough Libraries\u2003DRAFT"]


def test_a_template_footer_with_page_numbers_is_left_as_it_is(example, export, council_template):
    path = council_template()
    document = docx.Document(str(path))
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Council page ")
    simple = docx.oxml.parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    footer._p.append(simple)
    document.save(str(path))
    report = export(example, template=path)
    footer = report.doc.sections[0].footer
    assert [p.text for p in footer.paragraphs] == ["Council page "]  # python-docx hides the field
    assert not list(footer._element.iter(qn("w:instrText")))  # no second "Page X of Y"


# --- unusable templates --------------------------------------------------------------------------


def _with_content_type(source: Path, target: Path, old: str, new: str) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(old.encode(), new.encode())
            copy.writestr(item, data)
    return target


DOCUMENT = "wordprocessingml.document.main+xml"
BLANK = Path(docx.__file__).parent / "templates" / "default.docx"
"""python-docx's blank document: a valid .docx to spoil in various ways."""


def _dotx(path: Path) -> Path:
    return _with_content_type(
        BLANK,
        path.with_suffix(".dotx"),
        DOCUMENT,
        "wordprocessingml.template.main+xml",
    )


def _docm(path: Path) -> Path:
    return _with_content_type(
        BLANK,
        path.with_suffix(".docm"),
        "application/vnd.openxmlformats-officedocument." + DOCUMENT,
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    )


def _dotm(path: Path) -> Path:
    return _with_content_type(
        BLANK,
        path.with_suffix(".dotm"),
        "application/vnd.openxmlformats-officedocument." + DOCUMENT,
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    )


def _truncated(path: Path) -> Path:
    data = BLANK.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _bad_xml(path: Path) -> Path:
    with zipfile.ZipFile(BLANK) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            copy.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    return path


def _text(path: Path) -> Path:
    path.write_text("Dear councillor,\nthis is not a Word file.\n", encoding="utf-8")
    return path


def _old_doc(path: Path) -> Path:
    path.with_suffix(".doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    return path.with_suffix(".doc")


def _spreadsheet(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/></Types>',
        )
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _odt(path: Path) -> Path:
    with zipfile.ZipFile(path.with_suffix(".odt"), "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return path.with_suffix(".odt")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_docm, "a macro-enabled Word document (.docm)"),
        (_dotm, "a macro-enabled Word template (.dotm)"),
        (_truncated, "is damaged"),
        (_bad_xml, "is damaged: its part word/document.xml is not well-formed XML"),
        (_text, "is not a Word document (.docx)"),
        (_old_doc, "an old-style Word 97–2003 file (.doc)"),
        (_spreadsheet, "is not a Word document"),
        (_odt, "an OpenDocument file (.odt)"),
    ],
    ids=["docm", "dotm", "truncated", "bad-xml", "text", "doc", "xlsx", "odt"],
)
def test_an_unusable_template_is_refused_with_what_to_do(framework, session, tmp_path, make, says):
    template = make(tmp_path / "council.docx")
    target = tmp_path / "out.docx"
    with pytest.raises(ExportError) as raised:
        write_report(framework, session, target, template=template, now=GENERATED)
    message = raised.value.message
    assert str(template) in message
    assert says in message
    assert "Save As" in message
    assert not target.exists()


def test_a_word_template_dotx_is_accepted_as_it_is(framework, example, tmp_path):
    template = _dotx(tmp_path / "council.docx")
    target = tmp_path / "out.docx"
    write_report(framework, example, target, template=template, now=GENERATED)
    with zipfile.ZipFile(target) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "wordprocessingml.document.main+xml" in types  # a document, not a template
    assert "wordprocessingml.template.main+xml" not in types
    assert len(docx.Document(str(target)).tables) > 20


def test_a_missing_template_is_named(framework, session, tmp_path):
    with pytest.raises(ExportError, match="nope.docx: template not found") as raised:
        write_report(framework, session, tmp_path / "o.docx", template=tmp_path / "nope.docx")
    assert "leave out --template" in raised.value.message


def test_a_folder_given_as_template_is_refused(framework, session, tmp_path):
    with pytest.raises(ExportError, match="is a folder, not a Word template"):
        write_report(framework, session, tmp_path / "o.docx", template=tmp_path)


# --- the output file -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "owner",
    ["~$report.docx", "~$port.docx", ".~lock.report.docx#"],
    ids=["word-short-name", "word-long-name", "libreoffice"],
)
def test_a_document_open_in_word_is_not_overwritten(framework, session, tmp_path, owner):
    target = tmp_path / "report.docx"
    target.write_bytes(b"the version open in Word")
    (tmp_path / owner).write_bytes(b"owner")
    with pytest.raises(ExportError) as raised:
        write_report(framework, session, target, now=GENERATED)
    assert "is open in" in raised.value.message
    assert "close it there, or choose a different name (-o OTHER.docx)" in raised.value.message
    assert target.read_bytes() == b"the version open in Word"


def test_an_unwritable_folder_is_explained(framework, session, tmp_path, monkeypatch):
    def denied(path, data, **_):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(targets, "write_atomically", denied)
    with pytest.raises(ExportError) as raised:
        write_report(framework, session, tmp_path / "out.docx", now=GENERATED)
    message = raised.value.message  # in the words every file problem is said in (os_errors)
    assert f"cannot write the document to {tmp_path} (the folder or file is read-only)" in message
    assert "-o OTHER.docx" in raised.value.message


def test_on_windows_a_refused_replace_means_the_document_is_open(
    framework, session, tmp_path, monkeypatch
):
    target = tmp_path / "out.docx"
    target.write_bytes(b"open elsewhere")

    def sharing_violation(path, data, **_):
        raise PermissionError(13, "The process cannot access the file", str(path))

    monkeypatch.setattr(targets, "write_atomically", sharing_violation)
    monkeypatch.setattr(targets, "_IS_WINDOWS", True)
    with pytest.raises(ExportError, match="open in another program \\(probably Word\\)"):
        write_report(framework, session, target, now=GENERATED)


def test_a_full_disk_is_explained(framework, session, tmp_path, monkeypatch):
    def full(path, data, **_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(targets, "write_atomically", full)
    with pytest.raises(ExportError, match="is full"):
        write_report(framework, session, tmp_path / "out.docx", now=GENERATED)


def test_a_failed_write_leaves_the_previous_document_whole(
    framework, session, tmp_path, monkeypatch
):
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous export")

    def crash(*_):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ExportError, match="Input/output error"):
        write_report(framework, session, target, now=GENERATED)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("report.doc", "must end in .docx"),
        ("report", "must end in .docx"),
        ("missing-folder/report.docx", "does not exist"),
    ],
)
def test_an_unusable_output_name_is_refused_before_any_work(
    framework, session, tmp_path, name, says
):
    with pytest.raises(ExportError, match=says):
        write_report(framework, session, tmp_path / name, now=GENERATED)


def test_a_folder_named_like_a_document_is_refused(framework, session, tmp_path):
    (tmp_path / "odd.docx").mkdir()
    with pytest.raises(ExportError, match="odd.docx is a folder"):
        write_report(framework, session, tmp_path / "odd.docx", now=GENERATED)


def test_the_bundled_template_is_a_docx_with_the_writers_styles():
    document = docx.Document(io.BytesIO(templates.bundled_template()))
    names = {style.name for style in document.styles}
    for needed in ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid",
                   "Table Text", "Table Heading", "Note", "Callout", "toc 1", "toc 2"):  # fmt: skip
        assert needed in names
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no header on the title page
