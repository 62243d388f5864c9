"""Provides the findings document: its title page, key messages, front matter and summary,
and the order of parts.

The document is written for councillors and senior officers: a title page (with the
sign-off), the team's key messages, contents, how to read the ratings, a summary, then
Section 1 (results areas) and Section 2 (characteristics) from
:mod:`~benchmark_tui.export.sections`, and the improvement plan (on landscape pages) with, if
the session holds records the framework does not have, an appendix listing them, from
:mod:`~benchmark_tui.export.plan`. The header, footer, properties and contents come from
:mod:`~benchmark_tui.export.frame`. Nothing here touches files:
:mod:`benchmark_tui.export.word` opens the template and saves the result.
"""

from __future__ import annotations

from datetime import date

from docx.document import Document
from docx.shared import Pt

from benchmark_tui.export.frame import (
    contents,
    facts_table,
    header_and_footer,
    set_properties,
    title_block,
)
from benchmark_tui.export.ooxml import (
    Span,
    xml_safe,
)
from benchmark_tui.export.pages import estimate_pages
from benchmark_tui.export.parking import write_parking_lot
from benchmark_tui.export.pieces import (
    count,
    day,
    is_draft,
    rating_cell,
    state_span,
)
from benchmark_tui.export.plan import write_appendix, write_plan
from benchmark_tui.export.scale import rating_key, scale_and_matrix
from benchmark_tui.export.sections import write_characteristics, write_results
from benchmark_tui.export.styles import ALERT
from benchmark_tui.export.template import has_cover
from benchmark_tui.export.wordkit import Cell, DocWriter, Line
from benchmark_tui.models import (
    AreaRecord,
    Characteristic,
    CharacteristicRecord,
    Framework,
    ResultsArea,
    Session,
)
from benchmark_tui.models.evidence import SHORT_DATA

REPORT_TITLE = "Self-assessment findings"


def build_findings(
    document: Document,
    framework: Framework,
    session: Session,
    generated: date,
    *,
    guidance: bool = False,
    previous: Session | None = None,
) -> None:
    """Write the whole findings document into ``document`` (an opened template, body empty).

    Args:
        document: the document to write into; its styles, header and footer are used.
        framework: the framework the session is read against.
        session: the session; it is only read, never changed.
        generated: the date printed as "generated".
        guidance: add the framework's guidance and data sources beside each characteristic.
        previous: the self-assessment this one follows on from, if at hand: the section
            "Since the last self-assessment" compares with it.
    """
    writer = DocWriter(document)
    header_and_footer(writer, session.service.name, draft=is_draft(framework, session))
    set_properties(document, framework, session, generated, title=REPORT_TITLE)
    _title_page(writer, framework, session, generated)
    _key_messages(writer, session)
    contents(writer)
    _how_to_read(writer, framework, session)
    _summary(writer, framework, session)
    if previous is not None:
        from benchmark_tui.export.since_last import write_since_last
        from benchmark_tui.last_time import LastTime

        write_since_last(writer, framework, session, LastTime(previous))
    write_results(writer, framework, session)
    write_characteristics(writer, framework, session, guidance=guidance)
    write_plan(writer, framework, session)
    write_parking_lot(writer, framework, session)
    write_appendix(writer, framework, session)
    writer.finish()


# ---------------------------------------------------------------------------------------------
# Title page and key messages
# ---------------------------------------------------------------------------------------------


def _title_page(writer: DocWriter, framework: Framework, session: Session, generated: date) -> None:
    """The title page, kept to one page: in a roomy house style (large table text, a short
    landscape page) the space above the title closes up, then the facts' type gets smaller."""
    cover = has_cover(writer.document)
    spacer = None
    if not cover:  # a council's cover page has the title already
        spacer = title_block(writer, framework, session, REPORT_TITLE)

    facts_table(writer, framework, session, generated, _sign_off(framework, session))

    progress = session.progress(framework)
    if progress.agreed < progress.total:
        writer.paragraph(
            f"Draft: {progress.agreed} of {progress.total} items agreed so far. "
            "Items not yet agreed are marked in this document.",
            style="Callout",
        ).paragraph_format.space_before = Pt(18)
    if not session.matches(framework):
        writer.paragraph(
            f"The session was recorded with {session.framework.id} version "
            f"{session.framework.version}; this document uses {framework.id} version "
            f"{framework.version}, whose wording may differ.",
            style="Note",
        ).paragraph_format.space_before = Pt(12)
    pages = 2 if cover else 1
    for factor in (1.0, 0.9, 0.8):
        if estimate_pages(writer.document).pages <= pages:
            break
        if spacer is not None:
            spacer.paragraph_format.space_before = Pt(0)
        if factor < 1:
            writer.scale_tables(factor / (factor + 0.1))  # the facts table (the only one yet)


def _sign_off(framework: Framework, session: Session) -> list[tuple[str, list[Line]]]:
    """Status, version, approval and distribution, as far as they are recorded."""
    findings = session.findings
    status = "Draft" if is_draft(framework, session) else "Final"
    if findings.status == "final" and status == "Draft":
        status = "Draft (signed off as final, but not every item is agreed)"
    facts: list[tuple[str, list[Line]]] = [("Status", [status])]
    if findings.version.strip():
        facts.append(("Version", [findings.version]))
    if findings.approved_by.strip():
        facts.append(("Approved by", [findings.approved_by]))
    if findings.date_approved is not None:
        facts.append(("Date approved", [day(findings.date_approved)]))
    lines: list[Line] = [x.strip() for x in findings.distribution.split("\n") if x.strip()]
    if lines:
        facts.append(("Distribution", lines))
    return facts


