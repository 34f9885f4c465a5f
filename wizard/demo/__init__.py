"""The demo org: a local Salesforce org over HTTPS that the real clients talk to unchanged.

``start_demo_org()`` is all most callers need::

    from wizard.demo import start_demo_org

    server = start_demo_org("fresh")          # started; {instance_url} placeholders resolved
    print(server.instance_url, server.ca_bundle, server.default_login)
    server.faults.set(latency_ms=100)
    server.stop()

Heavy imports (TLS, certificates) happen inside the function, so importing a `wizard.demo`
module for its data types stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.demo.server import DemoOrgServer

__all__ = ["start_demo_org"]


def start_demo_org(scenario: str | Path = "fresh", port: int = 0, **faults: Any) -> DemoOrgServer:
    """Load a scenario (name or YAML path), start its server, and apply any fault settings."""
    from wizard.demo.scenario import load_scenario
    from wizard.demo.server import DemoOrgServer

    org = load_scenario(scenario)
    server = DemoOrgServer(org, port=port)
    try:
        if faults:
            server.faults.set(**faults)
        return server.start()
    except BaseException:
        server.stop()
        raise
