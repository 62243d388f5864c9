"""The lean YAML reader gives exactly what the strict one gives, or leaves the file to it.

``yamlio.load`` reads most files on a lean path (parser events straight into Python values)
and hands anything it is not sure about to ``yamlio.parse``, the strict reader that keeps
line numbers. These tests hold it to that: on every hostile file, thousands of damaged and
generated files, and the real ones, the lean path either refuses (``_UNSURE``) or returns
the strict reader's data, value for value and type for type; and ``load`` always returns
the same data or raises the same located message as ``parse``.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from benchmark_tui import store, yamlio
from benchmark_tui.errors import FileProblem, SessionFileError
from benchmark_tui.models import Framework
from benchmark_tui.yamlio import MAX_DEPTH, MAX_NODES

from .conftest import EXAMPLE_SESSION, FRAMEWORK_FILE
from .test_hostile_files import CASES
from .test_mutation_fuzz import SOURCES, mutate

PATH = Path("lean.yaml")


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types throughout, keys in the same order (1 is not True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(
            same(ka, kb) and same(va, vb)
            for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def strict_reading(text: str) -> tuple[str, Any]:
    """What the strict reader makes of ``text``: ("data", value) or ("error", message)."""
    try:
        return "data", yamlio.parse(text, PATH, SessionFileError)[0]
    except FileProblem as err:
        return "error", err.message


def check_same_reading(text: str) -> bool:
    """Assert the lean path agrees with the strict reader; True if it took the file."""
    strict = strict_reading(text)
    lean = yamlio._load_lean(text)
    if lean is not yamlio._UNSURE:
        assert strict[0] == "data", f"the lean path accepted what parse refuses: {strict[1]}"
        assert same(lean, strict[1]), (lean, strict[1])
    try:
        loaded = ("data", yamlio.load(text, PATH, SessionFileError))
    except FileProblem as err:
        loaded = ("error", err.message)
    assert loaded[0] == strict[0], (loaded, strict)
    if loaded[0] == "data":
        assert same(loaded[1], strict[1])
    else:
        assert loaded[1] == strict[1]
    return lean is not yamlio._UNSURE


# --- the real files --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [EXAMPLE_SESSION, FRAMEWORK_FILE], ids=["session", "framework"])
def test_the_real_files_take_the_lean_path_and_read_the_same(path: Path):
    text = path.read_text(encoding="utf-8")
    assert check_same_reading(text), "the lean path should read our own files"


def test_reading_a_session_parses_it_once_and_never_builds_the_node_tree(
    framework: Framework, monkeypatch: pytest.MonkeyPatch
):
    def no_strict_parse(*args: Any) -> Any:
        raise AssertionError("a valid session was read by the slow, located reader")

    monkeypatch.setattr(yamlio, "parse", no_strict_parse)
    loaded = store.read_session(EXAMPLE_SESSION, framework)
    assert loaded.session.service.name == "Example Borough Libraries"
    checked = store.check_file(EXAMPLE_SESSION, framework)
    assert isinstance(checked, store.LoadedSession)
    assert checked.session == loaded.session


def outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except FileProblem as err:
        return type(err).__name__, err.message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("session", EXAMPLE_SESSION.read_text(encoding="utf-8")),
        ("framework", FRAMEWORK_FILE.read_text(encoding="utf-8")),
        ("not yaml", "a: [1\n"),
        ("duplicate key", "schema_version: 1\nschema_version: 1\n"),
        ("invalid session", "schema_version: 1\nservice: {name: ''}\n"),
        ("future session", "schema_version: 9\n"),
        ("invalid framework", "scale: []\nevaluation: {}\n"),
        ("a list", "- a\n"),
    ],
)
def test_check_file_is_detect_kind_then_the_matching_loader(
    name: str, content: str, framework: Framework, tmp_path: Path
):
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")

    def twice() -> Any:
        if store.detect_kind(path) == "framework":
            return store.load_framework(path)
        return store.read_session(path, framework)

    expected, got = outcome(twice), outcome(lambda: store.check_file(path, framework))
    if expected[0] == "ok" and isinstance(expected[1], store.LoadedSession):
        assert got[0] == "ok"
        assert got[1].session == expected[1].session
        assert got[1].notices == expected[1].notices
    else:
        assert got == expected


# --- hostile files ---------------------------------------------------------------------------


def hostile_texts() -> list[tuple[str, str]]:
    from .conftest import MINIMAL_SESSION

    minimal = MINIMAL_SESSION.format(hash="sha256:" + "0" * 64)
    texts = []
    for name, case in CASES.items():
        raw = case.build(minimal, Path("/nonexistent/marker"))
        if len(raw) > yamlio.MAX_FILE_BYTES:
            continue  # refused before any reading
        try:
            texts.append((name, raw.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue  # refused before any reading
    return texts


HOSTILE = hostile_texts()


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_hostile_files_read_the_same_on_both_paths(name: str, text: str):
    check_same_reading(text)


@pytest.mark.parametrize(
    ("name", "text", "line", "phrase"),
    [
        ("duplicate key", "a: 1\nb: 2\na: 3\n", 3, "appears twice"),
        ("duplicate nested key", "x:\n  a: 1\n  b:\n    c: 1\n    c: 2\n", 5, "appears twice"),
        ("duplicate in flow", "x: {a: 1, a: 2}\n", 1, "appears twice"),
        ("1 and 1.0 are one key", "1: a\n1.0: b\n", 2, "appears twice"),
        ("true and 1 are one key", "true: a\n1: b\n", 2, "appears twice"),
        ("null twice", "~: a\nnull: b\n", 2, "appears twice"),
        ("same date twice", "2026-03-12: a\n2026-03-12: b\n", 2, "appears twice"),
        ("anchor", "a: &x 1\n", 1, "anchors and aliases"),
        ("alias", "a: 1\nb: *x\n", 2, ""),
        ("anchor on a mapping", "a: &x {b: 1}\n", 1, "anchors and aliases"),
        ("merge key", "a: {b: 1}\nc:\n  <<: {d: 1}\n", None, ""),
        ("tag", "a: !!str 1\n", None, ""),
        ("local tag", "a: !x 1\n", 1, "tags are not allowed"),
        ("non-specific tag", "a: ! 1\n", None, ""),
        ("tag on a list", "a: !!seq [1]\n", None, ""),
        ("two documents", "a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("a mapping as a key", "? {a: 1}\n: 2\n", 1, "unhashable"),
        ("a list as a key", "? [a]\n: 2\n", 1, "unhashable"),
        ("a 5,000-digit number", "a: " + "7" * 5_000 + "\n", 1, "too long"),
        ("an impossible date", "a: 2026-02-30\n", 1, "cannot be read"),
        ("the value key", "a: =\n", 1, ""),
        ("one level too deep", "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", 1, "nested"),
        ("a syntax error", "a: [1, 2\nb: 3\n", None, ""),
        ("a tab", "a:\n\tb: 1\n", 2, ""),
    ],
)
def test_what_the_lean_path_leaves_to_the_strict_reader(
    name: str, text: str, line: int | None, phrase: str
):
    assert yamlio._load_lean(text) is yamlio._UNSURE
    check_same_reading(text)
    if phrase:
        with pytest.raises(SessionFileError, match=phrase) as caught:
            yamlio.load(text, PATH, SessionFileError)
        if line is not None:
            assert caught.value.line == line, caught.value.message


def test_duplicate_keys_in_a_session_file_are_refused_with_their_line(
    framework: Framework, tmp_path: Path
):
    text = EXAMPLE_SESSION.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  facilitator:"))
    lines.insert(at + 1, "  facilitator: Somebody Else\n")
    path = tmp_path / "twice.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SessionFileError, match="appears twice") as caught:
        store.read_session(path, framework)
    assert caught.value.line == at + 2
    with pytest.raises(SessionFileError, match="appears twice"):
        store.check_file(path, framework)


def test_the_limits_hold_on_the_lean_path_exactly():
    at_depth = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert check_same_reading(at_depth)
    past_depth = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert not check_same_reading(past_depth)

    # the mapping, its key and its list are three values; then one per item
    at_count = "a: [" + ",".join(["1"] * (MAX_NODES - 3)) + "]\n"
    assert check_same_reading(at_count)
    past_count = "a: [" + ",".join(["1"] * (MAX_NODES - 2)) + "]\n"
    assert not check_same_reading(past_count)
    with pytest.raises(SessionFileError, match="more than 50,000 values"):
        yamlio.load(past_count, PATH, SessionFileError)


def test_plain_scalars_resolve_as_the_strict_reader_resolves_them():
    scalars = [
        "", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "yes", "No", "on",
        "OFF", "y", "n", "0", "-0", "+0", "7", "-7", "+7", "007", "0o7", "0x1F", "0b101",
        "1_000", "1:30", "190:20:30", "999999999999999999", "9999999999999999999",
        "12345678901234567890123", "1.5", "-.5", "+1.", "1e3", "1.0e+3", "6.8523015e+5",
        ".inf", "-.Inf", ".NaN", ".nan", "1.2.3", "2026-03-12", "2026-3-12",
        "2026-03-12 09:30:00", "2026-03-12T09:30:00Z", "2026-03-12t09:30:00.5+01:00",
        "2026-03-12 9:30:00 -5", "20260312", "=", "<<", "a: b", "- x", "text 3",
        "3 text", "é", "0.", "._", "-", "--", "+", "0:0",
    ]  # fmt: skip
    for value in scalars:
        for quoted in (False, True):
            text = f"key: {value!r}\n" if quoted else f"key: {value}\n"
            if not quoted and (value.startswith(("- ", "-", ":")) or ": " in value):
                text = f"key: [{value}]\n"
            check_same_reading(text)
            check_same_reading(f"{value}: 1\n" if value and not quoted else f"'{value}': 1\n")


# --- damaged copies of the real files ----------------------------------------------------------


@pytest.mark.parametrize("source", ["session", "framework"])
def test_damaged_files_read_the_same_on_both_paths(source: str):
    original = SOURCES[source].read_bytes()
    lean = 0
    seeds = 120 if source == "session" else 60
    for seed in range(seeds):
        rng = random.Random(f"lean-{source}-{seed}")
        try:
            text = mutate(original, rng).decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        lean += check_same_reading(text)
    # both outcomes were exercised: damage the lean path reads, and damage it leaves
    assert 0.1 * seeds < lean < 0.95 * seeds, lean


# --- generated data and text -------------------------------------------------------------------

keys = st.one_of(
    st.text(max_size=8),
    st.integers(-10, 10**20),
    st.booleans(),
    st.none(),
    st.dates(),
    st.floats(allow_nan=False),
)
scalars = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["yes", "no", "~", "1_0", "0x1f", "1:20", ".inf", "2026-03-12", "=", "<<"]),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=1)))),
    st.datetimes(min_value=datetime(1, 1, 2)),
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


@given(data=documents, flow=st.sampled_from([None, False, True]))
def test_generated_documents_read_the_same_on_both_paths(data: Any, flow: bool | None):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    check_same_reading(text)


yaml_pieces = st.sampled_from(
    [
        "a", "b", "1", "1.0", "~", "yes", "2026-03-12", "x y", ": ", ":", "- ", "-", "\n",
        "\n  ", "\n    ", "  ", "[", "]", "{", "}", ", ", "'", '"', "#", "&a ", "*a", "!!str ",
        "!x ", "? ", "|\n  ", ">\n  ", "---\n", "...\n", "<<: ", "\t", "\\", "é", "%YAML 1.1\n",
    ]
)  # fmt: skip


@given(pieces=st.lists(yaml_pieces, max_size=40))
def test_generated_text_reads_the_same_on_both_paths(pieces: list[str]):
    check_same_reading("".join(pieces))


def test_same_tells_types_apart():
    assert same({"a": [1, 2.0, None]}, {"a": [1, 2.0, None]})
    assert not same(1, True)
    assert not same(1, 1.0)
    assert not same(date(2026, 3, 12), datetime(2026, 3, 12))
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})
