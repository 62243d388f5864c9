"""Provides ``run.py --profile``: where start-up time goes, by import and by function.

Two views of the same start (benchmark-tui on the example session, up to the overview being
drawn, headless at 120×40), each in a fresh interpreter with warm bytecode caches:

- ``python -X importtime``: the modules benchmark-tui imports that the minimal app does not,
  by cumulative import time;
- cProfile: the functions that cost most, from the first import to the first frame.

Run directly with ``--child imports|cprofile|minimal-imports`` it is that fresh interpreter.
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench_common import bytecode_cache, copy_example, private_env, scratch

if TYPE_CHECKING:  # the real start never imports Pilot, so neither does the profiled one
    from textual.pilot import Pilot

TOP = 25


def _start_headless(session: Path) -> None:
    """Import benchmark-tui, open the session and stop once the overview has been drawn."""
    from benchmark_tui.store import load_framework

    load_framework()  # as cli.run_app does, before the app

    from benchmark_tui.tui.app import BenchmarkApp

    async def until_first_frame(pilot: Pilot[None]) -> None:
        while type(pilot.app.screen).__name__ != "OverviewScreen":
            await asyncio.sleep(0.005)
        await pilot.pause()
        pilot.app.exit()

    BenchmarkApp(session_path=session).run(
        headless=True, size=(120, 40), auto_pilot=until_first_frame
    )


def _start_minimal_imports() -> None:
    from textual.app import App  # noqa: F401
    from textual.pilot import Pilot  # noqa: F401  (the headless start imports it too)
    from textual.widgets import Footer, Header, Static  # noqa: F401


def _child(kind: str, session: Path) -> None:
    if kind == "imports":
        _start_headless(session)
    elif kind == "minimal-imports":
        _start_minimal_imports()
    else:
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        _start_headless(session)
        profile.disable()
        print(f"in-process start to first frame: {(time.perf_counter() - start) * 1000:.0f} ms")
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("cumulative").print_stats(r"benchmark_tui", TOP)
        stats.sort_stats("tottime").print_stats(TOP)
        print(out.getvalue())


def _importtimes(stderr: str) -> dict[str, tuple[int, int]]:
    """{module: (self µs, cumulative µs)} from ``-X importtime`` output."""
    rows: dict[str, tuple[int, int]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.split(":", 1)[1].split("|")
        rows[name.strip()] = (int(own), int(cumulative))
    return rows


def profile_startup() -> str:
    """The report: heavy imports and the costliest functions of a start."""
    me = str(Path(__file__).resolve())
    report: list[str] = []
    with scratch("profile") as folder:
        session = copy_example(folder / "sessions")
        env = private_env(folder, bytecode_cache())

        def child(kind: str, *flags: str) -> subprocess.CompletedProcess[str]:
            argv = [sys.executable, *flags, me, "--child", kind, str(session)]
            return subprocess.run(
                argv, env=env, cwd=folder, capture_output=True, text=True, check=True
            )

        for kind in ("imports", "minimal-imports"):  # warm the bytecode caches
            child(kind)
        ours = _importtimes(child("imports", "-X", "importtime").stderr)
        minimal = _importtimes(child("minimal-imports", "-X", "importtime").stderr)
        extra = {name: times for name, times in ours.items() if name not in minimal}
        report.append(
            f"Imports: benchmark-tui {sum(t[0] for t in ours.values()) / 1000:.0f} ms in "
            f"{len(ours)} modules; minimal app {sum(t[0] for t in minimal.values()) / 1000:.0f} "
            f"ms in {len(minimal)}; only benchmark-tui's: "
            f"{sum(t[0] for t in extra.values()) / 1000:.0f} ms in {len(extra)} modules."
        )
        report.append(f"Heaviest imports only benchmark-tui needs (cumulative, top {TOP}):")
        for name, (own, cumulative) in sorted(extra.items(), key=lambda kv: -kv[1][1])[:TOP]:
            report.append(f"  {cumulative / 1000:7.1f} ms  (self {own / 1000:5.1f})  {name}")
        report.append("")
        report.append(child("cprofile").stdout)
    return "\n".join(report)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], Path(sys.argv[3]))
    else:
        print(profile_startup())
