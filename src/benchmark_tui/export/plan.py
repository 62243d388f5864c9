"""Provides the improvement plan of the findings document, and the appendix of records the
framework does not have (so that nothing a team recorded is silently dropped)."""

from __future__ import annotations

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import (
    NOT_RATED,
    action_refs,
    day,
    findings_lists,
    refer_to_actions,
)
from benchmark_tui.export.styles import MUTED
from benchmark_tui.export.wordkit import DocWriter, Line
from benchmark_tui.models import STATE_LABELS, Action, Framework, Session

PRIORITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}
STATUS_LABELS = {"proposed": "Proposed", "agreed": "Agreed", "in-progress": "In progress",
                 "done": "Done"}  # fmt: skip


def write_plan(writer: DocWriter, framework: Framework, session: Session) -> None:
    """The improvement plan, on landscape pages so its six columns have room."""
    writer.new_section(landscape=True)
    writer.heading("Improvement plan", 1)
    plan = session.plan
    refs = action_refs(session)
    if not plan.actions:
        writer.paragraph(
            "The improvement plan is built once the whole self-assessment is complete; no "
            "actions have been recorded yet."
        )
    else:
        writer.paragraph(
            "The actions the team agreed to take on the areas for improvement, and to start "
            "collecting data where the service has none yet. Each action has a reference "
            "(A1, A2 …), used wherever this document refers to it."
        )
        grid = writer.table(
            [0.8, 7.0, 3.6, 3.2, 1.6, 1.6, 1.8],
            ["Ref", "Action", "Linked area or characteristic", "Owner", "Due", "Priority",
             "Status"],
            caption="Improvement plan: actions, owners and due dates",
        )  # fmt: skip
        for action in plan.actions:
            writer.row(
                grid,
                [
                    Span(refs[action.id], bold=True),
                    _action_lines(action, refs),
                    _item_label(framework, action.item),
                    action.owner or "—",
                    day(action.due, short=True) if action.due else "—",
                    PRIORITY_LABELS[action.priority],
                    STATUS_LABELS[action.status],
                ],
            )
    if plan.notes.strip():
        writer.heading("Notes on the plan", 2)
        writer.text_block(refer_to_actions(plan.notes, refs))


def _action_lines(action: Action, refs: dict[str, str]) -> list[Line]:
    lines: list[Line] = [refer_to_actions(action.action, refs)]
    if action.draft:
        lines.append(Span("Drafted by the tool; not yet reworded by the team.", italic=True,
                          color=MUTED))  # fmt: skip
    answers = action.improvement.strip()
    if answers and answers != action.action.strip():
        lines.append(Span(f"Addresses: {refer_to_actions(answers, refs)}", italic=True,
                          color=MUTED))  # fmt: skip
    return lines


def write_appendix(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Records for ids the framework does not have: listed, never silently dropped."""
    area_ids = {a.id for a in framework.areas}
    characteristic_ids = {c.id for c in framework.items}
    element_ids = {e.id for e in framework.elements}
    areas = [(i, r) for i, r in session.results.items() if i not in area_ids]
    characteristics = [
        (i, r) for i, r in session.characteristics.items() if i not in characteristic_ids
    ]
    ratings = [
        (c.label, element_id, rating)
        for c in framework.items
        if c.id in session.characteristics
        for element_id, rating in session.characteristics[c.id].ratings.items()
        if element_id not in element_ids and (rating.value is not None or rating.note.strip())
    ]
    actions = [
        a for a in session.plan.actions if a.item is not None and not framework.has_item(a.item)
    ]
    if not (areas or characteristics or ratings or actions):
        return
    writer.new_section()
    writer.heading("Appendix: records not in this framework", 1)
    writer.paragraph(
        f"The session holds records for ids that {framework.id} version {framework.version} "
        f"does not have (the session was made with {session.framework.id} version "
        f"{session.framework.version}). They are listed here so that nothing the team recorded "
        "is lost."
    )
    for item_id, area in areas:
        writer.heading(f"Results area “{item_id}”", 2)
        lines = [f"Status: {STATE_LABELS[area.state]}"]
        if area.no_data_yet:
            lines.append("No data collected yet")
        lines += [
            f"Measure: {m.name}: " + ", ".join(f"{v.period} {v.value}" for v in m.values)
            for m in area.measures
        ]
        writer.bullets(lines)
        if area.notes.strip():
            writer.text_block(area.notes)
        findings_lists(writer, area.strengths, area.improvements)
    for item_id, record in characteristics:
        writer.heading(f"Characteristic “{item_id}”", 2)
        lines = [f"Status: {STATE_LABELS[record.state]}"]
        lines += [
            f"Approach: {a.text}" + (" (planned)" if a.status == "planned" else "")
            for a in record.approaches
        ]
        lines += [
            _rating_line(f"Rating of “{e}”", r.value, r.note)
            for e, r in record.ratings.items()
            if r.value is not None or r.note.strip()
        ]
        lines += [f"Data source reviewed: {s}" for s in record.evidence.sources_reviewed]
        lines += [f"Data source not collected yet: {s}" for s in record.evidence.not_collected]
        writer.bullets(lines)
        if record.evidence.summary.strip():
            writer.text_block(record.evidence.summary)
        findings_lists(writer, record.strengths, record.improvements)
    if ratings:
        writer.heading("Ratings of matrix elements not in this framework", 2)
        writer.bullets(
            _rating_line(f"{label}, element “{element_id}”", r.value, r.note)
            for label, element_id, r in ratings
        )
    if actions:
        writer.heading("Plan actions linked to ids not in this framework", 2)
        writer.bullets(f"{a.action} (linked to “{a.item}”)" for a in actions)


def _rating_line(what: str, value: int | None, note: str) -> str:
    rating = NOT_RATED if value is None else str(value)
    return f"{what}: {rating}" + (f" ({note.strip()})" if note.strip() else "")


def _item_label(framework: Framework, item_id: str | None) -> str:
    if item_id is None:
        return "General"
    if framework.has_item(item_id):
        return framework.item(item_id).label
    return f"“{item_id}” (not in this framework)"
