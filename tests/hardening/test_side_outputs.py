"""Side commands write only what they own: ``compare --csv FILE`` and ``compare --docx FILE``.

They follow the rules ``export`` follows: a session file is never replaced (nor one of the
sessions compared), another session's findings document only with ``--force``, a file that a
benchmark-tui window holds never; the name must say what the file is (``.csv``, ``.docx``);
nothing but a regular file is replaced (a named pipe would hang the writer); and the file
appears whole or not at all. Everything is checked before the table is printed, so a refused
target leaves nothing half done: exit 2, the problem on stderr, every file as it was.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from benchmark_tui.cli import main
from benchmark_tui.locks import SessionLock
from benchmark_tui.store import load_framework
from benchmark_tui.workshop import OpenSession

from ..conftest import EXAMPLE_PREVIOUS, EXAMPLE_SESSION

SESSIONS = EXAMPLE_SESSION.parent
LIBRARIES = sorted(SESSIONS.glob("example-*-library-*.yaml"))


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    """Two sessions to compare, copied so that nothing in the repository is at risk."""
    copies = []
    for source in LIBRARIES[:2]:
        copies.append(tmp_path / source.name)
        shutil.copy(source, copies[-1])
    return copies


def compare(pair: list[Path], *options: str | Path) -> list[str]:
    return ["compare", *map(str, pair), *map(str, options)]


def refused(args: list[str], capsys, *, says: str) -> str:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "Wrote" not in out
    assert out == ""  # checked before the table is printed: nothing half done
    assert says in err, err
    return err


def test_the_csv_never_replaces_a_session_file_even_with_force(pair, tmp_path, capsys):
    other = tmp_path / "other-session.csv"
    shutil.copy(EXAMPLE_SESSION, other)  # a session under a CSV's name
    before = other.read_bytes()
    for force in ([], ["--force"]):
        refused(compare(pair, "--csv", other, *force), capsys, says="is a session file")
        assert other.read_bytes() == before


def test_the_csv_never_replaces_one_of_the_sessions_compared(pair, capsys):
    before = pair[0].read_bytes()
    refused(compare(pair, "--csv", pair[0], "--force"), capsys, says="one of the sessions")
    assert pair[0].read_bytes() == before


def test_the_csv_is_named_csv(pair, tmp_path, capsys):
    target = tmp_path / "ours.yaml"
    shutil.copy(EXAMPLE_PREVIOUS, target)
    before = target.read_bytes()
    refused(compare(pair, "--csv", target), capsys, says=".csv")
    assert target.read_bytes() == before


def test_the_csv_never_replaces_a_file_a_window_holds(pair, tmp_path, capsys):
    held = tmp_path / "held.csv"
    held.write_text("mine\n", encoding="utf-8")
    lock = SessionLock(held)
    assert lock.acquire()
    try:
        refused(compare(pair, "--csv", held, "--force"), capsys, says="open in a benchmark-tui")
    finally:
        lock.release()
    assert held.read_text(encoding="utf-8") == "mine\n"


def test_the_csv_never_replaces_a_session_open_in_the_app(pair, tmp_path, capsys):
    session = tmp_path / "open.csv"
    shutil.copy(EXAMPLE_PREVIOUS, session)
    opened = OpenSession.open(session, load_framework())
    try:
        before = session.read_bytes()
        refused(compare(pair, "--csv", session, "--force"), capsys, says="open.csv")
        assert session.read_bytes() == before
    finally:
        opened.close()


def test_the_csv_replaces_an_earlier_csv_whole(pair, tmp_path, capsys):
    target = tmp_path / "roll-up.csv"
    target.write_text("an earlier roll-up\n", encoding="utf-8")
    assert main(compare(pair, "--csv", target)) == 0
    assert "Wrote" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8-sig").startswith("session,file,")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("option", ["--csv", "--docx"])
def test_a_named_pipe_is_refused_without_waiting_on_it(option, pair, tmp_path, capsys):
    pipe = tmp_path / ("pipe.csv" if option == "--csv" else "pipe.docx")
    os.mkfifo(pipe)
    outcome: list[int] = []
    worker = threading.Thread(target=lambda: outcome.append(main(compare(pair, option, pipe))))
    worker.daemon = True
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock it, then fail: it waited on the pipe
        fd = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("waited on the named pipe")
    assert outcome == [2]
    assert "not a regular file" in capsys.readouterr().err
    assert pipe.exists() and not pipe.is_file()


# --- the comparison report ------------------------------------------------------------------


@pytest.fixture
def findings(tmp_path: Path, capsys) -> Path:
    """A findings document exported from another session."""
    target = tmp_path / "theirs-findings.docx"
    assert main(["export", str(EXAMPLE_PREVIOUS), "-o", str(target)]) == 0
    capsys.readouterr()
    return target


def test_the_report_replaces_another_sessions_findings_only_with_force(pair, findings, capsys):
    before = findings.read_bytes()
    refused(compare(pair, "--docx", findings), capsys, says="--force")
    assert findings.read_bytes() == before
    assert main(compare(pair, "--docx", findings, "--force")) == 0
    assert findings.read_bytes() != before


def test_the_report_replaces_an_earlier_comparison_report(pair, tmp_path, capsys):
    target = tmp_path / "roll-up.docx"
    assert main(compare(pair, "--docx", target)) == 0
    assert main(compare(pair, "--docx", target)) == 0  # a report of no session: replaced
    assert capsys.readouterr().out.count(f"Wrote {target}") == 2


def test_the_report_never_replaces_a_session_even_with_force(pair, tmp_path, capsys):
    target = tmp_path / "ours.docx"
    shutil.copy(EXAMPLE_PREVIOUS, target)
    before = target.read_bytes()
    refused(compare(pair, "--docx", target, "--force"), capsys, says="is a session file")
    assert target.read_bytes() == before


def test_the_same_checks_run_before_anything_is_printed(pair, tmp_path, capsys):
    """A good CSV and a refused report: neither is written (both checked first)."""
    csv_target = tmp_path / "fine.csv"
    refused(
        compare(pair, "--csv", csv_target, "--docx", pair[0].with_suffix(".docx.yaml")),
        capsys,
        says=".docx",
    )
    assert not csv_target.exists()
