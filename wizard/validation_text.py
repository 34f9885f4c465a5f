"""Pydantic validation errors in plain words, for a person fixing a YAML file by hand.

Guide files and demo org scenario files are both validated by pydantic models, and both must say
where the problem is (the key path), what was expected and what was found. Pydantic's own messages
("Input should be a valid boolean") name neither the key nor the file's vocabulary, so they are
translated here, once, for both.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

#: What each kind of pydantic error expected, in the words of someone writing YAML.
_EXPECTED = {
    "string_type": "text",
    "string_too_short": "non-empty text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}
_BOUNDS = {"gt": "greater than", "ge": "at least", "lt": "less than", "le": "at most"}


def key_path(loc: Iterable[Any]) -> str:
    """('pages', 3, 'settings', 0, 'check') -> 'pages[3].settings[0].check'.

    Pydantic's validator steps (``function-after[...]``) are not keys and are left out.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith("function-"):
            out += f".{part}" if out else str(part)
    return out


def describe(value: Any) -> str:
    """A short, readable description of a value found in a file."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    if isinstance(value, dict):
        return f"a mapping with keys {', '.join(map(str, list(value)[:6]))}"
    return f"a {type(value).__name__}"


def translate(root: type[BaseModel], error: Mapping[str, Any], patterns: Mapping[str, str] | None = None) -> str:
    """One sentence for one pydantic error: what was expected and what was found.

    ``patterns`` names the regular expressions of ``root`` in words (pattern -> "an id of ...").
    """
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = [p for p in error.get("loc") or () if not str(p).startswith("function-")]
    found = describe(error.get("input"))
    if kind == "missing":
        owner = _model_at(root, loc)
        field = _field(owner, str(loc[-1])) if owner and loc else None
        hint = f" ({field.description})" if field is not None and field.description else ""
        return f"this key is required but missing{hint}"
    if kind == "extra_forbidden":
        owner = _model_at(root, loc)
        allowed = f"; allowed keys here: {', '.join(_keys_of(owner))}" if owner else ""
        return f"unknown key {loc[-1]!r}{allowed}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {found}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        words = (patterns or {}).get(pattern) or f"text matching {pattern}"
        return f"expected {words}, found {found}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    for bound, words in _BOUNDS.items():
        if bound in ctx and kind.startswith(("greater_than", "less_than")):
            return f"expected a number {words} {ctx[bound]}, found {found}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, found {found}"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    message = str(error.get("msg") or "invalid value").removeprefix("Value error, ")
    return f"{message}, found {found}"


def _model_at(root: type[BaseModel], loc: list[Any]) -> type[BaseModel] | None:
    """The model that owns the last key of ``loc``, walking the annotations from ``root``.

    List items are reached by index and a mapping's values by its own keys (``metadata`` ->
    ``CustomSite`` -> ``VoiceConnector``), which are data, not fields. None where it is ambiguous.
    """
    current: Any = root
    for part in loc[:-1]:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = None if isinstance(part, int) else _field(current, str(part))
            if field is None:
                return None
            current = field.annotation
            continue
        origin, args = typing.get_origin(current), typing.get_args(current)
        if origin in (list, tuple) and args:
            current = args[0]
        elif origin is dict and args:
            current = args[-1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> X; other unions stay as they are."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _field(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]
