"""Guide file errors an admin or maintainer can act on.

A broken guide file must say which file, which key, and what was expected (house rule 2), one
sentence per problem; the sentences come from `wizard.validation_text`, shared with the demo
org's scenario files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from wizard.guides.schema import ID_PATTERNS
from wizard.validation_text import key_path, translate


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


def problems_from(
    exc: ValidationError, root: type[BaseModel], file: str, prefix: Sequence[Any] = ()
) -> list[GuideProblem]:
    """Every pydantic error of ``exc`` as a `GuideProblem` naming the file and full key path."""
    return [
        GuideProblem(file, key_path([*prefix, *err["loc"]]), translate(root, err, ID_PATTERNS))
        for err in exc.errors()
    ]
