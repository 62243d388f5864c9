"""Provides safe YAML reading with line numbers, and the YAML style session files are written in.

Reading is deliberately strict and bounded, because people edit these files by hand and
because a file from elsewhere may be hostile:

- only the safe tags (no ``!!python/...``: they are refused, never executed);
- no anchors or aliases, so "billion laughs" style bombs cannot expand;
- nesting deeper than :data:`MAX_DEPTH` is refused before it can exhaust the stack;
- more than :data:`MAX_NODES` values are refused before they take seconds to build;
- duplicate keys are an error rather than "last one wins";
- files larger than :data:`~benchmark_tui.reading.MAX_FILE_BYTES` are refused unread (the
  file itself is read by :mod:`benchmark_tui.reading`).

Every problem is raised as a :class:`~benchmark_tui.errors.FileProblem` naming the file, line
and column. There is one reader: :func:`parse` gives the data and the node tree (to locate a
later validation error, see :mod:`benchmark_tui.located`), :func:`load` gives only the data.
There is one writer, :func:`dump`,
which writes the whole document with PyYAML's own emitter, so every string reads back as it
was written.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from benchmark_tui.errors import FileProblem
from benchmark_tui.reading import ProblemFactory

try:  # the C parser and emitter are much faster; fall back to pure Python where absent
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 40
"""Our files nest at most eight levels; deeper nesting is refused before it is built."""
MAX_NODES = 50_000
"""A fully worked session holds about 1,500 values (keys, texts, numbers, lists, mappings).

Far more is not one of our files, and building millions of tiny values from a file that is
still under :data:`~benchmark_tui.reading.MAX_FILE_BYTES` (``[1,1,1,…]``) would take many
seconds, so the count is bounded as the file is read.
"""

_TOO_MANY_DIGITS = "this number is too long to read"
_CANNOT_READ = "this value cannot be read"
_INT = "tag:yaml.org,2002:int"
_UNREADABLE = {
    _INT: f"{_CANNOT_READ} as a whole number",
    "tag:yaml.org,2002:float": f"{_CANNOT_READ} as a number",
    "tag:yaml.org,2002:timestamp": "this date does not exist",
}
"""What a value that PyYAML recognised by its tag but could not build is, in words."""


class _DuplicateKey(yaml.MarkedYAMLError):
    """A mapping repeats a key."""


class _Loader(_BaseLoader):
    """The safe loader, refusing duplicate keys and locating values it cannot read."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError, TypeError) as err:
            # e.g. the date 2026-02-30, or an integer with 10,000 digits (whose message
            # suggests sys.set_int_max_str_digits(), which is no help to the reader). Python's
            # own words ("invalid literal for int() with base 10") are not shown.
            if node.tag == _INT and "digits" in str(err):
                what = f"{_TOO_MANY_DIGITS} (more than {sys.get_int_max_str_digits():,} digits)"
            else:
                what = _UNREADABLE.get(str(node.tag), _CANNOT_READ)
            raise yaml.constructor.ConstructorError(None, None, what, node.start_mark) from err
        except (LookupError, AttributeError) as err:
            # PyYAML's constructors fail this way on an explicit tag over text they cannot
            # parse ("!!bool maybe", "!!int ''", "!!timestamp ''"): KeyError, IndexError,
            # AttributeError on a failed match.
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise yaml.constructor.ConstructorError(
                None, None, f"this value cannot be read as {tag}", node.start_mark
            ) from err

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)
            seen: dict[Any, Node] = {}
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, Hashable):
                    continue  # the base class reports unhashable keys with their position
                if key in seen:
                    raise _DuplicateKey(
                        "while reading a mapping",
                        seen[key].start_mark,
                        f"the key {key!r} appears twice in the same mapping",
                        key_node.start_mark,
                    )
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


