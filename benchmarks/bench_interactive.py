"""Provides the in-process benchmarks driven with Pilot: moves, key presses, typing while saving.

Pilot's own ``press`` waits for the CPU to go idle after every key (about 45 ms even on a minimal
app), which would swamp the app's cost. So a move is timed as the app's own work: calling
``app.goto(...)``, then letting every widget process its messages and forcing the pending
layout and paint (what the next screen refresh would do). Pilot presses are timed too, against
Pilot presses on the minimal app, as a ratio.
"""

from __future__ import annotations

import asyncio
import gc
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench_common import Figure, copy_example, median, percentile, scratch, spread
from bench_internals import KeyClock, installed_screens, refresh_now, wait_for_screen
from minimal_app import MinimalApp, MinimalSwitcherApp, MinimalTextApp
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import TextArea

from benchmark_tui.edits import SetState
from benchmark_tui.models import STEPS
from benchmark_tui.settings import Settings
from benchmark_tui.tui.app import BenchmarkApp
from benchmark_tui.tui.screens.characteristic import CharacteristicScreen

SIZE = (120, 40)
"""A projector-sized terminal."""
KEY_INTERVAL = 0.02
"""Seconds between keys of the typing burst: 50 keys a second, faster than anyone types."""
SAVE_EVERY = 0.2
"""Seconds between the autosaves forced during the burst (the debounce would wait for a pause)."""
BURST = "the service reviewed footfall and loans by branch and compared them with the cipfa family "


async def settle(pilot: Pilot[Any]) -> None:
    """Let the app finish what a move started: messages, layout and paint, focus.

    No fixed sleeps: this waits for the widgets' queues to drain, then runs the screen's pending
    refresh at once (instead of at the next tick), then drains again for after-refresh work.
    """
    await wait_for_screen(pilot)
    refresh_now(pilot.app.screen)
    await wait_for_screen(pilot)


