"""Saved connections: an alias per signed-in org, no secrets, in the user's config folder.

A saved connection says where and as whom (org id, user, instance URL, sandbox or production,
login host, client id); the refresh token itself stays in the keyring (`vault`). Opening a
saved connection gets a fresh access token with the refresh token and hands
`OrgConnection` a refresher, so an expired token is renewed once, transparently, on every
code path. A revoked refresh token becomes `SignInRequired`, never a stack trace.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wizard import paths, secrets
from wizard.atomic_file import write_atomic
from wizard.salesforce.auth import tokens
from wizard.salesforce.auth.errors import (
    DemoOrgNotRunning,
    SavedSignInNeedsKeyring,
    SignInError,
    SignInRequired,
    TokenRequestFailed,
    Unreachable,
)
from wizard.salesforce.auth.login_hosts import resolve_login_host
from wizard.salesforce.auth.vault import TokenVault
from wizard.salesforce.connection import CLIENT_MAX_API_VERSION, OrgConnection
from wizard.salesforce.http import make_session

log = logging.getLogger(__name__)

FILE_NAME = "connections.json"
FORMAT_VERSION = 1
#: A saved org whose Organization record could not be read at sign-in, in a list of saved orgs.
UNREAD_ENVIRONMENT = "name and environment could not be read"


class SavedConnection(BaseModel):
    """One alias. Everything here is safe to show; the token is in the keyring."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    alias: str = Field(min_length=1)
    org_id: str
    user_id: str
    username: str = ""
    display_name: str = ""
    org_name: str = ""
    instance_url: str
    my_domain_url: str = ""
    is_sandbox: bool
    login_url: str
    client_id: str
    api_version: str = CLIENT_MAX_API_VERSION
    #: Extra CA bundle to trust (the demo org's); None for real orgs (system trust).
    ca_bundle: str | None = None
    demo: bool = False
    saved_at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    @property
    def org_known(self) -> bool:
        """Whether the org's own record was read at sign-in. Salesforce names every org, so a saved
        sign-in without a name is one whose Organization query was refused or went unanswered."""
        return bool(self.org_name.strip())

    @property
    def sandbox_hint(self) -> bool | None:
        """Sandbox (True) or production (False) as far as it is known, else None: read from the org,
        or told by the login address (login.salesforce.com serves production only; test.salesforce.com
        and a sandbox's My Domain serve sandboxes only). Without either, `is_sandbox` is only the
        guess "not a sandbox", which must never be shown or passed on as found."""
        if self.org_known:
            return self.is_sandbox
        return login_address_kind(self.login_url)

    @property
    def environment(self) -> str:
        """'Sandbox' or 'PRODUCTION' (production is marked clearly wherever it is shown), or what
        could not be read in place of a guess: every list of saved orgs shows this."""
        if self.sandbox_hint is None:
            return UNREAD_ENVIRONMENT
        kind = "Sandbox" if self.sandbox_hint else "PRODUCTION"
        return kind if self.org_known else f"{kind}; its name could not be read"


