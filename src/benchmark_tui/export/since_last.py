"""Provides "Since the last self-assessment": ratings then and now, and how last time's plan went.

Written into the findings document of a session that follows on from a previous one (when
the previous one could be read), after the summary. The tables here are also those of the
comparison report (:mod:`benchmark_tui.export.comparison`).
"""

from __future__ import annotations

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import NOT_RATED, action_refs, previous_refs, refer_to_actions
from benchmark_tui.export.styles import MUTED, Palette
from benchmark_tui.export.wordkit import Cell, DocWriter
from benchmark_tui.last_time import Change, LastTime, plan_completion, review_rows
from benchmark_tui.models import OUTCOME_LABELS, Framework, Session, day_label

CHANGE_KEY = "▲ up, ▼ down, = no change since then (the number is by how many points)."


def change_cell(before: int | None, after: int | None, palette: Palette) -> Cell:
    """``2 → 3 ▲1`` on the shade of the rating now (a dash where it is not rated)."""
    change = Change(before, after)
    then = NOT_RATED if before is None else str(before)
    now = NOT_RATED if after is None else str(after)
    spans = [Span(f"{then} → "), Span(now, bold=True)]
    if change.text:
        spans.append(Span(f" {change.text}", bold=True))
    if after is None:
        return Cell(tuple(spans), color=MUTED, align="center", middle=True)
    return Cell(
        tuple(spans),
        fill=palette.rating_fills[after],
        color=palette.rating_text[after],
        align="center",
        middle=True,
    )


def ratings_then_and_now(
    writer: DocWriter, framework: Framework, before: Session, after: Session, caption: str
) -> None:
    """One row per characteristic, one column per element: then → now, and the change."""
    elements = framework.elements
    grid = writer.table(
        [4.6] + [1.6] * len(elements),
        ["Characteristic", *(Cell(e.title, align="center") for e in elements)],
        caption=caption,
        keep_together=True,
    )
    for characteristic in framework.items:
        then = before.characteristics.get(characteristic.id)
        now = after.characteristics.get(characteristic.id)
        writer.row(
            grid,
            [
                characteristic.label,
                *(
                    change_cell(
                        then.rating_for(e.id) if then else None,
                        now.rating_for(e.id) if now else None,
                        writer.palette,
                    )
                    for e in elements
                ),
            ],
        )
    writer.paragraph(CHANGE_KEY, style="Note")


def plan_outcomes(writer: DocWriter, framework: Framework, before: Session, after: Session) -> None:
    """What happened to each action of the earlier plan (from the later session's review)."""
    rows = review_rows(before, after)
    if not rows:
        writer.paragraph("The previous self-assessment had no improvement plan actions.")
        return
    completion = plan_completion(after, before)
    theirs = previous_refs(before, after)
    ours = action_refs(after)
    writer.paragraph(Span("Of the previous plan's actions: ", bold=True), completion.label() + ".")
    first = next(iter(theirs.values()))
    writer.paragraph(
        f"The previous plan's actions keep their references with its year ({first} …); "
        "A1, A2 … are always the actions of this plan.",
        style="Note",
    )
    grid = writer.table(
        [0.7, 4.4, 2.2, 1.5, 3.2],
        ["Ref", "Action", "For", "Outcome", "Note"],
        caption="What happened to each action of the previous improvement plan",
    )
    for row in rows:
        item = row.action.item
        where = framework.item(item).label if item and framework.has_item(item) else ""
        outcome = row.review.outcome
        writer.row(
            grid,
            [
                Span(theirs[row.action.id], bold=True),
                row.action.action,
                where,
                Span(OUTCOME_LABELS[outcome].capitalize(), bold=True)
                if outcome
                else Span("Not reviewed", color=MUTED),
                refer_to_actions(row.review.note, ours),
            ],
        )


def write_since_last(
    writer: DocWriter, framework: Framework, session: Session, last_time: LastTime
) -> None:
    """The section "Since the last self-assessment" of the findings document."""
    previous = last_time.previous
    when = previous.workshop.dates_label or day_label(previous.created.date())
    writer.heading("Since the last self-assessment", 1, new_page=True)
    writer.paragraph(
        f"This self-assessment follows on from the one of {when}. The ratings then and now, "
        "and what happened to the actions of that improvement plan (as the team reviewed "
        "them), are below."
    )
    writer.heading("Ratings then and now", 2)
    ratings_then_and_now(
        writer,
        framework,
        previous,
        session,
        caption=f"Ratings of the characteristics in {when} and now, with the change",
    )
    writer.heading("The previous improvement plan", 2)
    plan_outcomes(writer, framework, previous, session)
