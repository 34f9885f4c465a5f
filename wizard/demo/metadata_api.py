"""The demo org's Metadata API (SOAP): ``POST /services/Soap/m/<version>/``.

simple-salesforce drives this endpoint through zeep with the WSDL it ships, so the answers must
be exactly what that WSDL promises: ``readMetadata`` returns records with ``xsi:type``; writes
return one SaveResult/UpsertResult/DeleteResult per component with Salesforce's status codes;
``listMetadata`` returns FileProperties. Limits and rules follow Salesforce: at most 10
components per CRUD call and 3 queries per listMetadata (else the ``EXCEEDED_ID_LIMIT`` fault),
one type per call, a missing component reads back as an empty record, write-only secrets,
Modify All Data or Modify Metadata for any call and the type's own permissions for writes, and no new connected apps (Spring '26) unless the
scenario allows them. With an ``AllOrNoneHeader`` nothing is saved when one component fails.

Serialization is driven by the WSDL (`metadata_xml`); per-type facts live in `metadata_rules`
and `metadata_checks`; the org's state is only touched through `OrgState`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from wizard.demo import metadata_audit
from wizard.demo.metadata_checks import delete_problem, validate
from wizard.demo.metadata_rules import (
    SETTINGS_NAMES,
    TYPES,
    SaveError,
    error,
    file_name,
    for_storage,
    guest_profile_name,
    readable,
    settings_default,
    write_access_error,
)
from wizard.demo.metadata_schema import METADATA_NS, schema
from wizard.demo.metadata_xml import (
    SoapCall,
    SoapClientError,
    Typed,
    client_fault,
    component_from_xml,
    envelope,
    parse_call,
    texts,
)
from wizard.demo.protocol import DemoRequest, DemoResponse, rest_error, soap_fault
from wizard.demo.state import OrgState, Session

MAX_COMPONENTS = 10
MAX_LIST_QUERIES = 3
_PATH = re.compile(r"^/services/Soap/m/(\d{2,3}\.\d)(/.*)?$")
_MD = f"{{{METADATA_NS}}}"

#: Status code and message for creating a connected app in an org that no longer allows it.
#: Salesforce's exact code is not published; FUNCTIONALITY_NOT_ENABLED is what a switched-off
#: org feature answers elsewhere in the Metadata API.
CONNECTED_APP_CREATION_REFUSED = (
    "FUNCTIONALITY_NOT_ENABLED",
    "Connected app creation is turned off in this org (since Spring '26). Create an external client "
    "app instead, or ask Salesforce Support to allow connected app creation.",
)


class SoapFault(Exception):
    """A call-level failure answered with an ``sf:<code>`` SOAP fault."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


def handle(org: OrgState, request: DemoRequest) -> DemoResponse:
    """Answer one Metadata API SOAP request."""
    if not _PATH.match(request.path):
        return rest_error(404, "NOT_FOUND", f"The requested resource does not exist: {request.path}")
    if request.method != "POST":
        return client_fault(f"The Metadata API takes SOAP requests by POST, not {request.method}")
    try:
        call = parse_call(request.body)
    except SoapClientError as exc:
        return client_fault(str(exc))
    session = org.session(call.session_id) if call.session_id else None
    if session is None:
        return soap_fault("INVALID_SESSION_ID", "Invalid Session ID found in SessionHeader: Illegal Session")
    request.session = session
    scopes = {s.lower() for scope in session.scopes for s in scope.split()}
    if not scopes & {"api", "full"}:
        return soap_fault("INVALID_SESSION_ID", "This session is not valid for use with the API (the token lacks the api scope)")
    if not any(org.has_permission(session.user_id, p) for p in ("ModifyAllData", "ModifyMetadata")):
        # Every Metadata API call, reads included, needs one of these (Salesforce's own wording).
        return soap_fault("INSUFFICIENT_ACCESS", "use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions")
    operation = _OPERATIONS.get(call.operation)
    if operation is None:
        return client_fault(
            f"The demo org does not emulate the Metadata API call {call.operation}; it answers "
            f"{', '.join(sorted(_OPERATIONS))}"
        )
    try:
        return operation(org, session, call)
    except SoapFault as fault:
        return soap_fault(fault.code, fault.message)
    except SoapClientError as exc:
        return client_fault(str(exc))


# -- checks shared by the calls ------------------------------------------------------------------------
def _check_type(mtype: str) -> None:
    if mtype in TYPES:
        return
    if schema().is_metadata_type(mtype) or mtype == "Settings":
        raise SoapFault("INVALID_TYPE", f"The demo org does not emulate metadata type {mtype}; it has {', '.join(sorted(TYPES))}")
    raise SoapFault("INVALID_TYPE", f"Unknown type name '{mtype}' specified in the call")


