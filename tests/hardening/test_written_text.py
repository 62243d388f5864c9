"""The session file keeps the team's characters as characters, and says plainly what it cannot read.

Emoji and every other character beyond the Basic Multilingual Plane are written as they are,
never as ``\\U0001F4DA`` escapes, whatever style PyYAML picks for the text (plain, quoted, a
``|`` block, or double quotes where nothing else can hold it), and the text reads back exactly.
The writer is PyYAML's own dump; the property runs it over the nastiest text known.

A value YAML cannot read is reported in words, never with Python's own text ("invalid literal
for int() with base 10").
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmark_tui import yamlio
from benchmark_tui.errors import SessionFileError
from benchmark_tui.models import clean_text
from benchmark_tui.store import load_session, save_session

from .test_round_trip_property import AWKWARD_PIECES

EXAMPLES = int(os.environ.get("BENCHMARK_TUI_PROPERTY_EXAMPLES", "150"))
ASTRAL = ["📚", "👩🏽‍💻", "🏳️‍🌈", "\U0010fffd", "𝔘", "😀"]
NASTY_ENDS = ["", " ", "\n", "\n\n", " \n", "\t\n", "\x85", "\u2028", "\u2029", "...", "\n...\n"]

nasty = st.lists(
    st.one_of(st.sampled_from(AWKWARD_PIECES + ASTRAL), st.text(max_size=6)), max_size=8
).map("".join)


def astral(text: str) -> list[str]:
    return [ch for ch in text if ord(ch) > 0xFFFF]


def written(value: str) -> str:
    return yamlio.dump({"text": value})


def read_back(document: str) -> str:
    return yamlio.load(document, Path("t.yaml"), SessionFileError)["text"]


@pytest.mark.parametrize("end", NASTY_ENDS, ids=repr)
@pytest.mark.parametrize("emoji", ASTRAL, ids=repr)
def test_emoji_are_written_as_themselves_whatever_quoting_the_text_needs(emoji, end):
    """``"📚 \\nx"`` needs double quotes (a space before a line break), where PyYAML's emitter
    wrote ``"\\U0001F4DA \\nx"``."""
    value = clean_text(f"{emoji} {end}x{end}{emoji}")
    document = written(value)
    assert "\\U" not in document, document
    for ch in astral(value):
        assert ch in document
    assert read_back(document) == value


@settings(max_examples=EXAMPLES)
@given(nasty)
@example("📚 \nx")
@example("📚\t\n")
@example("📚\x85")
@example(" \u2028 📚 ")
@example("שלום 📚\n\n")
@example("[/] 📚 ...\n\n\n")
def test_any_text_is_written_with_its_characters_and_reads_back_exactly(value):
    value = clean_text(value)
    document = written(value)
    assert read_back(document) == value
    if "\\" not in value:
        assert "\\U" not in document, document
    for ch in astral(value):
        assert ch in document


def test_a_session_with_emoji_everywhere_keeps_them_in_its_file(session, framework, tmp_path):
    session.service.name = "Library 📚"
    record = session.record("leadership")
    record.strengths = ["Story time 📚 \nwith 👩🏽‍💻 \t", "Rainbow 🏳️‍🌈\x85"]
    path = save_session(session, tmp_path / "s.yaml")
    text = path.read_text(encoding="utf-8")
    assert "\\U" not in text
    assert "👩🏽‍💻" in text and "🏳️‍🌈" in text
    assert load_session(path, framework) == session


# --- values YAML cannot read are reported in words ------------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("!!int abc", "cannot be read as a whole number"),
        ("!!int 0x", "cannot be read as a whole number"),
        ("!!int '0b2'", "cannot be read as a whole number"),
        ("!!float abc", "cannot be read as a number"),
        ("2026-02-30", "this date does not exist"),
        ("!!timestamp 2026-13-01", "this date does not exist"),
    ],
)
def test_a_value_yaml_cannot_read_is_said_in_words(value, says):
    with pytest.raises(SessionFileError) as caught:
        yamlio.load(f"a: {value}\n", Path("t.yaml"), SessionFileError)
    message = caught.value.message
    assert message.startswith("t.yaml:1:4: "), message
    assert says in message
    for python_text in (
        "invalid literal",
        "could not convert",
        "base 10",
        "out of range",
        "must be in",
    ):
        assert python_text not in message
