"""Provides the keymap check: the settings file's ``keymap`` against the app's keys.

Every key the app binds has an id (``step.next``, ``app.export``…). A keymap in the settings
file names ids and the keys that do them instead; Textual applies it (``App.set_keymap``).
Here each entry is checked first, so a misspelt id or key is said, ``file:line``, instead of
silently doing nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
from difflib import get_close_matches
from functools import cache
from pathlib import Path

from textual.binding import Binding
from textual.keys import Keys, key_to_character

from benchmark_tui.errors import FileProblem

MODIFIERS = frozenset({"ctrl", "alt", "shift", "super", "meta", "hyper"})
"""What may come before a ``+`` in a key's name."""
KEYMAP_EXAMPLE = "keymap:\n  step.next: f8,alt+n\n  step.previous: f7,alt+p"
"""What a keymap looks like in the settings file (the help and the README show it)."""


@cache
def binding_ids() -> dict[str, Binding]:
    """Every key the app's own classes bind, by id (imports every module of the TUI)."""
    import benchmark_tui.tui

    found: dict[str, Binding] = {}
    for info in pkgutil.walk_packages(benchmark_tui.tui.__path__, "benchmark_tui.tui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if isinstance(cls, type) and cls.__module__ == module.__name__:
                for binding in vars(cls).get("BINDINGS", []):
                    if isinstance(binding, Binding) and binding.id:
                        found.setdefault(binding.id, binding)
    return found


@cache
def _key_names() -> frozenset[str]:
    """Textual's names of keys without modifiers (``pagedown``, ``f6``, ``escape``…)."""
    return frozenset(k.value for k in Keys if "+" not in k.value) | {"space"}


def is_key(key: str) -> bool:
    """Whether Textual knows a key by this name: ``ctrl+pagedown``, ``]``, ``f6``, ``a``."""
    *modifiers, name = key.split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    return len(name) == 1 or name in _key_names() or key_to_character(name) is not None


def usable_keys(
    keymap: dict[str, str], lines: dict[str, int], path: Path
) -> tuple[dict[str, str], list[str]]:
    """The entries of a keymap whose keys Textual knows, and what is wrong with the others
    (``file:line: what — do``, one each).

    Args:
        keymap: binding id → keys, comma separated, as the settings file gives them.
        lines: the line of each entry in the settings file.
        path: the settings file, named in the messages.
    """
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        names = [k.strip() for k in keys.split(",")]
        bad = [k for k in names if not is_key(k)]
        if bad:
            problem = f"{bad[0]!r} is not a key"
            hint = "write keys as Textual names them: ctrl+right, alt+pagedown, f6, ], a"
            line = lines.get(binding_id)
            problems.append(FileProblem(path, problem, hint, line=line).message)
        else:
            good[binding_id] = ",".join(names)
    return good, problems


def unknown_ids(keymap: dict[str, str], lines: dict[str, int], path: Path) -> list[str]:
    """What is wrong with the entries of a keymap that name no key of the app, one each.

    Slow the first time (it imports every screen to find their keys): call it from a worker.
    """
    known = binding_ids()
    problems: list[str] = []
    for binding_id in keymap:
        if binding_id in known:
            continue
        problem = f"no key has the id {binding_id!r}"
        close = get_close_matches(binding_id, list(known), n=1)
        if close:
            problem += f" (did you mean {close[0]}?)"
        hint = "the help (F1) lists the ids of each screen's keys under 'Change keys'"
        problems.append(FileProblem(path, problem, hint, line=lines.get(binding_id)).message)
    return problems
