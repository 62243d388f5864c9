"""Provides ``screen_lines``: what the terminal shows now, as plain lines of text.

It reads the app's SVG screenshot (public API), so a test can check that literal text such as
``[bold]`` is on screen, exactly as the room would read it.
"""

from __future__ import annotations

import html
import re

from textual.app import App

_TEXT = re.compile(r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')
_CELL_WIDTH = 12.2
"""Width of one terminal cell in Textual's SVG screenshots."""


def screen_lines(app: App[object]) -> list[str]:
    """The terminal's rows as text (trailing spaces removed)."""
    rows: dict[float, dict[int, str]] = {}
    for x, y, text in _TEXT.findall(app.export_screenshot()):
        column = round(float(x) / _CELL_WIDTH)
        rows.setdefault(float(y), {})[column] = html.unescape(text).replace("\xa0", " ")
    lines = []
    for y in sorted(rows):
        line = ""
        for column, text in sorted(rows[y].items()):
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return lines


def screen_text(app: App[object]) -> str:
    """The terminal's rows joined by newlines."""
    return "\n".join(screen_lines(app))


def flat(text: str) -> str:
    """Text without line breaks and runs of spaces (a notice may wrap a message)."""
    return " ".join(text.split())
