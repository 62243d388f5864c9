"""Tests for the command line: validate's verdicts and exit codes, --version, --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmark_tui import __version__
from benchmark_tui.cli import main
from benchmark_tui.store import bundled_framework_path, save_session


def test_validate_accepts_the_framework_and_a_session(session, tmp_path, capsys):
    save_session(session, tmp_path / "s.yaml")
    code = main(["validate", str(bundled_framework_path()), str(tmp_path / "s.yaml")])
    out = capsys.readouterr().out
    assert code == 0
    assert "OK" in out and "framework libraries-taskforce-benchmarking" in out
    assert "session: Testshire Libraries, 0/14 agreed" in out


def test_validate_reports_each_bad_file_and_exits_2(session, tmp_path, capsys):
    save_session(session, tmp_path / "good.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (tmp_path / "good.yaml").read_text(encoding="utf-8").replace("value: null", "value: 5", 1),
        encoding="utf-8",
    )
    code = main(["validate", str(tmp_path / "good.yaml"), str(bad)])
    captured = capsys.readouterr()
    assert code == 2
    assert "OK" in captured.out and "good.yaml" in captured.out
    assert f"{bad}:" in captured.err and "0 (Not at all) to 4" in captured.err


def test_validate_a_folder_checks_every_yaml_file_in_it(session, tmp_path, capsys):
    for name in ("a.yaml", "b.yaml"):
        save_session(session, tmp_path / name)
    assert main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("OK") == 2


def test_validate_a_missing_file_exits_2_with_its_name(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: file not found" in capsys.readouterr().err


def test_a_broken_framework_option_is_reported_not_raised(tmp_path, capsys):
    broken = tmp_path / "fw.yaml"
    broken.write_text("id: [", encoding="utf-8")
    assert main(["validate", "--framework", str(broken), str(broken)]) == 2
    assert "fw.yaml:" in capsys.readouterr().err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"benchmark-tui {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "validate PATH" in out


def test_the_installed_command_runs_headless(tmp_path):
    """The console script works as a process and validate exits 2 on bad input."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("!!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmark_tui", "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(tmp_path),
    )
    assert done.returncode == 2
    assert "pwned" not in done.stdout
    assert "tags are not allowed" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bug_is_one_line_and_a_log_never_a_traceback(
    monkeypatch, tmp_path, capsys, private_profile
):
    import benchmark_tui.cli as cli

    def broken(_args):
        raise TypeError("can't compare offset-naive and offset-aware times")

    monkeypatch.setattr(cli, "run_validate", broken)
    assert main(["validate", str(tmp_path)]) == cli.EXIT_UNEXPECTED
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    logs = list((private_profile / "logs").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    assert "offset-naive" in logs[0].read_text(encoding="utf-8")


def test_an_os_error_no_check_foresaw_is_said_in_words(monkeypatch, tmp_path, capsys):
    import errno

    import benchmark_tui.cli as cli

    def refused(_args):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.yaml"))

    monkeypatch.setattr(cli, "run_validate", refused)
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'x.yaml'}: permission denied" in err and "Traceback" not in err