def live_widgets() -> int:
    """Widgets alive in the process (in the DOM or not: a leaked one counts too)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Widget))


def dom_nodes(app: App[Any]) -> int:
    """Nodes in every screen the app holds (stack and installed)."""
    screens = {id(s): s for s in app.screen_stack}
    screens.update({id(s): s for s in installed_screens(app)})
    return sum(len(list(s.walk_children(with_self=True))) for s in screens.values())


def make_app(session: Path) -> BenchmarkApp:
    """The app as the command line builds it, on a copy of the example session."""
    return BenchmarkApp(
        session_path=session, sessions_dir=session.parent, settings=Settings(theme="projector")
    )


async def _timed_moves(pilot: Pilot[Any], moves: list[Callable[[], object]]) -> list[float]:
    times = []
    for move in moves:
        start = time.perf_counter()
        move()
        await settle(pilot)
        times.append(time.perf_counter() - start)
    return times


async def _walk(pilot: Pilot[Any], count: int) -> list[tuple[str, float]]:
    """Walk the workshop as a facilitator does: the next step, and after the last step the next
    characteristic (the tenth wraps round to the first). Returns (kind, seconds) per move.
    """
    app = pilot.app
    assert isinstance(app, BenchmarkApp) and app.framework is not None
    ids = [c.id for c in app.framework.items]
    walked = []
    for _ in range(count):
        screen = app.screen
        assert isinstance(screen, CharacteristicScreen)
        if screen.step != STEPS[-1]:
            kind, move = "step", screen.action_next_step
        else:
            following = ids[(ids.index(screen.item_id) + 1) % len(ids)]
            kind, move = "characteristic", partial(app.goto, "characteristic", following, STEPS[0])
        start = time.perf_counter()
        move()
        await settle(pilot)
        walked.append((kind, time.perf_counter() - start))
    return walked


async def _traced_at_rest(pilot: Pilot[Any]) -> int:
    """Traced memory once the pending save (moves and the clock save where the team is) has
    been written: a save in flight at one reading and not the other is not growth."""
    app = pilot.app
    assert isinstance(app, BenchmarkApp)
    app.flush_save()
    await app.workers.wait_for_complete()
    await settle(pilot)
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def _pilot_presses(pilot: Pilot[Any], keys: list[str]) -> list[float]:
    times = []
    for key in keys:
        start = time.perf_counter()
        await pilot.press(key)
        times.append(time.perf_counter() - start)
    return times


async def measure_navigation(moves: int) -> list[Figure]:
    """Moves between characteristics and steps: time per move, growth, Pilot press ratio."""
    with scratch("moves") as folder:
        app = make_app(copy_example(folder / "sessions"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.framework is not None
            first = app.framework.items[0].id
            app.goto("characteristic", first, STEPS[0])
            await pilot.pause()  # from the overview: switching screens takes a message round

            # One lap first: the characteristic screen is built on first use and then reused,
            # and each pane creates some widgets (scroll bars) when first shown.
            lap = len(app.framework.items) * len(STEPS)
            await _walk(pilot, lap)
            widgets_before, nodes_before = live_widgets(), dom_nodes(app)
            objects_before = len(gc.get_objects())
            walked = await _walk(pilot, moves)
            widgets_after, nodes_after = live_widgets(), dom_nodes(app)
            objects_after = len(gc.get_objects())

            tracemalloc.start()
            # Eight laps first, so that bounded caches (Rich's cell widths, Textual's queries)
            # have seen every text of the ten characteristics: their filling is not growth.
            await _walk(pilot, min(8 * lap, 2 * moves))
            traced_before = await _traced_at_rest(pilot)
            await _walk(pilot, moves)
            traced_growth = await _traced_at_rest(pilot) - traced_before
            tracemalloc.stop()

            app.goto("characteristic", first, STEPS[0])
            await settle(pilot)
            presses = await _pilot_presses(pilot, ["pagedown", "pageup"] * max(1, moves // 20))
            await pilot.pause()
            await app.workers.wait_for_complete()

    times = [seconds for _kind, seconds in walked]
    item_moves = [seconds for kind, seconds in walked if kind == "characteristic"]
    step_moves = [seconds for kind, seconds in walked if kind == "step"]
    baseline_moves, baseline_presses = await _minimal_moves_and_presses(moves, len(presses))

    move_ms = median(times) * 1000
    widget_growth = widgets_after - widgets_before
    object_growth = objects_after - objects_before
    grew = widget_growth > 0 or nodes_after != nodes_before or traced_growth > 256 * 1024
    return [
        Figure(
            name="navigation",
            what=f"one move to the next step (the step action) or characteristic (app.goto), "
            f"then settle; {moves} moves",
            measured=move_ms,
            baseline=median(baseline_moves) * 1000,
            unit="ms",
            target="< 50 ms",
            passed=move_ms < 50,
            baseline_what="minimal app: switching a ContentSwitcher pane + the same settle",
            details={
                "spread": spread(times, 1000, " ms"),
                "by kind": f"step moves {_median_ms(step_moves)}, "
                f"characteristic moves {_median_ms(item_moves)} (medians)",
            },
        ),
        Figure(
            name="navigation-growth",
            what=f"growth over {moves} moves: live widgets, DOM nodes, Python objects, traced KiB",
            measured=float(widget_growth),
            baseline=None,
            unit="widgets",
            target="no growth (0 widgets, same DOM, < 256 KiB traced)",
            passed=not grew,
            details={
                "widgets": f"{widgets_before} → {widgets_after}",
                "DOM nodes": f"{nodes_before} → {nodes_after}",
                "Python objects": f"{objects_before} → {objects_after} ({object_growth:+d})",
                "tracemalloc": f"{traced_growth / 1024:+.0f} KiB over another {moves} moves",
            },
        ),
        Figure(
            name="pilot-press",
            what="one Pilot key press that moves between characteristics (PgDn / PgUp)",
            measured=median(presses) * 1000,
            baseline=median(baseline_presses) * 1000,
            unit="ms",
            target="(informative: Pilot waits for idle)",
            passed=None,
            baseline_what="a Pilot press of a key with a trivial action, minimal app",
            details={"spread": spread(presses, 1000, " ms")},
        ),
    ]


def _median_ms(values: list[float]) -> str:
    return f"{median(values) * 1000:.1f} ms" if values else "none"


async def _minimal_moves_and_presses(moves: int, presses: int) -> tuple[list[float], list[float]]:
    switcher = MinimalSwitcherApp()
    async with switcher.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panes = MinimalSwitcherApp.PANES

        def show(index: int) -> Callable[[], object]:
            return lambda: switcher.show(panes[index % len(panes)])

        await _timed_moves(pilot, [show(i) for i in range(len(panes))])
        move_times = await _timed_moves(pilot, [show(i + 1) for i in range(moves)])
    minimal = MinimalApp()
    async with minimal.run_test(size=SIZE) as pilot:
        await pilot.pause()
        press_times = await _pilot_presses(pilot, ["n"] * presses)
    return move_times, press_times


async def _type_burst(app: App[Any], text: str) -> KeyClock:
    """Type ``text`` at a steady :data:`KEY_INTERVAL`, without waiting for the app between keys."""
    with KeyClock() as clock:
        for char in text:
            key = "space" if char == " " else char
            event = events.Key(key, char)
            event.set_sender(app)
            app.post_message(event)  # as the terminal's driver does, without waiting
            await asyncio.sleep(KEY_INTERVAL)
        await asyncio.sleep(0.1)
    return clock


async def measure_typing(keys: int, rounds: int = 1) -> list[Figure]:
    """Longest gap between handled keys while typing into the evidence summary during saves.

    ``rounds`` bursts each into the app and the minimal app, interleaved; the figure is the
    median over the rounds of each burst's longest gap (one GC pause can make a single
    burst's longest gap an outlier either way).
    """
    text = (BURST * (keys // len(BURST) + 1))[:keys]
    longest: list[float] = []
    base_longest: list[float] = []
    all_ok = True
    for _ in range(rounds):
        clock, typed_ok, recorded_ok, saves = await _typing_round(text)
        baseline = await _minimal_typing_round(text)
        all_ok = all_ok and typed_ok and recorded_ok and len(clock.stamps) == len(text)
        longest.append(max(clock.gaps()) * 1000)
        base_longest.append(max(baseline.gaps()) * 1000)
    return [_typing_figure(text, rounds, longest, base_longest, clock, baseline, all_ok, saves)]


async def _typing_round(text: str) -> tuple[KeyClock, bool, bool, int]:
    """One burst into the example's evidence summary, with an autosave forced every so often."""
    with scratch("typing") as folder:
        app = make_app(copy_example(folder / "sessions"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # The example's items are agreed, and an agreed item asks at the first key (issue
            # 20): reopen it first, as the team would, so the keys go into the summary.
            app.apply_edit(SetState(item="leadership", state="in-progress"))
            app.goto("characteristic", "leadership", "evidence")
            await settle(pilot)
            await pilot.pause()
            summary = app.screen.query_one("#evidence-summary", TextArea)
            summary.focus()
            summary.move_cursor(summary.document.end)
            await pilot.pause()
            before = summary.text
            assert app.opened is not None
            saves_before = app.opened.latest_sequence
            timer = app.set_interval(SAVE_EVERY, app.saving.request)
            clock = await _type_burst(app, text)
            timer.stop()
            saves = app.opened.latest_sequence - saves_before
            await pilot.pause()
            await app.workers.wait_for_complete()
            typed_ok = summary.text == before + text
            assert app.session is not None
            recorded_ok = app.session.record("leadership").evidence.summary == before + text
    return clock, typed_ok, recorded_ok, saves


async def _minimal_typing_round(text: str) -> KeyClock:
    minimal = MinimalTextApp()
    async with minimal.run_test(size=SIZE) as pilot:
        await pilot.pause()
        baseline = await _type_burst(minimal, text)
        await pilot.pause()
    return baseline


def _typing_figure(
    text: str,
    rounds: int,
    longest_per_round: list[float],
    base_longest_per_round: list[float],
    clock: KeyClock,
    baseline: KeyClock,
    all_ok: bool,
    saves: int,
) -> Figure:
    """The typing-gap figure; the gap details are the last round's."""
    longest, base_longest = median(longest_per_round), median(base_longest_per_round)
    gaps, base_gaps = clock.gaps(), baseline.gaps()
    # Saving must add no stutter a typist could notice (50 ms) to what the same burst meets in
    # a bare TextArea on this machine at this moment (GC pauses, a busy neighbour).
    limit = base_longest + 50
    return Figure(
        name="typing-gap",
        what=f"longest gap between handled keys, {len(text)} keys at {KEY_INTERVAL * 1000:.0f} "
        f"ms into the evidence summary, autosave every {SAVE_EVERY * 1000:.0f} ms "
        f"(median of {rounds} burst{'s' if rounds != 1 else ''})",
        measured=longest,
        baseline=base_longest,
        unit="ms",
        target="≤ baseline + 50 ms, all keys land",
        passed=longest < limit and all_ok,
        baseline_what="the same burst into a TextArea of a minimal app (no saving)",
        details={
            "longest gap per burst": "app "
            + ", ".join(f"{g:.0f}" for g in longest_per_round)
            + " ms; minimal "
            + ", ".join(f"{g:.0f}" for g in base_longest_per_round)
            + " ms",
            "gaps (last burst)": f"median app {median(gaps) * 1000:.1f} ms, minimal "
            f"{median(base_gaps) * 1000:.1f} ms; 95th percentile app "
            f"{percentile(gaps, 95) * 1000:.1f} ms, minimal "
            f"{percentile(base_gaps, 95) * 1000:.1f} ms",
            "saves during the last burst": str(saves),
            "keys handled": f"{len(clock.stamps)}/{len(text)} in the last burst; every burst's "
            f"text in widget and session {'ok' if all_ok else 'WRONG'}",
        },
    )
