"""``benchmark-tui validate`` on many files and on paths the file system refuses.

Files are checked one after another (issue 12: a thousand sessions take a few seconds, and
nobody waits for them), so the verdicts come in the order the files were given.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmark_tui import cli
from benchmark_tui.store import bundled_framework_path

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "sessions" / "example-borough-libraries-2026-03-12.yaml"
)


def many_files(folder: Path) -> list[str]:
    """Sixty files of every outcome: valid, drifted (with notes), broken, a framework."""
    example = EXAMPLE.read_text(encoding="utf-8")
    rating, facilitator, fingerprint = (
        "      plan:\n        value: 3\n",
        "  facilitator:",
        "hash: sha256:",
    )
    assert rating in example and facilitator in example and fingerprint + "e" in example
    for n in range(60):
        kind = n % 6
        if kind == 1:
            text = example.replace(rating, rating.replace("3", "5"), 1)
        elif kind == 2:
            text = example.replace(facilitator, f"{facilitator} Twice\n{facilitator}", 1)
        elif kind == 3:
            text = example.replace(fingerprint + "e", fingerprint + "f", 1)
        elif kind == 4:
            text = "service: [unclosed\n"
        else:
            text = example
        (folder / f"s-{n:02d}.yaml").write_text(text, encoding="utf-8")
    return [str(folder), str(bundled_framework_path()), str(folder / "s-00.yaml")]


def test_many_files_get_one_verdict_each_in_the_order_given(tmp_path: Path, capsys):
    args = many_files(tmp_path)
    assert cli.main(["validate", *args]) == 2
    out, err = capsys.readouterr()
    assert out.count("OK  ") == 32 and out.count("    note: ") == 10
    assert err.count("appears twice") == 10
    assert err.count("0 (Not at all) to 4") == 10
    checked = [line.split()[1] for line in out.splitlines() if line.startswith("OK  ")]
    assert checked[:3] == [str(tmp_path / f"s-{n:02d}.yaml") for n in (0, 3, 5)]
    assert checked[-2:] == [str(bundled_framework_path()), str(tmp_path / "s-00.yaml")]


def test_validate_starts_no_worker_processes():
    source = Path(cli.__file__).read_text(encoding="utf-8")
    assert "ProcessPoolExecutor" not in source and "multiprocessing" not in source


def test_a_folder_that_cannot_be_opened_is_reported_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if Path(path) == locked:  # as without the right to list it (tests may run as root)
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    assert cli.main(["validate", str(locked), str(EXAMPLE)]) == 2
    out, err = capsys.readouterr()
    assert f"{locked}: cannot open this folder (permission denied" in err
    assert "check that you may read it" in err
    assert f"OK  {EXAMPLE}" in out
    assert "Traceback" not in err


def test_a_name_over_255_bytes_is_reported_not_raised(tmp_path: Path, capsys):
    long_name = tmp_path / ("n" * 300 + ".yaml")
    assert cli.main(["validate", str(long_name), str(EXAMPLE)]) == 2
    out, err = capsys.readouterr()
    assert err.startswith(str(long_name)[:60])
    assert f"OK  {EXAMPLE}" in out


def test_a_folder_name_over_255_bytes_is_reported_not_raised(tmp_path: Path, capsys):
    assert cli.main(["validate", str(tmp_path / ("d" * 300))]) == 2
    assert "d" * 60 in capsys.readouterr().err
