"""Clear errors for bad scenario files: the file, the key path, what was found and expected."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from wizard.demo.scenario_model import EMAIL_PATTERN
from wizard.validation_text import key_path, translate


class ScenarioError(ValueError):
    """A scenario file that cannot be loaded; the message lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"The demo org scenario {source} cannot be loaded:\n{lines}\n"
            "Fix the file (the README's section 'The demo org', 'Scenarios', describes the format) and try again."
        )


#: The patterns of the scenario schema, in words.
PATTERNS = {EMAIL_PATTERN: "an address such as name@example.com"}


def describe_validation_error(exc: ValidationError, root: type[BaseModel]) -> list[str]:
    """One line per pydantic error: key path, what was expected, what was found."""
    return [f"{key_path(err['loc']) or '(top level)'}: {translate(root, err, PATTERNS)}" for err in exc.errors()]
