"""Provides an estimate of how many pages a document fills, without a word processor.

Word lays the document out on the reader's computer; nothing here can. But the pre-read must
stay within six pages in any house style, so it is measured as it is written: every paragraph
wrapped word by word in its style's font and size (:mod:`.measure`), with its spacing, every
table row as tall as its tallest cell, pages as tall as the section's margins allow, headings
kept with what follows, rows never split. Checked against LibreOffice's layout of the house
styles in the tests; it errs long, not short (see ``tests/export/test_handout.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.xmlchemy import BaseOxmlElement

from benchmark_tui.export.measure import text_width
from benchmark_tui.export.ooxml import W
from benchmark_tui.export.styles import style_font

LINE_FACTOR = 1.17
"""A line's height per point of type (ascent and descent of the common fonts, and leading)."""
CELL_PADDING_PT = 11.0
"""A cell's left and right margins together (Word's 0.19 cm each), in points."""
ROW_PADDING_PT = 3.0
"""A row's top and bottom cell margins and its lines, in points."""


@dataclass
class _Style:
    font: str | None
    size: float
    before: float
    after: float
    line: float
    """Line spacing factor (1.0 single) or, if negative, an exact line height in points."""
    keep_next: bool
    indent: float


@dataclass
class _Page:
    height: float
    width: float
    columns: int = 1


@dataclass
class Estimate:
    """Pages counted, and where each began (by the text at its top), for a reader to check."""

    pages: int = 1
    used: float = 0.0
    room: float = 1.0
    """The height of the last page (times its columns), in points."""
    tops: list[str] = field(default_factory=list)

    @property
    def last_page_filled(self) -> float:
        """How much of the last page is used (0 to 1)."""
        return min(1.0, self.used / self.room) if self.room else 1.0


