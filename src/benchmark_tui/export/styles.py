"""Provides the colours and paragraph styles of the findings document.

The default template defines every style in :data:`STYLE_SPECS` (see ``tools/make_template.py``);
with a council's own template, any that it lacks are added from the same specs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle

from benchmark_tui.export.ooxml import W, set_child

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
_RPR_AFTER_BCS = (
    "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow",
    "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color",
    "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
    "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip
_RPR_AFTER_SZCS = _RPR_AFTER_BCS[_RPR_AFTER_BCS.index("w:szCs") + 1 :]
_RPR_AFTER_ICS = _RPR_AFTER_BCS[_RPR_AFTER_BCS.index("w:iCs") + 1 :]


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
    StyleSpec("Heading 4", 10, True, color="262626", space_before=8, space_after=2,
              outline_level=3),
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


def apply_spec(style: Any, spec: StyleSpec) -> None:
    """Give ``style`` (a paragraph or character style) the font, colour and spacing of ``spec``."""
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
    complex_scripts(style.element)
    if spec.outline_level is not None:
        fmt.keep_with_next = True
        fmt.keep_together = True
        p_pr = style.element.get_or_add_pPr()
        set_child(p_pr, "w:outlineLvl", _PPR_AFTER_OUTLINE, val=str(spec.outline_level))
    if spec.keep_with_next:
        fmt.keep_with_next = True


def complex_scripts(element: BaseOxmlElement) -> None:
    """Give Arabic, Hebrew and other complex scripts the size, bold and italic of Latin text.

    Word sizes and emboldens complex-script text by ``w:szCs``, ``w:bCs`` and ``w:iCs``, not by
    ``w:sz``, ``w:b`` and ``w:i``; a style that sets only the latter leaves Arabic small and
    plain beside a bold English heading.
    """
    r_pr = element.find(f"{W}rPr")
    if r_pr is None:
        return
    size = r_pr.find(f"{W}sz")
    if size is not None and r_pr.find(f"{W}szCs") is None:
        set_child(r_pr, "w:szCs", _RPR_AFTER_SZCS, val=size.get(f"{W}val", "22"))
    bold = r_pr.find(f"{W}b")
    if bold is not None and r_pr.find(f"{W}bCs") is None:
        cs = set_child(r_pr, "w:bCs", _RPR_AFTER_BCS)
        if bold.get(f"{W}val") is not None:
            cs.set(f"{W}val", bold.get(f"{W}val", "1"))
    italic = r_pr.find(f"{W}i")
    if italic is not None and r_pr.find(f"{W}iCs") is None:
        cs = set_child(r_pr, "w:iCs", _RPR_AFTER_ICS)
        if italic.get(f"{W}val") is not None:
            cs.set(f"{W}val", italic.get(f"{W}val", "1"))


# ---------------------------------------------------------------------------------------------
# Colours from the template
# ---------------------------------------------------------------------------------------------

_THEME_NAMES = {"text1": "dk1", "text2": "dk2", "background1": "lt1", "background2": "lt2",
                "dark1": "dk1", "dark2": "dk2", "light1": "lt1", "light2": "lt2"}  # fmt: skip
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_RATING_TINTS = (0.08, 0.22, 0.40, 0.66, 1.0)
"""How much of the accent each rating's shade holds (the rest is white): 0 lightest, 4 full."""


@dataclass(frozen=True)
class Palette:
    """The colours of one document: the template's accent, and rating shades made from it."""

    accent: str = ACCENT
    """Headings' colour, table header rows, title-page labels."""
    on_accent: str = "FFFFFF"
    """Text on the accent (white, or black on a light accent)."""
    rating_fills: tuple[str, ...] = field(default=RATING_FILLS)
    rating_text: tuple[str, ...] = field(default=RATING_TEXT)

    @classmethod
    def from_accent(cls, accent: str) -> Palette:
        """Shades of ``accent`` from light to full, each with the more legible text colour.

        The accent is darkened until white text on it is legible (4.5:1), so the darkest shade
        stays dark and the five shades step evenly in lightness, in black and white too.
        """
        accent = accent.upper()
        if accent == ACCENT:
            return cls()
        rgb = _rgb(accent)
        while _contrast(rgb, (255, 255, 255)) < 4.5:
            rgb = tuple(int(c * 0.85) for c in rgb)  # type: ignore[assignment]
        if _reads_as_alarm(rgb):
            # A red or orange house colour would make "4 Completely" the deepest alarm: the
            # headers keep the council's colour, the rating shades are the default blues.
            return cls(_hex(rgb), "FFFFFF")
        fills = tuple(_hex(_mix(rgb, t)) for t in _RATING_TINTS)
        text = tuple(
            "000000" if _contrast(_rgb(f), (0, 0, 0)) >= _contrast(_rgb(f), (255, 255, 255))
            else "FFFFFF"
            for f in fills
        )  # fmt: skip
        return cls(_hex(rgb), "FFFFFF", fills, text)


