"""Provides Section 1 (results areas) and Section 2 (characteristics) of the findings document.

Each results area and characteristic gets what the framework says about it, what the team
recorded (measures and trends; approaches, evidence and the evaluation matrix) and the agreed
strengths and areas for improvement.
"""

from __future__ import annotations

from docx.shared import Pt

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import NONE_YET, NOT_RATED, findings_lists, not_agreed
from benchmark_tui.export.styles import ALERT, MUTED, RATING_FILLS, RATING_TEXT
from benchmark_tui.export.wordkit import Cell, DocWriter, Line
from benchmark_tui.models import (
    AreaRecord,
    Characteristic,
    CharacteristicRecord,
    Framework,
    Measure,
    ResultsArea,
    Session,
)

TICK = "✓"
TICK_FONT = "Segoe UI Symbol"
"""Arial has no tick; where this font is missing, Word and LibreOffice substitute one that has."""
TREND_LABELS = {"improving": "Improving", "stable": "Stable", "declining": "Declining",
                "mixed": "Mixed"}  # fmt: skip
MAX_VALUE_COLUMNS = 6
"""Measures with more values than this wrap onto further rows, so columns stay readable."""


def write_results(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Section 1, on a new page: one part per results area."""
    section = framework.results
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    writer.paragraph(
        "For each results area: what the framework asks for, the measures the team looked at "
        "and their trends, and the strengths and areas for improvement the team agreed."
    )
    for area in framework.areas:
        _area(writer, area, session.results.get(area.id) or AreaRecord())


def _area(writer: DocWriter, area: ResultsArea, record: AreaRecord) -> None:
    writer.heading(area.label, 2)
    not_agreed(writer, record.state)
    writer.paragraph(area.statement)
    writer.paragraph(area.includes_lead, keep_with_next=True)
    writer.bullets(area.includes)

    writer.heading("Measures", 3)
    if record.no_data_yet:
        writer.paragraph(
            Span("No data collected yet. ", bold=True),
            Span(
                "The service does not collect data for this area yet; starting to collect it "
                "is an action for the improvement plan.",
                color=ALERT,
            ),
            style="Callout",
        )
    if record.measures:
        _measures_table(writer, record.measures)
    elif not record.no_data_yet:
        writer.paragraph(NONE_YET, style="Note")

    if record.notes.strip():
        writer.heading("What the trends show", 3)
        writer.text_block(record.notes)
    findings_lists(writer, record.strengths, record.improvements)


def _measures_table(writer: DocWriter, measures: list[Measure]) -> None:
    """One row per measure, its values oldest first, and the trend the team read in them.

    When every measure covers the same periods they head the columns; otherwise (financial
    years beside survey years) each value carries its own period.
    """
    longest = max(len(m.values) for m in measures)
    periods = {tuple(v.period for v in m.values) for m in measures}
    shared = len(periods) == 1 and longest <= MAX_VALUE_COLUMNS
    columns = max(1, min(longest, MAX_VALUE_COLUMNS))
    if shared and longest:
        header: list = ["Measure", *next(iter(periods)), "Trend"]
    else:
        header = ["Measure", Cell("Values, oldest first", span=columns), "Trend"]
    grid = writer.table(
        [3.4] + [1.3] * columns + [1.5],
        header,
        caption="Measures of results and their trends",
    )
    for measure in measures:
        values: list = [
            value.value if shared else [Span(value.period, color=MUTED), value.value]
            for value in measure.values
        ]
        if not values:
            values = [Cell(Span("No values recorded", italic=True, color=MUTED), span=columns)]
        chunks = [values[i : i + columns] for i in range(0, len(values), columns)]
        for index, chunk in enumerate(chunks):
            filled = sum(c.span if isinstance(c, Cell) else 1 for c in chunk)
            first = Span(measure.name, bold=True) if index == 0 else ""
            trend = TREND_LABELS.get(measure.trend or "", "—") if index == 0 else ""
            last = index == len(chunks) - 1
            cells = [first, *chunk, *[""] * (columns - filled), trend]
            writer.row(grid, cells, with_next=not last or bool(measure.note.strip()))
        if measure.note.strip():
            writer.row(
                grid,
                [Cell(Span(f"Note: {measure.note.strip()}", italic=True), span=columns + 2)],
                style="Note",
            )


def write_characteristics(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Section 2, on a new page: one part per characteristic."""
    section = framework.characteristics
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    writer.paragraph(
        "For each characteristic: what the framework describes, the approaches the service has "
        "in place or planned, the evidence the team reviewed, the agreed ratings on the "
        "evaluation matrix, and the strengths and areas for improvement."
    )
    for characteristic in framework.items:
        record = session.characteristics.get(characteristic.id) or CharacteristicRecord()
        _characteristic(writer, framework, characteristic, record)


def _characteristic(
    writer: DocWriter,
    framework: Framework,
    characteristic: Characteristic,
    record: CharacteristicRecord,
) -> None:
    writer.heading(f"Characteristic {characteristic.number}: {characteristic.title}", 2)
    not_agreed(writer, record.state)
    writer.paragraph(characteristic.statement)
    writer.paragraph(characteristic.includes_lead, keep_with_next=True)
    writer.bullets(characteristic.includes)

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

    writer.heading("Evaluation", 3)
    _matrix(writer, framework, record)
    findings_lists(writer, record.strengths, record.improvements)


def _matrix(writer: DocWriter, framework: Framework, record: CharacteristicRecord) -> None:
    """The evaluation matrix as the framework prints it, with the agreed box ticked."""
    scale = framework.scale
    grid = writer.table(
        [4.2] + [1.75] * len(scale),
        ["Element", *(_scale_heading(p.value, p.label) for p in scale)],
        caption="Evaluation matrix: the agreed rating of each element is ticked",
        keep_together=True,
    )
    notes = []
    for element in framework.elements:
        value = record.rating_for(element.id)
        first: list[Line] = [
            Span(element.title, bold=True),
            Span(element.question, color=MUTED, size=8.5),
        ]
        if value is None:
            first.append(Span("Not yet rated", bold=True, color=ALERT))
        writer.row(
            grid,
            [first, *(_tick_cell(point.value) if point.value == value else "" for point in scale)],
        )
        rating = record.ratings.get(element.id)
        if rating is not None and rating.note.strip():
            notes.append((element.title, value, rating.note.strip()))
    if notes:
        lead = writer.paragraph(Span("Notes on the ratings", bold=True), keep_with_next=True)
        lead.paragraph_format.space_before = Pt(8)
        writer.bullets(
            (Span(f"{title} ({NOT_RATED if value is None else value}): ", bold=True), Span(note))
            for title, value, note in notes
        )


def _scale_heading(value: int, label: str) -> Cell:
    """A matrix column heading: the number, and under it the label in smaller plain type."""
    return Cell(
        [Span(str(value), bold=True), Span(label, size=8.5)], align="center", style="Table Text"
    )


def _tick_cell(value: int) -> Cell:
    return Cell(
        Span(TICK, bold=True, font=TICK_FONT, size=13),
        fill=RATING_FILLS[value],
        color=RATING_TEXT[value],
        align="center",
        middle=True,
    )
