"""The sessions list's index (issue 21): names at once, summaries from a cache keyed by path,
size and modification time, so a second start reads nothing it has already read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from benchmark_tui.session_index import SummaryCache, read_summaries
from benchmark_tui.settings import cache_dir
from benchmark_tui.store import list_sessions, session_files, summarise_session

from .conftest import EXAMPLE_SESSION


class CountingReader:
    """summarise_session, counting the files it reads."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, path, framework):
        self.read.append(path.name)
        return summarise_session(path, framework)


@pytest.fixture
def folder(tmp_path) -> Path:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    for n in range(3):
        shutil.copy(EXAMPLE_SESSION, sessions / f"s{n}.yaml")
    (sessions / "broken.yaml").write_text("service: [", encoding="utf-8")
    return sessions


def summaries(folder, framework, reader):
    cache = SummaryCache.for_user(framework)
    return list(read_summaries(session_files(folder), framework, cache, read=reader))


def test_a_second_start_reads_nothing_it_has_read(folder, framework):
    first = CountingReader()
    once = summaries(folder, framework, first)
    assert sorted(first.read) == ["broken.yaml", "s0.yaml", "s1.yaml", "s2.yaml"]
    assert (cache_dir() / "sessions-list.json").is_file()
    again = CountingReader()
    twice = summaries(folder, framework, again)
    assert again.read == []
    assert twice == once  # the same titles, progress, dates and problems
    assert {s.path.name: s for s in twice}["broken.yaml"].problem
    assert sorted(twice, key=lambda s: s.path) == sorted(
        list_sessions(folder, framework), key=lambda s: s.path
    )


def test_a_changed_file_is_read_again(folder, framework):
    summaries(folder, framework, CountingReader())
    path = folder / "s1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Example Borough Libraries", "Other Borough Libraries", 1))
    os.utime(path, ns=(1, 1))  # even with an old time: the size changed
    again = CountingReader()
    shown = {s.path.name: s for s in summaries(folder, framework, again)}
    assert again.read == ["s1.yaml"]
    assert shown["s1.yaml"].service == "Other Borough Libraries"


@pytest.mark.parametrize("damage", ["", "{not json", '{"key": 1}', "[1, 2]", '{"entries": 5}'])
def test_a_damaged_cache_is_ignored_and_replaced(folder, framework, damage):
    summaries(folder, framework, CountingReader())
    cache_file = cache_dir() / "sessions-list.json"
    cache_file.write_text(damage, encoding="utf-8")
    again = CountingReader()
    assert len(summaries(folder, framework, again)) == 4
    assert len(again.read) == 4
    third = CountingReader()
    summaries(folder, framework, third)
    assert third.read == []  # written again, whole
    assert [p.name for p in cache_file.parent.iterdir()] == ["sessions-list.json"]


def test_a_damaged_entry_is_read_again(folder, framework):
    summaries(folder, framework, CountingReader())
    cache_file = cache_dir() / "sessions-list.json"
    cache_file.write_text(
        cache_file.read_text(encoding="utf-8").replace('"service"', '"servise"', 1),
        encoding="utf-8",
    )
    again = CountingReader()
    summaries(folder, framework, again)
    assert len(again.read) == 1


def test_a_cache_that_cannot_be_written_is_no_obstacle(folder, framework, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BENCHMARK_TUI_CACHE_DIR", str(blocker / "cache"))
    assert len(summaries(folder, framework, CountingReader())) == 4
