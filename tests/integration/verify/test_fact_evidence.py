"""Checks judged from the org's facts (edition, My Domain) name where those facts were read.

The facts are read once when the org is opened; a row judged from them must still carry evidence
an auditor can repeat, never an empty list.
"""

from __future__ import annotations

import pytest

from tests.integration.verify.test_verify_guides import run
from wizard.engine import fact_evidence
from wizard.salesforce.auth import preflight


def test_rows_judged_from_the_orgs_facts_carry_the_read_that_gave_them(monkeypatch: pytest.MonkeyPatch) -> None:
    results = {r.check_id: r for r in run("natterbox", "natterbox-configured", monkeypatch).results}
    edition, domain, eci_url = results["org.edition"], results["org.my-domain"], results["eci-named-credential.url"]
    assert edition.evidence[0] == fact_evidence.EDITION
    assert "FROM Organization" in edition.evidence[0].detail
    assert domain.evidence == (fact_evidence.MY_DOMAIN,)
    assert eci_url.evidence[0] == fact_evidence.MY_DOMAIN and "FROM NamedCredential" in eci_url.evidence[1].detail
    other_url = results["natterbox-s3.url"]  # a fixed URL: no fact behind it
    assert fact_evidence.MY_DOMAIN not in other_url.evidence


def test_the_evidence_names_the_query_the_org_is_opened_with() -> None:
    assert preflight.ORG_QUERY == fact_evidence.ORGANIZATION_QUERY
