"""The SFTP connection, as ExecVision will make it, with every failure explained.

Push mode signs in to the account ExecVision provisioned on its server; pull mode signs in to the
customer's own server with the account ExecVision's ingest will use. Either way the wizard uses
only the credentials the admin gave (no ssh-agent, no ``~/.ssh`` keys or config), so a pass means
ExecVision's login will pass too. Host keys are pinned in `host_keys.HostKeyStore`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

import asyncssh

from wizard.retry_words import retry_words

from .host_keys import HostKeyStore, HostKeysUnreadable, fingerprint

if TYPE_CHECKING:
    from .bounded import BoundedSftp

PASSWORD_KIND = "sftp-password"  # keyring kind for an SFTP account's password
PASSPHRASE_KIND = "sftp-key-passphrase"  # keyring kind for a private key's passphrase
#: Unanswered SSH keepalives before the connection counts as dead.
KEEPALIVE_COUNT = 3
#: How long closing the connection may take once the check is over.
CLOSE_SECONDS = 2.0

Mode = Literal["push", "pull"]


@dataclass(frozen=True)
class SftpTarget:
    """Where and as whom to connect; ``remote_dir`` is the upload folder (push) or the recordings folder (pull)."""

    host: str
    username: str
    port: int = 22
    mode: Mode = "push"
    remote_dir: str = "."
    key_file: str | None = None
    timeout: float = 15.0

    @property
    def account(self) -> str:
        """The keyring account name of this login."""
        return f"{self.username}@{self.host.lower()}:{self.port}"

    def url(self, path: str = "") -> str:
        where = path or self.remote_dir
        return f"sftp://{self.username}@{self.host}:{self.port}/{where.lstrip('/') if where != '.' else ''}"


@dataclass(frozen=True)
class SftpSecrets:
    """The password and/or key passphrase, never shown in a repr, log or report."""

    password: str | None = field(default=None, repr=False)
    passphrase: str | None = field(default=None, repr=False)
    #: True when the secret came from the keyring, not typed now: a refusal then points at the saved one.
    saved: bool = False


class SftpProblem(Exception):
    """A connection or permission failure, told as seen / expected / what to do."""

    def __init__(self, kind: str, observed: str, expected: str, action: str) -> None:
        super().__init__(f"{observed}. Expected: {expected}. What to do: {action}")
        self.kind = kind
        self.observed = observed
        self.expected = expected
        self.action = action


class UnknownHostKey(SftpProblem):
    """The server's key has not been accepted yet: show ``fingerprint`` and ask the admin."""

    def __init__(self, host: str, port: int, key: asyncssh.SSHKey) -> None:
        self.key = key
        self.fingerprint = fingerprint(key)
        super().__init__(
            "host-key-unknown",
            f"{host}:{port} presented a host key the wizard has not seen before: {key.get_algorithm()} {self.fingerprint}",
            "a host key you have accepted after checking its fingerprint",
            "Compare the fingerprint with the one your SFTP provider (ExecVision for push, your server's admin for pull) gives you; "
            f"if it matches, accept it{retry_words().way('--accept-host-key', f' (on the command line: --accept-host-key {self.fingerprint})')}",
        )


class HostKeyChanged(SftpProblem):
    """The server presented a different key than the one accepted: possibly someone in between."""

    def __init__(self, host: str, port: int, pinned: list[str], seen: str | None) -> None:
        self.pinned = pinned
        self.seen = seen
        super().__init__(
            "host-key-changed",
            f"WARNING: the host key of {host}:{port} has CHANGED (now {seen or 'unknown'}; accepted before: {', '.join(pinned)}). "
            "Someone could be intercepting the connection",
            "the same host key as when you accepted it",
            "Do not continue. Ask the server's owner whether the key was replaced on purpose; only if they confirm the new "
            f"fingerprint, forget the old key{retry_words().way('forget-host', f' (eci-wizard execvision forget-host {host} --port {port})')} "
            "and accept the new one",
        )


@dataclass
class SftpSession:
    """An open, verified SFTP session."""

    target: SftpTarget
    conn: asyncssh.SSHClientConnection
    sftp: BoundedSftp  # every request after sign-in bounded by the target's timeout
    host_key: str
    auth: str
    server_version: str


