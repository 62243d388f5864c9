"""Shared fixtures: the bundled framework, sessions built in memory, and files under tmp_path."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from benchmark_tui.models import Framework, ServiceInfo, Session, TeamMember, Workshop
from benchmark_tui.store import load_framework, save_session
from benchmark_tui.workshop import OpenSession

# Every run of the suite draws the same examples (no database, nothing random), so a test
# that passes on a laptop passes in CI and a failure is the same failure everywhere. To
# explore with fresh examples: ``uv run pytest --hypothesis-profile=explore``.
settings.register_profile(
    "suite",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_SESSION = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"
EXAMPLE_PREVIOUS = REPO / "sessions" / "example-borough-libraries-2025-03-13.yaml"
"""The year before the worked example, which it follows on from."""
FIXED_NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (the default run): two workers a core, at most four more than the cores.

    Many tests spend much of their time waiting rather than computing (Pilot tests wait for
    debounced saves and screens to settle; the crash test waits to kill its writer), so with
    one worker a core the cores sit half idle: on two cores the suite took 3:17 with two
    workers and 2:21 with four.
    """
    cores = os.cpu_count() or 1
    return min(2 * cores, cores + 4)


@pytest.fixture(autouse=True)
def no_stray_changes(monkeypatch):
    """Every test fails if the open session is changed in place rather than by a typed edit
    through ``OpenSession.apply`` (in use such a change is kept and saved, silently)."""
    from benchmark_tui.workshop import OpenSession

    monkeypatch.setattr(OpenSession, "check_stray_changes", True)


@pytest.fixture(autouse=True)
def private_profile(tmp_path_factory, monkeypatch):
    """No test reads or writes the developer's real settings or logs; clocks read UTC."""
    profile = tmp_path_factory.mktemp("profile")
    monkeypatch.setenv("BENCHMARK_TUI_CONFIG_DIR", str(profile / "config"))
    monkeypatch.setenv("BENCHMARK_TUI_LOG_DIR", str(profile / "logs"))
    monkeypatch.setenv("BENCHMARK_TUI_STATE_DIR", str(profile / "state"))
    monkeypatch.setenv("BENCHMARK_TUI_CACHE_DIR", str(profile / "cache"))
    monkeypatch.setenv("TZ", "UTC")
    if hasattr(time, "tzset"):  # POSIX only; Windows keeps its zone (the tests say UTC dates)
        time.tzset()
    return profile


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
def path(session: Session, tmp_path: Path) -> Path:
    """The test session, saved (a test module may give its own ``path``)."""
    return save_session(session, tmp_path / "s.yaml")


@pytest.fixture
def opened(path: Path, framework: Framework) -> Iterator[OpenSession]:
    """The session at ``path``, open for editing as the app opens it."""
    workshop = OpenSession.open(path, framework)
    yield workshop
    workshop.close()


@pytest.fixture
def example_path() -> Path:
    """The worked example session shipped in sessions/ (read-only: copy before writing)."""
    return EXAMPLE_SESSION


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A writable copy of the worked example, alone in a sessions folder.

    The year before it follows on from is copied to a folder beside it (``previous/``), and the
    copy's link points there, so last time is shown but the sessions list has one session.
    """
    folder = tmp_path / "sessions"
    folder.mkdir()
    before = tmp_path / "previous"
    before.mkdir()
    shutil.copy(EXAMPLE_PREVIOUS, before / EXAMPLE_PREVIOUS.name)
    text = EXAMPLE_SESSION.read_text(encoding="utf-8")
    linked = f"  file: {EXAMPLE_PREVIOUS.name}\n"
    assert linked in text
    copy = folder / EXAMPLE_SESSION.name
    copy.write_text(
        text.replace(linked, f"  file: ../previous/{EXAMPLE_PREVIOUS.name}\n", 1),
        encoding="utf-8",
        newline="",
    )
    return copy
