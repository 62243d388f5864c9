"""The item's clock counts the time the app was running, not a minute it was suspended.

The app looks at the clock every second. Suspended (Ctrl+Z in the terminal, SIGSTOP, a frozen
virtual machine) it looks at nothing, and the monotonic clock runs on regardless: the next
look sees a gap of a minute, which used to be counted on the item on screen. A gap far longer
than the app's own rhythm of looks is time the app was not running, and is not counted; nor
is a gap in which the wall clock and the monotonic clock disagree (the computer slept: on
some systems the monotonic clock stops while asleep, on others it runs on). Every clock here
is injected; nothing waits.
"""

from __future__ import annotations

from benchmark_tui.models.pacing import Stopwatch


def looks(watch: Stopwatch, start: float, every: float, count: int, wall_offset=None) -> float:
    """Look ``count`` times, ``every`` seconds apart, from ``start``; the last time."""
    now = start
    for _ in range(count):
        now += every
        watch.look(now, None if wall_offset is None else now + wall_offset)
    return now


def test_a_minute_suspended_is_not_counted_on_the_item():
    watch = Stopwatch()
    watch.follow("leadership", 1000.0)
    now = looks(watch, 1000.0, 1.0, 30)  # thirty seconds of work, a look each second
    assert watch.take() == 30
    now += 60.0  # Ctrl+Z for a minute, then fg: the next look is a minute later
    watch.look(now)
    assert watch.take() == 0
    looks(watch, now, 1.0, 10)  # and the clock runs on as before
    assert watch.take() == 10


def test_looks_a_little_late_are_still_counted():
    """A busy moment (a screen built, a document written) delays a look or two: still work."""
    watch = Stopwatch()
    watch.follow("leadership", 0.0)
    now = looks(watch, 0.0, 1.0, 5)
    watch.look(now + 3.5)
    assert watch.take() == 8


def test_an_app_that_looks_once_a_minute_counts_each_minute():
    """The rhythm is the app's own: looks a minute apart (as tests drive it) are all counted."""
    watch = Stopwatch()
    watch.follow("leadership", 0.0)
    looks(watch, 0.0, 60.0, 5)
    assert watch.take() == 300


def test_a_sleep_seen_as_the_wall_clock_running_ahead_is_not_counted():
    watch = Stopwatch()
    watch.follow("leadership", 100.0)
    now = looks(watch, 100.0, 1.0, 10, wall_offset=5000.0)
    assert watch.take() == 10
    # Asleep for twenty minutes where the monotonic clock stops: it moves a second, the wall
    # clock twenty minutes.
    watch.look(now + 1.0, now + 5000.0 + 1200.0)
    assert watch.take() == 0
    looks(watch, now + 1.0, 1.0, 5, wall_offset=5000.0 + 1199.0)
    assert watch.take() == 5


def test_paused_time_is_never_counted_and_the_rhythm_survives_a_pause():
    watch = Stopwatch()
    watch.follow("leadership", 0.0)
    now = looks(watch, 0.0, 1.0, 5)
    watch.paused = True
    now = looks(watch, now, 1.0, 600)
    assert watch.take() == 5
    watch.paused = False
    looks(watch, now, 1.0, 3)
    assert watch.take() == 3
