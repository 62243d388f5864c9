"""Shared fixtures: the bundled framework, sessions built in memory, and files under tmp_path."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from benchmark_tui.models import Framework, ServiceInfo, Session, TeamMember, Workshop
from benchmark_tui.store import load_framework

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_SESSION = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"
DATA = Path(__file__).resolve().parent / "data"
FIXED_NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def framework() -> Framework:
    """The bundled Benchmarking Framework."""
    return load_framework()


@pytest.fixture
def session(framework: Framework) -> Session:
    """A new, empty session for a fictional service."""
    return Session.new(
        framework,
        ServiceInfo(name="Testshire Libraries"),
        Workshop(
            dates=[date(2026, 3, 12)],
            facilitator="Pat Facilitator",
            team=[TeamMember(name="Sam Branch", role="Branch manager")],
        ),
        now=FIXED_NOW,
    )


@pytest.fixture
def example_path() -> Path:
    """The worked example session shipped in sessions/ (read-only: copy before writing)."""
    return EXAMPLE_SESSION
