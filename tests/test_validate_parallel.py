"""``benchmark-tui validate`` on many files: spread over the cores, same output, same order."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from benchmark_tui import cli
from benchmark_tui.store import bundled_framework_path, load_framework

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "sessions" / "example-borough-libraries-2026-03-12.yaml"
)

# Runs validate with workers from the second file on, recording which process checked each file.
PARALLEL_RUN = """
import os, sys
from pathlib import Path
from benchmark_tui import cli, store

log, die_on = Path(sys.argv[1]), sys.argv[2]
checked = store.check_file
parent = os.getpid()

def recording(path, framework):
    if os.getpid() != parent and Path(path).name == die_on:
        os._exit(9)  # as if the worker were killed, or ran out of memory
    with log.open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\\n")
    return checked(path, framework)

store.check_file = recording
cli.PARALLEL_FROM = 2
print(f"parent {parent}", file=sys.stderr)
sys.exit(cli.main(["validate", *sys.argv[3:]]))
"""


def many_files(folder: Path) -> list[str]:
    """Sixty files of every outcome: valid, drifted (with notes), broken, a framework."""
    example = EXAMPLE.read_text(encoding="utf-8")
    rating, facilitator, fingerprint = (
        "      plan:\n        value: 3\n",
        "  facilitator:",
        "hash: sha256:",
    )
    assert rating in example and facilitator in example and fingerprint + "e" in example
    for n in range(60):
        kind = n % 6
        if kind == 1:
            text = example.replace(rating, rating.replace("3", "5"), 1)
        elif kind == 2:
            text = example.replace(facilitator, f"{facilitator} Twice\n{facilitator}", 1)
        elif kind == 3:
            text = example.replace(fingerprint + "e", fingerprint + "f", 1)
        elif kind == 4:
            text = "service: [unclosed\n"
        else:
            text = example
        (folder / f"s-{n:02d}.yaml").write_text(text, encoding="utf-8")
    return [str(folder), str(bundled_framework_path()), str(folder / "s-00.yaml")]


def in_process(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(["validate", *args])
    return code, out.getvalue(), err.getvalue()


def in_workers(args: list[str], log: Path, die_at: str) -> tuple[int, str, str, str]:
    """Validate in a fresh process that may use workers; also the parent's pid, which
    PARALLEL_RUN writes first to stderr. ``die_at`` names a file whose worker dies."""
    run = subprocess.run(
        [sys.executable, "-c", PARALLEL_RUN, str(log), die_at, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    parent_line, _, err = run.stderr.partition("\n")
    return run.returncode, run.stdout, err, parent_line.removeprefix("parent ")


needs_workers = pytest.mark.skipif(
    not cli._can_fork() or cli._usable_cores() < 2, reason="needs fork, 2 cores"
)


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], tuple[int, str, str]]:
    """The 62 mixed files, and what validate reports for them in one process."""
    folder = tmp_path / "many"
    folder.mkdir()
    args = many_files(folder)
    with monkeypatch.context() as patch:
        patch.setattr(cli, "PARALLEL_FROM", 10**9)
        return args, in_process(args)


@needs_workers
def test_many_files_are_checked_by_workers_and_reported_as_one_process_would(
    tmp_path: Path, many: tuple[list[str], tuple[int, str, str]]
):
    args, expected = many
    assert expected[0] == 2
    assert expected[1].count("OK  ") == 32 and expected[1].count("    note: ") == 10
    assert expected[2].count("appears twice") == 10
    assert expected[2].count("0 (Not at all) to 4") == 10

    log = tmp_path / "pids.txt"
    *result, parent = in_workers(args, log, "none")
    assert tuple(result) == expected  # same verdicts, in the same order

    workers = log.read_text(encoding="utf-8").split()
    assert len(workers) == 62  # every file checked once
    assert parent.isdigit() and parent not in workers
    assert len(set(workers)) == min(cli._usable_cores(), 8)


def test_a_few_files_are_checked_in_the_process_itself(monkeypatch: pytest.MonkeyPatch):
    import multiprocessing

    def no_workers(*args: object) -> None:
        raise AssertionError("workers were started for a few files")

    monkeypatch.setattr(multiprocessing, "get_context", no_workers)
    paths = [EXAMPLE] * (cli.PARALLEL_FROM - 1)
    verdicts = list(cli._verdicts(paths, load_framework()))
    assert len(verdicts) == len(paths) and all(ok for ok, _out, _err in verdicts)


def test_workers_are_never_forked_while_other_threads_run():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not cli._can_fork()
    finally:
        stop.set()
        thread.join()


@needs_workers
def test_a_worker_that_dies_does_not_lose_or_hang_the_files(
    tmp_path: Path, many: tuple[list[str], tuple[int, str, str]]
):
    args, expected = many

    log = tmp_path / "pids.txt"
    *result, parent = in_workers(args, log, "s-30.yaml")
    assert tuple(result) == expected
    assert parent in log.read_text(encoding="utf-8").split()  # the rest was checked here
