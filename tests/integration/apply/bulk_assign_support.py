"""A demo org with a sales team of 450 reps (more than two requests of 200), for the tests of a
bulk assignment that stops partway, and who holds a permission set there."""

from __future__ import annotations

from typing import Any

REPS = 450  # three requests of 200, 200 and 50: the second one drops
SET = "VoiceConnectorPermission"  # no licence needed, so every rep can hold it


def reps(count: int, prefix: str = "rep") -> str:
    """Scenario lines of `count` active Standard Users (``<prefix>N@acme-demo.example``)."""
    return "\n".join(
        f"  - {{username: {prefix}{i}@acme-demo.example, last_name: Rep{i}, email: {prefix}{i}@acme-demo.example, profile: Standard User}}"
        for i in range(count)
    )


#: The fixed org id of the apply tests' scenarios, so the CLI's backups can be found and undone.
MANY_REPS = f"""
extends: fresh
organization:
  name: Acme Demo
  id: 00D5g000004AcmeEAA
permission_set_licenses:
  - name: ConversationInsightsPsl
    label: Einstein Conversation Insights
    total: 1000
users:
{reps(REPS)}
"""


def holders_of(server: Any, set_name: str = SET) -> set[str]:
    """Who holds the permission set, as the demo org itself knows it (no API call)."""
    state = server.org
    set_id = state.component_ids[("PermissionSet", set_name)]
    return {a["AssigneeId"] for a in state.find("PermissionSetAssignment", PermissionSetId=set_id)}


def rep_ids(server: Any) -> list[str]:
    """The ids of the 450 reps (not the scenario's other Standard Users)."""
    return [u["Id"] for u in server.org.rows("User") if u["Username"].startswith("rep")]
