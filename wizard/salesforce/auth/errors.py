"""Sign-in failures, each able to say what was seen, what was expected and what to do.

Sign-in is where admins fail most often, so every way it can go wrong has its own error type
and its own three-part message. The messages never contain tokens, codes or verifiers: they
are shown on screen, printed by the CLI and may end up in logs.
"""

from __future__ import annotations


class SignInError(Exception):
    """A sign-in problem the admin can act on."""

    def __init__(self, seen: str, expected: str, todo: str) -> None:
        self.seen = seen
        self.expected = expected
        self.todo = todo
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The full text: what was seen, what was expected, what to do."""
        return f"{self.seen}\nExpected: {self.expected}\nWhat to do: {self.todo}"


class LoginHostRejected(SignInError):
    """The login address is not one the wizard will open."""


class PortBusy(SignInError):
    """The loopback port for the redirect is taken by another program."""

    def __init__(self, port: int) -> None:
        self.port = port
        super().__init__(
            f"Port {port} on this computer is already in use by another program, so the wizard "
            "cannot receive Salesforce's answer there.",
            f"Port {port} free for the moment of sign-in (http://localhost:{port}/OauthRedirect).",
            f"Close the program using port {port} (often the Salesforce CLI in the middle of its "
            "own login, or another copy of the wizard) and try again, or sign in with another "
            "port (--port); with your own External Client App, add "
            "http://localhost:<that port>/OauthRedirect to its callback URLs first.",
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

    def __init__(self, error: str, seen: str, expected: str, todo: str) -> None:
        self.error = error
        super().__init__(seen, expected, todo)


class TokenRequestFailed(SignInError):
    """The token endpoint refused the code exchange, a refresh or a revoke."""

    def __init__(self, error: str, seen: str, expected: str, todo: str) -> None:
        self.error = error
        super().__init__(seen, expected, todo)


class SignInRequired(SignInError):
    """The saved sign-in no longer works (revoked, expired, or missing): sign in again."""

    def __init__(self, alias: str, reason: str) -> None:
        self.alias = alias
        super().__init__(
            f"The saved sign-in for '{alias}' no longer works: {reason}",
            "A refresh token that Salesforce still accepts.",
            f"Sign in again: eci-wizard login --alias {alias} (or choose the org in the window).",
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
