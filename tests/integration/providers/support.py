"""Helpers of the provider tests: the demo org and the provider emulators, started together.

`started(scenario)` is what demo mode does: the demo org over HTTPS, signed in through the
product's own sign-in, and the Aircall and RingCentral emulators beside it (their redirect URIs
pointing at the org). `WITH_PACKAGE` is `fresh` after the one step no API can do: installing
the Voice Connector package, which adds the users' identifier fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.integration.verify.support import Connected, connected
from wizard.engine.results import CheckResult, Status
from wizard.engine.run_record import ManualConfirmation
from wizard.providers.emulators import start_provider_emulators
from wizard.providers.emulators.running import ProviderEmulators

WITH_PACKAGE = """
extends: fresh
description: Acme Demo before ECI setup, after the Voice Connector package was installed.
records:
  InstalledSubscriberPackage:
    - SubscriberPackage: {Name: Voice Connector, NamespacePrefix: sfvc}
user_fields:
  sfvc__AircallUserIdentifier__c: Aircall User Identifier
  sfvc__RingcentralUserIdentifier__c: Ringcentral User Identifier
  sfvc__DialpadUserIdentifier__c: Dialpad User Identifier
"""


@dataclass
class Demo:
    org: Connected
    emulators: ProviderEmulators


#: ECI users for the mapping tests: Ada and Sam match one Aircall user each, Rita two, Mo none.
AIRCALL_MAPPING = Path(__file__).parents[2] / "support" / "scenarios" / "aircall-user-mapping.yaml"


def scenario_file(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def started(scenario: str | Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Demo]:
    """The demo org (signed in) and the provider emulators of the same scenario."""
    with connected(scenario, monkeypatch) as org:
        emulators = start_provider_emulators(scenario, org_url=org.server.instance_url)
        try:
            yield Demo(org, emulators)
            assert emulators.errors == []
            assert org.server.errors == []
        finally:
            emulators.stop()


def confirm_all(results: list[CheckResult] | tuple[CheckResult, ...], by: str) -> list[ManualConfirmation]:
    """The admin's "I've done this" on every step still waiting for a person."""
    now = datetime.now(UTC)
    return [ManualConfirmation(page_id=r.page_id, setting_id=r.check_id, by=by, at=now) for r in results if r.status == Status.MANUAL]


def by_id(results: list[CheckResult] | tuple[CheckResult, ...]) -> dict[str, CheckResult]:
    return {r.check_id: r for r in results}


def not_ok(results: list[CheckResult] | tuple[CheckResult, ...]) -> list[tuple[str, str, str]]:
    return [(r.check_id, r.status.value, r.message) for r in results if not r.ok]
