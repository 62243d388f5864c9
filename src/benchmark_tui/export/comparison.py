"""Provides the comparison report (Word): the tables of ``benchmark-tui compare``, to circulate.

Over time: the sessions compared, the ratings then and now for each year and the one before
(the tables of "Since the last self-assessment"), how each previous plan went, and the number
of strengths and areas for improvement. Side by side: each library's rating per element with
the lowest, median and highest and which library is lowest, and the counts. Either way, then,
Section 1's measures found in more than one session: each session's figures by year, its
trend, and its comparators with where its figure stands against them. It uses the same
templates (``--template``) and styles as the findings document.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from benchmark_tui.compare import Comparison, MeasureAcross
from benchmark_tui.export.frame import write_properties
from benchmark_tui.export.headers import complete_headers
from benchmark_tui.export.measures_table import STANDING_KEY, TREND_LABELS, standing_cell
from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import NOT_RATED, day, is_draft, rating_cell
from benchmark_tui.export.since_last import ratings_then_and_now
from benchmark_tui.export.styles import MUTED
from benchmark_tui.export.target import check_target, save_document
from benchmark_tui.export.template import open_template
from benchmark_tui.export.wordkit import Cell, DocWriter, Grid, Line
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
    _measures(writer, comparison)


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


def _measures(writer: DocWriter, comparison: Comparison) -> None:
    """Section 1's measures found in more than one session: by year, then the comparators."""
    measures = comparison.measures
    if not measures:
        return
    columns = comparison.columns
    writer.heading("Section 1: measures in more than one session", 2)
    key = "Each session's figures by year and the trend its team judged"
    if any(m.comparator_names for m in measures):
        key += f", then each comparator's figures. {STANDING_KEY}"
    writer.paragraph(
        f"{key.rstrip('.')}. {NOT_RATED}: no figure.", style="Note", keep_with_next=True
    )
    grid = writer.table(
        [2.6, *([1.2] * len(columns))],
        ["Measure and period", *(Cell(c.key, align="center") for c in columns)],
        caption="Section 1 measures: each session's figures by year, its trend and comparators",
    )
    framework = comparison.framework
    for measure in measures:
        title: list[Line] = [Span(f"{framework.area(measure.area_id).number} {measure.name}",
                                  bold=True)]  # fmt: skip
        others = [
            f"{column.key}: {name}"
            for column, name in zip(columns, measure.names, strict=True)
            if name is not None and name != measure.name
        ]
        if others:
            title.append(Span("Named " + "; ".join(others), color=MUTED))
        writer.row(grid, [Cell(title, span=len(columns) + 1)], with_next=True)
        for period in measure.periods:
            figures = [measure.value(n, period) for n in range(len(columns))]
            if any(f is not None for f in figures):
                writer.row(grid, [period, *(_figure(f) for f in figures)], with_next=True)
        trends = [TREND_LABELS.get(measure.trend(n), "") for n in range(len(columns))]
        writer.row(
            grid,
            ["Trend", *(_figure(t or None) for t in trends)],
            with_next=bool(measure.comparator_names),
        )
        _comparator_rows(writer, grid, measure, len(columns))


def _comparator_rows(writer: DocWriter, grid: Grid, measure: MeasureAcross, count: int) -> None:
    """Each comparator's figures by period, with where each session's figure stands."""
    rows: list[tuple[str, list[Line | list[Line] | Cell]]] = []
    for name in measure.comparator_names:
        for period in measure.periods:
            theirs = [measure.comparator_value(n, name, period) for n in range(count)]
            if all(t is None for t in theirs):
                continue
            cells: list[Line | list[Line] | Cell] = [
                _figure(None)
                if value is None
                else Cell(standing_cell(value, measure.standing(n, name, period)), align="right")
                for n, value in enumerate(theirs)
            ]
            rows.append((name, [period, *cells]))
    shown = ""
    for index, (name, cells) in enumerate(rows):
        if name != shown:
            writer.row(grid, [Cell(Span(name, italic=True), span=count + 1)], with_next=True)
            shown = name
        writer.row(grid, cells, with_next=index + 1 < len(rows) and rows[index + 1][0] == name)


def _figure(value: str | None) -> Cell:
    if value is None:
        return Cell(NOT_RATED, color=MUTED, align="right")
    return Cell(value, align="right")
