"""A fuzz of every way a file or a path reaches benchmark-tui: hostile files through every door.

Run as ``python -m tests.hardening.fuzz_files WORKDIR [--every K]`` (from the repository), in
a process of its own: :mod:`tests.hardening.test_fuzz_files` starts it, as root without the
capabilities that let root ignore permissions, so a folder closed with ``chmod 000`` is closed.
It builds hostile files and paths in WORKDIR, then puts each through the command line
(``validate``, ``export``, ``versions``, ``restore``, ``next``, ``compare`` with its ``--csv``
and ``--docx``, ``--framework``, and the app's launch with a path or ``--sessions-dir`` up to
where the screen would start) and through the core's file inputs (``store``,
``OpenSession.open``, ``save_as``, the versions, the sessions list). It prints one JSON line:
how many cases ran, and which crashed, hung or showed raw error text.

A case is a *crash* if it ends in an exception other than a located
:class:`~benchmark_tui.errors.BenchmarkError` (the command line: an exit status other than 0
or 2, or a traceback or "something unexpected" on its output); *raw* if a message carries
pydantic's link or Python's own words; *hung* if, still running after a bounded wait of 2 s, it
is found blocked on one of the named pipes (a writer can open the pipe: a reader is waiting).
A case still running after 2 s but not on a pipe is only slow (a loaded machine) and is waited
for; cases are counted, never timed against a deadline that load could break.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "sessions" / "example-borough-libraries-2026-03-12.yaml"
PREVIOUS = REPO / "sessions" / "example-borough-libraries-2025-03-13.yaml"
LIBRARIES = sorted((REPO / "sessions").glob("example-*-library-*.yaml"))
FRAMEWORK = REPO / "framework.yaml"
BOUND = 2.0
"""Seconds a case may run before it is looked at for a hang."""
PATIENCE = 300.0
"""Seconds a slow case (not on a pipe) is waited for before it counts as hung anyway."""
RAW = ("errors.pydantic.dev", "invalid literal for", "Traceback (most recent call last)",
       "input_value=", "[type=")  # fmt: skip


@dataclass
class Case:
    name: str
    run: Callable[[], object]
    kind: str  # "cli" or "core"
    always: bool = False
    """Part of the short slice of the default run too (the issue's own cases)."""


@dataclass
class Place:
    root: Path
    good: Path
    good2: Path
    hostile: dict[str, Path] = field(default_factory=dict)
    """Files and paths to read, by name."""
    targets: dict[str, Path] = field(default_factory=dict)
    """Paths to write to, by name."""
    folders: dict[str, Path] = field(default_factory=dict)
    """Paths given as a sessions folder, by name."""
    pipes: list[Path] = field(default_factory=list)
    always: set[str] = field(default_factory=set)


# --- hostile files ----------------------------------------------------------------------------


def _example_lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)


def _edit(old: str, new: str, count: int = 1) -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, count).encode("utf-8")


def _previous_hash_spoiled() -> bytes:
    """The example with the hash of its link to last year spoiled (whatever that hash is)."""
    head, link = EXAMPLE.read_text(encoding="utf-8").split("\nprevious:\n", 1)
    assert "  hash: sha256:" in link
    link = link.replace("  hash: sha256:", "  hash: sha256:0", 1)
    return f"{head}\nprevious:\n{link}".encode()


def _append(extra: str) -> bytes:
    return (EXAMPLE.read_text(encoding="utf-8") + extra).encode("utf-8")


def _nested(levels: int) -> bytes:
    return ("a: " + "[" * levels + "]" * levels + "\n").encode()


