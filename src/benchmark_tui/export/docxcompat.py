"""Provides the one place where the export reaches inside python-docx.

python-docx's public API (``Document``, ``Paragraph``, ``Table``, ``Section``, styles) covers
most of what the export does, but not all: the WordprocessingML element behind a paragraph, a
table or a header, and the bytes of a package part, are private attributes. Every such use is
here, with a note on why; the rest of the export calls these functions. The undocumented
element methods of ``docx.oxml`` the export relies on are listed in :data:`OXML_METHODS`.

``tests/export/test_docxcompat.py`` checks each name below against the installed
python-docx, so a release that renames one fails there first, by name (the versions tested are
in ``pyproject.toml``: python-docx 1.1.2 to 1.2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import _Footer, _Header
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    HeaderOrFooter = _Header | _Footer
    """A header or footer (python-docx names the classes privately)."""

PRIVATE_ATTRIBUTES: dict[str, str] = {
    "Paragraph._p": "the w:p element, to append runs, fields and properties in schema order "
    "(python-docx's run API is several times slower and cannot write fields)",
    "Table._tbl": "the w:tbl element, to append rows built directly (the public add_row "
    "copies the grid and re-reads the table on each call)",
    "_Header._element / _Footer._element": "the w:hdr / w:ftr element, to search a header for "
    "text and fields (PAGE), including inside its tables and text boxes",
    "Part._blob": "the bytes of a part python-docx does not parse (docProps/app.xml), to "
    "replace the template's stale page and word counts",
    "docx.section._Header / _Footer": "the type of section.header and friends, for annotations",
}
"""Each private attribute used, and why (also the checklist of the canary test)."""

OXML_METHODS: dict[str, str] = {
    "get_or_add_pPr": "a paragraph's properties, made if missing (CT_P)",
    "get_or_add_numPr / get_or_add_numId": "a style's numbering reference (CT_PPr)",
    "insert_element_before": "add a child in schema order (BaseOxmlElement)",
    "get_or_add_sectPr / set_sectPr": "the body's final section / end a section at a paragraph",
    "clear_content": "empty the body of a template, keeping its final section (CT_Body)",
    "add_num / num_having_numId": "add or find a list definition (CT_Numbering)",
}
"""Undocumented element methods of ``docx.oxml`` used by the OOXML helpers."""


def p_of(paragraph: Paragraph) -> BaseOxmlElement:
    """The ``w:p`` element behind a python-docx paragraph."""
    return paragraph._p


def tbl_of(table: Table) -> BaseOxmlElement:
    """The ``w:tbl`` element behind a python-docx table."""
    return table._tbl


def element_of(part: HeaderOrFooter) -> BaseOxmlElement:
    """The ``w:hdr`` or ``w:ftr`` element of a header or footer."""
    return part._element


def replace_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a package part python-docx keeps unparsed (``docProps/app.xml``)."""
    part._blob = blob
