"""Lets `python -m benchmark_tui` behave like the `benchmark-tui` command."""

from benchmark_tui.cli import main

raise SystemExit(main())
