"""Clear errors for bad scenario files: the file, the key path, what was found and expected."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

#: What each pydantic error type expects, in plain words.
_EXPECTED = {
    "missing": "this key is required",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "literal_error": "one of the allowed values",
    "string_too_short": "non-empty text",
    "too_short": "a list with at least one item",
}


class ScenarioError(ValueError):
    """A scenario file that cannot be loaded; the message lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"The demo org scenario {source} cannot be loaded:\n{lines}\n"
            "Fix the file (the README's 'Demo org scenarios' section describes the format) and try again."
        )


def key_path(loc: tuple[Any, ...]) -> str:
    """('users', 1, 'profile') -> 'users[1].profile'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def describe_validation_error(exc: ValidationError, root: type[BaseModel]) -> list[str]:
    """One line per pydantic error: key path, what was found, what was expected."""
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = _allowed_keys(root, loc[:-1])
            expected = f"no such key here; expected one of: {', '.join(allowed)}" if allowed else "no such key here"
            problems.append(f"{key_path(loc)}: unknown key; {expected}")
            continue
        if kind == "value_error":
            problems.append(f"{key_path(loc)}: {str(err['msg']).removeprefix('Value error, ')}")
            continue
        expected = _EXPECTED.get(kind) or str(err["msg"]).removeprefix("Input should be ").removeprefix("String should ")
        if kind == "literal_error":
            expected = str(err["msg"]).replace("Input should be", "one of")
        elif kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
            expected = f"a value {expected}"
        elif kind == "string_pattern_mismatch":
            pattern = str((err.get("ctx") or {}).get("pattern", ""))
            expected = "an address such as name@example.com" if "@" in pattern else f"text matching {pattern}"
        found = "" if kind == "missing" else f"; found {err.get('input')!r}"
        problems.append(f"{key_path(loc)}: expected {expected}{found}")
    return problems


def _allowed_keys(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model at a key path accepts (walks field annotations)."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Optional[X] / X | None -> X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation
