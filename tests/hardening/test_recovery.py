"""Recovery on the worst day, and a history that says when it cannot be kept.

The README's recovery steps are run literally (each ``benchmark-tui`` line of its block, as
written) after the session file was deleted, after it was damaged, and through a symbolic
link to the real file: each time the version asked for is back. A versions folder that cannot
be written stops the history, and that is said plainly, with where, by the open session (for
the header and the versions screen) and by ``benchmark-tui versions``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from benchmark_tui.cli import main
from benchmark_tui.store import load_session, save_session
from benchmark_tui.versions import list_versions, versions_folder
from benchmark_tui.workshop import OpenSession

from ..conftest import REPO
from .outsider import needs_permissions, run_python

STEPS_HEADING = "**If the session file is deleted or damaged.**"


def readme_steps() -> list[list[str]]:
    """The commands of the README's recovery block, as written (comments left off)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index(STEPS_HEADING) :]
    block = re.search(r"```sh\n(.*?)```", after, re.DOTALL)
    assert block is not None
    commands = [
        shlex.split(line, comments=True)
        for line in block.group(1).splitlines()
        if line.strip().startswith("benchmark-tui ")
    ]
    assert commands and all(c[0] == "benchmark-tui" for c in commands)
    return [c[1:] for c in commands]


def make_history(session, framework, path: Path, saves: int = 3) -> list[bytes]:
    """Save the session ``saves`` + 1 times with different strengths; the contents, oldest first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    save_session(session, path)
    contents = [path.read_bytes()]
    opened = OpenSession.open(path, framework)
    for n in range(saves):
        opened.session.record("leadership").strengths.append(f"Strength {n}")
        opened.record_edit()
        opened.save_now()
        contents.append(opened.real_path.read_bytes())
    opened.close()
    return contents


def run_steps(monkeypatch, folder: Path, capsys) -> str:
    monkeypatch.chdir(folder)
    said = []
    for args in readme_steps():
        code = main(args)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert code == 0, (args, out, err)
        said.append(out + err)
    return "\n".join(said)


@pytest.mark.parametrize("worst", ["deleted", "damaged", "symlinked", "symlinked and deleted"])
def test_the_readme_recovery_steps_work_on_the_worst_day(
    worst, session, framework, tmp_path, monkeypatch, capsys
):
    named = tmp_path / "sessions" / "ours.yaml"  # the name the README's steps use
    real = tmp_path / "elsewhere" / "ours.yaml" if "symlinked" in worst else named
    contents = make_history(session, framework, real)
    if "symlinked" in worst:
        named.parent.mkdir()
        named.symlink_to(real)
    if "deleted" in worst:
        real.unlink()
    if worst == "damaged":
        real.write_text("service: [\n", encoding="utf-8")
    said = run_steps(monkeypatch, tmp_path, capsys)
    assert "Earlier versions of sessions/ours.yaml" in said
    assert real.read_bytes() == contents[0]  # version 3 of three is the oldest
    assert load_session(named, framework).record("leadership").strengths == []
    if "symlinked" in worst:
        assert named.is_symlink()
    if worst == "damaged":  # the damaged file was kept too, as the newest version
        assert list_versions(real)[0].path.read_text(encoding="utf-8") == "service: [\n"


def test_versions_through_a_symlink_lists_those_kept_beside_the_real_file(
    session, framework, tmp_path, capsys
):
    real = tmp_path / "real" / "ours.yaml"
    make_history(session, framework, real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert versions_folder(link) == versions_folder(real)
    assert len(list_versions(link)) == 3
    assert main(["versions", str(link)]) == 0
    out = capsys.readouterr().out
    assert "No earlier versions" not in out and "strength 'Strength 2' added" in out


def test_versions_of_a_damaged_session_lists_them_and_says_why_none_is_compared(
    session, framework, tmp_path, capsys
):
    path = tmp_path / "ours.yaml"
    make_history(session, framework, path)
    path.write_text("service: [\n", encoding="utf-8")
    assert main(["versions", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.count("1/14 agreed") + out.count("0/14 agreed") == 3
    assert f"{path}:" in err and "cannot be read now" in err


# --- a history that cannot be kept -------------------------------------------------------------


def test_a_versions_folder_that_is_a_file_is_said_at_open_and_on_each_save(
    session, framework, tmp_path, capsys
):
    path = save_session(session, tmp_path / "ours.yaml")
    blocker = versions_folder(path)
    blocker.write_text("not a folder", encoding="utf-8")
    opened = OpenSession.open(path, framework)
    assert str(blocker) in opened.history_problem
    assert "cannot be kept" in opened.history_problem
    opened.session.record("leadership").strengths.append("Kept in the file")
    opened.record_edit()
    assert opened.save_now()  # the session itself is saved ...
    assert "Kept in the file" in path.read_text(encoding="utf-8")
    assert str(blocker) in opened.history_problem  # ... and the lost history is said
    assert main(["versions", str(path)]) == 0
    assert str(blocker) in capsys.readouterr().err
    blocker.unlink()
    opened.session.record("leadership").strengths.append("And a version")
    opened.record_edit()
    opened.save_now()
    assert opened.history_problem == ""
    assert len(opened.versions()) == 1
    opened.close()


@needs_permissions
def test_a_versions_folder_that_cannot_be_written_is_said_with_where(session, tmp_path):
    path = save_session(session, tmp_path / "ours.yaml")
    folder = versions_folder(path)
    folder.mkdir()
    folder.chmod(0o555)
    code = f"""
from pathlib import Path
from benchmark_tui.store import load_framework
from benchmark_tui.workshop import OpenSession
opened = OpenSession.open(Path({str(path)!r}), load_framework())
print("at open:", opened.history_problem)
opened.session.record("leadership").strengths.append("x")
opened.record_edit()
print("saved:", opened.save_now())
print("after:", opened.history_problem)
print("versions:", len(opened.versions()))
opened.close()
"""
    try:
        done = run_python(code)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.strip().splitlines())
    assert str(folder) in lines["at open"] and "cannot be written" in lines["at open"]
    assert lines["saved"] == "True"
    assert str(folder) in lines["after"]
    assert lines["versions"] == "0"
