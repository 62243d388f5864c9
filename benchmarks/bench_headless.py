"""Provides the headless benchmarks: autosave, Word export, and validating 1,000 session files.

The autosave and in-process export figures call the core functions directly; the CLI figures
run ``benchmark-tui`` as a process (with warm bytecode caches), as a facilitator or a script would.
"""

from __future__ import annotations

import importlib
import io
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import (
    EXAMPLE_SESSION,
    Figure,
    bytecode_cache,
    cli_command,
    copy_example,
    median,
    private_env,
    run_process,
    scratch,
    skipped,
    spread,
    time_calls,
)

from benchmark_tui import store
from benchmark_tui.models import Framework, Session


def _example(folder: Path) -> tuple[Framework, Session, Path]:
    path = copy_example(folder)
    framework = store.load_framework()
    return framework, store.read_session(path, framework).session, path


def _durable_write(path: Path, data: bytes) -> None:
    """The floor of a safe save: a temp file beside ``path``, fsynced, renamed over it.

    No backup and no fsync of the folder: what store.write_atomically adds is the difference.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)


def measure_autosave(repeats: int) -> list[Figure]:
    """save_session on the fully filled example, and its two halves.

    There is no target since issue 12 (a save is debounced and nobody waits for it); the
    figures say what a save costs, and what writing a session holding an emoji costs, which
    goes through PyYAML's Python emitter (libyaml's would escape it).
    """
    with scratch("autosave") as folder:
        framework, session, path = _example(folder)
        if session.progress(framework).label != "14/14 agreed":
            print(f"  note: the example is {session.progress(framework).label}", file=sys.stderr)
        text = store.session_text(session)
        data = text.encode("utf-8")
        floor = folder / "floor.yaml"
        store.save_session(session, path)  # warm: the .bak exists from now on, as in a workshop
        # As in a workshop, every save follows an edit: one record's text changes each time.
        record = session.record(framework.items[-1].id)
        summary, edits = record.evidence.summary, itertools.count()

        def edited() -> None:
            record.evidence.summary = f"{summary} ({next(edits)})"

        saves = time_calls(lambda: (edited(), store.save_session(session, path)), repeats)
        texts = time_calls(lambda: (edited(), store.session_text(session)), repeats)
        writes = time_calls(lambda: store.write_session_text(text, path), repeats)
        floors = time_calls(lambda: _durable_write(floor, data), repeats)
        json_dumps = time_calls(session.model_dump_json, repeats)
        summary += " 📚"
        emoji_texts = time_calls(lambda: (edited(), store.session_text(session)), repeats)
    save_ms = median(saves) * 1000
    return [
        Figure(
            name="autosave",
            what=f"store.save_session of the fully filled example ({len(data) // 1024} KiB), "
            "one record edited before each save",
            measured=save_ms,
            baseline=median(floors) * 1000,
            unit="ms",
            target="(none: debounced, in the background; issue 12)",
            passed=None,
            baseline_what="a bare atomic write of the same bytes (temp file, fsync, rename)",
            details={"spread": spread(saves, 1000, " ms")},
        ),
        Figure(
            name="session-text",
            what="store.session_text (check + YAML of the whole document, libyaml's emitter)",
            measured=median(texts) * 1000,
            baseline=median(json_dumps) * 1000,
            unit="ms",
            target="(part of autosave)",
            passed=None,
            baseline_what="pydantic's own Session.model_dump_json",
            details={"spread": spread(texts, 1000, " ms")},
        ),
        Figure(
            name="session-text-emoji",
            what="store.session_text of the example with an emoji in one summary "
            "(PyYAML's Python emitter, which writes emoji as they are)",
            measured=median(emoji_texts) * 1000,
            baseline=median(texts) * 1000,
            unit="ms",
            target="(part of autosave)",
            passed=None,
            baseline_what="the same without the emoji (libyaml's emitter)",
            details={"spread": spread(emoji_texts, 1000, " ms")},
        ),
        Figure(
            name="write-session-text",
            what="store.write_session_text (atomic write + .bak + fsyncs; in a worker thread)",
            measured=median(writes) * 1000,
            baseline=median(floors) * 1000,
            unit="ms",
            target="(part of autosave)",
            passed=None,
            baseline_what="a bare atomic write of the same bytes (temp file, fsync, rename)",
            details={"spread": spread(writes, 1000, " ms")},
        ),
    ]


def _export_module() -> tuple[object | None, str]:
    try:
        return importlib.import_module("benchmark_tui.export"), ""
    except ImportError as err:
        return None, f"`import benchmark_tui.export` fails ({err})"


def _template_bytes() -> bytes | None:
    """The shipped template, if the export package has one."""
    from importlib import resources

    try:
        return (resources.files("benchmark_tui.export") / "template.docx").read_bytes()
    except (OSError, ModuleNotFoundError):
        return None


def _bare_docx_round_trip(template: bytes | None, target: Path) -> None:
    """The floor of any export: python-docx opens the template and saves it, adding nothing."""
    import docx

    document = docx.Document(io.BytesIO(template)) if template else docx.Document()
    document.save(str(target))


def measure_export(repeats: int) -> list[Figure]:
    """write_report on the fully filled example, in-process."""
    what = "export.write_report of the fully filled example, in-process"
    module, problem = _export_module()
    write_report = getattr(module, "write_report", None)
    if write_report is None:
        return [skipped("export", what, "ms", "< 400 ms", problem or "no write_report")]
    with scratch("export") as folder:
        framework, session, _path = _example(folder)
        target = folder / "findings.docx"
        start = time.perf_counter()
        write_report(framework, session, target)  # the first call also imports python-docx
        first = time.perf_counter() - start
        times = time_calls(lambda: write_report(framework, session, target), repeats)
        template = _template_bytes()
        floors = time_calls(lambda: _bare_docx_round_trip(template, folder / "bare.docx"), repeats)
        size = target.stat().st_size
    export_ms = median(times) * 1000
    return [
        Figure(
            name="export",
            what=f"{what} ({size // 1024} KiB .docx)",
            measured=export_ms,
            baseline=median(floors) * 1000,
            unit="ms",
            target="< 400 ms",
            passed=export_ms < 400,
            baseline_what="python-docx opening the template and saving it unchanged",
            details={
                "spread": spread(times, 1000, " ms"),
                "first call": f"{first * 1000:.0f} ms (includes importing python-docx)",
            },
        )
    ]


def _cli_has_export(env: dict[str, str], cwd: Path) -> bool:
    done = subprocess.run(
        [*cli_command(), "export", "--help"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0 and "export" in done.stdout


def measure_export_cli(repeats: int) -> list[Figure]:
    """``benchmark-tui export SESSION -o OUT.docx`` as a process."""
    what = "`benchmark-tui export` of the example, as a process"
    module, problem = _export_module()
    if module is None:
        return [skipped("export-cli", what, "ms", "< 1 s", problem)]
    with scratch("export-cli") as folder:
        env = private_env(folder, bytecode_cache())
        if not _cli_has_export(env, folder):
            reason = "the CLI has no `export` command yet (`benchmark-tui export --help` fails)"
            return [skipped("export-cli", what, "ms", "< 1 s", reason)]
        session = copy_example(folder / "sessions")
        argv = [*cli_command(), "export", str(session), "-o", str(folder / "out.docx")]
        template = folder / "template.docx"
        template.write_bytes(_template_bytes() or b"")
        floor = [
            sys.executable,
            "-c",
            "import sys, docx; docx.Document(sys.argv[1] if sys.argv[1:] else None)"
            ".save(sys.argv[2] if sys.argv[2:] else 'bare.docx')",
            *([str(template), str(folder / "bare.docx")] if template.stat().st_size else []),
        ]
        run_process(argv, env, folder)  # warm the bytecode caches
        run_process(floor, env, folder)
        times, floors = [], []
        for _ in range(repeats):
            elapsed, status, tail = run_process(argv, env, folder)
            if status != 0:
                raise RuntimeError(f"benchmark-tui export failed ({status}): {tail}")
            times.append(elapsed)
            floors.append(run_process(floor, env, folder)[0])
    cli_ms = median(times) * 1000
    return [
        Figure(
            name="export-cli",
            what=what,
            measured=cli_ms,
            baseline=median(floors) * 1000,
            unit="ms",
            target="< 1 s",
            passed=cli_ms < 1000,
            baseline_what="a Python process that imports python-docx and saves the bare template",
            details={"spread": spread(times, 1000, " ms")},
        )
    ]


_PARSE_ONLY = """\
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob('*.yaml')):
    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)
