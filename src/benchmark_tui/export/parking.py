"""Provides the findings document's short appendix "Parking lot": the points parked during
the workshop, the item each came from, and what became of it."""

from __future__ import annotations

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import action_refs
from benchmark_tui.export.wordkit import DocWriter
from benchmark_tui.models import Framework, ParkedPoint, Session


def became(point: ParkedPoint, refs: dict[str, str]) -> str:
    """``Plan action A3``, ``Suggested for the plan``, ``Closed`` or ``Still parked``."""
    if point.state == "suggested":
        return "Suggested for the plan"
    if point.state == "action":
        ref = refs.get(point.action or "")
        return f"Plan action {ref}" if ref else "Plan action (since removed)"
    return "Closed" if point.state == "closed" else "Still parked"


def write_parking_lot(writer: DocWriter, framework: Framework, session: Session) -> None:
    """The parked points as a table (nothing is written when none was parked)."""
    points = session.parking_lot.points
    if not points:
        return
    writer.new_section()
    writer.heading("Appendix: parking lot", 1)
    writer.paragraph(
        "Points raised during the workshop that were off-topic at the time, parked to come "
        "back to: where each came from and what became of it."
    )
    refs = action_refs(session)
    grid = writer.table(
        [8.0, 4.6, 3.4],
        ["Point", "Raised during", "What became of it"],
        caption="Parking lot: points parked during the workshop",
    )
    for point in points:
        source = "—"
        if point.item is not None:
            source = (
                framework.item(point.item).label if framework.has_item(point.item) else point.item
            )
        writer.row(grid, [point.text, source, Span(became(point, refs), bold=point.is_open)])
