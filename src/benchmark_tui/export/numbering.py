"""Provides list numbering for the findings: a "List Bullet" that is a real list in any
template, and whether a style numbers its paragraphs (as a council's headings may).

Word saves only the styles a document uses, so a council's template often lacks "List Bullet"
and even the numbering part; both are added here when missing.
"""

from __future__ import annotations

from typing import Any, cast

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.styles.style import BaseStyle

from benchmark_tui.export.ooxml import W

BULLET_INDENT = Emu(228_600)
"""The hanging indent of a bullet (0.25 inch, as Word's own bullets)."""
EMU_PER_TWIP = 635


def ensure_bullet_style(document: Document) -> BaseStyle:
    """The template's "List Bullet" if it numbers its paragraphs; otherwise one is added.

    Word saves only the styles a document uses, so a council's template often lacks it;
    the style added has its own bullet definition, so every list stays a real list.
    """
    found = _paragraph_style(document, "List Bullet")
    if found is not None and style_numbering(found) is not None:
        return found
    num_id = _add_bullet_numbering(document)
    style: Any = found or document.styles.add_style("List Bullet", WD_STYLE_TYPE.PARAGRAPH)
    if found is None:
        style.base_style = document.styles["Normal"]
        style.paragraph_format.space_after = Emu(38_100)  # 3 pt
    p_pr = style.element.get_or_add_pPr()
    p_pr.get_or_add_numPr().get_or_add_numId().val = num_id
    return style


def _add_bullet_numbering(document: Document) -> int:
    """Add a one-level bullet definition to the numbering part (made if missing); its id."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.parts.numbering import NumberingPart

    part = document.part
    try:
        numbering = cast(Any, part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        numbering = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        new_part = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, numbering, part.package
        )
        part.relate_to(new_part, RT.NUMBERING)
    abstracts = numbering.findall(qn("w:abstractNum"))
    abstract_id = 1 + max((int(a.get(qn("w:abstractNumId"))) for a in abstracts), default=-1)
    indent = BULLET_INDENT // EMU_PER_TWIP
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>'
        "</w:lvl></w:abstractNum>"
    )
    if abstracts:
        abstracts[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return numbering.add_num(abstract_id).numId


def _paragraph_style(document: Document, name: str) -> BaseStyle | None:
    styles = document.styles
    if name not in styles:
        return None
    style = styles[name]
    return style if style.type == WD_STYLE_TYPE.PARAGRAPH else None


def style_numbering(style: Any) -> str | None:
    """The numbering id a paragraph style (or a style it is based on) gives, if any.

    ``style`` is a paragraph style (python-docx types styles only as BaseStyle) or None.
    """
    seen = 0
    while style is not None and seen < 20:  # a loop of based-on styles must not hang
        num_id = style.element.find(f"{W}pPr/{W}numPr/{W}numId")
        if num_id is not None:
            value = num_id.get(f"{W}val")
            return None if value in (None, "0") else value
        style = style.base_style
        seen += 1
    return None
