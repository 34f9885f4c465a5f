"""Turn what the Salesforce APIs raise into sentences an admin can act on.

Every failure says what was seen, what was expected and what to do (design principle 8 in README).
`SystemicError` means the whole verification cannot go on (limits, maintenance, network, a dead
session); anything else is a `ReadFailure` for the checks that needed that read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import Any

import requests
from simple_salesforce.exceptions import (
    SalesforceError,
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceMalformedRequest,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from wizard.engine.snapshot import ReadFailure
from wizard.report.redact import redact_text
from wizard.salesforce.auth.errors import SavedSignInNeedsKeyring, SignInError, SignInRequired
from wizard.secrets import redaction_values


@dataclass(frozen=True)
class Explained:
    """An error explained: a stable code, the sentence, and whether everything else must stop.

    ``in_window`` is the sentence for the window where its way out differs from the command
    line's (a command to run there is no way out in the window); empty: the same words.
    """

    code: str
    message: str
    systemic: bool = False
    in_window: str = ""

    @property
    def window_message(self) -> str:
        return self.in_window or self.message


#: The code of a check stopped because the sign-in ended (its renewal refused: revoked or expired).
SIGN_IN_ENDED = "SIGN_IN_ENDED"


class SystemicError(Exception):
    """The org cannot be read at all right now; `explained` says why and what to do."""

    def __init__(self, explained: Explained) -> None:
        super().__init__(explained.message)
        self.explained = explained


def full_stop(text: str) -> str:
    """`text` ending in one full stop: Salesforce's own messages often end with one already, and a
    sentence the wizard appends after them must not make it two ("exceeded.. Try again")."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def _inner(message: str) -> str:
    """Salesforce's words for inside the wizard's brackets: without their own closing full stop,
    which would stand before the bracket and the wizard's next one ("(Limit exceeded.).")."""
    return message.strip().rstrip(".")


def _request_limit(message: str) -> Explained:
    """The org's API request limit, in the same words whichever API (REST or Metadata) hit it."""
    return Explained(
        "REQUEST_LIMIT_EXCEEDED",
        f"The org has reached its API request limit ({_inner(message) or 'TotalRequests Limit exceeded'}). "
        "Nothing was changed. Try again when the 24-hour window frees up requests, or ask Salesforce for a higher limit.",
        systemic=True,
    )


def _error_code(exc: SalesforceError) -> tuple[str, str]:
    content = exc.content
    if isinstance(content, list) and content and isinstance(content[0], dict):
        return str(content[0].get("errorCode", "")), str(content[0].get("message", ""))
    if isinstance(content, dict):
        return str(content.get("errorCode") or content.get("error") or ""), str(content.get("message") or "")
    return "", str(content or "")[:200]


#: Words of Salesforce's refusal of a session whose security level is too low (INVALID_SESSION_ID too).
HIGH_ASSURANCE_MARKERS = ("not valid for use with the", "high assurance", "requires extra verification")
#: What Salesforce's identity service answers (403, one word) for a token it does not know.
_UNKNOWN_TOKEN_WORDS = ("Bad_OAuth_Token", "Missing_OAuth_Token")


def is_high_assurance_refusal(text: str) -> bool:
    """Whether an INVALID_SESSION_ID answer means "not this security level" rather than "expired"."""
    return any(marker in text.lower() for marker in HIGH_ASSURANCE_MARKERS)


def explain(exc: BaseException) -> Explained:
    """The admin's version of any exception a Salesforce call can raise.

    Messages may quote what Salesforce or a library said; every secret value this process holds
    (`wizard.secrets.remember`) is masked in them, since some libraries echo request headers.
    """
    explained = _explain(exc)
    values = redaction_values()
    masked = redact_text(explained.message, values)
    in_window = redact_text(explained.in_window, values)
    if (masked, in_window) == (explained.message, explained.in_window):
        return explained
    return replace(explained, message=masked, in_window=in_window)