def _check_count(count: int) -> None:
    if count > MAX_COMPONENTS:
        raise SoapFault("EXCEEDED_ID_LIMIT", f"record limit reached. cannot submit more than {MAX_COMPONENTS} records in this operation")


def _current(org: OrgState, mtype: str, full_name: str) -> dict[str, Any] | None:
    """The stored component; a Settings type always exists (with its defaults until written)."""
    comp = org.get_component(mtype, full_name)
    if comp is None and TYPES[mtype].settings and full_name == SETTINGS_NAMES[mtype]:
        comp = settings_default(mtype)
    return comp


# -- readMetadata, listMetadata, describeMetadata --------------------------------------------------------
def _read(org: OrgState, session: Session, call: SoapCall) -> DemoResponse:
    mtype = (call.element.findtext(f"{_MD}type") or "").strip()
    names = texts(call.element, "fullNames")
    _check_type(mtype)
    _check_count(len(names))
    records = []
    for name in names:
        comp = _current(org, mtype, name)
        if comp and mtype == "CustomSite" and not comp.get("guestProfile"):
            comp = {**comp, "guestProfile": guest_profile_name(org, name)}
        # An empty record, as Salesforce answers for a name it does not know. It is typed as
        # Metadata so it stays valid against the WSDL; clients see fullName None either way.
        records.append(Typed(mtype, readable(mtype, comp)) if comp else Typed("Metadata", {}))
    return envelope("readMetadata", [("ReadResult", {"records": records})])


def _list(org: OrgState, session: Session, call: SoapCall) -> DemoResponse:
    queries = call.element.findall(f"{_MD}queries")
    if len(queries) > MAX_LIST_QUERIES:
        raise SoapFault("EXCEEDED_ID_LIMIT", f"record limit reached. cannot submit more than {MAX_LIST_QUERIES} queries in a listMetadata call")
    results = []
    for query in queries:
        asked = (query.findtext(f"{_MD}type") or "").strip()
        if asked == "Settings":  # Settings types are listed under the one type name "Settings"
            mtypes = [t for t in TYPES if TYPES[t].settings]
        else:
            _check_type(asked)
            if asked in org.behaviours.get("unlisted_metadata_types", ()):
                raise SoapFault("INVALID_TYPE", f"Cannot list metadata of type {asked} for this user")
            mtypes = [asked]
        for mtype in mtypes:
            comps = org.list_components(mtype)
            if TYPES[mtype].settings and not comps:
                comps = [settings_default(mtype)]
            for comp in comps:
                props = metadata_audit.file_properties(org, session, mtype, comp["fullName"])
                results.append(("FileProperties", {**props, "fileName": file_name(mtype, comp["fullName"]), "type": asked}))
    return envelope("listMetadata", results)


def _describe(org: OrgState, session: Session, call: SoapCall) -> DemoResponse:
    objects = [
        {"directoryName": r.directory, "inFolder": False, "metaFile": False, "suffix": r.suffix, "xmlName": "Settings" if r.settings else r.name}
        for r in TYPES.values()
    ]
    result = {
        "metadataObjects": objects,
        "organizationNamespace": org.organization.get("NamespacePrefix") or "",
        "partialSaveAllowed": True,
        "testRequired": not bool(org.organization.get("IsSandbox")),
    }
    return envelope("describeMetadata", [("DescribeMetadataResult", result)])


# -- createMetadata, updateMetadata, upsertMetadata, deleteMetadata --------------------------------------
def _components(call: SoapCall) -> tuple[str, list[dict[str, Any]]]:
    elements = call.element.findall(f"{_MD}metadata")
    _check_count(len(elements))
    parsed = [component_from_xml(el) for el in elements]
    types = sorted({t for t, _ in parsed})
    if len(types) > 1:
        raise SoapFault("INVALID_TYPE", f"All components of one call must be of the same type; this call mixes {', '.join(types)}")
    mtype = types[0] if types else ""
    if parsed:
        _check_type(mtype)
    return mtype, [c for _, c in parsed]


def _write(mode: str) -> Callable[[OrgState, Session, SoapCall], DemoResponse]:
    """createMetadata / updateMetadata / upsertMetadata: plan every component, then save."""

    def operation(org: OrgState, session: Session, call: SoapCall) -> DemoResponse:
        mtype, comps = _components(call)
        with org.lock:
            plans = [_plan_write(org, session, mode, mtype, comp, comps[:i]) for i, comp in enumerate(comps)]
            _apply(org, session, mtype, plans, call.all_or_none)
        result_type = "UpsertResult" if mode == "upsert" else "SaveResult"
        results = []
        for plan in plans:
            result = {"errors": plan["errors"], "fullName": plan["fullName"], "success": not plan["errors"]}
            if mode == "upsert":
                result["created"] = plan["created"] and not plan["errors"]
            results.append((result_type, result))
        return envelope(f"{mode}Metadata", results)

    return operation


