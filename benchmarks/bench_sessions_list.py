"""Provides the sessions-list benchmark (issue 21): the first frame of the sessions list with
200 full-size sessions in the folder, against the same with 2, as whole processes on a pty.

The list shows the file names at once and reads the sessions in a worker, so its first frame
should not grow with the folder. Each start has a fresh settings and cache folder (a first
start: nothing cached), and the two folders' starts are interleaved.
"""

from __future__ import annotations

import shutil

from bench_common import (
    EXAMPLE_SESSION,
    SERVICE_NAME,
    Figure,
    bytecode_cache,
    cli_command,
    median,
    private_env,
    scratch,
    spread,
)
from bench_startup import launch

MANY, FEW = 200, 2
MARKERS = ("Sessions in", "New session")
"""The sessions list's heading and its key bar."""
FIRST_SESSION = ("library-000", SERVICE_NAME)
"""The first session's line: its file name before it is read, its service after."""


def measure_sessions_list(runs: int, warm_up: bool, many: int = MANY) -> list[Figure]:
    """Start ``benchmark-tui --sessions-dir`` on folders of ``many`` and 2 sessions."""
    with scratch("sessions-list") as folder:
        pycache = bytecode_cache()
        folders = {}
        for count in (many, FEW):
            sessions = folder / f"sessions-{count}"
            sessions.mkdir()
            for n in range(count):
                shutil.copy(EXAMPLE_SESSION, sessions / f"library-{n:03d}.yaml")
            folders[count] = sessions
        times: dict[int, list[float]] = {many: [], FEW: []}
        started = 0

        def start(count: int) -> float:
            nonlocal started
            started += 1
            run = folder / f"run-{started}"  # settings and cache of its own: nothing cached
            run.mkdir()
            argv = [*cli_command(), "--sessions-dir", str(folders[count])]
            env = private_env(run, pycache)
            return launch(argv, env, run, MARKERS, any_of=FIRST_SESSION).seconds

        if warm_up:
            start(many)
            start(FEW)
        for index in range(runs):
            order = [many, FEW] if index % 2 == 0 else [FEW, many]
            for count in order:
                times[count].append(start(count))
    measured, baseline = median(times[many]), median(times[FEW])
    return [
        Figure(
            name="sessions-list",
            what=f"first frame of the sessions list with {many} full-size sessions "
            "(process, pty, nothing cached)",
            measured=measured * 1000,
            baseline=baseline * 1000,
            unit="ms",
            target="≤ 1.2× baseline",
            passed=measured <= 1.2 * baseline,
            baseline_what=f"the same with {FEW} sessions in the folder",
            details={
                "spread": f"{many}: {spread(times[many], 1000, ' ms')}; "
                f"{FEW}: {spread(times[FEW], 1000, ' ms')}",
            },
        )
    ]
