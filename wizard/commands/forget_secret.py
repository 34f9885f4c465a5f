"""Forget one saved provider secret, saying the same three things the same way for every provider.

Used by ``aircall forget``, ``ringcentral forget`` and ``execvision forget-password`` /
``forget-passphrase``; it never shows the value and never goes online.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

EXIT_OK, EXIT_UNCHECKED = 0, 2


def forget_saved(what: str, owner: str, forget: Callable[[], bool]) -> int:
    """Remove one saved secret and say which, or that none was saved; never shows the value, never goes online.

    Shared by ``aircall forget``, ``ringcentral forget`` and ``execvision forget-password``, so each says the
    same three things the same way: removed, nothing saved (both exit 0: the wanted state is reached), or no
    keyring to look in (exit 2: the wizard cannot tell whether something is saved in a keyring it cannot open).
    """
    from wizard import secrets

    removed, problem = False, ""
    if not secrets.keyring_available():
        problem = f"no system keyring is available in this session ({secrets.backend_name()})"
    else:
        try:
            removed = forget()
        except secrets.KeyringUnavailable as exc:  # a keyring that refuses the removal
            problem = str(exc).rstrip(".")
    if problem:
        print(f"Could not look for the {what} saved for {owner}: {problem}. Expected: an unlocked system keyring "
              "(GNOME Keyring or KWallet on Linux, Credential Manager on Windows, the login keychain on macOS). "
              "Nothing was removed. Run the command again in the desktop session where the wizard saved it, "
              "with the keyring unlocked.", file=sys.stderr)
        return EXIT_UNCHECKED
    if removed:
        print(f"Removed the {what} saved in the keyring for {owner}.")
    else:
        print(f"No {what} is saved in the keyring for {owner}; nothing was removed.")
    return EXIT_OK
