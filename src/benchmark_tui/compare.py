"""Provides the comparison of self-assessments: one service over time, or libraries side by side.

Over time (the same service and library, different dates) the sessions are put in date order,
and each rating is shown with its change since the column before; the counts of strengths and
areas for improvement, and how each previous plan went (from the plan review), come with it.
Across libraries (any other set) each library is a column, and each row adds the service's
spread: lowest, median and highest rating, and which library is lowest.

Items are matched by id, so sessions made with different versions of the framework can be
compared; what could not be matched is listed. The CSV is tidy, one row per session × item ×
element; the terminal table is :mod:`benchmark_tui.compare_table`. Nothing here imports
Textual.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from benchmark_tui.cycle import content_hash
from benchmark_tui.errors import BenchmarkError
from benchmark_tui.last_time import Change, PlanCompletion, plan_completion
from benchmark_tui.models import Framework, Session

Mode = Literal["over-time", "across"]

__all__ = [
    "Column",
    "Comparison",
    "Mode",
    "Spread",
    "compare_sessions",
    "csv_rows",
    "csv_text",
    "infer_mode",
    "load_sessions",
    "spreadsheet_cell",
    "write_csv",
]


@dataclass(frozen=True)
class Column:
    """One session of a comparison."""

    key: str
    """The short heading of its column: ``2025`` over time, ``L1`` across libraries."""
    name: str
    """What the key stands for: the library (or service), the dates and the file."""
    path: Path
    session: Session

    @property
    def day(self) -> date:
        """The first day of its workshop (the day it was made, if it has no dates)."""
        return min(self.session.workshop.dates, default=self.session.created.date())


@dataclass(frozen=True)
class Spread:
    """The ratings of one element across libraries: lowest, median, highest, and who is lowest."""

    low: int | None
    median: float | None
    high: int | None
    lowest: list[str] = field(default_factory=list)
    """The keys of the columns with the lowest rating."""

    @property
    def median_label(self) -> str:
        """``2``, ``2.5`` or "" (nothing rated)."""
        return "" if self.median is None else f"{self.median:g}"


@dataclass
class Comparison:
    """Several sessions, lined up item by item against one framework."""

    mode: Mode
    framework: Framework
    columns: list[Column]
    mismatches: list[str] = field(default_factory=list)
    """What could not be matched: other framework versions, ids the framework lacks."""

    @property
    def title(self) -> str:
        """``Example Borough Libraries over time`` or ``3 libraries compared``."""
        if self.mode == "over-time":
            return f"{_identity_name(self.columns[0].session)}: over time"
        return f"{len(self.columns)} self-assessments side by side"

    def rating(self, column: Column, characteristic_id: str, element_id: str) -> int | None:
        """A column's rating of one element, or None (not rated, or not recorded)."""
        record = column.session.characteristics.get(characteristic_id)
        return record.rating_for(element_id) if record else None

    def change(self, index: int, characteristic_id: str, element_id: str) -> Change:
        """The change of a rating since the column before (nothing to compare for the first)."""
        now = self.rating(self.columns[index], characteristic_id, element_id)
        if index == 0:
            return Change(None, now)
        return Change(self.rating(self.columns[index - 1], characteristic_id, element_id), now)

    def spread(self, characteristic_id: str, element_id: str) -> Spread:
        """Lowest, median and highest rating of one element over the columns that rated it."""
        rated = [
            (value, column.key)
            for column in self.columns
            if (value := self.rating(column, characteristic_id, element_id)) is not None
        ]
        if not rated:
            return Spread(None, None, None)
        values = [value for value, _key in rated]
        low = min(values)
        return Spread(
            low,
            float(statistics.median(values)),
            max(values),
            [key for value, key in rated if value == low],
        )

    def counts(self, column: Column, item_id: str) -> tuple[int, int] | None:
        """A column's number of strengths and of areas for improvement for an item."""
        record = column.session.results.get(item_id) or column.session.characteristics.get(item_id)
        return (len(record.strengths), len(record.improvements)) if record else None

    def completion(self, index: int) -> PlanCompletion | None:
        """How the plan before a column went, from that column's review (None: no review).

        When the column before is the session it follows on from, that session's actions
        without a review are counted as not reviewed.
        """
        column = self.columns[index]
        if column.session.previous is None:
            return None
        before = self.columns[index - 1] if index else None
        try:
            is_linked = (
                before is not None
                and content_hash(before.path.read_bytes()) == column.session.previous.hash
            )
        except OSError:  # gone since it was read: count only what the review says
            is_linked = False
        return plan_completion(column.session, before.session if before and is_linked else None)


