"""The ``query`` / ``queryAll`` resources, with Salesforce's query locators for paging.

A result larger than the batch size (2000, or ``Sforce-Query-Options: batchSize=N``) comes back in
pieces: the first with ``done: false`` and a ``nextRecordsUrl`` like
``/services/data/v66.0/query/01gXXXXXXXXXXXXXXX-2000``, which simple-salesforce's ``query_more`` and
``query_all`` follow. Like Salesforce's cursors, a locator is a snapshot taken when the query ran.
The demo honours any batch size from 1 (Salesforce's minimum is 200) so paging is testable on
small orgs.
"""

from __future__ import annotations

import re
import secrets
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from wizard.demo.api_error import ApiError, bad_request
from wizard.demo.rest_context import RestContext
from wizard.demo.soql_eval import run
from wizard.demo.state import OrgState

DEFAULT_BATCH = 2000
MAX_CURSORS = 500  # per org; the oldest locators expire first, as unused Salesforce cursors do


@dataclass
class _Cursor:
    records: list[dict[str, Any]]
    total: int
    entity: str
    batch: int
    api: str


class _Cursors:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: OrderedDict[str, _Cursor] = OrderedDict()


_BY_ORG: weakref.WeakKeyDictionary[OrgState, _Cursors] = weakref.WeakKeyDictionary()
_BY_ORG_LOCK = threading.Lock()


def _cursors(org: OrgState) -> _Cursors:
    with _BY_ORG_LOCK:
        if org not in _BY_ORG:
            _BY_ORG[org] = _Cursors()
        return _BY_ORG[org]


def batch_size(headers: dict[str, str]) -> int:
    """The batch size asked for in ``Sforce-Query-Options`` (clamped to 1..2000)."""
    options = headers.get("sforce-query-options", "")
    match = re.search(r"batchSize\s*=\s*(\d+)", options, re.IGNORECASE)
    return max(1, min(DEFAULT_BATCH, int(match.group(1)))) if match else DEFAULT_BATCH


def query(ctx: RestContext, soql: str | None, headers: dict[str, str], resource: str = "query") -> dict[str, Any]:
    """Run a query and return its first batch."""
    if soql is None:
        raise bad_request("MALFORMED_QUERY", "A query string is required: pass the SOQL statement as the q parameter")
    outcome = run(ctx, soql)
    cursor = _Cursor(outcome.records, outcome.total_size, outcome.entity, batch_size(headers), ctx.api)
    return _page(ctx, cursor, None, 0, resource)


def query_more(ctx: RestContext, locator: str, resource: str = "query") -> dict[str, Any]:
    """The batch behind a ``nextRecordsUrl`` (400 INVALID_QUERY_LOCATOR when unknown or expired)."""
    key, _, offset_text = locator.rpartition("-")
    cursors = _cursors(ctx.org)
    with cursors.lock:
        cursor = cursors.open.get(key)
    if cursor is None or not offset_text.isdigit() or cursor.api != ctx.api:
        raise ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator")
    return _page(ctx, cursor, key, int(offset_text), resource)


def _page(ctx: RestContext, cursor: _Cursor, key: str | None, offset: int, resource: str) -> dict[str, Any]:
    end = offset + cursor.batch
    page: dict[str, Any] = {"totalSize": cursor.total, "done": end >= len(cursor.records)}
    if not page["done"]:
        if key is None:
            key = "01g" + secrets.token_hex(8)[:15]
            cursors = _cursors(ctx.org)
            with cursors.lock:
                cursors.open[key] = cursor
                while len(cursors.open) > MAX_CURSORS:
                    cursors.open.popitem(last=False)
        page["nextRecordsUrl"] = f"{ctx.root}{resource}/{key}-{end}"
    page["records"] = cursor.records[offset:end]
    if ctx.api == "tooling":
        page = {
            "size": cursor.total,
            "totalSize": cursor.total,
            "done": page["done"],
            "queryLocator": None if page["done"] else page["nextRecordsUrl"].rsplit("/", 1)[-1],
            "entityTypeName": cursor.entity,
            **{k: v for k, v in page.items() if k not in ("totalSize", "done")},
        }
    return page
