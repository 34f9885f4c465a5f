"""Refused writes in the admin's words: Salesforce's message, what it means, what to do.

A fix that Salesforce refuses must not leave the admin guessing (design principle 8 in README). Every
failure of a write becomes an `ApplyError` carrying Salesforce's own status code and message
(copied, never reworded, so it can be searched for), our sentence on what it means, and our
sentence on what to do next. `dropped` marks a lost connection and `reading` whether a read or a
write was under way: a write that got no answer may have been made, a read changes nothing; either
way the right move is to run the same apply again, which resumes.

An undo that stops is explained the same way, except for what to do (`undo_error`: run the undo
again, never "apply again"), and `UndoStopped` adds what it had already put back.

How to try again is not the same everywhere: the command line runs the same apply again, the
window's fix dialog has its Continue button, the graduation dialog its menu entry. So the sentences
here leave those words open (`{again}`, `{sign_in}`...) and `RetryWords` fills them: the command
line's by default, the window's inside `shown_in` (see `RetryWords`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass

import requests
from simple_salesforce.exceptions import SalesforceError

from wizard.retry_words import retry_words
from wizard.salesforce.errors import explain

#: status code -> (what it means, what to do). Codes from the REST and Metadata API references.
#: What to do leaves the way to try again open ({again}, {Same}...): `RetryWords.fill` says it.
MEANINGS: dict[str, tuple[str, str]] = {
    "INSUFFICIENT_ACCESS": (
        "The signed-in user lacks a permission this change needs.",
        "{sign_in} as an administrator who holds the permission Salesforce names (or grant it through a "
        "permission set), then {signed_in_again}.",
    ),
    "INSUFFICIENT_ACCESS_OR_READONLY": (
        "The signed-in user may not change this item.",
        "{sign_in} as an administrator with Customize Application, then {signed_in_again}.",
    ),
    "LICENSE_LIMIT_EXCEEDED": (
        "Every seat of the licence this permission set needs is taken.",
        "Free a seat (remove the licence from someone who no longer needs it) or buy more, then assign again.",
    ),
    "FIELD_INTEGRITY_EXCEPTION": (
        "Salesforce does not accept one of the values. For a permission set this usually means the "
        "user's licence does not match the licence the permission set requires.",
        "Check the value Salesforce names; for permission sets, pick users whose licence matches.",
    ),
    "REQUIRED_FIELD_MISSING": (
        "A value Salesforce requires was not given.",
        "Enter the missing value (for secrets: store it when the wizard asks), then {again}.",
    ),
    "DUPLICATE_DEVELOPER_NAME": (
        "Something with this name already exists, or was deleted recently and Salesforce still "
        "reserves the name.",
        "Check again: the wizard updates what exists. If the name is held by a deleted item, erase it "
        "from the recycle bin or wait, then {again}.",
    ),
    "DUPLICATE_VALUE": (
        "The value must be unique and another record already uses it.",
        "Check again: the wizard skips what already exists. Otherwise change or remove the other record.",
    ),
    "FUNCTIONALITY_NOT_ENABLED": (
        "The org does not allow this feature. Since Spring '26 new Connected Apps cannot be created.",
        "The wizard sets up an External Client App instead; Salesforce Support can re-enable Connected "
        "App creation if you need one.",
    ),
    "REQUEST_LIMIT_EXCEEDED": (
        "The org has used up its API requests for the last 24 hours.",
        "{Again} once the rolling 24-hour window frees requests, or ask Salesforce for a higher limit.",
    ),
    "INVALID_CROSS_REFERENCE_KEY": (
        "The change refers to something the org does not have (a profile, user, auth provider or app).",
        "Create what Salesforce names first, or correct the name, then {again}.",
    ),
    "INVALID_SESSION_ID": (
        "The session expired or is not allowed to change settings (some orgs require a high-assurance "
        "session for changes).",
        "{sign_in} again (with multi-factor verification if the org asks for it), then {signed_in_again}.",
    ),
    "SESSION_EXPIRED": (
        "The session expired and could not be renewed.",
        "{sign_in} again, then {signed_in_again}.",
    ),
    "SIGN_IN_ENDED": (
        "Your sign-in has ended (revoked or expired), so nothing more could be written; what was written "
        "before stays, and its backup is kept.",
        "{sign_in} again, then {signed_in_again}: it reads what is already there and finishes the rest without duplicates.",
    ),
    "SIGN_IN_RENEWAL": (
        "The session expired and could not be renewed just now (the saved sign-in is kept), so nothing more "
        "could be written; what was written before stays, and its backup is kept.",
        "Check the connection, then {again}: it reads what is already there and finishes the rest without duplicates.",
    ),
    "DEPENDENCY_EXISTS": (
        "Something else still uses this item.",
        "Remove or repoint what uses it first.",
    ),
    "NETWORK": (
        "The connection dropped while the wizard was writing; part of the change may have been made.",
        "{Same}: it reads what is already there and finishes the rest without duplicates.",
    ),
    "MAINTENANCE": (
        "Salesforce is unavailable or down for maintenance.",
        "Check status.salesforce.com for your instance and {again} later; {resumes}.",
    ),
    "UNKNOWN_EXCEPTION": (
        "Salesforce had an internal error while making the change (on its side, not in your settings).",
        "{Again} in a few minutes; {resumes}. If it keeps happening, give Salesforce Support the "
        "ErrorId in its message.",
    ),
}
#: A connection lost while reading (no write was under way, so none can be half made).
_NETWORK_READING = "The connection dropped while the wizard was reading the org; no write was under way at that moment."
_DEFAULT = (
    "Salesforce refused the change.",
    "Read Salesforce's message above, correct what it names in Setup or in the wizard's inputs, and {again}.",
)
#: What to do when an undo (not an apply) stops: the same causes, but the way on is the undo again.
#: Restoring compares every item with the org, so a second undo puts back only what still differs.
_UNDO_AGAIN = "{undo}: it puts back only what still differs."
UNDO_TODOS: dict[str, str] = {
    "REQUEST_LIMIT_EXCEEDED": "Once the rolling 24-hour window frees requests (or Salesforce raises the limit), " + _UNDO_AGAIN,
    "NETWORK": "Check the connection, then " + _UNDO_AGAIN,
    "MAINTENANCE": "Check status.salesforce.com for your instance; when the org is back, " + _UNDO_AGAIN,
    "UNKNOWN_EXCEPTION": "Salesforce had an internal error; in a few minutes, " + _UNDO_AGAIN,
    "INVALID_SESSION_ID": "{sign_in} again (with multi-factor verification if the org asks for it), then " + _UNDO_AGAIN,
    "SESSION_EXPIRED": "{sign_in} again, then " + _UNDO_AGAIN,
    "SIGN_IN_ENDED": "{sign_in} again, then " + _UNDO_AGAIN,
    "SIGN_IN_RENEWAL": "Check the connection, then " + _UNDO_AGAIN,
    "INSUFFICIENT_ACCESS": "{sign_in} as an administrator who holds the permission Salesforce names, then " + _UNDO_AGAIN,
    "INSUFFICIENT_ACCESS_OR_READONLY": "{sign_in} as an administrator with Customize Application, then " + _UNDO_AGAIN,
    "DEPENDENCY_EXISTS": "Remove or repoint what uses it first, then " + _UNDO_AGAIN,
}
_UNDO_DEFAULT = "Read Salesforce's message above and correct what it names in Setup, then " + _UNDO_AGAIN


_MDAPI_ERROR = re.compile(r"\((?P<code>[A-Z_]+), (?P<message>.*?)\), (?=\(|\n|$)", re.S)


#: Codes after which nothing more can be written now (limits, sessions, sign-ins, maintenance).
SYSTEMIC_CODES = frozenset({"REQUEST_LIMIT_EXCEEDED", "INVALID_SESSION_ID", "SESSION_EXPIRED", "SIGN_IN_ENDED",
                            "SIGN_IN_RENEWAL", "MAINTENANCE"})


@dataclass
class ApplyError(Exception):
    """A write Salesforce refused (or a connection lost while writing)."""

    code: str
    salesforce_message: str
    meaning: str
    todo: str
    target: str = ""
    dropped: bool = False
    reading: bool = False

    def __post_init__(self) -> None:
        super().__init__(self.text)

    @property
    def text(self) -> str:
        where = f"{doing(self.target)}: " if self.target else ""
        return f"{where}{self.said}{self.meaning} {self.todo}"

    @property
    def said(self) -> str:
        """Salesforce's own words, quoted once: its code is left out when the message starts with it."""
        message = self.salesforce_message.strip()
        if not message:
            return ""
        code = "" if message.startswith(self.code) else f"{self.code}: "
        stop = "" if message.endswith((".", "!", "?")) else "."
        return f'Salesforce said: {code}"{message}"{stop} '

    @property
    def headline(self) -> str:
        """The stop in a few plain words (for a log line or a status bar), never a bare status code."""
        return self.meaning.split(";")[0].rstrip(".")

    @property
    def systemic(self) -> bool:
        """Whether nothing more can be written now (limits, sessions, network, maintenance)."""
        return self.dropped or self.code in SYSTEMIC_CODES