def content_cases() -> dict[str, bytes]:
    """Files whose content is hostile (each written as NAME.yaml)."""
    big = b"# " + b"x" * (5 * 1024 * 1024) + b"\n"
    minimal = EXAMPLE.read_text(encoding="utf-8")
    cases: dict[str, bytes] = {
        "empty": b"",
        "blank-lines": b"\n\n  \n\t\n",
        "bom-only": b"\xef\xbb\xbf",
        "utf16": "schema_version: 1\n".encode("utf-16"),
        "binary": b"\x00\x01\x02PK\x03\x04" * 50,
        "latin1": "service:\n  name: Biblioth\xe8que\n".encode("latin-1"),
        "tab-indent": b"service:\n\tname: x\n",
        "unclosed": b"service: [\n",
        "duplicate-keys": _append("service:\n  name: Again\n"),
        "anchors": b"a: &x [1, 2]\nb: *x\n",
        "billion-laughs": b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n",
        "python-tag": b"a: !!python/object/apply:os.system ['echo no']\n",
        "binary-tag": b"a: !!binary ###\n",
        "two-documents": b"a: 1\n---\nb: 2\n",
        "deep": _nested(45),
        "many-values": ("a: [" + ",".join(["1"] * 60_000) + "]\n").encode(),
        "over-5mb": minimal.encode() + big,
        "a-list": b"- 1\n- 2\n",
        "a-scalar": b"just some text\n",
        "a-number": b"42\n",
        "null": b"~\n",
        "huge-int": ("a: " + "9" * 5000 + "\n").encode(),
        "int-tag-text": b"a: !!int abc\n",
        "impossible-date": _edit("  - 2026-03-12\n", "  - 2026-02-30\n"),
        "schema-true": _edit("schema_version: 1", "schema_version: true"),
        "schema-float": _edit("schema_version: 1", "schema_version: 1.0"),
        "schema-2": _edit("schema_version: 1", "schema_version: 2"),
        "schema-0": _edit("schema_version: 1", "schema_version: 0"),
        "schema-huge": _edit("schema_version: 1", "schema_version: " + "9" * 400),
        "start-9.5": _edit("  - start: 09:30\n", "  - start: 9.5\n"),
        "start-offset": _edit("  - start: 09:30\n", "  - start: 10:00:00+01:00\n"),
        "start-datetime": _edit("  - start: 09:30\n", "  - start: 2026-03-12 10:00:00+01:00\n"),
        "start-25": _edit("  - start: 09:30\n", "  - start: '25:00'\n"),
        "start-arabic-digits": _edit("  - start: 09:30\n", "  - start: '٠٩:٣٠'\n"),
        "end-before-start": _edit("    end: '16:30'\n", "    end: '08:00'\n"),
        "created-naive": _append("").replace(b"created: ", b"created: 2026-03-01 10:00:00 #"),
        "created-text": _append("").replace(b"created: ", b"created: 'yesterday' #"),
        "rating-5": _edit("      plan:\n        value: 3\n", "      plan:\n        value: 5\n"),
        "rating-negative": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: -1\n"
        ),
        "rating-true": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: true\n"
        ),
        "rating-text": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: 'three'\n"
        ),
        "rating-float": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: 3.5\n"
        ),
        "rating-nan": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: .nan\n"
        ),
        "rating-inf": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: .inf\n"
        ),
        "rating-huge": _edit(
            "      plan:\n        value: 3\n", "      plan:\n        value: " + "9" * 3000 + "\n"
        ),
        "text-20001": _edit("  governance_detail: ''", "  governance_detail: " + "x" * 20_001),
        "strength-20001": _edit(
            "    strengths:\n", "    strengths:\n    - '" + "y" * 20_001 + "'\n"
        ),
        "name-201": _edit("  facilitator: ", "  facilitator: " + "z" * 201 + " #"),
        "unknown-key": _append("surprise: 1\n"),
        "unknown-id": _edit("characteristics:\n", "characteristics:\n  no-such-thing: {}\n"),
        "key-is-null": _append("~: 1\n"),
        "key-is-list": _append("? [a, b]\n: 1\n"),
        "time-spent-negative": _edit("  outcomes: 2040", "  outcomes: -5"),
        "time-spent-huge": _edit("  outcomes: 2040", "  outcomes: " + "9" * 30),
        "budget-zero": _edit("  budgets:\n", "  budgets:\n    vision: 0\n"),
        "previous-missing": _edit("  file: example-borough", "  file: gone/example-borough"),
        "previous-pipe": _edit(
            "  file: example-borough-libraries-2025-03-13.yaml", "  file: pipe-previous.yaml"
        ),
        "previous-loop": _edit(
            "  file: example-borough-libraries-2025-03-13.yaml", "  file: loop.yaml"
        ),
        "previous-folder": _edit(
            "  file: example-borough-libraries-2025-03-13.yaml", "  file: folder.yaml"
        ),
        "previous-closed": _edit(
            "  file: example-borough-libraries-2025-03-13.yaml", "  file: closed/s.yaml"
        ),
        "previous-long": _edit(
            "  file: example-borough-libraries-2025-03-13.yaml", "  file: " + "p" * 300 + ".yaml"
        ),
        "previous-hash": _previous_hash_spoiled(),
        "emoji-rtl-ls": _edit(
            "  name: Example Borough Libraries\n",
            '  name: "Library \U0001f4da \\u2028 \\u05e9\\u05dc\\u05d5\\u05dd [/] ..."\n',
        ),
        "crlf": EXAMPLE.read_bytes().replace(b"\n", b"\r\n"),
        "cr-only": EXAMPLE.read_bytes().replace(b"\n", b"\r"),
        "control-chars": _edit(
            "  name: Example Borough Libraries\n", '  name: "Ex\\x1b[31mample\\x07"\n'
        ),
        "nel": _edit("  name: Example Borough Libraries\n", '  name: "Ex\\Nample"\n'),
        "framework-as-session": FRAMEWORK.read_bytes(),
        "framework-9": FRAMEWORK.read_bytes().replace(
            b"    - id: leadership", b"    - id: leadrship"
        ),
        "framework-no-scale": FRAMEWORK.read_bytes().replace(b"scale:", b"scales:"),
    }
    votes = ", ".join(f"Person {n}: 2" for n in range(201))
    cases["round-201-voters"] = _edit(
        "        value: 3\n", "        value: 3\n        votes: {" + votes + "}\n"
    )
    values = "".join(f"      - period: '{1800 + n}'\n        value: '{n}'\n" for n in range(201))
    lines = _example_lines()
    at = next(n for n, line in enumerate(lines) if line.strip() == "values:")
    cases["measure-201-values"] = (
        "".join(lines[: at + 1]) + values + "".join(lines[at + 1 :])
    ).encode()
    return cases


