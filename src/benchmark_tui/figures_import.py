"""Provides the merging of figures read from a spreadsheet into a session: a plan first, then all
or nothing.

The method asks the team to "collate or review existing data" before the day; services keep it
in spreadsheets. :func:`plan_import` compares the rows read by
:func:`~benchmark_tui.figures_read.read_figures` with the session and says what would be added
(new measures, new figures, comparators' figures), what is already there, and what would
*replace* something in the session (a figure, a unit, which way is better): every figure in a
session counts as typed by the team, so replacing one is never done without asking.
:func:`apply_import` then makes the change in one step, on a copy that is checked before it is
taken, so nothing is ever half-imported.

The app (the measures step) and ``benchmark-tui import-figures`` use the same three calls::

    read = read_figures(path, framework)          # FiguresFileError: every bad cell, located
    plan = plan_import(session, read)             # what would change; plan.lines() to show it
    apply_import(session, plan, replace=False)    # then save through the open session

Nothing here imports Textual or writes a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from benchmark_tui.figures_read import CellProblem, FigureRow, FiguresFileError, FiguresRead
from benchmark_tui.models import MAX_ITEMS, AreaRecord, Framework, Measure, PeriodValue, Session
from benchmark_tui.models.common import and_joined
from benchmark_tui.models.evidence import Comparator, ComparatorValue, same_name
from benchmark_tui.models.periods import read_period

__all__ = [
    "FigureChange",
    "ImportPlan",
    "MeasureSetting",
    "apply_import",
    "plan_import",
]

ChangeKind = Literal["add", "change", "same"]


@dataclass(frozen=True)
class FigureChange:
    """One figure of the file against the session: new, different, or already there."""

    kind: ChangeKind
    row: FigureRow
    old: str | None = None
    """The session's value, when there is one."""

    @property
    def replaces(self) -> bool:
        """Whether it would replace a figure in the session (which is asked first)."""
        return self.kind == "change"

    def label(self, framework: Framework) -> str:
        """``1.4 · Cost per visit · CIPFA median · 2023/24: £4.37 → £4.40``."""
        row = self.row
        who = f" · {row.comparator}" if row.comparator else ""
        head = f"{framework.area(row.area_id).number} · {row.measure}{who} · {row.period}"
        if self.kind == "change":
            return f"{head}: {self.old} → {row.value}"
        return f"{head}: {row.value}"


@dataclass(frozen=True)
class MeasureSetting:
    """A measure's unit or better-way set from the file."""

    area_id: str
    measure: str
    what: Literal["unit", "better"]
    old: str
    """"" when the session has none (then it is simply added)."""
    new: str

    @property
    def replaces(self) -> bool:
        """Whether it would replace what the session has (which is asked first)."""
        return bool(self.old) and self.old != self.new

    def label(self, framework: Framework) -> str:
        """``1.4 · Cost per visit: better lower → higher``."""
        head = f"{framework.area(self.area_id).number} · {self.measure}: {self.what}"
        return f"{head} {self.old} → {self.new}" if self.old else f"{head} {self.new}"


