"""Provides the pre-read: the document each member of the team reads before the workshop.

The framework asks that everyone "has a copy of the framework". The pre-read is that copy, for
this service: the briefing (the goal and nature of self-assessment, and the method), the 0–4
scale and the evaluation matrix, each results area with the measures collected so far, and each
characteristic with its statement, what it includes, the relevant guidance and recommended data
sources, and an empty matrix to think with. It uses the same templates as the findings.
"""

from __future__ import annotations

from datetime import date

from docx.document import Document

from benchmark_tui.export.frame import (
    contents,
    facts_table,
    header_and_footer,
    set_properties,
    title_block,
)
from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import NONE_YET
from benchmark_tui.export.scale import scale_and_matrix
from benchmark_tui.export.sections import framework_guidance, matrix, measures_table
from benchmark_tui.export.template import has_cover
from benchmark_tui.export.wordkit import DocWriter
from benchmark_tui.models import AreaRecord, CharacteristicRecord, Framework, Session

HANDOUT_TITLE = "Self-assessment pre-read"


def build_handout(
    document: Document, framework: Framework, session: Session, generated: date
) -> None:
    """Write the pre-read for ``session`` into ``document`` (an opened template, body empty).

    Args:
        document: the document to write into; its styles, header and footer are used.
        framework: the framework the workshop works through.
        session: the session (for the service, the team and the measures collected so far).
        generated: the date printed as "generated".
    """
    writer = DocWriter(document)
    header_and_footer(writer, session.service.name, draft=False)
    set_properties(document, framework, session, generated, title=HANDOUT_TITLE)
    if not has_cover(document):
        title_block(writer, framework, session, HANDOUT_TITLE)
    facts_table(writer, framework, session, generated, [])
    writer.paragraph(
        "Please read this before the workshop, and bring it with you: the team works through "
        "the framework together, one results area and one characteristic at a time.",
        style="Note",
    )
    contents(writer)
    _briefing(writer, framework)
    writer.heading("How the ratings work", 1, new_page=True)
    writer.paragraph(framework.evaluation.prompt)
    scale_and_matrix(writer, framework)
    _results(writer, framework, session)
    _characteristics(writer, framework)
    writer.finish()


def _briefing(writer: DocWriter, framework: Framework) -> None:
    """The goal and nature of self-assessment, and the method, in the framework's words."""
    intro = framework.introduction
    method = framework.methodology
    writer.heading("About self-assessment", 1, new_page=True)
    writer.paragraph(intro.summary)
    writer.paragraph(intro.sections_lead, keep_with_next=True)
    writer.bullets(intro.sections)
    writer.paragraph(intro.conclusion)
    writer.heading(method.title, 2)
    writer.paragraph(method.results)
    writer.paragraph(method.characteristics_lead, keep_with_next=True)
    writer.bullets(method.steps)


def _results(writer: DocWriter, framework: Framework, session: Session) -> None:
    """Section 1: each results area, and the measures the service has collected so far."""
    section = framework.results
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    for area in framework.areas:
        record = session.results.get(area.id) or AreaRecord()
        writer.heading(area.label, 2)
        writer.paragraph(area.statement)
        writer.paragraph(area.includes_lead, keep_with_next=True)
        writer.bullets(area.includes)
        writer.heading("Measures collected so far", 3)
        if record.measures:
            measures_table(writer, record.measures)
        elif record.no_data_yet:
            writer.paragraph("The service does not collect data for this area yet.", style="Note")
        else:
            writer.paragraph(NONE_YET, style="Note")


def _characteristics(writer: DocWriter, framework: Framework) -> None:
    """Section 2: each characteristic in the framework's words, with an empty matrix."""
    section = framework.characteristics
    writer.heading(f"Section {section.number}: {section.title}", 1, new_page=True)
    for characteristic in framework.items:
        writer.heading(f"Characteristic {characteristic.number}: {characteristic.title}", 2)
        writer.paragraph(characteristic.statement)
        writer.paragraph(characteristic.includes_lead, keep_with_next=True)
        writer.bullets(characteristic.includes)
        framework_guidance(writer, characteristic)
        writer.heading("To think about", 3)
        writer.paragraph(
            Span(characteristic.approaches_prompt, italic=True),
            keep_with_next=True,
        )
        writer.paragraph(
            "Then, for each element of the matrix: how far have we got?",
            style="Note",
            keep_with_next=True,
        )
        matrix(writer, framework, CharacteristicRecord(), blank=True)
