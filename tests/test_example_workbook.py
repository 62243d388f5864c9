"""The worked example's figures workbook (``sessions/example-borough-libraries-figures.xlsx``)
stays in step with the example: it holds exactly the example's figures, and importing it into
the example with its figures removed gives them back (issue 23)."""

from __future__ import annotations

from pathlib import Path

from benchmark_tui.figures_import import apply_import, plan_import
from benchmark_tui.figures_read import read_figures
from benchmark_tui.figures_workbook import figures_workbook
from benchmark_tui.store import load_session
from tests.conftest import EXAMPLE_SESSION, REPO

WORKBOOK = REPO / "sessions" / "example-borough-libraries-figures.xlsx"


def rows(path: Path, framework) -> list[tuple[object, ...]]:
    read = read_figures(path, framework)
    return [
        (r.area_id, r.measure, r.period, r.value, r.comparator, r.unit, r.better) for r in read.rows
    ]


def test_the_shipped_workbook_holds_the_examples_figures(framework, tmp_path):
    fresh = tmp_path / "fresh.xlsx"
    fresh.write_bytes(figures_workbook(framework, load_session(EXAMPLE_SESSION, framework)))
    assert rows(WORKBOOK, framework) == rows(fresh, framework)  # else: run the example tools


def test_the_workbook_gives_back_the_examples_figures_and_comparators(framework):
    example = load_session(EXAMPLE_SESSION, framework)
    bare = example.model_copy(deep=True)
    for record in bare.results.values():
        for measure in record.measures:
            measure.values, measure.comparators = [], []
            measure.unit, measure.better = "", None
    plan = plan_import(bare, read_figures(WORKBOOK, framework), framework)
    assert not plan.replacing and not plan.new_measures
    apply_import(bare, plan, replace=False)
    assert bare.results == example.results
    comparators = [c for r in example.results.values() for m in r.measures for c in m.comparators]
    assert len(comparators) >= 6  # the example benchmarks itself
