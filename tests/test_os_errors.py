"""One translation of an OSError into words (``benchmark_tui.os_errors``), used everywhere.

There were several (the command line's, the export's, the template's, the writer's), each with
its own words for the same refusal. The last test keeps it one: no other module decides what
to say by the error's number.
"""

from __future__ import annotations

import ast
import errno
from pathlib import Path

import pytest

from benchmark_tui.os_errors import explain_write_error, hint_for, os_problem

SRC = Path(__file__).resolve().parents[1] / "src" / "benchmark_tui"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "permission denied: you may not open it, or a folder on its way"),
        (errno.EPERM, "permission denied: you may not open it, or a folder on its way"),
        (errno.ELOOP, "it is a symbolic link loop (a link that leads back to itself)"),
        (errno.ENAMETOOLONG, "a name in it is too long (longer than the 255 bytes"),
        (errno.ENOTDIR, "a part of the path is a file, not a folder"),
        (errno.ENOENT, "not found"),
        (errno.EISDIR, "this is a folder, not a file"),
        (errno.EIO, "the disk could not be read (an input/output error)"),
        (errno.EBUSY, "Device busy"),  # anything else: the system's own words
    ],
)
def test_a_refusal_to_read_is_said_in_words(code, words):
    assert os_problem(OSError(code, "Device busy")).startswith(words)


def test_a_name_too_long_is_recognised_by_the_path_too():
    long_name = Path("x" * 300)
    assert "too long" in os_problem(OSError(errno.EINVAL, "Invalid argument"), long_name)


def test_each_refusal_comes_with_what_to_do():
    assert "choose another place" in hint_for(PermissionError(errno.EACCES, "denied"))
    assert "point the link at a real file" in hint_for(OSError(errno.ELOOP, "loop"))
    assert hint_for(OSError(errno.EIO, "io")) == "check the path"


def test_a_refused_write_says_what_to_do(tmp_path):
    target = tmp_path / "s.yaml"
    full = explain_write_error(OSError(errno.ENOSPC, "No space"), target)
    assert full == f"the disk holding {tmp_path} is full: free some space or choose another folder"
    gone = explain_write_error(FileNotFoundError(errno.ENOENT, ""), tmp_path / "gone" / "s.yaml")
    assert "does not exist (was a USB stick removed?)" in gone
    denied = explain_write_error(PermissionError(errno.EACCES, ""), target, what="the session")
    assert denied.startswith(f"cannot write the session to {tmp_path} (the folder or file is")


def errno_decisions(source: str) -> list[int]:
    """Lines that compare an error's number (``err.errno == …``, ``… in (errno.EACCES, …)``)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare | ast.match_case):
            for part in ast.walk(node):
                if isinstance(part, ast.Attribute) and (
                    part.attr == "errno"
                    or (isinstance(part.value, ast.Name) and part.value.id == "errno")
                ):
                    lines.append(node.lineno if isinstance(node, ast.Compare) else 0)
                    break
    return lines


def test_no_other_module_decides_what_to_say_by_the_error_number():
    found = [
        f"{path.relative_to(SRC)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "os_errors.py"
        for line in errno_decisions(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "say it with benchmark_tui.os_errors"


def test_the_check_notices_an_errno_translator_of_its_own():
    rogue = (
        "def say(err):\n"
        "    if err.errno == errno.ENOSPC:\n"
        "        return 'full'\n"
        "    return 'denied' if err.errno in (errno.EACCES,) else str(err)\n"
    )
    assert errno_decisions(rogue) == [2, 4]
    assert errno_decisions((SRC / "os_errors.py").read_text(encoding="utf-8"))
