"""Forget one saved provider secret, saying the same three things the same way for every provider.

Used by ``aircall forget``, ``ringcentral forget``, ``execvision forget-password`` /
``forget-passphrase`` and ``aws keys forget``; it never shows the value and never goes online.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

EXIT_OK, EXIT_UNCHECKED = 0, 2


def try_forget(forget: Callable[[], bool]) -> tuple[bool, str]:
    """``(removed, problem)``: ``problem`` says why the keyring could not be looked in (none to open, or one
    that refuses), in which case nothing is known about what is saved and nothing was removed."""
    from wizard import secrets

    if not secrets.keyring_available():
        from wizard.salesforce.auth.errors import keyring_situation

        return False, keyring_situation(secrets.backend_name())
    try:
        return forget(), ""
    except secrets.KeyringUnavailable as exc:  # a keyring that refuses the removal
        return False, str(exc).rstrip(".")


def keyring_problem_text(subject: str, problem: str) -> str:
    """'Could not look for <subject>: <problem>. Expected … Nothing was removed. <what to do>'."""
    return (f"Could not look for {subject}: {problem}. Expected: an unlocked system keyring "
            "(GNOME Keyring or KWallet on Linux, Credential Manager on Windows, the login keychain on macOS). "
            "Nothing was removed. Run the command again in the desktop session where it was saved, "
            "with the keyring unlocked.")


def forget_saved(what: str, owner: str, forget: Callable[[], bool]) -> int:
    """Remove one saved secret and say which, or that none was saved; never shows the value, never goes online.

    Shared by ``aircall forget``, ``ringcentral forget`` and ``execvision forget-password``, so each says the
    same three things the same way: removed, nothing saved (both exit 0: the wanted state is reached), or no
    keyring to look in (exit 2: the wizard cannot tell whether something is saved in a keyring it cannot open).
    ``aws keys forget`` uses the same two steps (`try_forget`, `keyring_problem_text`) with its own words.
    """
    removed, problem = try_forget(forget)
    if problem:
        print(keyring_problem_text(f"the {what} saved for {owner}", problem), file=sys.stderr)
        return EXIT_UNCHECKED
    if removed:
        print(f"Removed the {what} saved in the keyring for {owner}.")
    else:
        print(f"No {what} is saved in the keyring for {owner}; nothing was removed.")
    return EXIT_OK