# ---------------------------------------------------------------------------------------------
# Building a comparison
# ---------------------------------------------------------------------------------------------


def _identity(session: Session) -> tuple[str, str, str]:
    service = session.service
    library = service.library.casefold() if service.scope == "library" else ""
    return service.name.casefold(), service.scope, library


def _identity_name(session: Session) -> str:
    service = session.service
    return f"{service.library}, {service.name}" if service.scope == "library" else service.name


def infer_mode(sessions: Sequence[Session]) -> Mode:
    """Over time when every session is of the same service (and library), else across."""
    return "over-time" if len({_identity(s) for s in sessions}) == 1 else "across"


def _first_day(session: Session) -> date:
    return min(session.workshop.dates, default=session.created.date())


def _date_keys(days: list[date]) -> list[str]:
    """The shortest unique headings for dates: ``2025``, else ``2026-03``, else ``2026-03-12``."""
    for width in (4, 7, 10):
        keys = [day.isoformat()[:width] for day in days]
        if len(set(keys)) == len(keys):
            return keys
    return [f"S{n}" for n in range(1, len(days) + 1)]


def _columns(mode: Mode, loaded: Sequence[tuple[Path, Session]]) -> list[Column]:
    if mode == "over-time":
        ordered = sorted(loaded, key=lambda pair: (_first_day(pair[1]), str(pair[0])))
        keys = _date_keys([_first_day(s) for _p, s in ordered])
    else:
        ordered = list(loaded)
        keys = [f"L{n}" for n in range(1, len(ordered) + 1)]
    columns = []
    for key, (path, session) in zip(keys, ordered, strict=True):
        dates = session.workshop.dates_label or "undated"
        who = "" if mode == "over-time" else f"{_identity_name(session)}, "
        columns.append(Column(key, f"{who}{dates} ({path.name})", path, session))
    return columns


def _mismatches(framework: Framework, columns: list[Column]) -> list[str]:
    found: list[str] = []
    versions = {(c.session.framework.id, c.session.framework.hash) for c in columns}
    if len(versions) > 1 or not all(c.session.matches(framework) for c in columns):
        made = "; ".join(
            f"{c.key}: {c.session.framework.id} {c.session.framework.version}"
            + ("" if c.session.matches(framework) else " (other content)")
            for c in columns
        )
        found.append(
            f"Made with different framework content ({made}); compared with "
            f"{framework.id} {framework.version}, items matched by id."
        )
    known_items = set(framework.item_ids)
    known_elements = {e.id for e in framework.elements}
    for column in columns:
        session = column.session
        items = sorted({*session.results, *session.characteristics} - known_items)
        elements = sorted(
            {e for r in session.characteristics.values() for e in r.ratings} - known_elements
        )
        if items:
            found.append(f"{column.key}: not in this framework, not compared: {', '.join(items)}")
        if elements:
            found.append(
                f"{column.key}: matrix elements not in this framework, not compared: "
                f"{', '.join(elements)}"
            )
    return found


def compare_sessions(
    loaded: Sequence[tuple[Path, Session]], framework: Framework, mode: Mode | None = None
) -> Comparison:
    """Line up sessions for comparison.

    Args:
        loaded: each session with the file it was read from.
        framework: the framework whose items and elements make the rows.
        mode: "over-time" or "across"; None infers it (:func:`infer_mode`).

    Raises:
        BenchmarkError: fewer than two sessions, or the same file twice.
    """
    if len(loaded) < 2:
        raise BenchmarkError(
            "compare needs at least two session files — give two or more, e.g. last year's "
            "and this year's, or one per library",
            title="Nothing to compare",
        )
    seen: dict[Path, Path] = {}
    for path, _session in loaded:
        resolved = path.resolve()
        if resolved in seen:
            raise BenchmarkError(
                f"{path}: given twice (as {seen[resolved]} and {path}) — give each session "
                "file once",
                title="Same file twice",
            )
        seen[resolved] = path
    chosen = mode or infer_mode([s for _p, s in loaded])
    columns = _columns(chosen, loaded)
    return Comparison(chosen, framework, columns, _mismatches(framework, columns))


def load_sessions(paths: Sequence[Path], framework: Framework) -> list[tuple[Path, Session]]:
    """Read the sessions to compare; the first unreadable or invalid file stops with its error.

    Raises:
        BenchmarkError: fewer than two files, the same file twice, or a file that cannot be
            read or is not a valid session (the located error).
    """
    from benchmark_tui.store import read_session

    if len(paths) < 2:
        compare_sessions([], framework)  # says why
    seen: set[Path] = set()
    for path in paths:  # before reading anything, so the message is about the duplicate
        resolved = path.resolve()
        if resolved in seen:
            raise BenchmarkError(
                f"{path}: given twice — give each session file once", title="Same file twice"
            )
        seen.add(resolved)
    loaded = []
    for path in paths:
        try:
            loaded.append((path, read_session(path, framework).session))
        except OSError as err:  # a folder we may not enter, a name too long …
            raise BenchmarkError(
                f"{path}: cannot read the file ({err.strerror or err}) — check the path",
                title="Session cannot be read",
            ) from err
    return loaded


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

