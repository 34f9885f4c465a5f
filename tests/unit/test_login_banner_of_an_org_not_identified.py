"""``eci-wizard login`` heads its connection check with the org's kind, never PRODUCTION on a guess.

When the Organization record could not be read and the login address does not tell, whether the
org is a sandbox or production is unknown: the heading says the org is not identified.
"""

from __future__ import annotations

import io

from wizard.commands.login import print_preflight
from wizard.engine.org_facts import OrgFacts
from wizard.engine.results import Status
from wizard.engine.run_record import PreflightItem
from wizard.salesforce.auth import preflight_rules as rules
from wizard.salesforce.auth.preflight import ConnectionPreflight
from wizard.salesforce.connection import OrgConnection

FACTS = OrgFacts(org_id="00D000000000001AAA", name="", edition="unknown", is_sandbox=False,
                 instance_url="https://acme.my.salesforce.com", my_domain_url="https://acme.my.salesforce.com",
                 api_version="63.0", username="ada@acme.example", user_id="005000000000001AAA")


def _heading(environment: PreflightItem, facts: OrgFacts = FACTS) -> str:
    conn = OrgConnection(instance_url=facts.instance_url, access_token="t", api_version="63.0")
    out = io.StringIO()
    print_preflight(ConnectionPreflight(facts=facts, items=(environment,), connection=conn, requests_made=3), out)
    return out.getvalue().strip().splitlines()[0]


def test_an_org_whose_kind_is_unknown_is_headed_not_identified() -> None:
    heading = _heading(rules.environment_item(False, known=False))
    assert heading.startswith("*** ORG NOT IDENTIFIED ***") and "PRODUCTION" not in heading
    assert "00D000000000001AAA" in heading and "https://acme.my.salesforce.com" in heading


def test_a_production_org_read_as_such_is_still_marked_production() -> None:
    named = FACTS.model_copy(update={"name": "Acme"})
    heading = _heading(PreflightItem(name="Environment", status=Status.WARN, observed="PRODUCTION"), named)
    assert heading.startswith("*** PRODUCTION ***  Acme (00D000000000001AAA)")