def _sign_in_trouble(exc: SignInError) -> Explained:
    """A renewal of the session that failed mid-way: every read after it would fail the same way,
    so it stops the whole verification, said once (not as a puzzle on every row).

    Refused for good (`SignInRequired`: revoked, expired, the user or app gone) the sign-in has
    ended; anything else (Salesforce unreachable or down, a keyring out of reach) leaves the saved
    sign-in standing. The words hold for a check and a change alike: the caller says what stopped.
    """
    if isinstance(exc, SignInRequired) and not isinstance(exc, SavedSignInNeedsKeyring):
        org = f"to {exc.org_name}" if exc.org_name else f"'{exc.alias}'"
        ended = f"Your sign-in {org} has ended (revoked or expired): {full_stop(exc.reason)}"
        return Explained(
            SIGN_IN_ENDED,
            f"{ended} {full_stop(exc.todo)}",
            systemic=True,
            in_window=f"{ended} {full_stop(exc.todo_in_window)[:-1]}; your confirmations and earlier results are kept.",
        )
    renewal = f"The session could not be renewed: {full_stop(exc.seen)} The saved sign-in is kept."
    return Explained("SIGN_IN_RENEWAL", f"{renewal} {full_stop(exc.todo)}", systemic=True,
                     in_window=f"{renewal} {full_stop(exc.todo_in_window)}")


def _explain(exc: BaseException) -> Explained:
    if isinstance(exc, SignInError):
        return _sign_in_trouble(exc)
    if isinstance(exc, SalesforceExpiredSession) and is_high_assurance_refusal(str(exc.content)):
        return Explained(
            "HIGH_ASSURANCE_REQUIRED",
            f"Salesforce refused this session for the API ({_error_code(exc)[1] or 'INVALID_SESSION_ID'}): the org "
            "requires a high-assurance session (multi-factor verification), which a renewed token does not have. "
            "Sign in again and complete the verification Salesforce asks for, or ask your administrator to review "
            "Setup → Session Settings → Session Security Levels. Nothing was changed.",
            systemic=True,
        )
    if isinstance(exc, SalesforceExpiredSession):
        return Explained(
            "SESSION_EXPIRED",
            "Salesforce says the session has expired or was revoked (INVALID_SESSION_ID), and it could not be "
            "renewed. Sign in to the org again.",
            systemic=True,
        )
    if isinstance(exc, SalesforceRefusedRequest):
        code, message = _error_code(exc)
        if code in _UNKNOWN_TOKEN_WORDS or message.strip() in _UNKNOWN_TOKEN_WORDS:
            return Explained(
                "INVALID_TOKEN",
                f"Salesforce does not recognise the access token ({message.strip() or code}): it has expired, "
                "was revoked, or was copied incompletely. Get a new access token or sign in again.",
                systemic=True,
            )
        if code == "REQUEST_LIMIT_EXCEEDED":
            return _request_limit(message)
        if code in ("API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED"):
            return Explained(
                code,
                "API access is turned off for this user or org. The signed-in user needs the \"API Enabled\" "
                "permission (and the org an edition with API access).",
                systemic=True,
            )
        return Explained(
            code or "INSUFFICIENT_ACCESS",
            f"Salesforce refused the request ({code or 'forbidden'}: {_inner(message)}). The signed-in user lacks a permission "
            "this step needs; sign in as an administrator or grant it.",
        )
    if isinstance(exc, SalesforceMalformedRequest):
        code, message = _error_code(exc)
        if code == "INVALID_TYPE":
            return Explained(code, f"This object is not available to the signed-in user or not enabled in the org ({_inner(message)}).")
        return Explained(code or "MALFORMED_REQUEST", f"Salesforce could not answer the request ({code}: {_inner(message)}).")
    if isinstance(exc, SalesforceResourceNotFound):
        code, message = _error_code(exc)
        return Explained(code or "NOT_FOUND", f"Salesforce has no such resource ({_inner(message)}).")
    if isinstance(exc, SalesforceGeneralError):
        if exc.status in (502, 503) or "maintenance" in str(exc.content).lower():
            return _maintenance(exc.status)
        code, message = _error_code(exc)
        return Explained(code or f"HTTP_{exc.status}", f"Salesforce answered with an error ({exc.status} {code}: {_inner(message)}). Try again.")
    if isinstance(exc, requests.exceptions.SSLError):
        return Explained(
            "TLS",
            "The connection's certificate could not be verified, so nothing was sent. Check the instance URL "
            "and any proxy that inspects HTTPS traffic.",
            systemic=True,
        )
    if isinstance(exc, (requests.ConnectionError, requests.Timeout)):
        return Explained(
            "NETWORK",
            "The org could not be reached (the connection failed or was dropped). Check the network and the "
            "instance URL, then check again; nothing was changed.",
            systemic=True,
        )
    zeep_errors = sys.modules.get("zeep.exceptions")  # not loaded: no Metadata call was made, nothing to match
    if zeep_errors is not None and isinstance(exc, zeep_errors.TransportError | zeep_errors.Fault):
        soap = _explain_soap(exc)
        if soap is not None:
            return soap
    text = str(exc)
    if "INVALID_SESSION_ID" in text:
        return _explain(SalesforceExpiredSession("", 401, "", [{"errorCode": "INVALID_SESSION_ID", "message": text}]))
    for code, refused in _METADATA_REFUSALS.items():
        if code in text:
            return refused(_without_code(text, code)[:200])
    said = f" ({text[:300].rstrip('.')})" if text.strip() else ""
    return Explained(
        type(exc).__name__,  # a code for the record and the report's JSON; the sentence never names it
        f"The wizard could not make sense of what happened while reading the org{said}. "
        "Try again; if it happens again, the org's answer is one the wizard does not know yet.",
    )


