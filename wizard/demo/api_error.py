"""One exception for every refusal the REST and Tooling views give.

Handlers deep inside the query engine or the record writer raise `ApiError`; the REST front
door turns it into Salesforce's error body (``[{"message", "errorCode", "fields"}]``) with the
right status, and the composite resources turn it into a subrequest result or a SaveResult
error. Keeping the status next to the code means a refusal reads the same on every path.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Salesforce API error: HTTP status, errorCode, message and the fields concerned."""

    def __init__(self, status: int, code: str, message: str, fields: list[str] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.fields = list(fields or [])

    def body(self) -> list[dict[str, Any]]:
        """The REST error body."""
        return [{"message": self.message, "errorCode": self.code, "fields": self.fields}]

    def save_error(self) -> dict[str, Any]:
        """The error as it appears inside a SaveResult of sObject Collections."""
        return {"statusCode": self.code, "message": self.message, "fields": self.fields}


def not_found(message: str = "The requested resource does not exist") -> ApiError:
    """404 NOT_FOUND, as Salesforce answers for unknown resources, objects and ids."""
    return ApiError(404, "NOT_FOUND", message)


def bad_request(code: str, message: str, fields: list[str] | None = None) -> ApiError:
    """A 400 with the given errorCode."""
    return ApiError(400, code, message, fields)