CSV_FIELDS = [
    "session",
    "file",
    "service",
    "scope",
    "library",
    "governance",
    "date",
    "framework_version",
    "section",
    "item_id",
    "item",
    "element_id",
    "element",
    "rating",
    "change",
    "rating_note",
    "item_strengths",
    "item_improvements",
]
"""The CSV's columns. ``item_strengths`` and ``item_improvements`` count per item (repeated on
each element's row: in a pivot table take their maximum, not their sum)."""


def csv_rows(comparison: Comparison) -> list[dict[str, str]]:
    """One row per session × item × element (a results area has one row, without element)."""
    rows: list[dict[str, str]] = []
    framework = comparison.framework
    over_time = comparison.mode == "over-time"
    for index, column in enumerate(comparison.columns):
        session = column.session
        base = {
            "session": column.key,
            "file": column.path.name,
            "service": session.service.name,
            "scope": session.service.scope,
            "library": session.service.library,
            "governance": session.service.governance_label,
            "date": column.day.isoformat(),
            "framework_version": session.framework.version,
        }

        def counts(item_id: str) -> dict[str, str]:
            found = comparison.counts(column, item_id)  # noqa: B023 (used at once, in the loop)
            return {
                "item_strengths": "" if found is None else str(found[0]),
                "item_improvements": "" if found is None else str(found[1]),
            }

        for area in framework.areas:
            rows.append(
                {**base, "section": "results", "item_id": area.id, "item": area.label}
                | {"element_id": "", "element": "", "rating": "", "change": "", "rating_note": ""}
                | counts(area.id)
            )
        for characteristic in framework.items:
            record = session.characteristics.get(characteristic.id)
            for element in framework.elements:
                rating = record.ratings.get(element.id) if record else None
                value = rating.value if rating else None
                change = comparison.change(index, characteristic.id, element.id)
                rows.append(
                    {
                        **base,
                        "section": "characteristics",
                        "item_id": characteristic.id,
                        "item": characteristic.label,
                        "element_id": element.id,
                        "element": element.title,
                        "rating": "" if value is None else str(value),
                        "change": change.ascii if over_time and index else "",
                        "rating_note": rating.note if rating else "",
                    }
                    | counts(characteristic.id)
                )
    return rows


def csv_text(comparison: Comparison) -> str:
    """The tidy CSV as text (``\\r\\n`` line ends, as the csv module writes for Excel).

    No cell starts a formula: see :func:`spreadsheet_cell`.
    """
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for row in csv_rows(comparison):
        writer.writerow({field: spreadsheet_cell(value) for field, value in row.items()})
    return buffer.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula.

    A strength typed as ``=HYPERLINK(…)`` or a note beginning ``+cmd|…`` would run when the
    CSV is opened in Excel or LibreOffice. A cell beginning with ``=``, ``+``, ``-``, ``@``, a
    tab or a carriage return gets a leading apostrophe, which spreadsheets read as "text"
    (OWASP's advice on CSV injection); a plain number such as a change of ``-1`` is left as
    it is, since no spreadsheet runs it.
    """
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(comparison: Comparison, target: Path, inputs: Sequence[Path] = ()) -> Path:
    """Write the tidy CSV atomically, UTF-8 with a byte-order mark so Excel reads accents.

    Args:
        comparison: what to write.
        target: the CSV file (replaced if it exists).
        inputs: the session files compared, which ``target`` must not be.

    Raises:
        BenchmarkError: ``target`` is one of the sessions, or cannot be written.
    """
    from benchmark_tui.files import explain_write_error, new_file_problem, write_atomically

    problem = new_file_problem(target)
    if problem is not None:
        raise BenchmarkError(f"Not written: {problem}", title="CSV not written")
    for path in inputs:
        if path.resolve() == target.resolve():
            raise BenchmarkError(
                f"{target}: this is one of the sessions compared — give the CSV another name",
                title="CSV not written",
            )
    try:
        write_atomically(target, csv_text(comparison).encode("utf-8-sig"))
    except OSError as err:
        raise BenchmarkError(
            f"Not written: {explain_write_error(err, target, what='the CSV')}",
            title="CSV not written",
        ) from err
    return target
