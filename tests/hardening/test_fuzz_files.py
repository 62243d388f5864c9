"""The fuzz of hostile files and paths (:mod:`tests.hardening.fuzz_files`): no traceback, no
crash, no hang, no raw error text, through every command and the core's file inputs.

The whole fuzz (1,672 cases: 144 hostile files, paths, output targets and sessions folders,
each through every door that takes it) runs in the long run (``uv run pytest -m benchmark``);
the default run takes every 25th case and every case of the issue's own examples
(``start: 9.5``, a symlink loop, a named pipe, a closed folder, a name over 255 bytes,
``restore SESSION ²`` …): about 216, so the suite stays fast. Each runs in a process of its
own where folder permissions apply even to root (see :mod:`tests.hardening.outsider`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO
from .outsider import PREFIX

posix_only = pytest.mark.skipif(os.name != "posix", reason="pipes, links and modes are POSIX")
SLICE = 25


def fuzz(workdir: Path, every: int) -> dict:
    done = subprocess.run(
        [
            *(PREFIX or []),
            sys.executable,
            "-m",
            "tests.hardening.fuzz_files",
            str(workdir),
            "--every",
            str(every),
        ],  # fmt: skip
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=3600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_clean(report: dict) -> None:
    details = report["details"]
    for kind in ("crash", "raw", "hung"):
        named = report[kind]
        assert not named, f"{kind}: {named}\n" + "\n".join(
            f"--- {name}\n{details.get(name, '')}" for name in named[:5]
        )


@posix_only
def test_a_slice_of_the_hostile_files_and_paths(tmp_path):
    report = fuzz(tmp_path / "fuzz", SLICE)
    assert report["total"] >= 300
    assert report["count"] >= report["total"] // SLICE
    assert_clean(report)


@posix_only
@pytest.mark.benchmark
def test_every_hostile_file_and_path_through_every_door(tmp_path):
    report = fuzz(tmp_path / "fuzz", 1)
    assert report["count"] == report["total"] >= 300
    assert_clean(report)
