"""The reads and writes the fixes make, through the real clients, with refusals explained.

Every call goes through `OrgConnection.call` (one transparent token refresh), is counted, and
turns any failure into an `ApplyError` naming what was being changed. Writes are counted apart
from reads so an apply can report how many writes it made (zero when the org already matched).
Metadata CRUD uses simple-salesforce's ``mdapi``; REST and Tooling records use ``restful`` and
``toolingexecute``; many records at once use sObject Collections (200 per request).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from simple_salesforce import Salesforce

from wizard.apply.errors import NOT_SENT, ApplyError, from_exception, from_save_errors
from wizard.salesforce.connection import OrgConnection
from wizard.salesforce.reader import plain

Record = dict[str, Any]
COLLECTION_SIZE = 200
METADATA_BATCH = 10


def strip_attributes(value: Any) -> Any:
    """REST rows without the ``attributes`` blocks (plain dicts all the way down)."""
    if isinstance(value, dict):
        return {k: strip_attributes(v) for k, v in value.items() if k != "attributes"}
    if isinstance(value, list):
        return [strip_attributes(v) for v in value]
    return value


class Ops:
    """One connection's reads and writes for an apply, counted."""

    def __init__(self, conn: OrgConnection) -> None:
        self.conn = conn
        self.reads = 0
        self.writes = 0  # write requests sent, whatever became of them
        self.refused_writes = 0  # ...that Salesforce answered with a refusal (nothing was made)
        self.unanswered_writes = 0  # ...whose answer was lost (they may or may not have been made)

    @property
    def accepted_writes(self) -> int:
        """Writes Salesforce answered with a success: what a summary may call "made"."""
        return self.writes - self.refused_writes - self.unanswered_writes

    # -- plumbing ----------------------------------------------------------------------------------
    def _call(self, fn: Any, target: str, write: bool, *, metadata: bool = False) -> Any:
        if write:
            self.writes += 1
        else:
            self.reads += 1
        try:
            return self.conn.metadata_call(fn) if metadata else self.conn.call(fn)
        except Exception as exc:
            error = from_exception(exc, target, reading=not write)
            if write and error.code == NOT_SENT:
                self.writes -= 1  # refused by the SOAP client before any request: no write was sent
            elif write:
                self._count_failed(error)
            if error is exc:
                raise
            raise error from exc

    def _count_failed(self, error: ApplyError) -> None:
        if error.dropped:
            self.unanswered_writes += 1
        else:
            self.refused_writes += 1

    # -- REST / Tooling queries ----------------------------------------------------------------------
    def query(self, soql: str, tooling: bool = False) -> list[Record]:
        """Every row of a SOQL query (following nextRecordsUrl), attributes removed."""
        target = "Tooling query" if tooling else "Query"
        if tooling:
            page = self._call(lambda sf: sf.toolingexecute("query/", params={"q": soql}), target, False)
        else:
            page = self._call(lambda sf: sf.query(soql), target, False)
        rows = list(page.get("records", []))
        while page.get("nextRecordsUrl"):
            url = page["nextRecordsUrl"]
            page = self._call(lambda sf, u=url: sf.query_more(u, identifier_is_url=True), target, False)
            rows += page.get("records", [])
        return [strip_attributes(dict(r)) for r in rows]

    # -- REST / Tooling records ------------------------------------------------------------------------
    def create(self, sobject: str, values: Record, target: str, tooling: bool = False) -> str:
        """Insert one record; returns its id."""

        def call(sf: Salesforce) -> Any:
            if tooling:
                return sf.toolingexecute(f"sobjects/{sobject}/", method="POST", data=values)
            return sf.restful(f"sobjects/{sobject}/", method="POST", json=values)

        answer = self._call(call, target, True)
        if not answer or not answer.get("success", True):
            self.refused_writes += 1
            raise from_save_errors(list((answer or {}).get("errors") or []), target)
        return str(answer["id"])

    def update(self, sobject: str, record_id: str, values: Record, target: str, tooling: bool = False) -> None:
        """Change fields of one record."""

        def call(sf: Salesforce) -> Any:
            if tooling:
                return sf.toolingexecute(f"sobjects/{sobject}/{record_id}", method="PATCH", data=values)
            return sf.restful(f"sobjects/{sobject}/{record_id}", method="PATCH", json=values)

        self._call(call, target, True)

    def delete(self, sobject: str, record_id: str, target: str, tooling: bool = False) -> None:
        """Delete one record."""

        def call(sf: Salesforce) -> Any:
            if tooling:
                return sf.toolingexecute(f"sobjects/{sobject}/{record_id}", method="DELETE")
            return sf.restful(f"sobjects/{sobject}/{record_id}", method="DELETE")

        self._call(call, target, True)

    # -- sObject Collections ----------------------------------------------------------------------------
    def collection_create(self, records: list[Record], target: str) -> list[Record]:
        """``POST composite/sobjects`` (allOrNone false): one SaveResult per record, in order."""
        if len(records) > COLLECTION_SIZE:
            raise ValueError(f"at most {COLLECTION_SIZE} records per collection request")
        body = {"allOrNone": False, "records": records}
        answer = self._call(lambda sf: sf.restful("composite/sobjects", method="POST", json=body), target, True)
        return [strip_attributes(dict(r)) for r in answer or []]

    def collection_delete(self, ids: list[str], target: str) -> list[Record]:
        """``DELETE composite/sobjects?ids=...`` (allOrNone false)."""
        if len(ids) > COLLECTION_SIZE:
            raise ValueError(f"at most {COLLECTION_SIZE} ids per collection request")
        params = {"ids": ",".join(ids), "allOrNone": "false"}
        answer = self._call(lambda sf: sf.restful("composite/sobjects", method="DELETE", params=params), target, True)
        return [strip_attributes(dict(r)) for r in answer or []]

    # -- Metadata API -------------------------------------------------------------------------------------
    def md_read(self, mtype: str, names: Iterable[str]) -> dict[str, Record | None]:
        """name -> component as plain dicts (secrets never returned), None when absent."""
        wanted = list(dict.fromkeys(names))
        found: dict[str, Record | None] = dict.fromkeys(wanted)
        for start in range(0, len(wanted), METADATA_BATCH):
            chunk = wanted[start : start + METADATA_BATCH]
            answer = self._call(lambda sf, c=chunk: getattr(sf.mdapi, mtype).read(c), f"{mtype} (read)", False, metadata=True)
            for item in answer if isinstance(answer, list) else [answer]:
                data = plain(item) or {}
                if data.get("fullName") in found:
                    found[data["fullName"]] = data
        return found

    def md_write(self, mode: str, mtype: str, components: list[Record], target: str) -> None:
        """createMetadata / updateMetadata of components of one type (plain dicts)."""
        for start in range(0, len(components), METADATA_BATCH):
            chunk = components[start : start + METADATA_BATCH]

            def call(sf: Salesforce, c: list[Record] = chunk) -> Any:
                kind = getattr(sf.mdapi, mtype)
                objects = [kind(**comp) for comp in c]
                return kind.create(objects) if mode == "create" else kind.update(objects)

            self._call(call, target, True, metadata=True)

    def md_delete(self, mtype: str, names: list[str], target: str) -> None:
        """deleteMetadata of components of one type."""
        for start in range(0, len(names), METADATA_BATCH):
            chunk = names[start : start + METADATA_BATCH]
            self._call(lambda sf, c=chunk: getattr(sf.mdapi, mtype).delete(c), target, True, metadata=True)

    def md_list(self, mtype: str) -> list[Record]:
        """FileProperties of every component of one type."""

        def call(sf: Salesforce) -> Any:
            return sf.mdapi.list_metadata([sf.mdapi.ListMetadataQuery(type=mtype)])

        answer = self._call(call, f"{mtype} (list)", False, metadata=True)
        return [plain(item) or {} for item in answer or []]


def soql_quote(value: str) -> str:
    """A SOQL string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def soql_list(values: Iterable[str]) -> str:
    """``('a', 'b')`` for IN clauses."""
    return "(" + ", ".join(soql_quote(v) for v in sorted(set(values))) + ")"


def quote_path(value: str) -> str:
    return quote(value, safe="")
