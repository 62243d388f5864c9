"""Provides what the command line's modules share: exit statuses and the ``--framework`` option.

``cli`` dispatches to ``cli_history`` and ``cli_figures``; they take these from here rather than
from ``cli``, so no module of the command line imports the one that imports it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def add_framework_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--framework FILE``: a framework YAML instead of the bundled one."""
    parser.add_argument(
        "--framework",
        metavar="FILE",
        type=Path,
        help="framework YAML to use instead of the bundled Benchmarking Framework",
    )
