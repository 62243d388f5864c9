"""Provides the frame the findings and the pre-read share: header and footer, file properties,
the top of the title page with its facts, and the contents.

A council's template keeps its own header and footer; only what it lacks is added.
"""

from __future__ import annotations

from datetime import date, datetime

from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from benchmark_tui.export.docxcompat import replace_blob
from benchmark_tui.export.headers import complete_headers
from benchmark_tui.export.identity import document_mark
from benchmark_tui.export.ooxml import (
    Span,
    xml_safe,
)
from benchmark_tui.export.pieces import day, is_draft
from benchmark_tui.export.wordkit import DocWriter, Line
from benchmark_tui.models import Framework, Session

TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'
TOC_PLACEHOLDER = (
    "To add page numbers, right-click the contents and choose Update Field "
    "(in LibreOffice: Tools ▸ Update ▸ Update All)."
)


def header_and_footer(writer: DocWriter, service: str, *, draft: bool) -> None:
    """Complete the template's headers and footers (see :mod:`.headers`)."""
    complete_headers(writer.document, service, draft=draft)


def set_properties(
    document: Document, framework: Framework, session: Session, generated: date, *, title: str
) -> None:
    """File properties (File ▸ Info in Word) of a session's document, replacing the template's.

    The identifier names the session the document is from.
    """
    version = session.findings.version.strip()
    write_properties(
        document,
        title=f"{session.service.name}: {title}",
        subject=f"{framework.publisher} {framework.title} ({framework.version})",
        author=session.workshop.facilitator or session.service.name,
        category=title,
        draft=is_draft(framework, session),
        generated=generated,
        identifier=document_mark(session),
        version=version,
    )


def write_properties(
    document: Document,
    *,
    title: str,
    subject: str,
    author: str,
    category: str,
    draft: bool,
    generated: date,
    identifier: str = "",
    version: str = "",
) -> None:
    """Every file property the template carried, replaced (none of its own is left stale).

    The application properties name benchmark-tui and claim no page or word counts (Word
    counts them again when it saves). A cover page's content controls bound to the title,
    subject and author, and its DATE field, show these values (:func:`fill_cover`).
    """
    props = document.core_properties
    props.title = xml_safe(title)[:255]
    props.subject = xml_safe(subject)[:255]
    props.author = xml_safe(author)[:255]
    props.last_modified_by = "benchmark-tui"
    props.comments = ""
    props.keywords = "self-assessment; libraries; benchmarking"
    props.category = xml_safe(category)[:255]
    props.identifier = identifier
    props.version = xml_safe(version)[:255]
    props.content_status = "Draft" if draft else "Final"
    props.revision = 1
    props.created = props.modified = datetime(generated.year, generated.month, generated.day, 12)
    # No w:updateFields: Word would greet every reader with a prompt about updating fields
    # that reads like a security warning. The contents lists the headings without page numbers
    # until a reader updates it on purpose (see README, "The findings document").
    for old in document.settings.element.findall(qn("w:updateFields")):
        document.settings.element.remove(old)
    _application_properties(document)
    fill_cover(document, generated)


_BOUND = {
    "title": "title",
    "subject": "subject",
    "creator": "author",
    "description": "comments",
    "keywords": "keywords",
    "category": "category",
    "contentStatus": "content_status",
}
"""The core properties a content control can be bound to (by its XPath's last step)."""


def fill_cover(document: Document, generated: date) -> None:
    """Fill a cover page's content controls bound to the file's properties, and its dates.

    Word refreshes bound controls from the properties when it opens the file, but other
    readers (LibreOffice, previews, PDF converters) show what is written: so the values are
    written in. A DATE field shows the date the document was generated.
    """
    props = document.core_properties
    body = document.element.body
    for sdt in body.iter(qn("w:sdt")):
        binding = sdt.find(f"{qn('w:sdtPr')}/{qn('w:dataBinding')}")
        if binding is None:
            continue
        step = (binding.get(qn("w:xpath")) or "").rstrip("]").split("/")[-1]
        name = _BOUND.get(step.split(":")[-1].split("[")[0])
        content = sdt.find(qn("w:sdtContent"))
        if name is None or content is None:
            continue
        texts = list(content.iter(qn("w:t")))
        if texts:
            texts[0].text = str(getattr(props, name) or "")
            for extra in texts[1:]:
                extra.text = ""
        placeholder = sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}")
        if placeholder is not None:
            placeholder.getparent().remove(placeholder)
    for instr in body.iter(qn("w:instrText")):
        if (instr.text or "").split()[:1] == ["DATE"]:
            _set_field_result(instr, day(generated))


