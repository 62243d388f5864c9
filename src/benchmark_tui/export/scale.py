"""Provides the 0–4 scale, the evaluation matrix's elements and the key to the rating shades,
as the findings and the pre-read both print them."""

from __future__ import annotations

from benchmark_tui.export.ooxml import Span
from benchmark_tui.export.pieces import NOT_RATED, rating_cell
from benchmark_tui.export.styles import MUTED
from benchmark_tui.export.wordkit import Cell, DocWriter
from benchmark_tui.models import Framework


def scale_and_matrix(writer: DocWriter, framework: Framework, *, compact: bool = False) -> None:
    """The 0–4 scale and the evaluation matrix's elements and questions, as two tables.

    ``compact`` (the pre-read's) gives the scale as one row, each rating on its shade.
    """
    writer.heading("The rating scale", 2)
    if compact:
        rating_key(writer, framework)
    else:
        _scale_table(writer, framework)
    writer.heading("The evaluation matrix", 2)
    if not compact:
        writer.paragraph(
            f"Each characteristic is rated on {len(framework.elements)} elements, each "
            "answering one question:",
            keep_with_next=True,
        )
    grid = writer.table(
        [1, 5], ["Element", "Question"], caption="The evaluation matrix", keep_together=True
    )
    for element in framework.elements:
        writer.row(grid, [Span(element.title, bold=True), element.question])


def _scale_table(writer: DocWriter, framework: Framework) -> None:
    grid = writer.table(
        [1, 5], ["Rating", "Meaning"], caption="The rating scale", keep_together=True
    )
    for point in framework.scale:
        writer.row(grid, [rating_cell(point.value, writer.palette), point.label])
    writer.row(
        grid,
        [rating_cell(None, writer.palette), "Not yet rated: the team has not agreed a rating"],
    )
    writer.paragraph(
        "Ratings are shaded from light (0) to dark (4), and the number is always printed, so "
        "the tables read the same in black and white.",
        style="Note",
    )


def rating_key(writer: DocWriter, framework: Framework) -> None:
    """A one-row key to the shading: each rating's colour with its label."""
    grid = writer.table([1] * (len(framework.scale) + 1), caption="Key to the rating shading")
    writer.row(
        grid,
        [
            Cell(
                f"{p.value} {p.label}",
                fill=writer.palette.rating_fills[p.value],
                color=writer.palette.rating_text[p.value],
                align="center",
                middle=True,
            )
            for p in framework.scale
        ]
        + [Cell(f"{NOT_RATED} Not yet rated", color=MUTED, align="center", middle=True)],
        style="Note",
    )
