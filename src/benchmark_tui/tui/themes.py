"""Provides the projector theme and the short names of the themes offered to facilitators."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="projector",
    primary="#0A3A8C",
    secondary="#4B2A7B",
    accent="#8C3A00",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F1F3F7",
    panel="#DCE3EF",
    success="#14661F",
    warning="#7A4F00",
    error="#B00020",
    dark=False,
    variables={
        "footer-key-foreground": "#0A3A8C",
        "footer-description-foreground": "#000000",
        "input-selection-background": "#0A3A8C 35%",
        "block-cursor-text-style": "bold",
    },
)
"""High contrast on a white background: readable on a dim projector from the back of a room."""

THEMES: dict[str, str] = {
    "projector": "projector",
    "light": "textual-light",
    "dark": "textual-dark",
}
"""The three themes the facilitator cycles through (name shown → Textual theme name)."""


def next_theme(current: str) -> str:
    """The Textual theme after ``current`` in the projector → light → dark cycle."""
    names = list(THEMES.values())
    if current not in names:
        return names[0]
    return names[(names.index(current) + 1) % len(names)]
