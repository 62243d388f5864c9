"""Provides ``screen_lines``: what the terminal shows now, as plain lines of text; and
``record_notices``: the notices an app gives, as it gives them.

It reads the app's SVG screenshot (public API), so a test can check that literal text such as
``[bold]`` is on screen, exactly as the room would read it. The screenshot's SVG layout is
Textual's, not a documented format: a canary in ``tests/tui/test_textual_compat.py`` fails
first if an upgrade changes it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Notice:
    """A notice as the app gave it (``App.notify``'s arguments)."""

    message: str
    title: str
    severity: str


def record_notices(app: App[Any]) -> list[Notice]:
    """The list every notice the app gives from now on is added to (and still shown).

    Textual keeps its notices in a private attribute; this wraps the public ``notify`` of this
    one app instead (widgets and parts call ``app.notify`` too). Call it before ``run_test`` to
    see the notices given while the app starts.
    """
    notices: list[Notice] = []
    notify = app.notify

    def recording(message: str, *, title: str = "", severity: Any = "information", **kw: Any):
        notices.append(Notice(message, title, severity))
        notify(message, title=title, severity=severity, **kw)

    app.notify = recording  # type: ignore[method-assign]
    return notices


async def sessions_read(pilot: Any) -> None:
    """Wait until the sessions list has read every session and shows them in their order
    (its worker starts after the first frame, so waiting for the workers is not enough)."""
    from benchmark_tui.tui.screens.start import StartScreen

    for _ in range(1000):  # bounded: a list that never finishes fails the test, not hangs
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        if not isinstance(screen, StartScreen) or not screen.reading:
            return
    raise AssertionError("the sessions list never finished reading")
