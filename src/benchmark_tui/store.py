"""Provides loading and saving of the framework and of session files, with located errors.

This is the only module that reads or writes framework and session files. Loading turns every
problem, from a YAML syntax error to a rating of 5, into one exception type whose message reads
``path:line:column: what is wrong — what to do``. Saving is atomic and keeps the previous
version beside the file as ``NAME.yaml.bak``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from benchmark_tui import yamlio
from benchmark_tui.errors import FileProblem, FrameworkError, SaveError, SessionFileError
from benchmark_tui.models import SCHEMA_VERSION, Framework, Progress, Session, session_context

SESSION_SUFFIX = ".yaml"
BACKUP_SUFFIX = ".bak"
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
    except OSError:
        stat = None
    key = (str(target.resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key is None:
        return _load_framework_uncached(target)
    return _load_framework_cached(*key)


@lru_cache(maxsize=8)
def _load_framework_cached(resolved: str, _mtime: int, _size: int) -> Framework:
    return _load_framework_uncached(Path(resolved))


def _load_framework_uncached(path: Path) -> Framework:
    text, data = _read_data(path, FrameworkError)
    if not isinstance(data, dict):
        raise FrameworkError(
            path,
            "this file is empty" if data is None else "this is not a framework file",
            "a framework file is a YAML mapping starting with 'id:', 'version:' and 'title:'",
            line=1,
        )
    try:
        return Framework.model_validate(data)
    except ValidationError as err:
        root = _node_tree(text, path, FrameworkError)
        raise _located(err, path, root, Framework, FrameworkError) from err


def _read_data(path: Path, problem: type[FileProblem]) -> tuple[str, Any]:
    """Read a YAML file once: its text (to locate problems later, if any) and its data."""
    text = yamlio.read_text(path, problem)
    return text, yamlio.load(text, path, problem)


def _node_tree(text: str, path: Path, problem: type[FileProblem]) -> Any:
    """The node tree of text already read by :func:`_read_data`, to locate a problem in it.

    Only files with a problem need it, so it is built only then (by the slower reader that
    keeps line numbers).
    """
    return yamlio.parse(text, path, problem)[1]


# ---------------------------------------------------------------------------------------------
# Sessions
# ---------------------------------------------------------------------------------------------


def read_session(path: Path | str, framework: Framework) -> LoadedSession:
    """Load a session file and check it against ``framework``.

    A session made with a different version of the framework still opens: the difference is
    reported in :attr:`LoadedSession.notices`, and records for ids the framework no longer has
    are kept (so nothing is lost on the next save) and listed.

    Raises:
        SessionFileError: the file is missing, not YAML, or not a valid session.
    """
    path = Path(path)
    text, data = _read_data(path, SessionFileError)
    return _session_from_data(path, text, data, framework)


def _session_from_data(path: Path, text: str, data: Any, framework: Framework) -> LoadedSession:
    """Check data read from a session file (by :func:`_read_data`) against ``framework``."""
    if not isinstance(data, dict):
        raise SessionFileError(
            path,
            "this file is empty" if data is None else "this is not a session file",
            "a session file is a YAML mapping starting with 'schema_version: 1'",
            line=1,
        )
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        root = _node_tree(text, path, SessionFileError)
        node = yamlio.key_node_at(root, ("schema_version",))
        raise SessionFileError(
            path,
            f"this session was written by a newer benchmark-tui "
            f"(format {version}; this version reads format {SCHEMA_VERSION})",
            "update benchmark-tui to open it",
            line=node.start_mark.line + 1 if node else None,
        )
    ref = data.get("framework") if isinstance(data.get("framework"), dict) else {}
    same_framework = ref.get("id") == framework.id and ref.get("hash") == framework.content_hash
    context = session_context(framework, strict_ids=same_framework)
    try:
        session = Session.model_validate(data, context=context)
    except ValidationError as err:
        root = _node_tree(text, path, SessionFileError)
        raise _located(err, path, root, Session, SessionFileError) from err

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
    return LoadedSession(session=session, path=path, notices=notices)


def load_session(path: Path | str, framework: Framework) -> Session:
    """Load a session file; notices (e.g. framework drift) are issued as :class:`SessionNotice`.

    Raises:
        SessionFileError: the file is missing, not YAML, or not a valid session.
    """
    loaded = read_session(path, framework)
    for notice in loaded.notices:
        warnings.warn(notice, SessionNotice, stacklevel=2)
    return loaded.session


def save_session(session: Session, path: Path | str) -> Path:
    """Write a session atomically, keeping the previous version as ``NAME.yaml.bak``.

    The file on disk is at every instant either the old or the new version, never a mix.

    Raises:
        SaveError: the folder is read-only, the disk is full, or the path is unusable. The
            message says so plainly; the session in memory is untouched.
    """
    return write_session_text(session_text(session), path)


def session_text(session: Session) -> str:
    """Check a session and render the text :func:`save_session` writes.

    The app calls this on its own thread (a consistent snapshot) and writes the text from a
    worker thread with :func:`write_session_text`, so the team never waits for the disk.

    Raises:
        SaveError: the session holds a value that would not load again, or is larger than the
            reader accepts (:data:`~benchmark_tui.yamlio.MAX_FILE_BYTES`,
            :data:`~benchmark_tui.yamlio.MAX_NODES`).
    """
    data = session.model_dump(mode="python")
    try:
        # In-place edits of lists bypass pydantic; never write a file that would not load.
        Session.model_validate(data)
    except ValidationError as err:
        raise SaveError(
            f"Not saved: the session holds a value that cannot be stored ({err.errors()[0]['msg']}"
            f" at {'.'.join(str(p) for p in err.errors()[0]['loc'])}). "
            "Your work is kept in memory; undo the last change and save again.",
            title="Not saved",
        ) from err
    text = SESSION_HEADER + yamlio.dump(data)
    size, values = len(text.encode("utf-8")), yamlio.count_values(data)
    if size > yamlio.MAX_FILE_BYTES or values > yamlio.MAX_NODES:
        # The reader refuses such a file, so writing it would lock the team out of their work.
        raise SaveError(
            f"Not saved: the session has grown too large to store ({size / 1024 / 1024:.1f} MB, "
            f"{values:,} values; a session file holds at most "
            f"{yamlio.MAX_FILE_BYTES // (1024 * 1024)} MB and {yamlio.MAX_NODES:,} values). "
            "Your work is kept in memory; shorten or remove some text, then save again.",
            title="Not saved",
        )
    return text


def write_session_text(text: str, path: Path | str) -> Path:
    """Write session text (from :func:`session_text`) atomically, keeping a ``.bak``.

    Raises:
        SaveError: the folder is read-only, the disk is full, or the path is unusable.
    """
    path = Path(path)
    try:
        write_atomically(path, text.encode("utf-8"), backup=True)
    except OSError as err:
        raise SaveError(_explain_write_error(err, path), title="Not saved") from err
    return path


def backup_path(path: Path) -> Path:
    """Where the previous version of a session file is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def write_atomically(
    path: Path, data: bytes, *, backup: bool = False, durable: bool = True
) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The data goes to a temporary file in the same folder, is flushed and fsynced, and is then
    renamed over the target; the folder is fsynced so the rename survives a power cut. With
    ``backup``, the previous file is first kept as ``NAME.bak`` (a hard link where possible, so
    no copying happens on every autosave). With ``durable=False`` nothing is fsynced: the file
    is still never half-written, but a power cut may bring back the previous version (for
    files such as the settings, where that costs nothing and the fsyncs cost start-up time).

    Raises:
        OSError: whatever the operating system reported.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        if backup and path.is_file():
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        _fsync_folder(folder)