def build(root: Path) -> Place:
    """Make the hostile place: good sessions, hostile files and paths, targets."""
    folder = root / "sessions"
    folder.mkdir(parents=True)
    good = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, good)
    shutil.copy(PREVIOUS, folder / PREVIOUS.name)
    good2 = folder / LIBRARIES[0].name
    shutil.copy(LIBRARIES[0], good2)
    place = Place(root, good, good2)
    hostile = root / "hostile"
    hostile.mkdir()
    shutil.copy(PREVIOUS, hostile / PREVIOUS.name)  # the previous file the edited links want
    for name, data in content_cases().items():
        path = hostile / f"{name}.yaml"
        path.write_bytes(data)
        place.hostile[f"content:{name}"] = path
    for name in ("start-9.5", "start-offset", "schema-true", "previous-pipe"):
        place.always.add(f"content:{name}")

    # paths that are not ordinary files
    def add(name: str, path: Path, *, always: bool = False) -> Path:
        place.hostile[f"path:{name}"] = path
        if always:
            place.always.add(f"path:{name}")
        return path

    add("missing", hostile / "missing.yaml")
    (hostile / "folder.yaml").mkdir()
    add("folder", hostile / "folder.yaml")
    loop = add("loop", hostile / "loop.yaml", always=True)
    loop.symlink_to("loop.yaml")
    dangling = add("dangling-link", hostile / "dangling.yaml")
    dangling.symlink_to("nowhere.yaml")
    to_folder = add("link-to-folder", hostile / "to-folder.yaml")
    to_folder.symlink_to("folder.yaml")
    link = add("link-to-good", hostile / "link.yaml")
    link.symlink_to(good)
    if hasattr(os, "mkfifo"):
        for name in ("pipe.yaml", "pipe-previous.yaml", "pipe.csv", "pipe.docx"):
            os.mkfifo(hostile / name)
            place.pipes.append(hostile / name)
        add("pipe", hostile / "pipe.yaml", always=True)
        to_pipe = add("link-to-pipe", hostile / "to-pipe.yaml")
        to_pipe.symlink_to("pipe.yaml")
    for device in ("/dev/null", "/dev/zero", "/dev/urandom"):
        if Path(device).exists():
            add(f"device{device.replace('/', '-')}", Path(device))
    add("name-256-bytes", hostile / ("n" * 251 + ".yaml"), always=True)
    add("part-300-bytes", hostile / ("d" * 300) / "s.yaml")
    add("inside-a-file", good / "s.yaml")
    add("nul-in-name", Path(str(hostile / "nu") + "\x00l.yaml"))
    add("newline-in-name", hostile / "new\nline.yaml").write_bytes(EXAMPLE.read_bytes())
    add("undecodable-name", Path(os.fsdecode(bytes(hostile / "x") + b"\xff\xfe.yaml"))).write_bytes(
        EXAMPLE.read_bytes()
    )
    add("dash", Path("-"))
    add("empty", Path(""))
    add("tilde", Path("~nosuchuser/s.yaml"))
    add("deep", hostile.joinpath(*["d"] * 200, "s.yaml"))
    add("root", Path("/"))
    add("proc", Path("/proc/self/status"))
    closed = hostile / "closed"
    closed.mkdir()
    shutil.copy(EXAMPLE, closed / "s.yaml")
    add("in-closed-folder", closed / "s.yaml", always=True)
    add("closed-folder", closed)
    add("new-in-closed-folder", closed / "sub" / "s.yaml")
    read_only_folder = hostile / "read-only"
    read_only_folder.mkdir()
    shutil.copy(EXAMPLE, read_only_folder / "s.yaml")
    add("in-read-only-folder", read_only_folder / "s.yaml")
    read_only = hostile / "read-only-file.yaml"
    shutil.copy(EXAMPLE, read_only)
    read_only.chmod(0o444)
    add("read-only-file", read_only)
    add("versions-is-a-file", hostile / "no-history.yaml").write_bytes(EXAMPLE.read_bytes())
    (hostile / "no-history.yaml.versions").write_text("in the way", encoding="utf-8")
    damaged = hostile / "damaged.yaml"
    shutil.copy(EXAMPLE, damaged)
    history = hostile / "damaged.yaml.versions"
    history.mkdir()
    shutil.copy(EXAMPLE, history / "2026-03-12_14-02-07.yaml")
    (history / "2026-03-12_14-03-07.yaml").write_text("service: [\n", encoding="utf-8")
    damaged.write_text("service: [\n", encoding="utf-8")
    add("damaged-with-history", damaged, always=True)
    lock_folder = hostile / "locked-by-folder.yaml"
    shutil.copy(EXAMPLE, lock_folder)
    (hostile / ".locked-by-folder.yaml.lock").mkdir()
    add("lock-file-is-a-folder", lock_folder)

    # targets to write to (csv, docx, yaml)
    for suffix in (".csv", ".docx", ".yaml"):
        place.targets[f"new{suffix}"] = root / "out" / f"new{suffix}"
        place.targets[f"long{suffix}"] = hostile / ("l" * 260 + suffix)
        place.targets[f"closed{suffix}"] = closed / f"out{suffix}"
        place.targets[f"missing-folder{suffix}"] = hostile / "no-folder" / f"out{suffix}"
        place.targets[f"inside-a-file{suffix}"] = good / f"out{suffix}"
        place.targets[f"loop{suffix}"] = hostile / f"loop{suffix}"
        if suffix != ".yaml":
            (hostile / f"loop{suffix}").symlink_to(f"loop{suffix}")
        place.targets[f"folder{suffix}"] = hostile / f"folder-target{suffix}"
        (hostile / f"folder-target{suffix}").mkdir()
        place.targets[f"read-only{suffix}"] = hostile / f"ro{suffix}"
        (hostile / f"ro{suffix}").write_text("x", encoding="utf-8")
        (hostile / f"ro{suffix}").chmod(0o444)
    (root / "out").mkdir()
    place.targets["session-as-csv"] = hostile / "session.csv"
    shutil.copy(EXAMPLE, hostile / "session.csv")
    place.targets["session-as-docx"] = hostile / "session.docx"
    shutil.copy(EXAMPLE, hostile / "session.docx")
    place.targets["the-session-itself"] = good
    place.targets["proc.docx"] = Path("/proc/out.docx")
    place.targets["proc.csv"] = Path("/proc/out.csv")
    if place.pipes:
        place.targets["pipe.csv"] = hostile / "pipe.csv"
        place.targets["pipe.docx"] = hostile / "pipe.docx"
        place.targets["pipe.yaml"] = hostile / "pipe.yaml"
    place.targets["nul.csv"] = Path(str(root) + "/nu\x00l.csv")

    place.folders = {
        "missing": root / "no-sessions-yet",
        "a-file": good,
        "loop": hostile / "loop-folder",
        "closed": closed,
        "inside-closed": closed / "sessions",
        "long": hostile / ("f" * 300),
        "hostile": hostile,
        "nul": Path(str(root) + "/nu\x00l"),
    }
    (hostile / "loop-folder").symlink_to("loop-folder")
    place.always.update({"folder:closed", "folder:loop", "number"})
    place.always.update({"target:pipe.csv", "target:session-as-csv", "target:pipe.yaml"})
    closed.chmod(0o000)
    read_only_folder.chmod(0o555)
    return place


