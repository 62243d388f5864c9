"""``yamlio.dump`` writes any document so that ``yamlio.load`` reads back exactly the same data,
and writes it for people: keys in order, multi-line text as ``|`` blocks, emoji as they are.

Issue 11: a dump put together record by record wrote YAML's ``...`` document-end marker in the
middle of a session (after text ending in a blank line), and a paragraph separator at the end
of a text swallowed the next key. The whole document now goes through one emitter call.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark_tui import yamlio
from benchmark_tui.errors import SessionFileError
from benchmark_tui.models import Framework
from benchmark_tui.store import load_session

from .conftest import EXAMPLE_SESSION

PATH = Path("dump.yaml")


def read_back(text: str) -> object:
    return yamlio.load(text, PATH, SessionFileError)


AWKWARD = [
    "",
    " leading space",
    "trailing space ",
    "two\n\nparagraphs\n",
    "ends in a blank line\n\n",
    "\n\nstarts with blank lines",
    "  indented\nfirst line",
    "yes",
    "null",
    "- looks like a list",
    "key: value",
    "# not a comment",
    "...",
    "---",
    "text\n...\nmore",
    "📚 emoji",
    "emoji at the end 📚\n\n",
    "C:\\Users\\library",
    "tab\there",
    "line\u2028separator",
    "x\n\u2029",
    "\u2029\n",
    "a\u2028b\nc",
    "next\x85line",
    "carriage\rreturn\r\n",
    "مكتبة \u200f",
    "x" * 5000,
]
awkward_text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",))),  # any text a str can encode
    st.sampled_from(AWKWARD),
    st.lists(st.sampled_from(AWKWARD), max_size=4).map("".join),
)
scalars = st.one_of(
    awkward_text,
    st.integers(-(10**30), 10**30),
    st.booleans(),
    st.none(),
    st.dates(),
    st.just(datetime(2026, 3, 12, 9, 30, tzinfo=UTC)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(awkward_text, inner, max_size=4)
    ),
    max_leaves=20,
)
documents = st.dictionaries(awkward_text, values, max_size=5)


@settings(max_examples=100, deadline=None)
@given(documents)
def test_any_document_reads_back_exactly(data: dict) -> None:
    text = yamlio.dump(data)
    assert read_back(text) == data


@pytest.mark.benchmark  # the long run (CI runs it): more documents than the default run
@settings(max_examples=1000, deadline=None)
@given(documents)
def test_any_document_reads_back_exactly_in_a_long_run(data: dict) -> None:
    text = yamlio.dump(data)
    assert read_back(text) == data


@pytest.mark.parametrize("awkward", AWKWARD)
def test_each_awkward_text_reads_back_exactly_wherever_it_stands(awkward: str) -> None:
    """Every run, whatever hypothesis draws: as a key, a value, a list item, before more keys,
    and twice in a row."""
    data = {
        awkward: awkward,
        "list": [awkward, awkward + awkward, {"in": awkward}],
        "nested": {"first": awkward, awkward + "key": [awkward], "after": awkward},
        "last": awkward,
    }
    text = yamlio.dump(data)
    assert "\n...\n" not in text.removesuffix("...\n")
    assert read_back(text) == data


@given(awkward_text, awkward_text)
def test_text_ending_in_blank_lines_never_ends_the_document_early(first: str, second: str):
    """The ``...`` marker may only close the file, never stand between two keys."""
    data = {"records": {"a": {"summary": first + "\n\n", "after": second}}, "last": second}
    text = yamlio.dump(data)
    assert "\n...\n" not in text.removesuffix("...\n")
    assert read_back(text) == data


def test_multi_line_text_is_a_literal_block():
    assert yamlio.dump({"notes": "first\nsecond"}) == "notes: |-\n  first\n  second\n"


def test_trailing_blank_lines_are_kept_in_a_block():
    """PyYAML closes a document holding a ``|+`` block with ``...``, harmless at the end."""
    text = yamlio.dump({"notes": "text\n\n", "after": 1})
    assert text.removesuffix("...\n") == "notes: |+\n  text\n\nafter: 1\n"


def test_emoji_and_right_to_left_text_are_written_as_they_are():
    text = yamlio.dump({"a": "📚 Books", "b": "مكتبة"})
    assert text == "a: 📚 Books\nb: مكتبة\n"


def test_keys_keep_their_order_and_long_lines_are_not_folded():
    long = "word " * 1000
    text = yamlio.dump({"zebra": 1, "apple": long.strip()})
    assert text == f"zebra: 1\napple: {long.strip()}\n"


def test_a_value_used_twice_is_written_twice_not_as_an_alias():
    when = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
    shared = ["same list"]
    text = yamlio.dump({"created": when, "updated": when, "a": shared, "b": shared})
    assert "&" not in text and "*" not in text
    assert read_back(text) == {"created": when, "updated": when, "a": shared, "b": shared}


def test_the_example_session_reads_back_as_it_was_dumped(framework: Framework):
    data = load_session(EXAMPLE_SESSION, framework).model_dump(mode="python")
    text = yamlio.dump(data)
    assert read_back(text) == data
    # the C emitter (or its Python twin, where PyYAML has no C) gives the readable form
    assert text == yaml.dump(data, Dumper=yamlio._Dumper, **yamlio._DUMP_OPTIONS)


def test_dates_read_back_as_dates():
    data = {"workshop": {"dates": [date(2026, 3, 12)]}}
    assert read_back(yamlio.dump(data)) == data
