"""Who is calling, through which API and version: what every REST handler needs to know."""

from __future__ import annotations

from dataclasses import dataclass, replace

from wizard.demo.sobject_catalogue import lookup, objects
from wizard.demo.sobjects import SObjectType
from wizard.demo.state import OrgState, Session


@dataclass(frozen=True)
class RestContext:
    """One REST or Tooling call: the org, the caller's session, the API family and version."""

    org: OrgState
    session: Session | None
    api: str = "data"  # "data" or "tooling"
    version: str = "66.0"
    base_url: str = ""  # the instance URL, https://127.0.0.1:PORT

    @property
    def user_id(self) -> str:
        return self.session.user_id if self.session else ""

    @property
    def root(self) -> str:
        """The path every resource of this API hangs under, e.g. /services/data/v66.0/tooling/."""
        return f"/services/data/v{self.version}/" + ("tooling/" if self.api == "tooling" else "")

    def record_url(self, sobject: str, record_id: str | None) -> str:
        """The ``attributes.url`` Salesforce gives a record."""
        return f"{self.root}sobjects/{sobject}/{record_id or ''}".rstrip("/")

    def for_api(self, api: str) -> RestContext:
        return replace(self, api=api)

    def can(self, *permissions: str) -> bool:
        """Whether the session's user holds every one of these user permissions."""
        if not self.session:
            return False
        held = self.org.user_permissions(self.session.user_id)
        return all(p in held for p in permissions)

    def sobject(self, name: str) -> SObjectType | None:
        """An object of this API as this org has it: None when unknown or its feature is off.

        An object whose feature is not enabled (scenario key ``organization.objects_not_enabled``)
        is absent everywhere in a real org: SOQL, describe, the sObject routes and collections.
        """
        obj = lookup(self.api, name)
        return None if obj is None or obj.name in self.org.objects_not_enabled else obj

    def sobjects(self) -> tuple[SObjectType, ...]:
        """Every object of this API the org has (what the global describe lists)."""
        return tuple(o for o in objects(self.api) if o.name not in self.org.objects_not_enabled)