def remove_leftover_temp_files(path: Path) -> list[Path]:
    """Delete temporary files that writers killed mid-save left beside ``path``.

    :func:`write_atomically` writes ``.NAME.RANDOM.tmp`` (and ``.NAME.bak.RANDOM.tmp`` for the
    backup) and renames it into place; a crash between the two leaves it behind. Call this
    only while nobody else can be writing ``path``: :meth:`SessionLock.acquire` does.

    Returns:
        The files removed.
    """
    leftover = re.compile(rf"\.{re.escape(path.name)}\.(?:bak\.)?[a-z0-9_]+\.tmp")
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for candidate in path.parent.iterdir():
            if leftover.fullmatch(candidate.name) and candidate.is_file():
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    removed.append(candidate)
    return removed


def _keep_backup(path: Path) -> None:
    target = backup_path(path)
    with contextlib.suppress(OSError):
        if os.path.samefile(path, target):
            # A save interrupted after this step left both names on one file: the backup
            # already holds this version. (Renaming a third link over it would do nothing,
            # POSIX says, and the staging file would stay behind.)
            return
    fd, staging_name = tempfile.mkstemp(dir=path.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    staging = Path(staging_name)
    try:
        staging.unlink()
        try:
            os.link(path, staging)
        except OSError:  # file systems without hard links (FAT sticks, some shares)
            staging.write_bytes(path.read_bytes())
        os.replace(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _explain_write_error(err: OSError, path: Path) -> str:
    folder = path.parent
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what = f"cannot write to {folder} (the folder or file is read-only)"
    elif err.errno == errno.ENOSPC:
        what = f"the disk holding {folder} is full"
    elif err.errno == errno.ENOENT:
        what = f"the folder {folder} does not exist (was a USB stick removed?)"
    else:
        what = f"cannot write {path} ({err.strerror or err})"
    return (
        f"Not saved: {what}. Your work is kept in memory; "
        "free some space or choose another folder, then save again."
    )


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
    first_date: date | None = None


def list_sessions(folder: Path, framework: Framework) -> list[SessionSummary]:
    """Summarise every session file in a folder, most recently updated first.

    Files that cannot be read are listed too, with their problem, rather than hidden.
    """
    summaries: list[SessionSummary] = []
    if not folder.is_dir():
        return summaries
    for path in sorted(folder.glob(f"*{SESSION_SUFFIX}")):
        if path.name.startswith("."):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SessionNotice)
                session = load_session(path, framework)
        except FileProblem as err:
            summaries.append(SessionSummary(path, path.stem, "", "", None, "", problem=err.message))
            continue
        summaries.append(
            SessionSummary(
                path=path,
                service=session.service.name,
                scope=session.service.scope_label,
                dates=session.workshop.dates_label,
                progress=session.progress(framework),
                updated=session.updated,
                first_date=min(session.workshop.dates) if session.workshop.dates else None,
            )
        )
    oldest = datetime.min.replace(tzinfo=UTC)
    summaries.sort(key=lambda s: s.updated or oldest, reverse=True)
    return summaries


def slugify(text: str) -> str:
    """A file-name-safe slug: ``Example Borough Libraries`` → ``example-borough-libraries``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "session"


def new_session_path(folder: Path, session: Session) -> Path:
    """A file name for a new session that does not overwrite an existing one."""
    day = min(session.workshop.dates) if session.workshop.dates else session.created.date()
    base = f"{slugify(session.service.name)}-{day.isoformat()}"
    candidate = folder / f"{base}{SESSION_SUFFIX}"
    n = 2
    while candidate.exists():
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
        raise SaveError(_explain_write_error(err, folder / "x"), title="Not saved") from err
    return save_session(session, new_session_path(folder, session))


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
    _text, data = _read_data(path, SessionFileError)
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
    text, data = _read_data(path, SessionFileError)
    if _looks_like_framework(data):
        return load_framework(path)
    return _session_from_data(path, text, data, framework)


# ---------------------------------------------------------------------------------------------
# Located validation errors
# ---------------------------------------------------------------------------------------------

_HINTS = {
    "missing": "add it",
    "int_type": "write a whole number without quotes",
    "int_parsing": "write a whole number",
    "string_type": "write text; put it in quotes if it looks like a number, date or yes/no",
    "list_type": "write a list, one '- item' per line",
    "dict_type": "write a mapping of 'key: value' lines",
    "model_type": "write a mapping of 'key: value' lines",
    "model_attributes_type": "write a mapping of 'key: value' lines",
    "string_too_short": "write some text, or delete the item",
    "string_too_long": "shorten it",
    "too_long": "remove some items",
    "too_short": "add the missing items",
    "literal_error": "use one of the values listed",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "datetime_parsing": "write the time as YYYY-MM-DD HH:MM:SS+00:00",
    "datetime_type": "write the time as YYYY-MM-DD HH:MM:SS+00:00",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "string_pattern_mismatch": "ids use lower-case letters, digits and single hyphens",
    "less_than_equal": "use a smaller number",
    "greater_than_equal": "use a larger number",
}
_RATING_HINT = "use a whole number from 0 (Not at all) to 4 (Completely), or null if not yet rated"


def _located(
    err: ValidationError,
    path: Path,
    root: Any,
    model: type[BaseModel],
    kind: type[FileProblem],
) -> FileProblem:
    """Turn a pydantic error into a FileProblem pointing at the YAML line of the first error.

    When there are several errors, all are listed (up to ten), one per line.
    """
    problems: list[FileProblem] = []
    for detail in err.errors(include_url=False)[:10]:
        loc = tuple(detail["loc"])
        etype = detail["type"]
        if etype in ("missing", "extra_forbidden"):
            node = yamlio.key_node_at(root, loc) if etype == "extra_forbidden" else None
            node = node or yamlio.node_at(root, loc)
        else:
            node = yamlio.node_at(root, loc)
        where = ".".join(str(p) for p in loc if p != "[key]")
        message = detail["msg"].removeprefix("Value error, ")
        if etype == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            message = f"unknown key {loc[-1]!r}"
            where = ".".join(str(p) for p in loc[:-1])
            hint = "remove it or correct its spelling" + (
                f" (allowed here: {', '.join(allowed)})" if allowed else ""
            )
        elif etype == "missing":
            hint = f"add '{loc[-1]}:' here"
        elif ("ratings" in loc and loc[-1] == "value") or "votes" in loc:
            hint = _RATING_HINT
        else:
            hint = _HINTS.get(etype, "")
        problem = f"{where}: {message}" if where else message
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        problems.append(kind(path, problem, hint, line=line, column=column, title=_title_for(kind)))
    first = problems[0]
    if len(problems) > 1:
        extra = err.error_count() - len(problems)
        lines = [p.message for p in problems]
        if extra > 0:
            lines.append(f"… and {extra} more problems")
        first.message = "\n".join(lines)
        first.args = (first.message,)
    return first


def _title_for(kind: type[FileProblem]) -> str:
    if kind is FrameworkError:
        return "The framework file has a problem"
    return "The session file has a problem"


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model``, if there is one."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = info.annotation
        elif get_origin(current) is list:
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] from a type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


# ---------------------------------------------------------------------------------------------
# One writer per session
# ---------------------------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """The lock file that marks a session as open for editing (hidden, beside the session)."""
    return path.with_name(f".{path.name}.lock")


class SessionLock:
    """Marks a session file as open for editing by one running benchmark-tui.

    Uses an operating-system lock on a small file beside the session (filelock), which the
    system releases when the process ends however it ends, so a crashed instance never leaves
    a stale lock behind.
    """

    def __init__(self, path: Path) -> None:
        from filelock import FileLock

        self.session_path = Path(path)
        self.path = lock_path(self.session_path)
        self._lock = FileLock(self.path, timeout=0, thread_local=False)

    def acquire(self) -> bool:
        """Take the lock; False if another instance holds it.

        Holding the lock means nobody else is writing the session, so temporary files left
        beside it by a writer that was killed mid-save are removed here. A folder that cannot
        hold a lock file (read-only) counts as acquired: saving will say plainly what is wrong.
        """
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        except OSError:
            return True
        remove_leftover_temp_files(self.session_path)
        return True

    def release(self) -> None:
        """Give the lock up (safe to call when not held)."""
        if self._lock.is_locked:
            self._lock.release()

    @property
    def is_held(self) -> bool:
        """Whether this process holds the lock."""
        return self._lock.is_locked
