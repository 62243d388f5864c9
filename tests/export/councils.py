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


# --- issue 22: house styles a manager circulates in ------------------------------------------

OFFICIAL = "OFFICIAL"
RED = "C00000"


def _settings_flag(document: Document, tag: str) -> None:
    """Turn on a document-wide setting (``w:evenAndOddHeaders``, ``w:mirrorMargins``)."""
    settings = document.settings.element
    if settings.find(qn(tag)) is None:
        settings.insert(0, parse_xml(f"<{tag} {nsdecls('w')}/>"))


def _page_field(paragraph, before: str = "Page ") -> None:
    from benchmark_tui.export.ooxml import add_field

    paragraph.add_run(before)
    add_field(paragraph, "PAGE", "1")


def odd_even_gutter(path: Path) -> Path:
    """Different odd and even headers (and a first page), mirrored margins, a 1.5 cm gutter."""
    document = docx.Document()
    _settings_flag(document, "w:evenAndOddHeaders")
    _settings_flag(document, "w:mirrorMargins")
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.gutter = Cm(1.5)
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].add_run(COUNCIL)
    section.even_page_header.is_linked_to_previous = False
    section.even_page_header.paragraphs[0].add_run("Libraries & Culture")
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].add_run("Borough Council")
    _page_field(section.footer.paragraphs[0])  # odd pages only: even pages lack a number
    for footer in (section.even_page_footer, section.first_page_footer):
        footer.is_linked_to_previous = False
    return _save(document, path)


def cover_page(path: Path) -> Path:
    """A first section that is the council's cover: content controls bound to the document's
    title, subject and author, and a DATE field; the body is a second section."""
    document = docx.Document()
    props = document.core_properties
    props.title, props.subject, props.author = "Council report", "Template subject", "Policy"
    sentinel = document.element.body.get_or_add_sectPr()
    for tag, xpath, text in (
        ("Title", "/ns1:coreProperties[1]/ns0:title[1]", "[Title]"),
        ("Subject", "/ns1:coreProperties[1]/ns0:subject[1]", "[Subject]"),
        ("Author", "/ns1:coreProperties[1]/ns0:creator[1]", "[Author]"),
    ):
        sentinel.addprevious(
            parse_xml(
                f"<w:sdt {nsdecls('w')}><w:sdtPr><w:alias w:val='{tag}'/>"
                "<w:dataBinding w:prefixMappings=\"xmlns:ns0='http://purl.org/dc/elements/1.1/' "
                "xmlns:ns1='http://schemas.openxmlformats.org/package/2006/metadata/"
                f"core-properties'\" w:xpath='{xpath}' "
                "w:storeItemID='{6C3C8BC8-F283-45AE-878A-BAB7291924A1}'/>"
                "<w:text/></w:sdtPr><w:sdtContent><w:p><w:r>"
                f"<w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
            )
        )
    date = document.add_paragraph()
    from benchmark_tui.export.ooxml import add_field

    add_field(date, 'DATE \\@ "d MMMM yyyy"', "1 January 2020")
    ending = document.add_paragraph()
    ending._p.set_sectPr(
        parse_xml(
            f"<w:sectPr {nsdecls('w')}><w:pgSz w:w='11906' w:h='16838'/>"
            "<w:pgMar w:top='1440' w:right='1440' w:bottom='1440' "
            "w:left='1440' w:header='708' w:footer='708' w:gutter='0'/>"
            "</w:sectPr>"
        )
    )
    section = document.sections[-1]
    section.header.paragraphs[0].add_run(COUNCIL)
    return _save(document, path)


def landscape(path: Path) -> Path:
    """A template on A4 landscape pages."""
    from docx.enum.section import WD_ORIENT

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header.paragraphs[0].add_run(COUNCIL)
    return _save(document, path)


def wide_table_text(path: Path, font: str = "Verdana", size: float = 11) -> Path:
    """A house "Table Text" style in a wide font at a large size (Arial 11 with ``font``)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(11)
    for name in ("Table Text", "Table Heading"):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.name, style.font.size = font, Pt(size)
        style.font.bold = name == "Table Heading"
    return _save(document, path)


def numbers_in_header(path: Path) -> Path:
    """Page numbers in the header ("Page N", right); an empty footer."""
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run(COUNCIL + "    ")
    _page_field(header)
    return _save(document, path)


def official_dotx(path: Path) -> Path:
    """A Word template (.dotx): a logo and the OFFICIAL marking in a tight header, and a
    different first page whose header has the logo only."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    section = document.sections[0]
    section.top_margin, section.header_distance = Cm(2.0), Cm(0.8)
    header = section.header
    header.paragraphs[0].add_run().add_picture(io.BytesIO(tiny_png()), height=Cm(0.8))
    marking = header.add_paragraph(OFFICIAL)
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].add_run().add_picture(io.BytesIO(tiny_png()), height=Cm(0.8))
    footer = section.footer.paragraphs[0]
    footer.add_run(OFFICIAL)
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _save(document, path)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(item, content)
    return path


def red_house(path: Path) -> Path:
    """Headings in the council's red."""
    document = docx.Document()
    for name in ("Heading 1", "Heading 2", "Title"):
        document.styles[name].font.color.rgb = RGBColor.from_string(RED)
    return _save(document, path)


HOUSE_STYLES = {
    "odd-even-gutter": odd_even_gutter,
    "cover-page": cover_page,
    "landscape": landscape,
    "arial-11": lambda path: wide_table_text(path, "Arial", 11),
    "verdana-11": wide_table_text,
    "numbers-in-header": numbers_in_header,
    "official.dotx": official_dotx,
    "red": red_house,
    "numbered-headings": numbered_headings,
}
"""Every house style the issue-22 tests (and a person rendering them) build, by name."""
