"""Shared pieces for the hardening tests: hypothesis profiles, the files they start from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmark_tui.models import Framework
from benchmark_tui.store import bundled_framework_path

# The suite's Hypothesis profile (derandomised in every run) is set in tests/conftest.py.

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_SESSION = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"
FRAMEWORK_FILE = bundled_framework_path()

MINIMAL_SESSION = """\
schema_version: 1
framework:
  id: libraries-taskforce-benchmarking
  version: beta-2017
  hash: {hash}
service:
  name: Testshire Libraries
characteristics:
  leadership:
    state: in-progress
    ratings:
      plan:
        value: 3
plan:
  actions:
  - id: a1
    action: Run a staff survey
    item: leadership
"""
"""A short hand-written session; each line is known, so errors can be checked to the line."""


@pytest.fixture
def minimal_text(framework: Framework) -> str:
    """The minimal session, made with exactly the bundled framework."""
    return MINIMAL_SESSION.format(hash=framework.content_hash)


def assert_located(message: str, path: Path, line: int | None | type[int]) -> None:
    """Assert the message names the file, and the line when one makes sense.

    Args:
        message: the error message as shown to the user.
        path: the file that is wrong.
        line: the exact line expected; ``int`` for "some line"; None for a problem with the
            file as a whole (a folder, a device, a size), which has no line.
    """
    assert "Traceback" not in message
    first = message.splitlines()[0]
    if line is None:
        assert first.startswith(f"{path}: "), message
    elif line is int:
        assert re.match(rf"{re.escape(str(path))}:\d+[:]", first), message
    else:
        assert first.startswith(f"{path}:{line}:"), message