#: Metadata types the apply and the undo read, in the words Setup uses for them.
_COMPONENT_WORDS = {
    "ConnectedApp": "the ECI connected app",
    "ExternalClientApplication": "the ECI external client app",
    "ExtlClntAppOauthSettings": "the OAuth settings of the ECI external client app",
    "ExtlClntAppGlobalOauthSettings": "the consumer key and secret of the ECI external client app",
    "ExtlClntAppOauthConfigurablePolicies": "the OAuth policies of the ECI external client app",
    "CustomSite": "the site the provider calls",
    "CallCoachingMediaProvider": "the ECI media provider",
    "AuthProvider": "the auth provider",
    "NamedCredential": "the named credential",
    "ExternalCredential": "the external credential",
    "PermissionSet": "the permission set",
    "RemoteSiteSetting": "the remote site setting",
    "CspTrustedSite": "the trusted URL",
    "CustomField": "the custom field",
}
#: The parts an External Client App is written in, named by what each holds.
_PART_WORDS = {
    "ExternalClientApplication": "the app itself",
    "ExtlClntAppOauthSettings": "its OAuth settings",
    "ExtlClntAppGlobalOauthSettings": "its consumer key and secret",
    "ExtlClntAppOauthConfigurablePolicies": "its OAuth policies",
}
_PART_LABEL = re.compile(r"^(?P<head>.+) \((?P<mtype>[A-Za-z]+)\)$")
#: The operations' own labels for a read (`wizard.apply.ops`): "Query", "ConnectedApp (read)"...
_READ_LABEL = re.compile(r"^(?P<mtype>[A-Za-z]+) \((?P<verb>read|list)\)$")


