#!/usr/bin/env python3
"""Regenerate the default Word template shipped in ``src/benchmark_tui/export/template.docx``.

Usage:
    uv run python tools/make_template.py

Starts from python-docx's blank document and makes it ours: A4 with 2 cm margins, Arial
throughout (Liberation Sans and Arimo have the same metrics where Arial is missing), British
English for spell-checking, dark-blue headings, a light-grey "Table Grid", the paragraph styles
the writer uses (:data:`benchmark_tui.export.wordkit.STYLE_SPECS`), contents styles, a
different (empty) first-page header and footer for the title page, and "Page X of Y" in the
footer. Unused table styles, the sample thumbnail and the duplicate ``stylesWithEffects`` part
are dropped. Zip timestamps are fixed, so running the script again gives a byte-identical file.

A council can make its own template the same way by hand: copy this file, change the styles,
put the logo in the header, save as .docx, and pass it with ``--template``.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from benchmark_tui.export.findings import REPORT_TITLE
from benchmark_tui.export.ooxml import add_field
from benchmark_tui.export.styles import (
    MUTED,
    STYLE_SPECS,
    add_paragraph_style,
    apply_spec,
    complex_scripts,
)

TARGET = Path(__file__).resolve().parents[1] / "src" / "benchmark_tui" / "export" / "template.docx"
FONT = "Arial"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
KEEP_TABLE_STYLES = {"Normal Table", "Table Grid"}
FONT_ATTRIBUTES = ("ascii", "hAnsi", "cs", "eastAsia")
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")


def main() -> int:
    document = docx.Document()
    _fonts_and_language(document)
    _styles(document)
    _page(document)
    _settings(document)
    _properties(document)
    _drop_extras(document)
    _body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    TARGET.write_bytes(_with_fixed_timestamps(buffer.getvalue()))
    print(f"Wrote {TARGET}")
    return 0


def _set_fonts(r_pr) -> None:
    """Name Arial for every script and drop theme fonts (which would override it)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for name in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{name}"), None)
    for name in FONT_ATTRIBUTES:
        fonts.set(qn(f"w:{name}"), FONT)


def _fonts_and_language(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set_fonts(r_pr)
    lang = r_pr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-GB")
    lang.set(qn("w:eastAsia"), "en-GB")
    p_pr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    spacing = p_pr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")  # 6 pt
    spacing.set(qn("w:line"), "264")  # 1.1 lines
    # Styles that named theme fonts get Arial instead.
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        if any(fonts.get(qn(f"w:{name}")) for name in THEME_ATTRIBUTES):
            _set_fonts(fonts.getparent())


def _styles(document) -> None:
    styles = document.styles
    for style in list(styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEEP_TABLE_STYLES:
            style.element.getparent().remove(style.element)

    for spec in STYLE_SPECS:
        if spec.name in styles:
            style = styles[spec.name]
            _reset_paragraph(style)
            apply_spec(style, spec)
        else:
            add_paragraph_style(document, spec)
    # The built-in Title and Subtitle carry a border and a stray numbering; the specs replace
    # them, and headings lose the theme colours the specs do not name.
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle"):
        r_pr = styles[name].element.get_or_add_rPr()
        for tag in ("w:i", "w:iCs", "w:spacing", "w:kern"):
            for old in r_pr.findall(qn(tag)):
                r_pr.remove(old)
    styles["Heading 1"].paragraph_format.keep_together = True

    normal = styles["Normal"]
    normal.font.size = Pt(11)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
        styles[name].font.color.rgb = RGBColor.from_string(MUTED)
    bullet = styles["List Bullet"]
    bullet.paragraph_format.space_after = Pt(6)

    for level, indent in ((1, 0), (2, 0.6)):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.next_paragraph_style = normal
        toc.paragraph_format.left_indent = Cm(indent)
        toc.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        toc.paragraph_format.space_after = Pt(2)
        toc.font.bold = level == 1
        toc.element.set(qn("w:styleId"), f"TOC{level}")

    grid = styles["Table Grid"].element.find(qn("w:tblPr"))
    for edge in grid.find(qn("w:tblBorders")):
        edge.set(qn("w:color"), "A6A6A6")
    margins = grid.find(qn("w:tblCellMar"))
    for edge in ("top", "bottom"):
        margins.find(qn(f"w:{edge}")).set(qn("w:w"), "45")  # 0.8 mm of air above and below
    for style in styles:  # Arabic and other complex scripts as large and bold as Latin text
        complex_scripts(style.element)


def _reset_paragraph(style) -> None:
    """Drop the paragraph properties a built-in style carried (borders, numbering, spacing)."""
    p_pr = style.element.find(qn("w:pPr"))
    if p_pr is None:
        return
    for tag in ("w:pBdr", "w:numPr", "w:spacing", "w:contextualSpacing"):
        for old in p_pr.findall(qn(tag)):
            p_pr.remove(old)


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True  # the title page has neither
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # the writer puts the service name here
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")


def _settings(document) -> None:
    settings = document.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later: no "Compatibility Mode"
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)


def _properties(document) -> None:
    props = document.core_properties
    props.title = f"{REPORT_TITLE} (benchmark-tui template)"
    props.subject = "Libraries Taskforce Benchmarking Framework"
    props.author = props.last_modified_by = "benchmark-tui"
    props.comments = "Default template for benchmark-tui's findings document."
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = props.modified = datetime(2026, 1, 1, 12, 0, 0)


def _drop_extras(document) -> None:
    """Remove the sample thumbnail and the stylesWithEffects copy (Word 2010 leftovers)."""
    for rels in (document.part.package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects", "/customXml")):
                del rels[r_id]
    for part in document.part.package.iter_parts():
        if part.partname == "/word/theme/theme1.xml":
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", xml)
            part._blob = xml.encode("utf-8")


def _body(document) -> None:
    document.add_paragraph(f"benchmark-tui: {REPORT_TITLE}", style="Title")
    document.add_paragraph(
        "This is the template benchmark-tui writes the findings document with. Its text is "
        "replaced on export; its styles, header, footer and page setup are kept. To make your "
        "own, copy this file, change the styles (Heading 1–3, Title, Subtitle, List Bullet, "
        "Table Grid, Table Text, Table Heading, Note, Callout), add your logo to the header, "
        "save it as a Word Document (.docx) and export with --template YOUR-FILE.docx."
    )


def _with_fixed_timestamps(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