def template_accent(document: Document) -> str | None:
    """The colour of the template's Heading 1 (or its theme's first accent), as ``RRGGBB``."""
    styles = document.styles
    style = styles["Heading 1"] if "Heading 1" in styles else None  # noqa: SIM401 (no .get)
    theme = None
    while style is not None:
        color = style.element.find(f"{W}rPr/{W}color")
        if color is not None:
            value = color.get(f"{W}val", "")
            theme_color = color.get(f"{W}themeColor")
            if theme_color:
                theme = theme or _theme_colors(document)
                found = theme.get(_THEME_NAMES.get(theme_color, theme_color))
                if found:
                    return found
            if re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                return value.upper()
        style = style.base_style
    theme = theme or _theme_colors(document)
    return theme.get("accent1")


def _theme_colors(document: Document) -> dict[str, str]:
    """The template theme's colour scheme: ``{"dk1": "000000", "accent1": "4472C4", …}``."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = document.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return {}
    colors: dict[str, str] = {}
    scheme = root.find(f".//{_DRAWING}clrScheme")
    for slot in scheme if scheme is not None else ():
        name = etree.QName(slot).localname
        for value in slot:
            found = value.get("val") if value.tag == f"{_DRAWING}srgbClr" else value.get("lastClr")
            if found and re.fullmatch(r"[0-9A-Fa-f]{6}", found):
                colors[name] = found.upper()
    return colors


def _reads_as_alarm(rgb: tuple[int, ...]) -> bool:
    """Whether a colour is a red or an orange (hue within 40° of red, clearly saturated)."""
    import colorsys

    hue, _, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    return saturation > 0.35 and (hue * 360 < 40 or hue * 360 > 340)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _hex(rgb: tuple[int, ...]) -> str:
    return "".join(f"{c:02X}" for c in rgb)


def _mix(rgb: tuple[int, ...], share: float) -> tuple[int, ...]:
    """``share`` of ``rgb``, the rest white."""
    return tuple(round(255 - (255 - c) * share) for c in rgb)


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# ---------------------------------------------------------------------------------------------
# Fonts from the template
# ---------------------------------------------------------------------------------------------


def style_font(document: Document, name: str) -> tuple[str | None, float]:
    """The font and size (points) paragraphs of style ``name`` print in, as Word resolves them.

    The style, the styles it is based on, then the document's defaults; a theme font
    (``minorHAnsi``) is looked up in the template's theme. Word's own defaults where none says.
    """
    styles = document.styles
    style: Any = styles[name] if name in styles else None  # noqa: SIM401 (no .get)
    chain: list[BaseOxmlElement] = []
    for _ in range(20):  # a loop of based-on styles must not hang
        if style is None:
            break
        r_pr = style.element.find(f"{W}rPr")
        if r_pr is not None:
            chain.append(r_pr)
        style = style.base_style
    defaults = styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    if defaults is not None:
        chain.append(defaults)
    font: str | None = None
    size: float | None = None
    for r_pr in chain:
        fonts = r_pr.find(f"{W}rFonts")
        if font is None and fonts is not None:
            theme = fonts.get(f"{W}asciiTheme") or fonts.get(f"{W}hAnsiTheme")
            font = _theme_font(document, theme) if theme else fonts.get(f"{W}ascii")
        found = r_pr.find(f"{W}sz")
        if size is None and found is not None and (found.get(f"{W}val") or "").isdigit():
            size = int(found.get(f"{W}val", "22")) / 2
    return font or _theme_font(document, "minorHAnsi"), size or 10.0


def _theme_font(document: Document, slot: str) -> str | None:
    """The typeface of a theme font slot (``minorHAnsi`` → the theme's minor Latin font)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = document.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return None
    which = "majorFont" if slot.startswith("major") else "minorFont"
    latin = root.find(f".//{_DRAWING}{which}/{_DRAWING}latin")
    return latin.get("typeface") if latin is not None else None
