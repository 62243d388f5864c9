"""Provides the colours and paragraph styles of the findings document.

The default template defines every style in :data:`STYLE_SPECS` (see ``tools/make_template.py``);
with a council's own template, any that it lacks are added from the same specs.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle

from benchmark_tui.export.ooxml import set_child

ACCENT = "1F4E79"
"""Headings and table header rows: a dark blue that prints well in greyscale."""
MUTED = "595959"
"""Secondary text: questions under matrix elements, notes."""
ALERT = "A0430A"
"""Marks what is not yet agreed (dark orange, readable on white)."""
RATING_FILLS = ("EEF3F8", "D0DFEE", "A8C4E0", "6B9BCB", "2F5F8F")
"""Cell shading for ratings 0–4: one hue from light to strong, distinct in greyscale too."""
RATING_TEXT = ("000000", "000000", "000000", "000000", "FFFFFF")
"""Text colour on each rating's shading (contrast at least 6.5:1)."""
BORDER = "A6A6A6"
"""Table lines, where the writer draws them itself."""
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


@dataclass(frozen=True)
class StyleSpec:
    """How to make a paragraph style when the template does not have it."""

    name: str
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    space_before: float | None = None
    space_after: float | None = None
    outline_level: int | None = None
    keep_with_next: bool = False
    base: str = "Normal"


STYLE_SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Title", size=30, bold=True, color=ACCENT, space_after=6),
    StyleSpec("Subtitle", size=18, color="262626", space_after=24),
    StyleSpec("Heading 1", 18, True, color=ACCENT, space_before=0, space_after=10, outline_level=0),
    StyleSpec("Heading 2", 14, True, color=ACCENT, space_before=18, space_after=6, outline_level=1),
    StyleSpec("Heading 3", 11.5, True, color="262626", space_before=12, space_after=4,
              outline_level=2),
    StyleSpec("TOC Heading", 18, True, color=ACCENT, space_after=10),
    StyleSpec("Table Text", size=9.5, space_before=1, space_after=1),
    StyleSpec("Table Heading", size=9.5, bold=True, space_before=1, space_after=1,
              base="Table Text"),
    StyleSpec("Note", size=9, italic=True, color=MUTED, space_after=4),
    StyleSpec("Callout", bold=True, color=ALERT, space_before=2, space_after=8),
)  # fmt: skip
"""The paragraph styles the writer uses; the default template defines all of them."""


STYLE_SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Title", size=30, bold=True, color=ACCENT, space_after=6),
    StyleSpec("Subtitle", size=18, color="262626", space_after=24),
    StyleSpec("Heading 1", 18, True, color=ACCENT, space_before=0, space_after=10, outline_level=0),
    StyleSpec("Heading 2", 14, True, color=ACCENT, space_before=18, space_after=6, outline_level=1),
    StyleSpec("Heading 3", 11.5, True, color="262626", space_before=12, space_after=4,
              outline_level=2),
    StyleSpec("TOC Heading", 18, True, color=ACCENT, space_after=10),
    StyleSpec("Table Text", size=9.5, space_before=1, space_after=1),
    StyleSpec("Table Heading", size=9.5, bold=True, space_before=1, space_after=1,
              base="Table Text"),
    StyleSpec("Note", size=9, italic=True, color=MUTED, space_after=4),
    StyleSpec("Callout", bold=True, color=ALERT, space_before=2, space_after=8),
)  # fmt: skip
"""The paragraph styles the writer uses; the default template defines all of them."""


def add_paragraph_style(document: Document, spec: StyleSpec) -> BaseStyle:
    """Add a paragraph style made from ``spec`` (used by the template generator too)."""
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    if spec.base in document.styles:
        style.base_style = document.styles[spec.base]
    apply_spec(style, spec)
    return style


def apply_spec(style: BaseStyle, spec: StyleSpec) -> None:
    """Give ``style`` the font, colour and spacing of ``spec``."""
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.color is not None:
        font.color.rgb = RGBColor.from_string(spec.color)
    fmt = style.paragraph_format
    if spec.space_before is not None:
        fmt.space_before = Pt(spec.space_before)
    if spec.space_after is not None:
        fmt.space_after = Pt(spec.space_after)
    if spec.outline_level is not None:
        fmt.keep_with_next = True
        fmt.keep_together = True
        p_pr = style.element.get_or_add_pPr()
        set_child(p_pr, "w:outlineLvl", _PPR_AFTER_OUTLINE, val=str(spec.outline_level))
    if spec.keep_with_next:
        fmt.keep_with_next = True
