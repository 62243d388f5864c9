"""Provides the wording and small parts shared by the sections of the findings document."""

from __future__ import annotations

import re
from datetime import date

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.styles import ALERT, MUTED, Palette
from benchmark_tui.export.wordkit import Cell, DocWriter
from benchmark_tui.models import STATE_LABELS, Framework, Session, day_label

NOT_RATED = "–"
"""Shown where an element has no agreed rating yet (an en dash, readable in any font)."""
NONE_YET = "None recorded yet."
KEEP_TOGETHER_MAX = 6
"""Findings lists up to this long stay on one page with their heading."""


def findings_lists(writer: DocWriter, strengths: list[str], improvements: list[str]) -> None:
    """The agreed strengths and areas for improvement, each under its heading, as bullets."""
    for title, items in (("Strengths", strengths), ("Areas for improvement", improvements)):
        writer.heading(title, 3)
        if items:
            writer.bullets(items, keep_together=len(items) <= KEEP_TOGETHER_MAX)
        else:
            writer.paragraph(NONE_YET, style="Note")


def not_agreed(writer: DocWriter, state: str) -> None:
    """A marked line saying an item is still a draft, unless the team has agreed it."""
    if state != "agreed":
        writer.paragraph(
            f"Not yet agreed ({STATE_LABELS.get(state, state)}): this is the team's draft and "
            "may change.",
            style="Callout",
            keep_with_next=True,
        )


def rating_cell(value: int | None, palette: Palette) -> Cell:
    """A rating as a number on its shade, or a dash when not yet rated."""
    if value is None:
        return Cell(NOT_RATED, color=MUTED, align="center", middle=True)
    return Cell(
        str(value),
        fill=palette.rating_fills[value],
        color=palette.rating_text[value],
        bold=True,
        align="center",
        middle=True,
    )


def state_span(state: str) -> Span:
    """ "Agreed", or "In progress" / "Not started" picked out in the alert colour."""
    label = STATE_LABELS.get(state, state).capitalize()
    return Span(label) if state == "agreed" else Span(label, bold=True, color=ALERT)


def day(when: date, *, short: bool = False) -> str:
    """``12 March 2026`` (or ``12 Mar 2026``) on every platform (``%-d`` is not portable)."""
    return day_label(when, short=short)


def is_draft(framework: Framework, session: Session) -> bool:
    """Whether the document is a draft: not signed off as final, or not every item agreed."""
    progress = session.progress(framework)
    return session.findings.status != "final" or progress.agreed < progress.total


def action_refs(session: Session) -> dict[str, str]:
    """The reference each plan action is shown with, by its id: ``{"a1": "A1", "a7": "A2"}``.

    References follow the plan's order, so they read A1, A2 … in the plan table whatever ids
    the actions were given as the plan was edited.
    """
    return {action.id: f"A{n}" for n, action in enumerate(session.plan.actions, start=1)}


def previous_refs(previous: Session, current: Session) -> dict[str, str]:
    """The references of the previous plan's actions, shown as last year's: ``2025-A3``.

    The year is the previous workshop's; if both workshops fall in one year, ``Prev-A3``.
    A reference of this year's plan (``A3``) is never also one of last year's.
    """
    year = _year(previous)
    prefix = "Prev" if year == _year(current) else str(year)
    # A non-breaking hyphen: "2025-" and "A3" never part at the end of a line.
    return {
        action.id: f"{prefix}\u2011A{n}" for n, action in enumerate(previous.plan.actions, start=1)
    }


def _year(session: Session) -> int:
    dates = session.workshop.dates
    return min(dates).year if dates else session.created.year


_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|„[^“”\n]*[“”]')
"""Text the team put in quotation marks: a quotation is left exactly as typed."""


def refer_to_actions(text: str, refs: dict[str, str]) -> str:
    """``text`` with the action ids it names (``a4 and a5 depend on…``) as their references.

    Only an id as the plan stores it (``a4``: lower case, a whole word) is an action; ``A4
    paper``, ``ba4``, ``a4-size`` and anything inside quotation marks are left as typed.
    """
    if not refs:
        return text
    names = sorted(refs, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    pieces: list[str] = []
    start = 0
    for quoted in _QUOTED.finditer(text):
        pieces.append(pattern.sub(lambda m: refs[m.group(1)], text[start : quoted.start()]))
        pieces.append(quoted.group(0))
        start = quoted.end()
    pieces.append(pattern.sub(lambda m: refs[m.group(1)], text[start:]))
    return "".join(pieces)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 action``, ``3 actions``, ``2 areas for improvement`` (with ``plural`` given)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