def _without_code(text: str, code: str) -> str:
    """Salesforce's message without its leading ``CODE:`` (the Metadata API repeats the code there)."""
    text = text.strip()
    while text.startswith(f"{code}:"):
        text = text[len(code) + 1:].strip()
    return text


#: The Metadata API's refusals (SOAP faults) that mean the same as a REST refusal, in the same words.
_METADATA_REFUSALS = {
    "REQUEST_LIMIT_EXCEEDED": _request_limit,
    "INSUFFICIENT_ACCESS": lambda message: Explained(
        "INSUFFICIENT_ACCESS",
        f"Salesforce refused the Metadata API read: the signed-in user lacks a permission it needs ({_inner(message)}). "
        "Sign in as an administrator (Modify All Data, Customize Application) or grant the permission.",
    ),
    "INVALID_TYPE": lambda message: Explained(
        "INVALID_TYPE",
        f"This kind of setting is not available to the signed-in user or not enabled in the org ({_inner(message)}).",
    ),
}


def _explain_soap(exc: Any) -> Explained | None:
    """The Metadata API's (zeep's) failures that are Salesforce's side: down, or an internal error.

    During maintenance the SOAP endpoint answers with an HTML page, which zeep reports as a
    fault it cannot read ("Unknown fault occured") or, for some statuses, a transport error;
    an internal error is a fault with the code UNKNOWN_EXCEPTION. Neither is the admin's to fix.
    """
    if hasattr(exc, "status_code"):  # zeep's TransportError
        if exc.status_code in (502, 503, 504):
            return _maintenance(exc.status_code)
        return None
    detail = exc.detail.decode("utf-8", "replace") if isinstance(exc.detail, bytes) else str(exc.detail or "")
    if "<html" in detail.lower():
        return _maintenance("an HTML page instead of a SOAP answer")
    code = str(exc.code or "").rpartition(":")[2]
    if code in _METADATA_REFUSALS:
        return _METADATA_REFUSALS[code](_without_code(str(exc.message or ""), code))
    if code == "SERVER_UNAVAILABLE":
        return _maintenance(code)
    if code == "UNKNOWN_EXCEPTION":
        return Explained(
            code,
            f"Salesforce had an internal error answering the Metadata API ({_inner(str(exc.message or ''))}). It is on Salesforce's "
            "side, not in your settings: check again in a few minutes; if it keeps happening, give Salesforce "
            "Support the ErrorId it names.",
        )
    return None


def _maintenance(answered: object) -> Explained:
    return Explained(
        "MAINTENANCE",
        f"Salesforce answered {answered}: the org looks unavailable or down for maintenance. "
        "Check status.salesforce.com for your instance and try again later.",
        systemic=True,
    )


def read_failure(exc: BaseException) -> ReadFailure:
    """A per-read failure; raises `SystemicError` when the whole verification must stop."""
    explained = explain(exc)
    if explained.systemic:
        raise SystemicError(explained) from exc
    return ReadFailure(explained.message, explained.code)
