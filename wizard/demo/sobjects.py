"""What an sObject is in the demo org: its fields, what may be written, and its describe.

The REST and Tooling APIs share one model (`SObjectType`, `Field`); the catalogue of objects
the guides touch is in `wizard.demo.sobject_catalogue`. Describe output, SOQL validation and the
record writer all read the same definitions, so a field the describe calls read-only is refused
by PATCH and an unknown column in SOQL gets the same name Salesforce would give it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from wizard.demo.state import KEY_PREFIXES, OrgState

_SOAP_TYPES = {
    "id": "tns:ID",
    "reference": "tns:ID",
    "boolean": "xsd:boolean",
    "int": "xsd:int",
    "double": "xsd:double",
    "datetime": "xsd:dateTime",
    "date": "xsd:date",
}


@dataclass(frozen=True)
class Field:
    """One column of an sObject, with the properties the describe call reports."""

    name: str
    type: str = "string"  # id, string, boolean, reference, picklist, datetime, date, int, double, textarea, url, email, phone, encryptedstring
    create: bool = False
    update: bool = False
    required: bool = False  # must be given on create
    default: Any = None  # value when the stored record has none
    reference_to: tuple[str, ...] = ()
    relationship: str | None = None
    picklist: tuple[str, ...] = ()  # non-empty: a restricted picklist
    id_lookup: bool = False
    write_only: bool = False  # accepted on writes, never returned (secrets)
    label: str = ""

    def describe(self) -> dict[str, Any]:
        """This field as it appears in ``sobjects/<Name>/describe``."""
        return {
            "name": self.name,
            "label": self.label or _label(self.name),
            "type": self.type,
            "soapType": _SOAP_TYPES.get(self.type, "xsd:string"),
            "length": 0 if self.type in _SOAP_TYPES else 255,
            "createable": self.create,
            "updateable": self.update,
            "nillable": not self.required and self.type not in ("boolean", "id"),
            "defaultedOnCreate": self.default is not None,
            "filterable": not self.write_only,
            "sortable": not self.write_only and self.type != "textarea",
            "groupable": self.type not in ("double", "textarea", "datetime"),
            "idLookup": self.id_lookup,
            "unique": False,
            "custom": self.name.endswith("__c"),
            "encrypted": self.write_only,
            "restrictedPicklist": bool(self.picklist),
            "picklistValues": [
                {"active": True, "defaultValue": False, "label": v, "validFor": None, "value": v}
                for v in self.picklist
            ],
            "referenceTo": list(self.reference_to),
            "relationshipName": self.relationship,
            "calculated": False,
            "externalId": False,
        }


@dataclass(frozen=True)
class ChildRelationship:
    """A parent-to-child relationship usable as a subquery, e.g. User.PermissionSetAssignments."""

    name: str
    child: str
    field: str


#: Computes extra, org-dependent fields (e.g. one boolean per user permission).
DynamicFields = Callable[[OrgState], list[Field]]


@dataclass(frozen=True)
class SObjectType:
    """One object as one API (data or Tooling) sees it."""

    name: str
    label: str
    fields: tuple[Field, ...]
    createable: bool = False
    updateable: bool = False
    deletable: bool = False
    write_permissions: tuple[str, ...] = ()  # user permissions every write needs
    children: tuple[ChildRelationship, ...] = ()
    dynamic: DynamicFields | None = None
    setup: bool = True  # a Setup object: may not share a collections call with other objects
    key_prefix: str = ""

    def all_fields(self, org: OrgState) -> list[Field]:
        """Static fields plus the org-dependent ones, without duplicates."""
        fields = list(self.fields)
        if self.dynamic is not None:
            known = {f.name.lower() for f in fields}
            fields += [f for f in self.dynamic(org) if f.name.lower() not in known]
        return fields

    def field_map(self, org: OrgState) -> dict[str, Field]:
        """Lower-case name -> field (SOQL and JSON keys are case-insensitive)."""
        return {f.name.lower(): f for f in self.all_fields(org)}

    def relationship(self, org: OrgState, name: str) -> Field | None:
        """The reference field whose relationship name is `name` (case-insensitive)."""
        return next(
            (f for f in self.all_fields(org) if f.relationship and f.relationship.lower() == name.lower()),
            None,
        )

    def child(self, name: str) -> ChildRelationship | None:
        return next((c for c in self.children if c.name.lower() == name.lower()), None)

    @property
    def prefix(self) -> str:
        return self.key_prefix or KEY_PREFIXES.get(self.name, "")

    def describe_global(self, base: str, can_write: bool) -> dict[str, Any]:
        """The object's entry in the global describe (``sobjects``)."""
        url = f"{base}sobjects/{self.name}"
        return {
            "name": self.name,
            "label": self.label,
            "labelPlural": self.label + "s",
            "keyPrefix": self.prefix or None,
            "custom": False,
            "customSetting": False,
            "createable": self.createable and can_write,
            "updateable": self.updateable and can_write,
            "deletable": self.deletable and can_write,
            "queryable": True,
            "retrieveable": True,
            "searchable": False,
            "layoutable": not self.setup,
            "triggerable": False,
            "replicateable": False,
            "mergeable": False,
            "undeletable": False,
            "activateable": False,
            "feedEnabled": False,
            "deprecatedAndHidden": False,
            "urls": {
                "sobject": url,
                "describe": f"{url}/describe",
                "rowTemplate": f"{url}/{{ID}}",
            },
        }

    def describe(self, org: OrgState, base: str, can_write: bool) -> dict[str, Any]:
        """``sobjects/<Name>/describe``: the global entry plus fields and child relationships."""
        out = self.describe_global(base, can_write)
        out["fields"] = [
            f.describe() if can_write else replace(f, create=False, update=False).describe()
            for f in self.all_fields(org)
        ]
        out["childRelationships"] = [
            {
                "childSObject": c.child,
                "field": c.field,
                "relationshipName": c.name,
                "cascadeDelete": False,
                "restrictedDelete": False,
                "deprecatedAndHidden": False,
                "junctionIdListNames": [],
                "junctionReferenceTo": [],
            }
            for c in self.children
        ]
        out["recordTypeInfos"] = []
        return out


def _label(name: str) -> str:
    """A readable label from an API name: 'ProviderName' -> 'Provider Name'."""
    out: list[str] = []
    for i, ch in enumerate(name.removesuffix("__c").removesuffix("Id") or name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append(" ")
        out.append(ch)
    return "".join(out).replace("_", " ").strip()


def id_field() -> Field:
    return Field("Id", "id", id_lookup=True, label="Record ID")


def text(name: str, *, create: bool = False, update: bool | None = None, **kw: Any) -> Field:
    """A string-like field; writable fields are updateable unless told otherwise."""
    return Field(name, kw.pop("type", "string"), create=create, update=create if update is None else update, **kw)


def flag(name: str, *, create: bool = False, update: bool | None = None, default: bool = False) -> Field:
    """A boolean field (never null: Salesforce returns false when unset)."""
    return Field(name, "boolean", create=create, update=create if update is None else update, default=default)


def ref(name: str, *targets: str, relationship: str | None = None, create: bool = False, update: bool | None = None, required: bool = False) -> Field:
    """A lookup; its relationship name defaults to the field name without 'Id'."""
    return Field(
        name,
        "reference",
        create=create,
        update=create if update is None else update,
        required=required,
        reference_to=targets,
        relationship=relationship or name.removesuffix("Id"),
    )