"""


def measure_validate(files: int, repeats: int) -> list[Figure]:
    """``benchmark-tui validate DIR`` over ``files`` copies of the example, in one call."""
    with scratch("validate") as folder:
        many = folder / "many"
        many.mkdir()
        for index in range(files):
            shutil.copyfile(EXAMPLE_SESSION, many / f"session-{index:04d}.yaml")
        env = private_env(folder, bytecode_cache())
        argv = [*cli_command(), "validate", str(many)]
        floor = [sys.executable, "-c", _PARSE_ONLY, str(many)]
        run_process([*cli_command(), "validate", str(EXAMPLE_SESSION)], env, folder)  # warm
        times, floors = [], []
        for _ in range(repeats):
            elapsed, status, tail = run_process(argv, env, folder)
            if status != 0:
                raise RuntimeError(f"benchmark-tui validate failed ({status}): {tail}")
            times.append(elapsed)
            floors.append(run_process(floor, env, folder)[0])
    seconds = median(times)
    return [
        Figure(
            name="validate",
            what=f"`benchmark-tui validate DIR` of {files} copies of the example, one process",
            measured=seconds * 1000,
            baseline=median(floors) * 1000,
            unit="ms",
            target="(none: nobody waits for validate; issue 12 withdrew < 5 s per 1,000)",
            passed=None,
            baseline_what="a Python process that yaml-loads the same files (libyaml, no checks)",
            details={
                "spread": spread(times, 1000, " ms"),
                "per file": f"{seconds / files * 1000:.1f} ms",
            },
        )
    ]
