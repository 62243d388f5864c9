"""Provides the editable list: the flipchart of approaches, and the strengths and improvements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from benchmark_tui.changes import quote
from benchmark_tui.models import FINDINGS_MAX, FINDINGS_MIN, count_remark
from benchmark_tui.tui.widgets.memo import hanging_rows

ListChange = Literal["add", "edit", "remove", "move", "tag", "unmark"]
"""What the team did to a list: added, edited, removed, moved, retagged or unmarked an item."""


@dataclass(frozen=True)
class Entry:
    """One item of the list, with an optional tag such as ``planned``."""

    text: str
    tag: str | None = None
    mark: str | None = None
    """A remark shown beside the item until it is edited (``from last time``)."""


class ItemOptions(OptionList):
    """The items of an :class:`EditableList`, with keys to edit, remove, reorder and tag them.

    | Key | Does |
    | :- | :- |
    | enter | edit the item (in the box under the list) |
    | delete | remove the item |
    | shift+up / shift+down | move the item up or down |
    | p | switch the item's tag (e.g. in place ↔ planned), where the list has tags |
    | a | go to the box for a new item |
    """

    BINDINGS = [
        Binding("enter", "select", "Edit", key_display="⏎", id="list.select"),
        Binding("delete,backspace", "remove", "Remove", key_display="del", id="list.remove"),
        Binding("shift+up", "move(-1)", "Move up", show=False, id="list.move-up"),
        Binding("shift+down", "move(1)", "Move down", show=False, id="list.move-down"),
        Binding("p", "toggle_tag", "Planned?", id="list.toggle-tag"),
        Binding("a", "add", "Add", show=False, id="list.add"),
    ]

    def action_remove(self) -> None:
        """Remove the highlighted item."""
        owner = self._owner
        if owner is not None and self.highlighted is not None:
            owner.remove_at(self.highlighted)

    def action_move(self, delta: int) -> None:
        """Move the highlighted item up or down."""
        owner = self._owner
        if owner is not None and self.highlighted is not None:
            owner.move(self.highlighted, delta)

    def action_toggle_tag(self) -> None:
        """Switch the highlighted item's tag."""
        owner = self._owner
        if owner is not None and self.highlighted is not None:
            owner.toggle_tag(self.highlighted)

    def action_add(self) -> None:
        """Focus the box for a new item."""
        if self._owner is not None:
            self._owner.new_item_input.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_tag":
            owner = self._owner
            return bool(owner and owner.tags)
        return True

    @property
    def _owner(self) -> EditableList | None:
        parent = self.parent
        return parent if isinstance(parent, EditableList) else None


