"""``eci-wizard execvision``: check an ExecVision delivery headless (a local folder or the SFTP account).

Exit codes: 0 nothing failed (warnings allowed unless --strict), 1 findings, 2 could not check.
Passwords and key passphrases come from the keyring or a prompt (only on a terminal), never from an argument;
``forget-password`` and ``forget-passphrase`` remove a saved one (no network; 0 removed or none
saved, 2 no keyring to look in).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.commands.arg_types import port

EXIT_OK, EXIT_FINDINGS, EXIT_UNCHECKED = 0, 1, 2
#: The SFTP group's options and their defaults. A --local check reads the folder directly and uses none of
#: them, so one given with --local is refused (exit 2) rather than ignored: the admin meant something by it.
SFTP_DEFAULTS: dict[str, object] = {"port": 22, "user": None, "key": None, "mode": "push", "remote_dir": ".",
                                    "accept_host_key": None, "prove_write": False, "ask_password": False,
                                    "save_password": False, "timeout": 15.0}


def register(sub: Any) -> None:
    parser = sub.add_parser("execvision", help="check an ExecVision SFTP delivery: recordings, metadata, folder",
                            description="Check an ExecVision universal-integration delivery before (or after) upload.")
    commands = parser.add_subparsers(dest="execvision_command", metavar="ACTION", required=True)
    check = commands.add_parser("check", help="check a local folder or the SFTP account",
                                description="Check recordings and metadata in a local folder (as they will go into "
                                "the data subdirectory) or on the SFTP account, as ExecVision will see them.")
    where = check.add_mutually_exclusive_group(required=True)
    where.add_argument("--local", metavar="DIR", type=Path, help="a local folder of recordings and metadata files")
    where.add_argument("--sftp", metavar="HOST", help="the SFTP server")
    conn = check.add_argument_group("SFTP", "only with --sftp; given with --local, each is refused")
    conn.add_argument("--port", type=port(), default=22, help="the SFTP server's port (default 22)")
    conn.add_argument("--user", metavar="U", help="the SFTP user name")
    conn.add_argument("--key", metavar="FILE", help="private key file (its passphrase comes from the keyring or a prompt)")
    conn.add_argument("--mode", choices=("push", "pull"), default="push",
                      help="push: ExecVision's provisioned account; pull: your server, as ExecVision will read it")
    conn.add_argument("--remote-dir", metavar="DIR", default=".", help="upload folder (push) or recordings folder (pull); default '.'")
    conn.add_argument("--accept-host-key", metavar="SHA256:...", type=host_key_fingerprint,
                      help="accept and pin this host key fingerprint (first connection)")
    conn.add_argument("--prove-write", action="store_true", help="push: write a test file to the 'data' subfolder and remove it again")
    conn.add_argument("--ask-password", action="store_true", help="ignore a stored password and ask for it")
    conn.add_argument("--save-password", action="store_true", help="store the password/passphrase in the keyring after signing in")
    conn.add_argument("--timeout", type=answer_timeout, default=15.0, help="seconds to wait for each answer from the server, during sign-in and after (default 15)")
    rules = check.add_argument_group("rules agreed with ExecVision")
    rules.add_argument("--name-pattern", default=None, help="agreed recording name pattern, e.g. '{call_time:yyyyMMdd-hhmmss}_{user_id}_{direction}'")
    rules.add_argument("--metadata-only", action="store_true", help="metadata files named id.ext for recordings a dialer's API provides")
    rules.add_argument("--source", choices=("five9", "homegrown"), default="five9", help="which of the guide's two cases this delivery is: five9 (Five9 sends the recordings) or homegrown "
                       "(your own or a rarer dialer uploads recordings and metadata); the other case's rules are skipped")
    rules.add_argument("--field", action="append", default=[], metavar="NAME", help="a metadata field configured in ExecVision (repeat)")
    rules.add_argument("--name-tz", default="UTC", help="time zone of the call times in names (e.g. UTC, America/New_York, +02:00)")
    rules.add_argument("--ignore-dir", action="append", default=[], metavar="DIR", help="a subdirectory ExecVision created (not judged)")
    rules.add_argument("--cadence", action=argparse.BooleanOptionalAction, default=None,
                       help="check the newest recording is under an hour old (default: on for --sftp, off for --local)")
    out = check.add_argument_group("output")
    out.add_argument("--json", metavar="FILE", type=Path, help="write results and findings as JSON")
    out.add_argument("--csv", metavar="FILE", type=Path, help="write every finding as CSV")
    out.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    out.add_argument("--quiet", action="store_true", help="no table on stdout")
    check.set_defaults(func=run_check)
    forget = commands.add_parser("forget-host", help="forget an SFTP server's accepted host key")
    forget.add_argument("host")
    forget.add_argument("--port", type=port(), default=22)
    forget.set_defaults(func=run_forget)
    # The keyring names an SFTP password by user@host:port and a passphrase by the key file's full path
    # (SftpTarget.account, _check_sftp): the same options as check, so the check's line can be reused.
    password = commands.add_parser("forget-password", help="remove the SFTP password saved in the keyring for a user and server",
                                   description="Remove the SFTP password saved with 'execvision check --save-password' "
                                               "for a user on a server (no connection is made).")
    password.add_argument("--sftp", metavar="HOST", required=True, help="the SFTP server, as given to check")
    password.add_argument("--user", metavar="U", required=True, help="the SFTP user name")
    password.add_argument("--port", type=port(), default=22, help="the port given to check (default 22)")
    password.set_defaults(func=run_forget_password)
    passphrase = commands.add_parser("forget-passphrase", help="remove the key passphrase saved in the keyring for a private key file",
                                     description="Remove the private key passphrase saved with 'execvision check --key FILE "
                                                 "--save-password' (the file itself is not touched).")
    passphrase.add_argument("--key", metavar="FILE", required=True, help="the private key file given to check")
    passphrase.set_defaults(func=run_forget_passphrase)


def run_forget(args: argparse.Namespace) -> int:
    from wizard.providers.execvision.host_keys import HostKeyStore, HostKeysUnreadable

    try:
        removed = HostKeyStore().forget(args.host, args.port)
    except HostKeysUnreadable as exc:
        print(f"{exc} Nothing was forgotten.", file=sys.stderr)
        return EXIT_UNCHECKED
    print(f"Forgot {removed} accepted key(s) of {args.host}:{args.port}." if removed else f"No accepted key for {args.host}:{args.port}.")
    return EXIT_OK


def run_forget_password(args: argparse.Namespace) -> int:
    """``forget-password``: a saved SFTP password outlives the wizard's uninstall unless the admin can remove it."""
    from wizard.commands.forget_secret import forget_saved
    from wizard.providers.execvision.sftp import PASSWORD_KIND, SftpTarget

    # check keeps the host and user as typed, the window trims them: either may have saved it.
    accounts = [SftpTarget(host=host, username=user, port=args.port).account
                for host, user in ((args.sftp, args.user), (args.sftp.strip(), args.user.strip()))]
    return forget_saved("SFTP password", accounts[-1], lambda: _delete_any(PASSWORD_KIND, accounts))


def run_forget_passphrase(args: argparse.Namespace) -> int:
    """``forget-passphrase``: the same for a private key's passphrase, named in the keyring by the key file."""
    from wizard.commands.forget_secret import forget_saved
    from wizard.providers.execvision.sftp import PASSPHRASE_KIND

    # check names the key by its resolved path, the window by the path as chosen (~ expanded).
    given = Path(args.key.strip()).expanduser()
    key_files = [_key_path(args.key), str(given), str(given.absolute())]
    return forget_saved("key passphrase", key_files[0], lambda: _delete_any(PASSPHRASE_KIND, key_files))


def _delete_any(kind: str, accounts: list[str]) -> bool:
    """Remove the secret under each spelling of the same account; True when one was there."""
    from wizard import secrets

    return any([secrets.delete_secret(kind, account) for account in dict.fromkeys(accounts)])  # a list: remove every one


def _key_path(key: str) -> str:
    """The private key file as check names its passphrase in the keyring: expanded and resolved."""
    return str(Path(key).expanduser().resolve())


def run_check(args: argparse.Namespace) -> int:
    from wizard.output_files import OutputFileError, check_output_files
    from wizard.providers.execvision import check as ev
    from wizard.providers.execvision import output
    from wizard.providers.execvision.sftp import SftpProblem

    try:
        if args.local:
            _refuse_sftp_options(args)
        config = _config(args)
        check_output_files((("--json", args.json), ("--csv", args.csv)))
    except (ValueError, OutputFileError) as exc:
        print(f"Cannot check: {exc}", file=sys.stderr)
        return EXIT_UNCHECKED
    progress = _progress_printer() if sys.stderr.isatty() and not args.quiet else None
    mode = "local" if args.local else args.mode
    try:
        if args.local:
            outcome = ev.check_local(args.local, config, progress=progress)
        else:
            outcome = _check_sftp(args, config, progress)
    except SftpProblem as exc:  # Ctrl-C (at the prompt or during the scan) is not caught: the CLI says it, exit 130
        print(f"Could not check: {exc.observed}.\n  Expected: {exc.expected}.\n  What to do: {exc.action}.", file=sys.stderr)
        failed = ev.CheckOutcome(target=args.sftp if args.sftp is not None else str(args.local), mode=mode, results=ev.problem_results(exc, mode, args.source))
        _write(args, failed, output)
        return EXIT_UNCHECKED
    if not args.quiet:
        output.print_outcome(outcome, sys.stdout)
    if not _write(args, outcome, output):
        return EXIT_UNCHECKED
    bad = {"fail", "error"} | ({"warn"} if args.strict else set())
    return EXIT_FINDINGS if any(r.status.value in bad for r in outcome.results) else EXIT_OK


def _write(args: argparse.Namespace, outcome: Any, output: Any) -> bool:
    """Write the files asked for; False (and the reason on stderr) when the system refused one."""
    from wizard.output_files import write_failed

    for option, path, write in (("--json", args.json, output.write_json), ("--csv", args.csv, output.write_csv)):
        if path is None:
            continue
        try:
            write(outcome, path)
        except OSError as exc:
            print(f"{write_failed(path, option, exc)} The check itself is complete.", file=sys.stderr)
            return False
    return True


def _refuse_sftp_options(args: argparse.Namespace) -> None:
    """ValueError naming each SFTP option given with --local (seen, expected, what to do)."""
    given = [f"--{dest.replace('_', '-')}" for dest, default in SFTP_DEFAULTS.items() if getattr(args, dest) != default]
    if given:
        raise ValueError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} for --sftp, but --local was given: "
                         "a local check reads the folder directly and makes no connection. Expected: --local DIR alone "
                         "(with the rule and output options). What to do: remove "
                         f"{'it' if len(given) == 1 else 'them'}, or check the SFTP account with --sftp HOST --user U")


def _config(args: argparse.Namespace):
    from wizard.engine.results import Status
    from wizard.providers.execvision.naming import DEFAULT_PATTERN, compile_pattern
    from wizard.providers.execvision.rules import RuleConfig

    cadence = args.cadence if args.cadence is not None else bool(args.sftp)
    return RuleConfig(
        pattern=compile_pattern(args.name_pattern or DEFAULT_PATTERN),
        metadata_only=args.metadata_only,
        source=args.source,
        required_fields=tuple(dict.fromkeys(f.strip() for f in args.field if f.strip())),
        name_tz=_timezone(args.name_tz),
        check_cadence=cadence,
        cadence_status=Status.FAIL if args.sftp else Status.WARN,
        ignore_dirs=frozenset(d.strip("/") for d in args.ignore_dir),
    )


def _timezone(text: str):
    """``--name-tz``: the zone as the window reads it (`typed_values.name_time_zone`), refused in the option's words."""
    from wizard.providers.execvision.typed_values import ValueRefused, name_time_zone

    try:
        return name_time_zone(text)
    except ValueRefused as exc:
        if exc.kind == "zone-offset":
            raise ValueError(f"--name-tz {text!r} is not a time zone offset: hours go up to 23 and minutes up to 59. "
                             "Use an offset like +02:00 or -05:30, UTC, or a name like America/New_York") from None
        raise ValueError(f"--name-tz {text!r} is not a time zone; use UTC, a name like America/New_York, or an offset like +02:00") from None


def answer_timeout(text: str) -> float:
    """``--timeout``: seconds as the window reads them (`typed_values.answer_timeout`), refused as a usage error.

    The words are those of the other commands' ``--timeout`` (`arg_types.positive_seconds`): argparse
    puts the option's name before them.
    """
    from wizard.providers.execvision.typed_values import ValueRefused
    from wizard.providers.execvision.typed_values import answer_timeout as seconds

    try:
        return seconds(text)
    except ValueRefused as exc:
        if exc.kind == "timeout-not-a-number":
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
        raise argparse.ArgumentTypeError(f"{text} is not a duration; expected a number of seconds above 0") from None


def host_key_fingerprint(text: str) -> str:
    """A SHA256 host key fingerprint as the wizard prints it, checked before anything connects.

    Anything else could never match the server's key, so the admin would learn of the typo only after
    typing the password, as "the server's key is ..., not the accepted hello".
    """
    import re

    value = text.strip()
    found = re.fullmatch(r"(?i:sha256):([A-Za-z0-9+/]{43})=?", value)
    if not found:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a host key fingerprint; expected SHA256: and 43 letters, digits, + or /, as the wizard shows it "
            "on the first connection (copy it from there, after checking it with the server's owner)")
    return f"SHA256:{found.group(1)}"


def _check_sftp(args: argparse.Namespace, config: Any, progress: Any):
    from wizard import secrets
    from wizard.providers.execvision.check import run_sftp_check
    from wizard.providers.execvision.sftp import (
        PASSPHRASE_KIND,
        PASSWORD_KIND,
        SftpProblem,
        SftpSecrets,
        SftpTarget,
        check_host,
        key_needs_passphrase,
    )

    check_host(args.sftp)  # before the password prompt: a URL or host:port would fail only after it was typed
    if not args.user:
        raise SftpProblem("usage", "No user name was given", "--user with the SFTP account's user name", "Add --user")
    target = SftpTarget(host=args.sftp, username=args.user, port=args.port, mode=args.mode, remote_dir=args.remote_dir,
                        key_file=_key_path(args.key) if args.key else None, timeout=args.timeout)
    to_save: list[tuple[str, str, str]] = []
    password = passphrase = None
    saved = False
    if target.key_file:
        if key_needs_passphrase(target.key_file):
            passphrase, saved = _secret(secrets, PASSPHRASE_KIND, target.key_file, f"Passphrase for {target.key_file}: ", args, to_save)
    else:
        password, saved = _secret(secrets, PASSWORD_KIND, target.account, f"Password for {target.account}: ", args, to_save)
    outcome = run_sftp_check(target, SftpSecrets(password=password, passphrase=passphrase, saved=saved), config,
                             accept_fingerprint=args.accept_host_key, prove_write_consent=args.prove_write, progress=progress)
    for kind, account, value in to_save:
        try:
            secrets.set_secret(kind, account, value)
        except secrets.KeyringUnavailable as exc:
            print(f"Not saved: {exc}", file=sys.stderr)
    return outcome


def _secret(secrets: Any, kind: str, account: str, prompt: str, args: argparse.Namespace,
            to_save: list) -> tuple[str, bool]:
    """The secret and whether it came from the keyring (a refusal then blames the saved one, never a typed one).

    Without a terminal nothing is asked, as in the aircall, ringcentral and aws commands: getpass would
    warn and fall back to reading standard input with echo, and a secret never comes from a pipe.
    """
    import getpass

    from wizard.providers.execvision.sftp import SftpProblem

    if not args.ask_password:
        stored = secrets.get_secret(kind, account)
        if stored:
            return stored, True
    hint = "" if secrets.keyring_available() else " (no keyring is available on this computer, so it cannot be saved)"
    if not sys.stdin.isatty():
        why = "--ask-password was given" if args.ask_password else "none is saved in the keyring for it"
        raise SftpProblem("no-terminal", f"The {_what(kind)} for {account} must be typed ({why}), but standard input is not a "
                          f"terminal{hint}",
                          "a terminal to type it in (hidden), or for unattended runs one saved in the keyring",
                          "Run the command in a terminal and type it" + ("" if hint else "; add --save-password to keep it for later runs")
                          + ". Secrets are never taken from arguments or piped input")
    try:
        value = getpass.getpass(prompt)
    except (EOFError, OSError):  # the terminal went away or the admin pressed Ctrl-D (Ctrl-C is the CLI's: exit 130)
        value = ""
    if not value:
        raise SftpProblem("no-secret", f"No {_what(kind)} was typed for {account}{hint}",
                          "the secret typed at the prompt or saved in the keyring",
                          "Run the command again and type it at the prompt; add --save-password to keep it in the keyring")
    if args.save_password:
        to_save.append((kind, account, value))
    return value, False


def _what(kind: str) -> str:
    from wizard.providers.execvision.sftp import PASSPHRASE_KIND

    return "key passphrase" if kind == PASSPHRASE_KIND else "password"


def _progress_printer():
    import time

    last = [0.0]

    def show(p: Any) -> None:
        now = time.monotonic()
        if now - last[0] < 0.2 and p.done != p.total:
            return
        last[0] = now
        total = f"/{p.total:,}" if p.total else ""
        print(f"\r{p.phase}: {p.done:,}{total} {p.current[-50:]:<50}", end="", file=sys.stderr, flush=True)
        if p.total and p.done == p.total:
            print(file=sys.stderr)

    return show