def check_host(text: str, *, port_option: str = "--port", user_option: str = "--user",
               folder_option: str = "--remote-dir") -> str:
    """The host name as given, or `SftpProblem` ("usage") when it is not one, before any prompt or connection.

    A URL, ``host:port`` or ``user@host`` would otherwise be looked up as a host name after the
    password was typed, and come back as "could not be found ... check your DNS". The option names
    say where the other parts go (the window passes its field names).
    """
    host = text.strip()
    expected = "the SFTP server's host name or IP address only, such as sftp.example.com"
    if not host:
        raise SftpProblem("usage", "No host name was given", expected, "Give the SFTP server's host name")
    user = port = path = ""
    seen = ""
    if "://" in host:
        parts = urlsplit(host)
        seen = f"{host} is a web address, not a host name"
        user, name, path = parts.username or "", parts.hostname or "", parts.path.strip("/")
        with contextlib.suppress(ValueError):  # a port that is not a number is simply not repeated
            port = str(parts.port or "")
    else:
        name = host
        if "@" in name:
            user, _, name = name.rpartition("@")
            seen = f"{host} holds a user name and a host name"
        if "/" in name:
            name, _, path = name.partition("/")
            seen = seen or f"{host} holds a folder after the host name"
        if name.startswith("[") and name.endswith("]") and _is_ip(name[1:-1]):
            name = name[1:-1]
            seen = seen or f"{host} is an IPv6 address in brackets"
        elif name.count(":") == 1:
            name, _, port = name.partition(":")
            seen = seen or f"{host} holds a host name and a port"
        elif ":" in name and not _is_ip(name):
            seen = seen or f"{host} is not a host name"
    if not seen and (any(c.isspace() or c == "\\" for c in host) or not name):
        seen = f"'{host}' is not a host name (no host name holds a space or a backslash)"
    if not seen:
        return host
    hint = f"Give the host name only{f' ({name})' if name and name != host else ''}; the port goes in {port_option}, the user in {user_option}"
    given = [x for x in (port and f"port {port}", user and f"user {user}", path and f"folder {path} in {folder_option}") if x]
    if given:
        hint += f" (here: {', '.join(given)})"
    raise SftpProblem("usage", seen, expected, hint)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def key_needs_passphrase(path: str) -> bool:
    """Whether a private key file is encrypted (so a passphrase must be asked for)."""
    try:
        asyncssh.read_private_key(path)
    except asyncssh.KeyImportError as exc:
        return "passphrase" in str(exc).lower()
    except (OSError, ValueError):
        return False
    return False


def _load_key(target: SftpTarget, secrets: SftpSecrets) -> asyncssh.SSHKey:
    path = target.key_file or ""
    try:
        return asyncssh.read_private_key(path, secrets.passphrase)
    except FileNotFoundError:
        raise SftpProblem("key-file", f"The private key file {path} does not exist", "a readable OpenSSH or PEM private key file",
                          "Give the path of the private key whose public half is installed for the account") from None
    except OSError as exc:
        raise SftpProblem("key-file", f"The private key file {path} could not be read ({exc.strerror})", "a readable private key file",
                          "Check the path and the file's permissions") from None
    except (asyncssh.KeyImportError, asyncssh.KeyEncryptionError, ValueError) as exc:
        wrong = "passphrase" in str(exc).lower() or isinstance(exc, asyncssh.KeyEncryptionError)
        if not wrong:
            action = "Export the key in OpenSSH format (ssh-keygen -p -f KEY converts it)"
        elif secrets.saved:
            action = ("The passphrase saved in the keyring for this key may be outdated: type it again"
                      + retry_words().way("--ask-password", " (on the command line: --ask-password, with --save-password to replace "
                                                            "the saved one)"))
        else:
            action = "Type the key's passphrase again; passphrases are case-sensitive"
        raise SftpProblem(
            "key-passphrase" if wrong else "key-file",
            f"The private key {path} could not be opened: {exc}",
            "the key's correct passphrase" if wrong else "an OpenSSH, PKCS#1 or PKCS#8 private key",
            action,
        ) from None


