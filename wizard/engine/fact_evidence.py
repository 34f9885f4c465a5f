"""The evidence of checks judged from the org's facts rather than from a read of their own.

The edition, sandbox or production and the My Domain URL are read once, when the wizard opens the
org (the connection's preflight), and every check then judges from `OrgFacts`. Such a check still
names where its observed value came from, so an auditor can repeat the read like any other.
"""

from __future__ import annotations

from wizard.engine.results import Evidence

#: The query the preflight reads the org's facts with (`wizard.salesforce.auth.preflight`).
ORGANIZATION_QUERY = "SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization"

WHEN_OPENED = "when the org was opened"
EDITION = Evidence(source=f"REST API query, {WHEN_OPENED}", detail=f"{ORGANIZATION_QUERY} (OrganizationType)")
MY_DOMAIN = Evidence(source=f"OpenID Connect userinfo, {WHEN_OPENED}", detail="/services/oauth2/userinfo (urls.custom_domain)")