class ConnectionStore:
    """The aliases in ``connections.json`` (or only in memory, for a session-only sign-in)."""

    def __init__(self, path: Path | None = None, *, in_memory: bool = False) -> None:
        self.in_memory = in_memory
        self.path = None if in_memory else (path or paths.config_dir() / FILE_NAME)
        self._memory: dict[str, SavedConnection] = {}
        self._lock = threading.Lock()

    def _read(self) -> dict[str, SavedConnection]:
        if self.path is None:
            return dict(self._memory)
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:  # a folder in its place, no permission, a vanished share
            raise self._unreadable(exc) from None
        try:
            raw = json.loads(text)
            entries = raw.get("connections", {}) if isinstance(raw, dict) else None
            if not isinstance(entries, dict):
                raise ValueError("no 'connections' object")
            return {alias: _entry(alias, entry) for alias, entry in entries.items()}
        except (ValueError, ValidationError, AttributeError, TypeError) as exc:
            raise SignInError(
                f"The saved connections file {self.path} could not be read ({_damage(exc)}).",
                "A JSON file written by the wizard.",
                "Fix the file, or move it away and sign in again; the wizard has not changed it.",
            ) from None

    def _unreadable(self, exc: OSError) -> SignInError:
        """The file the system would not open, in the same three parts as a damaged one: a
        folder or a file this user may not read is the admin's to move or fix, not a bug."""
        if isinstance(exc, IsADirectoryError):
            seen, todo = "it is a folder, not a file", "Move the folder away, then sign in again"
        elif isinstance(exc, PermissionError):
            seen, todo = "this user may not read it", "Give this user read and write access to it, or move it away and sign in again"
        else:
            seen, todo = exc.strerror or type(exc).__name__, "Check the file, or move it away and sign in again"
        return SignInError(
            f"The saved connections file {self.path} could not be read ({seen}).",
            "A JSON file written by the wizard.",
            f"{todo}; the wizard has not changed it.",
        )

    def _write(self, entries: dict[str, SavedConnection]) -> None:
        if self.path is None:
            self._memory = dict(entries)
            return
        payload = {
            "version": FORMAT_VERSION,
            "connections": {a: c.model_dump(mode="json", exclude={"alias"}) for a, c in sorted(entries.items())},
        }
        write_atomic(self.path, (json.dumps(payload, indent=2) + "\n").encode("utf-8"), private=True)

    def all(self) -> list[SavedConnection]:
        with self._lock:
            return sorted(self._read().values(), key=lambda c: c.alias)

    def get(self, alias: str) -> SavedConnection:
        with self._lock:
            found = self._read().get(alias)
        if found is None:
            known = ", ".join(c.alias for c in self.all()) or "none yet"
            raise SignInError(
                f"There is no saved connection called '{alias}'.",
                f"One of the saved aliases ({known}).",
                f"Sign in first: eci-wizard login --alias {alias}; 'eci-wizard orgs' lists the saved ones.",
                in_window="Choose one of the saved orgs, or sign in on the Sign in page (A new sign-in).",
            )
        return found

    def save(self, connection: SavedConnection, *, replacing: SavedConnection | None = None) -> None:
        """Save an alias. An alias that names another org or user is replaced only when the caller
        says which saved sign-in it has dealt with (``replacing``): otherwise the old refresh token
        would stay in the keyring with no alias naming it, where no logout could ever revoke it."""
        with self._lock:
            entries = self._read()
            old = entries.get(connection.alias)
            if old is not None and not same_sign_in(old, connection) and old != replacing:
                raise SignInError(
                    f"The alias '{connection.alias}' already names the sign-in to {describe(old)}; it was not replaced.",
                    "An alias that is free, or that names this same user in this same org.",
                    "Choose another alias, or sign out of the old one first.",
                )
            entries[connection.alias] = connection
            self._write(entries)

    def find(self, alias: str) -> SavedConnection | None:
        """The saved connection of an alias, or None (`get` says what to do when there is none)."""
        with self._lock:
            return self._read().get(alias)

    def remove(self, alias: str) -> bool:
        with self._lock:
            entries = self._read()
            existed = entries.pop(alias, None) is not None
            if existed:
                self._write(entries)
            return existed

    def others_using(self, org_id: str, user_id: str, alias: str) -> list[str]:
        """Other aliases for the same user in the same org (they share one refresh token)."""
        return [c.alias for c in self.all() if c.org_id == org_id and c.user_id == user_id and c.alias != alias]


def same_sign_in(one: SavedConnection, other: SavedConnection) -> bool:
    """Whether two saved connections are the same user in the same org (one keyring entry)."""
    return (one.org_id, one.user_id) == (other.org_id, other.user_id)


def describe(saved: SavedConnection) -> str:
    """'Acme (PRODUCTION) as ada@acme.com': which org and user a saved alias names, in words.

    An org whose record could not be read is named by its address and id, and what is not known
    is said as such ('the org at https://acme.my.salesforce.com (org 00D…; its name and whether it
    is a sandbox or production could not be read) as ada@acme.com'), never guessed as PRODUCTION.
    """
    who = saved.username or saved.user_id
    demo = ", demo" if is_demo(saved) else ""
    if saved.org_known:
        return f"{saved.org_name} ({saved.environment}{demo}) as {who}"
    where = saved.my_domain_url or saved.instance_url
    hint = saved.sandbox_hint
    unread = ("its name and whether it is a sandbox or production could not be read" if hint is None else
              f"{'a sandbox' if hint else 'PRODUCTION'}, its name could not be read")
    return f"the org at {where} (org {saved.org_id}{demo}; {unread}) as {who}"


