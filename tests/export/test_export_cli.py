"""Tests for `benchmark-tui export`: exit codes, where the document goes, messages on stderr."""

from __future__ import annotations

import pytest

from benchmark_tui.cli import COMMANDS_HELP, main
from benchmark_tui.store import save_session

from .conftest import open_report

DEFAULT_NAME = "example-borough-libraries-2026-03-12-findings.docx"


def test_export_writes_next_to_the_session_and_says_where(example_file, capsys):
    assert main(["export", str(example_file)]) == 0
    target = example_file.parent / DEFAULT_NAME
    assert capsys.readouterr().out == f"Wrote {target}\n"
    assert open_report(target).item_headings()[0] == "1.1 Desired strategic outcomes"


def test_export_to_a_chosen_name_with_a_chosen_template(
    example_file, tmp_path, council_template, capsys
):
    target = tmp_path / "for-cabinet.docx"
    code = main(
        ["export", str(example_file), "-o", str(target), "--template", str(council_template())]
    )
    assert code == 0
    assert capsys.readouterr().out == f"Wrote {target}\n"
    header = open_report(target).doc.sections[0].header.paragraphs[0].text
    assert header == "Borough Council — Libraries & Culture\u2003DRAFT"
    assert not (example_file.parent / DEFAULT_NAME).exists()


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--template", "missing.docx"], "missing.docx: template not found"),
        (["-o", "report.pdf"], "must end in .docx"),
    ],
)
def test_bad_input_exits_2_with_the_problem_on_stderr(example_file, extra, says, capsys):
    assert main(["export", str(example_file), *extra]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("benchmark-tui: ")
    assert says in captured.err
    assert "Traceback" not in captured.err


def test_a_broken_session_exits_2_naming_its_line(example_file, capsys):
    text = example_file.read_text(encoding="utf-8").replace("state: agreed", "state: finished", 1)
    example_file.write_text(text, encoding="utf-8")
    assert main(["export", str(example_file)]) == 2
    assert f"{example_file}:" in capsys.readouterr().err
    assert not (example_file.parent / DEFAULT_NAME).exists()


def test_a_session_from_another_framework_version_exports_with_a_note(session, tmp_path, capsys):
    session.framework.hash = "sha256:" + "1" * 64
    path = tmp_path / "old.yaml"
    save_session(session, path)
    assert main(["export", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("note: old.yaml was made with")
    assert captured.out.startswith("Wrote ")


def test_export_is_listed_in_the_help():
    assert "benchmark-tui export SESSION       write the findings document (.docx)" in (
        COMMANDS_HELP
    )
