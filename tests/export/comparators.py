"""Comparators for the worked examples, for the tests and renders of Section 1 as benchmarking.

The example sessions have comparators of their own, but not every kind these tests need,
and the tests must not change ``sessions/``, so :func:`with_comparators` adds more to a copy
(a comparator the measure already has is left as it is): a benchmark beside every figure,
set so that all three standings occur, an overruled standing, which way each measure is
better, units, and results linked to practices.
"""

from __future__ import annotations

from benchmark_tui.models import Session
from benchmark_tui.models.evidence import Comparator, ComparatorValue
from benchmark_tui.models.figures import figure_text, read_figure

CIPFA = "CIPFA nearest neighbours (median)"
ENGLAND = "England average"
CIPFA_FACTORS = (1.08, 0.99, 0.93, 1.01, 1.1)
"""The comparator's figure as a multiple of the team's, period by period: below, in line,
above, in line, below."""
ENGLAND_FACTOR = 1.05
LINKED = {
    "outcomes": ["evidence", "community", "service-design"],
    "user-satisfaction": ["service-design", "community"],
    "value-for-money": ["resources"],
}
"""The characteristics whose practices explain each area's results (by id)."""


def _scaled(value: str, factor: float) -> str | None:
    figure = read_figure(value)
    if figure is None:
        return None
    return figure_text(figure.number * factor, figure.unit, figure.decimals)


def with_comparators(session: Session) -> Session:
    """A copy of ``session`` whose Section 1 measures have comparators.

    Every measure with figures gets :data:`CIPFA` for each of its periods; the first of each
    area also :data:`ENGLAND`. The first measure's first standing "in line" is overruled to
    "above" (the team's judgement). Cost and complaints are better lower, the rest
    higher; visits are counted in "visits"; areas are linked as in :data:`LINKED`.
    """
    copy = session.model_copy(deep=True)
    first = True
    for area_id, record in copy.results.items():
        record.linked = [c for c in LINKED.get(area_id, []) if c not in record.linked] + list(
            record.linked
        )
        for number, measure in enumerate(record.measures):
            lower = any(word in measure.name.casefold() for word in ("cost", "complaints"))
            measure.better = "lower" if lower else "higher"
            if "visits" in measure.name.casefold() and not lower:
                measure.unit = "visits"
            names = [(CIPFA, None), (ENGLAND, ENGLAND_FACTOR)] if number == 0 else [(CIPFA, None)]
            for name, factor in names:
                values = []
                for index, value in enumerate(measure.in_year_order()):
                    scaled = _scaled(
                        value.value, factor or CIPFA_FACTORS[index % len(CIPFA_FACTORS)]
                    )
                    if scaled is not None:
                        values.append(ComparatorValue(period=value.period, value=scaled))
                if values and measure.comparator(name) is None:
                    measure.comparators.append(Comparator(name=name, values=values))
            if first and measure.comparators:
                first = False
                comparator = measure.comparators[0]
                for value in comparator.values:
                    if measure.standing(comparator, value.period).suggested == "in-line":
                        measure.judge(comparator, value.period, "above")
                        break
    return copy