def login_address_kind(login_url: str) -> bool | None:
    """Sandbox (True) or production (False) when the login address alone tells, else None (a
    production org's My Domain, the demo org, an address the wizard would not use)."""
    try:
        return resolve_login_host(login_url, demo_mode=True).sandbox
    except SignInError:
        return None


def is_demo(saved: SavedConnection) -> bool:
    """Made with a demo org (only those carry a CA bundle of their own)."""
    return saved.demo or bool(saved.ca_bundle)


def demo_org_gone(saved: SavedConnection) -> bool:
    """A demo alias whose demo org has stopped: a demo org deletes its CA bundle when it stops."""
    return is_demo(saved) and not (saved.ca_bundle and Path(saved.ca_bundle).is_file())


def make_refresher(saved: SavedConnection, vault: TokenVault) -> Callable[[], str]:
    """The `OrgConnection.refresher` for a saved connection: a new access token, or `SignInRequired`."""
    session = make_session(saved.ca_bundle)

    def refresher() -> str:
        refresh_token = vault.load(saved.org_id, saved.user_id)
        if not refresh_token:
            if vault.persistent and not secrets.keyring_available():  # the keyring is out of reach, not empty
                raise SavedSignInNeedsKeyring(saved.alias, secrets.backend_name())
            where = "the system keyring" if vault.persistent else "this session"
            raise SignInRequired(saved.alias, f"no refresh token for this user is kept in {where}.",
                                 org_name=saved.org_name, demo=is_demo(saved))
        try:
            grant = tokens.refresh(session, saved.login_url, client_id=saved.client_id, refresh_token=refresh_token)
        except TokenRequestFailed as exc:
            if exc.error in ("invalid_grant", "invalid_client_id", "invalid_client", "inactive_user", "inactive_org"):
                raise SignInRequired(saved.alias, exc.seen, org_name=saved.org_name, demo=is_demo(saved)) from None
            raise
        if grant.refresh_token and grant.refresh_token != refresh_token:
            vault.save(saved.org_id, saved.user_id, grant.refresh_token)  # rotated by the app's policy
        log.info("Got a new access token for %r (org %s)", saved.alias, saved.org_id)
        return grant.access_token

    return refresher


def open_connection(saved: SavedConnection, vault: TokenVault, access_token: str | None = None) -> OrgConnection:
    """An `OrgConnection` for a saved alias (gets an access token first when none is given).

    A demo alias whose demo org is gone (stopped, or its process killed so nothing answers)
    raises `DemoOrgNotRunning`: "check your internet connection" would send the admin the wrong way.
    """
    if demo_org_gone(saved):
        raise DemoOrgNotRunning(saved.alias)
    refresher = make_refresher(saved, vault)
    if not access_token:
        try:
            access_token = refresher()
        except Unreachable:
            if is_demo(saved):
                raise DemoOrgNotRunning(saved.alias) from None
            raise
    return OrgConnection(
        instance_url=saved.instance_url,
        access_token=access_token,
        api_version=saved.api_version,
        ca_bundle=Path(saved.ca_bundle) if saved.ca_bundle else None,
        refresher=refresher,
    )


class LogoutResult(BaseModel):
    """What logging out did, for the CLI and the window to report."""

    alias: str
    revoked: bool  # Salesforce confirmed the revocation
    already_invalid: bool  # Salesforce no longer knew the token
    token_deleted: bool  # the keyring entry was removed
    demo_org_gone: bool = False  # a demo alias whose demo org stopped: nothing to revoke, forgotten here
    shared_with: list[str] = []  # other aliases that used the same grant and must sign in again


