"""Provides the help dialog (F1): what the screen is for and its keys, the generic ones folded."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Collapsible, Markdown, Static

from benchmark_tui.files import shown_path
from benchmark_tui.settings import settings_path
from benchmark_tui.tui.keymap import KEYMAP_EXAMPLE
from benchmark_tui.tui.screens.dialogs import Dialog
from benchmark_tui.tui.widgets.key_bar import declared_keys


def is_declared_here(node: object, binding: Binding) -> bool:
    """Whether a binding is one of this app's own keys (declared by one of its classes),
    rather than one Textual gives every text box or list (copy, scroll, select a word)."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("benchmark_tui."):
            continue
        for declared in vars(cls).get("BINDINGS", []):
            action = declared.action if isinstance(declared, Binding) else declared[1]
            if action == binding.action:
                return True
    return False


def key_table(rows: list[tuple[str, str]]) -> Table:
    """Rows of (key, what it does), one line each: the key bold, in a column of its own."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for key, what in rows:
        table.add_row(Text(key), Text(what))
    return table


class HelpDialog(Dialog[None]):
    """F1: what the current screen is for, its own keys, and (folded) the generic ones."""

    BINDINGS = [Binding("escape,f1,q,question_mark", "cancel", "Close", id="help.cancel")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.purpose = screen.HELP or ""  # Textual's own place for what a screen is for
        self.keys, self.more_keys = self._keys_of(screen)
        self.ids = self._ids_of(screen)

    @staticmethod
    def _keys_of(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(this screen's own keys, the generic keys of text boxes and lists), one row per
        action with all its keys (``alt+→ / ^pgdn / ]``); the focused widget's first, then
        the screen's, then the app's."""
        app = screen.app
        ranked: list[tuple[int, bool, int, str, str, str, object]] = []
        for key, active in screen.active_bindings.items():
            binding, node = active.binding, active.node
            # The tooltip says it in more words than the key bar has room for.
            description = binding.tooltip or binding.description
            if not description:
                continue
            rank = 3 if node is app else 2 if node is screen else 0
            shown = binding.key_display or app.get_key_display(binding) or key
            ours = is_declared_here(node, binding)
            declared = declared_keys(type(node))
            order = declared.index(key) if key in declared else len(declared)
            ranked.append((rank, not ours, order, binding.action, shown, description, node))
        # The keys of the other fields of this step (the list while typing in its box, say)
        for widget in screen.focus_chain:
            for cls in type(widget).__mro__:
                if not cls.__module__.startswith("benchmark_tui."):
                    continue
                for declared in vars(cls).get("BINDINGS", []):
                    if not isinstance(declared, Binding) or not declared.description:
                        continue
                    first = next(iter(Binding.make_bindings([declared])))
                    shown = declared.key_display or app.get_key_display(first)
                    described = declared.tooltip or declared.description
                    ranked.append((1, False, 0, declared.action, shown, described, widget))
        rows: dict[str, tuple[bool, list[str], str, object]] = {}
        for _rank, generic, _order, action, shown, description, owner in sorted(
            ranked, key=lambda r: r[:3]
        ):
            if action not in rows:
                rows[action] = (generic, [shown], description, owner)
            elif rows[action][3] is owner and shown not in rows[action][1]:
                rows[action][1].append(shown)  # another key of the same action, same place
        here: list[tuple[str, str]] = []
        more: list[tuple[str, str]] = []
        for generic, keys, description, _node in rows.values():
            (more if generic else here).append((" / ".join(keys), description))
        return here, more

    def keymap_text(self) -> Text:
        """How to change these keys: the settings file, an example, and each key's id."""
        text = Text()
        text.append("Each key has an id. To change a key, give its id and the new key (or ")
        text.append("keys, comma separated) in a keymap in the settings file\n")
        text.append(f"{shown_path(settings_path())}", style="bold")
        text.append(", for example:\n\n")
        text.append(KEYMAP_EXAMPLE + "\n\n")
        text.append("Restart the app to use it. The ids of the keys here:\n")
        for binding_id, keys in self.ids:
            text.append(f"{binding_id}", style="bold")
            text.append(f"  {keys}\n")
        return text

    @staticmethod
    def _ids_of(screen: Screen) -> list[tuple[str, str]]:
        """(id, keys) of every key that works here and has an id, in the order bound."""
        app = screen.app
        keys: dict[str, list[str]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if binding.id:
                shown = app.get_key_display(binding.with_key(key, key_display=None))
                keys.setdefault(binding.id, []).append(shown)
        return sorted((binding_id, " / ".join(shown)) for binding_id, shown in keys.items())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -help"):
            yield Static("Help", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Markdown(self.purpose)
                yield Static("Keys here", classes="lead")
                yield Static(key_table(self.keys), classes="keys")
                yield Static(
                    "Ctrl+P opens the command palette: jump to any characteristic or screen, "
                    "export, or change the theme. Typing in a text box never triggers a key "
                    "above except those with Ctrl, Alt or a function key.",
                    classes="paragraph",
                )
                with Collapsible(title="Change keys (keymap)", collapsed=True):
                    yield Static(self.keymap_text(), classes="paragraph")
                if self.more_keys:
                    with Collapsible(
                        title="More keys: editing text, lists, scrolling", collapsed=True
                    ):
                        yield Static(key_table(self.more_keys), classes="keys")
            yield Static("Esc or F1 closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