class NewItemInput(Input):
    """The box under an :class:`EditableList` where new items are typed (and items edited).

    | Key | Does |
    | :- | :- |
    | up | go to the last item of the list |
    """

    BINDINGS = [Binding("up", "to_items", "Items", key_display="↑", id="list-input.to-items")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_items":
            owner = self.parent
            return isinstance(owner, EditableList) and owner.can_go_to_items
        return super().check_action(action, parameters)

    def action_to_items(self) -> None:
        """Go to the last item of the list."""
        owner = self.parent
        if isinstance(owner, EditableList):
            owner.go_to_items()


class EditableList(Vertical):
    """A list the team builds quickly: type and press Enter to add; Enter on an item edits it.

    With ``counted`` the title shows "2 of 2–4 ✓", or a gentle remark when there are fewer
    than two or more than four items (it never blocks). With ``tags`` each item carries one
    of the given tags, switched with ``p``.

    While an item is edited, the box under the list grows a border and holds the item's text,
    and a line above it says which item is edited and how to finish, so the room sees it.

    Text typed into the box and not yet sent with Enter (a new item, or an item's new words
    while it is edited) is posted as :class:`Typed` at every change, so the screen keeps it
    in the session; :meth:`set_entries` puts it back, an item's edit still being edited.
    """

    DEFAULT_CSS = """
    EditableList {
        height: auto;
        & > .list-title { text-style: bold; height: auto; }
        & > .list-title.-remark { color: $text-warning; }
        & > ItemOptions { height: auto; max-height: 14; margin: 0 0 1 0; }
        & > ItemOptions.-empty { display: none; }
        & > .edit-hint { display: none; height: auto; color: $text-accent; text-style: bold; }
        &.-editing > .edit-hint { display: block; }
        & > Input { margin: 0; background: $boost; }
        & > Input:focus { background: $primary 12%; }
    }
    """

    @dataclass
    class Changed(Message):
        """Posted when the team adds, edits, removes, reorders or tags an item."""

        editable_list: EditableList
        entries: list[Entry]
        """The list as it is now."""
        change: ListChange
        """What happened."""
        index: int
        """The item it happened to (its place before the change; for "add", the new item's)."""
        delta: int = 0
        """For "move": -1 up, 1 down."""

        @property
        def control(self) -> EditableList:
            return self.editable_list

    @dataclass
    class Typed(Message):
        """Posted when the team changes the text in the box (not yet sent): a new item's, or
        the item being edited's (``line``); "" when the box is emptied or the edit cancelled."""

        editable_list: EditableList
        text: str
        """The text in the box now ("" when emptied)."""
        line: int | None = None
        """The item being edited (0 for the first), or None: the box for a new item."""

        @property
        def control(self) -> EditableList:
            return self.editable_list

    def __init__(
        self,
        title: str,
        entries: list[Entry],
        *,
        noun: str,
        counted: bool = False,
        tags: dict[str, str] | None = None,
        autofocus: bool = False,
        id: str | None = None,  # noqa: A002
        disabled: bool = False,
    ) -> None:
        """Make the list.

        Args:
            title: the heading, e.g. "Strengths".
            entries: the items to start with.
            noun: what one item is called ("strength", "area for improvement", "approach").
            counted: show the two-to-four count and remark.
            tags: tag value → label shown beside items (the first is the default).
            autofocus: mark the new-item box as the field to focus when its step opens.
            id: the widget id.
            disabled: show the list without allowing changes.
        """
        super().__init__(id=id, disabled=disabled)
        self.title = title
        self.entries = list(entries)
        self.noun = noun
        self.counted = counted
        self.tags = tags or {}
        self._editing: int | None = None
        self._autofocus = autofocus
        self._unsent = ""
        """The new item's text as last reported (or put back): the box shows it again after
        an item is edited."""
        self._edit_text = ""
        """The words of the item being edited, as last reported (or put back)."""

    def compose(self) -> ComposeResult:
        yield Static(classes="list-title")
        yield ItemOptions(compact=True)
        yield Static(classes="edit-hint")
        yield NewItemInput(
            placeholder=self._placeholder(),
            classes="new-item autofocus" if self._autofocus else "new-item",
            compact=True,
            # Typing into an item being edited adds to it; it must never replace it.
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        self._render_entries()

    def set_entries(
        self,
        entries: list[Entry],
        title: str | None = None,
        unsent: str = "",
        editing: tuple[int, str] | None = None,
    ) -> None:
        """Show another item's list, the text waiting unsent in its box, and the item being
        edited with the words in its box, if one is (nothing is posted: this is not an edit).
        """
        entries = list(entries)
        unchanged = entries == self.entries and title in (None, self.title)
        self.entries = entries
        if title is not None:
            self.title = title
        self._unsent = unsent
        if self.is_mounted:
            if self._editing is not None:
                self._stop_editing(quiet=True)
            box = self.new_item_input
            if box.value != unsent:
                with self.prevent(Input.Changed):
                    box.value = unsent
                box.cursor_position = len(unsent)
            if unchanged:
                # The same items: back to the first, as rebuilding would, without rendering
                # every item again.
                options = self.options
                options.scroll_y = 0
                if self.entries:
                    options.highlighted = 0
            else:
                self._render_entries(0)
            if editing is not None and 0 <= editing[0] < len(self.entries):
                self._start_editing(editing[0], editing[1])
                if self.has_focus_within:
                    self.new_item_input.focus()  # still editing: the room goes on typing

    @property
    def options(self) -> ItemOptions:
        """The list of items."""
        return self.query_one(ItemOptions)

    @property
    def new_item_input(self) -> Input:
        """The box where new items are typed."""
        return self.query_one(Input)

    def _placeholder(self) -> str:
        if self._editing is not None:
            return f"Editing item {self._editing + 1}: Enter saves, Esc cancels"
        return f"Type a new {self.noun} and press Enter"

    def _render_entries(self, highlight: int | None = None) -> None:
        options = self.options
        previous = options.highlighted if highlight is None else highlight
        options.clear_options()
        width = len(str(len(self.entries))) + 1
        prompts = []
        for number, entry in enumerate(self.entries, start=1):
            text = Text(entry.text)
            label = self.tags.get(entry.tag, entry.tag) if entry.tag is not None else ""
            if label:
                text.append(f"  ({label})", style="italic")
            if entry.mark:
                text.append(f"  ↻ {entry.mark}", style="italic")
            if number - 1 == self._editing:
                text.append("  ✎ editing", style="bold italic")
            marker = Text(f"{number}.", style="bold")
            prompts.append(Option(hanging_rows([(marker, text)], marker_width=width, expand=True)))
        options.add_options(prompts)
        options.set_class(not self.entries, "-empty")
        if self.entries:
            options.highlighted = min(previous or 0, len(self.entries) - 1)
        self._render_title()
        self.refresh_bindings()  # ↑ to the list depends on there being items

    def _render_title(self) -> None:
        title = Text(self.title, style="bold")
        remark = None
        if self.counted:
            count = len(self.entries)
            remark = count_remark(self.noun, [e.text for e in self.entries])
            if remark:
                title.append(f"   {remark}", style="not bold")
            else:
                title.append(f"   {count} of {FINDINGS_MIN}–{FINDINGS_MAX} ✓", style="not bold")
        label = self.query_one(".list-title", Static)
        label.update(title)
        label.set_class(bool(remark), "-remark")

    def _changed(
        self, change: ListChange, index: int, *, highlight: int | None = None, delta: int = 0
    ) -> None:
        self._render_entries(index if highlight is None else highlight)
        self.post_message(self.Changed(self, list(self.entries), change, index, delta))

    @on(Input.Submitted, ".new-item")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        if self._editing is not None and self._editing < len(self.entries):
            index = self._editing
            self.entries[index] = Entry(text, self.entries[index].tag)
            self._stop_editing()
            self._changed("edit", index)
            self.options.focus()
            return
        default_tag = next(iter(self.tags), None)
        self.entries.append(Entry(text, default_tag))
        self._unsent = ""  # sent: adding the item empties the box in the session too
        event.input.value = ""
        self._changed("add", len(self.entries) - 1)

    @on(Input.Changed, ".new-item")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != event.input.value:
            return  # a change already overtaken
        if self._editing is not None:
            if event.value != self._edit_text:
                self._edit_text = event.value
                self.post_message(self.Typed(self, event.value, self._editing))
        elif event.value != self._unsent:
            self._unsent = event.value
            self.post_message(self.Typed(self, event.value))

    @on(OptionList.OptionSelected)
    def _edit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        editing = self._editing
        if editing is not None and (
            editing == index or self._edit_text != self.entries_text(editing)
        ):
            # Already being edited, or another item has changed words not yet saved: back to
            # its box, words and all (never its first words again, never dropped unasked).
            self._show_editing()
            self.new_item_input.focus()
            if editing != index:
                self.notify(
                    f"Item {editing + 1} is being edited: Enter saves it, Esc cancels.",
                    timeout=4,
                    markup=False,
                )
            return
        self._start_editing(index, self.entries[index].text)
        self.new_item_input.focus()

    def _show_editing(self) -> None:
        """Say which item is edited, above the box and beside the item."""
        index = self._editing
        assert index is not None
        self.query_one(".edit-hint", Static).update(
            Text(f"Editing item {index + 1} of {len(self.entries)}: Enter saves, Esc cancels")
        )
        self._render_entries(index)  # marks the item being edited

    def _start_editing(self, index: int, text: str) -> None:
        """Edit item ``index`` in the box, which holds ``text`` (its words, or the words
        typed into it earlier and not yet saved)."""
        self._editing = index
        self._edit_text = text
        self.add_class("-editing")
        self._show_editing()
        box = self.new_item_input
        with self.prevent(Input.Changed):
            box.value = text
        box.cursor_position = len(box.value)
        box.placeholder = self._placeholder()
        # A framed, full-height box: the one-line box cannot show a border and its text.
        box.compact = False
        box.add_class("-editing")
        # The end of a long line, where the cursor is and the room was typing, once the box
        # has its width (on coming back to an edit, the box may not be laid out yet).
        box.call_after_refresh(lambda: box.scroll_to(x=box.max_scroll_x, animate=False))
        self.refresh_bindings()

    def _stop_editing(self, *, quiet: bool = False) -> None:
        """Leave the item being edited; unless ``quiet``, its words typed and not saved are
        no longer kept (the edit was saved, cancelled, or its item removed)."""
        index = self._editing
        self._editing = None
        if not quiet and index is not None and self._edit_text != self.entries_text(index):
            self.post_message(self.Typed(self, "", index))
        self._edit_text = ""
        self.remove_class("-editing")
        self._render_entries(index)  # without the "editing" mark
        box = self.new_item_input
        with self.prevent(Input.Changed):
            box.value = self._unsent  # the new item's text, if any was waiting
        box.cursor_position = len(box.value)
        box.placeholder = self._placeholder()
        box.compact = True
        box.remove_class("-editing")
        self.refresh_bindings()

    @property
    def can_go_to_items(self) -> bool:
        """Whether ↑ in the new-item box has a list to go to (not while an item is edited)."""
        return self._editing is None and bool(self.entries)

    def go_to_items(self) -> None:
        """Go from the new-item box to the last item of the list."""
        options = self.options
        options.highlighted = len(self.entries) - 1
        options.focus()

    def key_escape(self, event: events.Key) -> bool:
        """Esc while editing cancels the edit (and keeps the item as it was); when the item's
        words were changed, it asks first: a stray Esc must not drop what the room saw typed.
        """
        index = self._editing
        if index is None:
            return False
        event.stop()  # the question is Esc's answer: nothing above sees this Esc too
        typed = self._edit_text
        if not typed.strip() or typed == self.entries_text(index):
            self._cancel_edit(index)
            return True
        from benchmark_tui.tui.screens.dialogs import ChoiceDialog

        def decide(choice: str | None) -> None:
            if choice == "drop" and self._editing == index and self._edit_text == typed:
                self._cancel_edit(index)

        self.app.push_screen(
            ChoiceDialog(
                f"Drop the change to {self.noun} {index + 1}?",
                f"{self.noun.capitalize()} {index + 1} was changed to {quote(typed, 200)}. "
                "Drop the change and keep it as it was?",
                [("keep", "Keep editing"), ("drop", "Drop the change")],
                default="keep",
            ),
            decide,
        )
        return True

    def _cancel_edit(self, index: int) -> None:
        self._stop_editing()
        self.options.focus()
        self.options.highlighted = index

    def entries_text(self, index: int) -> str | None:
        """The words of item ``index`` (None past the end)."""
        return self.entries[index].text if 0 <= index < len(self.entries) else None

    def remove_at(self, index: int) -> None:
        """Remove one item (the item being edited, if another, stays in its box)."""
        if 0 <= index < len(self.entries):
            editing = self._editing
            if editing == index:
                self._stop_editing(quiet=True)  # its edit goes with it, in the session too
            del self.entries[index]
            if editing is not None and editing > index:
                self._editing = editing - 1
                self._show_editing()
            highlight = max(0, index - 1) if index >= len(self.entries) else index
            self._changed("remove", index, highlight=highlight)
            if not self.entries:
                self.new_item_input.focus()

    def move(self, index: int, delta: int) -> None:
        """Move one item up or down the list."""
        target = index + delta
        if 0 <= index < len(self.entries) and 0 <= target < len(self.entries):
            entries = self.entries
            entries[index], entries[target] = entries[target], entries[index]
            if self._editing in (index, target):
                self._editing = target if self._editing == index else index
                self._show_editing()
            self._changed("move", index, highlight=target, delta=delta)

    def add_entry(self, text: str) -> None:
        """Add an item at the end, as the team would by typing it."""
        self.entries.append(Entry(text, next(iter(self.tags), None)))
        self._changed("add", len(self.entries) - 1)

    def unmark(self, index: int) -> None:
        """Take the mark off one item (it was confirmed), as an edit."""
        if 0 <= index < len(self.entries) and self.entries[index].mark is not None:
            entry = self.entries[index]
            self.entries[index] = Entry(entry.text, entry.tag)
            self._changed("unmark", index)

    def toggle_tag(self, index: int) -> None:
        """Switch one item to the next tag."""
        if not self.tags or not 0 <= index < len(self.entries):
            return
        names = list(self.tags)
        entry = self.entries[index]
        current = names.index(entry.tag) if entry.tag in names else -1
        self.entries[index] = Entry(entry.text, names[(current + 1) % len(names)])
        self._changed("tag", index)
