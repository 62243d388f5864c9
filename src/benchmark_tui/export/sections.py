"""Provides Section 1 (results areas) and Section 2 (characteristics) of the findings document.

Each results area and characteristic gets what the framework says about it, what the team
recorded (measures and trends; approaches, evidence and the evaluation matrix) and the agreed
strengths and areas for improvement.
"""

from __future__ import annotations

from benchmark_tui.export.measures_table import SMALL_PT, measures_key, measures_table
from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import (
    KEEP_TOGETHER_MAX,
    NONE_YET,
    NOT_RATED,
    action_refs,
    findings_lists,
    not_agreed,
)
from benchmark_tui.export.styles import ALERT, MUTED, Palette
from benchmark_tui.export.wordkit import Cell, DocWriter, Line
from benchmark_tui.models import (
    AreaRecord,
    Characteristic,
    CharacteristicRecord,
    Framework,
    Rating,
    ResultsArea,
    Session,
)
from benchmark_tui.models.drafts import no_data_draft, no_data_improvement

TICK = "✓"
TICK_FONT = "Segoe UI Symbol"
"""Arial has no tick; where this font is missing, Word and LibreOffice substitute one that has."""


def write_results(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Section 1, on a new page: one part per results area."""
    section = framework.results
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    writer.paragraph(
        "For each results area: what the framework asks for, the measures the team looked at "
        "and their trends, and the strengths and areas for improvement the team agreed."
    )
    measures_key(writer, [m for record in session.results.values() for m in record.measures])
    refs = _refs_by_item(session)
    for area in framework.areas:
        record = session.results.get(area.id) or AreaRecord()
        _area(writer, framework, area, record, refs.get(area.id, []), session)


def _refs_by_item(session: Session) -> dict[str, list[str]]:
    """The references (A1, A2 …) of the plan actions linked to each area or characteristic."""
    refs = action_refs(session)
    linked: dict[str, list[str]] = {}
    for action in session.plan.actions:
        if action.item is not None:
            linked.setdefault(action.item, []).append(refs[action.id])
    return linked


def where_in_plan(session: Session, improvement: str) -> str:
    """Where the plan stands on missing data, truly: ``action A3 of the improvement plan``;
    ``suggested for the improvement plan`` before the plan is built; otherwise (the team left
    it out) ``not in the improvement plan``."""
    refs = action_refs(session)
    found = [refs[a.id] for a in session.plan.actions if a.improvement == improvement]
    if found:
        return f"action{'s' if len(found) > 1 else ''} {', '.join(found)} of the improvement plan"
    if not session.plan.actions and not any(
        d.improvement == improvement for d in session.plan.declined
    ):
        return "suggested for the improvement plan"
    return "not in the improvement plan"


def _not_collected(session: Session, sources: list[str]) -> list[str | Span]:
    """The sources, then where starting to collect each stands with the plan: one sentence
    when all stand alike, else each source's own."""
    stands = [where_in_plan(session, no_data_improvement(s)) for s in sources]
    if len(set(stands)) == 1:
        them = "them" if len(sources) > 1 else "it"
        return [
            "; ".join(sources) + ". ",
            Span(f"Starting to collect {them} is {stands[0]}.", color=ALERT),
        ]
    return ["; ".join(f"{s} ({where})" for s, where in zip(sources, stands, strict=True)) + "."]


def _actions_line(writer: DocWriter, refs: list[str]) -> None:
    """Which improvement-plan actions answer this item, by their references."""
    if refs:
        writer.keep_last_with_next()  # not alone at the top of a page
        writer.paragraph(
            Span("In the improvement plan: ", bold=True),
            f"action{'s' if len(refs) > 1 else ''} {', '.join(refs)}.",
        )


def _linked_line(writer: DocWriter, lead: str, labels: list[str]) -> None:
    """A line naming the items on the other side of a link between results and practices."""
    if labels:
        writer.paragraph(Span(lead, bold=True), ", ".join(labels) + ".")


def _area(
    writer: DocWriter,
    framework: Framework,
    area: ResultsArea,
    record: AreaRecord,
    refs: list[str],
    session: Session,
) -> None:
    writer.heading(area.label, 2)
    not_agreed(writer, record.state)
    writer.paragraph(area.statement)
    writer.paragraph(area.includes_lead, keep_with_next=True)
    writer.bullets(area.includes)

    writer.heading("Measures", 3)
    in_plan = where_in_plan(session, no_data_draft(area).improvement) if record.no_data_yet else ""
    if record.no_data_yet and record.measures:
        writer.paragraph(
            Span("Data collection not complete. ", bold=True),
            Span(
                "The service has started collecting data for this area; the measures so far "
                f"are below, and completing the collection is {in_plan}.",
                color=ALERT,
            ),
            style="Callout",
            keep_with_next=True,  # with the measures it speaks of
        )
    elif record.no_data_yet:
        writer.paragraph(
            Span("No data collected yet. ", bold=True),
            Span(
                "The service does not collect data for this area yet; starting to collect it "
                f"is {in_plan}.",
                color=ALERT,
            ),
            style="Callout",
        )
    if record.measures:
        measures_table(writer, record.measures, key=False)
    elif not record.no_data_yet:
        writer.paragraph(NONE_YET, style="Note")

    if record.notes.strip():
        writer.heading("What the trends show", 3)
        writer.text_block(record.notes)
    practices = [c.label for c in framework.items if c.id in record.linked]
    _linked_line(writer, "Explained by the practices of: ", practices)
    findings_lists(writer, record.strengths, record.improvements)
    _actions_line(writer, refs)


def write_characteristics(
    writer: DocWriter, framework: Framework, session: Session, *, guidance: bool = False
) -> None:
    """Section 2, on a new page: one part per characteristic.

    With ``guidance``, each also lists the framework's relevant guidance documentation and
    recommended data sources.
    """
    section = framework.characteristics
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    writer.paragraph(
        "For each characteristic: what the framework describes, the approaches the service has "
        "in place or planned, the evidence the team reviewed, the agreed ratings on the "
        "evaluation matrix, and the strengths and areas for improvement."
    )
    refs = _refs_by_item(session)
    for characteristic in framework.items:
        record = session.characteristics.get(characteristic.id) or CharacteristicRecord()
        refs_here = refs.get(characteristic.id, [])
        results = [framework.item(a).label for a in session.areas_linked_to(characteristic.id)]
        _characteristic(
            writer,
            framework,
            characteristic,
            record,
            refs_here,
            results,
            session=session,
            guidance=guidance,
        )


def _characteristic(
    writer: DocWriter,
    framework: Framework,
    characteristic: Characteristic,
    record: CharacteristicRecord,
    refs: list[str],
    results: list[str],
    *,
    session: Session,
    guidance: bool = False,
) -> None:
    writer.heading(f"Characteristic {characteristic.number}: {characteristic.title}", 2)
    not_agreed(writer, record.state)
    writer.paragraph(characteristic.statement)
    writer.paragraph(characteristic.includes_lead, keep_with_next=True)
    writer.bullets(characteristic.includes)
    if guidance:
        framework_guidance(writer, characteristic)

    writer.heading("Approaches in place or planned", 3)
    if record.approaches:
        writer.bullets(
            (Span(a.text), Span(" (planned)", italic=True, color=MUTED))
            if a.status == "planned"
            else a.text
            for a in record.approaches
        )
    else:
        writer.paragraph(NONE_YET, style="Note")

    writer.heading("Evidence", 3)
    evidence = record.evidence
    if evidence.summary.strip():
        writer.text_block(evidence.summary)
    else:
        writer.paragraph("No evidence summary recorded yet.", style="Note")
    if evidence.sources_reviewed:
        writer.paragraph(
            Span("Data sources reviewed: ", bold=True), "; ".join(evidence.sources_reviewed) + "."
        )
    if evidence.not_collected:
        stands = _not_collected(session, evidence.not_collected)
        writer.paragraph(Span("Not collected yet: ", bold=True), *stands, style="Callout")
    _linked_line(writer, "Results it helps explain: ", results)

    writer.heading("Evaluation", 3)
    matrix(writer, framework, record)
    findings_lists(writer, record.strengths, record.improvements)
    _actions_line(writer, refs)


def framework_guidance(writer: DocWriter, characteristic: Characteristic) -> None:
    """The framework's relevant guidance documentation and recommended data sources."""
    for title, items in (
        ("Relevant guidance documentation", characteristic.guidance),
        ("Recommended data sources", characteristic.data_sources),
    ):
        if items:
            writer.heading(title, 3)
            writer.bullets(items, keep_together=len(items) <= KEEP_TOGETHER_MAX)


def matrix(
    writer: DocWriter, framework: Framework, record: CharacteristicRecord, *, blank: bool = False
) -> None:
    """The evaluation matrix as the framework prints it, with the agreed box ticked.

    ``blank`` gives an empty matrix to think with (for the pre-read): no ticks, no notes.
    """
    scale = framework.scale
    palette = writer.palette
    grid = writer.table(
        [4.2] + [1.75] * len(scale),
        ["Element", *(_scale_heading(p.value, p.label) for p in scale)],
        caption="Evaluation matrix, blank: tick the most appropriate box for each element"
        if blank
        else "Evaluation matrix: the agreed rating of each element is ticked",
        keep_together=True,
    )
    notes = []
    for element in framework.elements:
        value = record.rating_for(element.id)
        first: list[Line] = [
            Span(element.title, bold=True),
            Span(element.question, color=MUTED, size=SMALL_PT),
        ]
        if value is None and not blank:
            first.append(Span("Not yet rated", bold=True, color=ALERT))
        held = record.ratings.get(element.id)
        if held is not None and held.has_round and not blank:
            first.append(Span(round_line(held), size=SMALL_PT))
        writer.row(
            grid,
            [
                first,
                *(
                    _tick_cell(point.value, palette) if point.value == value else ""
                    for point in scale
                ),
            ],
        )
        rating = record.ratings.get(element.id)
        if rating is not None and rating.note.strip():
            notes.append((element.title, value, rating.note.strip()))
        if rating is not None and rating.dissent.strip() and not blank:
            notes.append((element.title, value, f"a view that did not carry: {rating.dissent}"))
    if notes:
        writer.heading("Notes on the ratings", 4)
        writer.bullets(
            (Span(f"{title} ({NOT_RATED if value is None else value}): ", bold=True), Span(note))
            for title, value, note in notes
        )


def round_line(rating: Rating) -> str:
    """ "votes: 1 at 2, 4 at 3, 1 at 4; agreed 3 (a spread of 2 points)"."""
    agreed = "not yet agreed" if rating.value is None else f"agreed {rating.value}"
    wide = f" (a spread of {rating.spread} points)" if rating.is_wide else ""
    return f"{rating.votes_label}; {agreed}{wide}"


def _scale_heading(value: int, label: str) -> Cell:
    """A matrix column heading: the number, and under it the label in smaller plain type."""
    return Cell(
        [Span(str(value), bold=True), Span(label, size=SMALL_PT)],
        align="center",
        style="Table Text",
    )


def _tick_cell(value: int, palette: Palette) -> Cell:
    return Cell(
        Span(TICK, bold=True, font=TICK_FONT, size=13),
        fill=palette.rating_fills[value],
        color=palette.rating_text[value],
        align="center",
        middle=True,
    )
