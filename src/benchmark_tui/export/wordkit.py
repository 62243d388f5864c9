"""Provides the writer of the findings document: styled paragraphs, lists, tables and sections.

:class:`DocWriter` appends to a document opened from a template and uses the template's styles.
When a template lacks one, an equivalent is added (headings, table text, "List Bullet" with
its numbering definition) or a fallback is used (explicit borders for tables), so that any
council's template works. Colours come from the template (its Heading 1 colour or its theme's
first accent); a template whose heading styles number themselves has that numbering switched off
for the findings' headings, which carry their own numbers ("1.1", "Characteristic 3").

Tables are built in :mod:`benchmark_tui.export.tables`. This module imports python-docx at the
top; it is itself imported only when a document is written (see
:func:`benchmark_tui.export.word.write_report`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from benchmark_tui.export.docxcompat import p_of, tbl_of
from benchmark_tui.export.measure import longest_word, text_width
from benchmark_tui.export.numbering import (
    BULLET_INDENT,
    EMU_PER_TWIP,
    ensure_bullet_style,
    style_numbering,
)
from benchmark_tui.export.ooxml import (
    Line,
    Span,
    W,
    add_runs,
    field_end,
    field_start,
    keep_with_next,
    set_attributes,
    set_child,
    xml_safe,
)
from benchmark_tui.export.styles import (
    ACCENT,
    STYLE_SPECS,
    Palette,
    StyleSpec,
    add_paragraph_style,
    complex_scripts,
    style_font,
    template_accent,
)
from benchmark_tui.export.tables import (
    Align,
    Cell,
    Grid,
    add_row,
    as_spans,
    fit_columns,
    new_table,
    scale_text,
)

__all__ = ["A4_PORTRAIT_TWIPS", "Align", "Cell", "DocWriter", "Grid", "Line"]
"""``Cell``, ``Grid``, ``Line`` and ``Align`` live in :mod:`.tables` and :mod:`.ooxml`; they are
named here too because every part of the document is written with them and the writer."""

_SECT_AFTER_COLS = (
    "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
COMPACT_INDENT = 198
"""A compact list's hanging indent, in twips (0.35 cm; Word's own is 0.63 cm)."""
A4_PORTRAIT_TWIPS = (11906, 16838)
"""Used only when a template's section gives no page size."""


def _no_stranded_rows(grid: Grid) -> None:
    """No row alone on a page: the first row of a table stays with the second (and the header
    with both), and the last with the one before it."""
    rows = tbl_of(grid.table).findall(f"{W}tr")
    body = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is None]
    if len(body) < 2:
        return
    for row in [r for r in rows if r not in body] + [body[0], body[-2]]:
        for p in row.iter(f"{W}p"):
            keep_with_next(p)


