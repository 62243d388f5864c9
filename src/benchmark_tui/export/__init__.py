"""Provides the findings document export (Word).

Importing this package does not import python-docx; that happens only when a document is
written, so the app starts as fast with export available as without it.
"""

from __future__ import annotations

from benchmark_tui.export.word import default_report_path, write_report

__all__ = ["default_report_path", "write_report"]
