"""Provides the comparison of self-assessments: one service over time, or libraries side by side.

Over time (the same service and library, different dates) the sessions are put in date order,
and each rating is shown with its change since the column before; the counts of strengths and
areas for improvement, and how each previous plan went (from the plan review), come with it.
Across libraries (any other set) each library is a column, and each row adds the service's
spread: lowest, median and highest rating, and which library is lowest.

Items are matched by id, so sessions made with different versions of the framework can be
compared; what could not be matched is listed. Section 1's measures found in more than one
session are lined up too (:class:`MeasureAcross`, :attr:`Comparison.measures`): matched by name,
case and spacing ignored (``same_measures`` maps names that differ), with their values by
year, their comparators and where each session stands against them. The CSV is tidy, one row
per session × item × element, then one per session × measure × period (× comparator); the
terminal table is :mod:`benchmark_tui.compare_table`. Nothing here imports Textual.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from benchmark_tui.cycle import content_hash
from benchmark_tui.errors import BenchmarkError
from benchmark_tui.last_time import Change, PlanCompletion, plan_completion
from benchmark_tui.locks import real_path
from benchmark_tui.models import Framework, Measure, Session
from benchmark_tui.models.evidence import Comparator, PeriodValue, StandingRead, same_name
from benchmark_tui.models.periods import read_period
from benchmark_tui.os_errors import os_problem
from benchmark_tui.reading import read_regular_file

Mode = Literal["over-time", "across"]

__all__ = [
    "Column",
    "Comparison",
    "MeasureAcross",
    "Mode",
    "Spread",
    "column_order",
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
    same_measures: dict[str, str] = field(default_factory=dict)
    """Measure names taken as another's (``{"Net cost per visit": "Cost per visit"}``)."""

    @cached_property
    def measures(self) -> list[MeasureAcross]:
        """Section 1's measures found in more than one session, by area, in the order met."""
        return measures_across(self.framework, self.columns, self.same_measures)

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
                and content_hash(read_regular_file(before.path)) == column.session.previous.hash
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


def column_order(pair: tuple[Path, Session]) -> tuple[date, str, str]:
    """The one order of a comparison's columns, in both modes, wherever it is shown.

    By the first day of the workshop, then the library (or service) name, then the file name:
    so ``L1`` is the same library on the screen, in the terminal table and in the CSV, however
    the sessions were listed, marked or given on the command line.
    """
    path, session = pair
    return _first_day(session), _identity_name(session).casefold(), path.name


def _columns(mode: Mode, loaded: Sequence[tuple[Path, Session]]) -> list[Column]:
    ordered = sorted(loaded, key=column_order)
    if mode == "over-time":
        keys = _date_keys([_first_day(s) for _p, s in ordered])
    else:
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
        if _nothing_rated(session):  # a freshly started next year's, picked up by a wildcard
            found.append(
                f"{column.key}: nothing rated yet in {column.path.name}, so its column is "
                "empty — leave the file out to compare the others"
            )
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


def _nothing_rated(session: Session) -> bool:
    """Whether a session has no rating and no strength or area for improvement yet."""
    rated = any(
        rating.value is not None
        for record in session.characteristics.values()
        for rating in record.ratings.values()
    )
    listed = any(r.strengths or r.improvements for r in session.characteristics.values()) or any(
        r.strengths or r.improvements for r in session.results.values()
    )
    return not rated and not listed