def _set_field_result(instr: BaseOxmlElement, text: str) -> None:
    """Show ``text`` as the cached result of the field whose instruction is ``instr``."""
    run = instr.getparent()
    results = []
    node = run.getnext()
    separated = False
    while node is not None:
        kind = node.find(qn("w:fldChar"))
        kind = kind.get(qn("w:fldCharType")) if kind is not None else None
        if kind == "end":
            break
        if kind == "separate":
            separated = True
        elif separated:
            results.extend(node.iter(qn("w:t")))
        node = node.getnext()
    if results:
        results[0].text = text
        for extra in results[1:]:
            extra.text = ""


APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><Application>benchmark-tui</Application>"
    b"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion>"
    b"</Properties>"
)
"""``docProps/app.xml``: made by benchmark-tui, with no stale page, word or line counts."""


def _application_properties(document: Document) -> None:
    """Replace the template's application properties ("Microsoft Macintosh Word, 1 page")."""
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            replace_blob(part, APP_PROPERTIES)


def title_block(
    writer: DocWriter, framework: Framework, session: Session, title: str, *, compact: bool = False
) -> Paragraph:
    """The top of a title page: the framework, the document's title and the service.

    Returns the space above the title (an empty paragraph), which a crowded title page closes.

    The space above the title shrinks on a short page (a landscape template's), so the title
    page's facts stay on the title page; ``compact`` leaves almost none (the pre-read's).
    """
    section = writer.section
    room = 720.0
    if section.page_height and section.top_margin is not None and section.bottom_margin is not None:
        room = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    spacer = writer.paragraph()
    spacer.paragraph_format.space_before = Pt(6 if compact else max(6, min(90, room - 620)))
    writer.paragraph(
        Span(f"{framework.publisher} · {framework.title}", bold=True, color=writer.palette.accent),
        keep_with_next=True,
    )
    writer.paragraph(title, style="Title", keep_with_next=True)
    writer.paragraph(session.service.name, style="Subtitle", keep_with_next=True)
    return spacer


def facts_table(
    writer: DocWriter,
    framework: Framework,
    session: Session,
    generated: date,
    more: list[tuple[str, list[Line]]],
) -> None:
    """The title page's facts: scope, governance, workshop, team, framework, date, ``more``."""
    workshop = session.workshop
    team: list[Line] = [
        f"{member.name} — {member.role}" if member.role else member.name for member in workshop.team
    ]
    present: list[Line] = [taken.label(when) for when, taken in sorted(workshop.attendance.items())]
    facts: list[tuple[str, list[Line]]] = [
        ("Scope", [session.service.scope_label]),
        ("Governance", [session.service.governance_label]),
        ("Workshop", [dates(session) or "Not recorded"]),
        ("Facilitator", [workshop.facilitator or "Not recorded"]),
        ("Team", team or ["Not recorded"]),
        *([("Attendance", present)] if present else []),
        ("Framework", [f"{framework.title}, version {framework.version} ({framework.publisher})"]),
        ("Generated", [day(generated)]),
        *more,
    ]
    grid = writer.table([1, 3.6], caption="About this self-assessment", borders=False)
    for label, lines in facts:
        writer.row(grid, [Span(label, bold=True, color=writer.palette.accent), lines])


def dates(session: Session) -> str:
    return ", ".join(day(d) for d in sorted(session.workshop.dates))


def contents(writer: DocWriter) -> None:
    """The contents, on a page of its own."""
    writer.paragraph("Contents", style="TOC Heading", keep_with_next=True, page_break=True)
    writer.contents(TOC_INSTRUCTION, TOC_PLACEHOLDER)
