"""Malformed, malicious and absurd files: each one gets a clean, located error, with little work.

Every case runs three ways: through the loader (``load_session`` or ``load_framework``),
through ``benchmark-tui validate`` in-process, and (all cases at once) through the installed
command as a real process, which must exit 2 and name every file, never with a traceback.
Files that could hurt (``!!python`` tags) are checked with a marker file that a successful
attack would create.

Instead of timing each case, the memory reading it allocates is bounded (a hostile file must
not expand: no aliases, no millions of values) and a hang is caught after a minute.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from benchmark_tui.cli import main
from benchmark_tui.errors import FrameworkError, SessionFileError
from benchmark_tui.store import load_framework, load_session
from benchmark_tui.yamlio import MAX_DEPTH, dump

from .conftest import EXAMPLE_SESSION, FRAMEWORK_FILE, assert_located
from .test_yaml_bounds import READ_BUDGET, bounded

Build = Callable[[str, Path], bytes]
"""Makes a file's bytes from the minimal session text and a marker path."""


@dataclass(frozen=True)
class Case:
    """One hostile file."""

    build: Build
    line: int | None | type[int]
    """The line the message must name: exact, ``int`` for any, None for no line."""
    phrase: str
    """Words the message must contain."""
    kinds: tuple[str, ...] = ("session", "framework")
    """Which loaders to run it through."""


def text(content: str) -> Build:
    return lambda minimal, marker: content.encode("utf-8")


def edit(old: str, new: str) -> Build:
    """The minimal session with one exact piece of text replaced."""

    def build(minimal: str, marker: Path) -> bytes:
        assert old in minimal, old
        return minimal.replace(old, new, 1).encode("utf-8")

    return build


def framework_edit(change: Callable[[dict], None]) -> Build:
    """The bundled framework, loaded as data, changed, and written back as YAML."""

    def build(minimal: str, marker: Path) -> bytes:
        data = yaml.safe_load(FRAMEWORK_FILE.read_text(encoding="utf-8"))
        change(data)
        return dump(data).encode("utf-8")

    return build


def drop_last_characteristic(data: dict) -> None:
    data["characteristics"]["items"].pop()


def add_scale_point(data: dict) -> None:
    data["scale"].append({"value": 5, "label": "Beyond"})


def repeat_area_id(data: dict) -> None:
    data["results"]["areas"][1]["id"] = data["results"]["areas"][0]["id"]


def traverse_in_element_id(data: dict) -> None:
    data["evaluation"]["elements"][0]["id"] = "../../etc"


def deep_block_mappings(minimal: str, marker: Path) -> bytes:
    depth = 2_000  # one space of indent per level: as deep as fits comfortably in 5 MB
    return "".join(" " * i + "k:\n" for i in range(depth)).encode("utf-8")


def python_tag(template: str) -> Build:
    """A tag that would run a command creating the marker file, were it ever executed."""
    return lambda minimal, marker: template.format(marker=marker).encode("utf-8")


MB = 1024 * 1024
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

