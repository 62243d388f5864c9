"""Provides the yearly cycle: next year's self-assessment from this year's, linked to it.

The framework is meant to be used every year. :func:`next_session` starts the next
self-assessment from a previous one: the service, the team, each results area's measures with
their history (so the new value extends the trend) and the approaches (each marked
"from last time" until the team confirms it) are carried forward; ratings, strengths, areas for
improvement, agreement and the place on screen are not. The new session links to the previous
file by name, dates and a content hash, so a previous file that was moved or changed since is
reported (:func:`load_previous`), never silently used.

What screens and documents ask about the previous self-assessment (:class:`LastTime`, the
change per cell, the review of last time's plan) is in :mod:`benchmark_tui.last_time`. Nothing
here imports Textual.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from benchmark_tui import paths
from benchmark_tui.errors import SessionFileError
from benchmark_tui.locks import real_path
from benchmark_tui.models import (
    AreaRecord,
    Framework,
    Measure,
    PreviousSession,
    Session,
    Workshop,
)
from benchmark_tui.os_errors import os_problem
from benchmark_tui.reading import read_regular_file

__all__ = [
    "content_hash",
    "link_to",
    "load_previous",
    "next_session",
    "not_carried_ids",
    "previous_path",
    "start_next_file",
]


# ---------------------------------------------------------------------------------------------
# The link to the previous session
# ---------------------------------------------------------------------------------------------


def content_hash(data: bytes) -> str:
    """``sha256:…`` of a session file's bytes, with ``\\r\\n`` read as ``\\n``.

    Line endings are normalised so that the same file checked out on Windows (where git may
    write CRLF) is not mistaken for a changed one; any other change of a byte changes the hash.
    """
    return "sha256:" + hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def _relative_name(target: Path, folder: Path) -> str:
    """``target`` as written relative to ``folder``, with ``/`` (absolute on another drive)."""
    try:
        relative = os.path.relpath(real_path(target), real_path(folder))
    except ValueError:  # Windows: another drive has no relative path
        return real_path(target).as_posix()
    return PurePosixPath(*Path(relative).parts).as_posix()


def link_to(previous: Session, previous_file: Path, data: bytes, new_file: Path) -> PreviousSession:
    """The link a new session at ``new_file`` keeps to the previous one.

    Args:
        previous: the previous session, as read from ``previous_file``.
        previous_file: where the previous session is.
        data: the bytes of ``previous_file`` that ``previous`` was read from.
        new_file: where the new session will be saved (the link is relative to its folder).
    """
    return PreviousSession(
        file=_relative_name(previous_file, new_file.parent),
        dates=sorted(previous.workshop.dates),
        hash=content_hash(data),
    )


def previous_path(session: Session, session_file: Path) -> Path | None:
    """Where the previous session of ``session`` (saved at ``session_file``) should be."""
    if session.previous is None:
        return None
    written = Path(session.previous.file)
    return written if written.is_absolute() else session_file.parent / written


def load_previous(session: Session, session_file: Path | str, framework: Framework) -> Session:
    """Read the previous self-assessment a session links to, checking it is the one linked.

    Args:
        session: the session (with ``previous`` set).
        session_file: where ``session`` is saved; the link is relative to its folder.
        framework: the framework the previous session is read against.

    Raises:
        SessionFileError: the session has no previous one; the previous file is missing
            (moved or renamed), cannot be read, is not a valid session (the located error), or
            has changed since the link was made (its content hash differs).
    """
    from benchmark_tui.store import read_session

    session_file = Path(session_file)
    link = session.previous
    target = previous_path(session, session_file)
    if link is None or target is None:
        raise SessionFileError(
            session_file,
            "this session does not follow on from a previous self-assessment",
            "start next year's with: benchmark-tui next LAST-YEARS.yaml",
            title="No previous self-assessment",
        )
    named = f"its previous self-assessment ({link.dates_label}), {link.file}"
    try:
        data = read_regular_file(target)  # never waits on a named pipe put in its place
    except FileNotFoundError as err:
        raise SessionFileError(
            session_file,
            f"{named}, is not at {target} — it was moved, renamed or deleted",
            f"put it back there, or correct 'previous: file:' in {session_file.name} to where "
            "it is now",
            title="Previous self-assessment not found",
        ) from err
    except OSError as err:
        raise SessionFileError(
            session_file,
            f"{named}, cannot be read at {target} ({os_problem(err)})",
            "check that the file and its folder may be read",
            title="Previous self-assessment cannot be read",
        ) from err
    found = content_hash(data)
    if found == link.hash:
        loaded = read_session(target, framework)
        found = content_hash(loaded.content)  # the bytes parsed are the ones that count
        if found == link.hash:
            return loaded.session
    raise SessionFileError(
        session_file,
        f"{named}, has changed since this session was started from it (its content "
        "differs), so last time's ratings may not be the ones the team saw",
        f"put back the version it was (benchmark-tui versions {target}), or, if the change "
        f"is meant, set 'previous: hash:' in {session_file.name} to {found}",
        title="Previous self-assessment has changed",
    )


# ---------------------------------------------------------------------------------------------
# Starting the next self-assessment
# ---------------------------------------------------------------------------------------------


def _carried_measure(measure: Measure) -> Measure:
    """A measure's name, values and note; the trend is the team's reading, so it is read anew."""
    return measure.model_copy(update={"trend": None}, deep=True)


def next_session(
    previous: Session,
    framework: Framework,
    link: PreviousSession,
    *,
    today: date,
    now: datetime | None = None,
) -> Session:
    """Start the next self-assessment of a service from its previous one.

    Carried forward: the service details and the team (facilitator too), each results area's
    measures with their values (their trend is left for the team to read again), and each
    characteristic's approaches, marked ``from_last_time``, and the points still parked (the
    parking lot's open points, parked again). Not carried: ratings, rating notes, strengths,
    areas for improvement, evidence, the "no data yet" ticks, agreement, the plan, the
    sign-off, where the team was, the agenda and the time spent on each item. Records for ids
    ``framework`` does not have are not carried.

    Args:
        previous: last time's session.
        framework: the framework the new session is made with.
        link: the link to the previous file (see :func:`link_to`).
        today: the new workshop's date.
        now: the creation time (default: now).
    """
    workshop = Workshop(
        dates=[today],
        facilitator=previous.workshop.facilitator,
        team=[member.model_copy(deep=True) for member in previous.workshop.team],
    )
    session = Session.new(framework, previous.service.model_copy(deep=True), workshop, now=now)
    session.previous = link
    for area in framework.areas:
        before = previous.results.get(area.id)
        if before is not None:
            session.results[area.id] = AreaRecord(
                measures=[_carried_measure(m) for m in before.measures]
            )
    for characteristic in framework.items:
        before_record = previous.characteristics.get(characteristic.id)
        if before_record is None:
            continue
        session.record(characteristic.id).approaches = [
            approach.model_copy(update={"from_last_time": True}, deep=True)
            for approach in before_record.approaches
        ]
    waiting = [p for p in previous.parking_lot.points if p.state in ("open", "suggested")]
    for point in waiting:  # still waiting (a suggestion never planned too): parked again
        item = point.item if point.item and framework.has_item(point.item) else None
        session.parking_lot.park(point.text, item)
    return session


def not_carried_ids(previous: Session, framework: Framework) -> list[str]:
    """Ids recorded last time that ``framework`` no longer has (so nothing of them is carried)."""
    known = set(framework.item_ids)
    return sorted({*previous.results, *previous.characteristics} - known)


def next_file_path(previous_file: Path, previous: Session, framework: Framework, day: date) -> Path:
    """Where next year's session goes unless the team names it: beside last time's, named
    after the service and the workshop ``day`` (``-2``, ``-3`` … rather than replace a file)."""
    from benchmark_tui.store import new_session_path

    placeholder = Session.new(framework, previous.service, Workshop(dates=[day]))
    return new_session_path(previous_file.parent, placeholder)


def start_next_file(
    previous_file: Path | str,
    framework: Framework,
    target: Path | str | None = None,
    *,
    today: date | None = None,
    now: datetime | None = None,
) -> tuple[Path, list[str]]:
    """Write next year's session, started from the session in ``previous_file``.

    Args:
        previous_file: last time's session.
        framework: the framework the new session is made with.
        target: where to write; default beside ``previous_file``, named after the service and
            ``today`` (``-2``, ``-3`` … added rather than replace a file).
        today: the new workshop's date (default: today).
        now: the creation time (default: now).

    Returns:
        Where the new session was written, and notices about what was not carried.

    Raises:
        SessionFileError: the previous session cannot be read or is not valid.
        SaveError: ``target`` exists already, or cannot be written.
    """
    from benchmark_tui.errors import SaveError
    from benchmark_tui.store import read_session, save_session

    previous_file = Path(previous_file)
    loaded = read_session(previous_file, framework)  # the link's hash is of the bytes read here
    previous = loaded.session
    day = today or date.today()
    chosen = (
        Path(target)
        if target is not None
        else next_file_path(previous_file, previous, framework, day)
    )
    if paths.exists(chosen):
        raise SaveError(
            f"Not written: {chosen} exists already — choose another name with -o NEW.yaml "
            "(a session is never overwritten by 'next')",
            title="File exists",
        )
    from benchmark_tui.files import new_file_problem

    problem = new_file_problem(chosen, versions=True)
    if problem is not None:
        raise SaveError(f"Not written: {problem} (-o NEW.yaml)", title="Choose another name")
    new = next_session(
        previous,
        framework,
        link_to(previous, previous_file, loaded.content, chosen),
        today=day,
        now=now,
    )
    notices = [f"note: {notice}" for notice in loaded.notices]
    dropped = not_carried_ids(previous, framework)
    if dropped:
        notices.append("note: not carried (not in the framework used now): " + ", ".join(dropped))
    return save_session(new, chosen), notices
