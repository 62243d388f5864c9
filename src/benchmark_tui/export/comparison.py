"""Provides the comparison report (Word): the tables of ``benchmark-tui compare``, to circulate.

Over time: the sessions compared, the ratings then and now for each year and the one before
(the tables of "Since the last self-assessment"), how each previous plan went, and the number
of strengths and areas for improvement. Side by side: each library's rating per element with
the lowest, median and highest and which library is lowest, and the counts. It uses the same
templates (``--template``) and styles as the findings document.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from benchmark_tui.compare import Comparison
from benchmark_tui.export.frame import write_properties
from benchmark_tui.export.headers import complete_headers
from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import NOT_RATED, day, is_draft, rating_cell
from benchmark_tui.export.since_last import ratings_then_and_now
from benchmark_tui.export.styles import MUTED
from benchmark_tui.export.target import check_target, save_document
from benchmark_tui.export.template import open_template
from benchmark_tui.export.wordkit import Cell, DocWriter, Line
from benchmark_tui.models import Characteristic, ResultsArea


def write_comparison_report(
    comparison: Comparison,
    target: Path,
    *,
    template: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the comparison report to ``target`` (atomically; replaced if it exists).

    Args:
        comparison: the sessions, lined up (see :func:`benchmark_tui.compare.compare_sessions`).
        target: the ``.docx`` to write.
        template: a council's own Word document or template; None uses the shipped one.
        now: the time printed as "generated" (default: now).

    Raises:
        ExportError: the template is not usable, or the target cannot be written (the same
            checks and messages as the findings document).
    """
    target = Path(target)
    check_target(target)
    document = open_template(Path(template) if template is not None else None)
    writer = DocWriter(document)
    framework = comparison.framework
    draft = any(is_draft(framework, column.session) for column in comparison.columns)
    complete_headers(document, comparison.title, draft=draft, number_first=True)
    generated = (now or datetime.now().astimezone()).date()
    write_properties(
        document,
        title=comparison.title,
        subject=f"{framework.publisher} {framework.title} ({framework.version})",
        author="benchmark-tui",
        category="Comparison of self-assessments",
        draft=draft,
        generated=generated,
    )
    _write(writer, comparison, day(generated))
    writer.finish()
    buffer = io.BytesIO()
    document.save(buffer)
    save_document(target, buffer.getvalue())
    return target


def _write(writer: DocWriter, comparison: Comparison, generated: str) -> None:
    writer.heading(comparison.title, 1)
    writer.paragraph(
        f"Self-assessments against the {comparison.framework.title}, compared on {generated} "
        "by benchmark-tui.",
        style="Note",
    )
    grid = writer.table([1, 8], ["Column", "Self-assessment"], caption="The sessions compared")
    for column in comparison.columns:
        writer.row(grid, [Span(column.key, bold=True), column.name])
    for mismatch in comparison.mismatches:
        writer.paragraph(mismatch, style="Callout")
    if comparison.mode == "over-time":
        _over_time(writer, comparison)
    else:
        _across(writer, comparison)
    _counts(writer, comparison)


def _over_time(writer: DocWriter, comparison: Comparison) -> None:
    framework = comparison.framework
    columns = comparison.columns
    for index in range(1, len(columns)):
        before, after = columns[index - 1], columns[index]
        writer.heading(f"Ratings: {before.key} → {after.key}", 2)
        ratings_then_and_now(
            writer,
            framework,
            before.session,
            after.session,
            caption=f"Ratings of the characteristics in {before.key} and {after.key}",
        )
    writer.heading("How each previous plan went", 2)
    any_review = False
    for index, column in enumerate(columns):
        completion = comparison.completion(index)
        if completion is None:
            continue
        any_review = True
        writer.paragraph(Span(f"{column.key}: ", bold=True), completion.label() + ".")
    if not any_review:
        writer.paragraph("No session records a review of the plan before it.", style="Note")


def _across(writer: DocWriter, comparison: Comparison) -> None:
    framework = comparison.framework
    columns = comparison.columns
    writer.heading("Ratings side by side", 2)
    header: list[Line | Cell] = [
        "Characteristic",
        "Element",
        *(Cell(c.key, align="center") for c in columns),
        Cell("Low", align="center"),
        Cell("Median", align="center"),
        Cell("High", align="center"),
        "Lowest",
    ]
    grid = writer.table(
        [3.2, 1.6, *([0.9] * len(columns)), 0.9, 1.1, 0.9, 1.4],
        header,
        caption="Each library's rating per element, with the spread and which is lowest",
    )
    for characteristic in framework.items:
        for number, element in enumerate(framework.elements):
            spread = comparison.spread(characteristic.id, element.id)
            writer.row(
                grid,
                [
                    characteristic.label if number == 0 else "",
                    element.title,
                    *(
                        rating_cell(
                            comparison.rating(c, characteristic.id, element.id), writer.palette
                        )
                        for c in columns
                    ),
                    _number(spread.low),
                    Cell(spread.median_label or NOT_RATED, align="center"),
                    _number(spread.high),
                    ", ".join(spread.lowest),
                ],
            )


def _number(value: int | None) -> Cell:
    if value is None:
        return Cell(NOT_RATED, color=MUTED, align="center")
    return Cell(str(value), align="center")


def _counts(writer: DocWriter, comparison: Comparison) -> None:
    framework = comparison.framework
    columns = comparison.columns
    writer.heading("Strengths and areas for improvement", 2)
    grid = writer.table(
        [4.6, *([1.4] * len(columns))],
        ["Item", *(Cell(c.key, align="center") for c in columns)],
        caption="Number of strengths and areas for improvement per item and session",
    )
    items: list[ResultsArea | Characteristic] = [*framework.areas, *framework.items]
    for item in items:
        cells: list[Line | Cell] = [item.label]
        for column in columns:
            counts = comparison.counts(column, item.id)
            shown = f"{counts[0]} / {counts[1]}" if counts else NOT_RATED
            cells.append(Cell(shown, align="center"))
        writer.row(grid, cells)
    writer.paragraph("Each cell: strengths / areas for improvement.", style="Note")
