"""``${name}`` placeholders in guide pages, filled from the page's ``vars`` at load time.

Shared pages say ``${scope}`` where guides differ; a guide fills it with ``with:``. A value that
is exactly one placeholder keeps its type (a list of scopes stays a list, 365 stays a number);
a placeholder inside longer text is replaced by the value's text. Anything left unresolved is an
error at load time, never a literal ``${scope}`` shown to an admin or passed to a check.

Single-brace names such as ``{my_domain}`` are not placeholders here: they are filled at run
time from the connected org.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from wizard.validation_text import key_path

PLACEHOLDER = re.compile(r"\$\{([^{}]*)\}")


class UnresolvedPlaceholder(ValueError):
    """A placeholder that has no value, with the key path where it was found."""

    def __init__(self, path: tuple[Any, ...], message: str) -> None:
        self.path = path
        super().__init__(message)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _lookup(name: str, variables: Mapping[str, Any], path: tuple[Any, ...]) -> Any:
    if name not in variables:
        known = ", ".join(sorted(variables)) or "none"
        raise UnresolvedPlaceholder(
            path, f"placeholder ${{{name}}} has no value (vars known here: {known}); add it to the page's vars or to the guide's with:"
        )
    value = variables[name]
    if value is None:
        raise UnresolvedPlaceholder(
            path, f"placeholder ${{{name}}} needs a value from the guide (with: {name}: ...), found none"
        )
    return value


def substitute(value: Any, variables: Mapping[str, Any], path: tuple[Any, ...] = ()) -> Any:
    """A deep copy of ``value`` with every ``${name}`` replaced; raises `UnresolvedPlaceholder`."""
    if isinstance(value, str):
        whole = PLACEHOLDER.fullmatch(value)
        if whole:
            return copy.deepcopy(_lookup(whole.group(1), variables, path))

        def replace(match: re.Match[str]) -> str:
            found = _lookup(match.group(1), variables, path)
            if isinstance(found, list | dict):
                raise UnresolvedPlaceholder(
                    path,
                    f"placeholder ${{{match.group(1)}}} holds a list or mapping and cannot sit inside text; "
                    "use it as the whole value",
                )
            return _as_text(found)

        result = PLACEHOLDER.sub(replace, value)
        if "${" in result:
            raise UnresolvedPlaceholder(path, f"unclosed or malformed placeholder in {value!r}")
        return result
    if isinstance(value, list):
        return [substitute(item, variables, (*path, i)) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: substitute(item, variables, (*path, key)) for key, item in value.items()}
    return value


def describe_path(path: tuple[Any, ...]) -> str:
    """The key path of a placeholder, in the same notation as every other guide error."""
    return key_path(path)