def parse(text: str, path: Path, problem: ProblemFactory) -> tuple[Any, Node | None]:
    """Read one YAML document safely: its data, and the node tree it was built from.

    The tree holds each value's line and column, so that a problem found later (a pydantic
    validation error) can be located with :func:`~benchmark_tui.located.node_at`. When only
    the data is needed, :func:`load` says so.

    Args:
        text: the document, as :func:`~benchmark_tui.reading.read_text` returned it.
        path: the file it came from, named in every error.
        problem: builds the error to raise (a FileProblem subclass).

    Returns:
        The data and the root node; ``(None, None)`` for an empty document.

    Raises:
        FileProblem: (made by ``problem``) with the line and column of the first problem.
    """
    if not text.strip(" \t\r\n"):
        return None, None  # nothing but blank lines: empty, not a syntax error about a tab
    loader = _Loader(text)
    try:
        root = _compose(loader, path, problem)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "this is not valid YAML"
        if isinstance(err, yaml.constructor.ConstructorError) and "constructor" in what:
            what = f"{what.split(' for the tag ')[-1]} tags are not allowed in this file"
            hint = "remove the tag: only plain text, numbers, dates, lists and mappings are read"
        elif isinstance(err, _DuplicateKey):
            hint = "keep one of them (the other would be silently ignored)"
        elif what.startswith(_TOO_MANY_DIGITS):
            hint = "write a shorter number, or put it in quotes to keep it as text"
        elif what == _UNREADABLE["tag:yaml.org,2002:timestamp"]:
            hint = "correct the date (dates are written YYYY-MM-DD), or put it in quotes"
        elif what.startswith(f"{_CANNOT_READ} as !!"):
            hint = "correct the value, or remove the tag in front of it"
        elif what.startswith(_CANNOT_READ):
            hint = "correct the value, or put it in quotes to keep it as text"
        else:
            hint = "check the indentation and quoting on this line or the one before"
        raise problem(
            path,
            what,
            hint,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from err
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, max(err.position, 0)) + 1
        raise problem(
            path,
            f"the file contains a character YAML does not allow (#x{err.character:04x})"
            if isinstance(err.character, int)
            else "the file contains a character YAML does not allow",
            "remove it, or put the text in double quotes and write it as an escape",
            line=line,
        ) from err
    except yaml.YAMLError as err:
        raise problem(path, f"this is not valid YAML ({err})", "check the file") from err
    finally:
        loader.dispose()
    return data, root


def load(text: str, path: Path, problem: ProblemFactory) -> Any:
    """Read one YAML document safely and return only its data (``parse(...)[0]``).

    The same reader as :func:`parse`, with the same errors and the same cost; use
    :func:`parse` when the node tree is needed to locate a later validation error.

    Raises:
        FileProblem: (made by ``problem``) with the line and column of the first problem.
    """
    return parse(text, path, problem)[0]


def _compose(loader: _Loader, path: Path, problem: ProblemFactory) -> Node | None:
    """Build the node tree from parser events, iteratively and within bounds.

    PyYAML's own composer recurses (and the C one can crash on very deep input); this one keeps
    an explicit stack, refuses aliases before they can expand, and stops at :data:`MAX_DEPTH`
    levels or :data:`MAX_NODES` values.
    """

    def at(event: Any, what: str, hint: str) -> FileProblem:
        mark = event.start_mark
        return problem(path, what, hint, line=mark.line + 1, column=mark.column + 1)

    event: Any = loader.get_event()  # below, the kind checks say which Event each one is
    assert isinstance(event, StreamStartEvent)
    if loader.check_event(StreamEndEvent):
        return None
    event = loader.get_event()
    assert isinstance(event, DocumentStartEvent)

    root: Node | None = None
    stack: list[list[Any]] = []  # [collection node, pending mapping key or None]
    count = 0
    get_event, resolve = loader.get_event, loader.resolve

    while root is None or stack:
        event = get_event()
        kind = type(event)
        if kind is AliasEvent or getattr(event, "anchor", None):
            raise at(
                event,
                "anchors and aliases (&name, *name) are not allowed in this file",
                "write the value out in full",
            )
        if kind is SequenceEndEvent or kind is MappingEndEvent:
            stack.pop()[0].end_mark = event.end_mark
            continue
        count += 1
        if count > MAX_NODES:
            raise at(
                event,
                f"the file holds more than {MAX_NODES:,} values",
                "this is not a benchmark-tui file; check you picked the right one",
            )
        tag = event.tag
        node: Node
        if kind is ScalarEvent:
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        else:
            assert kind is SequenceStartEvent or kind is MappingStartEvent, kind
            if len(stack) >= MAX_DEPTH:
                raise at(
                    event,
                    f"the data is nested more than {MAX_DEPTH} levels deep",
                    "this is not a benchmark-tui file; check you picked the right one",
                )
            node_kind = SequenceNode if kind is SequenceStartEvent else MappingNode
            if tag is None or tag == "!":
                tag = resolve(node_kind, None, event.implicit)
            node = node_kind(tag, [], event.start_mark, event.end_mark, event.flow_style)
        if not stack:
            root = node
        else:
            parent = stack[-1]
            if type(parent[0]) is SequenceNode:
                parent[0].value.append(node)
            elif parent[1] is None:
                parent[1] = node
            else:
                parent[0].value.append((parent[1], node))
                parent[1] = None
        if kind is not ScalarEvent:
            stack.append([node, None])

    event = loader.get_event()
    assert isinstance(event, DocumentEndEvent)
    if not loader.check_event(StreamEndEvent):
        raise at(
            loader.peek_event(),
            "the file holds more than one YAML document (a second '---')",
            "keep one document per file",
        )
    return root


