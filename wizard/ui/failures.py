"""What went wrong with a job, in the admin's words (design principle 8 in README)."""

from __future__ import annotations


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def describe_failure(exc: BaseException) -> str:
    """What went wrong with a check, in the admin's words (systemic errors carry their own)."""
    explained = getattr(exc, "explained", None)
    if explained is not None:
        return explained.message
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    return (f"The check stopped with an unexpected problem ({type(exc).__name__}: {first_line(exc)}). "
            "Nothing was changed in the org. Check again; if it keeps happening, sign in again.")
