"""python-docx is imported only when a document is written, never at start-up.

The app imports ``benchmark_tui.export`` to offer the export key; that must cost nothing. A
companion test proves the check notices python-docx when it is loaded.
"""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import sys\n"
    "{code}\n"
    "print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & {{'docx', 'textual'}})))\n"
)


def _heavy_modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {name for name in done.stdout.strip().split(",") if name}


def test_importing_the_export_package_loads_neither_docx_nor_textual():
    assert _heavy_modules_after("import benchmark_tui.export, benchmark_tui.cli") == set()


def test_writing_a_document_does_load_docx(tmp_path):
    code = (
        "from benchmark_tui.export import write_report\n"
        "from benchmark_tui.models import Session, ServiceInfo\n"
        "from benchmark_tui.store import load_framework\n"
        "from pathlib import Path\n"
        "fw = load_framework()\n"
        f"target = Path({str(tmp_path / 'x.docx')!r})\n"
        "write_report(fw, Session.new(fw, ServiceInfo(name='X')), target)\n"
    )
    assert _heavy_modules_after(code) == {"docx"}