def count_values(data: Any) -> int:
    """How many values :func:`parse` will count when it reads ``dump(data)`` back.

    Every mapping, list and scalar is one value, and so is every mapping key.
    """
    count = 0
    pending = [data]
    while pending:
        item = pending.pop()
        count += 1
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return count


class _Dumper(_BaseDumper):
    """Writes YAML for people: block style, multi-line text as ``|`` blocks, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        # A value that appears twice (the same timestamp in created and updated) is written
        # out twice: our reader refuses aliases, and people should not need to know them.
        return True


class _PyDumper(yaml.SafeDumper):
    """The pure-Python twin of :class:`_Dumper`, which writes emoji as they are.

    libyaml's emitter escapes characters beyond the Basic Multilingual Plane (``\\U0001F4DA``),
    which is lossless but unreadable, so text containing them goes through this one.
    """

    ignore_aliases = _Dumper.ignore_aliases

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        """PyYAML's own double quotes, with emoji written as themselves.

        Text that only double quotes can hold (a space before a line break, a NEL) is written
        this way, and PyYAML escapes every character beyond the Basic Multilingual Plane in
        it. YAML allows them as they are, so each such escape is written as its character.
        """
        stream = self.stream
        self.stream = _AstralAsItself(stream)
        try:
            super().write_double_quoted(text, split)
        finally:
            self.stream = stream


class _AstralAsItself:
    """A stream for PyYAML's double-quoted writer that turns its ``\\UXXXXXXXX`` escapes back
    into characters.

    The writer writes each escape on its own (and a backslash of the text always as ``\\\\``),
    so a write that is exactly ``\\U`` and eight hex digits is one escaped character.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: str) -> None:
        if len(data) == 10 and data.startswith("\\U"):
            code = int(data[2:], 16)
            if 0x10000 <= code < 0x10FFFF:  # the range PyYAML's reader takes as printable
                data = chr(code)
        self.stream.write(data)


def _represent_str(dumper: Any, data: str) -> yaml.ScalarNode:
    if "\x85" in data:
        # A reader turns a raw NEL into a line feed, and PyYAML's Python emitter writes it
        # raw in every style but double quotes (where it becomes the escape \N).
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _represent_str)
_PyDumper.add_representer(str, _represent_str)


_DUMP_OPTIONS: dict[str, Any] = {
    "sort_keys": False,
    "allow_unicode": True,
    "default_flow_style": False,
    "width": 1_000_000,
    "indent": 2,
}


def dump(data: Any) -> str:
    """Write data as readable YAML: keys in the given order, unicode as is, no line folding.

    The whole document goes through PyYAML's emitter in one call, so it chooses each string's
    style knowing where the string stands (a ``|+`` block that keeps trailing blank lines, or
    double quotes for text a block cannot hold, such as a line separator before a line break)
    and every string reads back exactly. The C emitter is used where available; text with
    characters beyond the Basic Multilingual Plane (emoji), which it escapes, is written again
    by the Python emitter so it stays readable.
    """
    text = yaml.dump(data, Dumper=_Dumper, **_DUMP_OPTIONS)
    if "\\U" in text:
        text = yaml.dump(data, Dumper=_PyDumper, **_DUMP_OPTIONS)
    return text
