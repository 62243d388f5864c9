"""Bugs found while hardening: one test each, named for what used to go wrong."""

from __future__ import annotations

import pytest

from benchmark_tui.errors import FrameworkError, SessionFileError
from benchmark_tui.store import load_framework, load_session

from .conftest import assert_located


@pytest.mark.parametrize("blank", [" \t \n\t\n", "\t", "\r\n  \r\n"])
def test_a_blank_file_with_tabs_is_called_empty_not_a_syntax_error(blank, tmp_path, framework):
    """It used to say "found character that cannot start any token" about the tab."""
    path = tmp_path / "blank.yaml"
    path.write_text(blank, encoding="utf-8", newline="")
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    assert_located(caught.value.message, path, 1)
    assert "this file is empty" in caught.value.message
    with pytest.raises(FrameworkError, match="this file is empty"):
        load_framework(path)
