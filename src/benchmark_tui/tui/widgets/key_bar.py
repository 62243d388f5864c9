"""Provides the key bar: every key of the current screen, wrapped onto as many lines as needed.

Textual's Footer clips keys that do not fit on one line; at 80 columns on a projector that
would hide Export and Help. This bar packs "key description" pairs into lines instead.

It replaces Footer for the room (no key clipped), not for speed; but it is on every screen and
updated on every move, so how it updates is a speed work-around, measured by the ``navigation``
benchmark (``measure_navigation`` in ``benchmarks/bench_interactive.py``, figures in
``benchmarks/README.md``, < 50 ms a move):

- It lays its keys out only when they change (``_shown``, the render-skip key: the width, the
  theme's styles and the keys). Focus and step changes fire ``bindings_updated_signal`` about
  three times a move, mostly with the same keys, and each update laid the screen out again
  (finding 8 of the README's profile).
- It lays the screen out again only when its number of lines changes.
- Notices (toasts) are lifted above it by a class on Textual's rack of notices, found by its id
  (``TOAST_RACK`` in ``textual_compat.py``, with a canary), never by a class on the screen: a
  class changed on a screen restyles every widget on it (with the class on the screen a move
  took 47 ms, on the rack 37: the README's "What changed since 21:10").
"""

from __future__ import annotations

from functools import cache

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from benchmark_tui.tui.textual_compat import TOAST_RACK

PALETTE = ("^p", "palette")


@cache
def declared_keys(node_type: type) -> list[str]:
    """The keys a widget, screen or app class binds, in the order its classes declare them
    (base classes first, as Textual merges them)."""
    keys: list[str] = []
    for cls in reversed(node_type.__mro__):
        for binding in Binding.make_bindings(vars(cls).get("BINDINGS", [])):
            if binding.key not in keys:
                keys.append(binding.key)
    return keys


@cache
def declared_ids(node_type: type) -> dict[str, str]:
    """The first key each binding id of a widget, screen or app class is declared with (a key
    changed by the keymap keeps its binding's place)."""
    first: dict[str, str] = {}
    for cls in reversed(node_type.__mro__):
        for binding in Binding.make_bindings(vars(cls).get("BINDINGS", [])):
            if binding.id:
                first.setdefault(binding.id, binding.key)
    return first


class KeyBar(Static):
    """The keys that work here, as in a footer; disabled ones are dimmed, none are hidden."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
        & > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        & > .key-bar--description { color: $footer-description-foreground; }
        & > .key-bar--disabled { color: $text-disabled; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None
        """What the bar shows now (width, theme styles, keys), to skip updates that change
        nothing: the bindings signal fires several times per move, often with the same keys."""
        self._line_count = 0
        self._refresh_pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)
        self.refresh_keys()

    def _bindings_changed(self, _screen: object) -> None:
        # A move changes the step and the focus, and each announces new bindings: lay the
        # keys out once, after both.
        if not self._refresh_pending:
            self._refresh_pending = True
            self.call_next(self._refresh_when_due)

    def _refresh_when_due(self) -> None:
        self._refresh_pending = False
        self.refresh_keys()

    def on_resize(self) -> None:
        self.refresh_keys()

    def pairs(self) -> list[tuple[str, str, bool]]:
        """(key, description, enabled) for every binding shown, one per action."""
        ranked: list[tuple[int, int, str, tuple[str, str, bool]]] = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show:
                continue
            # The focused widget's keys first, then the screen's, then the app's; each in
            # the order they were declared, so the same key sits in the same place.
            rank = 2 if node is self.app else 1 if node is self.screen else 0
            declared = declared_keys(type(node))
            key = binding.key
            if key not in declared and binding.id:  # changed by the keymap
                key = declared_ids(type(node)).get(binding.id, key)
            index = declared.index(key) if key in declared else len(declared)
            shown = (self.app.get_key_display(binding), binding.description, enabled)
            ranked.append((rank, index, binding.action, shown))
        seen: set[str] = set()
        pairs: list[tuple[str, str, bool]] = []
        for _rank, _index, action, shown in sorted(ranked, key=lambda r: r[:2]):
            if action not in seen:  # one key per action: the first declared
                seen.add(action)
                pairs.append(shown)
        if self.app.ENABLE_COMMAND_PALETTE:
            pairs.append((*PALETTE, True))
        return pairs

    def refresh_keys(self) -> None:
        """Lay the keys out again (bindings changed, or the terminal was resized)."""
        if not self.is_attached:
            return
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled")
        width = max(20, self.size.width or self.app.size.width - 2)
        pairs = self.pairs()
        shown = (width, key_style, description_style, disabled_style, *pairs)
        if shown == self._shown:
            return
        self._shown = shown
        lines: list[Text] = []
        line = Text()
        for key, description, enabled in pairs:
            pair = Text()
            pair.append(key, style=key_style if enabled else disabled_style)
            pair.append(" " + description, style=description_style if enabled else disabled_style)
            gap = 2 if line.cell_len else 0
            if line.cell_len and line.cell_len + gap + pair.cell_len > width:
                lines.append(line)
                line, gap = Text(), 0
            line.append(" " * gap)
            line.append_text(pair)
        lines.append(line)
        # Only a change in the number of lines changes the bar's height (and the screen's
        # layout); otherwise repainting the bar is enough.
        if len(lines) == self._line_count:
            self.update(Text("\n").join(lines), layout=False)
            return
        self.update(Text("\n").join(lines))
        self._line_count = len(lines)
        self._lift_notices(len(lines))

    def _lift_notices(self, line_count: int) -> None:
        """Notices stand just above the keys, never over them: the stylesheet lifts the
        notices' rack by the number of lines the keys take.

        The class goes on the rack, not on the screen: a class changed on the screen restyles
        every widget on it, which made a move to a step with more keys take twice as long.
        """
        for rack in self.screen.query(TOAST_RACK):
            for count in (2, 3):
                rack.set_class(line_count == count, f"-keys-{count}")
