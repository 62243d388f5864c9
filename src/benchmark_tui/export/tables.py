"""Provides the tables of the findings document: cells, the grid, and their WordprocessingML.

:class:`~benchmark_tui.export.wordkit.DocWriter` places tables and rows (``writer.table``,
``writer.row``); this module builds them: a fixed-layout table whose columns share the page
width, with alt text, and rows that never split across pages (a header row repeats on each page
the table spans). The elements are written in schema order, as in
:mod:`benchmark_tui.export.ooxml`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
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
    xml_safe,
)
from benchmark_tui.export.styles import BORDER

Align = Literal["left", "center", "right"]

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
        style_id: the template's table style (its "Table Grid"), if it has one.
        borders: False for a borderless layout table; explicit borders are drawn when there
            is no table style to draw them.
        caption: what the table shows, for screen readers (Word's "alt text").
    """
    tbl = OxmlElement("w:tbl")
    tbl_pr = SubElement(tbl, f"{W}tblPr")
    if borders and style_id is not None:
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
