"""A query whose answer is longer than one batch: the verification reads every page of it.

Salesforce returns at most 2,000 rows per query answer, also inside a composite batch, and says
where the rest is with ``nextRecordsUrl``. An org with thousands of ECI users is ordinary; a
verification that stopped at the first page would under-count them (and a check that looks for
one user would miss them when they sort late). The demo org pages exactly as Salesforce does.
"""

from __future__ import annotations

import pytest

from tests.integration.verify.support import connected
from wizard.engine.results import Status
from wizard.guides.loader import load_guide
from wizard.salesforce.verify import verify_guide

EXTRA_USERS = 2_100  # more than one 2,000-row batch on their own


def eci_users(run) -> str:  # type: ignore[no-untyped-def]
    return next(r for r in run.results if r.check_id == "eci-users.assigned").observed


def test_assignments_beyond_the_first_batch_are_all_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    guide = load_guide("natterbox")
    with connected("natterbox-configured", monkeypatch) as org:
        before = verify_guide(org.connection, guide, org.facts)
        first_count = int(eci_users(before).split(" ", 1)[0])
        requests_before = before.requests_made

        state = org.server.org
        eci_set = state.component_id("PermissionSet", "ConversationInsightsForSales")
        profile = state.rows("Profile")[0]["Id"]
        with state.lock:  # straight into the org's records: the scenario's licence count is not the point here
            for i in range(EXTRA_USERS):
                user = state.insert("User", {
                    "Username": f"agent{i:04d}@paging.test", "LastName": f"Agent {i:04d}", "ProfileId": profile,
                    "UserType": "Standard", "IsActive": True,
                })  # fmt: skip
                state.insert("PermissionSetAssignment", {"AssigneeId": user, "PermissionSetId": eci_set})

        org.server.log.clear()
        after = verify_guide(org.connection, guide, org.facts)
        result = next(r for r in after.results if r.check_id == "eci-users.assigned")
        assert result.status is Status.PASS
        assert result.observed.startswith(f"{first_count + EXTRA_USERS} user(s)"), result.observed
        # The rest of the answer came in one more request, after the batch that carried the query.
        assert after.requests_made == requests_before + 1
        assert len(org.server.log.entries()) == after.requests_made
