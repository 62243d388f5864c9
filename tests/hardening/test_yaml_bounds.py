"""Provides :func:`bounded`, which the hardening tests use instead of timing a call.

A test that asserts ``elapsed < 1.5`` fails whenever the machine is busy, so a green change
does not land. What those tests are about is the *work* a hostile or absurd file can cause:
reading without end, building millions of values, expanding in memory. So a call runs in a
thread under :mod:`tracemalloc`, and the test bounds the memory it allocated; a deadline far
above any normal run (a minute) only catches a call that hangs. The tests below show that
both bounds do fail when they should.
"""

from __future__ import annotations

import threading
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from benchmark_tui.reading import MAX_FILE_BYTES

HANG = 60.0
"""Seconds after which a call counts as hung: far above any normal run, on any machine."""

READ_BUDGET = 12 * MAX_FILE_BYTES
"""Memory reading one file may take: a few copies of its text (bytes, str, the parser's own
UTF-8) and the values it is allowed to hold. Building the values of a file of a million
``1,`` takes 350 MB and more."""


@dataclass(frozen=True)
class Outcome:
    """What a bounded call did."""

    value: object
    """What it returned, or the exception it raised."""
    peak: int
    """The most memory, in bytes, it had allocated at any moment (Python allocations)."""


def bounded(
    call: Callable[[], object],
    *,
    unblock: Callable[[], None] | None = None,
    timeout: float = HANG,
) -> Outcome:
    """Run ``call`` in a thread, measuring the memory it allocates; fail if it hangs.

    Args:
        call: the work to run.
        unblock: releases a call stuck in the operating system (e.g. opens a pipe's other
            end), so that a hung test can end.
        timeout: seconds after which the call counts as hung.
    """
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())
        except Exception as err:  # noqa: BLE001 - handed to the test, which names what it expects
            outcome.append(err)

    started_here = not tracemalloc.is_tracing()
    if started_here:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    worker = threading.Thread(target=target, daemon=True)
    try:
        worker.start()
        worker.join(timeout)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        if started_here:
            tracemalloc.stop()
    if worker.is_alive():
        if unblock is not None:
            unblock()
        worker.join(timeout)
        pytest.fail(f"the call was still running after {timeout:.0f} s")
    return Outcome(outcome[0], peak)


def test_the_memory_a_call_allocates_is_measured():
    outcome = bounded(lambda: len(bytearray(8 * 1024 * 1024)))
    assert outcome.value == 8 * 1024 * 1024
    assert 8 * 1024 * 1024 <= outcome.peak < 9 * 1024 * 1024


def test_an_exception_is_handed_back():
    outcome = bounded(lambda: int("not a number"))
    assert isinstance(outcome.value, ValueError)


def test_a_call_that_hangs_fails_the_test_and_is_released():
    release = threading.Event()
    with pytest.raises(pytest.fail.Exception, match="still running"):
        bounded(lambda: release.wait(HANG), unblock=release.set, timeout=0.2)
    assert release.is_set()
