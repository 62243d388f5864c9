"""``clean_text``'s shortcut for clean ASCII text changes nothing it would not have changed."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from benchmark_tui.models import _CONTROL, clean_line, clean_text


def reference(value: str) -> str:
    """clean_text as written before the shortcut: every string takes the full path."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", value))


def test_every_ascii_character_alone_and_in_text():
    for code in range(128):
        char = chr(code)
        for text in (char, f"a{char}b", f"{char}\r\n{char}", f" {char} "):
            assert clean_text(text) == reference(text), repr(text)
            assert clean_line(text) == reference(text).strip(), repr(text)


def test_clean_text_is_returned_as_it_is():
    text = "Vision and strategy are clear.\n\tThey have Cabinet backing."
    assert clean_text(text) is text


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_any_text_is_cleaned_as_before(text: str):
    assert clean_text(text) == reference(text)


def test_other_types_pass_through():
    for value in (None, 3, 2.5, ["a\r"], {"a": "b"}):
        assert clean_text(value) is value
