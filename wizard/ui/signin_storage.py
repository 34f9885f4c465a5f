"""Where a sign-in is kept: the keyring and the saved-connections file, or this session only.

A real org needs the system keyring; without one the admin is asked whether to continue for
this session only (nothing is saved). The demo org lives only as long as its process, so its
sign-in replaces the previous demo sign-in instead of piling up keyring entries, and falls back
to session-only quietly when there is no keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DEMO_ALIAS = "demo"


def pick_storage(demo: bool, parent: Any = None) -> tuple[Any, Any]:
    """(store, vault) for a new sign-in; (None, None) when the admin declined session-only."""
    from wizard.salesforce.auth.connections import ConnectionStore
    from wizard.salesforce.auth.errors import NoKeyring
    from wizard.salesforce.auth.vault import SessionVault, default_vault

    try:
        return ConnectionStore(), default_vault()
    except NoKeyring as error:
        if not demo:
            from wizard.ui.signin.keyring_prompt import ask_session_only

            if not ask_session_only(error, parent):
                return None, None
        return ConnectionStore(in_memory=True), SessionVault()


def demo_finisher(store: Any, vault: Any) -> Callable[[], None]:
    """Forget the previous demo sign-in (alias and keyring entry) before the new one is saved."""

    def forget_previous() -> None:
        try:
            previous = store.get(DEMO_ALIAS)
        except Exception:
            return
        if previous.demo:
            vault.delete(previous.org_id, previous.user_id)
            store.remove(DEMO_ALIAS)

    return forget_previous
