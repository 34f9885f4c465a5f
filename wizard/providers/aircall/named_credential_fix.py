"""Write the Aircall API key into the existing ``Aircall`` named credential, through the door.

The door's named-credential fix creates a missing credential with the API ID and token from the
keyring, and otherwise changes field by field without touching a saved password. When the key
itself changed (a new key was generated, or the user name is another key's API ID), this fix
writes both: the user name (the API ID) and the password (the API token, taken from the keyring
at the moment of writing, never held in the plan). Salesforce never returns a saved password, so
undo cannot bring the old key back; the preview says so.
"""

from __future__ import annotations

from typing import Any

from wizard.apply.door import apply_plan
from wizard.apply.executors import EXECUTORS
from wizard.apply.executors.base import Draft, ExecContext, PlanContext
from wizard.apply.model import ApplyInputs, ApplyResult, ComponentState, GuidePlan, Outcome
from wizard.apply.ops import soql_quote
from wizard.apply.secret_source import SecretSource
from wizard.apply.targets import FixTarget
from wizard.checks.named_credential import NAMED_CREDENTIALS
from wizard.engine.changes import SECRET_PLACEHOLDER, Change, ChangePlan
from wizard.engine.org_facts import OrgFacts
from wizard.engine.reads import Read
from wizard.engine.snapshot import OrgSnapshot
from wizard.guides.schema import Guide
from wizard.providers.aircall.credentials import AircallCredentials
from wizard.providers.voice.apply_link import AIRCALL_NAMED_CREDENTIAL
from wizard.providers.voice.problems import mask
from wizard.salesforce.connection import OrgConnection

FIX = "aircall_credentials"
SETTINGS = (("aircall-named-credential", "aircall-nc.username"), ("aircall-named-credential", "aircall-nc.password"))


class AircallCredentialExecutor:
    """Re-key the Aircall named credential (user name and password) over the Tooling API."""

    fix = FIX

    def planning_reads(self, target: FixTarget, facts: OrgFacts, inputs: ApplyInputs) -> list[Read]:
        return [NAMED_CREDENTIALS]

    def plan(self, target: FixTarget, ctx: PlanContext) -> Draft:
        """Planned from the API key the admin entered: see `plan_aircall_credentials`."""
        return Draft("Write the Aircall API key", f"Named credential {target.key}")

    def states(self, ctx: ExecContext, payload: dict[str, Any]) -> list[ComponentState]:
        name = payload["name"]
        rows = ctx.ops.query(f"SELECT Id, DeveloperName, Username FROM NamedCredential WHERE DeveloperName = {soql_quote(name)}", tooling=True)
        if not rows:
            return []
        return [ComponentState(api="tooling", type="NamedCredential", name=name, record_id=rows[0]["Id"], before={"Username": rows[0].get("Username")})]

    def apply(self, ctx: ExecContext, payload: dict[str, Any], states: list[ComponentState]) -> Outcome:
        outcome = Outcome()
        name = payload["name"]
        component = f"Named credential {name}"
        if not states or states[0].record_id is None:
            outcome.notes.append(f"The named credential {name} does not exist; create it with the guide's fix first.")
            return outcome
        api_id = ctx.secrets.get(payload["username_secret"])
        token = ctx.secrets.get(payload["password_secret"])
        if not api_id or not token:
            outcome.notes.append("The Aircall API ID and token are not in the keyring; enter them on the Aircall API key page.")
            return outcome
        ctx.ops.update("NamedCredential", str(states[0].record_id), {"Username": api_id, "Password": token}, component, tooling=True)
        before = (states[0].before or {}).get("Username")
        outcome.applied.append(ctx.applied(component, "Username", f"API ID {mask(before)}" if before else None, f"API ID {mask(api_id)}"))
        outcome.applied.append(ctx.applied(component, "Password", SECRET_PLACEHOLDER if before else None, SECRET_PLACEHOLDER))
        return outcome


def register() -> None:
    """Plug the executor into the door's registry (idempotent)."""
    EXECUTORS.setdefault(FIX, AircallCredentialExecutor())  # type: ignore[arg-type]


def plan_aircall_credentials(guide: Guide, facts: OrgFacts, snapshot: OrgSnapshot, credentials: AircallCredentials,
                             name: str = AIRCALL_NAMED_CREDENTIAL) -> GuidePlan:
    """The preview of re-keying the named credential (empty when it does not exist yet)."""
    row = next((r for r in snapshot.records(NAMED_CREDENTIALS) if r.get("DeveloperName") == name), None)
    if row is None:
        return GuidePlan(guide_id=guide.id, org=facts, notes=(f"The named credential {name} does not exist yet: the guide's "
                                                              "fix creates it with the API ID and token from the keyring.",))
    current = row.get("Username")
    changes = (
        Change(target=f"Named credential {name}", setting="Username", current=f"API ID {mask(current)}" if current else "(not set)",
               desired=f"API ID {mask(credentials.api_id)}", fix_name=FIX, check_ids=("aircall-nc.username",)),
        Change(target=f"Named credential {name}", setting="Password", current="(not readable)", desired=SECRET_PLACEHOLDER,
               secret=True, fix_name=FIX, check_ids=("aircall-nc.password",)),
    )
    plan = ChangePlan(title=f"Write the Aircall API key into {name}", org_name=facts.name, production=not facts.is_sandbox,
                      changes=changes, payload={"fix": FIX, "key": name, "component": f"Named credential {name}", "name": name,
                                                "username_secret": f"{name}/username", "password_secret": f"{name}/password",
                                                "settings": [list(s) for s in SETTINGS]})
    return GuidePlan(guide_id=guide.id, org=facts, plans=(plan,),
                     notes=("Salesforce never returns a saved password, so undo cannot restore the previous key.",))


def apply_aircall_credentials(conn: OrgConnection, guide: Guide, plan: GuidePlan, secrets: SecretSource,
                              confirmation: str | None = None) -> ApplyResult:
    """Through the door (backup, confirmation, write); `secrets` must hold the linked key."""
    register()
    return apply_plan(conn, guide, plan, confirmation, ApplyInputs(), secrets, None, None, None, False)  # no door re-check
