"""Wrong types everywhere: every field of a session, in turn, given a value of the wrong kind.

The worked example is cut down to one item per list and one record per id-keyed mapping
(so each kind of field appears once and the file is small), then each field's value is
replaced by a list, a mapping, text, a number and null. Each result must be either a
session that loads (pydantic may accept a number as text, or null for an optional field)
or one located error whose first line points at the replaced entry, never another
exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmark_tui.errors import SessionFileError
from benchmark_tui.models import Framework
from benchmark_tui.store import load_session, read_session
from benchmark_tui.yamlio import dump

from .conftest import EXAMPLE_SESSION

WRONG = {"list": ["a", "b"], "mapping": {"x": 1}, "text": "some text", "number": 7, "null": None}
RECORD_MAPS = {"results", "characteristics", "ratings", "votes", "attendance"}
"""Mappings keyed by id: one entry of each reaches every kind of field (loading fills in the
others)."""

Loc = tuple[str | int, ...]


def one_of_each(data: Any, key: str | int | None = None) -> Any:
    """The example with every list, and every mapping keyed by id, cut to its first item."""
    if isinstance(data, dict):
        keep = list(data)[:1] if key in RECORD_MAPS else list(data)
        return {k: one_of_each(data[k], k) for k in keep}
    if isinstance(data, list):
        return [one_of_each(v) for v in data[:1]]
    return data


def fields(data: Any, loc: Loc = ()) -> list[Loc]:
    """The location of every mapping entry."""
    found: list[Loc] = []
    if isinstance(data, dict):
        for key in data:
            found.append((*loc, key))
            found.extend(fields(data[key], (*loc, key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found.extend(fields(item, (*loc, index)))
    return found


def replaced(data: Any, loc: Loc, value: Any) -> Any:
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict):
        return {k: replaced(v, rest, value) if k == head else v for k, v in data.items()}
    return [replaced(v, rest, value) if i == head else v for i, v in enumerate(data)]


def lines_of(text: str, loc: Loc) -> tuple[int, int]:
    """First and last line (1-based) of the entry at ``loc``: its key through its value."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    key_node = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            key_node, node = next((k, v) for k, v in node.value if k.value == str(part))
        else:
            key_node, node = None, node.value[part]
    start = (key_node or node).start_mark.line + 1
    end = max(node.end_mark.line + 1, start)
    return start, end


BASE = one_of_each(yaml.safe_load(EXAMPLE_SESSION.read_text(encoding="utf-8")))
FIELDS = fields(BASE)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wrong-types")


def test_the_cut_down_example_still_loads_and_reaches_every_kind_of_field(framework, folder):
    path = folder / "base.yaml"
    path.write_text(dump(BASE), encoding="utf-8")
    session = load_session(path, framework)
    assert session.plan.actions and session.workshop.team
    assert len(FIELDS) > 60


@pytest.mark.parametrize("kind", list(WRONG))
def test_every_field_given_a_wrong_type_loads_or_is_located(kind, framework: Framework, folder):
    refused = 0
    for loc in FIELDS:
        text = dump(replaced(BASE, loc, WRONG[kind]))
        path = folder / f"{kind}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            read_session(path, framework)  # (a drift notice is fine: "framework: {id: 7}")
        except SessionFileError as err:
            refused += 1
            first = err.message.splitlines()[0]
            assert first.startswith(f"{path}:"), (loc, err.message)
            line = int(first.removeprefix(f"{path}:").split(":")[0])
            start, end = lines_of(text, loc)
            assert start <= line <= end, (loc, start, end, err.message)
    assert refused > len(FIELDS) // 3, refused
