"""Canaries for the python-docx internals the export uses (all named in ``export/docxcompat``).

A python-docx release that renames one fails here, by name, before any document is wrong.
"""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from benchmark_tui.export import docxcompat


def test_every_private_attribute_the_export_uses_is_still_there():
    document = docx.Document()
    paragraph = document.add_paragraph("x")
    table = document.add_table(rows=1, cols=1)
    section = document.sections[0]
    assert docxcompat.p_of(paragraph).tag == qn("w:p")
    assert docxcompat.tbl_of(table).tag == qn("w:tbl")
    assert docxcompat.element_of(section.header).tag == qn("w:hdr")
    assert docxcompat.element_of(section.even_page_footer).tag == qn("w:ftr")
    app = next(p for p in document.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    docxcompat.replace_blob(app, b"<x/>")
    assert app.blob == b"<x/>"
    from docx.section import _Footer, _Header  # noqa: F401  (the names annotations use)


def test_every_undocumented_oxml_method_listed_exists():
    document = docx.Document()
    body = document.element.body
    p = docxcompat.p_of(document.add_paragraph("x"))
    numbering = document.part.numbering_part.element
    style = document.styles["Normal"].element
    for owner, names in (
        (p, ["get_or_add_pPr", "set_sectPr", "insert_element_before"]),
        (body, ["get_or_add_sectPr", "clear_content"]),
        (numbering, ["add_num", "num_having_numId"]),
        (style.get_or_add_pPr(), ["get_or_add_numPr"]),
    ):
        for name in names:
            assert callable(getattr(owner, name)), name
    listed = " ".join(docxcompat.OXML_METHODS)
    for name in ("get_or_add_pPr", "set_sectPr", "clear_content", "add_num", "get_or_add_numPr"):
        assert name in listed
