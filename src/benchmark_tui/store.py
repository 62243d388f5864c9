"""Provides loading and saving of the framework and of session files, with located errors.

This is the only module that reads or writes framework and session files. Loading turns every
problem, from a YAML syntax error to a rating of 5, into one exception type whose message reads
``path:line:column: what is wrong — what to do``. :func:`read_session` reads a file once and
gives all it read (:class:`LoadedSession`: the session, notices, the bytes);
:func:`load_session` is its short form for scripts and tests (the session only, notices as
warnings). Saving is atomic; earlier versions (:mod:`benchmark_tui.versions`) are kept by the
open session, :class:`benchmark_tui.workshop.OpenSession`.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import ValidationError

from benchmark_tui import paths, reading, yamlio
from benchmark_tui.errors import FileProblem, FrameworkError, SaveError, SessionFileError
from benchmark_tui.files import (
    new_file_problem,
    windows_name_problem,
    write_atomically,
)
from benchmark_tui.located import key_node_at, located
from benchmark_tui.locks import real_path
from benchmark_tui.models import (
    SCHEMA_VERSION,
    Framework,
    Progress,
    Session,
    plain_error,
    session_context,
)
from benchmark_tui.os_errors import explain_write_error, os_problem

SESSION_SUFFIX = ".yaml"
SESSION_HEADER = (
    "# benchmark-tui self-assessment session (Libraries Taskforce Benchmarking Framework).\n"
    "# Written by benchmark-tui; safe to edit by hand. Check edits with:\n"
    "#   benchmark-tui validate THIS-FILE.yaml\n"
)


class SessionNotice(UserWarning):
    """A session loaded, but something about it deserves the team's attention."""


@dataclass
class LoadedSession:
    """A session read from disk, with anything worth telling the user about it."""

    session: Session
    path: Path
    content: bytes
    """The bytes the session was read from: what an open session takes as its own file, so an
    edit made outside after this read is noticed (the file is never read a second time)."""
    notices: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# The framework
# ---------------------------------------------------------------------------------------------


def bundled_framework_path() -> Path:
    """The framework shipped with the package (the repo-root file when run from a checkout)."""
    packaged = resources.files("benchmark_tui") / "framework.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from src/, where the packaged copy is not placed.
    return Path(__file__).resolve().parents[2] / "framework.yaml"


