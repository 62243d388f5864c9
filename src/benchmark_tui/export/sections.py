"""Provides Section 1 (results areas) and Section 2 (characteristics) of the findings document.

Each results area and characteristic gets what the framework says about it, what the team
recorded (measures and trends; approaches, evidence and the evaluation matrix) and the agreed
strengths and areas for improvement.
"""

from __future__ import annotations

from typing import Any

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
    Measure,
    Rating,
    ResultsArea,
    Session,
)
from benchmark_tui.models.evidence import SHORT_DATA

TICK = "✓"
TICK_FONT = "Segoe UI Symbol"
"""Arial has no tick; where this font is missing, Word and LibreOffice substitute one that has."""
TREND_LABELS = {"improving": "Improving", "stable": "Stable", "declining": "Declining",
                "mixed": "Mixed"}  # fmt: skip
MAX_VALUE_COLUMNS = 6
"""Measures with more values than this wrap onto further rows, so columns stay readable."""
VALUES_SHARE = 0.62
"""At most this share of the page width goes to value columns (the rest: name and trend)."""
CHAR_EM = 0.62
"""The width of one character of a figure, in ems: a little more than a digit in Arial (0.56),
so that a figure fits in its column whatever the template's font."""
CELL_PADDING_TWIPS = 300
"""A cell's left and right margins (108 twips each in Word), and a little to spare."""
SMALL_PT = 9
"""The smallest type in the document (questions, notes, scale labels)."""


def write_results(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Section 1, on a new page: one part per results area."""
    section = framework.results
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    writer.paragraph(
        "For each results area: what the framework asks for, the measures the team looked at "
        "and their trends, and the strengths and areas for improvement the team agreed."
    )
    refs = _refs_by_item(session)
    for area in framework.areas:
        _area(writer, area, session.results.get(area.id) or AreaRecord(), refs.get(area.id, []))


def _refs_by_item(session: Session) -> dict[str, list[str]]:
    """The references (A1, A2 …) of the plan actions linked to each area or characteristic."""
    refs = action_refs(session)
    linked: dict[str, list[str]] = {}
    for action in session.plan.actions:
        if action.item is not None:
            linked.setdefault(action.item, []).append(refs[action.id])
    return linked


def _actions_line(writer: DocWriter, refs: list[str]) -> None:
    """Which improvement-plan actions answer this item, by their references."""
    if refs:
        writer.keep_last_with_next()  # not alone at the top of a page
        writer.paragraph(
            Span("In the improvement plan: ", bold=True),
            f"action{'s' if len(refs) > 1 else ''} {', '.join(refs)}.",
        )


def _area(writer: DocWriter, area: ResultsArea, record: AreaRecord, refs: list[str]) -> None:
    writer.heading(area.label, 2)
    not_agreed(writer, record.state)
    writer.paragraph(area.statement)
    writer.paragraph(area.includes_lead, keep_with_next=True)
    writer.bullets(area.includes)

    writer.heading("Measures", 3)
    if record.no_data_yet and record.measures:
        writer.paragraph(
            Span("Data collection not complete. ", bold=True),
            Span(
                "The service has started collecting data for this area; the measures so far "
                "are below, and completing the collection is an action for the improvement "
                "plan.",
                color=ALERT,
            ),
            style="Callout",
        )
    elif record.no_data_yet:
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
        measures_table(writer, record.measures)
    elif not record.no_data_yet:
        writer.paragraph(NONE_YET, style="Note")

    if record.notes.strip():
        writer.heading("What the trends show", 3)
        writer.text_block(record.notes)
    findings_lists(writer, record.strengths, record.improvements)
    _actions_line(writer, refs)


def measures_table(writer: DocWriter, measures: list[Measure]) -> None:
    """One row per measure, its values oldest first, and the trend the team read in them.

    When every measure covers the same periods they head the columns; otherwise (financial
    years beside survey years) each value carries its own period. Columns are never so narrow
    that a figure breaks inside (``1,041,30`` / ``0``): with many long figures, fewer columns
    are used and the values wrap onto further rows.
    """
    longest = max(len(m.values) for m in measures)
    periods = {tuple(v.period for v in m.values) for m in measures}
    total = writer.usable_width()
    needed = _figure_width(writer, measures)
    fit = max(1, int(total * VALUES_SHARE) // needed)
    columns = max(1, min(longest, MAX_VALUE_COLUMNS, fit))
    shared = len(periods) == 1 and longest <= columns
    if shared and longest:
        header: list = ["Measure", *next(iter(periods)), "Trend"]
    else:
        header = ["Measure", Cell("Values, oldest first", span=columns), "Trend"]
    value_width = max(needed, int(total * 0.13))
    rest = max(total - value_width * columns, total // 4)
    grid = writer.table(
        [rest * 3.4 / 4.9] + [value_width] * columns + [rest * 1.5 / 4.9],
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
        note = measure.note.strip()
        for index, chunk in enumerate(chunks):
            filled = sum(c.span if isinstance(c, Cell) else 1 for c in chunk)
            first = Span(measure.name, bold=True) if index == 0 else ""
            trend = TREND_LABELS.get(measure.trend or "", "—") if index == 0 else ""
            last = index == len(chunks) - 1
            cells = [first, *chunk, *[""] * (columns - filled), trend]
            more = not last or bool(note) or not measure.has_three_years
            writer.row(grid, cells, with_next=more)
        if not measure.has_three_years:
            flag = Cell(short_data(measure), span=columns + 2)
            writer.row(grid, [flag], style="Note", with_next=bool(note))
        if note:
            writer.row(
                grid,
                [Cell(Span(f"Note: {note}", italic=True), span=columns + 2)],
                style="Note",
            )


def short_data(measure: Measure) -> tuple[Span, ...]:
    """ "Fewer than three years of data (2 so far): the framework asks for at least three." """
    so_far = measure.periods or "none"
    return (
        Span(SHORT_DATA[:1].upper() + SHORT_DATA[1:], bold=True, color=ALERT),
        Span(
            f" ({so_far} so far): the framework asks for trends over at least three years.",
            italic=True,
        ),
    )


def _figure_width(writer: DocWriter, measures: list[Measure]) -> int:
    """The column width, in twips, that the longest figure or period needs on one line."""
    widest = max(
        (len(text) for m in measures for v in m.values for text in (v.value, v.period)),
        default=4,
    )
    return int(max(widest, 4) * _font_points(writer) * CHAR_EM * 20) + CELL_PADDING_TWIPS


def _font_points(writer: DocWriter) -> float:
    """The size table text is printed at: from "Table Text" or a style it is based on.

    A council's own "Table Text" may set no size and inherit a larger one from Normal.
    """
    style: Any = writer.styles["Table Text"]  # a paragraph style, or None
    for _ in range(20):  # a loop of based-on styles must not hang
        if style is None:
            break
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 11.0  # Word's own default, where no style says


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
        _characteristic(writer, framework, characteristic, record, refs_here, guidance=guidance)


def _characteristic(
    writer: DocWriter,
    framework: Framework,
    characteristic: Characteristic,
    record: CharacteristicRecord,
    refs: list[str],
    *,
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
        them = "them" if len(evidence.not_collected) > 1 else "it"
        writer.paragraph(
            Span("Not collected yet: ", bold=True),
            "; ".join(evidence.not_collected) + ". ",
            Span(f"Starting to collect {them} is an action for the improvement plan.", color=ALERT),
            style="Callout",
        )

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
