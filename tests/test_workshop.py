"""The open session's life without Textual: open, lock, undo, save, versions, outside edits.

Each test reproduces a way the team's work could be lost (issue 11) and checks it no longer is.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from benchmark_tui import versions
from benchmark_tui.edits import AddListItem, EditRefused, ReviewAction, SetText
from benchmark_tui.errors import NeedsConfirmation, OutsideChange, SaveError
from benchmark_tui.locks import SessionLock, lock_path
from benchmark_tui.models import Position
from benchmark_tui.store import load_session, save_session
from benchmark_tui.workshop import OpenSession

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and symlinks")
not_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores read-only permissions"
)


def edit(workshop: OpenSession, text: str) -> None:
    workshop.apply(AddListItem(item="leadership", list_name="strengths", text=text))


# -- opening never rewrites; a save with no change writes nothing ------------------------------


def test_opening_and_closing_a_session_leaves_the_file_untouched(path, framework):
    before = path.read_bytes(), path.stat().st_mtime_ns
    workshop = OpenSession.open(path, framework)
    assert workshop.save_now()
    workshop.close()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert not versions.versions_folder(path).exists()


def test_a_hand_formatted_file_is_not_rewritten_on_open(path, framework):
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment someone added\n", "utf-8")
    before = path.read_bytes()
    workshop = OpenSession.open(path, framework)
    workshop.save_now()
    workshop.close()
    assert path.read_bytes() == before


def test_moving_around_is_saved_but_keeps_no_version(opened, path):
    assert opened.move_to(Position(place="overview"))
    opened.save_now()
    assert "place: overview" in path.read_text(encoding="utf-8")
    assert opened.versions() == []


# -- versions ----------------------------------------------------------------------------------


def test_each_save_that_changes_content_keeps_the_previous_version(opened, path, framework):
    first = path.read_bytes()
    edit(opened, "Clear vision")
    opened.save_now()
    second = path.read_bytes()
    edit(opened, "Strong partnerships")
    opened.save_now()
    kept = opened.versions()
    assert [v.path.read_bytes() for v in kept] == [second, first]
    assert load_session(kept[0].path, framework).record("leadership").strengths == ["Clear vision"]


def test_closing_the_app_does_not_push_the_last_version_out(opened, path):
    edit(opened, "Clear vision")
    opened.save_now()
    kept = opened.versions()
    opened.save_now()  # what quitting does
    opened.close()
    assert opened.versions() == kept


def test_restore_brings_back_a_version_and_keeps_the_current_one(opened, path, framework):
    edit(opened, "Clear vision")
    opened.save_now()
    edit(opened, "Strong partnerships")
    opened.save_now()
    oldest = opened.versions()[-1]  # before any strength
    said = opened.restore(oldest)
    assert "removed" in said
    opened.save_now()
    assert load_session(path, framework).record("leadership").strengths == []
    newest = opened.versions()[0]
    assert load_session(newest.path, framework).record("leadership").strengths == [
        "Clear vision",
        "Strong partnerships",
    ]
    assert opened.undo() is not None  # the restore itself can be undone
    assert opened.session.record("leadership").strengths == ["Clear vision", "Strong partnerships"]


def test_history_is_thinned_as_it_ages_and_bounded(tmp_path):
    target = tmp_path / "s.yaml"
    now = datetime(2026, 3, 12, 16, 0, tzinfo=UTC)
    # a version every 20 seconds for three days
    for n in range(3 * 24 * 180):
        when = now - timedelta(seconds=20 * n)
        folder = versions.versions_folder(target)
        folder.mkdir(exist_ok=True)
        (folder / f"{when:%Y-%m-%d_%H-%M-%S}.yaml").write_bytes(b"x")
    versions.prune(target, now=now)
    kept = versions.list_versions(target)
    ages = [now - v.saved for v in kept]
    assert len(kept) <= versions.MAX_VERSIONS
    assert [v.saved for v in kept[: versions.KEEP_NEWEST]] == [
        now - timedelta(seconds=20 * n) for n in range(versions.KEEP_NEWEST)
    ]
    older = kept[versions.KEEP_NEWEST :]
    in_hour = [v.saved for v in older if now - v.saved <= timedelta(hours=1)]
    assert 50 <= len(in_hour) <= 60
    assert len({t.strftime("%H%M") for t in in_hour}) == len(in_hour), "one a minute"
    hourly = [a for a in ages if timedelta(hours=1) < a <= timedelta(days=1)]
    assert 22 <= len(hourly) <= 24
    assert 1 <= len([a for a in ages if a > timedelta(days=1)]) <= 3


# -- undo --------------------------------------------------------------------------------------


def test_undo_says_what_was_undone(opened):
    edit(opened, "Clear vision from the head of service, shared with every branch")
    said = opened.undo()
    assert said is not None
    assert "strength 'Clear vision from the head of service" in said and "removed" in said
    assert opened.undo() is None


def test_typing_into_one_box_is_one_undo_step(opened):
    for n, text in enumerate(["a", "ab", "abc"]):
        summary = SetText(item="leadership", field="evidence-summary", text=text)
        opened.apply(summary, now=100.0 + n)
    opened.undo()
    assert opened.session.record("leadership").evidence.summary == ""


# -- outside edits -----------------------------------------------------------------------------


def test_an_edit_made_outside_stops_saving_and_is_never_overwritten(opened, path, framework):
    theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
    path.write_text(theirs, encoding="utf-8")
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange) as caught:
        opened.save_now()
    assert caught.value.kind == "changed"
    assert path.read_text(encoding="utf-8") == theirs
    with pytest.raises(OutsideChange):  # still stopped: nothing is written until decided
        opened.save_now()
    assert path.read_text(encoding="utf-8") == theirs


def test_keep_ours_keeps_theirs_as_a_version(opened, path, framework):
    theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
    path.write_text(theirs, encoding="utf-8")
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange):
        opened.save_now()
    opened.keep_ours()
    assert load_session(path, framework).record("leadership").strengths == ["Clear vision"]
    assert any(v.path.read_text(encoding="utf-8") == theirs for v in opened.versions())
    edit(opened, "More")
    opened.save_now()  # saving goes on


def test_reload_theirs_keeps_ours_as_a_version(opened, path, framework):
    theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
    path.write_text(theirs, encoding="utf-8")
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange):
        opened.save_now()
    opened.reload_theirs()
    assert opened.session.service.name == "Othershire Libraries"
    ours = [load_session(v.path, framework) for v in opened.versions()]
    assert any(s.record("leadership").strengths == ["Clear vision"] for s in ours)
    assert path.read_text(encoding="utf-8") == theirs  # reloading does not rewrite


def test_garbage_written_outside_is_not_overwritten(opened, path):
    path.write_bytes(b"\x00\x01 not yaml at all")
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange):
        opened.save_now()
    assert path.read_bytes() == b"\x00\x01 not yaml at all"


def test_a_file_deleted_while_open_is_not_silently_recreated(opened, path, framework):
    path.unlink()
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange) as caught:
        opened.save_now()
    assert caught.value.kind == "deleted"
    assert not path.exists()
    opened.keep_ours()  # "save it again"
    assert load_session(path, framework).record("leadership").strengths == ["Clear vision"]


# -- one writer --------------------------------------------------------------------------------


def test_a_second_window_opens_read_only_and_saves_nothing(opened, path, framework):
    second = OpenSession.open(path, framework)
    assert second.read_only and "another benchmark-tui window" in second.read_only_reason
    with pytest.raises(EditRefused, match="another benchmark-tui window"):
        edit(second, "Should not be written")
    assert second.session.record("leadership").strengths == []
    assert second.prepare_save() is None
    second.close()


@posix_only
def test_a_symlink_is_the_same_session_with_the_same_lock(opened, path, tmp_path, framework):
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    second = OpenSession.open(link, framework)
    assert second.read_only
    second.close()
    edit(opened, "x")
    opened.close()
    via_link = OpenSession.open(link, framework)
    edit(via_link, "Clear vision")
    via_link.save_now()
    via_link.close()
    assert link.is_symlink(), "saving through a link must not replace it with a plain file"
    assert load_session(path, framework).record("leadership").strengths == ["Clear vision"]


def refuse_writes_in(folder: Path, monkeypatch) -> None:
    """Make ``folder`` behave as read-only (tests run as root, which ignores permissions)."""
    import filelock

    import benchmark_tui.workshop as workshop_module

    real_write, real_acquire = workshop_module.write_atomically, filelock.FileLock.acquire

    def write(target, data, **kwargs):
        if Path(target).parent == folder:
            raise PermissionError(13, "Permission denied", str(target))
        return real_write(target, data, **kwargs)

    def acquire(self, *args, **kwargs):
        if Path(self.lock_file).parent == folder:
            raise PermissionError(13, "Permission denied", self.lock_file)
        return real_acquire(self, *args, **kwargs)

    import benchmark_tui.session_file as session_file_module

    monkeypatch.setattr(workshop_module, "write_atomically", write)  # rescue copies
    monkeypatch.setattr(session_file_module, "write_atomically", write)  # saves
    monkeypatch.setattr(filelock.FileLock, "acquire", acquire)


def test_a_read_only_folder_opens_read_only_and_says_why(path, framework, monkeypatch):
    refuse_writes_in(path.parent, monkeypatch)
    workshop = OpenSession.open(path, framework)
    assert workshop.read_only
    assert "cannot be written" in workshop.read_only_reason
    assert "another" not in workshop.read_only_reason
    workshop.close()


@posix_only
@not_root
def test_a_really_read_only_folder_opens_read_only(path, framework):
    folder = path.parent
    folder.chmod(0o555)
    try:
        workshop = OpenSession.open(path, framework)
        assert workshop.read_only and "cannot be written" in workshop.read_only_reason
        workshop.close()
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows refuses to delete a locked file")
def test_a_deleted_lock_file_is_taken_again_by_its_holder(opened, path, framework):
    lock_path(path).unlink()
    edit(opened, "Clear vision")
    opened.save_now()  # the holder notices and re-creates its lock
    assert lock_path(path).exists()
    second = OpenSession.open(path, framework)
    assert second.read_only
    second.close()


def test_save_as_refuses_a_file_another_window_holds(opened, tmp_path, session):
    other = tmp_path / "other.yaml"
    save_session(session, other)
    holder = SessionLock(other)
    assert holder.acquire()
    try:
        with pytest.raises(SaveError, match="open in another"):
            opened.save_as(other, replace=True)
    finally:
        holder.release()


def test_save_as_asks_before_replacing_and_refuses_its_own_file(opened, path, tmp_path, session):
    with pytest.raises(SaveError, match="own file"):
        opened.save_as(path)
    other = tmp_path / "other.yaml"
    save_session(session, other)
    before = other.read_bytes()
    with pytest.raises(NeedsConfirmation):
        opened.save_as(other)
    assert other.read_bytes() == before
    edit(opened, "Clear vision")
    opened.save_as(other, replace=True)
    assert opened.path == other and not opened.read_only
    assert any(v.path.read_bytes() == before for v in versions.list_versions(other))


def test_a_read_only_window_can_save_a_copy_and_carry_on_there(opened, path, framework, tmp_path):
    second = OpenSession.open(path, framework)
    assert second.read_only
    copy = tmp_path / "copy.yaml"
    second.save_as(copy)
    assert not second.read_only and second.path == copy
    edit(second, "In the copy")
    second.save_now()
    second.close()
    assert load_session(path, framework).record("leadership").strengths == []


# -- rescue ------------------------------------------------------------------------------------


def test_rescue_saves_normally_when_it_can(opened, path, framework):
    edit(opened, "Clear vision")
    result = opened.rescue()
    assert result.path == path
    assert load_session(path, framework).record("leadership").strengths == ["Clear vision"]


def test_rescue_does_not_overwrite_an_outside_edit(opened, path, framework, tmp_path):
    path.write_text("garbage: [", encoding="utf-8")
    edit(opened, "Clear vision")
    result = opened.rescue(now=datetime(2026, 3, 12, 10, 0, tzinfo=UTC))
    assert path.read_text(encoding="utf-8") == "garbage: ["
    assert result.path is not None and result.path.parent == path.parent
    assert "rescued" in result.path.name
    assert load_session(result.path, framework).record("leadership").strengths == ["Clear vision"]


def test_rescue_goes_to_the_state_folder_when_the_session_folder_is_read_only(
    opened, path, framework, private_profile, monkeypatch
):
    edit(opened, "Clear vision")
    refuse_writes_in(path.parent, monkeypatch)
    result = opened.rescue()
    assert result.path is not None
    assert result.path.is_relative_to(private_profile / "state")
    assert str(result.path) in result.message
    assert load_session(result.path, framework).record("leadership").strengths == ["Clear vision"]


def test_rescue_says_plainly_when_nothing_could_be_saved(opened, path, monkeypatch):
    import benchmark_tui.workshop as workshop_module

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    import benchmark_tui.session_file as session_file_module

    monkeypatch.setattr(workshop_module, "write_atomically", refuse)
    monkeypatch.setattr(session_file_module, "write_atomically", refuse)
    edit(opened, "Clear vision")
    result = opened.rescue()
    assert result.path is None
    assert "could not be saved" in result.message and "full" in result.message


def test_keep_ours_keeps_theirs_once(opened, path):
    path.write_text(path.read_text(encoding="utf-8").replace("Testshire", "Othershire"), "utf-8")
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange):
        opened.save_now()
    opened.keep_ours()
    assert len(opened.versions()) == 1


def test_keep_ours_writes_nothing_if_theirs_cannot_be_kept(opened, path, monkeypatch):
    theirs = path.read_text(encoding="utf-8").replace("Testshire", "Othershire")
    path.write_text(theirs, encoding="utf-8")
    edit(opened, "Clear vision")
    with pytest.raises(OutsideChange):
        opened.save_now()

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(versions, "keep_version", full)
    with pytest.raises(SaveError, match="full"):
        opened.keep_ours()
    assert path.read_text(encoding="utf-8") == theirs


def test_a_restore_keeps_the_present_version_once(opened, path):
    edit(opened, "Clear vision")
    opened.save_now()
    edit(opened, "Strong partnerships")
    opened.save_now()
    count = len(opened.versions())
    opened.restore(opened.versions()[-1])
    opened.save_now()
    assert len(opened.versions()) == count + 1


def test_rescue_survives_any_error_in_the_save_and_falls_back_to_json(opened, path, monkeypatch):
    """The emergency save raising something other than a save error still rescues the work."""
    import benchmark_tui.workshop as workshop_module

    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug in rendering")

    edit(opened, "Clear vision")
    monkeypatch.setattr(workshop_module, "session_text", broken)
    monkeypatch.setattr(workshop_module, "render_session_data", broken)
    result = opened.rescue()
    assert result.path is not None and result.path.suffix == ".json"
    assert "Clear vision" in result.path.read_text(encoding="utf-8")
    assert str(result.path) in result.message


def test_a_session_with_a_name_of_250_bytes_can_be_saved_and_its_leftovers_found(session, tmp_path):
    """The temporary file beside it must itself fit within the file system's 255 bytes."""
    from benchmark_tui.files import remove_leftover_temp_files

    path = tmp_path / ("é" * 120 + "-s.yaml")  # 247 bytes
    save_session(session, path)
    save_session(session, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    stem = path.name.encode()[:200].decode("utf-8", "ignore")
    leftover = tmp_path / f".{stem}.abc123.tmp"
    leftover.write_text("partial", encoding="utf-8")
    assert remove_leftover_temp_files(path) == [leftover]


def test_undo_describes_the_review_of_last_times_plan(opened):
    opened.apply(ReviewAction(action_id="a1", outcome="done", note="Survey run in May"))
    said = opened.undo()
    assert said is not None and "last plan: action a1 not reviewed" in said