CASES: dict[str, Case] = {
    # --- not YAML text at all ---------------------------------------------------------------
    "empty": Case(text(""), 1, "empty"),
    "whitespace only": Case(text("   \n\n      \n"), 1, "empty"),
    "whitespace with tabs": Case(text(" \t \n\t\n"), 1, "empty"),
    "only comments": Case(text("# nothing\n# here\n"), 1, "empty"),
    "binary (PNG)": Case(lambda m, k: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary"),
    "NUL byte inside": Case(
        lambda m, k: m.encode().replace(b"Testshire", b"Test\x00"), 7, "binary"
    ),
    "UTF-16 LE": Case(lambda m, k: m.encode("utf-16"), None, "UTF-16"),
    "UTF-16 BE": Case(lambda m, k: b"\xfe\xff" + m.encode("utf-16-be"), None, "UTF-16"),
    "latin-1": Case(lambda m, k: m.replace("Testshire", "Tést").encode("latin-1"), 7, "UTF-8"),
    "windows-1252 quotes": Case(
        lambda m, k: m.replace("Testshire", "\u201cTest\u201d").encode("cp1252"), 7, "UTF-8"
    ),
    "over 5 MB (a 50 MB string)": Case(
        lambda m, k: b"a: " + b"x" * (50 * MB), None, "larger than 5 MB"
    ),
    # --- YAML that expands, nests or sprawls ----------------------------------------------------
    "billion laughs": Case(text(BILLION_LAUGHS), 1, "anchors and aliases"),
    "merge key alias": Case(text("base: &b {x: 1}\nother:\n  <<: *b\n"), 1, "anchors and aliases"),
    "huge flow sequence under 5 MB": Case(
        lambda m, k: ("a: [" + ",".join(["1"] * 2_000_000) + "]\n").encode(),
        1,
        "more than",
    ),
    # (block sequences and block or flow mappings of the same kind: test_limits.py)
    "10,000-deep flow sequences": Case(text("[" * 10_000 + "]" * 10_000), 1, "nested more"),
    "10,000-deep flow mappings": Case(text("{a: " * 10_000 + "1" + "}" * 10_000), 1, "nested more"),
    "10,000-deep block sequences": Case(text("- " * 10_000 + "x\n"), 1, "nested more"),
    "2,000-deep block mappings": Case(deep_block_mappings, MAX_DEPTH + 1, "nested more"),
    "two documents": Case(lambda m, k: (m + "---\nmore: 1\n").encode(), 19, "more than one"),
    # --- characters YAML or we refuse ---------------------------------------------------------
    "lone surrogate escape": Case(
        edit("name: Testshire Libraries", 'name: "\\ud800 Libraries"'), 7, "escape"
    ),
    "escaped NUL is dropped, not fatal": Case(
        edit("name: Testshire Libraries", 'name: "Test\\0shire"'), None, "", ("load",)
    ),
    "raw escape character": Case(
        edit("Testshire", "Test\x1b[31mshire"), 7, "character YAML does not allow"
    ),
    "a 1 MB line": Case(
        edit("name: Testshire Libraries", "name: " + "x" * MB),
        7,
        "at most 200 characters",
        ("session",),
    ),
    "a 1 MB comment line loads": Case(
        lambda m, k: ("# " + "x" * MB + "\n" + m).encode(), None, "", ("load",)
    ),
    # --- tags that would run code -------------------------------------------------------------
    "!!python/object/apply:os.system": Case(
        python_tag('service: !!python/object/apply:os.system ["touch {marker}"]\n'),
        1,
        "tags are not allowed",
    ),
    "!!python/object/apply on the document": Case(
        python_tag('--- !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n'),
        1,
        "tags are not allowed",
    ),
    "!!python/object/new": Case(
        python_tag('x: !!python/object/new:os.system ["touch {marker}"]\n'),
        1,
        "tags are not allowed",
    ),
    "!!python/object/apply in a key": Case(
        python_tag('? !!python/object/apply:os.system ["touch {marker}"]\n: 1\n'),
        1,
        "tags are not allowed",
    ),
    "!!python/object/apply deep inside": Case(
        python_tag(
            "service:\n  name: x\n  more:\n  - !!python/object/apply:builtins.exec\n"
            "    - open('{marker}', 'w')\n"
        ),
        4,
        "tags are not allowed",
    ),
    "!!python/name": Case(text("x: !!python/name:os.system\n"), 1, "tags are not allowed"),
    "!!python/module": Case(text("x: !!python/module:os\n"), 1, "tags are not allowed"),
    "!!python/tuple": Case(text("x: !!python/tuple [1, 2]\n"), 1, "tags are not allowed"),
    "local tag": Case(text("x: !shell rm -rf /\n"), 1, "tags are not allowed"),
    # --- keys -------------------------------------------------------------------------------------
    "duplicate top-level key": Case(
        lambda m, k: (m + "service:\n  name: Again\n").encode(), 19, "appears twice"
    ),
    "duplicate nested key": Case(
        edit("  name: Testshire Libraries", "  name: A\n  name: B"), 8, "appears twice"
    ),
    "duplicate rating": Case(
        edit("        value: 3", "        value: 3\n      plan:\n        value: 4"),
        14,
        "appears twice",
    ),
    "unhashable key": Case(text("? [a, b]\n: 1\n"), 1, "unhashable"),
    # --- path traversal in ids ----------------------------------------------------------------
    "characteristic key ../../etc": Case(
        edit("  leadership:\n", "  ../../etc:\n"), 9, "ids use lower-case", ("session",)
    ),
    "results key with a slash": Case(
        lambda m, k: (m + "results:\n  outcomes/../x: {}\n").encode(),
        20,
        "ids use lower-case",
        ("session",),
    ),
    "rating key ../plan": Case(edit("      plan:", "      ../plan:"), 12, "ids use", ("session",)),
    "action id with slashes": Case(
        edit("  - id: a1", "  - id: ../../a/b"), 16, "ids use lower-case", ("session",)
    ),
    "action item ../../etc/passwd": Case(
        edit("    item: leadership", "    item: ../../etc/passwd"), 18, "ids use", ("session",)
    ),
    "framework id with a slash": Case(
        edit("  id: libraries-taskforce-benchmarking", "  id: ../framework"),
        3,
        "ids use",
        ("session",),
    ),
    # --- ratings --------------------------------------------------------------------------------
    **{
        f"rating {raw}": Case(edit("value: 3", f"value: {raw}"), 13, phrase, ("session",))
        for raw, phrase in [
            ("-1", "greater than or equal to 0"),
            ("5", "less than or equal to 4"),
            ("3.5", "whole number"),
            ("4.0", "whole number"),
            ('"3"', "whole number"),
            ("'3'", "whole number"),
            ("true", "whole number"),
            ("false", "whole number"),
            ("yes", "whole number"),
            ("[3]", "whole number"),
            ("{v: 3}", "whole number"),
            ("1e1", "whole number"),
            ("07", "less than or equal to 4"),
            ("99999999999999999999999", "less than or equal to 4"),
            ('""', "whole number"),
        ]
    },
    "a vote of 9": Case(
        edit("        value: 3", "        value: 3\n        votes: {Sam: 9}"),
        14,
        "0 (Not",
        ("session",),
    ),
    # --- ids the framework does not have ----------------------------------------------------
    "unknown characteristic": Case(
        edit("  leadership:\n", "  leadershp:\n"), 9, "not a characteristic", ("session",)
    ),
    "unknown results area": Case(
        lambda m, k: (m + "results:\n  outcome:\n    state: agreed\n").encode(),
        20,
        "not an area",
        ("session",),
    ),
    "unknown matrix element": Case(
        edit("      plan:", "      planning:"), 12, "not an element", ("session",)
    ),
    "action for an unknown item": Case(
        edit("    item: leadership", "    item: leadersip"), 18, "not a results area", ("session",)
    ),
    "a results area used as a characteristic": Case(
        edit("  leadership:\n", "  outcomes:\n"), 9, "not a characteristic", ("session",)
    ),
    # --- wrong types ------------------------------------------------------------------------------
    "a list where a mapping belongs": Case(
        edit("service:\n  name: Testshire Libraries", "service:\n- Testshire"),
        7,
        "mapping",
        ("session",),
    ),
    "a mapping where a list belongs": Case(
        edit("  actions:\n", "  actions:\n    a1:\n      x: 1\n  xactions:\n"),
        16,
        "list",
        ("session",),
    ),
    "a scalar where a mapping belongs": Case(
        edit("characteristics:\n", "characteristics: all good\nx:\n"), 8, "", ("session",)
    ),
    "a list as the whole file": Case(text("- a\n- b\n"), 1, "not a"),
    "a number as the whole file": Case(text("42\n"), 1, "not a"),
    "a date where text belongs": Case(
        edit("  name: Testshire Libraries", "  name: 2026-03-12"), 7, "text", ("session",)
    ),
    "text where a date belongs": Case(
        lambda m, k: (m + "workshop:\n  dates: [next tuesday]\n").encode(),
        20,
        "YYYY-MM-DD",
        ("session",),
    ),
    "an impossible date": Case(
        lambda m, k: (m + "workshop:\n  dates: [2026-02-30]\n").encode(),
        20,
        "this date does not exist",
    ),
    "!!bool over other text": Case(text("x: !!bool maybe\n"), 1, "cannot be read as !!bool"),
    "!!int over nothing": Case(text('x: !!int ""\n'), 1, "cannot be read as !!int"),
    "!!int over an underscore": Case(text("x: !!int _\n"), 1, "cannot be read as !!int"),
    "!!timestamp over nothing": Case(
        text('x: !!timestamp ""\n'), 1, "cannot be read as !!timestamp"
    ),
    "a 10,000-digit number": Case(text("x: " + "9" * 10_000 + "\n"), 1, "too long to read"),
    # --- versions -------------------------------------------------------------------------------
    "a future schema_version": Case(
        edit("schema_version: 1", "schema_version: 2"), 1, "newer benchmark-tui", ("session",)
    ),
    "schema_version 0 is not from the future": Case(
        edit("schema_version: 1", "schema_version: 0"), 1, "must be 1", ("session",)
    ),
    "schema_version as text": Case(
        edit("schema_version: 1", "schema_version: one"), 1, "must be 1", ("session",)
    ),
    # --- frameworks that are not the Benchmarking Framework ---------------------------------
    "framework with 9 characteristics": Case(
        framework_edit(drop_last_characteristic), int, "this file lists 9", ("framework",)
    ),
    "framework with a 6-point scale": Case(
        framework_edit(add_scale_point), int, "less than or equal to 4", ("framework",)
    ),
    "framework with a repeated id": Case(
        framework_edit(repeat_area_id), int, "used twice", ("framework",)
    ),
    "framework with ../../etc as an element id": Case(
        framework_edit(traverse_in_element_id), int, "ids use", ("framework",)
    ),
}


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    """A file only a successful code-execution attack would create."""
    return tmp_path / "PWNED"


def write_case(name: str, minimal: str, folder: Path, marker: Path) -> Path:
    path = folder / (name.replace("/", "_").replace(" ", "-") + ".yaml")
    path.write_bytes(CASES[name].build(minimal, marker))
    return path


def failing(kind: str) -> list[str]:
    return [n for n, c in CASES.items() if kind in c.kinds]


@pytest.mark.parametrize("name", failing("session"))
def test_hostile_session_file_gets_a_located_error(name, minimal_text, tmp_path, marker, framework):
    case = CASES[name]
    path = write_case(name, minimal_text, tmp_path, marker)
    outcome = bounded(lambda: load_session(path, framework))
    assert isinstance(outcome.value, SessionFileError), outcome.value
    assert outcome.peak < READ_BUDGET, "hostile input must be refused with little work"
    assert_located(outcome.value.message, path, case.line)
    assert case.phrase in outcome.value.message
    assert not marker.exists()


@pytest.mark.parametrize("name", failing("framework"))
def test_hostile_framework_file_gets_a_located_error(name, minimal_text, tmp_path, marker):
    case = CASES[name]
    path = write_case(name, minimal_text, tmp_path, marker)
    outcome = bounded(lambda: load_framework(path))
    assert isinstance(outcome.value, FrameworkError), outcome.value
    assert outcome.peak < READ_BUDGET, "hostile input must be refused with little work"
    assert_located(outcome.value.message, path, case.line)
    assert case.phrase in outcome.value.message
    assert not marker.exists()


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.kinds != ("load",)])
def test_validate_reports_a_hostile_file_and_exits_2(name, minimal_text, tmp_path, marker, capsys):
    case = CASES[name]
    path = write_case(name, minimal_text, tmp_path, marker)
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "OK" not in out
    assert_located(err, path, case.line)
    assert case.phrase in err
    assert not marker.exists()


@pytest.mark.parametrize("name", failing("load"))
def test_odd_but_harmless_files_load(name, minimal_text, tmp_path, marker, framework, capsys):
    path = write_case(name, minimal_text, tmp_path, marker)
    assert load_session(path, framework).service.name
    assert main(["validate", str(path)]) == 0
    assert "OK" in capsys.readouterr().out


def test_the_installed_command_refuses_every_hostile_file_at_once(minimal_text, tmp_path, marker):
    """One real process checks every case; each file gets its own located line on stderr."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    paths = [
        write_case(name, minimal_text, folder, marker)
        for name, case in CASES.items()
        if case.kinds != ("load",)
    ]
    done = subprocess.run(
        [sys.executable, "-m", "benchmark_tui", "validate", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    for path in paths:
        assert f"{path}:" in done.stderr, path
    assert not marker.exists()


def test_the_example_session_is_not_hostile(framework, capsys):
    """The checks above are not simply refusing everything."""
    assert load_session(EXAMPLE_SESSION, framework).service.name == "Example Borough Libraries"
    assert main(["validate", str(EXAMPLE_SESSION), str(FRAMEWORK_FILE)]) == 0
    assert capsys.readouterr().out.count("OK") == 2
