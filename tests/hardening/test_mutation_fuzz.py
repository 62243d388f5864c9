"""Mutation fuzz: damaged copies of the real files never make ``validate`` crash.

The worked example session and framework.yaml are damaged the way editors, e-mail, USB
sticks and tired people damage files: lines deleted, duplicated, swapped, re-indented,
joined or cut short; random bytes, unicode and YAML punctuation dropped in. Every damaged
file goes through ``benchmark-tui validate`` (in-process for speed, a few as real
processes); each run must exit 0 or 2 and name the file when it refuses it, and no
exception or traceback may ever escape. Seeds that once found a bug are kept below.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from benchmark_tui.cli import main

from .conftest import EXAMPLE_SESSION, FRAMEWORK_FILE

SESSION_MUTANTS = 200
FRAMEWORK_MUTANTS = 100
PROCESS_MUTANTS = 3
REGRESSION_SEEDS = [
    # An explicit tag over text PyYAML cannot parse escaped yamlio.parse as a raw
    # KeyError ("!!bool …"), IndexError ("!!int ''") or AttributeError ("!!timestamp …").
    ("session", 305),
    ("session", 477),
    ("session", 512),
    ("session", 755),
    ("framework", 0),
    ("framework", 1175),
]
"""(source, seed) pairs that once made validate raise; each is re-run on every test run."""

PUNCTUATION = list(":-'\"&*!|>%@`#{}[],?~\\") + [": ", "- ", "---", "...", "<<: ", "!!", "\t"]
TAGS = [
    "!!bool",
    "!!int",
    "!!float",
    "!!timestamp",
    "!!binary",
    "!!null",
    "!!str",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!map",
    "!!seq",
    "!!python/none",
    "!local",
    "!",
]
SOURCES = {"session": EXAMPLE_SESSION, "framework": FRAMEWORK_FILE}


def random_unicode(rng: random.Random) -> str:
    return "".join(
        chr(
            rng.choice(
                [
                    rng.randrange(0x20, 0x7F),
                    rng.randrange(0x80, 0x800),
                    rng.randrange(0x800, 0xD800),
                    rng.randrange(0xE000, 0x110000),
                    rng.randrange(0, 0x20),
                ]
            )
        )
        for _ in range(rng.randint(1, 6))
    )


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Apply one to three random kinds of damage to a file's bytes."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(lines))
        kind = rng.randrange(12)
        if kind == 0 and len(lines) > 1:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[at])
        elif kind == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == 3:
            lines[at] = b" " * rng.randint(1, 4) + lines[at]
        elif kind == 4:
            lines[at] = lines[at][rng.randint(1, 4) :]
        elif kind == 5:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = (
                line[:cut]
                + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
                + line[cut:]
            )
        elif kind == 6:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = (
                line[:cut] + random_unicode(rng).encode("utf-8", "surrogatepass") + line[cut:]
            )
        elif kind == 7:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = line[:cut] + rng.choice(PUNCTUATION).encode() + line[cut:]
        elif kind == 8 and at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + b" " + lines[at + 1].lstrip()]
        elif kind == 9 and b": " in lines[at]:
            key, _, value = lines[at].partition(b": ")
            if rng.random() < 0.5:
                value = b"" if rng.random() < 0.3 else value[: rng.randint(0, len(value))]
            lines[at] = key + b": " + rng.choice(TAGS).encode() + b" " + value
        elif kind == 10:
            start = rng.randrange(len(lines))
            block = lines[start : start + rng.randint(2, 12)]
            lines[at:at] = block
        else:
            text = b"\n".join(lines)
            lines = text[: rng.randrange(len(text) + 1)].split(b"\n")
    return b"\n".join(lines)


def mutant(source: str, seed: int, folder: Path) -> Path:
    rng = random.Random(f"{source}-{seed}")
    path = folder / f"{source}-{seed}.yaml"
    path.write_bytes(mutate(SOURCES[source].read_bytes(), rng))
    return path


def validate_in_process(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", *args])
    return code, out.getvalue(), err.getvalue()


def check(path: Path, code: int, out: str, err: str) -> None:
    assert code in (0, 2), (path, code, out, err)
    assert "Traceback" not in out + err, (path, err)
    if code == 2:
        assert str(path) in err, (path, err)
    else:
        assert out.startswith(f"OK  {path}"), (path, out)


def seeds(source: str, count: int) -> list[tuple[str, int]]:
    return [(source, seed) for seed in range(count)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mutants")


@pytest.mark.parametrize(("source", "seed"), REGRESSION_SEEDS)
def test_seeds_that_once_found_a_bug(source, seed, folder):
    path = mutant(source, seed, folder)
    check(path, *validate_in_process(str(path)))


@pytest.mark.parametrize("source", ["session", "framework"])
def test_damaged_files_never_crash_validate(source, folder):
    count = SESSION_MUTANTS if source == "session" else FRAMEWORK_MUTANTS
    verdicts = {0: 0, 2: 0}
    for _, seed in seeds(source, count):
        path = mutant(source, seed, folder)
        code, out, err = validate_in_process(str(path))
        check(path, code, out, err)
        verdicts[code] += 1
        path.unlink()
    # the damage is real, but not always fatal: both verdicts occur
    assert verdicts[2] > count // 3 and verdicts[0] > 0, verdicts


def test_a_damaged_framework_passed_with_framework_is_reported_not_raised(folder):
    for seed in range(30):
        path = mutant("framework", seed, folder)
        code, out, err = validate_in_process("--framework", str(path), str(EXAMPLE_SESSION))
        assert code in (0, 2) and "Traceback" not in out + err, (path, err)
        if code == 2:
            assert str(path) in err


@pytest.mark.parametrize("seed", range(PROCESS_MUTANTS))
def test_damaged_files_never_crash_the_real_command(seed, folder):
    source = "session" if seed % 2 == 0 else "framework"
    path = mutant(source, 1000 + seed, folder)
    done = subprocess.run(
        [sys.executable, "-m", "benchmark_tui", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    check(path, done.returncode, done.stdout, done.stderr)