class _Styles:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.names = {s.style_id: s.name for s in document.styles}
        self.cache: dict[str | None, _Style] = {}
        self.default_id = next(
            (s.style_id for s in document.styles if s.name == "Normal"), "Normal"
        )

    def of(self, style_id: str | None) -> _Style:
        if style_id not in self.cache:
            name = self.names.get(style_id or self.default_id, "Normal")
            font, size = style_font(self.document, name)
            before, after, line, keep, indent = 0.0, 0.0, 1.0, False, 0.0
            chain = []
            style = self.document.styles[name] if name in self.document.styles else None  # noqa: SIM401
            for _ in range(20):
                if style is None:
                    break
                chain.append(style.element.find(f"{W}pPr"))
                style = style.base_style
            chain.append(self.document.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr"))
            found: dict[str, float] = {}
            for p_pr in chain:
                if p_pr is None:
                    continue
                spacing = p_pr.find(f"{W}spacing")
                if spacing is not None:
                    for key in ("before", "after", "line"):
                        value = spacing.get(f"{W}{key}")
                        if key not in found and value and value.lstrip("-").isdigit():
                            rule = spacing.get(f"{W}lineRule", "auto")
                            if key == "line":
                                found[key] = (
                                    int(value) / 240 if rule == "auto" else -int(value) / 20
                                )
                            else:
                                found[key] = int(value) / 20
                keep = keep or p_pr.find(f"{W}keepNext") is not None
                ind = p_pr.find(f"{W}ind")
                if ind is not None and "indent" not in found:
                    found["indent"] = int(ind.get(f"{W}left", ind.get(f"{W}start", "0")) or 0) / 20
                if p_pr.find(f"{W}numPr") is not None and "indent" not in found:
                    found["indent"] = 18.0
            before = found.get("before", before)
            after = found.get("after", after)
            line = found.get("line", line)
            indent = found.get("indent", indent)
            self.cache[style_id] = _Style(font, size, before, after, line, keep, indent)
        return self.cache[style_id]


def estimate_pages(document: Document) -> Estimate:
    """How many pages ``document`` fills (an estimate that errs long)."""
    styles = _Styles(document)
    body = document.element.body
    estimate = Estimate()
    sections = [p.find(f"{W}pPr/{W}sectPr") for p in body.iter(f"{W}p")]
    section_ends = [s for s in sections if s is not None] + [body.find(f"{W}sectPr")]
    index = 0
    page = _page_of(document, section_ends[index])
    blocks = list(body)
    for position, block in enumerate(blocks):
        if block.tag == f"{W}p":
            p_pr = block.find(f"{W}pPr")
            if p_pr is not None and p_pr.find(f"{W}pageBreakBefore") is not None:
                _new_page(estimate, block)
            style, height = _paragraph(block, styles, page.width)
            room = page.height * page.columns
            keep = style.keep_next or (p_pr is not None and p_pr.find(f"{W}keepNext") is not None)
            need = height + (2 * style.size * LINE_FACTOR if keep else 0)
            if estimate.used + min(need, room) > room and estimate.used > 0:
                _new_page(estimate, block)
            estimate.used += height
            while estimate.used > room:
                estimate.pages += 1
                estimate.used -= room
            if p_pr is not None and p_pr.find(f"{W}sectPr") is not None:
                index += 1
                before, page = page, _page_of(document, section_ends[index])
                start = section_ends[index].find(f"{W}type")
                new_page = start is None or start.get(f"{W}val") != "continuous"
                if new_page and position + 1 < len(blocks):
                    _new_page(estimate, blocks[position + 1])
                elif not new_page:
                    # The page goes on in the new section's columns: the height used so far
                    # is used in each of them.
                    estimate.used *= page.columns / before.columns
        elif block.tag == f"{W}tbl":
            room = page.height * page.columns
            for row in block.iter(f"{W}tr"):
                height = _row(row, styles)
                if estimate.used + height > room and estimate.used > 0:
                    _new_page(estimate, row)
                estimate.used += height
    estimate.room = page.height * page.columns
    return estimate


def _new_page(estimate: Estimate, block: BaseOxmlElement) -> None:
    estimate.pages += 1
    estimate.used = 0.0
    estimate.tops.append("".join(t.text or "" for t in block.iter(f"{W}t"))[:40])


def _page_of(document: Document, sect_pr: BaseOxmlElement | None) -> _Page:
    def twips(element: BaseOxmlElement | None, name: str, default: int) -> int:
        value = element.get(f"{W}{name}") if element is not None else None
        return int(value) if value and value.lstrip("-").isdigit() else default

    size = sect_pr.find(f"{W}pgSz") if sect_pr is not None else None
    margin = sect_pr.find(f"{W}pgMar") if sect_pr is not None else None
    cols = sect_pr.find(f"{W}cols") if sect_pr is not None else None
    width = twips(size, "w", 11906) - twips(margin, "left", 1440) - twips(margin, "right", 1440)
    width -= twips(margin, "gutter", 0)
    height = twips(size, "h", 16838) - abs(twips(margin, "top", 1440))
    height -= abs(twips(margin, "bottom", 1440))
    columns = max(1, twips(cols, "num", 1))
    space = twips(cols, "space", 720) if columns > 1 else 0
    return _Page(height / 20, (width - space * (columns - 1)) / columns / 20, columns)


def _paragraph(p: BaseOxmlElement, styles: _Styles, width: float) -> tuple[_Style, float]:
    p_pr = p.find(f"{W}pPr")
    style_el = p_pr.find(f"{W}pStyle") if p_pr is not None else None
    style = styles.of(style_el.get(f"{W}val") if style_el is not None else None)
    before, after = style.before, style.after
    indent = style.indent
    ind = p_pr.find(f"{W}ind") if p_pr is not None else None
    if ind is not None and (ind.get(f"{W}left") or "").isdigit():
        indent = int(ind.get(f"{W}left", "0")) / 20
    spacing = p_pr.find(f"{W}spacing") if p_pr is not None else None
    line = style.line
    if spacing is not None:
        before = int(spacing.get(f"{W}before", before * 20)) / 20
        after = int(spacing.get(f"{W}after", after * 20)) / 20
        if (spacing.get(f"{W}line") or "").isdigit() and spacing.get(f"{W}lineRule") == "auto":
            line = int(spacing.get(f"{W}line", "240")) / 240
    sizes = []
    lines = 0
    for segment in _segments(p):
        text, seg_size, bold = segment
        sizes.append(seg_size or style.size)
        lines += _wrap(text, style.font, seg_size or style.size, bold, width - indent)
    size = max(sizes, default=style.size)
    lines = max(lines, 1)
    line_height = -line if line < 0 else size * LINE_FACTOR * line
    return style, before + after + lines * line_height


def _segments(p: BaseOxmlElement) -> list[tuple[str, float, bool]]:
    """The paragraph's text, as lines between breaks: (text, largest size, bold)."""
    segments: list[tuple[str, float, bool]] = []
    text, size, bold = "", 0.0, False
    for r in p.iter(f"{W}r"):
        r_pr = r.find(f"{W}rPr")
        sz = r_pr.find(f"{W}sz") if r_pr is not None else None
        if sz is not None and (r.find(f"{W}t") is not None):
            size = max(size, int(sz.get(f"{W}val", "0")) / 2)
        bold = bold or (r_pr is not None and r_pr.find(f"{W}b") is not None)
        for child in r:
            if child.tag == f"{W}t":
                text += child.text or ""
            elif child.tag == f"{W}tab":
                text += "    "
            elif child.tag == f"{W}br":
                segments.append((text, size, bold))
                text = ""
    segments.append((text, size, bold))
    return segments


def _wrap(text: str, font: str | None, size: float, bold: bool, width: float) -> int:
    """How many lines ``text`` takes in ``width`` points, wrapped at spaces."""
    if not text.strip():
        return 1
    space = text_width(" ", font, size, bold)
    lines, used = 1, 0.0
    for word in text.split():
        w = text_width(word, font, size, bold)
        if used and used + space + w > width:
            lines += 1
            used = 0.0
        if w > width:
            lines += math.ceil(w / width) - 1
            used = w % width
        else:
            used += (space if used else 0) + w
    return lines


def _row(row: BaseOxmlElement, styles: _Styles) -> float:
    tallest = 0.0
    for tc in row.iter(f"{W}tc"):
        tc_w = tc.find(f"{W}tcPr/{W}tcW")
        width = int(tc_w.get(f"{W}w", "2000")) / 20 if tc_w is not None else 100.0
        height = sum(
            _paragraph(p, styles, max(20.0, width - CELL_PADDING_PT))[1]
            for p in tc.findall(f"{W}p")
        )
        tallest = max(tallest, height)
    return tallest + ROW_PADDING_PT
