"""The providers' side of demo mode: what runs beside the demo org so every guide can be walked.

``eci-wizard --demo`` starts the demo org; these start, on demand and only for the guide being
walked: the Aircall and RingCentral HTTPS emulators (from the scenario's ``providers:`` section,
their redirect URIs pointing at the demo org), an SFTP account with sample recordings for
ExecVision, and a local AWS (``moto_server``) seeded with a configured Amazon Connect setup. The
local AWS needs the optional ``moto[server]`` package (the ``demo`` extra); without it the AWS
panel says so and the rest of demo mode works. `stop` ends everything that was started.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_AWS_REGION = "us-west-2"
MOTO_MISSING = ("The demo's local AWS needs the optional moto[server] package, which is not installed here. "
                "Install it with: pip install 'eci-setup-wizard[demo]' (or pip install 'moto[server]'), then start the demo again. "
                "The other guides' demo works without it.")


class DemoSideUnavailable(RuntimeError):
    """A demo side cannot run on this machine; the message says why and what to install."""


@dataclass
class DemoAws:
    """The seeded local AWS: the access the panel uses, and what was created."""

    local: Any  # wizard.providers.aws.demo.LocalAws
    access: Any  # wizard.providers.aws.access.AwsAccess (carries the Lambda@Edge bridge)
    account: Any  # wizard.providers.aws.demo.DemoAccount
    origins: tuple[str, ...]


def moto_available() -> bool:
    return importlib.util.find_spec("moto") is not None


def demo_my_domain(org: Any) -> str | None:
    """The demo org's My Domain URL as a real org would have it (the demo serves on 127.0.0.1)."""
    name = (getattr(org, "organization", None) or {}).get("MyDomainName")
    return f"https://{name}.my.salesforce.com" if name else None


class DemoSides:
    """Starts each side once, from any thread; `stop` stops them all (idempotent)."""

    def __init__(self, scenario: str | Path, org_url: str, my_domain_url: str | None = None) -> None:
        self.scenario = scenario
        self.org_url = org_url
        self.my_domain_url = my_domain_url
        self.emulators: Any = None
        self.sftp: Any = None
        self.aws: DemoAws | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def _check_running(self, started: Any) -> None:
        if self._stopped:  # the window closed while this side was starting
            started.stop()
            raise DemoSideUnavailable("The demo was closed.")

    def start_voice(self) -> Any:
        """The Aircall and RingCentral emulators (`ProviderEmulators`)."""
        from wizard.providers.emulators import start_provider_emulators

        with self._lock:
            if self.emulators is None:
                started = start_provider_emulators(self.scenario, org_url=self.org_url)
                self._check_running(started)
                self.emulators = started
            return self.emulators

    def start_sftp(self) -> Any:
        """The ExecVision demo SFTP account (`DemoSftpServer`)."""
        from wizard.providers.execvision.demo_server import DemoSftpServer

        with self._lock:
            if self.sftp is None:
                started = DemoSftpServer().start()
                self._check_running(started)
                self.sftp = started
            return self.sftp

    def start_aws(self) -> DemoAws:
        """A local AWS with the guide's setup done; `DemoSideUnavailable` without moto."""
        if not moto_available():
            raise DemoSideUnavailable(MOTO_MISSING)
        from wizard.providers.aws.demo import LocalAws, seed_configured_account
        from wizard.providers.aws.session import org_origins

        with self._lock:
            if self.aws is None:
                try:
                    local = LocalAws().start()
                except RuntimeError as exc:
                    raise DemoSideUnavailable(f"The demo's local AWS did not start: {exc}") from None
                self._check_running(local)
                try:
                    access = local.access(DEMO_AWS_REGION)
                    origins = org_origins(self.my_domain_url)
                    account = seed_configured_account(access, origins)
                except BaseException:
                    local.stop()
                    raise
                self.aws = DemoAws(local, access, account, origins)
            return self.aws

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for side in (self.emulators, self.sftp, self.aws.local if self.aws else None):
                if side is not None:
                    side.stop()
            self.emulators = self.sftp = self.aws = None
