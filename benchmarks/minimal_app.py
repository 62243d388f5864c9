"""Provides the baseline apps: the smallest Textual apps (Header, Static, Footer) to compare with.

Run as a process (``python benchmarks/minimal_app.py [--models]``) it is the start-up and memory
baseline (``--models`` also imports the project's models: the floor of this design);
imported, its apps are the in-process baselines for moves, key presses and typing.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import ContentSwitcher, Footer, Header, Static, TextArea

MARKER = "Minimal Textual app for the baseline"
"""The text of the Static: when it is on the terminal, the first frame is there."""
FOOTER_MARKER = "Quit"


class MinimalApp(App[None]):
    """Header, a Static and a Footer: the start-up baseline."""

    TITLE = "minimal"
    BINDINGS = [("ctrl+q", "quit", "Quit"), ("n", "next", "Next")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()

    def action_next(self) -> None:
        """A key with a trivial action, for the Pilot press baseline."""
        self.sub_title = "next" if self.sub_title != "next" else ""


class MinimalSwitcherApp(App[None]):
    """A Header, five Static panes in a ContentSwitcher, and a Footer: the baseline for a move."""

    PANES = ("one", "two", "three", "four", "five")

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial=self.PANES[0]):
            for pane in self.PANES:
                yield Static(f"Pane {pane}", id=pane)
        yield Footer()

    def show(self, pane: str) -> None:
        """Show one pane (what a move between steps does, at its simplest)."""
        self.query_one(ContentSwitcher).current = pane


class MinimalTextApp(App[None]):
    """A TextArea with focus: the baseline for typing."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(id="text", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    import sys

    if "--models" in sys.argv:
        # The floor of benchmark-tui's design: pydantic and the project's models, imported.
        import benchmark_tui.models  # noqa: F401
    MinimalApp().run()