# --- cases -----------------------------------------------------------------------------------


def cli(*args: object) -> Callable[[], object]:
    def run() -> tuple[int, str, str]:
        from benchmark_tui.cli import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as stop:  # argparse refusing an option
                code = stop.code if isinstance(stop.code, int) else 2
        return code, out.getvalue(), err.getvalue()

    return run


def cases(place: Place) -> list[Case]:
    from benchmark_tui import store, versions
    from benchmark_tui.models import Framework

    framework: Framework = store.load_framework()
    found: list[Case] = []

    def case(name: str, run: Callable[[], object], kind: str, key: str) -> None:
        found.append(Case(name, run, kind, always=key in place.always))

    for key, path in sorted(place.hostile.items()):
        case(f"validate {key}", cli("validate", path), "cli", key)
        case(f"export {key}", cli("export", path, "-o", place.root / "out" / "x.docx"), "cli", key)
        case(f"versions {key}", cli("versions", path), "cli", key)
        case(f"restore {key}", cli("restore", path, "1"), "cli", key)
        case(
            f"next {key}",
            cli("next", path, "-o", place.root / "out" / f"next-{len(found)}.yaml"),
            "cli",
            key,
        )
        case(f"compare {key}", cli("compare", place.good, path), "cli", key)
        case(f"--framework {key}", cli("validate", place.good2, "--framework", path), "cli", key)
        case(f"launch {key}", cli(path), "cli", key)
        case(f"read_session {key}", lambda p=path: store.read_session(p, framework), "core", key)
        case(f"load_framework {key}", lambda p=path: store.load_framework(p), "core", key)
        case(f"check_file {key}", lambda p=path: store.check_file(p, framework), "core", key)
        case(f"open {key}", lambda p=path: _open_and_close(p, framework), "core", key)
        case(f"list_versions {key}", lambda p=path: versions.list_versions(p), "core", key)
        case(
            f"recent_sessions {key}",
            lambda p=path: store.recent_sessions([p], framework),
            "core",
            key,
        )
    for key, folder in sorted(place.folders.items()):
        folder_key = f"folder:{key}"
        case(f"--sessions-dir {folder_key}", cli("--sessions-dir", folder), "cli", folder_key)
        case(
            f"list_sessions {folder_key}",
            lambda f=folder: store.list_sessions(f, framework),
            "core",
            folder_key,
        )
        case(f"validate folder {folder_key}", cli("validate", folder), "cli", folder_key)
    for key, target in sorted(place.targets.items()):
        target_key = f"target:{key}"
        case(
            f"--csv {target_key}",
            cli("compare", place.good, place.good2, "--csv", target),
            "cli",
            target_key,
        )
        case(
            f"--docx {target_key}",
            cli("compare", place.good, place.good2, "--docx", target),
            "cli",
            target_key,
        )
        case(f"export -o {target_key}", cli("export", place.good, "-o", target), "cli", target_key)
        case(f"next -o {target_key}", cli("next", place.good, "-o", target), "cli", target_key)
        for replace in (False, True):
            case(
                f"save_as {target_key} replace={replace}",
                lambda t=target, r=replace: _save_as(place, framework, t, r),
                "core",
                target_key,
            )
    for number in ("²", "٣", "9" * 5000, "-1", "0", "", "1e3", "x\x00"):
        case(f"restore number {number[:8]!r}", cli("restore", place.good, number), "cli", "number")
    return found