class DocWriter:
    """Writes paragraphs, lists and tables at the end of a document, with the template's styles.

    Args:
        document: an open document whose body is empty; its last section sets the page.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.palette = Palette.from_accent(template_accent(document) or ACCENT)
        """The template's colours, for table headers, labels and rating shades."""
        self.styles = {spec.name: self._ensure_style(spec) for spec in STYLE_SPECS}
        self.bullet_style = self._find_bullet_style()
        for style in [*self.styles.values(), self.bullet_style, document.styles["Normal"]]:
            complex_scripts(style.element)
        self._numbered: dict[str, bool] = {}
        """Whether each paragraph style used numbers itself (a council's numbered headings)."""
        self.table_style = self._find_style("Table Grid", WD_STYLE_TYPE.TABLE)
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._default_id = default.style_id if default is not None else None
        self._ids: dict[str, str | None] = {}
        self._body = document.element.body
        self.headings: list[tuple[int, str]] = []
        """Every heading written so far: (level, text)."""
        self._contents: BaseOxmlElement | None = None
        self._grids: list[Grid] = []
        """Every table written, so that :meth:`finish` can fit its columns to their words."""
        self._fonts: dict[str, tuple[str | None, float]] = {}
        self._padding = self._cell_padding()
        last = document.sections[-1]
        self.template_landscape = bool(
            last.page_width and last.page_height and last.page_width > last.page_height
        ) or (last.page_width is None and last.orientation == WD_ORIENT.LANDSCAPE)
        """Whether the template's pages are landscape (sections return to its orientation)."""

    # -- styles -----------------------------------------------------------------------------

    def _find_style(self, name: str, kind: WD_STYLE_TYPE) -> BaseStyle | None:
        styles = self.document.styles
        if name not in styles:
            return None
        style = styles[name]
        return style if style.type == kind else None

    def _ensure_style(self, spec: StyleSpec) -> BaseStyle:
        found = self._find_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        if found is not None:
            return found
        if spec.color == ACCENT:
            spec = replace(spec, color=self.palette.accent)
        return add_paragraph_style(self.document, spec)

    def _find_bullet_style(self) -> BaseStyle:
        """The template's "List Bullet" if it numbers its paragraphs; otherwise one is added."""
        return ensure_bullet_style(self.document)

    def _numbers_itself(self, name: str) -> bool:
        """Whether paragraphs of style ``name`` get a number from the style (or its base).

        A council's numbered Heading 1 would put "3" before our "Section 1: …", and "3.1" before
        "1.1 Desired strategic outcomes"; styles based on it (such as "TOC Heading") too.
        """
        if name not in self._numbered:
            style = self.styles.get(name) or self._find_style(name, WD_STYLE_TYPE.PARAGRAPH)
            self._numbered[name] = name != "List Bullet" and style_numbering(style) is not None
        return self._numbered[name]

    def _style_id(self, name: str | None) -> str | None:
        """The style id to write for a style name; None for the default style or a missing one."""
        if name is None:
            return None
        if name not in self._ids:
            style: Any
            if name == "List Bullet":
                style = self.bullet_style
            elif name in self.styles:
                style = self.styles[name]
            else:
                style = self._find_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style_id = style.style_id if style is not None else None
            self._ids[name] = None if style_id == self._default_id else style_id
        return self._ids[name]

    # -- paragraphs -------------------------------------------------------------------------

    def _new_p(
        self,
        style: str | None,
        *,
        keep_with_next: bool = False,
        page_break: bool = False,
        align: Align | None = None,
        space_after: int | None = None,
        single: bool = False,
    ) -> BaseOxmlElement:
        """A ``w:p`` with its properties, in schema order, not yet placed anywhere.

        ``space_after`` (twips) overrides the style's space below the paragraph, and
        ``single`` its line spacing (a house style's 1.15 lines, for compact text).

        The findings number their own headings, so numbering from a template's style is
        switched off.
        """
        p = OxmlElement("w:p")
        style_id = self._style_id(style)
        unnumbered = style is not None and self._numbers_itself(style)
        spaced = space_after is not None or single
        if style_id or keep_with_next or page_break or align or unnumbered or spaced:
            p_pr = SubElement(p, f"{W}pPr")
            if style_id:
                SubElement(p_pr, f"{W}pStyle").set(f"{W}val", style_id)
            if keep_with_next:
                SubElement(p_pr, f"{W}keepNext")
            if page_break:
                SubElement(p_pr, f"{W}pageBreakBefore")
            if unnumbered:
                num_pr = SubElement(p_pr, f"{W}numPr")
                SubElement(num_pr, f"{W}ilvl").set(f"{W}val", "0")
                SubElement(num_pr, f"{W}numId").set(f"{W}val", "0")
            if spaced:
                spacing = SubElement(p_pr, f"{W}spacing")
                if space_after is not None:
                    set_attributes(spacing, before="0", after=str(space_after))
                if single:
                    set_attributes(spacing, line="240", lineRule="auto")
            if align:
                SubElement(p_pr, f"{W}jc").set(f"{W}val", align)
        return p

    def _append(self, element: BaseOxmlElement) -> None:
        """Place a block (paragraph or table) at the end of the body, before its section."""
        last = self._body[-1] if len(self._body) else None
        if last is not None and last.tag == f"{W}sectPr":
            last.addprevious(element)
        else:
            self._body.append(element)

    def paragraph(
        self,
        *parts: Span | str,
        style: str = "Normal",
        keep_with_next: bool = False,
        page_break: bool = False,
        align: Align | None = None,
        space_after: int | None = None,
        single: bool = False,
    ) -> Paragraph:
        """Add a paragraph made of ``parts`` (plain strings or formatted spans); ``space_after``
        (twips) overrides the style's space below it, ``single`` its line spacing."""
        p = self._new_p(
            style,
            keep_with_next=keep_with_next,
            page_break=page_break,
            align=align,
            space_after=space_after,
            single=single,
        )
        add_runs(p, [Span(part) if isinstance(part, str) else part for part in parts])
        self._append(p)
        return Paragraph(p, self.document)

    def keep_last_with_next(self) -> None:
        """Keep the last paragraph written on the same page as whatever comes next."""
        sentinel = self._body.get_or_add_sectPr()
        previous = sentinel.getprevious()
        if previous is not None and previous.tag == f"{W}p":
            keep_with_next(previous)

    def text_block(self, text: str, style: str = "Normal") -> None:
        """Add text typed by the team as they laid it out: a paragraph per line (or paragraph
        separator, U+2029), its indentation and its blank lines kept (those before and after
        the text aside); a line separator (U+2028) is a line break within the paragraph."""
        lines = [line.rstrip() for line in re.split("[\n\u2029]", xml_safe(text))]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        for line in lines:
            self.paragraph(line, style=style)

    def heading(
        self, text: str, level: int, *, new_page: bool = False, size: float | None = None
    ) -> Paragraph:
        """Add a heading (levels 1–4 build the navigation pane; 1–2 the contents).

        Levels never jump: a heading is at most one level below the one before it. ``size``
        (points) overrides the style's, for headings in narrow columns.
        """
        if self.headings:
            level = min(level, self.headings[-1][0] + 1)
        self.headings.append((level, xml_safe(text)))
        return self.paragraph(
            Span(text, size=size), style=f"Heading {level}", keep_with_next=True,
            page_break=new_page,
        )  # fmt: skip

    def bullets(
        self, items: Iterable[Line], *, keep_together: bool = False, compact: bool = False
    ) -> None:
        """Add a bulleted list, one item per entry.

        With ``keep_together`` the list stays on one page (for short lists, such as the two to
        four strengths the method asks for, so no item is left alone on a page). ``compact``
        leaves only a point between the items, single line spacing and a narrower indent (the
        pre-read's).
        """
        lines = list(items)
        for index, item in enumerate(lines):
            spans = as_spans(item)
            with_next = keep_together and index < len(lines) - 1
            after = (20 if index < len(lines) - 1 else 120) if compact else None
            p = self._new_p(
                "List Bullet", keep_with_next=with_next, space_after=after, single=compact
            )
            if compact:  # the bullet closer to its text: narrow columns keep their width
                ind = SubElement(p.get_or_add_pPr(), f"{W}ind")
                set_attributes(ind, left=str(COMPACT_INDENT), hanging=str(COMPACT_INDENT))
            add_runs(p, spans)
            self._append(p)

    # -- contents ---------------------------------------------------------------------------

    def contents(self, instruction: str, placeholder: str) -> None:
        """Start a table of contents here; :meth:`finish_contents` lists the headings in it.

        The contents is a real TOC field: Word adds the page numbers when the field is updated.
        Until then it shows the headings written below, so it is never empty.
        """
        paragraph = self.paragraph(style="Note")
        field_start(paragraph, instruction)
        add_runs(p_of(paragraph), [Span(placeholder)])
        self._contents = p_of(paragraph)

    def scale_tables(self, factor: float, floor_pt: float = 0.0) -> None:
        """Make the text of every table written so far ``factor`` as large (a compact layout),
        none smaller than ``floor_pt``."""
        size = self.font_of("Table Text")[1]
        kept = min(1.0, max(factor, floor_pt / size))  # the words' widths shrink no further
        for grid in self._grids:
            scale_text(grid, factor, size, floor_pt)
            grid.needs = [int(n * kept) + 1 for n in grid.needs]

    def finish(self) -> None:
        """Complete the document: fill in the contents, and end the body with a paragraph.

        Word expects a paragraph, not a table, just before the final section properties.
        """
        self.finish_contents()
        for grid in self._grids:
            fit_columns(grid, self.font_of("Table Text")[1])
            _no_stranded_rows(grid)
        sentinel = self._body.get_or_add_sectPr()
        previous = sentinel.getprevious()
        if previous is None or previous.tag != f"{W}p":
            self.paragraph(style="Note")

    def finish_contents(self, levels: int = 2) -> None:
        """List the headings of levels 1 to ``levels`` in the contents and close its field."""
        if self._contents is None:
            return
        last = self._contents
        for level, text in self.headings:
            if level > levels:
                continue
            entry = self._new_p(f"toc {level}")
            if self._style_id(f"toc {level}") is None:  # compact, so the contents fit a page
                p_pr = entry.get_or_add_pPr()
                # A landscape page has room for fewer lines: no space between them there.
                after = "0" if self.template_landscape else "40"
                set_attributes(SubElement(p_pr, f"{W}spacing"), before="0", after=after)
                if level > 1:
                    ind = SubElement(p_pr, f"{W}ind")
                    ind.set(f"{W}left", str(BULLET_INDENT // EMU_PER_TWIP))
            add_runs(entry, [Span(text)])
            last.addnext(entry)
            last = entry
        field_end(Paragraph(last, self.document))
        self._contents = None

    # -- sections ---------------------------------------------------------------------------

    @property
    def section(self) -> Section:
        """The section new content is added to (the document's last)."""
        return self.document.sections[-1]

    def usable_width(self) -> int:
        """The width between the margins of the current section, in twips."""
        section = self.section
        width = section.page_width
        if width is None:
            landscape = section.orientation == WD_ORIENT.LANDSCAPE
            width = Emu(A4_PORTRAIT_TWIPS[1 if landscape else 0] * EMU_PER_TWIP)
        left = section.left_margin if section.left_margin is not None else Emu(914_400)
        right = section.right_margin if section.right_margin is not None else Emu(914_400)
        gutter = section.gutter or 0  # binding room, beside the left (or inside) margin
        if self.document.settings.element.find(f"{W}gutterAtTop") is not None:
            gutter = 0
        return max(int((width - left - right - gutter) / EMU_PER_TWIP), 2000)

    def new_section(
        self,
        *,
        landscape: bool | None = None,
        columns: int = 1,
        continuous: bool = False,
        gap: int = 567,
    ) -> Section:
        """Start a new section on a new page, in landscape or in the template's orientation.

        The section ends at the last paragraph written (no empty paragraph is added, which
        could spill onto a page of its own), inherits the header and footer, and keeps the
        template's margins, gutter and paper. ``landscape`` True turns pages sideways (a
        landscape template's already are); None returns to the template's orientation.
        ``columns`` sets newspaper columns, ``gap`` twips apart (1 cm); ``continuous`` starts
        the section on the same page.
        The template's page numbering runs on (a restart it sets is not repeated).
        """
        if landscape is None or self.template_landscape:
            landscape = self.template_landscape
        sentinel = self._body.get_or_add_sectPr()
        previous = sentinel.getprevious()
        if (
            previous is None
            or previous.tag != f"{W}p"
            or previous.find(f"{W}pPr/{W}sectPr") is not None
        ):
            previous = p_of(self.paragraph())
        previous.set_sectPr(copy.deepcopy(sentinel))
        for reference in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(reference)
        for numbering in sentinel.findall(f"{W}pgNumType"):
            numbering.attrib.pop(f"{W}start", None)
        for old in sentinel.findall(f"{W}cols"):
            sentinel.remove(old)
        if columns > 1:
            set_child(sentinel, "w:cols", _SECT_AFTER_COLS, num=str(columns), space=str(gap))
        section = self.section
        section.start_type = WD_SECTION.CONTINUOUS if continuous else WD_SECTION.NEW_PAGE
        section.different_first_page_header_footer = False
        width, height = section.page_width, section.page_height
        if width is None or height is None:
            width, height = (Emu(v * EMU_PER_TWIP) for v in A4_PORTRAIT_TWIPS)
        short, long = sorted((width, height))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        return section

    # -- tables -----------------------------------------------------------------------------

    def table(
        self,
        weights: Sequence[float],
        header: Sequence[Line | list[Line] | Cell] | None = None,
        *,
        caption: str,
        keep_together: bool = False,
        borders: bool = True,
    ) -> Grid:
        """Add a table whose columns share the page width in proportion to ``weights``.

        Args:
            weights: relative column widths.
            header: the header row (repeated on every page the table spans), if any.
            caption: what the table shows, for screen readers (Word's "alt text").
            keep_together: keep the table on one page (for small tables).
            borders: False for a borderless layout table (the title page's facts).
        """
        total = self.usable_width()
        widths = [int(total * w / sum(weights)) for w in weights]
        style_id = self.table_style.style_id if self.table_style is not None else None
        tbl = new_table(widths, style_id=style_id, borders=borders, caption=caption)
        self._append(tbl)
        grid = Grid(Table(tbl, self.document), widths, keep_together, [0] * len(widths))
        self._grids.append(grid)
        if header is not None:
            palette = self.palette
            self.row(
                grid,
                header,
                style="Table Heading",
                fill=palette.accent,
                color=palette.on_accent,
                header=True,
            )
        return grid

    def font_of(self, style: str) -> tuple[str | None, float]:
        """The font and size (points) of a paragraph style, as the template resolves them."""
        if style not in self._fonts:
            self._fonts[style] = style_font(self.document, style)
        return self._fonts[style]

    def _cell_padding(self) -> int:
        """A cell's left and right margins (twips): the table style's, or Word's 0.19 cm."""
        padding = 0
        style = self.table_style.element if self.table_style is not None else None
        for edge in ("left", "right"):
            found = style.find(f"{W}tblPr/{W}tblCellMar/{W}{edge}") if style is not None else None
            value = found.get(f"{W}w", "") if found is not None else ""
            padding += int(value) if value.isdigit() else 108
        return padding + 30  # and a little to spare, for rounding in Word's layout

    def cell_width(
        self,
        text: str,
        *,
        style: str = "Table Text",
        size: float | None = None,
        bold: bool = False,
        whole: bool = False,
    ) -> int:
        """The width (twips) a cell of ``style`` needs so that no word of ``text`` breaks (or,
        ``whole``, so that it stays on one line): its widest word in the style's font, a tenth
        to spare, and the cell's margins."""
        font, style_size = self.font_of(style)
        measure = text_width if whole else longest_word
        widest = measure(text, font, size or style_size, bold)
        # A tenth to spare: the reader's copy of the font may be a wider substitute.
        return int(widest * 20 * 1.1) + self._padding

    def _measure(
        self,
        grid: Grid,
        cells: Sequence[Line | list[Line] | Cell],
        style: str,
        header: bool,
    ) -> None:
        """Note the widest word of each single-column cell, so no column is made narrower."""
        column = 0
        for item in cells:
            cell = item if isinstance(item, Cell) else Cell(item)
            if cell.span == 1 and column < len(grid.needs):
                font, size = self.font_of(cell.style or style)
                lines = cell.content if isinstance(cell.content, list) else [cell.content]
                widest = max(
                    (
                        longest_word(
                            s.text, s.font or font, s.size or size, s.bold or cell.bold or header
                        )
                        for line in lines
                        for s in as_spans(line)
                    ),
                    default=0.0,
                )
                # A tenth to spare: the reader's copy of the font may be a wider substitute.
                need = int(widest * 20 * 1.1) + self._padding
                grid.needs[column] = max(grid.needs[column], need)
            column += cell.span

    def row(
        self,
        grid: Grid,
        cells: Sequence[Line | list[Line] | Cell],
        *,
        style: str = "Table Text",
        fill: str | None = None,
        color: str | None = None,
        header: bool = False,
        with_next: bool = False,
    ) -> None:
        """Add a row; each cell holds one line, a list of lines, or a :class:`Cell`.

        Rows never split across pages; a header row repeats on each page the table spans.
        ``with_next`` keeps this row on the same page as the next (a measure and its note).
        """
        self._measure(grid, cells, style, header)
        add_row(
            grid,
            cells,
            lambda style, align: self._new_p(style, align=align),
            style=style,
            fill=fill,
            color=color,
            header=header,
            with_next=with_next,
        )
