"""Release-ready: one version, a licence, the framework's provenance, a changelog, CI workflows.

These check the files a release is made from, not a release itself: the wheel is built,
installed and run in tests/test_wheel.py (``benchmark``-marked, slow).
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import yaml

from benchmark_tui import __version__

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_kept_in_one_place():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "src/benchmark_tui/__init__.py"
    assert importlib.metadata.version("benchmark-tui") == __version__


def test_the_code_is_mit_licensed_and_the_framework_text_is_not_claimed():
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted" in text
    source = (REPO / "FRAMEWORK-SOURCE.md").read_text(encoding="utf-8")
    assert "does not cover the framework's" in source.replace("\n", " ")


def test_the_framework_has_a_note_of_its_source_beside_it():
    note = (REPO / "FRAMEWORK-SOURCE.md").read_text(encoding="utf-8")
    framework = yaml.safe_load((REPO / "framework.yaml").read_text(encoding="utf-8"))
    assert framework["publisher"] in note and framework["title"] in note
    assert "beta" in note and "## What is not known" in note
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert wheel["FRAMEWORK-SOURCE.md"] == "benchmark_tui/FRAMEWORK-SOURCE.md"


def test_the_changelog_has_this_version():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", changelog, re.MULTILINE)


def test_the_classifiers_name_the_pythons_ci_tests():
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    matrix = workflow["jobs"]["test"]["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    classifiers = PYPROJECT["project"]["classifiers"]
    for python in matrix["python"]:
        assert f"Programming Language :: Python :: {python}" in classifiers
    assert PYPROJECT["project"]["requires-python"] == f">={min(matrix['python'])}"


def test_the_workflows_run_the_same_steps_as_ci():
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run") for step in workflow["jobs"]["test"]["steps"] if "run" in step]
    assert steps == ["bash .ci/run"]
    release = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for step in release["jobs"]["build"]["steps"] if "run" in step]
    assert runs == ["bash .ci/release"]
    assert release["jobs"]["test"]["uses"] == "./.github/workflows/ci.yml"


def test_ci_also_runs_the_suite_against_the_lowest_direct_versions():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "--resolution lowest-direct" in script
    assert "UV_PROJECT_ENVIRONMENT=.venv-lowest uv run --no-sync pytest" in script
    lowest_python = min(PYPROJECT["project"]["requires-python"].lstrip(">=").split(","))
    assert f"--python {lowest_python} .venv-lowest" in script
