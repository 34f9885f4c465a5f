"""HTTPS emulators of the Aircall and RingCentral endpoints the wizard uses, beside the demo org.

``start_provider_emulators("fresh", org_url=server.instance_url)`` starts three servers on loopback
(Aircall's API, RingCentral's sandbox and production platforms) from the ``providers:`` section of
a demo scenario, with one test CA. Point the wizard at them with `ProviderEmulators.endpoints`
(its CA bundle holds the system CAs plus the emulators' CA)::

    emulators = start_provider_emulators("aircall-configured", org_url=server.instance_url)
    client = AircallClient(credentials, emulators.endpoints)
    emulators.stop()

Heavy imports happen inside the function, so importing this package stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.providers.emulators.running import ProviderEmulators
    from wizard.providers.emulators.scenario import ProvidersSpec

__all__ = ["start_provider_emulators"]


def start_provider_emulators(scenario: str | Path | ProvidersSpec = "fresh", org_url: str = "") -> ProviderEmulators:
    """Load the scenario's ``providers:`` section and serve it; `org_url` fills ``{instance_url}``."""
    from wizard.providers.emulators.running import ProviderEmulators
    from wizard.providers.emulators.scenario import ProvidersSpec, load_providers

    spec = scenario if isinstance(scenario, ProvidersSpec) else load_providers(scenario)
    emulators = ProviderEmulators(spec, org_url=org_url)
    try:
        return emulators.start()
    except BaseException:
        emulators.stop()
        raise
