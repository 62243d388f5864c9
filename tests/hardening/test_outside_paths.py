"""Every path and value from outside goes through one checked road: a located problem, exit 2.

Hand-edited agenda times, symbolic link loops named ``*.yaml``, names longer than file systems
accept, version numbers in other digits or 5,000 of them, and files inside folders that may
not be entered: each command says what is wrong with which file and what to do, and exits 2,
never with a traceback. The app's own start (the sessions list, the recent sessions) reads the
same files and folders through the same road.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmark_tui.cli import main
from benchmark_tui.errors import BenchmarkError
from benchmark_tui.store import list_sessions, recent_sessions

from ..conftest import EXAMPLE_PREVIOUS, EXAMPLE_SESSION
from .outsider import closed_folder, needs_permissions, reopen, run_cli, run_python

LONG = "n" * 300


@dataclass
class Place:
    folder: Path
    good: Path
    ninefive: Path
    loop: Path
    ninefive_line: int


@pytest.fixture
def place(tmp_path: Path) -> Place:
    folder = tmp_path / "sessions"
    folder.mkdir()
    good = folder / EXAMPLE_SESSION.name
    shutil.copy(EXAMPLE_SESSION, good)
    shutil.copy(EXAMPLE_PREVIOUS, folder / EXAMPLE_PREVIOUS.name)
    text = good.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("  - start:"))
    lines[number] = "  - start: 9.5\n"
    odd = tmp_path / "odd"
    odd.mkdir()
    ninefive = odd / "ninefive.yaml"
    ninefive.write_text("".join(lines), encoding="utf-8")
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop.name)
    return Place(folder, good, ninefive, loop, number + 1)


def run(args: list[str | Path], capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def stub_app(monkeypatch):
    """The app replaced: ``cli.main`` runs everything up to where the screen would start."""
    import benchmark_tui.tui.app as app_module

    started: list[dict] = []

    class StubApp:
        def __init__(self, **kwargs):
            started.append(kwargs)
            self.return_code = 0

        def run(self):
            return None

    monkeypatch.setattr(app_module, "BenchmarkApp", StubApp)
    return started


# --- a hand-edited agenda time --------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{bad}"],
        ["export", "{bad}"],
        ["versions", "{bad}"],
        ["next", "{bad}"],
        ["compare", "{good}", "{bad}"],
    ],
    ids=lambda c: c[0],
)
def test_start_9_5_is_located_by_every_command(command, place, capsys):
    args = [a.format(bad=place.ninefive, good=place.good) for a in command]
    code, _out, err = run(args, capsys)
    assert code == 2
    assert f"{place.ninefive}:{place.ninefive_line}:" in err
    assert "HH:MM" in err


def test_start_9_5_in_the_sessions_folder_is_listed_with_its_problem(place, framework):
    shutil.copy(place.ninefive, place.folder / "ninefive.yaml")
    listed = {s.path.name: s for s in list_sessions(place.folder, framework)}
    assert "HH:MM" in (listed["ninefive.yaml"].problem or "")
    assert listed[place.good.name].problem is None


# --- symbolic link loops --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{loop}"],
        ["export", "{loop}"],
        ["versions", "{loop}"],
        ["restore", "{loop}", "1"],
        ["next", "{loop}"],
        ["compare", "{good}", "{loop}"],
        ["compare", "{loop}", "{good}"],
        ["export", "{good}", "-o", "{loop_docx}"],
        ["next", "{good}", "-o", "{loop}"],
        ["validate", "{good}", "--framework", "{loop}"],
    ],
    ids=lambda c: "-".join(c[:1] + c[2:3]),
)
def test_a_symlink_loop_named_yaml_is_a_located_problem(command, place, capsys):
    loop_docx = place.loop.with_name("loop.docx")
    loop_docx.symlink_to(loop_docx.name)
    args = [a.format(loop=place.loop, good=place.good, loop_docx=loop_docx) for a in command]
    code, _out, err = run(args, capsys)
    assert code == 2
    assert "loop" in err


def test_a_symlink_loop_in_the_sessions_folder_is_listed_with_its_problem(place, framework):
    (place.folder / "loop.yaml").symlink_to("loop.yaml")
    listed = {s.path.name: s for s in list_sessions(place.folder, framework)}
    assert "symbolic link" in (listed["loop.yaml"].problem or "")
    assert "loop" in (listed["loop.yaml"].problem or "")


def test_a_symlink_loop_among_the_recent_sessions_is_left_out(place, framework):
    found = recent_sessions([str(place.loop), str(place.good)], framework)
    assert [s.path for s in found] == [place.good]


def test_the_app_starts_past_a_symlink_loop_given_as_the_sessions_folder(place, capsys, stub_app):
    folder_loop = place.folder.parent / "folder-loop"
    folder_loop.symlink_to(folder_loop.name)
    code, _out, err = run(["--sessions-dir", folder_loop], capsys)
    assert code == 2
    assert "loop" in err and not stub_app


# --- names longer than file systems accept ---------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["next", "{good}", "-o", "{folder}/{long}.yaml"],
        ["versions", "{folder}/{long}.yaml"],
        ["restore", "{folder}/{long}.yaml", "1"],
        ["export", "{folder}/{long}.yaml"],
        ["validate", "{folder}/{long}.yaml"],
        ["compare", "{good}", "{folder}/{long}.yaml"],
        ["compare", "{good}", "{good_previous}", "--csv", "{folder}/{long}.csv"],
        ["validate", "{good}", "--framework", "{folder}/{long}.yaml"],
        ["{folder}/{long}.yaml", "--sessions-dir", "{folder}/{long}"],
        ["--sessions-dir", "{folder}/{long}"],
        ["--sessions-dir", "{folder}/{long}/sessions"],
    ],
    ids=lambda c: "-".join(x for x in c[:3] if "{" not in x) or "app",
)
def test_a_name_over_255_bytes_is_said_to_be_too_long(command, place, capsys, stub_app):
    args = [
        a.format(
            good=place.good,
            folder=place.folder,
            long=LONG,
            good_previous=place.folder / EXAMPLE_PREVIOUS.name,
        )
        for a in command
    ]
    code, _out, err = run(args, capsys)
    assert code == 2
    assert "too long" in err or "longer than" in err
    assert not stub_app


# --- version numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["²", "٣", "9" * 5000, "-1", "0", "1.5", "", " 1", "1e3", "０１"], ids=repr
)
def test_restore_with_a_number_that_is_not_one_of_the_versions(number, place, capsys):
    main(["restore", str(place.good), "1"])  # none kept yet: nothing restored
    capsys.readouterr()
    code, _out, err = run(["restore", place.good, number], capsys)
    assert code == 2
    assert "no earlier version" in err
    assert "9" * 100 not in err  # not the 5,000 digits back


# --- names of new sessions --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes.txt", "notes", "notes.YAML.docx", ".yaml"])
def test_next_writes_only_a_yaml_name(name, place, capsys):
    code, _out, err = run(["next", place.good, "-o", place.folder / name], capsys)
    assert code == 2
    assert ".yaml" in err
    assert not (place.folder / name).exists()


def test_next_into_a_folder_that_is_a_file_says_so(place, capsys):
    code, _out, err = run(["next", place.good, "-o", place.good / "new.yaml"], capsys)
    assert code == 2
    assert "not a folder" in err


# --- folders that may not be entered -----------------------------------------------------------


@pytest.fixture
def closed(place: Place):
    """A folder holding a session and a framework, closed to everyone."""
    inside = place.folder.parent / "closed"
    inside.mkdir()
    shutil.copy(place.good, inside / "s.yaml")
    shutil.copy(place.folder / EXAMPLE_PREVIOUS.name, inside / EXAMPLE_PREVIOUS.name)
    closed_folder(inside)
    yield inside
    reopen(inside)


@needs_permissions
@pytest.mark.parametrize(
    ("command", "stub"),
    [
        (["validate", "{closed}/s.yaml"], False),
        (["validate", "{closed}"], False),
        (["export", "{closed}/s.yaml"], False),
        (["export", "{good}", "-o", "{closed}/out.docx"], False),
        (["versions", "{closed}/s.yaml"], False),
        (["restore", "{closed}/s.yaml", "1"], False),
        (["next", "{closed}/s.yaml"], False),
        (["next", "{good}", "-o", "{closed}/new.yaml"], False),
        (["compare", "{good}", "{closed}/s.yaml"], False),
        (["compare", "{good}", "{previous}", "--csv", "{closed}/out.csv"], False),
        (["validate", "{good}", "--framework", "{closed}/s.yaml"], False),
        (["{closed}/s.yaml"], True),
        (["--sessions-dir", "{closed}"], True),
        (["--sessions-dir", "{closed}/sessions"], True),
        (["--framework", "{closed}/framework.yaml"], True),
    ],
    ids=lambda c: c if isinstance(c, bool) else "-".join(x for x in c[:3] if "{" not in x),
)
def test_a_folder_that_may_not_be_entered_is_said_so(command, stub, place, closed):
    args = [
        a.format(closed=closed, good=place.good, previous=place.folder / EXAMPLE_PREVIOUS.name)
        for a in command
    ]
    done = run_cli(args, place.folder.parent, stub_app=stub)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    if args == [f"{closed}/s.yaml"]:
        # The app opens a session itself, and says why it cannot (tested with the app); the
        # command line only checks what it can say before the screen starts.
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "permission" in done.stderr or "may not open" in done.stderr, done.stderr
    assert str(closed) in done.stderr


@needs_permissions
def test_the_start_reads_past_a_recent_session_whose_folder_was_closed(place, closed):
    code = (
        "from benchmark_tui.store import load_framework, recent_sessions\n"
        f"found = recent_sessions([{str(closed / 's.yaml')!r}, {str(place.good)!r}], "
        "load_framework())\n"
        "print([s.path.name for s in found])\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"[{place.good.name!r}]"


@needs_permissions
def test_an_unlistable_sessions_folder_is_a_problem_not_an_empty_list(place, closed):
    code = (
        "from benchmark_tui.errors import BenchmarkError\n"
        "from benchmark_tui.store import list_sessions, load_framework\n"
        "try:\n"
        f"    list_sessions(__import__('pathlib').Path({str(closed)!r}), load_framework())\n"
        "except BenchmarkError as err:\n"
        "    print(err.message)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert str(closed) in result.stdout and "permission" in result.stdout


def test_a_sessions_folder_that_is_a_file_is_a_problem(place, framework):
    with pytest.raises(BenchmarkError, match="not a folder"):
        list_sessions(place.good, framework)
    assert list_sessions(place.folder / "not-yet", framework) == []


async def test_the_start_screen_lists_past_loops_and_bad_times(place, tmp_path):
    """A loop and a ``start: 9.5`` file in the folder and a loop among the recent sessions
    used to end the app at start (RuntimeError, TypeError); they are listed or left out."""
    from benchmark_tui.settings import Settings
    from benchmark_tui.tui.app import BenchmarkApp

    (place.folder / "loop.yaml").symlink_to("loop.yaml")
    shutil.copy(place.ninefive, place.folder / "ninefive.yaml")
    settings = Settings(theme="projector", recent=[str(place.loop), str(tmp_path / "gone.yaml")])
    app = BenchmarkApp(sessions_dir=place.folder, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summaries = app.screen.summaries  # type: ignore[attr-defined]
        names = sorted(s.path.name for s in summaries)
        assert names == sorted(
            [place.good.name, EXAMPLE_PREVIOUS.name, "loop.yaml", "ninefive.yaml"]
        )
        problems = {s.path.name: s.problem for s in summaries}
        assert "loop" in (problems["loop.yaml"] or "")
        assert "HH:MM" in (problems["ninefive.yaml"] or "")
    assert app.return_code in (None, 0)
