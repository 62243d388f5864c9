"""Provides located validation errors: a pydantic error turned into ``file:line:col: what — do``.

The store validates framework and session files with pydantic; when that fails, the error is
located here in the YAML node tree (built only then), so the message points at the line to fix:
:func:`node_at` and :func:`key_node_at` find the value (or key) a location points to.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from benchmark_tui.errors import FileProblem, FrameworkError

# ---------------------------------------------------------------------------------------------

_HINTS = {
    "missing": "add it",
    "int_type": "write a whole number without quotes",
    "int_parsing": "write a whole number",
    "string_type": "write text; put it in quotes if it looks like a number, date or yes/no",
    "list_type": "write a list, one '- item' per line",
    "dict_type": "write a mapping of 'key: value' lines",
    "model_type": "write a mapping of 'key: value' lines",
    "model_attributes_type": "write a mapping of 'key: value' lines",
    "string_too_short": "write some text, or delete the item",
    "string_too_long": "shorten it",
    "too_long": "remove some items",
    "too_short": "add the missing items",
    "literal_error": "use one of the values listed",
    "date_from_datetime_parsing": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_type": "write the date as YYYY-MM-DD",
    "datetime_parsing": "write the time as YYYY-MM-DD HH:MM:SS+00:00",
    "datetime_type": "write the time as YYYY-MM-DD HH:MM:SS+00:00",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "string_pattern_mismatch": "ids use lower-case letters, digits and single hyphens",
    "less_than_equal": "use a smaller number",
    "greater_than_equal": "use a larger number",
}
_NUMBER = {
    "int_type",
    "int_parsing",
    "int_from_float",
    "less_than_equal",
    "greater_than_equal",
    "bool_type",
    "string_type",
}
"""The problems of a value that should be a rating (0-4)."""
_RATING_HINT = "use a whole number from 0 (Not at all) to 4 (Completely), or null if not yet rated"


def located(
    err: ValidationError,
    path: Path,
    root: Any,
    model: type[BaseModel],
    kind: type[FileProblem],
) -> FileProblem:
    """Turn a pydantic error into a FileProblem pointing at the YAML line of the first error.

    When there are several errors, all are listed (up to ten), one per line.
    """
    problems: list[FileProblem] = []
    for detail in err.errors(include_url=False)[:10]:
        loc = tuple(_as_written(part) for part in detail["loc"])
        etype = detail["type"]
        if etype in ("missing", "extra_forbidden"):
            node = key_node_at(root, loc) if etype == "extra_forbidden" else None
            node = node or node_at(root, loc)
        else:
            node = node_at(root, loc)
        where = ".".join(str(p) for p in loc if p != "[key]")
        message = detail["msg"].removeprefix("Value error, ")
        if etype == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            message = f"unknown key {loc[-1]!r}"
            where = ".".join(str(p) for p in loc[:-1])
            hint = "remove it or correct its spelling" + (
                f" (allowed here: {', '.join(allowed)})" if allowed else ""
            )
        elif etype == "missing":
            hint = f"add '{loc[-1]}:' here"
        elif (("ratings" in loc and loc[-1] == "value") or "votes" in loc) and etype in _NUMBER:
            hint = _RATING_HINT
        elif etype == "string_pattern_mismatch" and loc[-1] == "hash":
            hint = "write sha256: followed by 64 lower-case hex digits, as benchmark-tui wrote it"
        else:
            hint = _HINTS.get(etype, "")
        problem = f"{where}: {message}" if where else message
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        problems.append(kind(path, problem, hint, line=line, column=column, title=_title_for(kind)))
    first = problems[0]
    if len(problems) > 1:
        extra = err.error_count() - len(problems)
        lines = [p.message for p in problems]
        if extra > 0:
            lines.append(f"… and {extra} more problems")
        first.message = "\n".join(lines)
        first.args = (first.message,)
    return first


def _title_for(kind: type[FileProblem]) -> str:
    if kind is FrameworkError:
        return "The framework file has a problem"
    return "The session file has a problem"


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names of the model found at ``loc`` inside ``model``, if there is one."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = info.annotation
        elif get_origin(current) is list:
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] from a type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


_DATE_KEY = re.compile(r"`?datetime\.date\((\d+), (\d+), (\d+)\)`?")
"""How pydantic names a key that YAML read as a date (attendance is keyed by date)."""


def _as_written(part: int | str) -> int | str:
    """A location part as the file writes it: ``datetime.date(2026, 3, 12)`` → ``2026-03-12``."""
    if isinstance(part, str) and (found := _DATE_KEY.fullmatch(part)):
        year, month, day = (int(g) for g in found.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return part


def node_at(root: Node | None, loc: tuple[int | str, ...]) -> Node | None:
    """Find the node a validation error's location points to (or its nearest ancestor).

    A location part ``"[key]"`` (pydantic's marker for a bad dictionary key) selects the key
    node rather than its value, so the error points at the offending key.
    """
    node = root
    key_node: Node | None = None
    for part in loc:
        if part == "[key]":
            return key_node or node
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == str(part):
                    key_node, node = k, v
                    break
            else:
                return node
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                return node
        else:
            return node
    return node


def key_node_at(root: Node | None, loc: tuple[int | str, ...]) -> Node | None:
    """Like :func:`node_at`, but for a mapping entry returns the line of its key."""
    if not loc:
        return root
    parent = node_at(root, loc[:-1])
    if isinstance(parent, MappingNode):
        for k, _v in parent.value:
            if isinstance(k, ScalarNode) and k.value == str(loc[-1]):
                return k
    return node_at(root, loc)
