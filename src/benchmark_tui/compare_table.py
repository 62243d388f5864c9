"""Provides the comparison as a table for the terminal: 80 columns, a key, and a plain form.

Long names are cut (``…``) and the sessions' columns are abbreviated (``2025``, ``L1``) with a
key below; when they do not fit side by side they are shown a block of columns at a time.
``--plain`` output is ASCII only: no box drawing, no arrows, accents dropped. Width is counted
in terminal cells, so wide characters (CJK, emoji) never push a line past the edge.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from benchmark_tui.compare import Comparison, MeasureAcross
from benchmark_tui.last_time import Change
from benchmark_tui.models.figures import IN_LINE_WITHIN

__all__ = ["LABEL_WIDTH", "WIDTH", "cell_width", "render", "to_ascii"]

WIDTH = 80
"""The terminal table fits this many columns (a projector at 80×24)."""
LABEL_WIDTH = 18
"""The row labels' column: indented element titles and the counts' label."""


@dataclass(frozen=True)
class _Glyphs:
    """The characters drawn: box-drawn and typographic, or plain ASCII."""

    rule: str
    ellipsis: str
    none: str
    """Shown for "not rated"."""


_FANCY = _Glyphs(rule="─", ellipsis="…", none="–")
_PLAIN = _Glyphs(rule="-", ellipsis="~", none="-")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK, emoji) count two, combining marks none."""
    if text.isascii():
        return len(text)  # the common case, and a table of fifty sessions asks it 40,000 times
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _fit(text: str, width: int, ellipsis: str) -> str:
    """``text`` cut to ``width`` cells, ending with ``ellipsis`` when cut."""
    if cell_width(text) <= width:
        return text
    out, used = "", cell_width(ellipsis)
    for char in text:
        if used + cell_width(char) > width:
            break
        out += char
        used += cell_width(char)
    return out + ellipsis


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - cell_width(text))
    return gap + text if right else text + gap


def to_ascii(text: str) -> str:
    """Text for plain output: accents dropped (``é`` → ``e``), other non-ASCII as ``?``."""
    text = text.replace("–", "-").replace("—", "-").replace("…", "~").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.encode("ascii", "replace").decode("ascii")


class _Table:
    """Rows of a label and cells; laid out in blocks of columns that fit the width."""

    def __init__(
        self, headings: list[str], widths: list[int], glyphs: _Glyphs, width: int, *, right: bool
    ):
        self.headings = headings
        self.widths = widths
        self.glyphs = glyphs
        self.width = width
        self.right = right
        """Cells are right-aligned (numbers alone) rather than left (a rating and its change)."""
        self.rows: list[tuple[str, list[str]] | str] = []

    def heading(self, text: str) -> None:
        self.rows.append(text)

    def row(self, label: str, cells: list[str]) -> None:
        self.rows.append((label, cells))

    def blocks(self) -> list[list[int]]:
        room = self.width - LABEL_WIDTH
        blocks: list[list[int]] = [[]]
        used = 0
        for index, cell in enumerate(self.widths):
            if blocks[-1] and used + cell + 1 > room:
                blocks.append([])
                used = 0
            blocks[-1].append(index)
            used += cell + 1
        return blocks

    def lines(self) -> list[str]:
        out: list[str] = []
        blocks = self.blocks()
        for number, block in enumerate(blocks):
            if len(blocks) > 1:
                out.append(
                    f"({number + 1} of {len(blocks)}: columns {self.headings[block[0]]}"
                    f" to {self.headings[block[-1]]})"
                )
            head = " " * LABEL_WIDTH + " ".join(
                _pad(_fit(self.headings[i], self.widths[i], ""), self.widths[i], right=self.right)
                for i in block
            )
            out.append(head.rstrip())
            for row in self.rows:
                if isinstance(row, str):
                    out.append(_fit(row, self.width, self.glyphs.ellipsis))
                    continue
                label, cells = row
                text = _pad(_fit(label, LABEL_WIDTH - 1, self.glyphs.ellipsis), LABEL_WIDTH)
                text += " ".join(
                    _pad(_fit(cells[i], self.widths[i], ""), self.widths[i], right=self.right)
                    for i in block
                )
                out.append(text.rstrip())
            out.append("")
        return out


def _rating_text(value: int | None, glyphs: _Glyphs) -> str:
    return glyphs.none if value is None else str(value)


