"""Council templates as councils really make them, built with python-docx for the tests.

Each starts from python-docx's blank document (which carries Word's usual styles) and changes
what a council's template typically changes: numbered headings, no list styles, their own
colours, a logo and the council's name laid out in a header table, or saved as a .dotx.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, RGBColor

from .conftest import tiny_png

PURPLE = "5B2C6F"
GREEN = "2E7D32"
COUNCIL = "Borough Council — Libraries & Culture"


def _save(document: Document, path: Path) -> Path:
    document.add_paragraph("Template body text that the export replaces.")
    document.save(str(path))
    return path


def numbered_headings(path: Path) -> Path:
    """Heading 1 and 2 number themselves ("1", "1.1") through a multi-level list."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading1"/><w:lvlText w:val="%1"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="432" w:hanging="432"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="576" w:hanging="576"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    existing = numbering.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    num_id = numbering.add_num(90).numId
    for level, style_name in enumerate(("Heading 1", "Heading 2")):
        num_pr = document.styles[style_name].element.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id
    document.sections[0].header.paragraphs[0].add_run(COUNCIL)
    return _save(document, path)


def without_list_styles(path: Path) -> Path:
    """No "List …" styles at all, and no numbering part: Word saved only what was used."""
    document = docx.Document()
    styles = document.styles.element
    for style in list(styles):
        if (style.get(qn("w:styleId")) or "").startswith("List"):
            styles.remove(style)
    _save(document, path)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "word/numbering.xml":
                continue
            if item.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                content = b"".join(
                    piece
                    for piece in content.replace(b"/>", b"/>\0").split(b"\0")
                    if b"numbering" not in piece
                )
            copy.writestr(item, content)
    return path


def purple(path: Path) -> Path:
    """Headings in the council's purple, set on the style."""
    document = docx.Document()
    for name in ("Heading 1", "Heading 2", "Title"):
        document.styles[name].font.color.rgb = RGBColor.from_string(PURPLE)
    return _save(document, path)


def green_theme(path: Path) -> Path:
    """Headings coloured by the theme's first accent, which is the council's green."""
    document = docx.Document()
    color = document.styles["Heading 1"].element.rPr.find(qn("w:color"))
    color.set(qn("w:themeColor"), "accent1")
    _save(document, path)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "word/theme/theme1.xml":
                start = content.index(b"<a:accent1>")
                end = content.index(b"</a:accent1>")
                content = (
                    content[:start]
                    + f'<a:accent1><a:srgbClr val="{GREEN}"/>'.encode()
                    + content[end:]
                )
            copy.writestr(item, content)
    return path


def logo_in_header_table(path: Path) -> Path:
    """The header is a table: the logo on the left, the council's name on the right."""
    document = docx.Document()
    header = document.sections[0].header
    table = header.add_table(rows=1, cols=2, width=Cm(16))
    table.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(tiny_png()))
    table.cell(0, 1).paragraphs[0].add_run(COUNCIL)
    return _save(document, path)
