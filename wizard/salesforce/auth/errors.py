"""Sign-in failures, each able to say what was seen, what was expected and what to do.

Sign-in is where admins fail most often, so every way it can go wrong has its own error type
and its own three-part message. The messages never contain tokens, codes or verifiers: they
are shown on screen, printed by the CLI and may end up in logs.
"""

from __future__ import annotations


class SignInError(Exception):
    """A sign-in problem the admin can act on.

    ``todo`` is what to do where the error is first told: the command line, whose ways out are
    commands and options. ``in_window`` is the same advice for the window, which has neither (a
    command to type or a ``--port`` to add there is no way out); `for_window` gives the error
    worded for the window. Without ``in_window`` both say the same.
    """

    def __init__(self, seen: str, expected: str, todo: str, *, in_window: str | None = None) -> None:
        self.seen = seen
        self.expected = expected
        self.todo = todo
        self.todo_in_window = in_window or todo
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The full text: what was seen, what was expected, what to do."""
        return f"{self.seen}\nExpected: {self.expected}\nWhat to do: {self.todo}"

    @property
    def window_message(self) -> str:
        """The full text with the window's way out."""
        return f"{self.seen}\nExpected: {self.expected}\nWhat to do: {self.todo_in_window}"

    def for_window(self) -> SignInError:
        """This error (same class, same facts) with the window's advice as its ``todo`` and message,
        for window code that shows ``todo`` or ``message`` as they are."""
        if self.todo_in_window == self.todo:
            return self
        worded = type(self).__new__(type(self))
        worded.__dict__.update(self.__dict__)
        worded.todo = self.todo_in_window
        Exception.__init__(worded, worded.message)
        return worded


class LoginHostRejected(SignInError):
    """The login address is not one the wizard will open."""


class PortBusy(SignInError):
    """The loopback port for the redirect is taken by another program.

    ``port_option`` names the option that chooses another port where there is one (the CLI's
    ``--port``); the window has none, so there the only way out is freeing the port.
    """

    def __init__(self, port: int, port_option: str | None = None) -> None:
        self.port = port
        free_it = (f"Close the program using port {port} (often the Salesforce CLI in the middle of its "
                   "own login, or another copy of the wizard) and try again")
        other = (f", or sign in with another port ({port_option}); with your own External Client App, add "
                 "http://localhost:<that port>/OauthRedirect to its callback URLs first." if port_option else ".")
        super().__init__(
            f"Port {port} on this computer is already in use by another program, so the wizard "
            "cannot receive Salesforce's answer there.",
            f"Port {port} free for the moment of sign-in (http://localhost:{port}/OauthRedirect).",
            free_it + other,
            in_window=free_it + ".",
        )


def seconds_text(value: float) -> str:
    """'1 second', '300 seconds', '0.5 seconds': ``--timeout`` takes any positive number, and
    the admin reads back what they typed, in a sentence that agrees with it."""
    return f"{value:g} second{'' if value == 1 else 's'}"


