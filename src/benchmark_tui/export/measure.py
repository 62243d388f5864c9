"""Provides text widths in a template's fonts, so table columns fit their words.

Why a table of widths rather than reading font files: the document is laid out by Word on a
council laptop, not here, and the fonts it will use are the template's, which this machine may
not have. So the widths of three metric families are shipped (:mod:`.fontwidths`, generated
from the metric-compatible free fonts): Arial's (Liberation Sans, also used for Helvetica,
Calibri and other narrower sans), Times New Roman's (Liberation Serif) and a wide sans
(DejaVu Sans, as Verdana and Tahoma). The broad serifs (Cambria, Georgia) are measured as the
wide sans too, and any font not known a little wider still. The model errs wide: a column is
never too narrow for a word because a font was unknown, at worst a little wider than needed.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from benchmark_tui.export.fontwidths import CHARS, WIDTHS

_INDEX = {char: n for n, char in enumerate(CHARS)}
_FAMILIES: dict[str, tuple[str, float]] = {
    **dict.fromkeys(
        ("arial", "helvetica", "liberation sans", "arimo", "calibri", "carlito",
         "calibri light", "arial nova", "helvetica neue", "roboto", "open sans",
         "source sans pro", "lato", "noto sans", "gill sans mt", "frutiger", "segoe ui"),
        ("sans", 1.0),
    ),
    **dict.fromkeys(("aptos", "century gothic", "trebuchet ms", "franklin gothic book"),
                    ("sans", 1.1)),
    **dict.fromkeys(("verdana", "tahoma", "dejavu sans", "bitstream vera sans"), ("wide", 1.0)),
    **dict.fromkeys(("times new roman", "times", "liberation serif", "tinos", "garamond"),
                    ("serif", 1.0)),
    # Broad serifs, measured as the wide sans: as wide as Georgia, and as the serif a reader
    # without Cambria is given instead.
    **dict.fromkeys(("cambria", "caladea", "georgia", "book antiqua", "palatino linotype"),
                    ("wide", 1.0)),
}  # fmt: skip
"""Known fonts: the family whose widths they are measured with, and a factor to err wide."""
UNKNOWN = ("wide", 1.05)
"""A font not listed: measured as a wide sans, and a little wider still."""
DEFAULT_FONT = "Calibri"
"""Word's default when neither the style nor the document names a font."""


def family_of(font: str | None) -> tuple[str, float]:
    """The metric family a font is measured with, and the factor that errs on the wide side."""
    name = (font or DEFAULT_FONT).strip().lower()
    if name.startswith("courier") or "mono" in name:
        return ("mono", 1.0)
    return _FAMILIES.get(name, UNKNOWN)


@lru_cache(maxsize=4096)
def text_width(text: str, font: str | None, size: float, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points, at ``size`` points."""
    family, factor = family_of(font)
    if family == "mono":
        return len(text) * 0.6 * size
    widths = WIDTHS[(family, bold)]
    fallback = widths[_INDEX["M"]] * 0.8
    total = 0.0
    for char in text:
        index = _INDEX.get(char)
        if index is not None:
            total += widths[index]
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1000
        elif unicodedata.combining(char):
            continue
        else:
            total += fallback
    return total * factor * size / 1000


def longest_word(text: str, font: str | None, size: float, bold: bool = False) -> float:
    """The width, in points, of the widest word of ``text`` (words break only at spaces).

    A reference (``2025-A3``), a figure (``1,041,300``) or a period (``2021/22``) counts as
    one word: a column narrower than it would break it where a reader would not.
    """
    return max((text_width(word, font, size, bold) for word in text.split()), default=0.0)
