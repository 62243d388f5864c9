"""Provides per-user settings (theme, recent sessions, sessions folder) and the user's folders.

Settings live in the user's config folder (platformdirs); the environment variables
``BENCHMARK_TUI_CONFIG_DIR`` and ``BENCHMARK_TUI_LOG_DIR`` override the folders, which the
tests use so that they never touch a real profile. A missing or damaged settings file is
never an obstacle: the defaults are used and the file is rewritten on the next change.
:func:`sessions_folder` decides where the sessions list looks, for the command line and the
app alike.
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
    sessions_dir: str | None = None
    """The folder of sessions the sessions list shows, instead of the default (see
    :func:`sessions_folder`); ``~`` is the home folder. Set by hand in the settings file."""

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


DOCUMENTS_FOLDER = "Library self-assessments"
"""The folder in the user's Documents that holds the sessions by default."""


def documents_dir() -> Path:
    """The user's Documents folder (platformdirs: ``~/Documents``, or the folder the desktop
    or Windows says, e.g. a OneDrive Documents folder)."""
    import platformdirs

    return platformdirs.user_documents_path()


def sessions_folder(given: Path | str | None = None, settings: Settings | None = None) -> Path:
    """The folder of sessions the app lists and creates new sessions in.

    In order: the folder given on the command line (``--sessions-dir``); the ``sessions_dir``
    setting; ``./sessions`` when the app is started in a folder that holds one (as it always
    has been); otherwise "Library self-assessments" in the user's Documents, so a facilitator
    who starts the app from a shortcut or a new terminal always finds the same sessions.

    Args:
        given: the folder given on the command line, if any.
        settings: the user's settings (read from the settings file when None).
    """
    if given is not None:
        return Path(given)
    chosen = (settings if settings is not None else load_settings()).sessions_dir
    if chosen:
        folder = Path(chosen).expanduser()
        return folder if folder.is_absolute() else Path.home() / folder
    here = Path.cwd() / "sessions"
    if here.is_dir():
        return here
    return documents_dir() / DOCUMENTS_FOLDER


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
    data = yamlio.dump(settings.model_dump(exclude_none=True)).encode("utf-8")
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