def doing(target: str) -> str:
    """What the wizard was doing, in words, for a target the operations named by an internal label.

    A read is labelled by its API ("Query") or its Metadata type ("CustomSite (read)"); shown as
    the head of a stop those would be the admin's first words to puzzle over. A target that is
    already words ("Permission set AC_CallRecording") is kept as it is.
    """
    if target == "Query":
        return "while reading the org"
    if target == "Tooling query":
        return "while reading the org's setup"
    found = _READ_LABEL.match(target)
    if found is None:
        part = _PART_LABEL.match(target)  # "External Client App X (ExtlClntAppOauthSettings)": a write of one part
        if part is not None and part.group("mtype") in _PART_WORDS:
            return f"{part.group('head')} ({_PART_WORDS[part.group('mtype')]})"
        return target
    mtype = found.group("mtype")
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", mtype).lower()
    if found.group("verb") == "list":
        return f"while listing the org's {words} components"
    default = "the org's " + words + " settings"
    return f"while reading {_COMPONENT_WORDS.get(mtype, default)}"


def error_for(code: str, message: str, target: str = "", dropped: bool = False, reading: bool = False) -> ApplyError:
    """An `ApplyError` for a status code and Salesforce's message (`reading`: a read, not a write, failed)."""
    meaning, todo = MEANINGS.get(code, _DEFAULT)
    if code == "NETWORK" and reading:
        meaning = _NETWORK_READING
    return ApplyError(code, message, meaning, retry_words().fill(todo), target, dropped, reading)


def from_save_errors(errors: list[dict], target: str) -> ApplyError:
    """From the ``errors`` of a REST SaveResult (statusCode/message) or a Metadata SaveResult."""
    first = errors[0] if errors else {}
    code = str(first.get("statusCode") or first.get("errorCode") or "UNKNOWN")
    message = "; ".join(str(e.get("message", "")) for e in errors)
    return error_for(code, message, target)


def from_exception(exc: BaseException, target: str = "", reading: bool = False) -> ApplyError:
    """Any exception a write (or, with `reading`, a read) raised, as an `ApplyError`."""
    if isinstance(exc, ApplyError):
        return exc
    if isinstance(exc, (requests.ConnectionError, requests.Timeout)):
        return error_for("NETWORK", "", target, dropped=True, reading=reading)
    if isinstance(exc, SalesforceError):
        content = exc.content
        if isinstance(content, list) and content and isinstance(content[0], dict):
            return from_save_errors(content, target)
        return _explained(exc, target, reading)
    zeep_errors = sys.modules.get("zeep.exceptions")  # not loaded: no Metadata call was made
    if zeep_errors is not None and isinstance(exc, zeep_errors.ValidationError):
        return not_sent(exc, target)
    fault_code = getattr(exc, "code", None)
    if fault_code and type(exc).__name__ == "Fault":  # zeep's SOAP fault
        code = str(fault_code).split(":")[-1]
        return error_for(code, str(getattr(exc, "message", "") or exc), target)
    text = str(exc)
    found = list(_MDAPI_ERROR.finditer(text))
    if found:  # simple-salesforce's mdapi CRUD: "\nname: (CODE, message), "
        message = "; ".join(m.group("message") for m in found)
        return error_for(found[0].group("code"), message, target)
    return _explained(exc, target, reading)


#: The code of a change the wizard did not send (see `not_sent`).
NOT_SENT = "NOT_SENT"
_MISSING_ELEMENT = re.compile(r"Missing element (?P<field>\w+)")


def not_sent(exc: BaseException, target: str) -> ApplyError:
    """A Metadata write the SOAP client refused to send: the WSDL requires a field the component lacks.

    It happens before any request, so Salesforce neither saw nor refused it, and the result must
    not say so ("Salesforce said", "Salesforce refused"); nothing was changed by it. A component is
    written as it was read plus the guide's values, so the missing field is one the org's own copy
    lacks: filling it in Setup is the way out.
    """
    found = _MISSING_ELEMENT.search(str(exc))
    if found is not None:
        field = found.group("field")
        meaning = (f"The wizard did not send this change: the Metadata API requires the field {field}, and the "
                   "component as the org gave it has no value for it. Nothing was sent, so nothing was changed by it.")
        todo = f"Give {field} a value in Setup (saving the component there once usually does it), then {retry_words().again}."
    else:
        meaning = (f"The wizard did not send this change: it is not in the shape the Metadata API requires "
                   f"({str(exc)[:200].rstrip('.')}). Nothing was sent, so nothing was changed by it.")
        todo = f"Check the component in Setup and save it there once, then {retry_words().again}."
    return ApplyError(NOT_SENT, "", meaning, todo, target)


def _explained(exc: BaseException, target: str, reading: bool) -> ApplyError:
    """An exception that carries no Salesforce status code of its own, in the wizard's explanation.

    The explanation is the wizard's sentence, not Salesforce's words: where the code has a meaning
    of its own here it is not quoted again as "Salesforce said", with the code as its head.
    """
    explained = explain(exc)
    if explained.code == "NETWORK":
        return error_for("NETWORK", "", target, dropped=True, reading=reading)
    if explained.code in MEANINGS:
        return error_for(explained.code, "", target, reading=reading)
    return error_for(explained.code, explained.message, target, reading=reading)


#: Why the org could not be read any more, for the codes whose read-side sentence says "nothing
#: was changed" (true of a verification, false after an apply or undo has written).
_READ_STOPPED = {
    "REQUEST_LIMIT_EXCEEDED": "the org has used up its API requests for the last 24 hours",
    "NETWORK": "the org could not be reached (the connection failed or was dropped)",
    "SESSION_EXPIRED": "the session expired and could not be renewed",
    "SIGN_IN_ENDED": "the sign-in has ended (revoked or expired)",
    "SIGN_IN_RENEWAL": "the session expired and could not be renewed just now",
    "MAINTENANCE": "Salesforce is unavailable or down for maintenance",
}


def read_stopped(exc: BaseException) -> str:
    """Why a read after writes failed (a `SystemicError` or any other exception), without claiming
    that nothing was changed."""
    explained = getattr(exc, "explained", None) or explain(exc)
    # A clause the caller continues ("...: <why>. No parity report was written"): no full stop of its own.
    return _READ_STOPPED.get(explained.code, explained.message.rstrip().rstrip("."))


def undo_error(exc: BaseException, target: str = "") -> ApplyError:
    """Like `from_exception`, for an undo: the same meaning, but what to do says to run the undo
    again (an apply's advice, "apply again", would make the change the admin is taking back)."""
    error = from_exception(exc, target)
    todo = retry_words().fill(UNDO_TODOS.get(error.code, _UNDO_DEFAULT))
    return ApplyError(error.code, error.salesforce_message, error.meaning, todo, error.target, error.dropped, error.reading)


class UndoStopped(Exception):
    """An undo that stopped partway: why, what to do, and what it had already put back.

    The backup stays as it was (not marked undone), so running the undo again continues it.
    """

    def __init__(self, backup_id: str, error: ApplyError, restored: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
        self.backup_id = backup_id
        self.error = error
        self.restored = tuple(restored)
        self.removed = tuple(removed)
        super().__init__(self.text)

    @property
    def text(self) -> str:
        done = [*(f"restored {item}" for item in self.restored), *(f"removed {item}" for item in self.removed)]
        so_far = f"Already put back before it stopped: {'; '.join(done)}." if done else "Nothing had been put back yet."
        return f"The undo of backup {self.backup_id} stopped: {self.error.text} {so_far}"


class ConfirmationRequired(Exception):
    """A production org needs its name typed to confirm; the message says what to type."""


class MissingSecrets(Exception):
    """Some values the plan needs are not in the keyring yet; nothing was written."""

    def __init__(self, needs: list) -> None:
        names = ", ".join(n.label for n in needs)
        super().__init__(f"Nothing was changed: the wizard needs these values first: {names}.")
        self.needs = needs


class MissingInputs(Exception):
    """Some choices the plan needs were not made (e.g. the AWS region); nothing was written."""

    def __init__(self, needs: list) -> None:
        names = ", ".join(n.label for n in needs)
        super().__init__(f"Nothing was changed: the wizard needs these choices first: {names}.")
        self.needs = needs
