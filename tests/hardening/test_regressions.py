"""Bugs found while hardening: one test each, named for what used to go wrong."""

from __future__ import annotations

import ast
import io
import re
import sys
from datetime import date
from pathlib import Path

import pytest

import benchmark_tui
from benchmark_tui.cli import main
from benchmark_tui.errors import FrameworkError, SessionFileError
from benchmark_tui.models import Workshop, day_label
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


@pytest.mark.parametrize("version", ["0", "-1", "false"])
def test_schema_version_zero_is_not_called_newer(version, minimal_text, tmp_path, framework):
    """``schema_version: 0`` used to say the file came from a newer benchmark-tui."""
    path = tmp_path / "old.yaml"
    path.write_text(
        minimal_text.replace("schema_version: 1", f"schema_version: {version}"), encoding="utf-8"
    )
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    assert_located(caught.value.message, path, 1)
    assert "newer" not in caught.value.message
    assert "schema_version: must be 1, the session file format" in caught.value.message


@pytest.mark.parametrize("version", ["2", "10000000000000000000000"])
def test_a_session_from_the_future_asks_for_an_update(version, minimal_text, tmp_path, framework):
    path = tmp_path / "new.yaml"
    path.write_text(
        minimal_text.replace("schema_version: 1", f"schema_version: {version}"), encoding="utf-8"
    )
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    assert_located(caught.value.message, path, 1)
    assert f"newer benchmark-tui (format {version}; this version reads format 1)" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        (
            "  name: Testshire Libraries",
            "  name: " + "x" * 300,
            7,
            "service.name: is too long: 300 characters, and a name holds at most 200 characters — "
            "shorten it",
        ),
        (
            "    state: in-progress",
            "    state: in-progress\n    strengths:\n    - '   '",
            12,
            "strengths.0: is empty — write some text, or delete",
        ),
    ],
    ids=["too long", "blank item"],
)
def test_text_length_errors_speak_of_characters_not_items(
    old, new, line, expected, minimal_text, tmp_path, framework
):
    """Length limits on cleaned text used to read "at most 200 items … remove some items"."""
    path = tmp_path / "s.yaml"
    path.write_text(minimal_text.replace(old, new), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    assert_located(caught.value.message, path, line)
    assert expected in caught.value.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      plan:", "      planning:", "'planning' is not an element of this framework"),
        ("characteristics:", "results:\n  outcome: {}\ncharacteristics:", "is not an area of"),
        ("  leadership:", "  leadershp:", "'leadershp' is not a characteristic of"),
    ],
)
def test_unknown_ids_are_named_in_plain_english(
    old, new, expected, minimal_text, tmp_path, framework
):
    """It used to say "is not a element" and "is not a area"."""
    path = tmp_path / "s.yaml"
    path.write_text(minimal_text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SessionFileError, match=expected):
        load_session(path, framework)


def test_a_number_with_thousands_of_digits_is_explained_for_people(tmp_path, framework):
    """It used to advise calling ``sys.set_int_max_str_digits()`` and writing dates properly."""
    path = tmp_path / "digits.yaml"
    path.write_text("schema_version: 1\nnote: " + "9" * 10_000 + "\n", encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    message = caught.value.message
    assert_located(message, path, 2)
    assert "this number is too long to read (more than 4,300 digits)" in message
    assert "put it in quotes" in message
    assert "sys." not in message and "YYYY" not in message


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_validate_survives_a_terminal_that_cannot_show_the_service_name(
    encoding, minimal_text, tmp_path, monkeypatch
):
    """Printing "OK … (session: مكتبة 📚 …)" to a cp1252 or latin-1 stdout used to crash."""
    path = tmp_path / "s.yaml"
    path.write_text(
        minimal_text.replace("Testshire Libraries", "مكتبة Libraries 📚"), encoding="utf-8"
    )
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding=encoding)  # strict, like a redirected stdout
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["validate", str(path)]) == 0
    stdout.flush()
    printed = raw.getvalue().decode(encoding)
    assert printed.startswith(f"OK  {path}  (session: ")
    assert "Libraries" in printed and "\\U0001f4da" in printed


class WindowsDate(date):
    """A date whose strftime behaves as on Windows, which has no ``%-d``."""

    def strftime(self, fmt: str) -> str:
        if "%-" in fmt:
            raise ValueError("Invalid format string")
        return super().strftime(fmt)

    def __format__(self, fmt: str) -> str:
        return self.strftime(fmt) if fmt else str(self)


def test_workshop_dates_are_written_out_without_the_glibc_only_day_format():
    """``dates_label`` used ``%-d``, a ValueError on Windows (the sessions list showed it)."""
    workshop = Workshop(dates=[WindowsDate(2026, 3, 12), WindowsDate(2026, 3, 2)])
    assert workshop.dates_label == "2 March 2026, 12 March 2026"


def test_day_labels_short_and_long_need_no_glibc_only_format():
    assert day_label(WindowsDate(2026, 3, 2)) == "2 March 2026"
    assert day_label(WindowsDate(2026, 11, 28), short=True) == "28 Nov 2026"


def test_no_source_file_uses_a_glibc_only_strftime_flag():
    """The plan list and the sessions list once wrote dates with ``%-d`` (ValueError on Windows).

    Every string in the code is checked (f-string format specs included), docstrings aside.
    """
    src = Path(benchmark_tui.__file__).parent
    offenders = []
    for path in sorted(src.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        offenders += [
            f"{path.relative_to(src)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and re.search(r"%-[a-zA-Z]", node.value)
        ]
    assert offenders == []
