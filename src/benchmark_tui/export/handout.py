"""Provides the pre-read: what each member of the team reads before the workshop, at most six pages.

What the day is for and its agenda (the session's hours and time budgets); what to bring (the
Section 1 figures for the last three years, with those already collected filled in, and a
checklist of each characteristic's recommended data sources); the 0–4 scale and the matrix,
once; when the session follows an earlier one, last year's ratings and what became of last
year's plan; and each characteristic in the framework's words (statement and bullets, half a
page at most), in two columns (three across a landscape page) straight after. The framework's
full text can follow as an appendix (``with_framework``).

Six pages in any house style come from the layout, not from small type: nothing is printed
under 9 pt (:data:`SMALLEST_PT`). On a wide page the agenda's two days stand side by side;
the checklist is two to a row; a roomy house style's line spacing and heading space are
tightened in the pre-read only (:func:`write_handout`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import zip_longest

from docx.document import Document
from docx.shared import Pt

from benchmark_tui.export.frame import header_and_footer, set_properties, title_block
from benchmark_tui.export.measures_table import (
    SMALL_PT,
    measures_key,
    measures_table,
    short_data,
    standing_cell,
)
from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pages import estimate_pages
from benchmark_tui.export.pieces import NONE_YET, count, previous_refs, rating_cell
from benchmark_tui.export.scale import scale_and_matrix
from benchmark_tui.export.sections import framework_guidance
from benchmark_tui.export.styles import MUTED
from benchmark_tui.export.template import has_cover
from benchmark_tui.export.wordkit import Cell, DocWriter, Grid, Line
from benchmark_tui.last_time import plan_completion, review_rows
from benchmark_tui.models import (
    OUTCOME_LABELS,
    AreaRecord,
    DayHours,
    Framework,
    Measure,
    Session,
    day_label,
)
from benchmark_tui.models.evidence import Comparator
from benchmark_tui.models.periods import read_period

HANDOUT_TITLE = "Self-assessment pre-read"
MAX_PAGES = 6
"""The pre-read (before any appendix, after a council's cover page) is at most this many
pages, in the built-in template and in the house styles the tests build."""
TEXT_PT = (9.5, 9.0, 9.0)
"""The characteristics' statements and bullets, in two columns, at each level of compactness."""
TABLE_SCALE = (1.0, 0.9, 0.8)
"""How large the tables' text is at each level of compactness (of the house "Table Text")."""
COLUMN_GAP = 340
"""Between the characteristics' columns, in twips (0.6 cm)."""
RUN_IN = (False, False, True)
"""Whether the characteristics' bullets run on in one paragraph ("▪ … ▪ …"), which saves
the part-filled last line of each, at each level of compactness."""
HEADING_PT = (None, 11.0, 11.0)
"""The characteristics' headings (None: the house Heading 2), in their narrow columns."""
SMALLEST_PT = 9.0
"""No text of the pre-read is made smaller than this to fit its pages."""
FULL_ENOUGH = 0.75
"""How full the estimate may find the last of six pages (see :func:`write_handout`)."""
BOX = "☐"
BOX_FONT = "Segoe UI Symbol"
"""Arial has no ballot box; where this font is missing, Word and LibreOffice substitute one."""


def build_handout(
    document: Document,
    framework: Framework,
    session: Session,
    generated: date,
    *,
    previous: Session | None = None,
    with_framework: bool = False,
    compact: int = 0,
) -> None:
    """Write the pre-read for ``session`` into ``document`` (an opened template, body empty).

    Args:
        document: the document to write into; its styles, header and footer are used.
        framework: the framework the workshop works through.
        session: the session (the service, the team, the agenda and the measures so far).
        generated: the date printed as "generated".
        previous: the self-assessment this one follows on from, if at hand: last year's
            ratings and what became of last year's plan are then included.
        with_framework: add the framework's full text as an appendix.
        compact: 0, or 1 or 2 for a tighter layout where a house style's fonts, spacing or
            margins would take the pre-read past six pages (see :func:`write_handout`).
    """
    writer = DocWriter(document)
    header_and_footer(writer, session.service.name, draft=False)
    set_properties(document, framework, session, generated, title=HANDOUT_TITLE)
    if not has_cover(document):
        title_block(writer, framework, session, HANDOUT_TITLE, compact=True)
    _purpose(writer, framework, session)
    _agenda(writer, framework, session, previous)
    _what_to_bring(writer, framework, session)
    writer.heading("How the ratings work", 1)
    writer.paragraph(framework.evaluation.prompt)
    scale_and_matrix(writer, framework, compact=True)
    if previous is not None:
        _last_year(writer, framework, session, previous)
    text_pt = TEXT_PT[compact]
    if compact:
        writer.scale_tables(TABLE_SCALE[compact], SMALLEST_PT)
    _characteristics(writer, framework, text_pt, HEADING_PT[compact], run_in=RUN_IN[compact])
    if compact:  # the house style's roomy headings and paragraphs, closer together
        for paragraph in document.paragraphs:
            name = paragraph.style.name if paragraph.style is not None else "Normal"
            layout = paragraph.paragraph_format
            if name.startswith("Heading"):
                layout.space_before, layout.space_after = Pt(6), Pt(2)
            elif name in ("Normal", "Note"):
                layout.line_spacing = 1.0
                layout.space_after = min(layout.space_after or Pt(4), Pt(4))
    if with_framework:
        _framework_appendix(writer, framework, session)
    writer.finish()


def _purpose(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Why the team meets, who and when: in a few lines."""
    workshop = session.workshop
    when = workshop.dates_label or "a date to be agreed"
    writer.heading("What the day is for", 1)
    writer.paragraph(
        f"On {when} the team assesses {session.service.name} against the "
        f"{framework.publisher} {framework.title}. {framework.introduction.summary} "
        "Together we agree, for each results area, what the figures show, and for each "
        "characteristic a rating on each element of the matrix, with the strengths and the "
        "areas for improvement that become the improvement plan."
    )
    team = ", ".join(m.name for m in workshop.team)
    parts: list[Span | str] = []
    if workshop.facilitator:
        parts += [Span("Facilitator: ", bold=True), workshop.facilitator + ". "]
    if team:
        parts += [Span("Team: ", bold=True), team + "."]
    if parts:
        writer.paragraph(*parts, style="Note")


@dataclass
class _Day:
    """One day of the agenda as the pre-read prints it."""

    title: tuple[Span, ...]
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    """About when, the item, its minutes."""


def _schedule(framework: Framework, session: Session, previous: Session | None) -> list[_Day]:
    """The day (or days): each item with its time budget and when it starts, about."""
    dates = sorted(session.workshop.dates) or [session.created.date()]
    hours = session.agenda.hours(len(dates))
    ids = framework.item_ids
    budgets = session.agenda.spread(ids, len(dates))
    labels = {a.id: a.label for a in framework.areas} | {c.id: c.label for c in framework.items}
    days: list[_Day] = []
    day_index, used = 0, 0
    for item_id in ids:
        minutes = budgets[item_id]
        if used and used + minutes > hours[day_index].working and day_index + 1 < len(dates):
            day_index, used = day_index + 1, 0
        day_hours = hours[day_index]
        if len(days) == day_index:
            label = f"{day_hours.start:%H:%M}–{day_hours.end:%H:%M}, breaks {day_hours.breaks} min"
            days.append(
                _Day(
                    (
                        Span(f"Day {day_index + 1} · {day_label(dates[day_index])}", bold=True),
                        Span(f"  ({label})", color=MUTED),
                    )
                )
            )
            if day_index == 0 and previous is not None:
                days[0].rows.append((_clock(day_hours, 0), "Review of last year's plan", "—"))
        days[-1].rows.append((_clock(day_hours, used), labels[item_id], str(minutes)))
        used += minutes
    days[-1].rows.append(("", "Then: the improvement plan, from the areas for improvement", "—"))
    return days


def _agenda(
    writer: DocWriter, framework: Framework, session: Session, previous: Session | None
) -> None:
    """The agenda: a table of the day's items, or two days side by side where the page is
    wide enough for every item on one line (a landscape page)."""
    days = _schedule(framework, session, previous)
    writer.heading("The agenda", 2)
    if len(days) == 2 and _fits_side_by_side(writer, days):
        _agenda_side_by_side(writer, days)
    else:
        grid = writer.table(
            [1.2, 1.0, 5.6, 1.2],
            ["Day", "About", "Item", "Minutes"],
            caption="The agenda: each item with its time budget",
        )
        for day in days:
            writer.row(grid, [Cell(day.title, span=4)], with_next=True)
            for about, item, minutes in day.rows:
                writer.row(grid, ["", about, item, Cell(minutes, align="right")])
    writer.paragraph(
        "Times are approximate: the breaks are spread over the day, and the facilitator moves "
        "on when the team has agreed.",
        style="Note",
    )


AGENDA_SIDE = (1.0, 5.6, 1.3)
"""The columns of one day of an agenda printed two days side by side: about, item, minutes."""


def _fits_side_by_side(writer: DocWriter, days: list[_Day]) -> bool:
    """Whether two days side by side take a quarter fewer lines than one after the other
    (on a wide page, where few items wrap in half its width)."""
    total = writer.usable_width()
    lines = {}
    for width in (total * 5.6 / 9, total / 2 * AGENDA_SIDE[1] / sum(AGENDA_SIDE)):
        lines[width] = [
            [math.ceil(writer.cell_width(item, whole=True) / width) for _a, item, _m in day.rows]
            for day in days
        ]
    one, two = lines.values()
    stacked = sum(sum(day) + 1 for day in one)
    beside = 1 + sum(max(pair) for pair in zip_longest(*two, fillvalue=0))
    return beside <= stacked * 0.75


def _agenda_side_by_side(writer: DocWriter, days: list[_Day]) -> None:
    grid = writer.table(
        [*AGENDA_SIDE, *AGENDA_SIDE],
        ["About", "Item", "Minutes"] * 2,
        caption="The agenda: each item with its time budget, the two days side by side",
    )
    first, second = days
    writer.row(grid, [Cell(first.title, span=3), Cell(second.title, span=3)], with_next=True)
    for left, right in zip_longest(first.rows, second.rows, fillvalue=("", "", "")):
        writer.row(
            grid,
            [
                left[0], left[1], Cell(left[2], align="right"),
                right[0], right[1], Cell(right[2], align="right"),
            ],
        )  # fmt: skip


def _clock(day_hours: DayHours, minutes: int) -> str:
    """The time of day ``minutes`` of work into a day, with its breaks spread evenly."""
    if day_hours.working <= 0:
        return ""
    elapsed = minutes * day_hours.length / day_hours.working
    start = datetime.combine(date(2000, 1, 1), day_hours.start) + timedelta(minutes=elapsed)
    return f"{start:%H:%M}"


def three_years(when: date) -> list[str]:
    """The last three complete financial years before ``when``: ``2022/23`` … ``2024/25``."""
    last_end = when.year if when.month >= 4 else when.year - 1
    return [f"{y - 1}/{str(y)[2:]}" for y in range(last_end - 2, last_end + 1)]


def _what_to_bring(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Section 1's figures for three years, and the data sources as a checklist."""
    when = min(session.workshop.dates) if session.workshop.dates else session.created.date()
    years = three_years(when)
    measures = [m for record in session.results.values() for m in record.measures]
    theirs = (
        " and the comparators' figures beside them" if any(m.comparators for m in measures) else ""
    )
    writer.heading("What to bring", 1)
    writer.paragraph(
        "Section 1 looks for trends over at least three years. Please bring the figures below "
        f"for {years[0]}, {years[1]} and {years[2]}{theirs} (those the "
        "service already holds are filled in), and the evidence on the checklist after them."
    )
    writer.heading("Figures for Section 1", 2)
    measures_key(writer, measures, trends=False)  # the team judges trends on the day
    grid = writer.table(
        [3.9, 1.4, 1.4, 1.4],
        ["Results area and measure", *years],
        caption="Figures to gather for three years",
    )
    for area in framework.areas:
        record = session.results.get(area.id) or AreaRecord()
        writer.row(grid, [Cell(Span(area.label, bold=True), span=4)], with_next=True)
        if not record.measures:
            need = "; ".join(area.includes[:1]) or area.statement
            writer.row(
                grid,
                [Span(f"No measures yet: {need}", italic=True), *(_box() for _ in years)],
            )
        for measure in record.measures:
            _measure_rows(writer, grid, measure, years)
    writer.heading("Evidence for Section 2", 2)
    writer.paragraph(
        "The framework's recommended data sources, each with the numbers of the "
        "characteristics that use it:",
        keep_with_next=True,
    )
    sources: dict[str, list[str]] = {}
    for characteristic in framework.items:
        for source in characteristic.data_sources:
            sources.setdefault(source, []).append(str(characteristic.number))
    # Two to a row: a checklist of short lines, read down the first column then the second.
    grid = writer.table(
        [0.35, 4.2, 0.35, 4.2],
        None,
        caption="Checklist of recommended data sources",
        borders=False,
    )
    entries: list[list[Line | Cell]] = [
        [_box(), (Span(source), Span(f" ({', '.join(numbers)})", color=MUTED))]
        for source, numbers in sources.items()
    ]
    half = (len(entries) + 1) // 2
    for left, right in zip_longest(entries[:half], entries[half:], fillvalue=["", ""]):
        writer.row(grid, [*left, *right])


def _measure_rows(writer: DocWriter, grid: Grid, measure: Measure, years: list[str]) -> None:
    """A measure's figures for the three years (a box for each still to gather), and under
    them each comparator's, with where the service's figure stands against it."""
    unit = measure.unit.strip()
    # The unit on the name's line, not a line of its own: the pre-read has six pages.
    name: list[Line] = [
        (Span(measure.name), Span(f" · unit: {unit}", color=MUTED, size=SMALL_PT))
        if unit
        else measure.name
    ]
    if not measure.has_three_years:
        name.append(short_data(measure, brief=True))
    periods, by_year = _periods_for(measure, years)
    if not by_year:
        _own_periods_rows(writer, grid, measure, name, periods)
        return
    cells: list[Line | list[Line] | Cell] = [name]
    for period in periods:
        value = measure.value_for(period) if period else None
        cells.append(_box() if period is None or value is None else value.value)
    writer.row(grid, cells, with_next=bool(measure.comparators))
    for number, comparator in enumerate(measure.comparators):
        cells = [Span(comparator.name, italic=True)]
        for period in periods:
            theirs = comparator.value_for(period) if period else None
            if period is None or theirs is None:
                cells.append(_box())
                continue
            read = measure.standing(comparator, period)
            cells.append(standing_cell(theirs.value, read, inline=True))
        writer.row(grid, cells, with_next=number < len(measure.comparators) - 1)


def _own_periods_rows(
    writer: DocWriter, grid: Grid, measure: Measure, name: list[Line], periods: list[str | None]
) -> None:
    """A measure kept by periods that are not the financial years in the columns (calendar
    years, surveys every few years): its figures across the three columns, each with its own
    period ("2018: 91% · 2021: 86% · 2024: 89%"), so no figure sits under a year it is not."""
    known = [p for p in periods if p is not None]

    def across(figure: Callable[[str], list[Span] | None]) -> Cell:
        spans: list[Span] = []
        for period in known:
            shown = figure(period)
            if shown is None:
                continue
            if spans:
                spans.append(Span(" · ", color=MUTED))
            spans.extend(shown)
        missing = 3 - len(known)
        if missing:
            if spans:
                spans.append(Span(" · ", color=MUTED))
            spans.append(Span(" ".join([BOX] * missing), font=BOX_FONT))
        return Cell(tuple(spans) or "", span=3)

    def ours(period: str) -> list[Span] | None:
        value = measure.value_for(period)
        return None if value is None else [Span(f"{period}: {value.value}")]

    writer.row(grid, [name, across(ours)], with_next=bool(measure.comparators))
    for number, comparator in enumerate(measure.comparators):

        def theirs(period: str, comparator: Comparator = comparator) -> list[Span] | None:
            value = comparator.value_for(period)
            if value is None:
                return None
            read = measure.standing(comparator, period)
            return _spans(standing_cell(f"{period}: {value.value}", read, inline=True)[0])

        writer.row(
            grid,
            [Span(comparator.name, italic=True), across(theirs)],
            with_next=number < len(measure.comparators) - 1,
        )


def _periods_for(measure: Measure, years: list[str]) -> tuple[list[str | None], bool]:
    """The measure's period (as typed) for each of the three financial ``years``, and whether
    they are those years.

    A period is matched by the year it is read as (``FY2024`` and ``2023-24`` are 2023/24). A
    measure kept by other periods (calendar years, surveys) gives its latest three periods,
    after None for each missing (and False).
    """
    wanted = {read.year: label for label in years if (read := read_period(label)) is not None}
    found: dict[str, str] = {}
    for value in measure.values:
        read = read_period(value.period)
        if value.period in years:
            found[value.period] = value.period
        elif read is not None and not read.part and read.year in wanted:
            found.setdefault(wanted[read.year], value.period)
    if found:
        return [found.get(year) for year in years], True
    latest: list[str | None] = [v.period for v in measure.in_year_order()[-3:]]
    return [None] * (3 - len(latest)) + latest, False


def _spans(line: Line) -> list[Span]:
    """A paragraph's line as runs."""
    if isinstance(line, str):
        return [Span(line)]
    return [line] if isinstance(line, Span) else list(line)


def _box() -> Cell:
    return Cell(Span(BOX, font=BOX_FONT), align="center")


def _last_year(
    writer: DocWriter, framework: Framework, session: Session, previous: Session
) -> None:
    """Last year's ratings, and what has become of last year's plan so far."""
    when = previous.workshop.dates_label or day_label(previous.created.date())
    writer.heading(f"Last time ({when})", 1)
    elements = framework.elements
    grid = writer.table(
        [6.0] + [1.0] * len(elements),
        ["Characteristic", *(Cell(e.title, align="center") for e in elements)],
        caption=f"Ratings agreed in {when}",
    )
    for characteristic in framework.items:
        record = previous.characteristics.get(characteristic.id)
        writer.row(
            grid,
            [
                characteristic.label,
                *(
                    rating_cell(record.rating_for(e.id) if record else None, writer.palette)
                    for e in elements
                ),
            ],
        )
    rows = review_rows(previous, session)
    if not rows:
        writer.heading("Last year's plan", 2)
        writer.paragraph("Last year's self-assessment had no improvement plan.", style="Note")
        return
    completion = plan_completion(session, previous)
    writer.heading(f"Last year's plan: {count(len(rows), 'action')}, {completion.label()}", 2)
    refs = previous_refs(previous, session)
    grid = writer.table(
        [1.2, 6.4, 1.6],
        ["Ref", "Action", "So far"],
        caption="Last year's plan and what became of each action",
    )
    for row in rows:
        outcome = row.review.outcome
        writer.row(
            grid,
            [
                Span(refs[row.action.id], bold=True),
                row.action.action,
                OUTCOME_LABELS[outcome].capitalize()
                if outcome
                else Span("Not reviewed", color=MUTED),
            ],
        )


def _characteristics(
    writer: DocWriter,
    framework: Framework,
    text_pt: float,
    heading_pt: float | None = None,
    *,
    run_in: bool = False,
) -> None:
    """Section 2: each characteristic in the framework's words, on half a page at most."""
    section = framework.characteristics
    # In two columns (three across a landscape page), straight after what comes before.
    writer.new_section(
        columns=3 if writer.template_landscape else 2, continuous=True, gap=COLUMN_GAP
    )
    writer.heading(section.title, 1, size=heading_pt and heading_pt + 2)
    writer.paragraph(
        "For each, think ahead: what approaches do we have in place, what evidence shows how "
        "well they work, and how far have we got on each element of the matrix?",
        style="Note",
    )
    for characteristic in framework.items:
        writer.heading(f"{characteristic.number} {characteristic.title}", 2, size=heading_pt)
        writer.paragraph(
            Span(characteristic.statement, bold=True, size=text_pt),
            keep_with_next=True,
            space_after=60,
            single=True,
        )
        if run_in:
            spans: list[Span] = []
            for include in characteristic.includes:
                spans += [Span("▪ ", color=MUTED, size=text_pt), Span(f"{include}  ", size=text_pt)]
            writer.paragraph(*spans, space_after=60, single=True)
        else:
            writer.bullets((Span(i, size=text_pt) for i in characteristic.includes), compact=True)


def _framework_appendix(writer: DocWriter, framework: Framework, session: Session) -> None:
    """The framework's full text: the briefing, Section 1 and Section 2 with their guidance."""
    intro = framework.introduction
    method = framework.methodology
    writer.new_section()  # on a new page, in one column again
    writer.heading("Appendix: the framework", 1)
    writer.paragraph(intro.summary)
    writer.paragraph(intro.sections_lead, keep_with_next=True)
    writer.bullets(intro.sections)
    writer.paragraph(intro.conclusion)
    writer.heading(method.title, 2)
    writer.paragraph(method.results)
    writer.paragraph(method.characteristics_lead, keep_with_next=True)
    writer.bullets(method.steps)
    results = framework.results
    writer.heading(f"Section {results.number}: {results.title}", 2)
    for area in framework.areas:
        record = session.results.get(area.id) or AreaRecord()
        writer.heading(area.label, 3)
        writer.paragraph(area.statement)
        writer.paragraph(area.includes_lead, keep_with_next=True)
        writer.bullets(area.includes)
        if record.measures:
            measures_table(writer, record.measures)
        elif not record.no_data_yet:
            writer.paragraph(f"Measures: {NONE_YET}", style="Note")
    section = framework.characteristics
    writer.heading(f"Section {section.number}: {section.title}", 2)
    for characteristic in framework.items:
        writer.heading(f"Characteristic {characteristic.number}: {characteristic.title}", 3)
        writer.paragraph(characteristic.statement)
        writer.paragraph(characteristic.includes_lead, keep_with_next=True)
        writer.bullets(characteristic.includes)
        framework_guidance(writer, characteristic)


def write_handout(
    open_document: Callable[[], Document],
    framework: Framework,
    session: Session,
    generated: date,
    *,
    previous: Session | None = None,
    with_framework: bool = False,
) -> Document:
    """The pre-read, as compact as it must be to stay within :data:`MAX_PAGES` pages.

    It is written at the house style's sizes, and its pages counted (:mod:`.pages`; a
    council's cover page aside); past six, it is written again in a tighter layout (single
    line spacing, closer headings, the characteristics at 9 pt), then with the tables' text
    smaller too (never under :data:`SMALLEST_PT`) and the characteristics' bullets run on.

    Args:
        open_document: opens the template afresh (the document is rebuilt for each try).
    """
    for compact in range(len(TEXT_PT)):
        document = open_document()
        build_handout(
            document,
            framework,
            session,
            generated,
            previous=previous,
            with_framework=with_framework,
            compact=compact,
        )
        if with_framework:
            return document  # the appendix makes the count meaningless; the body is as first built
        pages = estimate_pages(document)
        count = pages.pages - (1 if has_cover(document) else 0)
        # The estimate can be a page short in some house styles: the sixth page must be
        # no more than three quarters full.
        if count < MAX_PAGES or (count == MAX_PAGES and pages.last_page_filled <= FULL_ENOUGH):
            return document
    return document
