"""Provides the rating shades: one light-to-strong scale, used by the matrix and the overview."""

from __future__ import annotations

from rich.style import Style
from textual.app import App
from textual.color import Color

HEAT = (0.12, 0.3, 0.5, 0.72, 0.92)
"""How far each rating 0–4 blends the background towards the theme's primary colour."""


def heat_style(app: App[object], value: int) -> Style:
    """A shade for a rating in the current theme, with readable (contrasting) bold text."""
    theme = app.current_theme
    background = theme.background or ("#000000" if theme.dark else "#ffffff")
    shade = Color.parse(background).blend(Color.parse(theme.primary), HEAT[value])
    text = shade.get_contrast_text(1.0)
    return Style(bgcolor=shade.rich_color, color=text.rich_color, bold=True)
