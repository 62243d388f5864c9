"""Tests for loading and saving: lossless round trips, located errors, atomic saves."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from benchmark_tui.errors import FrameworkError, SaveError, SessionFileError
from benchmark_tui.models import Approach, Measure, PeriodValue, TeamMember
from benchmark_tui.store import (
    bundled_framework_path,
    detect_kind,
    list_sessions,
    load_framework,
    load_session,
    new_session_path,
    read_session,
    save_session,
    session_text,
    slugify,
)

AWKWARD = [
    "She said \"yes\" and 'no'",
    "key: value with a colon",
    "# not a comment",
    "   leading spaces",
    "trailing spaces   ",
    "line one\nline two\n\nline four",
    "\n starts with a newline",
    "ends with newlines\n\n",
    "emoji 📚🙂👩🏽‍💻",
    "right-to-left: مكتبة עברית",
    "- looks like a list",
    "yes",
    "null",
    "2026-03-12",
    "0777",
    "{braces} [brackets] & ampersands <tags> %percent @at `tick`",
    "tab\tinside",
    "£3.10 – en dash — em dash … ellipsis",
]


def test_the_bundled_framework_is_the_repo_root_file():
    assert (
        bundled_framework_path().read_bytes()
        == (Path(__file__).resolve().parents[1] / "framework.yaml").read_bytes()
    )


def test_round_trip_is_lossless_for_awkward_text(framework, session, tmp_path):
    record = session.record("leadership")
    record.approaches = [Approach(text=t) for t in AWKWARD if t.strip()]
    record.evidence.summary = "\n".join(AWKWARD)
    record.strengths = [t for t in AWKWARD if t.strip()]
    record.ratings["plan"].note = AWKWARD[5]
    record.ratings["do"].votes = {"Aoife O'Neill": 3, "Sam": 1}
    record.ratings["do"].revealed = True
    record.ratings["do"].dissent = AWKWARD[5]
    session.record("governance").ratings["plan"].tally = [0, 1, 3, 1, 0]
    session.area("outcomes").measures = [
        Measure(
            name="Visits: all branches",
            values=[
                PeriodValue(period="2022/23", value="41,200"),
                PeriodValue(period="2023", value="1"),
            ],
            trend="declining",
            note=AWKWARD[3],
        )
    ]
    session.workshop.team.append(TeamMember(name="Aoife O'Neill", role="Friends & volunteers"))
    session.service.name = "Example: Borough # Libraries"
    path = tmp_path / "s.yaml"
    save_session(session, path)
    loaded = load_session(path, framework)
    assert loaded == session
    # and saving the loaded session writes the same bytes
    assert session_text(loaded) == path.read_text(encoding="utf-8")


def test_saved_yaml_is_readable(session, tmp_path):
    session.record("evidence").evidence.summary = "Visits fell 4%.\nE-loans rose 31%."
    session.service.name = "Bibliothèque — Ωmega 📚"
    text = session_text(session)
    assert text.index("schema_version") < text.index("service:") < text.index("characteristics:")
    assert "summary: |" in text  # multi-line text as a block scalar
    assert "Bibliothèque — Ωmega 📚" in text  # unicode as is, not escaped
    assert "\\u" not in text


def test_the_example_session_validates_and_is_complete(framework, example_path):
    loaded = read_session(example_path, framework)
    assert loaded.notices == []
    session = loaded.session
    assert session.progress(framework).label == "14/14 agreed"
    assert session.findings_remarks(framework) == []
    assert not list(session.unrated(framework))
    assert session.plan.actions
    for record in session.characteristics.values():
        assert record.approaches and record.evidence.summary


# --- located errors ------------------------------------------------------------------------

MINIMAL = """\
schema_version: 1
framework:
  id: libraries-taskforce-benchmarking
  version: beta-2017
  hash: {hash}
service:
  name: Testshire Libraries
characteristics:
  leadership:
    state: in-progress
    ratings:
      plan:
        value: 3