def compare_sessions(
    loaded: Sequence[tuple[Path, Session]],
    framework: Framework,
    mode: Mode | None = None,
    same_measures: Mapping[str, str] | None = None,
) -> Comparison:
    """Line up sessions for comparison.

    Args:
        loaded: each session with the file it was read from.
        framework: the framework whose items and elements make the rows.
        mode: "over-time" or "across"; None infers it (:func:`infer_mode`).
        same_measures: measure names to take as another's, ``{name: as}`` (case and spacing
            ignored), for measures named differently in different sessions.

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
        resolved = real_path(path)
        if resolved in seen:
            raise BenchmarkError(
                f"{path}: given twice (as {seen[resolved]} and {path}) — give each session "
                "file once",
                title="Same file twice",
            )
        seen[resolved] = path
    chosen = mode or infer_mode([s for _p, s in loaded])
    columns = _columns(chosen, loaded)
    mapped = dict(same_measures or {})
    mismatches = _mismatches(framework, columns) + _unknown_names(columns, mapped)
    return Comparison(chosen, framework, columns, mismatches, mapped)


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
        resolved = real_path(path)
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
                f"{path}: cannot read the file ({os_problem(err)}) — check the path",
                title="Session cannot be read",
            ) from err
    return loaded


# ---------------------------------------------------------------------------------------------
# Section 1: the measures
# ---------------------------------------------------------------------------------------------


def _period_key(period: str) -> tuple[int, int] | str:
    """The same period however typed: ``2023-24`` and ``2023/24`` share a key."""
    read = read_period(period)
    return (read.start, read.end) if read is not None else same_name(period)


@dataclass
class MeasureAcross:
    """One Section 1 measure as each session of a comparison recorded it.

    The comparison screen and the Word comparison read this, as the terminal table and the CSV
    do: :attr:`periods` are the rows, the comparison's columns the columns.
    """

    key: str
    """The name it was matched by (case and spacing ignored, after ``same_measures``)."""
    name: str
    """As the first session to have it named it."""
    area_id: str
    """The results area it is in (in the first session to have it)."""
    measures: list[Measure | None]
    """Each column's measure (None: that session does not have it)."""
    periods: list[str] = field(default_factory=list)
    """Every period any session has a figure for (the team's or a comparator's), oldest first
    when all can be read as years; each as first typed."""
    comparator_names: list[str] = field(default_factory=list)
    """Every comparator any session has, as first named."""

    @property
    def names(self) -> list[str | None]:
        """What each session calls it (None: not there)."""
        return [m.name if m else None for m in self.measures]

    @property
    def count(self) -> int:
        """How many sessions have it."""
        return sum(1 for m in self.measures if m is not None)

    _index: dict[tuple[int, str], dict[tuple[int, int] | str, PeriodValue]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Each column's figures (own: name "", or a comparator's) by period key, made once."""

    def _figures(self, index: int, name: str = "") -> dict[tuple[int, int] | str, PeriodValue]:
        """Column ``index``'s own figures (``name`` "") or a comparator's, by period key."""
        key = (index, same_name(name))
        found = self._index.get(key)
        if found is None:
            measure = self.measures[index]
            values: list[PeriodValue] = []
            if measure is not None and not name:
                values = list(measure.values)
            elif measure is not None and (comparator := measure.comparator(name)) is not None:
                values = list(comparator.values)
            found = {}
            for value in values:
                found.setdefault(_period_key(value.period), value)
            self._index[key] = found
        return found

    def value(self, index: int, period: str) -> str | None:
        """Column ``index``'s value for a period, as typed (None: none)."""
        found = self._figures(index).get(_period_key(period))
        return found.value if found else None

    def trend(self, index: int) -> str:
        """Column ``index``'s trend as the team judged it ("" when not judged or absent)."""
        measure = self.measures[index]
        return measure.trend or "" if measure else ""

    def comparator_value(self, index: int, name: str, period: str) -> str | None:
        """A comparator's figure for a period in column ``index`` (None: none)."""
        found = self._figures(index, name).get(_period_key(period)) if name else None
        return found.value if found else None

    def standing(self, index: int, name: str, period: str) -> StandingRead | None:
        """Where column ``index``'s figure stands against a comparator (None: not there)."""
        measure = self.measures[index]
        key = _period_key(period)
        ours = self._figures(index).get(key)
        theirs = self._figures(index, name).get(key) if name else None
        if measure is None or ours is None or theirs is None:
            return None
        comparator = Comparator(
            name=name, values=[theirs.model_copy(update={"period": ours.period})]
        )
        return measure.standing(comparator, ours.period)


def _resolve(name: str, mapping: dict[str, str]) -> str:
    """The key a measure name is matched by, after following ``mapping`` (no loops)."""
    key = same_name(name)
    seen = {key}
    while key in mapping and mapping[key] not in seen:
        key = mapping[key]
        seen.add(key)
    return key


