"""The Voice Connector's user identifier fields, found by label, and the users who need them.

The Voice Connector package adds "Aircall User Identifier", "RingCentral User Identifier" (Help
spells it "Ringcentral") and "Dialpad User Identifier" to User. Their API names are not
documented, so the wizard reads User's describe and picks the field by label, case-insensitively;
a missing field usually means the package is not installed. The users who matter are the active
users holding an ECI permission set (one granting ``PermissionsCallCoachingUser``): calls of an
unmapped user are dropped unless the call's phone number matches the user's Phone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wizard.engine.results import Evidence
from wizard.salesforce.connection import OrgConnection

#: Provider -> the label of its User field, as the Voice Connector names it.
IDENTIFIER_LABELS: dict[str, str] = {
    "aircall": "Aircall User Identifier",
    "ringcentral": "RingCentral User Identifier",
}
PROVIDER_NAMES = {"aircall": "Aircall", "ringcentral": "RingCentral"}


def _norm(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().lower()


@dataclass(frozen=True)
class IdentifierField:
    """The User field holding one provider's user identifier."""

    name: str
    label: str
    updateable: bool = True


class FieldNotFound(LookupError):
    """User has no (or more than one) field with the provider's identifier label."""

    def __init__(self, label: str, candidates: tuple[str, ...] = ()) -> None:
        self.label = label
        self.candidates = candidates
        if candidates:
            text = f"User has several fields labelled '{label}' ({', '.join(candidates)}); the wizard cannot tell which one the Voice Connector reads."
        else:
            text = (f"User has no field labelled '{label}'. The Voice Connector package adds it; is the package "
                    "installed, and may the signed-in user see the field (field-level security)?")
        super().__init__(text)


def find_identifier_field(describe: dict[str, Any], label: str) -> IdentifierField:
    """The User field whose label is `label` (any case, any spacing); `FieldNotFound` otherwise."""
    wanted = _norm(label)
    found = [f for f in describe.get("fields") or [] if _norm(str(f.get("label") or "")) == wanted]
    if len(found) > 1:  # prefer the package's own field if a custom copy exists too
        namespaced = [f for f in found if "__" in str(f.get("name", "")).removesuffix("__c")]
        found = namespaced if len(namespaced) == 1 else found
    if len(found) != 1:
        raise FieldNotFound(label, tuple(str(f.get("name")) for f in found))
    field = found[0]
    return IdentifierField(str(field["name"]), str(field.get("label") or label), bool(field.get("updateable", True)))


@dataclass(frozen=True)
class SalesforceUser:
    """An ECI user as mapping needs them: who they are and what their identifier says now."""

    id: str
    name: str
    username: str
    email: str
    identifier: str | None


def eci_users_soql(field: IdentifierField) -> str:
    return (
        f"SELECT Id, Name, Username, Email, {field.name} FROM User WHERE IsActive = true AND Id IN "
        "(SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.PermissionsCallCoachingUser = true) "
        "ORDER BY Name"
    )


def read_eci_users(conn: OrgConnection, field: IdentifierField) -> tuple[list[SalesforceUser], Evidence]:
    """The active users holding an ECI permission set, with the identifier field's value."""
    soql = eci_users_soql(field)
    rows = conn.call(lambda sf: sf.query_all(soql)).get("records", [])
    users = [
        SalesforceUser(str(r["Id"]), str(r.get("Name") or ""), str(r.get("Username") or ""), str(r.get("Email") or ""),
                       (str(r.get(field.name)).strip() or None) if r.get(field.name) not in (None, "") else None)
        for r in rows
    ]
    return users, Evidence(source="REST SOQL", detail=soql)


def read_identifier_field(conn: OrgConnection, provider: str) -> tuple[IdentifierField, Evidence]:
    """Describe User and find the provider's identifier field (`FieldNotFound` when absent)."""
    describe = conn.call(lambda sf: sf.User.describe())
    field = find_identifier_field(describe, IDENTIFIER_LABELS[provider])
    return field, Evidence(source="REST describe", detail=f"sobjects/User/describe: field labelled '{field.label}' is {field.name}")
