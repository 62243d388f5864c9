"""Provides the tables of the findings document: cells, the grid, and their WordprocessingML.

:class:`~benchmark_tui.export.wordkit.DocWriter` places tables and rows (``writer.table``,
``writer.row``); this module builds them: a fixed-layout table whose columns share the page
width, with alt text, and rows that never split across pages (a header row repeats on each page
the table spans). The elements are written in schema order, as in
:mod:`benchmark_tui.export.ooxml`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from docx.oxml import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from lxml.etree import SubElement

from benchmark_tui.export.docxcompat import tbl_of
from benchmark_tui.export.ooxml import (
    Line,
    Span,
    W,
    add_borders,
    add_runs,
    keep_with_next,
    set_attributes,
    set_child,
    xml_safe,
)
from benchmark_tui.export.styles import BORDER

Align = Literal["left", "center", "right"]
_RPR_AFTER_SZ = {
    "sz": ("w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
           "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
           "w:specVanish", "w:oMath"),
    "szCs": ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
             "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
}  # fmt: skip

NewParagraph = Callable[[str, "Align | None"], BaseOxmlElement]
"""Makes an empty ``w:p`` of a paragraph style, aligned (the writer's, which knows the styles)."""


@dataclass(frozen=True)
class Cell:
    """One table cell: its lines and how it looks."""

    content: Line | list[Line]
    fill: str | None = None
    """Background colour, hex ``RRGGBB``."""
    color: str | None = None
    """Text colour for spans that do not set their own."""
    bold: bool = False
    align: Align | None = None
    middle: bool = False
    """Centre the content vertically."""
    span: int = 1
    """How many columns the cell covers."""
    style: str | None = None
    """Paragraph style; None uses the row's."""


@dataclass
class Grid:
    """A table being written, with the column widths its rows use."""

    table: Table
    widths: list[int]
    """Column widths in twips."""
    keep_together: bool = False
    needs: list[int] = field(default_factory=list)
    """The narrowest each column may be, in twips: its widest word, with the cell's margins."""


def as_spans(line: Line) -> list[Span]:
    """The runs of one line (plain text is one run)."""
    if isinstance(line, str):
        return [Span(line)]
    if isinstance(line, Span):
        return [line]
    return list(line)


def new_table(
    widths: Sequence[int], *, style_id: str | None, borders: bool, caption: str
) -> BaseOxmlElement:
    """A ``w:tbl`` with fixed column ``widths`` (twips), not yet placed anywhere.

    Args:
        widths: the columns' widths in twips.
        style_id: the template's table style (its "Table Grid"), if it has one; a borderless
            table takes it too (with its lines taken off), so that its cells are spaced as
            every other table's, not by the document's defaults (often 10 pt after each).
        borders: False for a borderless layout table; explicit borders are drawn when there
            is no table style to draw them.
        caption: what the table shows, for screen readers (Word's "alt text").
    """
    tbl = OxmlElement("w:tbl")
    tbl_pr = SubElement(tbl, f"{W}tblPr")
    if style_id is not None:  # borderless too: its paragraph spacing, not the document's
        SubElement(tbl_pr, f"{W}tblStyle").set(f"{W}val", style_id)
    set_attributes(SubElement(tbl_pr, f"{W}tblW"), w=str(sum(widths)), type="dxa")
    set_attributes(SubElement(tbl_pr, f"{W}tblInd"), w="0", type="dxa")
    if not borders or style_id is None:
        add_borders(tbl_pr, "single" if borders else "nil", BORDER)
    set_attributes(SubElement(tbl_pr, f"{W}tblLayout"), type="fixed")
    set_attributes(SubElement(tbl_pr, f"{W}tblLook"), val="04A0", firstRow="1", lastRow="0",
         firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")  # fmt: skip
    SubElement(tbl_pr, f"{W}tblCaption").set(f"{W}val", xml_safe(caption)[:250])
    grid_el = SubElement(tbl, f"{W}tblGrid")
    for width in widths:
        SubElement(grid_el, f"{W}gridCol").set(f"{W}w", str(width))
    return tbl


def add_row(
    grid: Grid,
    cells: Sequence[Line | list[Line] | Cell],
    new_paragraph: NewParagraph,
    *,
    style: str,
    fill: str | None,
    color: str | None,
    header: bool,
    with_next: bool,
) -> None:
    """Add a row to ``grid``; see :meth:`~benchmark_tui.export.wordkit.DocWriter.row`.

    Raises:
        ValueError: the cells do not cover the table's columns exactly.
    """
    tr = OxmlElement("w:tr")
    tr_pr = SubElement(tr, f"{W}trPr")
    SubElement(tr_pr, f"{W}cantSplit")
    if header:
        SubElement(tr_pr, f"{W}tblHeader")
    column = 0
    for item in cells:
        cell = item if isinstance(item, Cell) else Cell(item)
        width = sum(grid.widths[column : column + cell.span])
        column += cell.span
        tc = SubElement(tr, f"{W}tc")
        tc_pr = SubElement(tc, f"{W}tcPr")
        set_attributes(SubElement(tc_pr, f"{W}tcW"), w=str(width), type="dxa")
        if cell.span > 1:
            SubElement(tc_pr, f"{W}gridSpan").set(f"{W}val", str(cell.span))
        if cell.fill or fill:
            set_attributes(SubElement(tc_pr, f"{W}shd"), val="clear", color="auto",
                 fill=str(cell.fill or fill))  # fmt: skip
        if cell.middle:
            SubElement(tc_pr, f"{W}vAlign").set(f"{W}val", "center")
        lines = cell.content if isinstance(cell.content, list) else [cell.content]
        text_color = cell.color or color
        for line in lines or [""]:
            p = new_paragraph(cell.style or style, cell.align)
            spans = as_spans(line)
            if text_color or cell.bold:
                spans = [
                    replace(s, color=s.color or text_color, bold=s.bold or cell.bold) for s in spans
                ]
            add_runs(p, spans)
            tc.append(p)
    if column != len(grid.widths):
        raise ValueError(f"row covers {column} columns; the table has {len(grid.widths)}")
    tbl = tbl_of(grid.table)
    previous = tbl[-1]
    if grid.keep_together and previous.tag == f"{W}tr":
        for p in previous.iter(f"{W}p"):
            keep_with_next(p)
    if with_next:
        for p in tr.iter(f"{W}p"):
            keep_with_next(p)
    tbl.append(tr)


MIN_TABLE_PT = 7.5
"""The smallest a table's text is made to fit its words on the page (see :func:`fit_columns`)."""


def fit_columns(grid: Grid, text_pt: float) -> None:
    """Widen the columns too narrow for their widest word, taking the room from the others.

    The widths the table was made with are kept where every word fits. A column narrower than
    its widest word (``Improving`` in a wide house font, ``2025-A3``) is widened, and the room
    comes from columns with more than they need, in proportion to what they can spare. When
    the words cannot fit side by side at all, the table's text is made smaller (down to
    :data:`MIN_TABLE_PT`) before the columns are shared out.
    """
    widths = list(grid.widths)
    needs = [min(n, sum(widths)) for n in grid.needs] if grid.needs else [0] * len(widths)
    total = sum(widths)
    if all(w >= n for w, n in zip(widths, needs, strict=True)):
        return
    if sum(needs) > total and text_pt > MIN_TABLE_PT:
        factor = max(MIN_TABLE_PT / text_pt, total / sum(needs))
        scale_text(grid, factor, text_pt)
        needs = [int(n * factor) + 1 for n in needs]
    short = sum(max(0, n - w) for w, n in zip(widths, needs, strict=True))
    spare = sum(max(0, w - n) for w, n in zip(widths, needs, strict=True))
    if spare <= 0:
        return
    share = min(1.0, short / spare)
    widths = [
        max(n, w) if w < n else w - int((w - n) * share) for w, n in zip(widths, needs, strict=True)
    ]
    widths[-1] += total - sum(widths)  # whole twips: the table keeps its width exactly
    _set_widths(grid, widths)


def _set_widths(grid: Grid, widths: list[int]) -> None:
    grid.widths = widths
    tbl = tbl_of(grid.table)
    for col, width in zip(tbl.iter(f"{W}gridCol"), widths, strict=False):
        col.set(f"{W}w", str(width))
    for tr in tbl.iter(f"{W}tr"):
        column = 0
        for tc in tr.iter(f"{W}tc"):
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val", "1")) if span_el is not None else 1
            tc_w = tc.find(f"{W}tcPr/{W}tcW")
            if tc_w is not None:
                tc_w.set(f"{W}w", str(sum(widths[column : column + span])))
            column += span


def scale_text(grid: Grid, factor: float, text_pt: float, floor_pt: float = 0.0) -> None:
    """Make every run of the table ``factor`` as large (those without a size: the style's),
    but none smaller than ``floor_pt`` (nor larger than it was)."""
    for r in tbl_of(grid.table).iter(f"{W}r"):
        r_pr = r.find(f"{W}rPr")
        if r_pr is None:
            r_pr = OxmlElement("w:rPr")
            r.insert(0, r_pr)
        size = r_pr.find(f"{W}sz")
        half_points = int(size.get(f"{W}val", "0")) if size is not None else round(text_pt * 2)
        value = str(min(half_points, max(2, int(half_points * factor), int(floor_pt * 2))))
        for tag in ("sz", "szCs"):
            found = r_pr.find(f"{W}{tag}")
            if found is None:
                found = set_child(r_pr, f"w:{tag}", _RPR_AFTER_SZ[tag])
            found.set(f"{W}val", value)
