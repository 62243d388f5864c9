"""Tests for `benchmark-tui next` and `benchmark-tui compare`: output, files written, exit codes."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from benchmark_tui.cli import main
from benchmark_tui.cycle import content_hash
from benchmark_tui.store import load_session, session_text

SESSIONS = Path(__file__).resolve().parents[1] / "sessions"
LAST_YEAR = SESSIONS / "example-borough-libraries-2025-03-13.yaml"
THIS_YEAR = SESSIONS / "example-borough-libraries-2026-03-12.yaml"
LIBRARIES = sorted(SESSIONS.glob("example-*-library-2026-*.yaml"))


@pytest.fixture
def this_year(tmp_path: Path) -> Path:
    """A writable copy of the 2026 example (without its previous year beside it)."""
    return Path(shutil.copy(THIS_YEAR, tmp_path / THIS_YEAR.name))


# --- next ------------------------------------------------------------------------------------


def test_next_writes_a_linked_session_beside_the_previous_one(framework, this_year, capsys):
    assert main(["next", str(this_year)]) == 0
    out = capsys.readouterr().out.strip()
    expected = this_year.parent / f"example-borough-libraries-{date.today().isoformat()}.yaml"
    assert out == f"Wrote {expected}"
    new = load_session(expected, framework)
    assert new.previous is not None and new.previous.file == this_year.name
    assert new.previous.hash == content_hash(this_year.read_bytes())
    assert new.progress(framework).label == "0/14 agreed"


def test_next_with_o_writes_there_and_never_overwrites(this_year, tmp_path, capsys):
    target = tmp_path / "ours-2027.yaml"
    assert main(["next", str(this_year), "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {target}"
    before = target.read_bytes()
    assert main(["next", str(this_year), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "exists already" in err
    assert target.read_bytes() == before


def test_next_from_an_invalid_session_gives_the_located_error(session, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(session_text(session).replace("value: null", "value: 9", 1), "utf-8")
    assert main(["next", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]


def test_next_from_a_missing_file_says_so(tmp_path, capsys):
    assert main(["next", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: file not found" in capsys.readouterr().err


# --- compare ---------------------------------------------------------------------------------


def test_compare_two_years_prints_the_table(capsys):
    assert main(["compare", str(THIS_YEAR), str(LAST_YEAR)]) == 0
    out = capsys.readouterr().out
    assert "Example Borough Libraries: over time" in out
    assert "2026  2 done, 2 partly done, 2 not done, 1 dropped" in out


def test_compare_plain_is_ascii(capsys):
    assert main(["compare", "--plain", "--across", *map(str, LIBRARIES)]) == 0
    out = capsys.readouterr().out
    assert out.isascii() and "side by side" in out and "lowest" in out


def test_compare_writes_the_csv(tmp_path, capsys):
    target = tmp_path / "roll-up.csv"
    assert main(["compare", *map(str, LIBRARIES), "--csv", str(target)]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"Wrote {target}")
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["library"] for r in rows} == {
        "Marsh End Community Library",
        "Kingsbridge Road Community Library",
        "Elmwood Village Library",
    }
    assert {r["governance"] for r in rows} == {"Community-managed"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", str(THIS_YEAR)], "at least two"),
        (["compare", str(THIS_YEAR), str(THIS_YEAR)], "given twice"),
        (["compare", str(THIS_YEAR), "missing.yaml"], "missing.yaml"),
    ],
)
def test_compare_refuses_bad_input_with_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_compare_reports_an_invalid_file_with_its_line(session, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(session_text(session).replace("scope: whole-service", "scope: all"), "utf-8")
    assert main(["compare", str(THIS_YEAR), str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "service.scope" in err


def test_compare_options_exclude_each_other(capsys):
    with pytest.raises(SystemExit) as done:
        main(["compare", "--over-time", "--across", str(THIS_YEAR), str(LAST_YEAR)])
    assert done.value.code == 2