def translate(exc: BaseException, target: SftpTarget, used_key: bool, saved: bool = False) -> SftpProblem:
    """Turn a library or network exception into what the admin needs to know.

    ``saved``: the password came from the keyring. Only then can a refused password be a stale saved
    one; a password typed a moment ago is simply wrong, and blaming the keyring would mislead.
    """
    where = f"{target.host}:{target.port}"
    if isinstance(exc, SftpProblem):
        return exc
    if isinstance(exc, socket.gaierror):
        return SftpProblem("dns", f"The host name {target.host} could not be found ({exc.strerror})",
                           "a host name that resolves to the SFTP server", "Check the spelling of the host name; if it is right, check this computer's network, VPN or DNS")
    if isinstance(exc, ConnectionRefusedError):
        return SftpProblem("refused", f"{where} refused the connection: nothing is listening on port {target.port}",
                           f"an SFTP server listening on port {target.port}", "Check the port number (SFTP normally uses 22) and that the server is running")
    if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
        return SftpProblem("timeout", f"{where} did not answer within {target.timeout:g} s",
                           "an answer within a few seconds", "Check that a firewall or IP allowlist lets this computer reach the server, and any VPN you need")
    if isinstance(exc, asyncssh.PermissionDenied):
        if used_key:
            return SftpProblem("key-rejected", f"{where} did not accept the key {target.key_file} for user {target.username}",
                               "the key's public half installed for the account", "Send the public key (.pub) to the server's owner (ExecVision for push) or check the user name")
        if saved:
            action = ("Check the user name; the password saved in the keyring for it may be outdated: type it again"
                      + retry_words().way("--ask-password", " (on the command line: --ask-password, with --save-password to replace "
                                                            "the saved one)"))
        else:
            action = "Check the user name and the password you typed (passwords are case-sensitive), then try again"
        return SftpProblem("credentials", f"{where} rejected the user name or password for {target.username}",
                           "the account's user name and password", action)
    if isinstance(exc, asyncssh.SFTPPermissionDenied):
        return SftpProblem("permission", f"The server denied access: {exc.reason}", "the account may list and read the folder",
                           "Ask the server's owner to give the account read access to the folder")
    if isinstance(exc, asyncssh.SFTPNoSuchFile):
        return SftpProblem("missing-folder", f"The folder {target.remote_dir} does not exist on the server ({exc.reason})",
                           "an existing folder", "Check the remote folder; for push it is the account's upload folder, usually the default '.'")
    if isinstance(exc, (asyncssh.ChannelOpenError, asyncssh.SFTPError)):
        return SftpProblem("sftp-refused", f"{where} accepted the login but would not start SFTP ({exc})",
                           "an account with SFTP access", "Ask the server's owner to enable the SFTP subsystem for the account")
    if isinstance(exc, (asyncssh.DisconnectError, ConnectionError)):
        return SftpProblem("disconnected", f"{where} closed the connection ({exc})", "an SSH server that completes the handshake",
                           "Check that the port belongs to an SSH/SFTP server; try again later if the server is restarting")
    if isinstance(exc, OSError):
        return SftpProblem("network", f"{where} could not be reached ({exc.strerror or exc})", "a reachable server",
                           "Check this computer's network connection")
    return SftpProblem("unexpected", f"Unexpected failure talking to {where}: {type(exc).__name__}", "a working SFTP connection", "Try again; if it persists, send the wizard's log to support")


def keepalive_seconds(timeout: float) -> float:
    """SSH keepalives every third of the timeout (at least every second), sent once the connection has been quiet
    that long. A peer that vanished leaves `KEEPALIVE_COUNT` of them unanswered and the connection is dropped one
    interval later: 4/3 of the timeout after its last word, between requests too. While a request waits, the
    `bounded.AnswerWatch` speaks first, at the timeout, and names what the check was doing."""
    return max(1.0, timeout / KEEPALIVE_COUNT)


