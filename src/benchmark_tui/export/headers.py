"""Provides the headers and footers of every document: the council's own, with what they lack.

A page can show one of three headers (and footers) in each section: the default one, the
first page's (when the section has a different first page) and the even pages' (when the
document has different odd and even pages). Every one of them a page can take is completed
here: a draft says DRAFT, the council's security marking (``OFFICIAL`` …) is on every one if it
is on any, the service name goes where the template has no text, and pages are numbered where
neither header nor footer numbers them. DRAFT joins a line the header already has (the
marking's, or the last with text), so the header never grows past its margin.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.text.paragraph import Paragraph

from benchmark_tui.export.docxcompat import element_of, p_of
from benchmark_tui.export.ooxml import Span, W, add_field, add_runs, has_field, xml_safe
from benchmark_tui.export.styles import ALERT

if TYPE_CHECKING:
    from benchmark_tui.export.docxcompat import HeaderOrFooter

MARKING = re.compile(
    r"\b(?:OFFICIAL(?:[-\u2011 ]SENSITIVE)?|NOT PROTECTIVELY MARKED|PROTECT(?:ED)?|"
    r"RESTRICTED|CONFIDENTIAL|TOP SECRET|SECRET)\b"
)
"""Security markings councils print on every page (the Government Security Classifications,
and the older protective markings), in capitals as they are printed."""
DRAFT = "DRAFT"
GAP = "\u2003"
"""Between the council's text and DRAFT on one line (an em space)."""


@dataclass(frozen=True)
class PageKind:
    """One header and footer a page of a section can show."""

    kind: str
    """``default``, ``first`` or ``even``."""
    header: HeaderOrFooter
    footer: HeaderOrFooter


def page_kinds(document: Document, section: Section) -> Iterator[PageKind]:
    """The headers and footers the pages of ``section`` can show."""
    yield PageKind("default", section.header, section.footer)
    if section.different_first_page_header_footer:
        yield PageKind("first", section.first_page_header, section.first_page_footer)
    if document.settings.element.find(qn("w:evenAndOddHeaders")) is not None:
        yield PageKind("even", section.even_page_header, section.even_page_footer)


def complete_headers(
    document: Document, service: str, *, draft: bool, number_first: bool = False
) -> None:
    """Complete every header and footer of every section (see the module's description).

    Args:
        document: the document, with the template's sections.
        service: the name put in a header that has no text of its own.
        draft: mark every page DRAFT.
        number_first: number the first page of a section with a different first page too
            (the comparison report has no title page); a findings' title page is not numbered.
    """
    seen: set[int] = set()
    for section in document.sections:
        kinds = list(page_kinds(document, section))
        default = kinds[0]
        header_mark = _marking(element_of(default.header))
        footer_mark = _marking(element_of(default.footer))
        odd = element_of(default.header)
        for kind in kinds:
            header, footer = element_of(kind.header), element_of(kind.footer)
            if kind.kind == "even" and _is_empty(header) and not _is_empty(odd):
                _copy_content(odd, header)  # even pages read like odd ones
            first_visit = id(header) not in seen
            seen.add(id(header))
            if first_visit:
                if header_mark and not _marking(header):
                    _join(kind.header, [Span(header_mark, bold=True)], align_new=True)
                if kind.kind != "first" and not _has_text(header):
                    _join(kind.header, [Span(xml_safe(service))], align_new=True)
                if draft:
                    _join(kind.header, [Span(DRAFT, bold=True, color=ALERT)], align_new=True)
            if id(footer) in seen:
                continue
            seen.add(id(footer))
            if footer_mark and not _marking(footer):
                _join(kind.footer, [Span(footer_mark, bold=True)], align_new=True)
            numbered = has_field(header, "PAGE") or has_field(footer, "PAGE")
            if not numbered and (kind.kind != "first" or number_first):
                _page_numbers(kind.footer)


def _marking(element: BaseOxmlElement) -> str:
    found = MARKING.search(_text(element))
    return found.group(0) if found else ""


def _text(element: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _has_text(element: BaseOxmlElement) -> bool:
    """Whether a header holds any text: in paragraphs, tables or text boxes."""
    return bool(_text(element).strip())


def _is_empty(element: BaseOxmlElement) -> bool:
    return not _has_text(element) and not element.xpath(".//w:drawing|.//w:pict")


def _copy_content(source: BaseOxmlElement, target: BaseOxmlElement) -> None:
    """Give an empty header the content of another (pictures keep their relationship ids,
    which only the default header's part holds: so pictures are left out)."""
    for child in list(target):
        target.remove(child)
    for child in source:
        duplicate = copy.deepcopy(child)
        for drawing in duplicate.xpath(".//w:drawing|.//w:pict"):
            drawing.getparent().remove(drawing)
        target.append(duplicate)


def _join(part: HeaderOrFooter, spans: list[Span], *, align_new: bool) -> None:
    """Put ``spans`` on a line the header has: the marking's, or the last with text; on a new
    line (right-aligned) only in a header without text."""
    element = element_of(part)
    paragraphs = list(element.iter(f"{W}p"))
    with_text = [p for p in paragraphs if _text(p).strip()]
    marked = [p for p in with_text if MARKING.search(_text(p))]
    target = (marked or with_text or [None])[-1]
    if target is not None:
        add_runs(target, [Span(GAP), *spans])
        return
    empty = [p for p in paragraphs if not p.xpath(".//w:drawing|.//w:pict|.//w:fldChar")]
    paragraph = Paragraph(empty[0], part) if empty else part.add_paragraph()
    if align_new and paragraph.alignment is None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_runs(p_of(paragraph), spans)


def _page_numbers(footer: HeaderOrFooter) -> None:
    """ "Page X of Y", centred, on a line of its own at the end of the footer."""
    paragraphs = footer.paragraphs
    empty = [p for p in paragraphs if not p.text.strip() and not p_of(p).xpath(".//w:drawing")]
    paragraph = empty[0] if empty else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES", "1")
