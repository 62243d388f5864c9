"""Provides the sessions list's index: the files of a folder at once, their summaries later.

The sessions list must appear at once, whatever the folder holds (200 sessions, a network
drive, a OneDrive folder not yet downloaded): :func:`session_files` only lists the names, and
:func:`read_summaries` (run by the TUI in a worker thread) summarises each file, taking what
it can from :class:`SummaryCache`, a small JSON file in the user's cache folder keyed by
path, size and modification time, so a second start reads nothing it has already read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmark_tui import __version__
from benchmark_tui.files import write_atomically
from benchmark_tui.models import Framework, Progress
from benchmark_tui.settings import cache_dir
from benchmark_tui.store import SessionSummary, summarise_session

Reader = Callable[[Path, Framework], SessionSummary]
"""Summarises one session file (:func:`~benchmark_tui.store.summarise_session`; tests slow it)."""

CACHE_NAME = "sessions-list.json"
MAX_ENTRIES = 2000
"""Entries kept in the cache (the most recently seen): a few hundred KiB at most."""


def unread(path: Path) -> SessionSummary:
    """A session of which only the file name is known yet."""
    return SessionSummary(path, path.stem, "", "", None, None, pending=True)


def framework_key(framework: Framework) -> str:
    """What the summaries depend on besides the file: the framework and this version."""
    digest = hashlib.sha256(framework.model_dump_json().encode("utf-8")).hexdigest()[:16]
    return f"{__version__}:{digest}"


class SummaryCache:
    """Summaries of session files by path, valid while the file's size and mtime are the same.

    A missing, damaged or foreign cache file is an empty cache; it is written atomically
    (never half-written), without fsync, and a cache that cannot be written is no cache.

    Args:
        path: the cache file (None: kept in memory only).
        key: :func:`framework_key` of the framework the summaries are read against.
    """

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self.key = key
        self._entries: dict[str, dict[str, Any]] = {}
        self._changed = False
        if path is not None:
            self._entries = self._read(path, key)

    @classmethod
    def for_user(cls, framework: Framework) -> SummaryCache:
        """The cache in the user's cache folder (``BENCHMARK_TUI_CACHE_DIR`` overrides it)."""
        return cls(cache_dir() / CACHE_NAME, framework_key(framework))

    @staticmethod
    def _read(path: Path, key: str) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, unreadable, or not JSON: start afresh
            return {}
        if not isinstance(data, dict) or data.get("key") != key:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, path: Path, stat: os.stat_result) -> SessionSummary | None:
        """The summary of a file as it was when cached, if its size and mtime are the same."""
        entry = self._entries.get(str(path))
        if (
            not isinstance(entry, dict)
            or entry.get("size") != stat.st_size
            or entry.get("mtime_ns") != stat.st_mtime_ns
        ):
            return None
        try:
            return _summary_from(path, entry["summary"])
        except (KeyError, TypeError, ValueError):  # damaged entry: read the file again
            return None

    def put(self, summary: SessionSummary, stat: os.stat_result) -> None:
        """Remember a summary of a file as it is now."""
        self._entries.pop(str(summary.path), None)  # most recent last
        self._entries[str(summary.path)] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "summary": _summary_data(summary),
        }
        self._changed = True

    def save(self) -> None:
        """Write the cache if anything changed (failures are ignored: it is only a cache)."""
        if self.path is None or not self._changed:
            return
        entries = dict(list(self._entries.items())[-MAX_ENTRIES:])
        data = json.dumps({"key": self.key, "entries": entries}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, data.encode("utf-8"), durable=False)
        except OSError:
            return
        self._changed = False


def _summary_data(summary: SessionSummary) -> dict[str, Any]:
    return {
        "service": summary.service,
        "scope": summary.scope,
        "dates": summary.dates,
        "progress": asdict(summary.progress) if summary.progress is not None else None,
        "updated": summary.updated.isoformat() if summary.updated is not None else None,
        "problem": summary.problem,
    }


def _summary_from(path: Path, data: dict[str, Any]) -> SessionSummary:
    progress = data["progress"]
    updated = data["updated"]
    return SessionSummary(
        path=path,
        service=str(data["service"]),
        scope=str(data["scope"]),
        dates=str(data["dates"]),
        progress=Progress(**progress) if progress is not None else None,
        updated=datetime.fromisoformat(updated) if updated is not None else None,
        problem=data["problem"],
    )


class CachedReader:
    """Reads a session's summary, or takes it from the cache if the file has not changed.

    Args:
        cache: the summaries already read.
        read: reads one file (:func:`~benchmark_tui.store.summarise_session`).
    """

    def __init__(self, cache: SummaryCache, read: Reader = summarise_session) -> None:
        self.cache = cache
        self.read = read

    def __call__(self, path: Path, framework: Framework) -> SessionSummary:
        try:
            stat = path.stat()
        except OSError:  # gone, or may not be opened: the reader says so
            return self.read(path, framework)
        summary = self.cache.get(path, stat)
        if summary is None:
            summary = self.read(path, framework)
            self.cache.put(summary, stat)
        return summary

    def save(self) -> None:
        """Keep what was read for next time."""
        self.cache.save()


def read_summaries(
    paths: Iterable[Path],
    framework: Framework,
    cache: SummaryCache,
    *,
    read: Reader = summarise_session,
) -> list[SessionSummary]:
    """Summarise session files, from the cache where the file has not changed, then save it."""
    reader = CachedReader(cache, read)
    try:
        return [reader(path, framework) for path in paths]
    finally:
        reader.save()
