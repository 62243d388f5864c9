"""The sessions folder follows the user, not the folder the app happened to start in.

Installed as a tool, benchmark-tui is started from a shortcut or a new terminal. Sessions then
go to "Library self-assessments" in the user's Documents (platformdirs), unless the app starts
in a folder holding ``sessions/`` (as it always has), ``--sessions-dir`` says otherwise, or
the settings file says ``sessions_dir``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmark_tui import settings as settings_module
from benchmark_tui.settings import (
    DOCUMENTS_FOLDER,
    Settings,
    load_settings,
    save_settings,
    sessions_folder,
    settings_path,
)


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    """The user's Documents folder, in tmp_path."""
    folder = tmp_path / "home" / "Documents"
    monkeypatch.setattr(settings_module, "documents_dir", lambda: folder)
    return folder


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """A current folder with no sessions/ in it (a shortcut's, a new terminal's)."""
    folder = tmp_path / "anywhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_started_anywhere_the_sessions_go_to_the_documents_folder(documents, elsewhere):
    assert sessions_folder() == documents / DOCUMENTS_FOLDER
    assert DOCUMENTS_FOLDER == "Library self-assessments"


def test_started_in_a_folder_holding_sessions_that_folder_is_used(documents, elsewhere):
    (elsewhere / "sessions").mkdir()
    assert sessions_folder() == elsewhere / "sessions"


def test_a_file_called_sessions_is_not_a_sessions_folder(documents, elsewhere):
    (elsewhere / "sessions").write_text("not a folder", encoding="utf-8")
    assert sessions_folder() == documents / DOCUMENTS_FOLDER


def test_the_command_line_overrides_everything(documents, elsewhere, tmp_path):
    (elsewhere / "sessions").mkdir()
    chosen = tmp_path / "chosen"
    assert sessions_folder(chosen, Settings(sessions_dir=str(tmp_path / "set"))) == chosen


def test_the_setting_overrides_the_default(documents, elsewhere, tmp_path):
    (elsewhere / "sessions").mkdir()
    assert sessions_folder(None, Settings(sessions_dir=str(tmp_path / "set"))) == tmp_path / "set"


def test_the_setting_may_start_with_the_home_folder(documents, elsewhere, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    found = sessions_folder(None, Settings(sessions_dir="~/OneDrive/Workshops"))
    assert found == tmp_path / "home" / "OneDrive" / "Workshops"


def test_the_setting_is_read_from_the_settings_file(documents, elsewhere, tmp_path):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    wanted = tmp_path / "Shared" / "Library self-assessments"
    settings_path().write_text(f"theme: projector\nsessions_dir: '{wanted}'\n", encoding="utf-8")
    assert sessions_folder(None, load_settings()) == wanted


def test_saving_settings_keeps_the_setting_and_writes_none_when_unset():
    save_settings(Settings(theme="dark"))
    assert "sessions_dir" not in settings_path().read_text(encoding="utf-8")
    save_settings(Settings(theme="dark", sessions_dir="/srv/sessions"))
    assert load_settings().sessions_dir == "/srv/sessions"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG layout of the user's folders")
def test_the_documents_folder_is_the_one_platformdirs_finds(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert settings_module.documents_dir() == tmp_path / "Documents"
    (tmp_path / ".config").mkdir()
    (tmp_path / ".config" / "user-dirs.dirs").write_text(
        'XDG_DOCUMENTS_DIR="$HOME/Dokumente"\n', encoding="utf-8"
    )
    assert settings_module.documents_dir() == tmp_path / "Dokumente"


def test_the_command_line_opens_the_app_on_the_resolved_folder(documents, elsewhere, monkeypatch):
    import benchmark_tui.tui.app as app_module
    from benchmark_tui.cli import main

    opened: dict[str, object] = {}

    class App:
        return_code = 0

        def __init__(self, **kwargs: object) -> None:
            opened.update(kwargs)

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "BenchmarkApp", App)
    assert main([]) == 0
    assert opened["sessions_dir"] == documents / DOCUMENTS_FOLDER
    assert main(["--sessions-dir", "here"]) == 0
    assert opened["sessions_dir"] == Path("here")


def test_the_help_says_where_the_sessions_go(capsys):
    from benchmark_tui.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert DOCUMENTS_FOLDER in capsys.readouterr().out.replace("\n", " ").replace("  ", " ")


async def test_the_sessions_list_shows_the_documents_folder(documents, elsewhere):
    from textual.widgets import Static

    from benchmark_tui.tui.app import BenchmarkApp

    app = BenchmarkApp(settings=Settings(theme="projector"))  # no sessions_dir given
    assert app.sessions_dir == documents / DOCUMENTS_FOLDER
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        heading = str(app.screen.query_one("#sessions-heading", Static).render())
    assert DOCUMENTS_FOLDER in heading
