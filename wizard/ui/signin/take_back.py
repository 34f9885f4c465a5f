"""Taking back a sign-in that was stopped after Salesforce had already said yes (no Qt here).

Once the admin chooses Allow, the code is exchanged and the sign-in is kept (the refresh token in
the keyring, the alias in the connections file) on a worker thread that can't be interrupted
safely. A Cancel, or a closed window, after that point must not leave a live grant behind while
the window says nothing was saved. So the worker finishes, and then `TakeBack` revokes the new
grant at Salesforce and puts back what was there before: the earlier refresh token of the same
user, and the saved aliases of that user as they were (an alias the sign-in added is removed).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from wizard.salesforce.auth.errors import SignInCancelled, SignInError

log = logging.getLogger(__name__)


class SignInTakenBack(SignInCancelled):
    """A sign-in stopped after Allow: its grant was revoked and what it had saved was removed."""

    def __init__(self, why: str, also: str = "") -> None:
        SignInError.__init__(
            self,
            f"{why} Salesforce had already signed you in, so the wizard revoked that sign-in at Salesforce and "
            f"removed what it had saved: nothing of it is kept.{f' {also}' if also else ''}",
            "A sign-in you meant to keep.",
            "Start the sign-in again when you are ready.",
        )


class TakeBackFailed(SignInError):
    """A sign-in stopped after Allow whose grant Salesforce did not confirm as revoked."""


class TakeBack:
    """Remembers what a sign-in may replace, and undoes the sign-in on request.

    `remember` runs on the worker right after the code exchange, before anything is saved; calling
    the object runs on a worker too (it revokes over the network). `forget` drops the remembered
    refresh token once the sign-in has been adopted and can no longer be taken back.
    """

    def __init__(self, *, login_url: str, client_id: str, ca_bundle: Path | None, store: Any, vault: Any) -> None:
        self._login_url = login_url
        self._client_id = client_id
        self._ca_bundle = ca_bundle
        self._store = store
        self._vault = vault
        self._remembered = False
        self._token_before: str | None = None
        self._entries_before: dict[str, Any] = {}

    def remember(self, grant: Any) -> None:
        """Note the refresh token and the saved aliases this sign-in may overwrite."""
        with contextlib.suppress(Exception):  # nothing readable: nothing to put back
            self._token_before = self._vault.load(grant.org_id, grant.user_id)
        with contextlib.suppress(Exception):
            self._entries_before = {c.alias: c for c in self._store.all()}
        self._remembered = True

    def forget(self) -> None:
        self._token_before = None
        self._entries_before = {}
        self._remembered = False

    def __call__(self, grant: Any, why: str) -> str:
        """Revoke ``grant`` and restore what `remember` noted; returns a sentence about an alias that
        could not be put back (or ""). Raises `TakeBackFailed` when Salesforce did not confirm the
        revocation (what was saved here is removed all the same)."""
        from wizard.salesforce.auth import tokens
        from wizard.salesforce.http import make_session

        problem: str | None = None
        for token in self._tokens_of(grant):
            try:
                tokens.revoke(make_session(self._ca_bundle), self._login_url, token)
            except SignInError as exc:
                problem = exc.seen
            except Exception:  # e.g. the demo org stopped and took its certificate files with it
                problem = f"the wizard could not reach {self._login_url}."
        lost = self._restore(grant) if self._remembered else []
        log.info("Took back a sign-in stopped after Allow (org %s); revoked: %s", grant.org_id, problem is None)
        self.forget()
        names = ", ".join(f"'{a}'" for a in lost)
        also = (f"The alias {names} had named another saved sign-in; that one was signed out when this sign-in was "
                f"saved, so {names} is now free." if lost else "")
        if problem is not None:
            raise TakeBackFailed(
                f"{why} Salesforce had already signed you in. The wizard removed that sign-in from this computer, "
                f"but Salesforce did not confirm revoking it: {problem}",
                "Salesforce confirming the revocation, so no sign-in stays usable that nobody meant to keep.",
                f"Revoke it yourself in Salesforce: in your personal settings open Connected Apps (OAuth Connected "
                f"Apps) and revoke '{self._client_id}', or ask your Salesforce administrator (Setup → Connected "
                f"Apps OAuth Usage).{f' {also}' if also else ''}",
            )
        return also

    def _tokens_of(self, grant: Any) -> list[str]:
        """The tokens of this sign-in to revoke: its own, and the one it saved when that differs (an
        app that rotates refresh tokens hands out a new one at the preflight's renewal, and the one
        the grant came with is then no longer the one that keeps the sign-in alive)."""
        found = [grant.refresh_token or grant.access_token]
        if self._remembered:
            with contextlib.suppress(Exception):
                saved = self._vault.load(grant.org_id, grant.user_id)
                if saved and saved != self._token_before and saved not in found:
                    found.append(saved)
        return found

    def _restore(self, grant: Any) -> list[str]:
        """Put the user's keyring entry and aliases back as they were; the aliases that named
        another sign-in before (retired by this one, so not restorable) are returned."""
        with contextlib.suppress(Exception):
            if self._token_before:
                self._vault.save(grant.org_id, grant.user_id, self._token_before)
            else:
                self._vault.delete(grant.org_id, grant.user_id)
        lost: list[str] = []
        with contextlib.suppress(Exception):
            for entry in self._store.all():
                if (entry.org_id, entry.user_id) != (grant.org_id, grant.user_id):
                    continue
                before = self._entries_before.get(entry.alias)
                if before == entry:
                    continue
                if before is not None and (before.org_id, before.user_id) == (grant.org_id, grant.user_id):
                    self._store.save(before)
                    continue
                self._store.remove(entry.alias)
                if before is not None:
                    lost.append(entry.alias)
        return lost
