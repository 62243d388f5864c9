"""The team's text as they laid it out (issue 22, finding 7): line and paragraph separators
(U+2028, U+2029) as Word line breaks and paragraphs, indentation and blank lines kept."""

from __future__ import annotations

from docx.oxml.ns import qn


def test_separators_indentation_and_blank_lines_reach_the_document(example, export):
    session = example.model_copy(deep=True)
    record = session.characteristics["leadership"]
    record.evidence.summary = (
        "\nVisits fell 4%\u2028a year since 2022.\u2029Survey 2024:\n\n"
        "  n=1,240, 87% satisfied\n\tStaff survey to follow\n\n"
    )
    session.characteristics["governance"].strengths[0] = "Clear scheme\u2028of delegation"
    report = export(session)
    paragraphs = report.paragraphs()
    start = paragraphs.index("Visits fell 4%\na year since 2022.")
    assert paragraphs[start : start + 5] == [
        "Visits fell 4%\na year since 2022.",
        "Survey 2024:",
        "",
        "  n=1,240, 87% satisfied",
        "\tStaff survey to follow",
    ]
    assert paragraphs[start + 5] != ""  # the trailing blank lines are not kept
    assert "Clear scheme\nof delegation" in report.paragraphs("List Bullet")
    body = report.doc.element.body
    assert not [t.text for t in body.iter(qn("w:t")) if "\u2028" in t.text or "\u2029" in t.text]
