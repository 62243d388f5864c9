"""``yamlio.dump`` writes a session record by record, reusing unchanged records' text: the
result must be exactly what one ``yaml.dump`` of the whole document gives."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark_tui import yamlio
from benchmark_tui.models import Framework, Session
from benchmark_tui.store import load_session, session_text

from .conftest import EXAMPLE_SESSION


@pytest.fixture
def example_session(framework: Framework) -> Session:
    return load_session(EXAMPLE_SESSION, framework)


def reference(data: object) -> str:
    text = yaml.dump(data, Dumper=yamlio._Dumper, **yamlio._DUMP_OPTIONS)
    if "\\U" in text:
        text = yaml.dump(data, Dumper=yamlio._PyDumper, **yamlio._DUMP_OPTIONS)
    return text


def test_the_example_session_is_written_as_one_yaml_dump_would(example_session: Session):
    data = example_session.model_dump(mode="python")
    assert yamlio.dump(data) == reference(data)


def test_a_changed_record_is_written_anew_not_from_the_cache(example_session: Session):
    first = session_text(example_session)
    example_session.record("people").strengths.append("Added after the first save")
    second = session_text(example_session)
    assert "Added after the first save" not in first
    assert "Added after the first save" in second
    data = example_session.model_dump(mode="python")
    assert second.endswith(reference(data))


awkward_text = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "",
            " leading space",
            "trailing space ",
            "two\n\nparagraphs\n",
            "\n\nstarts with blank lines",
            "  indented\nfirst line",
            "yes",
            "null",
            "- looks like a list",
            "key: value",
            "# not a comment",
            "📚 emoji",
            "C:\\Users\\library",
            "tab\there",
            "line\u2028separator",
            "x" * 200,
        ]
    ),
)
scalars = st.one_of(
    awkward_text,
    st.integers(),
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
records = st.dictionaries(awkward_text, values, min_size=1, max_size=4)
documents = st.dictionaries(
    awkward_text,
    st.one_of(values, st.dictionaries(awkward_text, records, min_size=1, max_size=4)),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_any_document_is_written_as_one_yaml_dump_would(data: dict) -> None:
    assert yamlio.dump(data) == reference(data)


def test_dates_and_records_of_one_document_round_trip():
    data = {"workshop": {"dates": [date(2026, 3, 12)]}, "records": {"a": {"b": "x\n\ny"}}}
    assert yamlio.dump(data) == reference(data)
    assert yaml.safe_load(yamlio.dump(data)) == data
