"""Provides per-user settings (theme, recent sessions, sessions folder, keys) and user folders.

Settings live in the user's config folder (platformdirs); the environment variables
``BENCHMARK_TUI_CONFIG_DIR`` and ``BENCHMARK_TUI_LOG_DIR`` override the folders, which the
tests use so that they never touch a real profile. A missing or damaged settings file is
never an obstacle: the defaults are used and the file is rewritten on the next change; what
could not be used is listed in :attr:`Settings.problems` (``file:line: what``) for the app to say.
:func:`sessions_folder` decides where the sessions list looks, for the command line and the
app alike.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from benchmark_tui import reading, yamlio
from benchmark_tui.errors import FileProblem
from benchmark_tui.located import located

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
    keymap: dict[str, str] = Field(default_factory=dict)
    """Keys changed by hand: a key's id (the help, F1, lists them) and the key or keys, comma
    separated, that do it instead, e.g. ``step.next: f8``. The app checks the ids and
    key names (the core knows neither)."""
    keymap_lines: dict[str, int] = Field(default_factory=dict, exclude=True)
    """The line of each keymap entry in the settings file, for messages (not saved)."""
    problems: list[str] = Field(default_factory=list, exclude=True)
    """What in the settings file could not be used, ``file:line: what — do``, for the app to
    say when it starts (not saved)."""

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


def cache_dir() -> Path:
    """The folder for what can be read again (the sessions list's summaries); created when
    first written. ``BENCHMARK_TUI_CACHE_DIR`` overrides it."""
    override = os.environ.get("BENCHMARK_TUI_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


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
    """The user's settings, or the defaults if there are none or they cannot be read.

    What cannot be used is left out and listed in :attr:`Settings.problems`: a keymap entry
    that is not text leaves the other entries working; a file that is not YAML, or a setting
    of the wrong type, means the defaults.
    """
    path = settings_path()
    if not path.is_file():
        return Settings()
    try:
        data, root = yamlio.parse(reading.read_text(path, FileProblem), path, FileProblem)
    except FileProblem as err:
        return Settings(problems=[f"{err.message} (the default settings are used)"])
    if not isinstance(data, dict):
        return Settings()
    keymap, lines, problems = _read_keymap(
        data.pop("keymap", None), _value_at(root, "keymap"), path
    )
    try:
        settings = Settings.model_validate(data)
    except ValidationError as err:
        problem = located(err, path, root, Settings, FileProblem)
        settings = Settings(problems=[f"{problem.message} (the default settings are used)"])
    settings.keymap, settings.keymap_lines = keymap, lines
    settings.problems += problems
    return settings


def _value_at(root: Node | None, key: str) -> Node | None:
    """The node of a top-level setting's value (None if there is none)."""
    if isinstance(root, MappingNode):
        for key_node, value in root.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value
    return None


def _read_keymap(
    raw: object, node: Node | None, path: Path
) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """The keymap as written (``id: keys`` or ``id: [keys…]``), the line of each entry, and
    the problems of the entries that are not text (those are left out)."""
    if raw is None:
        return {}, {}, []
    line = node.start_mark.line + 1 if node is not None else None
    if not isinstance(raw, dict) or not isinstance(node, MappingNode):
        problem = FileProblem(
            path,
            "keymap: write a mapping of 'id: key' lines",
            "e.g. 'step.next: f8'",
            line=line,
        )
        return {}, {}, [problem.message]
    keymap: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems: list[str] = []
    for key_node, value_node in node.value:
        binding_id = key_node.value if isinstance(key_node, ScalarNode) else None
        value = raw.get(binding_id) if binding_id is not None else None
        entry_line = key_node.start_mark.line + 1
        keys: list[object] = value if isinstance(value, list) else [value]
        if (
            binding_id is None
            or not isinstance(value_node, ScalarNode | SequenceNode)
            or not keys
            or not all(isinstance(k, str) and k.strip() for k in keys)
        ):
            problem = FileProblem(
                path,
                f"keymap: {binding_id}: write the keys as text",
                "e.g. 'f8', or several keys as 'f8,alt+n'; quote a single character such as ']'",
                line=entry_line,
            )
            problems.append(problem.message)
            continue
        keymap[binding_id] = ",".join(str(k).strip() for k in keys)
        lines[binding_id] = entry_line
    return keymap, lines, problems


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
