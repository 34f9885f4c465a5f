"""Guide file errors an admin or maintainer can act on.

A broken guide file must say which file, which key, and what was expected (house rule 2), one
sentence per problem. Pydantic's own messages ("Input should be a valid string") name neither
the file nor the guide's vocabulary, so they are translated here.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class GuideProblem:
    """One thing wrong in one guide file, at one key."""

    file: str
    key_path: str
    message: str

    def __str__(self) -> str:
        where = self.key_path or "the top level"
        return f"{self.file}, at {where}: {self.message}"


class GuideError(Exception):
    """A guide could not be loaded; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: Sequence[GuideProblem]) -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            text = str(self.problems[0])
        else:
            lines = "\n".join(f"- {p}" for p in self.problems)
            text = f"{len(self.problems)} problems in the guide files:\n{lines}"
        super().__init__(text)


def format_path(loc: Iterable[Any]) -> str:
    """('pages', 3, 'settings', 0, 'check') -> 'pages[3].settings[0].check'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
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


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation can hold (through Optional, list, dict, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is None:
        return []
    found: list[type[BaseModel]] = []
    args = typing.get_args(annotation)
    if origin in (dict,) and args:
        args = args[1:]
    if origin is types.UnionType or origin is typing.Union or origin in (list, dict, tuple):
        for arg in args:
            found += _models_in(arg)
    return found


def _model_at(root: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """The model that owns the last key of ``loc``, walking field annotations from ``root``."""
    model: type[BaseModel] | None = root
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = _field(model, part)
        if field is None:
            return None
        candidates = _models_in(field.annotation)
        model = candidates[0] if len(candidates) == 1 else None
    return model


def _field(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def translate(root: type[BaseModel], error: dict[str, Any]) -> str:
    """One plain sentence for one pydantic error: what was expected and what was found."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = error.get("loc") or ()
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
    messages = {
        "string_type": "expected text",
        "int_type": "expected a whole number",
        "int_parsing": "expected a whole number",
        "int_from_float": "expected a whole number",
        "bool_type": "expected true or false",
        "bool_parsing": "expected true or false",
        "list_type": "expected a list",
        "dict_type": "expected a mapping of keys to values",
        "model_type": "expected a mapping of keys to values",
        "model_attributes_type": "expected a mapping of keys to values",
    }
    if kind in messages:
        return f"{messages[kind]}, found {found}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lowercase letters, digits and dashes (pattern {ctx.get('pattern')}), found {found}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "greater_than":
        return f"expected a number greater than {ctx.get('gt')}, found {found}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, found {found}"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return f"{error.get('msg', 'invalid value')}, found {found}"


def problems_from(
    exc: ValidationError, root: type[BaseModel], file: str, prefix: Sequence[Any] = ()
) -> list[GuideProblem]:
    """Every pydantic error of ``exc`` as a `GuideProblem` naming the file and full key path."""
    return [
        GuideProblem(file, format_path([*prefix, *err["loc"]]), translate(root, err))
        for err in exc.errors()
    ]
