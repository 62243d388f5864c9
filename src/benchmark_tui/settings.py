"""Provides per-user settings (theme, recent sessions) and the user's config and log folders.

Settings live in the user's config folder (platformdirs); the environment variables
``BENCHMARK_TUI_CONFIG_DIR`` and ``BENCHMARK_TUI_LOG_DIR`` override the folders, which the
tests use so that they never touch a real profile. A missing or damaged settings file is
never an obstacle: the defaults are used and the file is rewritten on the next change.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from benchmark_tui import reading, yamlio
from benchmark_tui.errors import FileProblem

APP_NAME = "benchmark-tui"
MAX_RECENT = 10


class Settings(BaseModel):
    """What benchmark-tui remembers for one user between runs."""

    model_config = ConfigDict(extra="ignore")

    theme: str = "projector"
    """The theme last chosen (``projector``, ``light`` or ``dark``, or any Textual theme)."""
    recent: list[str] = Field(default_factory=list)
    """Session files opened recently, most recent first."""

    def remember(self, path: Path) -> None:
        """Put a session file at the top of the recent list."""
        entry = str(path.resolve())
        self.recent = [entry, *(p for p in self.recent if p != entry)][:MAX_RECENT]


def config_dir() -> Path:
    """The folder for settings (created when first written)."""
    override = os.environ.get("BENCHMARK_TUI_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """The folder for crash logs (created when first written)."""
    override = os.environ.get("BENCHMARK_TUI_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """The folder for rescue copies of a session that could not be saved in its own folder."""
    override = os.environ.get("BENCHMARK_TUI_STATE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    """The settings file."""
    return config_dir() / "settings.yaml"


def load_settings() -> Settings:
    """The user's settings, or the defaults if there are none or they cannot be read."""
    path = settings_path()
    if not path.is_file():
        return Settings()
    try:
        data = yamlio.load(reading.read_text(path, FileProblem), path, FileProblem)
        return Settings.model_validate(data or {})
    except (FileProblem, ValidationError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write the settings, unless the file already says the same.

    Raises nothing: a read-only profile folder must not interrupt a workshop. The file is
    replaced in one rename (never half-written) but not fsynced: at worst a power cut loses
    the last theme or recent session, and a damaged file only means the defaults are used.
    """
    from benchmark_tui.files import write_atomically

    path = settings_path()
    data = yamlio.dump(settings.model_dump()).encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data, durable=False)
    except OSError:
        return
