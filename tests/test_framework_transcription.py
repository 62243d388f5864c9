"""framework.yaml must stay a faithful transcription of the published framework text.

The seed text lives in the shared folder beside the repository (as in CI, where its absence is a
failure, not a skip); elsewhere the check is skipped only where that folder is absent, e.g. in an
installed copy of the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_41c3c6f91a37c52b.txt"
CHECKER = REPO / "tools" / "check_framework_transcription.py"
needs_seed = pytest.mark.skipif(
    # The public code host's CI (GitHub Actions) has no shared folder beside the repository.
    not SEED.exists() and (not os.environ.get("CI") or bool(os.environ.get("GITHUB_ACTIONS"))),
    reason="the seed text is not beside the repository",
)


def _check(framework_yaml: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECKER), str(SEED), str(framework_yaml)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@needs_seed
def test_framework_yaml_matches_the_seed_item_by_item():
    assert SEED.exists(), f"CI must have the seed text at {SEED}"
    done = _check(REPO / "framework.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "mismatches: 0" in done.stdout


@needs_seed
def test_the_checker_notices_a_dropped_bullet(tmp_path):
    text = (REPO / "framework.yaml").read_text(encoding="utf-8")
    bullet = "- proactively seeking and learning from good practice from the UK and overseas\n"
    assert bullet in text
    broken = tmp_path / "framework.yaml"
    broken.write_text(text.replace(bullet, ""), encoding="utf-8")
    assert _check(broken).returncode != 0