def render(comparison: Comparison, *, plain: bool = False, width: int = WIDTH) -> str:
    """The comparison as text for a terminal, every line at most ``width`` cells wide.

    Args:
        comparison: what to show.
        plain: ASCII only, no box drawing (for e-mail, old consoles and screen readers).
        width: the terminal's width in cells.
    """
    glyphs = _PLAIN if plain else _FANCY
    over_time = comparison.mode == "over-time"
    columns = comparison.columns
    framework = comparison.framework
    keys = [c.key for c in columns]
    cell = max(6 if over_time else 3, *(cell_width(k) for k in keys))
    headings, widths = list(keys), [cell] * len(keys)
    if not over_time:
        headings += ["low", "med", "high", "lowest"]
        widths += [4, 4, 4, 9]
    table = _Table(headings, widths, glyphs, width, right=not over_time)

    def change_text(change: Change) -> str:
        if change.amount is None:
            return ""
        return change.ascii if plain else change.text

    def counts_cells(item_id: str) -> list[str]:
        cells = []
        for column in columns:
            counts = comparison.counts(column, item_id)
            cells.append(glyphs.none if counts is None else f"{counts[0]}/{counts[1]}")
        return cells + (["", "", "", ""] if not over_time else [])

    rule = glyphs.rule * 3
    table.heading(f"{rule} Section 2: characteristics {rule}")
    for characteristic in framework.items:
        table.heading(characteristic.label)
        for element in framework.elements:
            cells = []
            for index, column in enumerate(columns):
                value = comparison.rating(column, characteristic.id, element.id)
                text = _rating_text(value, glyphs)
                if over_time and index:
                    delta = change_text(comparison.change(index, characteristic.id, element.id))
                    text = f"{text} {delta}" if delta else text
                cells.append(text)
            if not over_time:
                spread = comparison.spread(characteristic.id, element.id)
                lowest = ",".join(spread.lowest)
                cells += [
                    _rating_text(spread.low, glyphs),
                    spread.median_label or glyphs.none,
                    _rating_text(spread.high, glyphs),
                    _fit(lowest, 9, glyphs.ellipsis) or glyphs.none,
                ]
            table.row(f"  {element.title}", cells)
        table.row("  strengths/impr.", counts_cells(characteristic.id))
    table.heading(f"{rule} Section 1: results (strengths/improvements) {rule}")
    for area in framework.areas:
        table.heading(area.label)
        table.row("  strengths/impr.", counts_cells(area.id))

    lines = [
        _fit(f"Comparison: {comparison.title}", width, glyphs.ellipsis),
        "",
    ]
    if over_time:
        arrows = "+ up, - down" if plain else "▲ up, ▼ down"
        explain = (
            f"Each cell: the rating (0-4) and its change since the column before ({arrows}, "
            f"= same); {glyphs.none} not rated; strengths/impr.: how many of each."
        )
    else:
        explain = (
            "Each cell: the rating (0-4); low, med, high: the lowest, median and highest "
            "rating; lowest: which library is lowest. "
            f"{glyphs.none} not rated; strengths/impr.: how many of each."
        )
    lines += _wrap(explain, width)
    lines.append("")
    lines += table.lines()
    if over_time:
        lines += _completion_lines(comparison, glyphs, width)
    lines += _measure_lines(comparison, glyphs, width, plain=plain)
    lines.append("Key")
    for column in columns:
        lines += _keyed(column.key, column.name, width)
    if comparison.mismatches:
        lines.append("")
        lines.append("Not matched")
        for mismatch in comparison.mismatches:
            lines += _wrap(f"- {mismatch}", width, indent="  ")
    text = "\n".join(line.rstrip() for line in lines).rstrip() + "\n"
    if not plain:
        return text
    # Transliteration can lengthen a line ("½" becomes "1?2"): cut any that grew past the edge.
    return "\n".join(_fit(line, width, "~") for line in to_ascii(text).split("\n"))


_STANDING_MARKS = {"above": "▲", "below": "▼", "in-line": "="}
_PLAIN_STANDING_MARKS = {"above": "+", "below": "-", "in-line": "="}
_PLAIN_CURRENCIES = {"£": "GBP", "€": "EUR"}
MEASURE_CELL = (6, 14)
"""The narrowest and widest a measure's column is (figures longer than the widest are cut)."""


