"""Provides the start-up benchmarks: time to first frame and peak memory, as whole processes.

Each app is started as a child process on a pseudo-terminal of projector size (120×40). The
clock starts just before the fork and stops when the child has written a first screen holding
known text (the service name and the key bar for benchmark-tui, the Static and the Footer for
the minimal app). The child is then killed, and its peak resident memory (``ru_maxrss``) comes
from ``os.wait4``. Runs of the two apps are interleaved, so a busy moment on a shared machine
hits both alike.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import minimal_app
from bench_common import (
    BENCHMARKS,
    SERVICE_NAME,
    Figure,
    bytecode_cache,
    cli_command,
    copy_example,
    median,
    private_env,
    scratch,
    spread,
)

COLUMNS, ROWS = 120, 40
TIMEOUT = 30.0
APP_MARKERS = (f"{SERVICE_NAME} · ", "Overview")
"""The overview's top bar and its key bar (the example session opens at the overview)."""
MINIMAL_MARKERS = (minimal_app.MARKER, minimal_app.FOOTER_MARKER)
PAINTED_WORDS = 8
"""A screen with this many words on it counts as painted, whatever it shows."""

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b."
)


@dataclass
class Launch:
    """One start of an app on a pseudo-terminal."""

    seconds: float
    """From just before the fork to the first frame holding all the markers."""
    first_paint: float
    """From just before the fork to the first screenful of any text (a splash would count)."""
    peak_kib: int
    """ru_maxrss of the child (KiB on Linux)."""
    cpu_seconds: float
    """User plus system CPU time of the child up to the kill."""


class FirstFrameNotSeen(RuntimeError):
    """The child exited or timed out before writing the expected screen."""


def screen_text(output: bytes) -> str:
    """The terminal output with escape sequences removed."""
    return _ESCAPES.sub("", output.decode("utf-8", "replace"))


def launch(
    argv: list[str],
    env: dict[str, str],
    cwd: Path,
    markers: tuple[str, ...],
    *,
    any_of: tuple[str, ...] = (),
) -> Launch:
    """Start ``argv`` on a pty, wait for a screen with every marker on it (and one of
    ``any_of``, if given), then kill it."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal before anything can read it, then exec
        try:
            os.chdir(cwd)
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    output = bytearray()
    seen_at: float | None = None
    painted_at: float | None = None
    try:
        deadline = start + TIMEOUT
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child has gone
                break
            if not chunk:
                break
            output += chunk
            text = screen_text(bytes(output))
            if painted_at is None and len(text.split()) >= PAINTED_WORDS:
                painted_at = time.perf_counter()
            if all(marker in text for marker in markers) and (
                not any_of or any(marker in text for marker in any_of)
            ):
                seen_at = time.perf_counter()
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    if seen_at is None:
        tail = screen_text(bytes(output))[-600:]
        raise FirstFrameNotSeen(f"{' '.join(argv)}: no first frame with {markers}; got {tail!r}")
    return Launch(
        seconds=seen_at - start,
        first_paint=(painted_at or seen_at) - start,
        peak_kib=usage.ru_maxrss,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )


def measure_startup(runs: int, warm_up: bool) -> list[Figure]:
    """Start benchmark-tui on the example session and the minimal app, ``runs`` times each."""
    app_runs: list[Launch] = []
    minimal_runs: list[Launch] = []
    with scratch("startup") as folder:
        pycache = bytecode_cache()
        minimal_argv = [sys.executable, str(BENCHMARKS / "minimal_app.py")]
        # Issue 12's floor of this design: the same minimal app, importing the project's models.
        models_argv = [*minimal_argv, "--models"]
        models_runs: list[Launch] = []

        def start_app() -> Launch:
            # A fresh folder each time: a first start, with the session beside it in sessions/
            # (as a facilitator keeps it) and settings of its own.
            run = folder / f"run-{len(app_runs)}"
            session = copy_example(run / "sessions")
            argv = [*cli_command(), str(session)]
            return launch(argv, private_env(run, pycache), run, APP_MARKERS)

        def start_minimal() -> Launch:
            return launch(minimal_argv, private_env(folder, pycache), folder, MINIMAL_MARKERS)

        def start_models() -> Launch:
            return launch(models_argv, private_env(folder, pycache), folder, MINIMAL_MARKERS)

        if warm_up:  # bytecode caches and the page cache, for all three
            start_minimal()
            start_models()
            start_app()
        collected = {start_app: app_runs, start_minimal: minimal_runs, start_models: models_runs}
        for index in range(runs):
            order = [start_app, start_minimal, start_models]
            for start in order[index % 3 :] + order[: index % 3]:  # each goes first in turn
                collected[start].append(start())

    app_time = median([r.seconds for r in app_runs])
    base_time = median([r.seconds for r in models_runs])
    bare_time = median([r.seconds for r in minimal_runs])
    app_mem = median([r.peak_kib / 1024 for r in app_runs])
    base_mem = median([r.peak_kib / 1024 for r in models_runs])
    bare_mem = median([r.peak_kib / 1024 for r in minimal_runs])
    startup = Figure(
        name="startup",
        what="benchmark-tui on the example session: start to first frame (process, pty)",
        measured=app_time * 1000,
        baseline=base_time * 1000,
        unit="ms",
        target="≤ 1.10× baseline",
        passed=app_time <= 1.10 * base_time,
        baseline_what="minimal Textual app (Header, Static, Footer) importing the project's "
        "models, same way",
        details={
            "spread": f"app {spread([r.seconds for r in app_runs], 1000, ' ms')}; "
            f"minimal+models {spread([r.seconds for r in models_runs], 1000, ' ms')}",
            "bare minimal app": f"{bare_time * 1000:.0f} ms "
            f"(app {app_time / bare_time:.2f}× it; the 1.15× target against it is withdrawn)",
            "child CPU": f"app {median([r.cpu_seconds for r in app_runs]) * 1000:.0f} ms, "
            f"minimal {median([r.cpu_seconds for r in minimal_runs]) * 1000:.0f} ms "
            "(less noisy than wall time on a busy machine)",
            "first paint": f"app {median([r.first_paint for r in app_runs]) * 1000:.0f} ms, "
            f"minimal {median([r.first_paint for r in minimal_runs]) * 1000:.0f} ms "
            f"(any screen of {PAINTED_WORDS}+ words)",
        },
    )
    memory = Figure(
        name="memory",
        what="peak memory (ru_maxrss) of that start-up",
        measured=app_mem,
        baseline=base_mem,
        unit="MiB",
        target="≤ 1.5× baseline",
        passed=app_mem <= 1.5 * base_mem,
        baseline_what="the minimal Textual app importing the project's models (the floor of "
        "this design, as for start-up)",
        details={
            "spread": f"app {spread([r.peak_kib / 1024 for r in app_runs], 1, ' MiB')}; "
            f"minimal+models {spread([r.peak_kib / 1024 for r in models_runs], 1, ' MiB')}",
            "bare minimal app": f"{bare_mem:.1f} MiB (app {app_mem / bare_mem:.2f}× it: "
            "pydantic and the models alone are most of the difference)",
        },
    )
    return [startup, memory]