def _open_and_close(path: Path, framework: object) -> None:
    from benchmark_tui.workshop import OpenSession

    opened = OpenSession.open(path, framework)  # type: ignore[arg-type]
    opened.close()


def _save_as(place: Place, framework: object, target: Path, replace: bool) -> None:
    from benchmark_tui.workshop import OpenSession

    own = place.root / "out" / "save-as-source.yaml"
    if not own.exists():
        shutil.copy(EXAMPLE, own)
    opened = OpenSession.open(own, framework)  # type: ignore[arg-type]
    try:
        opened.save_as(target, replace=replace)
    finally:
        opened.close()


class StubApp:
    """The app, up to where its screen would start: the files it reads first, as it reads them.

    Opening the session given (a problem is shown over the sessions list), else the sessions
    list: the sessions folder (a problem is said) and the recent sessions elsewhere.
    """

    def __init__(self, session_path=None, framework_path=None, sessions_dir=None, **_kw):  # type: ignore[no-untyped-def]
        self.session_path = session_path
        self.framework_path = framework_path
        self.sessions_dir = Path(sessions_dir) if sessions_dir else Path.cwd() / "sessions"
        self.return_code = 0

    def run(self) -> None:
        from benchmark_tui import store
        from benchmark_tui.errors import BenchmarkError
        from benchmark_tui.workshop import OpenSession

        framework = store.load_framework(self.framework_path)
        if self.session_path is not None:
            try:
                OpenSession.open(self.session_path, framework).close()
                return
            except BenchmarkError:
                pass  # shown over the sessions list
        try:
            here = store.list_sessions(self.sessions_dir, framework)
        except BenchmarkError:
            here = []  # said on the start screen
        recent = [str(self.session_path)] if self.session_path is not None else []
        store.recent_sessions(recent, framework, listed=[s.path for s in here])


