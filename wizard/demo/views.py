"""REST and Tooling views of setup entities, as projections of metadata components.

Salesforce keeps an auth provider once and shows it as the `AuthProvider` sObject and as the
`AuthProvider` metadata type; the demo org does the same. A setup entity lives once in
``org.components`` (WSDL element names); each view here says how its sObject fields are read
from that component and, for the writable ones, how a REST or Tooling write changes it. So a
component put by the Metadata API is at once in SOQL results, and an AuthProvider created by
REST is at once in ``readMetadata``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from wizard.demo.api_error import bad_request
from wizard.demo.rest_context import RestContext
from wizard.demo.state import Component, OrgState, Record, new_id


@dataclass(frozen=True)
class Link:
    """How one sObject field maps to a component element.

    kind: ``name`` (the fullName), ``value``, ``bool``, ``secret`` (written, never read back),
    ``auth_provider`` (an AuthProvider's DeveloperName shown as its Id), ``user`` (a username shown
    as the user's Id), ``const`` (always `default`).
    """

    field: str
    path: str | None = None
    kind: str = "value"
    default: Any = None


def get_path(comp: Component, path: str) -> Any:
    node: Any = comp
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def set_path(comp: Component, path: str, value: Any) -> None:
    parts = path.split(".")
    node = comp
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def as_bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    return value is True or str(value).lower() == "true"


def ensure_component_id(org: OrgState, mtype: str, full_name: str, sobject: str) -> str:
    """The sObject-view id of a component, minting one for components stored without it."""
    cid = org.component_id(mtype, full_name)
    if cid is None:
        with org.lock:
            cid = org.component_ids.setdefault((mtype, full_name), new_id(sobject))
    return cid


def user_id_for(org: OrgState, username: Any) -> str | None:
    if not username:
        return None
    users = org.find("User", Username=username)
    return users[0]["Id"] if users else None


class View:
    """A component-backed sObject: projection (read) and, if writable, the way back (write)."""

    sobject = ""
    mtype = ""
    links: tuple[Link, ...] = ()

    def rows(self, ctx: RestContext) -> list[Record]:
        return [self.project(ctx, c) for c in ctx.org.list_components(self.mtype)]

    def record_id(self, ctx: RestContext, comp: Component) -> str:
        return ensure_component_id(ctx.org, self.mtype, comp["fullName"], self.sobject)

    def project(self, ctx: RestContext, comp: Component) -> Record:
        row: Record = {"Id": self.record_id(ctx, comp)}
        for link in self.links:
            row[link.field] = self.read_link(ctx, comp, link)
        return row

    def read_link(self, ctx: RestContext, comp: Component, link: Link) -> Any:
        if link.kind == "name":
            return comp.get("fullName")
        if link.kind in ("secret", "const"):
            return link.default
        value = get_path(comp, link.path or "")
        if link.kind == "bool":
            return as_bool(value, link.default)
        if link.kind == "auth_provider":
            return ensure_component_id(ctx.org, "AuthProvider", value, "AuthProvider") if value and ctx.org.get_component("AuthProvider", value) else None
        if link.kind == "user":
            return user_id_for(ctx.org, value)
        return link.default if value in (None, "") else value

    def normalize(self, values: Record) -> Record:
        """Values as the field checks should see them (e.g. Tooling's FullName + Metadata form)."""
        return values

    def full_name_for_create(self, values: Record) -> str:
        name = next((values.get(link.field) for link in self.links if link.kind == "name"), None)
        return str(name or "")

    def apply(self, ctx: RestContext, values: Record, existing: Component | None) -> tuple[str, Component]:
        """The component after a write of `values` (canonical field names) over `existing`."""
        comp: Component = dict(existing or {})
        full_name = comp.get("fullName") or self.full_name_for_create(values)
        by_field = {link.field: link for link in self.links}
        for field, value in values.items():
            link = by_field.get(field)
            if link is None or link.kind in ("name", "const"):
                continue
            self.write_link(ctx, comp, link, value)
        if existing is None:
            self.defaults(comp)
        return full_name, comp

    def write_link(self, ctx: RestContext, comp: Component, link: Link, value: Any) -> None:
        path = link.path or ""
        if link.kind == "bool":
            set_path(comp, path, bool(value))
        elif link.kind == "auth_provider":
            found = ctx.org.component_by_id(value) if value else None
            set_path(comp, path, found[1]["fullName"] if found and found[0] == "AuthProvider" else None)
        elif link.kind == "user":
            user = ctx.org.get("User", value) if value else None
            set_path(comp, path, user.get("Username") if user else None)
        else:
            set_path(comp, path, value)

    def defaults(self, comp: Component) -> None:
        """Booleans a new component gets when the write did not set them (as Salesforce stores them)."""
        for link in self.links:
            if link.kind == "bool" and link.path and get_path(comp, link.path) is None:
                set_path(comp, link.path, bool(link.default))


_DEVELOPER_NAME = re.compile(r"^[A-Za-z](?!.*__)[A-Za-z0-9_]*(?<!_)$")


def check_developer_name(name: Any, field: str = "DeveloperName") -> None:
    """Salesforce's rule for API names, with its message."""
    if not isinstance(name, str) or len(name) > 80 or not _DEVELOPER_NAME.match(name):
        raise bad_request(
            "FIELD_INTEGRITY_EXCEPTION",
            f"The {field} field can only contain underscores and alphanumeric characters. It must be "
            "unique, begin with a letter, not include spaces, not end with an underscore, and not "
            "contain two consecutive underscores.",
            [field],
        )