def _measure_cell(text: str | None, glyphs: _Glyphs, *, plain: bool) -> str:
    if text is None:
        return glyphs.none
    text = " ".join(text.split())
    if plain:
        for symbol, code in _PLAIN_CURRENCIES.items():
            text = text.replace(symbol, code)
    return text


def _measure_rows(
    measure: MeasureAcross, count: int, glyphs: _Glyphs, *, plain: bool
) -> list[tuple[str, list[str]] | str]:
    """A measure's rows: its figures by period, the trend, then each comparator's figures."""
    marks = _PLAIN_STANDING_MARKS if plain else _STANDING_MARKS
    rows: list[tuple[str, list[str]] | str] = []
    for period in measure.periods:
        figures = [measure.value(n, period) for n in range(count)]
        if any(f is not None for f in figures):
            rows.append((f"  {period}", [_measure_cell(f, glyphs, plain=plain) for f in figures]))
    rows.append(("  trend", [measure.trend(n) or glyphs.none for n in range(count)]))
    for name in measure.comparator_names:
        found = False
        for period in measure.periods:
            cells: list[str] = []
            for n in range(count):
                theirs = measure.comparator_value(n, name, period)
                read = measure.standing(n, name, period)
                mark = marks[read.standing] if read and read.standing else ""
                cell = _measure_cell(theirs, glyphs, plain=plain)
                cells.append(f"{cell} {mark}" if theirs is not None and mark else cell)
            if any(c != glyphs.none for c in cells):
                if not found:
                    rows.append(f"  {name}")
                    found = True
                rows.append((f"    {period}", cells))
    return rows


def _measure_lines(
    comparison: Comparison, glyphs: _Glyphs, width: int, *, plain: bool
) -> list[str]:
    """Section 1's measures found in more than one session: figures by year, comparators."""
    if not comparison.measures:
        return []
    count = len(comparison.columns)
    keys = [c.key for c in comparison.columns]
    measures = [(m, _measure_rows(m, count, glyphs, plain=plain)) for m in comparison.measures]
    widest = max(
        [cell_width(k) for k in keys]
        + [
            cell_width(c)
            for _m, rows in measures
            for row in rows
            if isinstance(row, tuple)
            for c in row[1]
        ]
    )
    cell = max(MEASURE_CELL[0], min(MEASURE_CELL[1], widest))
    table = _Table(keys, [cell] * count, glyphs, width, right=True)
    rule = glyphs.rule * 3
    table.heading(f"{rule} Section 1: measures in more than one session {rule}")
    for measure, rows in measures:
        table.heading(f"{comparison.framework.area(measure.area_id).number} {measure.name}")
        for row in rows:
            if isinstance(row, str):
                table.heading(row)
            else:
                table.row(*row)
    above = "+" if plain else "▲"
    below = "-" if plain else "▼"
    explain = (
        "Measures: each session's figures by year and the trend the team judged; under each "
        f"comparator, its figure and where the session's stands: {above} above, {below} below, "
        f"= in line (within {'+/-' if plain else '±'}{IN_LINE_WITHIN * 100:g} %; the team's "
        "judgement where it differs). "
        f"{glyphs.none} no figure."
    )
    return [*_wrap(explain, width), "", *table.lines()]


def _completion_lines(comparison: Comparison, glyphs: _Glyphs, width: int) -> list[str]:
    reviewed = [
        (column, completion)
        for index, column in enumerate(comparison.columns)
        if (completion := comparison.completion(index)) is not None
    ]
    if not reviewed:
        return []
    lines = ["What happened to the plan before (from each review)"]
    for column, completion in reviewed:
        lines += _keyed(column.key, completion.label(), width)
    return [*lines, ""]


def _keyed(key: str, text: str, width: int) -> list[str]:
    """``key`` in a column of its own, then ``text`` wrapped beside it."""
    gutter = max(6, cell_width(key) + 2)
    wrapped = _wrap(text, width - gutter) or [""]
    return [_pad(key if n == 0 else "", gutter) + line for n, line in enumerate(wrapped)]


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Words of ``text`` in lines of at most ``width`` cells (a long word is cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else (indent if lines else "") + word
        if cell_width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = _fit(indent + word, width, "…")
    if current:
        lines.append(current)
    return lines