async def fetch_host_key(target: SftpTarget, algs: list[str] | None = None) -> asyncssh.SSHKey:
    """The key the server presents (no login)."""
    try:
        key = await asyncio.wait_for(
            asyncssh.get_server_host_key(target.host, target.port, config=[], server_host_key_algs=algs or ()),
            target.timeout,
        )
    except Exception as exc:  # every failure is explained, none escapes raw
        raise translate(exc, target, False) from None
    if key is None:
        raise SftpProblem("host-key-unknown", f"{target.host}:{target.port} presented no host key", "a server host key",
                          "Ask the server's owner for an SSH server with a host key")
    return key


@asynccontextmanager
async def open_sftp(target: SftpTarget, secrets: SftpSecrets, store: HostKeyStore,
                    accept_fingerprint: str | None = None) -> AsyncIterator[SftpSession]:
    """Verify the host key, sign in and start SFTP; raises `SftpProblem` (or a subclass) when it can't."""
    try:
        pinned = store.keys_for(target.host, target.port)
    except HostKeysUnreadable as exc:
        raise SftpProblem("host-keys-unreadable", exc.observed, exc.expected, exc.action) from None
    if not pinned:
        key = await fetch_host_key(target)
        if accept_fingerprint is None:
            raise UnknownHostKey(target.host, target.port, key)
        if accept_fingerprint.strip() != fingerprint(key):
            raise SftpProblem("host-key-mismatch", f"The server's key is {fingerprint(key)}, not the accepted {accept_fingerprint}",
                              "the fingerprint you accepted", "Check the fingerprint again with the server's owner; do not accept a key you cannot confirm")
        store.pin(target.host, target.port, key)
        pinned = [key]
    client_key = _load_key(target, secrets) if target.key_file else None
    try:
        conn = await asyncssh.connect(
            target.host, target.port, username=target.username, config=[], known_hosts=(pinned, [], []),
            client_keys=[client_key] if client_key else None, agent_path=None, password=secrets.password,
            public_key_auth=client_key is not None, password_auth=secrets.password is not None,
            kbdint_auth=secrets.password is not None, gss_auth=False, host_based_auth=False,
            connect_timeout=target.timeout, login_timeout=target.timeout,
            # A peer that vanished (no FIN, no RST) is noticed within about the timeout, even between requests.
            keepalive_interval=keepalive_seconds(target.timeout), keepalive_count_max=KEEPALIVE_COUNT,
        )
    except asyncssh.HostKeyNotVerifiable:
        seen = await _seen_key(target, pinned)
        raise HostKeyChanged(target.host, target.port, [fingerprint(k) for k in pinned], seen) from None
    except Exception as exc:  # every failure is explained, none escapes raw
        raise translate(exc, target, client_key is not None, secrets.saved) from None
    from .bounded import LOST, AnswerWatch, BoundedSftp, session_ended

    watch = AnswerWatch(conn, target.timeout)
    ended_well = False
    try:
        try:
            with watch.waiting("starting SFTP"):
                sftp = await conn.start_sftp_client()
        except Exception as exc:
            if watch.stalled is not None or isinstance(exc, LOST):
                raise session_ended(target, watch, "starting SFTP", exc) from None
            raise translate(exc, target, client_key is not None, secrets.saved) from None
        auth = "password" if client_key is None else "private key" if secrets.password is None else "private key or password"
        version = str(conn.get_extra_info("server_version") or "")
        host_key = conn.get_server_host_key()
        yield SftpSession(target, conn, BoundedSftp(sftp, watch, target), fingerprint(host_key) if host_key else "", auth, version)
        ended_well = True
    finally:
        watch.stop()
        await _close(conn, ended_well)


async def _close(conn: asyncssh.SSHClientConnection, politely: bool) -> None:
    """Close the connection without waiting on the server for long: after a failure or a cancel it is
    aborted at once (a silent server would never answer a goodbye); after a check, closed normally."""
    if politely:
        conn.close()
    else:
        conn.abort()
    closing = asyncio.ensure_future(conn.wait_closed())
    done, _ = await asyncio.wait({closing}, timeout=CLOSE_SECONDS)
    if not done:
        conn.abort()
        closing.cancel()


async def _seen_key(target: SftpTarget, pinned: list[asyncssh.SSHKey]) -> str | None:
    try:
        algs = [alg.decode("ascii") for key in pinned for alg in key.sig_algorithms]
        return fingerprint(await fetch_host_key(target, algs))
    except SftpProblem:
        return None