def _plan_write(org: OrgState, session: Session, mode: str, mtype: str, comp: dict[str, Any], earlier: list[dict[str, Any]]) -> dict[str, Any]:
    name = comp.get("fullName") or ""
    existing = _current(org, mtype, name) if name else None
    plan: dict[str, Any] = {"fullName": name, "component": comp, "existing": existing, "created": existing is None, "errors": []}
    access = write_access_error(org, session.user_id, mtype)
    if access is not None:
        plan["errors"] = [access]
    elif name and any(e.get("fullName") == name for e in earlier):
        plan["errors"] = [error("DUPLICATE_DEVELOPER_NAME", f"{name} appears more than once in this call", ["fullName"])]
    elif mode == "create" and existing is not None and not TYPES[mtype].settings:
        plan["errors"] = [error("DUPLICATE_DEVELOPER_NAME", f"There is already a {mtype} named {name}", ["fullName"])]
    elif mode == "update" and existing is None and name:
        plan["errors"] = [error("INVALID_CROSS_REFERENCE_KEY", f"In field: fullName - no {mtype} named {name} found", ["fullName"])]
    elif existing is None and mtype == "ConnectedApp" and not org.behaviours.get("allow_connected_app_creation"):
        plan["errors"] = [error(*CONNECTED_APP_CREATION_REFUSED)]
    else:
        plan["errors"] = validate(org, mtype, comp)
    return plan


def _apply(org: OrgState, session: Session, mtype: str, plans: list[dict[str, Any]], all_or_none: bool) -> None:
    if all_or_none and any(p["errors"] for p in plans):
        for plan in plans:
            if not plan["errors"]:
                plan["errors"] = [error("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Nothing was saved because another component of this call failed (AllOrNoneHeader)")]
        return
    for plan in plans:
        if plan["errors"]:
            continue
        stored = for_storage(mtype, plan["component"], org.get_component(mtype, plan["fullName"]))
        org.put_component(mtype, plan["fullName"], stored)
        if mtype == "CustomSite" and (profile := guest_profile_name(org, plan["fullName"])):
            org.put_component(mtype, plan["fullName"], {**stored, "guestProfile": profile})
        metadata_audit.touch(org, session, mtype, plan["fullName"])


def _delete(org: OrgState, session: Session, call: SoapCall) -> DemoResponse:
    mtype = (call.element.findtext(f"{_MD}type") or "").strip()
    names = texts(call.element, "fullNames")
    _check_type(mtype)
    _check_count(len(names))
    with org.lock:
        plans = [{"fullName": name, "errors": _delete_errors(org, session, mtype, name)} for name in names]
        if call.all_or_none and any(p["errors"] for p in plans):
            for plan in plans:
                plan["errors"] = plan["errors"] or [error("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Nothing was deleted because another component of this call failed (AllOrNoneHeader)")]
        for plan in plans:
            if not plan["errors"]:
                _remove(org, mtype, plan["fullName"])
    results = [("DeleteResult", {"errors": p["errors"], "fullName": p["fullName"], "success": not p["errors"]}) for p in plans]
    return envelope("deleteMetadata", results)


def _delete_errors(org: OrgState, session: Session, mtype: str, name: str) -> list[SaveError]:
    access = write_access_error(org, session.user_id, mtype)
    if access is not None:
        return [access]
    if TYPES[mtype].settings:
        return [p] if (p := delete_problem(org, mtype, name)) else []
    if org.get_component(mtype, name) is None:
        return [error("INVALID_CROSS_REFERENCE_KEY", f"In field: fullName - no {mtype} named {name} found", ["fullName"])]
    problem = delete_problem(org, mtype, name)
    return [problem] if problem else []


def _remove(org: OrgState, mtype: str, name: str) -> None:
    if mtype == "CustomSite" and (guest := org.site_guest_user(name)) is not None:
        # The guest user goes with its site: inactive, and no longer the guest of a re-created one.
        org.update("User", guest["Id"], {"IsActive": False, "_site": None})
    org.delete_component(mtype, name)
    metadata_audit.forget(org, mtype, name)


_OPERATIONS: dict[str, Callable[[OrgState, Session, SoapCall], DemoResponse]] = {
    "readMetadata": _read,
    "createMetadata": _write("create"),
    "updateMetadata": _write("update"),
    "upsertMetadata": _write("upsert"),
    "deleteMetadata": _delete,
    "listMetadata": _list,
    "describeMetadata": _describe,
}
