"""The running set of provider emulators: one CA, three HTTPS servers, one CA bundle.

The CA bundle written here holds the system CAs plus the emulators' CA, so a session given it
still verifies real hosts. `endpoints` is what the wizard is pointed at in demo mode; `ca_path`
is the emulators' CA alone, which the embedded web view checks certificates against (as it does
for the demo org). `demo_credentials` hands demo mode the scenario's own (fake) key and app so a
newcomer can try the provider pages without an Aircall or RingCentral account.
"""

from __future__ import annotations

import shutil
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

import trustme

from wizard.providers.emulators.aircall_api import AircallEmulator
from wizard.providers.emulators.ringcentral_api import RingCentralEmulator
from wizard.providers.emulators.scenario import ProvidersSpec
from wizard.providers.emulators.server import EmulatorServer
from wizard.providers.voice.endpoints import ProviderEndpoints


@dataclass(frozen=True)
class DemoCredentials:
    """The scenario's first Aircall key and RingCentral app and user (demo data, never real)."""

    aircall_api_id: str | None
    aircall_api_token: str | None
    ringcentral_client_id: str | None
    ringcentral_client_secret: str | None
    ringcentral_environments: tuple[str, ...]
    ringcentral_login: tuple[str, str] | None


class ProviderEmulators:
    """Aircall's API and RingCentral's two platforms, served together."""

    def __init__(self, spec: ProvidersSpec, org_url: str = "") -> None:
        self.spec = spec
        self.aircall = AircallEmulator(spec.aircall)
        self.ringcentral = RingCentralEmulator(spec.ringcentral)
        self.ringcentral.state.org_url = org_url.rstrip("/")
        self._dir = Path(tempfile.mkdtemp(prefix="eci-provider-emulators-"))
        self._ca = trustme.CA(organization_name="ECI Wizard Provider Emulators CA")
        self.ca_path = self._dir / "emulators-ca.pem"
        self.ca_bundle = self._dir / "ca-bundle.pem"
        self._ca.cert_pem.write_to_path(str(self.ca_path))
        system = Path(ssl.get_default_verify_paths().cafile or "/etc/ssl/certs/ca-certificates.crt")
        parts = [system.read_text()] if system.is_file() else []
        self.ca_bundle.write_text("\n".join([*parts, self.ca_path.read_text()]))
        self.servers = {
            "aircall": EmulatorServer("aircall", self.aircall.handle, self._ca),
            "ringcentral-sandbox": EmulatorServer("ringcentral-sandbox", self.ringcentral.handler("sandbox"), self._ca),
            "ringcentral-production": EmulatorServer("ringcentral-production", self.ringcentral.handler("production"), self._ca),
        }

    def start(self) -> ProviderEmulators:
        for server in self.servers.values():
            server.start()
        return self

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> ProviderEmulators:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def bind_org_url(self, org_url: str) -> None:
        """Where ``{instance_url}`` in redirect URIs points (the demo org, once it has a port)."""
        self.ringcentral.state.org_url = org_url.rstrip("/")

    @property
    def endpoints(self) -> ProviderEndpoints:
        return ProviderEndpoints(
            aircall=self.servers["aircall"].url,
            ringcentral_sandbox=self.servers["ringcentral-sandbox"].url,
            ringcentral_production=self.servers["ringcentral-production"].url,
            ca_bundle=self.ca_bundle,
            emulated=True,
        )

    @property
    def errors(self) -> list[str]:
        return [e for s in self.servers.values() for e in s.errors]

    def request_count(self) -> int:
        return sum(sum(s.counts.values()) for s in self.servers.values())

    def demo_credentials(self) -> DemoCredentials:
        key = next((k for k in self.spec.aircall.api_keys if k.access), None)
        app = next(iter(self.spec.ringcentral.apps), None)
        user = next((u for u in self.spec.ringcentral.extensions if u.password), None)
        return DemoCredentials(
            key.api_id if key else None,
            key.api_token if key else None,
            app.client_id if app else None,
            app.client_secret if app else None,
            tuple(app.environments) if app else (),
            (user.email, user.password or "") if user else None,
        )