class SignInTimeout(SignInError):
    """Nobody finished the sign-in in time."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"No answer from Salesforce arrived within {seconds_text(seconds)}.",
            "The sign-in page completed (user name, password, verification, then Allow).",
            "Start the sign-in again and finish it in the window or browser that opens.",
        )


class SignInCancelled(SignInError):
    """The admin closed the sign-in window or cancelled."""

    def __init__(self, what: str = "The sign-in window was closed before the sign-in finished.") -> None:
        super().__init__(
            what,
            "The sign-in completed up to Salesforce's Allow button.",
            "Start the sign-in again when you are ready; nothing was saved.",
        )


class StateMismatch(SignInError):
    """The redirect did not carry the state this sign-in sent: not our answer."""


class AuthorizationDenied(SignInError):
    """Salesforce answered the authorization request with ``error=...``."""

    def __init__(self, error: str, seen: str, expected: str, todo: str, *, in_window: str | None = None) -> None:
        self.error = error
        super().__init__(seen, expected, todo, in_window=in_window)


class TokenRequestFailed(SignInError):
    """The token endpoint refused the code exchange, a refresh or a revoke."""

    def __init__(self, error: str, seen: str, expected: str, todo: str, *, in_window: str | None = None) -> None:
        self.error = error
        super().__init__(seen, expected, todo, in_window=in_window)


#: The window's way back in after a sign-in ended, for a real org and for the demo org.
SIGN_IN_AGAIN_IN_WINDOW = "Sign in again on the Sign in page (A new sign-in)."
SIGN_IN_DEMO_AGAIN_IN_WINDOW = "Sign in again on the Sign in page (the built-in demo org)."


class SignInRequired(SignInError):
    """The saved sign-in no longer works (revoked, expired, or missing): sign in again.

    ``reason`` is what Salesforce (or the keyring) said; ``org_name`` and ``demo`` let the window
    name the org and the way back in ("the built-in demo org" or "A new sign-in").
    """

    def __init__(self, alias: str, reason: str, *, org_name: str = "", demo: bool = False) -> None:
        self.alias = alias
        self.reason = reason
        self.org_name = org_name
        super().__init__(
            f"The saved sign-in for '{alias}' no longer works: {reason}",
            "A refresh token that Salesforce still accepts.",
            f"Sign in again: eci-wizard login --alias {alias}.",
            in_window=SIGN_IN_DEMO_AGAIN_IN_WINDOW if demo else SIGN_IN_AGAIN_IN_WINDOW,
        )


class AliasTaken(SignInError):
    """``login --alias`` names a saved sign-in of another org or user.

    Re-pointing the alias would leave the old refresh token in the keyring with no alias naming
    it (no ``logout`` could ever revoke it), and revoking it unasked would end a sign-in other
    commands may rely on; so the command refuses, having kept nothing of the new sign-in.
    """

    def __init__(self, alias: str, owner: str, newcomer: str, *, revoked: bool) -> None:
        self.alias = alias
        kept = ("nothing of it was kept, and Salesforce revoked it" if revoked else
                "nothing of it was kept (Salesforce could not be reached to revoke it; it ends when it expires)")
        super().__init__(
            f"The alias '{alias}' already names the saved sign-in to {owner}, and this sign-in is to {newcomer}: "
            f"{kept}.",
            "An alias that is free, or that names this same user in this same org.",
            f"Sign in again with another --alias, or sign out of the old one first (eci-wizard logout {alias}) "
            "and then sign in with this alias.",
            in_window="Type another alias (or leave the field empty to name it after the org), then sign in again.",
        )


class Unreachable(SignInError):
    """Salesforce (or the demo org) did not answer: no connection, a timeout, an unverifiable certificate."""


class DemoOrgNotRunning(SignInRequired):
    """A saved alias made with a demo org that has stopped: its sign-in ended with it.

    A demo org keeps its sign-ins in memory and deletes its CA bundle when it stops, so there is
    nothing to revoke and nothing to reconnect to; the way on is another demo org.
    """

    def __init__(self, alias: str) -> None:
        self.alias = alias
        SignInError.__init__(
            self,
            f"The saved sign-in '{alias}' was made with a demo org that is no longer running "
            "(a demo org and its sign-ins last only as long as it runs).",
            "The demo org that sign-in was made with, still running.",
            f"Use --demo instead of --org {alias} (the command starts a demo org of its own), or start one with "
            f"'eci-wizard demo-org' and sign in to it: eci-wizard login --alias {alias} --my-domain <its INSTANCE_URL> "
            f"--demo-ca <its CA_BUNDLE>. 'eci-wizard logout {alias}' removes the old alias.",
        )
        self.reason = "the demo org it was made with is no longer running."
        self.org_name = ""
        self.todo_in_window = SIGN_IN_DEMO_AGAIN_IN_WINDOW


#: Where the wizard keeps a sign-in, for every system it runs on.
KEYRINGS = ("a desktop keyring, running and unlocked: GNOME Keyring or KWallet (Secret Service) on Linux, "
            "the macOS Keychain, or Windows Credential Manager")


def keyring_situation(backend: str) -> str:
    """Why there is no keyring, in words: the backend's class path (``keyring.backends.fail.Keyring``)
    is the keyring library's name for the situation, not the admin's."""
    name = backend.lower()
    if ".fail." in name or name.endswith(".fail"):
        return ("no keyring service answers in this session (a server or terminal session without a desktop, "
                "or a keyring that is not started)")
    if ".null." in name or name.endswith(".null"):
        return "the keyring is turned off for the wizard (the keyring library's settings choose none)"
    return "the keyring this session offers cannot keep secrets"


class NoKeyring(SignInError):
    """No OS keyring: the refresh token can't be kept beyond this session."""

    def __init__(self, backend: str) -> None:
        super().__init__(
            f"No usable system keyring was found on this computer: {keyring_situation(backend)}.",
            f"{KEYRINGS[0].upper()}{KEYRINGS[1:]}, to keep the sign-in safely between sessions.",
            "Start and unlock a keyring, or continue for this session only: "
            "nothing is saved and you sign in again next time. The wizard never writes tokens to a file.",
        )


class SavedSignInNeedsKeyring(SignInRequired):
    """A saved alias whose refresh token is in a keyring this session cannot reach.

    Signing in again would not help (there is still nowhere to keep the sign-in), so the way on is
    the session that has the keyring, or an org given without a saved sign-in.
    """

    def __init__(self, alias: str, backend: str) -> None:
        self.alias = alias
        SignInError.__init__(
            self,
            f"The saved sign-in for '{alias}' is kept in the system keyring, and this session has none the wizard "
            f"can use: {keyring_situation(backend)}.",
            f"{KEYRINGS[0].upper()}{KEYRINGS[1:]}: the one the sign-in was saved in.",
            "Run the command in the desktop session where you signed in, with its keyring unlocked. Where no "
            "keyring can run, give the org with --instance-url and an access token in $SF_ACCESS_TOKEN instead "
            "(the window can also sign in for the session only, with nothing saved).",
        )
        self.reason = f"this session has no keyring the wizard can use: {keyring_situation(backend)}."
        self.org_name = ""
        self.todo_in_window = ("Start and unlock the system keyring, then open the wizard again: the saved sign-in is "
                               "still there. Or sign in again on the Sign in page for this session only (nothing is "
                               "saved then).")
