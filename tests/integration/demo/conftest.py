"""The demo org the Metadata API tests share: one server per module, a fresh org per test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.demo.metadata_support import (
    ADMIN_TOKEN,
    DemoOrg,
    build_org,
    running_demo_org,
)


@pytest.fixture(scope="module")
def metadata_org() -> Iterator[DemoOrg]:
    """A demo org over HTTPS for the whole module (starting one costs a TLS key and a port)."""
    with running_demo_org() as running:
        yield running


@pytest.fixture()
def fresh(metadata_org: DemoOrg) -> DemoOrg:
    """The same server with a new org behind it, so no test sees another's writes."""
    metadata_org.server.org = build_org()
    return metadata_org


@pytest.fixture(scope="module")
def md(metadata_org: DemoOrg) -> Any:
    """The administrator's Metadata API client (simple-salesforce's own zeep client)."""
    return metadata_org.client(ADMIN_TOKEN).mdapi
