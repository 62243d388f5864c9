"""A process that saves a large session over and over, for the crash-safety test to kill.

Run as ``python save_loop.py SESSION.yaml``. Starting Python and importing pydantic takes far
longer than a save, so this process starts once, builds the session once, and then forks a
fresh writer for each round (``fork N`` on stdin). A writer takes the session lock as the app
does, says ``locked PID``, then saves with counter N, N+1, … printing ``saved N`` after each
save returns, until the test SIGKILLs it. This process reaps it and says ``reaped PID``.

The test imports :func:`big_session` to rebuild, for any counter, the state a save wrote.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from benchmark_tui.locks import SessionLock
from benchmark_tui.models import (
    Action,
    Approach,
    Framework,
    Measure,
    PeriodValue,
    ServiceInfo,
    Session,
    TeamMember,
    Workshop,
)
from benchmark_tui.store import load_framework, session_text
from benchmark_tui.workshop import OpenSession

STAMP = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
PARAGRAPH = (
    "Visits fell 4% while e-loans rose 31%; the team agreed the dashboard is used but "
    "rarely acted on. Évaluation — «données» — مكتبة — 图书馆 — \"quotes\" and 'apostrophes'.\n"
)


def text(label: str, paragraphs: int) -> str:
    return f"{label}\n" + PARAGRAPH * paragraphs


def big_session(framework: Framework, counter: int) -> Session:
    """Every text field filled with a lot of text (about 200 KB as YAML); the counter in the
    plan notes tells one save from the next."""
    session = Session.new(
        framework,
        ServiceInfo(
            name="Example Borough Libraries",
            library="",
            governance="other",
            governance_detail="Trust",
        ),
        Workshop(
            dates=[date(2026, 3, 12), date(2026, 3, 19)],
            facilitator="Pat Facilitator",
            team=[TeamMember(name=f"Member {n}", role=f"Role {n}") for n in range(8)],
        ),
        now=STAMP,
    )
    for area in framework.areas:
        record = session.area(area.id)
        record.state = "agreed"
        record.notes = text(f"Notes on {area.id}", 24)
        record.measures = [
            Measure(
                name=f"Measure {m}",
                values=[
                    PeriodValue(period=f"{2021 + y}/{22 + y}", value=f"{41_200 + y}")
                    for y in range(4)
                ],
                trend="improving",
                note=text("Trend note", 2),
            )
            for m in range(3)
        ]
        record.strengths = [text(f"Strength {n}", 2).strip() for n in range(3)]
        record.improvements = [text(f"Improvement {n}", 2).strip() for n in range(3)]
    for characteristic in framework.items:
        record = session.record(characteristic.id)
        record.state = "agreed"
        record.approaches = [
            Approach(
                text=f"Approach {n}: " + PARAGRAPH.strip(),
                status="planned" if n % 2 else "in-place",
            )
            for n in range(4)
        ]
        record.evidence.summary = text(f"Evidence for {characteristic.id}", 24)
        record.evidence.sources_reviewed = list(characteristic.data_sources)
        for n, element in enumerate(framework.elements):
            record.ratings[element.id].value = (n + characteristic.number) % 5
            record.ratings[element.id].note = text(f"Why {element.id}", 6)
        record.strengths = [text(f"Strength {n}", 2).strip() for n in range(3)]
        record.improvements = [text(f"Improvement {n}", 2).strip() for n in range(3)]
    session.plan.actions = [
        Action(
            id=f"a{n}",
            action=f"Action {n}: " + PARAGRAPH.strip(),
            item="leadership",
            improvement=text("Because", 1),
            owner="Sam",
            due=date(2026, 9, 1),
        )
        for n in range(1, 11)
    ]
    set_counter(session, counter)
    return session


def set_counter(session: Session, counter: int) -> None:
    session.plan.notes = text(f"Save number {counter}.", 4)


def counter_of(session: Session) -> int:
    """The counter a save wrote, or -1 if the plan notes do not hold one."""
    first = (session.plan.notes.splitlines() or [""])[0]
    number = first.removeprefix("Save number ").removesuffix(".")
    return int(number) if number.isdigit() else -1


def say(line: str) -> None:
    """One line to the test, in one write, so lines from this process and its writer never mix."""
    os.write(1, f"{line}\n".encode())


def write_forever(path: Path, framework: Framework, start: int) -> None:
    """The forked writer: open the session as the app does (taking the lock), then save with
    counters start, start+1, … until killed; each save keeps the previous version."""
    opened = OpenSession.open(path, framework)
    if opened.read_only:
        say("lock refused")
        os._exit(3)
    say(f"locked {os.getpid()}")
    counter = start
    while True:
        set_counter(opened.session, counter)
        say(f"saving {counter}")  # from here until "saved", a kill lands inside the save
        opened.save_now()
        say(f"saved {counter}")
        counter += 1


def main() -> None:
    path = Path(sys.argv[1])
    framework = load_framework()
    session = big_session(framework, 0)
    SessionLock(path)  # import filelock here, once, rather than in every writer
    session_text(session)  # and warm up what a save uses
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command != "fork":
            break
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(path, framework, int(argument))
            finally:
                os._exit(4)  # never return into this loop in the child
        say(f"pid {pid}")
        os.waitpid(pid, 0)
        say(f"reaped {pid}")


if __name__ == "__main__":
    main()