# --- running ----------------------------------------------------------------------------------


def _blocked_on_a_pipe(pipes: list[Path]) -> bool:
    """Open each pipe's writing end without waiting: it opens only if a reader is waiting."""
    blocked = False
    for pipe in pipes:
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader (ENXIO), or no longer a pipe
            continue
        os.close(fd)  # the reader sees the end of the pipe and goes on
        blocked = True
    return blocked


def verdict(case: Case, outcome: object) -> str:
    """``ok``, ``crash`` or ``raw`` for a case that finished."""
    from benchmark_tui.errors import BenchmarkError

    if case.kind == "cli":
        code, out, err = outcome  # type: ignore[misc]
        said = out + err
        if code not in (0, 2) or "something unexpected" in err:
            return "crash"
        if code == 2 and not err.strip():
            return "crash"
    elif isinstance(outcome, BaseException):
        if not isinstance(outcome, BenchmarkError):
            return "crash"
        said = outcome.message
    else:
        said = ""
    return "raw" if any(raw in said for raw in RAW) else "ok"


def run_all(place: Place, chosen: list[Case], show: str = "") -> dict[str, object]:
    problems: dict[str, list[str]] = {"crash": [], "raw": [], "hung": [], "slow": []}
    details: dict[str, str] = {}
    for case in chosen:
        box: list[object] = []

        def target(case: Case = case, box: list[object] = box) -> None:
            try:
                box.append(case.run())
            except BaseException as err:  # noqa: BLE001 - judged by verdict()
                box.append(err)
                details[case.name] = "".join(traceback.format_exception(err))[-1500:]

        worker = threading.Thread(target=target, daemon=True)
        worker.start()
        worker.join(BOUND)
        if worker.is_alive():
            if _blocked_on_a_pipe(place.pipes):
                problems["hung"].append(case.name)
            else:
                problems["slow"].append(case.name)
            worker.join(PATIENCE)
            if worker.is_alive():
                problems["hung"].append(case.name)
                continue
        outcome = box[0]
        judged = verdict(case, outcome)
        if show and show in case.name:  # for a person reading what each case was told
            said = outcome if case.kind == "cli" else getattr(outcome, "message", outcome)
            print(f"--- {case.name} [{judged}]\n{said}", file=sys.stderr)
        if judged != "ok":
            problems[judged].append(case.name)
            if case.kind == "cli":
                details[case.name] = "\n".join(str(x) for x in outcome)[-1500:]  # type: ignore[union-attr]
    return {"count": len(chosen), **problems, "details": details}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workdir", type=Path)
    parser.add_argument(
        "--every", type=int, default=1, help="run every K-th case (and all 'always')"
    )
    parser.add_argument(
        "--show", default="", help="print what the cases whose name holds this said"
    )
    args = parser.parse_args()
    place = build(args.workdir)
    import benchmark_tui.tui.app as app_module

    app_module.BenchmarkApp = StubApp  # type: ignore[misc, assignment]
    everything = cases(place)
    chosen = [c for n, c in enumerate(everything) if c.always or n % args.every == 0]
    os.chdir(place.root)
    try:
        report = run_all(place, chosen, args.show)
    finally:
        for folder in (place.root / "hostile" / "closed", place.root / "hostile" / "read-only"):
            with contextlib.suppress(OSError):
                folder.chmod(0o755)
    report["total"] = len(everything)
    print(json.dumps(report))
    sys.stdout.flush()
    os._exit(0)  # daemon threads of hung cases must not keep the process


if __name__ == "__main__":
    main()
