"""Running benchmark-tui where the file system says no: folders that may not be entered.

Tests run as root in some containers, and root may enter any folder, so a folder made
unreadable with ``chmod 000`` is no obstacle to it. :func:`run_cli` runs the command line in a
fresh process; as root it first gives up the two capabilities that let root ignore
permissions (with util-linux's ``setpriv``), so the folder is as closed to it as to anyone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

SETPRIV = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]
CLI = "import sys; from benchmark_tui.cli import main; sys.exit(main(sys.argv[1:]))"
STUB_APP = """\
import sys
import benchmark_tui.tui.app as app


class StubApp:
    def __init__(self, **kwargs):
        self.return_code = 0

    def run(self):
        print("the app would start now")


app.BenchmarkApp = StubApp
from benchmark_tui.cli import main

sys.exit(main(sys.argv[1:]))
"""
"""The command line with the app replaced: everything up to where the screen would start."""


def _prefix() -> list[str] | None:
    """What to run a command under so permissions apply (None: they cannot be made to)."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run([*SETPRIV, "true"], capture_output=True, check=False)
    return SETPRIV if probe.returncode == 0 else None


PREFIX = _prefix()
needs_permissions = pytest.mark.skipif(
    PREFIX is None, reason="folder permissions cannot be made to apply here"
)


def closed_folder(path: Path) -> Path:
    """Make ``path`` a folder nobody may list or enter (its files stay, unreachable)."""
    path.chmod(0o000)
    return path


def reopen(path: Path) -> None:
    """Undo :func:`closed_folder` (so pytest can remove the folder)."""
    path.chmod(0o755)


def run_cli(
    args: Sequence[str | Path], cwd: Path, *, stub_app: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``benchmark-tui ARGS`` in a fresh process where folder permissions apply."""
    assert PREFIX is not None
    code = STUB_APP if stub_app else CLI
    return subprocess.run(
        [*PREFIX, sys.executable, "-c", code, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def run_python(code: str, *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` in a fresh process where folder permissions apply."""
    assert PREFIX is not None
    return subprocess.run(
        [*PREFIX, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
