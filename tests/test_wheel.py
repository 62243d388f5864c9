"""The wheel, installed as a user would, works away from the checkout (slow: ``benchmark``).

Built with ``uv build`` and installed in a fresh environment in another folder, with a fresh
home folder, the installed ``benchmark-tui`` says its version and validates the example
sessions; ``.ci/release`` does the same for the release workflow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark_tui import __version__

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv, as the README's commands do"),
]


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_wheel_installs_in_a_clean_environment_and_validates_the_examples(tmp_path):
    dist = tmp_path / "dist"
    run("uv", "build", "--wheel", "--out-dir", dist, cwd=REPO)
    (wheel,) = dist.glob("benchmark_tui-*.whl")
    run("uv", "venv", "--quiet", tmp_path / "env", cwd=tmp_path)
    run("uv", "pip", "install", "--quiet", "--python", tmp_path / "env", wheel, cwd=tmp_path)
    folder = tmp_path / "somewhere"
    shutil.copytree(REPO / "sessions", folder / "sessions")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    scripts = tmp_path / "env" / ("Scripts" if sys.platform == "win32" else "bin")
    command = shutil.which("benchmark-tui", path=str(scripts))
    assert command is not None
    assert run(command, "--version", cwd=folder, env=env).strip() == f"benchmark-tui {__version__}"
    out = run(command, "validate", "sessions", cwd=folder, env=env)
    assert out.count("OK  ") == len(list((REPO / "sessions").glob("*.yaml")))
    # The installed package is the wheel's, not the checkout's.
    where = run(
        scripts / ("python.exe" if sys.platform == "win32" else "python"),
        "-c",
        "import benchmark_tui, pathlib; print(pathlib.Path(benchmark_tui.__file__).parent)",
        cwd=folder,
        env=env,
    )
    assert Path(where.strip()).is_relative_to(tmp_path / "env")
    assert (Path(where.strip()) / "framework.yaml").is_file()
