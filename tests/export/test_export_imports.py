"""python-docx is imported only when a document is written, never at start-up.

The app imports ``benchmark_tui.export`` to offer the export key; that must cost nothing. A
companion test proves the check notices python-docx when it is loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


EXPORT = Path(__file__).resolve().parents[2] / "src" / "benchmark_tui" / "export"


def _export_imports() -> dict[str, set[str]]:
    """Each export module and the export modules it imports (at the top or inside functions)."""
    graph: dict[str, set[str]] = {}
    for path in EXPORT.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[path.stem] = found
    return graph


def test_the_export_never_imports_the_store_or_the_tui():
    for module, imports in _export_imports().items():
        reached = {i for i in imports if i.startswith(("benchmark_tui.store", "benchmark_tui.tui"))}
        assert not reached, f"export/{module}.py imports {reached}"


def test_the_export_modules_import_each_other_without_a_circle():
    graph = _export_imports()
    edges = {
        module: {i.split(".")[2] for i in imports if i.startswith("benchmark_tui.export.")}
        & set(graph)
        for module, imports in graph.items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or reaches(n, goal, seen | {n}) for n in edges[start] - seen)

    circles = sorted(m for m in edges if reaches(m, m, set()))
    assert not circles, f"export modules in an import circle: {circles}"
