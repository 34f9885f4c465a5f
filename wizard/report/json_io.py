"""The report's canonical form: JSON with a stable key order and a schema version.

The JSON file is the record; the PDF footer carries its SHA-256 and the HTML and PDF are
rendered from the model read back from it, so the three can never disagree. Keys come in the
model's field order (header before pages before appendix), which is stable and reads well.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wizard.report.model import SCHEMA_VERSION, Report

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


class ReportFileError(ValueError):
    """A report file that cannot be read, with what was found and what to do."""


def to_json(report: Report) -> str:
    """The report as JSON text (UTF-8 safe, two-space indent, newline at the end)."""
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def to_json_bytes(report: Report) -> bytes:
    """Exactly the bytes written to the .json file (the bytes `sha256_hex` hashes)."""
    return to_json(report).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """The digest printed in the PDF footer."""
    return hashlib.sha256(data).hexdigest()


def _major(version: str) -> str:
    return version.split(".", 1)[0]


def from_json(text: str | bytes) -> Report:
    """A report read back from its JSON; a clear error for anything else."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(
            f"This is not a report file: its JSON is broken at line {exc.lineno}, column {exc.colno} "
            f"({exc.msg}). Export the report again from the wizard."
        ) from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise ReportFileError("This JSON file is not a wizard report: it has no 'schema_version'.")
    found = str(data["schema_version"])
    if _major(found) != _major(SCHEMA_VERSION):
        raise ReportFileError(
            f"This report uses format {found}; this wizard reads format {SCHEMA_VERSION}. "
            "Open it with the wizard version that wrote it, or export it again."
        )
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ReportFileError(
            f"This report file is damaged or was edited by hand: at '{where}', {first['msg']} "
            f"({exc.error_count()} problem(s) in all). Export the report again from the wizard."
        ) from None


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema shipped beside this module (draft 2020-12)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
