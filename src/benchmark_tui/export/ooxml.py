"""Provides WordprocessingML helpers: XML-safe text, runs, fields and elements in schema order.

The findings document is built from these directly (rather than through python-docx's
general-purpose element insertion, which is several times slower), always in the order the
schema requires, because Word refuses files whose elements are out of order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from benchmark_tui.export.docxcompat import p_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
"""The WordprocessingML namespace, for building element names quickly (``f"{W}p"``)."""
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_NOT_XML = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAKS = re.compile("(\n|\t|\u2028|\u2029|\u2011)")
"""Where a run breaks: a line break (also a line or paragraph separator) or a tab."""
_RTL_CLASSES = {"R", "AL"}


def xml_safe(text: str) -> str:
    """Text that can be written to a Word document, keeping everything XML 1.0 allows.

    Control characters (other than tab and newline), C1 controls, lone surrogates and
    non-characters are dropped: Word cannot store them, and they are never what a team meant to
    type. Line endings become ``\\n``.
    """
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def is_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is right-to-left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in _RTL_CLASSES:
            return True
        if direction == "L":
            return False
    return False


@dataclass(frozen=True)
class Span:
    """A run of text with its own formatting, inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    color: str | None = None
    """Hex ``RRGGBB``; None keeps the style's colour."""
    font: str | None = None
    size: float | None = None
    """In points; None keeps the style's size."""


Line = str | Span | tuple[Span, ...]
"""What one paragraph holds: plain text, or a tuple of runs with their own formatting.

Where a cell takes several paragraphs, they are given as a ``list`` of lines.
"""


def add_runs(p: BaseOxmlElement, spans: Iterable[Span]) -> None:
    """Append runs for ``spans`` to a ``w:p``; mark it right-to-left if its text starts so.

    Newlines become line breaks and tabs become tabs, as Word shows them.
    """
    seen = []
    for span in spans:
        text = xml_safe(span.text)
        if not text:
            continue
        r = SubElement(p, f"{W}r")
        if span.font or span.bold or span.italic or span.color or span.size:
            r_pr = SubElement(r, f"{W}rPr")
            if span.font:
                set_attributes(SubElement(r_pr, f"{W}rFonts"), ascii=span.font, hAnsi=span.font,
                     cs=span.font)  # fmt: skip
            if span.bold:  # bCs, iCs, szCs: the same for Arabic and other complex scripts
                SubElement(r_pr, f"{W}b")
                SubElement(r_pr, f"{W}bCs")
            if span.italic:
                SubElement(r_pr, f"{W}i")
                SubElement(r_pr, f"{W}iCs")
            if span.color:
                SubElement(r_pr, f"{W}color").set(f"{W}val", span.color)
            if span.size:
                SubElement(r_pr, f"{W}sz").set(f"{W}val", str(round(span.size * 2)))
                SubElement(r_pr, f"{W}szCs").set(f"{W}val", str(round(span.size * 2)))
        for piece in _BREAKS.split(text):
            if piece in ("\n", "\u2028", "\u2029"):
                SubElement(r, f"{W}br")
            elif piece == "\t":
                SubElement(r, f"{W}tab")
            elif piece == "\u2011":  # Word's own non-breaking hyphen: every font has it
                SubElement(r, f"{W}noBreakHyphen")
            elif piece:
                t = SubElement(r, f"{W}t")
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(XML_SPACE, "preserve")
        seen.append(text)
    if is_right_to_left("".join(seen)):
        set_child(p.get_or_add_pPr(), "w:bidi", _PPR_AFTER_BIDI)


# ---------------------------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------------------------


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """Add a Word field (PAGE, NUMPAGES …) whose shown result is ``placeholder``.

    Word computes the real result when it lays out the page or updates the field.
    """
    field_start(paragraph, instruction)
    add_runs(p_of(paragraph), [Span(placeholder)])
    field_end(paragraph)


def has_field(element: BaseOxmlElement, name: str) -> bool:
    """Whether ``element`` (a header, a footer …) contains a ``name`` field (e.g. PAGE)."""
    instructions = [t.text or "" for t in element.iter(qn("w:instrText"))]
    instructions += [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return any(text.split()[:1] == [name] for text in instructions)


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    r = SubElement(p_of(paragraph), f"{W}r")
    char = SubElement(r, f"{W}fldChar")
    char.set(f"{W}fldCharType", kind)


def field_start(paragraph: Paragraph, instruction: str) -> None:
    """Open a field in ``paragraph``; what follows, up to :func:`field_end`, is its result."""
    _fld_char(paragraph, "begin")
    r = SubElement(p_of(paragraph), f"{W}r")
    instr = SubElement(r, f"{W}instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    _fld_char(paragraph, "separate")


def field_end(paragraph: Paragraph) -> None:
    """Close the field opened by :func:`field_start` (possibly paragraphs later)."""
    _fld_char(paragraph, "end")


# ---------------------------------------------------------------------------------------------
# Elements in schema order
# ---------------------------------------------------------------------------------------------

_PPR_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_PPR_AFTER_OUTLINE = _PPR_AFTER_BIDI[12:]
_PPR_AFTER_KEEP_NEXT = (
    "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", *_PPR_AFTER_BIDI,
)  # fmt: skip


SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
"""What follows ``w:updateFields`` in ``settings.xml``."""


def set_child(
    parent: BaseOxmlElement, tag: str, successors: Sequence[str] = (), **attributes: str
) -> BaseOxmlElement:
    """Replace (or add) the child ``tag`` of ``parent``, in schema order, with these attributes.

    Word refuses files whose elements are out of order, so the child goes before the first of
    ``successors`` present.
    """
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    child = OxmlElement(tag)
    set_attributes(child, **attributes)
    parent.insert_element_before(child, *successors)
    return child


def set_attributes(element: BaseOxmlElement, **attributes: str) -> BaseOxmlElement:
    """Set ``w:``-namespaced attributes on an element."""
    for name, value in attributes.items():
        element.set(f"{W}{name}", value)
    return element


def keep_with_next(p: BaseOxmlElement) -> None:
    """Keep a paragraph on the same page as the next (in a table: the row with the next row)."""
    p_pr = p.get_or_add_pPr()
    if p_pr.find(f"{W}keepNext") is None:
        # keepNext comes second in the schema, after the style only: no search needed.
        first = p_pr[0] if len(p_pr) else None
        at = 1 if first is not None and first.tag == f"{W}pStyle" else 0
        p_pr.insert(at, OxmlElement("w:keepNext"))


def add_borders(tbl_pr: BaseOxmlElement, kind: str, color: str) -> None:
    """Give a table its own lines (``kind`` "single"), or none at all (``kind`` "nil")."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = SubElement(borders, f"{W}{edge}")
        set_attributes(line, val=kind, sz="4", space="0", color=color)
    tbl_pr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )
