"""The window's Qt-free handle on the ExecVision delivery: what the admin entered, the last check.

The delivery check is started from the page's panel, not with every "Check again": a scan of a
large SFTP folder takes a while and may stop to ask the admin about an unknown host key. Its
results are kept here, and `provider_checks()` hands them to every verification as ``extra``
results, so the guide's rows, the side panel, the Summary and the report show them::

    session = ExecVisionSession()
    entries = DeliveryEntries(dialer="five9", mode="push", host="sftp.example.com", username="acme")
    outcome = session.run(entries, session.secrets_for(entries, password="…"), progress=cb, cancel=token)
    controller.provider_checks.append(session.provider_checks())

The admin says which of the guide's two cases applies (``dialer``: Five9, or a homegrown or rarer
dialer); from then on the other case's pages read "Not your case", even before a check has run.

Once the server has accepted them, the password and the key passphrase go to the keyring (kinds ``sftp-password`` and
``sftp-key-passphrase``), never to a file; the host, port and user (and the other entries, such as
the names' time zone and the answer timeout) are remembered in the keyring too, so a restart asks
for nothing but an unknown host key.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from wizard import secrets
from wizard.engine.results import CheckResult, Status
from wizard.guides.schema import Guide

from .check import CheckOutcome, check_local, problem_results, run_sftp_check
from .findings import HOMEGROWN
from .guide_results import guide_results, not_your_case
from .naming import DEFAULT_PATTERN, compile_pattern
from .rules import RuleConfig
from .scan import CancelToken, ScanProgress
from .sftp import (
    PASSPHRASE_KIND,
    PASSWORD_KIND,
    SftpProblem,
    SftpSecrets,
    SftpTarget,
    check_host,
    key_needs_passphrase,
)
from .typed_values import DEFAULT_TIMEOUT, DEFAULT_ZONE, kept_timeout, name_time_zone

#: Keyring kind for the last entries (no secret in them; the keyring keeps them off the disk).
LAST_KIND = "execvision-delivery"


@dataclass(frozen=True)
class DeliveryEntries:
    """The panel's fields: the guide's case, the delivery model, where to look, as whom, and what was agreed."""

    mode: Literal["push", "pull"] = "push"
    source: Literal["sftp", "local"] = "sftp"
    host: str = ""
    port: int = 22
    username: str = ""
    remote_dir: str = "."
    key_file: str = ""
    local_dir: str = ""
    prove_write: bool = False
    fields: tuple[str, ...] = ()
    name_pattern: str = ""  # homegrown: a pattern agreed instead of yyyyMMdd-hhmmss_uid; Five9: the names' layout
    dialer: Literal["five9", "homegrown"] = HOMEGROWN  # the guide's case; the window asks the admin to choose
    name_tz: str = DEFAULT_ZONE  # the zone the names' call times are written in, as typed (`typed_values.name_time_zone`)
    timeout: float = DEFAULT_TIMEOUT  # seconds to wait for each answer from the SFTP server

    def target(self) -> SftpTarget:
        """The SFTP target, or `SftpProblem` naming the empty field (or a host that is a URL, host:port or user@host)."""
        if not self.host.strip():
            raise SftpProblem("usage", "No host name was entered", "the SFTP server's host name", "Enter the host name")
        check_host(self.host, port_option="the Port field", user_option="the User name field", folder_option="the Remote folder field")
        if not self.username.strip():
            raise SftpProblem("usage", "No user name was entered", "the SFTP account's user name", "Enter the user name")
        key = str(Path(self.key_file).expanduser()) if self.key_file.strip() else None
        return SftpTarget(host=self.host.strip(), username=self.username.strip(), port=int(self.port), mode=self.mode,
                          remote_dir=self.remote_dir.strip() or ".", key_file=key, timeout=self.timeout)

    def config(self) -> RuleConfig:
        """The rules as agreed: the case, the name pattern, the names' time zone, the configured metadata fields,
        the cadence. A time zone that is none raises `typed_values.ValueRefused` (the window checks it first)."""
        return RuleConfig(pattern=compile_pattern(self.name_pattern.strip() or DEFAULT_PATTERN), source=self.dialer,
                          required_fields=tuple(dict.fromkeys(f.strip() for f in self.fields if f.strip())),
                          name_tz=name_time_zone(self.name_tz.strip() or DEFAULT_ZONE),
                          check_cadence=self.source == "sftp",
                          cadence_status=Status.FAIL if self.source == "sftp" else Status.WARN)


def progress_text(step: ScanProgress) -> str:
    """'Listing: 1,200 files' / 'Reading metadata: 300 of 1,200' for the task strip."""
    what = "Reading metadata" if step.phase == "reading" else "Listing the folder"
    count = f"{step.done:,} of {step.total:,}" if step.total else f"{step.done:,} entries"
    return f"{what}: {count}"


class ExecVisionSession:
    """The delivery check's state for one run of the window."""

    def __init__(self) -> None:
        self.entries = DeliveryEntries()
        self.outcome: CheckOutcome | None = None
        self.results: list[CheckResult] = []
        self.checked_at: datetime | None = None
        self.dialer_chosen = False  # the admin has said which case applies (chosen, or kept from a past check)
        self._to_keep: tuple[str, str, str] | None = None  # a typed secret to keep once the server accepts it

    # -- what the admin enters ------------------------------------------------------------------
    def restore(self) -> DeliveryEntries:
        """The last entries (from the keyring), or the defaults."""
        stored = secrets.get_secret(LAST_KIND, "entries")
        if stored:
            with contextlib.suppress(ValueError, TypeError):
                raw = json.loads(stored)
                raw["fields"] = tuple(raw.get("fields") or ())
                # Entries kept before the window asked for these hold neither: UTC and 15 s, as the check used then.
                raw["name_tz"] = raw["name_tz"] if isinstance(raw.get("name_tz"), str) else DEFAULT_ZONE
                raw["timeout"] = kept_timeout(raw.get("timeout", DEFAULT_TIMEOUT))
                self.entries = DeliveryEntries(**raw)
                self.dialer_chosen = "dialer" in raw  # entries kept before the choice existed say nothing about it
        return self.entries

    def choose_dialer(self, dialer: Literal["five9", "homegrown"]) -> None:
        """The admin's case: the other case's pages read "Not your case" from now on (results of another case go)."""
        if self.dialer_chosen and self.entries.dialer != dialer:
            self.forget()  # judged in the other case: those rows would be wrong now
        self.entries = replace(self.entries, dialer=dialer)
        self.dialer_chosen = True

    def remember(self, entries: DeliveryEntries) -> None:
        self.entries, self.dialer_chosen = entries, True
        with contextlib.suppress(secrets.KeyringUnavailable):
            secrets.set_secret(LAST_KIND, "entries", json.dumps({**asdict(entries), "prove_write": False}))

    def secrets_for(self, entries: DeliveryEntries, password: str = "", passphrase: str = "", keep: bool = True) -> SftpSecrets:
        """The typed secret, else the one kept before. A typed one is kept in the keyring (when asked) only once
        the server has accepted it (`run` keeps it after signing in); a refused one replaces nothing."""
        self._to_keep = None
        target = entries.target()
        if target.key_file:
            kind, account, typed = PASSPHRASE_KIND, target.key_file, passphrase
            if not typed and not key_needs_passphrase(target.key_file):
                return SftpSecrets()
        else:
            kind, account, typed = PASSWORD_KIND, target.account, password
        value = typed or secrets.get_secret(kind, account) or ""
        if not value:
            raise SftpProblem("no-secret", f"No {'passphrase' if target.key_file else 'password'} was entered for {account}",
                              "the secret typed in the panel or kept in the keyring", "Type it in the panel")
        secrets.remember(value)
        if typed and keep:
            self._to_keep = (kind, account, typed)
        saved = not typed  # a refusal of a kept secret says so; of a typed one, it must not blame the keyring
        return SftpSecrets(passphrase=value, saved=saved) if target.key_file else SftpSecrets(password=value, saved=saved)

    def has_stored_secret(self, entries: DeliveryEntries) -> bool:
        try:
            target = entries.target()
        except SftpProblem:
            return False
        kind, account = (PASSPHRASE_KIND, target.key_file) if target.key_file else (PASSWORD_KIND, target.account)
        return bool(secrets.get_secret(kind, account or ""))

    # -- the check ---------------------------------------------------------------------------------
    def run(self, entries: DeliveryEntries, sftp_secrets: SftpSecrets | None = None, *, accept_fingerprint: str | None = None,
            progress: Callable[[str], None] | None = None, cancel: CancelToken | None = None) -> CheckOutcome:
        """Check the SFTP account (or the local folder); blocks. Raises `SftpProblem`, `ScanCancelled`."""
        report = (lambda step: progress(progress_text(step))) if progress else None
        config = entries.config()
        if entries.source == "local":
            outcome = check_local(entries.local_dir.strip() or ".", config, progress=report, cancel=cancel)
        else:
            to_keep, self._to_keep = self._to_keep, None
            outcome = run_sftp_check(entries.target(), sftp_secrets or SftpSecrets(), config, accept_fingerprint=accept_fingerprint,
                                     prove_write_consent=entries.prove_write, progress=report, cancel=cancel)
            if to_keep is not None:  # the server accepted the typed secret: now it may be kept
                with contextlib.suppress(secrets.KeyringUnavailable):  # else: for this check only
                    secrets.set_secret(*to_keep)
        if cancel is not None:
            cancel.raise_if_cancelled()  # cancelled at the last moment: keep the last complete check
        self.record(entries, outcome)
        return outcome

    def record(self, entries: DeliveryEntries, outcome: CheckOutcome) -> None:
        self.entries, self.outcome, self.results = entries, outcome, list(outcome.results)
        self.checked_at = datetime.now(UTC)
        self.dialer_chosen = True

    def record_problem(self, entries: DeliveryEntries, problem: SftpProblem) -> None:
        """A check that could not run: its rows say why (and a changed host key says it loudly)."""
        self.record(entries, CheckOutcome(target=entries.host, mode=entries.mode, case=entries.dialer,
                                          results=problem_results(problem, entries.mode, entries.dialer)))

    def forget(self) -> None:
        self.outcome, self.results, self.checked_at = None, [], None

    # -- the window's hook ----------------------------------------------------------------------------
    def guide_results(self, guide: Guide) -> list[CheckResult]:
        """The last check's results on the guide's rows, in the chosen case; before any check, only "Not your case"."""
        if guide.id != "execvision" or not self.dialer_chosen:
            return []
        if not self.results:
            return not_your_case(guide, self.entries.dialer)
        return guide_results(guide, self.results, self.entries.mode, self.entries.dialer)

    def provider_checks(self) -> Callable[..., list[CheckResult]]:
        """(connection, guide, facts, page ids) -> the last delivery check's results (no network)."""

        def run(conn: Any, guide: Guide, facts: Any, page_ids: Any = None) -> list[CheckResult]:
            return self.guide_results(guide)

        return run

    def with_mode(self, mode: Literal["push", "pull"]) -> DeliveryEntries:
        return replace(self.entries, mode=mode)