"""


@pytest.fixture
def minimal(framework) -> str:
    return MINIMAL.format(hash=framework.content_hash)


def test_a_minimal_hand_written_session_loads_and_is_filled_in(framework, minimal, tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text(minimal, encoding="utf-8")
    session = load_session(path, framework)
    assert session.record("leadership").rating_for("plan") == 3
    assert len(session.characteristics) == 10 and len(session.results) == 4


BAD_SESSIONS = {
    "syntax error": (
        lambda t: t.replace("  name: Testshire Libraries", "  name: [Testshire"),
        8,
        "check the indentation",
    ),
    "unknown key": (
        lambda t: t.replace(
            "  name: Testshire Libraries", "  name: Testshire Libraries\n  colour: blue"
        ),
        8,
        "unknown key 'colour'",
    ),
    "rating 5": (lambda t: t.replace("value: 3", "value: 5"), 13, "0 (Not at all) to 4"),
    "rating as text": (lambda t: t.replace("value: 3", 'value: "3"'), 13, "whole number"),
    "unknown characteristic id": (
        lambda t: t.replace("  leadership:", "  leadershp:"),
        9,
        "'leadershp' is not a characteristic",
    ),
    "wrong type": (
        lambda t: t.replace(
            "    state: in-progress", "    state: in-progress\n    approaches: one"
        ),
        11,
        "valid list",
    ),
    "unknown state": (lambda t: t.replace("in-progress", "nearly"), 10, "'agreed'"),
    "duplicate key": (
        lambda t: t.replace("  name: Testshire Libraries", "  name: A\n  name: B"),
        8,
        "appears twice",
    ),
    "missing service name": (
        lambda t: t.replace("  name: Testshire Libraries", "  scope: whole-service"),
        7,
        "service.name: Field required",
    ),
    "empty file": (lambda t: "", 1, "empty"),
    "only a comment": (lambda t: "# nothing here\n", 1, "empty"),
    "a list, not a mapping": (lambda t: "- a\n- b\n", 1, "not a session file"),
    "python tag": (
        lambda t: t.replace(
            "Testshire Libraries", '!!python/object/apply:os.system ["echo pwned"]'
        ),
        7,
        "tags are not allowed",
    ),
    "alias bomb": (
        lambda t: 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: [*b,*b]\n',
        1,
        "aliases",
    ),
    "newer format": (
        lambda t: t.replace("schema_version: 1", "schema_version: 2"),
        1,
        "newer benchmark-tui",
    ),
    "two documents": (lambda t: t + "---\nmore: 1\n", 14, "more than one YAML document"),
    "bad date": (
        lambda t: t + "workshop:\n  dates: [2026-02-30]\n",
        15,
        "",
    ),
}


@pytest.mark.parametrize("case", list(BAD_SESSIONS), ids=list(BAD_SESSIONS))
def test_bad_session_files_give_a_located_error(framework, minimal, tmp_path, case):
    mutate, line, phrase = BAD_SESSIONS[case]
    path = tmp_path / "bad.yaml"
    path.write_text(mutate(minimal), encoding="utf-8")
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    message = caught.value.message
    assert message.startswith(f"{path}:{line}:"), message
    assert phrase in message
    assert "Traceback" not in message


def test_binary_file_is_refused_with_its_name(framework, tmp_path):
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(SessionFileError, match=r"photo\.yaml:3: this is a binary file"):
        load_session(path, framework)


def test_wrongly_encoded_file_names_the_line(framework, minimal, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(minimal.replace("Testshire", "Tést").encode("latin-1"))
    with pytest.raises(SessionFileError, match=r"latin1\.yaml:7: the file is not UTF-8"):
        load_session(path, framework)


def test_missing_file_says_so(framework, tmp_path):
    with pytest.raises(SessionFileError, match="file not found"):
        load_session(tmp_path / "nope.yaml", framework)


def test_huge_file_is_refused_unread(framework, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("a: " + "x" * (6 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(SessionFileError, match="larger than 5 MB"):
        load_session(path, framework)


def test_deep_nesting_is_refused_before_it_is_built(framework, tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(SessionFileError, match="nested more than"):
        load_session(path, framework)


def test_several_problems_are_listed_together(framework, minimal, tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(
        minimal.replace("value: 3", "value: 7").replace("in-progress", "nearly"), encoding="utf-8"
    )
    with pytest.raises(SessionFileError) as caught:
        load_session(path, framework)
    lines = caught.value.message.splitlines()
    assert [line.split(":")[1] for line in lines] == ["10", "13"]


def test_broken_framework_file_is_located(tmp_path):
    text = bundled_framework_path().read_text(encoding="utf-8")
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace("    - id: do\n", "    - id: do\n      colour: red\n"), "utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    line = text.splitlines().index("    - id: do") + 2
    assert caught.value.message.startswith(f"{path}:{line}:")
    assert "unknown key 'colour'" in caught.value.message


# --- framework drift ---------------------------------------------------------------------------


def test_session_from_another_framework_version_opens_with_a_notice(framework, session, tmp_path):
    session.framework.hash = "sha256:" + "0" * 64
    session.framework.version = "beta-2016"
    session.record("leadership").strengths = ["Kept"]
    path = tmp_path / "old.yaml"
    save_session(session, path)
    text = path.read_text(encoding="utf-8").replace("  leadership:", "  retired-item:", 1)
    path.write_text(text, encoding="utf-8")
    loaded = read_session(path, framework)
    assert "beta-2016" in loaded.notices[0]
    assert "retired-item" in loaded.notices[1]
    assert loaded.session.characteristics["retired-item"].strengths == ["Kept"]
    save_session(loaded.session, path)  # nothing is dropped on the next save
    assert "retired-item:" in path.read_text(encoding="utf-8")


# --- saving --------------------------------------------------------------------------------------


def test_save_is_atomic_and_leaves_no_temp_files(framework, session, tmp_path):
    """Versions are kept by the open session (tests/test_workshop.py), not by every save."""
    path = tmp_path / "s.yaml"
    save_session(session, path)
    session.record("people").strengths = ["Strong induction for volunteers"]
    save_session(session, path)
    assert "Strong induction" in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]


def test_a_failed_save_leaves_the_previous_file_intact(session, tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    save_session(session, path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    session.record("people").strengths = ["Never written"]
    with pytest.raises(SaveError, match="disk .* is full"):
        save_session(session, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root ignores modes"
)
def test_saving_into_a_read_only_folder_says_so(session, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="read-only"):
            save_session(session, folder / "s.yaml")
    finally:
        folder.chmod(0o700)


def test_saving_where_the_folder_is_gone_says_so(session, tmp_path):
    with pytest.raises(SaveError, match="does not exist"):
        save_session(session, tmp_path / "gone" / "s.yaml")


# --- the sessions folder -------------------------------------------------------------------------


def test_list_sessions_summarises_good_files_and_reports_bad_ones(framework, session, tmp_path):
    save_session(session, tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("service: [", encoding="utf-8")
    (tmp_path / "good.yaml.bak").write_text("ignored", encoding="utf-8")
    summaries = {s.path.name: s for s in list_sessions(tmp_path, framework)}
    assert set(summaries) == {"good.yaml", "bad.yaml"}
    good = summaries["good.yaml"]
    assert (good.service, good.scope, good.progress.label) == (
        "Testshire Libraries",
        "Whole service",
        "0/14 agreed",
    )
    assert good.dates == "12 March 2026"
    assert summaries["bad.yaml"].problem and "bad.yaml:2:1" in summaries["bad.yaml"].problem


def test_new_session_path_never_overwrites(session, tmp_path):
    first = new_session_path(tmp_path, session)
    assert first.name == "testshire-libraries-2026-03-12.yaml"
    first.write_text("x", encoding="utf-8")
    assert new_session_path(tmp_path, session).name == "testshire-libraries-2026-03-12-2.yaml"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Example Borough Libraries", "example-borough-libraries"),
        ("../../etc/passwd", "etc-passwd"),
        ("Llyfrgelloedd Ceredigion — Aberystwyth", "llyfrgelloedd-ceredigion-aberystwyth"),
        ("📚", "session"),
    ],
)
def test_slugify_makes_safe_file_names(name, slug):
    assert slugify(name) == slug


def test_detect_kind_tells_frameworks_from_sessions(session, tmp_path):
    save_session(session, tmp_path / "s.yaml")
    assert detect_kind(bundled_framework_path()) == "framework"
    assert detect_kind(tmp_path / "s.yaml") == "session"


def test_dates_survive_a_round_trip_as_dates(framework, session, tmp_path):
    session.workshop.dates = [date(2026, 3, 12), date(2026, 3, 19)]
    save_session(session, tmp_path / "s.yaml")
    assert "- 2026-03-19" in (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert load_session(tmp_path / "s.yaml", framework).workshop.dates[1] == date(2026, 3, 19)


def test_permission_denied_is_explained_even_when_running_as_root(session, tmp_path, monkeypatch):
    """Root ignores folder modes, so simulate what a read-only share reports."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(SaveError) as caught:
        save_session(session, tmp_path / "s.yaml")
    assert "read-only" in caught.value.message
    assert "kept in memory" in caught.value.message


def test_an_invalid_in_memory_session_is_never_written(framework, session, tmp_path):
    """List edits in place bypass validation; the store refuses rather than write a bad file."""
    path = tmp_path / "s.yaml"
    save_session(session, path)
    before = path.read_bytes()
    session.record("leadership").strengths.append("   ")
    with pytest.raises(SaveError, match="kept in memory"):
        save_session(session, path)
    assert path.read_bytes() == before