def logout(alias: str, store: ConnectionStore, vault: TokenVault, *, forget_if_unreachable: bool = False) -> LogoutResult:
    """Revoke the grant at Salesforce, delete the keyring entry, and forget the alias.

    When Salesforce can't be reached the token is kept (so the revocation can be retried)
    unless ``forget_if_unreachable``; then the error says so. A demo alias whose demo org is
    gone (its CA bundle deleted, or nothing answering) is simply forgotten: the demo org kept
    its grants in memory, so they ended with it and there is nothing left to revoke.
    """
    saved = store.get(alias)
    token = vault.load(saved.org_id, saved.user_id)
    revoked = already_invalid = False
    gone = demo_org_gone(saved)
    if token and not gone:
        try:
            revoked = tokens.revoke(make_session(saved.ca_bundle), saved.login_url, token)
            already_invalid = not revoked
        except SignInError as exc:
            gone = isinstance(exc, Unreachable) and is_demo(saved)
            if not (gone or forget_if_unreachable):
                raise SignInError(
                    f"The sign-in for '{alias}' could not be revoked at Salesforce: {exc.seen}",
                    "Salesforce confirming the revocation.",
                    f"Nothing was removed. Try again when {saved.login_url} can be reached, or run "
                    f"'eci-wizard logout {alias} --forget' to remove it from this computer only "
                    "(then revoke it in Salesforce: your personal settings → Connected Apps / OAuth).",
                ) from None
    shared = store.others_using(saved.org_id, saved.user_id, alias)
    deleted = vault.delete(saved.org_id, saved.user_id)
    store.remove(alias)
    log.info("Logged out of %r: revoked=%s, keyring entry deleted=%s", alias, revoked, deleted)
    return LogoutResult(alias=alias, revoked=revoked, already_invalid=already_invalid,
                        token_deleted=deleted, demo_org_gone=gone, shared_with=shared)


def retire(old: SavedConnection, store: ConnectionStore, vault: TokenVault) -> str:
    """End the saved sign-in an alias named before it is given to another org or user.

    Revoked at Salesforce and its keyring entry deleted, unless another alias still uses that
    grant (then both stay). A demo alias whose demo org stopped has nothing left to revoke.
    Returns what was done, in a sentence for the admin; never raises for an unreachable Salesforce
    (the token is deleted here all the same, and the sentence says to revoke it in Salesforce).
    """
    what = f"The alias '{old.alias}' named the sign-in to {describe(old)} before"
    if store.others_using(old.org_id, old.user_id, old.alias):
        return f"{what}; that sign-in is kept, as other aliases use it."
    token = vault.load(old.org_id, old.user_id)
    done = "signed out (revoked at Salesforce and removed from the keyring)"
    if not token:
        done = "forgotten (no token of it was kept here)"
    elif demo_org_gone(old):
        done = "removed from the keyring (its demo org has stopped, so there was nothing to revoke)"
    else:
        try:
            tokens.revoke(make_session(old.ca_bundle), old.login_url, token)
        except SignInError as exc:
            done = (f"removed from the keyring, but it could not be revoked at Salesforce ({full_stop_less(exc.seen)}): "
                    "revoke it there (your personal settings → Connected Apps / OAuth)")
    with contextlib.suppress(SignInError):  # no keyring now: nothing of it can be reached here either
        vault.delete(old.org_id, old.user_id)
    log.info("Replaced alias %r (org %s): its old sign-in was retired", old.alias, old.org_id)
    return f"{what}; that sign-in was {done}."


def full_stop_less(text: str) -> str:
    """A sentence without its closing full stop, to stand inside brackets."""
    return text.strip().rstrip(".")


def _entry(alias: str, entry: object) -> SavedConnection:
    """One saved connection; a damaged one raises ValueError naming its alias and what is wrong."""
    if not isinstance(entry, dict):
        raise ValueError(f"the saved connection {alias!r} is not a JSON object")
    try:
        return SavedConnection.model_validate({**entry, "alias": alias})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "its top level"
        raise ValueError(f"the saved connection {alias!r} is not as the wizard writes it ({where}: {first['msg']})") from None


def _damage(exc: Exception) -> str:
    """What is wrong with a damaged connections file, in words (never a value from it)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"its JSON breaks off or is damaged at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    if isinstance(exc, ValueError) and str(exc).startswith("no "):
        return f"it has {exc}"
    if isinstance(exc, ValueError):
        return str(exc)
    return "a saved connection is not as the wizard writes it"