def load_framework(path: Path | str | None = None) -> Framework:
    """Load and validate a framework file.

    Args:
        path: a framework YAML file; None loads the bundled Benchmarking Framework.

    Raises:
        FrameworkError: the file is missing, not YAML, or not a valid framework.
    """
    target = Path(path) if path is not None else bundled_framework_path()
    try:
        stat = target.stat()
    except (OSError, ValueError):  # ValueError: a NUL in the name (reading says so)
        stat = None
    key = (str(target.resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key is None:
        return _load_framework_uncached(target)
    return _load_framework_cached(*key)


@lru_cache(maxsize=8)
def _load_framework_cached(resolved: str, _mtime: int, _size: int) -> Framework:
    return _load_framework_uncached(Path(resolved))


def _load_framework_uncached(path: Path) -> Framework:
    read = _read_data(path, FrameworkError)
    data = _mapping(read, path, FrameworkError, "framework", "'id:', 'version:' and 'title:'")
    root = read.root
    try:
        return Framework.model_validate(data)
    except ValidationError as err:
        raise located(err, path, root, Framework, FrameworkError) from err


class _ReadFile(NamedTuple):
    """A YAML file read once: its bytes, its data, and the node tree that locates a problem."""

    content: bytes
    data: Any
    root: Any


def _read_data(path: Path, problem: type[FileProblem]) -> _ReadFile:
    """Read a YAML file once (its bytes, data and node tree)."""
    content = reading.read_bytes(path, problem)
    data, root = yamlio.parse(reading.decode_text(content, path, problem), path, problem)
    return _ReadFile(content, data, root)


def _mapping(
    read: _ReadFile, path: Path, problem: type[FileProblem], kind: str, starts: str
) -> dict[Any, Any]:
    """The file's data, which must be a mapping (an empty file or a list is refused)."""
    if not isinstance(read.data, dict):
        raise problem(
            path,
            "this file is empty" if read.data is None else f"this is not a {kind} file",
            f"a {kind} file is a YAML mapping starting with {starts}",
            line=1,
        )
    return read.data


# ---------------------------------------------------------------------------------------------
# Sessions
# ---------------------------------------------------------------------------------------------


def read_session(path: Path | str, framework: Framework) -> LoadedSession:
    """Read a session file once and check it against ``framework``: all that was read.

    A session made with a different version of the framework still opens: the difference is
    reported in :attr:`LoadedSession.notices`, and records for ids the framework no longer has
    are kept (so nothing is lost on the next save) and listed.

    Raises:
        SessionFileError: the file is missing, not YAML, or not a valid session.
    """
    path = Path(path)
    return _session_from_data(path, _read_data(path, SessionFileError), framework)


def _session_from_data(path: Path, read: _ReadFile, framework: Framework) -> LoadedSession:
    """Check data read from a session file (by :func:`_read_data`) against ``framework``."""
    root, data = read.root, _mapping(read, path, SessionFileError, "session", "'schema_version: 1'")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        node = key_node_at(root, ("schema_version",))
        raise SessionFileError(
            path,
            f"this session was written by a newer benchmark-tui "
            f"(format {version if len(str(version)) <= 30 else 'much newer'}; this version reads "
            f"format {SCHEMA_VERSION})",
            "update benchmark-tui to open it",
            line=node.start_mark.line + 1 if node else None,
        )
    found = data.get("framework")
    ref: dict[str, Any] = found if isinstance(found, dict) else {}
    same_framework = ref.get("id") == framework.id and ref.get("hash") == framework.content_hash
    context = session_context(framework, strict_ids=same_framework)
    try:
        session = Session.model_validate(data, context=context)
    except ValidationError as err:
        raise located(err, path, root, Session, SessionFileError) from err

    notices: list[str] = []
    if not same_framework:
        made_with = f"{session.framework.id} version {session.framework.version}"
        notices.append(
            f"{path.name} was made with {made_with}, and the framework loaded now "
            f"({framework.id} version {framework.version}) has different content. "
            "The session opens, but wording may differ from what the team saw."
        )
        unknown = sorted(set(context["unknown_ids"]))
        if unknown:
            notices.append(
                "These ids are not in the current framework; their records are kept in the "
                f"file but not shown: {', '.join(unknown)}."
            )
    session.fill_missing(framework)
    session.settle_edits()  # a line being edited, kept with its line (or its words kept)
    return LoadedSession(session=session, path=path, content=read.content, notices=notices)


def load_session(path: Path | str, framework: Framework) -> Session:
    """Only the session of :func:`read_session`; its notices are issued as :class:`SessionNotice`.

    Raises:
        SessionFileError: the file is missing, not YAML, or not a valid session.
    """
    loaded = read_session(path, framework)
    for notice in loaded.notices:
        warnings.warn(notice, SessionNotice, stacklevel=2)
    return loaded.session


def save_session(session: Session, path: Path | str) -> Path:
    """Write a session atomically (earlier versions are kept by :class:`OpenSession`).

    The file on disk is at every instant either the old or the new version, never a mix.

    Raises:
        SaveError: the folder is read-only, the disk is full, or the path is unusable. The
            message says so plainly; the session in memory is untouched.
    """
    return write_session_text(session_text(session), path)


def session_text(session: Session) -> str:
    """Check a session and render the text :func:`save_session` writes.

    Raises:
        SaveError: the session holds a value that would not load again, or is larger than the
            reader accepts (:data:`~benchmark_tui.reading.MAX_FILE_BYTES`,
            :data:`~benchmark_tui.yamlio.MAX_NODES`).
    """
    return render_session_data(session.model_dump(mode="python"))


def render_session_data(data: dict[str, Any]) -> str:
    """Check a session's data (from ``model_dump``) and render the text of its file.

    The open session takes the data on the UI thread (a consistent snapshot, about a
    millisecond) and renders it here from its writer thread, so the team never waits.

    Raises:
        SaveError: as :func:`session_text`.
    """
    try:
        # In-place edits of lists bypass pydantic; never write a file that would not load.
        Session.model_validate(data)
    except ValidationError as err:
        raise SaveError(
            f"Not saved: the session holds a value that cannot be stored. {plain_error(err)} "
            "Your work is kept in memory; undo the last change and save again.",
            title="Not saved",
        ) from err
    text = SESSION_HEADER + yamlio.dump(data)
    size, values = len(text.encode("utf-8")), yamlio.count_values(data)
    if size > reading.MAX_FILE_BYTES or values > yamlio.MAX_NODES:
        # The reader refuses such a file, so writing it would lock the team out of their work.
        raise SaveError(
            f"Not saved: the session has grown too large to store ({size / 1024 / 1024:.1f} MB, "
            f"{values:,} values; a session file holds at most "
            f"{reading.MAX_FILE_BYTES // (1024 * 1024)} MB and {yamlio.MAX_NODES:,} values). "
            "Your work is kept in memory; shorten or remove some text, then save again.",
            title="Not saved",
        )
    return text


def write_session_text(text: str, path: Path | str) -> Path:
    """Write session text (from :func:`session_text`) atomically.

    Raises:
        SaveError: the folder is read-only, the disk is full, or the path is unusable.
    """
    path = Path(path)
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as err:
        raise SaveError(
            f"Not saved: {explain_write_error(err, path, what='the session')}. "
            "Your work is kept in memory.",
            title="Not saved",
        ) from err
    return path


# ---------------------------------------------------------------------------------------------
# Sessions folder
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionSummary:
    """One line of the sessions list: enough to pick a session without opening it."""

    path: Path
    service: str
    scope: str
    dates: str
    progress: Progress | None
    updated: datetime | None
    problem: str | None = None
    """Why the file could not be read, if it could not."""
    pending: bool = False
    """Not read yet: only the file name is known (the sessions list fills it in later)."""


def summarise_session(path: Path, framework: Framework) -> SessionSummary:
    """One session file as the sessions list shows it (with its problem, if it cannot be read)."""
    try:
        session = read_session(path, framework).session
    except FileProblem as err:
        return SessionSummary(path, path.stem, "", "", None, None, problem=err.message)
    return SessionSummary(
        path=path,
        service=session.service.name,
        scope=session.service.scope_label,
        dates=session.workshop.dates_label,
        progress=session.progress(framework),
        updated=session.updated,
    )


def list_sessions(folder: Path, framework: Framework) -> list[SessionSummary]:
    """Summarise every session file in a folder, most recently updated first.

    Files that cannot be read are listed too, with their problem, rather than hidden. A
    folder not made yet holds no sessions.

    Raises:
        FileProblem: the folder is there but cannot be listed (a folder that may not be
            opened, a file or a link loop where the folder should be, a name too long), so
            the list would wrongly say there are no sessions yet.
    """
    return most_recent_first([summarise_session(p, framework) for p in session_files(folder)])


def session_files(folder: Path) -> list[Path]:
    """The session files of a folder, by name, without reading any (see :func:`list_sessions`).

    Raises:
        FileProblem: the folder is there but cannot be listed.
    """
    if not paths.check_folder(folder, _FolderProblem, what="sessions folder"):
        return []
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.name.endswith(SESSION_SUFFIX) and not entry.name.startswith(".")
        )
    except OSError as err:
        raise _FolderProblem(
            folder, f"cannot list this sessions folder: {os_problem(err)}", ""
        ) from err
    return [folder / name for name in names]


def most_recent_first(summaries: Iterable[SessionSummary]) -> list[SessionSummary]:
    """Sessions ordered as the sessions list shows them: the most recently updated first."""
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(summaries, key=lambda s: s.updated or oldest, reverse=True)


class _FolderProblem(FileProblem):
    """The sessions folder cannot be listed (said with its path, and what to do)."""

    def __init__(self, path: Path | str, problem: str, hint: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("title", "The sessions folder cannot be read")
        super().__init__(
            path,
            problem,
            hint or "check that you may open it, or choose another folder (--sessions-dir)",
            **kwargs,
        )


def recent_sessions(
    recent: Iterable[Path | str],
    framework: Framework,
    *,
    listed: Iterable[Path] = (),
    summarise: Callable[[Path, Framework], SessionSummary] | None = None,
) -> list[SessionSummary]:
    """The recently opened sessions that are still there and still sessions, in order.

    The start screen lists them beside the sessions folder. It never raises: a file since
    deleted, moved behind a folder that may not be opened, replaced by a link loop or by
    anything but a session is left out, as is one already ``listed`` (any spelling of it).
    ``summarise`` reads one file (:func:`summarise_session` unless given: the sessions list
    gives one that uses its cache).
    """
    seen = {real_path(path) for path in listed}
    found: list[SessionSummary] = []
    for entry in recent:
        path = Path(entry)
        if path.name.startswith("."):
            continue
        real = real_path(path)
        kind = paths.stat_of(path)
        if real in seen or kind is None or not stat.S_ISREG(kind.st_mode):
            continue
        seen.add(real)
        summary = (summarise or summarise_session)(path, framework)
        if summary.problem is None:  # not (or no longer) a session: not worth listing
            found.append(summary)
    return found


def slugify(text: str) -> str:
    """A file-name-safe slug: ``Example Borough Libraries`` → ``example-borough-libraries``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:60].strip("-") or "session"
    return slug if windows_name_problem(slug) is None else f"{slug}-library"  # "con" is a device


def new_session_path(folder: Path, session: Session) -> Path:
    """A file name for a new session that does not overwrite an existing one."""
    day = min(session.workshop.dates) if session.workshop.dates else session.created.date()
    base = f"{slugify(session.service.name)}-{day.isoformat()}"
    candidate = folder / f"{base}{SESSION_SUFFIX}"
    n = 2
    while paths.exists(candidate):
        candidate = folder / f"{base}-{n}{SESSION_SUFFIX}"
        n += 1
    return candidate


def create_session_file(session: Session, folder: Path) -> Path:
    """Save a new session under a fresh name in ``folder`` (created if missing).

    Raises:
        SaveError: the folder cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SaveError(
            f"Not saved: {explain_write_error(err, folder / 'new.yaml', what='the session')}.",
            title="Not saved",
        ) from err
    path = new_session_path(folder, session)
    problem = new_file_problem(path, versions=True)  # a folder too deep for Windows
    if problem is not None:
        raise SaveError(f"Not saved: {problem}.", title="Not saved")
    return save_session(session, path)


# ---------------------------------------------------------------------------------------------
# Detecting file kinds (for `benchmark-tui validate`)
# ---------------------------------------------------------------------------------------------

FileKind = Literal["framework", "session"]


def detect_kind(path: Path | str) -> FileKind:
    """Guess whether a YAML file is a framework or a session, from its top-level keys.

    Raises:
        SessionFileError: the file cannot be read or parsed at all.
    """
    path = Path(path)
    data = _read_data(path, SessionFileError).data
    return "framework" if _looks_like_framework(data) else "session"


def _looks_like_framework(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and bool({"evaluation", "scale"} & set(data))
        and ("service" not in data)
    )


def check_file(path: Path | str, framework: Framework) -> Framework | LoadedSession:
    """Read a framework or session file and check it, as ``benchmark-tui validate`` does.

    Gives the result and the errors of :func:`detect_kind` followed by :func:`load_framework`
    or :func:`read_session`, but reads a session file once instead of twice (a framework file
    is read again by :func:`load_framework`, whose result is cached).

    Args:
        path: the file.
        framework: the framework sessions are checked against.

    Returns:
        The framework, if the file is one; otherwise the session read as :func:`read_session`.

    Raises:
        FileProblem: the file cannot be read or is not valid (a :class:`SessionFileError`
            unless it was recognised as a framework).
    """
    path = Path(path)
    read = _read_data(path, SessionFileError)
    if _looks_like_framework(read.data):
        return load_framework(path)
    return _session_from_data(path, read, framework)