def measures_across(
    framework: Framework, columns: Sequence[Column], same_measures: Mapping[str, str]
) -> list[MeasureAcross]:
    """The measures found in more than one column, by results area then order met."""
    mapping = {same_name(a): same_name(b) for a, b in same_measures.items()}
    found: dict[str, MeasureAcross] = {}
    for index, column in enumerate(columns):
        for area in framework.areas:
            record = column.session.results.get(area.id)
            for measure in record.measures if record else []:
                key = _resolve(measure.name, mapping)
                across = found.get(key)
                if across is None:
                    across = MeasureAcross(key, measure.name, area.id, [None] * len(columns))
                    found[key] = across
                if across.measures[index] is None:
                    across.measures[index] = measure
    order = {area.id: n for n, area in enumerate(framework.areas)}
    shared = [m for m in found.values() if m.count > 1]
    shared.sort(key=lambda m: order[m.area_id])  # stable: the order met within an area
    for across in shared:
        _fill_periods(across)
    return shared


def _fill_periods(across: MeasureAcross) -> None:
    periods: dict[tuple[int, int] | str, str] = {}
    names: dict[str, str] = {}
    for measure in across.measures:
        if measure is None:
            continue
        typed = [v.period for v in measure.values]
        typed += [v.period for c in measure.comparators for v in c.values]
        for period in typed:
            periods.setdefault(_period_key(period), period)
        for comparator in measure.comparators:
            names.setdefault(same_name(comparator.name), comparator.name)
    keys = list(periods)
    if all(isinstance(k, tuple) for k in keys):
        keys.sort()
    across.periods = [periods[k] for k in keys]
    across.comparator_names = list(names.values())


def _unknown_names(columns: Sequence[Column], same_measures: Mapping[str, str]) -> list[str]:
    """The names given to map that no session has a measure of."""
    known = {
        same_name(m.name)
        for c in columns
        for record in c.session.results.values()
        for m in record.measures
    }
    return [
        f"--same-measure {name!r}: no session has a measure named so"
        for pair in same_measures.items()
        for name in pair
        if same_name(name) not in known
    ]


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
    "measure",
    "period",
    "value",
    "comparator",
    "standing",
    "trend",
]
"""The CSV's columns. ``item_strengths`` and ``item_improvements`` count per item (repeated on
each element's row: in a pivot table take their maximum, not their sum). The last six are
filled on the measures' rows (``section`` ``measures``): one per session × measure × period,
and one more per comparator's figure, with where the session stands against it."""


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
    return rows + measure_csv_rows(comparison)


def measure_csv_rows(comparison: Comparison) -> list[dict[str, str]]:
    """One row per session × shared measure × period, and one per comparator's figure."""
    rows: list[dict[str, str]] = []
    blank = dict.fromkeys(CSV_FIELDS, "")
    for index, column in enumerate(comparison.columns):
        session = column.session
        base = blank | {
            "session": column.key,
            "file": column.path.name,
            "service": session.service.name,
            "scope": session.service.scope,
            "library": session.service.library,
            "governance": session.service.governance_label,
            "date": column.day.isoformat(),
            "framework_version": session.framework.version,
            "section": "measures",
        }
        for measure in comparison.measures:
            if measure.measures[index] is None:
                continue
            item = {
                "item_id": measure.area_id,
                "item": comparison.framework.area(measure.area_id).label,
                "measure": measure.name,
            }
            for period in measure.periods:
                value = measure.value(index, period)
                if value is not None:
                    trend = {"trend": measure.trend(index)}
                    rows.append(base | item | trend | {"period": period, "value": value})
                for name in measure.comparator_names:
                    theirs = measure.comparator_value(index, name, period)
                    if theirs is None:
                        continue
                    read = measure.standing(index, name, period)
                    standing = read.standing if read and read.standing else ""
                    rows.append(
                        base
                        | item
                        | {"period": period, "value": theirs, "comparator": name}
                        | {"standing": standing}
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
        BenchmarkError: ``target`` may not be written (the rules of
            :func:`~benchmark_tui.outputs.check_output`: one of the sessions, a session file,
            a file a window holds, not named ``.csv`` …), or cannot be written.
    """
    from benchmark_tui.files import write_atomically
    from benchmark_tui.os_errors import explain_write_error
    from benchmark_tui.outputs import check_output

    check_output(target, kind="the CSV", suffix=".csv", option="--csv", inputs=inputs)
    try:
        write_atomically(target, csv_text(comparison).encode("utf-8-sig"))
    except OSError as err:
        raise BenchmarkError(
            f"Not written: {explain_write_error(err, target, what='the CSV')}",
            title="CSV not written",
        ) from err
    return target
