"""The bounds yamlio puts where PyYAML and pydantic have none, checked exactly at the edge.

Size, nesting and the number of values are each accepted at the limit and refused one past
it, through the public loader, so an off-by-one in either direction fails a test. A file of
millions of tiny values is refused having built at most the values allowed, which the memory
it takes shows (see ``test_yaml_bounds``); nothing here times a call.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmark_tui.errors import SaveError, SessionFileError
from benchmark_tui.models import MAX_ITEMS, MAX_TEXT, Framework, Measure, PeriodValue, Session
from benchmark_tui.reading import MAX_FILE_BYTES
from benchmark_tui.store import load_session, save_session
from benchmark_tui.yamlio import MAX_DEPTH, MAX_NODES

from .conftest import assert_located
from .test_yaml_bounds import READ_BUDGET, bounded


def count_nodes(text: str) -> int:
    """Count values the way a YAML reader sees them, with PyYAML's own composer."""
    pending = [yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))]
    count = 0
    while pending:
        node = pending.pop()
        count += 1
        if isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return count


def load_error(path: Path, framework: Framework) -> str:
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    return caught.value.message


# --- size -----------------------------------------------------------------------------------


def test_a_file_of_exactly_the_size_limit_is_read(minimal_text, tmp_path, framework):
    padding = MAX_FILE_BYTES - len(minimal_text.encode("utf-8")) - 3
    path = tmp_path / "at-limit.yaml"
    path.write_bytes(minimal_text.encode("utf-8") + b"# " + b"x" * padding + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_session(path, framework).service.name == "Testshire Libraries"


def test_one_byte_over_the_size_limit_is_refused(minimal_text, tmp_path, framework):
    padding = MAX_FILE_BYTES - len(minimal_text.encode("utf-8")) - 2
    path = tmp_path / "over.yaml"
    path.write_bytes(minimal_text.encode("utf-8") + b"# " + b"x" * padding + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES + 1
    message = load_error(path, framework)
    assert_located(message, path, None)
    assert "larger than 5 MB" in message


# --- nesting ------------------------------------------------------------------------------------


def nested(levels: int) -> str:
    """An extra key whose value makes the document ``levels`` collections deep in all."""
    inner = levels - 1  # the document's own mapping is the first level
    return "deep: " + "[" * inner + "]" * inner + "\n"


def test_nesting_exactly_at_the_limit_is_read(minimal_text, tmp_path, framework):
    path = tmp_path / "deep.yaml"
    path.write_text(minimal_text + nested(MAX_DEPTH), encoding="utf-8")
    message = load_error(path, framework)
    assert "unknown key 'deep'" in message  # read in full, then judged as a session


def test_one_level_past_the_nesting_limit_is_refused(minimal_text, tmp_path, framework):
    path = tmp_path / "deeper.yaml"
    path.write_text(minimal_text + nested(MAX_DEPTH + 1), encoding="utf-8")
    message = load_error(path, framework)
    assert_located(message, path, minimal_text.count("\n") + 1)
    assert f"nested more than {MAX_DEPTH} levels" in message


# --- number of values -------------------------------------------------------------------------


def with_values(minimal_text: str, total: int) -> str:
    """The minimal session plus an extra list, so that the file holds ``total`` values."""
    base = count_nodes(minimal_text + "extra: []\n")
    text = minimal_text + "extra: [" + ",".join(["1"] * (total - base)) + "]\n"
    assert count_nodes(text) == total
    return text


def test_exactly_the_most_values_allowed_are_read(minimal_text, tmp_path, framework):
    path = tmp_path / "many.yaml"
    path.write_text(with_values(minimal_text, MAX_NODES), encoding="utf-8")
    assert "unknown key 'extra'" in load_error(path, framework)


def test_one_value_too_many_is_refused(minimal_text, tmp_path, framework):
    path = tmp_path / "too-many.yaml"
    path.write_text(with_values(minimal_text, MAX_NODES + 1), encoding="utf-8")
    message = load_error(path, framework)
    assert_located(message, path, minimal_text.count("\n") + 1)
    assert f"more than {MAX_NODES:,} values" in message


@pytest.mark.parametrize(
    "shape",
    [
        "flow sequence",
        "block sequence",
        "block mapping",
        "flow mapping",
    ],
)
def test_millions_of_tiny_values_under_5_mb_are_refused_before_they_are_built(
    shape, tmp_path, framework
):
    """Before the bound, two million ``1,`` took 13–19 s and 700 MB to refuse; a projector
    waits. With it, reading stops at the value past the limit."""
    body = {
        "flow sequence": lambda: "a: [" + ",".join(["1"] * 2_000_000) + "]\n",
        "block sequence": lambda: "a:\n" + "- 1\n" * 1_000_000,
        "block mapping": lambda: "".join(f"k{i}: {i}\n" for i in range(300_000)),
        "flow mapping": lambda: "{" + ",".join(f"k{i}: 1" for i in range(400_000)) + "}\n",
    }[shape]()
    path = tmp_path / "sprawl.yaml"
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size < MAX_FILE_BYTES
    outcome = bounded(lambda: load_session(path, framework))
    assert isinstance(outcome.value, SessionFileError), outcome.value
    assert f"more than {MAX_NODES:,} values" in outcome.value.message
    assert outcome.peak < READ_BUDGET, f"{outcome.peak / 1e6:.0f} MB: the values were built"


# --- saving never writes what reading would refuse ----------------------------------------------


def fill_strengths(session: Session, items: int) -> None:
    """Give the session ``items`` strengths of the longest text a line may hold."""
    long_line = "Strength " + "x" * (MAX_TEXT - 9)
    per_record = [long_line] * min(items, MAX_ITEMS)
    left = items
    for record in session.characteristics.values():
        take = min(left, MAX_ITEMS)
        record.strengths = per_record[:take]
        left -= take
    assert left == 0


def fill_measures(session: Session, measures: int) -> None:
    """Give the first results area ``measures`` measures of 200 yearly values each."""
    values = [PeriodValue(period=f"{1800 + i}", value=str(i)) for i in range(MAX_ITEMS)]
    session.area("outcomes").measures = [
        Measure(name=f"Measure {n}", values=values) for n in range(measures)
    ]


def test_a_session_too_large_to_read_back_is_not_written(session, tmp_path):
    path = save_session(session, tmp_path / "s.yaml")
    before = path.read_bytes()
    fill_strengths(session, 270)  # 270 × 20,000 characters: more than 5 MB
    with pytest.raises(SaveError) as caught:
        save_session(session, path)
    assert "too large to store" in caught.value.message
    assert "kept in memory" in caught.value.message
    assert path.read_bytes() == before


def test_a_session_with_too_many_values_to_read_back_is_not_written(session, tmp_path):
    path = save_session(session, tmp_path / "s.yaml")
    before = path.read_bytes()
    fill_measures(session, 50)  # 50 × 200 values × 5 nodes each: past 50,000
    with pytest.raises(SaveError, match="too large to store"):
        save_session(session, path)
    assert path.read_bytes() == before


def test_a_session_just_inside_the_limits_saves_and_reads_back(session, framework, tmp_path):
    fill_strengths(session, 240)  # about 4.8 MB
    fill_measures(session, 40)  # about 40,000 values
    path = save_session(session, tmp_path / "s.yaml")
    assert 4 * 1024 * 1024 < path.stat().st_size <= MAX_FILE_BYTES
    assert 40_000 < count_nodes(path.read_text(encoding="utf-8")) <= MAX_NODES
    assert load_session(path, framework) == session