@dataclass
class ImportPlan:
    """What importing a figures file would do to a session."""

    source: Path
    framework: Framework
    figures: list[FigureChange] = field(default_factory=list)
    new_measures: list[tuple[str, str]] = field(default_factory=list)
    """(area id, measure name) of the measures the file adds."""
    settings: list[MeasureSetting] = field(default_factory=list)
    sheets: list[tuple[str | None, str, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def added(self) -> list[FigureChange]:
        """Figures the session does not have yet."""
        return [c for c in self.figures if c.kind == "add"]

    @property
    def replacing(self) -> list[FigureChange]:
        """Figures that differ from the session's (typed by the team: asked first)."""
        return [c for c in self.figures if c.kind == "change"]

    @property
    def unchanged(self) -> list[FigureChange]:
        """Figures the session already has, the same."""
        return [c for c in self.figures if c.kind == "same"]

    @property
    def replaces(self) -> int:
        """How many things in the session the import would replace (figures, units …)."""
        return len(self.replacing) + sum(1 for s in self.settings if s.replaces)

    def count(self, *, replace: bool) -> int:
        """How many figures, measures and settings importing adds or replaces (also
        replacing what differs, with ``replace``)."""
        figures = sum(1 for c in self.figures if c.kind == "add" or (replace and c.replaces))
        settings = sum(1 for s in self.settings if replace or not s.replaces)
        return len(self.new_measures) + figures + settings

    def areas_changed(self, *, replace: bool) -> list[str]:
        """The results areas importing would change (also replacing what differs, with
        ``replace``), in the framework's order."""
        changed = {area_id for area_id, _name in self.new_measures}
        changed |= {
            c.row.area_id for c in self.figures if c.kind == "add" or (replace and c.replaces)
        }
        changed |= {s.area_id for s in self.settings if replace or not s.replaces}
        return [area.id for area in self.framework.areas if area.id in changed]

    @property
    def has_changes(self) -> bool:
        """Whether importing would change anything at all."""
        return bool(self.added or self.replacing or self.settings or self.new_measures)

    def summary(self) -> str:
        """``Adds 40 figures (3 new measures), replaces 1 figure typed in the session; 12
        already there.``"""
        parts = [f"adds {_count(len(self.added), 'figure')}"]
        if self.new_measures:
            parts[0] += f" ({_count(len(self.new_measures), 'new measure')})"
        if self.replaces:
            parts.append(f"replaces {_count(self.replaces, 'value')} in the session")
        text = ", ".join(parts)
        if self.unchanged:
            text += f"; {len(self.unchanged):,} already there"
        return text[0].upper() + text[1:] + "."

    def lines(self, *, limit: int = 20) -> list[str]:
        """What would change, a line each: every replacement; additions up to ``limit``."""
        out: list[str] = []
        for sheet, layout, count in self.sheets:
            where = f"sheet {sheet}" if sheet is not None else "the file"
            out.append(f"Read {where} ({layout} layout): {_count(count, 'figure')}")
        out += [f"Skipped {why}" for why in self.skipped]
        replacing = [c.label(self.framework) for c in self.replacing]
        replacing += [s.label(self.framework) for s in self.settings if s.replaces]
        if replacing:
            out.append("Would replace (typed in the session):")
            out += [f"  {line}" for line in replacing]
        adding = [
            f"new measure {self.framework.area(a).number} · {m}" for a, m in self.new_measures
        ]
        adding += [c.label(self.framework) for c in self.added]
        adding += [s.label(self.framework) for s in self.settings if not s.replaces]
        if adding:
            out.append("Would add:")
            out += [f"  {line}" for line in adding[:limit]]
            if len(adding) > limit:
                out.append(f"  … and {len(adding) - limit:,} more")
        return out


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


# ---------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------


def _find_measure(session: Session, area_id: str, name: str) -> Measure | None:
    record = session.results.get(area_id)
    if record is None:
        return None
    wanted = same_name(name)
    return next((m for m in record.measures if same_name(m.name) == wanted), None)


def _same_period(first: str, second: str) -> bool:
    """The same period, however typed (``2023-24`` and ``2023/24``)."""
    if first == second:
        return True
    one, two = read_period(first), read_period(second)
    if one is None or two is None:
        return same_name(first) == same_name(second)
    return (one.start, one.end) == (two.start, two.end)


def _value_in(values: list[PeriodValue] | list[ComparatorValue], period: str) -> PeriodValue | None:
    return next((v for v in values if _same_period(v.period, period)), None)


def _same_value(old: PeriodValue, new: str) -> bool:
    if old.value == new:
        return True
    one, two = old.figure, PeriodValue(period=old.period, value=new).figure
    return one is not None and two is not None and (one.number, one.unit) == (two.number, two.unit)


def agreed_note(titles: Sequence[str]) -> str:
    """What importing into agreed results areas means, in words the room reads: "1.4 Value
    for money is agreed: importing changes its figures, so it will need agreeing again."."""
    it, is_, its = ("they", "are", "their") if len(titles) > 1 else ("it", "is", "its")
    return (
        f"{and_joined(titles)} {is_} agreed: importing changes {its} figures, so {it} will "
        "need agreeing again."
    )


def plan_import(session: Session, read: FiguresRead, framework: Framework) -> ImportPlan:
    """Compare the figures read with the session: what would be added, replaced, or is there.

    Raises:
        FiguresFileError: importing would give a measure more than
            :data:`~benchmark_tui.models.MAX_ITEMS` figures, or an area more measures.
    """
    plan = ImportPlan(read.path, framework, sheets=list(read.sheets), skipped=list(read.skipped))
    new_measures: dict[tuple[str, str], int] = {}
    new_values: dict[tuple[str, str, str], set[str]] = {}
    settings: dict[tuple[str, str, str], MeasureSetting] = {}
    problems: list[CellProblem] = []
    for row in read.rows:
        key = (row.area_id, same_name(row.measure))
        measure = _find_measure(session, row.area_id, row.measure)
        if measure is None and key not in new_measures:
            record = session.results.get(row.area_id)
            existing = len(record.measures) if record else 0
            if existing + sum(1 for k in new_measures if k[0] == row.area_id) >= MAX_ITEMS:
                problems.append(
                    CellProblem(row.where, f"more than {MAX_ITEMS} measures in one results area")
                )
                continue
            new_measures[key] = len(plan.new_measures)
            plan.new_measures.append((row.area_id, row.measure))
        name = measure.name if measure else row.measure
        for what, new in (("unit", row.unit), ("better", row.better or "")):
            old = (measure.unit if what == "unit" else measure.better or "") if measure else ""
            if new and new != old and (row.area_id, name, what) not in settings:
                setting = MeasureSetting(row.area_id, name, what, old, new)  # type: ignore[arg-type]
                settings[(row.area_id, name, what)] = setting
        values: list[PeriodValue] | list[ComparatorValue] = []
        if measure is not None:
            if row.comparator:
                comparator = measure.comparator(row.comparator)
                values = comparator.values if comparator else []
            else:
                values = measure.values
        old_value = _value_in(values, row.period)
        if old_value is None:
            slot = new_values.setdefault((*key, same_name(row.comparator)), set())
            slot.add(row.period)
            if len(values) + len(slot) > MAX_ITEMS:
                problems.append(
                    CellProblem(row.where, f"more than {MAX_ITEMS} figures for one measure")
                )
                continue
            plan.figures.append(FigureChange("add", row))
        elif _same_value(old_value, row.value):
            plan.figures.append(FigureChange("same", row, old_value.value))
        else:
            plan.figures.append(FigureChange("change", row, old_value.value))
    if problems:
        raise FiguresFileError(read.path, problems)
    plan.settings = list(settings.values())
    return plan


# ---------------------------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------------------------


def apply_import(session: Session, plan: ImportPlan, *, replace: bool) -> int:
    """Make the planned changes to ``session`` in one step; nothing changes if any fails.

    Args:
        session: the session the plan was made from (changed in place, its results replaced
            at once by a checked copy).
        plan: from :func:`plan_import`.
        replace: also replace what differs from the session (the team said yes); otherwise
            only what is new is added.

    Returns:
        How many figures, measures and settings were added or replaced.

    Raises:
        ValueError: the changed results would not be a valid session (nothing is changed).
    """
    results = {key: record.model_copy(deep=True) for key, record in session.results.items()}
    for area_id, _name in plan.new_measures:
        if area_id not in results:
            results[area_id] = session.area(area_id).model_copy(deep=True)
    found: dict[tuple[str, str], Measure] = {}
    for area_id, record in results.items():
        for measure in record.measures:
            found.setdefault((area_id, same_name(measure.name)), measure)
    done = 0
    for area_id, name in plan.new_measures:
        measure = Measure(name=name)
        results[area_id].measures.append(measure)
        found[(area_id, same_name(name))] = measure
        done += 1
    touched: dict[int, Measure] = {}
    for change in plan.figures:
        if change.kind == "same" or (change.replaces and not replace):
            continue
        row = change.row
        measure = found[(row.area_id, same_name(row.measure))]
        if row.comparator:
            comparator = measure.comparator(row.comparator)
            if comparator is None:
                measure.comparators.append(Comparator(name=row.comparator))
                comparator = measure.comparators[-1]
            old = _value_in(comparator.values, row.period)
            if old is None:
                comparator.values.append(ComparatorValue(period=row.period, value=row.value))
            else:
                old.value = row.value
        else:
            old = _value_in(measure.values, row.period)
            if old is None:
                measure.values.append(PeriodValue(period=row.period, value=row.value))
            else:
                old.value = row.value
        touched[id(measure)] = measure
        done += 1
    for setting in plan.settings:
        if setting.replaces and not replace:
            continue
        measure = found[(setting.area_id, same_name(setting.measure))]
        if setting.what == "unit":
            measure.unit = setting.new
        else:
            measure.better = "higher" if setting.new == "higher" else "lower"
        done += 1
    for measure in touched.values():
        measure.values = measure.in_year_order()
        for comparator in measure.comparators:
            comparator.values = _in_year_order(comparator.values)
    # Lists were appended to in place, past pydantic: check every record again before taking
    # them (a ValidationError is a ValueError), so the session changes all at once or not at all.
    checked = {
        key: AreaRecord.model_validate(record.model_dump(mode="python"))
        for key, record in results.items()
    }
    session.results = checked
    return done


def _in_year_order(values: list[ComparatorValue]) -> list[ComparatorValue]:
    reads = [read_period(v.period) for v in values]
    if any(r is None for r in reads):
        return values
    keyed = sorted(zip(reads, range(len(values)), strict=True))
    return [values[index] for _read, index in keyed]