def _key_messages(writer: DocWriter, session: Session) -> None:
    """The team's short executive summary, first after the title page, if they wrote one."""
    text = session.findings.key_messages
    if not text.strip():
        return
    writer.heading("Key messages", 1, new_page=True)
    bullets: list[str] = []
    for line in xml_safe(text).replace("\u2029", "\n").split("\n"):
        stripped = line.strip()
        if stripped[:1] in ("-", "*", "•") and stripped[1:2] in (" ", "\t"):
            bullets.append(stripped[2:].strip())
            continue
        if bullets:
            writer.bullets(bullets)
            bullets = []
        if stripped:
            writer.paragraph(stripped)
    if bullets:
        writer.bullets(bullets)


# ---------------------------------------------------------------------------------------------
# How to read, summary
# ---------------------------------------------------------------------------------------------


def _how_to_read(writer: DocWriter, framework: Framework, session: Session) -> None:
    writer.heading("How to read this report", 1, new_page=True)
    intro = framework.introduction
    writer.paragraph(
        f"This report records the self-assessment of {session.service.name} against the "
        f"{framework.publisher} {framework.title}: {framework.subtitle[:1].lower()}"
        f"{framework.subtitle[1:]}. {intro.summary}"
    )
    writer.paragraph(intro.sections_lead, keep_with_next=True)
    writer.bullets(intro.sections)
    writer.paragraph(
        "For each results area the team reviewed the data the service holds and looked for "
        "trends over at least three years. For each characteristic the team discussed the "
        "approaches in place, summarised the evidence, agreed a rating for each element of the "
        "evaluation matrix and identified strengths and areas for improvement. The improvement "
        "plan at the end turns the areas for improvement into actions."
    )
    scale_and_matrix(writer, framework)


def _summary(writer: DocWriter, framework: Framework, session: Session) -> None:
    writer.heading("Summary", 1, new_page=True)
    progress = session.progress(framework)
    every: list[ResultsArea | Characteristic] = [*framework.areas, *framework.items]
    pending = [item.label for item in every if session.state_of(item.id) != "agreed"]
    if progress.agreed == 0:
        writer.paragraph(
            Span(f"None of the {progress.total} items is agreed yet.", bold=True, color=ALERT)
        )
    elif pending:
        writer.paragraph(
            Span(f"{progress.agreed} of {progress.total} items agreed. ", bold=True),
            Span("Not yet agreed: " + "; ".join(pending) + ".", bold=True, color=ALERT),
        )
    else:
        writer.paragraph(Span(f"All {progress.total} items agreed.", bold=True))

    writer.heading("Characteristics: agreed ratings", 2)
    elements = framework.elements
    grid = writer.table(
        [4.6] + [1.25] * len(elements) + [1.5],
        ["Characteristic", *(Cell(e.title, align="center") for e in elements), "Status"],
        caption="Agreed ratings of the characteristics on each element of the matrix",
        keep_together=True,
    )
    for characteristic in framework.items:
        record = session.characteristics.get(characteristic.id) or CharacteristicRecord()
        writer.row(
            grid,
            [
                characteristic.label,
                *(rating_cell(record.rating_for(e.id), writer.palette) for e in elements),
                state_span(record.state),
            ],
            with_next=characteristic is framework.items[-1],  # the key is never left alone
        )
    writer.paragraph(style="Note", keep_with_next=True)  # keeps the key a table of its own
    rating_key(writer, framework)

    writer.heading("Results achieved", 2)
    grid = writer.table(
        [3.6, 1.4, 2.2, 1.7, 2.3],
        ["Results area", "Status", "Data", "Strengths", "Areas for improvement"],
        caption="Results areas: status, data and number of findings",
        keep_together=True,
    )
    for area in framework.areas:
        area_record = session.results.get(area.id) or AreaRecord()
        writer.row(
            grid,
            [
                area.label,
                state_span(area_record.state),
                _data_label(area_record),
                Cell(str(len(area_record.strengths)), align="center"),
                Cell(str(len(area_record.improvements)), align="center"),
            ],
        )

    writer.heading("Findings", 2)
    areas = [session.results.get(a.id) or AreaRecord() for a in framework.areas]
    items = [session.characteristics.get(c.id) or CharacteristicRecord() for c in framework.items]
    strengths = [sum(len(r.strengths) for r in records) for records in (areas, items)]
    improvements = [sum(len(r.improvements) for r in records) for records in (areas, items)]
    writer.paragraph(
        f"The team recorded {count(sum(strengths), 'strength')} and "
        f"{count(sum(improvements), 'area for improvement', 'areas for improvement')}: "
        f"{strengths[0]} and {improvements[0]} for the results areas, "
        f"{strengths[1]} and {improvements[1]} for the characteristics."
    )
    actions = session.plan.actions
    if actions:
        high = sum(a.priority == "high" for a in actions)
        writer.paragraph(
            f"The improvement plan has {count(len(actions), 'action')}, "
            f"{high} of them high priority."
        )
    else:
        writer.paragraph("No improvement actions have been recorded yet.")


def _data_label(record: AreaRecord) -> str:
    if record.no_data_yet and record.measures:
        return "Data collection not complete"
    if record.no_data_yet:
        return "No data collected yet"
    if record.measures:
        short = len(record.short_measures)
        label = count(len(record.measures), "measure")
        return f"{label}; {short} with {SHORT_DATA}" if short else label
    return "None recorded yet"
